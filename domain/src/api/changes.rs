//! The change feed (`GET /notifications/changes`): the steps taken on the notifications an account
//! may see since a cursor, so that a device learns of returns for correction without listing everything.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{NotificationSummary, WorkflowAction};

/// Query of the change feed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ChangeQuery {
    /// The `cursor` of the previous answer; absent or 0 for everything from the start.
    #[serde(default)]
    pub after: u64,
}

/// One step taken on a notification, with the notification as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationChange {
    /// Position of this step in the feed; increases with every step taken anywhere.
    pub cursor: u64,
    pub action: WorkflowAction,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: OffsetDateTime,
    /// The notification now (its status may be later than this step's).
    pub notification: NotificationSummary,
}

/// One page of the change feed, oldest step first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeFeed {
    pub changes: Vec<NotificationChange>,
    /// Where the next call continues (`after`); the same as asked when nothing happened.
    pub cursor: u64,
    /// More steps wait after this page: ask again at once.
    pub more: bool,
}
