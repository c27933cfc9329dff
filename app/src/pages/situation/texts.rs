//! The situation views' texts, in Japanese and English.

use domain::i18n::Text;
use domain::sentinel::IsoWeek;

/// A disease's name: a 全数 disease of the catalog, else a weekly sentinel disease as the forms of
/// `week` name it.
pub fn disease_name(code: &str, week: Option<IsoWeek>) -> Text {
    let sentinel = || week.and_then(|week| domain::sentinel::weekly_disease(code, week)).map(|(_, d)| d.name);
    domain::diseases::find(code)
        .map(|disease| disease.name)
        .or_else(sentinel)
        .unwrap_or(Text::new("不明な疾患", "Unknown disease"))
}

pub const TITLE: Text = Text::new("発生状況", "Situation");
pub const HOME_LINK: Text = Text::new("発生状況（流行曲線・地図）を見る", "See the situation (epidemic curve, map)");
pub const CURVE_TITLE: Text = Text::new("流行曲線（全数把握）", "Epidemic curve (all-case notifications)");
pub const CURVE_OF: Text = Text::new("{area}　{year}年　{basis}・週別", "{area}, {year}, by week of {basis}");
pub const CURVE_DESCRIPTION: Text = Text::new(
    "週ごとの届出数の積み上げ棒グラフ。折れ線は過去5年の同じ週の平均。数値は下の表にあります。",
    "Stacked bars of the notifications per week; the line is the mean of the same week in the five years before. The numbers are in the table below.",
);
pub const DISEASE: Text = Text::new("疾患", "Disease");
pub const ALL_DISEASES: Text = Text::new("全数把握の全疾患", "Every all-case disease");
pub const BASIS: Text = Text::new("日付", "Dates");
pub const STACK: Text = Text::new("内訳", "Divided by");
pub const YEAR: Text = Text::new("年", "Year");
pub const WEEK: Text = Text::new("週", "Week");
pub const WEEK_STARTS: Text = Text::new("週の始め", "Week starting");
pub const TOTAL: Text = Text::new("計", "Total");
pub const BASELINE: Text = Text::new("過去5年平均", "Five-year mean");
pub const TABLE_CAPTION: Text = Text::new("週別の届出数（表）", "Notifications per week (table)");
pub const AREA_NOT_VISIBLE: Text = Text::new(
    "この地域の数値は表示できません（担当の地域のみ表示します）。",
    "This area's figures are not shown (only the areas you oversee).",
);
pub const MAP_TITLE: Text = Text::new("都道府県別（今週・報告日）", "By prefecture (this week, by report date)");
pub const MAP_DESCRIPTION: Text = Text::new(
    "都道府県を地図の位置に並べたタイル地図。色は人口10万人あたりの今週の届出数（最も高い都道府県を4とした4段階）。数値は下の表にあります。",
    "A tile map: each prefecture a square where it lies. The shade is this week's notifications per 100,000 population (four steps of the highest rate). The numbers are in the table below.",
);
pub const MAP_WEEK: Text =
    Text::new("{year}年第{week}週（{starts}〜{ends}）", "{year} week {week} ({starts} to {ends})");
pub const PREFECTURE: Text = Text::new("都道府県", "Prefecture");
pub const THIS_WEEK: Text = Text::new("今週", "This week");
pub const PREVIOUS_WEEK: Text = Text::new("前週", "Week before");
pub const PER_100K: Text = Text::new("人口10万対", "Per 100,000");
pub const MAP_TABLE_CAPTION: Text = Text::new("都道府県別の届出数（表）", "Notifications by prefecture (table)");
pub const OUTSIDE_MAP: Text = Text::new(
    "地図外（コードが47都道府県外の都道府県等）：{n}件",
    "Outside the map (都道府県等 with codes outside the 47): {n}",
);
pub const SHADE_LEGEND: Text = Text::new("色の濃さ：0（届出なし）〜4（最も高い）", "Shade: 0 (none) to 4 (highest)");
pub const LEVEL_LEGEND: Text = Text::new(
    "色：なし／注意報の保健所管内あり／警報の保健所管内あり",
    "Shade: none, an area at the advisory level, an area at the warning level",
);
pub const INDICATOR: Text = Text::new("地図の指標", "Map indicator");
pub const SENTINEL_DISEASE: Text = Text::new("定点把握疾患", "Sentinel disease");
pub const REPORTING_SITES: Text = Text::new("報告定点数", "Reporting sites");
pub const SENTINEL_CASES: Text = Text::new("定点報告数", "Sentinel cases");
pub const PER_SITE: Text = Text::new("定点当たり", "Per site");
pub const PREVIOUS_PER_SITE: Text = Text::new("前週の定点当たり", "Per site, week before");
pub const WARNING_AREAS: Text = Text::new("警報の保健所管内", "Areas at warning");
pub const ADVISORY_AREAS: Text = Text::new("注意報の保健所管内", "Areas at advisory");
pub const AREA_SENTINEL: Text =
    Text::new("{disease} 定点当たり {rate}（{level}）", "{disease}: {rate} per site ({level})");
pub const AREAS_TITLE: Text = Text::new("保健所別（{prefecture}）", "By health center ({prefecture})");
pub const AREAS_HELP: Text =
    Text::new("保健所を選ぶと、その地域の流行曲線を表示します。", "Choose a health center to see its area's curve.");
pub const AREA_COUNTS: Text =
    Text::new("今週 {count}件（前週 {previous}件）", "This week {count} (week before {previous})");
pub const NO_AREAS: Text = Text::new(
    "この都道府県の保健所別の数値は表示できません（担当の地域のみ表示します）。",
    "This prefecture's health-center figures are not shown (only the areas you oversee).",
);
pub const CHOOSE_PREFECTURE: Text = Text::new(
    "地図または表で都道府県を選ぶと、保健所別の数値を表示します。",
    "Choose a prefecture on the map or in the table to see its health centers.",
);
pub const WHOLE_SCOPE: Text = Text::new("担当地域全体の曲線に戻る", "Back to the curve of your whole area");
pub const WEEK_TITLE: Text = Text::new("今週の状況", "This week");
pub const WEEK_OF: Text = Text::new("{area}　{week}（報告日）", "{area}, {week} (by report date)");
pub const OVERDUE: Text =
    Text::new("期限を過ぎて受理を待つ届出：{n}件", "Notifications waiting past their deadline: {n}");
pub const AGAINST_WEEK_BEFORE: Text = Text::new("前週から変わった疾患", "Changed since the week before");
pub const AGAINST_EARLIER_YEARS: Text =
    Text::new("例年（過去5年の同じ週）より多い疾患", "Above the same week of the five years before");
pub const CHANGE_WEEK: Text = Text::new(
    "{disease}：今週 {now}件（前週 {before}件、{delta}）",
    "{disease}: {now} this week ({before} the week before, {delta})",
);
pub const CHANGE_YEARS: Text =
    Text::new("{disease}：今週 {now}件（過去5年平均 {mean}件）", "{disease}: {now} this week (five-year mean {mean})");
pub const ALERTS_TITLE: Text = Text::new("警報・注意報（定点、{week}）", "Sentinel warnings and advisories ({week})");
pub const NO_ALERTS: Text = Text::new(
    "警報・注意報のレベルにある保健所管内はありません。",
    "No health-center area is at a warning or advisory level.",
);
pub const ALERT_ENTRY: Text =
    Text::new("{area}：{disease} {level}（定点当たり {rate}）", "{area}: {disease} {level} ({rate} per sentinel)");
pub const ALARMS_TITLE: Text = Text::new("未対応のアラーム（{n}件）", "Open alarms ({n})");
pub const ALARM_ENTRY: Text = Text::new(
    "{area}：{disease} {year}年第{week}週 {observed}件（上限 {bound}）",
    "{area}: {disease}, {year} week {week}: {observed} (bound {bound})",
);
pub const REPORT_LINK: Text = Text::new("週報を作成・印刷する", "Write and print the weekly report");
pub const REPORT_TITLE: Text = Text::new("週報", "Weekly report");
pub const REPORT_HEADING: Text = Text::new(
    "感染症発生動向調査週報　{area}　{year}年第{week}週（{starts}〜{ends}）",
    "Weekly surveillance report, {area}, {year} week {week} ({starts} to {ends})",
);
pub const REPORT_NOT_FOUND: Text = Text::new("この週報は表示できません。", "This report cannot be shown.");
pub const NOTES: Text = Text::new("注目すべき動き（数値から作成）", "Notable changes (written from the figures)");
pub const COMMENT: Text = Text::new("担当者のコメント", "Staff comment");
pub const BY_DISEASE: Text =
    Text::new("全数把握疾患の報告数（報告日）", "All-case notifications by disease (by report date)");
pub const BY_AREA: Text = Text::new("地域別の今週の報告数", "This week's notifications by area");
pub const AREA: Text = Text::new("地域", "Area");
pub const SENTINEL_TITLE: Text = Text::new(
    "定点把握疾患（定点当たり報告数・警報・注意報）",
    "Sentinel diseases (rate per site, warnings, advisories)",
);
pub const NO_SENTINEL_REPORTS: Text =
    Text::new("今週と前週の定点報告はありません。", "No sentinel report this week or the week before.");
pub const SENTINEL_CHART: Text =
    Text::new("疾患別の定点当たり報告数（番号は表の番号）", "Rate per site by disease (numbers as in the table)");
pub const SENTINEL_CHART_DESCRIPTION: Text = Text::new(
    "棒は今週の定点当たり報告数、横線は前週の値。数値は横の表にあります。",
    "The bars are this week's cases per site, the lines the week before's. The numbers are in the table beside it.",
);
pub const NUMBER: Text = Text::new("番号", "No.");
pub const LEVEL: Text = Text::new("レベル", "Level");
pub const SENTINEL_BY_AREA: Text = Text::new("地域別の定点当たり報告数（今週）", "Rate per site by area (this week)");
pub const REPORT_ALERTS: Text = Text::new("警報・注意報の保健所管内", "Health-center areas at warning or advisory");
pub const PUBLISH_TITLE: Text = Text::new("公開", "Publish");
pub const PUBLISH: Text = Text::new("この週報を公開する", "Publish this report");
pub const PUBLISHED_BY: Text = Text::new("公開：{at}（{by}）", "Published {at} by {by}");
pub const PUBLISHED_TITLE: Text = Text::new("公開済みの週報", "Published reports");
pub const PUBLISHED_ENTRY: Text =
    Text::new("{area}　{year}年第{week}週（{at} 公開）", "{area}, {year} week {week} (published {at})");
pub const NONE_PUBLISHED: Text = Text::new("公開済みの週報はまだありません。", "No report published yet.");
pub const BACK_TO_SITUATION: Text = Text::new("発生状況に戻る", "Back to the situation");
pub const BACK_TO_REPORT: Text = Text::new("週報に戻る", "Back to the weekly report");
