//! Login load benchmark (issue 3): times ordinary API requests while 200 logins, each an Argon2id
//! check plus a one-time code sent over SMTP, run at once. Prints a table; see docs/performance.md.
//!
//! `cargo bench -p server --bench login_load` (SQLite) or `… -- postgres` (`BENCH_DATABASE=postgres`).

#[path = "../common/mod.rs"]
mod common;
mod database;
mod load;
mod report;
mod target;
mod users;

// The integration tests' SMTP sink, shared as a file so that `server/tests/api` stays as it is.
// It is harness code that may fail loudly (`expect`) when it cannot bind its port.
#[allow(clippy::expect_used)]
#[path = "../../tests/api/support/smtp_sink.rs"]
mod smtp_sink;

use std::process::ExitCode;

use tokio::runtime::Runtime;

use database::{Backend, BoxError, Database};
use report::{Measurements, Report};
use smtp_sink::SmtpSink;

/// Logins fired at once: the load of issue 3.
const CONCURRENT_LOGINS: usize = 200;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("login_load: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Creates the database, measures, always removes the database, then prints.
fn run() -> Result<(), BoxError> {
    let backend = Backend::chosen()?;
    let machine = common::Machine::read();
    // The load generator and the SMTP sink share one thread: the server keeps its own runtime
    // (see `target`), so their tasks never queue behind or in front of the server's.
    let client = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let database = client.block_on(Database::create(backend))?;
    let measured = measure(&client, &database);
    let removed = client.block_on(database.remove());
    let report = Report { machine, database: database.description.clone(), measured: measured? };
    removed?;
    report.print();
    Ok(())
}

/// Starts the server, runs the scenario against it, and stops it.
fn measure(client: &Runtime, database: &Database) -> Result<Measurements, BoxError> {
    let (mail, smtp_url) = client.block_on(SmtpSink::start());
    let target = target::Target::start(target::config(database, smtp_url))?;
    let measured = client.block_on(scenario(&target, &database.url, &mail));
    target.stop()?;
    measured
}

/// Baseline first (no logins), then the same requests while the logins run.
async fn scenario(target: &target::Target, database_url: &str, mail: &SmtpSink) -> Result<Measurements, BoxError> {
    let (accounts, hash_cost) = users::create(database_url, CONCURRENT_LOGINS).await?;
    let probe = load::Probe::signed_in(&target.base, mail).await?;
    probe.run(load::WARMUP_REQUESTS, std::future::pending::<()>()).await;
    let idle = probe.run(load::BASELINE_REQUESTS, std::future::pending::<()>()).await;
    let before = report::ProcessStatus::read();
    let (done, finished) = tokio::sync::oneshot::channel::<()>();
    let wave = async {
        let logins = load::login_wave(&target.base, &accounts).await;
        let _ = done.send(());
        logins
    };
    let (during, logins) = tokio::join!(probe.run(load::MAX_REQUESTS_DURING_LOGINS, finished), wave);
    let after = report::ProcessStatus::read();
    Ok(Measurements { server_workers: target.workers, hash_cost, idle, during, logins: logins?, before, after })
}
