//! The health-center workflow (N-5): accept, return with a comment and resubmit with revisions,
//! transfer to another health center, refused transitions, outsiders, and the inbox's filters and order.

use domain::api::{
    NotificationDetail, NotificationStatus, NotificationSummary, Organization, PreviousVersion, Receipt, StaleRevision,
    WorkflowAction,
};
use domain::forms::Answer;
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, measles_submission, Api, User};

on_both_databases!(
    the_health_center_accepts_and_acceptance_is_final,
    a_returned_notification_is_corrected_and_resubmitted_as_revision_two,
    a_resubmission_based_on_an_old_revision_gets_409_with_the_current_version,
    a_transfer_hands_the_notification_to_the_other_health_center,
    invalid_transitions_are_conflicts_and_change_nothing,
    comments_reasons_and_targets_are_checked,
    outsiders_can_neither_read_nor_act_and_nothing_changes,
    the_inbox_lists_overdue_and_urgent_first_and_filters,
    a_step_decided_on_an_outdated_state_changes_nothing,
    the_transfer_screen_lists_every_health_center,
);

pub async fn file(doctor: &User) -> (Uuid, Receipt) {
    let id = Uuid::new_v4();
    let receipt =
        expect_json(doctor.put_json(&format!("/notifications/{id}"), &measles_submission()).await, StatusCode::CREATED)
            .await;
    (id, receipt)
}

async fn open(user: &User, id: Uuid) -> NotificationDetail {
    expect_json(user.get(&format!("/notifications/{id}")).await, StatusCode::OK).await
}

async fn list(user: &User, query: &str) -> Vec<NotificationSummary> {
    expect_json(user.get(&format!("/notifications{query}")).await, StatusCode::OK).await
}

async fn accept(user: &User, id: Uuid) -> reqwest::Response {
    user.post_json(&format!("/notifications/{id}/accept"), &json!({})).await
}

async fn return_it(user: &User, id: Uuid, comment: &str) -> reqwest::Response {
    user.post_json(&format!("/notifications/{id}/return"), &json!({ "comment": comment })).await
}

async fn transfer(user: &User, id: Uuid, to: &str, reason: &str) -> reqwest::Response {
    user.post_json(&format!("/notifications/{id}/transfer"), &json!({ "health_center_code": to, "reason": reason }))
        .await
}

async fn resubmit(user: &User, id: Uuid, based_on: u32, submission: serde_json::Value) -> reqwest::Response {
    let body = json!({ "based_on_revision": based_on, "submission": submission });
    user.post_json(&format!("/notifications/{id}/resubmit"), &body).await
}

fn actions(detail: &NotificationDetail) -> Vec<WorkflowAction> {
    detail.history.iter().map(|entry| entry.action).collect()
}

fn corrected() -> serde_json::Value {
    let mut body = measles_submission();
    body["answers"]["patient_name"] = "山田 次郎".into();
    body
}

async fn the_health_center_accepts_and_acceptance_is_final(api: Api) {
    let doctor = api.login("doctor1").await;
    let (id, receipt) = file(&doctor).await;
    let staff = api.login("hc-north").await;
    let waiting = open(&staff, id).await;
    assert_eq!((waiting.summary.status, waiting.summary.revision), (NotificationStatus::Received, 1));
    assert_eq!(actions(&waiting), [WorkflowAction::Received]);
    assert_eq!(waiting.history[0].actor, "doctor1");
    assert_eq!(waiting.history[0].health_center.code, "9901");

    let accepted: NotificationDetail = expect_json(accept(&staff, id).await, StatusCode::OK).await;
    assert_eq!(accepted.summary.status, NotificationStatus::Accepted);
    assert_eq!(accepted.summary.receipt, receipt);
    assert_eq!(actions(&accepted), [WorkflowAction::Received, WorkflowAction::Accepted]);
    assert_eq!(accepted.history[1].actor, "hc-north");
    assert_eq!(accepted.history[1].revision, 1);

    // The filer sees it accepted; the filer cannot accept it (a health center's step).
    let filed = list(&doctor, "").await;
    assert_eq!(filed[0].status, NotificationStatus::Accepted);
    expect_error(accept(&doctor, id).await, StatusCode::FORBIDDEN, "forbidden").await;
    expect_error(accept(&staff, id).await, StatusCode::CONFLICT, "invalid_transition").await;

    let audit = api.audit_log().await;
    let accepts: Vec<_> = audit.iter().filter(|(_, action, _)| action == "accept_notification").collect();
    let outcomes: Vec<(&str, &str)> =
        accepts.iter().map(|(actor, _, outcome)| (actor.as_deref().unwrap_or_default(), outcome.as_str())).collect();
    assert_eq!(outcomes, [("hc-north", "success"), ("doctor1", "denied"), ("hc-north", "failure")]);
}

async fn a_returned_notification_is_corrected_and_resubmitted_as_revision_two(api: Api) {
    let doctor = api.login("doctor1").await;
    let (id, receipt) = file(&doctor).await;
    let staff = api.login("hc-north").await;
    let comment = "診断日と発病日を確認してください。\n検査方法も記入してください。";
    let returned: NotificationDetail = expect_json(return_it(&staff, id, comment).await, StatusCode::OK).await;
    assert_eq!(returned.summary.status, NotificationStatus::Returned);

    // The filer's list shows it returned with the comment (no detail needed per row), and so does the detail.
    let filed = list(&doctor, "").await;
    assert_eq!((filed[0].receipt.notification_id, filed[0].status), (id, NotificationStatus::Returned));
    assert_eq!(filed[0].return_comment.as_deref(), Some(comment));
    let seen = open(&doctor, id).await;
    let last = seen.history.last().expect("history");
    assert_eq!((last.action, last.actor.as_str()), (WorkflowAction::Returned, "hc-north"));
    assert_eq!(last.comment.as_deref(), Some(comment));
    assert_eq!(seen.previous_version, None, "a first version replaced nothing");

    let again: Receipt = expect_json(resubmit(&doctor, id, 1, corrected()).await, StatusCode::OK).await;
    assert_eq!(again, receipt, "the resubmission keeps the receipt");

    let inbox = list(&staff, "").await;
    assert_eq!(inbox.len(), 1);
    assert_eq!((inbox[0].status, inbox[0].revision), (NotificationStatus::Received, 2));
    assert_eq!(inbox[0].return_comment, None, "a resubmitted notification no longer shows the return's comment");
    let current = open(&staff, id).await;
    assert_eq!(current.answers.get("patient_name"), Some(&Answer::One("山田 次郎".into())));
    assert_eq!(actions(&current), [WorkflowAction::Received, WorkflowAction::Returned, WorkflowAction::Resubmitted]);
    let resubmitted = &current.history[2];
    assert_eq!((resubmitted.actor.as_str(), resubmitted.revision), ("doctor1", 1));
    // The returned version is kept, for the health center to see what the resubmission changed.
    let kept = PreviousVersion { revision: 1, answers: returned.answers.clone() };
    assert_eq!(current.previous_version, Some(kept));

    // Retrying the first PUT (its receipt was lost, say) still gets the receipt and changes nothing.
    let retry = doctor.put_json(&format!("/notifications/{id}"), &measles_submission()).await;
    let retried: Receipt = expect_json(retry, StatusCode::OK).await;
    assert_eq!(retried, receipt);
    assert_eq!(open(&staff, id).await, current);
    // So does sending the resubmission again (the outbox retries when its answer was lost): filed once.
    let resent: Receipt = expect_json(resubmit(&doctor, id, 1, corrected()).await, StatusCode::OK).await;
    assert_eq!(resent, receipt);
    assert_eq!(open(&staff, id).await, current);
    // Other content on the same revision is a newer version's conflict, as from a second device.
    let other = resubmit(&doctor, id, 1, measles_submission()).await;
    let stale: StaleRevision = expect_json(other, StatusCode::CONFLICT).await;
    assert_eq!(stale.current, open(&doctor, id).await);
    assert_eq!(open(&staff, id).await, current);
    // Staff do not resubmit; a resubmission needs a returned notification.
    expect_error(resubmit(&staff, id, 2, corrected()).await, StatusCode::FORBIDDEN, "forbidden").await;
    expect_error(resubmit(&doctor, id, 2, corrected()).await, StatusCode::CONFLICT, "invalid_transition").await;
    let audit = api.audit_log().await;
    assert!(audit.iter().any(|(actor, action, outcome)| actor.as_deref() == Some("doctor1")
        && action == "resubmit_notification"
        && outcome == "success"));
}

async fn a_resubmission_based_on_an_old_revision_gets_409_with_the_current_version(api: Api) {
    let doctor = api.login("doctor1").await;
    let (id, _) = file(&doctor).await;
    let staff = api.login("hc-north").await;
    assert_eq!(return_it(&staff, id, "氏名を確認してください。").await.status(), StatusCode::OK);
    assert_eq!(resubmit(&doctor, id, 1, corrected()).await.status(), StatusCode::OK);
    assert_eq!(return_it(&staff, id, "住所も確認してください。").await.status(), StatusCode::OK);
    let before = open(&doctor, id).await;
    assert_eq!((before.summary.status, before.summary.revision), (NotificationStatus::Returned, 2));

    // A second device still holding revision 1 resubmits.
    let response = resubmit(&doctor, id, 1, measles_submission()).await;
    let stale: StaleRevision = expect_json(response, StatusCode::CONFLICT).await;
    assert_eq!(serde_json::to_value(stale.code).unwrap(), "stale_revision");
    assert!(!stale.message.is_empty());
    assert_eq!(stale.current, before, "the body carries the current version");
    assert_eq!(open(&doctor, id).await, before, "nothing changed");
    let response = resubmit(&doctor, id, 3, measles_submission()).await;
    let ahead: StaleRevision = expect_json(response, StatusCode::CONFLICT).await;
    assert_eq!(ahead.current.summary.revision, 2);

    // Invalid forms are refused like new ones, and change nothing either.
    let mut invalid = corrected();
    invalid["answers"].as_object_mut().unwrap().remove("patient_name");
    let error =
        expect_error(resubmit(&doctor, id, 2, invalid).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
            .await;
    assert_eq!(error.fields[0].field, "patient_name");
    assert_eq!(open(&doctor, id).await, before);
    assert_eq!(resubmit(&doctor, id, 2, corrected()).await.status(), StatusCode::OK);
    let third = open(&doctor, id).await;
    assert_eq!(third.summary.revision, 3);
    // The refused resubmissions kept nothing: the version before the third is the second.
    assert_eq!(third.previous_version.map(|kept| (kept.revision, kept.answers)), Some((2, before.answers)));
}

async fn a_transfer_hands_the_notification_to_the_other_health_center(api: Api) {
    let doctor = api.login("doctor1").await;
    let (id, receipt) = file(&doctor).await;
    let north = api.login("hc-north").await;
    let south = api.login("hc-south").await;
    let reason = "患者の居住地が南保健所の管轄のため";
    let moved: NotificationDetail = expect_json(transfer(&north, id, "9902", reason).await, StatusCode::OK).await;
    assert_eq!(moved.summary.status, NotificationStatus::Received);
    assert_eq!(moved.summary.health_center.code, "9902");
    assert_eq!(moved.summary.receipt, receipt, "the receipt still names the health center it was routed to");
    let step = moved.history.last().expect("history");
    assert_eq!((step.action, step.comment.as_deref()), (WorkflowAction::Transferred, Some(reason)));
    assert_eq!(step.health_center.code, "9901");
    assert_eq!(step.transferred_to.as_ref().map(|to| to.name.as_str()), Some("デモ県南保健所"));

    // The old health center lost it; the new one has it and may act; the filer still sees it.
    assert!(list(&north, "").await.is_empty());
    expect_error(north.get(&format!("/notifications/{id}")).await, StatusCode::NOT_FOUND, "not_found").await;
    expect_error(accept(&north, id).await, StatusCode::NOT_FOUND, "not_found").await;
    expect_error(transfer(&north, id, "9901", "戻します").await, StatusCode::NOT_FOUND, "not_found").await;
    let inbox = list(&south, "").await;
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].health_center.name, "デモ県南保健所");
    let accepted: NotificationDetail = expect_json(accept(&south, id).await, StatusCode::OK).await;
    assert_eq!(accepted.summary.status, NotificationStatus::Accepted);
    assert_eq!(accepted.history.last().map(|entry| entry.health_center.code.as_str()), Some("9902"));
    let filed = list(&doctor, "").await;
    assert_eq!((filed[0].status, filed[0].health_center.code.as_str()), (NotificationStatus::Accepted, "9902"));
}

async fn invalid_transitions_are_conflicts_and_change_nothing(api: Api) {
    let doctor = api.login("doctor1").await;
    let staff = api.login("hc-north").await;
    let (returned, _) = file(&doctor).await;
    assert_eq!(return_it(&staff, returned, "確認してください。").await.status(), StatusCode::OK);
    let (accepted, _) = file(&doctor).await;
    assert_eq!(accept(&staff, accepted).await.status(), StatusCode::OK);
    let before = (open(&staff, returned).await, open(&staff, accepted).await);

    for id in [returned, accepted] {
        expect_error(accept(&staff, id).await, StatusCode::CONFLICT, "invalid_transition").await;
        expect_error(return_it(&staff, id, "再度").await, StatusCode::CONFLICT, "invalid_transition").await;
    }
    // An accepted one may still move (its case with it: investigations.rs); a returned one is the filer's.
    expect_error(transfer(&staff, returned, "9902", "管轄外").await, StatusCode::CONFLICT, "invalid_transition").await;
    expect_error(resubmit(&doctor, accepted, 1, corrected()).await, StatusCode::CONFLICT, "invalid_transition").await;
    assert_eq!((open(&staff, returned).await, open(&staff, accepted).await), before);
}

async fn comments_reasons_and_targets_are_checked(api: Api) {
    let doctor = api.login("doctor1").await;
    let (id, _) = file(&doctor).await;
    let staff = api.login("hc-north").await;
    let before = open(&staff, id).await;

    let blank =
        expect_error(return_it(&staff, id, "  ").await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(
        (blank.fields[0].field.as_str(), &blank.fields[0].code),
        ("comment", &domain::error::FieldErrorCode::Required)
    );
    let refused =
        expect_error(return_it(&staff, id, "①を確認").await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
            .await;
    assert!(refused.fields[0].message.contains('①'), "{:?}", refused.fields);
    let missing = staff.post_json(&format!("/notifications/{id}/return"), &json!({})).await;
    expect_error(missing, StatusCode::BAD_REQUEST, "malformed_request").await;

    for (to, reason, fields) in [
        ("9999", "理由", vec!["health_center_code"]),
        ("9901", "理由", vec!["health_center_code"]),
        ("9902", "", vec!["reason"]),
        ("", "㈱の件", vec!["health_center_code", "reason"]),
    ] {
        let error =
            expect_error(transfer(&staff, id, to, reason).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed")
                .await;
        let named: Vec<&str> = error.fields.iter().map(|field| field.field.as_str()).collect();
        assert_eq!(named, fields, "transfer to {to:?} because {reason:?}");
    }
    assert_eq!(open(&staff, id).await, before, "nothing changed");
}

async fn outsiders_can_neither_read_nor_act_and_nothing_changes(api: Api) {
    let doctor = api.login("doctor1").await;
    let (id, _) = file(&doctor).await;
    let staff = api.login("hc-north").await;
    assert_eq!(return_it(&staff, id, "確認してください。").await.status(), StatusCode::OK);
    let before = open(&doctor, id).await;

    for outsider in ["hc-south", "doctor2"] {
        let user = api.login(outsider).await;
        let missing = Uuid::new_v4();
        for target in [id, missing] {
            let responses = [
                user.get(&format!("/notifications/{target}")).await,
                accept(&user, target).await,
                return_it(&user, target, "差し戻し").await,
                transfer(&user, target, "9902", "移送").await,
                resubmit(&user, target, 2, corrected()).await,
                resubmit(&user, target, 1, corrected()).await,
            ];
            for response in responses {
                let url = response.url().to_string();
                let error = expect_error(response, StatusCode::NOT_FOUND, "not_found").await;
                assert!(error.fields.is_empty(), "{outsider} {url}");
            }
        }
        assert!(list(&user, "").await.is_empty(), "{outsider} lists nothing");
    }
    assert_eq!(open(&doctor, id).await, before, "nothing changed");
    let audit = api.audit_log().await;
    let denied = audit
        .iter()
        .filter(|(actor, action, outcome)| {
            actor.as_deref() == Some("hc-south") && action.ends_with("_notification") && outcome == "denied"
        })
        .count();
    assert_eq!(denied, 6, "each refused step on an existing notification is audited: {audit:?}");
}

/// アメーバ赤痢: notified within 7 days, without name or address.
fn seven_day_submission() -> serde_json::Value {
    json!({
        "disease": "amoebiasis",
        "answers": {
            "case_type": "patient",
            "patient_sex": "male",
            "patient_age": "40",
            "patient_prefecture": "13",
            "patient_municipality": "新宿区",
            "symptoms": ["diarrhea"],
            "diagnosis_methods": ["pcr"],
            "first_visit_date": "2026-11-20",
            "diagnosis_date": "2026-11-21",
            "onset_date": "2026-11-18",
            "outcome": "alive",
            "infection_route": "food_water",
            "infection_area": "domestic",
            "amoebiasis_type": "intestinal"
        }
    })
}

async fn the_inbox_lists_overdue_and_urgent_first_and_filters(api: Api) {
    let doctor = api.login("doctor1").await;
    let staff = api.login("hc-north").await;
    let (old, _) = file(&doctor).await;
    let (returned, _) = file(&doctor).await;
    let (accepted, _) = file(&doctor).await;
    let (fresh, _) = file(&doctor).await;
    let seven_day = Uuid::new_v4();
    let response = doctor.put_json(&format!("/notifications/{seven_day}"), &seven_day_submission()).await;
    assert_eq!(response.status(), StatusCode::CREATED, "{}", response.text().await.unwrap_or_default());
    api.backdate(old, time::Duration::days(2)).await;
    assert_eq!(return_it(&staff, returned, "確認してください。").await.status(), StatusCode::OK);
    assert_eq!(accept(&staff, accepted).await.status(), StatusCode::OK);

    let ids = |rows: &[NotificationSummary]| rows.iter().map(|row| row.receipt.notification_id).collect::<Vec<_>>();
    let inbox = list(&staff, "").await;
    assert_eq!(
        ids(&inbox),
        [old, fresh, seven_day, returned, accepted],
        "overdue, urgent waiting, other waiting (though newest), returned, accepted"
    );
    let flags: Vec<(bool, bool)> = inbox.iter().map(|row| (row.urgent, row.overdue)).collect();
    assert_eq!(flags, [(true, true), (true, false), (false, false), (true, false), (true, false)]);
    // The filer's list is simply newest first.
    assert_eq!(ids(&list(&doctor, "").await), [seven_day, fresh, accepted, returned, old]);

    assert_eq!(ids(&list(&staff, "?status=returned").await), [returned]);
    assert_eq!(ids(&list(&doctor, "?status=accepted").await), [accepted]);
    assert_eq!(list(&staff, "?disease=measles").await.len(), 4);
    assert_eq!(ids(&list(&staff, "?disease=amoebiasis").await), [seven_day]);
    assert!(list(&staff, "?disease=rubella").await.is_empty());
    let today = domain::jst::date_in_japan(server::store::now());
    let day = |offset: i64| today + time::Duration::days(offset);
    assert_eq!(ids(&list(&staff, &format!("?received_from={today}")).await), [fresh, seven_day, returned, accepted]);
    assert_eq!(ids(&list(&staff, &format!("?received_to={}", day(-1))).await), [old]);
    let both = format!("?received_from={}&received_to={}&status=received", day(-2), day(-2));
    assert_eq!(ids(&list(&staff, &both).await), [old]);
    assert!(list(&staff, &format!("?received_from={}", day(1))).await.is_empty());
    for bad in ["?received_from=2026-13-01", "?received_to=yesterday", "?status=lost"] {
        expect_error(staff.get(&format!("/notifications{bad}")).await, StatusCode::BAD_REQUEST, "malformed_request")
            .await;
    }
}

/// Two people acting at once both read `received`; the store applies a step only to the state it was
/// decided on, so the second one (here: a return decided before the accept landed) changes nothing.
async fn a_step_decided_on_an_outdated_state_changes_nothing(api: Api) {
    let doctor = api.login("doctor1").await;
    let (id, _) = file(&doctor).await;
    let staff = api.login("hc-north").await;
    assert_eq!(accept(&staff, id).await.status(), StatusCode::OK);
    let before = open(&staff, id).await;

    let store = server::store::connect(&api.database_url).await.expect("store");
    let decided_on = |status, revision: u32, health_center: &str| server::store::Transition {
        id,
        from_status: status,
        from_revision: revision,
        from_health_center_code: health_center.into(),
        action: WorkflowAction::Returned,
        to_status: NotificationStatus::Returned,
        to_revision: revision,
        to_health_center_code: health_center.into(),
        resubmission: None,
        actor: "hc-north".into(),
        at: server::store::now(),
        comment: Some("遅れた差し戻し".into()),
        audit: server::audit::entry(
            server::audit::Action::ReturnNotification,
            server::audit::Outcome::Success,
            Some("hc-north"),
            Some(id.to_string()),
            None,
        ),
        filer_mail: Some(server::store::FilerMail {
            id: Uuid::new_v4(),
            subject: "差し戻し".into(),
            body: "本文".into(),
        }),
    };
    let mails = "SELECT COUNT(*) FROM mail_outbox";
    let mails_before = api.query_count(mails).await;
    for outdated in [
        decided_on(NotificationStatus::Received, 1, "9901"),
        decided_on(NotificationStatus::Accepted, 2, "9901"),
        decided_on(NotificationStatus::Accepted, 1, "9902"),
    ] {
        assert!(!store.transition(outdated).await.expect("transition"), "applied on an outdated state");
    }
    assert_eq!(open(&staff, id).await, before, "nothing changed, no history entry");
    let returns = api.audit_log().await.into_iter().filter(|(_, action, _)| action == "return_notification").count();
    assert_eq!(returns, 0, "no audit record for a step that did not happen");
    assert_eq!(api.query_count(mails).await, mails_before, "nor a mail to the filer");
    // The same step decided on the current state does apply (so the refusals above were the guard's).
    assert!(store.transition(decided_on(NotificationStatus::Accepted, 1, "9901")).await.expect("transition"));
    assert_eq!(open(&staff, id).await.summary.status, NotificationStatus::Returned);
}

async fn the_transfer_screen_lists_every_health_center(api: Api) {
    expect_error(api.anonymous().get("/health-centers").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let north = api.login("hc-north").await;
    let centers: Vec<Organization> = expect_json(north.get("/health-centers").await, StatusCode::OK).await;
    let listed: Vec<(&str, &str)> = centers.iter().map(|c| (c.code.as_str(), c.name.as_str())).collect();
    let mut registered: Vec<(&str, &str)> =
        server::demo::HEALTH_CENTERS.iter().map(|(code, name, _)| (*code, *name)).collect();
    registered.sort();
    assert_eq!(listed, registered, "every health center of the demo data, by code");
    assert!(listed.contains(&("9902", "デモ県南保健所")));
}
