//! The traffic: "other" requests sent at a steady pace (the probe), and the wave of concurrent
//! logins. Both record how long each request took, from sending it to having read the whole answer.

use std::future::Future;
use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode};
use tokio::task::JoinSet;

use crate::database::BoxError;
use crate::smtp_sink::SmtpSink;
use crate::users;

/// Requests to warm connections and caches before anything is recorded.
pub const WARMUP_REQUESTS: usize = 30;
/// Requests of the baseline, with no login load.
pub const BASELINE_REQUESTS: usize = 300;
/// Bounds the probe during the logins (a minute at the pace below) should the wave hang.
pub const MAX_REQUESTS_DURING_LOGINS: usize = 6_000;
/// One request every 10 ms (100 a second), whatever the answers' speed (an open loop): a slow
/// answer cannot hold back the next request, so stalls show in the latencies instead of hiding
/// as fewer samples.
const PACE: Duration = Duration::from_millis(10);
/// No request of the benchmark waits longer than this.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// The "other" requests, taken in turn: two that read the session and the database, and one
/// that needs neither (the OpenAPI description, ~19 KB of JSON serialised per request).
pub const ENDPOINTS: [(&str, Access); 3] =
    [("GET /notifications", Access::SignedIn), ("GET /me", Access::SignedIn), ("GET /openapi.json", Access::Anonymous)];

#[derive(Debug, Clone, Copy)]
pub enum Access {
    SignedIn,
    Anonymous,
}

/// What one phase recorded.
#[derive(Debug, Default)]
pub struct Samples {
    /// (index into [`ENDPOINTS`], or 0 for logins; how long it took, or why it failed)
    pub results: Vec<(usize, Result<Duration, String>)>,
    /// From the first request sent to the last answer read.
    pub elapsed: Duration,
}

/// Sends the "other" requests: a doctor's session and an anonymous client.
pub struct Probe {
    base: String,
    signed_in: Client,
    anonymous: Client,
}

impl Probe {
    /// Logs in as the demo doctor `doctor1` (password, then the code from the SMTP sink).
    pub async fn signed_in(base: &str, mail: &SmtpSink) -> Result<Self, BoxError> {
        let signed_in = crate::common::doctor_session(base, mail, REQUEST_TIMEOUT).await?;
        let anonymous = Client::builder().timeout(REQUEST_TIMEOUT).build()?;
        Ok(Self { base: base.to_owned(), signed_in, anonymous })
    }

    /// Sends one request per [`PACE`], cycling through [`ENDPOINTS`], until `limit` were sent or
    /// `stop` completes; then waits for the answers still outstanding.
    pub async fn run(&self, limit: usize, stop: impl Future<Output = impl Sized>) -> Samples {
        let mut pace = tokio::time::interval(PACE);
        // Keep the pace after a hiccup of the load generator rather than catching up in a burst.
        pace.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut in_flight = JoinSet::new();
        let started = Instant::now();
        tokio::pin!(stop);
        for sent in 0..limit {
            tokio::select! {
                biased;
                _ = &mut stop => break,
                _ = pace.tick() => {}
            }
            let endpoint = sent % ENDPOINTS.len();
            let request = self.request(endpoint);
            in_flight.spawn(async move { (endpoint, timed(request).await) });
        }
        let results = in_flight.join_all().await;
        Samples { results, elapsed: started.elapsed() }
    }

    fn request(&self, endpoint: usize) -> reqwest::RequestBuilder {
        let (label, access) = ENDPOINTS[endpoint];
        let path = label.trim_start_matches("GET ");
        let client = match access {
            Access::SignedIn => &self.signed_in,
            Access::Anonymous => &self.anonymous,
        };
        client.get(format!("{}{path}", self.base))
    }
}

/// Every bench account logs in (step 1: `POST /session`) at the same moment, each on its own
/// connection, as 200 people pressing "log in" together would.
pub async fn login_wave(base: &str, user_ids: &[String]) -> Result<Samples, BoxError> {
    // One client for all: it opens a connection per request in flight, and building 200 clients
    // (TLS set-up included) would be measured as part of the wave otherwise.
    let client = Client::builder().timeout(REQUEST_TIMEOUT).build()?;
    let started = Instant::now();
    let mut logins = JoinSet::new();
    for user_id in user_ids {
        let body = serde_json::json!({ "user_id": user_id, "password": users::PASSWORD });
        let request = client.post(format!("{base}/session")).json(&body);
        logins.spawn(async move { (0, timed(request).await) });
    }
    let results = logins.join_all().await;
    Ok(Samples { results, elapsed: started.elapsed() })
}

/// Sends the request and reads the whole answer; a non-200 answer is a failure named by its
/// status and todoke's error code (e.g. `429 resend_too_soon`).
async fn timed(request: reqwest::RequestBuilder) -> Result<Duration, String> {
    let started = Instant::now();
    let response = request.send().await.map_err(|e| format!("no answer: {e}"))?;
    let status = response.status();
    let body = response.bytes().await.map_err(|e| format!("body cut: {e}"))?;
    let elapsed = started.elapsed();
    if status == StatusCode::OK {
        Ok(elapsed)
    } else {
        Err(format!("{} {}", status.as_u16(), error_code(&body)))
    }
}

fn error_code(body: &[u8]) -> String {
    let json: serde_json::Value = serde_json::from_slice(body).unwrap_or_default();
    json["code"].as_str().unwrap_or("(no error code)").to_owned()
}
