//! What a page on another site can make a logged-in browser do: no write with todoke's cookie
//! (body-less POSTs included, which need no CORS preflight), and nothing personal left in the
//! browser's HTTP cache.

use domain::api::{AccountRequest, AccountState, IssuedBatch, ManagedAccount, NotificationStatus, NotificationSummary};
use reqwest::{RequestBuilder, StatusCode};
use serde_json::json;

use crate::accounts::{credentials, form_csv, form_row, upload};
use crate::on_both_databases;
use crate::support::{expect_error, expect_json, measles_submission, Api, User};

on_both_databases!(foreign_pages_cannot_write_with_the_session_cookie, personal_data_is_never_cached,);

/// A sibling subdomain: the same site for `SameSite=Strict`, another origin.
const SIBLING: &str = "http://evil.localhost";

/// A body-less POST as a foreign page's form or `fetch(…, {mode: "no-cors"})` sends it.
fn post(user: &User, path: &str) -> RequestBuilder {
    user.client.post(format!("{}{path}", user.base))
}

async fn refused(request: RequestBuilder) {
    expect_error(request.send().await.unwrap(), StatusCode::FORBIDDEN, "cross_origin_refused").await;
}

async fn foreign_pages_cannot_write_with_the_session_cookie(api: Api) {
    let doctor = api.login("doctor1").await;
    let (id, _) = crate::workflow::file(&doctor).await;
    let staff = api.login("hc-north").await;
    let admin = api.login("pref-admin").await;
    let manager = api.login("manager1").await;
    let request: AccountRequest = expect_json(
        manager.post_json("/manager/requests", &json!({ "action": { "kind": "suspend", "user_id": "doctor1" } })).await,
        StatusCode::CREATED,
    )
    .await;
    let batch: IssuedBatch = expect_json(
        upload(&admin, form_csv(&[form_row("外部 太郎", "gaibu@kita.todoke.invalid", &[])]).into_bytes(), "").await,
        StatusCode::CREATED,
    )
    .await;
    let audit_before = api.audit_log().await.len();

    let writes = [
        (&staff, format!("/notifications/{id}/accept")),
        (&admin, "/admin/accounts/doctor2/suspend".to_owned()),
        (&admin, "/admin/accounts/doctor2/resume".to_owned()),
        (&admin, "/admin/accounts/doctor2/password-reset".to_owned()),
        (&admin, "/admin/accounts/doctor2/letter".to_owned()),
        (&admin, format!("/admin/requests/{}/approve", request.request_id)),
        (&admin, format!("/admin/account-batches/{}/credentials", batch.batch_id)),
    ];
    for (user, path) in &writes {
        refused(post(user, path).header("origin", SIBLING)).await;
        refused(post(user, path).header("origin", "null")).await;
        // A browser that sends no Origin still says where the request came from.
        refused(post(user, path).header("sec-fetch-site", "same-site")).await;
        refused(post(user, path).header("sec-fetch-site", "cross-site")).await;
    }
    refused(admin.client.delete(format!("{}/admin/accounts/doctor2", admin.base)).header("origin", SIBLING)).await;
    refused(staff.client.delete(format!("{}/session", staff.base)).header("origin", SIBLING)).await;

    assert_eq!(api.audit_log().await.len(), audit_before, "nothing was done, nothing audited");
    let doctor2: ManagedAccount = expect_json(admin.get("/admin/accounts/doctor2").await, StatusCode::OK).await;
    assert_eq!(doctor2.state, AccountState::Active);
    assert_eq!(doctor.get("/me").await.status(), StatusCode::OK, "the suspension was not approved");

    // todoke's own pages: the public URL's origin, or the host the browser reached.
    let accepted = post(&staff, &format!("/notifications/{id}/accept")).header("origin", api.origin()).send().await;
    assert_eq!(accepted.unwrap().status(), StatusCode::OK);
    let file = credentials(&admin, &batch).await;
    assert_eq!(file.status(), StatusCode::OK, "the refused download did not use the file up");
    let own = post(&admin, "/admin/accounts/doctor2/suspend").header("sec-fetch-site", "same-origin").send().await;
    assert_eq!(own.unwrap().status(), StatusCode::NO_CONTENT);
    let configured = staff.client.get(format!("{}/notifications/{id}", staff.base)).header("origin", SIBLING);
    assert_eq!(configured.send().await.unwrap().status(), StatusCode::OK, "reads pass");

    // API tokens (no cookie) are exempt: this one is refused for having no session, not for its origin.
    let token = reqwest::Client::new()
        .post(format!("{}/notifications/{id}/accept", api.base))
        .header("origin", SIBLING)
        .header("authorization", "Bearer some-api-token");
    expect_error(token.send().await.unwrap(), StatusCode::UNAUTHORIZED, "unauthenticated").await;
    // A bearer header next to the cookie is no exemption.
    let both = post(&staff, &format!("/notifications/{id}/return")).header("origin", SIBLING);
    refused(both.header("authorization", "Bearer x").json(&json!({ "comment": "再確認" }))).await;
}

async fn personal_data_is_never_cached(api: Api) {
    let doctor = api.login("doctor1").await;
    let id = uuid::Uuid::new_v4();
    let filed = doctor.put_json(&format!("/notifications/{id}"), &measles_submission()).await;
    let staff = api.login("hc-north").await;
    let admin = api.login("pref-admin").await;
    let manager = api.login("manager1").await;
    let answers = [
        filed,
        doctor.get("/me").await,
        doctor.get("/notifications").await,
        staff.get(&format!("/notifications/{id}")).await,
        staff.get("/notifications/changes").await,
        staff.get("/notifications/export?disease=measles").await,
        admin.get("/admin/accounts").await,
        admin.get("/admin/accounts/doctor1").await,
        admin.get("/admin/letters").await,
        admin.get("/admin/requests").await,
        manager.get("/manager/staff").await,
        manager.get("/manager/requests").await,
        api.anonymous().get("/me").await,
        api.anonymous().get("/nowhere").await,
    ];
    for answer in answers {
        assert!(answer.status().as_u16() < 500, "{}", answer.url());
        assert_eq!(answer.headers().get("cache-control").unwrap(), "no-store", "{}", answer.url());
    }
    let summaries: Vec<NotificationSummary> = expect_json(staff.get("/notifications").await, StatusCode::OK).await;
    assert_eq!(summaries[0].status, NotificationStatus::Received);

    let logout = doctor.delete("/session").await;
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    assert_eq!(logout.headers()["clear-site-data"], "\"cache\", \"cookies\", \"storage\"");
}
