//! Crash consistency (issue 7): `todoke-server` runs as a real process under a submission load and
//! is killed with SIGKILL again and again; clients retry with the same device ids. Afterwards every
//! receipt a client got names a notification stored exactly once, with exactly one audit record and
//! one history entry, and the audit chain is intact.

use std::collections::{BTreeMap, BTreeSet};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use domain::api::Receipt;
use reqwest::StatusCode;

use crate::on_both_databases;
use crate::support::{measles_submission, Api};

on_both_databases!(receipts_survive_repeated_kills);

const CLIENTS: usize = 8;
const KILLS: usize = 6;

/// `todoke-server` on `port` and the scenario's database (already migrated and seeded).
fn start_server(api: &Api, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_todoke-server"))
        .env("DATABASE_URL", &api.database_url)
        .env("TODOKE_LISTEN", format!("127.0.0.1:{port}"))
        .env("TODOKE_SMTP_URL", api.config.delivery.smtp_url.as_deref().unwrap_or_default())
        .env("TODOKE_PUBLIC_URL", "http://localhost")
        .env("TODOKE_DIST", "/nonexistent")
        .env("RUST_LOG", "error")
        .env_remove("TODOKE_DEMO")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("todoke-server starts")
}

async fn wait_until_ready(base: &str) {
    for _ in 0..600 {
        if reqwest::get(format!("{base}/ready")).await.is_ok_and(|response| response.status() == StatusCode::OK) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the restarted server did not become ready");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Submits new notifications until `stop`, each retried with the same id until a receipt arrives
/// (connection refused, reset mid-answer, or a 5xx while the server restarts are all retried).
/// Returns the receipts and how many attempts were cut short.
async fn client(base: String, cookie: String, stop: Arc<AtomicBool>) -> (Vec<Receipt>, usize) {
    let http = reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
    let (mut receipts, mut interrupted) = (Vec::new(), 0);
    while !stop.load(Ordering::Relaxed) {
        let id = uuid::Uuid::new_v4();
        let receipt = loop {
            let sent = http
                .put(format!("{base}/notifications/{id}"))
                .header(reqwest::header::COOKIE, &cookie)
                .json(&measles_submission())
                .send()
                .await;
            match sent {
                Ok(response) if response.status().is_success() => {
                    if let Ok(receipt) = response.json::<Receipt>().await {
                        break receipt;
                    }
                }
                Ok(response) if response.status().is_server_error() => {}
                Ok(response) => panic!("unexpected answer {}", response.status()),
                Err(_) => {}
            }
            interrupted += 1;
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        assert_eq!(receipt.notification_id, id);
        receipts.push(receipt);
    }
    (receipts, interrupted)
}

async fn receipts_survive_repeated_kills(api: Api) {
    let cookie = api.login("doctor1").await.cookies();
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let mut server = start_server(&api, port);
    wait_until_ready(&base).await;
    let stop = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> =
        (0..CLIENTS).map(|_| tokio::spawn(client(base.clone(), cookie.clone(), stop.clone()))).collect();
    for kill in 0..KILLS {
        tokio::time::sleep(Duration::from_millis(300 + 90 * kill as u64)).await;
        server.kill().expect("SIGKILL");
        server.wait().expect("killed server reaped");
        server = start_server(&api, port);
        wait_until_ready(&base).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::Relaxed);
    let (mut received, mut interrupted) = (Vec::new(), 0);
    for client in clients {
        let (receipts, cut_short) =
            tokio::time::timeout(Duration::from_secs(120), client).await.expect("finish").unwrap();
        received.extend(receipts);
        interrupted += cut_short;
    }
    // SIGTERM: the server finishes what is in flight and exits cleanly.
    let terminated = Command::new("kill").args(["-TERM", &server.id().to_string()]).status().unwrap();
    assert!(terminated.success());
    assert!(server.wait().unwrap().success(), "graceful shutdown exits with status 0");

    let by_id: BTreeMap<_, _> = received.iter().map(|r| (r.notification_id, r.receipt_number.clone())).collect();
    assert_eq!(by_id.len(), received.len(), "each id got one receipt");
    println!("{} receipts; {interrupted} attempts cut short by {KILLS} kills", received.len());
    assert!(interrupted > 0 && !received.is_empty(), "the kills hit a running load");
    let store = server::store::connect(&api.database_url).await.unwrap();
    let scope = server::store::NotificationScope::FiledFromInstitution("9910000001".into());
    let stored = store.notifications(&scope).await.unwrap();
    let stored_ids: BTreeSet<_> = stored.iter().map(|n| n.summary.receipt.notification_id).collect();
    assert_eq!(stored_ids.len(), stored.len(), "no notification is stored twice");
    let stored_by_id: BTreeMap<_, _> =
        stored.iter().map(|n| (n.summary.receipt.notification_id, n.summary.receipt.receipt_number.clone())).collect();
    assert_eq!(stored_by_id, by_id, "exactly the notifications with receipts are stored, under those receipts");
    let once = |table_and_action: &str| format!("SELECT COUNT(*) FROM {table_and_action}");
    let audited = api.query_count(&once("audit_log WHERE action = 'submit_notification'")).await;
    let history = api.query_count(&once("notification_events WHERE action = 'received'")).await;
    assert_eq!(
        (audited, history),
        (stored.len() as i64, stored.len() as i64),
        "one audit record and history entry each"
    );
    server::audit::verify_chain(store.as_ref()).await.expect("the audit chain survives the kills");
}
