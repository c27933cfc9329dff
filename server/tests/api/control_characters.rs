//! Control characters (U+0000 above all, which PostgreSQL cannot store in text and answered with a
//! 500) are refused at the edge with 422 `validation_failed` naming the field, in bodies, query
//! strings, path segments and uploaded files alike, and nothing changes.

use reqwest::StatusCode;
use serde_json::json;

use crate::on_both_databases;
use crate::support::{expect_error, measles_submission, Api};

on_both_databases!(control_characters_are_refused_at_the_edge_and_change_nothing);

const NUL: &str = "\u{0}";

async fn control_characters_are_refused_at_the_edge_and_change_nothing(api: Api) {
    let anonymous = api.anonymous();
    let doctor = api.login("doctor1").await;
    let (id, _) = crate::workflow::file(&doctor).await;
    let staff = api.login("hc-north").await;
    let admin = api.login("pref-admin").await;
    let manager = api.login("manager1").await;
    let national = api.login("national-admin").await;
    let audit_before = api.audit_log().await.len();
    let mut submission = measles_submission();
    submission["answers"]["patient_name"] = format!("山田{NUL}太郎").into();
    let clinic = json!({
        "class": "notifiable", "health_center_code": "9902", "name": format!("南町{NUL}医院"),
        "name_kana": "ミナミマチイイン", "postal_code": "9990002", "address": "デモ県南町2-2",
        "phone": "03-2222-3333", "beds": 0, "non_insurance": true
    });

    // (who, method, path, body, the field the refusal names)
    let cases = [
        (
            &anonymous,
            "POST",
            "/session".to_owned(),
            json!({ "user_id": format!("doctor1{NUL}"), "password": "x" }),
            "user_id",
        ),
        (&anonymous, "POST", "/password-reset".to_owned(), json!({ "user_id": format!("{NUL}doctor1") }), "user_id"),
        (
            &anonymous,
            "POST",
            "/password-reset/confirm".to_owned(),
            json!({ "user_id": "doctor1", "code": format!("12345{NUL}"), "new_password": "Kita#Clinic9" }),
            "code",
        ),
        (
            &staff,
            "POST",
            format!("/notifications/{id}/transfer"),
            json!({ "health_center_code": format!("9902{NUL}"), "reason": "管轄外" }),
            "health_center_code",
        ),
        (&staff, "POST", format!("/notifications/{id}/return"), json!({ "comment": format!("確認{NUL}") }), "comment"),
        (&doctor, "PUT", format!("/notifications/{}", uuid::Uuid::new_v4()), submission, "answers.patient_name"),
        (
            &admin,
            "PATCH",
            "/admin/accounts/doctor2".to_owned(),
            json!({ "display_name": format!("南町{NUL}") }),
            "display_name",
        ),
        (&admin, "POST", "/admin/institutions".to_owned(), clinic, "name"),
        (
            &manager,
            "POST",
            "/manager/requests".to_owned(),
            json!({ "action": { "kind": "suspend", "user_id": format!("doctor1{NUL}") } }),
            "action.user_id",
        ),
        (&admin, "PATCH", format!("/admin/accounts/doctor2{}", "%00"), json!({ "display_name": "南町" }), "user_id"),
    ];
    for (user, method, path, body, field) in cases {
        let request = user.client.request(method.parse().unwrap(), format!("{}{path}", user.base)).json(&body);
        let error =
            expect_error(request.send().await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        assert_eq!(error.fields[0].field, field, "{method} {path}");
        assert!(error.fields[0].message.contains("U+0000"), "{}", error.fields[0].message);
    }
    for path in ["/notifications?disease=%00", "/admin/accounts/doctor%002"] {
        let user = if path.starts_with("/admin") { &admin } else { &staff };
        expect_error(user.get(path).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    }
    assert_eq!(api.audit_log().await.len(), audit_before, "nothing was done, nothing audited");
    let master = "保健所コード,保健所名,都道府県等コード,都道府県等名\n9903,デモ県\u{0}東保健所,99,デモ県\n";
    let upload = national
        .client
        .put(format!("{}/admin/masters/health-centers", national.base))
        .header("content-type", "text/csv")
        .body(master);
    expect_error(upload.send().await.unwrap(), StatusCode::UNPROCESSABLE_ENTITY, "import_rejected").await;
    assert_eq!(api.query_count("SELECT COUNT(*) FROM health_centers WHERE code = '9903'").await, 0);

    let notifications = api.notification_state().await;
    assert_eq!((notifications[0].1.as_str(), notifications[0].3.as_str()), ("received", "9901"));
    assert_eq!(api.query_count("SELECT COUNT(*) FROM notifications").await, 1);
    assert_eq!(api.query_count("SELECT COUNT(*) FROM account_requests").await, 0);
    assert_eq!(api.query_count("SELECT COUNT(*) FROM institutions WHERE source = 'registered'").await, 0);
    assert_eq!(api.query_count("SELECT COUNT(*) FROM users WHERE display_name = '南町'").await, 0);
}
