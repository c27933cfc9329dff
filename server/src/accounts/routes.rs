//! `/api/v1/admin/…`: the administrators' API. Masters (national administrator), bulk issuance,
//! the one-time password file, letters, institutions missing from the master, and the lifecycle of
//! one account (sysadmins and supervisors of a 都道府県等, within its jurisdiction only).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::api::{
    AccountChange, InitialPassword, IssuedBatch, IssuedStaff, LetterStatus, ManagedAccount, MasterImportReport,
    MasterKind, NewInstitution, Organization, RegisteredInstitution, StaffApplications,
};
use domain::error::ApiError;
use serde::Deserialize;
use uuid::Uuid;

use super::issue::{self, Uploader};
use super::{letters, staff};
use crate::admin::{self, Acting};
use crate::audit::{self, Action};
use crate::auth::session::{ClientAddress, Principal};
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery};
use crate::store::ManagedScope;
use crate::tabular::TextEncoding;
use crate::{access, masters, AppState};

/// How an uploaded CSV is encoded; absent: detected (UTF-8 if valid, else Shift_JIS). Ignored for .xlsx.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadOptions {
    #[param(inline)]
    pub encoding: Option<TextEncoding>,
}

/// Imports a master: all rows or none; a re-import updates by code and keeps history.
#[utoipa::path(
    put, path = "/admin/masters/{kind}", tag = "admin",
    params(("kind" = MasterKind, Path, description = "health-centers, notifiable, sentinel or animal"), UploadOptions),
    request_body(content = String, content_type = "text/csv", description = "CSV with the documented header row"),
    responses(
        (status = 200, description = "Imported", body = MasterImportReport),
        (status = 403, description = "Not the national administrator", body = ApiError),
        (status = 422, description = "The file has problems; nothing was imported", body = ApiError),
    )
)]
pub async fn import_master(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(kind): ApiPath<MasterKind>,
    ApiQuery(options): ApiQuery<UploadOptions>,
    body: Bytes,
) -> Result<Json<MasterImportReport>, AppError> {
    access::operates_the_system(&principal.account)?;
    let actor = Some(principal.account.user_id.as_str());
    Ok(Json(masters::import(state.store.as_ref(), kind, &body, options.encoding, actor, client).await?))
}

/// Registers an institution missing from the master, in the sysadmin's jurisdiction.
#[utoipa::path(
    post, path = "/admin/institutions", tag = "admin", request_body = NewInstitution,
    responses(
        (status = 201, description = "Registered; its code can be used in column AJ", body = RegisteredInstitution),
        (status = 403, description = "Not a sysadmin", body = ApiError),
        (status = 422, description = "Particulars missing or invalid, or a health center outside the jurisdiction", body = ApiError),
    )
)]
pub async fn register_institution(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiJson(new): ApiJson<NewInstitution>,
) -> Result<(StatusCode, Json<RegisteredInstitution>), AppError> {
    let prefecture = access::administered_prefecture(&principal.account)?;
    let user_id = &principal.account.user_id;
    let registered = masters::register::register(state.store.as_ref(), prefecture, &new, user_id, client).await?;
    Ok((StatusCode::CREATED, Json(registered)))
}

/// Bulk registration (A-1 … A-3): the application form as CSV (UTF-8 or Shift_JIS) or the .xlsx
/// workbook itself. Every problem is reported at once and nothing is imported unless all rows are right.
#[utoipa::path(
    post, path = "/admin/applications", tag = "admin", params(UploadOptions),
    request_body(content = String, content_type = "text/csv", description = "The application form (CSV, or .xlsx bytes)"),
    responses(
        (status = 201, description = "Accounts issued; letters are on their way", body = IssuedBatch),
        (status = 403, description = "Not a sysadmin", body = ApiError),
        (status = 422, description = "Problems by row and column; nothing was imported", body = ApiError),
    )
)]
pub async fn upload_applications(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiQuery(options): ApiQuery<UploadOptions>,
    body: Bytes,
) -> Result<(StatusCode, Json<IssuedBatch>), AppError> {
    let prefecture = access::administered_prefecture(&principal.account)?;
    let uploader = Uploader { account: &principal.account, prefecture: Some(prefecture), client };
    let batch = issue::register_form(state.store.as_ref(), &state.accounts, &uploader, &body, options.encoding).await?;
    Ok((StatusCode::CREATED, Json(batch)))
}

/// Issues staff accounts down the hierarchy (SPEC §1): the national administrator the supervisors
/// of any 都道府県等, a supervisor its sysadmins, a sysadmin its 都道府県等's and health centers' staff
/// (with the download flag where granted) and its institutions' user managers. One batch, as for a
/// form: letters go out, the initial passwords wait in the one-time file. A refusal is audited
/// (`issue_staff_accounts`: `denied` for a role or caller out of rank, `failure` for items refused).
#[utoipa::path(
    post, path = "/admin/staff-accounts", tag = "admin", request_body = StaffApplications,
    responses(
        (status = 201, description = "Accounts issued; letters are on their way", body = IssuedStaff),
        (status = 403, description = "A role the caller does not issue (above or beside its rank), or not an issuer; audited as denied", body = ApiError),
        (status = 422, description = "Items invalid, or an organization outside the caller's jurisdiction; nothing was issued", body = ApiError),
    )
)]
pub async fn issue_staff_accounts(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiJson(applications): ApiJson<StaffApplications>,
) -> Result<(StatusCode, Json<IssuedStaff>), AppError> {
    let account = &principal.account;
    let checked = access::issuing_scope(account);
    let store = state.store.as_ref();
    let scope = audit::allowed(store, Action::IssueStaffAccounts, &account.user_id, client.clone(), checked).await?;
    let uploader = Uploader { account, prefecture: scope.batch_prefecture(), client };
    let issued = staff::issue_staff(state.store.as_ref(), &state.accounts, &uploader, &applications.staff).await?;
    Ok((StatusCode::CREATED, Json(issued)))
}

/// The 都道府県等 an administrator names when it issues staff or addresses notices, with their names
/// from the master, by code: every one for the national administrator, its own for a 都道府県等's
/// sysadmins and supervisor. A refusal is audited (`list_prefectures`, `denied`).
#[utoipa::path(
    get, path = "/admin/prefectures", tag = "admin",
    responses(
        (status = 200, description = "The 都道府県等 in the administrator's scope, by code", body = [Organization]),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not an administrator who issues staff or publishes notices", body = ApiError),
    )
)]
pub async fn list_prefectures(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
) -> Result<Json<Vec<Organization>>, AppError> {
    let account = &principal.account;
    let checked = access::issuing_scope(account);
    let scope =
        audit::allowed(state.store.as_ref(), Action::ListPrefectures, &account.user_id, client, checked).await?;
    let mut prefectures = state.store.prefectures().await?;
    prefectures.retain(|prefecture| scope.covers(&prefecture.code));
    Ok(Json(prefectures))
}

/// The batch's IDs and initial passwords as CSV, once: the server deletes them as it answers.
#[utoipa::path(
    post, path = "/admin/account-batches/{batch_id}/credentials", tag = "admin",
    params(("batch_id" = Uuid, Path, description = "From the bulk registration's answer")),
    responses(
        (status = 200, description = "The CSV (UTF-8 with BOM)", body = String, content_type = "text/csv"),
        (status = 403, description = "Not an administrator who issues accounts; audited as denied", body = ApiError),
        (status = 404, description = "No such batch in this jurisdiction", body = ApiError),
        (status = 410, description = "Downloaded already; the passwords are gone", body = ApiError),
    )
)]
pub async fn download_credentials(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(batch_id): ApiPath<Uuid>,
) -> Result<Response, AppError> {
    let account = &principal.account;
    let checked = access::issuing_scope(account);
    let store = state.store.as_ref();
    let scope = audit::allowed(store, Action::DownloadCredentials, &account.user_id, client.clone(), checked).await?;
    let uploader = Uploader { account, prefecture: scope.batch_prefecture(), client };
    let csv = issue::take_credentials(state.store.as_ref(), &state.accounts, &uploader, batch_id).await?;
    let disposition = format!("attachment; filename=\"initial-passwords-{batch_id}.csv\"");
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        (
            header::CONTENT_DISPOSITION,
            HeaderValue::from_str(&disposition).map_err(|e| AppError::Internal(e.to_string()))?,
        ),
    ];
    Ok((headers, csv).into_response())
}

/// Each user's account letter in the jurisdiction: sent, pending or failed and why.
#[utoipa::path(
    get, path = "/admin/letters", tag = "admin",
    responses(
        (status = 200, description = "By user ID", body = [LetterStatus]),
        (status = 403, description = "Not a sysadmin", body = ApiError),
    )
)]
pub async fn list_letters(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Vec<LetterStatus>>, AppError> {
    let prefecture = access::administered_prefecture(&principal.account)?;
    Ok(Json(state.store.letters(prefecture).await?))
}

/// Every account in the jurisdiction.
#[utoipa::path(
    get, path = "/admin/accounts", tag = "admin",
    responses(
        (status = 200, description = "By user ID", body = [ManagedAccount]),
        (status = 403, description = "Not a sysadmin", body = ApiError),
    )
)]
pub async fn list_accounts(
    State(state): State<AppState>,
    principal: Principal,
) -> Result<Json<Vec<ManagedAccount>>, AppError> {
    let prefecture = access::administered_prefecture(&principal.account)?;
    Ok(Json(state.store.managed_accounts(&ManagedScope::Jurisdiction(prefecture.to_owned())).await?))
}

/// One account of the jurisdiction, deleted ones included (its page).
#[utoipa::path(
    get, path = "/admin/accounts/{user_id}", tag = "admin", params(("user_id" = String, Path)),
    responses(
        (status = 200, description = "The account", body = ManagedAccount),
        (status = 403, description = "Not a sysadmin", body = ApiError),
        (status = 404, description = "No such account in this jurisdiction", body = ApiError),
    )
)]
pub async fn show_account(
    State(state): State<AppState>,
    principal: Principal,
    ApiPath(user_id): ApiPath<String>,
) -> Result<Json<ManagedAccount>, AppError> {
    let prefecture = state.store.account_prefecture(&user_id).await?;
    access::in_jurisdiction(&principal.account, prefecture.as_deref())?;
    Ok(Json(state.store.managed_account(&user_id).await?.ok_or(AppError::NotFound)?))
}

/// The target exists, is in the caller's jurisdiction and of a role the caller manages.
async fn managed<'a>(
    state: &AppState,
    principal: &'a Principal,
    client: Option<String>,
    user_id: &str,
) -> Result<Acting<'a>, AppError> {
    access::administered_prefecture(&principal.account)?;
    let target = admin::existing(state.store.as_ref(), user_id).await?;
    let prefecture = state.store.account_prefecture(user_id).await?;
    access::may_manage(&principal.account, &target, prefecture.as_deref())?;
    Ok(Acting { by: Some(&principal.account.user_id), client })
}

/// Changes contact particulars, the two-factor method or the download flag.
#[utoipa::path(
    patch, path = "/admin/accounts/{user_id}", tag = "admin", request_body = AccountChange,
    params(("user_id" = String, Path)),
    responses(
        (status = 204, description = "Changed"),
        (status = 404, description = "No such account in this jurisdiction", body = ApiError),
        (status = 422, description = "An item is invalid", body = ApiError),
    )
)]
pub async fn change_account(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(user_id): ApiPath<String>,
    ApiJson(change): ApiJson<AccountChange>,
) -> Result<StatusCode, AppError> {
    let acting = managed(&state, &principal, client, &user_id).await?;
    admin::change(state.store.as_ref(), &user_id, &change, &acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Suspends the account: its sessions end at once and it cannot log in until resumed.
#[utoipa::path(
    post, path = "/admin/accounts/{user_id}/suspend", tag = "admin", params(("user_id" = String, Path)),
    responses(
        (status = 204, description = "Suspended"),
        (status = 404, description = "No such account in this jurisdiction", body = ApiError),
    )
)]
pub async fn suspend_account(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(user_id): ApiPath<String>,
) -> Result<StatusCode, AppError> {
    let acting = managed(&state, &principal, client, &user_id).await?;
    admin::set_suspended(state.store.as_ref(), &user_id, true, &acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Resumes a suspended account.
#[utoipa::path(
    post, path = "/admin/accounts/{user_id}/resume", tag = "admin", params(("user_id" = String, Path)),
    responses(
        (status = 204, description = "May log in again"),
        (status = 404, description = "No such account in this jurisdiction", body = ApiError),
    )
)]
pub async fn resume_account(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(user_id): ApiPath<String>,
) -> Result<StatusCode, AppError> {
    let acting = managed(&state, &principal, client, &user_id).await?;
    admin::set_suspended(state.store.as_ref(), &user_id, false, &acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes the account: no login ever again; its history and the audit trail stay.
#[utoipa::path(
    delete, path = "/admin/accounts/{user_id}", tag = "admin", params(("user_id" = String, Path)),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such account in this jurisdiction", body = ApiError),
    )
)]
pub async fn delete_account(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(user_id): ApiPath<String>,
) -> Result<StatusCode, AppError> {
    let acting = managed(&state, &principal, client, &user_id).await?;
    admin::delete(state.store.as_ref(), &user_id, &acting).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Resets the password (L-4): a new initial password, shown once in this answer; a change is forced
/// at the next login and the account's sessions end.
#[utoipa::path(
    post, path = "/admin/accounts/{user_id}/password-reset", tag = "admin", params(("user_id" = String, Path)),
    responses(
        (status = 200, description = "The new initial password (shown once)", body = InitialPassword),
        (status = 404, description = "No such account in this jurisdiction", body = ApiError),
    )
)]
pub async fn reset_password(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(user_id): ApiPath<String>,
) -> Result<Response, AppError> {
    let acting = managed(&state, &principal, client, &user_id).await?;
    let initial_password = admin::reset_password(state.store.as_ref(), &user_id, &acting).await?;
    let body = Json(InitialPassword { user_id, initial_password });
    Ok(([(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))], body).into_response())
}

/// Sends the user a new letter with a new initial password (the old one stops working).
#[utoipa::path(
    post, path = "/admin/accounts/{user_id}/letter", tag = "admin", params(("user_id" = String, Path)),
    responses(
        (status = 202, description = "A new letter is on its way"),
        (status = 404, description = "No such account in this jurisdiction", body = ApiError),
        (status = 422, description = "The account has no contact e-mail address", body = ApiError),
    )
)]
pub async fn resend_letter(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(user_id): ApiPath<String>,
) -> Result<StatusCode, AppError> {
    let acting = managed(&state, &principal, client, &user_id).await?;
    letters::resend(state.store.as_ref(), &state.accounts, &user_id, &acting).await?;
    Ok(StatusCode::ACCEPTED)
}
