//! What every response carries (security headers, a request id, no internal details), the session
//! cookie's attributes, health and readiness, and the Prometheus metrics.

use std::collections::HashSet;

use base64::Engine;
use reqwest::{Method, StatusCode};
use sha2::{Digest, Sha256};

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, measles_submission, Api};

on_both_databases!(
    every_response_carries_the_security_headers_and_a_request_id with a_built_app,
    a_database_failure_answers_internal_without_sql,
    session_cookies_are_secure_when_served_over_https with served_over_https,
    health_and_readiness_answer,
    metrics_count_requests_and_notifications_on_their_own_port with metrics_on_a_free_port,
);

/// A minimal Trunk output: index.html with an inline loader script, and one asset.
fn a_built_app(config: &mut server::config::Config) {
    config.dist_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/api/fixtures/dist").into();
}

fn served_over_https(config: &mut server::config::Config) {
    config.public_url = Some("https://todoke.example.jp".into());
}

fn metrics_on_a_free_port(config: &mut server::config::Config) {
    config.metrics_listen = Some("127.0.0.1:0".parse().unwrap());
}

/// The hash the CSP must allow: the fixture's inline script, exactly as the browser hashes it.
fn fixture_loader_hash() -> String {
    let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/api/fixtures/dist/index.html"))
        .expect("fixture");
    let start = html.find("<script type=\"module\">").expect("loader") + "<script type=\"module\">".len();
    let end = html[start..].find("</script>").expect("end of loader") + start;
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(&html.as_bytes()[start..end]))
}

async fn every_response_carries_the_security_headers_and_a_request_id(api: Api) {
    let doctor = api.login("doctor1").await;
    let anonymous = api.anonymous();
    let (origin, base) = (api.origin(), api.base.clone());
    let login = serde_json::json!({"user_id": "doctor2", "password": "Minami#Hosp2"});
    let new_id = uuid::Uuid::new_v4();
    // (what, request, expected status): API answers of every kind, the PWA's files, and failures.
    let table = [
        ("openapi", anonymous.client.get(format!("{base}/openapi.json")), 200),
        ("login sets a cookie", anonymous.client.post(format!("{base}/session")).json(&login), 200),
        ("no session", anonymous.client.get(format!("{base}/me")), 401),
        ("unknown API path", anonymous.client.get(format!("{base}/nowhere")), 404),
        ("outside /api/v1", anonymous.client.get(format!("{origin}/api/v0/me")), 404),
        ("unsupported method", anonymous.client.patch(format!("{base}/me")), 405),
        ("malformed id", doctor.client.put(format!("{base}/notifications/x")).json(&measles_submission()), 400),
        (
            "validation error",
            doctor
                .client
                .put(format!("{base}/notifications/{new_id}"))
                .json(&serde_json::json!({"disease": "measles", "answers": {}})),
            422,
        ),
        ("submission", doctor.client.put(format!("{base}/notifications/{new_id}")).json(&measles_submission()), 201),
        ("health", anonymous.client.get(format!("{base}/health")), 200),
        ("readiness", anonymous.client.get(format!("{base}/ready")), 200),
        ("index.html", anonymous.client.get(format!("{origin}/")), 200),
        ("app route", anonymous.client.get(format!("{origin}/notifications/new/measles")), 200),
        ("asset", anonymous.client.get(format!("{origin}/app.js")), 200),
        ("missing asset", anonymous.client.get(format!("{origin}/app-0123abcd.wasm")), 404),
        ("HEAD of the app", anonymous.client.head(format!("{origin}/login")), 200),
        ("POST to a file", anonymous.client.post(format!("{origin}/app.js")), 405),
    ];
    let expected_script = format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{}';", fixture_loader_hash());
    let mut request_ids = HashSet::new();
    for (what, request, status) in table {
        let response = request.send().await.unwrap();
        assert_eq!(response.status().as_u16(), status, "{what}");
        if response.url().path().starts_with("/api") {
            assert_eq!(response.headers().get("cache-control").unwrap(), "no-store", "{what}");
        }
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let csp = header("content-security-policy").unwrap_or_default();
        assert!(csp.starts_with("default-src 'self';") && csp.contains(&expected_script), "{what}: {csp}");
        assert_eq!(csp.matches("'sha256-").count(), 1, "{what}: only the loader may run inline: {csp}");
        assert!(csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "{what}: {csp}");
        assert_eq!(header("strict-transport-security").as_deref(), Some("max-age=63072000; includeSubDomains"));
        assert_eq!(header("x-content-type-options").as_deref(), Some("nosniff"), "{what}");
        assert_eq!(header("x-frame-options").as_deref(), Some("DENY"), "{what}");
        assert_eq!(header("referrer-policy").as_deref(), Some("no-referrer"), "{what}");
        let request_id = header("x-request-id").unwrap_or_default();
        assert!(request_ids.insert(request_id.clone()) && request_id.len() >= 32, "{what}: id {request_id:?}");
        let body = response.text().await.unwrap();
        for internal in ["sqlx", "SELECT", "INSERT", "panicked", ".rs:"] {
            assert!(!body.contains(internal), "{what}: {internal} in {body}");
        }
    }
    // An id given by a proxy in front of todoke is kept, so that both logs can be joined.
    let traced = anonymous.client.get(format!("{base}/health")).header("x-request-id", "lb-42").send().await.unwrap();
    assert_eq!(traced.headers()["x-request-id"], "lb-42");
}

async fn a_database_failure_answers_internal_without_sql(api: Api) {
    // A failed login writes an audit record; without its table the store fails inside the request.
    api.execute_sql("ALTER TABLE audit_log RENAME TO audit_log_gone").await;
    let attempt = serde_json::json!({"user_id": "doctor1", "password": "wrong#Pass1"});
    let response = api.anonymous().post_json("/session", &attempt).await;
    assert!(response.headers().contains_key("x-request-id"));
    assert!(response.headers().contains_key("content-security-policy"));
    let body = response.text().await.unwrap();
    for internal in ["audit_log", "sqlx", "SELECT", "INSERT", "relation", "no such table", "database"] {
        assert!(!body.contains(internal), "{internal} in {body}");
    }
    let error: domain::error::ApiError = serde_json::from_str(&body).unwrap();
    assert_eq!(error.code, domain::error::ErrorCode::Internal);
}

async fn session_cookies_are_secure_when_served_over_https(api: Api) {
    let login = serde_json::json!({"user_id": "doctor1", "password": "Kita#Clinic1"});
    let response = api.anonymous().post_json("/session", &login).await;
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    let attributes: HashSet<&str> = cookie.split("; ").skip(1).collect();
    let name = "__Host-todoke_session=";
    assert!(cookie.starts_with(name) && cookie.len() > name.len() + 40, "{cookie}");
    // Host-only (no Domain), whole site, not readable by scripts, never sent cross-site or over http;
    // the prefix makes the browser refuse a cookie of this name set without those (by a sibling host).
    assert_eq!(attributes, HashSet::from(["HttpOnly", "SameSite=Strict", "Secure", "Path=/"]), "{cookie}");
    // The prefixed cookie is the session: the code step and logout find it under that name.
    let token = cookie.split(';').next().unwrap().to_owned();
    let code = api.latest_code("doctor1");
    let step = api.anonymous().client.post(format!("{}/session/code", api.base)).header("cookie", &token);
    assert_eq!(step.json(&serde_json::json!({ "code": code })).send().await.unwrap().status(), StatusCode::OK);
    let plain = token.replacen("__Host-", "", 1);
    let unprefixed = api.anonymous().client.get(format!("{}/me", api.base)).header("cookie", plain);
    assert_eq!(unprefixed.send().await.unwrap().status(), StatusCode::UNAUTHORIZED, "only the prefixed name counts");
    let logout = api.anonymous().client.delete(format!("{}/session", api.base)).header("cookie", &token);
    let logout = logout.send().await.unwrap();
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    let removal = logout.headers()["set-cookie"].to_str().unwrap();
    assert!(removal.starts_with("__Host-todoke_session=;") && removal.contains("Secure"), "{removal}");
}

async fn health_and_readiness_answer(api: Api) {
    let anonymous = api.anonymous();
    let health: serde_json::Value = expect_json(anonymous.get("/health").await, StatusCode::OK).await;
    assert_eq!(health, serde_json::json!({"status": "ok"}));
    let ready: serde_json::Value = expect_json(anonymous.get("/ready").await, StatusCode::OK).await;
    assert_eq!(ready, serde_json::json!({"status": "ok"}));
    expect_error(
        anonymous.client.post(format!("{}/ready", api.base)).send().await.unwrap(),
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    )
    .await;
}

/// The value of an unlabelled counter in Prometheus text, 0 when not yet exported.
fn counter(metrics: &str, name: &str) -> f64 {
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(name).and_then(|rest| rest.strip_prefix(' ')))
        .map_or(0.0, |value| value.trim().parse().unwrap())
}

async fn metrics_count_requests_and_notifications_on_their_own_port(api: Api) {
    let metrics_url = format!("{}/metrics", api.metrics_base.clone().expect("metrics listener"));
    let scrape = || async { reqwest::get(&metrics_url).await.unwrap().text().await.unwrap() };
    let before = counter(&scrape().await, "todoke_notifications_received_total");
    let doctor = api.login("doctor1").await;
    let id = uuid::Uuid::new_v4();
    assert_eq!(doctor.put_json(&format!("/notifications/{id}"), &measles_submission()).await.status(), 201);
    // A repeat is not a new notification (other tests in this process may add their own, so ≥).
    assert_eq!(doctor.put_json(&format!("/notifications/{id}"), &measles_submission()).await.status(), 200);
    let after = scrape().await;
    assert!(counter(&after, "todoke_notifications_received_total") >= before + 1.0, "{after}");
    let submitted = r#"todoke_http_requests_total{method="PUT",route="/api/v1/notifications/{id}",status="201"}"#;
    assert!(after.contains(submitted), "{after}");
    assert!(after.contains("todoke_http_request_duration_seconds_bucket{"), "{after}");
    assert!(!after.contains(&id.to_string()), "raw paths must not become labels");
    // Every server here runs the letter worker, which reports the mail outbox's backlog after each round.
    assert!(after.contains("todoke_letters_pending "), "{after}");
    // Not on the public port.
    let public = api.anonymous().client.request(Method::GET, format!("{}/metrics", api.origin())).send().await.unwrap();
    assert!(!public.text().await.unwrap().contains("todoke_http_requests_total"));
}
