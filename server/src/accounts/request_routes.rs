//! `/api/v1/manager/…` and `/api/v1/admin/requests/…`: a user manager's requests for its institution's
//! staff and the sysadmins' review of them.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::api::{AccountRequest, ManagedAccount, NewAccountRequest, Rejection};
use domain::error::ApiError;
use uuid::Uuid;

use super::requests;
use crate::auth::session::{ClientAddress, Principal};
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath};
use crate::store::ManagedScope;
use crate::{access, AppState};

/// Sends the sysadmin a request: new accounts for staff (the application form's rows, checked like
/// an uploaded form), or a change, suspension, resumption, deletion or password reset of one.
#[utoipa::path(
    post, path = "/manager/requests", tag = "manager", request_body = NewAccountRequest,
    responses(
        (status = 201, description = "Sent; waiting for review", body = AccountRequest),
        (status = 403, description = "Not a user manager", body = ApiError),
        (status = 404, description = "No such member of the institution's staff", body = ApiError),
        (status = 422, description = "Problems by applicant (row) and column, or an invalid change", body = ApiError),
    )
)]
pub async fn submit_request(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiJson(new): ApiJson<NewAccountRequest>,
) -> Result<(StatusCode, Json<AccountRequest>), AppError> {
    let request = requests::submit(state.store.as_ref(), &principal.account, new, client).await?;
    Ok((StatusCode::CREATED, Json(request)))
}

/// The institution's requests and their outcome, newest first.
#[utoipa::path(
    get, path = "/manager/requests", tag = "manager",
    responses(
        (status = 200, description = "Newest first", body = [AccountRequest]),
        (status = 403, description = "Not a user manager", body = ApiError),
    )
)]
pub async fn institution_requests(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Vec<AccountRequest>>, AppError> {
    let institution = access::managed_institution(&principal.account)?;
    Ok(Json(state.store.requests(&ManagedScope::Institution(institution.to_owned())).await?))
}

/// Takes back a request still waiting for review.
#[utoipa::path(
    post, path = "/manager/requests/{request_id}/withdraw", tag = "manager", params(("request_id" = Uuid, Path)),
    responses(
        (status = 200, description = "Withdrawn", body = AccountRequest),
        (status = 403, description = "Not a user manager", body = ApiError),
        (status = 404, description = "No such request of this institution", body = ApiError),
        (status = 409, description = "Decided already", body = ApiError),
    )
)]
pub async fn withdraw_request(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(request_id): ApiPath<Uuid>,
) -> Result<Json<AccountRequest>, AppError> {
    Ok(Json(requests::withdraw(state.store.as_ref(), &principal.account, request_id, client).await?))
}

/// The institution's staff accounts (those a request may be about), with those of the institutions
/// registered for its requests (A-5: e.g. the hospital newly a sentinel site the 定点 master lacked).
#[utoipa::path(
    get, path = "/manager/staff", tag = "manager",
    responses(
        (status = 200, description = "By user ID", body = [ManagedAccount]),
        (status = 403, description = "Not a user manager", body = ApiError),
    )
)]
pub async fn institution_staff(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Vec<ManagedAccount>>, AppError> {
    let institution = access::managed_institution(&principal.account)?;
    let accounts = state.store.managed_accounts(&ManagedScope::Institution(institution.to_owned())).await?;
    Ok(Json(accounts.into_iter().filter(|account| access::is_institution_staff(account.role)).collect()))
}

/// The requests of the institutions in the jurisdiction, newest first.
#[utoipa::path(
    get, path = "/admin/requests", tag = "admin",
    responses(
        (status = 200, description = "Newest first", body = [AccountRequest]),
        (status = 403, description = "Not a sysadmin", body = ApiError),
    )
)]
pub async fn jurisdiction_requests(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Vec<AccountRequest>>, AppError> {
    let prefecture = access::administered_prefecture(&principal.account)?;
    Ok(Json(state.store.requests(&ManagedScope::Jurisdiction(prefecture.to_owned())).await?))
}

/// Approves the request and does it: new accounts are issued (letters go out; the initial
/// passwords can be downloaded once through `batch_id`), or the account is changed.
#[utoipa::path(
    post, path = "/admin/requests/{request_id}/approve", tag = "admin", params(("request_id" = Uuid, Path)),
    responses(
        (status = 200, description = "Approved and done", body = AccountRequest),
        (status = 404, description = "No such request in this jurisdiction", body = ApiError),
        (status = 409, description = "Decided already", body = ApiError),
        (status = 422, description = "The applicants no longer pass (e.g. registered meanwhile); nothing was issued", body = ApiError),
    )
)]
pub async fn approve_request(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(request_id): ApiPath<Uuid>,
) -> Result<Json<AccountRequest>, AppError> {
    let store = state.store.as_ref();
    Ok(Json(requests::approve(store, &state.accounts, &principal.account, request_id, client).await?))
}

/// Rejects the request with a reason the user manager sees.
#[utoipa::path(
    post, path = "/admin/requests/{request_id}/reject", tag = "admin", request_body = Rejection,
    params(("request_id" = Uuid, Path)),
    responses(
        (status = 200, description = "Rejected", body = AccountRequest),
        (status = 404, description = "No such request in this jurisdiction", body = ApiError),
        (status = 409, description = "Decided already", body = ApiError),
        (status = 422, description = "No reason, or one with unusable characters", body = ApiError),
    )
)]
pub async fn reject_request(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(request_id): ApiPath<Uuid>,
    ApiJson(rejection): ApiJson<Rejection>,
) -> Result<Json<AccountRequest>, AppError> {
    let store = state.store.as_ref();
    Ok(Json(requests::reject(store, &principal.account, request_id, &rejection.reason, client).await?))
}
