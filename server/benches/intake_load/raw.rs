//! The floor to compare intake against: single-row durable inserts through sqlx into the same
//! database, one INSERT per transaction, with todoke's own durability settings.

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

/// `clients` connections insert rows for `phase`, each into a table of its own run.
pub async fn inserts(url: &str, clients: usize, phase: Duration) -> Result<Samples, BoxError> {
    let table = format!("bench_raw_{clients}");
    if url.starts_with("sqlite:") {
        // As server/src/store/sqlite.rs opens the file: WAL, synchronous=FULL.
        let options = SqliteConnectOptions::from_str(url)?
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new().max_connections(clients as u32).connect_with(options).await?;
        sqlx::query(&format!("CREATE TABLE {table} (id BLOB PRIMARY KEY, body TEXT NOT NULL)")).execute(&pool).await?;
        Ok(run(pool, table, clients, phase).await)
    } else {
        let pool = sqlx::postgres::PgPoolOptions::new().max_connections(clients as u32).connect(url).await?;
        sqlx::query(&format!("CREATE TABLE {table} (id UUID PRIMARY KEY, body TEXT NOT NULL)")).execute(&pool).await?;
        Ok(run(pool, table, clients, phase).await)
    }
}

async fn run<DB: sqlx::Database>(pool: sqlx::Pool<DB>, table: String, clients: usize, phase: Duration) -> Samples
where
    for<'c> &'c sqlx::Pool<DB>: sqlx::Executor<'c, Database = DB>,
    for<'q> <DB as sqlx::Database>::Arguments<'q>: sqlx::IntoArguments<'q, DB>,
    uuid::Uuid: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
    String: for<'q> sqlx::Encode<'q, DB> + sqlx::Type<DB>,
{
    let started = Instant::now();
    let statement = format!("INSERT INTO {table} (id, body) VALUES ($1, $2)");
    let mut tasks = JoinSet::new();
    for _ in 0..clients {
        let (pool, statement, body) = (pool.clone(), statement.clone(), payload());
        tasks.spawn(async move {
            let mut results = Vec::new();
            while started.elapsed() < phase {
                let began = Instant::now();
                let inserted =
                    sqlx::query(&statement).bind(uuid::Uuid::new_v4()).bind(body.clone()).execute(&pool).await;
                results.push(inserted.map(|_| began.elapsed()).map_err(|e| e.to_string()));
            }
            results
        });
    }
    let results = tasks.join_all().await.into_iter().flatten().collect();
    Samples { results, elapsed: started.elapsed() }
}
