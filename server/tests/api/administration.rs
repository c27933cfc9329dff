//! Administrators through HTTP: jurisdiction (a sysadmin never sees or changes accounts of another
//! 都道府県等), suspension ending sessions at once, deletion, password reset and changes, masters with
//! history, and institutions missing from the master.

use domain::api::{
    AccountState, InitialPassword, IssuedBatch, ManagedAccount, MasterImportReport, Me, PasswordChangeReason,
    RegisteredInstitution,
};
use domain::error::ApiError;
use reqwest::StatusCode;

use crate::accounts::{accounts, form_csv, form_row, upload};
use crate::on_both_databases;
use crate::support::{expect_error, expect_json, measles_submission, Api, User};

on_both_databases!(
    sysadmins_never_touch_accounts_outside_their_jurisdiction,
    suspension_ends_sessions_at_once_and_resume_restores_login,
    deleted_accounts_never_log_in_and_their_history_stays,
    password_reset_and_changes_through_the_api,
    masters_import_updates_by_code_and_keeps_history,
    sysadmins_register_institutions_missing_from_the_master,
);

fn empty() -> serde_json::Value {
    serde_json::json!({})
}

async fn account(admin: &User, user_id: &str) -> ManagedAccount {
    accounts(admin).await.into_iter().find(|account| account.user_id == user_id).expect("listed")
}

async fn sysadmins_never_touch_accounts_outside_their_jurisdiction(api: Api) {
    let city = api.login("city-admin").await;
    let listed: Vec<String> = accounts(&city).await.into_iter().map(|account| account.user_id).collect();
    assert!(listed.contains(&"city-admin".to_owned()));
    assert!(!listed.iter().any(|id| ["doctor1", "hc-north", "pref-admin"].contains(&id.as_str())), "{listed:?}");
    for response in [
        city.get("/admin/accounts/doctor1").await,
        city.post_json("/admin/accounts/doctor1/suspend", &empty()).await,
        city.post_json("/admin/accounts/doctor1/password-reset", &empty()).await,
        city.post_json("/admin/accounts/doctor1/letter", &empty()).await,
        city.delete("/admin/accounts/doctor1").await,
        city.client
            .patch(format!("{}/admin/accounts/doctor1", city.base))
            .json(&serde_json::json!({ "may_download_records": true }))
            .send()
            .await
            .unwrap(),
    ] {
        expect_error(response, StatusCode::NOT_FOUND, "not_found").await;
    }
    let pref = api.login("pref-admin").await;
    let doctor1 = account(&pref, "doctor1").await;
    assert_eq!((doctor1.state, doctor1.may_download_records), (AccountState::Active, false), "nothing changed");
    let page: ManagedAccount = expect_json(pref.get("/admin/accounts/doctor1").await, StatusCode::OK).await;
    assert_eq!(page, doctor1, "an account's page shows what the list shows");
    expect_error(pref.get("/admin/accounts/nobody").await, StatusCode::NOT_FOUND, "not_found").await;
    let doctor = api.login("doctor1").await;
    expect_error(doctor.get("/admin/accounts/doctor1").await, StatusCode::FORBIDDEN, "forbidden").await;

    // A batch of デモ県 is not デモ市's to download.
    let batch: IssuedBatch = expect_json(
        upload(&pref, form_csv(&[form_row("県 の 人", "ken@kita.todoke.invalid", &[])]).into_bytes(), "").await,
        StatusCode::CREATED,
    )
    .await;
    let theirs = city.post_json(&format!("/admin/account-batches/{}/credentials", batch.batch_id), &empty()).await;
    expect_error(theirs, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(
        pref.post_json(&format!("/admin/account-batches/{}/credentials", batch.batch_id), &empty()).await.status(),
        StatusCode::OK
    );

    // Within the jurisdiction: sysadmins manage general users, the supervisor also the sysadmins.
    expect_error(
        pref.post_json("/admin/accounts/pref-supervisor/suspend", &empty()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let supervisor = api.login("pref-supervisor").await;
    assert_eq!(
        supervisor.post_json("/admin/accounts/city-admin/suspend", &empty()).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        supervisor.post_json("/admin/accounts/pref-admin/suspend", &empty()).await.status(),
        StatusCode::NO_CONTENT
    );

    // Other roles have no administration at all.
    let doctor = api.login("doctor1").await;
    for path in ["/admin/accounts", "/admin/letters"] {
        expect_error(doctor.get(path).await, StatusCode::FORBIDDEN, "forbidden").await;
    }
    let manager = api.login("manager1").await;
    expect_error(
        manager.post_json("/admin/accounts/doctor1/suspend", &empty()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
}

async fn suspension_ends_sessions_at_once_and_resume_restores_login(api: Api) {
    let doctor = api.login("doctor1").await;
    let admin = api.login("pref-admin").await;
    assert_eq!(admin.post_json("/admin/accounts/doctor1/suspend", &empty()).await.status(), StatusCode::NO_CONTENT);
    expect_error(doctor.get("/me").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let again = api.anonymous();
    let body = serde_json::json!({ "user_id": "doctor1", "password": "Kita#Clinic1" });
    expect_error(again.post_json("/session", &body).await, StatusCode::FORBIDDEN, "account_suspended").await;
    assert_eq!(account(&admin, "doctor1").await.state, AccountState::Suspended);

    assert_eq!(admin.post_json("/admin/accounts/doctor1/resume", &empty()).await.status(), StatusCode::NO_CONTENT);
    let me: Me = expect_json(api.login("doctor1").await.get("/me").await, StatusCode::OK).await;
    assert_eq!(me.user_id, "doctor1");
    let audit = api.audit_log().await;
    for action in ["suspend_account", "resume_account"] {
        assert!(audit.iter().any(|(actor, a, _)| a == action && actor.as_deref() == Some("pref-admin")), "{action}");
    }
}

async fn deleted_accounts_never_log_in_and_their_history_stays(api: Api) {
    let doctor = api.login("doctor2").await;
    let id = uuid::Uuid::new_v4();
    assert_eq!(
        doctor.put_json(&format!("/notifications/{id}"), &measles_submission()).await.status(),
        StatusCode::CREATED
    );
    let admin = api.login("pref-admin").await;
    assert_eq!(admin.delete("/admin/accounts/doctor2").await.status(), StatusCode::NO_CONTENT);
    expect_error(doctor.get("/me").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let body = serde_json::json!({ "user_id": "doctor2", "password": "Minami#Hosp2" });
    expect_error(api.anonymous().post_json("/session", &body).await, StatusCode::FORBIDDEN, "account_deleted").await;
    assert_eq!(account(&admin, "doctor2").await.state, AccountState::Deleted);
    let page: ManagedAccount = expect_json(admin.get("/admin/accounts/doctor2").await, StatusCode::OK).await;
    assert_eq!(page.state, AccountState::Deleted, "a deleted account's page still opens");
    // A deleted account is managed no more: it cannot be resumed.
    expect_error(admin.post_json("/admin/accounts/doctor2/resume", &empty()).await, StatusCode::NOT_FOUND, "not_found")
        .await;
    let staff = api.login("hc-south").await;
    assert_eq!(staff.get(&format!("/notifications/{id}")).await.status(), StatusCode::OK, "its notification stays");
    assert!(api.audit_log().await.iter().any(|(_, action, _)| action == "delete_account"));
}

async fn password_reset_and_changes_through_the_api(api: Api) {
    let admin = api.login("pref-admin").await;
    let reset = admin.post_json("/admin/accounts/doctor1/password-reset", &empty()).await;
    assert_eq!(reset.headers()["cache-control"], "no-store");
    let reset: InitialPassword = expect_json(reset, StatusCode::OK).await;
    let old = serde_json::json!({ "user_id": "doctor1", "password": "Kita#Clinic1" });
    expect_error(api.anonymous().post_json("/session", &old).await, StatusCode::UNAUTHORIZED, "invalid_credentials")
        .await;
    let user = api.anonymous();
    let new = serde_json::json!({ "user_id": "doctor1", "password": reset.initial_password });
    assert_eq!(user.post_json("/session", &new).await.status(), StatusCode::OK);
    let code = api.latest_code("doctor1");
    let me: Me =
        expect_json(user.post_json("/session/code", &serde_json::json!({ "code": code })).await, StatusCode::OK).await;
    assert_eq!(me.password.change_required, Some(PasswordChangeReason::Reset));

    let patch = |body: serde_json::Value| {
        admin.client.patch(format!("{}/admin/accounts/doctor2", admin.base)).json(&body).send()
    };
    let changed = patch(serde_json::json!({
        "may_download_records": true,
        "contact_phone": "０９０－３３３３－４４４４",
        "second_factor": { "method": "voice", "destination": "03-5555-6666" }
    }))
    .await
    .unwrap();
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    let doctor2 = account(&admin, "doctor2").await;
    assert!(doctor2.may_download_records);
    assert_eq!(doctor2.contact_phone.as_deref(), Some("090-3333-4444"));
    assert_eq!(doctor2.second_factor, domain::api::SecondFactorMethod::Voice);
    let refused =
        patch(serde_json::json!({ "contact_email": "nobody@", "may_download_records": false })).await.unwrap();
    let error: ApiError = expect_error(refused, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(error.fields[0].field, "contact_email");
    assert!(account(&admin, "doctor2").await.may_download_records, "a refused change changes nothing");
}

pub async fn put_master(user: &User, kind: &str, csv: Vec<u8>) -> reqwest::Response {
    let url = format!("{}/admin/masters/{kind}", user.base);
    user.client.put(url).header("content-type", "text/csv").body(csv).send().await.unwrap()
}

pub const NOTIFIABLE_HEADER: &str =
    "医療機関コード,医療機関名,医療機関名カナ,郵便番号,住所,電話番号,許可病床数,保険医療機関コード,非保険医療機関,保健所コード";

async fn masters_import_updates_by_code_and_keeps_history(api: Api) {
    let national = api.login("national-admin").await;
    let centers = "保健所コード,保健所名,都道府県等コード,都道府県等名\n9903,デモ県東保健所,99,デモ県\n9901,デモ県北保健所,99,デモ県\n";
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(centers);
    let report: MasterImportReport =
        expect_json(put_master(&national, "health-centers", sjis.into_owned()).await, StatusCode::OK).await;
    assert_eq!((report.created, report.updated, report.unchanged), (1, 0, 1));

    let clinic = |name: &str| {
        format!("{NOTIFIABLE_HEADER}\n9930000009,{name},ヒガシマチナイカ,999-0003,デモ県東町1-1,03-1234-9999,0,9930000009,0,9903\n")
    };
    let report: MasterImportReport =
        expect_json(put_master(&national, "notifiable", clinic("東町内科").into_bytes()).await, StatusCode::OK).await;
    assert_eq!((report.created, report.updated), (1, 0));
    let report: MasterImportReport = expect_json(
        put_master(&national, "notifiable", clinic("東町内科クリニック").into_bytes()).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((report.created, report.updated, report.unchanged), (0, 1, 0));
    assert_eq!(api.query_count("SELECT COUNT(*) FROM master_history WHERE code = '9930000009'").await, 1);
    assert_eq!(api.query_count("SELECT COUNT(*) FROM institutions WHERE name = '東町内科クリニック'").await, 1);

    // Accounts can now be issued for it; the renamed clinic is what the batch names.
    let admin = api.login("pref-admin").await;
    let row = form_row("東町 医師", "higashi@todoke.invalid", &[(10, "9903"), (35, "9930000009")]);
    let batch: IssuedBatch =
        expect_json(upload(&admin, form_csv(&[row]).into_bytes(), "").await, StatusCode::CREATED).await;
    assert_eq!(batch.accounts[0].institution.name, "東町内科クリニック");

    let bad = format!(
        "{NOTIFIABLE_HEADER}\n9930000010,西町医院,,,,,x,,0,9999\n,名無し,,,,,,,,9903\n9930000011,北町医院,きたまち医院,,,,,,0,9903\n"
    );
    let error: ApiError = expect_error(
        put_master(&national, "notifiable", bad.into_bytes()).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "import_rejected",
    )
    .await;
    let codes: Vec<_> = error.problems.iter().map(|p| (p.row, serde_json::to_value(p.code).unwrap())).collect();
    assert!(
        codes.contains(&(2, "invalid_number".into())) && codes.contains(&(2, "unknown_health_center".into())),
        "{codes:?}"
    );
    assert!(codes.contains(&(3, "required".into())), "{codes:?}");
    let reading = error.problems.iter().find(|p| p.row == 4).expect("the hiragana reading is a problem of row 4");
    assert_eq!(serde_json::to_value(reading.code).unwrap(), "not_katakana");
    assert!(
        reading.message.contains("「医療機関名カナ」")
            && reading.message.contains("「き」「た」「ま」「ち」「医」「院」"),
        "{}",
        reading.message
    );
    assert_eq!(
        api.query_count("SELECT COUNT(*) FROM institutions WHERE code = '9930000010'").await,
        0,
        "all or nothing"
    );
    let missing = put_master(&national, "animal", "動物診療施設コード,施設名\n".as_bytes().to_vec()).await;
    expect_error(missing, StatusCode::UNPROCESSABLE_ENTITY, "import_rejected").await;
    expect_error(
        put_master(&admin, "health-centers", centers.as_bytes().to_vec()).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
}

async fn sysadmins_register_institutions_missing_from_the_master(api: Api) {
    let admin = api.login("pref-admin").await;
    let clinic = serde_json::json!({
        "class": "notifiable",
        "health_center_code": "9902",
        "name": "南町 新設クリニック",
        "name_kana": "ミナミマチシンセツクリニック",
        "postal_code": "9990002",
        "address": "デモ県南町2-2",
        "phone": "03-2222-3333",
        "beds": 0,
        "non_insurance": true
    });
    let registered: RegisteredInstitution =
        expect_json(admin.post_json("/admin/institutions", &clinic).await, StatusCode::CREATED).await;
    assert!(registered.institution.code.starts_with("R09"), "{registered:?}");
    assert_eq!(registered.health_center.name, "デモ県南保健所");
    let row = form_row("新設 医師", "shinsetsu@todoke.invalid", &[(10, "9902"), (35, &registered.institution.code)]);
    let response = upload(&admin, form_csv(&[row]).into_bytes(), "").await;
    assert_eq!(response.status(), StatusCode::CREATED);

    let mut elsewhere = clinic.clone();
    elsewhere["health_center_code"] = "9801".into();
    let error: ApiError = expect_error(
        admin.post_json("/admin/institutions", &elsewhere).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(error.fields[0].field, "health_center_code");
    let incomplete = serde_json::json!({ "class": "sentinel", "health_center_code": "9901", "name": "定点 医院", "name_kana": "", "address": "", "phone": "+1 415 555 0100" });
    let error: ApiError = expect_error(
        admin.post_json("/admin/institutions", &incomplete).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = error.fields.iter().map(|field| field.field.as_str()).collect();
    assert_eq!(fields, ["name_kana", "address", "phone", "beds", "facility_type"]);
    let doctor = api.login("doctor1").await;
    expect_error(doctor.post_json("/admin/institutions", &clinic).await, StatusCode::FORBIDDEN, "forbidden").await;
}
