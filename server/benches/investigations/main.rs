//! ID management at a health center's scale (issue 19): デモ県北保健所 following 5,000 subjects (100
//! cases, each observed with 49 of its contacts), all set up through the API as the screens do. Then
//! the day's follow-up list as the health center reads it (`GET /observations/follow-up`, before
//! anyone reported and after everyone did, whole and filtered), and 5,000 subjects' reports through
//! their own links (`POST /subject/reports`, a morning's worth) sent as fast as the server takes them
//! from many phones at once. A todoke server in this process on a fresh database (`login_load`'s
//! set-up: demo data, codes to a local SMTP sink, loopback only). Prints figures, asserts nothing
//! (goals: the list in 200 ms or less, reports taken at 200 a second or more; docs/performance.md).
//!
//! `cargo bench -p server --bench investigations [-- postgres]` (release), or
//! `cargo test -p server --bench investigations [-- postgres]` (dev profile).

// Shared as files by several benchmarks.
#[allow(dead_code)]
#[path = "../common/mod.rs"]
mod common;
#[path = "../login_load/database.rs"]
mod database;
#[allow(dead_code)]
#[path = "../common/filing.rs"]
mod filing;
#[allow(dead_code)]
#[path = "../login_load/target.rs"]
mod target;

// The integration tests' SMTP sink, shared as a file; harness code that may fail loudly.
#[allow(clippy::expect_used, dead_code)]
#[path = "../../tests/api/support/smtp_sink.rs"]
mod smtp_sink;

use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use database::{BoxError, Database};
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use server::audit::{Action, Outcome};
use server::store::{NewLink, Store};
use smtp_sink::SmtpSink;
use tokio::runtime::Runtime;
use uuid::Uuid;

const CASES: usize = 100;
/// Observed with each case: 50 subjects a case, 5,000 in all.
const CONTACTS_PER_CASE: usize = 49;
/// Requests in flight while setting up.
const SET_UP_CONCURRENCY: usize = 8;
/// Phones reporting at once.
const PHONES: usize = 32;
const TIMEOUT: Duration = Duration::from_secs(120);

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("investigations: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), BoxError> {
    let backend = database::Backend::chosen()?;
    let machine = common::Machine::read();
    println!(
        "machine: {} CPUs, {}, {}; load average before {}",
        machine.cpus, machine.cpu_model, machine.memory, machine.load_average
    );
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let database = runtime.block_on(Database::create(backend))?;
    println!("database: {}", database.description);
    let measured = measure(&runtime, &database);
    let removed = runtime.block_on(database.remove());
    measured?;
    removed?;
    println!("load average after: {}", common::Machine::read().load_average);
    Ok(())
}

fn measure(runtime: &Runtime, database: &Database) -> Result<(), BoxError> {
    let (mail, smtp_url) = runtime.block_on(SmtpSink::start());
    let server = target::Target::start(target::config(database, smtp_url))?;
    let base = server.base.clone();
    let measured = runtime.block_on(async {
        let doctor = common::doctor_session(&base, &mail, TIMEOUT).await?;
        let north = common::demo_session(&base, &mail, TIMEOUT, "hc-north").await?;
        let started = Instant::now();
        let observations = populate(&doctor, &north, &base).await?;
        let took = started.elapsed().as_secs_f64();
        println!("set up {} observations through the API in {took:.0} s", observations.len());
        let store = server::store::connect(&database.url).await?;
        let tokens = links(store.as_ref(), &observations).await?;

        follow_up(&north, &base, "follow-up list, nobody reported yet", "").await?;
        reports(&base, &tokens).await?;
        follow_up(&north, &base, "follow-up list, everyone reported", "").await?;
        follow_up(&north, &base, "follow-up list, needing a call", "?attention=needs_call").await?;
        follow_up(&north, &base, "follow-up list, a name searched", "?q=%E6%8E%A5%E8%A7%A6%E8%80%85%2012").await?;
        Ok::<_, BoxError>(())
    });
    server.stop()?;
    measured
}

/// A POST's JSON answer, expecting `status`.
async fn posted(client: &Client, url: String, body: &Value, status: StatusCode) -> Result<Value, BoxError> {
    let response = client.post(url).json(body).send().await?;
    let got = response.status();
    let text = response.text().await?;
    if got != status {
        return Err(format!("{got}: {text}").into());
    }
    Ok(serde_json::from_str(&text)?)
}

fn id_at(value: &Value, pointer: &str) -> Result<Uuid, BoxError> {
    let text = value.pointer(pointer).and_then(Value::as_str).ok_or_else(|| format!("no {pointer} in {value}"))?;
    Ok(Uuid::parse_str(text)?)
}

/// The 100 cases (filed by doctor1, accepted and opened by hc-north), each observed with its 49
/// contacts; their observations' ids.
async fn populate(doctor: &Client, north: &Client, base: &str) -> Result<Vec<Uuid>, BoxError> {
    let mut observations = Vec::new();
    for first in (0..CASES).step_by(SET_UP_CONCURRENCY) {
        let mut set = tokio::task::JoinSet::new();
        for index in first..(first + SET_UP_CONCURRENCY).min(CASES) {
            let (doctor, north, base) = (doctor.clone(), north.clone(), base.to_owned());
            set.spawn(async move { one_case(&doctor, &north, &base, index).await });
        }
        while let Some(done) = set.join_next().await {
            observations.extend(done??);
        }
    }
    Ok(observations)
}

/// One case with its contacts, all observed (temperature and two symptoms).
async fn one_case(doctor: &Client, north: &Client, base: &str, index: usize) -> Result<Vec<Uuid>, BoxError> {
    let notification = Uuid::new_v4();
    let filed = doctor.put(format!("{base}/notifications/{notification}")).json(&filing::measles()).send().await?;
    if filed.status() != StatusCode::CREATED {
        return Err(format!("filing answered {}", filed.status()).into());
    }
    posted(north, format!("{base}/notifications/{notification}/accept"), &json!({}), StatusCode::OK).await?;
    let case =
        posted(north, format!("{base}/notifications/{notification}/case"), &json!({}), StatusCode::CREATED).await?;
    let case = id_at(&case, "/case/id")?;
    let items = json!({ "temperature": true, "symptoms": ["fever", "rash"] });
    let observe = |subject: Value| {
        let mut body = json!({ "items": items });
        if let (Some(body), Some(subject)) = (body.as_object_mut(), subject.as_object()) {
            body.extend(subject.clone());
        }
        let url = format!("{base}/observations");
        async move { posted(north, url, &body, StatusCode::CREATED).await }
    };
    let mut ids = vec![id_at(&observe(json!({ "case_id": case })).await?, "/observation/id")?];
    let yesterday = (domain::jst::date_in_japan(time::OffsetDateTime::now_utc()) - time::Duration::DAY).to_string();
    for contact in 0..CONTACTS_PER_CASE {
        let body = json!({ "name": format!("接触者 {index}-{contact}"), "relation": "household", "contact_type": "close",
            "last_exposure": yesterday, "birth_date": "1990-04-01", "phone": "090-1234-5678" });
        let added = posted(north, format!("{base}/cases/{case}/contacts"), &body, StatusCode::CREATED).await?;
        ids.push(id_at(&observe(json!({ "contact_id": id_at(&added, "/id")? })).await?, "/observation/id")?);
    }
    Ok(ids)
}

/// A confirmed link of each observation, stored as sending and confirming store them (the SMS
/// gateway and the birth date are not what is measured); the tokens.
async fn links(store: &dyn Store, observations: &[Uuid]) -> Result<Vec<String>, BoxError> {
    let now = server::store::now();
    let mut tokens = Vec::new();
    for observation in observations {
        let token = format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple());
        let hash = server::auth::session::token_hash(&token);
        let audit = |action| {
            server::audit::entry(action, Outcome::Success, Some("hc-north"), Some(observation.to_string()), None)
        };
        let link = NewLink {
            token_hash: hash.clone(),
            observation_id: *observation,
            sent_by: "hc-north".into(),
            created_at: now,
            expires_at: now + time::Duration::days(30),
            audit: audit(Action::SendSubjectLink),
        };
        store.create_link(&link).await?;
        store.confirm_link(&hash, Some(now), audit(Action::ConfirmSubjectLink)).await?;
        tokens.push(token);
    }
    Ok(tokens)
}

/// The follow-up list read five times by hc-north: the first, the median and the best time.
async fn follow_up(north: &Client, base: &str, label: &str, query: &str) -> Result<(), BoxError> {
    let mut times = Vec::new();
    let (mut rows, mut bytes) = (0, 0);
    for _ in 0..5 {
        let started = Instant::now();
        let response = north.get(format!("{base}/observations/follow-up{query}")).send().await?;
        if response.status() != StatusCode::OK {
            return Err(format!("{label}: {}", response.status()).into());
        }
        let body = response.bytes().await?;
        times.push(started.elapsed());
        bytes = body.len();
        let list: domain::api::FollowUpList = serde_json::from_slice(&body)?;
        rows = list.rows.len();
    }
    let first = times[0];
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{label:<44} first {:>7.1} ms   median {:>7.1} ms   best {:>7.1} ms   ({rows} rows, {} KB)",
        ms(first),
        ms(times[2]),
        ms(times[0]),
        bytes / 1000
    );
    Ok(())
}

/// Every subject reports once (one in ten with a fever and a rash), from `PHONES` phones at once.
async fn reports(base: &str, tokens: &[String]) -> Result<(), BoxError> {
    let tokens: Arc<Vec<String>> = Arc::new(tokens.to_vec());
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut phones = tokio::task::JoinSet::new();
    for _ in 0..PHONES {
        let (tokens, next, url) = (tokens.clone(), next.clone(), format!("{base}/subject/reports"));
        phones.spawn(async move {
            let client = Client::builder().timeout(TIMEOUT).build()?;
            let mut latencies = Vec::new();
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(token) = tokens.get(index) else { break };
                let body = if index % 10 == 0 {
                    json!({ "temperature": 38.1, "symptoms": ["rash"] })
                } else {
                    json!({ "temperature": 36.5 })
                };
                let sent = Instant::now();
                let response = client.post(&url).bearer_auth(token).json(&body).send().await?;
                let status = response.status();
                response.bytes().await?;
                if status != StatusCode::CREATED {
                    return Err::<_, BoxError>(format!("report {index} answered {status}").into());
                }
                latencies.push(sent.elapsed());
            }
            Ok(latencies)
        });
    }
    let mut latencies = Vec::new();
    while let Some(done) = phones.join_next().await {
        latencies.extend(done??);
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let ms = |p| common::percentile(&latencies, p).map_or(0.0, |d: Duration| d.as_secs_f64() * 1000.0);
    println!(
        "{} reports from {PHONES} phones at once: {elapsed:.1} s, {:.0} reports/s   latency p50 {:.1} ms   p95 {:.1} ms   p99 {:.1} ms",
        latencies.len(),
        latencies.len() as f64 / elapsed,
        ms(0.50),
        ms(0.95),
        ms(0.99)
    );
    Ok(())
}
