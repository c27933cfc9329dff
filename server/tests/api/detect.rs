//! `todoke-server detect`: the built binary on two of the aberration crate's R fixtures (counts, and
//! rates per reporting site; its output read back and compared with R's), and on malformed files (exit status 2, one line naming the line
//! and the problem).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../aberration/fixtures")
}

fn detect(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_todoke-server")).arg("detect").args(args).output().unwrap()
}

fn rows(csv: &str) -> Vec<Vec<String>> {
    csv.lines().skip(1).map(|line| line.split(',').map(str::to_owned).collect()).collect()
}

/// Runs `detect METHOD fixtures/series/SERIES.csv OPTIONS` and compares its 52 weeks with R's
/// `expected/CASE.csv`: the same weeks and alarms, bounds within 1e-6 relative, NA where R has NA.
fn agrees_with_r(method: &str, series: &str, options: &[&str], case: &str) {
    let series = fixtures().join(format!("series/{series}.csv"));
    let mut args = vec![method, series.to_str().unwrap()];
    args.extend(options);
    let output = detect(&args);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let ours = String::from_utf8(output.stdout).unwrap();
    assert!(ours.starts_with("week,upperbound,alarm\n"));
    let theirs = std::fs::read_to_string(fixtures().join(format!("expected/{case}.csv"))).unwrap();
    let (ours, theirs) = (rows(&ours), rows(&theirs));
    assert_eq!(ours.len(), 52);
    for (our, their) in ours.iter().zip(&theirs) {
        assert_eq!((&our[0], &our[2]), (&their[0], &their[2]));
        // Shortest round-trip text: the same number R wrote with 17 digits.
        match (our[1].parse::<f64>(), their[1].parse::<f64>()) {
            (Ok(a), Ok(b)) => assert!((a - b).abs() <= 1e-6 * b, "{our:?} {their:?}"),
            _ => assert_eq!((our[1].as_str(), their[1].as_str()), ("NA", "NA")),
        }
    }
}

#[test]
fn prints_what_r_computes_for_a_fixture() {
    agrees_with_r("farrington", "outbreaks", &["--threshold-method", "nbPlugin"], "outbreaks-nbplugin");
}

#[test]
fn prints_what_r_computes_on_rates_per_reporting_site() {
    agrees_with_r("farrington", "sentinel", &["--population-offset", "TRUE"], "sentinel-offset");
}

#[test]
fn the_range_and_alpha_options_change_the_output() {
    let series = fixtures().join("series/trend.csv");
    let output = detect(&["ears-c1", series.to_str().unwrap(), "--range", "3", "--alpha", "0.5"]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(rows(&text).len(), 3);
    // With alpha 0.5, z = 0 and the bound is the baseline mean: a multiple of 1/7.
    for row in rows(&text) {
        let bound: f64 = row[1].parse().unwrap();
        assert!(((bound * 7.0).round() - bound * 7.0).abs() < 1e-9, "{row:?}");
    }
}

/// Runs detect on `content` and returns the one line it wrote to stderr.
fn refused(content: &str, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("series.csv");
    std::fs::write(&file, content).unwrap();
    let mut all = vec![args[0], file.to_str().unwrap()];
    all.extend(&args[1..]);
    let output = detect(&all);
    assert_eq!(output.status.code(), Some(2), "{content}");
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr.trim_end().replace(file.to_str().unwrap(), "series.csv")
}

fn weeks(counts: &[&str]) -> String {
    let mut text = String::from("week,count\n");
    for (i, count) in counts.iter().enumerate() {
        let week = aberration::IsoWeek::new(2022, 1).unwrap().plus(i as i64).unwrap();
        text.push_str(&format!("{week},{count}\n"));
    }
    text
}

#[test]
fn malformed_files_exit_2_naming_the_line_and_the_problem() {
    assert_eq!(
        refused("week,count\n2023-W01,1\n2023-W03,2\n", &["ears-c1"]),
        "series.csv line 3: weeks must be consecutive: expected 2023-W02, found 2023-W03"
    );
    assert_eq!(
        refused("week,count\n2023-W1,1\n", &["ears-c1"]),
        "series.csv line 2: not an ISO week like 2023-W05: 2023-W1"
    );
    assert_eq!(
        refused(&weeks(&["1", "2", "-3"]), &["ears-c1"]),
        "series.csv line 4: the count must not be negative: -3"
    );
    assert_eq!(
        refused("day,cases\n", &["ears-c1"]),
        "series.csv line 1: the header must be week,count or week,count,population"
    );
    assert_eq!(
        refused("week,count,population\n2023-W01,1,2\n2023-W02,1,0\n", &["ears-c1"]),
        "series.csv line 3: a week with population 0 has no count: it must be NA"
    );
    let long = weeks(&["1"; 330]);
    assert_eq!(
        refused(&long, &["farrington", "--population-offset", "TRUE"]),
        "detect: populationOffset needs a series with a population"
    );
    let short = weeks(&["1"; 10]);
    assert_eq!(
        refused(&short, &["ears-c1", "--range", "5"]),
        "series.csv line 7 (2022-W06): the series is too short for these parameters; the first week it can evaluate is 2022-W08"
    );
    assert_eq!(
        refused(&short, &["farrington", "--range", "1"]),
        "series.csv line 11 (2022-W10): the series is too short for these parameters"
    );
    assert_eq!(
        refused(&short, &["ears-c1"]),
        "series.csv line 2 (2022-W01): the series has 10 weeks, fewer than --range 52"
    );
    assert_eq!(refused(&short, &["ears-c2", "--b", "3"]), "detect: --b is not an option of ears-c2");
}
