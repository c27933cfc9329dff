//! The example EMR client in the docs (`docs/examples/todoke_client.py`, docs/api-tokens.md) run as a
//! vendor would run it, with `python3`, against the test server: it files once however often it is
//! run with the same id, sends its retry after an answer lost on the network and after a maintenance
//! stop's `Retry-After`, files a FHIR Bundle, reads the receipt back, and prints the typed 401 of a
//! revoked token.

use std::net::SocketAddr;
use std::process::Output;

use domain::api::{CreatedApiToken, NotificationDetail, Receipt};
use reqwest::StatusCode;
use serde_json::json;
use tokio::io::AsyncReadExt;
use tokio::net::{TcpListener, TcpStream};
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{expect_json, measles_submission, Api};

on_both_databases!(
    the_client_files_once_however_often_it_is_run,
    the_client_sends_again_after_a_lost_answer_and_a_stop,
    the_client_prints_the_typed_401_of_a_revoked_token,
);

/// `python3 docs/examples/todoke_client.py ARGS` against `url` with `token`, off the test's runtime
/// (the server runs on it).
async fn client(url: &str, token: &str, args: &[&str]) -> Output {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/examples/todoke_client.py");
    let mut command = std::process::Command::new("python3");
    command.arg(script).args(args).env("TODOKE_URL", url).env("TODOKE_API_TOKEN", token);
    tokio::task::spawn_blocking(move || command.output()).await.unwrap().expect("python3 runs")
}

/// The server's address as the client is given it (without `/api/v1`, which the client adds).
fn server_url(api: &Api) -> &str {
    api.base.strip_suffix("/api/v1").expect("base ends in /api/v1")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The receipt the client printed on standard output, after checking it exited 0.
fn printed_receipt(output: &Output) -> Receipt {
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(output));
    serde_json::from_slice(&output.stdout).expect("the receipt as JSON")
}

async fn doctor1_token(api: &Api) -> CreatedApiToken {
    let doctor = api.login("doctor1").await;
    let body = json!({ "name": "電子カルテ", "valid_days": 30 });
    expect_json(doctor.post_json("/me/api-tokens", &body).await, StatusCode::CREATED).await
}

/// The form's JSON of a measles notification in a file, as an EMR system would write it.
fn submission_file(dir: &tempfile::TempDir) -> String {
    let path = dir.path().join("measles.json");
    std::fs::write(&path, measles_submission().to_string()).unwrap();
    path.display().to_string()
}

async fn notifications(api: &Api) -> i64 {
    api.query_count("SELECT COUNT(*) FROM notifications").await
}

async fn the_client_files_once_however_often_it_is_run(api: Api) {
    let token = doctor1_token(&api).await.token;
    let dir = tempfile::tempdir().unwrap();
    let file = submission_file(&dir);
    let id = Uuid::new_v4().to_string();
    let first = client(server_url(&api), &token, &["file", "--id", &id, &file]).await;
    let receipt = printed_receipt(&first);
    assert!(stderr(&first).contains("received (201)"), "{}", stderr(&first));
    let second = client(server_url(&api), &token, &["file", "--id", &id, &file]).await;
    assert_eq!(printed_receipt(&second), receipt, "the same id again: the original receipt");
    assert!(stderr(&second).contains("received before (200)"), "{}", stderr(&second));
    assert_eq!(notifications(&api).await, 1, "filed once");

    let read = client(server_url(&api), &token, &["read", &id]).await;
    assert_eq!(read.status.code(), Some(0), "{}", stderr(&read));
    let detail: NotificationDetail = serde_json::from_slice(&read.stdout).unwrap();
    assert_eq!((detail.summary.receipt, detail.filed_by.as_str()), (receipt, "doctor1"));

    // A FHIR Bundle is recognised and sent as application/fhir+json; without --id the client makes one.
    let bundle = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/api/fixtures/fhir/measles-from-emr.json");
    let filed = client(server_url(&api), &token, &["file", bundle]).await;
    let bundle_receipt = printed_receipt(&filed);
    assert!(stderr(&filed).contains(&format!("notification id: {}", bundle_receipt.notification_id)));
    assert_eq!(notifications(&api).await, 2);
}

async fn the_client_sends_again_after_a_lost_answer_and_a_stop(api: Api) {
    let token = doctor1_token(&api).await.token;
    let dir = tempfile::tempdir().unwrap();
    let file = submission_file(&dir);
    let relay = relay_losing_the_first_answer(server_url(&api)).await;
    let lost = client(&format!("http://{relay}"), &token, &["file", &file]).await;
    let receipt = printed_receipt(&lost);
    let said = stderr(&lost);
    assert!(said.contains("attempt 1: no answer"), "{said}");
    assert!(said.contains("received before (200)"), "the first attempt was filed, the retry got its receipt: {said}");
    assert_eq!(notifications(&api).await, 1, "filed once");

    // A stop that ends in 3 s: the client waits as `Retry-After` says and files after it.
    let national = api.login("national-admin").await;
    let ends_at = server::store::now() + time::Duration::seconds(3);
    let ends_at = ends_at.format(&time::format_description::well_known::Rfc3339).unwrap();
    let stop = json!({ "message": "保守のため停止中です。", "ends_at": ends_at });
    assert_eq!(national.post_json("/admin/maintenance", &stop).await.status(), StatusCode::CREATED);
    let waited = client(server_url(&api), &token, &["file", &file]).await;
    let after_stop = printed_receipt(&waited);
    let said = stderr(&waited);
    assert!(said.contains("attempt 1: 503 maintenance: ") && said.contains("保守のため停止中です。"), "{said}");
    assert!(said.contains("received (201)"), "{said}");
    assert_ne!(after_stop.notification_id, receipt.notification_id);
    assert_eq!(notifications(&api).await, 2);
}

/// A relay in front of the server at `url` that passes every request on, but closes the first
/// connection without its answer once the server has begun answering: the request was handled, the
/// client never hears of it, as when a network fails after sending.
async fn relay_losing_the_first_answer(url: &str) -> SocketAddr {
    let server: SocketAddr = url.trim_start_matches("http://").parse().expect("server address");
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        for connection in 0.. {
            let (mut from_client, _) = listener.accept().await.unwrap();
            let mut to_server = TcpStream::connect(server).await.unwrap();
            tokio::spawn(async move {
                if connection > 0 {
                    let _ = tokio::io::copy_bidirectional(&mut from_client, &mut to_server).await;
                    return;
                }
                let (mut request, _answer_not_sent) = from_client.split();
                let (mut answer, mut forward) = to_server.split();
                let passing_on = async {
                    let _ = tokio::io::copy(&mut request, &mut forward).await;
                    std::future::pending::<()>().await
                };
                let mut first_byte = [0u8; 1];
                // Until the answer begins (the request is handled by then); both connections then close.
                tokio::select! {
                    () = passing_on => {}
                    _ = answer.read(&mut first_byte) => {}
                }
            });
        }
    });
    address
}

async fn the_client_prints_the_typed_401_of_a_revoked_token(api: Api) {
    let created = doctor1_token(&api).await;
    let doctor = api.login("doctor1").await;
    let revoked = doctor.delete(&format!("/me/api-tokens/{}", created.summary.id)).await;
    assert_eq!(revoked.status(), StatusCode::NO_CONTENT);
    let dir = tempfile::tempdir().unwrap();
    let refused = client(server_url(&api), &created.token, &["file", &submission_file(&dir)]).await;
    assert_eq!(refused.status.code(), Some(1), "exit status 1: refused");
    let said = stderr(&refused);
    let message = domain::error::ErrorCode::InvalidApiToken.message(domain::i18n::Lang::Ja);
    assert!(said.contains(&format!("refused: 401 invalid_api_token: {message}")), "{said}");
    assert!(said.lines().filter(|line| line.starts_with("attempt")).count() == 0, "not retried: {said}");
    assert!(refused.stdout.is_empty());
    assert_eq!(notifications(&api).await, 0);
}
