//! `todoke-server`: starts todoke with the configuration from the environment (see README).

use std::process::ExitCode;

use server::config::Config;
use server::{admin, audit, demo, Server};

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [command, method, file, options @ ..] = args.as_slice() {
        if command == "detect" {
            return detect(method, file, options);
        }
    }
    let logs = tracing_subscriber::fmt().with_env_filter(
        tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into()),
    );
    // One JSON object per line (with the request id of each request's span) for log collectors.
    if std::env::var("TODOKE_LOG_FORMAT").is_ok_and(|format| format == "json") {
        logs.json().init();
    } else {
        logs.init();
    }
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env()?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] | ["serve"] => serve(config).await,
        ["verify-audit"] => verify_audit(&config).await,
        ["backup", file] => backup(&config, file).await,
        ["generate-masters", dir, rest @ ..] => generate_masters(dir, rest),
        ["import-master", kind, file] => import_master(&config, kind, file).await,
        ["seed-demo-history"] => seed_demo_history(&config).await,
        ["detect-alarms"] => detect_alarms(&config, None).await,
        ["detect-alarms", "--week", week] => detect_alarms(&config, Some(week)).await,
        ["create-admin", options @ ..] => create_admin(&config, options).await,
        [command, user_id] => administer(&config, command, user_id).await,
        _ => Err(USAGE.into()),
    }
}

const USAGE: &str =
    "usage: todoke-server [serve | verify-audit | backup FILE | create-admin --name NAME --email ADDRESS [--another] \
                     | reset-password USER_ID | suspend USER_ID \
                     | resume USER_ID | generate-masters DIR [SEED [INSTITUTIONS]] \
                     | import-master health-centers|notifiable|sentinel|animal|sentinel-designations FILE | seed-demo-history \
                     | detect-alarms [--week YYYY-Www] \
                     | detect ears-c1|ears-c2|ears-c3|farrington SERIES.csv [--range N] [--alpha A] ...]";

/// The demo data, eight weeks of demo notifications, two years of demo sentinel reports and a notice,
/// into a database that has none (scripts/run.sh).
async fn seed_demo_history(config: &Config) -> Result<(), Box<dyn std::error::Error>> {
    let store = server::store::connect(&config.database_url).await?;
    demo::seed(store.as_ref()).await?;
    let filed = demo::seed_history(store.as_ref(), server::store::now()).await?;
    println!("Demo notifications filed: {filed}");
    let reports = server::sentinel::demo::seed_reports(store.as_ref(), server::store::now()).await?;
    println!("Demo sentinel reports filed: {reports}");
    if demo::seed_notice(store.as_ref(), server::store::now()).await? {
        println!("Demo notice published");
    }
    Ok(())
}

/// `detect-alarms [--week YYYY-Www]`: the alarm detection run once, as the server runs it every week:
/// without `--week`, late data and the last complete week if not yet run; with it, every series for
/// that week. Mails of new alarms (linking them at `TODOKE_PUBLIC_URL`) are sent by a running
/// server's mail worker.
async fn detect_alarms(config: &Config, week: Option<&str>) -> Result<(), Box<dyn std::error::Error>> {
    let store = server::store::connect(&config.database_url).await?;
    let now = server::store::now();
    let site_url = config.public_url.clone().unwrap_or_else(|| format!("http://{}", config.listen));
    let report = match week {
        Some(week) => server::alarms::run::run_week(store.as_ref(), week.parse()?, now, &site_url).await?,
        None => server::alarms::run::run_once(store.as_ref(), now, &site_url).await?,
    };
    let (evaluated, stored, withdrawn) = (report.evaluated, report.stored.len(), report.withdrawn.len());
    println!("{evaluated} series evaluated, {stored} new alarms, {withdrawn} withdrawn");
    Ok(())
}

/// `detect METHOD SERIES.csv [options]`: aberration detection on a `week,count` file, printing
/// `week,upperbound,alarm` for the last weeks. Needs no configuration or database. Any problem
/// with the file or the options exits with status 2 and one line saying what and where.
fn detect(method: &str, file: &str, options: &[String]) -> ExitCode {
    match detect_csv(method, file, options) {
        Ok(csv) => {
            print!("{csv}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
    }
}

fn detect_csv(method: &str, file: &str, options: &[String]) -> Result<String, String> {
    let detection = aberration::options::parse(method, options).map_err(|error| format!("detect: {error}"))?;
    let text = std::fs::read_to_string(file).map_err(|error| format!("{file}: cannot read: {error}"))?;
    let series = aberration::WeeklySeries::parse_csv(&text).map_err(|error| format!("{file} {error}"))?;
    let range = series.last(detection.weeks);
    // The header is line 1, the series' first week line 2.
    let line = |index: usize| format!("{file} line {} ({})", index + 2, series.week(index));
    let too_short = |index: usize| format!("{}: the series is too short for these parameters", line(index));
    if detection.weeks > series.len() {
        return Err(format!(
            "{}: the series has {} weeks, fewer than --range {}",
            line(0),
            series.len(),
            detection.weeks
        ));
    }
    let fail = |error| match error {
        aberration::DetectionError::TooShort { .. } => too_short(range.start),
        other => format!("detect: {other}"),
    };
    let first = detection.method.first_evaluable(&series).map_err(fail)?;
    if range.start < first {
        return Err(format!("{}; the first week it can evaluate is {}", too_short(range.start), series.week(first)));
    }
    let evaluations = detection.method.evaluate(&series, range.clone()).map_err(fail)?;
    Ok(aberration::series::evaluations_csv(&evaluations))
}

/// Walks the audit hash chain; fails (exit status 1) naming the first record that breaks it.
async fn verify_audit(config: &Config) -> Result<(), Box<dyn std::error::Error>> {
    let store = server::store::connect(&config.database_url).await?;
    let summary = audit::verify_chain(store.as_ref()).await?;
    println!("The audit log is intact: {} records; newest hash {}", summary.records, summary.head_hash);
    if summary.pending > 0 {
        println!("{} newer records are not chained yet (a running server chains them within seconds)", summary.pending);
    }
    Ok(())
}

/// An online copy of the SQLite database into a new file, while the server may be running.
async fn backup(config: &Config, file: &str) -> Result<(), Box<dyn std::error::Error>> {
    let store = server::store::connect(&config.database_url).await?;
    store.backup(std::path::Path::new(file)).await?;
    println!("Backed up to {file}");
    Ok(())
}

/// Writes synthetic national-scale masters (deterministic for a seed) for demos and benchmarks.
fn generate_masters(dir: &str, rest: &[&str]) -> Result<(), Box<dyn std::error::Error>> {
    let mut scale = server::masters::generate::Scale::default();
    if let Some(seed) = rest.first() {
        scale.seed = seed.parse()?;
    }
    if let Some(institutions) = rest.get(1) {
        scale.institutions = institutions.parse()?;
    }
    let started = std::time::Instant::now();
    for (kind, path) in server::masters::generate::write(std::path::Path::new(dir), scale)? {
        println!("{:<15} {}", kind.path_segment(), path.display());
    }
    println!("generated in {:.1} s (seed {})", started.elapsed().as_secs_f64(), scale.seed);
    Ok(())
}

/// Imports one master file (UTF-8 or Shift_JIS, detected) into the configured database.
async fn import_master(config: &Config, kind: &str, file: &str) -> Result<(), Box<dyn std::error::Error>> {
    let kind =
        domain::api::MasterKind::ALL.into_iter().find(|candidate| candidate.path_segment() == kind).ok_or(USAGE)?;
    let bytes = std::fs::read(file)?;
    let store = server::store::connect(&config.database_url).await?;
    let started = std::time::Instant::now();
    match server::masters::import(store.as_ref(), kind, &bytes, None, None, None).await {
        Ok(report) => println!(
            "{}: {} new, {} updated, {} unchanged ({:.1} s)",
            kind.path_segment(),
            report.created,
            report.updated,
            report.unchanged,
            started.elapsed().as_secs_f64()
        ),
        Err(server::error::AppError::ImportRejected(problems)) => {
            for problem in problems.iter().take(50) {
                eprintln!("{}", problem.message);
            }
            return Err(format!("{} problems; nothing was imported", problems.len()).into());
        }
        Err(error) => return Err(error.into()),
    }
    Ok(())
}

/// `create-admin --name NAME --email ADDRESS [--another]`: a national administrator on the configured
/// database (the first one on an empty database: no demo data, no masters needed).
async fn create_admin(config: &Config, options: &[&str]) -> Result<(), Box<dyn std::error::Error>> {
    let (mut name, mut email, mut another) = (None, None, false);
    let mut options = options.iter();
    while let Some(option) = options.next() {
        match *option {
            "--name" => name = options.next(),
            "--email" => email = options.next(),
            "--another" => another = true,
            _ => return Err(USAGE.into()),
        }
    }
    let (Some(name), Some(email)) = (name, email) else { return Err(USAGE.into()) };
    let store = server::store::connect(&config.database_url).await?;
    let created = match admin::create_national_administrator(store.as_ref(), name, email, another).await {
        Err(admin::AdminError::App(server::error::AppError::Validation(fields))) => {
            let problems: Vec<String> = fields.into_iter().map(|field| field.message).collect();
            return Err(problems.join("; ").into());
        }
        other => other?,
    };
    println!("National administrator created.");
    println!("  user ID:          {}", created.user_id);
    println!("  initial password: {} (shown once; a change is forced at first login)", created.initial_password);
    println!("Every login sends a one-time code to {email}.");
    Ok(())
}

/// One administrator action on the database named by the configuration.
async fn administer(config: &Config, command: &str, user_id: &str) -> Result<(), Box<dyn std::error::Error>> {
    let store = server::store::connect(&config.database_url).await?;
    let acting = admin::Acting::default();
    match command {
        "reset-password" => {
            let initial = admin::reset_password(store.as_ref(), user_id, &acting).await?;
            println!("New initial password for {user_id} (shown once; a change is forced at login): {initial}");
        }
        "suspend" => {
            admin::set_suspended(store.as_ref(), user_id, true, &acting).await?;
            println!("{user_id} is suspended; their sessions have ended.");
        }
        "resume" => {
            admin::set_suspended(store.as_ref(), user_id, false, &acting).await?;
            println!("{user_id} may log in again.");
        }
        _ => return Err(USAGE.into()),
    }
    Ok(())
}

async fn serve(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let demo = config.demo;
    let public_url = config.public_url.clone();
    let server = Server::bind(config).await?;
    let url = public_url.unwrap_or_else(|| format!("http://{}", server.address));
    tracing::info!(%url, seeded_demo = server.seeded_demo, "todoke is listening");
    if demo {
        print_demo_logins(&url);
    }
    server.run(shutdown_signal()).await?;
    Ok(())
}

fn print_demo_logins(url: &str) {
    println!("\ntodoke is running: {url}\n\nDemo logins (user ID / password):");
    for login in demo::logins() {
        let flag = if login.may_download_records { "  [個票・CSV]" } else { "" };
        println!("  {:<15} {:<14} {}{flag}", login.user_id, login.password, login.display_name);
    }
    println!("\nOne-time login codes are printed here, in DEMO OUTBOX boxes (no mail or SMS is sent).\n");
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(signal) => signal,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! { _ = interrupt => {}, _ = terminate.recv() => {} }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
