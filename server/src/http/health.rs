//! Liveness and readiness for load balancers and orchestrators: `/health` says the process answers,
//! `/ready` that it can also reach its database.

use axum::extract::State;
use axum::Json;
use domain::error::ApiError;
use serde::Serialize;

use crate::error::AppError;
use crate::AppState;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ServiceStatus {
    /// Always `ok` when the status is 200.
    pub status: &'static str,
}

/// Liveness: the server process answers (no database access).
#[utoipa::path(get, path = "/health", tag = "operations", security(()),
    responses((status = 200, description = "The process is up", body = ServiceStatus)))]
pub async fn health() -> Json<ServiceStatus> {
    Json(ServiceStatus { status: "ok" })
}

/// Readiness: the database answers a query, so requests can be served.
#[utoipa::path(get, path = "/ready", tag = "operations", security(()), responses(
    (status = 200, description = "Ready to serve", body = ServiceStatus),
    (status = 503, description = "The database cannot be reached", body = ApiError),
))]
pub async fn ready(State(state): State<AppState>) -> Result<Json<ServiceStatus>, AppError> {
    state.store.ping().await.map_err(|error| AppError::Unavailable(error.to_string()))?;
    Ok(Json(ServiceStatus { status: "ok" }))
}
