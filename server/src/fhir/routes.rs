//! `GET /api/v1/notifications/{id}/fhir`: one notification as a FHIR R4 Bundle (docs/fhir.md).

use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use domain::error::ApiError;
use uuid::Uuid;

use super::resources::Bundle;
use crate::audit::{self, Action, Outcome};
use crate::auth::{ClientAddress, Principal};
use crate::error::AppError;
use crate::http::extract::ApiPath;
use crate::{access, AppState};

/// The notification as a FHIR R4 `collection` Bundle (Patient, Condition, Observations, Practitioner,
/// Organization; JP Core profiles; mapping in docs/fhir.md), for an account that sees it and holds the
/// 個票・CSVダウンロードフラグ. Every download, allowed or refused, is audited
/// (`export_fhir_bundle`). The same Bundle can be filed with `PUT /notifications/{id}`.
#[utoipa::path(
    get, path = "/notifications/{id}/fhir", tag = "notifications",
    params(("id" = Uuid, Path, description = "The notification's id")),
    responses(
        (status = 200, description = "The Bundle (`application/fhir+json`)", content_type = "application/fhir+json", body = Bundle),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "`download_not_permitted`: the account lacks the download flag", body = ApiError),
        (status = 404, description = "No such notification visible to this account", body = ApiError),
    )
)]
pub async fn bundle(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, AppError> {
    let account = &principal.account;
    let stored = state.store.notification(id).await?.ok_or(AppError::NotFound)?;
    let permitted = access::may_download(account, &stored);
    let outcome = if permitted.is_ok() { Outcome::Success } else { Outcome::Denied };
    let entry = audit::entry(Action::ExportFhirBundle, outcome, Some(&account.user_id), Some(id.to_string()), client);
    state.store.audit(entry).await?;
    permitted?;
    let body = serde_json::to_vec(&super::bundle::of(&stored))
        .map_err(|error| AppError::Internal(format!("FHIR bundle: {error}")))?;
    Ok(([(CONTENT_TYPE, super::MEDIA_TYPE)], body).into_response())
}
