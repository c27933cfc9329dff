//! 取下げ: the filer withdraws a notification filed by mistake, with a reason, until the health center
//! accepts it; the health center sees the withdrawal in its history, and the situation views no longer
//! count it. Refusals (the reason, the status, the role, another institution) change nothing.

use domain::api::{NotificationDetail, NotificationStatus, WorkflowAction};
use domain::error::FieldErrorCode;
use domain::situation::EpiCurve;
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, Api, User};
use crate::workflow::file;

on_both_databases!(
    a_doctor_withdraws_a_notification_and_the_health_center_sees_why,
    a_returned_notification_may_be_withdrawn_but_not_an_accepted_one,
    withdrawal_is_the_filing_institutions_with_a_reason_and_refusals_change_nothing,
);

async fn withdraw(user: &User, id: Uuid, reason: &str) -> reqwest::Response {
    user.post_json(&format!("/notifications/{id}/withdraw"), &json!({ "reason": reason })).await
}

async fn open(user: &User, id: Uuid) -> NotificationDetail {
    expect_json(user.get(&format!("/notifications/{id}")).await, StatusCode::OK).await
}

/// How many notifications the account's curve (its whole scope) counts this year.
async fn counted(staff: &User) -> u32 {
    let curve: EpiCurve = expect_json(staff.get("/situation/curve").await, StatusCode::OK).await;
    curve.weeks.iter().map(|week| week.total).sum()
}

/// Who withdrew or tried to, with the outcome ("doctor1 success"), oldest first.
async fn withdrawals_audited(api: &Api) -> Vec<String> {
    let audit = api.audit_log().await;
    audit
        .into_iter()
        .filter(|(_, action, _)| action == "withdraw_notification")
        .map(|(actor, _, outcome)| format!("{} {outcome}", actor.unwrap_or_default()))
        .collect()
}

fn actions(detail: &NotificationDetail) -> Vec<WorkflowAction> {
    detail.history.iter().map(|entry| entry.action).collect()
}

async fn a_doctor_withdraws_a_notification_and_the_health_center_sees_why(api: Api) {
    let doctor = api.login("doctor1").await;
    let staff = api.login("hc-north").await;
    let (id, receipt) = file(&doctor).await;
    let (kept, _) = file(&doctor).await;
    let national = api.login("national").await;
    assert_eq!((counted(&staff).await, counted(&national).await), (2, 2));

    let reason = "別の患者の届出と取り違えて提出したため";
    let withdrawn: NotificationDetail = expect_json(withdraw(&doctor, id, reason).await, StatusCode::OK).await;
    assert_eq!(withdrawn.summary.status, NotificationStatus::Withdrawn);
    assert_eq!(withdrawn.summary.receipt, receipt, "the receipt stays");
    assert_eq!(actions(&withdrawn), [WorkflowAction::Received, WorkflowAction::Withdrawn]);

    // The health center still lists it, as withdrawn, with who withdrew it and why.
    let seen = open(&staff, id).await;
    let last = seen.history.last().expect("history");
    assert_eq!(
        (last.action, last.actor.as_str(), last.comment.as_deref()),
        (WorkflowAction::Withdrawn, "doctor1", Some(reason))
    );
    let inbox: Vec<domain::api::NotificationSummary> =
        expect_json(staff.get("/notifications?status=withdrawn").await, StatusCode::OK).await;
    let ids: Vec<Uuid> = inbox.iter().map(|row| row.receipt.notification_id).collect();
    assert_eq!(ids, [id]);
    assert_eq!(counted(&staff).await, 1, "a notification filed by mistake is no case");
    assert_eq!(counted(&national).await, 1, "nor in the nation's kept totals (migration 0046)");

    // Final: nobody takes another step on it.
    expect_error(withdraw(&doctor, id, reason).await, StatusCode::CONFLICT, "invalid_transition").await;
    let accept = staff.post_json(&format!("/notifications/{id}/accept"), &json!({})).await;
    expect_error(accept, StatusCode::CONFLICT, "invalid_transition").await;
    assert_eq!(open(&staff, id).await, seen);
    assert_eq!(open(&staff, kept).await.summary.status, NotificationStatus::Received);

    assert_eq!(withdrawals_audited(&api).await, ["doctor1 success", "doctor1 failure"]);
}

async fn a_returned_notification_may_be_withdrawn_but_not_an_accepted_one(api: Api) {
    let doctor = api.login("doctor1").await;
    let staff = api.login("hc-north").await;
    let (returned, _) = file(&doctor).await;
    let comment = json!({ "comment": "診断日を確認してください。" });
    assert_eq!(staff.post_json(&format!("/notifications/{returned}/return"), &comment).await.status(), StatusCode::OK);
    let withdrawn: NotificationDetail =
        expect_json(withdraw(&doctor, returned, "届出の対象ではなかったため").await, StatusCode::OK).await;
    assert_eq!(withdrawn.summary.status, NotificationStatus::Withdrawn);
    assert_eq!(withdrawn.summary.return_comment, None, "nothing is left to correct");
    assert_eq!(actions(&withdrawn), [WorkflowAction::Received, WorkflowAction::Returned, WorkflowAction::Withdrawn]);

    let (accepted, _) = file(&doctor).await;
    assert_eq!(
        staff.post_json(&format!("/notifications/{accepted}/accept"), &json!({})).await.status(),
        StatusCode::OK
    );
    let before = open(&doctor, accepted).await;
    expect_error(withdraw(&doctor, accepted, "誤り").await, StatusCode::CONFLICT, "invalid_transition").await;
    assert_eq!(open(&doctor, accepted).await, before, "accepted stays accepted");
}

async fn withdrawal_is_the_filing_institutions_with_a_reason_and_refusals_change_nothing(api: Api) {
    let doctor = api.login("doctor1").await;
    let (id, _) = file(&doctor).await;
    let before = open(&doctor, id).await;

    let blank =
        expect_error(withdraw(&doctor, id, " \n ").await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!((blank.fields[0].field.as_str(), blank.fields[0].code), ("reason", FieldErrorCode::Required));
    let refused =
        expect_error(withdraw(&doctor, id, "①の誤り").await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
            .await;
    assert!(refused.fields[0].message.contains('①'), "{:?}", refused.fields);
    let missing = doctor.post_json(&format!("/notifications/{id}/withdraw"), &json!({})).await;
    expect_error(missing, StatusCode::BAD_REQUEST, "malformed_request").await;

    // The health center does not withdraw a doctor's notification; another clinic does not see it.
    let staff = api.login("hc-north").await;
    expect_error(withdraw(&staff, id, "誤り").await, StatusCode::FORBIDDEN, "forbidden").await;
    let other = api.login("doctor2").await;
    expect_error(withdraw(&other, id, "誤り").await, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(open(&doctor, id).await, before, "nothing changed");

    assert_eq!(
        withdrawals_audited(&api).await,
        ["doctor1 failure", "doctor1 failure", "hc-north denied", "doctor2 denied"]
    );
}
