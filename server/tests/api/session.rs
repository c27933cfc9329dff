//! Login, the current account, logout, and what happens without a session.

use domain::api::{LoginChallenge, Me, Role};
use reqwest::StatusCode;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, Api, Backend};

on_both_databases!(
    login_gives_a_session_that_names_the_account,
    wrong_password_and_unknown_user_get_the_same_answer,
    requests_without_a_session_get_401,
    logout_ends_the_session,
    a_session_records_its_last_use_at_most_once_a_minute,
    logins_beyond_the_queue_limit_get_503_at_once_and_leave_no_trace with no_login_may_wait,
);

/// No login may wait for a CPU: any that finds every hashing permit taken is refused.
fn no_login_may_wait(config: &mut server::config::Config) {
    config.login_queue_limit = 0;
}

async fn logins_beyond_the_queue_limit_get_503_at_once_and_leave_no_trace(api: Api) {
    // More logins at once than there are hashing permits (one per CPU), so that some must wait.
    let cpus = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let storm = cpus * 4 + 8;
    let logins = (0..storm).map(|i| {
        let user = api.anonymous();
        tokio::spawn(async move {
            let body = serde_json::json!({"user_id": format!("storm{i:03}"), "password": "Wrong#Pass123"});
            user.post_json("/session", &body).await
        })
    });
    let mut refused = 0;
    let mut checked = 0_i64;
    for login in logins.collect::<Vec<_>>() {
        let response = login.await.unwrap();
        if response.status() == StatusCode::SERVICE_UNAVAILABLE {
            assert_eq!(response.headers()["retry-after"], "5");
            let error = expect_error(response, StatusCode::SERVICE_UNAVAILABLE, "login_busy").await;
            assert_eq!(error.retry_after_seconds, Some(5));
            assert!(error.message.contains("もう一度"), "{}", error.message);
            refused += 1;
        } else if response.status() == StatusCode::TOO_MANY_REQUESTS {
            // The address's failures (all from 127.0.0.1) reached the throttle before this one: it was
            // refused before any check, like the 503s, and leaves no failure behind either.
            expect_error(response, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
        } else {
            expect_error(response, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
            checked += 1;
        }
    }
    assert!(refused > 0, "all {storm} logins were checked: none had to wait?");
    assert!(checked >= 1, "the logins that found a free CPU are checked");
    // A refused login was never checked: no failure is recorded for it (only for the checked ones).
    let failures =
        api.query_count("SELECT COUNT(*) FROM audit_log WHERE action = 'login' AND outcome = 'failure'").await;
    assert_eq!(failures, checked);
}

async fn login_gives_a_session_that_names_the_account(api: Api) {
    let user = api.anonymous();
    let response =
        user.post_json("/session", &serde_json::json!({"user_id": "doctor1", "password": "Kita#Clinic1"})).await;
    let cookie = response.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(cookie.starts_with("todoke_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    let _: LoginChallenge = expect_json(response, StatusCode::OK).await;
    let code = api.latest_code("doctor1");
    let me: Me =
        expect_json(user.post_json("/session/code", &serde_json::json!({ "code": code })).await, StatusCode::OK).await;
    assert_eq!(me.role, Role::Doctor);
    assert_eq!(me.organization.name, "北町こどもクリニック");

    let again: Me = expect_json(user.get("/me").await, StatusCode::OK).await;
    assert_eq!(again, me);

    let staff: Me = expect_json(api.login("hc-north").await.get("/me").await, StatusCode::OK).await;
    assert_eq!(staff.role, Role::HealthCenterStaff);
    assert_eq!(staff.organization.name, "デモ県北保健所");
}

async fn wrong_password_and_unknown_user_get_the_same_answer(api: Api) {
    let user = api.anonymous();
    let wrong =
        user.post_json("/session", &serde_json::json!({"user_id": "doctor1", "password": "kita#clinic1"})).await;
    let wrong = expect_error(wrong, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    let unknown =
        user.post_json("/session", &serde_json::json!({"user_id": "nobody", "password": "Kita#Clinic1"})).await;
    let unknown = expect_error(unknown, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    assert_eq!(wrong, unknown, "the answer must not reveal whether the ID exists");
    expect_error(user.get("/me").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

async fn requests_without_a_session_get_401(api: Api) {
    let anonymous = api.anonymous();
    let id = uuid::Uuid::new_v4();
    for response in [
        anonymous.get("/me").await,
        anonymous.get("/notifications").await,
        anonymous.get(&format!("/notifications/{id}")).await,
        anonymous.put_json(&format!("/notifications/{id}"), &crate::support::measles_submission()).await,
        anonymous.delete("/session").await,
    ] {
        expect_error(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    }
    let forged = reqwest::Client::new()
        .get(format!("{}/me", api.base))
        .header("cookie", "todoke_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .send()
        .await
        .unwrap();
    expect_error(forged, StatusCode::UNAUTHORIZED, "unauthenticated").await;
}

async fn logout_ends_the_session(api: Api) {
    let other_device = api.login("doctor1").await;
    let phone = api.login("doctor1").await;
    // Keep the cookie to replay it after logout, as a stolen copy would be.
    let cookie = phone.cookies();

    let logout = phone.delete("/session").await;
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    assert_eq!(logout.headers().get("clear-site-data").unwrap(), "\"cache\", \"cookies\", \"storage\"");
    let replayed =
        reqwest::Client::new().get(format!("{}/me", api.base)).header("cookie", cookie).send().await.unwrap();
    expect_error(replayed, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    expect_error(phone.get("/me").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    assert_eq!(other_device.get("/me").await.status(), StatusCode::OK, "only this session ends");
}

/// Each request used to write the session's last use; now only when the stored one is a minute old.
async fn a_session_records_its_last_use_at_most_once_a_minute(api: Api) {
    let doctor = api.login("doctor1").await;
    let last_seen = || async {
        let rows: Vec<(String,)> =
            api.fetch_all("SELECT CAST(last_seen_at AS TEXT) FROM sessions WHERE user_id = 'doctor1'").await;
        rows.into_iter().next().unwrap().0
    };
    let at_login = last_seen().await;
    for _ in 0..3 {
        assert_eq!(doctor.get("/me").await.status(), StatusCode::OK);
    }
    assert_eq!(last_seen().await, at_login, "written again within the minute");

    let two_minutes_ago = match api.backend {
        Backend::Sqlite => "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-2 minutes')",
        Backend::Postgres => "now() - interval '2 minutes'",
    };
    api.execute_sql(&format!("UPDATE sessions SET last_seen_at = {two_minutes_ago} WHERE user_id = 'doctor1'")).await;
    let aged = last_seen().await;
    assert_eq!(doctor.get("/me").await.status(), StatusCode::OK);
    let touched = last_seen().await;
    assert_ne!(touched, aged, "a minute-old last use is written");
    assert_eq!(doctor.get("/me").await.status(), StatusCode::OK);
    assert_eq!(last_seen().await, touched);
}
