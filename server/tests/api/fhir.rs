//! FHIR R4 (issue 20, docs/fhir.md): a notification read as a Bundle by accounts with the download
//! flag, audited; the same Bundle filed with a doctor's API token, held to the form's rules, its
//! problems named by element and nothing stored. The committed fixtures are what the server writes
//! (checked here) and what an EMR system sends; `scripts/fhir-validate.sh` checks them against the
//! FHIR R4 model of a registry package.

use domain::api::{CreatedApiToken, NotificationDetail, Receipt};
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, measles_submission, Api, User};

on_both_databases!(
    a_notification_reads_as_the_committed_bundle_and_files_back_unchanged,
    an_emr_bundle_files_as_the_form_would,
    a_bad_bundle_is_refused_naming_the_element_and_nothing_is_stored,
    the_bundle_is_for_the_download_flag_and_every_read_is_audited,
);

/// The id the written fixture was made with (its entries' ids are derived from it).
const WRITTEN_ID: &str = "5f0c6d1e-2b7a-4c11-9d3e-8a4b2c6f1e01";

fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/api/fixtures/fhir/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture")).expect("fixture JSON")
}

/// The Bundle with what differs from run to run (the receipt's number and time) made constant.
fn settled(mut bundle: Value) -> Value {
    bundle["timestamp"] = json!("2026-12-06T00:00:00Z");
    bundle["identifier"]["value"] = json!("20261206-000001");
    bundle
}

async fn token(api: &Api, doctor: &str) -> String {
    let user = api.login(doctor).await;
    let body = json!({ "name": "電子カルテ", "valid_days": 30 });
    let created: CreatedApiToken =
        expect_json(user.post_json("/me/api-tokens", &body).await, StatusCode::CREATED).await;
    created.token
}

async fn file_bundle(api: &Api, token: &str, id: Uuid, bundle: &Value) -> Response {
    reqwest::Client::new()
        .put(format!("{}/notifications/{id}", api.base))
        .bearer_auth(token)
        .header("content-type", "application/fhir+json")
        .body(bundle.to_string())
        .send()
        .await
        .unwrap()
}

async fn read_bundle(user: &User, id: &str) -> Response {
    user.get(&format!("/notifications/{id}/fhir")).await
}

async fn answers(user: &User, id: &str) -> Value {
    let detail: NotificationDetail = expect_json(user.get(&format!("/notifications/{id}")).await, StatusCode::OK).await;
    serde_json::to_value(detail.answers).unwrap()
}

async fn a_notification_reads_as_the_committed_bundle_and_files_back_unchanged(api: Api) {
    let doctor = api.login("doctor1").await;
    let filed = doctor.put_json(&format!("/notifications/{WRITTEN_ID}"), &measles_submission()).await;
    assert_eq!(filed.status(), StatusCode::CREATED);
    let staff = api.login("hc-north").await;
    let response = read_bundle(&staff, WRITTEN_ID).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/fhir+json");
    let written: Value = response.json().await.unwrap();
    if std::env::var_os("TODOKE_WRITE_FHIR_FIXTURES").is_some() {
        let path = format!("{}/tests/api/fixtures/fhir/measles-written.json", env!("CARGO_MANIFEST_DIR"));
        std::fs::write(path, serde_json::to_string_pretty(&settled(written.clone())).unwrap() + "\n").unwrap();
    }
    assert_eq!(
        settled(written.clone()),
        fixture("measles-written.json"),
        "the committed fixture is what todoke writes"
    );
    let kinds: Vec<&str> =
        written["entry"].as_array().unwrap().iter().map(|e| e["resource"]["resourceType"].as_str().unwrap()).collect();
    for kind in ["Patient", "Condition", "Observation", "Practitioner", "Organization"] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }

    // Filed back with a token under a new id: the same answers.
    let token = token(&api, "doctor1").await;
    let again = Uuid::new_v4();
    let receipt: Receipt = expect_json(file_bundle(&api, &token, again, &written).await, StatusCode::CREATED).await;
    assert_eq!(receipt.health_center.code, "9901");
    assert_eq!(answers(&doctor, &again.to_string()).await, answers(&doctor, WRITTEN_ID).await);
    let retried = file_bundle(&api, &token, again, &written).await;
    assert_eq!(retried.status(), StatusCode::OK, "the same Bundle again is the same filing");
}

async fn an_emr_bundle_files_as_the_form_would(api: Api) {
    let token = token(&api, "doctor1").await;
    let id = Uuid::new_v4();
    let response = file_bundle(&api, &token, id, &fixture("measles-from-emr.json")).await;
    assert_eq!(response.status(), StatusCode::CREATED, "{}", response.text().await.unwrap());
    let doctor = api.login("doctor1").await;
    let mut expected = measles_submission()["answers"].clone();
    expected["patient_name_kana"] = json!("ヤマダ タロウ");
    expected["patient_phone"] = json!("0312345678");
    assert_eq!(answers(&doctor, &id.to_string()).await, expected);
    // Another doctor's token cannot file a Bundle that names doctor1's institution.
    let other = token_of_doctor2(&api).await;
    let refused = file_bundle(&api, &other, Uuid::new_v4(), &fixture("measles-from-emr.json")).await;
    let error = expect_error(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert!(error.fields.iter().any(|field| field.field.ends_with(".identifier[0]")), "{:?}", error.fields);
}

async fn token_of_doctor2(api: &Api) -> String {
    token(api, "doctor2").await
}

/// A change to the EMR fixture, and the element the refusal must name.
type Spoil = fn(&mut Value);

async fn a_bad_bundle_is_refused_naming_the_element_and_nothing_is_stored(api: Api) {
    let token = token(&api, "doctor1").await;
    let cases: [(Spoil, &str); 9] = [
        (|b| b["entry"][0]["resource"]["maritalStatus"] = json!({ "text": "既婚" }), "Bundle.entry[0].resource"),
        (|b| b["entry"][0]["resource"]["birthDate"] = json!(20200501), "Bundle.entry[0].resource.birthDate"),
        (|b| b["type"] = json!("transaction"), "Bundle.type"),
        (|b| b["entry"][1]["resource"]["resourceType"] = json!("Encounter"), "Bundle.entry[1].resource.resourceType"),
        (
            |b| b["entry"][1]["resource"]["subject"]["reference"] = json!("urn:uuid:nobody"),
            "Bundle.entry[1].resource.subject",
        ),
        (|b| b["entry"][0]["resource"]["birthDate"] = json!("2099-01-01"), "Patient.birthDate"),
        (|b| b["entry"][0]["resource"]["gender"] = json!("unknown"), "Patient.gender"),
        (
            |b| b["entry"].as_array_mut().unwrap().retain(|e| e["resource"]["code"]["coding"][0]["code"] != "outcome"),
            "Observation.where(code.coding.code='outcome').value",
        ),
        (
            |b| {
                let again = b["entry"][2].clone();
                b["entry"].as_array_mut().unwrap().push(again);
            },
            "Bundle.entry[17].resource.code",
        ),
    ];
    for (spoil, element) in cases {
        let mut bundle = fixture("measles-from-emr.json");
        spoil(&mut bundle);
        let response = file_bundle(&api, &token, Uuid::new_v4(), &bundle).await;
        let error = expect_error(response, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        let named: Vec<&str> = error.fields.iter().map(|field| field.field.as_str()).collect();
        assert!(named.iter().any(|field| field.starts_with(element)), "{element} in {named:?}");
        assert!(error.fields.iter().all(|field| !field.message.is_empty()));
    }
    assert_eq!(api.query_count("SELECT COUNT(*) FROM notifications").await, 0, "nothing refused was stored");
    let refused_filings = api.audit_log().await.into_iter().filter(|(_, action, _)| action == "submit_notification");
    assert_eq!(refused_filings.count(), 0);
}

async fn the_bundle_is_for_the_download_flag_and_every_read_is_audited(api: Api) {
    let doctor = api.login("doctor1").await;
    let id = Uuid::new_v4().to_string();
    assert_eq!(doctor.put_json(&format!("/notifications/{id}"), &measles_submission()).await.status(), 201);
    expect_error(read_bundle(&doctor, &id).await, StatusCode::FORBIDDEN, "download_not_permitted").await;
    let national = api.login("national").await;
    expect_error(read_bundle(&national, &id).await, StatusCode::FORBIDDEN, "download_not_permitted").await;
    let south = api.login("hc-south").await;
    expect_error(read_bundle(&south, &id).await, StatusCode::NOT_FOUND, "not_found").await;
    let prefecture = api.login("pref-demo").await;
    assert_eq!(read_bundle(&prefecture, &id).await.status(), StatusCode::OK);
    expect_error(read_bundle(&prefecture, &Uuid::new_v4().to_string()).await, StatusCode::NOT_FOUND, "not_found").await;
    // An API token reads the JSON detail, never the Bundle.
    let token = token(&api, "doctor1").await;
    let by_token = reqwest::Client::new().get(format!("{}/notifications/{id}/fhir", api.base)).bearer_auth(&token);
    expect_error(by_token.send().await.unwrap(), StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let reads: Vec<(Option<String>, String)> =
        api.fetch_all("SELECT actor, outcome FROM audit_log WHERE action = 'export_fhir_bundle' ORDER BY seq").await;
    let reads: Vec<(Option<&str>, &str)> =
        reads.iter().map(|(actor, outcome)| (actor.as_deref(), outcome.as_str())).collect();
    assert_eq!(
        reads,
        [
            (Some("doctor1"), "denied"),
            (Some("national"), "denied"),
            (Some("hc-south"), "denied"),
            (Some("pref-demo"), "success")
        ]
    );
}
