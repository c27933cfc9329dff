//! The ID management screens' texts (cases, contacts, health observation, follow-up list), in
//! Japanese and English.

use domain::i18n::Text;

pub const HOME_LINK: Text = Text::new("積極的疫学調査・健康観察", "Investigations and health observation");
pub const START_INVESTIGATION: Text = Text::new("調査を開始", "Start the investigation");
pub const START_INVESTIGATION_HINT: Text = Text::new(
    "この届出の症例を開き、積極的疫学調査（行動歴、接触者、健康観察）を記録します。開始済みなら症例を開きます。",
    "Opens this notification's case to record the investigation (behaviour, contacts, health observation); opens it again if it was started.",
);
pub const OPENING: Text = Text::new("症例を開いています…", "Opening the case…");

pub const CASE_TITLE: Text = Text::new("症例", "Cases");
pub const CASE_HEADING: Text = Text::new("症例 {number}", "Case {number}");
pub const DISEASE: Text = Text::new("疾病", "Disease");
pub const SUBJECT: Text = Text::new("対象者", "Subject");
pub const HEALTH_CENTER: Text = Text::new("担当保健所", "Responsible health center");
pub const STATUS: Text = Text::new("状態", "Status");
pub const OPENED_AT: Text = Text::new("調査開始", "Opened");
pub const CLOSED_REASON: Text = Text::new("終了の理由", "Reason for closing");
pub const NOTIFICATION: Text = Text::new("届出", "Notification");
pub const SHOW_NOTIFICATION: Text = Text::new("届出を見る", "Show the notification");
pub const FROM_CONTACT: Text = Text::new("接触者から症例になりました。", "This case was a contact of another case.");
pub const FROM_CONTACT_OF: Text =
    Text::new("接触者 {number} から症例になりました。", "This case was contact {number} of another case.");
pub const SHOW_SOURCE_CASE: Text = Text::new("接触者として記録された症例を見る", "Show the case it was listed under");
pub const CONTACT_NUMBER: Text =
    Text::new("接触者番号（接触者だった場合）", "Contact number (if the patient was a contact)");
pub const CONTACT_NUMBER_HELP: Text = Text::new(
    "他の症例の接触者として記録されていた場合、その番号（K-…-01）を入力すると、両方の記録がつながります。",
    "If the patient was listed as a contact of another case, its number (K-…-01) links both records.",
);
pub const CONTACT_CLOSED: Text = Text::new("対応終了", "Closed");
pub const CLOSE_A_CONTACT: Text = Text::new("接触者の対応を終了する", "Close a contact");
pub const CONTACT_TO_CLOSE: Text = Text::new("接触者", "Contacts");
pub const CONTACT_CLOSE_DONE: Text = Text::new("接触者の対応を終了しました。", "The contact is closed.");
pub const CASE_INVESTIGATING: Text = Text::new("調査中", "Investigating");
pub const CLOSED: Text = Text::new("終了", "Closed");

pub const ENTRIES: Text = Text::new("調査記録（日付順）", "Investigation (by date)");
pub const ENTRIES_NONE: Text = Text::new("まだ調査記録はありません。", "Nothing recorded yet.");
pub const UNDATED: Text = Text::new("日付なし", "No date");
pub const ADD_ENTRY: Text = Text::new("調査記録を追加", "Add to the investigation");
pub const ENTRY_KIND: Text = Text::new("種類", "Kind");
pub const ENTRY_DATE: Text = Text::new("日付", "Dates");
pub const ENTRY_DATE_HELP: Text =
    Text::new("行動歴・立ち寄り先・曝露は必須です。", "Required for behaviour, places and exposures.");
pub const ENTRY_TEXT: Text = Text::new("内容", "Details");
pub const ENTRY_ADDED: Text = Text::new("調査記録を追加しました。", "Added to the investigation.");
pub const RECORDED_BY: Text = Text::new("{at}　{by}", "{at}, {by}");

pub const CONTACTS: Text = Text::new("接触者", "Contacts");
pub const CONTACTS_NONE: Text = Text::new("接触者はまだ登録されていません。", "No contacts listed yet.");
pub const ADD_CONTACT: Text = Text::new("接触者を追加", "Add a contact");
pub const CONTACT_NAME: Text = Text::new("氏名", "Name");
pub const RELATION: Text = Text::new("関係", "Relation");
pub const CONTACT_TYPE: Text = Text::new("接触の種類", "Type of contact");
pub const LAST_EXPOSURE: Text = Text::new("最終接触日", "Last exposure");
pub const BIRTH_DATE: Text = Text::new("生年月日", "Date of birth");
pub const BIRTH_DATE_HELP: Text = Text::new(
    "本人用リンクを初めて開くときの本人確認に使います。",
    "Confirms the subject's personal link when first opened.",
);
pub const PHONE: Text = Text::new("電話番号", "Phone number");
pub const EMAIL: Text = Text::new("メールアドレス", "E-mail address");
pub const CONTACT_ADDED: Text = Text::new("接触者を追加しました。", "Contact added.");
pub const CONTACT_LISTED: Text = Text::new("接触者", "Contacts");
pub const CONTACT_BECAME_CASE: Text = Text::new("症例になった", "Became a case");
pub const SHOW_CASE: Text = Text::new("症例を見る", "Show the case");
pub const LAST_EXPOSURE_ON: Text = Text::new("最終接触 {date}", "Last exposure {date}");

pub const HOUSEHOLD: Text = Text::new("同居", "Household");
pub const WORKPLACE: Text = Text::new("職場", "Workplace");
pub const SCHOOL: Text = Text::new("学校・保育", "School");
pub const HEALTHCARE: Text = Text::new("医療・介護", "Healthcare");
pub const SOCIAL: Text = Text::new("会食・交友", "Social");
pub const OTHER: Text = Text::new("その他", "Other");
pub const CLOSE_CONTACT: Text = Text::new("濃厚接触者", "Close contact");
pub const CASUAL_CONTACT: Text = Text::new("その他の接触者", "Other contact");

pub const OBSERVATIONS: Text = Text::new("健康観察", "Health observation");
pub const OBSERVATIONS_NONE: Text = Text::new("健康観察はまだありません。", "No health observation yet.");
pub const START_OBSERVATION: Text = Text::new("健康観察を開始", "Start health observation");
pub const OBSERVED_SUBJECT: Text = Text::new("対象", "Subject");
pub const THE_CASE_ITSELF: Text = Text::new("この症例の患者", "This case's patient");
pub const STARTS_ON: Text = Text::new("開始日", "From");
pub const ENDS_ON: Text = Text::new("終了日", "Until");
pub const PERIOD_HELP: Text = Text::new(
    "{disease}の観察期間（{days}日間、接触者は最終接触日の翌日から）を入れてあります。変更できます。",
    "The period of {disease} ({days} days; for a contact from the day after the last exposure) is filled in; you may change it.",
);
pub const ITEMS: Text = Text::new("報告してもらう項目", "Items to report");
pub const TEMPERATURE_ITEM: Text = Text::new("体温", "Temperature");
pub const FREE_TEXT_ITEM: Text = Text::new("自由記載", "Free text");
pub const PERIOD_OF: Text = Text::new("{from}〜{until}", "{from} to {until}");

pub const CLOSE_CASE: Text = Text::new("症例を終了する", "Close the case");
pub const CLOSE_REASON: Text = Text::new("終了の理由", "Reason for closing");
pub const CASE_CLOSED: Text = Text::new("症例を終了しました。", "The case is closed.");
pub const NO_STEPS: Text =
    Text::new("終了しているため、記録を追加できません。", "Closed: nothing more can be recorded.");

pub const OBSERVATION_TITLE: Text = Text::new("健康観察", "Health observation");
pub const OBSERVATION_HEADING: Text = Text::new("健康観察：{name}", "Health observation: {name}");
pub const PERIOD: Text = Text::new("観察期間", "Period");
pub const OBSERVATION_ACTIVE: Text = Text::new("観察中", "Under observation");
pub const BACK_TO_CASE: Text = Text::new("症例へ戻る", "Back to the case");
pub const REPORTS: Text = Text::new("報告", "Reports");
pub const REPORTS_NONE: Text = Text::new("まだ報告はありません。", "No reports yet.");
pub const BY_TELEPHONE: Text = Text::new("電話（{by}）", "Telephone ({by})");
pub const BY_LINK: Text = Text::new("本人のリンク", "Subject's link");
pub const NO_SYMPTOMS: Text = Text::new("症状なし", "No symptoms");

pub const TELEPHONE_REPORT: Text = Text::new("電話で聞き取った報告を記録", "Record a report taken by telephone");
pub const REPORT_DATE: Text = Text::new("報告の日", "Day reported on");
pub const TEMPERATURE: Text = Text::new("体温（℃）", "Temperature (℃)");
pub const SYMPTOMS: Text = Text::new("症状", "Symptoms");
pub const NOTE: Text = Text::new("その他", "Other");
pub const RECORD_REPORT: Text = Text::new("報告を記録する", "Record the report");
pub const REPORT_RECORDED: Text = Text::new("報告を記録しました。", "Report recorded.");

pub const SEND_LINK: Text = Text::new("本人に報告用リンクを送る", "Send the subject a link to report");
pub const SEND_LINK_HELP: Text = Text::new(
    "本人がスマートフォンから毎日報告するためのリンクを送ります。宛先が空欄なら接触者として登録した番号・アドレスに送ります。",
    "Sends the link the subject reports with every day from their phone. With no destination it goes to the contact's number or address on file.",
);
pub const CHANNEL: Text = Text::new("送り方", "Send by");
pub const SMS: Text = Text::new("SMS", "SMS");
pub const MAIL: Text = Text::new("メール", "E-mail");
pub const DESTINATION: Text = Text::new("宛先（任意）", "To (optional)");
pub const SEND: Text = Text::new("リンクを送る", "Send the link");
pub const LINK_SENT: Text = Text::new("リンクを送りました（{until}まで有効）。", "Link sent (valid until {until}).");
pub const REVOKE_LINKS: Text = Text::new("報告用リンクを無効にする", "Revoke the subject's links");
pub const REVOKE_LINKS_HELP: Text = Text::new(
    "送ったリンクをすべて使えなくします（携帯電話をなくした、別の人に届いたなど）。必要なら新しいリンクを送ってください。",
    "Makes every link sent so far unusable (a lost phone, a link that reached someone else). Send a new one if needed.",
);
pub const REVOKE: Text = Text::new("無効にする", "Revoke");
pub const LINKS_REVOKED: Text = Text::new("報告用リンクを無効にしました。", "The subject's links are revoked.");

pub const CLOSE_OBSERVATION: Text = Text::new("健康観察を終了する", "Close the observation");
pub const OBSERVATION_CLOSED: Text = Text::new("健康観察を終了しました。", "The observation is closed.");

pub const FOLLOW_UP_TITLE: Text = Text::new("健康観察の要対応リスト", "Health observation follow-up");
pub const FOLLOW_UP_HEADING: Text = Text::new("健康観察の要対応リスト（{date}）", "Follow-up list ({date})");
pub const FOLLOW_UP_INTRO: Text = Text::new(
    "発熱・症状の報告がある人、今日まだ報告のない人、今日で観察が終わる人の順に表示します。",
    "Those reporting fever or a symptom first, then those who have not reported today, then those whose observation ends today.",
);
pub const FOLLOW_UP_NONE: Text = Text::new("今日、観察中の人はいません。", "Nobody is under observation today.");
pub const FEVER: Text = Text::new("発熱", "Fever");
pub const HAS_SYMPTOMS: Text = Text::new("症状あり", "Symptoms");
pub const NOT_REPORTED: Text = Text::new("未報告", "Not reported");
pub const ENDS_TODAY: Text = Text::new("本日終了", "Ends today");
pub const LAST_REPORT: Text = Text::new("最終報告 {at}", "Last report {at}");
pub const NEVER_REPORTED: Text = Text::new("報告なし", "No reports");
pub const CASES: Text = Text::new("症例", "Cases");
pub const FILTER_ATTENTION: Text = Text::new("状態", "Status");
pub const NEEDS_CALL: Text = Text::new("要連絡（発熱・症状あり）", "A call (fever or symptoms)");
pub const FILTER_SEARCH: Text = Text::new("氏名・症例番号で検索", "Search by name or case number");
pub const FILTERED_NONE: Text = Text::new("条件に合う人はいません。", "Nobody matches the filters.");
pub const CASES_NONE: Text = Text::new("症例はまだありません。", "No cases yet.");
pub const CONTACT_COUNT: Text = Text::new("接触者 {n}人", "{n} contacts");

pub const CHAIN_TITLE: Text = Text::new("感染連鎖", "Chain of transmission");
pub const CHAIN_LINK: Text = Text::new("感染連鎖を見る", "Show the chain of transmission");
pub const CHAIN_INTRO: Text = Text::new(
    "この症例のクラスターの症例（■）と接触者（●）を、最初の症例から、接触者が症例になったつながり（点線）とともに示します。",
    "The cluster's cases (■) and contacts (●) from its first case, with the contacts who became cases (dotted lines).",
);
pub const CHAIN_SUMMARY: Text =
    Text::new("症例 {cases} 件、接触者 {contacts} 人", "{cases} cases, {contacts} contacts");
pub const CHAIN_LEGEND: Text = Text::new(
    "■ 症例（赤：調査中、灰：終了）　● 接触者（橙：接触者、赤：症例になった、灰：対応終了）",
    "■ case (red: investigating, grey: closed)　● contact (orange: listed, red: became a case, grey: closed)",
);
pub const CHAIN_AS_LIST: Text = Text::new("一覧で見る", "As a list");
