//! Sentinel surveillance (issue 14): filing and its receipt, the same body twice, the 409 and a
//! correction with its history, every bad input refused at its field with nothing stored, who has
//! reported and who is late or missing, tables and rates against a small case counted by hand, an
//! area in 警報 from a hand-made series, the stored levels against the domain's computation over
//! the whole series after filings, corrections and gaps (and as computed at start for figures from
//! before migration 0031), reminders reaching the SMTP sink (once per site and report,
//! however often asked), every area's designations for its overseers, and the designation master.

use domain::api::{
    AreaAlert, AreaTable, ChartData, DueState, HealthCenterOverview, RemindersQueued, SentinelReceipt, SentinelReport,
    SentinelReportDetail, SiteOverview,
};
use domain::error::FieldErrorCode;
use domain::sentinel::{due, Frequency, ReportPeriod};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, Api, User};

on_both_databases!(
    a_report_is_received_once_and_corrected_only_from_its_current_revision,
    every_bad_report_is_refused_at_its_field_and_nothing_is_stored,
    the_health_center_sees_who_reported_and_who_is_late_or_missing,
    tables_and_rates_match_a_case_counted_by_hand,
    an_area_enters_and_stays_in_warning_with_its_hand_made_series,
    stored_levels_equal_the_levels_computed_from_the_whole_series,
    reminders_reach_the_managers_of_sites_that_have_not_reported,
    a_site_is_reminded_of_a_report_once_however_often_asked,
    every_overseer_sees_the_designations_of_any_area_in_its_scope,
    the_designation_master_is_imported_whole_or_not_at_all,
);

/// The week whose report is owed now (the week just ended in Japan), as the server says. Tests count
/// their weeks from it and read the server's pages pinned to it (`?week=`, `period=`), so that none
/// depends on the clock not crossing Monday 00:00 JST (or a deadline) between two reads.
pub(crate) async fn owed_now(api: &Api) -> ReportPeriod {
    overview(&api.session_for("hc-north").await, "").await.week
}

/// The week `before` weeks before `owed` (`owed` itself for 0).
pub(crate) fn week_before(owed: ReportPeriod, before: u32) -> ReportPeriod {
    (0..before).fold(owed, |week, _| week.previous())
}

/// The week after `week`.
fn week_after(week: ReportPeriod) -> ReportPeriod {
    match week {
        ReportPeriod::Week(week) => ReportPeriod::Week(week.next()),
        month => month,
    }
}

pub(crate) fn cell(disease: &str, band: &str, sex: &str, count: Value) -> Value {
    json!({ "disease": disease, "age_band": band, "sex": sex, "count": count })
}

pub(crate) fn report(kind: &str, period: ReportPeriod, cells: Vec<Value>) -> Value {
    json!({ "kind": kind, "period": period.to_string(), "no_patients": cells.is_empty(), "cells": cells })
}

pub(crate) async fn file(user: &User, body: &Value) -> SentinelReceipt {
    let response = user.put_json(&format!("/sentinel/reports/{}", Uuid::new_v4()), body).await;
    expect_json(response, StatusCode::CREATED).await
}

/// A logged-in 医療機関管理者 of `site` made in the store (the demo has managers for two sites only).
pub(crate) async fn manager_of(api: &Api, user_id: &str, site: &str) -> User {
    let store = server::store::connect(&api.database_url).await.unwrap();
    store
        .put_user(
            server::store::NewUser {
                user_id,
                display_name: user_id,
                password_hash: "not-for-login",
                role: domain::api::Role::SentinelSiteManager,
                affiliation: server::store::Affiliation::Institution(site.into()),
                may_download_records: false,
                factor: server::store::FactorSetting {
                    method: domain::api::SecondFactorMethod::Email,
                    email: Some(format!("{user_id}@site.todoke.invalid")),
                    phone: None,
                },
                password_changed_at: Some(server::store::now()),
            },
            &[],
        )
        .await
        .unwrap();
    api.session_for(user_id).await
}

async fn stored_reports(api: &Api) -> (i64, i64, i64) {
    (
        api.query_count("SELECT COUNT(*) FROM sentinel_reports").await,
        api.query_count("SELECT COUNT(*) FROM sentinel_revisions").await,
        api.query_count("SELECT COUNT(*) FROM sentinel_counts").await,
    )
}

async fn a_report_is_received_once_and_corrected_only_from_its_current_revision(api: Api) {
    let sentinel1 = api.login("sentinel1").await;
    let owed = owed_now(&api).await;
    let week = week_before(owed, 1);
    let first = report("pediatric_weekly", week, vec![cell("varicella", "1y", "male", json!(2))]);
    let id = Uuid::new_v4();
    let path = format!("/sentinel/reports/{id}");
    let receipt: SentinelReceipt = expect_json(sentinel1.put_json(&path, &first).await, StatusCode::CREATED).await;
    assert_eq!((receipt.report_id, receipt.revision, receipt.period), (id, 1, week));
    assert_eq!((receipt.site.code.as_str(), receipt.health_center.code.as_str()), ("9910000001", "9901"));
    assert!(receipt.receipt_number.starts_with('T'), "{}", receipt.receipt_number);

    // The same body again (cells in another order count as the same): the same receipt, nothing new.
    let again: SentinelReceipt = expect_json(sentinel1.put_json(&path, &first).await, StatusCode::OK).await;
    assert_eq!(again, receipt);
    assert_eq!(stored_reports(&api).await, (1, 1, 1));
    // The same id with another body.
    let other = report("pediatric_weekly", week, vec![cell("varicella", "1y", "male", json!(3))]);
    expect_error(sentinel1.put_json(&path, &other).await, StatusCode::CONFLICT, "report_conflict").await;

    // A second report of the period without naming the current revision: 409 with the current version.
    let refused = sentinel1.put_json(&format!("/sentinel/reports/{}", Uuid::new_v4()), &other).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["code"], "report_already_filed");
    let current: SentinelReport = serde_json::from_value(body["current"].clone()).unwrap();
    assert_eq!((current.receipt.revision, current.cells[0].count), (1, 2));

    // A correction from revision 1, then a stale one from revision 1 again.
    let mut correction = other.clone();
    correction["based_on_revision"] = json!(1);
    let corrected = file(&sentinel1, &correction).await;
    assert_eq!(corrected.revision, 2);
    let stale = sentinel1.put_json(&format!("/sentinel/reports/{}", Uuid::new_v4()), &correction).await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    assert_eq!(stale.json::<Value>().await.unwrap()["current"]["receipt"]["revision"], 2);
    // A correction of a period never reported.
    let mut nothing = report("pediatric_weekly", week_before(owed, 2), vec![]);
    nothing["based_on_revision"] = json!(1);
    let error = expect_error(
        sentinel1.put_json(&format!("/sentinel/reports/{}", Uuid::new_v4()), &nothing).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(error.fields[0].field, "based_on_revision");
    assert_eq!(stored_reports(&api).await, (1, 2, 2), "one report, two revisions, a cell each");

    // The detail by either filing's id: the current content and both revisions.
    for filing in [id, corrected.report_id] {
        let detail: SentinelReportDetail =
            expect_json(sentinel1.get(&format!("/sentinel/reports/{filing}")).await, StatusCode::OK).await;
        assert_eq!(detail.current.receipt.revision, 2);
        assert_eq!(detail.current.cells[0].count, 3);
        let history: Vec<(Uuid, u32)> = detail.history.iter().map(|r| (r.report_id, r.revision)).collect();
        assert_eq!(history, vec![(id, 1), (corrected.report_id, 2)]);
    }
    let listed: Vec<SentinelReport> = expect_json(sentinel1.get("/sentinel/reports").await, StatusCode::OK).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].receipt.revision, 2);
    // The health center responsible and those above it read it; another area does not see it.
    for (user, status) in [
        ("hc-north", StatusCode::OK),
        ("pref-demo", StatusCode::OK),
        ("hc-south", StatusCode::NOT_FOUND),
        ("sentinel2", StatusCode::NOT_FOUND),
    ] {
        let response = api.login(user).await.get(&format!("/sentinel/reports/{id}")).await;
        assert_eq!(response.status(), status, "{user}");
    }
    let audit = api.audit_log().await;
    let actions: Vec<&str> = audit.iter().map(|(_, action, _)| action.as_str()).collect();
    assert_eq!(actions.iter().filter(|a| **a == "file_sentinel_report").count(), 1);
    assert_eq!(actions.iter().filter(|a| **a == "correct_sentinel_report").count(), 1);
}

async fn every_bad_report_is_refused_at_its_field_and_nothing_is_stored(api: Api) {
    let sentinel1 = api.login("sentinel1").await;
    let owed = owed_now(&api).await;
    let week = week_before(owed, 1);
    // Not ended whether or not the clock has crossed into the week after `owed` since.
    let next_week = week_after(week_after(owed));
    let one = |count: Value| vec![cell("varicella", "1y", "male", count)];
    let cases: Vec<(Value, &str, FieldErrorCode)> = vec![
        (report("ophthalmology_weekly", week, vec![]), "period", FieldErrorCode::NotDesignated),
        (report("pediatric_weekly", "2023-W40".parse().unwrap(), vec![]), "period", FieldErrorCode::NotDesignated),
        (report("pediatric_weekly", next_week, vec![]), "period", FieldErrorCode::PeriodInFuture),
        (report("pediatric_weekly", week, one(json!(-1))), "cells[0].count", FieldErrorCode::NegativeCount),
        (report("pediatric_weekly", week, one(json!(1.5))), "cells[0].count", FieldErrorCode::NotWholeNumber),
        (report("pediatric_weekly", week, one(json!("三"))), "cells[0].count", FieldErrorCode::InvalidNumber),
        (
            report("pediatric_weekly", week, vec![cell("influenza", "1y", "male", json!(1))]),
            "cells[0].disease",
            FieldErrorCode::NotInCatalog,
        ),
        (
            report("pediatric_weekly", week, vec![cell("varicella", "80+", "male", json!(1))]),
            "cells[0].age_band",
            FieldErrorCode::NotInCatalog,
        ),
        (
            json!({ "kind": "pediatric_weekly", "period": "2025-W99", "no_patients": true }),
            "period",
            FieldErrorCode::InvalidValue,
        ),
    ];
    for (body, field, code) in cases {
        let response = sentinel1.put_json(&format!("/sentinel/reports/{}", Uuid::new_v4()), &body).await;
        let error = expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        let found: Vec<(&str, FieldErrorCode)> = error.fields.iter().map(|f| (f.field.as_str(), f.code)).collect();
        assert_eq!(found, vec![(field, code)], "{body}");
        assert!(
            error.fields[0].message.starts_with(field),
            "a Japanese message at the field: {}",
            error.fields[0].message
        );
    }
    // Others may not file at all; a body that is not a report is malformed.
    let doctor = api.login("doctor1").await;
    let zero = report("pediatric_weekly", week, vec![]);
    expect_error(
        doctor.put_json(&format!("/sentinel/reports/{}", Uuid::new_v4()), &zero).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let malformed =
        sentinel1.put_json(&format!("/sentinel/reports/{}", Uuid::new_v4()), &json!({ "kind": "weekly" })).await;
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    assert_eq!(stored_reports(&api).await, (0, 0, 0), "nothing stored");
}

async fn overview(user: &User, query: &str) -> HealthCenterOverview {
    expect_json(user.get(&format!("/sentinel/overview{query}")).await, StatusCode::OK).await
}

async fn the_health_center_sees_who_reported_and_who_is_late_or_missing(api: Api) {
    let north = api.login("hc-north").await;
    // The page without a week shows the week owed now; every later read names that week.
    let before = overview(&north, "").await;
    let week = before.week;
    let pinned = format!("?week={week}");
    let due_on = due::due_on(domain::sentinel::form(domain::sentinel::ReportKind::PediatricWeekly), week).unwrap();
    // デモ県北保健所's sites: 北町こどもクリニック (小児科, respiratory), 北町内科医院 (respiratory),
    // 北町眼科クリニック (眼科); none has reported the week yet (pending until its deadline, then missing).
    let rows: Vec<(&str, &str)> =
        before.reports.iter().map(|row| (row.site.code.as_str(), row.due.kind.code())).collect();
    assert_eq!(
        rows,
        [
            ("9910000001", "respiratory_weekly"),
            ("9910000001", "pediatric_weekly"),
            ("9910000011", "respiratory_weekly"),
            ("9910000012", "ophthalmology_weekly")
        ]
    );
    let unreported = [DueState::Pending, DueState::Missing];
    assert!(before.reports.iter().all(|row| unreported.contains(&row.due.state) && row.due.due_on == due_on));

    let sentinel1 = api.login("sentinel1").await;
    let site: SiteOverview = expect_json(sentinel1.get("/sentinel/site").await, StatusCode::OK).await;
    assert_eq!(site.designations.len(), 2);
    assert!(site.due.iter().all(|due| unreported.contains(&due.state)));
    let receipt = file(&sentinel1, &report("pediatric_weekly", week, vec![])).await;

    // Late or not as the server received it.
    let received_on = domain::jst::date_in_japan(receipt.received_at);
    let reported = if due::is_late(due_on, received_on) { DueState::ReportedLate } else { DueState::Reported };
    let after = overview(&north, &pinned).await;
    assert_eq!(after.week, week);
    let last = after.reports.last().unwrap();
    assert_eq!(
        (last.site.code.as_str(), last.due.kind.code(), last.due.state),
        ("9910000001", "pediatric_weekly", reported)
    );
    assert_eq!((last.due.revision, last.due.report_id), (Some(1), Some(receipt.report_id)));
    assert!(after.reports[..3].iter().all(|row| unreported.contains(&row.due.state)), "unreported first");
    let site: SiteOverview = expect_json(sentinel1.get("/sentinel/site").await, StatusCode::OK).await;
    let pediatric = site.due.iter().find(|due| due.kind.code() == "pediatric_weekly").unwrap();
    // The site's page has no week of its own: it shows the report filed unless the week owed has
    // moved on since (Monday 00:00 JST), when the new week is not reported yet.
    if pediatric.period == week {
        assert_eq!(pediatric.state, reported);
    } else {
        assert!(unreported.contains(&pediatric.state));
    }

    // The prefecture names one of its areas; the same list.
    let prefecture = api.login("pref-demo").await;
    assert_eq!(overview(&prefecture, &format!("{pinned}&health_center=9901")).await.reports, after.reports);
    let south = overview(&api.login("hc-south").await, &pinned).await;
    assert!(south.reports.iter().all(|row| row.site.code.starts_with("992")), "only its own area's sites");

    // A page pinned to a week reads that week whatever the clock says: the week before the one owed,
    // with its month and its reports as they stand today; a week that has not ended is refused at
    // `week` (two weeks after the one owed: not ended even if the clock has crossed Monday since).
    let previous = week_before(week, 1);
    let earlier = overview(&north, &format!("?week={previous}")).await;
    assert_eq!(earlier.week, previous);
    assert_eq!(earlier.month, due::due_period(Frequency::Monthly, previous.last_day().next_day().unwrap()));
    let pediatric = earlier.reports.iter().find(|row| row.due.kind.code() == "pediatric_weekly").unwrap();
    assert_eq!((pediatric.due.period, pediatric.due.state), (previous, DueState::Missing));
    let running = week_after(week_after(week));
    let response = north.get(&format!("/sentinel/overview?week={running}")).await;
    let error = expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!((error.fields[0].field.as_str(), error.fields[0].code), ("week", FieldErrorCode::PeriodInFuture));
    let malformed = north.get("/sentinel/overview?week=2025-04").await;
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
}

async fn tables(user: &User, query: &str) -> Vec<AreaTable> {
    expect_json(user.get(&format!("/sentinel/aggregates?{query}")).await, StatusCode::OK).await
}

fn rate_of(table: &AreaTable, disease: &str) -> (u64, f64) {
    table.rates.iter().find(|rate| rate.disease == disease).map(|rate| (rate.cases, rate.rate)).unwrap()
}

/// North (9901): 北町こどもクリニック reports varicella 1歳 男 2, 女 1 and mumps 4歳 女 3; 北町内科医院
/// is designated 小児科 too (added here) but does not report. South (9902): 南町こどもクリニック
/// reports varicella 2歳 男 4. So 9901: 2 designated, 1 reporting, varicella 3 (3.0/定点, ≥ 2: 警報),
/// mumps 3 (3.0, ≥ 3 but < 6: 注意報); 9902: varicella 4 (4.0, 警報); デモ県: 3 designated, 2 reporting,
/// varicella 7 (3.5), mumps 3 (1.5).
async fn tables_and_rates_match_a_case_counted_by_hand(api: Api) {
    let week = owed_now(&api).await;
    api.execute_sql(
        "INSERT INTO sentinel_designations (institution_code, sentinel_type, valid_from) \
         VALUES ('9910000011', 'pediatric', '2024-01-01')",
    )
    .await;
    let north = vec![
        cell("varicella", "1y", "male", json!(2)),
        cell("varicella", "1y", "female", json!(1)),
        cell("mumps", "4y", "female", json!(3)),
    ];
    file(&api.login("sentinel1").await, &report("pediatric_weekly", week, north)).await;
    let south = manager_of(&api, "south-kids", "9920000013").await;
    file(&south, &report("pediatric_weekly", week, vec![cell("varicella", "2y", "male", json!(4))])).await;
    let query = |level: &str| format!("kind=pediatric_weekly&period={week}&level={level}");

    let national = api.login("national").await;
    let areas = tables(&national, &query("health_center")).await;
    let codes: Vec<&str> = areas.iter().map(|t| t.area.code.as_str()).collect();
    assert_eq!(codes, ["9801", "9901", "9902"]);
    let (city, north, south) = (&areas[0], &areas[1], &areas[2]);
    assert_eq!((city.designated_sites, city.reporting_sites, rate_of(city, "varicella")), (0, 0, (0, 0.0)));
    assert_eq!((north.designated_sites, north.reporting_sites), (2, 1));
    assert_eq!((rate_of(north, "varicella"), rate_of(north, "mumps")), ((3, 3.0), (3, 3.0)));
    let cells: Vec<(&str, &str, u64)> =
        north.counts.iter().map(|c| (c.disease.as_str(), c.age_band.as_str(), c.count)).collect();
    assert_eq!(cells, [("varicella", "1y", 2), ("varicella", "1y", 1), ("mumps", "4y", 3)]);
    let levels = |table: &AreaTable| -> Vec<(String, domain::sentinel::AlertLevel)> {
        table.alerts.iter().map(|a: &AreaAlert| (a.disease.clone(), a.level)).collect()
    };
    use domain::sentinel::AlertLevel::{Advisory, Warning};
    assert_eq!(levels(north), [("varicella".to_owned(), Warning), ("mumps".to_owned(), Advisory)]);
    assert_eq!(levels(south), [("varicella".to_owned(), Warning)]);
    assert_eq!((south.reporting_sites, rate_of(south, "varicella")), (1, (4, 4.0)));
    // Without the cells: the same sites, rates and levels.
    let lean = tables(&national, &format!("{}&cells=false", query("health_center"))).await;
    assert!(lean.iter().all(|table| table.counts.is_empty()));
    let without_cells = |tables: &[AreaTable]| -> Vec<AreaTable> {
        tables.iter().map(|table| AreaTable { counts: Vec::new(), ..table.clone() }).collect()
    };
    assert_eq!(lean, without_cells(&areas));

    let prefectures = tables(&national, &query("prefecture")).await;
    let demo = prefectures.iter().find(|t| t.area.code == "99").unwrap();
    assert_eq!((demo.designated_sites, demo.reporting_sites), (3, 2));
    assert_eq!((rate_of(demo, "varicella"), rate_of(demo, "mumps")), ((7, 3.5), (3, 1.5)));
    assert!(demo.alerts.is_empty(), "levels are a health-center area's");
    let nation = tables(&national, &query("national")).await;
    assert_eq!((nation.len(), rate_of(&nation[0], "varicella")), (1, (7, 3.5)));

    // A health center gets its own area only, and no table above it.
    let own = tables(&api.login("hc-north").await, &query("health_center")).await;
    assert_eq!(own.iter().map(|t| t.area.code.as_str()).collect::<Vec<_>>(), ["9901"]);
    let refused = api.login("hc-north").await.get(&format!("/sentinel/aggregates?{}", query("prefecture"))).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    // The CSV: UTF-8 with BOM and Shift_JIS, the documented header, a total row with the rate.
    let csv = national.get(&format!("/sentinel/aggregates/export?{}", query("health_center"))).await;
    assert_eq!(csv.status(), StatusCode::OK);
    let text = csv.text().await.unwrap();
    let text = text.strip_prefix('\u{FEFF}').expect("a BOM");
    let mut lines = text.lines();
    let header = format!("{},replaced_characters", server::sentinel::tables::CSV_HEADER.join(","));
    assert_eq!(lines.next(), Some(header.as_str()));
    assert!(text.contains(&format!(
        "health_center,9901,デモ県北保健所,pediatric_weekly,{week},2,1,varicella,水痘,total,計,,3,3.00,"
    )));
    assert!(text.contains(&format!(
        "health_center,9901,デモ県北保健所,pediatric_weekly,{week},2,1,varicella,水痘,1y,1歳,男,2,,"
    )));
    let sjis =
        national.get(&format!("/sentinel/aggregates/export?{}&encoding=shift_jis", query("health_center"))).await;
    let bytes = sjis.bytes().await.unwrap();
    let (decoded, _, errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!errors && decoded.contains("流行性耳下腺炎"));
}

/// デモ県北保健所's two respiratory sites report influenza: 10+10 (10.0: 注意報), 31+31 (31.0: 警報),
/// 12+10 (11.0: still 警報, ≥ 10), 6+14 (exactly 10.0: still 警報) in the week now owed.
async fn an_area_enters_and_stays_in_warning_with_its_hand_made_series(api: Api) {
    let sentinel1 = api.login("sentinel1").await;
    let internist = manager_of(&api, "kita-naika", "9910000011").await;
    let series = [(3, 10, 10), (2, 31, 31), (1, 12, 10), (0, 6, 14)];
    let owed = owed_now(&api).await;
    for (weeks_before, first, second) in series {
        let week = week_before(owed, weeks_before);
        for (user, count) in [(&sentinel1, first), (&internist, second)] {
            let cells = vec![cell("influenza", "20-29y", "female", json!(count))];
            file(user, &report("respiratory_weekly", week, cells)).await;
        }
    }
    use domain::sentinel::AlertLevel::{Advisory, Warning};
    let national = api.login("national").await;
    for (weeks_before, level, rate) in [(3, Advisory, 10.0), (2, Warning, 31.0), (1, Warning, 11.0)] {
        let query = format!("kind=respiratory_weekly&period={}&level=health_center", week_before(owed, weeks_before));
        let north = tables(&national, &query).await.into_iter().find(|t| t.area.code == "9901").unwrap();
        let influenza: Vec<(domain::sentinel::AlertLevel, f64)> =
            north.alerts.iter().filter(|a| a.disease == "influenza").map(|a| (a.level, a.rate)).collect();
        assert_eq!(influenza, [(level, rate)], "{weeks_before} weeks before");
    }
    let now = overview(&api.login("hc-north").await, &format!("?week={owed}")).await;
    let alerts: Vec<(&str, domain::sentinel::AlertLevel, f64)> =
        now.alerts.iter().map(|a| (a.disease.as_str(), a.level, a.rate)).collect();
    assert_eq!(alerts, [("influenza", Warning, 10.0)]);
    assert!(overview(&api.login("hc-south").await, &format!("?week={owed}")).await.alerts.is_empty());

    // The chart: this season's weeks with reports have their rates, the levels are drawn.
    let chart: ChartData = expect_json(
        national.get("/sentinel/chart?health_center=9901&kind=respiratory_weekly&disease=influenza").await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(chart.seasons.len(), 5);
    let rates: Vec<f64> = chart.seasons.iter().flat_map(|s| s.rates.iter().flatten().copied()).collect();
    assert_eq!(rates, [10.0, 31.0, 11.0, 10.0]);
    let thresholds = chart.thresholds.unwrap();
    assert_eq!((thresholds.start.0, thresholds.end.0, thresholds.advisory.map(|a| a.0)), (3000, 1000, Some(1000)));
}

/// デモ県北保健所's influenza levels as stored (migration 0031), by week.
async fn stored_influenza_levels(api: &Api) -> Vec<(String, String)> {
    api.fetch_all(
        "SELECT period_start, level FROM sentinel_area_levels WHERE health_center_code = '9901' \
         AND kind = 'respiratory_weekly' AND disease = 'influenza' ORDER BY period_start",
    )
    .await
}

/// The levels `domain::sentinel::alert_levels` gives the area's whole series: per week of `weeks`
/// (oldest first) the two sites' influenza counts, `None` where a site has not reported.
fn computed_influenza_levels(weeks: &[(ReportPeriod, Option<u32>, Option<u32>)]) -> Vec<(String, String)> {
    use domain::sentinel::{alert_levels, AlertLevel, WeeklyRate, NATIONAL_THRESHOLDS};
    let series: Vec<WeeklyRate> = weeks
        .iter()
        .map(|(period, first, second)| {
            let ReportPeriod::Week(week) = period else { panic!("a week") };
            let reported = [first, second].into_iter().flatten();
            let sites = u32::try_from(reported.clone().count()).unwrap();
            WeeklyRate { week: *week, cases: reported.map(|count| u64::from(*count)).sum(), sites }
        })
        .collect();
    let levels = alert_levels("influenza", &series, NATIONAL_THRESHOLDS);
    weeks
        .iter()
        .zip(levels)
        .filter(|(_, level)| *level != AlertLevel::None)
        .map(|((period, _, _), level)| {
            let name = if level == AlertLevel::Warning { "warning" } else { "advisory" };
            (period.first_day().to_string(), name.to_owned())
        })
        .collect()
}

/// Two respiratory sites of 北 file six weeks out of order, leave a week out, and correct an earlier
/// week so that a later 警報 no longer follows from it: after every step the stored levels are the
/// ones the domain computes over the whole series. Then the levels are dropped and owed (as for
/// figures from before the migration) and the store computes the same ones when it connects.
async fn stored_levels_equal_the_levels_computed_from_the_whole_series(api: Api) {
    let sentinel1 = api.login("sentinel1").await;
    let internist = manager_of(&api, "kita-naika", "9910000011").await;
    let owed = owed_now(&api).await;
    let mut weeks: Vec<(ReportPeriod, Option<u32>, Option<u32>)> =
        (0..6).rev().map(|before| (week_before(owed, before), None, None)).collect();
    let influenza = |count: u32| vec![cell("influenza", "20-29y", "female", json!(count))];
    // (week index, first site's count, second site's, whether it corrects revision 1)
    let steps = [
        (0, 10, 10, false), // 10.0: 注意報
        (1, 31, 31, false), // 31.0: 警報
        (3, 12, 10, false), // after a week without reports: 11.0 is 注意報 only
        (2, 15, 15, false), // the gap filled: 警報 lasts through week 3 (11.0 ≥ 10)
        (1, 1, 1, true),    // week 1 corrected to 1.0: no 警報 to last, weeks 2 and 3 are 注意報
        (5, 40, 40, false), // after another gap: 40.0 starts a 警報
    ];
    for (index, first, second, correction) in steps {
        let period = weeks[index].0;
        for (user, count) in [(&sentinel1, first), (&internist, second)] {
            let mut body = report("respiratory_weekly", period, influenza(count));
            if correction {
                body["based_on_revision"] = json!(1);
            }
            file(user, &body).await;
        }
        weeks[index] = (period, Some(first), Some(second));
        assert_eq!(stored_influenza_levels(&api).await, computed_influenza_levels(&weeks), "after week {index}");
    }
    let expected = ["advisory", "advisory", "advisory", "warning"];
    let stored = stored_influenza_levels(&api).await;
    assert_eq!(stored.iter().map(|(_, level)| level.as_str()).collect::<Vec<_>>(), expected);

    api.execute_sql("DELETE FROM sentinel_area_levels").await;
    api.execute_sql(
        "INSERT INTO sentinel_levels_owed (kind, health_center_code, from_period) \
         SELECT kind, health_center_code, MIN(period_start) FROM sentinel_area_periods \
         GROUP BY kind, health_center_code",
    )
    .await;
    server::store::connect(&api.database_url).await.unwrap();
    assert_eq!(stored_influenza_levels(&api).await, stored);
    assert_eq!(api.query_count("SELECT COUNT(*) FROM sentinel_levels_owed").await, 0);
}

async fn reminders_reach_the_managers_of_sites_that_have_not_reported(api: Api) {
    let week = owed_now(&api).await;
    let body = json!({ "kind": "respiratory_weekly", "period": week.to_string() });
    // 北町こどもクリニック (sentinel1 has an address) and 北町内科医院 (no manager) owe the week.
    let north = api.login("hc-north").await;
    let queued: RemindersQueued =
        expect_json(north.post_json("/sentinel/reminders", &body).await, StatusCode::OK).await;
    assert_eq!(queued.queued, 1);
    assert_eq!(queued.unreachable.iter().map(|s| s.code.as_str()).collect::<Vec<_>>(), ["9910000011"]);
    let mail = crate::accounts::mail_containing(&api, "sentinel1@kita-clinic.todoke.invalid", &week.to_string()).await;
    assert!(mail.contains("北町こどもクリニック") && mail.contains("患者なし"), "{mail}");
    let reminded = format!(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'remind_sentinel_site' AND actor = 'hc-north' \
         AND target = '9910000001/respiratory_weekly/{week}'"
    );
    assert_eq!(api.query_count(&reminded).await, 1);

    // Once reported, a site is not reminded; other roles send none.
    file(&api.login("sentinel1").await, &report("respiratory_weekly", week, vec![])).await;
    let queued: RemindersQueued =
        expect_json(north.post_json("/sentinel/reminders", &body).await, StatusCode::OK).await;
    assert_eq!(queued.queued, 0);
    for user in ["pref-demo", "sentinel1", "doctor1"] {
        let response = api.login(user).await.post_json("/sentinel/reminders", &body).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{user}");
    }
    let future = json!({ "kind": "respiratory_weekly", "period": "2099-W01" });
    expect_error(
        north.post_json("/sentinel/reminders", &future).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
}

async fn the_designation_master_is_imported_whole_or_not_at_all(api: Api) {
    let admin = api.login("national-admin").await;
    let upload = |csv: &'static str| {
        let url = format!("{}/admin/masters/sentinel-designations", admin.base);
        admin.client.put(url).header("content-type", "text/csv").body(csv).send()
    };
    let bad = "hos_cd,定点種別,指定開始日,指定終了日\n\
               9910000012,小児科定点,2025-04-01,\n\
               0000000000,眼科定点,2025-04-01,\n\
               9910000012,耳鼻科定点,2025-04-01,\n\
               9910000012,小児科定点,2025-10-01,2026-03-31\n\
               9910000012,基幹定点,2025/04/01,\n";
    let error = expect_error(upload(bad).await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY, "import_rejected").await;
    let problems: Vec<(u32, String)> = error.problems.iter().map(|p| (p.row, format!("{:?}", p.code))).collect();
    assert_eq!(
        problems,
        [
            (3, "UnknownInstitution".to_owned()),
            (4, "InvalidValue".to_owned()),
            (5, "InvalidValue".to_owned()),
            (6, "InvalidValue".to_owned())
        ]
    );
    let designations = "SELECT COUNT(*) FROM sentinel_designations";
    assert_eq!(api.query_count(designations).await, 10, "the demo's, nothing added");

    let good = "hos_cd,定点種別,指定開始日,指定終了日\n\
                9910000012,小児科定点,2025-04-01,2026-03-31\n\
                9920000002,respiratory,2024-01-01,2026-03-31\n\
                9910000011,疑似症定点,2026-01-01,\n";
    let response = upload(good).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let imported: domain::api::MasterImportReport = response.json().await.unwrap();
    assert_eq!(
        (imported.created, imported.updated),
        (2, 1),
        "new designations (one for 疑似症), an existing one ended"
    );
    assert_eq!(api.query_count(designations).await, 12);
    let syndromic = "SELECT COUNT(*) FROM sentinel_designations WHERE sentinel_type = 'syndromic'";
    assert_eq!(api.query_count(syndromic).await, 2, "the demo's and the imported one");
    assert_eq!(api.query_count("SELECT COUNT(*) FROM master_history WHERE kind = 'sentinel-designations'").await, 1);
}

async fn queued_mails(api: &Api) -> i64 {
    api.query_count("SELECT COUNT(*) FROM mail_outbox").await
}

async fn a_site_is_reminded_of_a_report_once_however_often_asked(api: Api) {
    let week = owed_now(&api).await;
    let north = api.login("hc-north").await;
    let respiratory = json!({ "kind": "respiratory_weekly", "period": week.to_string() });
    let first: RemindersQueued =
        expect_json(north.post_json("/sentinel/reminders", &respiratory).await, StatusCode::OK).await;
    assert_eq!((first.queued, first.already_reminded.len()), (1, 0));
    assert_eq!(queued_mails(&api).await, 1);

    // Asked again (a second press, or a colleague): nobody is mailed twice; the answer says when.
    let again: RemindersQueued =
        expect_json(north.post_json("/sentinel/reminders", &respiratory).await, StatusCode::OK).await;
    assert_eq!(again.queued, 0);
    let reminded: Vec<&str> = again.already_reminded.iter().map(|r| r.site.code.as_str()).collect();
    assert_eq!(reminded, ["9910000001"]);
    assert_eq!(again.unreachable.iter().map(|s| s.code.as_str()).collect::<Vec<_>>(), ["9910000011"]);
    assert_eq!(queued_mails(&api).await, 1, "no second mail");
    let audited = "SELECT COUNT(*) FROM audit_log WHERE action = 'remind_sentinel_site'";
    assert_eq!(api.query_count(audited).await, 1, "one reminder recorded");

    // The health center's week shows when the site was reminded, for that report only.
    let rows = overview(&north, &format!("?week={week}")).await.reports;
    let reminded_at = |code: &str, kind: &str| {
        rows.iter().find(|row| row.site.code == code && row.due.kind.code() == kind).unwrap().reminded_at
    };
    assert_eq!(reminded_at("9910000001", "respiratory_weekly"), Some(again.already_reminded[0].reminded_at));
    assert_eq!(reminded_at("9910000001", "pediatric_weekly"), None);
    assert_eq!(reminded_at("9910000011", "respiratory_weekly"), None, "not reachable, not reminded");

    // Two requests at once for another report: one mail between them.
    let pediatric = json!({ "kind": "pediatric_weekly", "period": week.to_string() });
    let (one, other) = tokio::join!(
        north.post_json("/sentinel/reminders", &pediatric),
        north.post_json("/sentinel/reminders", &pediatric)
    );
    let one: RemindersQueued = expect_json(one, StatusCode::OK).await;
    let other: RemindersQueued = expect_json(other, StatusCode::OK).await;
    assert_eq!(one.queued + other.queued, 1);
    assert_eq!(one.already_reminded.len() + other.already_reminded.len(), 1);
    assert_eq!(queued_mails(&api).await, 2);
    assert_eq!(api.query_count(audited).await, 2);
}

async fn every_overseer_sees_the_designations_of_any_area_in_its_scope(api: Api) {
    use domain::api::Designation;
    use domain::sentinel::SentinelType;
    use time::macros::date;
    // 北町眼科クリニック was a 小児科定点 for a while before its 眼科 designation.
    let store = server::store::connect(&api.database_url).await.unwrap();
    let ended = Designation {
        sentinel_type: SentinelType::Pediatric,
        from: date!(2023 - 04 - 01),
        until: Some(date!(2023 - 12 - 31)),
    };
    store.put_designation("9910000012", &ended).await.unwrap();
    let since_2024 = |sentinel_type| Designation { sentinel_type, from: date!(2024 - 01 - 01), until: None };
    // Every read names the week owed (the rows' states are compared between reads).
    let pinned = format!("?week={}", owed_now(&api).await);
    let north = overview(&api.login("hc-north").await, &pinned).await;
    let sites: Vec<(&str, &[Designation])> =
        north.designations.iter().map(|site| (site.site.code.as_str(), site.designations.as_slice())).collect();
    assert_eq!(
        sites,
        [
            ("9910000001", &[since_2024(SentinelType::Pediatric), since_2024(SentinelType::Respiratory)][..]),
            ("9910000011", &[since_2024(SentinelType::Respiratory)][..]),
            ("9910000012", &[ended, since_2024(SentinelType::Ophthalmology)][..]),
        ]
    );
    let south = overview(&api.login("hc-south").await, &pinned).await;
    let south_sites: Vec<&str> = south.designations.iter().map(|site| site.site.code.as_str()).collect();
    assert_eq!(south_sites, ["9920000002", "9920000013", "9920000014"]);
    // The prefecture and national staff pick any area of their scope and see what its health center sees.
    for user in ["pref-demo", "national"] {
        let user = api.login(user).await;
        for own in [&north, &south] {
            let seen = overview(&user, &format!("{pinned}&health_center={}", own.health_center.code)).await;
            assert_eq!((seen.designations, seen.reports), (own.designations.clone(), own.reports.clone()));
        }
    }
}
