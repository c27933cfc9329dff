//! Storage: one interface ([`Store`]) with a SQLite and a PostgreSQL implementation, chosen at start
//! from the database URL's scheme. Everything instances must share (sessions, notifications) lives here.

mod account_queries;
mod accounts;
mod alarm_queries;
mod alarms;
mod api_token_queries;
mod api_tokens;
mod audit_view;
mod audit_view_queries;
mod identity;
mod identity_queries;
mod investigation_queries;
mod investigations;
mod mail;
mod mail_queries;
mod maintenance;
mod maintenance_queries;
mod notice_queries;
mod notices;
mod pages;
mod postgres;
mod queries;
mod request_queries;
mod requests;
mod sentinel;
mod sentinel_queries;
mod situation;
mod situation_queries;
mod sqlite;
mod syndromic;
mod syndromic_queries;

pub use accounts::*;
pub use alarms::{
    AlarmMarking, AlarmStore, AlarmWithdrawal, NewAlarm, OpenAlarm, ReceivedCase, SeriesKey, StoredAlarm,
    SyndromicSymptoms,
};
pub use api_tokens::{ApiTokenStore, NewApiToken, StoredApiToken, TokenUse};
pub use audit_view::{AuditFilter, AuditLinks, AuditViewStore};
pub use identity::*;
pub use investigations::{
    CaseOpening, Closing, InvestigationStore, NewCase, NewCaseEntry, NewLink, NewObservation, NewReport,
    NewStoredContact, RunningObservation, StoredCase, StoredLink, StoredObservation,
};
pub use mail::{DueMail, MailStore, OutgoingMail};
pub use maintenance::MaintenanceStore;
pub use notices::{NoticeStore, Reader};
pub use requests::*;
pub use sentinel::{
    DesignatedSite, DiseaseTotal, FilingOutcome, NewSentinelFiling, PeriodReport, ReminderOutcome, SentinelCount,
    SentinelFilter, SentinelStore, SiteContact, SiteReminder, SitesReporting, StoredAlert, StoredSentinelReport,
};
pub use situation::{
    counting_sql, week_counts_sql, AreaCount, AreaFilter, AreaRecord, CountFilter, SituationStore, StoredReport,
};
pub use syndromic::{
    NewSyndromicReport, StoredSyndromicReport, SyndromicFiling, SyndromicScope, SyndromicStep, SyndromicStore,
};

use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use domain::api::{
    Filer, HistoryEntry, NotificationStatus, NotificationSubmission, NotificationSummary, Organization, Receipt,
    WorkflowAction,
};
use domain::forms::Answers;
use time::OffsetDateTime;
use uuid::Uuid;

/// A failure of the database layer. Details go to the log; clients see only `internal`.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported database URL (expected sqlite:… or postgres://…): {0}")]
    UnsupportedUrl(String),
    #[error("stored value is not valid: {0}")]
    Corrupt(String),
    #[error("online backup is for SQLite; back up PostgreSQL with pg_dump (docs/architecture.md)")]
    BackupUnsupported,
    /// A write succeeded but the transaction it was written in, shared with others (SQLite's group
    /// commit), was rolled back: nothing of it is stored.
    #[error("not committed, the transaction it shared failed: {0}")]
    NotCommitted(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

impl StoreError {
    /// Whether a write failed on a unique key: a row with that key exists (perhaps written meanwhile).
    fn is_unique_violation(&self) -> bool {
        matches!(self, Self::Database(sqlx::Error::Database(error)) if error.is_unique_violation())
    }
}

/// Opens (creating and migrating as needed) the database named by `url`.
pub async fn connect(url: &str) -> StoreResult<Arc<dyn Store>> {
    let store: Arc<dyn Store> = if url.starts_with("sqlite:") {
        Arc::new(sqlite::SqliteStore::connect(url).await?)
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Arc::new(postgres::PgStore::connect(url).await?)
    } else {
        return Err(StoreError::UnsupportedUrl(url.to_owned()));
    };
    let counted = store.fill_counting_keys().await?;
    if counted > 0 {
        tracing::info!(counted, "notifications from before migration 0019 were given their counting columns");
    }
    let settled = store.settle_owed_levels().await?;
    if settled > 0 {
        tracing::info!(settled, "sentinel areas' alert levels from before migration 0031 were computed");
    }
    let searchable = store.fill_patient_search().await?;
    if searchable > 0 {
        tracing::info!(searchable, "notifications from before migration 0030 were made searchable by patient");
    }
    Ok(store)
}

/// How a back end begins a transaction that may write.
trait WriteTransactions: sqlx::Database {
    const BEGIN_WRITE: &'static str;
}

/// SQLite (WAL) lets a deferred transaction read first and fails its first write with
/// `SQLITE_BUSY` at once, without waiting for `busy_timeout`, when another connection committed
/// since that read (its snapshot is stale and cannot be upgraded). `BEGIN IMMEDIATE` takes the
/// single write lock up front, waiting for it as `busy_timeout` allows.
impl WriteTransactions for sqlx::Sqlite {
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";
}

/// PostgreSQL's row locks and the audit chainer's advisory lock are taken as needed; a plain `BEGIN`
/// suffices.
impl WriteTransactions for sqlx::Postgres {
    const BEGIN_WRITE: &'static str = "BEGIN";
}

/// Begins a transaction that may write: every transaction of the store starts here (clippy refuses
/// `Pool::begin`, see clippy.toml), so none can start as a reader on SQLite.
async fn begin_write<DB: WriteTransactions>(pool: &sqlx::Pool<DB>) -> StoreResult<sqlx::Transaction<'static, DB>> {
    Ok(pool.begin_with(DB::BEGIN_WRITE).await?)
}

/// A medical institution and the health center responsible for it.
#[derive(Debug, Clone)]
pub struct InstitutionRecord {
    pub institution: Organization,
    pub health_center: Organization,
    /// Its address and telephone as the master says (empty when the master has none).
    pub address: String,
    pub phone: String,
}

/// The address and telephone in an institution's stored particulars (JSON); empty where the master
/// gave none (institutions imported before the masters had particulars).
#[derive(Debug, Default, serde::Deserialize)]
pub(crate) struct MasterContact {
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
}

impl MasterContact {
    pub(crate) fn of(particulars: &str) -> StoreResult<Self> {
        serde_json::from_str(particulars).map_err(|e| StoreError::Corrupt(format!("institution particulars: {e}")))
    }
}

/// A validated, routed notification ready to be stored.
#[derive(Debug, Clone)]
pub struct NewNotification {
    pub id: Uuid,
    pub disease: String,
    /// For a veterinarian's report: its disease × species pair.
    pub animal_report: Option<String>,
    pub answers: Answers,
    pub content_hash: String,
    pub filed_by: String,
    /// The filer's particulars at filing time (the 発生届's doctor and institution).
    pub filer: Filer,
    pub institution_code: String,
    /// The receiving health center (routing's choice), named in the receipt.
    pub health_center: Organization,
    pub received_at: OffsetDateTime,
    pub audit: AuditEntry,
    /// The site the health center's mail about a 直ちに disease links to (`notifications::center_mail`,
    /// queued with the notification, its receipt number put in by the statement that writes both);
    /// `None` for news to nobody (the demo's history), which mails nothing.
    pub mail_site_url: Option<String>,
}

/// A stored notification with everything needed to decide who may see it.
#[derive(Debug, Clone)]
pub struct StoredNotification {
    pub summary: NotificationSummary,
    /// The 都道府県等 of the health center now responsible (`summary.health_center`).
    pub prefecture_code: String,
    pub content_hash: String,
    pub filed_by: String,
    /// `None` for notifications filed before migration 0021.
    pub filer: Option<Filer>,
    pub answers: Answers,
}

/// What happened to a submission with a device-made id.
#[derive(Debug, Clone)]
pub enum InsertOutcome {
    Created(Receipt),
    /// The id was already taken; `crate::filing` decides whether this was a retry.
    AlreadyExists(TakenId<Receipt>),
}

/// What an id a device filed under holds already: the stored content's hash, who filed it and the
/// receipt (`crate::filing` answers a retry from it).
#[derive(Debug, Clone)]
pub struct TakenId<R> {
    pub content_hash: String,
    pub filed_by: String,
    pub receipt: R,
}

/// One step of the change feed: its position, what was done, to which notification, when.
#[derive(Debug, Clone)]
pub struct StoredChange {
    pub seq: i64,
    pub id: Uuid,
    pub action: WorkflowAction,
    pub at: OffsetDateTime,
}

/// Whose notifications a list shows; decided by the access module, applied in SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotificationScope {
    FiledFromInstitution(String),
    /// Those the health center is now responsible for: routed to it and not transferred away, or
    /// transferred to it.
    RoutedToHealthCenter(String),
    /// Those the 都道府県等's health centers are now responsible for.
    HealthCentersOfPrefecture(String),
    All,
}

impl NotificationScope {
    /// Whether the notification is in the scope: the same rule as the list's SQL condition.
    pub fn contains(&self, notification: &StoredNotification) -> bool {
        match self {
            Self::FiledFromInstitution(code) => &notification.summary.institution.code == code,
            Self::RoutedToHealthCenter(code) => &notification.summary.health_center.code == code,
            Self::HealthCentersOfPrefecture(code) => &notification.prefecture_code == code,
            Self::All => true,
        }
    }
}

/// One page of a list (`GET /notifications/page`), as the handler decided it from the account and
/// its query. Filters combine with AND.
#[derive(Debug, Clone)]
pub struct PageRequest {
    pub scope: NotificationScope,
    pub disease: Option<String>,
    pub status: Option<NotificationStatus>,
    /// First receipt at or after this instant, and before `received_before`.
    pub received_from: Option<OffsetDateTime>,
    pub received_before: Option<OffsetDateTime>,
    pub search: Option<ListSearch>,
    pub order: domain::api::ListOrder,
    /// The instant the urgency order tells overdue ones at: the first page's, carried by the cursor,
    /// so that a row does not change its place between one page and the next as time passes.
    pub as_of: OffsetDateTime,
    /// Rows after this place in the order (the previous page's last row).
    pub after: Option<PagePlace>,
    pub limit: i64,
}

/// A list's search: the text matched within receipt numbers and institution names, and (folded, see
/// `domain::disease_search::fold`) within patients' names and readings, if the account may search those.
#[derive(Debug, Clone)]
pub struct ListSearch {
    pub text: String,
    pub folded: String,
    pub patients: bool,
}

/// A row's place in a page's order: its sort key (0 for the orders by receipt) and its sequence
/// number, which breaks ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PagePlace {
    pub key: i64,
    pub seq: i64,
}

/// What a list's search compares a patient by: the name and its reading, folded, one per line (so a
/// search, which has no line break, cannot match across them). Empty without either (animal reports).
pub fn patient_search_text(answers: &Answers) -> String {
    let folded = |id: &str| match answers.get(id) {
        Some(domain::forms::Answer::One(text)) => domain::disease_search::fold(text),
        _ => String::new(),
    };
    [folded("patient_name"), folded("patient_name_kana")].join("\n").trim().to_owned()
}

/// One workflow step (N-5), decided by the caller from the notification as it was read. The store
/// applies it only if the notification is still in that state (status, revision and health center),
/// so two people acting at once cannot both succeed.
#[derive(Debug, Clone)]
pub struct Transition {
    pub id: Uuid,
    pub from_status: NotificationStatus,
    pub from_revision: u32,
    pub from_health_center_code: String,
    pub action: WorkflowAction,
    pub to_status: NotificationStatus,
    pub to_revision: u32,
    pub to_health_center_code: String,
    /// A resubmission's corrected content (answers normalised); the stored content hash stays the first
    /// filing's, so a retry of the original `PUT` still gets its receipt.
    pub resubmission: Option<NotificationSubmission>,
    pub actor: String,
    pub at: OffsetDateTime,
    /// The return comment, transfer reason or withdrawal's reason.
    pub comment: Option<String>,
    pub audit: AuditEntry,
    /// Telling the filer about the step, queued with it.
    pub filer_mail: Option<FilerMail>,
}

/// A mail about a notification, whose recipient the store looks up as it queues it: the account that
/// filed it (`filed_by`), at its contact address or else its login e-mail, or the health center's
/// address from the master (a 直ちに disease's new notification). Without an address there is no mail
/// (the app's own notice and the inbox remain).
#[derive(Debug, Clone)]
pub struct FilerMail {
    pub id: Uuid,
    pub subject: String,
    pub body: String,
}

/// One audit record (P-2): who did what to what, from where, with which outcome.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub at: OffsetDateTime,
    pub actor: Option<String>,
    pub action: &'static str,
    pub target: Option<String>,
    pub client_address: Option<String>,
    pub outcome: &'static str,
}

/// Everything todoke stores; [`IdentityStore`] holds accounts, sessions and codes, [`AccountStore`]
/// the masters, issuance and letters, [`RequestStore`] the user managers' requests, [`SituationStore`]
/// the counts of the situation views, [`SentinelStore`] the sentinel reports, [`AlarmStore`] the
/// aberration alarms, [`SyndromicStore`] the 疑似症 reports, [`InvestigationStore`] the cases, contacts
/// and health observations (ID管理), [`MailStore`] the mail outbox,
/// [`ApiTokenStore`] the personal API tokens, [`AuditViewStore`] the audit viewer's reads,
/// [`MaintenanceStore`] the maintenance stops, [`NoticeStore`] the notices.
#[async_trait]
pub trait Store:
    IdentityStore
    + AccountStore
    + RequestStore
    + SituationStore
    + SentinelStore
    + AlarmStore
    + SyndromicStore
    + InvestigationStore
    + MailStore
    + ApiTokenStore
    + AuditViewStore
    + MaintenanceStore
    + NoticeStore
{
    async fn put_prefecture(&self, code: &str, name: &str) -> StoreResult<()>;
    async fn put_health_center(&self, code: &str, name: &str, prefecture_code: &str) -> StoreResult<()>;
    /// The address a health center's alarm mails go to (`None`: it gets none).
    async fn set_health_center_email(&self, code: &str, email: Option<&str>) -> StoreResult<()>;
    /// Creates or updates an institution with its particulars (demo data).
    async fn put_institution(
        &self,
        code: &str,
        health_center_code: &str,
        class: domain::api::AccountClass,
        particulars: &domain::api::InstitutionParticulars,
    ) -> StoreResult<()>;

    async fn institution(&self, code: &str) -> StoreResult<Option<InstitutionRecord>>;
    /// Stores the notification, its receipt number and its audit record in one transaction,
    /// unless the id exists already.
    async fn insert_notification(&self, notification: NewNotification) -> StoreResult<InsertOutcome>;
    async fn notification(&self, id: Uuid) -> StoreResult<Option<StoredNotification>>;
    /// Newest first, with their answers (for exports).
    async fn notifications(&self, scope: &NotificationScope) -> StoreResult<Vec<StoredNotification>>;
    /// At most `request.limit` notifications in the request's order, each with its place in it.
    async fn notification_page(&self, request: &PageRequest) -> StoreResult<Vec<(StoredNotification, PagePlace)>>;
    /// Fills the patient search text of notifications filed before migration 0030 (once, at start);
    /// how many it filled.
    async fn fill_patient_search(&self) -> StoreResult<u64>;
    /// Applies the step with its history entry and audit record in one transaction. `false`: the
    /// notification was no longer in the expected state, and nothing changed.
    async fn transition(&self, transition: Transition) -> StoreResult<bool>;
    /// Every step of the notification, oldest first.
    async fn history(&self, id: Uuid) -> StoreResult<Vec<HistoryEntry>>;
    /// The answers of an earlier version, kept when a resubmission replaced it (since migration 0039).
    async fn revision_answers(&self, id: Uuid, revision: u32) -> StoreResult<Option<Answers>>;
    /// The position of the latest step of any notification (0: none yet): where the change feed is now.
    async fn latest_change(&self) -> StoreResult<i64>;
    /// At most `limit` steps after position `after` on the notifications of `scope`, oldest first.
    async fn changes(&self, scope: &NotificationScope, after: i64, limit: i64) -> StoreResult<Vec<StoredChange>>;
    async fn health_center(&self, code: &str) -> StoreResult<Option<Organization>>;
    /// Every health center, ordered by code.
    async fn health_centers(&self) -> StoreResult<Vec<Organization>>;
    /// Every 都道府県等 (prefectures and cities with a health center), ordered by code.
    async fn prefectures(&self) -> StoreResult<Vec<Organization>>;

    /// Appends an audit record (unchained: see [`crate::audit`]).
    async fn audit(&self, entry: AuditEntry) -> StoreResult<()>;
    /// Several audit records in one transaction: all or none.
    async fn audit_all(&self, entries: Vec<AuditEntry>) -> StoreResult<()>;
    /// Up to `limit` chained audit records after chain position `after_position`, in chain order,
    /// for verification.
    async fn audit_records(&self, after_position: i64, limit: i64) -> StoreResult<Vec<crate::audit::ChainedRecord>>;
    /// How many audit records wait for the chainer.
    async fn unchained_audit_records(&self) -> StoreResult<u64>;
    /// The chainer's step: links up to `limit` unchained records, oldest first, to the chain's head
    /// and returns how many. One chainer at a time across connections and processes (PostgreSQL: an
    /// advisory lock; SQLite: the single write lock), so the chain stays linear. Records from before
    /// migration 0006 are chained by it too.
    async fn chain_audit_records(&self, limit: i64) -> StoreResult<u64>;

    /// Readiness: the database answers.
    async fn ping(&self) -> StoreResult<()>;
    /// A consistent copy of the live database into a new file (SQLite only).
    async fn backup(&self, destination: &Path) -> StoreResult<()>;
}

/// The current time at the precision both databases keep (microseconds), so that a value read back
/// equals the value written and a repeated receipt is identical to the first.
pub fn now() -> OffsetDateTime {
    to_microseconds(OffsetDateTime::now_utc())
}

/// `at` cut to the precision both databases keep; audit records are hashed at it, so that a record
/// read back hashes as it did when written.
pub fn to_microseconds(at: OffsetDateTime) -> OffsetDateTime {
    at.replace_nanosecond(at.nanosecond() / 1_000 * 1_000).unwrap_or(at)
}

/// 受付番号: the receipt date in Japan and a sequence number that no other notification shares.
pub fn receipt_number(received_at: OffsetDateTime, seq: i64) -> String {
    format!("{}{seq:06}", receipt_date_part(received_at))
}

/// A 受付番号's date part with its `-` (`YYYYMMDD-`): [`receipt_number`] without the sequence number.
pub(crate) fn receipt_date_part(received_at: OffsetDateTime) -> String {
    let date = domain::jst::date_in_japan(received_at);
    format!("{:04}{:02}{:02}-", date.year(), u8::from(date.month()), date.day())
}

/// Where a text written with a new notification (the health center's mail) names its receipt number,
/// which the statement that writes both gives: the statement puts the number in its place.
pub(crate) const RECEIPT_NUMBER_SLOT: &str = "{受付番号}";

/// [`receipt_number`]'s sequence part in SQL (both back ends) of the column `seq`: six digits or more,
/// zero-padded, so that a receipt number can be written by the statement that takes its `seq`.
pub(crate) const RECEIPT_SEQ_SQL: &str =
    "CASE WHEN seq < 1000000 THEN substr(CAST(1000000 + seq AS TEXT), 2) ELSE CAST(seq AS TEXT) END";

/// Whether `text` is a whole 受付番号 as [`receipt_number`] writes it (the date, `-`, six or more digits):
/// a search for one looks it up by the column's unique index instead of reading the scope for a part.
pub fn is_whole_receipt_number(text: &str) -> bool {
    let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    text.split_once('-')
        .is_some_and(|(date, seq)| date.len() == 8 && all_digits(date) && seq.len() >= 6 && all_digits(seq))
}

/// Whether `text` is part of a 受付番号 that a trigram index can look up: three or more characters, each
/// a digit or `-`. No institution's name or patient's name is made of these alone, so such a search
/// looks at receipt numbers only (from the index, migration 0049) instead of reading the scope.
pub fn is_receipt_number_part(text: &str) -> bool {
    text.len() >= 3 && text.bytes().all(|byte| byte.is_ascii_digit() || byte == b'-')
}

/// The column value of an enum (a status, a role, a method …): its name, written once on the enum
/// (`strum`, the same snake_case as its JSON), so the store never spells it again.
pub(crate) fn column_name<T: Into<&'static str>>(value: T) -> &'static str {
    value.into()
}

/// An enum read back from its column; a name the enum does not know is a corrupt row.
pub(crate) fn parse_column<T: std::str::FromStr>(name: &str) -> StoreResult<T> {
    let kind = std::any::type_name::<T>().rsplit("::").next().unwrap_or_default();
    name.parse().map_err(|_| StoreError::Corrupt(format!("unknown {kind} {name}")))
}

/// Revisions are `INTEGER` columns on both back ends.
fn revision_column(revision: u32) -> StoreResult<i32> {
    i32::try_from(revision).map_err(|_| StoreError::Corrupt(format!("revision {revision} out of range")))
}

fn parse_revision(column: i32) -> StoreResult<u32> {
    u32::try_from(column).map_err(|_| StoreError::Corrupt(format!("revision {column} out of range")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn receipt_numbers_use_the_date_in_japan() {
        assert_eq!(receipt_number(datetime!(2026-11-24 16:30 UTC), 42), "20261125-000042");
        assert_eq!(receipt_number(datetime!(2026-11-24 14:59 UTC), 1234567), "20261124-1234567");
    }

    #[test]
    fn a_whole_receipt_number_is_told_from_a_part() {
        assert!(is_whole_receipt_number(&receipt_number(datetime!(2026-11-24 16:30 UTC), 42)));
        assert!(is_whole_receipt_number("20261124-1234567"));
        for part in ["20261124-", "20261124-00004", "2026112-000042", "000042", "20261124-00004x", "２0261124-000042"]
        {
            assert!(!is_whole_receipt_number(part), "{part}");
        }
    }

    #[test]
    fn a_part_of_a_receipt_number_is_three_digits_or_hyphens() {
        for part in ["1125-0000", "000042", "-00", "123"] {
            assert!(is_receipt_number_part(part), "{part}");
        }
        for other in ["12", "", "第1病院", "12a", "１２３", "1 2"] {
            assert!(!is_receipt_number_part(other), "{other}");
        }
    }

    use strum::IntoEnumIterator;

    /// Every value of `T` reads back from its column name, which is also its JSON name (wire and
    /// database agree), and a name it does not know is refused.
    fn round_trips<T>()
    where
        T: strum::IntoEnumIterator
            + Into<&'static str>
            + std::str::FromStr
            + serde::Serialize
            + PartialEq
            + Copy
            + std::fmt::Debug,
    {
        for value in T::iter() {
            let name = column_name(value);
            assert_eq!(parse_column::<T>(name).ok(), Some(value));
            assert_eq!(serde_json::to_value(value).ok(), Some(serde_json::Value::String(name.to_owned())));
        }
        assert!(parse_column::<T>("lost").is_err());
    }

    #[test]
    fn enums_round_trip_through_their_column_names() {
        round_trips::<NotificationStatus>();
        round_trips::<WorkflowAction>();
        round_trips::<domain::api::Role>();
        round_trips::<domain::api::SecondFactorMethod>();
        round_trips::<domain::api::PasswordChangeReason>();
        round_trips::<domain::api::RequestState>();
        round_trips::<domain::api::LetterState>();
        round_trips::<domain::application::AccountClass>();
        round_trips::<domain::alarms::AlarmStatus>();
        round_trips::<domain::alarms::SeriesSource>();
        for status in AccountStatus::iter() {
            assert_eq!(parse_column::<AccountStatus>(column_name(status)).ok(), Some(status));
        }
        for source in accounts::InstitutionSource::iter() {
            assert_eq!(parse_column::<accounts::InstitutionSource>(column_name(source)).ok(), Some(source));
        }
        for purpose in CodePurpose::iter() {
            assert_eq!(parse_column::<CodePurpose>(column_name(purpose)).ok(), Some(purpose));
        }
    }

    #[test]
    fn column_names_stay_what_existing_databases_hold() {
        assert_eq!(column_name(domain::api::Role::HealthCenterStaff), "health_center_staff");
        assert_eq!(column_name(CodePurpose::FactorChange), "factor_change");
        assert_eq!(column_name(domain::application::AccountClass::Notifiable), "notifiable");
        assert_eq!(column_name(WorkflowAction::Resubmitted), "resubmitted");
        assert_eq!(column_name(accounts::InstitutionSource::Master), "master");
        assert_eq!(column_name(accounts::InstitutionSource::Registered), "registered");
        assert_eq!(column_name(domain::api::LetterState::Pending), "pending");
        assert!(revision_column(u32::MAX).is_err() && parse_revision(-1).is_err());
    }
}
