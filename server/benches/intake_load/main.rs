//! Intake benchmark (issues 7 and 17): N clients file notifications through HTTP — validate, route,
//! store, audit, receipt — against `todoke-server` processes; then, in the same run and the same
//! database, through sqlx: single-row durable inserts, and transactions of intake's shape (the rows
//! one intake inserts and updates). On PostgreSQL also two server processes on one database, clients
//! spread over both. Prints the figures and the ratios issue 17 sets goals for; asserts nothing.
//!
//! `cargo bench -p server --bench intake_load [-- postgres]`; see docs/performance.md.

#[path = "../common/mod.rs"]
mod common;
mod cpu;
#[path = "../login_load/database.rs"]
mod database;
#[path = "../common/filing.rs"]
mod filing;
mod raw;
mod servers;

// The integration tests' SMTP sink, shared as a file; harness code that may fail loudly.
#[allow(clippy::expect_used)]
#[path = "../../tests/api/support/smtp_sink.rs"]
mod smtp_sink;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use database::{Backend, BoxError, Database};
use filing::file_one;
use reqwest::Client;
use smtp_sink::SmtpSink;
use tokio::task::JoinSet;

/// Concurrent clients of issue 7.
const LEVELS: [usize; 3] = [1, 16, 64];
/// How long each level runs (a closed loop: each client files its next notification when the
/// receipt of the last one has arrived).
const PHASE: Duration = Duration::from_secs(5);
/// No request waits longer than this.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// The outcome of each request of a phase, and how long the phase took.
pub struct Samples {
    pub results: Vec<Result<Duration, String>>,
    pub elapsed: Duration,
}

const ONE_SERVER: &str = "intake, one server";
const TWO_SERVERS: &str = "intake, two servers";
const SAME_SHAPE: &str = "raw, intake's writes/commit";

/// One printed row.
struct Row {
    label: &'static str,
    clients: usize,
    samples: Samples,
    /// The machine's 1-minute load average when the row began.
    load: String,
    /// CPU seconds the row took of the server processes and of PostgreSQL (intake rows only).
    cpu: Cpu,
}

#[derive(Clone, Copy)]
struct Cpu {
    servers: Option<f64>,
    database: f64,
}

impl Cpu {
    fn now(processes: &[&servers::Process]) -> Self {
        let servers = processes.iter().map(|server| cpu::seconds(&server.proc_file("stat")?)).sum::<Option<f64>>();
        Self { servers: servers.filter(|_| !processes.is_empty()), database: cpu::database_seconds() }
    }

    fn since(self, before: Self) -> Self {
        let servers = self.servers.zip(before.servers).map(|(after, before)| after - before);
        Self { servers, database: self.database - before.database }
    }
}

/// Runs `measure` as the row `label` at `clients`, with the load when it began and the CPU it took of
/// `servers` and the database.
async fn row<F: std::future::Future<Output = Result<Samples, BoxError>>>(
    label: &'static str,
    clients: usize,
    servers: &[&servers::Process],
    measure: F,
) -> Result<Row, BoxError> {
    let load = common::Machine::read().load_average.split_whitespace().next().unwrap_or("-").to_owned();
    let before = Cpu::now(servers);
    let samples = measure.await?;
    Ok(Row { label, clients, samples, load, cpu: Cpu::now(servers).since(before) })
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("intake_load: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), BoxError> {
    let backend = Backend::chosen()?;
    let machine = common::Machine::read();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let quota = servers::cpu_quota::chosen()?;
    let database = runtime.block_on(Database::create(backend))?;
    let measured = runtime.block_on(measure(&database, backend));
    let removed = runtime.block_on(database.remove());
    let rows = measured?;
    removed?;
    print(&machine, &database.description, quota, &rows);
    Ok(())
}

async fn measure(database: &Database, backend: Backend) -> Result<Vec<Row>, BoxError> {
    let (mail, smtp_url) = SmtpSink::start().await;
    let first = servers::Process::start(database, &smtp_url).await?;
    let session = common::doctor_session(&first.base, &mail, REQUEST_TIMEOUT).await?;
    let mut rows = Vec::new();
    // Warm-up (connections, caches, the first pages of the tables), not reported.
    for _ in 0..20 {
        let _ = file_one(&session, &first.base).await;
    }
    let base = [first.base.as_str()];
    for clients in LEVELS {
        let filed = intake(&session, &base, clients);
        rows.push(row(ONE_SERVER, clients, &[&first], async { Ok(filed.await) }).await?);
    }
    if backend == Backend::Postgres {
        let second = servers::Process::start(database, &smtp_url).await?;
        let bases = [first.base.as_str(), second.base.as_str()];
        for clients in LEVELS {
            let filed = intake(&session, &bases, clients);
            rows.push(row(TWO_SERVERS, clients, &[&first, &second], async { Ok(filed.await) }).await?);
        }
        second.stop()?;
    }
    if let Some(kib) = first.resident_kib() {
        println!("first server's resident memory after its rows: {:.1} MiB", kib as f64 / 1024.0);
    }
    first.stop()?;
    for clients in LEVELS {
        rows.push(row("raw inserts (1 row/commit)", clients, &[], raw::inserts(&database.url, clients, PHASE)).await?);
    }
    for clients in LEVELS {
        rows.push(row(SAME_SHAPE, clients, &[], raw::same_shape(&database.url, clients, PHASE)).await?);
    }
    Ok(rows)
}

/// `clients` tasks file notifications for [`PHASE`]; client `n` talks to `bases[n % len]`.
async fn intake(session: &Client, bases: &[&str], clients: usize) -> Samples {
    let started = Instant::now();
    let mut tasks = JoinSet::new();
    for client in 0..clients {
        let (session, base) = (session.clone(), bases[client % bases.len()].to_owned());
        tasks.spawn(async move {
            let mut results = Vec::new();
            while started.elapsed() < PHASE {
                results.push(file_one(&session, &base).await);
            }
            results
        });
    }
    let results = tasks.join_all().await.into_iter().flatten().collect();
    Samples { results, elapsed: started.elapsed() }
}

fn print(machine: &common::Machine, database: &str, quota: Option<f64>, rows: &[Row]) {
    println!(
        "todoke intake (issues 7, 17): notifications filed through HTTP, and raw commits into the same database\n"
    );
    println!(
        "machine   {} CPUs, {}, {}; load average {} at start",
        machine.cpus, machine.cpu_model, machine.memory, machine.load_average
    );
    println!("database  {database}");
    println!("server    todoke-server processes (this profile's build), demo data, doctor1's session for every client");
    if let Some(cpus) = quota {
        println!("          each held to {cpus} CPU by a cgroup of its own (BENCH_SERVER_CPUS)");
    }
    println!(
        "load      closed loop, {} s per row: each client files its next measles notification (PUT, new id) when the\n          \
         receipt of the last has arrived; raw inserts: one INSERT per transaction of a ~700-byte row; intake's\n          \
         writes: per transaction the notification (with its receipt number, counting columns and search\n          \
         text), its history entry, audit record and the health center's mail inserted, in todoke's tables;\n          \
         one pool connection per client, same durability settings as todoke",
        PHASE.as_secs()
    );
    println!(
        "          CPU ms/ok: CPU time of the server processes and of PostgreSQL's processes per success\n          \
         (SQLite runs in the server); load: the 1-minute load average when the row began"
    );
    println!(
        "\n{:<28} {:>7} {:>6} {:>6} {:>8} {:>8} {:>8} {:>8} {:>9} {:>9} {:>5}",
        "", "clients", "n", "ok", "p50 ms", "p99 ms", "max ms", "ok/s", "server ms", "db ms", "load"
    );
    for row in rows {
        let mut ok: Vec<Duration> = row.samples.results.iter().filter_map(|r| r.as_ref().ok().copied()).collect();
        ok.sort();
        let ms = |d: Option<Duration>| d.map_or("-".to_owned(), |d| format!("{:.1}", d.as_secs_f64() * 1000.0));
        let per_ok = |seconds: f64| format!("{:.2}", seconds * 1000.0 / ok.len().max(1) as f64);
        println!(
            "{:<28} {:>7} {:>6} {:>6} {:>8} {:>8} {:>8} {:>8.1} {:>9} {:>9} {:>5}",
            row.label,
            row.clients,
            row.samples.results.len(),
            ok.len(),
            ms(common::percentile(&ok, 0.50)),
            ms(common::percentile(&ok, 0.99)),
            ms(ok.last().copied()),
            ok.len() as f64 / row.samples.elapsed.as_secs_f64().max(f64::MIN_POSITIVE),
            row.cpu.servers.map_or("-".to_owned(), per_ok),
            // Raw rows close their connections, whose backends' CPU leaves the sum with them.
            row.cpu.servers.map_or("-".to_owned(), |_| per_ok(row.cpu.database)),
            row.load,
        );
        for failure in row.samples.results.iter().filter_map(|r| r.as_ref().err()).take(3) {
            println!("{:<28} failure: {failure}", "");
        }
    }
    print_goals(rows);
}

/// Successes per second of the row with this label and number of clients.
fn rate(rows: &[Row], label: &str, clients: usize) -> Option<f64> {
    let row = rows.iter().find(|row| row.label == label && row.clients == clients)?;
    let ok = row.samples.results.iter().filter(|result| result.is_ok()).count();
    Some(ok as f64 / row.samples.elapsed.as_secs_f64().max(f64::MIN_POSITIVE))
}

/// Issue 17's ratios at the highest level: two servers against one, intake against its raw shape.
fn print_goals(rows: &[Row]) {
    let clients = LEVELS[LEVELS.len() - 1];
    let one = rate(rows, ONE_SERVER, clients);
    println!("\nat {clients} clients:");
    if let (Some(two), Some(one)) = (rate(rows, TWO_SERVERS, clients), one) {
        println!("  two servers / one server          {:.2}x  (goal >= 1.7x)", two / one);
    }
    if let (Some(one), Some(raw)) = (one, rate(rows, SAME_SHAPE, clients)) {
        println!("  one server / raw intake's writes  {:.0} %  (goal >= 50 %)", 100.0 * one / raw);
    }
}
