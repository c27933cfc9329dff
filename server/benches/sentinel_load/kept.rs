//! A generated national year kept between runs (`SENTINEL_BENCH_YEAR`): generating it takes about ten
//! minutes, the measurements a few. The first run with the variable set generates the year as usual
//! and then saves the database under that name (SQLite: a file path, written with `VACUUM INTO`;
//! PostgreSQL: a database name, copied with `CREATE DATABASE … TEMPLATE`). Later runs start from a copy
//! of it (never the kept one itself: the intake's reports and managers go into the copy) and measure
//! only. The year's facts (the week it ends with, what was generated, the storage) travel with it in
//! the table `bench_sentinel_year`. Delete the file or drop the database to generate anew.

use sqlx::Connection;

use crate::database::{admin_sql, postgres_server, Backend, BoxError, Database};

/// What a generated year is: printed again by the runs that reuse it.
#[derive(Debug, Clone)]
pub struct Year {
    /// The week owed when it was generated: the year's last week.
    pub owed: String,
    pub reports: i64,
    pub cells: i64,
    /// Reports of the four seasons before the year in the charted area.
    pub earlier: i64,
    pub storage_bytes: i64,
    pub generate_seconds: f64,
    pub fill_seconds: f64,
}

/// Where the year is kept: `SENTINEL_BENCH_YEAR` for the chosen back end.
pub struct Kept {
    backend: Backend,
    name: String,
}

impl Kept {
    pub fn from_env(backend: Backend) -> Option<Self> {
        let name = std::env::var("SENTINEL_BENCH_YEAR").ok().filter(|name| !name.is_empty())?;
        Some(Self { backend, name })
    }

    pub fn describe(&self) -> String {
        match self.backend {
            Backend::Sqlite => format!("SQLite file {}", self.name),
            Backend::Postgres => format!("PostgreSQL database {}", self.name),
        }
    }

    /// Whether a year is kept there.
    pub async fn exists(&self) -> Result<bool, BoxError> {
        match self.backend {
            Backend::Sqlite => Ok(std::path::Path::new(&self.name).exists()),
            Backend::Postgres => {
                let mut admin = sqlx::PgConnection::connect(&format!("{}/postgres", postgres_server())).await?;
                let found: Option<i32> = sqlx::query_scalar("SELECT 1 FROM pg_database WHERE datname = $1")
                    .bind(&self.name)
                    .fetch_optional(&mut admin)
                    .await?;
                Ok(found.is_some())
            }
        }
    }

    /// Makes `database` (fresh, no server on it yet) a copy of the kept year; returns the year's facts.
    pub async fn load_into(&self, database: &Database) -> Result<Year, BoxError> {
        match self.backend {
            Backend::Sqlite => {
                let kept = sqlx::SqlitePool::connect(&format!("sqlite:{}", self.name)).await?;
                let copy = database.scratch.path().join("todoke.db");
                sqlx::query(&vacuum_into(&copy.display().to_string())).execute(&kept).await?;
                kept.close().await;
            }
            Backend::Postgres => {
                let name = database_name(database)?;
                admin_sql(&format!("DROP DATABASE {name}")).await?;
                admin_sql(&format!("CREATE DATABASE {name} TEMPLATE {}", self.name)).await?;
            }
        }
        read_year(&database.url, self.backend).await
    }

    /// Records `year` in `database` and saves the database as the kept year. No server may be
    /// running on it (PostgreSQL copies only a database nobody is connected to).
    pub async fn save_from(&self, database: &Database, year: &Year) -> Result<(), BoxError> {
        write_year(&database.url, self.backend, year).await?;
        match self.backend {
            Backend::Sqlite => {
                let pool = sqlx::SqlitePool::connect(&database.url).await?;
                sqlx::query(&vacuum_into(&self.name)).execute(&pool).await?;
                pool.close().await;
            }
            Backend::Postgres => {
                let name = database_name(database)?;
                // The benchmark's own pools may still hold connections.
                admin_sql(&format!(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' \
                     AND pid <> pg_backend_pid()"
                ))
                .await?;
                admin_sql(&format!("CREATE DATABASE {} TEMPLATE {name}", self.name)).await?;
            }
        }
        Ok(())
    }
}

/// SQLite's consistent copy of a live database into a new file at `path`.
fn vacuum_into(path: &str) -> String {
    format!("VACUUM INTO '{}'", path.replace('\'', "''"))
}

/// The PostgreSQL database's name: the last part of its URL.
fn database_name(database: &Database) -> Result<String, BoxError> {
    let name = database.url.rsplit('/').next().ok_or("no database name")?;
    Ok(name.to_owned())
}

const CREATE_YEAR: &str = "CREATE TABLE IF NOT EXISTS bench_sentinel_year (owed TEXT NOT NULL, \
     reports BIGINT NOT NULL, cells BIGINT NOT NULL, earlier BIGINT NOT NULL, storage_bytes BIGINT NOT NULL, \
     generate_seconds DOUBLE PRECISION NOT NULL, fill_seconds DOUBLE PRECISION NOT NULL)";
const INSERT_YEAR: &str = "INSERT INTO bench_sentinel_year (owed, reports, cells, earlier, storage_bytes, \
     generate_seconds, fill_seconds) VALUES ($1, $2, $3, $4, $5, $6, $7)";
const SELECT_YEAR: &str =
    "SELECT owed, reports, cells, earlier, storage_bytes, generate_seconds, fill_seconds FROM bench_sentinel_year";

macro_rules! with_pool {
    ($url:expr, $backend:expr, |$pool:ident| $body:expr) => {
        match $backend {
            Backend::Sqlite => {
                let $pool = sqlx::SqlitePool::connect($url).await?;
                let result = $body;
                $pool.close().await;
                result
            }
            Backend::Postgres => {
                let $pool = sqlx::PgPool::connect($url).await?;
                let result = $body;
                $pool.close().await;
                result
            }
        }
    };
}

async fn write_year(url: &str, backend: Backend, year: &Year) -> Result<(), BoxError> {
    with_pool!(url, backend, |pool| {
        sqlx::query(CREATE_YEAR).execute(&pool).await?;
        sqlx::query(INSERT_YEAR)
            .bind(&year.owed)
            .bind(year.reports)
            .bind(year.cells)
            .bind(year.earlier)
            .bind(year.storage_bytes)
            .bind(year.generate_seconds)
            .bind(year.fill_seconds)
            .execute(&pool)
            .await?;
    });
    Ok(())
}

async fn read_year(url: &str, backend: Backend) -> Result<Year, BoxError> {
    type Columns = (String, i64, i64, i64, i64, f64, f64);
    let row: Columns = with_pool!(url, backend, |pool| sqlx::query_as(SELECT_YEAR).fetch_one(&pool).await?);
    let (owed, reports, cells, earlier, storage_bytes, generate_seconds, fill_seconds) = row;
    Ok(Year { owed, reports, cells, earlier, storage_bytes, generate_seconds, fill_seconds })
}
