//! Counting notifications for the situation views (issue 16): aggregates only, never a record.

use async_trait::async_trait;
use domain::api::Organization;
use domain::situation::{DateBasis, Week, WeekCount};
use domain::weekly_report::WeeklyReport;
use uuid::Uuid;

use super::{AuditEntry, StoreResult};

/// Which notifications to count: human cases (animal reports are not cases) whose week on `basis`
/// is from `from` to `to` (inclusive), of one disease or all, in one area or everywhere. A
/// notification is counted once, in the area of the health center now responsible for it (after a
/// transfer, the new one).
#[derive(Debug, Clone)]
pub struct CountFilter {
    pub basis: DateBasis,
    pub from: Week,
    pub to: Week,
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

impl AreaFilter {
    /// The filter as two SQL parameters, the 都道府県等 and the health center (`NULL`: any), for a
    /// condition `($1 IS NULL OR prefecture_code = $1) AND ($2 IS NULL OR health_center_code = $2)`.
    pub fn parameters(&self) -> (Option<&str>, Option<&str>) {
        match self {
            Self::Everywhere => (None, None),
            Self::Jurisdiction(code) => (Some(code), None),
            Self::HealthCenter(code) => (None, Some(code)),
        }
    }

    /// Whether a health center's area lies within.
    pub fn covers(&self, area: &AreaRecord) -> bool {
        match self {
            Self::Everywhere => true,
            Self::Jurisdiction(code) => area.jurisdiction.code == *code,
            Self::HealthCenter(code) => area.health_center.code == *code,
        }
    }
}

/// A health center and its 都道府県等: an area of the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaRecord {
    pub health_center: Organization,
    pub jurisdiction: Organization,
}

/// How many notifications of a disease a health center's area has in a week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaCount {
    pub disease: String,
    pub health_center_code: String,
    pub week: Week,
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
    /// How many notifications of each disease and case group fall in each week.
    async fn week_counts(&self, filter: &CountFilter) -> StoreResult<Vec<WeekCount>>;
    /// How many notifications of each disease each health center's area has in each week (none: left
    /// out): the weekly series per disease × area that aberration detection reads, and the map's and
    /// the weekly report's figures. Reads only indexed columns (migration 0019).
    async fn area_counts(&self, filter: &CountFilter) -> StoreResult<Vec<AreaCount>>;
    /// Fills the counting columns of notifications filed before migration 0019 (once, at start);
    /// how many it filled.
    async fn fill_counting_keys(&self) -> StoreResult<u64>;
    /// Every health center with its 都道府県等, by health center code.
    async fn areas(&self) -> StoreResult<Vec<AreaRecord>>;
    /// Keeps a published report and its audit record, in one transaction.
    async fn insert_report(&self, report: &StoredReport, audit: &AuditEntry) -> StoreResult<()>;
    /// Published reports, newest week first (then newest publication): of one 都道府県等 (`Some`) or
    /// all of them and the nation's (`None`).
    async fn reports(&self, jurisdiction: Option<&str>) -> StoreResult<Vec<StoredReport>>;
    async fn report(&self, id: Uuid) -> StoreResult<Option<StoredReport>>;
}

/// The column holding the week on a basis (each indexed with disease, case group and area).
fn week_column_of(basis: DateBasis) -> &'static str {
    match basis {
        DateBasis::Report => "report_week",
        DateBasis::Onset => "onset_week",
        DateBasis::Diagnosis => "diagnosis_week",
    }
}

/// `SELECT {columns}, COUNT(*)` of the counted notifications grouped by `{columns}`, with the week on
/// the filter's basis as `week`: `$1`, `$2` first and last week, then the disease and the area when
/// the filter names them (no `$n IS NULL OR …`: a condition that is there only when it filters lets
/// each engine pick the index it serves). Public for the benchmark, which shows each engine's plan.
pub fn counting_sql(filter: &CountFilter, columns: &str) -> String {
    let week = week_column_of(filter.basis);
    // A withdrawn notification was filed by mistake: it is no case.
    let withdrawn = super::column_name(domain::api::NotificationStatus::Withdrawn);
    let mut conditions =
        vec![format!("n.animal_report IS NULL AND n.status <> '{withdrawn}' AND {week} >= $1 AND {week} <= $2")];
    let mut next = 3;
    if filter.disease.is_some() {
        conditions.push(format!("n.disease = ${next}"));
        next += 1;
    }
    match filter.area {
        AreaFilter::Everywhere => {}
        AreaFilter::Jurisdiction(_) => conditions
            .push(format!("n.health_center_code IN (SELECT code FROM health_centers WHERE prefecture_code = ${next})")),
        AreaFilter::HealthCenter(_) => conditions.push(format!("n.health_center_code = ${next}")),
    }
    format!(
        "SELECT {week} AS week, {columns}, COUNT(*) AS count FROM notifications n WHERE {} GROUP BY {week}, {columns}",
        conditions.join(" AND ")
    )
}

/// The SQL of `week_counts`: the nation's weeks read from the totals migration 0046 keeps (a few
/// rows a week instead of every notification of six years; on PostgreSQL in stripes that are added
/// up, migration 0053), an area's counted by [`counting_sql`]. The parameters are those of
/// [`counting_sql`].
pub fn week_counts_sql(filter: &CountFilter) -> String {
    match filter.area {
        AreaFilter::Everywhere => {
            let disease = if filter.disease.is_some() { " AND disease = $3" } else { "" };
            format!(
                "SELECT week, disease, case_group, CAST(SUM(count) AS BIGINT) AS count FROM notification_week_totals \
                 WHERE basis = '{}' AND week >= $1 AND week <= $2{disease} \
                 GROUP BY week, disease, case_group HAVING SUM(count) > 0",
                filter.basis.key()
            )
        }
        _ => counting_sql(filter, "n.disease, n.case_group"),
    }
}

/// A count column (`COUNT(*)`, a 64-bit integer on both back ends) as the figures carry it.
pub(super) fn count_column(count: i64) -> StoreResult<u32> {
    u32::try_from(count).map_err(|_| super::StoreError::Corrupt(format!("count {count} out of range")))
}

/// A week column as the store keeps it ([`Week::number`]).
pub(super) fn week_column(number: i32) -> StoreResult<Week> {
    Week::from_number(number).ok_or_else(|| super::StoreError::Corrupt(format!("week {number} out of range")))
}

/// A report's JSON column.
pub(super) fn report_from_json(text: &str) -> StoreResult<WeeklyReport> {
    serde_json::from_str(text).map_err(|error| super::StoreError::Corrupt(format!("weekly report: {error}")))
}

pub(super) fn report_to_json(report: &WeeklyReport) -> StoreResult<String> {
    serde_json::to_string(report).map_err(|error| super::StoreError::Corrupt(format!("weekly report: {error}")))
}
