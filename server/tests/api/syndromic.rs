//! 疑似症サーベイランス (issue 15): a designated institution's report is received once under its
//! device's id and routed to the health center responsible, which sees it first as urgent and accepts
//! or returns it once; every bad report is refused at its field with nothing stored; who is not
//! designated, or not the institution's manager, files nothing.

use domain::api::{NotificationStatus, SyndromicReceipt, SyndromicReport, SyndromicReportDetail, WorkflowAction};
use domain::error::FieldErrorCode;
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, Api, User};

on_both_databases!(
    a_report_is_received_once_and_routed_to_the_responsible_health_center,
    every_bad_report_is_refused_at_its_field_and_nothing_is_stored,
    the_health_center_accepts_or_returns_a_report_once,
    reports_waiting_longer_than_a_day_are_overdue_and_listed_first,
);

fn today() -> time::Date {
    domain::jst::date_in_japan(time::OffsetDateTime::now_utc())
}

fn report() -> Value {
    let diagnosed = today();
    json!({
        "symptoms": ["fever", "neurological"], "age_band": "5-9y", "sex": "female",
        "onset_on": (diagnosed - time::Duration::days(2)).to_string(), "diagnosed_on": diagnosed.to_string(),
        "intensive_care": "icu", "note": "渡航歴なし。意識障害あり。"
    })
}

async fn file(user: &User, body: &Value) -> SyndromicReceipt {
    let response = user.put_json(&format!("/syndromic/reports/{}", Uuid::new_v4()), body).await;
    expect_json(response, StatusCode::CREATED).await
}

async fn list(user: &User) -> Vec<SyndromicReport> {
    expect_json(user.get("/syndromic/reports").await, StatusCode::OK).await
}

async fn stored(api: &Api) -> (i64, i64) {
    (
        api.query_count("SELECT COUNT(*) FROM syndromic_reports").await,
        api.query_count("SELECT COUNT(*) FROM syndromic_events").await,
    )
}

async fn audited(api: &Api, action: &str, outcome: &str) -> usize {
    let log = api.audit_log().await;
    log.iter().filter(|(_, logged, result)| logged == action && result == outcome).count()
}

async fn a_report_is_received_once_and_routed_to_the_responsible_health_center(api: Api) {
    let sentinel2 = api.login("sentinel2").await;
    let path = format!("/syndromic/reports/{}", Uuid::new_v4());
    let receipt: SyndromicReceipt = expect_json(sentinel2.put_json(&path, &report()).await, StatusCode::CREATED).await;
    assert!(receipt.receipt_number.starts_with('G'), "{}", receipt.receipt_number);
    assert_eq!((receipt.institution.code.as_str(), receipt.health_center.code.as_str()), ("9920000002", "9902"));

    // The same content again (symptoms in another order is the same report): the same receipt.
    let mut reordered = report();
    reordered["symptoms"] = json!(["neurological", "fever"]);
    let again: SyndromicReceipt = expect_json(sentinel2.put_json(&path, &reordered).await, StatusCode::OK).await;
    assert_eq!(again, receipt);
    assert_eq!(stored(&api).await, (1, 1));
    let mut other = report();
    other["sex"] = json!("male");
    expect_error(sentinel2.put_json(&path, &other).await, StatusCode::CONFLICT, "report_conflict").await;
    assert_eq!(stored(&api).await, (1, 1));
    assert_eq!(audited(&api, "file_syndromic_report", "success").await, 1);

    // The health center responsible has it, urgent and waiting; the other health center does not.
    let inbox = list(&api.login("hc-south").await).await;
    assert_eq!(inbox.len(), 1);
    assert_eq!((inbox[0].status, inbox[0].urgent, inbox[0].overdue), (NotificationStatus::Received, true, false));
    assert_eq!(inbox[0].content.symptoms.len(), 2);
    assert!(list(&api.login("hc-north").await).await.is_empty());
    let own = list(&sentinel2).await;
    assert_eq!(own[0].receipt, receipt);
    let detail: SyndromicReportDetail = expect_json(sentinel2.get(&path).await, StatusCode::OK).await;
    let steps: Vec<WorkflowAction> = detail.history.iter().map(|entry| entry.action).collect();
    assert_eq!(steps, [WorkflowAction::Received]);
    assert_eq!(detail.report.content.note.as_deref(), Some("渡航歴なし。意識障害あり。"));
    assert_eq!(audited(&api, "view_syndromic_report", "success").await, 1);
}

async fn every_bad_report_is_refused_at_its_field_and_nothing_is_stored(api: Api) {
    let sentinel2 = api.login("sentinel2").await;
    let fields = |error: domain::error::ApiError| -> Vec<(String, FieldErrorCode)> {
        error.fields.into_iter().map(|field| (field.field, field.code)).collect()
    };
    let tomorrow = (today() + time::Duration::days(1)).to_string();
    let cases = [
        (json!({ "diagnosed_on": tomorrow }), "diagnosed_on", FieldErrorCode::DateInFuture),
        (json!({ "diagnosed_on": "2019-03-31" }), "diagnosed_on", FieldErrorCode::OutOfRange),
        (json!({ "onset_on": tomorrow }), "onset_on", FieldErrorCode::DateOrder),
        (json!({ "symptoms": [] }), "symptoms", FieldErrorCode::Required),
        (json!({ "symptoms": ["fever", "sneezing"] }), "symptoms[1]", FieldErrorCode::InvalidChoice),
        (json!({ "symptoms": ["other"], "note": "" }), "note", FieldErrorCode::Required),
        (json!({ "age_band": "6y" }), "age_band", FieldErrorCode::NotInCatalog),
        (json!({ "intensive_care": "none" }), "intensive_care", FieldErrorCode::InvalidChoice),
        (json!({ "note": "①" }), "note", FieldErrorCode::InvalidCharacters),
    ];
    for (change, field, code) in cases {
        let mut body = report();
        for (key, value) in change.as_object().unwrap() {
            body[key] = value.clone();
        }
        let response = sentinel2.put_json(&format!("/syndromic/reports/{}", Uuid::new_v4()), &body).await;
        let error = expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert_eq!(fields(error), [(field.to_owned(), code)], "{change}");
    }
    // A site not designated for 疑似症, and a doctor (who files 発生届, not 疑似症 reports).
    let sentinel1 = api.login("sentinel1").await;
    let response = sentinel1.put_json(&format!("/syndromic/reports/{}", Uuid::new_v4()), &report()).await;
    let error = expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(fields(error), [("diagnosed_on".to_owned(), FieldErrorCode::NotDesignated)]);
    let doctor2 = api.login("doctor2").await;
    let response = doctor2.put_json(&format!("/syndromic/reports/{}", Uuid::new_v4()), &report()).await;
    expect_error(response, StatusCode::FORBIDDEN, "forbidden").await;
    let mut missing = report();
    missing.as_object_mut().unwrap().remove("sex");
    let response = sentinel2.put_json(&format!("/syndromic/reports/{}", Uuid::new_v4()), &missing).await;
    expect_error(response, StatusCode::BAD_REQUEST, "malformed_request").await;
    assert_eq!(stored(&api).await, (0, 0));
}

async fn the_health_center_accepts_or_returns_a_report_once(api: Api) {
    let sentinel2 = api.login("sentinel2").await;
    let hc_south = api.login("hc-south").await;
    let accepted = file(&sentinel2, &report()).await.report_id;
    let returned = file(&sentinel2, &report()).await.report_id;

    let detail: SyndromicReportDetail = expect_json(
        hc_south.post_json(&format!("/syndromic/reports/{accepted}/accept"), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(detail.report.status, NotificationStatus::Accepted);
    assert_eq!(
        detail.history.last().map(|entry| (entry.action, entry.actor.as_str())),
        Some((WorkflowAction::Accepted, "hc-south"))
    );
    let again = hc_south.post_json(&format!("/syndromic/reports/{accepted}/accept"), &json!({})).await;
    expect_error(again, StatusCode::CONFLICT, "invalid_transition").await;

    // A return needs a comment; the filer then sees it in its list.
    let path = format!("/syndromic/reports/{returned}/return");
    expect_error(
        hc_south.post_json(&path, &json!({ "comment": " " })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let comment = "年齢区分を確認し、改めて報告してください。";
    let detail: SyndromicReportDetail =
        expect_json(hc_south.post_json(&path, &json!({ "comment": comment })).await, StatusCode::OK).await;
    assert_eq!(
        (detail.report.status, detail.report.return_comment.as_deref()),
        (NotificationStatus::Returned, Some(comment))
    );
    let own = list(&sentinel2).await;
    let row = own.iter().find(|report| report.receipt.report_id == returned).unwrap();
    assert_eq!(row.return_comment.as_deref(), Some(comment));
    let accept_returned = hc_south.post_json(&format!("/syndromic/reports/{returned}/accept"), &json!({})).await;
    expect_error(accept_returned, StatusCode::CONFLICT, "invalid_transition").await;

    // Nobody else steps: the filer and the 都道府県等 see it but may not, another health center does not see it.
    let waiting = file(&sentinel2, &report()).await.report_id;
    let accept = format!("/syndromic/reports/{waiting}/accept");
    for user_id in ["sentinel2", "pref-demo"] {
        let response = api.login(user_id).await.post_json(&accept, &json!({})).await;
        expect_error(response, StatusCode::FORBIDDEN, "forbidden").await;
    }
    expect_error(api.login("hc-north").await.post_json(&accept, &json!({})).await, StatusCode::NOT_FOUND, "not_found")
        .await;
    let statuses: Vec<(String,)> = api.fetch_all("SELECT status FROM syndromic_reports ORDER BY seq").await;
    assert_eq!(statuses, [("accepted".to_owned(),), ("returned".to_owned(),), ("received".to_owned(),)]);
    assert_eq!(stored(&api).await, (3, 5));
    assert_eq!(audited(&api, "accept_syndromic_report", "success").await, 1);
    assert_eq!(audited(&api, "return_syndromic_report", "success").await, 1);
    assert_eq!(audited(&api, "accept_syndromic_report", "denied").await, 3);
    assert_eq!(audited(&api, "accept_syndromic_report", "failure").await, 2);
    assert_eq!(audited(&api, "return_syndromic_report", "failure").await, 1);
}

async fn reports_waiting_longer_than_a_day_are_overdue_and_listed_first(api: Api) {
    let sentinel2 = api.login("sentinel2").await;
    let old = file(&sentinel2, &report()).await.report_id;
    let accepted = file(&sentinel2, &report()).await.report_id;
    let new = file(&sentinel2, &report()).await.report_id;
    let received_at = (time::OffsetDateTime::now_utc() - time::Duration::hours(25))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    for id in [old, accepted] {
        let id = match api.backend {
            crate::support::Backend::Sqlite => format!("x'{}'", id.simple()),
            crate::support::Backend::Postgres => format!("'{id}'"),
        };
        api.execute_sql(&format!("UPDATE syndromic_reports SET received_at = '{received_at}' WHERE id = {id}")).await;
    }
    let hc_south = api.login("hc-south").await;
    hc_south.post_json(&format!("/syndromic/reports/{accepted}/accept"), &json!({})).await;
    let inbox = list(&hc_south).await;
    let order: Vec<(Uuid, bool)> = inbox.iter().map(|report| (report.receipt.report_id, report.overdue)).collect();
    assert_eq!(order, [(old, true), (new, false), (accepted, false)]);
}
