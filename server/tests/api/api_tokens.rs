//! Personal API tokens (issue 20): an electronic medical record system files and reads its receipts
//! with a doctor's token, for the doctor's institution only, on those two routes only; tokens need a
//! recent identity check to make, expire, can be revoked, are stored hashed and are rate-limited.

use domain::api::{ApiTokenSummary, CreatedApiToken, NotificationDetail, Receipt};
use reqwest::{Client, RequestBuilder, Response, StatusCode};
use serde_json::json;
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{animal_report_submission, expect_error, expect_json, measles_submission, Api, User};
use crate::unauthenticated::{described_operations, request_for, PUBLIC};

on_both_databases!(
    a_token_files_and_reads_for_its_institution_only,
    a_token_opens_no_other_route,
    making_a_token_needs_a_filer_and_a_recent_identity_check,
    expired_revoked_and_unknown_tokens_get_the_typed_401,
    a_token_is_rate_limited with three_a_minute,
);

fn three_a_minute(config: &mut server::config::Config) {
    config.api_tokens.requests = 3;
}

/// The routes a token is accepted on.
const TOKEN_ROUTES: [(&str, &str); 2] = [("PUT", "/notifications/{id}"), ("GET", "/notifications/{id}")];

/// An EMR system: no cookies, only the token.
struct Emr {
    client: Client,
    base: String,
    token: String,
}

impl Emr {
    fn new(api: &Api, token: &str) -> Self {
        Self { client: Client::new(), base: api.base.clone(), token: token.to_owned() }
    }

    async fn send(&self, request: RequestBuilder) -> Response {
        request.bearer_auth(&self.token).send().await.unwrap()
    }

    async fn file(&self, id: Uuid, body: &serde_json::Value) -> Response {
        self.send(self.client.put(format!("{}/notifications/{id}", self.base)).json(body)).await
    }

    async fn read(&self, id: Uuid) -> Response {
        self.send(self.client.get(format!("{}/notifications/{id}", self.base))).await
    }
}

async fn make_token(user: &User, name: &str) -> CreatedApiToken {
    let body = json!({ "name": name, "valid_days": 30 });
    expect_json(user.post_json("/me/api-tokens", &body).await, StatusCode::CREATED).await
}

async fn tokens(user: &User) -> Vec<ApiTokenSummary> {
    expect_json(user.get("/me/api-tokens").await, StatusCode::OK).await
}

/// How many audit records of `action` with `outcome` there are.
async fn audited(api: &Api, action: &str, outcome: &str) -> usize {
    api.audit_log().await.into_iter().filter(|(_, a, o)| a == action && o == outcome).count()
}

async fn a_token_files_and_reads_for_its_institution_only(api: Api) {
    let doctor = api.login("doctor1").await;
    let created = make_token(&doctor, "電子カルテ").await;
    assert!(created.token.starts_with("todoke_"));
    assert_eq!(created.summary.institution_code, "9910000001");
    let stored: Vec<(String,)> = api.fetch_all("SELECT token_hash FROM api_tokens").await;
    assert_eq!(stored.len(), 1);
    assert!(stored[0].0.len() == 64 && !stored[0].0.contains(&created.token), "only a hash is kept");

    let emr = Emr::new(&api, &created.token);
    let id = Uuid::new_v4();
    let receipt: Receipt = expect_json(emr.file(id, &measles_submission()).await, StatusCode::CREATED).await;
    assert_eq!(receipt.health_center.code, "9901");
    let again: Receipt = expect_json(emr.file(id, &measles_submission()).await, StatusCode::OK).await;
    assert_eq!(again, receipt, "a retry gets the same receipt");
    let detail: NotificationDetail = expect_json(emr.read(id).await, StatusCode::OK).await;
    assert_eq!((detail.filed_by.as_str(), detail.summary.receipt), ("doctor1", receipt));
    // A doctor's token files what the doctor files, and reads its own institution's filings only.
    expect_error(emr.file(Uuid::new_v4(), &animal_report_submission()).await, StatusCode::FORBIDDEN, "forbidden").await;
    let other = Uuid::new_v4();
    let doctor2 = api.login("doctor2").await;
    assert_eq!(doctor2.put_json(&format!("/notifications/{other}"), &measles_submission()).await.status(), 201);
    expect_error(emr.read(other).await, StatusCode::NOT_FOUND, "not_found").await;
    expect_error(emr.file(other, &measles_submission()).await, StatusCode::CONFLICT, "notification_conflict").await;

    // Bearer requests without a cookie pass the cross-site check; with the session cookie too, it applies.
    let foreign = emr
        .client
        .put(format!("{}/notifications/{}", api.base, Uuid::new_v4()))
        .header("origin", "http://evil.localhost");
    assert_eq!(emr.send(foreign.json(&measles_submission())).await.status(), StatusCode::CREATED);
    let with_cookie = doctor.client.put(format!("{}/notifications/{}", api.base, Uuid::new_v4()));
    let with_cookie = with_cookie.header("origin", "http://evil.localhost").json(&measles_submission());
    expect_error(emr.send(with_cookie).await, StatusCode::FORBIDDEN, "cross_origin_refused").await;

    let listed = tokens(&doctor).await;
    assert_eq!(listed.len(), 1);
    assert!(listed[0].last_used_at.is_some() && listed[0].revoked_at.is_none());
    assert_eq!(audited(&api, "create_api_token", "success").await, 1);
    assert_eq!(audited(&api, "use_api_token", "success").await, 7, "every request the token made");
    let filings: Vec<(Option<String>, String)> =
        api.fetch_all("SELECT actor, target FROM audit_log WHERE action = 'submit_notification'").await;
    assert!(filings.iter().any(|(actor, target)| actor.as_deref() == Some("doctor1") && *target == id.to_string()));
}

/// A token is accepted where the filing and receipt routes are, and nowhere else: every other
/// described operation answers a request that carries only the token as it answers no credentials.
async fn a_token_opens_no_other_route(api: Api) {
    let created = make_token(&api.login("doctor1").await, "電子カルテ").await;
    let emr = api.anonymous();
    let operations = described_operations(&api).await;
    for (method, path) in &TOKEN_ROUTES {
        assert!(operations.contains(&((*method).to_owned(), (*path).to_owned())), "{method} {path}");
    }
    let others = operations.iter().filter(|(method, path)| {
        let operation = (method.as_str(), path.as_str());
        !PUBLIC.contains(&operation) && !TOKEN_ROUTES.contains(&operation)
    });
    for (method, path) in others {
        let response = request_for(&emr, method, path).bearer_auth(&created.token).send().await.unwrap();
        expect_error(response, StatusCode::UNAUTHORIZED, "unauthenticated").await;
    }
    assert_eq!(audited(&api, "use_api_token", "success").await, 0, "the token was not even looked at");
}

async fn making_a_token_needs_a_filer_and_a_recent_identity_check(api: Api) {
    for user_id in ["hc-north", "pref-admin", "national", "sentinel1"] {
        let user = api.login(user_id).await;
        let body = json!({ "name": "x", "valid_days": 30 });
        expect_error(user.post_json("/me/api-tokens", &body).await, StatusCode::FORBIDDEN, "forbidden").await;
        expect_error(user.get("/me/api-tokens").await, StatusCode::FORBIDDEN, "forbidden").await;
    }
    let doctor = api.login("doctor1").await;
    for (body, field) in
        [(json!({ "name": " ", "valid_days": 30 }), "name"), (json!({ "name": "x", "valid_days": 0 }), "valid_days")]
    {
        let error = expect_error(
            doctor.post_json("/me/api-tokens", &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(error.fields[0].field, field);
    }
    api.age_identity_checks("doctor1", time::Duration::minutes(6)).await;
    let body = json!({ "name": "電子カルテ", "valid_days": 30 });
    let stale = doctor.post_json("/me/api-tokens", &body).await;
    expect_error(stale, StatusCode::FORBIDDEN, "reauthentication_required").await;
    assert_eq!(api.query_count("SELECT COUNT(*) FROM api_tokens").await, 0, "nothing refused was stored");
    let confirmed = doctor.post_json("/me/reauthentication", &json!({ "password": "Kita#Clinic1" })).await;
    assert_eq!(confirmed.status(), StatusCode::NO_CONTENT);
    let created = make_token(&doctor, "電子カルテ").await;
    let expected_expiry = created.summary.created_at + time::Duration::days(30);
    assert_eq!(created.summary.expires_at, expected_expiry);
    // A veterinarian's token files the veterinarian's animal reports.
    let vet = make_token(&api.login("vet1").await, "動物病院システム").await;
    let filed = Emr::new(&api, &vet.token).file(Uuid::new_v4(), &animal_report_submission()).await;
    assert_eq!(filed.status(), StatusCode::CREATED);
}

async fn expired_revoked_and_unknown_tokens_get_the_typed_401(api: Api) {
    let doctor = api.login("doctor1").await;
    let revoked = make_token(&doctor, "revoked").await;
    let expired = make_token(&doctor, "expired").await;
    let suspended = make_token(&doctor, "suspended").await;
    let refused = |response: Response| async move {
        let challenge = response.headers().get("www-authenticate").map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(challenge.as_deref(), Some("Bearer error=\"invalid_token\""));
        expect_error(response, StatusCode::UNAUTHORIZED, "invalid_api_token").await;
    };
    refused(Emr::new(&api, "todoke_not-a-token").read(Uuid::new_v4()).await).await;
    refused(Emr::new(&api, "garbage").file(Uuid::new_v4(), &measles_submission()).await).await;

    // Only the account that made a token revokes it; then it is refused at once.
    let path = format!("/me/api-tokens/{}", revoked.summary.id);
    expect_error(api.login("doctor2").await.delete(&path).await, StatusCode::NOT_FOUND, "not_found").await;
    let emr = Emr::new(&api, &revoked.token);
    assert_eq!(emr.read(Uuid::new_v4()).await.status(), StatusCode::NOT_FOUND, "still valid");
    assert_eq!(doctor.delete(&path).await.status(), StatusCode::NO_CONTENT);
    refused(emr.file(Uuid::new_v4(), &measles_submission()).await).await;
    assert_eq!(doctor.delete(&path).await.status(), StatusCode::NO_CONTENT, "revoking again changes nothing");

    api.execute_sql("UPDATE api_tokens SET expires_at = created_at WHERE name = 'expired'").await;
    refused(Emr::new(&api, &expired.token).read(Uuid::new_v4()).await).await;

    let listed = tokens(&doctor).await;
    let named = |name: &str| listed.iter().find(|token| token.name == name).unwrap().clone();
    assert!(named("revoked").revoked_at.is_some() && named("expired").revoked_at.is_none());
    let now = time::OffsetDateTime::now_utc();
    assert!(!named("revoked").is_usable(now) && !named("expired").is_usable(now) && named("suspended").is_usable(now));

    // A suspended account's tokens stop with it.
    let admin = api.login("pref-admin").await;
    assert_eq!(admin.post_json("/admin/accounts/doctor1/suspend", &json!({})).await.status(), StatusCode::NO_CONTENT);
    refused(Emr::new(&api, &suspended.token).file(Uuid::new_v4(), &measles_submission()).await).await;

    assert_eq!(api.query_count("SELECT COUNT(*) FROM notifications").await, 0, "nothing refused was filed");
    assert_eq!(audited(&api, "use_api_token", "failure").await, 5);
    assert_eq!(audited(&api, "revoke_api_token", "success").await, 2);
}

async fn a_token_is_rate_limited(api: Api) {
    let created = make_token(&api.login("doctor1").await, "電子カルテ").await;
    let emr = Emr::new(&api, &created.token);
    let id = Uuid::new_v4();
    for _ in 0..3 {
        expect_error(emr.read(id).await, StatusCode::NOT_FOUND, "not_found").await;
    }
    let limited = expect_error(emr.read(id).await, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    assert!(limited.retry_after_seconds.is_some_and(|seconds| (1..=60).contains(&seconds)), "{limited:?}");
    let filing = emr.file(id, &measles_submission()).await;
    expect_error(filing, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
    assert_eq!(api.query_count("SELECT COUNT(*) FROM notifications").await, 0, "the limited filing was not stored");
    assert_eq!(audited(&api, "use_api_token", "success").await, 3, "a limited request writes nothing");
    // Another token of the same account has its own window.
    let other = make_token(&api.login("doctor1").await, "検査システム").await;
    expect_error(Emr::new(&api, &other.token).read(id).await, StatusCode::NOT_FOUND, "not_found").await;
}
