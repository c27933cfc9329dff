//! The UI's own words in Japanese and English, and the current display language (a signal in context).
//! Form labels and error messages are not here: they come from `domain`, so server and app say the same.

use domain::i18n::{Lang, Text};
use leptos::prelude::*;

/// The display language chosen by the user, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct Language(pub RwSignal<Lang>);

const STORAGE_KEY: &str = "todoke.lang";

impl Language {
    /// The language saved on this device, Japanese when none was chosen.
    pub fn restore() -> Self {
        let saved = local_storage()
            .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
            .map_or(Lang::Ja, |code| if code == "en" { Lang::En } else { Lang::Ja });
        set_document_lang(saved);
        Self(RwSignal::new(saved))
    }

    pub fn toggle(self) {
        let next = match self.0.get_untracked() {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        };
        self.0.set(next);
        set_document_lang(next);
        if let Some(storage) = local_storage() {
            // Only a preference: if the browser refuses storage, the choice lasts for this visit.
            let _ = storage.set_item(STORAGE_KEY, code(next));
        }
    }
}

fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
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

/// Every fixed text of the UI.
pub mod ui {
    use domain::i18n::Text;

    pub const APP_NAME: Text = Text::new("todoke 感染症発生届", "todoke notifiable disease reports");
    pub const SWITCH_LANGUAGE: Text = Text::new("English", "日本語");
    pub const LOADING: Text = Text::new("読み込み中…", "Loading…");
    pub const LOGOUT: Text = Text::new("ログアウト", "Log out");
    pub const SIGNED_IN_AS: Text = Text::new("ログイン中", "Signed in");
    pub const BACK_HOME: Text = Text::new("ホームへ戻る", "Back to home");
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

    // Home.
    pub const CREATE_NOTIFICATION: Text = Text::new("届出を作成", "New notification");
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

    // Form.
    pub const NOTIFICATION_SUFFIX: Text = Text::new("発生届", " notification");
    pub const FORM_INTRO: Text =
        Text::new("「必須」の項目はすべて入力してください。", "Fill in every item marked “Required”.");
    pub const REQUIRED: Text = Text::new("必須", "Required");
    pub const SUBMIT: Text = Text::new("送信する", "Submit");
    pub const SENDING: Text = Text::new("送信中…", "Sending…");
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
    pub const NOTIFICATION_NOT_FOUND: Text = Text::new("届出が見つかりません", "Notification not found");
}
