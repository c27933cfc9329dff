//! Mails about new alarms: each alarm stored by a run waits in `alarm_mails` (queued in the same
//! transaction, to the health center's address from the master) and the mail worker of
//! `accounts::letters` sends it through SMTP in the same rounds as account letters, with the same
//! pauses between failed tries.

use domain::api::{AlarmSummary, SecondFactorMethod};

use crate::accounts::letters::retry_at;
use crate::accounts::AccountServices;
use crate::delivery::{Deliveries, DeliveryError, Message};
use crate::store::{self, Store, StoreResult};

/// How long one worker holds a claimed mail before another instance may try it.
const CLAIM: time::Duration = time::Duration::minutes(5);
/// Mails sent per round.
pub const BATCH: u32 = 100;

/// The subject: what, where, which week.
pub fn subject(alarm: &AlarmSummary) -> String {
    format!("【todoke】異常検知: {} {} {}", disease_name(&alarm.disease), alarm.health_center.name, alarm.week.label())
}

fn disease_name(code: &str) -> &str {
    domain::diseases::find(code).map_or(code, |disease| disease.name.ja)
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

/// One round: claims the alarm mails due and tries each once. Returns how many were claimed.
pub async fn send_due(store: &dyn Store, deliveries: &Deliveries, services: &AccountServices) -> StoreResult<usize> {
    let now = store::now();
    let due = store.claim_due_alarm_mails(now, now + CLAIM, BATCH).await?;
    for mail in &due {
        let Some(alarm) = store.alarm(mail.alarm_id).await? else { continue };
        let message = Message {
            method: SecondFactorMethod::Email,
            to: mail.recipient.clone(),
            subject: subject(&alarm.summary),
            body: body(&alarm.summary, &services.site_url),
        };
        match deliveries.deliver(&message).await {
            Ok(()) => store.alarm_mail_sent(mail.alarm_id, store::now()).await?,
            Err(error) => {
                // A malformed address will not get better by waiting.
                let permanent = matches!(error, DeliveryError::InvalidAddress(_));
                let retry = if permanent { None } else { retry_at(mail.attempts + 1, store::now()) };
                tracing::warn!(alarm = %mail.alarm_id, %error, "alarm mail not sent");
                store.alarm_mail_failed(mail.alarm_id, &error.to_string(), retry).await?;
            }
        }
    }
    Ok(due.len())
}
