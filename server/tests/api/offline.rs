//! What the offline-first PWA needs from the server: the change feed through which a device learns of
//! returns for correction, a service worker that browsers revalidate on every visit, and the app's
//! files compressed for the phone's sake (never an API answer): a release build's precompressed files
//! sent as they are, hashed files cached for good.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use domain::api::{ChangeFeed, NotificationStatus, WorkflowAction};
use reqwest::StatusCode;
use serde_json::json;
use server::config::Config;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, measles_submission, Api, User};

on_both_databases!(
    the_feed_tells_the_filer_of_a_return_and_continues_from_its_cursor,
    the_feed_shows_only_what_the_account_may_see,
    the_feed_needs_a_session_and_a_numeric_cursor,
    the_service_worker_is_revalidated_and_allowed_by_the_csp with serve_a_built_app,
    app_files_are_compressed_when_accepted_and_api_answers_never with serve_a_built_app,
    precompressed_files_are_sent_as_built_and_hashed_ones_cached_for_good with serve_a_release_build,
    lazy_modules_are_sent_against_the_main_wasm_to_a_browser_that_holds_it with serve_a_release_build,
);

async fn feed(user: &User, after: u64) -> ChangeFeed {
    expect_json(user.get(&format!("/notifications/changes?after={after}")).await, StatusCode::OK).await
}

async fn the_feed_tells_the_filer_of_a_return_and_continues_from_its_cursor(api: Api) {
    let doctor = api.login("doctor1").await;
    let id = Uuid::new_v4();
    let created = doctor.put_json(&format!("/notifications/{id}"), &measles_submission()).await;
    assert_eq!(created.status(), StatusCode::CREATED);

    let first = feed(&doctor, 0).await;
    assert_eq!(first.changes.len(), 1);
    assert_eq!(first.changes[0].action, WorkflowAction::Received);
    assert_eq!(first.changes[0].notification.receipt.notification_id, id);
    assert_eq!(first.cursor, first.changes[0].cursor);
    assert!(!first.more);

    let staff = api.login("hc-north").await;
    let comment = json!({ "comment": "発病日を確認してください" });
    let returned = staff.post_json(&format!("/notifications/{id}/return"), &comment).await;
    assert_eq!(returned.status(), StatusCode::OK);

    let next = feed(&doctor, first.cursor).await;
    assert_eq!(next.changes.len(), 1, "only the step after the cursor");
    assert_eq!(next.changes[0].action, WorkflowAction::Returned);
    assert_eq!(next.changes[0].notification.status, NotificationStatus::Returned);
    assert!(next.cursor > first.cursor);
    let body = doctor.get(&format!("/notifications/changes?after={}", first.cursor)).await.text().await.unwrap();
    assert!(!body.contains("発病日を確認"), "the feed carries no comments: {body}");

    let quiet = feed(&doctor, next.cursor).await;
    assert!(quiet.changes.is_empty());
    assert_eq!(quiet.cursor, next.cursor, "nothing new: the cursor stays");
}

async fn the_feed_shows_only_what_the_account_may_see(api: Api) {
    let doctor = api.login("doctor1").await;
    let id = Uuid::new_v4();
    assert_eq!(doctor.put_json(&format!("/notifications/{id}"), &measles_submission()).await.status(), 201);

    let other_institution = api.login("doctor2").await;
    assert!(feed(&other_institution, 0).await.changes.is_empty());
    let other_health_center = api.login("hc-south").await;
    assert!(feed(&other_health_center, 0).await.changes.is_empty());
    let responsible = api.login("hc-north").await;
    assert_eq!(feed(&responsible, 0).await.changes.len(), 1);
}

async fn the_feed_needs_a_session_and_a_numeric_cursor(api: Api) {
    expect_error(api.anonymous().get("/notifications/changes").await, StatusCode::UNAUTHORIZED, "unauthenticated")
        .await;
    let doctor = api.login("doctor1").await;
    expect_error(doctor.get("/notifications/changes?after=x").await, StatusCode::BAD_REQUEST, "malformed_request")
        .await;
}

/// A dist folder holding a built app's entry points, beside the test's own temporary files.
fn serve_a_built_app(config: &mut Config) {
    let dist = std::env::temp_dir().join(format!("todoke-dist-{}", Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>todoke</title>").unwrap();
    std::fs::write(dist.join("sw.js"), "self.addEventListener('fetch', () => {});").unwrap();
    std::fs::write(dist.join("app-0123abcd_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(dist.join("app-0123abcd.js"), APP_SCRIPT.repeat(400)).unwrap();
    std::fs::write(dist.join("icon-192.png"), b"\x89PNG").unwrap();
    config.dist_dir = dist;
}

/// A release build's dist folder: each file with its Brotli and gzip forms beside it, as
/// scripts/precompress.sh leaves them. The compressed forms are marker bytes, not real streams, so
/// that the test sees whether the server sent the file as built rather than compressing anew.
fn serve_a_release_build(config: &mut Config) {
    serve_a_built_app(config);
    for name in [STYLESHEET, "sw.js", "index.html"] {
        let plain = format!("{name}: the file itself");
        std::fs::write(config.dist_dir.join(name), &plain).unwrap();
        std::fs::write(config.dist_dir.join(format!("{name}.br")), format!("{name}: brotli form")).unwrap();
        std::fs::write(config.dist_dir.join(format!("{name}.gz")), format!("{name}: gzip form")).unwrap();
    }
    let main = std::fs::read(config.dist_dir.join("app-0123abcd_bg.wasm")).unwrap();
    std::fs::create_dir(config.dist_dir.join("lazy")).unwrap();
    std::fs::write(config.dist_dir.join(MODULE), b"\0asm the module itself").unwrap();
    std::fs::write(config.dist_dir.join(format!("{MODULE}.br")), format!("{MODULE}: brotli form")).unwrap();
    let stream = dcb::compress(&main, b"\0asm the module itself").unwrap();
    std::fs::write(config.dist_dir.join(format!("{MODULE}.dcb")), stream).unwrap();
}

const STYLESHEET: &str = "main-9c3b5a7e1d2f4086.css";

/// A lazily loaded module of a release build: its Brotli form and its `dcb` form, compressed against
/// the main wasm (`app-0123abcd_bg.wasm`) as scripts/post-build.sh leaves them.
const MODULE: &str = "lazy/bundle_filing-0123456789abcdef.wasm";

const APP_SCRIPT: &str = "export function start() { return import('./app-0123abcd_bg.wasm'); }\n";

async fn app_files_are_compressed_when_accepted_and_api_answers_never(api: Api) {
    let origin = api.base.trim_end_matches("/api/v1").to_owned();
    let client = reqwest::Client::new();
    let script = format!("{origin}/app-0123abcd.js");
    let gzipped = client.get(&script).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(gzipped.status(), StatusCode::OK);
    assert_eq!(gzipped.headers()["content-encoding"], "gzip");
    assert!(gzipped.headers()["content-security-policy"].to_str().unwrap().contains("default-src 'self'"));
    let body = gzipped.bytes().await.unwrap();
    let original = APP_SCRIPT.repeat(400);
    assert!(body.len() * 10 < original.len(), "{} bytes for {}", body.len(), original.len());
    let mut unpacked = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&body[..]), &mut unpacked).unwrap();
    assert_eq!(unpacked, original);
    let brotli = client.get(&script).header("accept-encoding", "br").send().await.unwrap();
    assert_eq!(brotli.headers()["content-encoding"], "br");
    let plain = client.get(&script).send().await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.text().await.unwrap(), original);

    // An API answer stays as it is, whatever the client accepts.
    let doctor = api.login("doctor1").await;
    let me = doctor.client.get(format!("{}/me", api.base)).header("accept-encoding", "gzip, br").send().await.unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    assert!(me.headers().get("content-encoding").is_none());
}

async fn the_service_worker_is_revalidated_and_allowed_by_the_csp(api: Api) {
    let origin = api.base.trim_end_matches("/api/v1").to_owned();
    let client = reqwest::Client::new();
    let worker = client.get(format!("{origin}/sw.js")).send().await.unwrap();
    assert_eq!(worker.status(), StatusCode::OK);
    let header = |name: &str| worker.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(header("content-type").contains("javascript"), "{}", header("content-type"));
    assert_eq!(header("cache-control"), "no-cache");
    assert!(header("content-security-policy").contains("worker-src 'self'"));

    let asset = client.get(format!("{origin}/app-0123abcd_bg.wasm")).send().await.unwrap();
    assert_eq!(asset.status(), StatusCode::OK);
    assert_ne!(asset.headers().get("cache-control").and_then(|v| v.to_str().ok()), Some("no-cache"));
    // A file without a content hash (an icon) may change under its name too: asked for again, and
    // unchanged it costs no download. The service worker precaches in the default cache mode and
    // relies on both (pwa-assets/sw.js).
    let icon = client.get(format!("{origin}/icon-192.png")).send().await.unwrap();
    assert_eq!(icon.status(), StatusCode::OK);
    assert_eq!(icon.headers().get("cache-control").unwrap(), "no-cache");
    let modified = icon.headers().get("last-modified").expect("a date to revalidate against").clone();
    let again =
        client.get(format!("{origin}/icon-192.png")).header("if-modified-since", modified).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(again.headers().get("cache-control").unwrap(), "no-cache");
    let missing = client.get(format!("{origin}/app-ffffffff_bg.wasm")).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND, "a missing hashed file is never index.html");
}

async fn precompressed_files_are_sent_as_built_and_hashed_ones_cached_for_good(api: Api) {
    let origin = api.base.trim_end_matches("/api/v1").to_owned();
    let client = reqwest::Client::new();
    let get = |path: &str, accept: Option<&'static str>| {
        let request = client.get(format!("{origin}/{path}"));
        match accept {
            Some(encodings) => request.header("accept-encoding", encodings),
            None => request,
        }
        .send()
    };
    let header = |response: &reqwest::Response, name: &str| {
        response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
    };

    for (accept, encoding, body) in [
        (Some("gzip, deflate, br"), "br", format!("{STYLESHEET}: brotli form")),
        (Some("gzip"), "gzip", format!("{STYLESHEET}: gzip form")),
        (None, "", format!("{STYLESHEET}: the file itself")),
        (Some("identity"), "", format!("{STYLESHEET}: the file itself")),
    ] {
        let response = get(STYLESHEET, accept).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(header(&response, "content-encoding"), encoding, "accepting {accept:?}");
        assert!(header(&response, "content-type").starts_with("text/css"), "{}", header(&response, "content-type"));
        assert_eq!(header(&response, "cache-control"), "public, max-age=31536000, immutable");
        assert!(header(&response, "vary").to_ascii_lowercase().contains("accept-encoding"), "accepting {accept:?}");
        assert_eq!(response.text().await.unwrap(), body, "accepting {accept:?}");
    }

    // The service worker and index.html come precompressed too, but are asked for again on every visit.
    for path in ["sw.js", "index.html", ""] {
        let response = get(path, Some("br")).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "/{path}");
        assert_eq!(header(&response, "cache-control"), "no-cache", "/{path}");
        assert_eq!(header(&response, "content-encoding"), "br", "/{path}");
        assert!(header(&response, "vary").to_ascii_lowercase().contains("accept-encoding"), "/{path}");
    }

    let worker_plain = get("sw.js", None).await.unwrap();
    assert_eq!(header(&worker_plain, "content-encoding"), "");
    assert_eq!(worker_plain.text().await.unwrap(), "sw.js: the file itself");

    // A hashed file with no compressed forms beside it (as in a debug build): compressed as it is sent.
    let script = get("app-0123abcd.js", Some("br")).await.unwrap();
    assert_eq!(header(&script, "content-encoding"), "br");
    assert_eq!(header(&script, "cache-control"), "public, max-age=31536000, immutable");
    assert!(header(&script, "vary").to_ascii_lowercase().contains("accept-encoding"));
}

async fn lazy_modules_are_sent_against_the_main_wasm_to_a_browser_that_holds_it(api: Api) {
    let origin = api.base.trim_end_matches("/api/v1").to_owned();
    let client = reqwest::Client::new();
    let header = |response: &reqwest::Response, name: &str| {
        response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
    };
    let main = client.get(format!("{origin}/app-0123abcd_bg.wasm")).send().await.unwrap();
    assert_eq!(header(&main, "use-as-dictionary"), r#"match="/lazy/*""#);
    let main = main.bytes().await.unwrap();
    let hash = format!(":{}:", STANDARD.encode(Sha256::digest(&main)));
    let chromium = "gzip, deflate, br, zstd, dcb, dcz";
    let get = |available: &str, accept: &str| {
        client
            .get(format!("{origin}/{MODULE}"))
            .header("available-dictionary", available)
            .header("accept-encoding", accept)
    };

    let response = get(&hash, chromium).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, "content-encoding"), "dcb");
    assert_eq!(header(&response, "content-type"), "application/wasm");
    assert_eq!(header(&response, "cache-control"), "public, max-age=31536000, immutable");
    assert_eq!(header(&response, "vary"), "accept-encoding, available-dictionary");
    assert!(header(&response, "content-security-policy").contains("default-src 'self'"));
    let sent = response.bytes().await.unwrap();
    assert_eq!(sent, std::fs::read(api.config.dist_dir.join(format!("{MODULE}.dcb"))).unwrap());
    assert!(header(&get(&hash, chromium).send().await.unwrap(), "use-as-dictionary").is_empty());

    // Any other request for it: as before, the Brotli form or the file, varying with both headers.
    let other = format!(":{}:", STANDARD.encode(Sha256::digest(b"an older main module")));
    for (available, accept, encoding) in [
        (hash.as_str(), "gzip, deflate, br, zstd", "br"),
        (other.as_str(), chromium, "br"),
        ("not a hash", chromium, "br"),
        (":!!:", chromium, "br"),
        (hash.as_str(), "identity", ""),
    ] {
        let response = get(available, accept).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{available:?} {accept:?}");
        assert_eq!(header(&response, "content-encoding"), encoding, "{available:?} {accept:?}");
        assert_eq!(header(&response, "content-type"), "application/wasm");
        assert_eq!(header(&response, "vary"), "accept-encoding, available-dictionary");
    }
}
