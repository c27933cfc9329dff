//! The security view (P-3, issue 20): a sysadmin sees its 都道府県等's accounts with wrong passwords
//! or codes, locks, and the addresses the attempts came from; not another 都道府県等's; the reading is
//! recorded; a lock is e-mailed to the sysadmin.

use domain::api::SecurityOverview;
use reqwest::StatusCode;
use serde_json::json;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, Api};

on_both_databases!(a_sysadmin_sees_failures_and_locks_in_its_jurisdiction with an_early_lock);

fn an_early_lock(config: &mut server::config::Config) {
    config.throttle = server::auth::throttle::ThrottlePolicy {
        free_failures: 2,
        first_delay: time::Duration::ZERO,
        lock_after: 3,
        ..Default::default()
    };
}

async fn a_sysadmin_sees_failures_and_locks_in_its_jurisdiction(api: Api) {
    // Logged in first: the failures below lock the test's one address.
    let pref_admin = api.login("pref-admin").await;
    let pref_admin_mail = "pref-admin-contact@pref.todoke.invalid";
    api.execute_sql(&format!("UPDATE users SET contact_email = '{pref_admin_mail}' WHERE user_id = 'pref-admin'"))
        .await;
    let city_admin = api.login("city-admin").await;
    let doctor2 = api.password_step("doctor2").await;
    let wrong = doctor2.post_json("/session/code", &json!({ "code": "000000" })).await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    for _ in 0..3 {
        let attempt = json!({ "user_id": "doctor1", "password": "not-the-password" });
        assert_eq!(api.anonymous().post_json("/session", &attempt).await.status(), StatusCode::UNAUTHORIZED);
    }

    // The lock is e-mailed to デモ県's sysadmin.
    let mut told = Vec::new();
    for _ in 0..200 {
        told = api.mail.mails_to(pref_admin_mail);
        if !told.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert!(told.len() == 1 && told[0].text.contains("doctor1"), "{told:?}");

    let overview: SecurityOverview = expect_json(pref_admin.get("/admin/security").await, StatusCode::OK).await;
    let doctor1 = overview.accounts.iter().find(|row| row.user_id == "doctor1").expect("doctor1 listed");
    assert_eq!((doctor1.failed_logins, doctor1.failed_codes), (3, 0));
    assert!(doctor1.locked_until.is_some(), "three failures lock it: {doctor1:?}");
    let doctor2 = overview.accounts.iter().find(|row| row.user_id == "doctor2").expect("doctor2 listed");
    assert_eq!((doctor2.failed_logins, doctor2.failed_codes), (0, 1));
    assert!(doctor2.codes_sent >= 1 && !doctor2.code_flood && doctor2.locked_until.is_none());
    assert_eq!(overview.accounts[0].user_id, "doctor1", "the most failures first");
    let address = overview.addresses.iter().find(|row| row.accounts == ["doctor1"]).expect("the address");
    assert!(address.failed_logins == 3 && address.locked_until.is_some(), "{address:?}");
    assert!(!overview.accounts.iter().any(|row| row.user_id == "pref-admin"), "nothing to look at");

    // デモ市's sysadmin administers none of them.
    let city: SecurityOverview = expect_json(city_admin.get("/admin/security?days=30").await, StatusCode::OK).await;
    assert!(city.accounts.is_empty() && city.addresses.is_empty(), "{city:?}");
    let refused = expect_error(
        pref_admin.get("/admin/security?days=31").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(refused.fields[0].field, "days");

    let readings: Vec<(Option<String>, Option<String>)> =
        api.fetch_all("SELECT actor, target FROM audit_log WHERE action = 'view_security' ORDER BY seq").await;
    assert_eq!(readings.len(), 2, "the refused reading read nothing: {readings:?}");
    assert_eq!(readings[0], (Some("pref-admin".to_owned()), Some("days=7 accounts=2".to_owned())));
}
