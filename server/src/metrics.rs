//! Prometheus metrics: what todoke counts, and the `/metrics` endpoint that exposes it on a listener
//! of its own (`TODOKE_METRICS_LISTEN`), never on the public port.

use std::sync::OnceLock;
use std::time::Duration;

use axum::http::{Method, StatusCode};
use axum::routing::get;
use axum::Router;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

const REQUESTS: &str = "todoke_http_requests_total";
const REQUEST_SECONDS: &str = "todoke_http_request_duration_seconds";
const NOTIFICATIONS_RECEIVED: &str = "todoke_notifications_received_total";
const LETTERS_PENDING: &str = "todoke_letters_pending";

/// Latency buckets in seconds: from a cached read to a slow durable write under load.
const LATENCY_BUCKETS: [f64; 12] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

/// The process-wide recorder, installed on first use (a process has one; tests start many servers).
/// `None` if another recorder was installed first: metrics are then not exported.
fn handle() -> Option<&'static PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Full(REQUEST_SECONDS.to_owned()), &LATENCY_BUCKETS)
                .ok()?
                .build_recorder();
            let handle = recorder.handle();
            metrics::set_global_recorder(recorder).ok()?;
            metrics::describe_counter!(REQUESTS, "HTTP requests answered, by method, route and status");
            metrics::describe_histogram!(REQUEST_SECONDS, metrics::Unit::Seconds, "Time to answer, by route");
            metrics::describe_counter!(NOTIFICATIONS_RECEIVED, "Notifications stored (first receipt, not repeats)");
            metrics::describe_gauge!(LETTERS_PENDING, "Account letters waiting to be sent (the mail outbox backlog)");
            Some(handle)
        })
        .as_ref()
}

/// Starts recording (call once at start, before the first request).
pub fn install() {
    if handle().is_none() {
        tracing::warn!("another metrics recorder is installed: /metrics will be empty");
    }
}

/// One answered request. `route` is the route template (`/api/v1/notifications/{id}`), never the
/// raw path, and unknown methods are one label, so that clients cannot grow the label set.
pub fn record_request(method: &Method, route: &str, status: StatusCode, elapsed: Duration) {
    let method = match *method {
        Method::GET | Method::HEAD | Method::POST | Method::PUT | Method::DELETE | Method::PATCH | Method::OPTIONS => {
            method.as_str().to_owned()
        }
        _ => "other".to_owned(),
    };
    let route = route.to_owned();
    metrics::counter!(REQUESTS, "method" => method.clone(), "route" => route.clone(), "status" => status.as_str().to_owned())
        .increment(1);
    metrics::histogram!(REQUEST_SECONDS, "method" => method, "route" => route).record(elapsed.as_secs_f64());
}

pub fn notification_received() {
    metrics::counter!(NOTIFICATIONS_RECEIVED).increment(1);
}

/// The mail outbox's backlog, as the letter worker last counted it.
pub fn letters_pending(count: u32) {
    metrics::gauge!(LETTERS_PENDING).set(f64::from(count));
}

/// `GET /metrics` in the Prometheus text format.
pub fn router() -> Router {
    Router::new().route("/metrics", get(render))
}

async fn render() -> Result<String, StatusCode> {
    let handle = handle().ok_or(StatusCode::SERVICE_UNAVAILABLE)?;
    // Histograms are folded into their buckets on upkeep; without the exporter's own HTTP server
    // nobody else runs it.
    handle.run_upkeep();
    Ok(handle.render())
}
