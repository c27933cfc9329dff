//! The audit viewer (P-2, issue 20): a sysadmin reads its 都道府県等's accounts' records, a national
//! administrator everyone's, filtered by account, object, kind and days, with the chain's state, and
//! as CSV; every reading is itself recorded.

use domain::api::{AuditPage, AuditRecord};
use reqwest::StatusCode;
use serde_json::json;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, measles_submission, Api, User};

on_both_databases!(
    each_administrator_reads_its_jurisdictions_records_filtered,
    the_viewer_shows_a_broken_chain_and_exports_csv,
    pages_follow_each_other_and_a_record_altered_after_a_reading_is_caught,
    every_row_of_the_csv_has_the_headers_columns_in_both_encodings,
);

async fn page(user: &User, query: &str) -> AuditPage {
    expect_json(user.get(&format!("/admin/audit{query}")).await, StatusCode::OK).await
}

fn actors(records: &[AuditRecord]) -> Vec<&str> {
    records.iter().filter_map(|record| record.actor.as_deref().or(record.target.as_deref())).collect()
}

async fn each_administrator_reads_its_jurisdictions_records_filtered(api: Api) {
    let doctor1 = api.login("doctor1").await;
    let id = uuid::Uuid::new_v4();
    assert_eq!(doctor1.put_json(&format!("/notifications/{id}"), &measles_submission()).await.status(), 201);
    api.login("doctor3").await;
    let wrong = json!({ "user_id": "doctor3", "password": "not-the-password" });
    assert_eq!(api.anonymous().post_json("/session", &wrong).await.status(), StatusCode::UNAUTHORIZED);

    // デモ県's sysadmin: デモ県's accounts (doctor1 through its institution and health center), not デモ市's.
    let pref_admin = api.login("pref-admin").await;
    let everything = page(&pref_admin, "").await;
    assert!(everything.chain.intact && everything.chain.broken_at.is_none(), "{:?}", everything.chain);
    assert!(!everything.truncated);
    let seen = actors(&everything.records);
    assert!(seen.contains(&"doctor1") && seen.contains(&"pref-admin"), "{seen:?}");
    assert!(!seen.contains(&"doctor3"), "another 都道府県等's account: {seen:?}");
    assert!(everything.records.windows(2).all(|pair| pair[0].seq > pair[1].seq), "newest first");

    let logins = page(&pref_admin, "?user=doctor1&kind=login").await.records;
    assert!(!logins.is_empty());
    assert!(logins.iter().all(|r| r.actor.as_deref() == Some("doctor1") && r.action == "login"));
    let filing = page(&pref_admin, &format!("?object={id}")).await.records;
    assert_eq!(filing.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(), ["submit_notification"]);
    let today = domain::jst::date_in_japan(time::OffsetDateTime::now_utc());
    let yesterday = today.previous_day().unwrap();
    assert!(page(&pref_admin, &format!("?to={yesterday}")).await.records.is_empty());
    let from_today = page(&pref_admin, &format!("?from={today}&to={today}&user=doctor1")).await.records;
    assert_eq!(from_today.len(), actors(&everything.records).iter().filter(|a| **a == "doctor1").count());
    expect_error(pref_admin.get("/admin/audit?from=2026-13-01").await, StatusCode::BAD_REQUEST, "malformed_request")
        .await;

    // デモ市's sysadmin sees doctor3, its failed login (no actor: the ID typed is the object), not doctor1.
    let city = page(&api.login("city-admin").await, "").await;
    let seen = actors(&city.records);
    assert!(seen.contains(&"doctor3") && !seen.contains(&"doctor1"), "{seen:?}");
    assert!(city.records.iter().any(|r| r.actor.is_none() && r.target.as_deref() == Some("doctor3")));
    let national = page(&api.login("national-admin").await, "?kind=login").await;
    let seen = actors(&national.records);
    assert!(seen.contains(&"doctor1") && seen.contains(&"doctor3"), "{seen:?}");

    // Each reading is recorded, with its filters.
    let readings: Vec<(Option<String>, Option<String>)> =
        api.fetch_all("SELECT actor, target FROM audit_log WHERE action = 'view_audit' ORDER BY seq").await;
    assert!(readings.iter().any(|(actor, target)| actor.as_deref() == Some("pref-admin")
        && target.as_deref().is_some_and(|t| t.starts_with("user=doctor1 kind=login"))));
}

async fn the_viewer_shows_a_broken_chain_and_exports_csv(api: Api) {
    let admin = api.login("national-admin").await;
    let response = admin.get("/admin/audit/export?kind=login").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let bytes = response.bytes().await.unwrap();
    let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a BOM")).unwrap();
    let mut lines = text.split("\r\n");
    assert_eq!(lines.next(), Some("seq,at,actor,action,target,client_address,outcome,replaced_characters"));
    let rows: Vec<&str> = lines.filter(|line| !line.is_empty()).collect();
    assert!(!rows.is_empty() && rows.iter().all(|row| row.contains(",login,")), "{rows:?}");
    assert!(rows.iter().any(|row| row.contains(",national-admin,login,")));
    let shift_jis = admin.get("/admin/audit/export?encoding=shift_jis").await;
    assert_eq!(shift_jis.headers()["content-type"], "text/csv; charset=Shift_JIS");
    let exports = "SELECT COUNT(*) FROM audit_log WHERE action = 'export_audit' AND outcome = 'success'";
    assert_eq!(api.query_count(exports).await, 2);

    api.wait_until_audit_chained().await;
    let second = api.query_count("SELECT seq FROM audit_log ORDER BY chain_position LIMIT 1 OFFSET 1").await;
    api.execute_sql(&format!("UPDATE audit_log SET actor = 'mallory' WHERE seq = {second}")).await;
    let chain = page(&admin, "").await.chain;
    assert!(!chain.intact && chain.head_hash.is_none() && chain.records.is_none() && chain.pending.is_none());
    assert_eq!(chain.broken_at, Some(second));
    assert!(chain.problem.is_some_and(|problem| problem.contains("altered")));
}

async fn pages_follow_each_other_and_a_record_altered_after_a_reading_is_caught(api: Api) {
    let admin = api.login("national-admin").await;
    // Each reading is a record: enough of them for two pages.
    for _ in 0..=domain::api::AUDIT_PAGE_LIMIT {
        page(&admin, "?kind=nothing").await;
    }
    let first = page(&admin, "?kind=view_audit").await;
    assert_eq!(first.records.len(), domain::api::AUDIT_PAGE_LIMIT);
    assert!(first.truncated);
    let cursor = first.next_before_seq.expect("a next page");
    assert_eq!(Some(cursor), first.records.last().map(|record| record.seq));
    let second = page(&admin, &format!("?kind=view_audit&before_seq={cursor}")).await;
    assert!(!second.records.is_empty() && !second.truncated && second.next_before_seq.is_none());
    assert!(second.records.iter().all(|record| record.seq < cursor), "older than the first page");

    // A reading verifies the chain up to its head; a record changed afterwards is before where the
    // next reading starts its walk, yet it is caught when shown, checked against its hash and link.
    api.wait_until_audit_chained().await;
    let intact = page(&admin, "").await.chain;
    assert!(intact.intact && intact.page_checked.is_some_and(|checked| checked > 0), "{intact:?}");
    let shown = page(&admin, "?kind=view_audit").await.records;
    let altered = shown.iter().map(|record| record.seq).nth(5).expect("a record to alter");
    api.wait_until_audit_chained().await;
    page(&admin, "").await;
    api.execute_sql(&format!("UPDATE audit_log SET target = 'rewritten' WHERE seq = {altered}")).await;
    let chain = page(&admin, "?kind=view_audit").await.chain;
    assert!(!chain.intact && chain.page_checked.is_none(), "{chain:?}");
    assert_eq!(chain.broken_at, Some(altered));
}

/// The CSV's records as a CSV reader sees them (quotes, commas and line breaks inside cells included).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    reader.records().map(|record| record.unwrap().iter().map(str::to_owned).collect()).collect()
}

async fn every_row_of_the_csv_has_the_headers_columns_in_both_encodings(api: Api) {
    // A failed login records the ID as typed: quotes, a comma and 𠮟 (not in Windows-31J).
    let typed = "𠮟田,\"太郎\"";
    let wrong = json!({ "user_id": typed, "password": "not-the-password" });
    assert_eq!(api.anonymous().post_json("/session", &wrong).await.status(), StatusCode::UNAUTHORIZED);
    let admin = api.login("national-admin").await;

    let utf8 = admin.get("/admin/audit/export").await.bytes().await.unwrap();
    let utf8 = csv_records(std::str::from_utf8(utf8.strip_prefix(b"\xEF\xBB\xBF").expect("a BOM")).unwrap());
    let sjis = admin.get("/admin/audit/export?encoding=shift_jis").await.bytes().await.unwrap();
    let (sjis, _, malformed) = encoding_rs::SHIFT_JIS.decode(&sjis);
    assert!(!malformed);
    for records in [&utf8, &csv_records(&sjis)] {
        let (header, rows) = records.split_first().expect("a header");
        assert_eq!(header.last().map(String::as_str), Some("replaced_characters"));
        assert!(rows.len() > 1, "{rows:?}");
        for row in rows {
            assert_eq!(row.len(), header.len(), "{header:?} {row:?}");
        }
    }
    let column = |records: &[Vec<String>], name: &str| records[0].iter().position(|c| c == name).unwrap();
    let failed = |records: &[Vec<String>]| {
        let outcome = column(records, "outcome");
        records.iter().find(|row| row[outcome] == "failure").cloned().expect("the failed login")
    };
    let (target, replaced) = (column(&utf8, "target"), column(&utf8, "replaced_characters"));
    assert_eq!((failed(&utf8)[target].as_str(), failed(&utf8)[replaced].as_str()), (typed, ""));
    let sjis = csv_records(&sjis);
    assert_eq!(failed(&sjis)[target], typed.replace('𠮟', "〓"));
    assert_eq!(failed(&sjis)[replaced], "target:U+20B9F");
}
