//! `GET /api/v1/notifications/changes`: the change feed through which a device learns what happened
//! to the notifications it may see (a return for correction above all) since it last asked.

use std::collections::HashMap;

use axum::extract::State;
use axum::Json;
use domain::api::{ChangeFeed, ChangeQuery, NotificationChange, NotificationSummary};
use domain::error::ApiError;
use uuid::Uuid;

use crate::access;
use crate::auth::Principal;
use crate::error::AppError;
use crate::http::extract::ApiQuery;
use crate::AppState;

/// Steps per page: enough for a device that was offline a long while, small enough to answer fast.
pub const PAGE: usize = 200;

/// The steps taken since `after` on the notifications this account may see (the same scope as the
/// list: an institution's filings for a doctor or veterinarian, the inbox for health-center staff, a
/// 都道府県等's health centers, everything for national staff), oldest first, each with the
/// notification as it is now. Carries no answers and no comments: the feed is polled in the background
/// and kept on the device, so a return's comment stays with the list and the detail.
#[utoipa::path(
    get, path = "/notifications/changes", tag = "notifications", params(ChangeQuery),
    responses(
        (status = 200, description = "The next page of the feed; `cursor` is where to continue", body = ChangeFeed),
        (status = 400, description = "`after` is not a number", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
    )
)]
pub async fn feed(
    State(state): State<AppState>,
    principal: Principal,
    ApiQuery(query): ApiQuery<ChangeQuery>,
) -> Result<Json<ChangeFeed>, AppError> {
    let Some(scope) = access::notification_scope(&principal.account) else {
        return Ok(Json(ChangeFeed { changes: Vec::new(), cursor: query.after, more: false }));
    };
    let after = i64::try_from(query.after).map_err(|_| AppError::MalformedRequest("after is too large".into()))?;
    let limit = i64::try_from(PAGE).unwrap_or(i64::MAX);
    let steps = state.store.changes(&scope, after, limit).await?;
    let mut notifications: HashMap<Uuid, NotificationSummary> = HashMap::new();
    let mut changes = Vec::with_capacity(steps.len());
    for step in steps {
        let notification = match notifications.get(&step.id) {
            Some(summary) => summary.clone(),
            None => {
                let stored = state.store.notification(step.id).await?;
                let stored = stored.ok_or_else(|| AppError::Internal(format!("step of missing {}", step.id)))?;
                let summary = NotificationSummary { return_comment: None, ..stored.summary };
                notifications.insert(step.id, summary.clone());
                summary
            }
        };
        let cursor = u64::try_from(step.seq).map_err(|_| AppError::Internal("negative step number".into()))?;
        changes.push(NotificationChange { cursor, action: step.action, at: step.at, notification });
    }
    let cursor = changes.last().map_or(query.after, |change| change.cursor);
    Ok(Json(ChangeFeed { more: changes.len() == PAGE, changes, cursor }))
}
