//! Visibility above the health center (N-6, R-6): a 都道府県等 sees what its health centers are now
//! responsible for, national staff everything; both open individual records only with the download flag.

use domain::api::{Me, NotificationSummary};
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, measles_submission, Api, User};

on_both_databases!(
    prefectures_see_their_health_centers_notifications_and_the_country_all,
    supervisors_open_individual_records_only_with_the_download_flag,
);

async fn file(doctor: &User) -> Uuid {
    let id = Uuid::new_v4();
    let response = doctor.put_json(&format!("/notifications/{id}"), &measles_submission()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    id
}

async fn listed(user: &User) -> Vec<Uuid> {
    let rows: Vec<NotificationSummary> = expect_json(user.get("/notifications").await, StatusCode::OK).await;
    let mut ids: Vec<Uuid> = rows.iter().map(|row| row.receipt.notification_id).collect();
    ids.sort();
    ids
}

fn sorted<const N: usize>(mut ids: [Uuid; N]) -> Vec<Uuid> {
    ids.sort();
    ids.to_vec()
}

async fn prefectures_see_their_health_centers_notifications_and_the_country_all(api: Api) {
    let north = file(&api.login("doctor1").await).await;
    let south = file(&api.login("doctor2").await).await;
    let city = file(&api.login("doctor3").await).await;
    let (prefecture, city_staff, national) =
        (api.login("pref-demo").await, api.login("city-staff").await, api.login("national").await);
    assert_eq!(listed(&prefecture).await, sorted([north, south]), "デモ県: its two health centers");
    assert_eq!(listed(&city_staff).await, sorted([city]), "デモ市: its own health center");
    assert_eq!(listed(&national).await, sorted([north, south, city]), "national: all");

    // After a transfer to デモ市's health center the notification belongs to the city's view.
    let body = json!({ "health_center_code": "9801", "reason": "患者の住所地がデモ市のため" });
    let response = api.login("hc-north").await.post_json(&format!("/notifications/{north}/transfer"), &body).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(listed(&prefecture).await, sorted([south]));
    assert_eq!(listed(&city_staff).await, sorted([north, city]));
    assert_eq!(listed(&national).await, sorted([north, south, city]));
}

async fn supervisors_open_individual_records_only_with_the_download_flag(api: Api) {
    let north = file(&api.login("doctor1").await).await;
    let city = file(&api.login("doctor3").await).await;
    let prefecture = api.login("pref-demo").await;
    let me: Me = expect_json(prefecture.get("/me").await, StatusCode::OK).await;
    assert!(me.may_download_records && me.organization.name == "デモ県");
    assert_eq!(prefecture.get(&format!("/notifications/{north}")).await.status(), StatusCode::OK);
    expect_error(prefecture.get(&format!("/notifications/{city}")).await, StatusCode::NOT_FOUND, "not_found").await;

    for (user_id, visible) in [("city-staff", city), ("national", north)] {
        let user = api.login(user_id).await;
        let me: Me = expect_json(user.get("/me").await, StatusCode::OK).await;
        assert!(!me.may_download_records, "{user_id}");
        let refused = user.get(&format!("/notifications/{visible}")).await;
        expect_error(refused, StatusCode::FORBIDDEN, "download_not_permitted").await;
    }
    // Health-center staff work on notifications without the flag; only hc-north holds it.
    for (user_id, flag) in [("hc-north", true), ("hc-south", false)] {
        let me: Me = expect_json(api.login(user_id).await.get("/me").await, StatusCode::OK).await;
        assert_eq!(me.may_download_records, flag, "{user_id}");
    }
    let audit = api.audit_log().await;
    for user_id in ["city-staff", "national"] {
        let denied = audit.iter().filter(|(actor, action, outcome)| {
            actor.as_deref() == Some(user_id) && action == "view_notification" && outcome == "denied"
        });
        assert_eq!(denied.count(), 1, "{user_id}'s refused opening is audited: {audit:?}");
    }
}
