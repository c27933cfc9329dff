//! Storage of who users are and how they prove it: accounts, sessions, one-time codes and the
//! attempt counters of the throttle.

use async_trait::async_trait;
use domain::api::{Organization, PasswordChangeReason, Role, SecondFactorMethod};
use time::OffsetDateTime;
use uuid::Uuid;

use super::StoreResult;
use crate::auth::throttle::Failures;

#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::EnumIter)]
#[strum(serialize_all = "snake_case")]
pub enum AccountStatus {
    Active,
    /// 利用停止: cannot log in; sessions end at once.
    Suspended,
    /// 削除: can never log in again; the row stays for the history and the audit trail.
    Deleted,
}

/// The second-factor setting of an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactorSetting {
    pub method: SecondFactorMethod,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl FactorSetting {
    /// Codes by `method` to `destination` (an e-mail address, or a phone number for SMS and voice).
    pub fn only(method: SecondFactorMethod, destination: &str) -> Self {
        let (email, phone) = match method {
            SecondFactorMethod::Email => (Some(destination.to_owned()), None),
            SecondFactorMethod::Sms | SecondFactorMethod::Voice => (None, Some(destination.to_owned())),
        };
        Self { method, email, phone }
    }

    /// The address or number codes go to for the chosen method.
    pub fn destination(&self) -> Option<&str> {
        match self.method {
            SecondFactorMethod::Email => self.email.as_deref(),
            SecondFactorMethod::Sms | SecondFactorMethod::Voice => self.phone.as_deref(),
        }
    }
}

/// When the password was last chosen by the user; `None` with a reason when it was issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordState {
    pub changed_at: Option<OffsetDateTime>,
    pub issued_because: Option<PasswordChangeReason>,
}

/// The organization an account belongs to, by kind: what its code names. Which kind each role needs,
/// and what it grants, is `crate::access`'s decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Affiliation {
    /// A medical institution or an animal clinic (doctors, veterinarians).
    Institution(String),
    HealthCenter(String),
    /// A 都道府県等: a prefecture, or a city with its own health centers.
    Prefecture(String),
    /// The whole country: no organization row.
    National,
}

/// How national accounts' organization is shown (it has no master row).
pub const NATIONAL_ORGANIZATION: (&str, &str) = ("national", "国（厚生労働省）");

/// An account with its organization and security settings.
#[derive(Debug, Clone)]
pub struct Account {
    pub user_id: String,
    pub display_name: String,
    pub role: Role,
    pub affiliation: Affiliation,
    /// The affiliation's code and name, as shown.
    pub organization: Organization,
    /// 個票・CSVダウンロードフラグ.
    pub may_download_records: bool,
    pub status: AccountStatus,
    pub password: PasswordState,
    pub factor: FactorSetting,
}

/// An account as needed to check a password.
#[derive(Debug, Clone)]
pub struct LoginAccount {
    pub account: Account,
    pub password_hash: String,
}

/// A session row: whose, and the times the timeout policy and the second factor need.
#[derive(Debug, Clone)]
pub struct SessionRecord {
    pub account: Account,
    pub created_at: OffsetDateTime,
    pub last_seen_at: OffsetDateTime,
    /// When the second factor succeeded; `None` while only the password was checked.
    pub second_factor_at: Option<OffsetDateTime>,
    /// When the current password was last confirmed again in this session (re-authentication).
    pub reauthenticated_at: Option<OffsetDateTime>,
}

/// A new account for [`IdentityStore::put_user`].
#[derive(Debug, Clone)]
pub struct NewUser<'a> {
    pub user_id: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub affiliation: Affiliation,
    pub may_download_records: bool,
    pub factor: FactorSetting,
    /// `None`: an issued password that must be changed at first login.
    pub password_changed_at: Option<OffsetDateTime>,
}

/// What a one-time code is for; a code of one purpose never serves another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::EnumIter)]
#[strum(serialize_all = "snake_case")]
pub enum CodePurpose {
    Login,
    FactorChange,
    PasswordReset,
}

/// A one-time code as stored (only its hash).
#[derive(Debug, Clone)]
pub struct CodeRecord {
    pub id: Uuid,
    pub user_id: String,
    pub purpose: CodePurpose,
    pub method: SecondFactorMethod,
    pub destination: String,
    pub code_hash: String,
    /// For login codes: the session waiting for it.
    pub session_token_hash: Option<String>,
    pub created_at: OffsetDateTime,
    pub expires_at: OffsetDateTime,
    pub failed_attempts: u32,
    pub used_at: Option<OffsetDateTime>,
}

/// A registered passkey: the credential as webauthn-rs serialises it.
#[derive(Debug, Clone)]
pub struct StoredPasskey {
    pub id: Uuid,
    pub credential: String,
}

/// A WebAuthn ceremony in progress (registration or authentication), bound to one session.
#[derive(Debug, Clone)]
pub struct Ceremony {
    pub id: Uuid,
    pub user_id: String,
    pub session_token_hash: String,
    /// `registration` or `authentication`.
    pub kind: String,
    /// The ceremony state as webauthn-rs serialises it.
    pub state: String,
    pub expires_at: OffsetDateTime,
}

#[async_trait]
pub trait IdentityStore: Send + Sync {
    /// Adds the account together with its audit records (one transaction).
    async fn put_user(&self, user: NewUser<'_>, audit: &[super::AuditEntry]) -> StoreResult<()>;
    async fn has_users(&self) -> StoreResult<bool>;
    /// Whether an account of the role exists that was not deleted.
    async fn has_account_with_role(&self, role: domain::api::Role) -> StoreResult<bool>;
    async fn login_account(&self, user_id: &str) -> StoreResult<Option<LoginAccount>>;
    /// Sets a new password hash: chosen by the user (`issued_because` None) or issued by an administrator.
    async fn set_password(
        &self,
        user_id: &str,
        password_hash: &str,
        now: OffsetDateTime,
        issued_because: Option<PasswordChangeReason>,
    ) -> StoreResult<()>;
    async fn set_factor(&self, user_id: &str, factor: &FactorSetting) -> StoreResult<()>;
    async fn set_status(&self, user_id: &str, status: AccountStatus) -> StoreResult<()>;

    async fn create_session(&self, token_hash: &str, user_id: &str, now: OffsetDateTime) -> StoreResult<()>;
    async fn session(&self, token_hash: &str) -> StoreResult<Option<SessionRecord>>;
    async fn touch_session(&self, token_hash: &str, now: OffsetDateTime) -> StoreResult<()>;
    async fn complete_second_factor(&self, token_hash: &str, now: OffsetDateTime) -> StoreResult<()>;
    async fn record_reauthentication(&self, token_hash: &str, now: OffsetDateTime) -> StoreResult<()>;
    async fn delete_session(&self, token_hash: &str) -> StoreResult<()>;
    /// Ends every session of the user except `keep` (the one that changed the password).
    async fn delete_user_sessions(&self, user_id: &str, keep: Option<&str>) -> StoreResult<()>;

    async fn insert_code(&self, code: &CodeRecord) -> StoreResult<()>;
    /// The newest code of this purpose for the user (and session, for login codes).
    async fn latest_code(
        &self,
        user_id: &str,
        purpose: CodePurpose,
        session_token_hash: Option<&str>,
    ) -> StoreResult<Option<CodeRecord>>;
    async fn count_codes_since(&self, user_id: &str, purpose: CodePurpose, since: OffsetDateTime) -> StoreResult<u32>;
    async fn record_code_failure(&self, id: Uuid) -> StoreResult<()>;
    /// Marks the code used; false if it was used already (by a concurrent request).
    async fn use_code(&self, id: Uuid, now: OffsetDateTime) -> StoreResult<bool>;

    async fn add_passkey(&self, user_id: &str, passkey: &StoredPasskey, now: OffsetDateTime) -> StoreResult<()>;
    async fn passkeys(&self, user_id: &str) -> StoreResult<Vec<StoredPasskey>>;
    /// Saves a passkey's updated credential (its signature counter) after a login with it.
    async fn update_passkey(&self, passkey: &StoredPasskey, now: OffsetDateTime) -> StoreResult<()>;
    async fn put_ceremony(&self, ceremony: &Ceremony) -> StoreResult<()>;
    /// Removes and returns the ceremony: each can be finished once.
    async fn take_ceremony(&self, id: Uuid) -> StoreResult<Option<Ceremony>>;

    async fn failures(&self, key: &str) -> StoreResult<Option<Failures>>;
    async fn put_failures(&self, key: &str, failures: Failures) -> StoreResult<()>;
    async fn clear_failures(&self, key: &str) -> StoreResult<()>;
}

/// The affiliation of an account row from its organization columns (at most one is set).
pub(super) fn affiliation(
    institution_code: Option<String>,
    health_center_code: Option<String>,
    prefecture_code: Option<String>,
) -> Affiliation {
    match (institution_code, health_center_code, prefecture_code) {
        (Some(code), _, _) => Affiliation::Institution(code),
        (None, Some(code), _) => Affiliation::HealthCenter(code),
        (None, None, Some(code)) => Affiliation::Prefecture(code),
        (None, None, None) => Affiliation::National,
    }
}

/// The organization columns (institution, health center, prefecture) of an affiliation.
pub(super) fn affiliation_columns(affiliation: &Affiliation) -> [Option<&str>; 3] {
    match affiliation {
        Affiliation::Institution(code) => [Some(code), None, None],
        Affiliation::HealthCenter(code) => [None, Some(code), None],
        Affiliation::Prefecture(code) => [None, None, Some(code)],
        Affiliation::National => [None, None, None],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affiliations_round_trip_through_their_columns() {
        for affiliation in [
            Affiliation::Institution("I".into()),
            Affiliation::HealthCenter("H".into()),
            Affiliation::Prefecture("P".into()),
            Affiliation::National,
        ] {
            let [institution, health_center, prefecture] =
                affiliation_columns(&affiliation).map(|c| c.map(String::from));
            assert_eq!(self::affiliation(institution, health_center, prefecture), affiliation);
        }
    }
}
