//! Animal reports (N-7): veterinarians file the disease × species pairs of law Art. 13 through the
//! notification intake with `animal_report`; routed by their animal clinic's health center, idempotent,
//! with receipts, in the health center's workflow; nobody else files them.

use domain::api::{NotificationDetail, NotificationSummary, Receipt};
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{animal_report_submission, expect_error, expect_json, measles_submission, Api};

on_both_databases!(
    a_veterinarian_files_and_the_clinics_health_center_receives_it,
    only_veterinarians_file_animal_reports_and_only_of_known_pairs,
    a_returned_animal_report_is_resubmitted_as_an_animal_report,
);

async fn a_veterinarian_files_and_the_clinics_health_center_receives_it(api: Api) {
    let vet = api.login("vet1").await;
    let id = Uuid::new_v4();
    let path = format!("/notifications/{id}");
    let receipt: Receipt =
        expect_json(vet.put_json(&path, &animal_report_submission()).await, StatusCode::CREATED).await;
    assert_eq!(receipt.health_center.name, "デモ県北保健所", "routed by 北町どうぶつ病院's health center");
    let again: Receipt = expect_json(vet.put_json(&path, &animal_report_submission()).await, StatusCode::OK).await;
    assert_eq!(again, receipt, "the same id and content: the same receipt");
    let mut changed = animal_report_submission();
    changed["answers"]["animal_count"] = "3".into();
    expect_error(vet.put_json(&path, &changed).await, StatusCode::CONFLICT, "notification_conflict").await;

    let staff = api.login("hc-north").await;
    let inbox: Vec<NotificationSummary> = expect_json(staff.get("/notifications").await, StatusCode::OK).await;
    assert_eq!(inbox.len(), 1);
    assert_eq!((inbox[0].animal_report.as_deref(), inbox[0].disease.as_str()), (Some("ebola_monkey"), "ebola"));
    assert!(inbox[0].urgent, "animal reports are notified immediately");
    assert_eq!(inbox[0].institution.name, "北町どうぶつ病院");
    let detail: NotificationDetail = expect_json(staff.get(&path).await, StatusCode::OK).await;
    assert_eq!(detail.filed_by, "vet1");
    assert_eq!(detail.answers.get("animal_species"), Some(&domain::forms::Answer::One("カニクイザル".into())));
    let filed: Vec<NotificationSummary> = expect_json(vet.get("/notifications").await, StatusCode::OK).await;
    assert_eq!(filed, inbox, "the veterinarian sees the clinic's reports");
    let other: Vec<NotificationSummary> =
        expect_json(api.login("hc-south").await.get("/notifications").await, StatusCode::OK).await;
    assert!(other.is_empty());
}

async fn only_veterinarians_file_animal_reports_and_only_of_known_pairs(api: Api) {
    for user_id in ["doctor1", "hc-north", "pref-demo", "national"] {
        let user = api.login(user_id).await;
        let response = user.put_json(&format!("/notifications/{}", Uuid::new_v4()), &animal_report_submission()).await;
        expect_error(response, StatusCode::FORBIDDEN, "forbidden").await;
    }
    let vet = api.login("vet1").await;
    let human = vet.put_json(&format!("/notifications/{}", Uuid::new_v4()), &measles_submission()).await;
    expect_error(human, StatusCode::FORBIDDEN, "forbidden").await;
    for (disease, pair) in [("measles", "ebola_monkey"), ("ebola", "ebola_cat")] {
        let mut body = animal_report_submission();
        body["disease"] = disease.into();
        body["animal_report"] = pair.into();
        let response = vet.put_json(&format!("/notifications/{}", Uuid::new_v4()), &body).await;
        expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "unknown_disease").await;
    }
    let mut wrong_form = measles_submission();
    wrong_form["disease"] = "ebola".into();
    wrong_form["animal_report"] = "ebola_monkey".into();
    let response = vet.put_json(&format!("/notifications/{}", Uuid::new_v4()), &wrong_form).await;
    let error = expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert!(error.fields.iter().any(|field| field.field == "patient_name"), "not an item of the veterinarian's form");
    let listed: Vec<NotificationSummary> = expect_json(vet.get("/notifications").await, StatusCode::OK).await;
    assert!(listed.is_empty(), "nothing was stored");
}

async fn a_returned_animal_report_is_resubmitted_as_an_animal_report(api: Api) {
    let vet = api.login("vet1").await;
    let id = Uuid::new_v4();
    let path = format!("/notifications/{id}");
    assert_eq!(vet.put_json(&path, &animal_report_submission()).await.status(), StatusCode::CREATED);
    let staff = api.login("hc-north").await;
    let returned = staff.post_json(&format!("{path}/return"), &json!({ "comment": "頭数を確認してください。" })).await;
    assert_eq!(returned.status(), StatusCode::OK);

    let mut as_human = measles_submission();
    as_human["answers"]["patient_name"] = "北町 太郎".into();
    let refused =
        vet.post_json(&format!("{path}/resubmit"), &json!({ "based_on_revision": 1, "submission": as_human })).await;
    expect_error(refused, StatusCode::FORBIDDEN, "forbidden").await;
    let unchanged: NotificationDetail = expect_json(vet.get(&path).await, StatusCode::OK).await;
    assert_eq!((unchanged.summary.revision, unchanged.history.len()), (1, 2), "the refusal changed nothing");

    let mut corrected = animal_report_submission();
    corrected["animal_report"] = "marburg_monkey".into();
    corrected["disease"] = "marburg".into();
    corrected["answers"]["animal_count"] = "3".into();
    let body = json!({ "based_on_revision": 1, "submission": corrected });
    assert_eq!(vet.post_json(&format!("{path}/resubmit"), &body).await.status(), StatusCode::OK);
    let detail: NotificationDetail = expect_json(staff.get(&path).await, StatusCode::OK).await;
    assert_eq!(detail.summary.revision, 2);
    assert_eq!(
        (detail.summary.animal_report.as_deref(), detail.summary.disease.as_str()),
        (Some("marburg_monkey"), "marburg")
    );
    assert_eq!(detail.answers.get("animal_count"), Some(&domain::forms::Answer::One("3".into())));
}
