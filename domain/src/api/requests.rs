//! Wire types of the requests an institution's user manager sends its sysadmin: new
//! accounts for its staff (the application form's rows, entered online), and a change, suspension,
//! resumption, deletion or password reset of a staff member's account. The sysadmin of the
//! institution's 都道府県等 approves (todoke then does it) or rejects with a reason; the manager sees
//! the outcome.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{AccountChange, AccountClass, InstitutionParticulars, IssuedAccount, Organization, SecondFactorMethod};

/// One person applied for online: the columns of the application form that describe the
/// person. The institution (AJ), its class (E) and health center (K) are the manager's institution's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Applicant {
    /// B 利用者名
    pub user_name: String,
    /// C 連絡先電話番号
    pub contact_phone: String,
    /// D 連絡先メールアドレス: where the account letter goes.
    pub contact_email: String,
    /// AG 個票・CSVダウンロードフラグ
    #[serde(default)]
    pub may_download_records: bool,
    /// AN 二要素認証手段
    pub factor_method: SecondFactorMethod,
    /// AM (e-mail) or AL (SMS, voice): where the one-time codes go.
    pub factor_destination: String,
}

/// An institution missing from the master that an online application is for: its class
/// and the particulars SPEC A-5 lists for it. Its health center is the manager's institution's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnlistedInstitution {
    pub class: AccountClass,
    #[serde(flatten)]
    pub particulars: InstitutionParticulars,
}

/// What a user manager asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RequestedAction {
    /// New accounts, one per applicant; checked by the same rules as an uploaded form. With
    /// `unlisted`, they are for an institution missing from the master, e.g. the manager's
    /// hospital newly a sentinel site that the 定点 master lacks: the sysadmin registers it from these
    /// particulars before approving.
    Issue {
        applicants: Vec<Applicant>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unlisted: Option<UnlistedInstitution>,
    },
    /// Changed particulars of a staff member's account.
    Change {
        user_id: String,
        change: AccountChange,
    },
    Suspend {
        user_id: String,
    },
    Resume {
        user_id: String,
    },
    /// The account is deleted (e.g. the person left the institution).
    Delete {
        user_id: String,
    },
    /// A new initial password, sent to the user by letter.
    PasswordReset {
        user_id: String,
    },
}

impl RequestedAction {
    /// The staff member's account the request is about; `None` for new accounts.
    pub fn target(&self) -> Option<&str> {
        match self {
            Self::Issue { .. } => None,
            Self::Change { user_id, .. }
            | Self::Suspend { user_id }
            | Self::Resume { user_id }
            | Self::Delete { user_id }
            | Self::PasswordReset { user_id } => Some(user_id),
        }
    }
}

/// Body of `POST /api/v1/manager/requests`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewAccountRequest {
    pub action: RequestedAction,
    /// For the sysadmin, e.g. why (a transfer of staff); optional.
    #[serde(default)]
    pub note: Option<String>,
}

/// Where a request is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::EnumIter,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum RequestState {
    /// Waiting for the sysadmin.
    Pending,
    /// Approved and done.
    Approved,
    /// Rejected; `reason` says why.
    Rejected,
    /// Taken back by the user manager before it was decided.
    Withdrawn,
}

/// A request as the manager and the sysadmin see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountRequest {
    pub request_id: Uuid,
    pub institution: Organization,
    pub requested_by: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub requested_at: OffsetDateTime,
    pub action: RequestedAction,
    #[serde(default)]
    pub note: Option<String>,
    pub state: RequestState,
    #[serde(default)]
    pub decided_by: Option<String>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub decided_at: Option<OffsetDateTime>,
    /// Why it was rejected.
    #[serde(default)]
    pub reason: Option<String>,
    /// The batch an approved `issue` request made: the sysadmin downloads its initial passwords once
    /// (`POST /admin/account-batches/{id}/credentials`); each user also gets a letter.
    #[serde(default)]
    pub batch_id: Option<Uuid>,
    /// The accounts an approved `issue` request made, in applicant order.
    #[serde(default)]
    pub issued: Vec<IssuedAccount>,
}

/// Body of `POST /api/v1/admin/requests/{id}/reject`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rejection {
    pub reason: String,
}
