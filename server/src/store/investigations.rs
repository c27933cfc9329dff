//! Storage of ID management (issue 19): cases with their investigation entries and contacts, health
//! observations with their reports, and the follow-up list's rows. Each write stores its audit record
//! in the same transaction, and applies only while the case or observation is in the status the
//! caller read (a closed one changes no more).

use async_trait::async_trait;
use domain::api::{
    CaseSummary, Contact, ContactOrigin, InvestigationEntry, NewContact, NewInvestigationEntry, ObservationItems,
    ObservationReport, ObservationSummary,
};
use domain::investigation::{CheckedReport, ReportChannel};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::{AreaFilter, AuditEntry, StoreError, StoreResult};

/// A case as stored, with what access decisions need (its health center's 都道府県等).
#[derive(Debug, Clone)]
pub struct StoredCase {
    pub summary: CaseSummary,
    pub prefecture_code: String,
    pub subject_name: String,
    /// The patient's birth date as notified: the second factor of the subject's link.
    pub subject_birth_date: Option<Date>,
    pub closed_reason: Option<String>,
    /// The contact (of another case) this case was.
    pub from_contact: Option<Uuid>,
    /// That contact's number and case.
    pub from_contact_of: Option<ContactOrigin>,
}

/// A case to open from an accepted notification.
#[derive(Debug, Clone)]
pub struct NewCase {
    pub id: Uuid,
    pub case_number: String,
    pub notification_id: Uuid,
    pub health_center_code: String,
    pub disease: String,
    pub subject_name: String,
    pub subject_birth_date: Option<Date>,
    pub opened_by: String,
    pub opened_at: OffsetDateTime,
    /// The listed contact this patient was: marked as having become this case.
    pub from_contact: Option<Uuid>,
    pub audit: AuditEntry,
}

/// What became of opening a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseOpening {
    Opened,
    /// The notification has its case already: this one.
    AlreadyOpen(Uuid),
    /// The contact named is no longer listed (it became a case meanwhile); nothing was stored.
    ContactTaken,
}

#[derive(Debug, Clone)]
pub struct NewCaseEntry {
    pub case_id: Uuid,
    pub entry: NewInvestigationEntry,
    pub recorded_by: String,
    pub recorded_at: OffsetDateTime,
    pub audit: AuditEntry,
}

#[derive(Debug, Clone)]
pub struct NewStoredContact {
    pub id: Uuid,
    pub case_id: Uuid,
    pub contact: NewContact,
    pub added_by: String,
    pub added_at: OffsetDateTime,
    pub audit: AuditEntry,
}

/// Closing a case, a contact or an observation with a reason.
#[derive(Debug, Clone)]
pub struct Closing {
    pub id: Uuid,
    pub reason: String,
    pub audit: AuditEntry,
}

/// An observation as stored, with its 都道府県等 (access) and its subject's birth date (the link's
/// second factor).
#[derive(Debug, Clone)]
pub struct StoredObservation {
    pub summary: ObservationSummary,
    pub prefecture_code: String,
    pub subject_birth_date: Option<Date>,
    pub last_reported_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone)]
pub struct NewObservation {
    pub id: Uuid,
    pub case_id: Uuid,
    pub contact_id: Option<Uuid>,
    pub starts_on: Date,
    pub ends_on: Date,
    pub items: ObservationItems,
    pub started_by: String,
    pub started_at: OffsetDateTime,
    pub audit: AuditEntry,
}

#[derive(Debug, Clone)]
pub struct NewReport {
    pub observation_id: Uuid,
    pub report: CheckedReport,
    pub reported_at: OffsetDateTime,
    pub channel: ReportChannel,
    /// The staff member who took it by telephone.
    pub recorded_by: Option<String>,
    pub audit: AuditEntry,
}

/// An observation running on a day, with its last report time and that day's reports.
#[derive(Debug, Clone)]
pub struct RunningObservation {
    pub observation: ObservationSummary,
    pub last_reported_at: Option<OffsetDateTime>,
    pub reports_of_the_day: Vec<ObservationReport>,
}

/// A subject's link to store: only its token's hash.
#[derive(Debug, Clone)]
pub struct NewLink {
    pub token_hash: String,
    pub observation_id: Uuid,
    pub sent_by: String,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub audit: AuditEntry,
}

/// A stored link, as the subject's requests check it.
#[derive(Debug, Clone)]
pub struct StoredLink {
    pub observation_id: Uuid,
    pub expires_at: OffsetDateTime,
    pub confirmed_at: Option<OffsetDateTime>,
    pub failed_confirmations: u32,
    pub revoked_at: Option<OffsetDateTime>,
}

#[async_trait]
pub trait InvestigationStore: Send + Sync {
    /// Opens the case (and marks the contact it was), with its audit record, in one transaction,
    /// unless the notification has its case already.
    async fn open_case(&self, case: &NewCase) -> StoreResult<CaseOpening>;
    async fn case(&self, id: Uuid) -> StoreResult<Option<StoredCase>>;
    /// The cases of the area, newest first.
    async fn cases(&self, area: &AreaFilter) -> StoreResult<Vec<CaseSummary>>;
    /// Adds the entry if the case is being investigated; `false`: it is not, nothing changed.
    async fn add_case_entry(&self, entry: &NewCaseEntry) -> StoreResult<bool>;
    async fn case_entries(&self, case_id: Uuid) -> StoreResult<Vec<InvestigationEntry>>;
    /// Lists the contact (numbered after the case's last) if the case is being investigated; `None`:
    /// it is not, nothing changed.
    async fn add_contact(&self, contact: &NewStoredContact) -> StoreResult<Option<Contact>>;
    async fn contact(&self, id: Uuid) -> StoreResult<Option<Contact>>;
    /// The contact numbered `number` (`K-…-01`).
    async fn contact_numbered(&self, number: &str) -> StoreResult<Option<Contact>>;
    /// The case's contacts in the order they were listed.
    async fn contacts(&self, case_id: Uuid) -> StoreResult<Vec<Contact>>;
    /// `false`: the case was closed already, nothing changed.
    async fn close_case(&self, closing: &Closing) -> StoreResult<bool>;
    /// `false`: the contact is no longer listed (closed, or became a case), nothing changed.
    async fn close_contact(&self, closing: &Closing) -> StoreResult<bool>;

    /// Starts the observation if its case is being investigated and its contact (if any) is still
    /// listed; `false` otherwise, nothing changed.
    async fn start_observation(&self, observation: &NewObservation) -> StoreResult<bool>;
    async fn observation(&self, id: Uuid) -> StoreResult<Option<StoredObservation>>;
    /// The observations of the case and of its contacts.
    async fn case_observations(&self, case_id: Uuid) -> StoreResult<Vec<ObservationSummary>>;
    /// Records the report if the observation runs; `false`: it was closed, nothing changed.
    async fn record_report(&self, report: &NewReport) -> StoreResult<bool>;
    /// The observation's reports, oldest first.
    async fn observation_reports(&self, id: Uuid) -> StoreResult<Vec<ObservationReport>>;
    /// `false`: the observation was closed already, nothing changed.
    async fn close_observation(&self, closing: &Closing) -> StoreResult<bool>;
    /// The observations of the area running on `day` (not closed, the day in their period).
    async fn running_observations(&self, area: &AreaFilter, day: Date) -> StoreResult<Vec<RunningObservation>>;

    /// Stores the link with its audit record.
    async fn create_link(&self, link: &NewLink) -> StoreResult<()>;
    async fn link(&self, token_hash: &str) -> StoreResult<Option<StoredLink>>;
    /// Records a confirmation with its audit record: `Some(at)` confirmed it then (kept if it was
    /// confirmed before), `None` was a wrong birth date and counts.
    async fn confirm_link(
        &self,
        token_hash: &str,
        confirmed_at: Option<OffsetDateTime>,
        audit: AuditEntry,
    ) -> StoreResult<()>;
    /// Revokes the observation's links not revoked yet, with the audit record.
    async fn revoke_links(&self, observation_id: Uuid, at: OffsetDateTime, audit: AuditEntry) -> StoreResult<()>;
}

/// A day as its column holds it (`2026-12-06`).
pub(super) fn date_column(day: Date) -> String {
    domain::dates::iso(day)
}

pub(super) fn parse_date_column(text: &str) -> StoreResult<Date> {
    domain::validation::parse_date(text).ok_or_else(|| StoreError::Corrupt(format!("date {text}")))
}

pub(super) fn to_json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|error| StoreError::Corrupt(format!("json: {error}")))
}

pub(super) fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(|error| StoreError::Corrupt(format!("json: {error}")))
}
