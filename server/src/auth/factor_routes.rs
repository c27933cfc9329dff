//! `/api/v1/me/second-factor` (L-5): change how one-time codes reach the user. The new address
//! receives a code, and nothing changes until that code is confirmed. Asking for the change needs a
//! recent password or second-factor check (`Principal::ensure_recently_confirmed`); the confirmation
//! is bound to the code that request sent to this session.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::api::{CodeDestination, CodeEntry, Me, SecondFactorChange, SecondFactorMethod};
use domain::error::ApiError;

use super::routes::me;
use super::second_factor::{self, CodeRequest};
use super::session::{ClientAddress, Principal};
use crate::audit::{self, Action, Outcome};
use crate::error::AppError;
use crate::http::extract::ApiJson;
use crate::store::{self, CodePurpose, FactorSetting};
use crate::AppState;

/// Step 1: send a code to the new address or number.
#[utoipa::path(
    post, path = "/me/second-factor", tag = "session", request_body = SecondFactorChange,
    responses(
        (status = 202, description = "A code was sent to the new address", body = CodeDestination),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "`reauthentication_required`: confirm the password first (`POST /me/reauthentication`)", body = ApiError),
        (status = 422, description = "Not a valid e-mail address / Japanese number for this method", body = ApiError),
        (status = 429, description = "A code was sent too recently: wait", body = ApiError),
        (status = 502, description = "The code could not be delivered", body = ApiError),
    )
)]
pub async fn request_change(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiJson(change): ApiJson<SecondFactorChange>,
) -> Result<(StatusCode, Json<CodeDestination>), AppError> {
    principal.ensure_recently_confirmed(store::now())?;
    let destination = normalized_destination(change.method, &change.destination)?;
    let request = CodeRequest {
        user_id: &principal.account.user_id,
        purpose: CodePurpose::FactorChange,
        method: change.method,
        destination: &destination,
        session_token_hash: Some(&principal.token_hash),
    };
    let sent = second_factor::send(&state, request, client, store::now()).await?;
    Ok((StatusCode::ACCEPTED, Json(sent)))
}

/// Step 2: the code from the new address; only now the setting changes.
#[utoipa::path(
    post, path = "/me/second-factor/confirm", tag = "session", request_body = CodeEntry,
    responses(
        (status = 200, description = "Changed", body = Me),
        (status = 401, description = "No session, wrong or expired code", body = ApiError),
        (status = 429, description = "Too many wrong codes: wait", body = ApiError),
    )
)]
pub async fn confirm_change(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiJson(entry): ApiJson<CodeEntry>,
) -> Result<Json<Me>, AppError> {
    let now = store::now();
    let mut account = principal.account;
    let purpose = CodePurpose::FactorChange;
    let code = second_factor::verify(
        &state,
        &account.user_id,
        purpose,
        Some(&principal.token_hash),
        &entry.code,
        client.clone(),
        now,
    )
    .await?;
    account.factor = changed_factor(&account.factor, code.method, code.destination);
    state.store.set_factor(&account.user_id, &account.factor).await?;
    let target = Some(format!("{:?}", code.method));
    let entry = audit::entry(Action::SecondFactorChange, Outcome::Success, Some(&account.user_id), target, client);
    state.store.audit(entry).await?;
    Ok(Json(me(&state, account, now).await?))
}

/// The setting after switching to `method` at `destination`; the other kind of address is kept.
pub(crate) fn changed_factor(
    current: &FactorSetting,
    method: SecondFactorMethod,
    destination: String,
) -> FactorSetting {
    match method {
        SecondFactorMethod::Email => FactorSetting { method, email: Some(destination), phone: current.phone.clone() },
        SecondFactorMethod::Sms | SecondFactorMethod::Voice => {
            FactorSetting { method, email: current.email.clone(), phone: Some(destination) }
        }
    }
}

/// The destination as stored, by `domain::second_factor`'s rule; any problem is `invalid_destination`.
pub(crate) fn normalized_destination(method: SecondFactorMethod, typed: &str) -> Result<String, AppError> {
    domain::second_factor::destination(method, typed).map_err(|_| AppError::InvalidDestination)
}
