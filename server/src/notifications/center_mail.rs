//! Telling the health center by e-mail of a new notification of a 直ちに disease (issue 18), besides
//! its inbox, so that one filed at night is seen by whoever reads the center's address. The mail is
//! queued with the notification (`store::NewNotification::center_mail`) to the address the master
//! gives the health center (none: no mail) and sent by the letter worker through SMTP. Like the filer's
//! mails it carries no personal data of the patient: the app is the channel for those.

use domain::api::Receipt;
use uuid::Uuid;

use super::filer_mail::subject_name;
use crate::store::FilerMail;

/// Whether a new notification of `disease` is mailed to the health center: a 直ちに disease's.
pub fn mailed(disease: &str) -> bool {
    domain::workflow::is_urgent(disease)
}

/// The mail about a notification just received, or `None` when its disease is not [`mailed`].
pub fn about_new(
    disease: &str,
    animal_report: Option<&str>,
    receipt: &Receipt,
    institution: &str,
    site_url: &str,
) -> Option<FilerMail> {
    if !mailed(disease) {
        return None;
    }
    let subject_name = subject_name(disease, animal_report);
    let receipt_number = &receipt.receipt_number;
    let subject = format!("【todoke】直ちに届出: {subject_name} 受付番号 {receipt_number}");
    let body = format!(
        "{health_center} 御中\n\n\
         直ちに届け出る感染症の届出を受け付けました。\n\n\
         届出: {subject_name}\n\
         届出元: {institution}\n\
         受付番号: {receipt_number}\n\
         受付日時: {received}\n\n\
         内容は todoke で確認してください（このメールには患者の情報を載せていません）:\n\
         {site_url}/notifications/{id}\n",
        health_center = receipt.health_center.name,
        received = domain::jst::format_jst(receipt.received_at),
        id = receipt.notification_id,
    );
    Some(FilerMail { id: Uuid::new_v4(), subject, body })
}

#[cfg(test)]
mod tests {
    use domain::api::Organization;
    use time::macros::datetime;

    use super::*;

    fn receipt() -> Receipt {
        Receipt {
            notification_id: Uuid::nil(),
            receipt_number: "20261206-000001".into(),
            received_at: datetime!(2026-12-06 00:00 UTC),
            health_center: Organization { code: "9901".into(), name: "デモ県北保健所".into() },
        }
    }

    #[test]
    fn only_immediate_diseases_are_mailed_and_without_the_patient() {
        let mail = about_new("measles", None, &receipt(), "北町こどもクリニック", "https://todoke.example").unwrap();
        assert_eq!(mail.subject, "【todoke】直ちに届出: 麻しん発生届 受付番号 20261206-000001");
        assert!(mail.body.starts_with("デモ県北保健所 御中"));
        assert!(mail.body.contains("届出元: 北町こどもクリニック"));
        assert!(mail.body.contains(&format!("https://todoke.example/notifications/{}", Uuid::nil())));
        assert!(about_new("syphilis", None, &receipt(), "北町こどもクリニック", "").is_none(), "7 days: inbox only");
    }
}
