//! Counting notifications for the situation views (issue 16): aggregates only, never a record.

use async_trait::async_trait;
use domain::api::Organization;
use domain::situation::{DateBasis, DayCount};
use domain::weekly_report::WeeklyReport;
use time::Date;
use uuid::Uuid;

use super::{AuditEntry, StoreResult};

/// Which notifications to count: human cases (animal reports are not cases) dated from `from` to
/// `to` (inclusive) on `basis`, of one disease or all, in one area or everywhere. A notification is
/// counted once, in the area of the health center now responsible for it (after a transfer, the new one).
#[derive(Debug, Clone)]
pub struct CountFilter {
    pub basis: DateBasis,
    pub from: Date,
    pub to: Date,
    pub disease: Option<String>,
    pub area: AreaFilter,
}

/// Where the counted notifications are now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AreaFilter {
    Everywhere,
    /// The health centers of a 都道府県等.
    Jurisdiction(String),
    HealthCenter(String),
}

/// A health center and its 都道府県等: an area of the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaRecord {
    pub health_center: Organization,
    pub jurisdiction: Organization,
}

/// How many notifications of a disease a health center's area has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaCount {
    pub disease: String,
    pub health_center_code: String,
    pub count: u32,
}

/// A weekly report as published, with its audit record. `jurisdiction_code` is `None` for the
/// nation's.
#[derive(Debug, Clone)]
pub struct StoredReport {
    pub id: Uuid,
    pub jurisdiction_code: Option<String>,
    pub report: WeeklyReport,
}

#[async_trait]
pub trait SituationStore: Send + Sync {
    /// How many notifications of each disease and 類型 fall on each day.
    async fn day_counts(&self, filter: &CountFilter) -> StoreResult<Vec<DayCount>>;
    /// How many notifications of each disease each health center's area has (none: left out).
    async fn area_counts(&self, filter: &CountFilter) -> StoreResult<Vec<AreaCount>>;
    /// Every health center with its 都道府県等, by health center code.
    async fn areas(&self) -> StoreResult<Vec<AreaRecord>>;
    /// Keeps a published report and its audit record, in one transaction.
    async fn insert_report(&self, report: &StoredReport, audit: &AuditEntry) -> StoreResult<()>;
    /// Published reports, newest week first (then newest publication): of one 都道府県等 (`Some`) or
    /// all of them and the nation's (`None`).
    async fn reports(&self, jurisdiction: Option<&str>) -> StoreResult<Vec<StoredReport>>;
    async fn report(&self, id: Uuid) -> StoreResult<Option<StoredReport>>;
}

/// A count column (`COUNT(*)`, a 64-bit integer on both back ends) as the figures carry it.
pub(super) fn count_column(count: i64) -> StoreResult<u32> {
    u32::try_from(count).map_err(|_| super::StoreError::Corrupt(format!("count {count} out of range")))
}

/// A report's JSON column.
pub(super) fn report_from_json(text: &str) -> StoreResult<WeeklyReport> {
    serde_json::from_str(text).map_err(|error| super::StoreError::Corrupt(format!("weekly report: {error}")))
}

pub(super) fn report_to_json(report: &WeeklyReport) -> StoreResult<String> {
    serde_json::to_string(report).map_err(|error| super::StoreError::Corrupt(format!("weekly report: {error}")))
}
