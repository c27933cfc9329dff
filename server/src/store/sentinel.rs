//! Sentinel surveillance (定点把握, issue 14): designations, reports with every revision, the counts
//! the tables and charts add up, and the mail outbox that carries reminders.

use async_trait::async_trait;
use domain::api::{
    Designation, Organization, ReportedCount, ReportedItem, SentinelReceipt, SentinelReport, SentinelReportDetail, Sex,
};
use domain::sentinel::{ReportKind, ReportPeriod, SentinelType};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::{AreaFilter, AuditEntry, StoreResult};

/// A site designated for a type, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesignatedSite {
    pub site: Organization,
    pub health_center: Organization,
    pub prefecture_code: String,
    pub designation: Designation,
}

/// A checked report to store under the id its device chose. `late`: received after the deadline.
#[derive(Debug, Clone)]
pub struct NewSentinelFiling {
    pub id: Uuid,
    pub institution_code: String,
    pub health_center_code: String,
    pub kind: ReportKind,
    pub period: ReportPeriod,
    pub no_patients: bool,
    pub cells: Vec<ReportedCount>,
    pub items: Vec<ReportedItem>,
    pub content_hash: String,
    pub based_on_revision: Option<u32>,
    pub filed_by: String,
    pub received_at: OffsetDateTime,
    pub late: bool,
    /// Recorded with a first report.
    pub filed_audit: AuditEntry,
    /// Recorded with a correction instead.
    pub corrected_audit: AuditEntry,
}

/// What became of a filing.
#[derive(Debug, Clone)]
pub enum FilingOutcome {
    Filed(SentinelReceipt),
    /// The id was used before: the stored filing's content hash, filer and receipt.
    IdTaken {
        content_hash: String,
        filed_by: String,
        receipt: SentinelReceipt,
    },
    /// The site's report of that kind and period exists, and the filing does not name its current
    /// revision: nothing was stored.
    AlreadyFiled(Box<SentinelReport>),
    /// A correction (`based_on_revision`) of a report that does not exist.
    NothingToCorrect,
}

/// A report with its history and the 都道府県等 of its health center (for scope decisions).
#[derive(Debug, Clone)]
pub struct StoredSentinelReport {
    pub detail: SentinelReportDetail,
    pub prefecture_code: String,
}

/// Which reports to read: one kind, periods starting from `from` to `to` (inclusive), in an area.
#[derive(Debug, Clone)]
pub struct SentinelFilter {
    pub kind: ReportKind,
    pub from: Date,
    pub to: Date,
    pub area: AreaFilter,
}

/// A report's state in a period, for due lists and the rates' denominators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodReport {
    pub report_id: Uuid,
    pub institution_code: String,
    pub health_center_code: String,
    pub period_start: Date,
    pub revision: u32,
    pub late: bool,
}

/// Cases of a disease in an age band and sex, summed over an area's current reports of a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentinelCount {
    pub health_center_code: String,
    pub period_start: Date,
    pub disease: String,
    pub age_band: String,
    pub sex: Sex,
    pub count: u64,
}

/// Cases of a disease summed over an area's current reports of a period (all ages and both sexes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiseaseTotal {
    pub health_center_code: String,
    pub period_start: Date,
    pub disease: String,
    pub cases: u64,
}

/// How many sites of a health center's area reported in a period (the rate's denominator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitesReporting {
    pub health_center_code: String,
    pub period_start: Date,
    pub sites: u32,
}

/// A mail to queue (reminders); sent by the letter worker.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    pub id: Uuid,
    pub recipient: String,
    pub subject: String,
    pub body: String,
}

/// A queued mail claimed by one worker for a while.
#[derive(Debug, Clone)]
pub struct DueMail {
    pub id: Uuid,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: u32,
}

/// An e-mail address of a site's manager (医療機関管理者, active).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteContact {
    pub institution_code: String,
    pub email: String,
}

#[async_trait]
pub trait SentinelStore: Send + Sync {
    /// Adds a designation (demo data and tests; the master import writes them in bulk). An existing
    /// one of the same institution, type and first day keeps its end.
    async fn put_designation(&self, institution_code: &str, designation: &Designation) -> StoreResult<()>;
    /// The institution's designations, oldest first.
    async fn designations(&self, institution_code: &str) -> StoreResult<Vec<Designation>>;
    /// Sites designated for `sentinel_type` on any day of `first ..= last` in `area`, by code.
    async fn designated_sites(
        &self,
        sentinel_type: SentinelType,
        first: Date,
        last: Date,
        area: &AreaFilter,
    ) -> StoreResult<Vec<DesignatedSite>>;
    /// Stores a report, or a correction naming the current revision, with its counts and audit
    /// record in one transaction; see [`FilingOutcome`] for what is refused.
    async fn file_sentinel_report(&self, filing: &NewSentinelFiling) -> StoreResult<FilingOutcome>;
    /// The report that a filing id (any revision's) belongs to.
    async fn sentinel_report(&self, filing_id: Uuid) -> StoreResult<Option<StoredSentinelReport>>;
    /// The site's reports as they stand, newest period first.
    async fn site_reports(&self, institution_code: &str) -> StoreResult<Vec<SentinelReport>>;
    /// The reports of the filter, by period and site.
    async fn period_reports(&self, filter: &SentinelFilter) -> StoreResult<Vec<PeriodReport>>;
    /// The current reports' cases of the filter (of one disease, or all).
    async fn sentinel_counts(&self, filter: &SentinelFilter, disease: Option<&str>) -> StoreResult<Vec<SentinelCount>>;
    /// How many sites reported, per health center and period of the filter (counted in SQL: a
    /// national year of weeks is too many rows to fetch one report at a time).
    async fn reporting_sites(&self, filter: &SentinelFilter) -> StoreResult<Vec<SitesReporting>>;
    /// The current reports' cases of the filter per disease (of one disease, or all).
    async fn disease_totals(&self, filter: &SentinelFilter, disease: Option<&str>) -> StoreResult<Vec<DiseaseTotal>>;
    /// E-mail addresses of the active site managers of these institutions.
    async fn site_contacts(&self, institution_codes: &[String]) -> StoreResult<Vec<SiteContact>>;
    /// Queues mails and their audit records in one transaction.
    async fn queue_mail(&self, mails: &[OutgoingMail], audit: &[AuditEntry]) -> StoreResult<()>;
    /// Claims up to `limit` queued mails due at `now` until `claimed_until`.
    async fn claim_due_mail(
        &self,
        now: OffsetDateTime,
        claimed_until: OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Vec<DueMail>>;
    async fn mail_sent(&self, id: Uuid, now: OffsetDateTime) -> StoreResult<()>;
    /// A failed try: retried at `retry_at`, or given up without one.
    async fn mail_failed(&self, id: Uuid, error: &str, retry_at: Option<OffsetDateTime>) -> StoreResult<()>;
}

/// A stored date column (`YYYY-MM-DD` text on both back ends).
pub(super) fn parse_day(text: &str) -> StoreResult<Date> {
    domain::validation::parse_date(text).ok_or_else(|| super::StoreError::Corrupt(format!("date {text}")))
}

pub(super) fn parse_period(text: &str) -> StoreResult<ReportPeriod> {
    text.parse().map_err(|_| super::StoreError::Corrupt(format!("report period {text}")))
}

pub(super) fn parse_kind(text: &str) -> StoreResult<ReportKind> {
    ReportKind::from_code(text).ok_or_else(|| super::StoreError::Corrupt(format!("report kind {text}")))
}

pub(super) fn parse_sex(text: &str) -> StoreResult<Sex> {
    match text {
        "male" => Ok(Sex::Male),
        "female" => Ok(Sex::Female),
        _ => Err(super::StoreError::Corrupt(format!("sex {text}"))),
    }
}

pub(super) fn sex_column(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "male",
        Sex::Female => "female",
    }
}

/// Counts are `INTEGER` columns; a report's cells are `u32`.
pub(super) fn count_from_column(column: i64) -> StoreResult<u32> {
    u32::try_from(column).map_err(|_| super::StoreError::Corrupt(format!("count {column} out of range")))
}
