//! Aberration alarms (issue 15): a series that crosses its bound (the 疑似症 reports' too) raises one
//! alarm per week and method, however often the run repeats; the alarm is mailed to its health center; only the
//! responsible health center and those above it see and mark it, and each marking is kept. An open
//! alarm whose week no longer exceeds is withdrawn by the run, and reopened if it exceeds again.
//!
//! Each test reads the week its data is in once ([`data_week`]) and names it from then on (the dates
//! it files, `run_week`); the background pass (`run_once`) takes its week from the clock it is
//! given, so what a test asserts of a pass holds whether or not that clock has crossed Monday 00:00
//! JST since the read (see [`covers_only`]).

use aberration::IsoWeek;
use domain::api::{AlarmDetail, AlarmList, DetectionConfiguration, MasterImportReport};
use domain::error::ApiError;
use domain::import::ImportProblemCode;
use reqwest::StatusCode;
use serde_json::json;
use server::alarms::run::{last_complete_week, run_once, run_week};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, measles_submission, Api};

on_both_databases!(
    a_series_over_its_bound_raises_one_alarm_per_week_and_method_once,
    alarms_are_marked_by_their_area_and_those_above_it_with_history,
    new_alarms_are_mailed_to_the_health_center with quick_mail,
    a_sentinel_series_over_its_bound_raises_one_alarm_also_when_its_report_comes_late,
    a_series_with_a_year_of_history_runs_farrington_with_one_year_and_a_newer_one_ears,
    a_sentinel_series_in_its_first_year_is_watched_on_the_rate_per_reporting_site,
    an_open_alarm_of_a_method_the_rule_no_longer_picks_is_withdrawn_for_the_one_it_picks with quick_mail,
    syndromic_reports_are_a_series_whose_late_reports_raise_an_alarm,
    an_open_alarm_is_withdrawn_when_its_week_no_longer_exceeds_and_reopened_when_it_does_again with quick_mail,
    withdrawn_notifications_are_late_data_that_withdraw_the_alarms_they_raised,
    the_health_center_master_sets_where_alarm_mails_go with quick_mail,
    a_test_server_runs_no_detection_unless_asked,
    a_server_with_detection_on_runs_it_at_start with detection_on,
);

fn detection_on(config: &mut server::config::Config) {
    config.alarm_detection = true;
}

/// Where the mails link the alarms.
const SITE: &str = "http://localhost";

fn quick_mail(config: &mut server::config::Config) {
    config.accounts.letter_poll = Duration::milliseconds(100);
}

/// The week a test's data is dated in and its runs are for: the last complete week (Monday to Sunday
/// in Japan) as the run reckons it on the server's clock, read once at the test's start.
fn data_week() -> IsoWeek {
    last_complete_week(server::store::now())
}

/// Whether a pass (`run_once`) at `now` covers `week` as its last complete week, and so nothing of the
/// week after it: a pass whose clock has crossed Monday 00:00 JST since the test read `week` also runs
/// every series of the new week (nothing raised there: the tests file nothing in it), which shows in
/// its `evaluated` only.
fn covers_only(now: OffsetDateTime, week: IsoWeek) -> bool {
    last_complete_week(now) == week
}

/// doctor1 (北町, health center 9901) files `cases` measles notifications dated in `week`: onset on its
/// Monday, diagnosis on its Wednesday. Their ids.
async fn file_cases(api: &Api, week: IsoWeek, cases: usize) -> Vec<Uuid> {
    let monday = week.monday();
    let day = |days: i64| (monday + Duration::days(days)).to_string();
    let doctor = api.login("doctor1").await;
    let mut ids = Vec::new();
    for _ in 0..cases {
        let mut submission = measles_submission();
        submission["answers"]["onset_date"] = json!(day(0));
        submission["answers"]["first_visit_date"] = json!(day(1));
        submission["answers"]["diagnosis_date"] = json!(day(2));
        let id = Uuid::new_v4();
        let response = doctor.put_json(&format!("/notifications/{id}"), &submission).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        ids.push(id);
    }
    ids
}

/// Six cases in `week`, then the run for that week.
pub(crate) async fn six_cases_detected(api: &Api, week: IsoWeek) -> server::alarms::run::RunReport {
    file_cases(api, week, 6).await;
    let store = server::store::connect(&api.database_url).await.unwrap();
    run_week(store.as_ref(), week, server::store::now(), SITE).await.unwrap()
}

/// The alarm mails (not the 直ちに notifications' mails, which the cases filed also bring) to `address`.
fn alarm_mails(api: &Api, address: &str) -> Vec<crate::support::smtp_sink::Mail> {
    api.mail.mails_to(address).into_iter().filter(|mail| mail.text.contains("異常検知")).collect()
}

async fn alarm_rows(api: &Api) -> Vec<(String, String, String, i32, i32)> {
    api.fetch_all("SELECT health_center_code, source, method, iso_week, observed FROM alarms ORDER BY method").await
}

async fn a_series_over_its_bound_raises_one_alarm_per_week_and_method_once(api: Api) {
    let week = data_week();
    let first = six_cases_detected(&api, week).await;
    let expected = vec![
        ("9901".to_owned(), "notifications_by_onset".to_owned(), "ears-c2".to_owned(), i32::from(week.week()), 6),
        (
            "9901".to_owned(),
            "notifications_by_diagnosis".to_owned(),
            "farrington".to_owned(),
            i32::from(week.week()),
            6,
        ),
    ];
    assert_eq!(alarm_rows(&api).await, expected, "measles at 北町: Farrington by diagnosis, EARS C2 by onset");
    assert!(first.stored.len() == 2 && first.evaluated > 0, "{first:?}");

    // The operators' command runs the same run once: nothing new either.
    let week_text = week.to_string();
    let args = ["detect-alarms", "--week", &week_text];
    let output = crate::support::todoke_server(&api.database_url, &args, &[("TODOKE_DEMO", "1")]).await;
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains(", 0 new alarms"));
    let store = server::store::connect(&api.database_url).await.unwrap();
    let now = server::store::now();
    assert_eq!(run_week(store.as_ref(), week, now, SITE).await.unwrap().stored, Vec::<Uuid>::new());
    assert_eq!(run_once(store.as_ref(), now, SITE).await.unwrap().stored, Vec::<Uuid>::new());
    // The week before had no case: nothing to raise there.
    assert!(run_week(store.as_ref(), week.plus(-1).unwrap(), now, SITE).await.unwrap().stored.is_empty());
    assert_eq!(alarm_rows(&api).await, expected, "re-running adds nothing");

    // Late data: two more cases of the same week reach the run as late data, which re-evaluates the
    // week; the alarms stay one per method (their observed count is the one first detected).
    file_cases(&api, week, 2).await;
    let late = run_once(store.as_ref(), server::store::now(), SITE).await.unwrap();
    assert!(late.evaluated >= 2 && late.stored.is_empty());
    assert_eq!(alarm_rows(&api).await.len(), 2);
}

async fn alarms_are_marked_by_their_area_and_those_above_it_with_history(api: Api) {
    six_cases_detected(&api, data_week()).await;
    let north = api.login("hc-north").await;
    let list: AlarmList = expect_json(north.get("/alarms").await, StatusCode::OK).await;
    assert_eq!((list.open, list.alarms.len()), (2, 2));
    let farrington = list.alarms.iter().find(|alarm| alarm.method == "farrington").unwrap().clone();
    let path = format!("/alarms/{}", farrington.id);

    for (user_id, count) in [("pref-demo", 2), ("national", 2), ("hc-south", 0), ("city-staff", 0)] {
        let list: AlarmList = expect_json(api.login(user_id).await.get("/alarms").await, StatusCode::OK).await;
        assert_eq!(list.alarms.len(), count, "{user_id}");
    }
    let doctor = api.login("doctor1").await;
    expect_error(doctor.get("/alarms").await, StatusCode::FORBIDDEN, "forbidden").await;

    let detail: AlarmDetail = expect_json(north.get(&path).await, StatusCode::OK).await;
    let last = detail.series.last().unwrap();
    assert_eq!((last.week, last.count, last.alarm), (farrington.week, Some(6), true));
    assert!(last.upperbound.is_some_and(|bound| bound < 6.0), "{last:?}");
    assert_eq!(detail.series.iter().filter(|week| week.alarm).count(), 1);
    assert!(
        detail.series[..detail.series.len() - 1].iter().all(|week| week.count == Some(0)),
        "a week without notifications counts 0"
    );
    assert_eq!(detail.parameters.name(), "farrington");

    let body =
        |mark: &str, comment: &str, revision: u32| json!({ "mark": mark, "comment": comment, "revision": revision });
    let marking = body("investigating", "集団発生の有無を確認中", 1);
    for (user_id, status, code) in
        [("hc-south", StatusCode::NOT_FOUND, "not_found"), ("city-staff", StatusCode::NOT_FOUND, "not_found")]
    {
        let user = api.login(user_id).await;
        expect_error(user.get(&path).await, status, code).await;
        expect_error(user.post_json(&format!("{path}/mark"), &marking).await, status, code).await;
    }
    expect_error(doctor.post_json(&format!("{path}/mark"), &marking).await, StatusCode::FORBIDDEN, "forbidden").await;
    let missing = format!("/alarms/{}/mark", Uuid::new_v4());
    expect_error(north.post_json(&missing, &marking).await, StatusCode::NOT_FOUND, "not_found").await;
    let blank = north.post_json(&format!("{path}/mark"), &body("investigating", "  ", 1)).await;
    expect_error(blank, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let stale = north.post_json(&format!("{path}/mark"), &body("investigating", "確認", 7)).await;
    expect_error(stale, StatusCode::CONFLICT, "invalid_transition").await;
    assert_eq!(api.query_count("SELECT COUNT(*) FROM alarm_events").await, 0, "refusals change nothing");

    let marked: AlarmDetail =
        expect_json(north.post_json(&format!("{path}/mark"), &marking).await, StatusCode::OK).await;
    assert_eq!((marked.alarm.status, marked.alarm.revision), (domain::alarms::AlarmStatus::Investigating, 2));
    let again = north.post_json(&format!("{path}/mark"), &body("investigating", "再度", 2)).await;
    expect_error(again, StatusCode::CONFLICT, "invalid_transition").await;
    let prefecture = api.login("pref-demo").await;
    let explained = body("explained", "同一保育園の集団発生として対応済み", 2);
    expect_json::<AlarmDetail>(prefecture.post_json(&format!("{path}/mark"), &explained).await, StatusCode::OK).await;
    let national = api.login("national").await;
    let reopened = body("investigating", "追加の報告あり", 3);
    let detail: AlarmDetail =
        expect_json(national.post_json(&format!("{path}/mark"), &reopened).await, StatusCode::OK).await;
    let history: Vec<(&str, &str)> =
        detail.history.iter().map(|entry| (entry.actor.as_deref().unwrap(), entry.comment.as_str())).collect();
    assert_eq!(
        history,
        [
            ("hc-north", "集団発生の有無を確認中"),
            ("pref-demo", "同一保育園の集団発生として対応済み"),
            ("national", "追加の報告あり")
        ]
    );
    let list: AlarmList = expect_json(north.get("/alarms").await, StatusCode::OK).await;
    assert_eq!((list.open, list.alarms[0].method.as_str()), (1, "ears-c2"), "the open one first");
    // The home screens' count is the list's, for each scope.
    for (user_id, open) in [("hc-north", 1), ("pref-demo", 1), ("hc-south", 0)] {
        let count: domain::api::OpenAlarmCount =
            expect_json(api.login(user_id).await.get("/alarms/open-count").await, StatusCode::OK).await;
        assert_eq!(count.open, open, "{user_id}");
    }

    let marks = api.audit_log().await.into_iter().filter(|(_, action, _)| action == "mark_alarm");
    let outcomes: Vec<String> = marks.map(|(_, _, outcome)| outcome).collect();
    assert_eq!(outcomes.iter().filter(|outcome| *outcome == "success").count(), 3);
    assert!(outcomes.iter().filter(|outcome| *outcome == "denied").count() >= 3, "{outcomes:?}");

    let configuration: DetectionConfiguration =
        expect_json(api.login("national-admin").await.get("/alarms/configuration").await, StatusCode::OK).await;
    let measles = configuration.diseases.iter().find(|entry| entry.disease == "measles").unwrap();
    assert_eq!(measles.detections.len(), 2);
    expect_error(north.get("/alarms/configuration").await, StatusCode::FORBIDDEN, "forbidden").await;
}

async fn new_alarms_are_mailed_to_the_health_center(api: Api) {
    let week = data_week();
    six_cases_detected(&api, week).await;
    let address = "kita-hc@demo-pref.todoke.invalid";
    let mut mails = Vec::new();
    for _ in 0..200 {
        mails = alarm_mails(&api, address);
        if mails.len() >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(mails.len(), 2, "one mail per alarm");
    let ids: Vec<Uuid> = api.fetch_all::<(Uuid,)>("SELECT id FROM alarms").await.into_iter().map(|(id,)| id).collect();
    for id in ids {
        assert!(mails.iter().any(|mail| mail.text.contains(&format!("/alarms/{id}"))), "a mail links {id}");
    }
    assert!(mails.iter().all(|mail| mail.text.contains("麻しん") && mail.text.contains("デモ県北保健所")));
    let store = server::store::connect(&api.database_url).await.unwrap();
    run_week(store.as_ref(), week, server::store::now(), SITE).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(alarm_mails(&api, address).len(), 2, "a re-run mails nothing again");
    assert!(alarm_mails(&api, "minami-hc@demo-pref.todoke.invalid").is_empty());
}

/// `site` (a logged-in manager of a respiratory site of 北町, health center 9901) reports `patients`
/// influenza patients in `week`.
async fn report_influenza(site: &crate::support::User, week: IsoWeek, patients: u32) {
    let cells = json!([{ "disease": "influenza", "age_band": "20-29y", "sex": "female", "count": patients }]);
    let report =
        json!({ "kind": "respiratory_weekly", "period": week.to_string(), "no_patients": false, "cells": cells });
    let filed = site.put_json(&format!("/sentinel/reports/{}", Uuid::new_v4()), &report).await;
    assert_eq!(filed.status(), StatusCode::CREATED);
}

/// Sentinel series are rates per reporting site. 北町's baseline: sentinel1 alone reported four
/// influenza patients a week a year ago (Farrington's first reference year) and two to six weeks ago;
/// no site reported in the other weeks, which are `NA`, not 0. Last week a second site (北町内科医院)
/// reported too: eight patients from two sites is the same rate, no alarm (as a count, eight would
/// exceed a one-site baseline of four). In the last complete week, reported after that week's run,
/// sixteen patients from the two sites exceed the bound of the rate.
async fn a_sentinel_series_over_its_bound_raises_one_alarm_also_when_its_report_comes_late(api: Api) {
    let store = server::store::connect(&api.database_url).await.unwrap();
    let week = data_week();
    let sentinel1 = api.login("sentinel1").await;
    let internist = crate::sentinel::manager_of(&api, "kita-naika", "9910000011").await;
    for weeks_back in (2..=6).chain(48..=56) {
        report_influenza(&sentinel1, week.plus(-weeks_back).unwrap(), 4).await;
    }
    for site in [&sentinel1, &internist] {
        report_influenza(site, week.plus(-1).unwrap(), 4).await;
    }
    // The weekly run comes before the week's reports (due the Monday after the week).
    let before = run_week(store.as_ref(), week, server::store::now(), SITE).await.unwrap();
    assert!(before.stored.is_empty());

    report_influenza(&sentinel1, week, 12).await;
    report_influenza(&internist, week, 4).await;
    let late = run_once(store.as_ref(), server::store::now(), SITE).await.unwrap();
    assert_eq!(late.stored.len(), 1, "{late:?}");
    let expected =
        vec![("9901".to_owned(), "sentinel_reports".to_owned(), "farrington".to_owned(), i32::from(week.week()), 16)];
    assert_eq!(alarm_rows(&api).await, expected);
    assert!(run_week(store.as_ref(), week, server::store::now(), SITE).await.unwrap().stored.is_empty());
    assert!(run_once(store.as_ref(), server::store::now(), SITE).await.unwrap().stored.is_empty());
    assert_eq!(alarm_rows(&api).await, expected, "re-running adds nothing");

    let north = api.login("hc-north").await;
    let list: AlarmList = expect_json(north.get("/alarms").await, StatusCode::OK).await;
    let detail: AlarmDetail =
        expect_json(north.get(&format!("/alarms/{}", list.alarms[0].id)).await, StatusCode::OK).await;
    let aberration::Method::Farrington(control) = &detail.parameters else { panic!("{:?}", detail.parameters) };
    assert!(control.population_offset, "rates per reporting site");
    let [.., no_site, _, _, _, _, _, two_sites, last] = &detail.series[..] else { panic!("{:?}", detail.series) };
    assert_eq!((last.count, last.alarm), (Some(16), true));
    assert!(last.upperbound.is_some_and(|bound| bound < 16.0), "{last:?}");
    assert_eq!((two_sites.count, two_sites.alarm), (Some(8), false));
    assert!(two_sites.upperbound.is_some_and(|bound| bound > 8.0), "the bound of two sites: {two_sites:?}");
    assert_eq!((no_site.count, no_site.upperbound), (None, None), "no site reported: no data (NA), not 0");
}

/// A series younger than Farrington's five years (docs/aberration.md, "Short histories"). sentinel1
/// (北町's only reporting respiratory site; designated from 2024) reports influenza from 2024-W09 at a
/// flat level, 3 to 7 patients a week (3, 3, 4, 4 … 7, 7 over and over). With b = 5, R's time origin
/// (the prediction's time counted from the first baseline week with a count, the fit's from the first
/// baseline week) projects a year-old rising stretch back years, predicts about 0 and alarms in 9 of
/// the 20 flat weeks 2025-W11 … W30 (as R does); the run, with b = 1 (the series' one whole year),
/// alarms in none. In 2025-W31 sixteen patients still alarm, and the alarm stores b = 1. sentinel2
/// (南町's respiratory site) reports from 2025-W20 only, two a week: a series of less than a year,
/// where ten patients in 2025-W31 alarm by EARS C2.
async fn a_series_with_a_year_of_history_runs_farrington_with_one_year_and_a_newer_one_ears(api: Api) {
    use aberration::{Detail, FarringtonControl, IsoWeek, Method};
    use domain::alarms::short_history_ears;
    let store = server::store::connect(&api.database_url).await.unwrap();
    let week = |year, number| IsoWeek::new(year, number).unwrap();
    let (first, spike) = (week(2024, 9), week(2025, 31));
    let flat = [3, 3, 4, 4, 5, 5, 6, 6, 7, 7];
    let (sentinel1, sentinel2) = (api.login("sentinel1").await, api.login("sentinel2").await);
    for index in 0..=spike.weeks_since(first) {
        let reported = first.plus(index).unwrap();
        let kita = if reported == spike { 16 } else { flat[usize::try_from(index).unwrap() % flat.len()] };
        report_influenza(&sentinel1, reported, kita).await;
        if reported >= week(2025, 20) {
            report_influenza(&sentinel2, reported, if reported == spike { 10 } else { 2 }).await;
        }
    }
    let flat_weeks: Vec<IsoWeek> = (0..20).map(|index| week(2025, 11).plus(index).unwrap()).collect();

    // Before the rule: the configured Farrington (b = 5) on the same series alarms week after week.
    let configured = Method::Farrington(FarringtonControl { population_offset: true, ..Default::default() });
    let source = domain::alarms::SeriesSource::SentinelReports;
    let read_from = flat_weeks[0].plus(-i64::try_from(configured.history_weeks()).unwrap()).unwrap();
    let counts = server::alarms::run::weekly_counts(store.as_ref(), source, "9901", read_from, spike).await.unwrap();
    let influenza = counts.series("influenza").unwrap();
    let flat_range = influenza.len() - 21..influenza.len() - 1;
    let before = configured.evaluate_with(&influenza, flat_range, Detail::Alarms).unwrap();
    assert_eq!(before.iter().filter(|week| week.alarm == Some(true)).count(), 9, "as R: {before:?}");

    for &flat_week in &flat_weeks {
        let run = run_week(store.as_ref(), flat_week, server::store::now(), SITE).await.unwrap();
        assert!(run.stored.is_empty(), "{flat_week}: {run:?}");
    }
    let spiked = run_week(store.as_ref(), spike, server::store::now(), SITE).await.unwrap();
    assert_eq!(spiked.stored.len(), 2, "{spiked:?}");
    let rows: Vec<(String, String, i32, i32)> =
        api.fetch_all("SELECT health_center_code, method, iso_week, observed FROM alarms ORDER BY method").await;
    let row = |area: &str, method: &str, observed| (area.to_owned(), method.to_owned(), 31, observed);
    assert_eq!(rows, [row("9902", "ears-c2", 10), row("9901", "farrington", 16)]);

    // Each alarm says the method it was computed with: b = 1 at 北町, EARS C2 at 南町.
    let one_year = Method::Farrington(FarringtonControl { b: 1, population_offset: true, ..Default::default() });
    let first_year =
        Method::Ears(short_history_ears(&FarringtonControl { population_offset: true, ..Default::default() }));
    for (health_center, method) in [("hc-north", one_year), ("hc-south", first_year)] {
        let staff = api.login(health_center).await;
        let list: AlarmList = expect_json(staff.get("/alarms").await, StatusCode::OK).await;
        let [alarm] = &list.alarms[..] else { panic!("{health_center}: {list:?}") };
        let detail: AlarmDetail = expect_json(staff.get(&format!("/alarms/{}", alarm.id)).await, StatusCode::OK).await;
        assert_eq!(detail.parameters, method, "{health_center}");
    }
}

/// A sentinel series in its first year is watched by EARS C2 on the rate per reporting site, as
/// Farrington watches it from its second year on. sentinel1 alone reports four influenza patients a
/// week for eleven weeks; the week before last a second site (北町内科医院) reports too, eight patients
/// from two sites: the same rate, no alarm (as a count, eight would exceed the bound of four, 5.55).
/// In the last complete week sixteen patients from the two sites, a rate of eight, exceed the rate's
/// bound 4 + 3.09 × 0.5 (a constant baseline: `minSigma`), which the alarm states as a count for the
/// two sites that reported: 11.09.
async fn a_sentinel_series_in_its_first_year_is_watched_on_the_rate_per_reporting_site(api: Api) {
    let store = server::store::connect(&api.database_url).await.unwrap();
    let week = data_week();
    let sentinel1 = api.login("sentinel1").await;
    let internist = crate::sentinel::manager_of(&api, "kita-naika", "9910000011").await;
    for weeks_back in 2..=12 {
        report_influenza(&sentinel1, week.plus(-weeks_back).unwrap(), 4).await;
    }
    for site in [&sentinel1, &internist] {
        report_influenza(site, week.plus(-1).unwrap(), 4).await;
    }
    let same_rate = run_week(store.as_ref(), week.plus(-1).unwrap(), server::store::now(), SITE).await.unwrap();
    assert!(same_rate.stored.is_empty(), "eight patients from two sites: {same_rate:?}");

    report_influenza(&sentinel1, week, 12).await;
    report_influenza(&internist, week, 4).await;
    let doubled = run_week(store.as_ref(), week, server::store::now(), SITE).await.unwrap();
    let [alarm] = doubled.stored[..] else { panic!("{doubled:?}") };
    let north = api.login("hc-north").await;
    let detail: AlarmDetail = expect_json(north.get(&format!("/alarms/{alarm}")).await, StatusCode::OK).await;
    let aberration::Method::Ears(control) = &detail.parameters else { panic!("{:?}", detail.parameters) };
    assert!(control.per_population && detail.alarm.method == "ears-c2", "{detail:?}");
    let two_sites = 2.0 * (4.0 + 3.090_232_306_167_813 * 0.5);
    assert_eq!(detail.alarm.observed, 16);
    assert!((detail.alarm.upperbound - two_sites).abs() < 1e-9, "{}", detail.alarm.upperbound);
    let [.., before, last] = &detail.series[..] else { panic!("{:?}", detail.series) };
    assert_eq!((last.count, last.alarm, before.count, before.alarm), (Some(16), true, Some(8), false));
    assert!(before.upperbound.is_some_and(|bound| (bound - two_sites).abs() < 1e-9), "{before:?}");
}

/// Late data can change which method watches a week (docs/aberration.md, "Short histories"):
/// sentinel1 reports influenza from 45 weeks ago, two patients a week, and sixteen in the last
/// complete week, which EARS C2 (the series' first year) raises. Reports of a year ago, filed late,
/// give the series a year of history: the week is Farrington's now (b = 1), which raises its own
/// alarm, and the open EARS alarm is withdrawn as one that no longer exceeds is (its history without
/// actor saying which method watches the week now, an audit record, a mail), not left open beside it.
async fn an_open_alarm_of_a_method_the_rule_no_longer_picks_is_withdrawn_for_the_one_it_picks(api: Api) {
    use domain::alarms::AlarmStatus;
    let store = server::store::connect(&api.database_url).await.unwrap();
    let week = data_week();
    let sentinel1 = api.login("sentinel1").await;
    for weeks_back in 1..=45 {
        report_influenza(&sentinel1, week.plus(-weeks_back).unwrap(), 2).await;
    }
    report_influenza(&sentinel1, week, 16).await;
    let first_year = run_week(store.as_ref(), week, server::store::now(), SITE).await.unwrap();
    let [ears] = first_year.stored[..] else { panic!("{first_year:?}") };

    for weeks_back in 46..=58 {
        report_influenza(&sentinel1, week.plus(-weeks_back).unwrap(), 2).await;
    }
    let late = run_once(store.as_ref(), server::store::now(), SITE).await.unwrap();
    let [farrington] = late.stored[..] else { panic!("{late:?}") };
    assert_eq!(late.withdrawn, [ears]);
    let rows: Vec<(Uuid, String, String, i32)> =
        api.fetch_all("SELECT id, method, status, iso_week FROM alarms ORDER BY method").await;
    let row = |id, method: &str, status: &str| (id, method.to_owned(), status.to_owned(), i32::from(week.week()));
    assert_eq!(rows, [row(ears, "ears-c2", "withdrawn"), row(farrington, "farrington", "open")]);

    let north = api.login("hc-north").await;
    let detail: AlarmDetail = expect_json(north.get(&format!("/alarms/{ears}")).await, StatusCode::OK).await;
    let [entry] = &detail.history[..] else { panic!("{:?}", detail.history) };
    assert_eq!((entry.actor.as_deref(), entry.status), (None, AlarmStatus::Withdrawn));
    assert!(entry.comment.contains("Farrington法（flexible）で上限値を超えており"), "{}", entry.comment);
    assert!(entry.comment.contains("報告数 16、"), "{}", entry.comment);
    assert_eq!(audited(&api, "withdraw_alarm").await, [(None, Some(ears.to_string()))]);
    let count: domain::api::OpenAlarmCount = expect_json(north.get("/alarms/open-count").await, StatusCode::OK).await;
    assert_eq!(count.open, 1);
    let detail: AlarmDetail = expect_json(north.get(&format!("/alarms/{farrington}")).await, StatusCode::OK).await;
    let aberration::Method::Farrington(control) = &detail.parameters else { panic!("{:?}", detail.parameters) };
    assert_eq!((control.b, control.population_offset), (1, true));

    // The health center hears of both: the EARS alarm, its withdrawal, the Farrington alarm.
    let address = "kita-hc@demo-pref.todoke.invalid";
    for _ in 0..200 {
        if alarm_mails(&api, address).len() >= 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let mails = alarm_mails(&api, address);
    assert_eq!(mails.len(), 3, "{mails:?}");
    let withdrawal = mails.iter().find(|mail| mail.text.contains("取り消されました")).unwrap();
    assert!(withdrawal.text.contains(&format!("/alarms/{ears}")) && withdrawal.text.contains("Farrington法"));

    // Evaluated again without change: nothing more.
    let again = run_week(store.as_ref(), week, server::store::now(), SITE).await.unwrap();
    assert!(again.stored.is_empty() && again.withdrawn.is_empty(), "{again:?}");
}

/// sentinel2 (南町, designated for 疑似症, health center 9902) reports four patients with fever and
/// respiratory symptoms and one with a rash, diagnosed in the last complete week, after that week's
/// run, and the health center returns one of the four (not of the definition). The late-data run
/// raises EARS C2's alarm on 9902's fever series and on its respiratory series (a report counts in
/// each symptom group it names) with the three that count; one rash is below the bound, and
/// Farrington sets no bound under five cases in four weeks. Re-running adds nothing.
async fn syndromic_reports_are_a_series_whose_late_reports_raise_an_alarm(api: Api) {
    let store = server::store::connect(&api.database_url).await.unwrap();
    let week = data_week();
    assert!(run_week(store.as_ref(), week, server::store::now(), SITE).await.unwrap().stored.is_empty());

    let ids = file_syndromic(&api, week, &["fever", "respiratory"], 4).await;
    file_syndromic(&api, week, &["rash"], 1).await;
    return_syndromic(&api, &ids[..1]).await;

    let late = run_once(store.as_ref(), server::store::now(), SITE).await.unwrap();
    assert_eq!(late.stored.len(), 2, "{late:?}");
    let rows: Vec<(String, String, String, i32, i32)> =
        api.fetch_all("SELECT disease, source, method, iso_week, observed FROM alarms ORDER BY disease").await;
    let row = |disease: &str| {
        (disease.to_owned(), "syndromic_reports".to_owned(), "ears-c2".to_owned(), i32::from(week.week()), 3)
    };
    let expected = vec![row("syndromic_fever"), row("syndromic_respiratory")];
    assert_eq!(rows, expected);
    assert!(run_once(store.as_ref(), server::store::now(), SITE).await.unwrap().stored.is_empty());
    assert!(run_week(store.as_ref(), week, server::store::now(), SITE).await.unwrap().stored.is_empty());
    assert_eq!(api.query_count("SELECT COUNT(*) FROM alarms").await, 2, "re-running adds nothing");

    let south = api.login("hc-south").await;
    let list: AlarmList = expect_json(south.get("/alarms").await, StatusCode::OK).await;
    let fever = list.alarms.iter().find(|alarm| alarm.disease == "syndromic_fever").unwrap();
    let detail: AlarmDetail = expect_json(south.get(&format!("/alarms/{}", fever.id)).await, StatusCode::OK).await;
    let last = detail.series.last().unwrap();
    assert_eq!((last.count, last.alarm), (Some(3), true));
}

/// sentinel2 (南町, designated for 疑似症, health center 9902) files `reports` 疑似症 reports with
/// `symptoms`, diagnosed on the Wednesday of `week`; their ids.
async fn file_syndromic(api: &Api, week: IsoWeek, symptoms: &[&str], reports: usize) -> Vec<Uuid> {
    let sentinel2 = api.login("sentinel2").await;
    let diagnosed = (week.monday() + Duration::days(2)).to_string();
    let mut ids = Vec::new();
    for _ in 0..reports {
        let report = json!({
            "symptoms": symptoms, "age_band": "20-29y", "sex": "male",
            "diagnosed_on": diagnosed, "intensive_care": "equivalent"
        });
        let id = Uuid::new_v4();
        let filed = sentinel2.put_json(&format!("/syndromic/reports/{id}"), &report).await;
        assert_eq!(filed.status(), StatusCode::CREATED);
        ids.push(id);
    }
    ids
}

/// hc-south returns the 疑似症 reports `ids` (not of the definition).
async fn return_syndromic(api: &Api, ids: &[Uuid]) {
    let south = api.login("hc-south").await;
    for id in ids {
        let path = format!("/syndromic/reports/{id}/return");
        let returned = south.post_json(&path, &json!({ "comment": "特定の感染症と診断された" })).await;
        assert_eq!(returned.status(), StatusCode::OK);
    }
}

/// The audit records of `action`: (actor, target).
async fn audited(api: &Api, action: &str) -> Vec<(Option<String>, Option<String>)> {
    api.fetch_all(&format!("SELECT actor, target FROM audit_log WHERE action = '{action}' ORDER BY seq")).await
}

/// Three 疑似症 reports raise EARS C2's alarm on 9902's neurological series (bound 0 + 3.09 × 0.5); two of them
/// are returned after the run, which makes the week late data: evaluated again it counts one, below
/// the bound, so the open alarm is withdrawn by the run (no actor), with its history row and audit
/// record, and mailed to the health center as the alarm was. Two more reports of the week reopen the
/// same alarm (mailed again). An alarm someone has marked is not withdrawn.
async fn an_open_alarm_is_withdrawn_when_its_week_no_longer_exceeds_and_reopened_when_it_does_again(api: Api) {
    use domain::alarms::AlarmStatus;
    let store = server::store::connect(&api.database_url).await.unwrap();
    let week = data_week();
    assert!(run_week(store.as_ref(), week, server::store::now(), SITE).await.unwrap().stored.is_empty());
    let ids = file_syndromic(&api, week, &["neurological"], 3).await;
    let raised = run_once(store.as_ref(), server::store::now(), SITE).await.unwrap();
    let [alarm] = raised.stored[..] else { panic!("{raised:?}") };
    let south = api.login("hc-south").await;
    let path = format!("/alarms/{alarm}");

    return_syndromic(&api, &ids[..2]).await;
    let withdrawn = run_once(store.as_ref(), server::store::now(), SITE).await.unwrap();
    assert_eq!((withdrawn.withdrawn, withdrawn.stored), (vec![alarm], vec![]));
    let detail: AlarmDetail = expect_json(south.get(&path).await, StatusCode::OK).await;
    assert_eq!((detail.alarm.status, detail.alarm.revision), (AlarmStatus::Withdrawn, 2));
    let [entry] = &detail.history[..] else { panic!("{:?}", detail.history) };
    assert_eq!((entry.actor.as_deref(), entry.status), (None, AlarmStatus::Withdrawn));
    assert!(entry.comment.contains("報告数 1、上限値 1.55"), "{}", entry.comment);
    let last = detail.series.last().unwrap();
    assert_eq!((last.count, last.alarm), (Some(1), false), "a withdrawn alarm's week is not marked");
    assert_eq!(audited(&api, "withdraw_alarm").await, [(None, Some(alarm.to_string()))]);
    let count: domain::api::OpenAlarmCount = expect_json(south.get("/alarms/open-count").await, StatusCode::OK).await;
    assert_eq!(count.open, 0);
    // The withdrawal goes to whom the alarm went, saying why.
    let address = "minami-hc@demo-pref.todoke.invalid";
    let withdrawals = |api: &Api| {
        alarm_mails(api, address).into_iter().filter(|mail| mail.text.contains("取り消されました")).collect::<Vec<_>>()
    };
    for _ in 0..200 {
        if !withdrawals(&api).is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let [mail] = &withdrawals(&api)[..] else { panic!("one withdrawal mail") };
    assert!(mail.text.contains(&format!("/alarms/{alarm}")) && mail.text.contains("報告数 1、上限値 1.55"));
    assert_eq!(alarm_mails(&api, address).len(), 2, "the alarm's mail and its withdrawal's");

    // Evaluated again without change: nothing more.
    let again = run_week(store.as_ref(), week, server::store::now(), SITE).await.unwrap();
    assert!(again.stored.is_empty() && again.withdrawn.is_empty(), "{again:?}");
    assert_eq!(api.query_count("SELECT COUNT(*) FROM alarm_events").await, 1);

    // Two more patients of the week: above the bound again, the same alarm is reopened.
    file_syndromic(&api, week, &["neurological"], 2).await;
    let reopened = run_once(store.as_ref(), server::store::now(), SITE).await.unwrap();
    assert_eq!((reopened.stored, reopened.withdrawn), (vec![alarm], vec![]));
    let detail: AlarmDetail = expect_json(south.get(&path).await, StatusCode::OK).await;
    assert_eq!((detail.alarm.status, detail.alarm.revision, detail.alarm.observed), (AlarmStatus::Open, 3, 3));
    let statuses: Vec<_> = detail.history.iter().map(|entry| (entry.actor.clone(), entry.status)).collect();
    assert_eq!(statuses, [(None, AlarmStatus::Withdrawn), (None, AlarmStatus::Open)]);
    assert_eq!(audited(&api, "reopen_alarm").await, [(None, Some(alarm.to_string()))]);
    for _ in 0..200 {
        if alarm_mails(&api, address).len() >= 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(alarm_mails(&api, address).len(), 3, "a reopened alarm is mailed as a new one");
    assert_eq!(api.query_count("SELECT COUNT(*) FROM alarms").await, 1);

    // Marked by the health center, it stays whatever the week counts now.
    let marking = json!({ "mark": "investigating", "comment": "発生状況を確認中", "revision": 3 });
    expect_json::<AlarmDetail>(south.post_json(&format!("{path}/mark"), &marking).await, StatusCode::OK).await;
    let remaining: Vec<Uuid> = api
        .fetch_all::<(Uuid,)>("SELECT id FROM syndromic_reports WHERE status = 'received'")
        .await
        .into_iter()
        .map(|(id,)| id)
        .collect();
    return_syndromic(&api, &remaining).await;
    let kept = run_once(store.as_ref(), server::store::now(), SITE).await.unwrap();
    assert!(kept.withdrawn.is_empty(), "{kept:?}");
    let detail: AlarmDetail = expect_json(south.get(&path).await, StatusCode::OK).await;
    assert_eq!(detail.alarm.status, AlarmStatus::Investigating);
}

/// 取下げ is late data too: six measles cases at 北町 raise Farrington's alarm (by diagnosis) and EARS
/// C2's (by onset); doctor1 then withdraws five of them (filed by mistake). The next run evaluates the
/// area's 全数 series again and counts one case in the week: below C2's bound, and under Farrington's
/// five cases in four weeks, so both open alarms are withdrawn by the run.
async fn withdrawn_notifications_are_late_data_that_withdraw_the_alarms_they_raised(api: Api) {
    let week = data_week();
    let ids = file_cases(&api, week, 6).await;
    let store = server::store::connect(&api.database_url).await.unwrap();
    let mut raised = run_week(store.as_ref(), week, server::store::now(), SITE).await.unwrap().stored;
    assert_eq!(raised.len(), 2, "{raised:?}");
    let now = server::store::now();
    let unchanged = run_once(store.as_ref(), now, SITE).await.unwrap();
    assert!(unchanged.withdrawn.is_empty() && unchanged.stored.is_empty(), "nothing changed: {unchanged:?}");
    if covers_only(now, week) {
        assert_eq!(unchanged.evaluated, 0, "no late data, and the week already run: {unchanged:?}");
    }

    let doctor = api.login("doctor1").await;
    for id in &ids[..5] {
        let reason = json!({ "reason": "別の患者の届出と取り違えて提出したため" });
        let withdrawn = doctor.post_json(&format!("/notifications/{id}/withdraw"), &reason).await;
        assert_eq!(withdrawn.status(), StatusCode::OK);
    }
    let after = run_once(store.as_ref(), server::store::now(), SITE).await.unwrap();
    let mut withdrawn = after.withdrawn.clone();
    withdrawn.sort();
    raised.sort();
    assert_eq!((withdrawn, after.stored), (raised, vec![]));
    let rows: Vec<(String, String)> = api.fetch_all("SELECT method, status FROM alarms ORDER BY method").await;
    let withdrawn = "withdrawn".to_owned();
    assert_eq!(rows, [("ears-c2".to_owned(), withdrawn.clone()), ("farrington".to_owned(), withdrawn)]);
    let comments: Vec<(String,)> = api.fetch_all("SELECT comment FROM alarm_events ORDER BY comment").await;
    assert_eq!(comments.len(), 2);
    assert!(comments.iter().all(|(comment,)| comment.contains("報告数 1、")), "{comments:?}");
}

async fn health_center_email(api: &Api, code: &str) -> Option<String> {
    let rows: Vec<(Option<String>,)> =
        api.fetch_all(&format!("SELECT email FROM health_centers WHERE code = '{code}'")).await;
    rows.into_iter().next().and_then(|(email,)| email)
}

async fn the_health_center_master_sets_where_alarm_mails_go(api: Api) {
    let national = api.login("national-admin").await;
    let put = |csv: String| {
        let request = national.client.put(format!("{}/admin/masters/health-centers", national.base));
        request.header("content-type", "text/csv").body(csv).send()
    };
    let header = "保健所コード,保健所名,都道府県等コード,都道府県等名";
    let moved = "kita-kansen@demo-pref.todoke.invalid";
    let with_email = format!("{header},メールアドレス\n9901,デモ県北保健所,99,デモ県,{moved}\n");
    let report: MasterImportReport = expect_json(put(with_email).await.unwrap(), StatusCode::OK).await;
    assert_eq!((report.created, report.updated, report.unchanged), (0, 1, 0));
    assert_eq!(health_center_email(&api, "9901").await.as_deref(), Some(moved));

    // A file without the column keeps the address; a malformed one is refused at its row.
    let without = format!("{header}\n9901,デモ県北保健所,99,デモ県\n");
    let report: MasterImportReport = expect_json(put(without).await.unwrap(), StatusCode::OK).await;
    assert_eq!((report.updated, report.unchanged), (0, 1));
    let malformed = format!("{header},メールアドレス\n9901,デモ県北保健所,99,デモ県,kita@\n");
    let error: ApiError =
        expect_error(put(malformed).await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY, "import_rejected").await;
    assert_eq!((error.problems[0].row, error.problems[0].code), (2, ImportProblemCode::InvalidEmail));
    assert_eq!(health_center_email(&api, "9901").await.as_deref(), Some(moved), "a refused file changes nothing");

    six_cases_detected(&api, data_week()).await;
    for _ in 0..200 {
        if alarm_mails(&api, moved).len() >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(alarm_mails(&api, moved).len(), 2, "the alarms' mails go to the master's address");
    assert!(alarm_mails(&api, "kita-hc@demo-pref.todoke.invalid").is_empty());

    // An empty cell removes the address: new alarms then have no mail to send.
    let emptied = format!("{header},メールアドレス\n9901,デモ県北保健所,99,デモ県,\n");
    expect_json::<MasterImportReport>(put(emptied).await.unwrap(), StatusCode::OK).await;
    assert_eq!(health_center_email(&api, "9901").await, None);
}

async fn detection_runs(api: &Api) -> i64 {
    api.query_count("SELECT COUNT(*) FROM detection_runs").await
}

async fn a_test_server_runs_no_detection_unless_asked(api: Api) {
    file_cases(&api, data_week(), 6).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(detection_runs(&api).await, 0);
    assert!(alarm_rows(&api).await.is_empty());
}

async fn a_server_with_detection_on_runs_it_at_start(api: Api) {
    for _ in 0..200 {
        if detection_runs(&api).await > 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the background detection did not run at start");
}
