//! Problems found in an uploaded table (an application form, A-2, or a master, A-7): each names its
//! row and column and carries a stable code with Japanese and English text, so that every problem
//! of a file can be reported at once and shown in a table.

use serde::{Deserialize, Serialize};

use crate::error::FieldErrorCode;
use crate::i18n::{Lang, Text};

/// Why a cell, a row or the file was refused. Stable strings, like [`crate::error::ErrorCode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportProblemCode {
    /// Neither CSV (UTF-8 or Shift_JIS) nor an .xlsx workbook, or not decodable.
    UnreadableFile,
    /// The header row (or a documented column) is missing.
    MissingHeader,
    /// No data rows.
    EmptyFile,
    /// More rows than one upload may hold.
    TooManyRows,
    /// A required item is empty.
    Required,
    /// An empty row before the last filled one: rows must be packed to the top.
    RowNotPacked,
    /// An environment-dependent or other unusable character (V-1); the detail names it.
    InvalidCharacters,
    /// A reading (名称（カナ）) with characters other than katakana; the detail names them.
    NotKatakana,
    TooLong,
    /// Not a Japanese phone number of an accepted kind, or the wrong number of digits (V-2).
    InvalidPhoneNumber,
    /// A number abroad: only Japanese numbers are accepted (V-2).
    ForeignPhoneNumber,
    /// A valid number that cannot take codes by the chosen method (SMS to a landline, a call to free dial).
    UnreachableByMethod,
    InvalidEmail,
    /// 所属機関分類コード other than 09, 16 or 11.
    InvalidClassCode,
    /// A flag other than 0 or 1.
    InvalidFlag,
    /// 二要素認証手段コード other than 1, 2 or 3.
    InvalidFactorMethod,
    /// Not a whole number (e.g. 許可病床数).
    InvalidNumber,
    /// Not one of the documented values.
    InvalidValue,
    /// The same person appears twice for one institution and account class; the detail names the other row.
    DuplicatePerson,
    /// The same code appears twice in one master file.
    DuplicateCode,
    /// The person already has an account of this class at this institution.
    AlreadyRegistered,
    /// The person is in another online application still waiting for review.
    AlreadyApplied,
    /// The institution code (AJ) is empty: the institution is not in the master and must be registered
    /// first, from the particulars of AO … AY (the detail says when they are missing).
    InstitutionNotRegistered,
    /// The cell contradicts another (e.g. both an insurance-institution code and "non-insurance").
    Inconsistent,
    UnknownHealthCenter,
    UnknownInstitution,
    /// 都道府県等 (or 中核市) code not in the health-center master.
    UnknownPrefecture,
    /// The code exists but belongs to another 都道府県等 than the administrator's.
    OutOfJurisdiction,
    /// The institution is of another kind than the account class, or under another health center than column K.
    InstitutionMismatch,
}

impl ImportProblemCode {
    pub fn message(self, lang: Lang) -> &'static str {
        match self.text() {
            Ok(text) => text.get(lang),
            Err(same) => same.message(lang),
        }
    }

    /// A cell's problem as the field error of the same rule says it (an institution's particulars, A-5).
    pub fn of_field(code: FieldErrorCode) -> Self {
        match code {
            FieldErrorCode::Required => Self::Required,
            FieldErrorCode::InvalidCharacters => Self::InvalidCharacters,
            FieldErrorCode::NotKatakana => Self::NotKatakana,
            FieldErrorCode::TooLong => Self::TooLong,
            FieldErrorCode::InvalidPhoneNumber => Self::InvalidPhoneNumber,
            FieldErrorCode::ForeignPhoneNumber => Self::ForeignPhoneNumber,
            FieldErrorCode::InvalidNumber => Self::InvalidNumber,
            FieldErrorCode::Inconsistent => Self::Inconsistent,
            _ => Self::InvalidValue,
        }
    }

    /// The text, or the field error whose text says the same.
    fn text(self) -> Result<Text, FieldErrorCode> {
        Ok(match self {
            Self::InvalidCharacters => return Err(FieldErrorCode::InvalidCharacters),
            Self::NotKatakana => return Err(FieldErrorCode::NotKatakana),
            Self::TooLong => return Err(FieldErrorCode::TooLong),
            Self::InvalidPhoneNumber => return Err(FieldErrorCode::InvalidPhoneNumber),
            Self::ForeignPhoneNumber => return Err(FieldErrorCode::ForeignPhoneNumber),
            Self::InvalidNumber => return Err(FieldErrorCode::InvalidNumber),
            Self::Inconsistent => return Err(FieldErrorCode::Inconsistent),
            Self::UnreadableFile => Text::new(
                "ファイルを読み取れません。CSV（UTF-8またはShift_JIS）かExcelブック（.xlsx）を指定してください。",
                "The file cannot be read. Upload CSV (UTF-8 or Shift_JIS) or an Excel workbook (.xlsx).",
            ),
            Self::MissingHeader => {
                Text::new("見出し行または必要な列がありません。", "The header row or a required column is missing.")
            }
            Self::EmptyFile => Text::new("登録する行がありません。", "The file has no rows to register."),
            Self::TooManyRows => {
                Text::new("一度に登録できる行数を超えています。", "The file has more rows than one upload may hold.")
            }
            Self::Required => Text::new("入力されていません。", "This item is required."),
            Self::RowNotPacked => Text::new(
                "空の行があります。行は上から詰めて入力してください。",
                "This row is empty: rows must be packed to the top.",
            ),
            Self::UnreachableByMethod => Text::new(
                "この二要素認証手段では確認コードを受け取れない番号です。SMSは携帯電話、電話はフリーダイヤル以外の番号にしてください。",
                "Codes cannot reach this number by the chosen method: SMS needs a mobile, calls cannot go to free dial.",
            ),
            Self::InvalidEmail => {
                Text::new("メールアドレスの形式が正しくありません。", "The e-mail address is not valid.")
            }
            Self::InvalidClassCode => Text::new(
                "所属機関分類コードは 09（医療機関）・16（医療機関管理者）・11（動物診療施設）のいずれかです。",
                "The account class code must be 09 (institution), 16 (sentinel site) or 11 (animal clinic).",
            ),
            Self::InvalidFlag => Text::new("0 または 1 を入力してください。", "Enter 0 or 1."),
            Self::InvalidFactorMethod => Text::new(
                "二要素認証手段コードは 1（メール）・2（SMS）・3（電話）のいずれかです。",
                "The two-factor method code must be 1 (e-mail), 2 (SMS) or 3 (voice call).",
            ),
            Self::InvalidValue => Text::new("値が正しくありません。", "The value is not one of the allowed ones."),
            Self::DuplicatePerson => Text::new(
                "同じ機関・同じ分類で同じ利用者が重複しています（1人1アカウント）。",
                "The same person appears twice for one institution and class (one account per person).",
            ),
            Self::DuplicateCode => Text::new("同じコードが重複しています。", "The same code appears twice."),
            Self::AlreadyApplied => Text::new(
                "この利用者は審査待ちの別の申請に含まれています。",
                "This person is in another application still waiting for review.",
            ),
            Self::AlreadyRegistered => Text::new(
                "この利用者はこの機関・分類のアカウントを既に持っています。",
                "This person already has an account of this class at this institution.",
            ),
            Self::InstitutionNotRegistered => Text::new(
                "所属機関コードが空欄です。マスタにない機関は、先に機関を登録してからアカウントを発行してください。",
                "The institution code is empty: register the institution missing from the master first, then issue the account.",
            ),
            Self::UnknownHealthCenter => {
                Text::new("保健所マスタにない保健所コードです。", "The health-center code is not in the master.")
            }
            Self::UnknownInstitution => Text::new(
                "医療機関マスタ・動物診療施設マスタにないコードです。",
                "The institution code is not in the master.",
            ),
            Self::UnknownPrefecture => {
                Text::new("都道府県等（中核市）のコードが正しくありません。", "The prefecture or city code is unknown.")
            }
            Self::OutOfJurisdiction => Text::new(
                "管轄外のコードです。自組織の管轄内の機関のみ登録できます。",
                "The code is outside your jurisdiction.",
            ),
            Self::InstitutionMismatch => Text::new(
                "機関の種別または管轄保健所が、所属機関分類コード・保健所コードと一致しません。",
                "The institution's kind or health center does not match the class code or health-center code.",
            ),
        })
    }
}

/// One problem of an uploaded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportProblem {
    /// The row as a spreadsheet numbers it (1 = the first line of the file); 0 for the file as a whole.
    pub row: u32,
    /// The column letter (`B`, `AJ`) for application forms, the header name for masters; absent for a whole row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    pub code: ImportProblemCode,
    /// The whole problem in Japanese, naming row and column, e.g. `3行目 C列（連絡先電話番号）：…`.
    pub message: String,
    /// With `institution_not_registered`: what the row says of the institution, so that registering
    /// it starts from that row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_institution: Option<Box<crate::application::MissingInstitution>>,
}

impl ImportProblem {
    /// A problem with its Japanese message; `column` is (letter or header, label) and `detail` is added
    /// after the code's message (e.g. the refused character, or the other row of a duplicate).
    pub fn new(row: u32, column: Option<(&str, &str)>, code: ImportProblemCode, detail: Option<&str>) -> Self {
        let place = match (row, column) {
            (0, None) => String::new(),
            (0, Some((_, label))) => format!("「{label}」列："),
            (row, None) => format!("{row}行目："),
            (row, Some((letter, label))) if letter == label => format!("{row}行目 「{label}」："),
            (row, Some((letter, label))) => format!("{row}行目 {letter}列（{label}）："),
        };
        let detail = detail.map(|detail| format!("（{detail}）")).unwrap_or_default();
        Self {
            row,
            column: column.map(|(letter, _)| letter.to_owned()),
            code,
            message: format!("{place}{}{detail}", code.message(Lang::Ja)),
            missing_institution: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_row_and_column() {
        let problem = ImportProblem::new(3, Some(("C", "連絡先電話番号")), ImportProblemCode::ForeignPhoneNumber, None);
        assert_eq!(
            problem.message,
            "3行目 C列（連絡先電話番号）：海外の電話番号は登録できません。日本国内の電話番号を入力してください。"
        );
        let whole = ImportProblem::new(0, None, ImportProblemCode::EmptyFile, None);
        assert_eq!(whole.message, "登録する行がありません。");
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["code"], "foreign_phone_number");
        assert_eq!(json["column"], "C");
    }
}
