//! `GET /notifications/page` (issue 18): keyset pages that neither lose nor repeat a row in any order,
//! ties included; the search by receipt number, institution and (only for accounts that open the
//! records) patient; the date range; malformed queries refused; the change feed's position, from which
//! an open inbox learns of a new notification.

use std::collections::HashSet;

use domain::api::{NotificationPage, NotificationSummary};
use reqwest::StatusCode;
use serde_json::json;
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, measles_submission, Api, User};

on_both_databases!(
    pages_neither_lose_nor_repeat_a_row_in_any_order,
    the_search_reaches_patients_only_for_those_who_open_records,
    dates_limits_and_cursors_are_checked,
    the_feed_cursor_tells_the_inbox_of_a_new_notification,
);

/// No notification (a typed empty list to compare with).
const NOTHING: [Uuid; 0] = [];

async fn file_as(doctor: &User, submission: &serde_json::Value) -> Uuid {
    let id = Uuid::new_v4();
    let response = doctor.put_json(&format!("/notifications/{id}"), submission).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    id
}

async fn page(user: &User, query: &str) -> NotificationPage {
    expect_json(user.get(&format!("/notifications/page?{query}")).await, StatusCode::OK).await
}

/// Every row of the list in `order`, walked `limit` rows at a time, and the number of pages.
async fn walk(user: &User, order: &str, limit: u32) -> (Vec<NotificationSummary>, usize) {
    let (mut rows, mut pages, mut after) = (Vec::new(), 0, String::new());
    loop {
        let found = page(user, &format!("order={order}&limit={limit}{after}")).await;
        pages += 1;
        assert!(found.rows.len() <= limit as usize);
        rows.extend(found.rows);
        match found.next {
            Some(next) => after = format!("&after={next}"),
            None => return (rows, pages),
        }
    }
}

fn ids(rows: &[NotificationSummary]) -> Vec<Uuid> {
    rows.iter().map(|row| row.receipt.notification_id).collect()
}

async fn pages_neither_lose_nor_repeat_a_row_in_any_order(api: Api) {
    let doctor = api.login("doctor1").await;
    let staff = api.login("hc-north").await;
    let mut filed = Vec::new();
    for _ in 0..7 {
        filed.push(file_as(&doctor, &measles_submission()).await);
    }
    // Two of each finished state among five waiting ones: the urgency and status orders have ties.
    for id in &filed[1..3] {
        let response = staff.post_json(&format!("/notifications/{id}/accept"), &json!({})).await;
        assert_eq!(response.status(), StatusCode::OK);
    }
    let response = staff.post_json(&format!("/notifications/{}/return", filed[4]), &json!({ "comment": "確認" })).await;
    assert_eq!(response.status(), StatusCode::OK);

    let mut inbox: Vec<NotificationSummary> = expect_json(staff.get("/notifications").await, StatusCode::OK).await;
    domain::workflow::sort_inbox(&mut inbox);
    let newest: Vec<Uuid> = filed.iter().rev().copied().collect();
    for (order, limit) in [("urgency", 2), ("urgency", 3), ("newest", 3), ("oldest", 2), ("status", 2), ("status", 7)] {
        let (rows, pages) = walk(&staff, order, limit).await;
        let walked = ids(&rows);
        let distinct: HashSet<&Uuid> = walked.iter().collect();
        assert_eq!((walked.len(), distinct.len()), (7, 7), "{order} by {limit}: every row once");
        assert_eq!(pages, 7_usize.div_ceil(limit as usize), "{order} by {limit}: no empty last page");
        let whole = ids(&page(&staff, &format!("order={order}&limit=200")).await.rows);
        assert_eq!(walked, whole, "{order} by {limit}: the pages make the one-page list");
        let expected = match order {
            "urgency" => ids(&inbox),
            "newest" => newest.clone(),
            "oldest" => filed.clone(),
            _ => {
                // Waiting (newest first), returned, accepted (newest first).
                let waiting = [6, 5, 3, 0].map(|i| filed[i]);
                [&waiting[..], &[filed[4]], &[filed[2], filed[1]]].concat()
            }
        };
        assert_eq!(walked, expected, "{order} by {limit}");
    }
    // Without an order, the inbox's; the filer's list is newest first, of the same rows.
    assert_eq!(ids(&page(&staff, "").await.rows), ids(&inbox));
    assert_eq!(ids(&page(&doctor, "").await.rows), newest);
    // Another health center sees none of them.
    assert_eq!(page(&api.login("hc-south").await, "").await.rows, []);
}

/// The demo case with a reading, so that the search by reading has something to find.
fn with_reading() -> serde_json::Value {
    let mut submission = measles_submission();
    submission["answers"]["patient_name"] = json!("佐藤 花子");
    submission["answers"]["patient_name_kana"] = json!("サトウ ハナコ");
    submission
}

async fn found(user: &User, q: &str) -> Vec<Uuid> {
    let url = reqwest::Url::parse_with_params("http://localhost/", [("q", q)]).unwrap();
    ids(&page(user, url.query().unwrap_or_default()).await.rows)
}

async fn the_search_reaches_patients_only_for_those_who_open_records(api: Api) {
    let doctor = api.login("doctor1").await;
    let yamada = file_as(&doctor, &measles_submission()).await;
    let sato = file_as(&doctor, &with_reading()).await;
    let elsewhere = file_as(&api.login("doctor2").await, &with_reading()).await;
    let staff = api.login("hc-north").await;
    let detail: domain::api::NotificationDetail =
        expect_json(staff.get(&format!("/notifications/{sato}")).await, StatusCode::OK).await;
    let receipt_number = detail.summary.receipt.receipt_number;

    // By name (spaces ignored), by reading in either kana and any width, by part of each.
    for q in ["山田", "山田太郎", "山田 太郎"] {
        assert_eq!(found(&staff, q).await, [yamada], "{q}");
    }
    for q in ["さとう", "サトウハナコ", "ｻﾄｳ", "花子", "はなこ"] {
        assert_eq!(found(&staff, q).await, [sato], "{q}");
    }
    // By receipt number, whole (its index) or part (a trigram index; across the `-` too; in full width
    // too), and by the institution's name: for every account that lists it.
    let full_width: String =
        receipt_number.chars().map(|c| char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c)).collect();
    let full_width_part: String = full_width.chars().skip(4).collect();
    for q in [receipt_number.as_str(), &receipt_number[9..], &receipt_number[4..], &full_width_part, &full_width] {
        assert_eq!(found(&staff, q).await, [sato], "{q}");
        assert_eq!(found(&api.login("national").await, q).await, [sato], "national by {q}");
    }
    let national = api.login("national").await;
    assert_eq!(found(&national, "北町こども").await, [sato, yamada]);
    // National staff without the download flag open no record: no search by patient either.
    assert_eq!(found(&national, "佐藤").await, NOTHING);
    assert_eq!(found(&national, "サトウ").await, NOTHING);
    // With the flag, the 都道府県等 finds the patient in its health centers' lists.
    assert_eq!(found(&api.login("pref-demo").await, "佐藤").await, [elsewhere, sato]);
    // A health center does not find another's, nor a filer another institution's.
    assert_eq!(found(&api.login("hc-south").await, "佐藤").await, [elsewhere]);
    assert_eq!(found(&api.login("hc-south").await, &receipt_number).await, NOTHING, "a whole number, elsewhere");
    assert_eq!(found(&api.login("hc-south").await, &receipt_number[4..]).await, NOTHING, "a part, elsewhere");
    assert_eq!(found(&doctor, "佐藤").await, [sato]);
    // Wildcards are literal; nothing matches them.
    assert_eq!(found(&staff, "%").await, NOTHING);
    assert_eq!(found(&staff, "_").await, NOTHING);
}

async fn dates_limits_and_cursors_are_checked(api: Api) {
    let doctor = api.login("doctor1").await;
    let id = file_as(&doctor, &measles_submission()).await;
    let today = domain::jst::date_in_japan(time::OffsetDateTime::now_utc());
    let yesterday = today.previous_day().unwrap();
    let on = |from: time::Date, to: time::Date| format!("received_from={from}&received_to={to}");
    assert_eq!(ids(&page(&doctor, &on(today, today)).await.rows), [id]);
    assert_eq!(ids(&page(&doctor, &on(yesterday, yesterday)).await.rows), NOTHING);
    assert_eq!(ids(&page(&doctor, &format!("received_to={yesterday}")).await.rows), NOTHING);
    assert_eq!(ids(&page(&doctor, &format!("received_from={today}&status=received&disease=measles")).await.rows), [id]);
    assert_eq!(ids(&page(&doctor, "status=accepted").await.rows), NOTHING);
    for query in ["limit=0", "limit=201", "after=1.2", "after=x.y.z", "received_from=2026-13-01", "order=sideways"] {
        let response = doctor.get(&format!("/notifications/page?{query}")).await;
        expect_error(response, StatusCode::BAD_REQUEST, "malformed_request").await;
    }
}

async fn the_feed_cursor_tells_the_inbox_of_a_new_notification(api: Api) {
    let staff = api.login("hc-north").await;
    let doctor = api.login("doctor1").await;
    file_as(&doctor, &measles_submission()).await;
    let cursor = page(&staff, "").await.feed_cursor;
    assert!(cursor > 0);
    let quiet: domain::api::ChangeFeed =
        expect_json(staff.get(&format!("/notifications/changes?after={cursor}")).await, StatusCode::OK).await;
    assert_eq!(quiet.changes.len(), 0, "nothing since the page");
    let new = file_as(&doctor, &measles_submission()).await;
    file_as(&api.login("doctor2").await, &measles_submission()).await;
    let feed: domain::api::ChangeFeed =
        expect_json(staff.get(&format!("/notifications/changes?after={cursor}")).await, StatusCode::OK).await;
    let news: Vec<Uuid> = feed.changes.iter().map(|change| change.notification.receipt.notification_id).collect();
    assert_eq!(news, [new], "the new one of this health center, not another's");
}
