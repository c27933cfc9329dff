//! `/maintenance` (anyone, logged in or not: the app shows the message even on its login page) and
//! `/admin/maintenance…` (the national administrator schedules, starts and ends stops).

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::api::{MaintenanceSchedule, MaintenanceStop, NewMaintenanceStop};
use domain::error::ApiError;
use uuid::Uuid;

use crate::audit::{self, Action, Outcome};
use crate::auth::session::{ClientAddress, Principal};
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath};
use crate::{access, store, AppState};

/// The stop in force, if any, and the stops scheduled.
#[utoipa::path(
    get, path = "/maintenance", tag = "operations", security(()),
    responses((status = 200, description = "The schedule", body = MaintenanceSchedule))
)]
pub async fn schedule(State(state): State<AppState>) -> Result<Json<MaintenanceSchedule>, AppError> {
    let stops = state.store.maintenance_stops(store::now()).await?;
    Ok(Json(MaintenanceSchedule::at(stops, store::now())))
}

/// Schedules a stop, or starts one now (no `starts_at`): until it ends the API refuses new work
/// with 503 `maintenance`.
#[utoipa::path(
    post, path = "/admin/maintenance", tag = "operations", request_body = NewMaintenanceStop,
    responses(
        (status = 201, description = "Scheduled (or in force, if it starts now)", body = MaintenanceStop),
        (status = 403, description = "Not the national administrator", body = ApiError),
        (status = 422, description = "No message, or an end before the start", body = ApiError),
    )
)]
pub async fn start(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiJson(new): ApiJson<NewMaintenanceStop>,
) -> Result<(StatusCode, Json<MaintenanceStop>), AppError> {
    access::operates_the_system(&principal.account)?;
    let now = store::now();
    let checked = domain::api::check_new_stop(&new, now).map_err(AppError::Validation)?;
    let stop = MaintenanceStop {
        id: Uuid::new_v4(),
        starts_at: checked.starts_at.unwrap_or(now),
        ends_at: checked.ends_at,
        message: checked.message,
        read_only: checked.read_only,
    };
    let actor = Some(principal.account.user_id.as_str());
    let entry = audit::entry(Action::ScheduleMaintenance, Outcome::Success, actor, Some(stop.id.to_string()), client);
    state.store.insert_maintenance_stop(&stop, &principal.account.user_id, &entry).await?;
    state.maintenance.changed().await;
    Ok((StatusCode::CREATED, Json(stop)))
}

/// Ends a stop now (a scheduled one is called off): new work is accepted again.
#[utoipa::path(
    post, path = "/admin/maintenance/{id}/end", tag = "operations", params(("id" = Uuid, Path)),
    responses(
        (status = 204, description = "Ended"),
        (status = 403, description = "Not the national administrator", body = ApiError),
        (status = 404, description = "No such stop, or it is over", body = ApiError),
    )
)]
pub async fn end(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, AppError> {
    access::operates_the_system(&principal.account)?;
    let actor = Some(principal.account.user_id.as_str());
    let entry = audit::entry(Action::EndMaintenance, Outcome::Success, actor, Some(id.to_string()), client);
    if !state.store.end_maintenance_stop(id, store::now(), &entry).await? {
        return Err(AppError::NotFound);
    }
    state.maintenance.changed().await;
    Ok(StatusCode::NO_CONTENT)
}
