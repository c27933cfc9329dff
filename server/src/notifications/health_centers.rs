//! `/api/v1/health-centers`: the health centers a notification can be transferred to (N-5), read-only
//! master data for the transfer screen. Names of public offices, not personal data.

use axum::extract::State;
use axum::Json;
use domain::api::Organization;
use domain::error::ApiError;

use crate::auth::Principal;
use crate::error::AppError;
use crate::AppState;

/// Every registered health center, by code: what the transfer screen offers (the server still
/// checks the chosen one on `POST /notifications/{id}/transfer`).
#[utoipa::path(
    get, path = "/health-centers", tag = "workflow",
    responses(
        (status = 200, description = "Every registered health center, ordered by code", body = [Organization]),
        (status = 401, description = "No session", body = ApiError),
    )
)]
pub async fn list_health_centers(
    State(state): State<AppState>,
    _principal: Principal,
) -> Result<Json<Vec<Organization>>, AppError> {
    Ok(Json(state.store.health_centers().await?))
}
