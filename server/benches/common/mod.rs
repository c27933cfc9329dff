//! What both benchmarks share: the machine they ran on, percentiles of latencies, and doctor1's
//! login. Shared as a file (`#[path]`) by `login_load` and `intake_load`.

use std::time::Duration;

use reqwest::{Client, StatusCode};

use crate::database::BoxError;
use crate::smtp_sink::SmtpSink;

/// The machine, read from /proc (the figures mean little without it).
#[derive(Debug)]
pub struct Machine {
    pub cpus: usize,
    pub cpu_model: String,
    pub memory: String,
    /// The machine may be shared: a busy one gives slower, noisier figures.
    pub load_average: String,
}

impl Machine {
    pub fn read() -> Self {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory_kib: f64 =
            field(&meminfo, "MemTotal").split_whitespace().next().unwrap_or("0").parse().unwrap_or(0.0);
        let loadavg = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
        Self {
            cpus: std::thread::available_parallelism().map_or(0, |n| n.get()),
            cpu_model: field(&cpuinfo, "model name"),
            memory: format!("{:.1} GiB RAM", memory_kib / 1024.0 / 1024.0),
            load_average: loadavg.split_whitespace().take(3).collect::<Vec<_>>().join(" "),
        }
    }
}

/// Nearest-rank percentile of sorted values: the smallest value with at least `p` of them at or below it.
pub fn percentile(sorted: &[Duration], p: f64) -> Option<Duration> {
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.max(1) - 1).copied()
}

/// The value of a `name: value` line of a /proc file.
pub fn field(text: &str, name: &str) -> String {
    text.lines()
        .find_map(|line| {
            line.split_once(':').filter(|(key, _)| key.trim() == name).map(|(_, value)| value.trim().to_owned())
        })
        .unwrap_or_default()
}

/// A client logged in as the demo doctor `doctor1` (password, then the code from the SMTP sink).
/// Its cookie is for 127.0.0.1, so it works on every server of the run.
pub async fn doctor_session(base: &str, mail: &SmtpSink, timeout: Duration) -> Result<Client, BoxError> {
    demo_session(base, mail, timeout, "doctor1").await
}

/// A client logged in as the demo account `user_id` (its second factor by e-mail, read from the sink).
pub async fn demo_session(base: &str, mail: &SmtpSink, timeout: Duration, user_id: &str) -> Result<Client, BoxError> {
    let doctor = server::demo::LOGINS.iter().find(|login| login.user_id == user_id).ok_or("no such demo login")?;
    let client = Client::builder().cookie_store(true).timeout(timeout).build()?;
    let body = serde_json::json!({ "user_id": doctor.user_id, "password": doctor.password });
    expect_ok(client.post(format!("{base}/session")).json(&body).send().await?, "password step").await?;
    let mails = mail.mails_to(doctor.destination);
    let text = mails.last().map(|mail| mail.text.as_str()).ok_or("no code e-mail reached the sink")?;
    let code: String = text.chars().filter(char::is_ascii_digit).take(6).collect();
    let body = serde_json::json!({ "code": code });
    expect_ok(client.post(format!("{base}/session/code")).json(&body).send().await?, "code step").await?;
    Ok(client)
}

async fn expect_ok(response: reqwest::Response, step: &str) -> Result<(), BoxError> {
    let status = response.status();
    if status == StatusCode::OK {
        Ok(())
    } else {
        Err(format!("{step} answered {status}: {}", response.text().await.unwrap_or_default()).into())
    }
}
