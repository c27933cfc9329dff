//! `/api/v1/me/api-tokens` (issue 20): a doctor or veterinarian makes, lists and revokes the personal
//! API tokens with which an electronic medical record system files for their institution. Making one
//! needs a recent password or second-factor check (`Principal::ensure_recently_confirmed`), as
//! changing how one logs in does: a token is a way in that a session left open must not mint.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::api::{ApiTokenRequest, ApiTokenSummary, CreatedApiToken};
use domain::error::ApiError;
use time::Duration;
use uuid::Uuid;

use super::api_tokens;
use super::session::{ClientAddress, Principal};
use crate::audit::{self, Action, Outcome};
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath};
use crate::store::{self, NewApiToken};
use crate::{access, AppState};

/// Makes a token that files for the account's institution until it expires or is revoked. The
/// answer holds the token this once; todoke keeps only its hash.
#[utoipa::path(
    post, path = "/me/api-tokens", tag = "api tokens", request_body = ApiTokenRequest,
    responses(
        (status = 201, description = "Made; `token` is shown only now", body = CreatedApiToken),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "`forbidden`: only doctors and veterinarians hold tokens; `reauthentication_required`: confirm the password first (`POST /me/reauthentication`)", body = ApiError),
        (status = 422, description = "No name, a name over 100 characters, or `valid_days` outside 1–365", body = ApiError),
    )
)]
pub async fn create(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiJson(request): ApiJson<ApiTokenRequest>,
) -> Result<(StatusCode, Json<CreatedApiToken>), AppError> {
    let account = &principal.account;
    let institution_code = access::api_token_institution(account)?.to_owned();
    let now = store::now();
    principal.ensure_recently_confirmed(now)?;
    let problems = request.problems();
    if !problems.is_empty() {
        return Err(AppError::Validation(problems));
    }
    let summary = ApiTokenSummary {
        id: Uuid::new_v4(),
        name: request.name.trim().to_owned(),
        institution_code,
        created_at: now,
        expires_at: now + Duration::days(i64::from(request.valid_days)),
        last_used_at: None,
        revoked_at: None,
    };
    let (token, token_hash) = api_tokens::new_token();
    let user_id = account.user_id.clone();
    let target = api_tokens::audit_target(summary.id);
    let audit = audit::entry(Action::CreateApiToken, Outcome::Success, Some(&user_id), target, client);
    state.store.create_api_token(&NewApiToken { summary: summary.clone(), token_hash, user_id, audit }).await?;
    Ok((StatusCode::CREATED, Json(CreatedApiToken { token, summary })))
}

/// The account's tokens, newest first, with their expiry, revocation and last use.
#[utoipa::path(
    get, path = "/me/api-tokens", tag = "api tokens",
    responses(
        (status = 200, description = "The account's tokens (never the tokens themselves)", body = [ApiTokenSummary]),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Only doctors and veterinarians hold tokens", body = ApiError),
    )
)]
pub async fn list(State(state): State<AppState>, principal: Principal) -> Result<Json<Vec<ApiTokenSummary>>, AppError> {
    access::api_token_institution(&principal.account)?;
    Ok(Json(state.store.api_tokens(&principal.account.user_id).await?))
}

/// Revokes one of the account's tokens at once: its next request gets 401 `invalid_api_token`.
/// Revoking a revoked token changes nothing.
#[utoipa::path(
    delete, path = "/me/api-tokens/{id}", tag = "api tokens",
    params(("id" = Uuid, Path, description = "The token's id (from the list)")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Only doctors and veterinarians hold tokens", body = ApiError),
        (status = 404, description = "The account has no such token", body = ApiError),
    )
)]
pub async fn revoke(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, AppError> {
    access::api_token_institution(&principal.account)?;
    let user_id = &principal.account.user_id;
    let target = api_tokens::audit_target(id);
    let audit = audit::entry(Action::RevokeApiToken, Outcome::Success, Some(user_id), target, client);
    if state.store.revoke_api_token(user_id, id, store::now(), audit).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(AppError::NotFound)
    }
}
