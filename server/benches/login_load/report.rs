//! What the benchmark prints: the machine, the database, and per phase the count, p50/p99/max
//! latency and rate of the requests, as a plain-text table on stdout.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::common::{field, percentile, Machine};
use crate::load::{Samples, ENDPOINTS};

/// This process's memory and threads (server and load generator together), from /proc/self/status.
#[derive(Debug, Default, Clone, Copy)]
pub struct ProcessStatus {
    /// VmHWM: the most resident memory the process has had so far.
    pub peak_rss_mib: u64,
    pub threads: u64,
}

impl ProcessStatus {
    pub fn read() -> Self {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let number = |name| field(&status, name).split_whitespace().next().and_then(|n| n.parse().ok()).unwrap_or(0);
        Self { peak_rss_mib: number("VmHWM") / 1024, threads: number("Threads") }
    }
}

/// What the scenario measured.
pub struct Measurements {
    pub server_workers: usize,
    /// Median time of one Argon2id hash on one thread before the load (other processes may be running).
    pub hash_cost: Duration,
    pub idle: Samples,
    pub during: Samples,
    pub logins: Samples,
    pub before: ProcessStatus,
    pub after: ProcessStatus,
}

pub struct Report {
    pub machine: Machine,
    pub database: String,
    pub measured: Measurements,
}

impl Report {
    pub fn print(&self) {
        self.print_setting();
        println!("\n{:<38} {:>5} {:>5} {:>8} {:>8} {:>8} {:>8}", "", "n", "ok", "p50 ms", "p99 ms", "max ms", "ok/s");
        let measured = &self.measured;
        print_endpoints("other requests, no login load", &measured.idle);
        print_endpoints("other requests, during the logins", &measured.during);
        let logins = format!("logins (POST /session), {} at once", measured.logins.results.len());
        print_row(
            &logins,
            &measured.logins.results.iter().map(|(_, result)| result).collect::<Vec<_>>(),
            &measured.logins,
        );
        // Tells whether logins are answered one after another or all together at the end.
        let first = measured.logins.results.iter().filter_map(|(_, result)| result.as_ref().ok()).min();
        println!(
            "{:<38} first login answered after {} ms; the wave took {:.2} s",
            "",
            first.map_or("-".to_owned(), |d| format!("{:.0}", d.as_secs_f64() * 1000.0)),
            measured.logins.elapsed.as_secs_f64()
        );
        print_failures(&[("no load", &measured.idle), ("during", &measured.during), ("logins", &measured.logins)]);
        let (before, after) = (measured.before, measured.after);
        println!(
            "process (server + load generator): peak RSS {} MiB before the logins, {} MiB after; {} threads before, {} right after",
            before.peak_rss_mib, after.peak_rss_mib, before.threads, after.threads
        );
    }

    fn print_setting(&self) {
        let (machine, measured) = (&self.machine, &self.measured);
        let logins = measured.logins.results.len() as f64;
        let cpu_seconds = measured.hash_cost.as_secs_f64() * logins;
        println!("todoke login load (issue 3): {logins} concurrent logins while other requests are timed\n");
        println!(
            "machine   {} CPUs, {}, {}; load average {} at start",
            machine.cpus, machine.cpu_model, machine.memory, machine.load_average
        );
        println!("database  {}", self.database);
        println!(
            "server    in this process: Tokio multi-thread runtime, {} workers (one per CPU, as todoke-server);\n          \
             Argon2id m={} KiB t={} p={} on the blocking pool (spawn_blocking); codes by SMTP to a local sink",
            measured.server_workers,
            argon2::Params::DEFAULT_M_COST,
            argon2::Params::DEFAULT_T_COST,
            argon2::Params::DEFAULT_P_COST,
        );
        println!("load      one thread in this process; other requests one per 10 ms, in turn: {}", endpoint_names());
        println!(
            "argon2id  one hash, one thread, before the load: {:.1} ms; {logins} logins need >= {cpu_seconds:.1} s of CPU, >= {:.1} s on {} CPUs",
            measured.hash_cost.as_secs_f64() * 1000.0,
            cpu_seconds / machine.cpus.max(1) as f64,
            machine.cpus,
        );
    }
}

/// One row for the phase, then one per endpoint.
fn print_endpoints(label: &str, samples: &Samples) {
    print_row(label, &samples.results.iter().map(|(_, result)| result).collect::<Vec<_>>(), samples);
    for (index, (name, _)) in ENDPOINTS.iter().enumerate() {
        let results: Vec<_> =
            samples.results.iter().filter(|(endpoint, _)| *endpoint == index).map(|(_, r)| r).collect();
        print_row(&format!("  {name}"), &results, samples);
    }
}

fn print_row(label: &str, results: &[&Result<Duration, String>], samples: &Samples) {
    let mut ok: Vec<Duration> = results.iter().filter_map(|result| result.as_ref().ok().copied()).collect();
    ok.sort();
    let ms =
        |duration: Option<Duration>| duration.map_or("-".to_owned(), |d| format!("{:.1}", d.as_secs_f64() * 1000.0));
    let rate = ok.len() as f64 / samples.elapsed.as_secs_f64().max(f64::MIN_POSITIVE);
    println!(
        "{label:<38} {:>5} {:>5} {:>8} {:>8} {:>8} {:>8.1}",
        results.len(),
        ok.len(),
        ms(percentile(&ok, 0.50)),
        ms(percentile(&ok, 0.99)),
        ms(ok.last().copied()),
        rate,
    );
}

/// Failed requests by phase and reason; the table counts only successful ones in its latencies.
fn print_failures(phases: &[(&str, &Samples)]) {
    let mut failures: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (phase, samples) in phases {
        for error in samples.results.iter().filter_map(|(_, result)| result.as_ref().err()) {
            *failures.entry((phase, error.as_str())).or_default() += 1;
        }
    }
    println!();
    if failures.is_empty() {
        println!("failures: none (every request answered 200)");
    }
    for ((phase, reason), count) in failures {
        println!("failures: {phase}: {count} x {reason}");
    }
}

fn endpoint_names() -> String {
    ENDPOINTS.iter().map(|(name, _)| *name).collect::<Vec<_>>().join(", ")
}
