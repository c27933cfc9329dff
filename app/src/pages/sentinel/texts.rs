//! The sentinel screens' texts, in Japanese and English.

use domain::api::{DueState, Sex};
use domain::i18n::Text;
use domain::sentinel::AlertLevel;

pub const HOME_TITLE: Text = Text::new("定点報告", "Sentinel reporting");
pub const DUE_TITLE: Text = Text::new("いま報告する分", "Reports due now");
pub const DUE_NONE: Text =
    Text::new("いま報告する分はありません（定点指定がありません）。", "Nothing is due now (no designation).");
pub const DUE_ENTRY: Text = Text::new("{form}　{period}（期限 {due}）", "{form}, {period} (due {due})");
pub const FILE_NOW: Text = Text::new("入力する", "Enter the report");
pub const CORRECT: Text = Text::new("修正する", "Correct");
pub const VIEW: Text = Text::new("内容を見る", "View");
pub const PAST_TITLE: Text = Text::new("提出済みの報告", "Reports filed");
pub const PAST_NONE: Text = Text::new("提出済みの報告はまだありません。", "No report filed yet.");
pub const DESIGNATIONS: Text = Text::new("定点指定", "Designations");
pub const SINCE: Text = Text::new("{from}から", "from {from}");
pub const SINCE_UNTIL: Text = Text::new("{from}〜{until}", "{from} to {until}");
pub const OFFLINE_SITE: Text = Text::new(
    "サーバーに接続できないため、いま報告する分を表示できません。端末に保存した報告は下にあります。",
    "The server cannot be reached, so the reports due are not shown. Reports kept on this device are below.",
);

pub const WEEK_PERIOD: Text = Text::new("{year}年第{week}週（{from}〜{to}）", "{year} week {week} ({from} to {to})");
pub const MONTH_PERIOD: Text = Text::new("{year}年{month}月", "{year}-{month}");
pub const REPORT_TITLE: Text = Text::new("{form}　{period}", "{form}, {period}");
pub const REVISION_COLUMN: Text = Text::new("版", "Revision");
pub const REVISION: Text = Text::new("第{n}版", "revision {n}");

pub const FORM_INTRO: Text = Text::new(
    "疾患ごとに、年齢階級・性別の患者数を入力してください。該当する患者がいない週（月）は「患者なし」を選んでください（報告しないこととは異なります）。",
    "Enter the number of patients per disease, age band and sex. If there were none, choose 'No patients' (which is a report, unlike not reporting).",
);
pub const CORRECTION_INTRO: Text = Text::new(
    "提出済みの報告（{revision}）を修正します。送信すると新しい版として受け付けられ、履歴は残ります。",
    "You are correcting a filed report ({revision}). Sending files a new revision; the history is kept.",
);
pub const NO_PATIENTS: Text = Text::new("患者なし（0人で報告する）", "No patients (report zero)");
pub const NO_PATIENTS_HELP: Text = Text::new(
    "この期間に対象疾患の患者がいなかったことを報告します。",
    "Reports that there were no patients with these diseases in this period.",
);
pub const MALE: Text = Text::new("男", "Male");
pub const FEMALE: Text = Text::new("女", "Female");
pub const AGE_BAND: Text = Text::new("年齢", "Age");
pub const ROW_TOTAL: Text = Text::new("計", "Total");
pub const DISEASE_TOTAL: Text = Text::new("{disease}：{n}人", "{disease}: {n}");
pub const OVERALL_TOTAL: Text = Text::new("合計 {n}人", "Total {n}");
pub const DECREASE: Text = Text::new("{label}を1減らす", "One fewer: {label}");
pub const INCREASE: Text = Text::new("{label}を1増やす", "One more: {label}");
pub const CELL_LABEL: Text = Text::new("{disease} {band} {sex}", "{disease}, {band}, {sex}");
pub const CARE_TITLE: Text = Text::new("入院時の状況（{disease}）", "Care at admission ({disease})");
pub const CARE_HELP: Text = Text::new(
    "入院した患者のうち、各項目に該当した人数（予定を含む）。入院患者数を超えることはできません。",
    "How many of the admitted patients had each item (planned included); never more than the admissions.",
);
pub const REVIEW: Text = Text::new("入力内容を確認する", "Review what you entered");
pub const REVIEW_TITLE: Text = Text::new("送信内容の確認", "Check before sending");
pub const REVIEW_NO_PATIENTS: Text = Text::new("患者なしとして報告します。", "Reported as no patients.");
pub const BACK_TO_EDIT: Text = Text::new("入力に戻る", "Back to editing");
pub const SEND: Text = Text::new("送信する", "Send");
pub const SENDING: Text = Text::new("送信中…", "Sending…");
pub const PROBLEMS: Text =
    Text::new("入力に問題があります。各欄の表示を確認してください。", "There are problems; see each field.");
pub const QUEUED: Text = Text::new(
    "通信できなかったため送信待ちにしました。通信が戻ると自動で送信し、受付番号を表示します。",
    "The server could not be reached, so it waits to be sent. It goes automatically when the connection returns, and its receipt is shown.",
);
pub const ALREADY_FILED: Text = Text::new(
    "この期間の報告はすでに提出されています（{revision}）。現在の内容から修正してください。",
    "This period was already reported ({revision}). Correct it from its current content.",
);
pub const CORRECT_FROM_CURRENT: Text = Text::new("現在の内容から修正する", "Correct from the current content");
pub const CURRENT_CONTENT: Text = Text::new("現在の内容", "Current content");
pub const UNKNOWN_FORM: Text = Text::new("この報告の様式はありません。", "There is no such report form.");

pub const RECEIPT_TITLE: Text = Text::new("定点報告を受け付けました", "Sentinel report received");
pub const REPORT_PAGE_TITLE: Text = Text::new("定点報告", "Sentinel reporting");
pub const RECEIPT_NUMBER: Text = Text::new("受付番号", "Receipt number");
pub const RECEIVED_AT: Text = Text::new("受付日時", "Received at");
pub const HEALTH_CENTER: Text = Text::new("保健所", "Health center");
pub const SITE: Text = Text::new("定点医療機関", "Sentinel site");
pub const FILED_BY: Text = Text::new("報告者", "Filed by");
pub const HISTORY: Text = Text::new("履歴", "History");
pub const LATE: Text = Text::new("期限後", "Late");
pub const ON_TIME: Text = Text::new("期限内", "On time");
pub const ON_DEVICE_ONLY: Text = Text::new(
    "この報告はまだサーバーに届いていません（この端末に保存されています）。",
    "This report has not reached the server yet (it is kept on this device).",
);
pub const COUNT: Text = Text::new("人数", "Patients");
pub const DISEASE: Text = Text::new("疾患", "Disease");
pub const SEX: Text = Text::new("性別", "Sex");
pub const CARE_ITEM: Text = Text::new("項目", "Item");

pub const OVERSEER_LINK: Text =
    Text::new("定点報告（報告状況・警報・集計）を見る", "Sentinel reports (status, alerts, tables)");
pub const OVERVIEW_TITLE: Text = Text::new("今週の報告状況", "This week's reporting");
pub const OVERVIEW_OF: Text = Text::new("{area}　週報 {week}・月報 {month}", "{area}: weekly {week}, monthly {month}");
pub const CHOOSE_AREA: Text = Text::new(
    "保健所を選ぶと、その地域の報告状況とグラフを表示します。",
    "Choose a health center to see its reporting and chart.",
);
pub const NOT_REPORTED_TITLE: Text = Text::new("未報告・遅れ", "Not reported or late");
pub const ALL_REPORTED: Text = Text::new("すべての定点が報告済みです。", "Every site has reported.");
pub const STATE: Text = Text::new("状況", "State");
pub const FORM: Text = Text::new("様式", "Form");
pub const PERIOD: Text = Text::new("期間", "Period");
pub const DUE_ON: Text = Text::new("期限", "Due");
pub const REMIND: Text = Text::new(
    "未報告の定点に督促メールを送る（{form} {period}）",
    "E-mail a reminder to the sites not reported ({form}, {period})",
);
pub const CONFIRM_REMIND: Text = Text::new(
    "{form} {period} を報告していない{n}か所の定点に督促メールを送ります。よろしいですか？",
    "Send a reminder e-mail to the {n} sites that have not reported {form}, {period}?",
);
pub const CONFIRM: Text = Text::new("送る", "Send");
pub const CANCEL: Text = Text::new("やめる", "Cancel");
pub const REMINDED: Text = Text::new("{n}か所に督促メールを送りました。", "Reminders queued for {n} sites.");
pub const ALREADY_REMINDED: Text =
    Text::new("督促済みのため送らなかった定点：{sites}", "Not sent again (reminded before): {sites}");
pub const REMINDED_AT: Text = Text::new("督促済（{at}）", "Reminded ({at})");
pub const ALL_REMINDED: Text = Text::new(
    "{form} {period} を報告していない定点には督促メールを送信済みです（{at}）。",
    "The sites that have not reported {form}, {period} were reminded ({at}).",
);
pub const CHOOSE: Text = Text::new("選んでください", "Choose");
pub const UNREACHABLE: Text =
    Text::new("メールアドレスのない定点：{sites}", "Sites without an e-mail address: {sites}");
pub const ALERTS_TITLE: Text = Text::new("警報・注意報（{week}）", "Alerts ({week})");
pub const ALERTS_NONE: Text = Text::new("警報・注意報の出ている地域はありません。", "No area is at an alert level.");
pub const AREA: Text = Text::new("地域", "Area");
pub const LEVEL: Text = Text::new("レベル", "Level");
pub const RATE: Text = Text::new("定点当たり", "Per site");
pub const TABLE_TITLE: Text = Text::new("集計表", "Aggregated table");
pub const LEVEL_CHOICE: Text = Text::new("集計単位", "Areas");
pub const BY_HEALTH_CENTER: Text = Text::new("保健所別", "By health center");
pub const BY_PREFECTURE: Text = Text::new("都道府県等別", "By prefecture");
pub const NATIONAL: Text = Text::new("全国", "Nationwide");
pub const DESIGNATED: Text = Text::new("定点数", "Sites");
pub const REPORTING: Text = Text::new("報告数", "Reports");
pub const CASES: Text = Text::new("患者数", "Cases");
pub const CSV_UTF8: Text = Text::new("CSV（UTF-8）", "CSV (UTF-8)");
pub const CSV_SJIS: Text = Text::new("CSV（Shift_JIS）", "CSV (Shift_JIS)");
pub const NO_TABLE: Text = Text::new("この期間の集計はありません。", "No figures for this period.");
pub const CHART_TITLE: Text = Text::new("シーズン比較", "Seasons compared");
pub const CHART_OF: Text = Text::new(
    "{area}　{disease}　定点当たり報告数（第36週〜第35週）",
    "{area}: {disease}, cases per site (week 36 to week 35)",
);
pub const CHART_DESCRIPTION: Text = Text::new(
    "シーズンごとの週別の定点当たり報告数の折れ線グラフ。太線が今シーズン。色の帯は注意報・警報の基準値。数値は下の表にあります。",
    "Weekly cases per site, one line per season; the thick line is this season. The bands are the advisory and warning levels. The numbers are in the table below.",
);
pub const CHART_TABLE: Text = Text::new("週別の定点当たり報告数（表）", "Cases per site by week (table)");
pub const WEEK: Text = Text::new("週", "Week");
pub const WARNING_BAND: Text = Text::new("警報（開始 {start}・終息 {end}）", "Warning (starts {start}, ends {end})");
pub const ADVISORY_BAND: Text = Text::new("注意報 {level}", "Advisory {level}");
pub const CHART_DISEASE: Text = Text::new("グラフの疾患", "Disease charted");

/// 男 / 女.
pub fn sex(sex: Sex) -> Text {
    match sex {
        Sex::Male => MALE,
        Sex::Female => FEMALE,
    }
}

/// 報告済 / 期限後に報告 / 未報告（期限前） / 未報告.
pub fn due_state(state: DueState) -> Text {
    match state {
        DueState::Reported => Text::new("報告済", "Reported"),
        DueState::ReportedLate => Text::new("期限後に報告", "Reported late"),
        DueState::Pending => Text::new("未報告（期限前）", "Not yet (before the deadline)"),
        DueState::Missing => Text::new("未報告（期限超過）", "Missing (past the deadline)"),
    }
}

/// 警報 / 注意報 / なし.
pub fn alert_level(level: AlertLevel) -> Text {
    match level {
        AlertLevel::Warning => Text::new("警報", "Warning"),
        AlertLevel::Advisory => Text::new("注意報", "Advisory"),
        AlertLevel::None => Text::new("なし", "No"),
    }
}
