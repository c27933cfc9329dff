//! The alarm screens' texts, in Japanese and English.

use domain::i18n::Text;

pub const LIST_TITLE: Text = Text::new("異常検知", "Aberration alarms");
pub const HOME_LINK: Text = Text::new("異常検知（未対応 {n}件）", "Aberration alarms ({n} open)");
pub const LIST_INTRO: Text = Text::new(
    "管内の疾病ごとの週別報告数が、検知手法の上限値を超えた週です。内容を確認し、対応を記録してください。",
    "Weeks in which a disease's weekly count in an area exceeded the detection method's upper bound. Check each and record what you found.",
);
pub const OPEN_COUNT: Text = Text::new("未対応 {n}件", "{n} open");
pub const LIST_NONE: Text = Text::new("異常検知はありません。", "No alarms.");
pub const ALARM_TITLE: Text = Text::new("異常検知の詳細", "Alarm");
pub const ALARM_HEADING: Text = Text::new("{disease}　{area}　{week}", "{disease}, {area}, {week}");
pub const BACK_TO_LIST: Text = Text::new("異常検知の一覧へ", "Back to the alarms");

pub const DISEASE: Text = Text::new("疾病", "Disease");
pub const AREA: Text = Text::new("地域", "Area");
pub const AREA_OF: Text = Text::new("{health_center}管内", "{health_center} area");
pub const SOURCE: Text = Text::new("系列", "Series");
pub const WEEK: Text = Text::new("週", "Week");
pub const WEEK_OF: Text = Text::new("{year}年第{week}週", "{year} week {week}");
pub const OBSERVED: Text = Text::new("報告数", "Reports");
pub const UPPERBOUND: Text = Text::new("上限値", "Upper bound");
pub const METHOD: Text = Text::new("検知手法", "Method");
pub const STATUS: Text = Text::new("対応状況", "Status");
pub const DETECTED_AT: Text = Text::new("検知日時", "Detected");
pub const PARAMETERS: Text = Text::new("手法のパラメータ", "Method parameters");
pub const PARAMETER: Text = Text::new("パラメータ", "Parameter");
pub const VALUE: Text = Text::new("値", "Value");
pub const COUNT_AGAINST_BOUND: Text = Text::new("{observed}（上限値 {bound}）", "{observed} (upper bound {bound})");

pub const CHART_OF: Text = Text::new(
    "{disease}　{area}　週別報告数と上限値（{method}）",
    "{disease}, {area}: weekly counts and upper bound ({method})",
);
pub const CHART_DESCRIPTION: Text = Text::new(
    "週ごとの報告数を棒で、検知手法の上限値を破線で示します。異常を検知した週の棒は赤です。報告のない週（データなし）は薄い帯で示し、0件とは区別します。数値は下の表にあります。",
    "Bars show each week's count, the dashed line the method's upper bound; bars of weeks with an alarm are red. A pale band marks a week without data, which is not a count of 0. The numbers are in the table below.",
);
pub const LEGEND_COUNT: Text = Text::new("報告数", "Reports");
pub const LEGEND_BOUND: Text = Text::new("上限値", "Upper bound");
pub const LEGEND_ALARM: Text = Text::new("異常を検知した週", "Week with an alarm");
pub const CHART_TABLE: Text = Text::new("グラフの数値", "The chart's numbers");
pub const ALARM_COLUMN: Text = Text::new("検知", "Alarm");
pub const ALARM_YES: Text = Text::new("あり", "Yes");
pub const NO_BOUND: Text = Text::new("—", "—");
/// A week without data (R's `NA`): no site reported, or the series did not exist yet; not a count of 0.
pub const NO_DATA: Text = Text::new("報告なし", "No reports");

pub const MARK_TITLE: Text = Text::new("対応を記録する", "Record what you found");
pub const MARK_CHOICE: Text = Text::new("対応状況", "Status");
pub const COMMENT: Text = Text::new("コメント", "Comment");
pub const COMMENT_HELP: Text =
    Text::new("確認した内容や対応を記入してください（必須）。", "What you checked or did (required).");
pub const MARK_SUBMIT: Text = Text::new("記録する", "Record");
pub const MARKED: Text = Text::new("対応を記録しました。", "Recorded.");
pub const MARK_NONE_OPEN: Text =
    Text::new("この異常検知に記録できる対応はありません。", "There is nothing you can record on this alarm.");
pub const HISTORY: Text = Text::new("対応の履歴", "History");
pub const HISTORY_NONE: Text = Text::new("まだ対応の記録はありません。", "Nothing recorded yet.");
/// Who recorded a withdrawal or a reopening: the run, not a person.
pub const BY_DETECTION_RUN: Text = Text::new("異常検知処理（自動）", "Detection run (automatic)");

pub const CONFIGURATION_TITLE: Text = Text::new("異常検知の設定", "Detection configuration");
pub const CONFIGURATION_LINK: Text = Text::new("異常検知の設定を見る", "Detection configuration");
pub const CONFIGURATION_INTRO: Text = Text::new(
    "疾病ごとに、どの系列にどの検知手法をどのパラメータで適用しているかを示します（パラメータ名は R surveillance パッケージに準じます）。Farrington 法は、系列の過去データが b 年に満たない週には、そろっている年数を b として実行し、1 年に満たない週には EARS C2（minSigma 0.5。定点報告の系列では定点当たり報告数に対して）で代えます。各アラームには実際に用いた手法とパラメータが記録されます。",
    "For each disease, which method runs on which series, with which parameters (named after R's surveillance package). Where a series has fewer than b years of history, Farrington runs with b = the whole years it has; in its first year EARS C2 (minSigma 0.5; on a sentinel series, on the rate per reporting site) runs instead. Each alarm records the method and parameters actually used.",
);
