//! Storage of aberration alarms (issue 15): the alarms the detection run raises (one per series,
//! week and method, whatever the number of runs) with the mails that tell health centers of new ones
//! (queued in the general mail outbox), their markings, and the runs themselves (which week ran, and
//! since when data is late).

use async_trait::async_trait;
use domain::alarms::{AlarmStatus, SeriesSource};
use domain::api::{AlarmHistoryEntry, AlarmSummary};
use domain::situation::Week;
use domain::syndromic::SymptomGroup;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::{AreaFilter, AuditEntry, StoreError, StoreResult};

/// A series: one source's weekly counts of a disease in a health center's area.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SeriesKey {
    pub disease: String,
    pub health_center_code: String,
    pub source: SeriesSource,
}

/// An alarm as the run found it.
#[derive(Debug, Clone)]
pub struct NewAlarm {
    pub id: Uuid,
    pub series: SeriesKey,
    pub week: Week,
    pub method: aberration::Method,
    pub observed: u32,
    pub upperbound: f64,
    pub detected_at: OffsetDateTime,
}

/// A stored alarm with the method and parameters it was computed with.
#[derive(Debug, Clone)]
pub struct StoredAlarm {
    pub summary: AlarmSummary,
    pub parameters: aberration::Method,
}

impl StoredAlarm {
    pub fn series(&self) -> SeriesKey {
        SeriesKey {
            disease: self.summary.disease.clone(),
            health_center_code: self.summary.health_center.code.clone(),
            source: self.summary.source,
        }
    }
}

/// A marking, decided by the caller from the alarm as it was read; the store applies it only if the
/// alarm is still at that status and revision, so two people marking at once cannot both succeed.
#[derive(Debug, Clone)]
pub struct AlarmMarking {
    pub id: Uuid,
    pub from_status: AlarmStatus,
    pub from_revision: u32,
    pub to_status: AlarmStatus,
    pub actor: String,
    pub at: OffsetDateTime,
    pub comment: String,
    pub audit: AuditEntry,
}

/// An open alarm, as the run compares it with its week evaluated again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenAlarm {
    pub id: Uuid,
    pub series: SeriesKey,
    pub week: Week,
    /// The method's name (`farrington`, `ears-c2`, …): one alarm per series, week and name.
    pub method: String,
}

/// The run's withdrawal of an open alarm whose week, evaluated again, no longer exceeds the bound or
/// is watched by another method now.
#[derive(Debug, Clone)]
pub struct AlarmWithdrawal {
    pub id: Uuid,
    pub at: OffsetDateTime,
    /// What the week counts now and the bound, for the history.
    pub comment: String,
    pub audit: AuditEntry,
}

/// A human case received after a moment, with its weeks: the late data of a detection pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedCase {
    pub disease: String,
    pub health_center_code: String,
    pub onset: Option<Week>,
    pub diagnosis: Option<Week>,
}

impl ReceivedCase {
    /// The week that places the case on a series of `source`.
    pub fn week(&self, source: SeriesSource) -> Option<Week> {
        match source {
            SeriesSource::NotificationsByOnset => self.onset,
            SeriesSource::NotificationsByDiagnosis => self.diagnosis,
            SeriesSource::SentinelReports | SeriesSource::SyndromicReports => None,
        }
    }
}

#[async_trait]
pub trait AlarmStore: Send + Sync {
    /// Stores the alarms not stored yet (same series, week and method) and reopens those the run had
    /// withdrawn (with the new count and bound, a history row without actor and an audit record),
    /// each with a mail to its health center's address when it has one (queued in the mail outbox,
    /// linking the alarm at `site_url`), in one transaction; returns the ids of those stored or
    /// reopened now (a reopened alarm keeps its id).
    async fn insert_alarms(&self, alarms: &[NewAlarm], site_url: &str) -> StoreResult<Vec<Uuid>>;
    /// The open alarms of the weeks from `first` on.
    async fn open_alarms(&self, first: Week) -> StoreResult<Vec<OpenAlarm>>;
    /// Withdraws those of the alarms that are still open, each with its history row (no actor), audit
    /// record and a mail to the address its alarm mail went to (linking it at `site_url`), in one
    /// transaction; returns the ids withdrawn.
    async fn withdraw_alarms(&self, withdrawals: &[AlarmWithdrawal], site_url: &str) -> StoreResult<Vec<Uuid>>;
    /// The alarms of the areas in `area`, unordered.
    async fn alarms(&self, area: &AreaFilter) -> StoreResult<Vec<AlarmSummary>>;
    async fn alarm(&self, id: Uuid) -> StoreResult<Option<StoredAlarm>>;
    /// How many alarms of the areas in `area` are open (not yet marked).
    async fn open_alarm_count(&self, area: &AreaFilter) -> StoreResult<u64>;
    /// The weeks with an alarm of `method` on the series (withdrawn ones left out).
    async fn alarm_weeks(&self, series: &SeriesKey, method: &str) -> StoreResult<Vec<Week>>;
    /// Applies the marking with its history row and audit record in one transaction; `false`: the
    /// alarm was no longer at the expected status and revision, and nothing changed.
    async fn mark_alarm(&self, marking: &AlarmMarking) -> StoreResult<bool>;
    /// The markings of the alarm, oldest first.
    async fn alarm_history(&self, id: Uuid) -> StoreResult<Vec<AlarmHistoryEntry>>;

    /// Whether a run has evaluated `week` for every series.
    async fn week_detected(&self, week: Week) -> StoreResult<bool>;
    /// When the latest run started.
    async fn last_detection_start(&self) -> StoreResult<Option<OffsetDateTime>>;
    /// Records a run that started at `started_at`, for every series of `week` (or late data only).
    async fn record_detection(&self, week: Option<Week>, started_at: OffsetDateTime) -> StoreResult<()>;
    /// The human cases received at or after `since`, with their onset and diagnosis weeks.
    async fn received_since(&self, since: OffsetDateTime) -> StoreResult<Vec<ReceivedCase>>;
    /// The health centers and weeks of the weekly sentinel reports (`domain::alarms::SENTINEL_KINDS`)
    /// filed or corrected since `since`: the late data of the sentinel series.
    async fn sentinel_weeks_filed_since(&self, since: OffsetDateTime) -> StoreResult<Vec<(String, Week)>>;
    /// The health centers whose 全数 notifications were withdrawn (取下げ), transferred (the one it left
    /// and the one it went to) or resubmitted since `since`: a count there may have dropped or moved
    /// to another week or disease, which a resubmission's stored columns no longer tell.
    async fn notification_areas_changed_since(&self, since: OffsetDateTime) -> StoreResult<Vec<String>>;
    /// The health centers and weeks of diagnosis of the 疑似症 reports received or returned since
    /// `since` (a return takes a patient off the series).
    async fn syndromic_weeks_changed_since(&self, since: OffsetDateTime) -> StoreResult<Vec<(String, Week)>>;
    /// The 疑似症 reports of the health-center areas `area` names diagnosed from `first` to `last`: each
    /// one's health center, day of diagnosis and symptom groups; returned reports (not of the
    /// definition) are left out.
    async fn syndromic_symptoms(
        &self,
        area: &AreaFilter,
        first: Date,
        last: Date,
    ) -> StoreResult<Vec<SyndromicSymptoms>>;
}

/// A 疑似症 report as the detection counts it: its health center, day of diagnosis and symptom groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyndromicSymptoms {
    pub health_center_code: String,
    pub diagnosed_on: Date,
    pub groups: Vec<SymptomGroup>,
}

/// The parameters column.
pub(super) fn method_to_json(method: &aberration::Method) -> StoreResult<String> {
    serde_json::to_string(method).map_err(|error| StoreError::Corrupt(format!("alarm parameters: {error}")))
}

pub(super) fn method_from_json(text: &str) -> StoreResult<aberration::Method> {
    serde_json::from_str(text).map_err(|error| StoreError::Corrupt(format!("alarm parameters: {error}")))
}

/// A week read back from its two integer columns.
pub(super) fn week_columns(year: i32, week: i32) -> StoreResult<Week> {
    u8::try_from(week)
        .ok()
        .map(|week| Week { year, week })
        .filter(|week| week.monday().is_some())
        .ok_or_else(|| StoreError::Corrupt(format!("no week {week} in {year}")))
}
