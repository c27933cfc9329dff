//! Storage of 疑似症 reports (issue 15): filed once under the device's id, read by the institution and
//! the health center's side, and accepted or returned with a history entry.

use async_trait::async_trait;
use domain::api::{
    HistoryEntry, NotificationStatus, SyndromicContent, SyndromicReceipt, SyndromicReport, WorkflowAction,
};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{AreaFilter, AuditEntry, StoreError, StoreResult};

/// A checked, routed report to store under the id its device chose.
#[derive(Debug, Clone)]
pub struct NewSyndromicReport {
    pub id: Uuid,
    pub institution_code: String,
    pub health_center_code: String,
    pub content: SyndromicContent,
    pub content_hash: String,
    pub filed_by: String,
    pub received_at: OffsetDateTime,
    pub audit: AuditEntry,
}

/// What became of a filing.
#[derive(Debug, Clone)]
pub enum SyndromicFiling {
    Filed(SyndromicReceipt),
    /// The id was used before.
    IdTaken(super::TakenId<SyndromicReceipt>),
}

/// A stored report with the 都道府県等 of its health center (for scope decisions).
#[derive(Debug, Clone)]
pub struct StoredSyndromicReport {
    pub report: SyndromicReport,
    pub prefecture_code: String,
}

/// Whose reports a list shows; decided by `access`, applied in SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyndromicScope {
    /// The reports an institution filed.
    FiledBy(String),
    /// The reports routed to the health centers of an area.
    Area(AreaFilter),
}

/// A step of the health center (accept, return), decided by the caller from the report as it was read;
/// the store applies it only if the report is still in `from_status`, so two people acting at once
/// cannot both succeed.
#[derive(Debug, Clone)]
pub struct SyndromicStep {
    pub id: Uuid,
    pub from_status: NotificationStatus,
    pub action: WorkflowAction,
    pub to_status: NotificationStatus,
    pub actor: String,
    pub at: OffsetDateTime,
    pub comment: Option<String>,
    pub audit: AuditEntry,
}

#[async_trait]
pub trait SyndromicStore: Send + Sync {
    /// Stores the report, its receipt (the first history entry) and its audit record in one
    /// transaction, unless the id exists already.
    async fn file_syndromic_report(&self, report: &NewSyndromicReport) -> StoreResult<SyndromicFiling>;
    async fn syndromic_report(&self, id: Uuid) -> StoreResult<Option<StoredSyndromicReport>>;
    /// The reports of the scope, unordered.
    async fn syndromic_reports(&self, scope: &SyndromicScope) -> StoreResult<Vec<SyndromicReport>>;
    /// Applies the step with its history entry and audit record in one transaction; `false`: the
    /// report was no longer in the expected status, and nothing changed.
    async fn step_syndromic_report(&self, step: &SyndromicStep) -> StoreResult<bool>;
    /// Every step of the report, oldest first (the receipt first).
    async fn syndromic_history(&self, id: Uuid) -> StoreResult<Vec<HistoryEntry>>;
}

/// The content column.
pub(super) fn content_to_json(content: &SyndromicContent) -> StoreResult<String> {
    serde_json::to_string(content).map_err(|error| StoreError::Corrupt(format!("syndromic content: {error}")))
}

pub(super) fn content_from_json(text: &str) -> StoreResult<SyndromicContent> {
    serde_json::from_str(text).map_err(|error| StoreError::Corrupt(format!("syndromic content: {error}")))
}
