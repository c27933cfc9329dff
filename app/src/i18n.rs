//! The UI's own words in Japanese and English, and the current display language (a signal in context).
//! Form labels and error messages are not here: they come from `domain`, so server and app say the same.
//! The wasm holds the Japanese only: the English of every text is fetched once English is chosen.

use domain::i18n::{has_english, install_english, EnglishTable, Lang, Text};
use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::offline::local_storage;

/// The display language chosen by the user, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct Language(pub RwSignal<Lang>);

const STORAGE_KEY: &str = "todoke.lang";

/// The English of every text, written by the build (scripts/post-build.sh, the english_texts crate)
/// and precached by the service worker after the filing path (scripts/sw-precache.sh).
const ENGLISH_TABLE: &str = "/i18n/en.txt";

impl Language {
    /// The language saved on this device, Japanese when none was chosen (and until English arrives).
    pub fn restore() -> Self {
        let saved = local_storage()
            .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
            .map_or(Lang::Ja, |code| if code == "en" { Lang::En } else { Lang::Ja });
        let language = Self(RwSignal::new(Lang::Ja));
        language.show(saved);
        language
    }

    pub fn toggle(self) {
        let next = match self.0.get_untracked() {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        };
        self.show(next);
        if let Some(storage) = local_storage() {
            // Only a preference: if the browser refuses storage, the choice lasts for this visit.
            let _ = storage.set_item(STORAGE_KEY, code(next));
        }
    }

    /// Shows `lang`: English once its table is here (fetched first if need be), so that no text is
    /// ever blank; Japanese stays while the table cannot be had (offline before the service worker
    /// kept it).
    fn show(self, lang: Lang) {
        if lang == Lang::Ja || has_english() {
            return self.set(lang);
        }
        spawn_local(async move {
            if load_english().await {
                self.set(Lang::En);
            }
        });
    }

    fn set(self, lang: Lang) {
        self.0.set(lang);
        set_document_lang(lang);
    }
}

/// Whether every text has its English now: the table installed, from the service worker's cache or
/// the server if it was not yet. Also for English typed while Japanese is shown (the disease search).
pub async fn load_english() -> bool {
    if !has_english() {
        let Some(table) = fetch_english().await else { return false };
        install_english(table);
    }
    true
}

async fn fetch_english() -> Option<EnglishTable> {
    let response = Request::get(ENGLISH_TABLE).send().await.ok().filter(|response| response.ok())?;
    let file = response.text().await.ok()?;
    // Kept for the rest of the visit: every text's English borrows from it.
    Some(EnglishTable::parse(file.leak()))
}

/// The language's code: its stored preference, `<html lang>`, the help guide's folder.
pub fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    }
}

/// Keeps `<html lang>` in step so screen readers pronounce the text in the right language.
fn set_document_lang(lang: Lang) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", code(lang));
    }
}

/// The current display language signal.
pub fn use_lang() -> RwSignal<Lang> {
    use_context::<Language>().map_or_else(|| RwSignal::new(Lang::Ja), |language| language.0)
}

/// A text that follows the display language, for use in views: `{tr(ui::LOGIN)}`.
pub fn tr(text: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || text.get(lang.get())
}

/// A text with `{name}` placeholders filled in, e.g. `fill(ui::RETRY_AFTER, lang, &[("n", "30")])`.
pub fn fill(text: Text, lang: Lang, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.get(lang).to_owned(), |filled, (name, value)| filled.replace(&format!("{{{name}}}"), value))
}

/// Every fixed text of the UI.
pub mod ui {
    use domain::api::SecondFactorMethod;
    use domain::i18n::Text;

    /// How a one-time code travels, as the UI names it.
    pub fn method(method: SecondFactorMethod) -> Text {
        match method {
            SecondFactorMethod::Email => METHOD_EMAIL,
            SecondFactorMethod::Sms => METHOD_SMS,
            SecondFactorMethod::Voice => METHOD_VOICE,
        }
    }

    pub const APP_NAME: Text = Text::new("todoke 感染症発生届", "todoke notifiable disease reports");
    pub const SWITCH_LANGUAGE: Text = Text::new("English", "日本語");
    pub const LOADING: Text = Text::new("読み込み中…", "Loading…");
    pub const LOGOUT: Text = Text::new("ログアウト", "Log out");
    pub const SIGNED_IN_AS: Text = Text::new("ログイン中", "Signed in");
    pub const BACK_HOME: Text = Text::new("ホームへ戻る", "Back to home");
    pub const ADMIN_TITLE: Text = Text::new("アカウント管理", "Account administration");
    pub const BULK_TITLE: Text = Text::new("申請様式の一括登録", "Bulk registration from the application form");
    pub const BULK_HELP: Text = Text::new(
        "システム利用申請様式（Excelブック .xlsx、またはCSV：UTF-8 / Shift_JIS）を選んで登録します。誤りが1件でもあれば、何も登録されません。",
        "Choose the application form (the .xlsx workbook, or CSV in UTF-8 or Shift_JIS). If any row is wrong, nothing is registered.",
    );
    pub const FORM_FILE: Text = Text::new("申請様式ファイル", "Application form file");
    pub const REGISTER: Text = Text::new("登録する", "Register");
    pub const PROBLEMS_FOUND: Text = Text::new(
        "{n}件の誤りがあるため、登録しませんでした。修正して再度アップロードしてください。",
        "Nothing was registered: {n} problems. Correct them and upload the file again.",
    );
    pub const ROW: Text = Text::new("行", "Row");
    pub const COLUMN: Text = Text::new("列", "Column");
    pub const PROBLEM: Text = Text::new("内容", "Details");
    pub const ISSUED: Text = Text::new(
        "{n}件のアカウントを発行しました。各利用者に通知メールを送ります。",
        "{n} accounts were issued. Each user is sent a letter by e-mail.",
    );
    pub const DOWNLOAD_ONCE: Text = Text::new(
        "ユーザID・初期パスワードのCSVを保存（1回のみ）",
        "Save the CSV of user IDs and initial passwords (once)",
    );
    pub const DOWNLOADED: Text = Text::new(
        "保存しました。サーバには残っていません。ファイルは安全に保管してください。",
        "Saved. The server no longer holds it: keep the file safe.",
    );
    pub const LETTERS_TITLE: Text = Text::new("通知メールの状況", "Account letters");
    pub const NO_LETTERS: Text = Text::new("通知メールはまだありません。", "No letters yet.");
    pub const RELOAD: Text = Text::new("最新の状況に更新", "Refresh");
    pub const USER_NAME: Text = Text::new("利用者名", "Name");
    pub const LETTER_TO: Text = Text::new("送信先", "To");
    pub const LETTER_STATE: Text = Text::new("状態", "Status");
    pub const LETTER_ERROR: Text = Text::new("失敗の理由", "Why it failed");
    pub const LETTER_PENDING: Text = Text::new("送信待ち", "Waiting to send");
    pub const LETTER_SENT: Text = Text::new("送信済み", "Sent");
    pub const LETTER_FAILED: Text = Text::new("送信失敗", "Failed");
    pub const RESEND: Text = Text::new("再送（新しい初期パスワード）", "Resend (new initial password)");
    pub const PAGE_NOT_FOUND: Text = Text::new("ページが見つかりません", "Page not found");
    pub const PAGE_NOT_FOUND_BODY: Text =
        Text::new("お探しのページは存在しないか、移動した可能性があります。", "The page does not exist or has moved.");

    // Errors that are not API error codes.
    pub const NETWORK_ERROR: Text = Text::new(
        "通信できませんでした。ネットワークの接続を確認して、もう一度お試しください。入力した内容は残っています。",
        "Could not reach the server. Check the network connection and try again. Your entries are kept.",
    );
    pub const UNEXPECTED_RESPONSE: Text = Text::new(
        "サーバから予期しない応答がありました。しばらくしてから再度お試しください。",
        "The server sent an unexpected response. Please try again later.",
    );
    pub const RETRY: Text = Text::new("再読み込み", "Reload");

    // Login.
    pub const LOGIN_TITLE: Text = Text::new("ログイン", "Log in");
    pub const USER_ID: Text = Text::new("ユーザID", "User ID");
    pub const PASSWORD: Text = Text::new("パスワード", "Password");
    pub const LOGIN_BUTTON: Text = Text::new("ログイン", "Log in");
    pub const LOGGING_IN: Text = Text::new("ログイン中…", "Logging in…");
    pub const LOGIN_REQUIRED_FIELDS: Text =
        Text::new("ユーザIDとパスワードを入力してください。", "Enter your user ID and password.");
    pub const FORGOT_PASSWORD: Text = Text::new("パスワードを忘れた場合", "Forgot your password?");

    // Waiting after a 429 answer.
    pub const RETRY_AFTER: Text = Text::new("あと{n}秒お待ちください。", "Please wait {n} more seconds.");
    pub const RETRY_NOW: Text = Text::new("もう一度お試しいただけます。", "You can try again now.");

    // One-time codes (login, password reset, second-factor change).
    pub const CODE_TITLE: Text = Text::new("確認コードの入力", "Enter the verification code");
    pub const CODE_SENT: Text = Text::new(
        "確認コードを{hint}に送信しました（{method}）。",
        "A verification code was sent to {hint} ({method}).",
    );
    pub const CODE_SENT_UNKNOWN: Text = Text::new(
        "登録されている送信先に確認コードを送信しました。",
        "A verification code was sent to your registered destination.",
    );
    pub const CODE_LABEL: Text = Text::new("確認コード", "Verification code");
    pub const CODE_SUPPORT: Text = Text::new("6桁の数字を入力してください。", "Enter the 6 digits.");
    pub const CODE_FORMAT: Text =
        Text::new("確認コードは6桁の数字で入力してください。", "Enter the verification code as 6 digits.");
    pub const CONFIRM: Text = Text::new("確認", "Confirm");
    pub const CONFIRMING: Text = Text::new("確認中…", "Checking…");
    pub const RESEND_CODE: Text = Text::new("コードを再送信", "Resend the code");
    pub const RESEND_CODE_WAIT: Text = Text::new("コードを再送信（あと{n}秒）", "Resend the code (in {n} s)");
    pub const CODE_RESENT: Text = Text::new("確認コードを再送信しました。", "A new verification code was sent.");
    pub const BACK_TO_LOGIN: Text = Text::new("ログイン画面に戻る", "Back to login");
    pub const METHOD_EMAIL: Text = Text::new("メール", "E-mail");
    pub const METHOD_SMS: Text = Text::new("SMS", "SMS");
    pub const METHOD_VOICE: Text = Text::new("音声通話", "voice call");

    // Password change (L-2, L-3).
    pub const PASSWORD_CHANGE_TITLE: Text = Text::new("パスワード変更", "Change password");
    pub const CURRENT_PASSWORD: Text = Text::new("現在のパスワード", "Current password");
    pub const CURRENT_PASSWORD_INITIAL: Text =
        Text::new("通知された初期パスワードを入力してください。", "Enter the initial password you were given.");
    pub const NEW_PASSWORD: Text = Text::new("新しいパスワード", "New password");
    pub const NEW_PASSWORD_AGAIN: Text = Text::new("新しいパスワード（確認）", "New password (again)");
    pub const NEW_PASSWORD_AGAIN_SUPPORT: Text =
        Text::new("確認のため、もう一度入力してください。", "Type the new password once more.");
    pub const PASSWORD_RULES_TITLE: Text = Text::new("パスワードの条件", "Password rules");
    pub const RULE_MET: Text = Text::new("（満たしています）", " (met)");
    pub const RULE_UNMET: Text = Text::new("（満たしていません）", " (not met)");
    pub const DISALLOWED_CHARACTERS: Text = Text::new("使用できない文字：{chars}", "Not allowed: {chars}");
    pub const PASSWORD_MISMATCH: Text =
        Text::new("確認用のパスワードが一致しません。", "The two new passwords do not match.");
    pub const PASSWORD_SUBMIT_HINT: Text = Text::new(
        "すべての条件を満たし、確認用のパスワードが一致すると送信できます。",
        "You can send it once every rule is met and both new passwords match.",
    );
    pub const CHANGE: Text = Text::new("変更する", "Change");
    pub const CHANGING: Text = Text::new("変更中…", "Changing…");
    pub const CANCEL: Text = Text::new("キャンセル", "Cancel");
    pub const PASSWORD_CHANGED: Text = Text::new("パスワードを変更しました。", "Your password was changed.");
    pub const REASON_INITIAL: Text = Text::new(
        "初回ログインのため、パスワードの変更が必要です。変更するまで他の画面は利用できません。",
        "This is your first login: please choose your own password. Other screens are available once it is changed.",
    );
    pub const REASON_RESET: Text = Text::new(
        "管理者によりパスワードがリセットされたため、パスワードの変更が必要です。変更するまで他の画面は利用できません。",
        "Your password was reset by an administrator: please choose a new one. Other screens are available once it is changed.",
    );
    pub const REASON_EXPIRED: Text = Text::new(
        "パスワードの有効期限が切れたため、パスワードの変更が必要です。変更するまで他の画面は利用できません。",
        "Your password has expired: please choose a new one. Other screens are available once it is changed.",
    );
    pub const PASSWORD_EXPIRES_ON: Text =
        Text::new("パスワードの有効期限は{date}です。", "Your password expires on {date}.");
    pub const CHANGE_PASSWORD_NOW: Text = Text::new("パスワードを変更する", "Change your password");

    // Forgotten password (L-4).
    pub const RESET_TITLE: Text = Text::new("パスワードの再設定", "Reset your password");
    pub const RESET_INTRO: Text = Text::new(
        "ユーザIDを入力してください。登録されている二要素認証の送信先に確認コードを送信します。",
        "Enter your user ID. A verification code will be sent to your registered two-factor destination.",
    );
    pub const USER_ID_REQUIRED: Text = Text::new("ユーザIDを入力してください。", "Enter your user ID.");
    pub const SEND_CODE: Text = Text::new("確認コードを送信", "Send a verification code");
    pub const SENDING_CODE: Text = Text::new("送信中…", "Sending…");
    pub const RESET_CODE_SENT: Text = Text::new(
        "ユーザIDが登録されている場合は、登録されている送信先に確認コードを送信しました。確認コードと新しいパスワードを入力してください。",
        "If the user ID exists, a verification code was sent to its registered destination. Enter the code and a new password.",
    );
    pub const RESET_BUTTON: Text = Text::new("パスワードを再設定する", "Reset the password");
    pub const RESET_DONE: Text = Text::new(
        "パスワードを再設定しました。新しいパスワードでログインしてください。",
        "Your password was reset. Log in with the new password.",
    );
    pub const OTHER_USER_ID: Text = Text::new("ユーザIDを入力し直す", "Enter another user ID");

    // Second-factor change (L-5).
    pub const SECOND_FACTOR_TITLE: Text = Text::new("二要素認証の変更", "Change two-factor authentication");
    pub const SECOND_FACTOR_CURRENT: Text =
        Text::new("現在の確認コードの受け取り方法", "Where verification codes go now");
    pub const SECOND_FACTOR_INTRO: Text = Text::new(
        "新しい送信先に確認コードを送ります。そのコードを入力して変更するまで、現在の設定は変わりません。",
        "A code is sent to the new destination. Nothing changes until you enter that code.",
    );
    pub const SECOND_FACTOR_METHOD: Text = Text::new("確認コードの受け取り方法", "How to receive codes");
    pub const EMAIL_ADDRESS: Text = Text::new("メールアドレス", "E-mail address");
    pub const EMAIL_SUPPORT: Text = Text::new("例：name@example.jp", "e.g. name@example.jp");
    pub const PHONE_NUMBER: Text = Text::new("電話番号", "Phone number");
    pub const PHONE_SUPPORT: Text = Text::new(
        "日本国内の電話番号を入力してください（例：090-1234-5678）。",
        "A Japanese phone number, e.g. 090-1234-5678.",
    );
    pub const DESTINATION_REQUIRED: Text =
        Text::new("メールアドレスまたは電話番号を入力してください。", "Enter an e-mail address or phone number.");
    pub const SECOND_FACTOR_CHANGED: Text = Text::new(
        "二要素認証の設定を変更しました。次回から新しい送信先に確認コードが届きます。",
        "Two-factor authentication was changed. Codes now go to the new destination.",
    );
    pub const OTHER_DESTINATION: Text = Text::new("送信先を入力し直す", "Enter another destination");

    // Re-authentication before changing how one logs in.
    pub const REAUTHENTICATION_TITLE: Text = Text::new("本人確認", "Confirm it is you");
    pub const REAUTHENTICATION_INTRO: Text = Text::new(
        "ログインしてから時間がたっているため、二要素認証の変更やパスキーの登録の前に現在のパスワードを入力してください。",
        "Some time has passed since you logged in: enter your current password before changing two-factor authentication or registering a passkey.",
    );
    pub const REAUTHENTICATED: Text =
        Text::new("本人確認ができました。もう一度操作してください。", "Confirmed. Please do it again now.");

    // Passkeys.
    pub const PASSKEYS_TITLE: Text = Text::new("パスキー", "Passkeys");
    pub const PASSKEYS_INTRO: Text = Text::new(
        "パスキーを登録すると、ログインの際に確認コードの代わりにこの端末の生体認証や画面ロックを使えます。",
        "With a passkey, you can log in with this device's biometrics or screen lock instead of a code.",
    );
    pub const PASSKEYS_REGISTERED: Text = Text::new("登録済みのパスキー: {n}", "Registered passkeys: {n}");
    pub const REGISTER_PASSKEY: Text = Text::new("パスキーを登録", "Register a passkey");
    pub const REGISTERING_PASSKEY: Text = Text::new("登録中…", "Registering…");
    pub const PASSKEY_REGISTERED: Text =
        Text::new("パスキーを登録しました。次回から確認コードの代わりに使えます。", "The passkey was registered.");
    pub const LOGIN_WITH_PASSKEY: Text = Text::new("パスキーでログイン", "Log in with a passkey");

    // Personal API tokens (issue 20).
    pub const API_TOKENS_TITLE: Text = Text::new("APIトークン", "API tokens");
    pub const API_TOKENS_INTRO: Text = Text::new(
        "電子カルテなどのシステムから、あなたの医療機関の届出を提出するためのトークンです。提出と受付内容の確認だけに使え、期限が来るか取り消すと使えなくなります。",
        "A token lets a system such as an electronic medical record file your institution's notifications. It can only file and read receipts, and stops working when it expires or is revoked.",
    );
    pub const API_TOKEN_NAME: Text = Text::new("用途（システム名など）", "What it is for (e.g. the system's name)");
    pub const API_TOKEN_DAYS: Text = Text::new("有効日数（1〜365日）", "Valid for (1–365 days)");
    pub const CREATE_API_TOKEN: Text = Text::new("トークンを発行", "Create a token");
    pub const CREATING_API_TOKEN: Text = Text::new("発行中…", "Creating…");
    pub const API_TOKEN_SHOWN_ONCE: Text = Text::new(
        "トークンを発行しました。この画面を閉じると二度と表示されません。今すぐシステムに設定してください。",
        "The token was created. It is shown only now: set it in the system before leaving this page.",
    );
    pub const API_TOKEN_ACTIVE: Text = Text::new("有効", "Active");
    pub const API_TOKEN_EXPIRED: Text = Text::new("期限切れ", "Expired");
    pub const API_TOKEN_REVOKED: Text = Text::new("取消済み", "Revoked");
    pub const API_TOKEN_EXPIRES: Text = Text::new("有効期限", "Expires");
    pub const API_TOKEN_LAST_USED: Text = Text::new("最終使用", "Last used");
    pub const API_TOKEN_NEVER_USED: Text = Text::new("未使用", "Never");
    pub const REVOKE_API_TOKEN: Text = Text::new("取り消す", "Revoke");
    pub const USING_PASSKEY: Text = Text::new("パスキーを確認中…", "Checking the passkey…");
    pub const OR_USE_PASSKEY: Text = Text::new(
        "確認コードの代わりに、登録済みのパスキーも使えます。",
        "You can also use your passkey instead of the code.",
    );
    pub const PASSKEY_CANCELLED: Text =
        Text::new("パスキーの操作を中止しました。", "The passkey request was cancelled.");
    pub const PASSKEY_ALREADY_REGISTERED: Text =
        Text::new("この端末のパスキーは登録済みです。", "A passkey on this device is already registered.");
    pub const PASSKEY_UNSUPPORTED: Text = Text::new(
        "この端末またはブラウザではパスキーを利用できません。",
        "Passkeys cannot be used on this device or browser.",
    );
    pub const PASSKEY_CEREMONY_FAILED: Text = Text::new(
        "パスキーを利用できませんでした。もう一度お試しください。",
        "The passkey could not be used. Please try again.",
    );
    pub const ACCOUNT_MENU: Text = Text::new("アカウント", "Account");

    pub const ACTIONS_COLUMN: Text = Text::new("操作", "Actions");

    // Home.
    pub const CREATE_NOTIFICATION: Text = Text::new("届出を作成", "New notification");
    pub const FIND_DISEASE: Text = Text::new("疾病名で探す", "Find a disease");
    pub const FIND_DISEASE_HINT: Text = Text::new(
        "病名、読み、通称、英語名のどれでも（例：ましん、はしか、TB、Measles）",
        "By name, reading, common name or English (e.g. ましん, はしか, TB, Measles)",
    );
    pub const DISEASES_FOUND: Text = Text::new("{n}件の疾病が見つかりました", "{n} diseases found");
    pub const NO_DISEASE_MATCHES: Text = Text::new(
        "「{query}」に一致する届出対象の疾病はありません。すべての疾病の一覧から選べます。",
        "No notifiable disease matches “{query}”. You can choose from the list of all diseases.",
    );
    pub const SHOW_ALL_DISEASES: Text = Text::new("すべての疾病の一覧を開く", "Open the list of all diseases");
    pub const FAMILIAR_DISEASES: Text =
        Text::new("この端末でよく届け出る疾病", "Diseases you often notify on this device");
    pub const ALL_DISEASES: Text = Text::new("すべての疾病から選ぶ（{n}疾病）", "Choose from all diseases ({n})");
    pub const SUBMITTED_NOTIFICATIONS: Text = Text::new("提出済みの届出", "Submitted notifications");
    pub const NO_SUBMITTED: Text = Text::new("提出済みの届出はありません。", "No notifications submitted yet.");
    pub const INBOX: Text = Text::new("受信一覧", "Inbox");
    pub const INBOX_EMPTY: Text = Text::new("受信した届出はありません。", "No notifications received.");
    pub const DEADLINE_IMMEDIATELY: Text = Text::new("直ちに届出", "Notify immediately");
    pub const DEADLINE_SEVEN_DAYS: Text = Text::new("7日以内に届出", "Notify within 7 days");

    // Notification fields shown in lists, receipts and details.
    pub const RECEIPT_NUMBER: Text = Text::new("受付番号", "Receipt number");
    pub const RECEIVED_AT: Text = Text::new("受付日時", "Received at");
    pub const HEALTH_CENTER: Text = Text::new("届出先保健所", "Health center");
    pub const INSTITUTION: Text = Text::new("医療機関", "Medical institution");
    pub const FILED_BY: Text = Text::new("届出者（ユーザID）", "Filed by (user ID)");
    pub const STATUS: Text = Text::new("状態", "Status");
    pub const STATUS_RECEIVED: Text = Text::new("受付済", "Received");
    pub const STATUS_RETURNED: Text = Text::new("差し戻し", "Returned for correction");
    pub const STATUS_ACCEPTED: Text = Text::new("受理", "Accepted");
    pub const STATUS_WITHDRAWN: Text = Text::new("取下げ", "Withdrawn");
    pub const PATIENT_HINT: Text = Text::new("患者", "Patient");

    // Form.
    pub const NOTIFICATION_SUFFIX: Text = Text::new("発生届", " notification");
    pub const FORM_INTRO: Text =
        Text::new("「必須」の項目はすべて入力してください。", "Fill in every item marked “Required”.");
    pub const REQUIRED: Text = Text::new("必須", "Required");
    pub const SUBMIT: Text = Text::new("送信する", "Send");
    pub const SENDING: Text = Text::new("送信中…", "Sending…");
    pub const TO_REVIEW: Text = Text::new("入力内容を確認する", "Review what you entered");
    pub const FORM_REVIEW_TITLE: Text = Text::new("入力内容の確認", "Review before sending");
    pub const FORM_REVIEW_INTRO: Text = Text::new(
        "この内容で送信します。誤りがあれば「修正する」で入力に戻れます。",
        "This is what will be sent. Use “Correct” to go back to the form.",
    );
    pub const BACK_TO_FORM: Text = Text::new("修正する", "Correct");
    pub const SECTIONS_DONE: Text = Text::new("{done}/{total}項目群を入力済み", "{done} of {total} sections done");
    pub const SECTION_DONE: Text = Text::new("入力済み", "Done");
    /// The fold of a section with no required item.
    pub const OPEN_OPTIONAL_SECTION: Text = Text::new("入力する（任意）", "Fill in (optional)");
    pub const SECTION_TO_FIX: Text = Text::new("要修正 {n}件", "{n} to fix");
    pub const AGE_COMPUTED: Text = Text::new(
        "生年月日と診断（検案）年月日から計算しました。",
        "Computed from the date of birth and the date of diagnosis.",
    );
    pub const CHOOSE_ONE: Text = Text::new("選択してください", "Choose one");
    pub const DATE_SUPPORT: Text = Text::new(
        "例：2025-05-01、令和7年5月1日、R7.5.1。元号を選べば 7/5/1 とも入力できます。",
        "e.g. 2025-05-01, 令和7年5月1日, R7.5.1; or 7/5/1 in the era chosen beside it.",
    );
    /// The era choice beside a date field, named after the field: 「元号（診断年月日）」.
    pub const DATE_ERA: Text = Text::new("元号（{field}）", "Era ({field})");
    /// The browser's calendar beside a date field.
    pub const DATE_CALENDAR: Text = Text::new("カレンダーから選ぶ（{field}）", "Pick from the calendar ({field})");
    pub const USE_STANDARD_FORM: Text = Text::new("「{text}」に置き換える", "Replace with “{text}”");
    pub const ERROR_SUMMARY_TITLE: Text = Text::new("入力内容を確認してください", "Please check your entries");
    pub const CONFLICT_HINT: Text = Text::new(
        "「提出済みの届出」で受付済みの内容を確認してください。",
        "Check the content already received under “Submitted notifications”.",
    );
    pub const LOGIN_AGAIN: Text = Text::new(
        "ログインし直すと、入力した内容の続きから送信できます。",
        "After logging in again you can continue with what you entered.",
    );

    // Receipt.
    pub const RECEIVED_TITLE: Text = Text::new("受付完了", "Received");
    pub const RECEIVED_BODY: Text = Text::new(
        "届出を受け付けました。受付番号を控えてください。",
        "Your notification was received. Please note the receipt number.",
    );
    pub const VIEW_DETAIL: Text = Text::new("届出内容を見る", "View the notification");

    // Detail.
    pub const RECEIPT_SECTION: Text = Text::new("受付情報", "Receipt");
    pub const NOT_ANSWERED: Text = Text::new("（未記入）", "(not entered)");
    /// The review screen's line after a section's answers: what was left out.
    pub const NOT_ANSWERED_ITEMS: Text = Text::new("未記入：{items}", "Not entered: {items}");
    pub const NOTIFICATION_NOT_FOUND: Text = Text::new("届出が見つかりません", "Notification not found");

    // Inbox filters (kept in the address).
    pub const FILTERS: Text = Text::new("絞り込み", "Filters");
    pub const FILTERS_ACTIVE: Text = Text::new("条件あり", "active");
    pub const DISEASE: Text = Text::new("疾病", "Disease");
    pub const ALL: Text = Text::new("すべて", "All");
    pub const RECEIVED_FROM: Text = Text::new("受付日（から）", "Received from");
    pub const RECEIVED_TO: Text = Text::new("受付日（まで）", "Received until");
    pub const APPLY_FILTERS: Text = Text::new("この条件で表示", "Apply");
    pub const CLEAR_FILTERS: Text = Text::new("条件をクリア", "Clear filters");
    pub const NONE_MATCH: Text = Text::new("条件に合う届出はありません。", "No notifications match these filters.");
    pub const FLAG_URGENT: Text = Text::new("直ちに", "Immediate");
    pub const FLAG_OVERDUE: Text = Text::new("期限超過", "Overdue");

    // CSV download.
    pub const CSV_TITLE: Text = Text::new("CSVダウンロード", "CSV download");
    pub const CSV_UTF8: Text = Text::new("CSV（UTF-8）をダウンロード", "Download CSV (UTF-8)");
    pub const CSV_SHIFT_JIS: Text =
        Text::new("CSV（Shift_JIS・Excel用）をダウンロード", "Download CSV (Shift_JIS, for Excel)");
    pub const CSV_ANIMAL_REPORT: Text =
        Text::new("獣医師の届出：{disease}（{animal}）", "Veterinarians' reports: {disease} ({animal})");
    pub const CSV_NEEDS_DISEASE: Text = Text::new(
        "CSVをダウンロードするには、「絞り込み」で疾病を選んでください（項目は疾病ごとの届出様式によります）。",
        "To download a CSV, choose a disease under “Filters” (the columns follow the disease's form).",
    );

    // Workflow (N-5): the health center's steps.
    pub const WORKFLOW_TITLE: Text = Text::new("保健所の対応", "Health center's decision");
    pub const ACCEPT: Text = Text::new("受理する", "Accept");
    pub const RETURN: Text = Text::new("差し戻す", "Return for correction");
    pub const TRANSFER: Text = Text::new("移送する", "Transfer");
    pub const CONFIRM_ACCEPT: Text = Text::new(
        "この届出を受理しますか？受理した後は、差し戻しや移送はできません。",
        "Accept this notification? Once accepted it can no longer be returned or transferred.",
    );
    pub const CONFIRM_RETURN: Text = Text::new(
        "このコメントを付けて、届出を医療機関に差し戻しますか？",
        "Return this notification to the medical institution with this comment?",
    );
    pub const CONFIRM_TRANSFER: Text = Text::new(
        "この届出を選んだ保健所に移送しますか？移送後、この保健所では表示されなくなります。",
        "Transfer this notification to the chosen health center? It will no longer be shown here.",
    );
    pub const ACCEPT_CONFIRMED: Text = Text::new("受理を確定する", "Confirm acceptance");
    pub const RETURN_CONFIRMED: Text = Text::new("差し戻しを確定する", "Confirm return");
    pub const TRANSFER_CONFIRMED: Text = Text::new("移送を確定する", "Confirm transfer");
    pub const ACCEPTED_DONE: Text = Text::new("届出を受理しました。", "The notification was accepted.");
    pub const RETURNED_DONE: Text =
        Text::new("届出を医療機関に差し戻しました。", "The notification was returned to the medical institution.");
    pub const TRANSFERRED_DONE: Text = Text::new("届出を移送しました。", "The notification was transferred.");
    pub const RETURN_COMMENT: Text =
        Text::new("差し戻しの理由（医療機関への連絡事項）", "What to correct (message to the institution)");
    pub const TRANSFER_TO: Text = Text::new("移送先の保健所", "Transfer to");
    pub const TRANSFER_REASON: Text = Text::new("移送の理由", "Reason for the transfer");
    pub const CHOOSE: Text = Text::new("選択してください", "Choose one");
    pub const SHOW_CURRENT: Text = Text::new("最新の状態を表示", "Show the current state");

    // The filer's withdrawal of a notification filed by mistake.
    pub const WITHDRAW_TITLE: Text = Text::new("届出の取下げ", "Withdrawing the notification");
    pub const WITHDRAW: Text = Text::new("届出を取り下げる", "Withdraw the notification");
    pub const WITHDRAW_REASON: Text = Text::new("取下げの理由", "Reason for withdrawing");
    pub const CONFIRM_WITHDRAW: Text = Text::new(
        "この届出を取り下げますか？取り下げた届出は元に戻せません。保健所には取下げと理由が伝わります。",
        "Withdraw this notification? This cannot be undone. The health center sees the withdrawal and the reason.",
    );
    pub const WITHDRAW_CONFIRMED: Text = Text::new("取下げを確定する", "Confirm withdrawal");
    pub const WITHDRAWN_DONE: Text = Text::new("届出を取り下げました。", "The notification was withdrawn.");

    // History.
    pub const HISTORY: Text = Text::new("処理の履歴", "History");
    pub const ACTOR: Text = Text::new("操作者（ユーザID）", "By (user ID)");
    pub const HEALTH_CENTER_NOW: Text = Text::new("担当保健所", "Responsible health center");
    pub const REVISION: Text = Text::new("版", "Revision");
    pub const REVISION_N: Text = Text::new("第{n}版", "revision {n}");
    pub const FIRST_REVISION: Text = Text::new("初版", "first version");
    pub const TRANSFERRED_FROM_TO: Text = Text::new("{from} → {to}", "{from} → {to}");
    pub const ACTION_RECEIVED: Text = Text::new("受付", "Received");
    pub const ACTION_RETURNED: Text = Text::new("差し戻し", "Returned for correction");
    pub const ACTION_ACCEPTED: Text = Text::new("受理", "Accepted");
    pub const ACTION_TRANSFERRED: Text = Text::new("移送", "Transferred");
    pub const ACTION_RESUBMITTED: Text = Text::new("再提出", "Resubmitted");
    pub const ACTION_WITHDRAWN: Text = Text::new("取下げ", "Withdrawn");

    // Returned notifications and their correction.
    pub const RETURNED_TITLE: Text = Text::new("差し戻された届出", "Returned for correction");
    pub const RETURNED_INTRO: Text = Text::new(
        "保健所から修正を求められています。コメントを確認し、修正して再提出してください。",
        "The health center asks for corrections. Read the comment, correct the notification and resubmit it.",
    );
    pub const RETURNED_BY: Text = Text::new("差し戻した保健所", "Returned by");
    pub const RETURNED_NOTICE: Text = Text::new(
        "この届出は保健所から差し戻されています。保健所のコメント：",
        "The health center returned this notification. Its comment:",
    );
    pub const CORRECT_AND_RESUBMIT: Text = Text::new("修正して再提出する", "Correct and resubmit");
    pub const CORRECTION_TITLE: Text = Text::new("届出の修正", "Correct a notification");
    pub const CORRECTION_HEADING: Text = Text::new("{title}の修正", "Correct: {title}");
    pub const CORRECTING_REVISION: Text = Text::new("第{n}版を修正しています。", "You are correcting revision {n}.");
    pub const RESUBMIT: Text = Text::new("再提出する", "Resubmit");
    pub const NOT_CORRECTABLE: Text = Text::new(
        "この届出は現在修正できません（状態：{status}）。",
        "This notification cannot be corrected now (status: {status}).",
    );
    pub const CHANGED_MEANWHILE: Text = Text::new(
        "修正を始めた後に、届出が更新されました（現在：第{n}版、{status}）。最新の版と入力中の内容で異なる項目は次のとおりです。入力中の内容はフォームに残っています。",
        "The notification changed after you began (now revision {n}, {status}). These items differ between it and your entries; your entries are still in the form.",
    );
    pub const RESTARTED_FROM_CURRENT: Text = Text::new(
        "最新の版（第{n}版、{status}）をフォームに読み込みました。以前に入力した内容は次のとおりです。必要な修正をもう一度行ってください。",
        "The current version (revision {n}, {status}) is now in the form. Your earlier entries are below; make the corrections again where needed.",
    );
    pub const RESTART_FROM_CURRENT: Text = Text::new("最新の版から修正し直す", "Start again from the current version");
    pub const NO_LONGER_CORRECTABLE: Text = Text::new(
        "この届出は既に再提出されたか、処理されています。修正は不要です。",
        "This notification was already resubmitted or processed; there is nothing to correct.",
    );
    pub const ITEM: Text = Text::new("項目", "Item");
    pub const CURRENT_VERSION: Text = Text::new("最新の版", "Current version");
    pub const YOUR_ENTRY: Text = Text::new("入力した内容", "Your entry");
    // What a resubmission changed (the detail of a resubmitted notification).
    pub const CHANGED_ITEMS_TITLE: Text = Text::new("再提出で変わった項目", "Changed by the resubmission");
    pub const CHANGED_ITEMS_INTRO: Text = Text::new(
        "差し戻された{before}と、再提出された{after}で異なる項目です。",
        "Items that differ between the returned {before} and the resubmitted {after}.",
    );
    pub const NO_CHANGED_ITEMS: Text =
        Text::new("内容は変わらずに再提出されました。", "It was resubmitted without changes.");
    pub const BEFORE_CHANGE: Text = Text::new("変更前", "Before");
    pub const AFTER_CHANGE: Text = Text::new("変更後", "After");

    // Veterinarians' animal reports (N-7).
    pub const DISEASE_IN_ANIMAL: Text = Text::new("{disease}（{animal}）", "{disease} ({animal})");
    pub const CREATE_ANIMAL_REPORT: Text = Text::new("獣医師の届出を作成", "New report by a veterinarian");
    pub const ANIMAL_REPORT_INTRO: Text = Text::new(
        "感染症法第13条により、次の動物の感染症を診断したときは、直ちに最寄りの保健所に届け出てください。",
        "Under Article 13 of the Infectious Diseases Control Law, report these diseases in these animals to the nearest health center immediately.",
    );
    pub const ANIMAL_REPORT_SUFFIX: Text = Text::new("獣医師届出", " report by a veterinarian");

    // Print (A4, like the paper form).
    pub const PRINT: Text = Text::new("印刷", "Print");
    pub const FILING_DOCTOR: Text = Text::new("届出医師", "Notifying doctor");
    pub const FILING_VETERINARIAN: Text = Text::new("届出獣医師", "Notifying veterinarian");
    pub const DOCTOR_NAME: Text = Text::new("医師の氏名", "Doctor's name");
    pub const VETERINARIAN_NAME: Text = Text::new("獣医師の氏名", "Veterinarian's name");
    pub const DOCTOR_INSTITUTION: Text =
        Text::new("従事する病院・診療所の名称", "Hospital or clinic where the doctor works");
    pub const VETERINARIAN_INSTITUTION: Text =
        Text::new("従事する飼育動物診療施設の名称", "Animal clinic where the veterinarian works");
    pub const FILER_ADDRESS: Text = Text::new("上記の所在地", "Its address");
    pub const FILER_PHONE: Text = Text::new("電話番号", "Phone number");
    /// A notification filed before todoke kept the filer's particulars.
    pub const NOT_RECORDED: Text = Text::new("記録なし", "Not recorded");
    pub const PRINT_FORM_TITLE: Text = Text::new("感染症発生届", "Infectious disease notification");
    pub const PRINT_ADDRESSEE: Text = Text::new(
        "都道府県知事（保健所設置市長・特別区長）　殿",
        "To the prefectural governor (the mayor of a city with a health center, the head of a special ward)",
    );
    pub const PRINT_REPORT_DATE: Text = Text::new("報告年月日", "Date of report");
    pub const PRINT_STATUTE: Text = Text::new(
        "感染症の予防及び感染症の患者に対する医療に関する法律第12条第1項の規定により、以下のとおり届け出る。",
        "Notified as follows under Article 12(1) of the Infectious Diseases Control Law.",
    );
    /// A veterinarian's report is made under Article 13.
    pub const PRINT_STATUTE_ANIMAL: Text = Text::new(
        "感染症の予防及び感染症の患者に対する医療に関する法律第13条第1項の規定により、以下のとおり届け出る。",
        "Reported as follows under Article 13(1) of the Infectious Diseases Control Law.",
    );

    // User managers' requests: the manager's screen and the sysadmins' review.
    pub const MANAGER_TITLE: Text = Text::new("利用管理", "User management");
    pub const APPLICATION_TITLE: Text = Text::new("新しいアカウントの申請", "Apply for new accounts");
    pub const APPLICATION_HELP: Text = Text::new(
        "職員1人につき1行入力してください。所属機関・分類・保健所はこの機関のものになります。承認されると、各職員の連絡先メールアドレスに利用者IDと初期パスワードが届きます。",
        "One row per member of staff. The institution, its class and health center are this institution's. Once approved, each person receives their user ID and initial password at their contact e-mail address.",
    );
    pub const UNLISTED_CHOICE: Text = Text::new(
        "マスタにない医療機関等のアカウントを申請する（例：定点に指定されたが医療機関マスタ（定点）にない）",
        "Apply for accounts of an institution missing from the master (e.g. newly a sentinel site the sentinel master lacks)",
    );
    pub const UNLISTED_HELP: Text = Text::new(
        "その医療機関等の分類と情報を入力してください。保健所はこの機関と同じです。システムアドミニストレータがこの情報で医療機関等を登録してから、アカウントを発行します。",
        "Give the institution's kind and particulars; its health center is this institution's. The sysadmin registers the institution from them, then issues the accounts.",
    );
    pub const APPLICANT_ROW: Text = Text::new("{n}行目", "Row {n}");
    pub const ADD_APPLICANT: Text = Text::new("行を追加", "Add a row");
    pub const REMOVE_APPLICANT: Text = Text::new("この行を削除", "Remove this row");
    pub const CONTACT_PHONE: Text = Text::new("連絡先電話番号", "Contact phone");
    pub const CONTACT_EMAIL: Text = Text::new("連絡先メールアドレス", "Contact e-mail");
    pub const CODE_DESTINATION: Text = Text::new("確認コードの送り先", "Where codes go");
    pub const DOWNLOAD_FLAG: Text = Text::new("個票・CSVダウンロード", "Record and CSV download");
    pub const ALLOW_DOWNLOAD: Text =
        Text::new("個票・CSVのダウンロードを許可する", "May download individual records and CSV");
    pub const REQUEST_NOTE: Text = Text::new("備考", "Note");
    pub const REQUEST_NOTE_OPTIONAL: Text = Text::new("備考（任意）", "Note (optional)");
    pub const SEND_REQUEST: Text = Text::new("申請を送信", "Send the request");
    pub const REQUEST_SENT: Text = Text::new(
        "申請を送信しました。システムアドミニストレータの審査をお待ちください。",
        "The request was sent. The system administrator will review it.",
    );
    pub const APPLICANT_PROBLEMS: Text =
        Text::new("{n}件の誤りがあります。各行の表示を確認してください。", "{n} problems: see the rows below.");
    pub const STAFF_TITLE: Text = Text::new("職員のアカウント", "Staff accounts");
    pub const NO_STAFF: Text = Text::new("職員のアカウントはまだありません。", "No staff accounts yet.");
    pub const STAFF_STATE: Text = Text::new("状態", "Status");
    pub const STAFF_ACTIVE: Text = Text::new("利用中", "Active");
    pub const STAFF_SUSPENDED: Text = Text::new("利用停止中", "Suspended");
    pub const STAFF_DELETED: Text = Text::new("削除済み", "Deleted");
    pub const ASK_FOR: Text = Text::new("申請…", "Request…");
    pub const ASK_ABOUT: Text = Text::new("{id} についての申請", "Request about {id}");
    pub const WHAT_TO_ASK: Text = Text::new("申請の内容", "What to ask for");
    pub const NEW_CONTACT_PHONE: Text =
        Text::new("新しい連絡先電話番号（変更する場合）", "New contact phone (if it changes)");
    pub const NEW_CONTACT_EMAIL: Text =
        Text::new("新しい連絡先メールアドレス（変更する場合）", "New contact e-mail (if it changes)");
    pub const MY_REQUESTS_TITLE: Text = Text::new("申請の状況", "Your requests");
    pub const NO_REQUESTS: Text = Text::new("申請はありません。", "No requests.");
    pub const REQUEST_KIND_ISSUE: Text = Text::new("新規アカウント（{n}名）", "New accounts ({n})");
    pub const REQUEST_KIND_CHANGE: Text = Text::new("連絡先の変更：{id}", "Change of particulars: {id}");
    pub const REQUEST_KIND_SUSPEND: Text = Text::new("利用停止：{id}", "Suspension: {id}");
    pub const REQUEST_KIND_RESUME: Text = Text::new("利用再開：{id}", "Resumption: {id}");
    pub const REQUEST_KIND_DELETE: Text = Text::new("削除：{id}", "Deletion: {id}");
    pub const REQUEST_KIND_RESET: Text = Text::new("パスワード再発行：{id}", "Password reset: {id}");
    pub const KIND_CHANGE: Text = Text::new("連絡先の変更", "Change of particulars");
    pub const KIND_SUSPEND: Text = Text::new("利用停止", "Suspension");
    pub const KIND_RESUME: Text = Text::new("利用再開", "Resumption");
    pub const KIND_DELETE: Text = Text::new("削除（退職・異動など）", "Deletion (left or moved)");
    pub const KIND_RESET: Text = Text::new(
        "パスワード再発行（新しい初期パスワードを本人にメールで送付）",
        "Password reset (a new initial password is e-mailed to the person)",
    );
    pub const REQUEST_PENDING: Text = Text::new("審査待ち", "Waiting for review");
    pub const REQUEST_APPROVED: Text = Text::new("承認済み", "Approved");
    pub const REQUEST_REJECTED: Text = Text::new("却下", "Rejected");
    pub const REQUEST_WITHDRAWN: Text = Text::new("取り下げ", "Withdrawn");
    pub const WITHDRAW_REQUEST: Text = Text::new("申請を取り下げる", "Withdraw the request");
    pub const REQUEST_INSTITUTION: Text = Text::new("所属機関", "Institution");
    pub const REQUESTED_BY: Text = Text::new("申請者・日時", "Requested by, at");
    pub const REJECTION_REASON: Text = Text::new("却下の理由", "Why it was rejected");
    pub const ISSUED_USER_IDS: Text = Text::new("発行された利用者ID", "User IDs issued");
    pub const YES: Text = Text::new("あり", "Yes");
    pub const NO: Text = Text::new("なし", "No");
    pub const REVIEW_TITLE: Text = Text::new("利用管理者からの申請", "Requests from user managers");
    pub const NO_PENDING_REQUESTS: Text =
        Text::new("審査待ちの申請はありません。", "No request is waiting for review.");
    pub const DECIDED_REQUESTS: Text = Text::new("審査済みの申請", "Decided requests");
    pub const APPROVE: Text = Text::new("承認する", "Approve");
    pub const CONFIRM_APPROVE: Text = Text::new("承認して実行する", "Approve and carry out");
    pub const APPROVE_WARNING: Text = Text::new(
        "承認すると、申請の内容がただちに実行されます（アカウントの発行・変更・停止・削除など）。",
        "Approving carries the request out at once (issuing, changing, suspending or deleting accounts).",
    );
    pub const REJECT: Text = Text::new("却下する", "Reject");
    pub const CONFIRM_REJECT: Text = Text::new("却下を確定", "Reject with this reason");
    pub const REQUEST_APPROVED_DONE: Text =
        Text::new("申請を承認し、実行しました。", "The request was approved and carried out.");
    pub const REQUEST_REJECTED_DONE: Text = Text::new("申請を却下しました。", "The request was rejected.");

    // Account lifecycle and masters screens
    pub const UPLOAD_PROGRESS: Text = Text::new("アップロードの進み具合", "Upload progress");
    pub const UPLOAD_STARTING: Text = Text::new("送信を始めています…", "Starting to send…");
    pub const UPLOAD_SENT: Text = Text::new("送信中… {n}%", "Sending… {n}%");
    pub const UPLOAD_CHECKING: Text =
        Text::new("送信しました。サーバで内容を確認しています…", "Sent. The server is checking the file…");
    pub const ACCOUNTS_TITLE: Text = Text::new("アカウント一覧", "Accounts");
    pub const FIND_ACCOUNT: Text = Text::new("ユーザID・利用者名・所属で探す", "Find by user ID, name or affiliation");
    pub const ACCOUNTS_SHOWN: Text = Text::new("{total}件中{n}件を表示", "{n} of {total} shown");
    pub const NO_MATCHING_ACCOUNTS: Text = Text::new("該当するアカウントはありません。", "No account matches.");
    pub const AFFILIATION: Text = Text::new("所属", "Affiliation");
    pub const ACCOUNT_ROLE: Text = Text::new("利用者区分", "Kind of account");
    pub const ACCOUNT_STATE: Text = Text::new("利用状態", "State");
    pub const ROLE_DOCTOR: Text = Text::new("医師（医療機関）", "Doctor (medical institution)");
    pub const ROLE_VETERINARIAN: Text = Text::new("獣医師（動物診療施設）", "Veterinarian (animal clinic)");
    pub const ROLE_HEALTH_CENTER_STAFF: Text = Text::new("保健所職員", "Health-center staff");
    pub const ROLE_PREFECTURE_STAFF: Text = Text::new("都道府県等職員", "Prefecture or city staff");
    pub const ROLE_NATIONAL_STAFF: Text = Text::new("国の職員", "National staff");
    pub const ROLE_SENTINEL_SITE_MANAGER: Text = Text::new("医療機関管理者（定点）", "Sentinel site manager");
    pub const ROLE_USER_MANAGER: Text = Text::new("システム利用管理者", "Institution user manager");
    pub const ROLE_SYSTEM_ADMINISTRATOR: Text = Text::new("システムアドミニストレータ", "System administrator");
    pub const ROLE_SUPERVISOR: Text = Text::new("システム利用統括責任者", "System use supervisor");
    pub const ROLE_NATIONAL_ADMINISTRATOR: Text = Text::new("国の管理者", "National administrator");
    pub const ACCOUNT_TITLE: Text = Text::new("アカウントの管理", "Manage an account");
    pub const ACCOUNT_NOT_FOUND: Text = Text::new(
        "このアカウントは見つかりません。ユーザIDが正しいか、管轄内のアカウントかを確認してください。",
        "No such account: check the user ID, and that the account is in your jurisdiction.",
    );
    pub const BACK_TO_ACCOUNTS: Text = Text::new("アカウント一覧へ戻る", "Back to the accounts");
    pub const NOT_REGISTERED: Text = Text::new("未登録", "None");
    pub const PARTICULARS_TITLE: Text = Text::new("登録内容の変更", "Change the particulars");
    pub const PARTICULARS_HELP: Text = Text::new(
        "利用者からの申請に基づいて変更してください。変更した項目だけが保存されます。",
        "Change what the user applied for; only the items you change are saved.",
    );
    pub const NEW_SECOND_FACTOR: Text = Text::new("新しい確認コードの送信先", "New destination for one-time codes");
    pub const NEW_SECOND_FACTOR_SUPPORT: Text = Text::new(
        "二要素認証を変更する場合だけ入力します。空欄なら今の設定のままです。",
        "Only to change the second factor; left empty, the current setting stays.",
    );
    pub const SAVE_CHANGES: Text = Text::new("変更を保存", "Save the changes");
    pub const NOTHING_CHANGED: Text = Text::new("変更された項目はありません。", "Nothing was changed.");
    pub const CHANGES_SAVED: Text = Text::new("変更を保存しました。", "The changes are saved.");
    pub const LIFECYCLE_TITLE: Text = Text::new("利用停止・削除・パスワード", "Suspension, deletion and password");
    pub const SUSPEND: Text = Text::new("利用停止する", "Suspend");
    pub const CONFIRM_SUSPEND: Text = Text::new(
        "このアカウントを利用停止しますか？ログイン中のセッションはすぐに終了し、再開するまでログインできません。",
        "Suspend this account? Its sessions end at once and it cannot log in until resumed.",
    );
    pub const SUSPENDED_DONE: Text = Text::new("利用停止しました。", "The account is suspended.");
    pub const RESUME: Text = Text::new("利用を再開する", "Resume");
    pub const CONFIRM_RESUME: Text =
        Text::new("このアカウントの利用を再開しますか？", "Resume this account? It may log in again.");
    pub const RESUMED_DONE: Text = Text::new("利用を再開しました。", "The account may log in again.");
    pub const DELETE_ACCOUNT: Text = Text::new("削除する", "Delete");
    pub const CONFIRM_DELETE: Text = Text::new(
        "このアカウントを削除しますか？削除したアカウントでは二度とログインできません（履歴と監査記録は残ります）。元に戻せません。",
        "Delete this account? It can never log in again (its history and the audit trail stay). This cannot be undone.",
    );
    pub const DELETED_DONE: Text = Text::new("削除しました。", "The account is deleted.");
    pub const RESET_PASSWORD: Text = Text::new("パスワードを初期化する", "Reset the password");
    pub const CONFIRM_RESET_PASSWORD: Text = Text::new(
        "パスワードを初期化しますか？今のパスワードは使えなくなり、ログイン中のセッションは終了します。新しい初期パスワードはこの画面に一度だけ表示されます。",
        "Reset the password? The current one stops working and the account's sessions end. The new initial password is shown on this screen once.",
    );
    pub const NEW_INITIAL_PASSWORD: Text = Text::new("新しい初期パスワード", "New initial password");
    pub const NEW_PASSWORD_ONCE: Text = Text::new(
        "この初期パスワードは今だけ表示され、サーバには残りません。利用者に安全な方法で伝えてください。利用者は次のログインでパスワードを変更します。",
        "This initial password is shown only now and the server does not keep it. Give it to the user safely; they change it at their next login.",
    );
    pub const RESEND_LETTER: Text = Text::new("通知メールを再送する", "Send the letter again");
    pub const CONFIRM_RESEND_LETTER: Text = Text::new(
        "通知メールを再送しますか？新しい初期パスワードが発行され、今のパスワードは使えなくなります。",
        "Send the letter again? A new initial password is issued and the current one stops working.",
    );
    pub const LETTER_RESENT: Text = Text::new("通知メールを送信待ちにしました。", "The letter is on its way.");
    pub const MASTERS_TITLE: Text = Text::new("マスタの取込み", "Import masters");
    pub const MASTERS_HELP: Text = Text::new(
        "マスタのCSVファイル（UTF-8 または Shift_JIS、1行目が見出し）を取り込みます。誤りが1件でもあれば何も取り込みません。コードで照合して新しいものを追加し、変わったものを更新します（以前の版は履歴に残ります）。ファイルにないコードは削除しません。",
        "Imports a master's CSV file (UTF-8 or Shift_JIS, the first row naming the columns). If any row is wrong, nothing is imported. Entries are matched by code: new ones are added, changed ones updated (the previous version stays in the history). Codes missing from the file are not removed.",
    );
    pub const MASTER_KIND: Text = Text::new("マスタの種類", "Master");
    pub const MASTER_HEALTH_CENTERS: Text = Text::new("保健所マスタ", "Health centers");
    pub const MASTER_NOTIFIABLE: Text = Text::new("医療機関マスタ（全数）", "Medical institutions (all cases)");
    pub const MASTER_SENTINEL: Text = Text::new("医療機関マスタ（定点）", "Sentinel sites");
    pub const MASTER_ANIMAL: Text = Text::new("動物診療施設マスタ", "Animal clinics");
    pub const MASTER_SENTINEL_DESIGNATIONS: Text = Text::new("定点指定マスタ", "Sentinel designations");
    pub const MASTER_COLUMNS: Text = Text::new(
        "見出し行の列名（この名前で列を読みます。順序は問いません）",
        "Column names of the header row (columns are read by name, in any order)",
    );
    pub const MASTER_VALUES: Text = Text::new(
        "非保険医療機関・小児科は 1 / 0（有 / 無）、病院診療所区分は 1 病院 / 2 診療所、許可病床数は数字で入力します。保健所コードは保健所マスタにあるものに限ります。",
        "非保険医療機関 and 小児科 take 1 / 0 (有 / 無), 病院診療所区分 1 hospital / 2 clinic, 許可病床数 a number. 保健所コード must be in the health-center master.",
    );
    pub const MASTER_FILE: Text = Text::new("マスタファイル（CSV）", "Master file (CSV)");
    pub const ENCODING: Text = Text::new("文字コード", "Encoding");
    pub const ENCODING_DETECT: Text = Text::new("自動判定", "Detect");
    pub const IMPORT: Text = Text::new("取り込む", "Import");
    pub const MASTER_IMPORTED: Text = Text::new(
        "{kind}を取り込みました：追加 {created}件、更新 {updated}件、変更なし {unchanged}件。",
        "{kind} imported: {created} added, {updated} updated, {unchanged} unchanged.",
    );
    pub const MASTER_PROBLEMS_FOUND: Text = Text::new(
        "{n}件の誤りがあるため、取り込みませんでした。修正して再度アップロードしてください。",
        "Nothing was imported: {n} problems. Correct them and upload the file again.",
    );
}
