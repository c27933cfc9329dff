//! The per-area sentinel figures and alert levels of reports a benchmark wrote straight into the
//! tables. Shared as a file (`#[path]`) by `sentinel_load` and `situation`.

use server::store::Store;

use crate::database::{Backend, BoxError};

/// Fills the per-area figures (`sentinel_area_*`) from the reports written straight into the tables
/// with migration 0026's own statements, which filled them from the reports of a database that had
/// some, then owes every area its alert levels with migration 0031's and has the store compute them
/// as it does at start: what filing would have kept.
pub async fn fill_area_figures(url: &str, backend: Backend, store: &dyn Store) -> Result<(), BoxError> {
    let (figures, levels) = match backend {
        Backend::Sqlite => (
            include_str!("../../migrations/sqlite/0026_sentinel_reminders_and_area_figures.sql"),
            include_str!("../../migrations/sqlite/0031_sentinel_area_levels.sql"),
        ),
        Backend::Postgres => (
            include_str!("../../migrations/postgres/0026_sentinel_reminders_and_area_figures.sql"),
            include_str!("../../migrations/postgres/0031_sentinel_area_levels.sql"),
        ),
    };
    let (_, figures) =
        figures.split_once("-- The reports filed before this migration.").ok_or("0026 has no backfill")?;
    let (_, levels) = levels.split_once("-- The figures kept before this migration.").ok_or("0031 has no backfill")?;
    let statements = format!("{figures}\n{levels}");
    match backend {
        Backend::Sqlite => {
            sqlx::raw_sql(&statements).execute(&sqlx::SqlitePool::connect(url).await?).await?;
        }
        Backend::Postgres => {
            sqlx::raw_sql(&statements).execute(&sqlx::PgPool::connect(url).await?).await?;
        }
    }
    store.settle_owed_levels().await?;
    Ok(())
}
