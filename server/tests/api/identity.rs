//! Login with a second factor, code rules, throttling, forced and voluntary password changes,
//! forgotten-password reset, and the audit trail they leave.

use domain::api::{Me, PasswordChangeReason, SecondFactorMethod};
use reqwest::StatusCode;
use serde_json::json;

use crate::on_both_databases;
use crate::support::{demo_login, expect_error, expect_json, Api};

on_both_databases!(
    the_password_alone_does_not_open_the_session,
    sms_and_voice_codes_go_through_the_gateway,
    a_busy_gateway_is_called_again_when_it_asks,
    codes_are_single_use_and_die_after_five_wrong_tries,
    resending_a_code_is_throttled,
    repeated_wrong_passwords_are_slowed_without_revealing_the_account,
    first_login_forces_a_password_change_that_follows_the_rules,
    changing_the_password_ends_the_other_sessions,
    a_forgotten_password_is_reset_with_the_second_factor,
    the_reset_confirmation_answers_every_user_id_alike with long_delays,
    logins_failures_and_codes_are_audited,
    the_second_factor_changes_only_after_the_new_address_confirms,
    changing_how_one_logs_in_needs_a_recent_password,
    an_administrator_reset_forces_a_change_and_ends_sessions,
    a_suspended_account_loses_its_sessions_at_once,
    an_expired_code_is_refused with codes_that_expire_at_once,
    an_expired_password_allows_only_a_change with passwords_that_expire_at_once,
    repeated_failures_lock_the_account_and_the_lock_is_audited with an_early_lock,
);

/// After the free failures, a wait no test outlasts (so that "must wait" does not depend on speed).
fn long_delays(config: &mut server::config::Config) {
    config.throttle.first_delay = time::Duration::hours(1);
}

fn codes_that_expire_at_once(config: &mut server::config::Config) {
    config.codes.lifetime = time::Duration::ZERO;
}

fn passwords_that_expire_at_once(config: &mut server::config::Config) {
    config.passwords.expiry = time::Duration::ZERO;
}

fn an_early_lock(config: &mut server::config::Config) {
    // No delays before the lock, so the test needs no waiting.
    config.throttle = server::auth::throttle::ThrottlePolicy {
        free_failures: 2,
        first_delay: time::Duration::ZERO,
        lock_after: 3,
        ..Default::default()
    };
}

fn other_than(code: &str) -> &'static str {
    if code == "000000" {
        "111111"
    } else {
        "000000"
    }
}

async fn the_password_alone_does_not_open_the_session(api: Api) {
    let user = api.password_step("doctor1").await;
    expect_error(user.get("/me").await, StatusCode::UNAUTHORIZED, "second_factor_required").await;
    expect_error(user.get("/notifications").await, StatusCode::UNAUTHORIZED, "second_factor_required").await;
    let code = api.latest_code("doctor1");
    let wrong = user.post_json("/session/code", &json!({ "code": other_than(&code) })).await;
    expect_error(wrong, StatusCode::UNAUTHORIZED, "invalid_code").await;
    let me: Me = expect_json(user.post_json("/session/code", &json!({ "code": code })).await, StatusCode::OK).await;
    assert_eq!(me.second_factor.method, SecondFactorMethod::Email);
    assert_eq!(me.second_factor.hint, "d••••••@kita-clinic.todoke.invalid");
    assert_eq!(user.get("/notifications").await.status(), StatusCode::OK);
}

async fn sms_and_voice_codes_go_through_the_gateway(api: Api) {
    api.login("doctor2").await;
    let sms = api.gateway.requests_to("+819000000002");
    assert_eq!(sms.len(), 1);
    assert_eq!(sms[0].body["channel"], "sms");
    assert_eq!(sms[0].authorization.as_deref(), Some("Bearer test-gateway-token"));
    assert!(sms[0].body["message"].as_str().unwrap().contains("確認コード"));

    api.login("hc-south").await;
    let voice = api.gateway.requests_to("+81312340004");
    assert_eq!(voice.len(), 1);
    assert_eq!(voice[0].body["channel"], "voice");
    assert!(api.mail.mails_to(demo_login("hc-south").destination).is_empty());
}

/// The gateway's `Retry-After` (429): a short wait is waited out and the code sent once more; a long
/// one is passed on to the client, and nothing is sent again meanwhile.
async fn a_busy_gateway_is_called_again_when_it_asks(api: Api) {
    api.gateway.answer_busy(1, "1");
    api.login("doctor2").await;
    assert_eq!((api.gateway.refused(), api.gateway.requests_to("+819000000002").len()), (1, 1));

    api.gateway.answer_busy(2, "120");
    let body = json!({ "user_id": "doctor2", "password": demo_login("doctor2").password });
    let response = api.anonymous().post_json("/session", &body).await;
    assert_eq!(response.headers()["retry-after"], "120");
    let error = expect_error(response, StatusCode::BAD_GATEWAY, "delivery_failed").await;
    assert_eq!(error.retry_after_seconds, Some(120));
    assert_eq!(api.gateway.refused(), 2, "not called again within the request");
    assert_eq!(api.gateway.requests_to("+819000000002").len(), 1);
}

async fn codes_are_single_use_and_die_after_five_wrong_tries(api: Api) {
    let first = api.password_step("doctor1").await;
    let code = api.latest_code("doctor1");
    assert_eq!(first.post_json("/session/code", &json!({ "code": code })).await.status(), StatusCode::OK);
    // The same code cannot complete another session.
    let second = api.password_step("doctor1").await;
    let reused = second.post_json("/session/code", &json!({ "code": code })).await;
    assert_eq!(reused.status(), StatusCode::UNAUTHORIZED, "a used code or another session's code is refused");

    let third = api.password_step("hc-north").await;
    let code = api.latest_code("hc-north");
    for _ in 0..5 {
        let wrong = third.post_json("/session/code", &json!({ "code": other_than(&code) })).await;
        expect_error(wrong, StatusCode::UNAUTHORIZED, "invalid_code").await;
    }
    let late = third.post_json("/session/code", &json!({ "code": code })).await;
    expect_error(late, StatusCode::UNAUTHORIZED, "code_expired").await;
    expect_error(third.get("/me").await, StatusCode::UNAUTHORIZED, "second_factor_required").await;
}

async fn resending_a_code_is_throttled(api: Api) {
    let user = api.password_step("doctor1").await;
    let error = expect_error(
        user.post_json("/session/code/resend", &json!({})).await,
        StatusCode::TOO_MANY_REQUESTS,
        "resend_too_soon",
    )
    .await;
    let wait = error.retry_after_seconds.expect("retry_after_seconds");
    assert!((1..=60).contains(&wait), "{wait}");
    assert_eq!(api.codes_sent("doctor1").len(), 1, "no second code went out");
}

async fn repeated_wrong_passwords_are_slowed_without_revealing_the_account(api: Api) {
    let client = api.anonymous();
    let attempt = |user_id: &'static str, password: &'static str| {
        let client = &client;
        async move { client.post_json("/session", &json!({"user_id": user_id, "password": password})).await }
    };
    for _ in 0..6 {
        expect_error(attempt("doctor1", "Wrong#Pass1").await, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    }
    // After the free failures the next attempt must wait, even with the right password.
    let slowed =
        expect_error(attempt("doctor1", "Kita#Clinic1").await, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts")
            .await;
    assert!(slowed.retry_after_seconds.is_some());
    assert!(api.mail.mails_to(demo_login("doctor1").destination).is_empty(), "no code was sent");

    // An ID that does not exist is treated the same way.
    let other = api.anonymous();
    for _ in 0..6 {
        let response = other.post_json("/session", &json!({"user_id": "ghost", "password": "Wrong#Pass1"})).await;
        assert!(matches!(response.status(), StatusCode::UNAUTHORIZED | StatusCode::TOO_MANY_REQUESTS));
    }
    let ghost = other.post_json("/session", &json!({"user_id": "ghost", "password": "Wrong#Pass1"})).await;
    let ghost = expect_error(ghost, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    assert_eq!(ghost.message, slowed.message);
}

async fn first_login_forces_a_password_change_that_follows_the_rules(api: Api) {
    let user = api.login("newdoctor").await;
    let me: Me = expect_json(user.get("/me").await, StatusCode::OK).await;
    assert_eq!(me.password.change_required, Some(PasswordChangeReason::Initial));
    expect_error(user.get("/notifications").await, StatusCode::FORBIDDEN, "password_change_required").await;

    let weak = json!({"current_password": "Shoki#Pass01", "new_password": "123aaa"});
    let error =
        expect_error(user.put_json("/me/password", &weak).await, StatusCode::UNPROCESSABLE_ENTITY, "password_rejected")
            .await;
    let rules = serde_json::to_value(&error.password_rules).unwrap();
    assert!(rules.as_array().unwrap().contains(&json!("repeated_character")), "{rules}");
    assert!(rules.as_array().unwrap().contains(&json!("length")), "{rules}");
    let same = json!({"current_password": "Shoki#Pass01", "new_password": "Shoki#Pass01"});
    expect_error(user.put_json("/me/password", &same).await, StatusCode::UNPROCESSABLE_ENTITY, "password_rejected")
        .await;
    let wrong_current = json!({"current_password": "Nope#Pass01", "new_password": "Atarashii#Pw7"});
    expect_error(user.put_json("/me/password", &wrong_current).await, StatusCode::UNAUTHORIZED, "invalid_credentials")
        .await;

    let good = json!({"current_password": "Shoki#Pass01", "new_password": "Atarashii#Pw7"});
    assert_eq!(user.put_json("/me/password", &good).await.status(), StatusCode::NO_CONTENT);
    let me: Me = expect_json(user.get("/me").await, StatusCode::OK).await;
    assert_eq!(me.password.change_required, None);
    assert_eq!(user.get("/notifications").await.status(), StatusCode::OK);
}

async fn changing_the_password_ends_the_other_sessions(api: Api) {
    let tablet = api.login("doctor1").await;
    let phone = api.login("doctor1").await;
    let change = json!({"current_password": "Kita#Clinic1", "new_password": "Kita#Clinic2x"});
    assert_eq!(phone.put_json("/me/password", &change).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(phone.get("/me").await.status(), StatusCode::OK, "the session that changed it stays");
    expect_error(tablet.get("/me").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let old = api.anonymous().post_json("/session", &json!({"user_id": "doctor1", "password": "Kita#Clinic1"})).await;
    expect_error(old, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
}

async fn a_forgotten_password_is_reset_with_the_second_factor(api: Api) {
    let logged_in = api.login("doctor1").await;
    let stranger = api.anonymous();
    let unknown = stranger.post_json("/password-reset", &json!({"user_id": "ghost"})).await;
    assert_eq!(unknown.status(), StatusCode::ACCEPTED);
    let known = stranger.post_json("/password-reset", &json!({"user_id": "doctor1"})).await;
    assert_eq!(known.status(), StatusCode::ACCEPTED, "same answer whether or not the ID exists");
    let codes = api.codes_once_sent("doctor1", 2).await;
    assert_eq!(codes.len(), 2, "a login code and then the reset code");
    let code = codes[1].clone();

    let wrong = json!({"user_id": "doctor1", "code": other_than(&code), "new_password": "Wasureta#Pw9"});
    expect_error(stranger.post_json("/password-reset/confirm", &wrong).await, StatusCode::UNAUTHORIZED, "invalid_code")
        .await;
    let weak = json!({"user_id": "doctor1", "code": code, "new_password": "abcd1234"});
    expect_error(
        stranger.post_json("/password-reset/confirm", &weak).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "password_rejected",
    )
    .await;
    // Refusing the current password as the new one leaves the code usable for a corrected try.
    let same = json!({"user_id": "doctor1", "code": code, "new_password": "Kita#Clinic1"});
    let same = stranger.post_json("/password-reset/confirm", &same).await;
    expect_error(same, StatusCode::UNPROCESSABLE_ENTITY, "password_rejected").await;
    let good = json!({"user_id": "doctor1", "code": code, "new_password": "Wasureta#Pw9"});
    assert_eq!(stranger.post_json("/password-reset/confirm", &good).await.status(), StatusCode::NO_CONTENT);
    expect_error(logged_in.get("/me").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let again = stranger.post_json("/password-reset/confirm", &good).await;
    expect_error(again, StatusCode::UNAUTHORIZED, "invalid_code").await;

    let new_login =
        api.anonymous().post_json("/session", &json!({"user_id": "doctor1", "password": "Wasureta#Pw9"})).await;
    assert_eq!(new_login.status(), StatusCode::OK);
}

/// Unknown IDs, accounts without a reset code and wrong codes get one answer (a weak new password
/// is only looked at once the code is right), and the failures of all of them count against the
/// same per-address throttle as logins do.
async fn the_reset_confirmation_answers_every_user_id_alike(api: Api) {
    let stranger = api.anonymous();
    let asked = stranger.post_json("/password-reset", &json!({"user_id": "doctor1"})).await;
    assert_eq!(asked.status(), StatusCode::ACCEPTED);
    let code = api.codes_once_sent("doctor1", 1).await.pop().unwrap();
    let mut bodies = Vec::new();
    // ghost: no such account; doctor2: no reset asked for; doctor1: a wrong code. Weak and good passwords.
    for (user_id, code, new_password) in [
        ("ghost", "123456", "abcd1234"),
        ("doctor2", "123456", "abcd1234"),
        ("doctor1", other_than(&code), "abcd1234"),
        ("ghost", "123456", "Wasureta#Pw9"),
        ("doctor2", "123456", "Wasureta#Pw9"),
        ("doctor1", other_than(&code), "Wasureta#Pw9"),
    ] {
        let body = json!({"user_id": user_id, "code": code, "new_password": new_password});
        let response = stranger.post_json("/password-reset/confirm", &body).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{user_id}");
        bodies.push(response.text().await.unwrap());
    }
    assert!(bodies.windows(2).all(|pair| pair[0] == pair[1]), "{bodies:#?}");
    assert!(bodies[0].contains("\"invalid_code\""), "{}", bodies[0]);
    // Six failures from this address were free (the test servers allow six); then the address waits,
    // for an unknown ID exactly as for a real one, and so does a right code now.
    for user_id in ["ghost", "doctor1"] {
        let body = json!({"user_id": user_id, "code": code, "new_password": "Wasureta#Pw9"});
        expect_error(
            stranger.post_json("/password-reset/confirm", &body).await,
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
        )
        .await;
    }
    let login = api.anonymous().post_json("/session", &json!({"user_id": "doctor1", "password": "Kita#Clinic1"})).await;
    assert_eq!(login.status(), StatusCode::OK, "the password did not change");
}

/// A session left open (its login older than the re-authentication window) cannot bind a new
/// second factor or passkey until the current password is given again; that too expires.
async fn changing_how_one_logs_in_needs_a_recent_password(api: Api) {
    let doctor = api.login("doctor1").await;
    let change = json!({"method": "email", "destination": "hanako@kita-clinic.todoke.invalid"});
    assert_eq!(doctor.post_json("/me/second-factor", &change).await.status(), StatusCode::ACCEPTED, "just logged in");

    api.age_identity_checks("doctor1", time::Duration::minutes(6)).await;
    let needs_password = |response| expect_error(response, StatusCode::FORBIDDEN, "reauthentication_required");
    needs_password(doctor.post_json("/me/second-factor", &change).await).await;
    needs_password(doctor.post_json("/me/passkeys/registration", &json!({})).await).await;
    let wrong = doctor.post_json("/me/reauthentication", &json!({"password": "Kita#Clinic2"})).await;
    expect_error(wrong, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    needs_password(doctor.post_json("/me/passkeys/registration", &json!({})).await).await;

    let right = doctor.post_json("/me/reauthentication", &json!({"password": "Kita#Clinic1"})).await;
    assert_eq!(right.status(), StatusCode::NO_CONTENT);
    assert_eq!(doctor.post_json("/me/passkeys/registration", &json!({})).await.status(), StatusCode::OK);
    let sent = doctor.post_json("/me/second-factor", &change).await;
    // The code of the first request was sent under a minute ago: the password passed, the resend wait did not.
    expect_error(sent, StatusCode::TOO_MANY_REQUESTS, "resend_too_soon").await;
    let audited: Vec<_> =
        api.audit_log().await.into_iter().filter(|(_, action, _)| action == "reauthentication").collect();
    let outcomes: Vec<&str> = audited.iter().map(|(_, _, outcome)| outcome.as_str()).collect();
    assert_eq!(outcomes, ["failure", "success"]);

    api.age_identity_checks("doctor1", time::Duration::minutes(6)).await;
    needs_password(doctor.post_json("/me/passkeys/registration", &json!({})).await).await;
    // Another session of the same account is not confirmed by this one's password.
    let phone = api.login("doctor1").await;
    api.age_identity_checks("doctor1", time::Duration::minutes(6)).await;
    let again = phone.post_json("/me/reauthentication", &json!({"password": "Kita#Clinic1"})).await;
    assert_eq!(again.status(), StatusCode::NO_CONTENT);
    needs_password(doctor.post_json("/me/passkeys/registration", &json!({})).await).await;
}

async fn logins_failures_and_codes_are_audited(api: Api) {
    let failed = api.anonymous().post_json("/session", &json!({"user_id": "doctor1", "password": "Wrong#Pass1"})).await;
    assert_eq!(failed.status(), StatusCode::UNAUTHORIZED);
    let user = api.login("doctor1").await;
    assert_eq!(user.delete("/session").await.status(), StatusCode::NO_CONTENT);
    let log: Vec<(String, String)> = api
        .audit_log()
        .await
        .into_iter()
        .filter(|(actor, _, _)| actor.as_deref() != Some("hc-north"))
        .map(|(_, action, outcome)| (action, outcome))
        .collect();
    let expected = [
        ("login", "failure"),
        ("login", "success"),
        ("code_sent", "success"),
        ("second_factor", "success"),
        ("logout", "success"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(a, o)| (a.to_string(), o.to_string())).collect();
    assert_eq!(log, expected);
}

async fn the_second_factor_changes_only_after_the_new_address_confirms(api: Api) {
    let user = api.login("doctor1").await;
    let landline = json!({"method": "sms", "destination": "03-1234-5678"});
    expect_error(
        user.post_json("/me/second-factor", &landline).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_destination",
    )
    .await;
    let mobile = json!({"method": "sms", "destination": "090-1111-2222"});
    let sent: domain::api::CodeDestination =
        expect_json(user.post_json("/me/second-factor", &mobile).await, StatusCode::ACCEPTED).await;
    assert_eq!(sent.hint, "•••••••2222");
    let texts = api.gateway.requests_to("+819011112222");
    assert_eq!(texts.len(), 1);
    let code: String =
        texts[0].body["message"].as_str().unwrap().chars().filter(char::is_ascii_digit).take(6).collect();

    let wrong = user.post_json("/me/second-factor/confirm", &json!({ "code": other_than(&code) })).await;
    expect_error(wrong, StatusCode::UNAUTHORIZED, "invalid_code").await;
    let unchanged: Me = expect_json(user.get("/me").await, StatusCode::OK).await;
    assert_eq!(unchanged.second_factor.method, SecondFactorMethod::Email, "nothing changes before confirmation");

    let changed: Me =
        expect_json(user.post_json("/me/second-factor/confirm", &json!({ "code": code })).await, StatusCode::OK).await;
    assert_eq!(changed.second_factor.method, SecondFactorMethod::Sms);
    // The next login's code goes to the new number.
    api.password_step("doctor1").await;
    assert_eq!(api.gateway.requests_to("+819011112222").len(), 2);
}

async fn an_administrator_reset_forces_a_change_and_ends_sessions(api: Api) {
    let user = api.login("doctor1").await;
    let store = server::store::connect(&api.database_url).await.unwrap();
    assert!(server::admin::reset_password(store.as_ref(), "nobody", &Default::default()).await.is_err());
    let initial = server::admin::reset_password(store.as_ref(), "doctor1", &Default::default()).await.unwrap();
    expect_error(user.get("/me").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let old = api.anonymous().post_json("/session", &json!({"user_id": "doctor1", "password": "Kita#Clinic1"})).await;
    expect_error(old, StatusCode::UNAUTHORIZED, "invalid_credentials").await;

    let fresh = api.anonymous();
    let login = fresh.post_json("/session", &json!({"user_id": "doctor1", "password": initial})).await;
    assert_eq!(login.status(), StatusCode::OK);
    let code = api.latest_code("doctor1");
    let me: Me = expect_json(fresh.post_json("/session/code", &json!({ "code": code })).await, StatusCode::OK).await;
    assert_eq!(me.password.change_required, Some(PasswordChangeReason::Reset));
    expect_error(fresh.get("/notifications").await, StatusCode::FORBIDDEN, "password_change_required").await;
}

async fn a_suspended_account_loses_its_sessions_at_once(api: Api) {
    let user = api.login("hc-north").await;
    let store = server::store::connect(&api.database_url).await.unwrap();
    server::admin::set_suspended(store.as_ref(), "hc-north", true, &Default::default()).await.unwrap();
    expect_error(user.get("/notifications").await, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    let login =
        api.anonymous().post_json("/session", &json!({"user_id": "hc-north", "password": "Hoken#North1"})).await;
    expect_error(login, StatusCode::FORBIDDEN, "account_suspended").await;

    server::admin::set_suspended(store.as_ref(), "hc-north", false, &Default::default()).await.unwrap();
    let again = api.login("hc-north").await;
    assert_eq!(again.get("/notifications").await.status(), StatusCode::OK);
}

async fn an_expired_code_is_refused(api: Api) {
    let user = api.password_step("doctor1").await;
    let code = api.latest_code("doctor1");
    expect_error(
        user.post_json("/session/code", &json!({ "code": code })).await,
        StatusCode::UNAUTHORIZED,
        "code_expired",
    )
    .await;
    expect_error(user.get("/me").await, StatusCode::UNAUTHORIZED, "second_factor_required").await;
}

async fn an_expired_password_allows_only_a_change(api: Api) {
    let user = api.login("doctor1").await;
    let me: Me = expect_json(user.get("/me").await, StatusCode::OK).await;
    assert_eq!(me.password.change_required, Some(PasswordChangeReason::Expired));
    expect_error(user.get("/notifications").await, StatusCode::FORBIDDEN, "password_change_required").await;
    let change = json!({"current_password": "Kita#Clinic1", "new_password": "Kita#Clinic2x"});
    assert_eq!(user.put_json("/me/password", &change).await.status(), StatusCode::NO_CONTENT);
}

async fn repeated_failures_lock_the_account_and_the_lock_is_audited(api: Api) {
    let client = api.anonymous();
    let wrong = json!({"user_id": "doctor1", "password": "Wrong#Pass1"});
    for _ in 0..3 {
        expect_error(client.post_json("/session", &wrong).await, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    }
    let right = json!({"user_id": "doctor1", "password": "Kita#Clinic1"});
    let locked =
        expect_error(client.post_json("/session", &right).await, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts")
            .await;
    assert!(locked.retry_after_seconds.unwrap_or(0) > 60, "a lock, not a short delay: {locked:?}");
    let log = api.audit_log().await;
    assert!(log.iter().any(|(_, action, outcome)| action == "lock" && outcome == "denied"), "{log:?}");
}
