//! Wire types of the health-center workflow (SPEC N-5): accept, return for correction, transfer,
//! the filer's resubmission, the history of every step, and the inbox filters.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{NotificationDetail, NotificationStatus, NotificationSubmission, Organization};
use crate::error::ErrorCode;
use crate::i18n::Lang;

/// One step in a notification's life, as kept in its history.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::EnumIter,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum WorkflowAction {
    /// 受付: the first receipt of the notification.
    Received,
    /// 差し戻し: returned to the filer for correction, with a comment.
    Returned,
    /// 受理: accepted by the health center.
    Accepted,
    /// 移送: transferred to another health center, with a reason.
    Transferred,
    /// 再提出: the filer's corrected version after a return.
    Resubmitted,
    /// 取下げ: the filer withdrew a notification filed by mistake, with a reason.
    Withdrawn,
}

impl WorkflowAction {
    /// The notification's revision after this step, taken on `revision`: a resubmission makes the next
    /// one (初版 → 第2版); every other step leaves it as it was. A history entry keeps the revision the
    /// step acted on, so this is also how it names the version the step left.
    pub const fn revision_after(self, revision: u32) -> u32 {
        match self {
            Self::Resubmitted => revision + 1,
            Self::Received | Self::Returned | Self::Accepted | Self::Transferred | Self::Withdrawn => revision,
        }
    }
}

/// One entry of a notification's history (oldest first in [`NotificationDetail::history`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: OffsetDateTime,
    /// Login ID of who did it.
    pub actor: String,
    pub action: WorkflowAction,
    /// The return comment or the transfer reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The health center responsible when the step was taken.
    pub health_center: Organization,
    /// For a transfer: the health center it went to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transferred_to: Option<Organization>,
    /// The revision the step acted on (a resubmission of revision `n` creates revision `n + 1`).
    pub revision: u32,
}

/// Body of `POST /api/v1/notifications/{id}/return`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReturnRequest {
    /// What the filer should correct (required; V-1 characters; line breaks allowed).
    pub comment: String,
}

/// Body of `POST /api/v1/notifications/{id}/transfer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransferRequest {
    /// Code of the health center that takes over (another existing one).
    pub health_center_code: String,
    /// Why, e.g. the patient's residence (required; V-1 characters; line breaks allowed).
    pub reason: String,
}

/// Body of `POST /api/v1/notifications/{id}/withdraw`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WithdrawRequest {
    /// Why it was filed by mistake (required; V-1 characters; line breaks allowed).
    pub reason: String,
}

/// Body of `POST /api/v1/notifications/{id}/resubmit`: the corrected form after a return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ResubmitRequest {
    /// The revision the correction was made from: must be the current one.
    pub based_on_revision: u32,
    pub submission: NotificationSubmission,
}

/// The 409 body of a resubmission based on an old revision: the error code plus the current version,
/// so that the filer can redo the correction on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaleRevision {
    /// Always `stale_revision`.
    pub code: ErrorCode,
    pub message: String,
    pub current: NotificationDetail,
}

impl StaleRevision {
    pub fn new(current: NotificationDetail) -> Self {
        let code = ErrorCode::StaleRevision;
        Self { code, message: code.message(Lang::Ja).to_owned(), current }
    }
}

/// Query of `GET /api/v1/notifications`: every filter is optional and they combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct NotificationFilter {
    /// Catalog code of the disease, e.g. `measles`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disease: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<NotificationStatus>,
    /// First receipt on or after this date in Japan (`YYYY-MM-DD`, JST).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_from: Option<String>,
    /// First receipt on or before this date in Japan (`YYYY-MM-DD`, JST).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_to: Option<String>,
}

/// How a page of `GET /api/v1/notifications/page` is ordered; ties are broken by the receipt, newest
/// first (oldest first for [`ListOrder::Oldest`]), so that the order is total and pages neither lose
/// nor repeat a row.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::EnumIter,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ListOrder {
    /// The inbox's order (`domain::workflow::inbox_rank`): overdue, other urgent waiting, other
    /// waiting, returned, finished.
    Urgency,
    /// By receipt (the receipt number's order), newest first.
    Newest,
    /// By receipt, oldest first.
    Oldest,
    /// By state: waiting, returned, accepted, withdrawn.
    Status,
}

/// Rows per page of `GET /api/v1/notifications/page` unless `limit` says otherwise, and the most it may say.
pub const PAGE_ROWS: u32 = 50;
pub const PAGE_ROWS_MAX: u32 = 200;

/// Query of `GET /api/v1/notifications/page`: the list's filters, a search, the order and where the
/// page starts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct NotificationPageQuery {
    /// The list's filters, in the same query (documented as [`NotificationFilter`]'s parameters).
    #[serde(flatten)]
    #[cfg_attr(feature = "openapi", param(ignore))]
    pub filter: NotificationFilter,
    /// Part of a receipt number, of the filing institution's name or, for accounts that open the
    /// records (filers, health centers, supervisors with the download flag), of the patient's name or
    /// its reading; any width, either kana.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Default: `urgency` for a health center's inbox, `newest` for every other list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<ListOrder>,
    /// The previous page's `next`, for the page after it (with the same filters, search and order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
    /// Rows per page, 1 to 200 (default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationPage {
    pub rows: Vec<super::NotificationSummary>,
    /// The order the rows are in (the query's, or the list's default).
    pub order: ListOrder,
    /// Where the next page starts (its `after`); absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// The change feed's position as the page was read: `GET /notifications/changes?after=` it tells
    /// what happened since (a new notification above all), so that a list can read itself again.
    pub feed_cursor: u64,
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::WorkflowAction;

    #[test]
    fn only_a_resubmission_makes_a_new_revision() {
        for action in WorkflowAction::iter() {
            let expected = if action == WorkflowAction::Resubmitted { 2 } else { 1 };
            assert_eq!(action.revision_after(1), expected, "{action:?}");
        }
        assert_eq!(WorkflowAction::Resubmitted.revision_after(2), 3);
    }
}
