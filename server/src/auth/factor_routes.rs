//! `/api/v1/me/second-factor` (L-5): change how one-time codes reach the user. The new address
//! receives a code, and nothing changes until that code is confirmed.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::api::{CodeDestination, CodeEntry, Me, SecondFactorChange, SecondFactorMethod};
use domain::error::ApiError;
use domain::phone::parse_phone;

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

/// An e-mail address as typed (trimmed), or a Japanese number (V-2) that can take the message:
/// SMS only to mobiles, voice to any line but free dial.
pub(crate) fn normalized_destination(method: SecondFactorMethod, typed: &str) -> Result<String, AppError> {
    let typed = typed.trim();
    match method {
        SecondFactorMethod::Email => domain::email::normalize(typed).ok_or(AppError::InvalidDestination),
        SecondFactorMethod::Sms | SecondFactorMethod::Voice => {
            let number = parse_phone(typed).map_err(|_| AppError::InvalidDestination)?;
            if number.can_receive(method) {
                Ok(number.to_string())
            } else {
                Err(AppError::InvalidDestination)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_must_suit_the_method() {
        let email = normalized_destination(SecondFactorMethod::Email, " doctor@example.jp ");
        assert_eq!(email.ok().as_deref(), Some("doctor@example.jp"));
        assert!(normalized_destination(SecondFactorMethod::Email, "doctor@").is_err());
        let mobile = normalized_destination(SecondFactorMethod::Sms, "０９０−１２３４−５６７８");
        assert_eq!(mobile.ok().as_deref(), Some("090-1234-5678"));
        assert!(normalized_destination(SecondFactorMethod::Sms, "03-1234-5678").is_err(), "SMS needs a mobile");
        assert!(normalized_destination(SecondFactorMethod::Voice, "03-1234-5678").is_ok());
        assert!(normalized_destination(SecondFactorMethod::Voice, "0120-123-456").is_err());
        assert!(normalized_destination(SecondFactorMethod::Sms, "+1 415 555 0100").is_err());
    }
}
