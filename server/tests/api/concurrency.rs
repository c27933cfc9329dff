//! Many writers of every kind at once on one database: intake, workflow steps, bulk issuance with
//! its one-time file (while the letter worker sends the letters of the batches before), and master
//! imports. On SQLite a transaction that read before writing used to fail at its write with
//! `database is locked` (500) whenever another connection held the write lock; here nothing fails.

use domain::api::{IssuedBatch, LetterState, LetterStatus};
use reqwest::StatusCode;
use tokio::sync::mpsc;
use uuid::Uuid;

use crate::accounts::{credentials, form_csv, form_row, upload};
use crate::on_both_databases;
use crate::support::{expect_json, measles_submission, Api, User};

on_both_databases!(concurrent_writers_of_every_kind_all_succeed);

const NOTIFICATIONS_PER_DOCTOR: usize = 30;
const BATCHES: usize = 8;
const ROWS_PER_BATCH: usize = 4;
const MASTER_IMPORTS: usize = 6;

/// A failure as the test reports it: which writer, what answer.
type Failures = Vec<String>;

async fn concurrent_writers_of_every_kind_all_succeed(api: Api) {
    let north_doctor = api.login("doctor1").await;
    let south_doctor = api.login("doctor2").await;
    let staff = api.login("hc-north").await;
    let admin = api.login("pref-admin").await;
    let national = api.login("national-admin").await;

    let (filed, received) = mpsc::unbounded_channel();
    let (intake_north, intake_south, steps, issuance, masters) = tokio::join!(
        file_notifications(&north_doctor, Some(filed)),
        file_notifications(&south_doctor, None),
        accept_each(&staff, received),
        issue_and_download(&admin),
        import_masters(&national),
    );
    let failures: Failures = [intake_north, intake_south, steps, issuance, masters].concat();
    assert!(failures.is_empty(), "{} failed writes: {failures:#?}", failures.len());

    let accepted = api.query_count("SELECT COUNT(*) FROM notifications WHERE status = 'accepted'").await;
    assert_eq!(accepted, NOTIFICATIONS_PER_DOCTOR as i64);
    let letters = letters_sent(&admin, BATCHES * ROWS_PER_BATCH).await;
    assert!(letters.iter().all(|letter| letter.state == LetterState::Sent), "{letters:?}");
    let taken = api.query_count("SELECT COUNT(*) FROM account_batches WHERE downloaded_at IS NOT NULL").await;
    assert_eq!(taken, BATCHES as i64, "every one-time file was handed out once");
}

/// Files notifications one after another; each receipt's id goes to `filed` for the workflow step.
async fn file_notifications(doctor: &User, filed: Option<mpsc::UnboundedSender<Uuid>>) -> Failures {
    let mut failures = Failures::new();
    for _ in 0..NOTIFICATIONS_PER_DOCTOR {
        let id = Uuid::new_v4();
        let response = doctor.put_json(&format!("/notifications/{id}"), &measles_submission()).await;
        match response.status() {
            StatusCode::CREATED => {
                if let Some(filed) = &filed {
                    filed.send(id).unwrap();
                }
            }
            status => failures.push(format!("intake {id}: {status} {}", response.text().await.unwrap())),
        }
    }
    failures
}

async fn accept_each(staff: &User, mut received: mpsc::UnboundedReceiver<Uuid>) -> Failures {
    let mut failures = Failures::new();
    while let Some(id) = received.recv().await {
        let response = staff.post_json(&format!("/notifications/{id}/accept"), &serde_json::json!({})).await;
        if response.status() != StatusCode::OK {
            failures.push(format!("accept {id}: {} {}", response.status(), response.text().await.unwrap()));
        }
    }
    failures
}

/// Issues batches and takes each one-time file at once (a read, then a conditional write, in one
/// transaction), while the letter worker sends the letters of the batches before.
async fn issue_and_download(admin: &User) -> Failures {
    let mut failures = Failures::new();
    for batch in 0..BATCHES {
        let rows: Vec<Vec<String>> = (0..ROWS_PER_BATCH)
            .map(|row| {
                form_row(&format!("並行 利用者{batch}{row}"), &format!("load{batch}-{row}@kita.todoke.invalid"), &[])
            })
            .collect();
        let response = upload(admin, form_csv(&rows).into_bytes(), "").await;
        if response.status() != StatusCode::CREATED {
            failures.push(format!("issuance {batch}: {} {}", response.status(), response.text().await.unwrap()));
            continue;
        }
        let issued: IssuedBatch = response.json().await.unwrap();
        let download = credentials(admin, &issued).await;
        if download.status() != StatusCode::OK {
            failures.push(format!("credentials {batch}: {} {}", download.status(), download.text().await.unwrap()));
        }
    }
    failures
}

/// Imports the health-center master with a changed name each time (a real write, with history).
async fn import_masters(national: &User) -> Failures {
    let mut failures = Failures::new();
    for import in 0..MASTER_IMPORTS {
        let csv =
            format!("保健所コード,保健所名,都道府県等コード,都道府県等名\n9903,デモ県東保健所{import},99,デモ県\n");
        let url = format!("{}/admin/masters/health-centers", national.base);
        let response = national.client.put(url).header("content-type", "text/csv").body(csv).send().await.unwrap();
        if response.status() != StatusCode::OK {
            failures.push(format!("master {import}: {} {}", response.status(), response.text().await.unwrap()));
        }
    }
    failures
}

/// The letters once `expected` of them are no longer waiting (the worker may still be sending).
async fn letters_sent(admin: &User, expected: usize) -> Vec<LetterStatus> {
    for _ in 0..300 {
        let letters: Vec<LetterStatus> = expect_json(admin.get("/admin/letters").await, StatusCode::OK).await;
        let done = letters.iter().filter(|letter| letter.state != LetterState::Pending).count();
        if done >= expected {
            return letters;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the letter worker did not finish {expected} letters");
}
