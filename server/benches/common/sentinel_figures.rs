//! The per-area sentinel figures of reports a benchmark wrote straight into the tables. Shared as a
//! file (`#[path]`) by `sentinel_load` and `situation`.

use crate::database::{Backend, BoxError};

/// Fills the per-area figures (`sentinel_area_*`) from the reports written straight into the tables with migration 0026's own statements, which
/// filled them from the reports of a database that had some: what filing would have kept.
pub async fn fill_area_figures(url: &str, backend: Backend) -> Result<(), BoxError> {
    const MARKER: &str = "-- The reports filed before this migration.";
    let migration = match backend {
        Backend::Sqlite => include_str!("../../migrations/sqlite/0026_sentinel_reminders_and_area_figures.sql"),
        Backend::Postgres => include_str!("../../migrations/postgres/0026_sentinel_reminders_and_area_figures.sql"),
    };
    let (_, statements) = migration.split_once(MARKER).ok_or("migration 0026 has no backfill")?;
    match backend {
        Backend::Sqlite => {
            sqlx::raw_sql(statements).execute(&sqlx::SqlitePool::connect(url).await?).await?;
        }
        Backend::Postgres => {
            sqlx::raw_sql(statements).execute(&sqlx::PgPool::connect(url).await?).await?;
        }
    }
    Ok(())
}
