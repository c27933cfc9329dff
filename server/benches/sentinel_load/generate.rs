//! A generated national year of sentinel reports, written straight into the tables as filing writes
//! them (one report, its first revision, its cells and care items), a period per transaction. The
//! counts are the demo's synthetic reports (`server::sentinel::demo::synthetic_submission`), checked
//! by `domain::sentinel::check_report` as intake checks them. Filing's own path is measured over HTTP.

use domain::api::{Designation, ReportedCount, ReportedItem};
use domain::sentinel::{check_report, form, ReportKind, ReportPeriod};
use server::store::DesignatedSite;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use crate::database::{Backend, BoxError};

/// The demo's first sentinel site manager: the filer of every generated report.
const FILER: &str = "sentinel1";

/// One report to insert.
pub struct Row {
    id: Uuid,
    site: String,
    health_center: String,
    kind: ReportKind,
    period: ReportPeriod,
    no_patients: bool,
    cells: Vec<ReportedCount>,
    items: Vec<ReportedItem>,
    received_at: OffsetDateTime,
}

/// The reports of `sites` (each designated for its form's type) for one period, as the generator
/// makes them. A site's designation is taken to cover the period.
pub fn reports(sites: &[&DesignatedSite], kind: ReportKind, period: ReportPeriod, today: Date) -> Vec<Row> {
    let received_at = period.last_day().next_day().unwrap_or(today).midnight().assume_utc();
    sites
        .iter()
        .filter_map(|site| {
            let submission = server::sentinel::demo::synthetic_submission(&site.site.code, kind, period)?;
            let designation =
                Designation { sentinel_type: form(kind).sentinel_type, from: period.first_day(), until: None };
            let checked = check_report(&submission, &[designation], today).ok()?;
            Some(Row {
                id: Uuid::new_v4(),
                site: site.site.code.clone(),
                health_center: site.health_center.code.clone(),
                kind,
                period,
                no_patients: checked.no_patients,
                cells: checked.cells,
                items: checked.items,
                received_at,
            })
        })
        .collect()
}

/// The tables of sentinel reports, with the per-area figures kept beside them.
const TABLES: [&str; 7] = [
    "sentinel_reports",
    "sentinel_revisions",
    "sentinel_counts",
    "sentinel_care_items",
    "sentinel_area_periods",
    "sentinel_area_counts",
    "sentinel_area_totals",
];

/// Rows per multi-row statement (a few thousand parameters).
const CHUNK: usize = 500;

macro_rules! insert_rows {
    ($pool:expr, $db:ty, $rows:expr) => {{
        let rows = $rows;
        let mut tx = $pool.begin().await?;
        for chunk in rows.chunks(CHUNK) {
            let mut insert = sqlx::QueryBuilder::<$db>::new(
                "INSERT INTO sentinel_reports (id, institution_code, health_center_code, kind, period, period_start, \
                 current_revision, late) ",
            );
            insert.push_values(chunk, |mut row, report| {
                row.push_bind(report.id)
                    .push_bind(report.site.clone())
                    .push_bind(report.health_center.clone())
                    .push_bind(report.kind.code())
                    .push_bind(report.period.to_string())
                    .push_bind(report.period.first_day().to_string())
                    .push_bind(1_i32)
                    .push_bind(false);
            });
            insert.build().execute(&mut *tx).await?;
            let mut insert = sqlx::QueryBuilder::<$db>::new(
                "INSERT INTO sentinel_revisions (id, report_id, revision, filed_by, received_at, receipt_number, \
                 content_hash, no_patients, late) ",
            );
            insert.push_values(chunk, |mut row, report| {
                row.push_bind(report.id)
                    .push_bind(report.id)
                    .push_bind(1_i32)
                    .push_bind(FILER)
                    .push_bind(report.received_at)
                    .push_bind(format!("B{}", report.id.simple()))
                    .push_bind("bench")
                    .push_bind(report.no_patients)
                    .push_bind(false);
            });
            insert.build().execute(&mut *tx).await?;
        }
        let cells: Vec<(Uuid, &ReportedCount)> =
            rows.iter().flat_map(|report| report.cells.iter().map(move |cell| (report.id, cell))).collect();
        for chunk in cells.chunks(CHUNK * 2) {
            let mut insert = sqlx::QueryBuilder::<$db>::new(
                "INSERT INTO sentinel_counts (revision_id, disease, age_band, sex, count) ",
            );
            insert.push_values(chunk, |mut row, (id, cell)| {
                let sex = match cell.sex {
                    domain::api::Sex::Male => "male",
                    domain::api::Sex::Female => "female",
                };
                row.push_bind(*id)
                    .push_bind(cell.disease.clone())
                    .push_bind(cell.age_band.clone())
                    .push_bind(sex)
                    .push_bind(i64::from(cell.count));
            });
            insert.build().execute(&mut *tx).await?;
        }
        let items: Vec<(Uuid, &ReportedItem)> =
            rows.iter().flat_map(|report| report.items.iter().map(move |item| (report.id, item))).collect();
        for chunk in items.chunks(CHUNK) {
            let mut insert =
                sqlx::QueryBuilder::<$db>::new("INSERT INTO sentinel_care_items (revision_id, disease, item, count) ");
            insert.push_values(chunk, |mut row, (id, item)| {
                row.push_bind(*id)
                    .push_bind(item.disease.clone())
                    .push_bind(item.item.clone())
                    .push_bind(i64::from(item.count));
            });
            insert.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        cells.len()
    }};
}

/// Writes `rows` in one transaction; returns how many cells they had. The transaction only writes,
/// and the idle server writes nothing meanwhile: a deferred one cannot meet `database is locked`.
#[allow(clippy::disallowed_methods)]
pub async fn insert(url: &str, backend: Backend, rows: &[Row]) -> Result<usize, BoxError> {
    Ok(match backend {
        Backend::Sqlite => insert_rows!(sqlx::SqlitePool::connect(url).await?, sqlx::Sqlite, rows),
        Backend::Postgres => insert_rows!(sqlx::PgPool::connect(url).await?, sqlx::Postgres, rows),
    })
}

/// The bytes the sentinel tables (with their indexes) take: PostgreSQL's relation sizes, or SQLite's
/// pages in use (the whole file less its free pages; the rest of the database changes little meanwhile).
pub async fn storage(url: &str, backend: Backend) -> Result<i64, BoxError> {
    match backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(url).await?;
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&pool).await?;
            let pages: i64 = sqlx::query_scalar("PRAGMA page_count").fetch_one(&pool).await?;
            let free: i64 = sqlx::query_scalar("PRAGMA freelist_count").fetch_one(&pool).await?;
            let size: i64 = sqlx::query_scalar("PRAGMA page_size").fetch_one(&pool).await?;
            Ok((pages - free) * size)
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(url).await?;
            let tables = TABLES.map(|table| format!("('{table}')")).join(", ");
            let sql =
                format!("SELECT CAST(SUM(pg_total_relation_size(name)) AS BIGINT) FROM (VALUES {tables}) AS t(name)");
            Ok(sqlx::query_scalar(&sql).fetch_one(&pool).await?)
        }
    }
}

/// Gathers the planner's statistics, as a live database's maintenance would have.
pub async fn analyze(url: &str, backend: Backend) -> Result<(), BoxError> {
    match backend {
        Backend::Sqlite => {
            sqlx::query("ANALYZE").execute(&sqlx::SqlitePool::connect(url).await?).await?;
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(url).await?;
            for table in TABLES {
                sqlx::query(&format!("VACUUM ANALYZE {table}")).execute(&pool).await?;
            }
        }
    }
    Ok(())
}
