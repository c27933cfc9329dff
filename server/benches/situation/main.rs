//! The situation views at national scale (`cargo bench -p server --bench situation [-- postgres]`):
//! a generated national year of 全数 notifications and the five years before (470 health centers
//! across the 47 prefectures) and a sentinel year (sentinel.rs), then the national epidemic curve,
//! the map by each indicator, every area's sentinel tables with their 警報・注意報 (issue 14) and the
//! weekly report, each timed through the functions the routes call, and the weekly alarm run over
//! every disease × area series. Prints the times; asserts nothing.

// The shared database helper; its scratch directory is for benches that need files.
#[allow(dead_code)]
#[path = "../login_load/database.rs"]
mod database;
mod sentinel;
#[path = "../common/sentinel_figures.rs"]
mod sentinel_figures;

use std::time::Instant;

use database::{Backend, BoxError, Database};
use domain::api::{AggregateQuery, AreaLevel as SentinelLevel, CsvEncoding};
use domain::forms::{Answer, Answers};
use domain::sentinel::{ReportKind, ReportPeriod};
use domain::situation::{
    change_weeks, curve_weeks, report_week, week_changes, weekly_curve, CountingKeys, DateBasis, MapIndicator,
    MapQuery, Stacking, Week,
};
use server::access::{ReportScope, SituationScope};
use server::situation::report::compute;
use server::store::{AreaFilter, CountFilter, Store};

/// Notifications per year: about the 全数 diseases' yearly total outside a pandemic (syphilis,
/// tuberculosis, the 腸管出血性大腸菌感染症 and the rest together), rounded up.
const PER_YEAR: usize = 120_000;
const HEALTH_CENTERS_PER_PREFECTURE: usize = 10;
const DISEASES: [&str; 8] =
    ["tuberculosis", "syphilis", "ehec", "measles", "rubella", "pertussis", "invasive_pneumococcal", "legionellosis"];

fn main() -> Result<(), BoxError> {
    database::measure_on_scratch(async |database, backend| measure(database, backend).await)
}

async fn measure(database: &Database, backend: Backend) -> Result<(), BoxError> {
    println!("database: {}; load average {} at start", database.description, load_average());
    let store = server::store::connect(&database.url).await?;
    server::demo::seed(store.as_ref()).await.map_err(|error| error.to_string())?;
    let health_centers = national_areas(store.as_ref()).await?;
    let today = domain::jst::date_in_japan(server::store::now());
    let year = Week::of(today).year;
    let started = Instant::now();
    let rows = generate(&database.url, backend, &health_centers, year).await?;
    println!("{:<52} {:>8.1} s", format!("generate {rows} notifications (6 years)"), started.elapsed().as_secs_f64());
    let started = Instant::now();
    let report_week = Week::of(today).previous();
    let last = report_week.iso().ok_or("no such week")?;
    let reports = sentinel::generate(&database.url, backend, store.as_ref(), &health_centers, last).await?;
    println!("{:<52} {:>8.1} s", format!("generate {reports} sentinel reports"), started.elapsed().as_secs_f64());

    analyze(&database.url, backend).await?;

    let (from, to) = curve_weeks(year);
    for basis in [DateBasis::Report, DateBasis::Onset] {
        let filter = CountFilter { basis, from, to, disease: None, area: AreaFilter::Everywhere };
        print_plan(&database.url, backend, &filter).await?;
        timed(&format!("national curve by {} (6 years, weekly)", basis.key()), || async {
            let counts = store.week_counts(&filter).await?;
            let (_, weeks) = weekly_curve(&counts, year, Stacking::CaseType);
            Ok(format!("{} weeks", weeks.len()))
        })
        .await?;
    }
    let week = Week::of(today).previous();
    let map_filter = CountFilter {
        basis: DateBasis::Report,
        from: week.previous(),
        to: week,
        disease: None,
        area: AreaFilter::Everywhere,
    };
    timed("map: this week and the week before, every area", || async {
        let areas = store.areas().await?;
        let counts = store.area_counts(&map_filter).await?;
        Ok(format!("{} areas, {} counts", areas.len(), counts.len()))
    })
    .await?;
    for (indicator, sentinel_disease) in
        [(MapIndicator::SentinelRate, Some("influenza")), (MapIndicator::AlertLevel, Some("influenza"))]
    {
        timed(&format!("map by {} (whole answer)", indicator.key()), || async {
            let query =
                MapQuery { indicator, sentinel_disease: sentinel_disease.map(str::to_owned), ..MapQuery::default() };
            let map = server::situation::routes::map_figures(store.as_ref(), query).await?;
            Ok(format!("{} prefectures", map.prefectures.len()))
        })
        .await?;
    }
    for kind in [ReportKind::RespiratoryWeekly, ReportKind::PediatricWeekly] {
        for cells in [true, false] {
            let label = format!("sentinel tables {}, every area, cells={cells}", kind.code());
            timed(&label, || async {
                let query = AggregateQuery {
                    kind,
                    period: ReportPeriod::Week(last),
                    level: SentinelLevel::HealthCenter,
                    encoding: CsvEncoding::Utf8,
                    cells,
                };
                let tables =
                    server::sentinel::tables::tables(store.as_ref(), &SituationScope::National, &query).await?;
                let alerts: usize = tables.iter().map(|table| table.alerts.len()).sum();
                let bytes = serde_json::to_vec(&tables)?.len();
                Ok(format!("{} areas, {alerts} at a level, {bytes} bytes of JSON", tables.len()))
            })
            .await?;
        }
    }
    let report_date = report_week.monday().ok_or("no Monday")?.to_string();
    for (label, scope) in [
        ("weekly report, national (whole answer)", ReportScope::National),
        ("weekly report, one prefecture (whole answer)", ReportScope::Jurisdiction("13".into())),
    ] {
        timed(label, || async {
            let (report, _) = compute(store.as_ref(), &scope, None, Some(&report_date)).await?;
            Ok(format!(
                "{} diseases, {} sentinel rows, {} alerts",
                report.rows.len(),
                report.sentinel.len(),
                report.alerts.len()
            ))
        })
        .await?;
    }
    let (first, last) = change_weeks(week);
    timed("weekly report's counts (national)", || async {
        let report_filter = CountFilter { from: first, to: last, ..map_filter.clone() };
        let changes = week_changes(&store.week_counts(&report_filter).await?, week);
        let by_area = store.area_counts(&CountFilter { from: week, ..report_filter }).await?;
        Ok(format!("{} diseases, {} by area", changes.len(), by_area.len()))
    })
    .await?;
    timed("weekly series per disease × area (6 years)", || async {
        let filter = CountFilter { from, to: week, ..map_filter.clone() };
        Ok(format!("{} counts", store.area_counts(&filter).await?.len()))
    })
    .await?;
    let first_area = health_centers.first().ok_or("no health center")?;
    timed("weekly series of one area by onset (6 years)", || async {
        let area = AreaFilter::HealthCenter(first_area.clone());
        let filter = CountFilter { basis: DateBasis::Onset, from, to: week, area, ..map_filter.clone() };
        Ok(format!("{} counts", store.area_counts(&filter).await?.len()))
    })
    .await?;
    alarm_run(store.as_ref()).await
}

/// The weekly alarm run (issue 15) on these notifications: every disease × area series, the last
/// complete week, alarms stored; then the same week again, which finds its alarms stored already.
async fn alarm_run(store: &dyn Store) -> Result<(), BoxError> {
    let now = server::store::now();
    let week = server::alarms::run::last_complete_week(now);
    for label in ["weekly alarm run (every series, alarms stored)", "the same week again"] {
        let started = Instant::now();
        let report = server::alarms::run::run_week(store, week, now, "http://localhost")
            .await
            .map_err(|error| error.to_string())?;
        println!(
            "{label:<48} {:>8.1} ms   ({} series evaluated, {} alarms stored; load average {})",
            started.elapsed().as_secs_f64() * 1000.0,
            report.evaluated,
            report.stored.len(),
            load_average()
        );
    }
    Ok(())
}

/// The machine's load average over 1, 5 and 15 minutes (others share it: the figures are wall-clock).
fn load_average() -> String {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
}

/// Runs `step` three times and prints each time: the first (cold caches) and the best.
async fn timed<F, Fut>(label: &str, step: F) -> Result<(), BoxError>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<String, BoxError>>,
{
    let mut times = Vec::new();
    let mut what = String::new();
    for _ in 0..3 {
        let started = Instant::now();
        what = step().await?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let best = times.iter().copied().fold(f64::INFINITY, f64::min);
    println!("{label:<48} first {:>8.1} ms   best {best:>8.1} ms   ({what}; load {})", times[0], load_average());
    Ok(())
}

/// Prints the plan each engine chooses for a national curve's counting query (which index it reads).
async fn print_plan(url: &str, backend: Backend, filter: &CountFilter) -> Result<(), BoxError> {
    let sql = server::store::week_counts_sql(filter);
    let (from, to) = (filter.from.number(), filter.to.number());
    let lines: Vec<String> = match backend {
        Backend::Sqlite => {
            let pool = sqlx::SqlitePool::connect(url).await?;
            let rows = sqlx::query(&format!("EXPLAIN QUERY PLAN {sql}")).bind(from).bind(to).fetch_all(&pool).await?;
            rows.iter().map(|row| sqlx::Row::try_get::<String, _>(row, "detail")).collect::<Result<_, _>>()?
        }
        Backend::Postgres => {
            let pool = sqlx::PgPool::connect(url).await?;
            let rows = sqlx::query(&format!("EXPLAIN {sql}")).bind(from).bind(to).fetch_all(&pool).await?;
            rows.iter().map(|row| sqlx::Row::try_get::<String, _>(row, 0)).collect::<Result<_, _>>()?
        }
    };
    println!("plan by {}: {}", filter.basis.key(), lines.join(" | "));
    Ok(())
}

/// Gathers the planner's statistics of every table (the notifications and the sentinel tables
/// written straight into), as a live database's autovacuum (PostgreSQL) or `PRAGMA optimize`
/// (SQLite) would have after so many inserts: without them PostgreSQL joined the sentinel figures
/// of a 都道府県等 row by row (1.3 s a query instead of 2.5 ms).
async fn analyze(url: &str, backend: Backend) -> Result<(), BoxError> {
    match backend {
        Backend::Sqlite => {
            sqlx::query("ANALYZE").execute(&sqlx::SqlitePool::connect(url).await?).await?;
        }
        Backend::Postgres => {
            sqlx::query("VACUUM ANALYZE").execute(&sqlx::PgPool::connect(url).await?).await?;
        }
    }
    Ok(())
}

/// 47 prefectures of ten health centers each (the demo's stay), in the masters' tables.
async fn national_areas(store: &dyn Store) -> Result<Vec<String>, BoxError> {
    let mut codes = Vec::new();
    for prefecture in domain::japan::prefectures() {
        store.put_prefecture(&prefecture.code, &prefecture.name).await?;
        for number in 1..=HEALTH_CENTERS_PER_PREFECTURE {
            let code = format!("{}{number:04}", prefecture.code);
            store.put_health_center(&code, &format!("{}第{number}保健所", prefecture.name), &prefecture.code).await?;
            codes.push(code);
        }
    }
    Ok(codes)
}

/// One generated notification: disease, health center, receipt time, answers (類型, onset and
/// diagnosis dates) and what it is counted by.
struct Generated {
    disease: &'static str,
    health_center: String,
    received_at: time::OffsetDateTime,
    answers: Answers,
    keys: CountingKeys,
}

/// A deterministic spread: diseases, areas and days cycle through co-prime steps.
fn generated(index: usize, health_centers: &[String], year: i32) -> Generated {
    let years_back = (index % 6) as i32;
    let day_of_year = (index * 7919) % 364;
    let start = time::Date::from_ordinal_date(year - years_back, 1).unwrap_or(time::Date::MIN);
    let received = start + time::Duration::days(day_of_year as i64);
    let received_at = received.midnight().assume_utc() + time::Duration::hours(1);
    let onset = (received - time::Duration::days((index % 5) as i64)).to_string();
    let case_type = ["patient", "patient", "patient", "carrier", "dead"][index % 5];
    let answers: Answers =
        [("case_type", case_type.to_owned()), ("onset_date", onset.clone()), ("diagnosis_date", onset)]
            .into_iter()
            .map(|(field, value)| (field.to_owned(), Answer::One(value)))
            .collect();
    Generated {
        disease: DISEASES[(index * 31) % DISEASES.len()],
        health_center: health_centers[(index * 101) % health_centers.len()].clone(),
        received_at,
        keys: CountingKeys::of(&answers),
        answers,
    }
}

macro_rules! insert_all {
    ($pool:expr, $db:ty, $count:expr, $health_centers:expr, $year:expr) => {{
        let pool = $pool;
        let mut tx = pool.begin().await?;
        for chunk_start in (0..$count).step_by(500) {
            let mut builder = sqlx::QueryBuilder::<$db>::new(
                "INSERT INTO notifications (id, disease, answers, content_hash, filed_by, institution_code, \
                 health_center_code, status, received_at, routed_health_center_code, revision, \
                 report_week, onset_week, diagnosis_week, case_group) ",
            );
            let rows =
                (chunk_start..($count).min(chunk_start + 500)).map(|index| generated(index, $health_centers, $year));
            builder.push_values(rows, |mut row, notification| {
                let answers = serde_json::to_string(&notification.answers).unwrap_or_default();
                let keys = notification.keys;
                row.push_bind(uuid::Uuid::new_v4())
                    .push_bind(notification.disease)
                    .push_bind(answers)
                    .push_bind("bench")
                    .push_bind("doctor1")
                    .push_bind("9910000001")
                    .push_bind(notification.health_center.clone())
                    .push_bind("accepted")
                    .push_bind(notification.received_at)
                    .push_bind(notification.health_center)
                    .push_bind(1i32)
                    .push_bind(report_week(notification.received_at).number())
                    .push_bind(keys.onset_week.map(Week::number))
                    .push_bind(keys.diagnosis_week.map(Week::number))
                    .push_bind(keys.case_group.key());
            });
            builder.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
    }};
}

/// Inserts the notifications straight into the table with their counting columns, as intake writes
/// them (the intake's own path is measured elsewhere), in one transaction (`Pool::begin` is fine
/// here: the benchmark is the database's only writer).
#[allow(clippy::disallowed_methods)]
async fn generate(url: &str, backend: Backend, health_centers: &[String], year: i32) -> Result<usize, BoxError> {
    let count = PER_YEAR * 6;
    match backend {
        Backend::Sqlite => {
            insert_all!(sqlx::SqlitePool::connect(url).await?, sqlx::Sqlite, count, health_centers, year)
        }
        Backend::Postgres => {
            insert_all!(sqlx::PgPool::connect(url).await?, sqlx::Postgres, count, health_centers, year)
        }
    }
    Ok(count)
}
