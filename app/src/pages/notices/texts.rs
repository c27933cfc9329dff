//! The notices screens' words in Japanese and English.

use domain::i18n::Text;

pub const NOTICES_TITLE: Text = Text::new("お知らせ", "Notices");
pub const NEW: Text = Text::new("新着", "New");
pub const SHOWN: Text = Text::new("掲載期間：", "Shown: ");
pub const PUBLISH_LINK: Text = Text::new("お知らせの掲載", "Publish notices");
pub const PUBLISH_TITLE: Text = Text::new("お知らせの掲載", "Publish notices");
pub const PUBLISH_INTRO: Text = Text::new(
    "お知らせは、宛先の利用者のホーム画面に掲載期間のあいだ表示されます。開かれるまで「新着」と表示されます。",
    "A notice is shown on the home screen of the users it is addressed to during its period, marked new until opened.",
);
pub const NOTICE_TITLE: Text = Text::new("件名", "Title");
pub const NOTICE_BODY: Text = Text::new("本文", "Text");
pub const AUDIENCE_PREFECTURE: Text = Text::new("宛先の都道府県等", "Addressed to (prefecture or city)");
pub const AUDIENCE_PREFECTURE_HINT: Text = Text::new(
    "一覧から選びます。「全国」を選ぶと全国の利用者が宛先になります。",
    "Choose one from the list; \"Everywhere\" addresses users everywhere.",
);
pub const AUDIENCE_ROLE: Text = Text::new("宛先の利用者の種類", "Addressed to (kind of user)");
pub const EVERY_ROLE: Text = Text::new("すべての利用者", "Every user");
pub const EVERYWHERE: Text = Text::new("全国", "Nationwide");
pub const FROM: Text = Text::new("掲載開始日", "Shown from");
pub const UNTIL: Text = Text::new("掲載終了日（この日まで表示）", "Shown until (inclusive)");
pub const PUBLISH: Text = Text::new("掲載する", "Publish");
pub const SAVE: Text = Text::new("変更を保存する", "Save changes");
pub const SENDING: Text = Text::new("送信中…", "Sending…");
pub const CANCEL_EDIT: Text = Text::new("編集をやめる", "Stop editing");
pub const PUBLISHED: Text = Text::new("掲載したお知らせ", "Published notices");
pub const NONE_PUBLISHED: Text = Text::new("掲載したお知らせはありません。", "No notices published.");
pub const EDIT: Text = Text::new("編集", "Edit");
pub const WITHDRAW: Text = Text::new("取り下げる", "Withdraw");
pub const WITHDRAW_CONFIRM: Text = Text::new(
    "このお知らせを取り下げますか？ 誰にも表示されなくなります。",
    "Withdraw this notice? Nobody will see it any more.",
);
pub const STATE_SHOWN: Text = Text::new("掲載中", "Shown");
pub const STATE_SCHEDULED: Text = Text::new("掲載予定", "Scheduled");
pub const STATE_ENDED: Text = Text::new("掲載終了", "Ended");
pub const STATE_WITHDRAWN: Text = Text::new("取下げ済み", "Withdrawn");
pub const SAVED: Text = Text::new("お知らせを保存しました。", "The notice was saved.");
