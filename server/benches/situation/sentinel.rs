//! The sentinel year of the situation benchmark: six respiratory (ARI) and six paediatric sites in
//! each health-center area (5,640 sites: about the reference's 3,000 of each type), every one
//! reporting every week of the year before the report's week and that week (53 weeks, so that the
//! 警報 history the levels need is whole), with a seasonal influenza curve that puts some areas at
//! 注意報 and 警報. Inserted straight into the tables, in one transaction.

use domain::sentinel::{form, IsoWeek, ReportKind};

use super::database::{Backend, BoxError};

const SITES_PER_AREA_AND_KIND: usize = 6;
const WEEKS: usize = 53;
const KINDS: [ReportKind; 2] = [ReportKind::RespiratoryWeekly, ReportKind::PediatricWeekly];
/// Rows per INSERT statement.
const CHUNK: usize = 500;

/// One report: its site, area, form and week, and its cases (disease, age band, count).
struct Report {
    id: uuid::Uuid,
    revision_id: uuid::Uuid,
    site: String,
    health_center: String,
    kind: ReportKind,
    week: IsoWeek,
    cells: Vec<(&'static str, &'static str, i64)>,
}

/// A deterministic seasonal count: a peak of about 40 per site in week 5, 1 in summer; areas differ.
fn seasonal(week: IsoWeek, area: usize, disease: usize) -> i64 {
    let distance = (i64::from(week.week()) - 5).rem_euclid(52).min((5 - i64::from(week.week())).rem_euclid(52));
    let peak = 10 + (area % 7) as i64 * 5 + disease as i64;
    (peak - distance * peak / 12).max(1)
}

fn reports(health_centers: &[String], last: IsoWeek) -> Vec<Report> {
    let weeks: Vec<IsoWeek> = std::iter::successors(Some(last), |week| Some(week.previous())).take(WEEKS).collect();
    let mut reports = Vec::new();
    for (area, health_center) in health_centers.iter().enumerate() {
        for kind in KINDS {
            for site in 0..SITES_PER_AREA_AND_KIND {
                let code = format!("{health_center}{}{site:02}", kind as u8);
                for week in &weeks {
                    let Some(version) = form(kind).version_on(week.monday()) else { continue };
                    let band = version.age_bands[0].code;
                    let cells = version
                        .diseases
                        .iter()
                        .take(4)
                        .enumerate()
                        .map(|(index, disease)| (disease.code, band, seasonal(*week, area + site, index)))
                        .collect();
                    reports.push(Report {
                        id: uuid::Uuid::new_v4(),
                        revision_id: uuid::Uuid::new_v4(),
                        site: code.clone(),
                        health_center: health_center.clone(),
                        kind,
                        week: *week,
                        cells,
                    });
                }
            }
        }
    }
    reports
}

macro_rules! insert_sentinel {
    ($pool:expr, $db:ty, $reports:expr) => {{
        let mut tx = $pool.begin().await?;
        let mut sites: Vec<(&str, &str)> =
            $reports.iter().map(|r| (r.site.as_str(), r.health_center.as_str())).collect();
        sites.sort();
        sites.dedup();
        for chunk in sites.chunks(CHUNK) {
            let mut builder =
                sqlx::QueryBuilder::<$db>::new("INSERT INTO institutions (code, name, health_center_code) ");
            builder.push_values(chunk, |mut row, (code, health_center)| {
                row.push_bind(*code).push_bind(format!("定点{code}")).push_bind(*health_center);
            });
            builder.build().execute(&mut *tx).await?;
        }
        for chunk in $reports.chunks(CHUNK) {
            let mut builder = sqlx::QueryBuilder::<$db>::new(
                "INSERT INTO sentinel_reports (id, institution_code, health_center_code, kind, period, period_start, \
                 current_revision, late) ",
            );
            builder.push_values(chunk, |mut row, report| {
                row.push_bind(report.id)
                    .push_bind(report.site.clone())
                    .push_bind(report.health_center.clone())
                    .push_bind(report.kind.code())
                    .push_bind(report.week.to_string())
                    .push_bind(report.week.monday().to_string())
                    .push_bind(1i32)
                    .push_bind(false);
            });
            builder.build().execute(&mut *tx).await?;
            let mut builder = sqlx::QueryBuilder::<$db>::new(
                "INSERT INTO sentinel_revisions (id, report_id, revision, filed_by, received_at, receipt_number, \
                 content_hash, no_patients, late) ",
            );
            builder.push_values(chunk, |mut row, report| {
                row.push_bind(report.revision_id)
                    .push_bind(report.id)
                    .push_bind(1i32)
                    .push_bind("sentinel1")
                    .push_bind(report.week.monday().midnight().assume_utc())
                    .push_bind(report.revision_id.simple().to_string())
                    .push_bind("bench")
                    .push_bind(false)
                    .push_bind(false);
            });
            builder.build().execute(&mut *tx).await?;
            let cells: Vec<(uuid::Uuid, &str, &str, i64)> = chunk
                .iter()
                .flat_map(|report| report.cells.iter().map(|(d, b, n)| (report.revision_id, *d, *b, *n)))
                .collect();
            let mut builder = sqlx::QueryBuilder::<$db>::new(
                "INSERT INTO sentinel_counts (revision_id, disease, age_band, sex, count) ",
            );
            builder.push_values(cells, |mut row, (revision, disease, band, count)| {
                row.push_bind(revision).push_bind(disease).push_bind(band).push_bind("female").push_bind(count);
            });
            builder.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
    }};
}

/// Inserts the sentinel year ending with `last`; returns how many reports. (`Pool::begin` is fine
/// here: the benchmark is the database's only writer.)
#[allow(clippy::disallowed_methods)]
pub async fn generate(
    url: &str,
    backend: Backend,
    store: &dyn server::store::Store,
    health_centers: &[String],
    last: IsoWeek,
) -> Result<usize, BoxError> {
    let reports = reports(health_centers, last);
    match backend {
        Backend::Sqlite => insert_sentinel!(sqlx::SqlitePool::connect(url).await?, sqlx::Sqlite, reports),
        Backend::Postgres => insert_sentinel!(sqlx::PgPool::connect(url).await?, sqlx::Postgres, reports),
    }
    // What filing keeps beside the reports (figures and alert levels), and the views read.
    crate::sentinel_figures::fill_area_figures(url, backend, store).await?;
    Ok(reports.len())
}
