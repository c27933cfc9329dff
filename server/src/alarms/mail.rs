//! Mails about new alarms and withdrawn ones: the store renders each mail with these and queues it in
//! the same transaction as the alarm's change, to the health center's address from the master (the
//! same recipients for an alarm and its withdrawal), in the mail outbox that the worker of
//! `accounts::letters` sends through SMTP (with its pauses between failed tries).

use domain::api::AlarmSummary;

/// The subject: what, where, which week.
pub fn subject(alarm: &AlarmSummary) -> String {
    format!("【todoke】異常検知: {} {} {}", disease_name(&alarm.disease), alarm.health_center.name, alarm.week.label())
}

fn disease_name(code: &str) -> &str {
    domain::alarms::disease_name(code).map_or(code, |name| name.ja)
}

fn method_name(name: &str) -> &str {
    domain::alarms::method_name(name).map_or(name, |text| text.ja)
}

/// The text: the series, the week, the count against the bound, the method, and where to mark it.
pub fn body(alarm: &AlarmSummary, site_url: &str) -> String {
    format!(
        "{} 御中\n\n感染症発生動向の異常検知で、次の系列が上限値を超えました。\n\n{}\n\
         内容を確認し、「調査中」「説明可能」「問題なし」のいずれかを記録してください:\n{site_url}/alarms/{}\n",
        alarm.health_center.name,
        description(alarm, "報告数"),
        alarm.id,
    )
}

/// The subject of a withdrawal: the alarm's, marked withdrawn.
pub fn withdrawal_subject(alarm: &AlarmSummary) -> String {
    format!(
        "【todoke】異常検知の取消し: {} {} {}",
        disease_name(&alarm.disease),
        alarm.health_center.name,
        alarm.week.label()
    )
}

/// The text of a withdrawal: why it is withdrawn (`comment`, the history's line), the alarm as it
/// was mailed, and where it stays readable.
pub fn withdrawal_body(alarm: &AlarmSummary, comment: &str, site_url: &str) -> String {
    format!(
        "{} 御中\n\n先にお知らせした次の異常検知は、取り消されました。\n{comment}\n\n{}\n\
         対応は不要です。経過は次の画面で確認できます:\n{site_url}/alarms/{}\n",
        alarm.health_center.name,
        description(alarm, "検知時の報告数"),
        alarm.id,
    )
}

/// The alarm, line by line: the series, the week, the count (labelled `count_label`) against the
/// bound, the method.
fn description(alarm: &AlarmSummary, count_label: &str) -> String {
    format!(
        "疾病: {disease}\n地域: {health_center}管内\n系列: {source}\n週: {week}\n\
         {count_label}: {observed}（上限値 {bound:.2}）\n手法: {method}\n",
        disease = disease_name(&alarm.disease),
        health_center = alarm.health_center.name,
        source = alarm.source.label().ja,
        week = alarm.week.label(),
        observed = alarm.observed,
        bound = alarm.upperbound,
        method = method_name(&alarm.method),
    )
}
