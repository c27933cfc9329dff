//! The lists name the patient by a hint (initials, age at diagnosis, sex) for the accounts that may
//! open the notification anyway, and for nobody else.

use domain::api::NotificationSummary;
use reqwest::StatusCode;

use crate::on_both_databases;
use crate::support::{expect_json, Api, User};
use crate::workflow::file;

on_both_databases!(the_list_hints_at_the_patient_only_for_those_who_may_open_it);

async fn hints(user: &User) -> Vec<Option<String>> {
    let rows: Vec<NotificationSummary> = expect_json(user.get("/notifications").await, StatusCode::OK).await;
    rows.into_iter().map(|row| row.patient_hint.map(|hint| hint.text(domain::i18n::Lang::Ja))).collect()
}

async fn the_list_hints_at_the_patient_only_for_those_who_may_open_it(api: Api) {
    let doctor = api.login("doctor1").await;
    file(&doctor).await;
    // The demo case: 山田 太郎 (no reading), 6, male.
    let hint = [Some("山・太 6歳 男".to_owned())];
    assert_eq!(hints(&doctor).await, hint);
    assert_eq!(hints(&api.login("hc-north").await).await, hint);
    assert_eq!(hints(&api.login("pref-demo").await).await, hint, "the download flag opens records");
    // National staff without the flag list it but open no individual record: no hint either.
    assert_eq!(hints(&api.login("national").await).await, [None]);
}
