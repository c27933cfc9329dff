//! The throwaway database the benchmarked server runs on: a SQLite file in a temp dir, or a new
//! PostgreSQL database (`todoke_bench_<uuid>`) that is dropped afterwards.

use sqlx::Connection;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// `postgres` or `sqlite` as an argument (`cargo bench … -- postgres`), else `BENCH_DATABASE`,
    /// else SQLite. Flags are skipped: `cargo bench` passes `--bench` to the binary.
    pub fn chosen() -> Result<Self, BoxError> {
        let argument = std::env::args().skip(1).find(|arg| !arg.starts_with('-'));
        let choice = argument.or_else(|| std::env::var("BENCH_DATABASE").ok()).unwrap_or_default();
        match choice.as_str() {
            "" | "sqlite" => Ok(Self::Sqlite),
            "postgres" | "postgresql" => Ok(Self::Postgres),
            other => Err(format!("unknown database {other:?}: expected sqlite or postgres").into()),
        }
    }
}

pub struct Database {
    pub url: String,
    /// What the report says about it (engine, version, settings).
    pub description: String,
    /// Holds the SQLite file; removed when dropped.
    pub scratch: tempfile::TempDir,
    postgres_name: Option<String>,
}

impl Database {
    pub async fn create(backend: Backend) -> Result<Self, BoxError> {
        let scratch = tempfile::tempdir()?;
        match backend {
            Backend::Sqlite => {
                let url = format!("sqlite:{}", scratch.path().join("todoke.db").display());
                let description =
                    format!("SQLite {} (WAL, synchronous=FULL), file in a temp dir", sqlite_version().await?);
                Ok(Self { url, description, scratch, postgres_name: None })
            }
            Backend::Postgres => {
                let name = format!("todoke_bench_{}", uuid::Uuid::new_v4().simple());
                let version = admin_sql(&format!("CREATE DATABASE {name}")).await?;
                let url = format!("{}/{name}", postgres_server());
                let description = format!("PostgreSQL {version} on 127.0.0.1, database {name}");
                Ok(Self { url, description, scratch, postgres_name: Some(name) })
            }
        }
    }

    /// Drops the PostgreSQL database (the temp dir goes with `self`). `FORCE` ends connections that
    /// the stopped server's pool may still hold.
    pub async fn remove(&self) -> Result<(), BoxError> {
        if let Some(name) = &self.postgres_name {
            admin_sql(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).await?;
        }
        Ok(())
    }
}

/// Runs `measure` on a new scratch database of the backend the command line chose
/// ([`Backend::chosen`]) on a multi-threaded runtime, and removes the database whatever `measure`
/// gave: what every benchmark of the store does around its own figures.
#[allow(dead_code)] // the benchmarks that start servers share this file but make their databases themselves
pub fn measure_on_scratch(
    measure: impl AsyncFnOnce(&Database, Backend) -> Result<(), BoxError>,
) -> Result<(), BoxError> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build()?.block_on(async {
        let backend = Backend::chosen()?;
        let database = Database::create(backend).await?;
        let result = measure(&database, backend).await;
        database.remove().await?;
        result
    })
}

/// `BENCH_POSTGRES_URL`: the PostgreSQL server, without a database name.
pub fn postgres_server() -> String {
    let url = std::env::var("BENCH_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into());
    url.trim_end_matches('/').to_owned()
}

/// Runs one statement in the maintenance database; returns the server's version for the report.
pub async fn admin_sql(statement: &str) -> Result<String, BoxError> {
    let admin_url = format!("{}/postgres", postgres_server());
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .map_err(|e| format!("PostgreSQL at {admin_url} (BENCH_POSTGRES_URL) is not reachable: {e}"))?;
    sqlx::query(statement).execute(&mut admin).await?;
    let (version,): (String,) = sqlx::query_as("SHOW server_version").fetch_one(&mut admin).await?;
    Ok(version)
}

/// The version of the SQLite library that sqlx links (bundled), not of any system sqlite3.
async fn sqlite_version() -> Result<String, BoxError> {
    let mut memory = sqlx::SqliteConnection::connect("sqlite::memory:").await?;
    let (version,): (String,) = sqlx::query_as("SELECT sqlite_version()").fetch_one(&mut memory).await?;
    Ok(version)
}
