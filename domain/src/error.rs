//! The API's error body: a stable machine-readable code plus a message in Japanese (the UI's language).
//! Clients translate by code; the message is there for people reading raw responses.

use std::fmt;
use std::ops::Deref;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::i18n::{Lang, Text};
use crate::lazy::Lazy;

/// Stable error codes of the HTTP API. Never rename a variant: clients match on the string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::EnumIter)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request body is not valid JSON or does not have the expected shape.
    MalformedRequest,
    /// The body parsed but its content breaks a form rule; see `fields`.
    ValidationFailed,
    /// Wrong user ID or password (deliberately the same for both, so IDs cannot be probed).
    InvalidCredentials,
    /// No valid session: log in first.
    Unauthenticated,
    /// Logged in, but this account may not do this.
    Forbidden,
    /// No such resource, or not visible to this account.
    NotFound,
    /// The same notification id was already used for different content.
    NotificationConflict,
    /// The HTTP method is not supported on this path.
    MethodNotAllowed,
    /// The disease code is not in the catalog.
    UnknownDisease,
    /// Something failed inside the server; details are in the server log, not here.
    Internal,
    /// The password was right; now the one-time code (or a passkey) is needed.
    SecondFactorRequired,
    /// The one-time code is wrong.
    InvalidCode,
    /// The one-time code has expired, was used, or had too many wrong tries: ask for a new one.
    CodeExpired,
    /// Too many failed attempts: wait `retry_after_seconds`.
    TooManyAttempts,
    /// A new code was asked for too soon after the last one: wait `retry_after_seconds`.
    ResendTooSoon,
    /// The password must be changed before anything else (first login, reset or expiry).
    PasswordChangeRequired,
    /// The new password breaks the password rules; see `password_rules`.
    PasswordRejected,
    /// The account is suspended (利用停止): it may be resumed.
    AccountSuspended,
    /// The account was deleted: it can never be used again.
    AccountDeleted,
    /// The e-mail address or phone number for the second factor is not valid.
    InvalidDestination,
    /// The code could not be delivered (mail server or SMS/voice gateway failed).
    DeliveryFailed,
    /// The passkey could not be registered or did not verify.
    PasskeyFailed,
    /// This server has no public URL configured, so passkeys cannot be used.
    PasskeysUnavailable,
    /// The notification's status does not allow this step (e.g. returning an accepted one).
    InvalidTransition,
    /// A resubmission was based on an older revision; the 409 body carries the current version.
    StaleRevision,
    /// The account lacks the 個票・CSVダウンロードフラグ (R-6) that individual records and CSV exports need.
    DownloadNotPermitted,
    /// The server cannot serve now (its database is unreachable): try again later.
    Unavailable,
    /// An uploaded file (application form, master) has problems; see `problems`. Nothing was imported.
    ImportRejected,
    /// The one-time CSV of initial passwords was downloaded already; the passwords are gone.
    CredentialsGone,
    /// The account request was approved or rejected already (by another sysadmin, or in another tab).
    RequestDecided,
    /// Too many logins are waiting for their password check (a login storm): try again after
    /// `retry_after_seconds` (also the `Retry-After` header of the 503).
    LoginBusy,
    /// todoke is stopped for maintenance (P-1): new work is refused until the stop ends; the 503's
    /// `maintenance` says why and until when, `Retry-After` when to try again. Nothing is lost: the
    /// app keeps drafts and the outbox on the device and sends them after the stop.
    Maintenance,
    /// The same sentinel report id was already used for different content.
    ReportConflict,
    /// The site's report for this kind and period exists: a correction names its current revision
    /// (`based_on_revision`); the 409 body carries the current version.
    ReportAlreadyFiled,
    /// A state-changing request came from another site (its `Origin` or `Sec-Fetch-Site` is not
    /// todoke's own): refused as a possible cross-site request forgery.
    CrossOriginRefused,
    /// Changing the second factor or registering a passkey needs the current password (or a
    /// second-factor check) within the last few minutes: `POST /me/reauthentication` first.
    ReauthenticationRequired,
    /// An `Authorization: Bearer` API token that is unknown, expired or revoked, or whose account may
    /// no longer file for the token's institution.
    InvalidApiToken,
    /// A subject's link (issue 19) is wrong, expired, revoked or spent; which of these is not said.
    LinkInvalid,
    /// A subject's link must first be confirmed with the subject's birth date.
    LinkConfirmationRequired,
    /// The birth date does not match; after a few wrong ones the link stops working.
    LinkConfirmationFailed,
    /// A subject's link has sent the day's reports already (`REPORTS_PER_DAY`): again tomorrow.
    DailyReportsUsedUp,
    /// A code this client does not know yet (a newer server): shown as a generic error.
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    pub fn message(self, lang: Lang) -> &'static str {
        self.text().get(lang)
    }

    fn text(self) -> Text {
        match self {
            Self::MalformedRequest => {
                Text::new("送信内容の形式が正しくありません。", "The request is not in the expected format.")
            }
            Self::ValidationFailed => Text::new(
                "入力内容に誤りがあります。各項目のメッセージを確認してください。",
                "Some entries need correcting; see the message at each field.",
            ),
            Self::InvalidCredentials => {
                Text::new("ユーザIDまたはパスワードが正しくありません。", "The user ID or password is incorrect.")
            }
            Self::Unauthenticated => Text::new("ログインしてください。", "Please log in."),
            Self::Forbidden => {
                Text::new("この操作を行う権限がありません。", "Your account is not permitted to do this.")
            }
            Self::NotFound => Text::new("指定されたデータは見つかりません。", "The requested item was not found."),
            Self::NotificationConflict => Text::new(
                "この届出IDは別の内容で既に送信されています。",
                "This notification ID was already submitted with different content.",
            ),
            Self::MethodNotAllowed => {
                Text::new("この操作には対応していません。", "This operation is not supported here.")
            }
            Self::UnknownDisease => Text::new(
                "指定された疾病は届出対象にありません。",
                "The disease is not in the notifiable disease catalog.",
            ),
            Self::Internal => Text::new(
                "サーバで問題が発生しました。しばらくしてから再度お試しください。",
                "Something went wrong on the server. Please try again later.",
            ),
            Self::SecondFactorRequired => Text::new("確認コードを入力してください。", "Enter the verification code."),
            Self::InvalidCode => Text::new("確認コードが正しくありません。", "The verification code is incorrect."),
            Self::CodeExpired => Text::new(
                "確認コードの有効期限が切れたか、使用できなくなりました。新しいコードを送信してください。",
                "The verification code has expired or can no longer be used. Request a new code.",
            ),
            Self::TooManyAttempts => Text::new(
                "失敗が続いたため、しばらくの間ログインできません。時間をおいて再度お試しください。",
                "Too many failed attempts. Please wait and try again.",
            ),
            Self::ResendTooSoon => Text::new(
                "確認コードは送信済みです。しばらく待ってから再送信してください。",
                "A code was just sent. Please wait before requesting another.",
            ),
            Self::PasswordChangeRequired => Text::new(
                "パスワードを変更してください。変更するまで他の操作はできません。",
                "Please change your password before doing anything else.",
            ),
            Self::PasswordRejected => Text::new(
                "このパスワードは使用できません。パスワードの条件を確認してください。",
                "This password cannot be used. Check the password rules.",
            ),
            Self::AccountSuspended => Text::new(
                "このアカウントは利用停止中です。システム管理者に連絡してください。",
                "This account is suspended. Contact your system administrator.",
            ),
            Self::AccountDeleted => Text::new(
                "このアカウントは削除されています。引き続き利用する場合は、所属機関のシステム利用管理者に新しいアカウントの申請を依頼してください。",
                "This account was deleted. To use todoke again, ask your institution's user manager to apply for a new account.",
            ),
            Self::InvalidDestination => Text::new(
                "メールアドレスまたは電話番号の形式が正しくありません。",
                "The e-mail address or phone number is not valid.",
            ),
            Self::PasskeyFailed => Text::new(
                "パスキーで認証できませんでした。もう一度お試しいただくか、確認コードを使用してください。",
                "The passkey could not be verified. Try again or use a verification code.",
            ),
            Self::PasskeysUnavailable => {
                Text::new("このサーバではパスキーを利用できません。", "Passkeys are not available on this server.")
            }
            Self::InvalidTransition => Text::new(
                "この届出の現在の状態では、この操作はできません。",
                "This step is not possible in the notification's current status.",
            ),
            Self::StaleRevision => Text::new(
                "届出は既に更新されています。最新の内容を確認してから再提出してください。",
                "The notification has changed since. Check the current version and resubmit.",
            ),
            Self::DownloadNotPermitted => Text::new(
                "個票・CSVをダウンロードする権限がありません。権限が必要な場合は管理者に依頼してください。",
                "Your account may not download individual records or CSV files. Ask an administrator if you need to.",
            ),
            Self::Unavailable => Text::new(
                "現在サービスを利用できません。しばらくしてから再度お試しください。",
                "The service is unavailable right now. Please try again later.",
            ),
            Self::ImportRejected => Text::new(
                "ファイルに誤りがあるため、登録しませんでした。各行のエラーを修正して再度アップロードしてください。",
                "Nothing was registered because the file has problems. Correct each row and upload it again.",
            ),
            Self::CredentialsGone => Text::new(
                "初期パスワードのファイルはダウンロード済みのため、サーバには残っていません。",
                "The initial-password file was downloaded already; the server no longer holds the passwords.",
            ),
            Self::RequestDecided => Text::new(
                "この申請は既に審査済みです。最新の状況を確認してください。",
                "This request was decided already. Reload to see its outcome.",
            ),
            Self::LoginBusy => Text::new(
                "ただいまログインが混み合っています。少し待ってから、もう一度ログインしてください。",
                "Many people are logging in right now. Please wait a moment and log in again.",
            ),
            Self::Maintenance => Text::new(
                "システムはメンテナンスのため停止しています。入力中の内容と未送信の届出は端末に保存され、停止が終わると送信されます。",
                "todoke is stopped for maintenance. What you entered and unsent filings stay on this device and are sent when the stop ends.",
            ),
            Self::ReportConflict => Text::new(
                "この報告IDは別の内容で既に送信されています。",
                "This report ID was already submitted with different content.",
            ),
            Self::ReportAlreadyFiled => Text::new(
                "この期間の報告は既に受け付けています。訂正する場合は最新の内容をもとに送信してください。",
                "This period's report was received already. To correct it, start from the current version.",
            ),
            Self::CrossOriginRefused => Text::new(
                "他のサイトからの操作は受け付けられません。todoke の画面から操作してください。",
                "Requests from other sites are refused. Use todoke's own pages.",
            ),
            Self::ReauthenticationRequired => Text::new(
                "本人確認のため、現在のパスワードを入力してください。",
                "To confirm it is you, enter your current password.",
            ),
            Self::InvalidApiToken => Text::new(
                "APIトークンが無効です（期限切れ、取り消し済み、または誤り）。新しいトークンを発行してください。",
                "The API token is not valid (expired, revoked or wrong). Create a new token.",
            ),
            Self::LinkInvalid => Text::new(
                "このリンクは無効か、有効期限が切れています。保健所にお問い合わせください。",
                "This link is not valid or has expired. Please contact the health center.",
            ),
            Self::LinkConfirmationRequired => Text::new(
                "本人確認のため、生年月日を入力してください。",
                "To confirm it is you, enter your date of birth.",
            ),
            Self::LinkConfirmationFailed => Text::new(
                "生年月日が一致しません。もう一度入力してください。",
                "The date of birth does not match. Please enter it again.",
            ),
            Self::DailyReportsUsedUp => Text::new(
                "本日の報告はこれ以上送れません（1日の上限に達しました）。明日また報告してください。急ぐときは保健所に電話してください。",
                "No more reports can be sent today (the daily limit is reached). Please report again tomorrow, or call the health center if it is urgent.",
            ),
            Self::Unknown => Text::new(
                "予期しないエラーが発生しました。しばらくしてから再度お試しください。",
                "An unexpected error occurred. Please try again later.",
            ),
            Self::DeliveryFailed => Text::new(
                "確認コードを送信できませんでした。しばらくしてから再度お試しください。",
                "The verification code could not be sent. Please try again later.",
            ),
        }
    }
}

/// One problem with one form field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The form field's id, e.g. `onset_date`.
    pub field: String,
    pub code: FieldErrorCode,
    /// The problem in Japanese, naming the field.
    pub message: String,
}

/// An error at `field`, its message in Japanese naming the field.
pub fn field_error(field: &str, code: FieldErrorCode) -> FieldError {
    FieldError { field: field.to_owned(), code, message: format!("{field}：{}", code.message(Lang::Ja)) }
}

/// Why a field was refused. Stable strings, like [`ErrorCode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::EnumIter)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    Required,
    UnknownField,
    NotApplicable,
    InvalidValue,
    TooLong,
    InvalidCharacters,
    InvalidDate,
    DateInFuture,
    DateOrder,
    InvalidNumber,
    OutOfRange,
    AgeMismatch,
    InvalidChoice,
    DuplicateChoice,
    /// Not a Japanese phone number of an accepted kind, or the wrong number of digits (V-2).
    InvalidPhoneNumber,
    /// A valid number that cannot take codes this way (SMS to a landline, a call to free dial).
    UnreachableByMethod,
    /// A number abroad (`+1…`, `001…`): only Japanese numbers are accepted (V-2).
    ForeignPhoneNumber,
    /// An era date outside its era, e.g. 平成31年5月1日 (V-3).
    InvalidEraDate,
    /// A フリガナ with something other than katakana, ー or spaces (the message names each character).
    NotKatakana,
    /// The answer contradicts another answer (e.g. a body whose outcome is not death).
    Inconsistent,
    /// The site is not designated as a sentinel of the report's type in this period (or at all).
    NotDesignated,
    /// The report's period has not begun yet.
    PeriodInFuture,
    /// A disease, age band or care item that the form's version in force does not have.
    NotInCatalog,
    /// A count below zero.
    NegativeCount,
    /// A count with a fraction.
    NotWholeNumber,
    /// The same disease × age band × sex (or disease × care item) twice in one report.
    DuplicateCell,
    /// More admissions with a care item than admissions of the disease.
    ExceedsAdmissions,
    /// No case in any cell, yet 「患者なし」 is not chosen: a zero report must say so.
    ZeroWithoutNoPatients,
    /// No organization of this kind with this code in the issuer's jurisdiction (or in the masters).
    OutsideJurisdiction,
    /// An institution missing from the master was registered already with this name and phone (A-5).
    AlreadyRegistered,
}

impl FieldErrorCode {
    pub fn message(self, lang: Lang) -> &'static str {
        let text = match self {
            Self::Required => Text::new("入力してください。", "This item is required."),
            Self::UnknownField => {
                Text::new("この様式にない項目です。", "This form has no such item.")
            }
            Self::NotApplicable => Text::new(
                "この回答では入力できない項目です。",
                "This item does not apply given the other answers.",
            ),
            Self::InvalidValue => Text::new(
                "値の形式が正しくありません。",
                "The value has the wrong form.",
            ),
            Self::TooLong => Text::new("文字数が多すぎます。", "The text is too long."),
            Self::InvalidCharacters => Text::new(
                "使用できない文字が含まれています。",
                "The text contains characters that cannot be used.",
            ),
            Self::InvalidDate => Text::new(
                "日付を YYYY-MM-DD の形式で入力してください。",
                "Enter the date as YYYY-MM-DD.",
            ),
            Self::DateInFuture => Text::new(
                "未来の日付は入力できません。",
                "The date cannot be in the future.",
            ),
            Self::DateOrder => Text::new(
                "他の日付と前後関係が矛盾しています。",
                "This date contradicts another date.",
            ),
            Self::InvalidNumber => Text::new("数字で入力してください。", "Enter a whole number."),
            Self::OutOfRange => Text::new(
                "入力できる範囲を超えています。",
                "The number is out of range.",
            ),
            Self::AgeMismatch => Text::new(
                "生年月日と診断日から計算した年齢と一致しません。",
                "The age does not match the birth date and diagnosis date.",
            ),
            Self::InvalidChoice => {
                Text::new("選択肢から選んでください。", "Choose one of the options.")
            }
            Self::DuplicateChoice => Text::new(
                "同じ選択肢が重複しています。",
                "An option was chosen twice.",
            ),
            Self::UnreachableByMethod => Text::new(
                "この方法では確認コードを受け取れない番号です。SMSは携帯電話の番号、音声通話はフリーダイヤル以外の番号を入力してください。",
                "Codes cannot reach this number this way: SMS needs a mobile number, and calls cannot go to free dial.",
            ),
            Self::InvalidPhoneNumber => Text::new(
                "日本国内の電話番号（固定電話・050・070/080/090・0120/0800）を正しい桁数で入力してください。",
                "Enter a Japanese phone number (fixed line, 050, 070/080/090, 0120/0800) with the right number of digits.",
            ),
            Self::ForeignPhoneNumber => Text::new(
                "海外の電話番号は登録できません。日本国内の電話番号を入力してください。",
                "Numbers abroad cannot be used. Enter a Japanese phone number.",
            ),
            Self::InvalidEraDate => Text::new(
                "その元号にこの日付はありません（例：平成31年5月1日は令和元年5月1日）。",
                "The era has no such date (e.g. Heisei 31-05-01 is Reiwa 1-05-01).",
            ),
            Self::NotKatakana => Text::new(
                "フリガナはカタカナで入力してください。",
                "Write the reading in katakana.",
            ),
            Self::OutsideJurisdiction => Text::new(
                "管轄内にこのコードの組織はありません（マスタを確認してください）。",
                "No organization with this code in your jurisdiction (check the masters).",
            ),
            Self::AlreadyRegistered => Text::new(
                "同じ名称・電話番号の機関が、この保健所の管轄に既に登録されています。",
                "An institution with this name and phone number is registered under this health center already.",
            ),
            Self::Inconsistent => Text::new(
                "他の回答と矛盾しています。",
                "This answer contradicts another answer.",
            ),
            Self::NotDesignated => Text::new(
                "この期間、この種別の定点に指定されていません。",
                "The site is not designated as this type of sentinel in this period.",
            ),
            Self::PeriodInFuture => Text::new(
                "まだ始まっていない期間の報告はできません。",
                "The period has not begun yet.",
            ),
            Self::NotInCatalog => Text::new(
                "この報告様式にない疾病・年齢区分・項目です。",
                "The report form has no such disease, age band or item.",
            ),
            Self::NegativeCount => Text::new(
                "0以上の数を入力してください。",
                "Enter a number of 0 or more.",
            ),
            Self::NotWholeNumber => Text::new(
                "小数は入力できません。整数で入力してください。",
                "Enter a whole number, without a fraction.",
            ),
            Self::DuplicateCell => Text::new(
                "同じ疾病・年齢区分・性別（項目）が重複しています。",
                "The same disease, age band and sex (or item) appears twice.",
            ),
            Self::ExceedsAdmissions => Text::new(
                "その疾病の入院患者数を超えています。",
                "More than the admissions of this disease.",
            ),
            Self::ZeroWithoutNoPatients => Text::new(
                "患者がいない場合は「患者なし」を選んでください。",
                "If there were no patients, choose \"no patients\".",
            ),
        };
        text.get(lang)
    }
}

/// The JSON body of every error response of the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub code: ErrorCode,
    /// The problem in Japanese.
    pub message: String,
    /// Present when `code` is `validation_failed`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// Present when `code` is `too_many_attempts`, `resend_too_soon` or `login_busy`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
    /// Present when `code` is `password_rejected`: every rule the new password breaks.
    #[serde(default, skip_serializing_if = "LazyList::is_absent")]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::password::PasswordRule>))]
    pub password_rules: LazyList<crate::password::PasswordRule>,
    /// Present when `code` is `import_rejected`: every problem of the file, by row and column.
    #[serde(default, skip_serializing_if = "LazyList::is_absent")]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::import::ImportProblem>))]
    pub problems: LazyList<crate::import::ImportProblem>,
    /// Present when `code` is `maintenance`: the stop in force, with the operator's message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintenance: Option<Box<crate::api::MaintenanceStop>>,
}

impl ApiError {
    pub fn new(code: ErrorCode) -> Self {
        Self {
            code,
            message: code.message(Lang::Ja).to_owned(),
            fields: Vec::new(),
            retry_after_seconds: None,
            password_rules: LazyList::default(),
            problems: LazyList::default(),
            maintenance: None,
        }
    }

    pub fn validation(fields: Vec<FieldError>) -> Self {
        Self { fields, ..Self::new(ErrorCode::ValidationFailed) }
    }
}

/// A list of an error body that only a few screens read (the rules a new password breaks, the
/// problems of an upload), kept as sent and parsed where read ([`Lazy`]): its parser is compiled into
/// those screens and not into every reader of an error (the app's main module). An empty list is not
/// sent.
#[derive(Clone, PartialEq, Eq)]
pub struct LazyList<T>(Lazy<Vec<T>>);

/// Absent (`derive` would ask `T: Default` for nothing).
impl<T> Default for LazyList<T> {
    fn default() -> Self {
        Self(Lazy::default())
    }
}

impl<T> LazyList<T> {
    /// Nothing to send: the field is left out of the body.
    pub fn is_absent(&self) -> bool {
        self.0.is_absent()
    }
}

impl<T: Serialize> From<Vec<T>> for LazyList<T> {
    fn from(list: Vec<T>) -> Self {
        Self(if list.is_empty() { Lazy::default() } else { list.into() })
    }
}

/// The list; a list that does not parse reads as empty (the error's code still says what happened).
impl<T: DeserializeOwned> Deref for LazyList<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.0.get().map_or(&[], Vec::as_slice)
    }
}

impl<T> fmt::Debug for LazyList<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_absent() {
            f.write_str("[]")
        } else {
            self.0.fmt(f)
        }
    }
}

impl<T> Serialize for LazyList<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_absent() {
            serializer.collect_seq(std::iter::empty::<()>())
        } else {
            self.0.serialize(serializer)
        }
    }
}

impl<'de, T> Deserialize<'de> for LazyList<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Lazy::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialize_as_stable_snake_case_strings() {
        let body = serde_json::to_value(ApiError::new(ErrorCode::NotificationConflict)).unwrap();
        assert_eq!(body["code"], "notification_conflict");
        assert_eq!(body["message"], "この届出IDは別の内容で既に送信されています。");
        assert!(body.get("fields").is_none(), "empty field list is omitted: {body}");
    }

    #[test]
    fn lazy_lists_are_sent_as_plain_lists_and_read_back_as_sent() {
        use crate::password::PasswordRule;
        let sent = ApiError {
            password_rules: vec![PasswordRule::Length, PasswordRule::RepeatedCharacter].into(),
            ..ApiError::new(ErrorCode::PasswordRejected)
        };
        let body = serde_json::to_string(&sent).unwrap();
        assert!(body.contains(r#""password_rules":["length","repeated_character"]"#), "{body}");
        assert!(!body.contains("problems"), "an empty list is omitted: {body}");

        let read: ApiError = serde_json::from_str(&body).unwrap();
        assert_eq!(read, sent);
        assert_eq!(*read.password_rules, [PasswordRule::Length, PasswordRule::RepeatedCharacter]);
        assert!(read.problems.is_empty());
        assert_eq!(serde_json::to_string(&read).unwrap(), body, "sent on byte for byte");
    }

    #[test]
    fn a_lazy_list_that_does_not_parse_reads_as_empty() {
        let read: ApiError =
            serde_json::from_str(r#"{"code":"password_rejected","message":"","password_rules":[1]}"#).unwrap();
        assert!(read.password_rules.is_empty());
    }
}
