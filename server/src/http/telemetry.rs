//! What operators see of each request: an id (`x-request-id` on every response and in every log
//! line of the request, also when the client sent one), a log span with method, path and outcome,
//! Prometheus metrics, and a JSON 500 instead of a dropped connection when a handler panics.

use std::any::Any;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::classify::ServerErrorsFailureClass;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::{Level, Span};

use crate::error::AppError;

/// Wraps every route and fallback of `router` (outermost first): request id, log span, metrics,
/// panic to 500.
pub fn observe(router: Router) -> Router {
    router
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(axum::middleware::from_fn(record_metrics))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_response(DefaultOnResponse::new().level(Level::INFO))
                .on_failure(log_failure),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

/// Path, not query: queries may carry search terms; paths carry only ids, except a subject's page
/// (`/o/<token>`), whose token is a credential and is left out.
fn request_span(request: &Request) -> Span {
    let id = request.extensions().get::<RequestId>().and_then(|id| id.header_value().to_str().ok()).unwrap_or("-");
    tracing::info_span!("request", request_id = %id, method = %request.method(), path = %loggable(request.uri().path()))
}

fn loggable(path: &str) -> std::borrow::Cow<'_, str> {
    match path.strip_prefix("/o/") {
        Some(rest) => format!("/o/{{token}}{}", rest.find('/').map_or("", |slash| &rest[slash..])).into(),
        None => path.into(),
    }
}

async fn record_metrics(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request.extensions().get::<MatchedPath>().map_or("other", MatchedPath::as_str).to_owned();
    let response = next.run(request).await;
    crate::metrics::record_request(&method, &route, response.status(), started.elapsed());
    response
}

/// A panic is a bug; the client gets the generic `internal` error, the log gets the request id.
/// A 5xx answer logged as an error, except a 503: todoke answers that one on purpose (a maintenance
/// stop, a full login queue), and `AppError` logs the 503 that is a fault (the database unavailable)
/// itself with its cause. Every answer, 503s included, is still logged by `on_response`.
fn log_failure(failure: ServerErrorsFailureClass, latency: Duration, _span: &Span) {
    if !matches!(failure, ServerErrorsFailureClass::StatusCode(StatusCode::SERVICE_UNAVAILABLE)) {
        tracing::error!(classification = %failure, latency_ms = latency.as_millis(), "response failed");
    }
}

fn panic_response(_panic: Box<dyn Any + Send + 'static>) -> Response {
    AppError::Internal("a handler panicked".to_owned()).into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_subjects_token_stays_out_of_the_log() {
        assert_eq!(super::loggable("/o/abcDEF123_-/report"), "/o/{token}/report");
        assert_eq!(super::loggable("/o/abcDEF123_-"), "/o/{token}");
        assert_eq!(super::loggable("/api/v1/cases/7"), "/api/v1/cases/7");
    }
}
