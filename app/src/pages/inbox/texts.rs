//! The inbox table's and search's texts, in Japanese and English.

use domain::i18n::Text;

pub const SEARCH: Text = Text::new("検索（受付番号・医療機関名）", "Search (receipt number, institution)");
pub const SEARCH_WITH_PATIENTS: Text = Text::new(
    "検索（受付番号・医療機関名・患者の氏名またはフリガナ）",
    "Search (receipt number, institution, patient's name or reading)",
);
pub const URGENCY: Text = Text::new("緊急度", "Urgency");
pub const WITHIN_SEVEN_DAYS: Text = Text::new("7日以内", "Within 7 days");
pub const ORDER: Text = Text::new("並び順", "Order");
pub const BY_URGENCY: Text = Text::new("緊急度順（期限超過・直ちにが先）", "By urgency (overdue, immediate first)");
pub const NEWEST: Text = Text::new("受付の新しい順", "Newest first");
pub const OLDEST: Text = Text::new("受付の古い順", "Oldest first");
pub const BY_STATUS: Text = Text::new("状態順", "By status");
pub const SORT_BY: Text = Text::new("{column}で並べ替える", "Sort by {column}");
pub const MORE: Text = Text::new("さらに表示する", "Show more");
pub const TABLE_CAPTION: Text = Text::new("届出の一覧（表）", "Notifications (table)");
pub const ARRIVED: Text =
    Text::new("新しい届出があります。一覧を更新しました。", "New notifications arrived; the list is up to date.");
pub const UPDATED: Text =
    Text::new("届出の状態が変わりました。一覧を更新しました。", "A notification changed; the list is up to date.");
