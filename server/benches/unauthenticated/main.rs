//! How long each unauthenticated route takes for a user ID that exists and for one that does not
//! (issue 12: no user-ID enumeration by time). A todoke server in this process, on its own runtime,
//! on a fresh database (demo data, codes to a local SMTP sink, loopback only: `login_load`'s set-up)
//! with the throttle out of the way (it answers both alike, and would otherwise turn most requests
//! into quick 429s); known and unknown IDs take turns, so that drift in the machine's load falls on
//! both. Prints figures, asserts nothing.
//!
//! `cargo bench -p server --bench unauthenticated [-- postgres]` (release), or
//! `cargo test -p server --bench unauthenticated [-- postgres]` (dev profile); docs/security.md.

// Shared as files by several benchmarks; this one needs only the machine, percentiles and the sink.
#[allow(dead_code)]
#[path = "../common/mod.rs"]
mod common;
#[path = "../login_load/database.rs"]
mod database;
// login_load's server set-up; this benchmark does not report its worker count.
#[allow(dead_code)]
#[path = "../login_load/target.rs"]
mod target;

// The integration tests' SMTP sink, shared as a file; harness code that may fail loudly.
#[allow(clippy::expect_used, dead_code)]
#[path = "../../tests/api/support/smtp_sink.rs"]
mod smtp_sink;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use database::{BoxError, Database};
use reqwest::Client;
use serde_json::{json, Value};
use smtp_sink::SmtpSink;
use tokio::runtime::Runtime;

/// One route, asked about an existing and an unknown user ID.
struct Route {
    name: &'static str,
    path: &'static str,
    body: fn(&str) -> Value,
    rounds: usize,
}

const KNOWN: &str = "doctor2";
const UNKNOWN: &str = "nobody-here";

const ROUTES: [Route; 3] = [
    Route {
        name: "POST /session (wrong password)",
        path: "/session",
        body: |user_id| json!({"user_id": user_id, "password": "Wrong#Pass123"}),
        rounds: 60,
    },
    Route {
        name: "POST /password-reset",
        path: "/password-reset",
        body: |user_id| json!({"user_id": user_id}),
        rounds: 200,
    },
    // The known ID has a reset code pending (from the route above): a wrong code counts against it.
    Route {
        name: "POST /password-reset/confirm (wrong code)",
        path: "/password-reset/confirm",
        body: |user_id| json!({"user_id": user_id, "code": "000000", "new_password": "Wasureta#Pw9"}),
        rounds: 200,
    },
];

struct Timings {
    known: Vec<Duration>,
    unknown: Vec<Duration>,
    statuses: Vec<(u16, u16)>,
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("unauthenticated: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), BoxError> {
    let backend = database::Backend::chosen()?;
    let machine = common::Machine::read();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let database = runtime.block_on(Database::create(backend))?;
    let measured = measure(&runtime, &database);
    let removed = runtime.block_on(database.remove());
    let timings = measured?;
    removed?;
    print(&machine, &database.description, &timings);
    Ok(())
}

fn measure(runtime: &Runtime, database: &Database) -> Result<Vec<Timings>, BoxError> {
    let (_mail, smtp_url) = runtime.block_on(SmtpSink::start());
    let server = target::Target::start(target::config(database, smtp_url))?;
    let timed = runtime.block_on(async {
        let client = Client::builder().timeout(Duration::from_secs(60)).build()?;
        let mut all = Vec::new();
        for route in &ROUTES {
            all.push(time_route(&client, &server.base, route).await?);
        }
        Ok::<_, BoxError>(all)
    });
    server.stop()?;
    timed
}

async fn time_route(client: &Client, base: &str, route: &Route) -> Result<Timings, BoxError> {
    let mut timings = Timings { known: Vec::new(), unknown: Vec::new(), statuses: Vec::new() };
    // Warm-up: connections, caches, and the known ID's pending reset code.
    for user_id in [KNOWN, UNKNOWN, KNOWN, UNKNOWN] {
        send(client, base, route, user_id).await?;
    }
    for round in 0..route.rounds {
        let order = if round % 2 == 0 { [KNOWN, UNKNOWN] } else { [UNKNOWN, KNOWN] };
        let mut statuses = (0, 0);
        for user_id in order {
            let (elapsed, status) = send(client, base, route, user_id).await?;
            if user_id == KNOWN {
                timings.known.push(elapsed);
                statuses.0 = status;
            } else {
                timings.unknown.push(elapsed);
                statuses.1 = status;
            }
        }
        timings.statuses.push(statuses);
    }
    Ok(timings)
}

async fn send(client: &Client, base: &str, route: &Route, user_id: &str) -> Result<(Duration, u16), BoxError> {
    let started = Instant::now();
    let response = client.post(format!("{base}{}", route.path)).json(&(route.body)(user_id)).send().await?;
    let status = response.status().as_u16();
    response.bytes().await?;
    Ok((started.elapsed(), status))
}

fn print(machine: &common::Machine, database: &str, all: &[Timings]) {
    println!("todoke unauthenticated routes (issue 12): an existing user ID ({KNOWN}) against an unknown one\n");
    println!(
        "machine   {} CPUs, {}, {}; load average {} at start",
        machine.cpus, machine.cpu_model, machine.memory, machine.load_average
    );
    println!("database  {database}\n");
    println!(
        "{:<42} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "route", "pairs", "known p10", "p50", "p90", "unkn p10", "p50", "p90", "Δp50 ms"
    );
    for (route, timings) in ROUTES.iter().zip(all) {
        let known = sorted(&timings.known);
        let unknown = sorted(&timings.unknown);
        let ms =
            |values: &[Duration], p: f64| common::percentile(values, p).map_or(f64::NAN, |d| d.as_secs_f64() * 1e3);
        println!(
            "{:<42} {:>6} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>+9.2}",
            route.name,
            timings.known.len(),
            ms(&known, 0.1),
            ms(&known, 0.5),
            ms(&known, 0.9),
            ms(&unknown, 0.1),
            ms(&unknown, 0.5),
            ms(&unknown, 0.9),
            ms(&known, 0.5) - ms(&unknown, 0.5)
        );
        let differing = timings.statuses.iter().filter(|(known, unknown)| known != unknown).count();
        let first = timings.statuses.first().copied().unwrap_or_default();
        println!("{:<42} statuses {} / {}; pairs with different statuses: {differing}", "", first.0, first.1);
    }
}

fn sorted(values: &[Duration]) -> Vec<Duration> {
    let mut values = values.to_vec();
    values.sort();
    values
}
