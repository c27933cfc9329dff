//! The filer on the legal form (施行規則, issue 13): a notification keeps the doctor's (for an animal
//! report the veterinarian's) name and the institution's name, address and telephone as the account and
//! the master said at filing time; later changes to either do not rewrite it.

use domain::api::{Filer, NotificationDetail, Receipt};
use reqwest::StatusCode;
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{animal_report_submission, expect_json, measles_submission, Api, User};

on_both_databases!(
    a_notification_keeps_its_doctor_and_institution_as_they_were_at_filing,
    an_animal_report_names_the_veterinarian_and_the_animal_clinic,
    a_notification_filed_before_the_particulars_were_kept_has_none,
);

async fn file(filer: &User, submission: &serde_json::Value) -> Receipt {
    let path = format!("/notifications/{}", Uuid::new_v4());
    expect_json(filer.put_json(&path, submission).await, StatusCode::CREATED).await
}

async fn open(user: &User, receipt: &Receipt) -> NotificationDetail {
    expect_json(user.get(&format!("/notifications/{}", receipt.notification_id)).await, StatusCode::OK).await
}

fn filer(name: &str, institution: &str, address: &str, phone: &str) -> Option<Filer> {
    Some(Filer { name: name.into(), institution: institution.into(), address: address.into(), phone: phone.into() })
}

async fn a_notification_keeps_its_doctor_and_institution_as_they_were_at_filing(api: Api) {
    let doctor = api.login("doctor1").await;
    let first = file(&doctor, &measles_submission()).await;
    let staff = api.login("hc-north").await;
    let filed = filer("北町 花子", "北町こどもクリニック", "デモ県北町1-2-3", "0123-45-6701");
    assert_eq!(open(&staff, &first).await.filer, filed);

    api.execute_sql("UPDATE users SET display_name = '北町 花子（新姓）' WHERE user_id = 'doctor1'").await;
    api.execute_sql("UPDATE institutions SET name = '北町こども医院', particulars = '{}' WHERE code = '9910000001'")
        .await;
    assert_eq!(open(&staff, &first).await.filer, filed, "the filed form is not rewritten");
    assert_eq!(open(&doctor, &first).await.filer, filed, "the filer reads the same");

    let second = file(&doctor, &measles_submission()).await;
    assert_eq!(
        open(&staff, &second).await.filer,
        filer("北町 花子（新姓）", "北町こども医院", "", ""),
        "a new filing takes the account and the master as they are now"
    );
}

async fn an_animal_report_names_the_veterinarian_and_the_animal_clinic(api: Api) {
    let vet = api.login("vet1").await;
    let receipt = file(&vet, &animal_report_submission()).await;
    let staff = api.login("hc-north").await;
    assert_eq!(
        open(&staff, &receipt).await.filer,
        filer("北町 獣医師", "北町どうぶつ病院", "デモ県北町2-3-4", "0123-45-6704")
    );
}

async fn a_notification_filed_before_the_particulars_were_kept_has_none(api: Api) {
    let doctor = api.login("doctor1").await;
    let receipt = file(&doctor, &measles_submission()).await;
    let cleared = api
        .execute_sql(&format!(
            "UPDATE notifications SET filer = NULL WHERE receipt_number = '{}'",
            receipt.receipt_number
        ))
        .await;
    assert_eq!(cleared, 1);
    let staff = api.login("hc-north").await;
    let response = staff.get(&format!("/notifications/{}", receipt.notification_id)).await;
    let body: serde_json::Value = expect_json(response, StatusCode::OK).await;
    assert!(body.get("filer").is_none(), "no particulars: the app shows 記録なし");
    assert_eq!(body["filed_by"], "doctor1");
}
