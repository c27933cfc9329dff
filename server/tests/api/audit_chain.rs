//! The audit log's hash chain: requests append records unchained and the server's chainer links
//! them (issue 17); `todoke-server verify-audit` passes an untouched log, counts unchained records as
//! pending and names the record changed or removed behind todoke's back; chainers and writers at once
//! keep one chain; `todoke-server backup` copies a live SQLite database into a file that opens and
//! reads as the original.

use std::process::Output;

use server::audit::{self, Action, Outcome};

use crate::on_both_databases;
use crate::support::{measles_submission, Api, Backend};

on_both_databases!(
    the_server_chains_what_requests_appended,
    unchained_records_are_pending_not_tampering with without_chainer,
    verify_audit_names_a_record_altered_through_sql,
    verify_audit_names_the_record_after_a_deleted_one,
    a_chained_record_made_to_look_unchained_breaks_the_chain,
    backup_copies_the_live_database_or_points_to_pg_dump,
    chainers_and_writers_at_once_keep_one_chain,
);

fn without_chainer(config: &mut server::config::Config) {
    config.audit_chaining = false;
}

/// Runs the real `todoke-server` binary on the scenario's database.
async fn todoke_server(api: &Api, args: &[&str]) -> Output {
    crate::support::todoke_server(&api.database_url, args, &[("RUST_LOG", "error")]).await
}

fn printed(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

/// Logins, a submission and a view: a dozen audit records from several kinds of request.
async fn some_activity(api: &Api) {
    let doctor = api.login("doctor1").await;
    let id = uuid::Uuid::new_v4();
    assert_eq!(doctor.put_json(&format!("/notifications/{id}"), &measles_submission()).await.status(), 201);
    assert_eq!(api.login("hc-north").await.get(&format!("/notifications/{id}")).await.status(), 200);
}

/// The seq of the `n`th audit record (1-based, in chain order).
async fn nth_audit_seq(api: &Api, n: i64) -> i64 {
    api.query_count(&format!("SELECT seq FROM audit_log ORDER BY chain_position LIMIT 1 OFFSET {}", n - 1)).await
}

async fn unchained(api: &Api) -> i64 {
    api.query_count("SELECT COUNT(*) FROM audit_log WHERE chain_position IS NULL").await
}

async fn the_server_chains_what_requests_appended(api: Api) {
    some_activity(&api).await;
    api.wait_until_audit_chained().await;
    let records = api.query_count("SELECT COUNT(*) FROM audit_log").await;
    let store = server::store::connect(&api.database_url).await.unwrap();
    let chain = server::audit::verify_chain(store.as_ref()).await.unwrap();
    assert_eq!((chain.records, chain.pending), (u64::try_from(records).unwrap(), 0));
    // One position each, without gaps.
    let positions: Vec<(i64,)> = api.fetch_all("SELECT chain_position FROM audit_log ORDER BY chain_position").await;
    assert_eq!(positions, (1..=records).map(|position| (position,)).collect::<Vec<_>>());
}

/// With no chainer running, requests still succeed and their records wait: the verifier reports them
/// as not chained yet and the log as intact; once chained, they are verified like any other.
async fn unchained_records_are_pending_not_tampering(api: Api) {
    some_activity(&api).await;
    let records = api.query_count("SELECT COUNT(*) FROM audit_log").await;
    assert_eq!(unchained(&api).await, records);
    let waiting = todoke_server(&api, &["verify-audit"]).await;
    assert!(waiting.status.success(), "{}", printed(&waiting));
    assert!(printed(&waiting).contains("intact: 0 records"), "{}", printed(&waiting));
    assert!(
        printed(&waiting).contains(&format!("{records} newer records are not chained yet")),
        "{}",
        printed(&waiting)
    );

    let store = server::store::connect(&api.database_url).await.unwrap();
    assert_eq!(server::audit::chain_pending(store.as_ref()).await.unwrap(), u64::try_from(records).unwrap());
    some_activity(&api).await;
    let more = api.query_count("SELECT COUNT(*) FROM audit_log").await - records;
    let chain = server::audit::verify_chain(store.as_ref()).await.unwrap();
    assert_eq!((chain.records, chain.pending), (u64::try_from(records).unwrap(), u64::try_from(more).unwrap()));
}

async fn verify_audit_names_a_record_altered_through_sql(api: Api) {
    some_activity(&api).await;
    api.wait_until_audit_chained().await;
    let records = api.query_count("SELECT COUNT(*) FROM audit_log").await;
    assert!(records >= 6, "{records} records");
    let intact = todoke_server(&api, &["verify-audit"]).await;
    assert!(intact.status.success(), "{}", printed(&intact));
    assert!(printed(&intact).contains(&format!("intact: {records} records")), "{}", printed(&intact));

    let victim = nth_audit_seq(&api, 3).await;
    let changed = api.execute_sql(&format!("UPDATE audit_log SET outcome = 'failure' WHERE seq = {victim}")).await;
    assert_eq!(changed, 1);
    let tampered = todoke_server(&api, &["verify-audit"]).await;
    assert!(!tampered.status.success());
    assert!(printed(&tampered).contains(&format!("audit record {victim} was altered")), "{}", printed(&tampered));
}

async fn verify_audit_names_the_record_after_a_deleted_one(api: Api) {
    some_activity(&api).await;
    api.wait_until_audit_chained().await;
    let (deleted, next) = (nth_audit_seq(&api, 2).await, nth_audit_seq(&api, 3).await);
    assert_eq!(api.execute_sql(&format!("DELETE FROM audit_log WHERE seq = {deleted}")).await, 1);
    let output = todoke_server(&api, &["verify-audit"]).await;
    assert!(!output.status.success());
    let report = printed(&output);
    assert!(report.contains(&format!("audit record {next} does not follow the record before it")), "{report}");
}

/// Clearing a chained record's chain columns does not pass it off as waiting: the chainer links it
/// again at the end, and the record that followed it no longer follows anything.
async fn a_chained_record_made_to_look_unchained_breaks_the_chain(api: Api) {
    some_activity(&api).await;
    api.wait_until_audit_chained().await;
    let (victim, next) = (nth_audit_seq(&api, 2).await, nth_audit_seq(&api, 3).await);
    let cleared = api
        .execute_sql(&format!(
            "UPDATE audit_log SET chain_position = NULL, prev_hash = NULL, hash = NULL, outcome = 'failure' \
             WHERE seq = {victim}"
        ))
        .await;
    assert_eq!(cleared, 1);
    api.wait_until_audit_chained().await;
    let output = todoke_server(&api, &["verify-audit"]).await;
    assert!(!output.status.success());
    let report = printed(&output);
    assert!(report.contains(&format!("audit record {next} does not follow the record before it")), "{report}");
}

async fn backup_copies_the_live_database_or_points_to_pg_dump(api: Api) {
    some_activity(&api).await;
    api.wait_until_audit_chained().await;
    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("backup.db");
    // The server of this scenario is still running and holds the database open.
    let output = todoke_server(&api, &["backup", file.to_str().unwrap()]).await;
    match api.backend {
        Backend::Postgres => {
            assert!(!output.status.success());
            assert!(printed(&output).contains("pg_dump"), "{}", printed(&output));
        }
        Backend::Sqlite => {
            assert!(output.status.success(), "{}", printed(&output));
            // Restore: a copy of the backup file, opened as a database of its own.
            let restored = scratch.path().join("restored.db");
            std::fs::copy(&file, &restored).unwrap();
            let store = server::store::connect(&format!("sqlite:{}", restored.display())).await.unwrap();
            let original = server::store::connect(&api.database_url).await.unwrap();
            let scope = server::store::NotificationScope::FiledFromInstitution("9910000001".into());
            let summaries = |stored: Vec<server::store::StoredNotification>| {
                stored.into_iter().map(|notification| notification.summary).collect::<Vec<_>>()
            };
            let copied = summaries(store.notifications(&scope).await.unwrap());
            let live = summaries(original.notifications(&scope).await.unwrap());
            assert_eq!(copied.len(), 1);
            assert_eq!(copied, live);
            let chain = server::audit::verify_chain(store.as_ref()).await.unwrap();
            assert_eq!(chain, server::audit::verify_chain(original.as_ref()).await.unwrap());
            // A backup never overwrites a file.
            assert!(!todoke_server(&api, &["backup", file.to_str().unwrap()]).await.status.success());
        }
    }
}

/// Eight writers append 200 records through two store handles (two pools, as two server processes
/// would have) while chainers on both handles, and the server's own, extend the chain: every record
/// ends up in one linear chain, each once.
async fn chainers_and_writers_at_once_keep_one_chain(api: Api) {
    some_activity(&api).await;
    let handles = [
        server::store::connect(&api.database_url).await.unwrap(),
        server::store::connect(&api.database_url).await.unwrap(),
    ];
    let before = api.query_count("SELECT COUNT(*) FROM audit_log").await;
    let writers: Vec<_> = (0..8)
        .map(|writer| {
            let store = handles[writer % 2].clone();
            tokio::spawn(async move {
                for n in 0..25 {
                    let target = Some(format!("writer {writer} record {n}"));
                    let entry =
                        audit::entry(Action::ViewNotification, Outcome::Success, Some("hc-north"), target, None);
                    store.audit(entry).await.unwrap();
                }
            })
        })
        .collect();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let chainers: Vec<_> = (0..4)
        .map(|chainer| {
            let (store, done) = (handles[chainer % 2].clone(), done.clone());
            tokio::spawn(async move {
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    audit::chain_pending(store.as_ref()).await.unwrap();
                }
            })
        })
        .collect();
    for writer in writers {
        writer.await.unwrap();
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    for chainer in chainers {
        chainer.await.unwrap();
    }
    audit::chain_pending(handles[0].as_ref()).await.unwrap();
    let chain = audit::verify_chain(handles[1].as_ref()).await.expect("one linear chain");
    assert_eq!((chain.records, chain.pending), (u64::try_from(before + 200).unwrap(), 0));
}
