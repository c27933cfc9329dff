//! Maintenance stops (P-1): a national administrator schedules or starts a stop with a message;
//! while one is in force the API refuses new work with 503 `maintenance`, `Retry-After` and the stop
//! itself. Logging in and out, `/me`, the schedule, health checks and the stops' own routes stay
//! open (so that the stop can be ended and the message read), and reading too when the stop allows it
//! (marking a notice read included: [`reads`]).
//! Stops live in the database, so every instance keeps the same schedule; each reads it at most every
//! [`REREAD_AFTER`] (and at once after a change it made itself).

pub mod routes;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::api::MaintenanceStop;
use time::OffsetDateTime;
use tokio::sync::RwLock;

use crate::error::AppError;
use crate::AppState;

/// How long an instance trusts the schedule it read: a stop started on another instance takes
/// effect here within this time.
pub const REREAD_AFTER: Duration = Duration::from_secs(5);

/// When to try again during a stop whose end is not known.
const RETRY_OPEN_ENDED: time::Duration = time::Duration::seconds(60);

/// The schedule as this instance last read it.
#[derive(Clone, Default)]
pub struct Schedule {
    read: Arc<RwLock<Option<Read>>>,
    /// Bumped by every change made here: a read of the database begun before a change may have
    /// missed it and is not kept (else a stop just started would not take effect here for up to
    /// [`REREAD_AFTER`], while the administrator was told it had).
    changes: Arc<AtomicU64>,
}

/// The stops not over, and when they were read.
struct Read {
    at: Instant,
    stops: Vec<MaintenanceStop>,
}

impl Schedule {
    /// The stops not over, as read at most [`REREAD_AFTER`] ago.
    pub async fn stops(&self, state: &AppState) -> Result<Vec<MaintenanceStop>, AppError> {
        if let Some(read) = self.read.read().await.as_ref() {
            if read.at.elapsed() < REREAD_AFTER {
                return Ok(read.stops.clone());
            }
        }
        let changes = self.changes.load(Ordering::SeqCst);
        let stops = state.store.maintenance_stops(crate::store::now()).await?;
        let mut read = self.read.write().await;
        if self.changes.load(Ordering::SeqCst) == changes {
            *read = Some(Read { at: Instant::now(), stops: stops.clone() });
        }
        Ok(stops)
    }

    /// Forgets what was read, after a change made on this instance, and any read still under way.
    pub async fn changed(&self) {
        self.changes.fetch_add(1, Ordering::SeqCst);
        *self.read.write().await = None;
    }
}

/// Requests that go on during any stop: the way in and out, the schedule, health, the stops' routes.
pub(crate) fn always_open(method: &Method, path: &str) -> bool {
    path.starts_with("/session")
        || path == "/maintenance"
        || path.starts_with("/admin/maintenance")
        || path == "/health"
        || path == "/ready"
        || path == "/openapi.json"
        || (path == "/me" && method == Method::GET)
}

/// Whether the request goes on during `stop`.
fn passes(stop: &MaintenanceStop, method: &Method, path: &str) -> bool {
    always_open(method, path) || (stop.read_only && reads(method, path))
}

/// What a read-only stop lets through: every `GET` and `HEAD`, and marking a notice read
/// (`POST /notices/{id}/read`). That one writes, but only the reader's own record of having read,
/// as every reading of a record writes its audit record: it starts no work for anyone, and refusing
/// it would leave the notice shown as new though it was read.
fn reads(method: &Method, path: &str) -> bool {
    let marks_notice_read = || {
        path.strip_prefix("/notices/")
            .and_then(|rest| rest.strip_suffix("/read"))
            .is_some_and(|id| !id.is_empty() && !id.contains('/'))
    };
    matches!(*method, Method::GET | Method::HEAD) || (*method == Method::POST && marks_notice_read())
}

/// The 503 of a stop: `Retry-After` until its end (if known, else a minute).
pub fn refusal(stop: MaintenanceStop, now: OffsetDateTime) -> AppError {
    let retry_after = stop.ends_at.map_or(RETRY_OPEN_ENDED, |end| end - now);
    AppError::Maintenance { stop: Box::new(stop), retry_after }
}

/// The refusal of a stop in force that does not let `method` `path` (the API's, without `/api/v1`)
/// through, if there is one. If the schedule cannot be read, none: the request goes on (it would
/// meet the same database problem and answer for itself).
pub async fn stop_refusing(state: &AppState, method: &Method, path: &str) -> Option<AppError> {
    if always_open(method, path) {
        return None;
    }
    let now = crate::store::now();
    let stops = state.maintenance.stops(state).await.unwrap_or_default();
    let in_force = stops.into_iter().find(|stop| stop.in_force(now))?;
    (!passes(&in_force, method, path)).then(|| refusal(in_force, now))
}

/// The API's layer: refuses, as JSON, what a stop in force does not let through.
pub async fn refuse_during_stop(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let path = path.strip_prefix("/api/v1").unwrap_or(path);
    match stop_refusing(&state, request.method(), path).await {
        Some(refused) => refused.into_response(),
        None => next.run(request).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stop(read_only: bool) -> MaintenanceStop {
        MaintenanceStop {
            id: uuid::Uuid::nil(),
            starts_at: OffsetDateTime::UNIX_EPOCH,
            ends_at: None,
            message: "更新作業".into(),
            read_only,
        }
    }

    #[test]
    fn a_stop_lets_through_the_way_in_and_reading_only_if_it_says_so() {
        for (method, path) in [
            (Method::POST, "/session"),
            (Method::POST, "/session/code"),
            (Method::DELETE, "/session"),
            (Method::GET, "/me"),
            (Method::GET, "/maintenance"),
            (Method::POST, "/admin/maintenance/00000000-0000-0000-0000-000000000000/end"),
            (Method::GET, "/ready"),
        ] {
            assert!(passes(&stop(false), &method, path), "{method} {path}");
        }
        for (method, path) in [
            (Method::PUT, "/notifications/00000000-0000-0000-0000-000000000000"),
            (Method::GET, "/notifications"),
            (Method::PUT, "/me/password"),
            (Method::POST, "/admin/staff-accounts"),
        ] {
            assert!(!passes(&stop(false), &method, path), "{method} {path}");
        }
        assert!(passes(&stop(true), &Method::GET, "/notifications"));
        assert!(!passes(&stop(true), &Method::PUT, "/notifications/00000000-0000-0000-0000-000000000000"));
    }

    #[test]
    fn reading_a_notice_is_reading_and_nothing_else_that_posts_is() {
        let read = "/notices/00000000-0000-0000-0000-000000000000/read";
        assert!(passes(&stop(true), &Method::POST, read));
        assert!(!passes(&stop(false), &Method::POST, read), "a full stop serves no notices to read");
        for (method, path) in [
            (Method::PUT, read),
            (Method::POST, "/notices//read"),
            (Method::POST, "/notices/x/y/read"),
            (Method::POST, "/admin/notices/00000000-0000-0000-0000-000000000000/withdraw"),
            (Method::POST, "/admin/notices"),
        ] {
            assert!(!passes(&stop(true), &method, path), "{method} {path}");
        }
    }

    #[test]
    fn clients_are_told_to_come_back_at_the_end_or_in_a_minute() {
        let now = OffsetDateTime::UNIX_EPOCH + time::Duration::hours(1);
        let open = refusal(stop(false), now);
        assert!(matches!(open, AppError::Maintenance { retry_after, .. } if retry_after == RETRY_OPEN_ENDED));
        let ending = MaintenanceStop { ends_at: Some(now + time::Duration::minutes(10)), ..stop(false) };
        let until_end = refusal(ending, now);
        assert!(matches!(until_end, AppError::Maintenance { retry_after, .. } if retry_after.whole_minutes() == 10));
    }
}
