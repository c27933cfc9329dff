//! The filer is told by e-mail (through the mail outbox and real SMTP, read here from the local sink)
//! when the health center returns, accepts or transfers their notification; never of their own steps,
//! and never with the patient's particulars or the health center's comment. The health center is told
//! of a new notification of a 直ちに disease at its address from the master, also without the patient.

use reqwest::StatusCode;
use serde_json::json;

use crate::accounts::mail_containing;
use crate::on_both_databases;
use crate::support::{demo_login, Api};
use crate::workflow::file;

on_both_databases!(
    the_filer_is_mailed_when_the_health_center_returns_accepts_or_transfers,
    the_health_center_is_mailed_of_a_new_immediate_notification,
);

async fn the_filer_is_mailed_when_the_health_center_returns_accepts_or_transfers(api: Api) {
    let doctor = api.login("doctor1").await;
    let address = demo_login("doctor1").destination;
    let north = api.login("hc-north").await;
    let (returned, returned_receipt) = file(&doctor).await;
    let comment = json!({ "comment": "山田太郎さんの診断日を確認してください。" });
    let response = north.post_json(&format!("/notifications/{returned}/return"), &comment).await;
    assert_eq!(response.status(), StatusCode::OK);
    let mail = mail_containing(&api, address, &returned_receipt.receipt_number).await;
    assert!(mail.contains("差し戻されました") && mail.contains("再提出"), "{mail}");
    assert!(mail.contains(&format!("/notifications/{returned}")), "links the notification: {mail}");
    assert!(!mail.contains("山田") && !mail.contains("診断日を確認"), "no patient, no comment: {mail}");

    let (accepted, accepted_receipt) = file(&doctor).await;
    assert_eq!(
        north.post_json(&format!("/notifications/{accepted}/accept"), &json!({})).await.status(),
        StatusCode::OK
    );
    let mail = mail_containing(&api, address, &accepted_receipt.receipt_number).await;
    assert!(mail.contains("受理されました"), "{mail}");

    let (transferred, transferred_receipt) = file(&doctor).await;
    let body = json!({ "health_center_code": "9902", "reason": "住所地" });
    assert_eq!(
        north.post_json(&format!("/notifications/{transferred}/transfer"), &body).await.status(),
        StatusCode::OK
    );
    let mail = mail_containing(&api, address, &transferred_receipt.receipt_number).await;
    assert!(mail.contains("移送先: デモ県南保健所"), "{mail}");

    // The doctor's own steps (the resubmission, a withdrawal) mail nobody.
    let (withdrawn, _) = file(&doctor).await;
    let reason = json!({ "reason": "誤って提出" });
    assert_eq!(
        doctor.post_json(&format!("/notifications/{withdrawn}/withdraw"), &reason).await.status(),
        StatusCode::OK
    );
    let queued = api.query_count(&format!("SELECT COUNT(*) FROM mail_outbox WHERE recipient = '{address}'")).await;
    assert_eq!(queued, 3, "one mail per step of the health center");
    // Each mail went out once.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(api.mail.mails_to(address).iter().filter(|mail| mail.text.contains("受付番号")).count(), 3);
}

async fn the_health_center_is_mailed_of_a_new_immediate_notification(api: Api) {
    let doctor = api.login("doctor1").await;
    let (id, receipt) = file(&doctor).await;
    let address = "kita-hc@demo-pref.todoke.invalid";
    let mail = mail_containing(&api, address, &receipt.receipt_number).await;
    assert!(mail.contains("直ちに届け出る感染症") && mail.contains("麻しん発生届"), "{mail}");
    assert!(mail.contains("北町こどもクリニック") && mail.contains(&format!("/notifications/{id}")), "{mail}");
    assert!(!mail.contains("山田") && !mail.contains("北町1-2-3"), "no patient: {mail}");
    // The same content again is the same notification: no second mail.
    let again = doctor.put_json(&format!("/notifications/{id}"), &crate::support::measles_submission()).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(api.query_count(&format!("SELECT COUNT(*) FROM mail_outbox WHERE recipient = '{address}'")).await, 1);
    // A health center without an address in the master gets none.
    let store = server::store::connect(&api.database_url).await.unwrap();
    store.set_health_center_email("9901", None).await.unwrap();
    file(&doctor).await;
    assert_eq!(api.query_count("SELECT COUNT(*) FROM mail_outbox").await, 1);
}
