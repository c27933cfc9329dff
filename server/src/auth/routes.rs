//! `/api/v1/session`, `/api/v1/me` and `/api/v1/password-reset`: login with password and one-time
//! code, logout, the current account, password change and forgotten-password reset.

use axum::extract::State;
use axum::http::{header::HeaderName, HeaderValue, StatusCode};
use axum::Json;
use axum_extra::extract::cookie::CookieJar;
use domain::api::{
    CodeEntry, LoginChallenge, LoginRequest, Me, PasswordChange, PasswordResetConfirm, PasswordResetRequest,
    Reauthentication,
};
use domain::error::ApiError;
use time::OffsetDateTime;

use super::second_factor::{self, CodeRequest};
use super::session::{self, ClientAddress, LiveSession, Principal, SignedIn};
use super::throttle::shared;
use super::{codes, password};
use crate::audit::{self, Action, Outcome};
use crate::error::AppError;
use crate::http::extract::ApiJson;
use crate::store::{self, Account, AccountStatus, CodePurpose};
use crate::AppState;

/// Step 1 of login: user ID and password. On success a one-time code goes to the account's
/// second factor and the session cookie is set; the session is usable only after step 2.
#[utoipa::path(
    post, path = "/session", tag = "session", request_body = LoginRequest,
    responses(
        (status = 200, description = "Password correct; a code was sent", body = LoginChallenge),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "Wrong user ID or password", body = ApiError),
        (status = 403, description = "Account suspended", body = ApiError),
        (status = 429, description = "Too many failures: wait", body = ApiError),
        (status = 502, description = "The code could not be delivered", body = ApiError),
        (status = 503, description = "Too many logins waiting for their password check: retry after `Retry-After` seconds (code `login_busy`)", body = ApiError),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    jar: CookieJar,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<(CookieJar, Json<LoginChallenge>), AppError> {
    let now = store::now();
    let keys = shared::keys("password", &request.user_id, client.as_deref());
    shared::ensure_allowed(&state, &keys, now).await?;
    let found = state.store.login_account(&request.user_id).await?;
    let stored_hash = found.as_ref().map(|login| login.password_hash.clone());
    let matches =
        password::verify_login_off_thread(request.password, stored_hash, state.config.login_queue_limit).await?;
    let Some(login) = found.filter(|_| matches) else {
        shared::record_failure(&state, &keys, now, &request.user_id, client.clone()).await?;
        let failure = audit::entry(Action::Login, Outcome::Failure, None, Some(request.user_id), client);
        state.store.audit(failure).await?;
        return Err(AppError::InvalidCredentials);
    };
    let account = login.account;
    let refusal = match account.status {
        AccountStatus::Active => None,
        AccountStatus::Suspended => Some(AppError::AccountSuspended),
        AccountStatus::Deleted => Some(AppError::AccountDeleted),
    };
    if let Some(refusal) = refusal {
        let denied = audit::entry(Action::Login, Outcome::Denied, Some(&account.user_id), None, client);
        state.store.audit(denied).await?;
        return Err(refusal);
    }
    state.store.clear_failures(&keys[0]).await?;
    let (token, hash) = session::new_token();
    state.store.create_session(&hash, &account.user_id, now).await?;
    let success = audit::entry(Action::Login, Outcome::Success, Some(&account.user_id), None, client.clone());
    state.store.audit(success).await?;
    let code_sent_to = send_login_code(&state, &account, &hash, client, now).await?;
    let passkey_available = state.passkeys.is_some() && !state.store.passkeys(&account.user_id).await?.is_empty();
    let jar = jar.add(session::cookie(token, state.config.secure_cookies()));
    Ok((jar, Json(LoginChallenge { code_sent_to, passkey_available })))
}

async fn send_login_code(
    state: &AppState,
    account: &Account,
    token_hash: &str,
    client: Option<String>,
    now: OffsetDateTime,
) -> Result<domain::api::CodeDestination, AppError> {
    let destination = account.factor.destination().ok_or(AppError::InvalidDestination)?;
    let request = CodeRequest {
        user_id: &account.user_id,
        purpose: CodePurpose::Login,
        method: account.factor.method,
        destination,
        session_token_hash: Some(token_hash),
    };
    second_factor::send(state, request, client, now).await
}

/// Step 2 of login: the one-time code. Completes the session.
#[utoipa::path(
    post, path = "/session/code", tag = "session", request_body = CodeEntry,
    responses(
        (status = 200, description = "Logged in", body = Me),
        (status = 401, description = "No session, wrong code, or the code expired", body = ApiError),
        (status = 429, description = "Too many wrong codes: wait", body = ApiError),
    )
)]
pub async fn verify_login_code(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    session: LiveSession,
    ApiJson(entry): ApiJson<CodeEntry>,
) -> Result<Json<Me>, AppError> {
    let now = store::now();
    let account = session.record.account;
    let user_id = account.user_id.clone();
    let checked = second_factor::verify(
        &state,
        &user_id,
        CodePurpose::Login,
        Some(&session.token_hash),
        &entry.code,
        client.clone(),
        now,
    )
    .await;
    let outcome = if checked.is_ok() { Outcome::Success } else { Outcome::Failure };
    state.store.audit(audit::entry(Action::SecondFactor, outcome, Some(&user_id), None, client)).await?;
    checked?;
    state.store.complete_second_factor(&session.token_hash, now).await?;
    Ok(Json(me(&state, account, now).await?))
}

/// Sends a new login code (at most one a minute, five an hour).
#[utoipa::path(
    post, path = "/session/code/resend", tag = "session",
    responses(
        (status = 200, description = "A new code was sent", body = LoginChallenge),
        (status = 401, description = "No session", body = ApiError),
        (status = 429, description = "Sent too recently: wait", body = ApiError),
    )
)]
pub async fn resend_login_code(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    session: LiveSession,
) -> Result<Json<LoginChallenge>, AppError> {
    let account = &session.record.account;
    let code_sent_to = send_login_code(&state, account, &session.token_hash, client, store::now()).await?;
    let passkey_available = state.passkeys.is_some() && !state.store.passkeys(&account.user_id).await?.is_empty();
    Ok(Json(LoginChallenge { code_sent_to, passkey_available }))
}

/// End the session; the browser is also told to clear the site's HTTP cache, cookies and storage.
#[utoipa::path(
    delete, path = "/session", tag = "session",
    responses(
        (status = 204, description = "Logged out"),
        (status = 401, description = "No session", body = ApiError),
    )
)]
pub async fn logout(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    session: LiveSession,
    jar: CookieJar,
) -> Result<(StatusCode, [(HeaderName, HeaderValue); 1], CookieJar), AppError> {
    state.store.delete_session(&session.token_hash).await?;
    let user_id = &session.record.account.user_id;
    state.store.audit(audit::entry(Action::Logout, Outcome::Success, Some(user_id), None, client)).await?;
    let clear_site_data =
        (HeaderName::from_static("clear-site-data"), HeaderValue::from_static("\"cache\", \"cookies\", \"storage\""));
    Ok((
        StatusCode::NO_CONTENT,
        [clear_site_data],
        jar.remove(session::cookie(String::new(), state.config.secure_cookies())),
    ))
}

/// The logged-in account, with whether its password must or should soon be changed.
#[utoipa::path(
    get, path = "/me", tag = "session",
    responses(
        (status = 200, description = "The account of this session", body = Me),
        (status = 401, description = "No session, or the second factor is not done", body = ApiError),
    )
)]
pub async fn current(State(state): State<AppState>, signed_in: SignedIn) -> Result<Json<Me>, AppError> {
    Ok(Json(me(&state, signed_in.account, OffsetDateTime::now_utc()).await?))
}

/// Change the password (L-2, L-3). Every other session of the account ends.
#[utoipa::path(
    put, path = "/me/password", tag = "session", request_body = PasswordChange,
    responses(
        (status = 204, description = "Changed"),
        (status = 401, description = "No session, or the current password is wrong", body = ApiError),
        (status = 422, description = "The new password breaks a rule; see `password_rules`", body = ApiError),
        (status = 429, description = "Too many wrong passwords: wait", body = ApiError),
    )
)]
pub async fn change_password(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    signed_in: SignedIn,
    ApiJson(change): ApiJson<PasswordChange>,
) -> Result<StatusCode, AppError> {
    let now = store::now();
    let user_id = &signed_in.account.user_id;
    let typed = change.current_password.clone();
    check_current_password(&state, user_id, typed, &client, now, Action::PasswordChange).await?;
    password::check_rules(&change.new_password, user_id, Some(&change.current_password))?;
    let hash = password::hash_off_thread(change.new_password).await?;
    state.store.set_password(user_id, &hash, now, None).await?;
    state.store.delete_user_sessions(user_id, Some(&signed_in.token_hash)).await?;
    state.store.audit(audit::entry(Action::PasswordChange, Outcome::Success, Some(user_id), None, client)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Confirms the current password again, for the next few minutes of this session: changing the
/// second factor and registering a passkey need it (or a login's second factor that recent).
/// Wrong passwords count against the same throttle as at login.
#[utoipa::path(
    post, path = "/me/reauthentication", tag = "session", request_body = Reauthentication,
    responses(
        (status = 204, description = "Confirmed; the second factor and passkeys may be changed for the next 5 minutes"),
        (status = 401, description = "No session, or the password is wrong", body = ApiError),
        (status = 429, description = "Too many wrong passwords: wait", body = ApiError),
    )
)]
pub async fn reauthenticate(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiJson(confirmation): ApiJson<Reauthentication>,
) -> Result<StatusCode, AppError> {
    let now = store::now();
    let user_id = &principal.account.user_id;
    check_current_password(&state, user_id, confirmation.password, &client, now, Action::Reauthentication).await?;
    state.store.record_reauthentication(&principal.token_hash, now).await?;
    state.store.audit(audit::entry(Action::Reauthentication, Outcome::Success, Some(user_id), None, client)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in account's current password, checked as at login: throttled per account and
/// address; a wrong one is counted, audited as a failed `action` and answered `invalid_credentials`.
async fn check_current_password(
    state: &AppState,
    user_id: &str,
    typed: String,
    client: &Option<String>,
    now: OffsetDateTime,
    action: Action,
) -> Result<(), AppError> {
    let keys = shared::keys("password", user_id, client.as_deref());
    shared::ensure_allowed(state, &keys, now).await?;
    let stored = state.store.login_account(user_id).await?.ok_or(AppError::Unauthenticated)?;
    if password::verify_off_thread(typed, Some(stored.password_hash)).await? {
        return Ok(());
    }
    shared::record_failure(state, &keys, now, user_id, client.clone()).await?;
    state.store.audit(audit::entry(action, Outcome::Failure, Some(user_id), None, client.clone())).await?;
    Err(AppError::InvalidCredentials)
}

/// Forgotten password, step 1 (L-4): a code goes to the account's second factor. The answer is
/// the same whether or not the user ID exists, and as fast: the answer's path does not look the ID
/// up at all; a task does, and sends the code, a moment after answering, so that neither its work,
/// nor the mail server's time or failure, overlaps the answer of the request that asked.
#[utoipa::path(
    post, path = "/password-reset", tag = "password reset", request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If the account exists, a code is being sent to its second factor"),
        (status = 429, description = "Too many attempts from this address: wait", body = ApiError),
    )
)]
pub async fn request_password_reset(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    ApiJson(request): ApiJson<PasswordResetRequest>,
) -> Result<StatusCode, AppError> {
    let now = store::now();
    let keys = shared::keys(RESET, &request.user_id, client.as_deref());
    shared::ensure_allowed(&state, &keys, now).await?;
    tokio::spawn(send_reset_code(state, request.user_id, client, now));
    Ok(StatusCode::ACCEPTED)
}

/// Throttle keys of both reset steps, per account and per address like the login's.
const RESET: &str = "reset";

/// How long the reset code's task waits before it looks the ID up: long enough for the answer to
/// have left (it takes a few milliseconds), short beside the code's way to the user.
const RESET_SEND_DELAY: std::time::Duration = std::time::Duration::from_millis(100);

async fn send_reset_code(state: AppState, user_id: String, client: Option<String>, now: OffsetDateTime) {
    tokio::time::sleep(RESET_SEND_DELAY).await;
    let account = match state.store.login_account(&user_id).await {
        Ok(found) => found.map(|login| login.account).filter(|account| account.status == AccountStatus::Active),
        Err(error) => {
            tracing::warn!(%error, %user_id, "password reset: account not read");
            return;
        }
    };
    let Some(account) = account else { return };
    let Some(destination) = account.factor.destination() else { return };
    let request = CodeRequest {
        user_id: &account.user_id,
        purpose: CodePurpose::PasswordReset,
        method: account.factor.method,
        destination,
        session_token_hash: None,
    };
    match second_factor::send(&state, request, client, now).await {
        Ok(_) | Err(AppError::ResendTooSoon(_)) => {}
        Err(error) => tracing::warn!(%error, user_id = %account.user_id, "password reset code not sent"),
    }
}

/// Forgotten password, step 2: the code and a new password. Every session of the account ends.
/// Until the code is right, every ID gets the same answer (401 `invalid_code`, whether the ID is
/// unknown, has no code, or the code is wrong, expired or dead), and failures are throttled per
/// account and per address as at login; only then is the new password checked against the rules.
#[utoipa::path(
    post, path = "/password-reset/confirm", tag = "password reset", request_body = PasswordResetConfirm,
    responses(
        (status = 204, description = "The password was reset; log in with it"),
        (status = 401, description = "Wrong or expired code, or no such reset", body = ApiError),
        (status = 422, description = "The code was right, but the new password breaks a rule; see `password_rules`", body = ApiError),
        (status = 429, description = "Too many failures: wait", body = ApiError),
    )
)]
pub async fn confirm_password_reset(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    ApiJson(confirm): ApiJson<PasswordResetConfirm>,
) -> Result<StatusCode, AppError> {
    let now = store::now();
    let user_id = confirm.user_id.as_str();
    let keys = shared::keys(RESET, user_id, client.as_deref());
    shared::ensure_allowed(&state, &keys, now).await?;
    // The code is checked first, but used up only once the new password is accepted: a refusal
    // leaves it valid for a corrected try. An unknown ID simply has no code.
    let checked =
        second_factor::check(&state, user_id, CodePurpose::PasswordReset, None, &confirm.code, client.clone(), now)
            .await;
    let found = match checked {
        Ok(code) => state.store.login_account(user_id).await?.map(|stored| (code, stored)),
        Err(AppError::InvalidCode | AppError::CodeExpired) => None,
        Err(other) => return Err(other),
    };
    let Some((code, stored)) = found else {
        shared::record_failure(&state, &keys, now, user_id, client.clone()).await?;
        state
            .store
            .audit(audit::entry(Action::PasswordReset, Outcome::Failure, None, Some(confirm.user_id), client))
            .await?;
        return Err(AppError::InvalidCode);
    };
    password::check_rules(&confirm.new_password, user_id, None)?;
    if password::verify_off_thread(confirm.new_password.clone(), Some(stored.password_hash)).await? {
        return Err(AppError::PasswordRejected(vec![domain::password::PasswordRule::SameAsCurrent]));
    }
    second_factor::consume(&state, &code, now).await?;
    state.store.clear_failures(&keys[0]).await?;
    let hash = password::hash_off_thread(confirm.new_password).await?;
    state.store.set_password(user_id, &hash, now, None).await?;
    state.store.delete_user_sessions(user_id, None).await?;
    state.store.audit(audit::entry(Action::PasswordReset, Outcome::Success, Some(user_id), None, client)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The account as the client sees it, with its password state and second factors.
pub async fn me(state: &AppState, account: Account, now: OffsetDateTime) -> Result<Me, AppError> {
    let passkeys = u32::try_from(state.store.passkeys(&account.user_id).await?.len()).unwrap_or(u32::MAX);
    let second_factor =
        codes::destination_hint(account.factor.method, account.factor.destination().unwrap_or_default());
    Ok(Me {
        password: state.config.passwords.status(&account.password, now),
        user_id: account.user_id,
        display_name: account.display_name,
        role: account.role,
        organization: account.organization,
        may_download_records: account.may_download_records,
        second_factor,
        passkeys,
    })
}
