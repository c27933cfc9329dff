//! Passkeys (WebAuthn, via webauthn-rs) as a phishing-resistant second factor (L-1): registered from
//! a signed-in session, then usable after the password instead of a one-time code. Ceremony state
//! is kept in the database, so any server instance can finish what another started.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::api::{Me, PasskeyChallenge, PasskeyResponse};
use domain::error::ApiError;
use serde::de::DeserializeOwned;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;
use webauthn_rs::prelude::{Passkey, PasskeyAuthentication, PasskeyRegistration, Url};
use webauthn_rs::{Webauthn, WebauthnBuilder};

use super::routes::me;
use super::session::{ClientAddress, LiveSession, Principal};
use super::throttle::shared;
use crate::audit::{self, Action, Outcome};
use crate::error::AppError;
use crate::http::extract::ApiJson;
use crate::store::{self, Ceremony, StoredPasskey};
use crate::AppState;

/// How long a started registration or login may take.
const CEREMONY_LIFETIME: Duration = Duration::minutes(5);
const REGISTRATION: &str = "registration";
const AUTHENTICATION: &str = "authentication";

/// The relying party for the URL users reach todoke at; `None` when it cannot be one (no public URL,
/// or an IP address, which browsers refuse as a relying party).
pub fn relying_party(public_url: Option<&str>) -> Option<Arc<Webauthn>> {
    let origin = Url::parse(public_url?).ok()?;
    let rp_id = origin.domain()?.to_owned();
    let webauthn = WebauthnBuilder::new(&rp_id, &origin).ok()?.rp_name("todoke").build().ok()?;
    Some(Arc::new(webauthn))
}

fn relying(state: &AppState) -> Result<&Webauthn, AppError> {
    state.passkeys.as_deref().ok_or(AppError::PasskeysUnavailable)
}

/// A stable WebAuthn user handle for an account, without revealing its user ID.
fn user_handle(user_id: &str) -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, format!("todoke:user:{user_id}").as_bytes())
}

/// Registration, step 1: the options for `navigator.credentials.create`.
#[utoipa::path(
    post, path = "/me/passkeys/registration", tag = "passkeys",
    responses(
        (status = 200, description = "Options for the browser", body = PasskeyChallenge),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "`reauthentication_required`: confirm the password first (`POST /me/reauthentication`)", body = ApiError),
        (status = 404, description = "Passkeys are not available on this server", body = ApiError),
    )
)]
pub async fn start_registration(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<PasskeyChallenge>, AppError> {
    let webauthn = relying(&state)?;
    principal.ensure_recently_confirmed(store::now())?;
    let account = &principal.account;
    let existing = stored_passkeys(&state, &account.user_id).await?;
    let exclude = existing.iter().map(|(_, passkey)| passkey.cred_id().clone()).collect();
    let (options, registration) = webauthn
        .start_passkey_registration(
            user_handle(&account.user_id),
            &account.user_id,
            &account.display_name,
            Some(exclude),
        )
        .map_err(|e| AppError::PasskeyFailed(e.to_string()))?;
    let challenge =
        begin(&state, &account.user_id, &principal.token_hash, REGISTRATION, &registration, &options).await?;
    Ok(Json(challenge))
}

/// Registration, step 2: the browser's new credential.
#[utoipa::path(
    post, path = "/me/passkeys", tag = "passkeys", request_body = PasskeyResponse,
    responses(
        (status = 201, description = "Registered", body = Me),
        (status = 401, description = "No session, or the credential did not verify", body = ApiError),
    )
)]
pub async fn finish_registration(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiJson(response): ApiJson<PasskeyResponse>,
) -> Result<(StatusCode, Json<Me>), AppError> {
    let webauthn = relying(&state)?;
    let account = principal.account;
    let registration: PasskeyRegistration =
        finish(&state, &account.user_id, &principal.token_hash, REGISTRATION, response.ceremony_id).await?;
    let credential = parse(response.credential)?;
    let passkey = webauthn
        .finish_passkey_registration(&credential, &registration)
        .map_err(|e| AppError::PasskeyFailed(e.to_string()))?;
    let now = store::now();
    let stored = StoredPasskey { id: Uuid::new_v4(), credential: to_json(&passkey)? };
    state.store.add_passkey(&account.user_id, &stored, now).await?;
    let entry = audit::entry(Action::PasskeyRegistered, Outcome::Success, Some(&account.user_id), None, client);
    state.store.audit(entry).await?;
    Ok((StatusCode::CREATED, Json(me(&state, account, now).await?)))
}

/// Login with a passkey instead of a code, step 1 (after the password).
#[utoipa::path(
    post, path = "/session/passkey/options", tag = "session",
    responses(
        (status = 200, description = "Options for the browser", body = PasskeyChallenge),
        (status = 401, description = "No session, or the account has no passkey", body = ApiError),
        (status = 404, description = "Passkeys are not available on this server", body = ApiError),
    )
)]
pub async fn start_login(
    State(state): State<AppState>,
    session: LiveSession,
) -> Result<Json<PasskeyChallenge>, AppError> {
    let webauthn = relying(&state)?;
    let user_id = &session.record.account.user_id;
    let passkeys: Vec<Passkey> = stored_passkeys(&state, user_id).await?.into_iter().map(|(_, pk)| pk).collect();
    if passkeys.is_empty() {
        return Err(AppError::PasskeyFailed("the account has no passkey".into()));
    }
    let (options, authentication) =
        webauthn.start_passkey_authentication(&passkeys).map_err(|e| AppError::PasskeyFailed(e.to_string()))?;
    let challenge = begin(&state, user_id, &session.token_hash, AUTHENTICATION, &authentication, &options).await?;
    Ok(Json(challenge))
}

/// Login with a passkey, step 2: the browser's assertion completes the session.
#[utoipa::path(
    post, path = "/session/passkey", tag = "session", request_body = PasskeyResponse,
    responses(
        (status = 200, description = "Logged in", body = Me),
        (status = 401, description = "No session, or the passkey did not verify", body = ApiError),
        (status = 429, description = "Too many failures: wait", body = ApiError),
    )
)]
pub async fn finish_login(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    session: LiveSession,
    ApiJson(response): ApiJson<PasskeyResponse>,
) -> Result<Json<Me>, AppError> {
    let webauthn = relying(&state)?;
    let now = store::now();
    let account = session.record.account;
    let keys = shared::keys("code", &account.user_id, None);
    shared::ensure_allowed(&state, &keys, now).await?;
    let authentication: PasskeyAuthentication =
        finish(&state, &account.user_id, &session.token_hash, AUTHENTICATION, response.ceremony_id).await?;
    let verified = parse(response.credential).and_then(|credential| {
        webauthn
            .finish_passkey_authentication(&credential, &authentication)
            .map_err(|e| AppError::PasskeyFailed(e.to_string()))
    });
    let outcome = if verified.is_ok() { Outcome::Success } else { Outcome::Failure };
    let target = Some("passkey".to_owned());
    state
        .store
        .audit(audit::entry(Action::SecondFactor, outcome, Some(&account.user_id), target, client.clone()))
        .await?;
    let result = match verified {
        Ok(result) => result,
        Err(error) => {
            shared::record_failure(&state, &keys, now, &account.user_id, client).await?;
            return Err(error);
        }
    };
    // Keep the signature counter current: a cloned authenticator shows up as a counter going back.
    for (id, mut passkey) in stored_passkeys(&state, &account.user_id).await? {
        if passkey.update_credential(&result) == Some(true) {
            state.store.update_passkey(&StoredPasskey { id, credential: to_json(&passkey)? }, now).await?;
        }
    }
    state.store.clear_failures(&keys[0]).await?;
    state.store.complete_second_factor(&session.token_hash, now).await?;
    Ok(Json(me(&state, account, now).await?))
}

async fn stored_passkeys(state: &AppState, user_id: &str) -> Result<Vec<(Uuid, Passkey)>, AppError> {
    let stored = state.store.passkeys(user_id).await?;
    stored.into_iter().map(|passkey| Ok((passkey.id, from_json(&passkey.credential)?))).collect()
}

/// Keeps the ceremony's state on the server and hands its options to the browser.
async fn begin(
    state: &AppState,
    user_id: &str,
    token_hash: &str,
    kind: &str,
    ceremony_state: &impl serde::Serialize,
    options: &impl serde::Serialize,
) -> Result<PasskeyChallenge, AppError> {
    let ceremony = Ceremony {
        id: Uuid::new_v4(),
        user_id: user_id.to_owned(),
        session_token_hash: token_hash.to_owned(),
        kind: kind.to_owned(),
        state: to_json(ceremony_state)?,
        expires_at: OffsetDateTime::now_utc() + CEREMONY_LIFETIME,
    };
    state.store.put_ceremony(&ceremony).await?;
    let options = serde_json::to_value(options).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(PasskeyChallenge { ceremony_id: ceremony.id, options })
}

/// Takes back the state of a ceremony this session started, once and before it expires.
async fn finish<T: DeserializeOwned>(
    state: &AppState,
    user_id: &str,
    token_hash: &str,
    kind: &str,
    id: Uuid,
) -> Result<T, AppError> {
    let ceremony = state.store.take_ceremony(id).await?;
    let ceremony = ceremony
        .filter(|c| c.user_id == user_id && c.session_token_hash == token_hash && c.kind == kind)
        .filter(|c| OffsetDateTime::now_utc() < c.expires_at)
        .ok_or_else(|| AppError::PasskeyFailed("unknown, foreign or expired ceremony".into()))?;
    from_json(&ceremony.state)
}

fn parse<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, AppError> {
    serde_json::from_value(value).map_err(|e| AppError::MalformedRequest(e.to_string()))
}

fn to_json(value: &impl serde::Serialize) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|e| AppError::Internal(e.to_string()))
}

fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, AppError> {
    serde_json::from_str(text).map_err(|e| AppError::Internal(format!("stored WebAuthn data: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passkeys_need_a_domain_name() {
        assert!(relying_party(Some("https://todoke.example.jp")).is_some());
        assert!(relying_party(Some("http://localhost:8080")).is_some());
        assert!(relying_party(Some("http://127.0.0.1:8080")).is_none(), "browsers refuse IP relying parties");
        assert!(relying_party(None).is_none());
    }

    #[test]
    fn user_handles_are_stable_and_do_not_contain_the_id() {
        assert_eq!(user_handle("doctor1"), user_handle("doctor1"));
        assert_ne!(user_handle("doctor1"), user_handle("doctor2"));
        assert!(!user_handle("doctor1").to_string().contains("doctor1"));
    }
}
