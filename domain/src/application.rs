//! システム利用申請様式: the application form's columns, and the row rules of A-2 that need no
//! database (the server adds code existence and jurisdiction). An app screen can run the same checks.
//!
//! One row per user. Columns that carry data (the others are ignored, as the form greys them out):
//! B 利用者名, C 連絡先電話番号, D 連絡先メールアドレス, E 所属機関分類コード (09 / 16 / 11), I 中核市コード
//! (optional), K 保健所コード, AG 個票・CSVダウンロードフラグ (0 / 1, empty = 0), AJ 所属医療機関/動物診療施設コード,
//! AL 二要素認証用電話番号, AM 二要素認証用メールアドレス, AN 二要素認証手段コード (1 e-mail, 2 SMS, 3 voice).
//! When AJ is blank (the institution is not in the master, A-5), the row carries the institution's
//! particulars in columns todoke adds after AN, AO … AY ([`Particular`]; SPEC names no columns for
//! them), checked by [`check_particulars`], the rule a sysadmin's registration follows too.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::api::{AccountChange, Applicant, FacilityType, InstitutionParticulars, Role, SecondFactorMethod};
use crate::email;
use crate::error::{FieldError, FieldErrorCode};
use crate::i18n::Lang;
use crate::import::{ImportProblem, ImportProblemCode};
use crate::kana;
use crate::phone::{parse_phone, PhoneError};
use crate::second_factor;
use crate::text;

/// The most rows one upload may hold.
pub const MAX_ROWS: usize = 20_000;
/// The longest user name accepted (characters).
pub const MAX_NAME_CHARS: usize = 50;

/// 所属機関分類コード: which kind of institution an account files for. Separate accounts per class.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AccountClass {
    /// 09 医療機関 (全数): case notifications.
    Notifiable,
    /// 16 医療機関管理者 (定点): sentinel reports.
    Sentinel,
    /// 11 動物診療施設: animal-case notifications.
    Animal,
}

impl AccountClass {
    pub const ALL: [Self; 3] = [Self::Notifiable, Self::Sentinel, Self::Animal];

    /// The form's two-digit code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Notifiable => "09",
            Self::Sentinel => "16",
            Self::Animal => "11",
        }
    }

    /// The role of an account of this class.
    pub fn role(self) -> Role {
        match self {
            Self::Notifiable => Role::Doctor,
            Self::Sentinel => Role::SentinelSiteManager,
            Self::Animal => Role::Veterinarian,
        }
    }

    /// The class of a role that files for an institution.
    pub fn of_role(role: Role) -> Option<Self> {
        Self::ALL.into_iter().find(|class| class.role() == role)
    }

    /// Reads the code; `9` is accepted for `09` (a spreadsheet drops the leading zero of a number).
    pub fn from_code(code: &str) -> Option<Self> {
        let code = if code.len() == 1 { format!("0{code}") } else { code.to_owned() };
        Self::ALL.into_iter().find(|class| class.code() == code)
    }
}

/// A data column of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormColumn {
    UserName,
    ContactPhone,
    ContactEmail,
    ClassCode,
    CoreCityCode,
    HealthCenterCode,
    DownloadFlag,
    InstitutionCode,
    FactorPhone,
    FactorEmail,
    FactorMethod,
    /// AO … AY: the particulars of an institution missing from the master.
    Institution(Particular),
}

impl FormColumn {
    pub const ALL: [Self; 22] = [
        Self::UserName,
        Self::ContactPhone,
        Self::ContactEmail,
        Self::ClassCode,
        Self::CoreCityCode,
        Self::HealthCenterCode,
        Self::DownloadFlag,
        Self::InstitutionCode,
        Self::FactorPhone,
        Self::FactorEmail,
        Self::FactorMethod,
        Self::Institution(Particular::Name),
        Self::Institution(Particular::NameKana),
        Self::Institution(Particular::PostalCode),
        Self::Institution(Particular::Address),
        Self::Institution(Particular::Phone),
        Self::Institution(Particular::Beds),
        Self::Institution(Particular::InsuranceCode),
        Self::Institution(Particular::NonInsurance),
        Self::Institution(Particular::FacilityType),
        Self::Institution(Particular::MainDepartment),
        Self::Institution(Particular::HasPediatrics),
    ];

    /// The spreadsheet column letter.
    pub fn letter(self) -> &'static str {
        match self {
            Self::UserName => "B",
            Self::ContactPhone => "C",
            Self::ContactEmail => "D",
            Self::ClassCode => "E",
            Self::CoreCityCode => "I",
            Self::HealthCenterCode => "K",
            Self::DownloadFlag => "AG",
            Self::InstitutionCode => "AJ",
            Self::FactorPhone => "AL",
            Self::FactorEmail => "AM",
            Self::FactorMethod => "AN",
            Self::Institution(particular) => particular.letter(),
        }
    }

    /// The form's heading of the column.
    pub fn label(self) -> &'static str {
        match self {
            Self::UserName => "利用者名",
            Self::ContactPhone => "連絡先電話番号",
            Self::ContactEmail => "連絡先メールアドレス",
            Self::ClassCode => "所属機関分類コード",
            Self::CoreCityCode => "中核市コード",
            Self::HealthCenterCode => "保健所コード",
            Self::DownloadFlag => "個票・CSVダウンロードフラグ",
            Self::InstitutionCode => "所属医療機関/動物診療施設コード",
            Self::FactorPhone => "二要素認証用電話番号",
            Self::FactorEmail => "二要素認証用メールアドレス",
            Self::FactorMethod => "二要素認証手段コード",
            Self::Institution(particular) => particular.label(),
        }
    }

    /// The 0-based index of the column (A = 0).
    pub fn index(self) -> usize {
        self.letter().bytes().fold(0, |acc, b| acc * 26 + usize::from(b - b'A') + 1) - 1
    }

    /// A problem in this column of `row`.
    pub fn problem(self, row: u32, code: ImportProblemCode, detail: Option<&str>) -> ImportProblem {
        ImportProblem::new(row, Some((self.letter(), self.label())), code, detail)
    }
}

/// One of an institution's particulars: its field in [`InstitutionParticulars`] (as API field
/// errors name it) and its column of the form, after the form's last column AN. Which ones a kind of
/// institution needs is [`check_particulars`]'s rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Particular {
    Name,
    NameKana,
    PostalCode,
    Address,
    Phone,
    Beds,
    InsuranceCode,
    NonInsurance,
    FacilityType,
    MainDepartment,
    HasPediatrics,
}

impl Particular {
    /// The field's name in [`InstitutionParticulars`] and in field errors.
    pub fn field(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::NameKana => "name_kana",
            Self::PostalCode => "postal_code",
            Self::Address => "address",
            Self::Phone => "phone",
            Self::Beds => "beds",
            Self::InsuranceCode => "insurance_code",
            Self::NonInsurance => "non_insurance",
            Self::FacilityType => "facility_type",
            Self::MainDepartment => "main_department",
            Self::HasPediatrics => "has_pediatrics",
        }
    }

    fn letter(self) -> &'static str {
        match self {
            Self::Name => "AO",
            Self::NameKana => "AP",
            Self::PostalCode => "AQ",
            Self::Address => "AR",
            Self::Phone => "AS",
            Self::Beds => "AT",
            Self::InsuranceCode => "AU",
            Self::NonInsurance => "AV",
            Self::FacilityType => "AW",
            Self::MainDepartment => "AX",
            Self::HasPediatrics => "AY",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Self::Name => "医療機関/動物診療施設名称",
            Self::NameKana => "医療機関/動物診療施設名称（カナ）",
            Self::PostalCode => "郵便番号",
            Self::Address => "住所",
            Self::Phone => "医療機関/動物診療施設電話番号",
            Self::Beds => "許可病床数",
            Self::InsuranceCode => "保険医療機関コード",
            Self::NonInsurance => "非保険医療機関フラグ",
            Self::FacilityType => "病院・一般診療所区分",
            Self::MainDepartment => "主たる診療科目",
            Self::HasPediatrics => "小児科の有無",
        }
    }
}

/// What a form row whose institution is missing from the master (AJ blank, A-5) says of it: its
/// class (E) and health center (K), where the row had them right, and its particulars (AO … AY) once
/// they passed [`check_particulars`], so that registering it needs nothing typed again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MissingInstitution {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<AccountClass>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_center_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub particulars: Option<InstitutionParticulars>,
}

/// The institution a row is for: a code of the master (AJ), or, AJ blank, the particulars of one
/// missing from it, checked; the server looks for the institution a sysadmin registered from
/// them ([`same_institution`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NamedInstitution {
    Code(String),
    Unlisted(InstitutionParticulars),
}

impl NamedInstitution {
    /// The code, once there is one.
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Code(code) => Some(code),
            Self::Unlisted(_) => None,
        }
    }

    /// What tells institutions apart within one file ("one account per person per institution").
    fn key(&self) -> String {
        match self {
            Self::Code(code) => code.clone(),
            Self::Unlisted(particulars) => format!("unlisted:{}:{}", comparable(&particulars.name), particulars.phone),
        }
    }
}

/// A name as two applications of one institution may both write it: in NFKC (half-width katakana
/// and full-width letters and digits as a spreadsheet may hold them: ｸﾘﾆｯｸ is クリニック, 第１ is
/// 第1), spaces aside.
fn comparable(name: &str) -> String {
    crate::nfkc::fold(name).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether `registered` (an institution a sysadmin registered, A-5) is the institution `described`
/// by a row's particulars, both checked by [`check_particulars`]: the same name (as [`comparable`]
/// reads it) and phone number. The caller compares the class and the health center.
pub fn same_institution(registered: &InstitutionParticulars, described: &InstitutionParticulars) -> bool {
    comparable(&registered.name) == comparable(&described.name) && registered.phone == described.phone
}

/// One row of the file as read: its spreadsheet row number and its cells (column A first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawRow {
    pub number: u32,
    pub cells: Vec<String>,
}

impl RawRow {
    pub fn cell(&self, column: FormColumn) -> &str {
        self.cells.get(column.index()).map_or("", |cell| cell.trim())
    }

    /// No data column is filled (column A and the greyed-out columns do not count).
    pub fn is_blank(&self) -> bool {
        FormColumn::ALL.iter().all(|column| self.cell(*column).is_empty())
    }
}

/// A row that passed every rule of this module, normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub row: u32,
    pub user_name: String,
    /// `090-1234-5678` or the digits of a fixed line.
    pub contact_phone: String,
    pub contact_email: String,
    pub class: AccountClass,
    pub core_city_code: Option<String>,
    pub health_center_code: String,
    pub download_allowed: bool,
    pub institution: NamedInstitution,
    pub factor_method: SecondFactorMethod,
    /// The e-mail address or phone number the method needs.
    pub factor_destination: String,
}

/// The rows that passed and every problem found; a file imports only when `problems` is empty.
#[derive(Debug, Clone, Default)]
pub struct CheckedForm {
    pub applications: Vec<Application>,
    pub problems: Vec<ImportProblem>,
}

/// A problem with one particular: what [`check_particulars`] reports as a field error, and a row of
/// the form as a problem at the particular's column.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ParticularProblem {
    particular: Particular,
    code: FieldErrorCode,
    detail: Option<String>,
}

impl ParticularProblem {
    fn field_error(self) -> FieldError {
        let field = self.particular.field();
        let message = match self.detail {
            Some(detail) => format!("{field}：{detail}"),
            None => format!("{field}：{}", self.code.message(Lang::Ja)),
        };
        FieldError { field: field.to_owned(), code: self.code, message }
    }

    fn import_problem(&self, row: u32) -> ImportProblem {
        let code = ImportProblemCode::of_field(self.code);
        FormColumn::Institution(self.particular).problem(row, code, self.detail.as_deref())
    }
}

/// Checks and normalises an institution's particulars for registration: what SPEC A-5 lists for
/// the class is required; text follows V-1, the phone V-2, the postal code is `123-4567`.
pub fn check_particulars(
    class: AccountClass,
    particulars: &InstitutionParticulars,
) -> Result<InstitutionParticulars, Vec<FieldError>> {
    particular_problems(class, particulars)
        .map_err(|problems| problems.into_iter().map(ParticularProblem::field_error).collect())
}

/// [`check_particulars`]'s rule, its problems named by particular.
fn particular_problems(
    class: AccountClass,
    particulars: &InstitutionParticulars,
) -> Result<InstitutionParticulars, Vec<ParticularProblem>> {
    let mut problems = Vec::new();
    let mut error = |particular: Particular, code: FieldErrorCode, detail: Option<String>| {
        problems.push(ParticularProblem { particular, code, detail });
    };
    let mut checked = particulars.clone();
    checked.name_kana = kana::normalize(&checked.name_kana);
    let texts = [
        (Particular::Name, &mut checked.name),
        (Particular::NameKana, &mut checked.name_kana),
        (Particular::Address, &mut checked.address),
    ];
    for (particular, value) in texts {
        *value = value.trim().to_owned();
        let refused = text::disallowed(value, false);
        let not_kana = if particular == Particular::NameKana { kana::not_katakana(value) } else { Vec::new() };
        if !refused.is_empty() {
            error(particular, FieldErrorCode::InvalidCharacters, Some(text::refusal_message(&refused)));
        } else if !not_kana.is_empty() {
            error(particular, FieldErrorCode::NotKatakana, Some(kana::refusal_message(&not_kana)));
        } else if value.is_empty() {
            error(particular, FieldErrorCode::Required, None);
        }
    }
    let optional_texts = [
        (Particular::InsuranceCode, &mut checked.insurance_code),
        (Particular::MainDepartment, &mut checked.main_department),
    ];
    for (particular, value) in optional_texts {
        *value = value.as_deref().map(str::trim).filter(|text| !text.is_empty()).map(str::to_owned);
        let refused = value.as_deref().map(|text| text::disallowed(text, false)).unwrap_or_default();
        if !refused.is_empty() {
            error(particular, FieldErrorCode::InvalidCharacters, Some(text::refusal_message(&refused)));
        }
    }
    match parse_phone(&particulars.phone) {
        Ok(number) => checked.phone = number.to_string(),
        Err(PhoneError::Foreign) => error(Particular::Phone, FieldErrorCode::ForeignPhoneNumber, None),
        Err(PhoneError::Empty) => error(Particular::Phone, FieldErrorCode::Required, None),
        Err(_) => error(Particular::Phone, FieldErrorCode::InvalidPhoneNumber, None),
    }
    let needs_postal_code = matches!(class, AccountClass::Notifiable | AccountClass::Animal);
    match particulars.postal_code.as_deref().map(str::trim).filter(|code| !code.is_empty()).map(postal_code) {
        Some(Some(code)) => checked.postal_code = Some(code),
        Some(None) => error(Particular::PostalCode, FieldErrorCode::InvalidValue, None),
        None if needs_postal_code => error(Particular::PostalCode, FieldErrorCode::Required, None),
        None => checked.postal_code = None,
    }
    if class != AccountClass::Animal && particulars.beds.is_none() {
        error(Particular::Beds, FieldErrorCode::Required, None);
    }
    if class == AccountClass::Notifiable && checked.insurance_code.is_some() == particulars.non_insurance {
        let detail = "保険医療機関コードか非保険医療機関のどちらか一方を指定してください";
        error(Particular::InsuranceCode, FieldErrorCode::Inconsistent, Some(detail.to_owned()));
    }
    if class == AccountClass::Sentinel {
        match particulars.facility_type {
            None => error(Particular::FacilityType, FieldErrorCode::Required, None),
            Some(FacilityType::Clinic) => {
                if checked.main_department.is_none() {
                    error(Particular::MainDepartment, FieldErrorCode::Required, None);
                }
                if particulars.has_pediatrics.is_none() {
                    error(Particular::HasPediatrics, FieldErrorCode::Required, None);
                }
            }
            Some(FacilityType::Hospital) => {}
        }
    }
    if problems.is_empty() {
        Ok(checked)
    } else {
        Err(problems)
    }
}

/// `1234567`, `123-4567` or full-width digits, as `123-4567`.
fn postal_code(typed: &str) -> Option<String> {
    let digits: String = typed
        .chars()
        .filter(|c| !matches!(c, '-' | '－' | 'ー' | '〒' | ' '))
        .map(|c| if ('０'..='９').contains(&c) { char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c) } else { c })
        .collect();
    (digits.len() == 7 && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| format!("{}-{}", &digits[..3], &digits[3..]))
}

/// Checks and normalises an administrator's change to an account: the same rules as the form's
/// cells (V-1 name, V-2 phones, e-mail, a destination the method can reach).
pub fn check_account_change(change: &AccountChange) -> Result<AccountChange, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut error = |field: &str, code: FieldErrorCode| {
        errors.push(FieldError {
            field: field.to_owned(),
            code,
            message: format!("{field}：{}", code.message(Lang::Ja)),
        });
    };
    let mut checked = change.clone();
    if let Some(name) = checked.display_name.as_mut() {
        *name = name.trim().to_owned();
        if name.is_empty() {
            error("display_name", FieldErrorCode::Required);
        } else if text::first_disallowed(name, false).is_some() {
            error("display_name", FieldErrorCode::InvalidCharacters);
        } else if name.chars().count() > MAX_NAME_CHARS {
            error("display_name", FieldErrorCode::TooLong);
        }
    }
    if let Some(phone) = checked.contact_phone.as_mut() {
        match parse_phone(phone) {
            Ok(number) => *phone = number.to_string(),
            Err(PhoneError::Foreign) => error("contact_phone", FieldErrorCode::ForeignPhoneNumber),
            Err(_) => error("contact_phone", FieldErrorCode::InvalidPhoneNumber),
        }
    }
    if let Some(address) = checked.contact_email.as_mut() {
        match email::normalize(address) {
            Some(normalized) => *address = normalized,
            None => error("contact_email", FieldErrorCode::InvalidValue),
        }
    }
    if let Some(factor) = checked.second_factor.as_mut() {
        match second_factor::destination(factor.method, &factor.destination) {
            Ok(destination) => factor.destination = destination,
            Err(problem) => error("second_factor", problem.field_code()),
        }
    }
    if errors.is_empty() {
        Ok(checked)
    } else {
        Err(errors)
    }
}

/// The institution an online application is for: the user manager's own, or one missing from
/// the master (`unlisted`: its particulars; the code is then left blank, as AJ would be).
#[derive(Debug, Clone, Copy)]
pub struct ApplyingInstitution<'a> {
    pub code: &'a str,
    pub class: AccountClass,
    pub health_center_code: &'a str,
    pub unlisted: Option<&'a InstitutionParticulars>,
}

/// Particulars as the cells of a form row (AO … AY), the way [`RowCheck::particulars`] reads them.
fn particular_cells(particulars: &InstitutionParticulars) -> [(Particular, String); 11] {
    let flag = |on: bool| if on { "1" } else { "0" }.to_owned();
    [
        (Particular::Name, particulars.name.clone()),
        (Particular::NameKana, particulars.name_kana.clone()),
        (Particular::PostalCode, particulars.postal_code.clone().unwrap_or_default()),
        (Particular::Address, particulars.address.clone()),
        (Particular::Phone, particulars.phone.clone()),
        (Particular::Beds, particulars.beds.map(|beds| beds.to_string()).unwrap_or_default()),
        (Particular::InsuranceCode, particulars.insurance_code.clone().unwrap_or_default()),
        (Particular::NonInsurance, flag(particulars.non_insurance)),
        (Particular::FacilityType, particulars.facility_type.map(facility_code).unwrap_or_default().to_owned()),
        (Particular::MainDepartment, particulars.main_department.clone().unwrap_or_default()),
        (Particular::HasPediatrics, particulars.has_pediatrics.map(flag).unwrap_or_default()),
    ]
}

/// AW 病院・一般診療所区分: 1 病院, 2 一般診療所.
fn facility_code(facility: FacilityType) -> &'static str {
    match facility {
        FacilityType::Hospital => "1",
        FacilityType::Clinic => "2",
    }
}

/// An online application's applicants as rows of the form (row N is the N-th applicant), so that
/// they are checked by exactly the rules of an uploaded form.
pub fn applicant_rows(applicants: &[Applicant], institution: ApplyingInstitution<'_>) -> Vec<RawRow> {
    let width = FormColumn::ALL.iter().map(|column| column.index()).max().unwrap_or(0) + 1;
    (1..)
        .zip(applicants)
        .map(|(number, applicant)| {
            let (factor_column, other_factor_column) = match applicant.factor_method {
                SecondFactorMethod::Email => (FormColumn::FactorEmail, FormColumn::FactorPhone),
                SecondFactorMethod::Sms | SecondFactorMethod::Voice => {
                    (FormColumn::FactorPhone, FormColumn::FactorEmail)
                }
            };
            let method_code = applicant.factor_method.form_code().to_string();
            let code = if institution.unlisted.is_some() { "" } else { institution.code };
            let cells: [(FormColumn, &str); 10] = [
                (FormColumn::UserName, &applicant.user_name),
                (FormColumn::ContactPhone, &applicant.contact_phone),
                (FormColumn::ContactEmail, &applicant.contact_email),
                (FormColumn::ClassCode, institution.class.code()),
                (FormColumn::HealthCenterCode, institution.health_center_code),
                (FormColumn::DownloadFlag, if applicant.may_download_records { "1" } else { "0" }),
                (FormColumn::InstitutionCode, code),
                (factor_column, &applicant.factor_destination),
                (other_factor_column, ""),
                (FormColumn::FactorMethod, &method_code),
            ];
            let mut row = RawRow { number, cells: vec![String::new(); width] };
            for (column, value) in cells {
                row.cells[column.index()] = value.to_owned();
            }
            for (particular, value) in institution.unlisted.map(particular_cells).into_iter().flatten() {
                row.cells[FormColumn::Institution(particular).index()] = value;
            }
            row
        })
        .collect()
}

/// How far down the header row may be (the form has a title and notes above it).
const HEADER_SEARCH_ROWS: usize = 20;

/// The rows after the form's header row: the first row whose column B reads 利用者名.
pub fn data_rows(rows: &[RawRow]) -> Result<&[RawRow], ImportProblem> {
    rows.iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|row| row.cell(FormColumn::UserName) == FormColumn::UserName.label())
        .map(|header| &rows[header + 1..])
        .ok_or_else(|| {
            let detail = format!("B列が「{}」の見出し行", FormColumn::UserName.label());
            ImportProblem::new(0, None, ImportProblemCode::MissingHeader, Some(&detail))
        })
}

/// Checks the data rows of a form (everything after its header row): packing, every cell, and
/// one account per person per institution and class within the file.
pub fn check_rows(rows: &[RawRow]) -> CheckedForm {
    let mut checked = CheckedForm::default();
    let Some(last_filled) = rows.iter().rposition(|row| !row.is_blank()) else {
        checked.problems.push(ImportProblem::new(0, None, ImportProblemCode::EmptyFile, None));
        return checked;
    };
    let rows = &rows[..=last_filled];
    if rows.len() > MAX_ROWS {
        let limit = format!("最大{MAX_ROWS}行");
        checked.problems.push(ImportProblem::new(0, None, ImportProblemCode::TooManyRows, Some(&limit)));
        return checked;
    }
    for row in rows {
        if row.is_blank() {
            checked.problems.push(ImportProblem::new(row.number, None, ImportProblemCode::RowNotPacked, None));
        } else if let Some(application) = check_row(row, &mut checked.problems) {
            checked.applications.push(application);
        }
    }
    checked.problems.extend(duplicates(&checked.applications));
    checked.problems.sort_by_key(|problem| problem.row);
    checked
}

/// The same person is the same name (ignoring spaces) or the same contact address.
pub fn person_keys(user_name: &str, contact_email: &str) -> [String; 2] {
    let name: String = user_name.chars().filter(|c| !c.is_whitespace()).collect();
    [format!("name:{name}"), format!("email:{}", contact_email.to_ascii_lowercase())]
}

fn duplicates(applications: &[Application]) -> Vec<ImportProblem> {
    let mut first_rows: HashMap<(String, AccountClass, String), u32> = HashMap::new();
    let mut problems = Vec::new();
    for application in applications {
        let mut duplicate_of = None;
        for key in person_keys(&application.user_name, &application.contact_email) {
            let key = (application.institution.key(), application.class, key);
            let first = *first_rows.entry(key).or_insert(application.row);
            if first != application.row {
                duplicate_of = duplicate_of.or(Some(first));
            }
        }
        if let Some(first) = duplicate_of {
            let detail = format!("{first}行目と同じ利用者");
            problems.push(FormColumn::UserName.problem(
                application.row,
                ImportProblemCode::DuplicatePerson,
                Some(&detail),
            ));
        }
    }
    problems
}

/// AW 病院・一般診療所区分 as [`facility_code`] writes it.
fn facility(typed: &str) -> Option<FacilityType> {
    [FacilityType::Hospital, FacilityType::Clinic].into_iter().find(|facility| facility_code(*facility) == typed)
}

/// A 0 / 1 flag of the form.
fn flag(typed: &str) -> Option<bool> {
    match typed {
        "0" => Some(false),
        "1" => Some(true),
        _ => None,
    }
}

/// Collects the problems of one row while reading its cells.
struct RowCheck<'a> {
    row: &'a RawRow,
    problems: &'a mut Vec<ImportProblem>,
    failed: bool,
}

impl<'a> RowCheck<'a> {
    fn report(&mut self, column: FormColumn, code: ImportProblemCode, detail: Option<&str>) {
        self.failed = true;
        self.problems.push(column.problem(self.row.number, code, detail));
    }

    /// AJ is blank and so are AO … AY: the institution is not in the master and the row does not say
    /// which it is; the problem carries what the row says of it (class and health center).
    fn report_missing_institution(&mut self, missing: MissingInstitution) {
        self.failed = true;
        let detail = "AO〜AY列に機関の情報を記入してください";
        let code = ImportProblemCode::InstitutionNotRegistered;
        let mut problem = FormColumn::InstitutionCode.problem(self.row.number, code, Some(detail));
        problem.missing_institution = Some(Box::new(missing));
        self.problems.push(problem);
    }

    /// AJ is blank: the particulars of AO … AY, checked for the row's class by [`particular_problems`].
    fn unlisted(
        &mut self,
        class: Option<AccountClass>,
        health_center_code: Option<&String>,
    ) -> Option<NamedInstitution> {
        let mut cells = FormColumn::ALL.into_iter().filter(|column| matches!(column, FormColumn::Institution(_)));
        if cells.all(|column| self.row.cell(column).is_empty()) {
            let missing =
                MissingInstitution { class, health_center_code: health_center_code.cloned(), particulars: None };
            self.report_missing_institution(missing);
            return None;
        }
        let mut unreadable = Vec::new();
        let particulars = self.particulars(&mut unreadable);
        match particular_problems(class?, &particulars) {
            Ok(checked) if unreadable.is_empty() => Some(NamedInstitution::Unlisted(checked)),
            Ok(_) => None,
            Err(problems) => {
                self.failed = true;
                // An unreadable cell is reported once, as unreadable, not also as missing.
                let problems = problems.iter().filter(|problem| !unreadable.contains(&problem.particular));
                let number = self.row.number;
                self.problems.extend(problems.map(|problem| problem.import_problem(number)));
                None
            }
        }
    }

    /// The cells of AO … AY as particulars; a number, flag or 区分 that cannot be read is reported,
    /// left out and added to `unreadable`.
    fn particulars(&mut self, unreadable: &mut Vec<Particular>) -> InstitutionParticulars {
        let beds =
            self.read(Particular::Beds, ImportProblemCode::InvalidNumber, unreadable, |typed| typed.parse().ok());
        let non_insurance = self.read(Particular::NonInsurance, ImportProblemCode::InvalidFlag, unreadable, flag);
        let facility_type = self.read(Particular::FacilityType, ImportProblemCode::InvalidValue, unreadable, facility);
        let has_pediatrics = self.read(Particular::HasPediatrics, ImportProblemCode::InvalidFlag, unreadable, flag);
        let row: &RawRow = self.row;
        let cell = |particular: Particular| row.cell(FormColumn::Institution(particular)).to_owned();
        let text = |particular: Particular| Some(cell(particular)).filter(|text| !text.is_empty());
        InstitutionParticulars {
            name: cell(Particular::Name),
            name_kana: cell(Particular::NameKana),
            postal_code: text(Particular::PostalCode),
            address: cell(Particular::Address),
            phone: cell(Particular::Phone),
            beds,
            insurance_code: text(Particular::InsuranceCode),
            non_insurance: non_insurance.unwrap_or(false),
            facility_type,
            main_department: text(Particular::MainDepartment),
            has_pediatrics,
        }
    }

    /// A cell of AO … AY read by `parse` (full-width digits as ASCII): `None` when empty, or when
    /// unreadable (then reported and added to `unreadable`).
    fn read<T>(
        &mut self,
        particular: Particular,
        code: ImportProblemCode,
        unreadable: &mut Vec<Particular>,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let column = FormColumn::Institution(particular);
        let typed = self.row.cell(column);
        if typed.is_empty() {
            return None;
        }
        let value = parse(&crate::nfkc::fold(typed));
        if value.is_none() {
            unreadable.push(particular);
            self.report(column, code, None);
        }
        value
    }

    /// The cell's text if it has only usable characters (V-1); empty text is `Some("")`.
    fn usable(&mut self, column: FormColumn) -> Option<&'a str> {
        let row: &'a RawRow = self.row;
        let cell = row.cell(column);
        let refused = text::disallowed(cell, false);
        if !refused.is_empty() {
            self.report(column, ImportProblemCode::InvalidCharacters, Some(&text::refusal_message(&refused)));
            return None;
        }
        Some(cell)
    }

    fn required(&mut self, column: FormColumn) -> Option<String> {
        let cell = self.usable(column)?;
        if cell.is_empty() {
            self.report(column, ImportProblemCode::Required, None);
            return None;
        }
        Some(cell.to_owned())
    }

    fn optional(&mut self, column: FormColumn) -> Option<Option<String>> {
        self.usable(column).map(|cell| (!cell.is_empty()).then(|| cell.to_owned()))
    }

    fn phone(&mut self, column: FormColumn) -> Option<String> {
        let typed = self.required(column)?;
        let code = match parse_phone(&typed) {
            Ok(number) => return Some(number.to_string()),
            Err(PhoneError::Foreign) => ImportProblemCode::ForeignPhoneNumber,
            Err(_) => ImportProblemCode::InvalidPhoneNumber,
        };
        self.report(column, code, None);
        None
    }

    /// The second factor's destination, in the column its method reads.
    fn destination(&mut self, method: SecondFactorMethod) -> Option<String> {
        let column = match method {
            SecondFactorMethod::Email => FormColumn::FactorEmail,
            SecondFactorMethod::Sms | SecondFactorMethod::Voice => FormColumn::FactorPhone,
        };
        let typed = self.required(column)?;
        match second_factor::destination(method, &typed) {
            Ok(destination) => Some(destination),
            Err(problem) => {
                self.report(column, problem.import_code(), None);
                None
            }
        }
    }

    fn email(&mut self, column: FormColumn) -> Option<String> {
        let typed = self.required(column)?;
        let address = email::normalize(&typed);
        if address.is_none() {
            self.report(column, ImportProblemCode::InvalidEmail, None);
        }
        address
    }
}

fn check_row(row: &RawRow, problems: &mut Vec<ImportProblem>) -> Option<Application> {
    let mut check = RowCheck { row, problems, failed: false };
    let user_name = check.required(FormColumn::UserName);
    if user_name.as_ref().is_some_and(|name| name.chars().count() > MAX_NAME_CHARS) {
        let limit = format!("{MAX_NAME_CHARS}文字以内");
        check.report(FormColumn::UserName, ImportProblemCode::TooLong, Some(&limit));
    }
    let contact_phone = check.phone(FormColumn::ContactPhone);
    let contact_email = check.email(FormColumn::ContactEmail);
    let class = check.required(FormColumn::ClassCode).and_then(|code| {
        let class = AccountClass::from_code(&code);
        if class.is_none() {
            check.report(FormColumn::ClassCode, ImportProblemCode::InvalidClassCode, None);
        }
        class
    });
    let core_city_code = check.optional(FormColumn::CoreCityCode);
    let health_center_code = check.required(FormColumn::HealthCenterCode);
    let download_allowed = check.optional(FormColumn::DownloadFlag).and_then(|flag| match flag.as_deref() {
        None | Some("0") => Some(false),
        Some("1") => Some(true),
        Some(_) => {
            check.report(FormColumn::DownloadFlag, ImportProblemCode::InvalidFlag, None);
            None
        }
    });
    let institution = check.optional(FormColumn::InstitutionCode).and_then(|code| match code {
        Some(code) => Some(NamedInstitution::Code(code)),
        None => check.unlisted(class, health_center_code.as_ref()),
    });
    let factor_method = check.required(FormColumn::FactorMethod).and_then(|code| {
        let method = [SecondFactorMethod::Email, SecondFactorMethod::Sms, SecondFactorMethod::Voice]
            .into_iter()
            .find(|method| method.form_code().to_string() == code);
        if method.is_none() {
            check.report(FormColumn::FactorMethod, ImportProblemCode::InvalidFactorMethod, None);
        }
        method
    });
    let factor_destination = factor_method.and_then(|method| check.destination(method));
    if check.failed {
        return None;
    }
    Some(Application {
        row: row.number,
        user_name: user_name?,
        contact_phone: contact_phone?,
        contact_email: contact_email?,
        class: class?,
        core_city_code: core_city_code?,
        health_center_code: health_center_code?,
        download_allowed: download_allowed?,
        institution: institution?,
        factor_method: factor_method?,
        factor_destination: factor_destination?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row with the given cells set (by column), row number `number`.
    fn row(number: u32, cells: &[(FormColumn, &str)]) -> RawRow {
        let mut raw = RawRow { number, cells: vec![String::new(); 51] };
        for (column, value) in cells {
            raw.cells[column.index()] = (*value).to_owned();
        }
        raw
    }

    fn valid(number: u32, name: &str, email: &str) -> RawRow {
        row(
            number,
            &[
                (FormColumn::UserName, name),
                (FormColumn::ContactPhone, "03-1234-5678"),
                (FormColumn::ContactEmail, email),
                (FormColumn::ClassCode, "09"),
                (FormColumn::HealthCenterCode, "9901"),
                (FormColumn::DownloadFlag, "1"),
                (FormColumn::InstitutionCode, "9910000001"),
                (FormColumn::FactorPhone, "090-1234-5678"),
                (FormColumn::FactorMethod, "2"),
            ],
        )
    }

    fn codes(checked: &CheckedForm) -> Vec<(u32, Option<String>, ImportProblemCode)> {
        checked.problems.iter().map(|p| (p.row, p.column.clone(), p.code)).collect()
    }

    #[test]
    fn data_starts_after_the_header_row() {
        let title = row(1, &[(FormColumn::UserName, "システム利用申請様式")]);
        let header = row(2, &[(FormColumn::UserName, "利用者名")]);
        let rows = [title, header, valid(3, "北町 花子", "a@example.jp")];
        assert_eq!(data_rows(&rows).unwrap()[0].number, 3);
        assert_eq!(data_rows(&rows[2..]).unwrap_err().code, ImportProblemCode::MissingHeader);
    }

    #[test]
    fn column_letters_are_spreadsheet_positions() {
        assert_eq!(FormColumn::UserName.index(), 1);
        assert_eq!(FormColumn::HealthCenterCode.index(), 10);
        assert_eq!(FormColumn::DownloadFlag.index(), 32);
        assert_eq!(FormColumn::FactorMethod.index(), 39);
    }

    #[test]
    fn a_valid_row_is_normalised() {
        let checked = check_rows(&[valid(2, "北町 花子", "hanako@kita.example.jp")]);
        assert!(checked.problems.is_empty(), "{:?}", checked.problems);
        let application = &checked.applications[0];
        assert_eq!(application.class, AccountClass::Notifiable);
        assert_eq!(application.factor_method, SecondFactorMethod::Sms);
        assert_eq!(application.factor_destination, "090-1234-5678");
        assert!(application.download_allowed);
        assert_eq!(application.core_city_code, None);
    }

    #[test]
    fn every_problem_of_every_row_is_reported_with_row_and_column() {
        let mut bad = valid(3, "①山田", "not-an-address");
        bad.cells[FormColumn::ContactPhone.index()] = "+1 415 555 0100".into();
        bad.cells[FormColumn::ClassCode.index()] = "10".into();
        bad.cells[FormColumn::DownloadFlag.index()] = "yes".into();
        bad.cells[FormColumn::FactorMethod.index()] = "4".into();
        bad.cells[FormColumn::HealthCenterCode.index()] = String::new();
        bad.cells[FormColumn::InstitutionCode.index()] = String::new();
        let mut landline_sms = valid(5, "南町 一郎", "ichiro@example.jp");
        landline_sms.cells[FormColumn::FactorPhone.index()] = "03-1234-5678".into();
        let rows = [valid(2, "北町 花子", "a@example.jp"), bad, RawRow { number: 4, cells: vec![] }, landline_sms];
        let checked = check_rows(&rows);
        let column = |c: FormColumn| Some(c.letter().to_owned());
        assert_eq!(
            codes(&checked),
            vec![
                (3, column(FormColumn::UserName), ImportProblemCode::InvalidCharacters),
                (3, column(FormColumn::ContactPhone), ImportProblemCode::ForeignPhoneNumber),
                (3, column(FormColumn::ContactEmail), ImportProblemCode::InvalidEmail),
                (3, column(FormColumn::ClassCode), ImportProblemCode::InvalidClassCode),
                (3, column(FormColumn::HealthCenterCode), ImportProblemCode::Required),
                (3, column(FormColumn::DownloadFlag), ImportProblemCode::InvalidFlag),
                (3, column(FormColumn::InstitutionCode), ImportProblemCode::InstitutionNotRegistered),
                (3, column(FormColumn::FactorMethod), ImportProblemCode::InvalidFactorMethod),
                (4, None, ImportProblemCode::RowNotPacked),
                (5, column(FormColumn::FactorPhone), ImportProblemCode::UnreachableByMethod),
            ]
        );
        assert!(checked.problems[0].message.contains("「①」"), "{}", checked.problems[0].message);
        assert_eq!(checked.applications.len(), 1);
        let missing = MissingInstitution { class: None, health_center_code: None, particulars: None };
        assert_eq!(checked.problems[6].missing_institution, Some(Box::new(missing)), "neither E nor K was right");
        assert!(checked
            .problems
            .iter()
            .filter(|p| p.code != ImportProblemCode::InstitutionNotRegistered)
            .all(|p| p.missing_institution.is_none()));
    }

    #[test]
    fn a_row_without_its_institution_tells_what_it_says_of_it() {
        let mut row = valid(2, "北町 花子", "a@example.jp");
        row.cells[FormColumn::InstitutionCode.index()] = String::new();
        let checked = check_rows(&[row.clone()]);
        let missing = checked.problems[0].missing_institution.clone().expect("the row's particulars");
        assert_eq!(missing.class, AccountClass::from_code(row.cell(FormColumn::ClassCode)));
        assert_eq!(missing.health_center_code.as_deref(), Some(row.cell(FormColumn::HealthCenterCode)));
        assert!(missing.class.is_some() && !row.cell(FormColumn::HealthCenterCode).is_empty());
    }

    #[test]
    fn trailing_blank_rows_are_fine_and_an_empty_file_is_not() {
        let rows = [valid(2, "北町 花子", "a@example.jp"), RawRow { number: 3, cells: vec![" ".into()] }];
        assert!(check_rows(&rows).problems.is_empty());
        assert_eq!(codes(&check_rows(&rows[1..])), vec![(0, None, ImportProblemCode::EmptyFile)]);
    }

    #[test]
    fn the_same_person_twice_at_one_institution_is_refused() {
        let rows = [
            valid(2, "北町 花子", "a@example.jp"),
            valid(3, "北町　花子", "other@example.jp"),
            valid(4, "別の 人", "A@EXAMPLE.JP"),
            valid(5, "別の 人２", "b@example.jp"),
        ];
        let checked = check_rows(&rows);
        let found: Vec<_> = codes(&checked).into_iter().map(|(row, _, code)| (row, code)).collect();
        assert_eq!(found, vec![(3, ImportProblemCode::DuplicatePerson), (4, ImportProblemCode::DuplicatePerson)]);
        assert!(checked.problems[0].message.contains("2行目"), "{}", checked.problems[0].message);
        let mut sentinel = valid(3, "北町 花子", "a@example.jp");
        sentinel.cells[FormColumn::ClassCode.index()] = "16".into();
        assert!(check_rows(&[valid(2, "北町 花子", "a@example.jp"), sentinel]).problems.is_empty(), "R-5");
    }

    #[test]
    fn particulars_follow_what_a5_lists_for_the_class() {
        let clinic = InstitutionParticulars {
            name: "東町内科".into(),
            name_kana: "ヒガシマチナイカ".into(),
            postal_code: Some("９９９－０００１".into()),
            address: "デモ県東町1-1".into(),
            phone: "03-1234-5678".into(),
            beds: Some(0),
            insurance_code: Some("9913000001".into()),
            ..Default::default()
        };
        let checked = check_particulars(AccountClass::Notifiable, &clinic).unwrap();
        assert_eq!(checked.postal_code.as_deref(), Some("999-0001"));
        let both = InstitutionParticulars { non_insurance: true, ..clinic.clone() };
        let fields = |result: Result<_, Vec<FieldError>>| -> Vec<String> {
            result.err().unwrap_or_default().into_iter().map(|e| e.field).collect()
        };
        assert_eq!(fields(check_particulars(AccountClass::Notifiable, &both)), ["insurance_code"]);
        let sentinel = InstitutionParticulars { facility_type: Some(FacilityType::Clinic), ..clinic.clone() };
        assert_eq!(fields(check_particulars(AccountClass::Sentinel, &sentinel)), ["main_department", "has_pediatrics"]);
        let animal =
            InstitutionParticulars { postal_code: None, beds: None, name: "㈱動物病院".into(), ..clinic.clone() };
        assert_eq!(fields(check_particulars(AccountClass::Animal, &animal)), ["name", "postal_code"]);
        let hiragana = InstitutionParticulars { name_kana: "ひがしまちナイカ".into(), ..clinic.clone() };
        let refused = check_particulars(AccountClass::Notifiable, &hiragana).unwrap_err();
        assert_eq!((refused[0].field.as_str(), refused[0].code), ("name_kana", FieldErrorCode::NotKatakana));
        assert!(refused[0].message.contains("「ひ」「が」「し」「ま」「ち」"), "{}", refused[0].message);
        let half_width = InstitutionParticulars { name_kana: "ﾋｶﾞｼﾏﾁﾅｲｶ".into(), ..clinic.clone() };
        assert_eq!(check_particulars(AccountClass::Notifiable, &half_width).unwrap().name_kana, "ヒガシマチナイカ");
    }

    #[test]
    fn account_changes_follow_the_same_rules_as_the_form() {
        let change = AccountChange {
            contact_phone: Some("０９０１２３４５６７８".into()),
            second_factor: Some(crate::api::SecondFactorChange {
                method: SecondFactorMethod::Sms,
                destination: "03-1234-5678".into(),
            }),
            display_name: Some("①".into()),
            ..Default::default()
        };
        let fields: Vec<(String, FieldErrorCode)> =
            check_account_change(&change).unwrap_err().into_iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            fields,
            [
                ("display_name".to_owned(), FieldErrorCode::InvalidCharacters),
                ("second_factor".to_owned(), FieldErrorCode::UnreachableByMethod)
            ]
        );
        let fine =
            AccountChange { contact_phone: Some("０９０１２３４５６７８".into()), ..Default::default() };
        assert_eq!(check_account_change(&fine).unwrap().contact_phone.as_deref(), Some("090-1234-5678"));
    }

    #[test]
    fn class_codes_survive_a_spreadsheet_dropping_the_zero() {
        assert_eq!(AccountClass::from_code("9"), Some(AccountClass::Notifiable));
        assert_eq!(AccountClass::from_code("16"), Some(AccountClass::Sentinel));
        assert_eq!(AccountClass::from_code("1"), None);
    }

    fn applicant(name: &str, method: SecondFactorMethod, destination: &str) -> Applicant {
        Applicant {
            user_name: name.into(),
            contact_phone: "03-1234-5678".into(),
            contact_email: "a@kita.example.jp".into(),
            may_download_records: true,
            factor_method: method,
            factor_destination: destination.into(),
        }
    }

    #[test]
    fn online_applicants_are_checked_as_rows_of_the_form() {
        let institution = ApplyingInstitution {
            code: "V990000001",
            class: AccountClass::Animal,
            health_center_code: "9901",
            unlisted: None,
        };
        let applicants = [
            applicant("北町 一郎", SecondFactorMethod::Sms, "090-1111-2222"),
            applicant("北町 二郎", SecondFactorMethod::Sms, "03-1234-5678"),
        ];
        let rows = applicant_rows(&applicants, institution);
        assert_eq!(rows.iter().map(|row| row.number).collect::<Vec<_>>(), [1, 2]);
        let checked = check_rows(&rows);
        let first = &checked.applications[0];
        assert_eq!((first.class, first.institution.code()), (AccountClass::Animal, Some("V990000001")));
        assert_eq!((first.health_center_code.as_str(), first.download_allowed), ("9901", true));
        assert_eq!(first.factor_destination, "090-1111-2222");
        // SMS cannot reach a landline: reported at the SMS number's column of the second row.
        assert_eq!(codes(&checked), [(2, Some("AL".to_owned()), ImportProblemCode::UnreachableByMethod)]);
        let by_mail = applicant("北町 三郎", SecondFactorMethod::Email, "c@kita.example.jp");
        let rows = applicant_rows(&[by_mail], institution);
        assert_eq!(check_rows(&rows).applications[0].factor_destination, "c@kita.example.jp");
    }
    /// A sentinel clinic missing from the master, as a row describes it in AO … AY.
    fn unlisted_clinic(number: u32, name: &str, email: &str) -> RawRow {
        let mut raw = valid(number, name, email);
        raw.cells[FormColumn::ClassCode.index()] = "16".into();
        raw.cells[FormColumn::InstitutionCode.index()] = String::new();
        let particulars = [
            (Particular::Name, "東町こどもクリニック"),
            (Particular::NameKana, "ﾋｶﾞｼﾏﾁｺﾄﾞﾓｸﾘﾆｯｸ"),
            (Particular::Address, "デモ県東町2-2"),
            (Particular::Phone, "０３－２２２２－３３３３"),
            (Particular::Beds, "０"),
            (Particular::FacilityType, "2"),
            (Particular::MainDepartment, "小児科"),
            (Particular::HasPediatrics, "1"),
        ];
        for (particular, value) in particulars {
            raw.cells[FormColumn::Institution(particular).index()] = value.into();
        }
        raw
    }

    #[test]
    fn particulars_columns_follow_an() {
        assert_eq!(FormColumn::Institution(Particular::Name).index(), 40);
        assert_eq!(FormColumn::Institution(Particular::HasPediatrics).index(), 50);
    }

    #[test]
    fn a_row_without_a_code_carries_its_institution_checked_by_the_registration_rule() {
        let checked = check_rows(&[unlisted_clinic(2, "北町 花子", "a@example.jp")]);
        assert!(checked.problems.is_empty(), "{:?}", checked.problems);
        let NamedInstitution::Unlisted(particulars) = &checked.applications[0].institution else {
            panic!("AJ is blank: {:?}", checked.applications[0].institution);
        };
        assert_eq!(particulars.name_kana, "ヒガシマチコドモクリニック");
        assert_eq!(particulars.phone, "0322223333");
        assert_eq!((particulars.beds, particulars.facility_type), (Some(0), Some(FacilityType::Clinic)));
        assert_eq!(particulars.has_pediatrics, Some(true));
        assert_eq!(check_particulars(AccountClass::Sentinel, particulars).as_ref(), Ok(particulars));
    }

    #[test]
    fn wrong_or_missing_particulars_are_reported_at_their_columns() {
        let mut row = unlisted_clinic(2, "北町 花子", "a@example.jp");
        let mut set = |particular: Particular, value: &str| {
            row.cells[FormColumn::Institution(particular).index()] = value.into();
        };
        set(Particular::NameKana, "ひがし");
        set(Particular::Beds, "many");
        set(Particular::HasPediatrics, "");
        let mut notifiable = unlisted_clinic(3, "南町 一郎", "b@example.jp");
        notifiable.cells[FormColumn::ClassCode.index()] = "09".into();
        notifiable.cells[FormColumn::Institution(Particular::InsuranceCode).index()] = "9913000001".into();
        notifiable.cells[FormColumn::Institution(Particular::NonInsurance).index()] = "1".into();
        let mut facility = unlisted_clinic(4, "西町 二郎", "c@example.jp");
        facility.cells[FormColumn::Institution(Particular::FacilityType).index()] = "3".into();
        let checked = check_rows(&[row, notifiable, facility]);
        let at = |letter: &str| Some(letter.to_owned());
        assert_eq!(
            codes(&checked),
            [
                (2, at("AT"), ImportProblemCode::InvalidNumber),
                (2, at("AP"), ImportProblemCode::NotKatakana),
                (2, at("AY"), ImportProblemCode::Required),
                (3, at("AQ"), ImportProblemCode::Required),
                (3, at("AU"), ImportProblemCode::Inconsistent),
                (4, at("AW"), ImportProblemCode::InvalidValue),
            ],
            "every problem at once; an unreadable cell only as unreadable"
        );
        assert!(
            checked.problems[0].message.starts_with("2行目 AT列（許可病床数）："),
            "{}",
            checked.problems[0].message
        );
        assert!(checked.problems[1].message.contains("「ひ」"), "{}", checked.problems[1].message);
        assert!(checked.applications.is_empty());
    }

    #[test]
    fn one_person_twice_at_one_unlisted_institution_is_refused() {
        let first = unlisted_clinic(2, "北町 花子", "a@example.jp");
        let mut elsewhere = unlisted_clinic(4, "北町 花子", "a@example.jp");
        elsewhere.cells[FormColumn::Institution(Particular::Name).index()] = "西町医院".into();
        let rows = [first.clone(), unlisted_clinic(3, "北町　花子", "z@example.jp"), elsewhere];
        let found: Vec<_> = codes(&check_rows(&rows)).into_iter().map(|(row, _, code)| (row, code)).collect();
        assert_eq!(found, [(3, ImportProblemCode::DuplicatePerson)]);
    }

    #[test]
    fn an_online_application_for_an_unlisted_institution_becomes_rows_without_a_code() {
        let particulars = InstitutionParticulars {
            name: "東町動物病院".into(),
            name_kana: "ヒガシマチドウブツビョウイン".into(),
            postal_code: Some("9990002".into()),
            address: "デモ県東町3-3".into(),
            phone: "03-3333-4444".into(),
            ..Default::default()
        };
        let institution = ApplyingInstitution {
            code: "9910000001",
            class: AccountClass::Animal,
            health_center_code: "9901",
            unlisted: Some(&particulars),
        };
        let rows = applicant_rows(&[applicant("北町 一郎", SecondFactorMethod::Sms, "090-1111-2222")], institution);
        assert_eq!(rows[0].cell(FormColumn::InstitutionCode), "");
        let checked = check_rows(&rows);
        let expected = check_particulars(AccountClass::Animal, &particulars).unwrap();
        assert_eq!(checked.applications[0].institution, NamedInstitution::Unlisted(expected.clone()));
        let registered = InstitutionParticulars { name: "東町 動物病院".into(), ..expected.clone() };
        assert!(same_institution(&registered, &expected));
        // Another form or request may write the name in half-width katakana or full-width digits.
        let clinic = |name: &str| InstitutionParticulars { name: name.into(), ..expected.clone() };
        assert!(same_institution(&clinic("東町ｸﾘﾆｯｸ第２"), &clinic("東町クリニック 第2")));
        assert!(!same_institution(&clinic("東町クリニック第1"), &clinic("東町クリニック第2")));
        let other_phone = InstitutionParticulars { phone: "03-3333-4445".into(), ..expected.clone() };
        assert!(!same_institution(&other_phone, &expected));
    }
}
