//! The embedded default back end: one SQLite file (WAL), created and migrated at start.

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, SqliteConnection, SqlitePool};

pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    pub async fn connect(url: &str) -> super::StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a receipt is only shown for a notification that survives a power cut.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        if let Some(dir) = options.get_filename().parent().filter(|dir| !dir.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
        }
        migrate(&options).await?;
        let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
        Ok(Self { pool })
    }
}

/// Runs the migrations on a connection of its own with foreign keys off: SQLite's procedure for
/// rebuilding a table (the only way to change a CHECK) needs them off, and they cannot be switched
/// inside the transaction a migration runs in. Afterwards every key must hold again, or start fails.
async fn migrate(options: &SqliteConnectOptions) -> super::StoreResult<()> {
    let mut connection = SqliteConnection::connect_with(&options.clone().foreign_keys(false)).await?;
    sqlx::migrate!("migrations/sqlite").run(&mut connection).await?;
    let dangling = sqlx::query("PRAGMA foreign_key_check").fetch_all(&mut connection).await?;
    connection.close().await?;
    if dangling.is_empty() {
        Ok(())
    } else {
        Err(super::StoreError::Corrupt(format!("{} references left dangling by a migration", dangling.len())))
    }
}

super::queries::store_impl!(SqliteStore, sqlx::Sqlite);
super::identity_queries::identity_store_impl!(SqliteStore, sqlx::Sqlite);
