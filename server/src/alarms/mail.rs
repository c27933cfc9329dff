//! Mails about new alarms: the store renders each new alarm's mail with these and queues it in the
//! same transaction, to the health center's address from the master, in the mail outbox that the
//! worker of `accounts::letters` sends through SMTP (with its pauses between failed tries).

use domain::api::AlarmSummary;

/// The subject: what, where, which week.
pub fn subject(alarm: &AlarmSummary) -> String {
    format!("【todoke】異常検知: {} {} {}", disease_name(&alarm.disease), alarm.health_center.name, alarm.week.label())
}

fn disease_name(code: &str) -> &str {
    domain::alarms::disease_name(code).map_or(code, |name| name.ja)
}

/// The text: the series, the week, the count against the bound, the method, and where to mark it.
pub fn body(alarm: &AlarmSummary, site_url: &str) -> String {
    format!(
        "{health_center} 御中\n\n\
         感染症発生動向の異常検知で、次の系列が上限値を超えました。\n\n\
         疾病: {disease}\n\
         地域: {health_center}管内\n\
         系列: {source}\n\
         週: {week}\n\
         報告数: {observed}（上限値 {bound:.2}）\n\
         手法: {method}\n\n\
         内容を確認し、「調査中」「説明可能」「問題なし」のいずれかを記録してください:\n\
         {site_url}/alarms/{id}\n",
        health_center = alarm.health_center.name,
        disease = disease_name(&alarm.disease),
        source = alarm.source.label().ja,
        week = alarm.week.label(),
        observed = alarm.observed,
        bound = alarm.upperbound,
        method = alarm.method,
        id = alarm.id,
    )
}
