//! Passkeys: registration from a signed-in session and login with a passkey instead of a code,
//! driven by webauthn-authenticator-rs's software passkey.

use domain::api::{LoginChallenge, Me, PasskeyChallenge};
use reqwest::StatusCode;
use serde_json::json;
use webauthn_authenticator_rs::softpasskey::SoftPasskey;
use webauthn_authenticator_rs::WebauthnAuthenticator;
use webauthn_rs::prelude::{CreationChallengeResponse, RequestChallengeResponse, Url};

use crate::on_both_databases;
use crate::support::{demo_login, expect_error, expect_json, Api, User};

on_both_databases!(a_registered_passkey_replaces_the_code_at_login, a_passkey_answer_cannot_be_replayed_or_borrowed);

/// The origin the server's relying party expects (the harness's public URL).
fn origin() -> Url {
    Url::parse("http://localhost").unwrap()
}

async fn register(user: &User, authenticator: &mut SoftPasskey) -> Me {
    let challenge: PasskeyChallenge =
        expect_json(user.post_json("/me/passkeys/registration", &json!({})).await, StatusCode::OK).await;
    let options: CreationChallengeResponse = serde_json::from_value(challenge.options).unwrap();
    let credential = authenticator.do_registration(origin(), options).unwrap();
    let body = json!({ "ceremony_id": challenge.ceremony_id, "credential": credential });
    expect_json(user.post_json("/me/passkeys", &body).await, StatusCode::CREATED).await
}

/// Password step, then the passkey's answer to the server's challenge.
async fn sign_with_passkey(api: &Api, user_id: &str, authenticator: &mut SoftPasskey) -> (User, serde_json::Value) {
    let user = api.anonymous();
    let body = json!({"user_id": user_id, "password": demo_login(user_id).password});
    let challenge: LoginChallenge = expect_json(user.post_json("/session", &body).await, StatusCode::OK).await;
    assert!(challenge.passkey_available);
    let challenge: PasskeyChallenge =
        expect_json(user.post_json("/session/passkey/options", &json!({})).await, StatusCode::OK).await;
    let options: RequestChallengeResponse = serde_json::from_value(challenge.options).unwrap();
    let assertion = authenticator.do_authentication(origin(), options).unwrap();
    (user, json!({ "ceremony_id": challenge.ceremony_id, "credential": assertion }))
}

async fn a_registered_passkey_replaces_the_code_at_login(api: Api) {
    let mut authenticator = SoftPasskey::new(true);
    let user = api.login("doctor1").await;
    let me = register(&user, &mut authenticator).await;
    assert_eq!(me.passkeys, 1);

    let (phone, answer) = sign_with_passkey(&api, "doctor1", &mut authenticator).await;
    expect_error(phone.get("/me").await, StatusCode::UNAUTHORIZED, "second_factor_required").await;
    let me: Me = expect_json(phone.post_json("/session/passkey", &answer).await, StatusCode::OK).await;
    assert_eq!(me.user_id, "doctor1");
    assert_eq!(phone.get("/notifications").await.status(), StatusCode::OK);

    let log = api.audit_log().await;
    assert!(log.iter().any(|(actor, action, _)| actor.as_deref() == Some("doctor1") && action == "passkey_registered"));
}

async fn a_passkey_answer_cannot_be_replayed_or_borrowed(api: Api) {
    let mut authenticator = SoftPasskey::new(true);
    register(&api.login("doctor1").await, &mut authenticator).await;
    let (phone, answer) = sign_with_passkey(&api, "doctor1", &mut authenticator).await;
    assert_eq!(phone.post_json("/session/passkey", &answer).await.status(), StatusCode::OK);

    // The same answer again, from another session that passed the password step: refused.
    let other = api.password_step("doctor1").await;
    expect_error(other.post_json("/session/passkey", &answer).await, StatusCode::UNAUTHORIZED, "passkey_failed").await;
    expect_error(other.get("/me").await, StatusCode::UNAUTHORIZED, "second_factor_required").await;

    // Another account without a passkey cannot start a passkey login.
    let stranger = api.password_step("hc-north").await;
    let response = stranger.post_json("/session/passkey/options", &json!({})).await;
    expect_error(response, StatusCode::UNAUTHORIZED, "passkey_failed").await;
}
