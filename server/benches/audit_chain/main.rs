//! The audit chainer's throughput (issue 17): `cargo bench -p server --bench audit_chain [-- postgres]`.
//! Appends `RECORDS` unchained audit records, as requests append them (a transaction per thousand
//! here, to be quick), then times the chainer linking them all (`audit::chain_pending`: batches of
//! 500, as the server's chainer runs) and the verifier walking the whole chain. Prints the times and
//! the machine's load average; asserts nothing. See docs/performance.md.

// Shared as a file with the other benches; this one leaves the SQLite temp dir to `Database` alone.
#[allow(dead_code)]
#[path = "../login_load/database.rs"]
mod database;

use std::time::Instant;

use database::{BoxError, Database};
use server::audit::{self, Action, Outcome};

const RECORDS: usize = 20_000;
const APPEND_BATCH: usize = 1_000;

fn main() -> Result<(), BoxError> {
    database::measure_on_scratch(async |database, _| measure(database).await)
}

async fn measure(database: &Database) -> Result<(), BoxError> {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("database: {}", database.description);
    println!("load average at start: {}", load.split_whitespace().take(3).collect::<Vec<_>>().join(" "));
    let store = server::store::connect(&database.url).await?;
    let started = Instant::now();
    for batch in 0..RECORDS / APPEND_BATCH {
        let entries = (0..APPEND_BATCH)
            .map(|n| {
                let target = Some(format!("bench-{}", batch * APPEND_BATCH + n));
                audit::entry(Action::Login, Outcome::Success, None, target, Some("127.0.0.1".to_owned()))
            })
            .collect();
        store.audit_all(entries).await?;
    }
    report(&format!("append {RECORDS} unchained records"), started, RECORDS);

    let started = Instant::now();
    let chained = audit::chain_pending(store.as_ref()).await?;
    report(&format!("chain them ({chained} linked)"), started, RECORDS);

    let started = Instant::now();
    let summary = audit::verify_chain(store.as_ref()).await.map_err(|error| error.to_string())?;
    report(&format!("verify the chain ({} records, {} pending)", summary.records, summary.pending), started, RECORDS);
    Ok(())
}

fn report(label: &str, started: Instant, records: usize) {
    let seconds = started.elapsed().as_secs_f64();
    println!("{label:<52} {seconds:>8.2} s {:>10.0} records/s", records as f64 / seconds);
}
