//! Wire types of maintenance stops (P-1), and the rule a new stop must meet (the app's form and the
//! server check the same).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::notices::text_problem;
use crate::error::{field_error, FieldError, FieldErrorCode};

/// The longest message a stop may show (characters).
pub const MAX_MESSAGE_CHARS: usize = 500;

/// A maintenance stop: from `starts_at` until `ends_at` (none: until a national administrator ends
/// it) the API refuses new work with 503 `maintenance`; reading stays allowed if `read_only`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaintenanceStop {
    pub id: Uuid,
    #[serde(with = "time::serde::rfc3339")]
    pub starts_at: OffsetDateTime,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub ends_at: Option<OffsetDateTime>,
    /// The operator's message to every user, e.g. what is done and until when.
    pub message: String,
    /// Whether reading (GET) stays allowed during the stop.
    pub read_only: bool,
}

impl MaintenanceStop {
    /// Whether the stop is in force at `now`.
    pub fn in_force(&self, now: OffsetDateTime) -> bool {
        self.starts_at <= now && self.ends_at.is_none_or(|end| now < end)
    }
}

/// Body of `POST /api/v1/admin/maintenance`: a stop now (no `starts_at`) or later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMaintenanceStop {
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub starts_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub ends_at: Option<OffsetDateTime>,
    pub message: String,
    #[serde(default)]
    pub read_only: bool,
}

/// `GET /api/v1/maintenance`: the stop in force, if any, and the stops scheduled, soonest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaintenanceSchedule {
    pub current: Option<MaintenanceStop>,
    pub upcoming: Vec<MaintenanceStop>,
}

impl MaintenanceSchedule {
    /// The schedule at `now` of the stops not yet over.
    pub fn at(stops: Vec<MaintenanceStop>, now: OffsetDateTime) -> Self {
        let (current, upcoming): (Vec<_>, Vec<_>) = stops.into_iter().partition(|stop| stop.in_force(now));
        Self { current: current.into_iter().next(), upcoming }
    }
}

/// Checks a new stop at `now`: a message (V-1, at most [`MAX_MESSAGE_CHARS`]), an end after its
/// start and in the future. Returns the stop as it will be kept (trimmed, starting now if no start).
pub fn check_new_stop(new: &NewMaintenanceStop, now: OffsetDateTime) -> Result<NewMaintenanceStop, Vec<FieldError>> {
    let mut errors = Vec::new();
    let message = new.message.trim();
    if let Some(code) = text_problem(message, true, MAX_MESSAGE_CHARS) {
        errors.push(field_error("message", code));
    }
    // Kept in UTC: both databases then compare the times as they are stored.
    let starts_at = new.starts_at.unwrap_or(now).max(now).to_offset(time::UtcOffset::UTC);
    let ends_at = new.ends_at.map(|end| end.to_offset(time::UtcOffset::UTC));
    if ends_at.is_some_and(|end| end <= starts_at) {
        errors.push(field_error("ends_at", FieldErrorCode::DateOrder));
    }
    if errors.is_empty() {
        Ok(NewMaintenanceStop {
            starts_at: Some(starts_at),
            ends_at,
            message: message.to_owned(),
            read_only: new.read_only,
        })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;

    fn stop(starts_in: i64, ends_in: Option<i64>, now: OffsetDateTime) -> MaintenanceStop {
        MaintenanceStop {
            id: Uuid::nil(),
            starts_at: now + Duration::minutes(starts_in),
            ends_at: ends_in.map(|minutes| now + Duration::minutes(minutes)),
            message: "更新作業".into(),
            read_only: false,
        }
    }

    #[test]
    fn a_stop_is_in_force_from_its_start_until_its_end() {
        let now = OffsetDateTime::UNIX_EPOCH + Duration::days(20_000);
        assert!(stop(0, None, now).in_force(now) && stop(-5, Some(5), now).in_force(now));
        assert!(!stop(1, None, now).in_force(now) && !stop(-5, Some(0), now).in_force(now));
        let schedule = MaintenanceSchedule::at(vec![stop(-1, Some(1), now), stop(60, Some(120), now)], now);
        assert!(schedule.current.is_some() && schedule.upcoming.len() == 1);
    }

    #[test]
    fn a_new_stop_needs_a_message_and_an_end_after_its_start() {
        let now = OffsetDateTime::UNIX_EPOCH + Duration::days(20_000);
        let new =
            NewMaintenanceStop { starts_at: None, ends_at: None, message: " 更新作業 ".into(), read_only: true };
        let checked = check_new_stop(&new, now).unwrap();
        assert_eq!((checked.starts_at, checked.message.as_str()), (Some(now), "更新作業"));
        let past_start = NewMaintenanceStop { starts_at: Some(now - Duration::hours(1)), ..new.clone() };
        assert_eq!(check_new_stop(&past_start, now).unwrap().starts_at, Some(now), "a stop never starts in the past");
        let backwards = NewMaintenanceStop { ends_at: Some(now - Duration::minutes(1)), ..new.clone() };
        assert_eq!(check_new_stop(&backwards, now).unwrap_err()[0].field, "ends_at");
        let silent = NewMaintenanceStop { message: "  ".into(), ..new };
        assert_eq!(check_new_stop(&silent, now).unwrap_err()[0].code, FieldErrorCode::Required);
    }
}
