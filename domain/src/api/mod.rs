//! Wire types of the HTTP API (`/api/v1`), shared by the PWA, the server and its tests.
//! Field names are part of the public contract that EMR and lab systems integrate against.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::forms::Answers;

/// Body of `POST /api/v1/session`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginRequest {
    pub user_id: String,
    pub password: String,
}

/// What an account is for; decides which screens and actions it gets. What each role may see and do
/// is decided in one place on the server (`server/src/access.rs`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::EnumIter,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Role {
    /// 医療機関の医師 (account class 09): files notifications for one institution.
    Doctor,
    /// 獣医師 (account class 11): files animal reports (感染症法 第13条) for one animal clinic.
    Veterinarian,
    /// 保健所職員: receives the notifications routed to one health center.
    HealthCenterStaff,
    /// 都道府県等の職員: a prefecture, or a city with its own health centers; sees its health centers'
    /// notifications.
    PrefectureStaff,
    /// 国の職員 (厚生労働省等): sees every notification.
    NationalStaff,
    /// 医療機関管理者 (account class 16): files sentinel reports (定点報告) for one designated site.
    SentinelSiteManager,
    /// システム利用管理者: one per institution; gathers its staff's applications for the sysadmin.
    UserManager,
    /// 利用者認証実施者 / システムアドミニストレータ: issues, changes, suspends and deletes the general
    /// users' accounts in its 都道府県等's jurisdiction.
    SystemAdministrator,
    /// システム利用統括責任者: oversees every account of its 都道府県等, sysadmins included.
    Supervisor,
    /// 国の管理者: operates the system nationally; imports the masters.
    NationalAdministrator,
}

/// The logged-in account, from `GET /api/v1/me` and the login response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub user_id: String,
    pub display_name: String,
    pub role: Role,
    /// The organization the account belongs to: the institution or animal clinic (doctors,
    /// veterinarians), the health center, the 都道府県等, or the country (national staff).
    pub organization: Organization,
    /// 個票・CSVダウンロードフラグ: may download individual records and CSV exports.
    #[serde(default)]
    pub may_download_records: bool,
    /// Whether a password change is required or due soon (L-2).
    pub password: PasswordStatus,
    /// Where one-time codes go.
    pub second_factor: CodeDestination,
    /// How many passkeys the account has registered.
    pub passkeys: u32,
}

/// A medical institution or a health center, as shown to users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organization {
    pub code: String,
    pub name: String,
}

/// Body of `PUT /api/v1/notifications/{id}`: a 発生届 (case notification) as filled in on the device,
/// or a veterinarian's animal report (獣医師の届出, N-7) when `animal_report` is given.
/// Routing is not part of it: the server decides the receiving health center.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationSubmission {
    /// Catalog code of the disease, e.g. `measles`; for an animal report the pair's disease.
    pub disease: String,
    /// For an animal report: the code of the disease × species pair (`domain::animal_reports`), e.g.
    /// `ebola_monkey`; the answers then follow the veterinarian's form. Absent for human cases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub animal_report: Option<String>,
    /// Answers by form field id.
    #[cfg_attr(feature = "openapi", schema(value_type = std::collections::BTreeMap<String, crate::forms::Answer>))]
    pub answers: Answers,
}

/// 受付: proof that todoke received a notification (terms Art. 8: the filer's duty is met when shown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Receipt {
    pub notification_id: Uuid,
    /// 受付番号, e.g. `20261124-000042`.
    pub receipt_number: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub received_at: OffsetDateTime,
    /// The health center the notification was routed to.
    pub health_center: Organization,
}

/// Workflow state of a notification at the health center.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::EnumIter,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum NotificationStatus {
    /// 受付済・未確認: received (or resubmitted, or transferred in), waiting for the health center.
    Received,
    /// 差し戻し: returned to the filer for correction; waiting for a resubmission.
    Returned,
    /// 受理: accepted by the health center. Final.
    Accepted,
    /// 取下げ: withdrawn by the filer before the health center accepted it. Final; not counted.
    Withdrawn,
}

/// One row of a notification list (a health center's inbox, an institution's filings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationSummary {
    /// The receipt of the first filing: it names the health center the notification was routed to.
    pub receipt: Receipt,
    pub disease: String,
    /// For a veterinarian's animal report: its disease × species pair (e.g. `ebola_monkey`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub animal_report: Option<String>,
    pub status: NotificationStatus,
    pub institution: Organization,
    /// The health center now responsible: the routed one, or the one it was last transferred to.
    pub health_center: Organization,
    /// 1 at the first receipt, one more with each resubmission.
    pub revision: u32,
    /// The disease is notified 直ちに (immediately).
    pub urgent: bool,
    /// Waiting for the health center (`received`) longer than its deadline allows: 24 hours after the
    /// first receipt for 直ちに diseases, 7 days for the others.
    pub overdue: bool,
    /// While it is returned for correction: what the health center asked for (the return's comment),
    /// so that the filer's list needs no detail per row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_comment: Option<String>,
    /// Which patient (initials, age, sex), for accounts that may open the notification: the filer's
    /// institution and the health center now responsible, or overseers with the download flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient_hint: Option<crate::patient_hint::PatientHint>,
}

/// Who filed a notification as the 発生届 names them (感染症法施行規則): the doctor (for an animal report the
/// veterinarian) and the institution (動物診療施設) with its address and telephone, as the account and the
/// master said at filing time.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Filer {
    /// 医師（獣医師）の氏名
    pub name: String,
    /// 医療機関（動物診療施設）の名称
    pub institution: String,
    /// 所在地
    pub address: String,
    /// 電話番号
    pub phone: String,
}

/// A whole notification, for those allowed to see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationDetail {
    pub summary: NotificationSummary,
    /// Login ID of the doctor who filed it.
    pub filed_by: String,
    /// The filer's particulars at filing time; absent for notifications filed before todoke kept them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filer: Option<Filer>,
    #[cfg_attr(feature = "openapi", schema(value_type = std::collections::BTreeMap<String, crate::forms::Answer>))]
    pub answers: Answers,
    /// Every step so far, oldest first (the first is the receipt).
    pub history: Vec<HistoryEntry>,
    /// For a resubmitted notification: the version the last resubmission replaced (the returned one),
    /// to show what changed. Absent for a first version, and for versions replaced before todoke kept them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_version: Option<PreviousVersion>,
}

/// An earlier version of a notification's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PreviousVersion {
    /// Its revision (1 for the first version).
    pub revision: u32,
    #[cfg_attr(feature = "openapi", schema(value_type = std::collections::BTreeMap<String, crate::forms::Answer>))]
    pub answers: Answers,
}

mod changes;
mod export;
mod identity;
mod sentinel;
mod workflow;
pub use changes::*;
pub use export::*;
pub use identity::*;
pub use sentinel::*;
pub use workflow::*;

mod accounts;
mod alarms;
mod audit;
mod investigations;
mod maintenance;
mod notices;
mod requests;
mod security;
mod syndromic;
mod tokens;
pub use accounts::*;
pub use alarms::*;
pub use audit::*;
pub use investigations::*;
pub use maintenance::*;
pub use notices::*;
pub use requests::*;
pub use security::*;
pub use syndromic::*;
pub use tokens::*;
