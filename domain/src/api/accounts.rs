//! Wire types of account administration: masters, bulk issuance from the application form
//! (A-1 … A-3), account letters and institutions missing from the master.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use super::Organization;
pub use crate::application::AccountClass;

/// Which master a CSV file is; its path segment in `PUT /api/v1/masters/{kind}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum MasterKind {
    /// 保健所マスタ
    HealthCenters,
    /// 医療機関マスタ（全数）, keyed by 医療機関コード
    Notifiable,
    /// 医療機関マスタ（定点）, keyed by hos_cd
    Sentinel,
    /// 動物診療施設
    Animal,
    /// 定点指定: which institution is a sentinel of which type, from when until when (S-1)
    SentinelDesignations,
}

impl MasterKind {
    pub const ALL: [Self; 5] =
        [Self::HealthCenters, Self::Notifiable, Self::Sentinel, Self::Animal, Self::SentinelDesignations];

    pub fn path_segment(self) -> &'static str {
        match self {
            Self::HealthCenters => "health-centers",
            Self::Notifiable => "notifiable",
            Self::Sentinel => "sentinel",
            Self::Animal => "animal",
            Self::SentinelDesignations => "sentinel-designations",
        }
    }

    /// The header names of the master's CSV, in the order the generator writes them; the first names
    /// the code. The server reads columns by these names, the app shows them.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Self::HealthCenters => &["保健所コード", "保健所名", "都道府県等コード", "都道府県等名"],
            Self::Notifiable => &[
                "医療機関コード",
                "医療機関名",
                "医療機関名カナ",
                "郵便番号",
                "住所",
                "電話番号",
                "許可病床数",
                "保険医療機関コード",
                "非保険医療機関",
                "保健所コード",
            ],
            Self::Sentinel => &[
                "hos_cd",
                "医療機関名",
                "医療機関名カナ",
                "住所",
                "電話番号",
                "病院診療所区分",
                "主たる診療科",
                "小児科",
                "許可病床数",
                "保健所コード",
            ],
            Self::Animal => {
                &["動物診療施設コード", "施設名", "施設名カナ", "郵便番号", "住所", "電話番号", "保健所コード"]
            }
            // 定点種別: a `SentinelType` code or its Japanese name; dates `YYYY-MM-DD`, the end optional.
            Self::SentinelDesignations => &["hos_cd", "定点種別", "指定開始日", "指定終了日"],
        }
    }

    /// Header names a file may leave out, written after [`Self::columns`]: 保健所マスタ's
    /// メールアドレス, where the health center's alarm mails go (a file without the column keeps each
    /// health center's address; an empty cell removes it).
    pub fn optional_columns(self) -> &'static [&'static str] {
        match self {
            Self::HealthCenters => &["メールアドレス"],
            Self::Notifiable | Self::Sentinel | Self::Animal | Self::SentinelDesignations => &[],
        }
    }

    /// The kind of institution this master lists; `None` for the health-center and designation masters.
    pub fn institution_class(self) -> Option<AccountClass> {
        match self {
            Self::HealthCenters | Self::SentinelDesignations => None,
            Self::Notifiable => Some(AccountClass::Notifiable),
            Self::Sentinel => Some(AccountClass::Sentinel),
            Self::Animal => Some(AccountClass::Animal),
        }
    }
}

/// What an import of a master changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MasterImportReport {
    pub import_id: Uuid,
    pub kind: MasterKind,
    /// Codes not known before.
    pub created: u32,
    /// Known codes whose particulars changed (the previous version is kept in the history).
    pub updated: u32,
    pub unchanged: u32,
}

/// 病院・一般診療所区分 of a sentinel site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FacilityType {
    Hospital,
    Clinic,
}

/// An institution's particulars, as in the masters. Which ones are required depends on `class`:
/// 全数 needs postal code, beds and an insurance code or `non_insurance`; 定点 needs the facility type,
/// main department, pediatrics and beds; 動物 needs the postal code.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InstitutionParticulars {
    pub name: String,
    /// 名称（カナ）
    pub name_kana: String,
    #[serde(default)]
    pub postal_code: Option<String>,
    pub address: String,
    pub phone: String,
    /// 許可病床数
    #[serde(default)]
    pub beds: Option<u32>,
    /// 保険医療機関コード (全数)
    #[serde(default)]
    pub insurance_code: Option<String>,
    /// 非保険医療機関 (全数)
    #[serde(default)]
    pub non_insurance: bool,
    #[serde(default)]
    pub facility_type: Option<FacilityType>,
    /// 主たる診療科目 (定点)
    #[serde(default)]
    pub main_department: Option<String>,
    /// 診療科目に小児科を有するか (定点)
    #[serde(default)]
    pub has_pediatrics: Option<bool>,
}

/// Body of `POST /api/v1/institutions`: a sysadmin registers an institution missing from the master.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewInstitution {
    pub class: AccountClass,
    /// The health center responsible for it (routing, N-3); in the sysadmin's jurisdiction.
    pub health_center_code: String,
    #[serde(flatten)]
    pub particulars: InstitutionParticulars,
}

/// An institution as registered: its code (given by todoke for one missing from the master).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegisteredInstitution {
    pub institution: Organization,
    pub class: AccountClass,
    pub health_center: Organization,
}

/// One staff account to issue through `POST /api/v1/admin/staff-accounts`: who is issued which role
/// where (`domain::hierarchy` says who issues whom), with the person's items of the application form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffApplication {
    pub role: super::Role,
    /// The organization's code: the 都道府県等 (supervisors, sysadmins, 都道府県等 staff), the health
    /// center (health-center staff) or the institution (user managers).
    pub organization_code: String,
    #[serde(flatten)]
    pub applicant: super::Applicant,
}

/// Body of `POST /api/v1/admin/staff-accounts`: issued together, as one batch, or not at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffApplications {
    pub staff: Vec<StaffApplication>,
}

/// The answer to a staff issuance: the accounts issued. As for a form, the initial passwords are in
/// the one-time CSV and in each user's letter, never here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedStaff {
    pub batch_id: Uuid,
    pub accounts: Vec<IssuedStaffAccount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedStaffAccount {
    pub user_id: String,
    pub display_name: String,
    pub role: super::Role,
    pub organization: Organization,
}

/// The answer to a bulk registration: the accounts issued. Their initial passwords are in the
/// one-time CSV (`POST /account-batches/{id}/credentials`) and in each user's letter, never here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedBatch {
    pub batch_id: Uuid,
    pub accounts: Vec<IssuedAccount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IssuedAccount {
    /// The form row it came from.
    pub row: u32,
    pub user_id: String,
    pub display_name: String,
    pub class: AccountClass,
    pub institution: Organization,
}

/// Where an account letter is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::EnumIter,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum LetterState {
    /// Waiting for its first try or a retry.
    Pending,
    /// Accepted by the mail server.
    Sent,
    /// Given up after the last retry, or refused for good; `last_error` says why.
    Failed,
}

/// One user's account letter, for the sysadmin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LetterStatus {
    pub user_id: String,
    pub display_name: String,
    /// The contact address (column D).
    pub to: String,
    pub state: LetterState,
    pub attempts: u32,
    #[serde(default)]
    pub last_error: Option<String>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub sent_at: Option<OffsetDateTime>,
}

/// Whether an account may be used (L-6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountState {
    Active,
    /// 利用停止: no login; may be resumed.
    Suspended,
    /// 削除: no login ever again; kept for the history and the audit trail.
    Deleted,
}

/// An account as its administrators see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ManagedAccount {
    pub user_id: String,
    pub display_name: String,
    pub role: super::Role,
    pub organization: Organization,
    pub state: AccountState,
    /// 個票・CSVダウンロードフラグ.
    pub may_download_records: bool,
    #[serde(default)]
    pub contact_phone: Option<String>,
    #[serde(default)]
    pub contact_email: Option<String>,
    pub second_factor: super::SecondFactorMethod,
}

/// Body of `PATCH /api/v1/admin/accounts/{user_id}`: what to change; absent items stay.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountChange {
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub contact_phone: Option<String>,
    #[serde(default)]
    pub contact_email: Option<String>,
    /// A new two-factor method and its address or number (no confirmation code: the administrator
    /// acts on the user's written request).
    #[serde(default)]
    pub second_factor: Option<super::SecondFactorChange>,
    #[serde(default)]
    pub may_download_records: Option<bool>,
}

/// A new initial password, shown once to the administrator who reset it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InitialPassword {
    pub user_id: String,
    pub initial_password: String,
}
