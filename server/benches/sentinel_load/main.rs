//! Sentinel surveillance at national scale (issue 14): the synthetic national masters (470 health
//! centers, 5,000 sentinel sites and their designations), a generated national year in which every
//! designated site reports every week (and month), then through HTTP against a `todoke-server`
//! process: report intake by 16 clients, the national weekly tables with every area's 警報・注意報,
//! one area's five-season chart, and the storage a report takes. Prints; asserts nothing.
//!
//! `cargo bench -p server --bench sentinel_load [-- postgres]` (release profile), or
//! `cargo test -p server --bench sentinel_load [-- postgres]` (dev profile); docs/performance.md.
//! `SENTINEL_BENCH_YEAR=<SQLite file | PostgreSQL database>` keeps the generated year there and
//! starts later runs from a copy of it (`kept`).

// Shared as files with the other benchmarks; each uses what it needs.
#[allow(dead_code)]
#[path = "../common/mod.rs"]
mod common;
#[allow(dead_code)]
#[path = "../login_load/database.rs"]
mod database;
mod generate;
mod kept;
#[path = "../common/sentinel_figures.rs"]
mod sentinel_figures;
#[allow(dead_code)]
#[path = "../intake_load/servers.rs"]
mod servers;
#[allow(clippy::expect_used, dead_code)]
#[path = "../../tests/api/support/smtp_sink.rs"]
mod smtp_sink;

use std::time::{Duration, Instant};

use database::{Backend, BoxError, Database};
use domain::api::{AggregateQuery, AreaLevel, CsvEncoding, MasterKind, Role, SecondFactorMethod};
use domain::sentinel::{due, Frequency, IsoWeek, ReportKind, ReportPeriod, SentinelType, FORMS};
use reqwest::{Client, StatusCode};
use server::access::SituationScope;
use server::store::{AreaFilter, DesignatedSite, SentinelFilter, Store};
use smtp_sink::SmtpSink;
use tokio::task::JoinSet;

/// Concurrent filing clients (the figure), each the manager of its own ARI site.
const CLIENTS: usize = 16;
/// Weeks in the generated year, ending with the week owed now.
const WEEKS: usize = 52;
/// Seasons on a chart (`sentinel::tables`); the charted area gets the four before the year too.
const CHART_SEASONS: i32 = 5;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

fn main() -> Result<(), BoxError> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build()?.block_on(run())
}

async fn run() -> Result<(), BoxError> {
    let backend = Backend::chosen()?;
    let machine = common::Machine::read();
    println!("todoke sentinel load (issue 14): a generated national year, intake, tables and charts through HTTP\n");
    println!(
        "machine   {} CPUs, {}, {}; load average {} at start",
        machine.cpus, machine.cpu_model, machine.memory, machine.load_average
    );
    let database = Database::create(backend).await?;
    println!("database  {}", database.description);
    let result = measure(&database, backend).await;
    database.remove().await?;
    println!("load average at the end {}", common::Machine::read().load_average);
    result
}

async fn measure(database: &Database, backend: Backend) -> Result<(), BoxError> {
    let (_mail, smtp_url) = SmtpSink::start().await;
    let kept = kept::Kept::from_env(backend);
    let reused = match &kept {
        Some(kept) if kept.exists().await? => {
            let started = Instant::now();
            let year = kept.load_into(database).await?;
            println!("year      copied from {} in {:.1} s", kept.describe(), started.elapsed().as_secs_f64());
            Some(year)
        }
        _ => None,
    };
    let year = match reused {
        Some(year) => year,
        None => {
            let server = servers::Process::start(database, &smtp_url).await?;
            let year = generate_year(database, backend).await;
            server.stop()?;
            let year = year?;
            if let Some(kept) = &kept {
                kept.save_from(database, &year).await?;
                println!("year      kept as {} (SENTINEL_BENCH_YEAR) for later runs", kept.describe());
            }
            year
        }
    };
    // A server started on the year as it stands (after generating it, a new process).
    let server = servers::Process::start(database, &smtp_url).await?;
    let result = measure_year(database, &server.base, &year).await;
    server.stop()?;
    result
}

/// The sites designated for each type on any day of the year ending with `owed`.
async fn sites_of_year(
    store: &dyn Store,
    owed: ReportPeriod,
) -> Result<Vec<(SentinelType, Vec<DesignatedSite>)>, BoxError> {
    let year_first = periods_until(owed, WEEKS)[0].first_day();
    let mut sites = Vec::new();
    for sentinel_type in SentinelType::ALL {
        let designated =
            store.designated_sites(sentinel_type, year_first, owed.last_day(), &AreaFilter::Everywhere).await?;
        sites.push((sentinel_type, designated));
    }
    Ok(sites)
}

/// The intake clients' sites: the first ARI sites, whose year of ARI reports comes through HTTP.
fn filers_of(sites: &[(SentinelType, Vec<DesignatedSite>)]) -> Result<Vec<&DesignatedSite>, BoxError> {
    let respiratory = &sites.iter().find(|(t, _)| *t == SentinelType::Respiratory).ok_or("no ARI sites")?.1;
    Ok(respiratory.iter().take(CLIENTS).collect())
}

/// Imports the masters and writes the year (every designated site's reports but the filers' ARI
/// ones) and the charted area's four seasons before it, then the per-area figures and levels.
async fn generate_year(database: &Database, backend: Backend) -> Result<kept::Year, BoxError> {
    let store = server::store::connect(&database.url).await?;
    import_masters(store.as_ref(), database).await?;
    let today = domain::jst::date_in_japan(server::store::now());
    let owed = due::due_period(Frequency::Weekly, today);
    let weeks = periods_until(owed, WEEKS);
    let months = periods_until(due::due_period(Frequency::Monthly, today), 12);
    let sites = sites_of_year(store.as_ref(), owed).await?;
    let counts: Vec<String> = sites.iter().map(|(t, s)| format!("{} {}", t.code(), s.len())).collect();
    println!("sites     {}", counts.join(", "));
    let filers = filers_of(&sites)?;
    let by_http = |site: &DesignatedSite, kind: ReportKind| {
        kind == ReportKind::RespiratoryWeekly && filers.iter().any(|filer| filer.site.code == site.site.code)
    };

    let before = generate::storage(&database.url, backend).await?;
    let started = Instant::now();
    let (mut reports, mut cells) = (0, 0);
    for (sentinel_type, designated) in &sites {
        for report_form in FORMS.iter().filter(|f| f.sentinel_type == *sentinel_type) {
            let periods = if report_form.frequency == Frequency::Weekly { &weeks } else { &months };
            for period in periods {
                let (first, last) = (period.first_day(), period.last_day());
                let chosen: Vec<&DesignatedSite> = designated
                    .iter()
                    .filter(|site| site.designation.covers(first, last) && !by_http(site, report_form.kind))
                    .collect();
                let rows = generate::reports(&chosen, report_form.kind, *period, today);
                reports += rows.len();
                cells += generate::insert(&database.url, backend, &rows).await?;
            }
        }
    }
    let generate_seconds = started.elapsed().as_secs_f64();
    let chart_area = filers.first().ok_or("no filer")?.health_center.code.clone();
    let earlier = earlier_seasons(store.as_ref(), database, backend, &chart_area, weeks[0], today).await?;
    let started = Instant::now();
    sentinel_figures::fill_area_figures(&database.url, backend, store.as_ref()).await?;
    let fill_seconds = started.elapsed().as_secs_f64();
    generate::analyze(&database.url, backend).await?;
    let after = generate::storage(&database.url, backend).await?;
    Ok(kept::Year {
        owed: owed.to_string(),
        reports: i64::try_from(reports)?,
        cells: i64::try_from(cells)?,
        earlier: i64::try_from(earlier)?,
        storage_bytes: after - before,
        generate_seconds,
        fill_seconds,
    })
}

/// Prints the year, then measures intake, the tables and the chart through HTTP.
async fn measure_year(database: &Database, base: &str, year: &kept::Year) -> Result<(), BoxError> {
    let store = server::store::connect(&database.url).await?;
    let owed: ReportPeriod = year.owed.parse().map_err(|_| format!("year ending {}", year.owed))?;
    let weeks = periods_until(owed, WEEKS);
    let sites = sites_of_year(store.as_ref(), owed).await?;
    let filers = filers_of(&sites)?;
    let chart_area = filers.first().ok_or("no filer")?.health_center.code.clone();
    println!(
        "generate  {} reports with {} cells (a year ending {owed}, every designated site) in {:.1} s",
        year.reports, year.cells, year.generate_seconds
    );
    println!("          + {} reports of the four seasons before in the charted area {chart_area}", year.earlier);
    println!("          per-area figures filled in {:.1} s", year.fill_seconds);
    let stored = year.reports + year.earlier;
    println!(
        "storage   {} bytes for {stored} reports: {:.0} bytes a report ({:.1} cells a report)",
        year.storage_bytes,
        year.storage_bytes as f64 / stored as f64,
        year.cells as f64 / year.reports as f64
    );

    let intake = intake(database, base, &filers, &weeks).await?;
    intake.print(&format!("intake    {CLIENTS} clients, each its site's {WEEKS} ARI weeks (PUT /sentinel/reports)"));
    let national = session(database, base, "national").await?;
    let period = owed.to_string();
    for kind in [ReportKind::RespiratoryWeekly, ReportKind::PediatricWeekly] {
        for level in ["health_center", "national"] {
            let path = format!("/sentinel/aggregates?kind={}&period={period}&level={level}", kind.code());
            timed(&national, base, &format!("tables {} by {level}", kind.code()), &path).await?;
            if level == "health_center" {
                let lean = format!("{path}&cells=false");
                timed(&national, base, &format!("tables {} by {level}, cells=false", kind.code()), &lean).await?;
            }
        }
    }
    for kind in [ReportKind::RespiratoryWeekly, ReportKind::PediatricWeekly] {
        breakdown(store.as_ref(), kind, owed).await?;
    }
    for (kind, disease) in [(ReportKind::RespiratoryWeekly, "influenza"), (ReportKind::PediatricWeekly, "varicella")] {
        let path = format!("/sentinel/chart?health_center={chart_area}&kind={}&disease={disease}", kind.code());
        timed(&national, base, &format!("chart {disease}, one area, {CHART_SEASONS} seasons"), &path).await?;
    }
    Ok(())
}

/// Where the week's tables of every area spend their time, in this process (no HTTP): each read of
/// the store (SQL and decoding rows), then `sentinel::tables::tables` whole (the reads and the
/// assembly), then its JSON encoding; first and best of three each.
async fn breakdown(store: &dyn Store, kind: ReportKind, week: ReportPeriod) -> Result<(), BoxError> {
    let (first, last) = (week.first_day(), week.last_day());
    let everywhere = AreaFilter::Everywhere;
    let filter = SentinelFilter { kind, from: first, to: first, area: everywhere.clone() };
    let sentinel_type = domain::sentinel::form(kind).sentinel_type;
    println!("{} tables of every area, in the process:", kind.code());
    best("  read designated sites", || async {
        Ok(store.designated_sites(sentinel_type, first, last, &everywhere).await?.len())
    })
    .await?;
    best("  read reporting sites", || async { Ok(store.reporting_sites(&filter).await?.len()) }).await?;
    best("  read disease totals", || async { Ok(store.disease_totals(&filter, None).await?.len()) }).await?;
    best("  read cells", || async { Ok(store.sentinel_counts(&filter, None).await?.len()) }).await?;
    best("  read stored levels", || async { Ok(store.area_alert_levels(kind, first, &everywhere, None).await?.len()) })
        .await?;
    for cells in [true, false] {
        let query =
            AggregateQuery { kind, period: week, level: AreaLevel::HealthCenter, encoding: CsvEncoding::Utf8, cells };
        let tables = || async {
            server::sentinel::tables::tables(store, &SituationScope::National, &query)
                .await
                .map_err(|error| BoxError::from(format!("tables: {error:?}")))
        };
        best(&format!("  tables() whole, cells={cells}"), || async { Ok(tables().await?.len()) }).await?;
        let answer: Vec<domain::api::AreaTable> = tables().await?;
        best(&format!("  its JSON, cells={cells} (bytes)"), || async { Ok(serde_json::to_vec(&answer)?.len()) })
            .await?;
    }
    Ok(())
}

/// Runs `step` three times and prints the first and best time and what it counted.
async fn best<F, Fut>(label: &str, mut step: F) -> Result<(), BoxError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<usize, BoxError>>,
{
    let (mut times, mut counted) = (Vec::new(), 0);
    for _ in 0..3 {
        let started = Instant::now();
        counted = step().await?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    let best = times.iter().copied().fold(f64::INFINITY, f64::min);
    println!("{label:<48} first {:>8.1} ms   best {best:>8.1} ms   ({counted})", times[0]);
    Ok(())
}

/// `count` periods of the same frequency ending with `last`, oldest first.
fn periods_until(last: ReportPeriod, count: usize) -> Vec<ReportPeriod> {
    let mut periods: Vec<ReportPeriod> =
        std::iter::successors(Some(last), |p| Some(p.previous())).take(count).collect();
    periods.reverse();
    periods
}

/// The generated health centers, sentinel sites and designations (not the 全数 and animal masters).
async fn import_masters(store: &dyn Store, database: &Database) -> Result<(), BoxError> {
    let dir = database.scratch.path().join("masters");
    let files = server::masters::generate::write(&dir, server::masters::generate::Scale::default())
        .map_err(|error| error.to_string())?;
    for wanted in [MasterKind::HealthCenters, MasterKind::Sentinel, MasterKind::SentinelDesignations] {
        let (kind, path) = files.iter().find(|(kind, _)| *kind == wanted).ok_or("master not written")?;
        let started = Instant::now();
        let report = server::masters::import(store, *kind, &std::fs::read(path)?, None, None, None)
            .await
            .map_err(|error| error.to_string())?;
        println!(
            "import    {} ({} rows) in {:.1} s",
            kind.path_segment(),
            report.created,
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// The weekly reports of the charted area's sites for the four seasons before the year (from week 36
/// of the first one), so that its chart reads five seasons of data.
async fn earlier_seasons(
    store: &dyn Store,
    database: &Database,
    backend: Backend,
    area: &str,
    year_start: ReportPeriod,
    today: time::Date,
) -> Result<usize, BoxError> {
    let ReportPeriod::Week(first_of_year) = year_start else { return Err("the year starts with a week".into()) };
    let first_season = IsoWeek::season_start(IsoWeek::containing(today).season() - (CHART_SEASONS - 1));
    let area = AreaFilter::HealthCenter(area.to_owned());
    let mut reports = 0;
    for report_form in FORMS.iter().filter(|f| f.frequency == Frequency::Weekly) {
        // The sites designated in the year, taken to have been designated before it too.
        let sites = store.designated_sites(report_form.sentinel_type, year_start.first_day(), today, &area).await?;
        let chosen: Vec<&DesignatedSite> = sites.iter().collect();
        let mut week = first_season;
        while week < first_of_year {
            let rows = generate::reports(&chosen, report_form.kind, ReportPeriod::Week(week), today);
            reports += rows.len();
            generate::insert(&database.url, backend, &rows).await?;
            week = week.next();
        }
    }
    Ok(reports)
}

/// A client with a session of `user_id` made in the store (the login path is another benchmark's).
async fn session(database: &Database, base: &str, user_id: &str) -> Result<Client, BoxError> {
    let store = server::store::connect(&database.url).await?;
    let (token, hash) = server::auth::session::new_token();
    let now = server::store::now();
    store.create_session(&hash, user_id, now).await?;
    store.complete_second_factor(&hash, now).await?;
    let mut headers = reqwest::header::HeaderMap::new();
    let cookie = format!("{}={token}", server::auth::session::COOKIE_NAME);
    headers.insert(reqwest::header::COOKIE, cookie.parse()?);
    let client = Client::builder().default_headers(headers).timeout(REQUEST_TIMEOUT).build()?;
    let me = client.get(format!("{base}/me")).send().await?;
    if me.status() != StatusCode::OK {
        return Err(format!("session of {user_id}: /me answered {}", me.status()).into());
    }
    Ok(client)
}

/// A 医療機関管理者 for each filing site, made in the store.
async fn site_managers(database: &Database, sites: &[&DesignatedSite]) -> Result<Vec<String>, BoxError> {
    let store = server::store::connect(&database.url).await?;
    let mut managers = Vec::new();
    for (number, site) in sites.iter().enumerate() {
        let user_id = format!("bench-site{number:02}");
        store
            .put_user(
                server::store::NewUser {
                    user_id: &user_id,
                    display_name: "負荷試験 定点",
                    password_hash: "not-for-login",
                    role: Role::SentinelSiteManager,
                    affiliation: server::store::Affiliation::Institution(site.site.code.clone()),
                    may_download_records: false,
                    factor: server::store::FactorSetting {
                        method: SecondFactorMethod::Email,
                        email: Some(format!("{user_id}@bench.todoke.invalid")),
                        phone: None,
                    },
                    password_changed_at: Some(server::store::now()),
                },
                &[],
            )
            .await?;
        managers.push(user_id);
    }
    Ok(managers)
}

/// Latencies of the requests that succeeded, the failures, and the wall time.
struct Samples {
    ok: Vec<Duration>,
    failures: Vec<String>,
    elapsed: Duration,
}

impl Samples {
    fn print(&self, label: &str) {
        let mut ok = self.ok.clone();
        ok.sort();
        let ms = |d: Option<Duration>| d.map_or("-".to_owned(), |d| format!("{:.1}", d.as_secs_f64() * 1000.0));
        println!("{label}");
        println!(
            "          {} reports in {:.1} s: {:.1} reports/s; p50 {} ms, p99 {} ms, max {} ms; {} failed",
            ok.len(),
            self.elapsed.as_secs_f64(),
            ok.len() as f64 / self.elapsed.as_secs_f64().max(f64::MIN_POSITIVE),
            ms(common::percentile(&ok, 0.50)),
            ms(common::percentile(&ok, 0.99)),
            ms(ok.last().copied()),
            self.failures.len()
        );
        for failure in self.failures.iter().take(3) {
            println!("          failure: {failure}");
        }
    }
}

/// Each client files its site's ARI report of every week of the year, one after the other (a closed
/// loop), each a new device id.
async fn intake(
    database: &Database,
    base: &str,
    filers: &[&DesignatedSite],
    weeks: &[ReportPeriod],
) -> Result<Samples, BoxError> {
    let managers = site_managers(database, filers).await?;
    let mut clients = Vec::new();
    for (manager, site) in managers.iter().zip(filers) {
        let bodies: Vec<serde_json::Value> = weeks
            .iter()
            .filter_map(|week| {
                server::sentinel::demo::synthetic_submission(&site.site.code, ReportKind::RespiratoryWeekly, *week)
            })
            .map(serde_json::to_value)
            .collect::<Result<_, _>>()?;
        clients.push((session(database, base, manager).await?, bodies));
    }
    let started = Instant::now();
    let mut tasks = JoinSet::new();
    for (client, bodies) in clients {
        let base = base.to_owned();
        tasks.spawn(async move {
            let mut results = Vec::new();
            for body in bodies {
                results.push(file_one(&client, &base, &body).await);
            }
            results
        });
    }
    let results: Vec<Result<Duration, String>> = tasks.join_all().await.into_iter().flatten().collect();
    let elapsed = started.elapsed();
    let (ok, failures): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    Ok(Samples {
        ok: ok.into_iter().filter_map(Result::ok).collect(),
        failures: failures.into_iter().filter_map(Result::err).collect(),
        elapsed,
    })
}

async fn file_one(client: &Client, base: &str, body: &serde_json::Value) -> Result<Duration, String> {
    let started = Instant::now();
    let url = format!("{base}/sentinel/reports/{}", uuid::Uuid::new_v4());
    let response = client.put(url).json(body).send().await.map_err(|e| format!("no answer: {e}"))?;
    let status = response.status();
    let text = response.text().await.map_err(|e| format!("body cut: {e}"))?;
    if status == StatusCode::CREATED {
        Ok(started.elapsed())
    } else {
        Err(format!("{status} {}", text.chars().take(120).collect::<String>()))
    }
}

/// GETs `path` three times and prints each time from sending to having read the whole answer: the
/// first (cold caches) and the best.
async fn timed(client: &Client, base: &str, label: &str, path: &str) -> Result<(), BoxError> {
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..3 {
        let started = Instant::now();
        let response = client.get(format!("{base}{path}")).send().await?;
        let status = response.status();
        let body = response.bytes().await?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        if status != StatusCode::OK {
            return Err(format!("{path}: {status} {}", String::from_utf8_lossy(&body)).into());
        }
        size = body.len();
    }
    let best = times.iter().copied().fold(f64::INFINITY, f64::min);
    println!("{label:<48} first {:>8.1} ms   best {best:>8.1} ms   ({size} bytes of JSON)", times[0]);
    Ok(())
}
