//! The offline features' own words in Japanese and English (kept beside them rather than in
//! `i18n::ui`, which every screen shares).

use domain::i18n::Text;

use super::machine::StateKind;

pub const UPDATE_AVAILABLE: Text = Text::new(
    "新しいバージョンがあります。入力中の内容は保存済みです。",
    "A new version is available. What you were typing is saved.",
);
pub const UPDATE_NOW: Text = Text::new("更新する", "Update");
pub const OFFLINE_NOTE: Text = Text::new(
    "オフラインです。入力は端末に暗号化して保存され、送信は通信が戻ると自動で行われます。",
    "You are offline. Entries are saved encrypted on this device and sent automatically when the connection returns.",
);
pub const LOGIN_TO_SEND: Text = Text::new(
    "送信待ちの届出があります。送信を続けるには、もう一度ログインしてください。",
    "Notifications are waiting to be sent. Log in again to continue sending.",
);
pub const ON_DEVICE_TITLE: Text = Text::new("この端末の届出", "Notifications on this device");
pub const NOTHING_ON_DEVICE: Text =
    Text::new("この端末に保存された届出はありません。", "Nothing is saved on this device.");
pub const LAST_EDITED: Text = Text::new("最終更新", "Last edited");
pub const RESUME: Text = Text::new("続きを入力", "Continue");
pub const CORRECT: Text = Text::new("修正する", "Correct");
pub const DELETE: Text = Text::new("削除", "Delete");
pub const CONFIRM_DELETE: Text =
    Text::new("この下書きを削除しますか？元に戻せません。", "Delete this draft? This cannot be undone.");
pub const VIEW_RECEIPT: Text = Text::new("受付内容", "Receipt");
pub const VIEW_RETURNED: Text = Text::new("差し戻し内容を見る", "See why it was returned");
pub const WILL_SEND: Text =
    Text::new("通信が戻ると自動で送信します。", "It will be sent automatically when the connection returns.");
pub const QUEUED_FLASH: Text = Text::new(
    "通信できなかったため送信待ちにしました。通信が戻ると自動で送信し、受付番号を表示します。",
    "The server could not be reached, so it waits to be sent. It goes automatically when the connection returns, and its receipt is shown.",
);
pub const NOT_EDITABLE: Text = Text::new(
    "この届出は送信済みか送信待ちのため、変更できません。",
    "This notification has been sent or is waiting to be sent, so it cannot be changed.",
);
pub const DEVICE_ERROR: Text = Text::new(
    "この端末に保存できませんでした。ブラウザの保存領域を確認してください。",
    "Could not save on this device. Check the browser's storage settings.",
);
pub const UNSENT_AT_LOGOUT: Text = Text::new(
    "送信していない届出が{n}件あります。ログアウトするとこの端末から削除されます。ログアウトしますか？",
    "{n} notifications have not been sent. Logging out deletes them from this device. Log out?",
);
pub const SAVING: Text = Text::new("保存中…", "Saving…");
pub const SAVED: Text = Text::new("この端末に暗号化して保存しました。", "Saved encrypted on this device.");
pub const PATIENT_AGE: Text = Text::new("{n}歳", "age {n}");

/// 下書き / 送信待ち / 送信中 / 受付済 / 差し戻し / エラー.
pub fn state(kind: StateKind) -> Text {
    match kind {
        StateKind::Draft => Text::new("下書き", "Draft"),
        StateKind::Queued => Text::new("送信待ち", "Waiting to send"),
        StateKind::Sending => Text::new("送信中", "Sending"),
        StateKind::Received => Text::new("受付済", "Received"),
        StateKind::Returned => Text::new("差し戻し", "Returned for correction"),
        StateKind::Failed => Text::new("エラー", "Error"),
    }
}
