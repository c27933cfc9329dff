//! Maintenance stops (P-1): a national administrator starts a stop; new work is refused with 503
//! `maintenance`, `Retry-After` and the stop's message while the way in, `/me` and the schedule stay
//! open; nothing refused is stored; reading goes on if the stop allows it; a scheduled stop refuses
//! nothing before its start; another instance on the same database refuses too; ending a stop lets
//! work in again.

use domain::api::{MaintenanceSchedule, MaintenanceStop, MyNotice, Notice};
use domain::error::ApiError;
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, measles_submission, Api, User};

on_both_databases!(
    a_stop_refuses_new_work_until_it_ends,
    read_only_and_scheduled_stops,
    every_instance_keeps_the_same_stops,
);

const RFC3339: time::format_description::well_known::Rfc3339 = time::format_description::well_known::Rfc3339;
const MESSAGE: &str = "システム更新のため 10:00 まで停止します。";

async fn start_stop(national: &User, body: serde_json::Value) -> MaintenanceStop {
    expect_json(national.post_json("/admin/maintenance", &body).await, StatusCode::CREATED).await
}

async fn end_stop(national: &User, stop: &MaintenanceStop) -> StatusCode {
    national.post_json(&format!("/admin/maintenance/{}/end", stop.id), &json!({})).await.status()
}

async fn file(doctor: &User, id: Uuid) -> reqwest::Response {
    doctor.put_json(&format!("/notifications/{id}"), &measles_submission()).await
}

/// Asserts the refusal of a stop: 503 `maintenance` with `Retry-After` and the stop in the body.
async fn refused(response: reqwest::Response, stop: &MaintenanceStop) -> u64 {
    let retry_after: u64 = response.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    let error: ApiError = expect_error(response, StatusCode::SERVICE_UNAVAILABLE, "maintenance").await;
    assert_eq!(error.maintenance.as_deref(), Some(stop));
    assert_eq!(error.retry_after_seconds, Some(retry_after));
    retry_after
}

async fn a_stop_refuses_new_work_until_it_ends(api: Api) {
    let national = api.login("national-admin").await;
    let doctor = api.login("doctor1").await;
    expect_error(
        doctor.post_json("/admin/maintenance", &json!({ "message": MESSAGE })).await,
        StatusCode::FORBIDDEN,
        "forbidden",
    )
    .await;
    let silent = national.post_json("/admin/maintenance", &json!({ "message": " " })).await;
    expect_error(silent, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;

    let ends_at = (server::store::now() + time::Duration::hours(1)).format(&RFC3339).unwrap();
    let stop = start_stop(&national, json!({ "message": MESSAGE, "ends_at": ends_at })).await;
    let schedule: MaintenanceSchedule = expect_json(api.anonymous().get("/maintenance").await, StatusCode::OK).await;
    assert_eq!(schedule.current.as_ref(), Some(&stop), "anyone reads the message, even before logging in");

    let id = Uuid::new_v4();
    let retry_after = refused(file(&doctor, id).await, &stop).await;
    assert!((3590..=3600).contains(&retry_after), "until the announced end: {retry_after}");
    refused(doctor.get("/notifications").await, &stop).await;
    let read = format!("/notices/{}/read", Uuid::new_v4());
    refused(doctor.post_json(&read, &json!({})).await, &stop).await;
    assert_eq!(doctor.get("/me").await.status(), StatusCode::OK, "who is logged in stays readable");
    let late = api.anonymous().post_json("/session", &json!({ "user_id": "doctor2", "password": "x" })).await;
    assert_eq!(late.status(), StatusCode::UNAUTHORIZED, "the way in stays open (here: a wrong password)");

    assert_eq!(end_stop(&national, &stop).await, StatusCode::NO_CONTENT);
    assert_eq!(end_stop(&national, &stop).await, StatusCode::NOT_FOUND, "over already");
    let path = format!("/notifications/{id}");
    expect_error(doctor.get(&path).await, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(file(&doctor, id).await.status(), StatusCode::CREATED, "the same filing, after the stop");
    assert_eq!(doctor.get(&path).await.status(), StatusCode::OK);
    let schedule: MaintenanceSchedule = expect_json(doctor.get("/maintenance").await, StatusCode::OK).await;
    assert_eq!(schedule, MaintenanceSchedule::default());
    let audited = api.audit_log().await;
    let actions: Vec<&str> =
        audited.iter().map(|(_, action, _)| action.as_str()).filter(|a| a.ends_with("maintenance")).collect();
    assert_eq!(actions, ["schedule_maintenance", "end_maintenance"]);
}

async fn read_only_and_scheduled_stops(api: Api) {
    let national = api.login("national-admin").await;
    let doctor = api.login("doctor1").await;
    let notice = json!({
        "title": "保守のお知らせ", "body": "停止中も閲覧できます。", "audience": {},
        "starts_at": (server::store::now() - time::Duration::hours(1)).format(&RFC3339).unwrap(),
        "ends_at": (server::store::now() + time::Duration::days(1)).format(&RFC3339).unwrap(),
    });
    let notice: Notice = expect_json(national.post_json("/admin/notices", &notice).await, StatusCode::CREATED).await;
    let read = format!("/notices/{}/read", notice.id);
    let reading = start_stop(&national, json!({ "message": MESSAGE, "read_only": true })).await;
    assert_eq!(doctor.get("/notifications").await.status(), StatusCode::OK, "reading stays allowed");
    let notices: Vec<MyNotice> = expect_json(doctor.get("/notices").await, StatusCode::OK).await;
    assert_eq!(notices.iter().map(|n| (n.id, n.read)).collect::<Vec<_>>(), [(notice.id, false)]);
    assert_eq!(doctor.post_json(&read, &json!({})).await.status(), StatusCode::NO_CONTENT, "reading a notice too");
    let notices: Vec<MyNotice> = expect_json(doctor.get("/notices").await, StatusCode::OK).await;
    assert!(notices[0].read);
    let withdraw = format!("/admin/notices/{}/withdraw", notice.id);
    refused(national.post_json(&withdraw, &json!({})).await, &reading).await;
    let retry_after = refused(file(&doctor, Uuid::new_v4()).await, &reading).await;
    assert_eq!(retry_after, 60, "no announced end: ask again in a minute");
    assert_eq!(end_stop(&national, &reading).await, StatusCode::NO_CONTENT);

    let tomorrow = server::store::now() + time::Duration::days(1);
    let format = |at: time::OffsetDateTime| at.format(&RFC3339).unwrap();
    let later = json!({ "message": MESSAGE, "starts_at": format(tomorrow), "ends_at": format(tomorrow + time::Duration::hours(2)) });
    let scheduled = start_stop(&national, later).await;
    let schedule: MaintenanceSchedule = expect_json(doctor.get("/maintenance").await, StatusCode::OK).await;
    assert_eq!((schedule.current, schedule.upcoming), (None, vec![scheduled.clone()]));
    assert_eq!(file(&doctor, Uuid::new_v4()).await.status(), StatusCode::CREATED, "not yet in force");
    assert_eq!(end_stop(&national, &scheduled).await, StatusCode::NO_CONTENT, "called off");
    let schedule: MaintenanceSchedule = expect_json(doctor.get("/maintenance").await, StatusCode::OK).await;
    assert!(schedule.upcoming.is_empty());
}

async fn every_instance_keeps_the_same_stops(api: Api) {
    let second = api.another_instance().await;
    let national = api.login("national-admin").await;
    let doctor = api.login("doctor1").await.on(&second);
    // The second instance reads the schedule now, so that it has to notice the stop later.
    assert_eq!(doctor.get("/notifications").await.status(), StatusCode::OK);
    let stop = start_stop(&national, json!({ "message": MESSAGE })).await;
    let mut answer = StatusCode::OK;
    for _ in 0..80 {
        answer = doctor.get("/notifications").await.status();
        if answer == StatusCode::SERVICE_UNAVAILABLE {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(answer, StatusCode::SERVICE_UNAVAILABLE, "within {:?}", server::maintenance::REREAD_AFTER);
    assert_eq!(end_stop(&national, &stop).await, StatusCode::NO_CONTENT);
    second.stop().await;
}
