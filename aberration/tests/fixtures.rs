//! Every case of fixtures/cases.tsv, computed here and compared with what R's surveillance 1.20.3
//! computed (fixtures/make-fixtures.R): upper bounds within 1e-6 relative, alarms identical, NA
//! exactly where R has NA.
#![allow(clippy::unwrap_used, clippy::panic)]

use std::path::Path;

use aberration::options;
use aberration::series::WeeklySeries;
use aberration::{Detail, Evaluation, Method};

fn fixture(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(path)).unwrap()
}

/// One expected row: week, bound (None = NA), alarm (None = NA), and in a rule case the method
/// the week used, as the command line writes it (else empty).
type Row = (String, Option<f64>, Option<bool>, String);

fn expected(case: &str) -> Vec<Row> {
    fixture(&format!("expected/{case}.csv"))
        .lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            let bound = (cells[1] != "NA").then(|| cells[1].parse().unwrap());
            let alarm = match cells[2] {
                "NA" => None,
                flag => Some(flag == "1"),
            };
            (cells[0].to_owned(), bound, alarm, cells.get(3).copied().unwrap_or("").to_owned())
        })
        .collect()
}

/// Whether our week is R's: the bound within 1e-6 relative, the alarm identical, NA where R has NA.
fn agrees(our: &Evaluation, bound: Option<f64>, alarm: Option<bool>) -> bool {
    let bound_agrees = match (our.upperbound, bound) {
        (Some(ours), Some(theirs)) => (ours - theirs).abs() <= 1e-6 * theirs.abs().max(f64::MIN_POSITIVE),
        (None, None) => true,
        _ => false,
    };
    bound_agrees && our.alarm == alarm
}

/// A method as the command line writes it: `farrington --b 2`.
fn method(words: &str) -> Method {
    let mut words = words.split_whitespace().map(str::to_owned);
    let name = words.next().unwrap();
    options::parse(&name, &words.collect::<Vec<_>>()).unwrap().method
}

fn cases() -> Vec<[String; 4]> {
    table("cases.tsv")
}

/// The rows of a fixture table after its comment and header, four cells each.
fn table(name: &str) -> Vec<[String; 4]> {
    fixture(name)
        .lines()
        .filter(|line| !line.starts_with('#'))
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            [0, 1, 2, 3].map(|i| cells.get(i).copied().unwrap_or("").to_owned())
        })
        .collect()
}

/// Compares every case, evaluated to `detail`, with R; returns the number of rows and those that
/// differ. (`Detail::Alarms` would answer `0` where R's alarm is `NA` in a week that `limit54` rules
/// out, but in the fixtures every such week has a model.)
fn differences(detail: Detail) -> (usize, Vec<String>) {
    let cases = cases();
    assert!(cases.len() > 40, "the fixtures hold {} cases", cases.len());
    let mut failures = Vec::new();
    let mut rows = 0;
    for [case, series, method, options] in &cases {
        let series = WeeklySeries::parse_csv(&fixture(&format!("series/{series}.csv"))).unwrap();
        let words: Vec<String> = options.split_whitespace().map(str::to_owned).collect();
        let detection = options::parse(method, &words).unwrap();
        let ours = detection.method.evaluate_with(&series, series.last(detection.weeks), detail).unwrap();
        let theirs = expected(case);
        assert_eq!(ours.len(), theirs.len(), "{case}");
        for (our, (week, bound, alarm, _)) in ours.iter().zip(&theirs) {
            rows += 1;
            assert_eq!(&our.week.to_string(), week, "{case}");
            if !agrees(our, *bound, *alarm) {
                failures
                    .push(format!("{case} {week}: ours {:?} {:?}, R {bound:?} {alarm:?}", our.upperbound, our.alarm));
            }
        }
    }
    (rows, failures)
}

#[test]
fn every_case_agrees_with_r() {
    let (rows, failures) = differences(Detail::AsR);
    assert!(failures.is_empty(), "{} of {rows} rows differ:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_alarm_runs_detail_agrees_with_r_too() {
    let (rows, failures) = differences(Detail::Alarms);
    assert!(failures.is_empty(), "{} of {rows} rows differ:\n{}", failures.len(), failures.join("\n"));
}

/// Every case of fixtures/rule-cases.tsv: todoke's rule for short histories (`Method::for_history`)
/// week by week on a series that starts late, against R running each week the method that
/// make-fixtures.R's own rule picks from the package's reference weeks: the same method (Farrington
/// with the series' whole years as `b`, EARS in its first year), then R's bound and alarm.
#[test]
fn the_short_history_rule_picks_what_r_is_run_with_and_agrees_with_r() {
    let mut failures = Vec::new();
    let mut used = Vec::new();
    for [case, series, configured, fallback] in table("rule-cases.tsv") {
        let series = WeeklySeries::parse_csv(&fixture(&format!("series/{series}.csv"))).unwrap();
        let (configured, Method::Ears(fallback)) = (method(&configured), method(&fallback)) else { panic!("{case}") };
        let theirs = expected(&case);
        for (k, (week, bound, alarm, theirs)) in (series.len() - theirs.len()..).zip(theirs) {
            let chosen = configured.for_history(&series, k, &fallback);
            assert_eq!(chosen, method(&theirs), "{case} {week}");
            used.push(theirs);
            for detail in [Detail::AsR, Detail::Alarms] {
                let ours = chosen.evaluate_with(&series, k..k + 1, detail).unwrap();
                assert_eq!(ours[0].week.to_string(), week, "{case}");
                if !agrees(&ours[0], bound, alarm) {
                    failures.push(format!("{case} {week} {detail:?}: ours {:?}, R {bound:?} {alarm:?}", ours[0]));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} rows differ:\n{}", failures.len(), failures.join("\n"));
    let methods =
        ["ears-c2 --min-sigma 0.5", "--per-population TRUE", "farrington --b 1", "farrington --b 3", "TRUE --b 4"];
    for method in methods {
        assert!(used.iter().any(|used| used.ends_with(method)), "a week with {method}");
    }
}

#[test]
fn the_fixtures_contain_the_hard_cases() {
    let all: Vec<_> = cases().iter().flat_map(|[case, ..]| expected(case)).collect();
    assert!(all.iter().any(|(_, bound, ..)| bound.is_none()), "NA bounds");
    assert!(all.iter().any(|(_, _, alarm, _)| alarm.is_none()), "NA alarms");
    assert!(all.iter().filter(|(_, _, alarm, _)| *alarm == Some(true)).count() > 50, "alarms");
    assert!(all.iter().any(|(week, ..)| week.ends_with("W53")), "a week 53 among the evaluated weeks");
}
