//! Telling the filer by e-mail when the health center returns, accepts or transfers their notification
//! (issue 18), so that a return does not wait for the doctor's next visit to the app. The mail is
//! queued with the step (`store::Transition::filer_mail`) and sent by the letter worker through SMTP.
//! It carries no personal data of the patient, nor the health center's comment (which may name the
//! patient): e-mail is not the channel for those, the app is.

use domain::api::{NotificationSummary, WorkflowAction};
use uuid::Uuid;

use crate::store::FilerMail;

/// The mail about `step` just taken on `summary` (as it was before the step), or `None` for a step the
/// filer took themselves. `to_health_center` names where a transfer went.
pub fn about(
    step: WorkflowAction,
    summary: &NotificationSummary,
    to_health_center: &str,
    site_url: &str,
) -> Option<FilerMail> {
    let (done, next) = match step {
        WorkflowAction::Returned => ("差し戻されました", "内容を修正して再提出してください。\n".to_owned()),
        WorkflowAction::Accepted => ("受理されました", String::new()),
        WorkflowAction::Transferred => ("移送されました", format!("移送先: {to_health_center}\n")),
        WorkflowAction::Received | WorkflowAction::Resubmitted | WorkflowAction::Withdrawn => return None,
    };
    let receipt_number = &summary.receipt.receipt_number;
    let subject = format!("【todoke】届出が{done} 受付番号 {receipt_number}");
    let body = format!(
        "{institution} 御中\n\n\
         提出された届出が、{health_center}により{done}。\n{next}\n\
         届出: {subject_name}\n\
         受付番号: {receipt_number}\n\n\
         保健所からのコメントと届出の内容は todoke で確認してください（このメールには患者の情報を載せていません）:\n\
         {site_url}/notifications/{id}\n",
        institution = summary.institution.name,
        health_center = summary.health_center.name,
        subject_name = subject_name(&summary.disease, summary.animal_report.as_deref()),
        id = summary.receipt.notification_id,
    );
    Some(FilerMail { id: Uuid::new_v4(), subject, body })
}

/// "麻しん発生届", or "エボラ出血熱（サル）獣医師届出" for an animal report.
pub(super) fn subject_name(disease: &str, animal_report: Option<&str>) -> String {
    let disease = domain::diseases::find(disease).map_or(disease, |disease| disease.name.ja);
    match animal_report.and_then(domain::animal_reports::find) {
        Some(report) => format!("{disease}（{}）獣医師届出", report.animal.ja),
        None => format!("{disease}発生届"),
    }
}

#[cfg(test)]
mod tests {
    use domain::api::{NotificationStatus, Organization, Receipt};
    use time::macros::datetime;

    use super::*;

    fn summary() -> NotificationSummary {
        let organization = |code: &str, name: &str| Organization { code: code.into(), name: name.into() };
        NotificationSummary {
            receipt: Receipt {
                notification_id: Uuid::nil(),
                receipt_number: "20261206-000001".into(),
                received_at: datetime!(2026-12-06 00:00 UTC),
                health_center: organization("9901", "デモ県北保健所"),
            },
            disease: "measles".into(),
            animal_report: None,
            status: NotificationStatus::Received,
            institution: organization("9910000001", "北町こどもクリニック"),
            health_center: organization("9901", "デモ県北保健所"),
            revision: 1,
            urgent: true,
            overdue: false,
            return_comment: None,
            patient_hint: None,
        }
    }

    #[test]
    fn the_health_centers_steps_are_told_with_a_link_and_nothing_else() {
        let site = "https://todoke.example.jp";
        let returned = about(WorkflowAction::Returned, &summary(), "", site).expect("a mail");
        assert_eq!(returned.subject, "【todoke】届出が差し戻されました 受付番号 20261206-000001");
        assert!(returned.body.contains("麻しん発生届") && returned.body.contains("再提出"), "{}", returned.body);
        assert!(returned.body.contains(&format!("{site}/notifications/{}", Uuid::nil())));
        let moved = about(WorkflowAction::Transferred, &summary(), "デモ県南保健所", site).expect("a mail");
        assert!(moved.body.contains("移送先: デモ県南保健所"), "{}", moved.body);
        assert!(about(WorkflowAction::Accepted, &summary(), "", site).is_some());
        for own in [WorkflowAction::Resubmitted, WorkflowAction::Withdrawn, WorkflowAction::Received] {
            assert!(about(own, &summary(), "", site).is_none(), "{own:?}");
        }
    }
}
