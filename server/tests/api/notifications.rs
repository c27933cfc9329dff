//! Filing a notification: receipt, idempotency by device id, routing, and who sees what.

use domain::api::{NotificationDetail, NotificationSummary, Receipt};
use domain::forms::Answer;
use reqwest::StatusCode;
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, measles_submission, Api};

on_both_databases!(
    a_doctor_files_and_gets_a_receipt_naming_the_responsible_health_center,
    resubmitting_the_same_id_and_content_returns_the_same_receipt_and_stores_nothing_new,
    the_same_id_with_other_content_is_a_conflict,
    routing_follows_the_filing_institution_and_ignores_client_routing_fields,
    the_other_health_center_neither_lists_nor_opens_it,
    invalid_forms_are_refused_with_every_field_error_and_nothing_is_stored,
    health_center_staff_cannot_file,
);

async fn submit(api: &Api, user_id: &str, id: Uuid) -> Receipt {
    let doctor = api.login(user_id).await;
    expect_json(doctor.put_json(&format!("/notifications/{id}"), &measles_submission()).await, StatusCode::CREATED)
        .await
}

async fn a_doctor_files_and_gets_a_receipt_naming_the_responsible_health_center(api: Api) {
    let id = Uuid::new_v4();
    let receipt = submit(&api, "doctor1", id).await;
    assert_eq!(receipt.notification_id, id);
    assert_eq!(receipt.health_center.name, "デモ県北保健所");
    let (date, sequence) = receipt.receipt_number.split_once('-').expect("date-sequence");
    assert_eq!(date, format!("{}", domain::jst::date_in_japan(receipt.received_at)).replace('-', ""));
    assert!(sequence.parse::<u64>().is_ok(), "{}", receipt.receipt_number);

    let staff = api.login("hc-north").await;
    let inbox: Vec<NotificationSummary> = expect_json(staff.get("/notifications").await, StatusCode::OK).await;
    assert_eq!(inbox.len(), 1);
    assert_eq!(inbox[0].receipt, receipt);
    assert_eq!(inbox[0].institution.name, "北町こどもクリニック");
    let detail: NotificationDetail =
        expect_json(staff.get(&format!("/notifications/{id}")).await, StatusCode::OK).await;
    assert_eq!(detail.filed_by, "doctor1");
    assert_eq!(detail.answers.get("patient_name"), Some(&Answer::One("山田 太郎".into())));
    assert_eq!(detail.summary.receipt, receipt);
}

async fn resubmitting_the_same_id_and_content_returns_the_same_receipt_and_stores_nothing_new(api: Api) {
    let id = Uuid::new_v4();
    let first = submit(&api, "doctor1", id).await;
    let doctor = api.login("doctor1").await;
    let again: Receipt =
        expect_json(doctor.put_json(&format!("/notifications/{id}"), &measles_submission()).await, StatusCode::OK)
            .await;
    assert_eq!(again, first);
    let filed: Vec<NotificationSummary> = expect_json(doctor.get("/notifications").await, StatusCode::OK).await;
    assert_eq!(filed.len(), 1, "a retry must not create a second notification");

    let second = submit(&api, "doctor1", Uuid::new_v4()).await;
    assert_ne!(second.receipt_number, first.receipt_number, "another id is another notification");
}

async fn the_same_id_with_other_content_is_a_conflict(api: Api) {
    let id = Uuid::new_v4();
    let receipt = submit(&api, "doctor1", id).await;
    let doctor = api.login("doctor1").await;
    let mut changed = measles_submission();
    changed["answers"]["patient_name"] = "山田 次郎".into();
    expect_error(
        doctor.put_json(&format!("/notifications/{id}"), &changed).await,
        StatusCode::CONFLICT,
        "notification_conflict",
    )
    .await;
    // Another institution's doctor reusing the id cannot read or overwrite the original either.
    let other = api.login("doctor2").await;
    let response = other.put_json(&format!("/notifications/{id}"), &measles_submission()).await;
    expect_error(response, StatusCode::CONFLICT, "notification_conflict").await;

    let stored: NotificationDetail =
        expect_json(doctor.get(&format!("/notifications/{id}")).await, StatusCode::OK).await;
    assert_eq!(stored.summary.receipt, receipt);
    assert_eq!(stored.answers.get("patient_name"), Some(&Answer::One("山田 太郎".into())));
    // The refused filings wrote nothing of what a filing writes with the notification (one write).
    let number = &receipt.receipt_number;
    for counted in [
        format!("notification_events e JOIN notifications n ON n.id = e.notification_id WHERE n.receipt_number = '{number}'"),
        format!("audit_log WHERE action = 'submit_notification' AND target = '{id}'"),
        format!("mail_outbox WHERE subject LIKE '%{number}'"),
    ] {
        assert_eq!(api.query_count(&format!("SELECT COUNT(*) FROM {counted}")).await, 1, "{counted}");
    }
}

async fn routing_follows_the_filing_institution_and_ignores_client_routing_fields(api: Api) {
    let doctor = api.login("doctor2").await;
    let mut body = measles_submission();
    body["health_center"] = "9901".into();
    body["health_center_code"] = "9901".into();
    let receipt: Receipt =
        expect_json(doctor.put_json(&format!("/notifications/{}", Uuid::new_v4()), &body).await, StatusCode::CREATED)
            .await;
    assert_eq!(receipt.health_center.code, "9902");
    assert_eq!(receipt.health_center.name, "デモ県南保健所");

    let south: Vec<NotificationSummary> =
        expect_json(api.login("hc-south").await.get("/notifications").await, StatusCode::OK).await;
    let north: Vec<NotificationSummary> =
        expect_json(api.login("hc-north").await.get("/notifications").await, StatusCode::OK).await;
    assert_eq!(south.len(), 1);
    assert!(north.is_empty(), "{north:?}");
}

async fn the_other_health_center_neither_lists_nor_opens_it(api: Api) {
    let id = Uuid::new_v4();
    submit(&api, "doctor1", id).await;
    let south = api.login("hc-south").await;
    let inbox: Vec<NotificationSummary> = expect_json(south.get("/notifications").await, StatusCode::OK).await;
    assert!(inbox.is_empty(), "{inbox:?}");
    let denied =
        expect_error(south.get(&format!("/notifications/{id}")).await, StatusCode::NOT_FOUND, "not_found").await;
    let missing = expect_error(
        south.get(&format!("/notifications/{}", Uuid::new_v4())).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(denied, missing, "a foreign notification looks exactly like a missing one");

    let other_clinic = api.login("doctor2").await;
    expect_error(other_clinic.get(&format!("/notifications/{id}")).await, StatusCode::NOT_FOUND, "not_found").await;
    let filed: Vec<NotificationSummary> = expect_json(other_clinic.get("/notifications").await, StatusCode::OK).await;
    assert!(filed.is_empty());
}

async fn invalid_forms_are_refused_with_every_field_error_and_nothing_is_stored(api: Api) {
    let doctor = api.login("doctor1").await;
    let id = Uuid::new_v4();
    let mut body = measles_submission();
    body["answers"]["onset_date"] = "2026-11-22".into();
    body["answers"]["patient_sex"] = "unknown".into();
    body["answers"].as_object_mut().unwrap().remove("patient_name");
    body["answers"]["patient_name_kana"] = "やまだ ハナコ".into();
    let error = expect_error(
        doctor.put_json(&format!("/notifications/{id}"), &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let mut fields: Vec<_> = error.fields.iter().map(|f| f.field.as_str()).collect();
    fields.sort_unstable();
    // The onset after the diagnosis is reported at the onset, the estimated date.
    assert_eq!(fields, ["onset_date", "patient_name", "patient_name_kana", "patient_sex"], "{:?}", error.fields);
    assert!(error.fields.iter().all(|f| !f.message.is_empty()));
    let reading = error.fields.iter().find(|f| f.field == "patient_name_kana").expect("the reading's error");
    assert_eq!(reading.code, domain::error::FieldErrorCode::NotKatakana);
    assert!(reading.message.contains("「や」「ま」「だ」"), "{}", reading.message);

    let mut unknown = measles_submission();
    unknown["disease"] = "common_cold".into();
    let response = doctor.put_json(&format!("/notifications/{id}"), &unknown).await;
    expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "unknown_disease").await;

    expect_error(doctor.get(&format!("/notifications/{id}")).await, StatusCode::NOT_FOUND, "not_found").await;
    // The id is still free: the corrected form goes through under it.
    let fixed = doctor.put_json(&format!("/notifications/{id}"), &measles_submission()).await;
    assert_eq!(fixed.status(), StatusCode::CREATED);
}

async fn health_center_staff_cannot_file(api: Api) {
    let staff = api.login("hc-north").await;
    let id = Uuid::new_v4();
    expect_error(
        staff.put_json(&format!("/notifications/{id}"), &measles_submission()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let inbox: Vec<NotificationSummary> = expect_json(staff.get("/notifications").await, StatusCode::OK).await;
    assert!(inbox.is_empty());
}
