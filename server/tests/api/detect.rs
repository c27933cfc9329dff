//! `todoke-server detect`: the built binary on one of the aberration crate's R fixtures (its output
//! read back and compared with R's), and on malformed files (exit status 2, one line naming the line
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

#[test]
fn prints_what_r_computes_for_a_fixture() {
    let series = fixtures().join("series/outbreaks.csv");
    let output = detect(&["farrington", series.to_str().unwrap(), "--threshold-method", "nbPlugin"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let ours = String::from_utf8(output.stdout).unwrap();
    assert!(ours.starts_with("week,upperbound,alarm\n"));
    let theirs = std::fs::read_to_string(fixtures().join("expected/outbreaks-nbplugin.csv")).unwrap();
    let (ours, theirs) = (rows(&ours), rows(&theirs));
    assert_eq!(ours.len(), 52);
    for (our, their) in ours.iter().zip(&theirs) {
        assert_eq!((&our[0], &our[2]), (&their[0], &their[2]));
        // Shortest round-trip text: the same number R wrote with 17 digits.
        let (a, b): (f64, f64) = (our[1].parse().unwrap(), their[1].parse().unwrap());
        assert!((a - b).abs() <= 1e-6 * b, "{our:?} {their:?}");
    }
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
    assert_eq!(refused("day,cases\n", &["ears-c1"]), "series.csv line 1: the header must be week,count");
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
