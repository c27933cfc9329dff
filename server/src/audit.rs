//! The audit trail (P-2): what gets recorded for logins, submissions and views of personal data,
//! and the hash chain that makes a silent change to a stored record detectable (`verify-audit`).
//!
//! Requests append their records without a hash, in their own transaction; the chainer
//! ([`run_chainer`], in every server process) links them into the chain within a second, one chainer
//! at a time across processes, so that no request waits for the chain's head (issue 17).

use std::sync::Arc;

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::error::AppError;
use crate::store::{AuditEntry, Store, StoreResult};

#[derive(Debug, Clone, Copy)]
pub enum Action {
    /// The password step of a login.
    Login,
    /// The second-factor step of a login (code or passkey).
    SecondFactor,
    CodeSent,
    /// An account or address reached the failure limit and is locked for a while.
    Lock,
    Logout,
    PasswordChange,
    PasswordReset,
    /// The current password confirmed again within a session, before changing how one logs in.
    Reauthentication,
    SecondFactorChange,
    PasskeyRegistered,
    SubmitNotification,
    ViewNotification,
    /// Workflow steps (N-5), with the notification as target.
    AcceptNotification,
    ReturnNotification,
    TransferNotification,
    ResubmitNotification,
    WithdrawNotification,
    /// A CSV export, with what was asked for and how many rows as target.
    ExportNotifications,
    /// One notification's personal data leaving in an export, with the notification as target.
    ExportNotification,
    /// One notification read as a FHIR Bundle (issue 20), with the notification as target.
    ExportFhirBundle,
    /// Account administration (A-1 … A-7), with the master, account or batch as target.
    ImportMaster,
    RegisterInstitution,
    /// An application-form upload; refused ones are recorded as failures.
    ImportApplications,
    IssueAccount,
    /// Staff accounts issued down the hierarchy (issue 20), with the batch as target; refused ones
    /// are recorded as failures.
    IssueStaffAccounts,
    DownloadCredentials,
    ResendLetter,
    ChangeAccount,
    SuspendAccount,
    ResumeAccount,
    DeleteAccount,
    /// A user manager's request and the sysadmin's decision, with the request as target.
    SubmitRequest,
    ApproveRequest,
    RejectRequest,
    WithdrawRequest,
    /// A weekly report (週報, issue 16) published, with the report as target.
    PublishReport,
    /// A sentinel report filed or corrected (issue 14), with the filing's id as target.
    FileSentinelReport,
    CorrectSentinelReport,
    /// A reminder e-mail queued for a sentinel site that has not reported, with site, kind and period
    /// as target.
    RemindSentinelSite,
    /// An aberration alarm marked (issue 15), with the alarm as target.
    MarkAlarm,
    /// An open alarm withdrawn by the detection run (its week no longer exceeds the bound), or a
    /// withdrawn one reopened by it (the week exceeds again); no actor, the alarm as target.
    WithdrawAlarm,
    ReopenAlarm,
    /// A 疑似症 report (issue 15) filed, read with its free text, accepted or returned, with the report
    /// as target.
    FileSyndromicReport,
    ViewSyndromicReport,
    AcceptSyndromicReport,
    ReturnSyndromicReport,
    /// ID management (issue 19): a case opened from a notification, read, given an entry or a
    /// contact, closed; an observation started, read, given a report (by telephone), closed; the
    /// follow-up list read. The case, contact or observation is the target.
    OpenCase,
    ViewCase,
    AddCaseEntry,
    AddContact,
    CloseCase,
    CloseContact,
    ViewTransmissionChain,
    StartObservation,
    ViewObservation,
    RecordObservationReport,
    CloseObservation,
    ViewFollowUp,
    /// A personal API token (issue 20) made, revoked, or presented (admitted, or refused as unknown,
    /// expired, revoked or no longer the account's), with the token's id as target.
    CreateApiToken,
    RevokeApiToken,
    UseApiToken,
    /// The audit viewer (P-2) read or exported, with the filters and row count as target.
    ViewAudit,
    ExportAudit,
    /// The security view (P-3) read, with the period and how many accounts it listed as target.
    ViewSecurity,
    /// A maintenance stop (P-1) scheduled or started, and ended, with the stop as target.
    ScheduleMaintenance,
    EndMaintenance,
    /// The 都道府県等 an administrator names, asked for by an account that is none (`denied` only:
    /// the list is the master's names, not personal data).
    ListPrefectures,
    /// A notice (お知らせ, P-1) published, edited or withdrawn, with the notice as target.
    PublishNotice,
    EditNotice,
    WithdrawNotice,
    /// The subject's personal link: sent or revoked by the staff (the observation is the target), and
    /// each use by the subject (actor `subject`): the birth-date confirmation, a read, a report.
    SendSubjectLink,
    RevokeSubjectLink,
    ConfirmSubjectLink,
    ViewAsSubject,
    ReportAsSubject,
}

#[derive(Debug, Clone, Copy)]
pub enum Outcome {
    Success,
    Failure,
    /// Refused for lack of permission.
    Denied,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Self::Login => "login",
            Self::SecondFactor => "second_factor",
            Self::CodeSent => "code_sent",
            Self::Lock => "lock",
            Self::Logout => "logout",
            Self::PasswordChange => "password_change",
            Self::PasswordReset => "password_reset",
            Self::Reauthentication => "reauthentication",
            Self::SecondFactorChange => "second_factor_change",
            Self::PasskeyRegistered => "passkey_registered",
            Self::SubmitNotification => "submit_notification",
            Self::ViewNotification => "view_notification",
            Self::AcceptNotification => "accept_notification",
            Self::ReturnNotification => "return_notification",
            Self::TransferNotification => "transfer_notification",
            Self::ResubmitNotification => "resubmit_notification",
            Self::WithdrawNotification => "withdraw_notification",
            Self::ExportNotifications => "export_notifications",
            Self::ExportNotification => "export_notification",
            Self::ExportFhirBundle => "export_fhir_bundle",
            Self::ImportMaster => "import_master",
            Self::RegisterInstitution => "register_institution",
            Self::ImportApplications => "import_applications",
            Self::IssueAccount => "issue_account",
            Self::IssueStaffAccounts => "issue_staff_accounts",
            Self::DownloadCredentials => "download_credentials",
            Self::ResendLetter => "resend_letter",
            Self::ChangeAccount => "change_account",
            Self::SuspendAccount => "suspend_account",
            Self::ResumeAccount => "resume_account",
            Self::DeleteAccount => "delete_account",
            Self::SubmitRequest => "submit_request",
            Self::ApproveRequest => "approve_request",
            Self::RejectRequest => "reject_request",
            Self::WithdrawRequest => "withdraw_request",
            Self::PublishReport => "publish_report",
            Self::FileSentinelReport => "file_sentinel_report",
            Self::CorrectSentinelReport => "correct_sentinel_report",
            Self::RemindSentinelSite => "remind_sentinel_site",
            Self::MarkAlarm => "mark_alarm",
            Self::WithdrawAlarm => "withdraw_alarm",
            Self::ReopenAlarm => "reopen_alarm",
            Self::FileSyndromicReport => "file_syndromic_report",
            Self::ViewSyndromicReport => "view_syndromic_report",
            Self::AcceptSyndromicReport => "accept_syndromic_report",
            Self::ReturnSyndromicReport => "return_syndromic_report",
            Self::OpenCase => "open_case",
            Self::ViewCase => "view_case",
            Self::AddCaseEntry => "add_case_entry",
            Self::AddContact => "add_contact",
            Self::CloseCase => "close_case",
            Self::CloseContact => "close_contact",
            Self::ViewTransmissionChain => "view_transmission_chain",
            Self::StartObservation => "start_observation",
            Self::ViewObservation => "view_observation",
            Self::RecordObservationReport => "record_observation_report",
            Self::CloseObservation => "close_observation",
            Self::ViewFollowUp => "view_follow_up",
            Self::CreateApiToken => "create_api_token",
            Self::RevokeApiToken => "revoke_api_token",
            Self::UseApiToken => "use_api_token",
            Self::ViewAudit => "view_audit",
            Self::ExportAudit => "export_audit",
            Self::ViewSecurity => "view_security",
            Self::ScheduleMaintenance => "schedule_maintenance",
            Self::EndMaintenance => "end_maintenance",
            Self::ListPrefectures => "list_prefectures",
            Self::PublishNotice => "publish_notice",
            Self::EditNotice => "edit_notice",
            Self::WithdrawNotice => "withdraw_notice",
            Self::SendSubjectLink => "send_subject_link",
            Self::RevokeSubjectLink => "revoke_subject_link",
            Self::ConfirmSubjectLink => "confirm_subject_link",
            Self::ViewAsSubject => "view_as_subject",
            Self::ReportAsSubject => "report_as_subject",
        }
    }
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Failure => "failure",
            Self::Denied => "denied",
        }
    }
}

pub fn entry(
    action: Action,
    outcome: Outcome,
    actor: Option<&str>,
    target: Option<String>,
    client_address: Option<String>,
) -> AuditEntry {
    AuditEntry {
        at: OffsetDateTime::now_utc(),
        actor: actor.map(str::to_owned),
        action: action.as_str(),
        target,
        client_address,
        outcome: outcome.as_str(),
    }
}

/// `checked`'s value, or, when it is a refusal, the refusal recorded as `actor`'s `denied` request for
/// `action` and passed on (`deny`): how a route audits the authorization check it starts with.
pub async fn allowed<T>(
    store: &dyn Store,
    action: Action,
    actor: &str,
    client_address: Option<String>,
    checked: Result<T, AppError>,
) -> Result<T, AppError> {
    match checked {
        Ok(value) => Ok(value),
        Err(refused) => Err(deny(store, action, actor, client_address, refused).await),
    }
}

/// Records `refused`, `actor`'s request for `action`, as `denied` and passes the refusal on; when the
/// record cannot be kept the store's error is answered instead, so no refusal goes unrecorded.
async fn deny(
    store: &dyn Store,
    action: Action,
    actor: &str,
    client_address: Option<String>,
    refused: AppError,
) -> AppError {
    match store.audit(entry(action, Outcome::Denied, Some(actor), None, client_address)).await {
        Ok(()) => refused,
        Err(store_error) => store_error.into(),
    }
}

/// The `prev_hash` of the first record: there is nothing before it.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One stored audit record as the chain sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainedRecord {
    pub seq: i64,
    /// Its place in the chain, given by the chainer (records may commit in another order than `seq`).
    pub position: i64,
    pub entry: StoredEntry,
    /// The hash of the record before this one, as stored when this one was written.
    pub prev_hash: Option<String>,
    pub hash: Option<String>,
}

/// An audit record's content, as read back from the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEntry {
    pub at: OffsetDateTime,
    pub actor: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub client_address: Option<String>,
    pub outcome: String,
}

/// SHA-256 (hex) of the previous record's hash followed by this record's canonical content: a JSON
/// array of its fields, the time as whole microseconds since 1970 (what both databases keep), so
/// that the same record read from SQLite or PostgreSQL hashes the same.
pub fn chain_hash(prev_hash: &str, entry: &StoredEntry) -> String {
    let micros = entry.at.unix_timestamp_nanos() / 1_000;
    let canonical = serde_json::json!([
        micros.to_string(),
        entry.actor,
        entry.action,
        entry.target,
        entry.client_address,
        entry.outcome
    ]);
    let mut hasher = Sha256::new();
    hasher.update(prev_hash.as_bytes());
    hasher.update(canonical.to_string().as_bytes());
    hasher.finalize().iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Where the chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    #[error("audit record {seq} has no hash: it was not written by todoke's audit path")]
    Unhashed { seq: i64 },
    #[error("audit record {seq} was altered: its content does not match its hash")]
    Altered { seq: i64 },
    #[error(
        "audit record {seq} does not follow the record before it: that record was altered together with \
         its hash, or records between them were deleted"
    )]
    Unlinked { seq: i64 },
}

/// Checks records in order, continuing from `prev_hash` (the last good hash, or [`GENESIS_HASH`]);
/// returns the hash the next record must link to, or the first break.
pub fn verify_records(prev_hash: &str, records: &[ChainedRecord]) -> Result<String, ChainBreak> {
    let mut prev_hash = prev_hash.to_owned();
    for record in records {
        let (Some(stored_prev), Some(hash)) = (&record.prev_hash, &record.hash) else {
            return Err(ChainBreak::Unhashed { seq: record.seq });
        };
        if chain_hash(stored_prev, &record.entry) != *hash {
            return Err(ChainBreak::Altered { seq: record.seq });
        }
        if *stored_prev != prev_hash {
            return Err(ChainBreak::Unlinked { seq: record.seq });
        }
        prev_hash.clone_from(hash);
    }
    Ok(prev_hash)
}

/// What a successful verification found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainSummary {
    pub records: u64,
    /// The newest record's hash: note it elsewhere to detect later truncation of the log's end.
    pub head_hash: String,
    /// Records not chained yet when the walk ended (the chainer links them within seconds); nothing
    /// can be said of them until then.
    pub pending: u64,
}

/// Why verification could not say "intact".
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error(transparent)]
    Broken(#[from] ChainBreak),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// Records read per query while verifying, so that memory stays bounded on a long log.
const VERIFY_PAGE: i64 = 1_000;

/// How far the chain has been verified: its position, the hash there and how many records lead to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub position: i64,
    pub hash: String,
    pub records: u64,
}

impl Checkpoint {
    /// Before the first record.
    pub fn genesis() -> Self {
        Self { position: 0, hash: GENESIS_HASH.to_owned(), records: 0 }
    }
}

/// Walks the whole chain in order and reports the first record that breaks it; counts the records
/// still waiting for the chainer.
pub async fn verify_chain(store: &dyn Store) -> Result<ChainSummary, VerifyError> {
    verify_from(store, Checkpoint::genesis()).await.map(|(summary, _)| summary)
}

/// Continues a verification from `checkpoint` (records up to it are taken as verified) to the chain's
/// head; returns the summary and the new checkpoint.
pub async fn verify_from(store: &dyn Store, checkpoint: Checkpoint) -> Result<(ChainSummary, Checkpoint), VerifyError> {
    let mut checkpoint = checkpoint;
    loop {
        let page: Vec<ChainedRecord> = store.audit_records(checkpoint.position, VERIFY_PAGE).await?;
        let Some(last) = page.last() else {
            let pending = store.unchained_audit_records().await?;
            let summary = ChainSummary { records: checkpoint.records, head_hash: checkpoint.hash.clone(), pending };
            return Ok((summary, checkpoint));
        };
        let hash = verify_records(&checkpoint.hash, &page)?;
        checkpoint = Checkpoint { position: last.position, hash, records: checkpoint.records + page.len() as u64 };
    }
}

/// Checks chosen records without walking the chain: each one's content against its hash, and its link
/// to the record just before it in the chain (among `predecessors`; none: it must link to genesis).
pub fn verify_selected(records: &[ChainedRecord], predecessors: &[ChainedRecord]) -> Result<(), ChainBreak> {
    let by_position: std::collections::BTreeMap<i64, &ChainedRecord> =
        predecessors.iter().map(|record| (record.position, record)).collect();
    for record in records {
        let expected = match by_position.range(..record.position).next_back() {
            None => GENESIS_HASH,
            Some((_, previous)) => previous.hash.as_deref().ok_or(ChainBreak::Unlinked { seq: record.seq })?,
        };
        verify_records(expected, std::slice::from_ref(record))?;
    }
    Ok(())
}

/// Records chained per transaction: a short hold of the chain's lock, and bounded memory after a
/// long pause.
const CHAIN_BATCH: i64 = 500;

/// How often the chainer looks for new records.
const CHAIN_EVERY: std::time::Duration = std::time::Duration::from_millis(500);

/// Chains every record appended until now, a batch per transaction; returns how many.
pub async fn chain_pending(store: &dyn Store) -> StoreResult<u64> {
    let mut chained = 0;
    loop {
        let batch = store.chain_audit_records(CHAIN_BATCH).await?;
        chained += batch;
        if batch < CHAIN_BATCH.unsigned_abs() {
            return Ok(chained);
        }
    }
}

/// The chainer: runs while the server does. Every process on a database runs one; the store lets
/// one at a time extend the chain, and the others find nothing left to do.
pub async fn run_chainer(store: Arc<dyn Store>) {
    let mut ticks = tokio::time::interval(CHAIN_EVERY);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        if let Err(error) = chain_pending(store.as_ref()).await {
            tracing::error!(%error, "audit records could not be chained; trying again");
        }
    }
}

#[cfg(test)]
mod chain_tests {
    use super::*;
    use time::macros::datetime;

    fn record(seq: i64, prev_hash: &str, actor: &str) -> ChainedRecord {
        let entry = StoredEntry {
            at: datetime!(2026-11-25 01:00:00.123456 UTC),
            actor: Some(actor.to_owned()),
            action: "login".to_owned(),
            target: None,
            client_address: Some("127.0.0.1".to_owned()),
            outcome: "success".to_owned(),
        };
        let hash = chain_hash(prev_hash, &entry);
        ChainedRecord { seq, position: seq, entry, prev_hash: Some(prev_hash.to_owned()), hash: Some(hash) }
    }

    fn chain(actors: &[&str]) -> Vec<ChainedRecord> {
        let mut prev = GENESIS_HASH.to_owned();
        let mut records = Vec::new();
        for (index, actor) in actors.iter().enumerate() {
            let next = record(index as i64 + 1, &prev, actor);
            prev = next.hash.clone().unwrap_or_default();
            records.push(next);
        }
        records
    }

    #[test]
    fn an_intact_chain_verifies_and_ends_at_the_last_hash() {
        let records = chain(&["a", "b", "c"]);
        assert_eq!(verify_records(GENESIS_HASH, &records).ok(), records[2].hash.clone());
    }

    #[test]
    fn an_altered_record_is_named() {
        let mut records = chain(&["a", "b", "c"]);
        records[1].entry.actor = Some("mallory".to_owned());
        assert_eq!(verify_records(GENESIS_HASH, &records), Err(ChainBreak::Altered { seq: 2 }));
    }

    #[test]
    fn a_rehashed_or_deleted_record_breaks_the_link_of_the_next() {
        let mut rehashed = chain(&["a", "b", "c"]);
        rehashed[1] = record(2, rehashed[0].hash.as_deref().unwrap_or_default(), "mallory");
        assert_eq!(verify_records(GENESIS_HASH, &rehashed), Err(ChainBreak::Unlinked { seq: 3 }));
        let mut deleted = chain(&["a", "b", "c"]);
        deleted.remove(1);
        assert_eq!(verify_records(GENESIS_HASH, &deleted), Err(ChainBreak::Unlinked { seq: 3 }));
    }

    #[test]
    fn the_hash_covers_every_field_and_the_time_to_the_microsecond() {
        let base = record(1, GENESIS_HASH, "a");
        let later = StoredEntry { at: base.entry.at + time::Duration::microseconds(1), ..base.entry.clone() };
        let elsewhere = StoredEntry { client_address: None, ..base.entry.clone() };
        let moved = StoredEntry { actor: None, target: Some("a".to_owned()), ..base.entry.clone() };
        for changed in [later, elsewhere, moved] {
            assert_ne!(chain_hash(GENESIS_HASH, &changed), chain_hash(GENESIS_HASH, &base.entry));
        }
    }
}
