//! The situation views (issue 16) against small cases counted by hand: each notification once, in
//! the area of the health center now responsible (a transfer moves it), on the chosen date basis,
//! against earlier years; each account sees its own scope's figures, and the map shows the 47
//! prefectures to every overseer. Only counts come back.

use domain::situation::{AreaList, EpiCurve, SituationMap, WeekSummary};
use domain::weekly_report::{PublishedReport, WeeklyReport};
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, measles_submission, Api, User};

on_both_databases!(
    curves_count_each_notification_once_in_its_current_area,
    a_resubmission_with_another_onset_date_moves_the_notification_in_the_curve,
    the_map_and_its_areas_follow_the_health_center_now_responsible,
    overseers_see_only_their_scope_and_bad_queries_are_typed_errors,
    the_demo_history_gives_the_dashboard_eight_weeks_once,
    the_week_is_compared_with_the_week_before_and_overdue_ones_are_counted,
    the_week_lists_the_areas_at_sentinel_alert_levels_and_the_open_alarms_in_scope,
    the_map_and_the_weekly_report_carry_each_areas_sentinel_rate_and_level,
    weekly_reports_are_computed_published_with_a_comment_kept_and_listed,
    each_views_csv_holds_its_figures_in_both_encodings_and_its_scope,
);

/// Files a measles notification with the given onset date (the demo form's other dates are later).
async fn file(doctor: &User, onset: &str) -> Uuid {
    let mut submission = measles_submission();
    submission["answers"]["onset_date"] = json!(onset);
    let id = Uuid::new_v4();
    let response = doctor.put_json(&format!("/notifications/{id}"), &submission).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    id
}

async fn curve(user: &User, query: &str) -> EpiCurve {
    expect_json(user.get(&format!("/situation/curve?{query}")).await, StatusCode::OK).await
}

/// The curve's counts of ISO week `week` (1-based), per series, and its total.
fn week(curve: &EpiCurve, week: u8) -> (Vec<u32>, u32) {
    let row = &curve.weeks[usize::from(week) - 1];
    assert_eq!(row.week, week);
    (row.counts.clone(), row.total)
}

fn year_total(curve: &EpiCurve) -> u32 {
    curve.weeks.iter().map(|week| week.total).sum()
}

/// doctor1 files one more measles notification, received a week ago.
async fn file_one_a_week_ago(api: &Api) -> Uuid {
    let doctor1 = api.login("doctor1").await;
    let early = file(&doctor1, "2026-11-18").await;
    api.backdate(early, time::Duration::days(7)).await;
    early
}

/// North (9901): A (onset week 47). South (9902): B (onset week 46) and C, filed at North and
/// transferred. City (9801): D (onset week 47), a body (類型 changed to `dead` in the database, as if
/// filed before migration 0019: its counting columns are filled when the store next starts).
async fn four_notifications(api: &Api) -> (Uuid, Uuid) {
    let (doctor1, doctor2, doctor3) =
        (api.login("doctor1").await, api.login("doctor2").await, api.login("doctor3").await);
    file(&doctor1, "2026-11-18").await;
    let b = file(&doctor2, "2026-11-10").await;
    let c = file(&doctor1, "2026-11-19").await;
    let body = json!({ "health_center_code": "9902", "reason": "住所地" });
    let moved = api.login("hc-north").await.post_json(&format!("/notifications/{c}/transfer"), &body).await;
    assert_eq!(moved.status(), StatusCode::OK);
    file(&doctor3, "2026-11-17").await;
    let changed = api
        .execute_sql(
            "UPDATE notifications SET answers = REPLACE(answers, '\"lab_confirmed\"', '\"dead\"'), \
             report_week = NULL, onset_week = NULL, diagnosis_week = NULL, case_group = NULL \
             WHERE health_center_code = '9801'",
        )
        .await;
    assert_eq!(changed, 1);
    server::store::connect(&api.database_url).await.unwrap();
    (b, c)
}

async fn curves_count_each_notification_once_in_its_current_area(api: Api) {
    let (b, _) = four_notifications(&api).await;
    let onset = "basis=onset&year=2026";

    let national_user = api.login("national").await;
    let national = curve(&national_user, onset).await;
    assert_eq!(
        national.series.iter().map(|s| s.key.as_str()).collect::<Vec<_>>(),
        ["patient", "carrier", "suspected", "death"]
    );
    assert_eq!(week(&national, 47), (vec![2, 0, 0, 1], 3), "A, C and D's body");
    assert_eq!(week(&national, 46), (vec![1, 0, 0, 0], 1), "B");
    assert_eq!(year_total(&national), 4, "the transferred one once");
    assert_eq!(national.area.name, "全国");

    let prefecture = curve(&api.login("pref-demo").await, onset).await;
    assert_eq!((week(&prefecture, 47).1, week(&prefecture, 46).1, year_total(&prefecture)), (2, 1, 3));
    assert_eq!(prefecture.area.name, "デモ県");
    let south = curve(&api.login("hc-south").await, onset).await;
    assert_eq!((week(&south, 47).1, week(&south, 46).1), (1, 1), "C (moved here) and B");
    let north = curve(&api.login("hc-north").await, onset).await;
    assert_eq!((week(&north, 47).1, year_total(&north)), (1, 1), "only A: C left");

    // By diagnosis date: every form says 2026-11-21 (week 47).
    let by_diagnosis = curve(&national_user, "basis=diagnosis&year=2026&stack=category").await;
    assert_eq!(by_diagnosis.series.iter().map(|s| s.key.as_str()).collect::<Vec<_>>(), ["class5_all_cases"]);
    assert_eq!(week(&by_diagnosis, 47), (vec![4], 4));

    // By report date, this year against the five before: B's receipt moved 53 weeks back
    // (into one of the five years before, whatever today's week).
    api.backdate(b, time::Duration::weeks(53)).await;
    let reported = curve(&national_user, "").await;
    assert_eq!(year_total(&reported), 3);
    let baseline: f64 = reported.weeks.iter().filter_map(|week| week.baseline).sum();
    assert!((baseline - 0.2).abs() < 1e-9, "one notification a year ago over five years: {baseline}");
    let other_disease = curve(&national_user, "disease=rubella&basis=onset&year=2026").await;
    assert_eq!(year_total(&other_disease), 0);
}

/// A returned notification resubmitted with an earlier onset date (week 47 → 46) is counted once,
/// in its new week: resubmission rewrites the counting columns (migration 0019).
async fn a_resubmission_with_another_onset_date_moves_the_notification_in_the_curve(api: Api) {
    let doctor = api.login("doctor1").await;
    let id = file(&doctor, "2026-11-18").await;
    let national = api.login("national").await;
    let onset = "basis=onset&year=2026";
    let before = curve(&national, onset).await;
    assert_eq!((week(&before, 47).1, week(&before, 46).1, year_total(&before)), (1, 0, 1));

    let returned = api
        .login("hc-north")
        .await
        .post_json(&format!("/notifications/{id}/return"), &json!({ "comment": "発病日を確認してください。" }))
        .await;
    assert_eq!(returned.status(), StatusCode::OK);
    let mut corrected = measles_submission();
    corrected["answers"]["onset_date"] = json!("2026-11-10");
    let body = json!({ "based_on_revision": 1, "submission": corrected });
    let resubmitted = doctor.post_json(&format!("/notifications/{id}/resubmit"), &body).await;
    assert_eq!(resubmitted.status(), StatusCode::OK);

    let after = curve(&national, onset).await;
    assert_eq!((week(&after, 47).1, week(&after, 46).1, year_total(&after)), (0, 1, 1), "moved, counted once");
    let north = curve(&api.login("hc-north").await, onset).await;
    assert_eq!(week(&north, 46).1, 1, "still in the area it was filed in");
}

async fn the_map_and_its_areas_follow_the_health_center_now_responsible(api: Api) {
    api.execute_sql("INSERT INTO prefectures (code, name) VALUES ('13', '東京都')").await;
    api.execute_sql("INSERT INTO health_centers (code, name, prefecture_code) VALUES ('131001', 'みなと保健所', '13')")
        .await;
    let (_, c) = four_notifications(&api).await;
    let onward = json!({ "health_center_code": "131001", "reason": "住所地" });
    let moved = api.login("hc-south").await.post_json(&format!("/notifications/{c}/transfer"), &onward).await;
    assert_eq!(moved.status(), StatusCode::OK);

    let national = api.login("national").await;
    let map: SituationMap = expect_json(national.get("/situation/map").await, StatusCode::OK).await;
    assert_eq!(map.prefectures.len(), 47);
    let tokyo = &map.prefectures[12];
    assert_eq!((tokyo.code.as_str(), tokyo.count, tokyo.previous_week), ("13", 1, 0));
    assert!((tokyo.per_100k - 100_000.0 / f64::from(tokyo.population)).abs() < 1e-9);
    assert_eq!(map.prefectures.iter().map(|p| p.count).sum::<u32>(), 1);
    assert_eq!(map.outside_map, 3, "the demo's 都道府県等 (99, 98) lie outside the 47");

    let areas: AreaList = expect_json(national.get("/situation/areas?prefecture=13").await, StatusCode::OK).await;
    assert_eq!(areas.areas.len(), 1);
    assert_eq!((areas.areas[0].code.as_str(), areas.areas[0].count), ("131001", 1));

    let demo = api.login("pref-demo").await;
    let own: AreaList = expect_json(demo.get("/situation/areas?prefecture=99").await, StatusCode::OK).await;
    let counts: Vec<(&str, u32)> = own.areas.iter().map(|area| (area.code.as_str(), area.count)).collect();
    assert_eq!(counts, [("9901", 1), ("9902", 1)], "C is in Tokyo now");
    // The prefecture's map is everybody's; its areas are not.
    let map: SituationMap = expect_json(demo.get("/situation/map").await, StatusCode::OK).await;
    assert_eq!(map.prefectures[12].count, 1);
    expect_error(demo.get("/situation/areas?prefecture=13").await, StatusCode::NOT_FOUND, "not_found").await;
    let south: AreaList =
        expect_json(api.login("hc-south").await.get("/situation/areas?prefecture=99").await, StatusCode::OK).await;
    assert_eq!(south.areas.iter().map(|area| area.code.as_str()).collect::<Vec<_>>(), ["9902"]);
    let earlier: SituationMap = expect_json(national.get("/situation/map?date=2020-01-01").await, StatusCode::OK).await;
    assert_eq!((earlier.week.year, earlier.week.week, earlier.prefectures[12].count), (2020, 1, 0));
}

async fn overseers_see_only_their_scope_and_bad_queries_are_typed_errors(api: Api) {
    four_notifications(&api).await;
    let hc_north = api.login("hc-north").await;
    for other in ["health_center=9902", "health_center=9801", "jurisdiction=99", "jurisdiction=98"] {
        expect_error(hc_north.get(&format!("/situation/curve?{other}")).await, StatusCode::NOT_FOUND, "not_found")
            .await;
    }
    let city = api.login("city-staff").await;
    for other in ["health_center=9901", "jurisdiction=99", "health_center=nowhere"] {
        expect_error(city.get(&format!("/situation/curve?{other}")).await, StatusCode::NOT_FOUND, "not_found").await;
    }
    let own = curve(&city, "health_center=9801&basis=onset&year=2026").await;
    assert_eq!((own.area.name.as_str(), week(&own, 47).0), ("デモ市保健所", vec![0, 0, 0, 1]));
    let demo = api.login("pref-demo").await;
    for (query, status, code) in [
        ("disease=nothing", StatusCode::UNPROCESSABLE_ENTITY, "unknown_disease"),
        ("jurisdiction=99&health_center=9901", StatusCode::BAD_REQUEST, "malformed_request"),
        ("year=1999", StatusCode::BAD_REQUEST, "malformed_request"),
        ("basis=yesterday", StatusCode::BAD_REQUEST, "malformed_request"),
    ] {
        expect_error(demo.get(&format!("/situation/curve?{query}")).await, status, code).await;
    }
    expect_error(demo.get("/situation/map?date=1.12.2026").await, StatusCode::BAD_REQUEST, "malformed_request").await;
    expect_error(demo.get("/situation/areas?prefecture=tokyo").await, StatusCode::BAD_REQUEST, "malformed_request")
        .await;
    // Filers and administrators have no situation view.
    for outsider in ["doctor1", "vet1", "pref-admin", "manager1"] {
        let user = api.login(outsider).await;
        for path in ["/situation/curve", "/situation/map", "/situation/areas?prefecture=99"] {
            expect_error(user.get(path).await, StatusCode::FORBIDDEN, "forbidden").await;
        }
    }
    expect_error(api.anonymous().get("/situation/map").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

/// `todoke-server seed-demo-history` (scripts/run.sh): 29 demo notifications over eight weeks, in the
/// three demo areas; a second run adds none.
async fn the_demo_history_gives_the_dashboard_eight_weeks_once(api: Api) {
    let store = server::store::connect(&api.database_url).await.unwrap();
    let now = server::store::now();
    assert_eq!(server::demo::seed_history(store.as_ref(), now).await.unwrap(), 29);
    assert_eq!(server::demo::seed_history(store.as_ref(), now).await.unwrap(), 0);
    let this_year = domain::situation::Week::of(domain::jst::date_in_japan(now)).year;
    // Eight weeks back may reach into last year: count both years' report-date curves.
    let two_years = |user: User| async move {
        let mut total = 0;
        for year in [this_year - 1, this_year] {
            total += year_total(&curve(&user, &format!("year={year}")).await);
        }
        total
    };
    assert_eq!(two_years(api.login("national").await).await, 29);
    assert_eq!(two_years(api.login("hc-north").await).await, 18, "the outbreak is in the north");
    assert_eq!(two_years(api.login("hc-south").await).await, 7);
}

/// pref-demo's week: A, B and C this week; then one more moved to the week before (and overdue: a
/// measles notification waits 24 hours at most).
async fn the_week_is_compared_with_the_week_before_and_overdue_ones_are_counted(api: Api) {
    four_notifications(&api).await;
    let demo = api.login("pref-demo").await;
    let summary: WeekSummary = expect_json(demo.get("/situation/week").await, StatusCode::OK).await;
    let rows: Vec<(&str, u32, u32)> = summary
        .changes
        .iter()
        .map(|change| (change.disease.as_str(), change.this_week, change.previous_week))
        .collect();
    assert_eq!((rows, summary.overdue), (vec![("measles", 3, 0)], 0));
    file_one_a_week_ago(&api).await;
    let summary: WeekSummary = expect_json(demo.get("/situation/week").await, StatusCode::OK).await;
    assert_eq!((summary.changes[0].this_week, summary.changes[0].previous_week, summary.overdue), (3, 1, 1));
    let north: WeekSummary = expect_json(demo.get("/situation/week?health_center=9901").await, StatusCode::OK).await;
    assert_eq!((north.area.name.as_str(), north.changes[0].this_week, north.overdue), ("デモ県北保健所", 1, 1));
    let south: WeekSummary =
        expect_json(api.login("hc-south").await.get("/situation/week").await, StatusCode::OK).await;
    assert_eq!((south.changes[0].this_week, south.overdue), (2, 0));
    expect_error(demo.get("/situation/week?jurisdiction=98").await, StatusCode::NOT_FOUND, "not_found").await;
    expect_error(api.login("doctor1").await.get("/situation/week").await, StatusCode::FORBIDDEN, "forbidden").await;
}

/// デモ県北保健所's two respiratory sites report influenza 31 each in the last whole week (31.0 per
/// site: 警報, and an alarm on the area's sentinel series, whose history is one a week per site), and six measles cases there raise alarms:
/// デモ県 and 北 see them all, 南 and the city none; a marked alarm is no longer open.
async fn the_week_lists_the_areas_at_sentinel_alert_levels_and_the_open_alarms_in_scope(api: Api) {
    use crate::sentinel::{cell, file as file_sentinel, manager_of, owed_now, report, week_before};
    let internist = manager_of(&api, "kita-naika", "9910000011").await;
    let owed = owed_now(&api).await;
    for user in [&api.login("sentinel1").await, &internist] {
        // The alarm run models the rate per site: a year of history (Farrington's first reference
        // weeks) and the three weeks before (limit54), one patient a week.
        for before in (1..=3).chain(48..=56) {
            let cells = vec![cell("influenza", "20-29y", "female", json!(1))];
            file_sentinel(user, &report("respiratory_weekly", week_before(owed, before), cells)).await;
        }
        let cells = vec![cell("influenza", "20-29y", "female", json!(31))];
        file_sentinel(user, &report("respiratory_weekly", owed, cells)).await;
    }
    // The cases in the week the sites filed, named as the sentinel reports name it.
    let detected = crate::alarms::six_cases_detected(&api, aberration::IsoWeek::containing(owed.first_day())).await;
    assert!(!detected.stored.is_empty());

    // The week after the one owed, by a day of it: its sentinel part is the week the sites filed.
    let this_week = format!("/situation/week?date={}", owed.last_day().next_day().unwrap());
    let week_of = |user: User| {
        let path = this_week.clone();
        async move {
            let summary: WeekSummary = expect_json(user.get(&path).await, StatusCode::OK).await;
            summary
        }
    };
    let demo = week_of(api.login("pref-demo").await).await;
    assert_eq!(demo.sentinel_week.week, owed.first_day().iso_week());
    let alerts: Vec<(&str, &str, domain::sentinel::AlertLevel, f64)> = demo
        .alerts
        .iter()
        .map(|alert| (alert.health_center.code.as_str(), alert.disease.as_str(), alert.level, alert.rate))
        .collect();
    assert_eq!(alerts, [("9901", "influenza", domain::sentinel::AlertLevel::Warning, 31.0)]);
    assert!(!demo.open_alarms.is_empty());
    assert!(demo.open_alarms.iter().all(|alarm| alarm.health_center.code == "9901"));
    let diseases: std::collections::BTreeSet<&str> =
        demo.open_alarms.iter().map(|alarm| alarm.disease.as_str()).collect();
    assert_eq!(diseases, ["influenza", "measles"].into());
    let north = week_of(api.login("hc-north").await).await;
    assert_eq!((north.alerts.len(), north.open_alarms.len()), (1, demo.open_alarms.len()));
    for outside in ["hc-south", "city-staff"] {
        let other = week_of(api.login(outside).await).await;
        assert!(other.alerts.is_empty() && other.open_alarms.is_empty(), "{outside}");
    }

    let first = &demo.open_alarms[0];
    let marking = json!({ "mark": "investigating", "comment": "確認中", "revision": first.revision });
    let marked = api.login("hc-north").await.post_json(&format!("/alarms/{}/mark", first.id), &marking).await;
    assert_eq!(marked.status(), StatusCode::OK);
    let after = week_of(api.login("pref-demo").await).await;
    assert_eq!(after.open_alarms.len(), demo.open_alarms.len() - 1);
    assert!(after.open_alarms.iter().all(|alarm| alarm.id != first.id));
}

/// デモ県北保健所's two respiratory sites report influenza 40 and 20 in the last whole week: 2 sites,
/// 60 cases, 30.0 per site (警報, ≥ 30); 南 has no report. The map's areas, the weekly report's
/// sentinel rows, its columns and its sentences say so.
async fn the_map_and_the_weekly_report_carry_each_areas_sentinel_rate_and_level(api: Api) {
    use crate::sentinel::{cell, file as file_sentinel, manager_of, owed_now, report};
    use domain::situation::SentinelFigure;
    let internist = manager_of(&api, "kita-naika", "9910000011").await;
    let week = owed_now(&api).await;
    for (user, count) in [(&api.login("sentinel1").await, 40), (&internist, 20)] {
        let cells = vec![cell("influenza", "20-29y", "female", json!(count))];
        file_sentinel(user, &report("respiratory_weekly", week, cells)).await;
    }
    let north = SentinelFigure { reporting_sites: 2, cases: 60, rate: 30.0, warning_areas: 1, advisory_areas: 0 };

    let demo = api.login("pref-demo").await;
    // A day of the week after the one filed: its sentinel figures are that week's, whatever the clock.
    let date = week.last_day().next_day().unwrap();
    let query = format!("date={date}&prefecture=99&indicator=sentinel_rate&sentinel_disease=influenza");
    let areas: AreaList = expect_json(demo.get(&format!("/situation/areas?{query}")).await, StatusCode::OK).await;
    let figures: Vec<(&str, Option<SentinelFigure>)> =
        areas.areas.iter().map(|area| (area.code.as_str(), area.sentinel.clone())).collect();
    assert_eq!(figures, [("9901", Some(north.clone())), ("9902", Some(SentinelFigure::default()))]);
    assert_eq!(areas.sentinel_week.map(|w| w.week), Some(week.first_day().iso_week()));
    let map: SituationMap = expect_json(
        demo.get(&format!("/situation/map?date={date}&indicator=alert_level&sentinel_disease=influenza")).await,
        StatusCode::OK,
    )
    .await;
    assert!(
        map.prefectures.iter().all(|p| p.sentinel == Some(SentinelFigure::default())),
        "the demo's areas lie outside the 47"
    );
    let plain: SituationMap = expect_json(demo.get("/situation/map").await, StatusCode::OK).await;
    assert!(plain.sentinel_week.is_none() && plain.prefectures.iter().all(|p| p.sentinel.is_none()));
    for (query, status, code) in [
        ("indicator=sentinel_rate", StatusCode::BAD_REQUEST, "malformed_request"),
        ("indicator=alert_level&sentinel_disease=measles", StatusCode::UNPROCESSABLE_ENTITY, "unknown_disease"),
        ("indicator=somewhere", StatusCode::BAD_REQUEST, "malformed_request"),
    ] {
        expect_error(demo.get(&format!("/situation/map?{query}")).await, status, code).await;
    }

    let report: WeeklyReport =
        expect_json(demo.get(&format!("/situation/report?date={}", week.first_day())).await, StatusCode::OK).await;
    let influenza = report.sentinel.iter().find(|row| row.disease == "influenza").unwrap();
    assert_eq!((&influenza.this_week, influenza.previous_week.reporting_sites), (&north, 0));
    assert_eq!(influenza.rates, [30.0, 0.0], "北 and 南, the report's columns");
    let alerts: Vec<(&str, &str)> =
        report.alerts.iter().map(|alert| (alert.health_center.code.as_str(), alert.disease.as_str())).collect();
    assert_eq!(alerts, [("9901", "influenza")]);
    let notes: Vec<&str> = report.notes.iter().map(|note| note.ja.as_str()).collect();
    assert!(
        notes.contains(&"定点当たり報告数が最も多いのはインフルエンザの30.00で、前週（0.00）より増加した。"),
        "{notes:?}"
    );
    assert!(notes.contains(&"インフルエンザは警報レベルの保健所管内が1、注意報レベルが0だった。"), "{notes:?}");
    let city: WeeklyReport = expect_json(
        api.login("city-staff").await.get(&format!("/situation/report?date={}", week.first_day())).await,
        StatusCode::OK,
    )
    .await;
    assert!(
        city.alerts.is_empty() && city.sentinel.iter().all(|row| row.this_week.reporting_sites == 0),
        "not the city's"
    );
}

/// デモ県's report of this week: measles by health center (A at North; B and C at South), the
/// sentence of the total; published with a comment, kept, listed, audited, and read by whom it is for.
async fn weekly_reports_are_computed_published_with_a_comment_kept_and_listed(api: Api) {
    four_notifications(&api).await;
    let today = domain::jst::date_in_japan(server::store::now()).to_string();
    let demo = api.login("pref-demo").await;
    let draft: WeeklyReport =
        expect_json(demo.get(&format!("/situation/report?date={today}")).await, StatusCode::OK).await;
    assert_eq!(draft.area.name, "デモ県");
    assert_eq!(draft.columns.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(), ["9901", "9902"]);
    let rows: Vec<(&str, Vec<u32>, u32)> =
        draft.rows.iter().map(|row| (row.disease.as_str(), row.counts.clone(), row.change.this_week)).collect();
    assert_eq!(rows, [("measles", vec![1, 2], 3)]);
    assert_eq!(draft.notes[0].ja, "今週の全数把握疾患の報告は3件で、前週（0件）より3件増加した。");
    assert!(draft.publication.is_none());

    let refused = demo.post_json("/situation/reports", &json!({ "date": today, "comment": "🦠" })).await;
    expect_error(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(api.query_count("SELECT COUNT(*) FROM weekly_reports").await, 0, "a refused publication keeps nothing");
    let body = json!({ "date": today, "comment": "北保健所管内の麻しんに注意。" });
    let published: WeeklyReport =
        expect_json(demo.post_json("/situation/reports", &body).await, StatusCode::CREATED).await;
    assert_eq!(published.comment.as_deref(), Some("北保健所管内の麻しんに注意。"));
    assert_eq!(published.rows, draft.rows);
    let publication = published.publication.clone().unwrap();
    assert_eq!(publication.published_by, "pref-demo");
    let audit = api.audit_log().await;
    assert!(audit.iter().any(|(actor, action, outcome)| actor.as_deref() == Some("pref-demo")
        && action == "publish_report"
        && outcome == "success"));

    let listed: Vec<PublishedReport> = expect_json(demo.get("/situation/reports").await, StatusCode::OK).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].publication.report_id, publication.report_id);
    let path = format!("/situation/reports/{}", publication.report_id);
    let kept: WeeklyReport = expect_json(demo.get(&path).await, StatusCode::OK).await;
    assert_eq!(kept, published);
    let national = api.login("national").await;
    let everything: Vec<PublishedReport> = expect_json(national.get("/situation/reports").await, StatusCode::OK).await;
    assert_eq!(everything.len(), 1);
    let city = api.login("city-staff").await;
    expect_error(city.get(&path).await, StatusCode::NOT_FOUND, "not_found").await;
    let none: Vec<PublishedReport> = expect_json(city.get("/situation/reports").await, StatusCode::OK).await;
    assert!(none.is_empty());

    // The nation's report: a column per prefecture and one for the demo's 都道府県等 outside them.
    let nation: WeeklyReport =
        expect_json(national.get(&format!("/situation/report?date={today}")).await, StatusCode::OK).await;
    assert_eq!(nation.columns.len(), 48);
    assert_eq!((nation.rows[0].counts[47], nation.rows[0].change.this_week), (4, 4));
}

/// A CSV download's text (UTF-8 after its byte-order mark, or Shift_JIS without one) once its
/// answer is checked: 200, an attachment named `todoke-…`, kept by no cache.
async fn csv(user: &User, path: &str) -> String {
    let response = user.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let header = |name: &str| response.headers()[name].to_str().unwrap().to_owned();
    assert_eq!(header("cache-control"), "no-store", "{path}");
    assert!(header("content-disposition").starts_with("attachment; filename=\"todoke-"), "{path}");
    let shift_jis = path.contains("encoding=shift_jis");
    let charset = if shift_jis { "text/csv; charset=Shift_JIS" } else { "text/csv; charset=utf-8" };
    assert_eq!(header("content-type"), charset, "{path}");
    let bytes = response.bytes().await.unwrap();
    if shift_jis {
        let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
        assert!(!had_errors && !bytes.starts_with(b"\xEF\xBB\xBF"), "{path}: plain Windows-31J");
        text.into_owned()
    } else {
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or_else(|| panic!("{path}: no byte-order mark"));
        String::from_utf8(text.to_vec()).unwrap()
    }
}

/// Each view's CSV holds the figures counted by hand for its JSON view, the same in both encodings,
/// and is refused where the view is: the four notifications (A, C and D's body in week 47 by onset,
/// B in week 46; デモ県's week: 1 at North, 2 at South).
async fn each_views_csv_holds_its_figures_in_both_encodings_and_its_scope(api: Api) {
    four_notifications(&api).await;
    let national = api.login("national").await;
    let curve_path = "/situation/curve/export?basis=onset&year=2026";
    let curve = csv(&national, curve_path).await;
    let lines: Vec<&str> = curve.split("\r\n").collect();
    assert_eq!(lines[0], "週,週の始め,患者,無症状病原体保有者,疑似症患者,死亡,計,過去5年平均,replaced_characters");
    assert_eq!(lines[46], "46,2026-11-09,1,0,0,0,1,0.0,", "B");
    assert_eq!(lines[47], "47,2026-11-16,2,0,0,1,3,0.0,", "A, C and D's body");
    assert_eq!(lines.len(), 1 + 53 + 1, "a row per week of 2026 and the last line end");
    assert_eq!(csv(&national, &format!("{curve_path}&encoding=shift_jis")).await, curve);

    let demo = api.login("pref-demo").await;
    let week = csv(&demo, "/situation/week/export?encoding=shift_jis").await;
    assert_eq!(
        week,
        "疾患コード,疾患,今週,前週,前週との差,過去5年平均,過去5年平均との差,replaced_characters\r\n\
         measles,麻しん,3,0,+3,0.0,+3.0,\r\n"
    );
    let today = domain::jst::date_in_japan(server::store::now());
    let report = csv(&demo, &format!("/situation/report/export?date={today}")).await;
    assert_eq!(
        report,
        "疾患コード,疾患,今週,前週,過去5年平均,デモ県北保健所,デモ県南保健所,replaced_characters\r\n\
         measles,麻しん,3,0,0.0,1,2,\r\n"
    );
    let map = csv(&demo, "/situation/map/export").await;
    assert_eq!(map.lines().next(), Some("都道府県コード,都道府県,今週,前週,人口,人口10万対,replaced_characters"));
    assert_eq!(map.lines().count(), 1 + 47);

    // Refused as the views are: another area (404), a filer (403), no session (401), a bad encoding.
    let north = api.login("hc-north").await;
    expect_error(north.get("/situation/curve/export?health_center=9902").await, StatusCode::NOT_FOUND, "not_found")
        .await;
    expect_error(north.get("/situation/report/export").await, StatusCode::FORBIDDEN, "forbidden").await;
    let doctor = api.login("doctor1").await;
    expect_error(doctor.get("/situation/week/export").await, StatusCode::FORBIDDEN, "forbidden").await;
    let anonymous = api.anonymous().get("/situation/map/export").await;
    expect_error(anonymous, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let bad = demo.get("/situation/week/export?encoding=latin1").await;
    expect_error(bad, StatusCode::BAD_REQUEST, "malformed_request").await;
}
