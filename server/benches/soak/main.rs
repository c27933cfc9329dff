//! Soak benchmark (issue 12): one `todoke-server` process on a fresh database takes notifications at
//! half the rate it was just measured to sustain, for 10 minutes (`SOAK_SECONDS` to change), from
//! this process over loopback only. Prints errors and the server's resident memory after warm-up
//! and at the end; asserts nothing.
//!
//! `cargo bench -p server --bench soak [-- postgres]`; see docs/performance.md.

#[path = "../common/mod.rs"]
mod common;
#[path = "../login_load/database.rs"]
mod database;
#[path = "../common/filing.rs"]
mod filing;
#[path = "../intake_load/servers.rs"]
mod servers;

// The integration tests' SMTP sink, shared as a file; harness code that may fail loudly.
#[allow(clippy::expect_used)]
#[path = "../../tests/api/support/smtp_sink.rs"]
mod smtp_sink;

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use database::{BoxError, Database};
use filing::file_one;
use reqwest::Client;
use smtp_sink::SmtpSink;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// The closed loop that measures the sustainable rate first.
const PROBE: Duration = Duration::from_secs(10);
const PROBE_CLIENTS: usize = 16;
/// Memory is read once this much of the soak has passed (pools, caches and allocator arenas filled).
const WARM_UP: Duration = Duration::from_secs(60);
/// At most this many requests in flight: a server that falls behind makes the run slower, not unbounded.
const MAX_IN_FLIGHT: usize = 64;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

struct Report {
    probe_rate: f64,
    rate: f64,
    duration: Duration,
    sent: usize,
    errors: Vec<String>,
    latencies: Vec<Duration>,
    memory_after_warm_up: Option<u64>,
    memory_at_end: Option<u64>,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("soak: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), BoxError> {
    let backend = database::Backend::chosen()?;
    let seconds: u64 = std::env::var("SOAK_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(600);
    let machine = common::Machine::read();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let database = runtime.block_on(Database::create(backend))?;
    let measured = runtime.block_on(soak(&database, Duration::from_secs(seconds.max(WARM_UP.as_secs() + 1))));
    let removed = runtime.block_on(database.remove());
    let report = measured?;
    removed?;
    print(&machine, &database.description, &report);
    Ok(())
}

async fn soak(database: &Database, duration: Duration) -> Result<Report, BoxError> {
    let (mail, smtp_url) = SmtpSink::start().await;
    let server = servers::Process::start(database, &smtp_url).await?;
    let session = common::doctor_session(&server.base, &mail, REQUEST_TIMEOUT).await?;
    let probe_rate = probe(&session, &server.base).await;
    let rate = (probe_rate / 2.0).max(1.0);
    let interval = Duration::from_secs_f64(1.0 / rate);
    let total = (duration.as_secs_f64() * rate) as usize;

    let slots = Arc::new(Semaphore::new(MAX_IN_FLIGHT));
    let mut tasks = JoinSet::new();
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let started = Instant::now();
    let mut memory_after_warm_up = None;
    for _ in 0..total {
        ticker.tick().await;
        if memory_after_warm_up.is_none() && started.elapsed() >= WARM_UP {
            memory_after_warm_up = server.resident_kib();
        }
        let slot = slots.clone().acquire_owned().await?;
        let (session, base) = (session.clone(), server.base.clone());
        tasks.spawn(async move {
            let result = file_one(&session, &base).await;
            drop(slot);
            result
        });
    }
    let results = tasks.join_all().await;
    let duration = started.elapsed();
    let memory_at_end = server.resident_kib();
    server.stop()?;
    let (latencies, errors): (Vec<_>, Vec<_>) = results.into_iter().partition(Result::is_ok);
    let mut latencies: Vec<Duration> = latencies.into_iter().filter_map(Result::ok).collect();
    latencies.sort();
    Ok(Report {
        probe_rate,
        rate,
        duration,
        sent: total,
        errors: errors.into_iter().filter_map(Result::err).collect(),
        latencies,
        memory_after_warm_up,
        memory_at_end,
    })
}

/// Receipts per second of [`PROBE_CLIENTS`] closed-loop clients for [`PROBE`] (after a short warm-up).
async fn probe(session: &Client, base: &str) -> f64 {
    for _ in 0..20 {
        let _ = file_one(session, base).await;
    }
    let started = Instant::now();
    let mut tasks = JoinSet::new();
    for _ in 0..PROBE_CLIENTS {
        let (session, base) = (session.clone(), base.to_owned());
        tasks.spawn(async move {
            let mut ok = 0usize;
            while started.elapsed() < PROBE {
                ok += usize::from(file_one(&session, &base).await.is_ok());
            }
            ok
        });
    }
    let ok: usize = tasks.join_all().await.into_iter().sum();
    ok as f64 / started.elapsed().as_secs_f64()
}

fn print(machine: &common::Machine, database: &str, report: &Report) {
    let mib = |kib: Option<u64>| kib.map_or("-".to_owned(), |kib| format!("{:.1} MiB", kib as f64 / 1024.0));
    let ms = |d: Option<Duration>| d.map_or("-".to_owned(), |d| format!("{:.1}", d.as_secs_f64() * 1000.0));
    println!("todoke soak (issue 12): notifications at half the measured intake rate, one server\n");
    println!(
        "machine   {} CPUs, {}, {}; load average {} at start",
        machine.cpus, machine.cpu_model, machine.memory, machine.load_average
    );
    println!("database  {database}");
    println!(
        "rate      {:.1}/s measured ({PROBE_CLIENTS} closed-loop clients, {} s); soak at {:.1}/s (open loop, \
         at most {MAX_IN_FLIGHT} in flight)",
        report.probe_rate,
        PROBE.as_secs(),
        report.rate
    );
    println!("duration  {:.0} s, {} requests sent", report.duration.as_secs_f64(), report.sent);
    println!(
        "latency   p50 {} ms, p99 {} ms, max {} ms",
        ms(common::percentile(&report.latencies, 0.50)),
        ms(common::percentile(&report.latencies, 0.99)),
        ms(report.latencies.last().copied())
    );
    println!("errors    {}", report.errors.len());
    for error in report.errors.iter().take(5) {
        println!("          {error}");
    }
    let growth = match (report.memory_after_warm_up, report.memory_at_end) {
        (Some(warm), Some(end)) if warm > 0 => format!(" ({:+.1} %)", (end as f64 / warm as f64 - 1.0) * 100.0),
        _ => String::new(),
    };
    println!(
        "memory    server VmRSS {} after {} s of warm-up, {} at the end{growth}",
        mib(report.memory_after_warm_up),
        WARM_UP.as_secs(),
        mib(report.memory_at_end)
    );
}
