//! Notices (お知らせ, P-1): a 都道府県等's administrators publish to their own 都道府県等 only, the
//! national administrator to anyone; each account is shown the notices addressed to it (by 都道府県等
//! and role) in their period, new until it reads them; edits and withdrawals stay within the
//! publisher's scope; bad input is refused and stores nothing.

use domain::api::{MyNotice, Notice};
use reqwest::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, Api, User};

on_both_databases!(
    each_account_sees_the_notices_addressed_to_it,
    the_period_and_withdrawal_decide_what_is_shown,
    publishers_change_only_what_is_in_their_scope,
    bad_notices_are_refused_and_nothing_is_stored,
    an_edit_of_the_text_makes_a_read_notice_new_again,
);

const RFC3339: time::format_description::well_known::Rfc3339 = time::format_description::well_known::Rfc3339;

/// `now` moved by `hours`, as the API takes times.
fn at(hours: i64) -> String {
    (server::store::now() + time::Duration::hours(hours)).format(&RFC3339).unwrap()
}

/// A notice shown from an hour ago for a week, to `audience`.
fn notice(title: &str, audience: Value) -> Value {
    json!({
        "title": title,
        "body": "受付時間が変わります。\n詳しくは保健所へ。",
        "audience": audience,
        "starts_at": at(-1),
        "ends_at": at(24 * 7),
    })
}

async fn publish(publisher: &User, body: &Value) -> Notice {
    expect_json(publisher.post_json("/admin/notices", body).await, StatusCode::CREATED).await
}

async fn mine(user: &User) -> Vec<MyNotice> {
    expect_json(user.get("/notices").await, StatusCode::OK).await
}

/// The titles the account is shown, each with whether it has read it.
async fn shown(user: &User) -> Vec<(String, bool)> {
    mine(user).await.into_iter().map(|notice| (notice.title, notice.read)).collect()
}

async fn each_account_sees_the_notices_addressed_to_it(api: Api) {
    let pref_admin = api.login("pref-admin").await;
    let national = api.login("national-admin").await;
    let prefecture = publish(&pref_admin, &notice("デモ県から", json!({ "prefecture": "99" }))).await;
    publish(&national, &notice("保健所の皆さまへ", json!({ "role": "health_center_staff" }))).await;
    publish(&national, &notice("全員へ", json!({}))).await;

    let new = |title: &str| (title.to_owned(), false);
    let doctor1 = api.login("doctor1").await;
    assert_eq!(shown(&doctor1).await, [new("全員へ"), new("デモ県から")], "newest first");
    assert_eq!(shown(&api.login("hc-north").await).await, [new("全員へ"), new("保健所の皆さまへ"), new("デモ県から")]);
    let doctor3 = api.login("doctor3").await;
    assert_eq!(shown(&doctor3).await, [new("全員へ")], "デモ市 is another 都道府県等");
    assert_eq!(shown(&api.login("city-staff").await).await, [new("全員へ")]);
    assert_eq!(shown(&api.login("national").await).await, [new("全員へ")], "national accounts have no 都道府県等");

    let read = format!("/notices/{}/read", prefecture.id);
    assert_eq!(doctor1.post_json(&read, &json!({})).await.status(), StatusCode::NO_CONTENT);
    assert_eq!(doctor1.post_json(&read, &json!({})).await.status(), StatusCode::NO_CONTENT, "reading twice");
    assert_eq!(shown(&doctor1).await, [new("全員へ"), ("デモ県から".to_owned(), true)]);
    let doctor2 = api.login("doctor2").await;
    assert_eq!(shown(&doctor2).await, [new("全員へ"), new("デモ県から")], "read state is per account");
    expect_error(doctor3.post_json(&read, &json!({})).await, StatusCode::NOT_FOUND, "not_found").await;
    let unknown = format!("/notices/{}/read", Uuid::new_v4());
    expect_error(doctor1.post_json(&unknown, &json!({})).await, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(api.query_count("SELECT COUNT(*) FROM notice_reads").await, 1);
}

async fn the_period_and_withdrawal_decide_what_is_shown(api: Api) {
    let pref_admin = api.login("pref-admin").await;
    let doctor = api.login("doctor1").await;
    let mut later = notice("来週から", json!({ "prefecture": "99" }));
    later["starts_at"] = json!(at(24));
    let later = publish(&pref_admin, &later).await;
    assert!(shown(&doctor).await.is_empty(), "not before its start");
    let read = format!("/notices/{}/read", later.id);
    expect_error(doctor.post_json(&read, &json!({})).await, StatusCode::NOT_FOUND, "not_found").await;

    let path = format!("/admin/notices/{}", later.id);
    let now_on = notice("今日から", json!({ "prefecture": "99" }));
    let edited: Notice = expect_json(pref_admin.put_json(&path, &now_on).await, StatusCode::OK).await;
    assert_eq!((edited.draft.title.as_str(), edited.published_by.as_str()), ("今日から", "pref-admin"));
    assert_eq!(shown(&doctor).await, [("今日から".to_owned(), false)]);

    api.execute_sql("UPDATE notices SET ends_at = starts_at").await;
    assert!(shown(&doctor).await.is_empty(), "not after its end");
    expect_error(doctor.post_json(&read, &json!({})).await, StatusCode::NOT_FOUND, "not_found").await;
    assert_eq!(api.query_count("SELECT COUNT(*) FROM notice_reads").await, 0);
}

async fn publishers_change_only_what_is_in_their_scope(api: Api) {
    let pref_admin = api.login("pref-admin").await;
    let national = api.login("national-admin").await;
    let ours = publish(&pref_admin, &notice("デモ県から", json!({ "prefecture": "99", "role": "doctor" }))).await;
    let everyone = publish(&national, &notice("全員へ", json!({}))).await;

    let listed: Vec<Notice> = expect_json(pref_admin.get("/admin/notices").await, StatusCode::OK).await;
    assert_eq!(listed, std::slice::from_ref(&ours), "a 都道府県等 lists its own notices");
    let all: Vec<Notice> = expect_json(national.get("/admin/notices").await, StatusCode::OK).await;
    assert_eq!(all, [everyone.clone(), ours.clone()]);

    let city_admin = api.login("city-admin").await;
    let edit = notice("書き換え", json!({ "prefecture": "98" }));
    for id in [ours.id, everyone.id] {
        let path = format!("/admin/notices/{id}");
        expect_error(city_admin.put_json(&path, &edit).await, StatusCode::NOT_FOUND, "not_found").await;
        let withdraw = format!("{path}/withdraw");
        expect_error(city_admin.post_json(&withdraw, &json!({})).await, StatusCode::NOT_FOUND, "not_found").await;
    }
    let path = format!("/admin/notices/{}", everyone.id);
    let edit = notice("書き換え", json!({ "prefecture": "99" }));
    expect_error(pref_admin.put_json(&path, &edit).await, StatusCode::NOT_FOUND, "not_found").await;

    let supervisor = api.login("pref-supervisor").await;
    let withdraw = format!("/admin/notices/{}/withdraw", ours.id);
    assert_eq!(supervisor.post_json(&withdraw, &json!({})).await.status(), StatusCode::NO_CONTENT);
    expect_error(pref_admin.post_json(&withdraw, &json!({})).await, StatusCode::CONFLICT, "invalid_transition").await;
    let path = format!("/admin/notices/{}", ours.id);
    let edit = notice("書き換え", json!({ "prefecture": "99" }));
    expect_error(pref_admin.put_json(&path, &edit).await, StatusCode::CONFLICT, "invalid_transition").await;
    assert!(shown(&api.login("doctor1").await).await.iter().all(|(title, _)| title != "デモ県から"));
    let listed: Vec<Notice> = expect_json(pref_admin.get("/admin/notices").await, StatusCode::OK).await;
    assert!(listed[0].withdrawn_at.is_some() && listed[0].draft.title == "デモ県から", "kept, withdrawn");

    let audited: Vec<(Option<String>, String, String)> = api.audit_log().await;
    let notices: Vec<(&str, &str)> = audited
        .iter()
        .filter(|(_, action, _)| action.ends_with("_notice"))
        .map(|(actor, action, _)| (actor.as_deref().unwrap_or_default(), action.as_str()))
        .collect();
    assert_eq!(
        notices,
        [
            ("pref-admin", "publish_notice"),
            ("national-admin", "publish_notice"),
            ("pref-supervisor", "withdraw_notice")
        ]
    );
}

async fn bad_notices_are_refused_and_nothing_is_stored(api: Api) {
    let pref_admin = api.login("pref-admin").await;
    let fields =
        |error: domain::error::ApiError| -> Vec<String> { error.fields.into_iter().map(|f| f.field).collect() };
    let cases: [(Value, &[&str]); 6] = [
        (notice(" ", json!({ "prefecture": "99" })), &["title"]),
        (
            json!({ "title": "題", "body": "あ".repeat(2001), "audience": { "prefecture": "99" },
                 "starts_at": at(2), "ends_at": at(1) }),
            &["body", "ends_at"],
        ),
        (notice("①のお知らせ", json!({ "prefecture": "99" })), &["title"]),
        (notice("他県へ", json!({ "prefecture": "98" })), &["audience.prefecture"]),
        (notice("全員へ", json!({})), &["audience.prefecture"]),
        (notice("ない県へ", json!({ "prefecture": "12" })), &["audience.prefecture"]),
    ];
    for (body, expected) in cases {
        let error = expect_error(
            pref_admin.post_json("/admin/notices", &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(fields(error), expected, "{body}");
    }
    let national = api.login("national-admin").await;
    let unknown = notice("ない県へ", json!({ "prefecture": "12" }));
    let error = expect_error(
        national.post_json("/admin/notices", &unknown).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(fields(error), ["audience.prefecture"]);
    let no_role = notice("魔法使いへ", json!({ "role": "wizard" }));
    let no_end = json!({ "title": "題", "body": "本文", "starts_at": at(0) });
    for malformed in [no_role, no_end] {
        let response = national.post_json("/admin/notices", &malformed).await;
        expect_error(response, StatusCode::BAD_REQUEST, "malformed_request").await;
    }
    for user_id in ["doctor1", "hc-north", "pref-demo", "national", "manager1"] {
        let user = api.login(user_id).await;
        let body = notice("勝手に", json!({ "prefecture": "99" }));
        expect_error(user.post_json("/admin/notices", &body).await, StatusCode::FORBIDDEN, "forbidden").await;
    }

    let kept = publish(&national, &notice("全員へ", json!({}))).await;
    let path = format!("/admin/notices/{}", kept.id);
    let emptied = notice("", json!({}));
    expect_error(national.put_json(&path, &emptied).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let stored: Vec<Notice> = expect_json(national.get("/admin/notices").await, StatusCode::OK).await;
    assert_eq!(stored, [kept], "a refused edit changes nothing");
    assert_eq!(api.query_count("SELECT COUNT(*) FROM notices").await, 1);
    let audited = "SELECT COUNT(*) FROM audit_log WHERE action LIKE '%_notice'";
    assert_eq!(api.query_count(audited).await, 1);
}

async fn edit(publisher: &User, path: &str, draft: &Value) {
    assert_eq!(publisher.put_json(path, draft).await.status(), StatusCode::OK);
}

async fn an_edit_of_the_text_makes_a_read_notice_new_again(api: Api) {
    let pref_admin = api.login("pref-admin").await;
    let first = notice("受付時間", json!({ "prefecture": "99" }));
    let published = publish(&pref_admin, &first).await;
    let (doctor1, doctor2) = (api.login("doctor1").await, api.login("doctor2").await);
    let read = format!("/notices/{}/read", published.id);
    assert_eq!(doctor1.post_json(&read, &json!({})).await.status(), StatusCode::NO_CONTENT);
    let path = format!("/admin/notices/{}", published.id);

    // Another period or audience is not another text: read stays read.
    let mut longer = first.clone();
    longer["ends_at"] = json!(at(24 * 14));
    longer["audience"] = json!({ "prefecture": "99", "role": "doctor" });
    edit(&pref_admin, &path, &longer).await;
    assert_eq!(shown(&doctor1).await, [("受付時間".to_owned(), true)]);

    for changed in ["body", "title"] {
        let mut rewritten = longer.clone();
        rewritten[changed] = json!(format!("{}（訂正）", longer[changed].as_str().unwrap()));
        edit(&pref_admin, &path, &rewritten).await;
        let title = rewritten["title"].as_str().unwrap().to_owned();
        assert_eq!(shown(&doctor1).await, [(title.clone(), false)], "a new {changed} is new to its reader");
        assert_eq!(doctor1.post_json(&read, &json!({})).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(doctor1.post_json(&read, &json!({})).await.status(), StatusCode::NO_CONTENT);
        assert_eq!(shown(&doctor1).await, [(title.clone(), true)]);
        assert_eq!(shown(&doctor2).await, [(title, false)], "never read");
        longer = rewritten;
    }
    assert_eq!(api.query_count("SELECT COUNT(*) FROM notice_reads").await, 1, "a reading per account");
}
