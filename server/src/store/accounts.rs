//! Storage of account administration: the masters and their history, institutions registered
//! by a sysadmin, bulk issuance with its one-time password file and account letters.

use async_trait::async_trait;
use domain::api::{AccountChange, AccountClass, LetterStatus, ManagedAccount, MasterKind, Organization, Role};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{AuditEntry, FactorSetting, StoreResult};

/// Where an institution row came from: a master import, or registered by a sysadmin because the
/// master lacks it (its code is then todoke's own, counted from these rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::EnumIter)]
#[strum(serialize_all = "snake_case")]
pub enum InstitutionSource {
    Master,
    Registered,
}

/// One entry of a master as stored and compared on re-import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MasterEntry {
    pub code: String,
    pub name: String,
    /// The 都道府県等 of a health center; the health center of an institution.
    pub parent_code: String,
    /// The institution's class; `None` for a health center.
    pub class: Option<AccountClass>,
    /// The other particulars as JSON (for a health center: its 都道府県等's name).
    pub particulars: String,
}

/// A master import, decided by the caller: the entries to write (new or changed), the versions they
/// replace (kept in the history), the counts and the audit record. Applied in one transaction.
#[derive(Debug, Clone)]
pub struct MasterImport {
    pub id: Uuid,
    pub kind: MasterKind,
    pub at: OffsetDateTime,
    pub actor: Option<String>,
    /// 都道府県等 (code, name) named by a health-center master.
    pub prefectures: Vec<(String, String)>,
    pub upserts: Vec<MasterEntry>,
    pub replaced: Vec<MasterEntry>,
    pub created: u32,
    pub unchanged: u32,
    pub audit: AuditEntry,
}

/// An institution with the 都道府県等 whose jurisdiction it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstitutionEntry {
    pub institution: Organization,
    pub class: AccountClass,
    pub health_center_code: String,
    pub prefecture_code: String,
    /// The institution whose user manager asks for this one's staff: itself, or the institution
    /// whose request it was registered for (A-5 with A-6).
    pub manager_institution: String,
}

/// Someone who has an account at an institution (for "one account per person", A-2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingPerson {
    pub institution_code: String,
    pub class: AccountClass,
    pub display_name: String,
    pub contact_email: Option<String>,
}

/// One account of a batch, with its letter. Its initial password must be changed at first login.
#[derive(Debug, Clone)]
pub struct IssuedUser {
    pub user_id: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    pub affiliation: super::Affiliation,
    pub factor: FactorSetting,
    pub may_download_records: bool,
    pub contact_phone: String,
    pub contact_email: String,
    /// The letter, sealed because it carries the initial password.
    pub sealed_letter: String,
}

/// A bulk registration, written in one transaction with its audit records.
#[derive(Debug, Clone)]
pub struct NewBatch {
    pub id: Uuid,
    /// `None`: a national administrator's batch (supervisors of any 都道府県等).
    pub prefecture_code: Option<String>,
    pub issued_by: String,
    pub issued_at: OffsetDateTime,
    /// The CSV of IDs and initial passwords, sealed; downloadable once.
    pub sealed_credentials: String,
    pub users: Vec<IssuedUser>,
    pub audit: Vec<AuditEntry>,
    /// The user manager's request this batch carries out, if it comes from one.
    pub approves: Option<super::RequestApproval>,
}

/// What taking a batch's one-time file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialsTake {
    Taken(String),
    AlreadyDownloaded,
    /// No such batch in this 都道府県等.
    NotFound,
}

/// A letter claimed by one worker for a while (other instances skip it meanwhile).
#[derive(Debug, Clone)]
pub struct DueLetter {
    pub user_id: String,
    pub recipient: String,
    pub sealed_body: String,
    pub attempts: u32,
}

/// Whose accounts (or account requests) a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManagedScope {
    /// A 都道府県等's jurisdiction (for its sysadmins and supervisor).
    Jurisdiction(String),
    /// One institution (for its user manager): its accounts, and those of the institutions registered
    /// for its requests (A-5 with A-6).
    Institution(String),
}

#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Every entry of the master (for institutions: of every class, so that a code moving between
    /// masters is compared too).
    async fn master_entries(&self, kind: MasterKind) -> StoreResult<Vec<MasterEntry>>;
    async fn apply_master_import(&self, import: &MasterImport) -> StoreResult<()>;
    /// The institutions with these codes that exist.
    async fn institutions_by_code(&self, codes: &[String]) -> StoreResult<Vec<InstitutionEntry>>;
    /// Registers an institution missing from the master; false if the code is taken.
    async fn register_institution(&self, entry: &MasterEntry, audit: &AuditEntry) -> StoreResult<bool>;
    /// The institutions sysadmins registered under these health centers.
    async fn registered_institutions(&self, health_center_codes: &[String]) -> StoreResult<Vec<MasterEntry>>;
    /// How many institutions were registered by sysadmins (for the next local code).
    async fn registered_institution_count(&self) -> StoreResult<u32>;
    /// The people with accounts at these institutions (deleted accounts included: a person is
    /// re-admitted by the sysadmin, not by a second application).
    async fn people_at(&self, institution_codes: &[String]) -> StoreResult<Vec<ExistingPerson>>;

    /// Issues the batch; `false` if it approves a request that is no longer pending (nothing is written).
    async fn issue_batch(&self, batch: &NewBatch) -> StoreResult<bool>;
    /// Removes and returns the batch's sealed file: it can be taken once, by its 都道府県等 (`None`:
    /// the national administrators, for their batches).
    async fn take_credentials(
        &self,
        batch_id: Uuid,
        prefecture_code: Option<&str>,
        now: OffsetDateTime,
    ) -> StoreResult<CredentialsTake>;

    /// Claims up to `limit` letters due at `now` until `claimed_until`.
    async fn claim_due_letters(
        &self,
        now: OffsetDateTime,
        claimed_until: OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Vec<DueLetter>>;
    /// Letters still to be sent (due now or waiting for a retry): the mail outbox's backlog.
    async fn pending_letter_count(&self) -> StoreResult<u32>;
    /// The mail server took it: the sealed body is deleted.
    async fn letter_sent(&self, user_id: &str, now: OffsetDateTime) -> StoreResult<()>;
    /// A failed try; `retry_at` None means give up (the sealed body is deleted).
    async fn letter_failed(&self, user_id: &str, error: &str, retry_at: Option<OffsetDateTime>) -> StoreResult<()>;
    /// A new letter for the user (first issue or resend), due at once.
    async fn replace_letter(
        &self,
        user_id: &str,
        recipient: &str,
        sealed_body: &str,
        now: OffsetDateTime,
    ) -> StoreResult<()>;
    /// The letters of the accounts in the 都道府県等's jurisdiction, by user ID.
    async fn letters(&self, prefecture_code: &str) -> StoreResult<Vec<LetterStatus>>;

    /// The 都道府県等 whose jurisdiction the account is in (through its institution, health center or
    /// 都道府県等); `None` for national accounts and unknown IDs.
    async fn account_prefecture(&self, user_id: &str) -> StoreResult<Option<String>>;
    /// The contact e-mail address of the application form (where letters go).
    async fn contact_email(&self, user_id: &str) -> StoreResult<Option<String>>;
    /// Every account in the scope, by user ID.
    async fn managed_accounts(&self, scope: &ManagedScope) -> StoreResult<Vec<ManagedAccount>>;
    /// One account as its administrators see it (deleted ones too).
    async fn managed_account(&self, user_id: &str) -> StoreResult<Option<ManagedAccount>>;
    /// Applies a checked change; `factor` is the whole new second-factor setting when it changes.
    async fn update_account(
        &self,
        user_id: &str,
        change: &AccountChange,
        factor: Option<&FactorSetting>,
    ) -> StoreResult<()>;
}

pub(super) fn account_state(status: super::AccountStatus) -> domain::api::AccountState {
    match status {
        super::AccountStatus::Active => domain::api::AccountState::Active,
        super::AccountStatus::Suspended => domain::api::AccountState::Suspended,
        super::AccountStatus::Deleted => domain::api::AccountState::Deleted,
    }
}

/// Counts are `INTEGER` columns on both back ends.
pub(super) fn count_column(count: u32) -> i32 {
    i32::try_from(count).unwrap_or(i32::MAX)
}
