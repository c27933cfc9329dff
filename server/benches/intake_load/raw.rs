//! What to compare intake against, through sqlx in the same database with todoke's durability
//! settings: single-row durable inserts, one INSERT per transaction (the floor); and transactions of
//! intake's shape, the rows one intake inserts and updates, without the HTTP, session, checks and
//! routing around them.

use std::future::Future;
use std::str::FromStr;
use std::time::{Duration, Instant};

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use tokio::task::JoinSet;

use crate::database::BoxError;
use crate::Samples;

/// About the size of a stored measles notification's answers.
fn payload() -> String {
    crate::filing::measles().to_string()
}

/// As server/src/store/sqlite.rs opens the file: WAL, synchronous=FULL, foreign keys.
fn sqlite_options(url: &str) -> Result<SqliteConnectOptions, BoxError> {
    Ok(SqliteConnectOptions::from_str(url)?
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10)))
}

/// `clients` connections insert rows for `phase`, each into a table of its own run.
pub async fn inserts(url: &str, clients: usize, phase: Duration) -> Result<Samples, BoxError> {
    let table = format!("bench_raw_{clients}");
    let statement = format!("INSERT INTO {table} (id, body) VALUES ($1, $2)");
    if url.starts_with("sqlite:") {
        let pool = SqlitePoolOptions::new().max_connections(clients as u32).connect_with(sqlite_options(url)?).await?;
        sqlx::query(&format!("CREATE TABLE {table} (id BLOB PRIMARY KEY, body TEXT NOT NULL)")).execute(&pool).await?;
        Ok(run(clients, phase, move || insert_one(pool.clone(), statement.clone())).await)
    } else {
        let pool = sqlx::postgres::PgPoolOptions::new().max_connections(clients as u32).connect(url).await?;
        sqlx::query(&format!("CREATE TABLE {table} (id UUID PRIMARY KEY, body TEXT NOT NULL)")).execute(&pool).await?;
        Ok(run(clients, phase, move || insert_one(pool.clone(), statement.clone())).await)
    }
}

async fn insert_one<DB: sqlx::Database>(pool: sqlx::Pool<DB>, statement: String) -> Result<(), sqlx::Error>
where
    for<'c> &'c sqlx::Pool<DB>: sqlx::Executor<'c, Database = DB>,
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    uuid::Uuid: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    String: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    sqlx::query(&statement).bind(uuid::Uuid::new_v4()).bind(payload()).execute(&pool).await.map(|_| ())
}

/// The demo institution doctor1 files from, and so every intake of the run.
const INSTITUTION: &str = "9910000001";

/// `clients` connections each commit intake's writes, in todoke's own tables (after the servers have
/// stopped): the notification inserted with its receipt number, counting columns and search text, its
/// history entry, its audit record (unchained, as a request appends it) and the health center's mail
/// about a 直ちに disease.
pub async fn same_shape(url: &str, clients: usize, phase: Duration) -> Result<Samples, BoxError> {
    if url.starts_with("sqlite:") {
        let pool = SqlitePoolOptions::new().max_connections(clients as u32).connect_with(sqlite_options(url)?).await?;
        let health_center = health_center_of_institution(&pool).await?;
        Ok(run(clients, phase, move || intake_writes(pool.clone(), "BEGIN IMMEDIATE", health_center.clone())).await)
    } else {
        let pool = sqlx::postgres::PgPoolOptions::new().max_connections(clients as u32).connect(url).await?;
        let health_center = health_center_of_institution(&pool).await?;
        Ok(run(clients, phase, move || intake_writes(pool.clone(), "BEGIN", health_center.clone())).await)
    }
}

async fn health_center_of_institution<DB: sqlx::Database>(pool: &sqlx::Pool<DB>) -> Result<String, BoxError>
where
    for<'c> &'c sqlx::Pool<DB>: sqlx::Executor<'c, Database = DB>,
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    String: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    (String,): for<'r> sqlx::FromRow<'r, DB::Row>,
{
    let (code,): (String,) = sqlx::query_as("SELECT health_center_code FROM institutions WHERE code = $1")
        .bind(INSTITUTION.to_owned())
        .fetch_one(pool)
        .await?;
    Ok(code)
}

/// One intake's writes in one transaction, with values of the same size as a measles filing's.
async fn intake_writes<DB: sqlx::Database>(
    pool: sqlx::Pool<DB>,
    begin: &'static str,
    health_center: String,
) -> Result<(), sqlx::Error>
where
    for<'c> &'c mut DB::Connection: sqlx::Executor<'c, Database = DB>,
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    uuid::Uuid: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    String: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    time::OffsetDateTime: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    let (id, now) = (uuid::Uuid::new_v4(), time::OffsetDateTime::now_utc());
    let filer = r#"{"doctor_name":"デモ 医師","institution_name":"デモ北病院","address":"デモ県北町1-1","phone":"000-0000-0000"}"#;
    let mut tx = pool.begin_with(begin).await?;
    sqlx::query(
        "INSERT INTO notifications (id, disease, answers, content_hash, filed_by, institution_code, \
         health_center_code, status, received_at, routed_health_center_code, revision, animal_report, filer, \
         receipt_number, onset_week, diagnosis_week, case_group, report_week, patient_search) \
         VALUES ($1, 'measles', $2, $3, 'doctor1', $4, $5, 'received', $6, $5, 1, NULL, $7, $8, 202647, 202647, \
         'patient', 202648, $9)",
    )
    .bind(id)
    .bind(payload())
    .bind("0".repeat(64))
    .bind(INSTITUTION.to_owned())
    .bind(health_center.clone())
    .bind(now)
    .bind(filer.to_owned())
    .bind(format!("bench-{id}"))
    .bind("やまだ たろう".to_owned())
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO notification_events (notification_id, at, actor, action, comment, health_center_code, \
         transferred_to_code, revision) VALUES ($1, $2, 'doctor1', 'received', NULL, $3, NULL, 1)",
    )
    .bind(id)
    .bind(now)
    .bind(health_center)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO audit_log (at, actor, action, target, client_address, outcome) \
         VALUES ($1, 'doctor1', 'submit_notification', $2, '127.0.0.1', 'success')",
    )
    .bind(now)
    .bind(id.to_string())
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO mail_outbox (id, recipient, subject, body, state, queued_at, next_attempt_at) \
         VALUES ($1, 'hc@example.org', $2, $3, 'pending', $4, $4)",
    )
    .bind(uuid::Uuid::new_v4())
    .bind(format!("【todoke】直ちに届出: 麻しん発生届 受付番号 bench-{id}"))
    .bind("x".repeat(400))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// `clients` tasks each run `commit` in a closed loop for `phase`, timing each.
async fn run<F, Fut>(clients: usize, phase: Duration, commit: F) -> Samples
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: Future<Output = Result<(), sqlx::Error>> + Send,
{
    let started = Instant::now();
    let mut tasks = JoinSet::new();
    for _ in 0..clients {
        let commit = commit.clone();
        tasks.spawn(async move {
            let mut results = Vec::new();
            while started.elapsed() < phase {
                let began = Instant::now();
                results.push(commit().await.map(|()| began.elapsed()).map_err(|e| e.to_string()));
            }
            results
        });
    }
    let results = tasks.join_all().await.into_iter().flatten().collect();
    Samples { results, elapsed: started.elapsed() }
}
