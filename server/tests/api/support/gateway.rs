//! A local HTTP "SMS and voice gateway" that records what it is asked to send, and can answer busy
//! (429 with `Retry-After`) for a while.

use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use tokio::net::TcpListener;

#[derive(Debug, Clone)]
pub struct GatewayRequest {
    pub authorization: Option<String>,
    pub body: serde_json::Value,
}

#[derive(Clone, Default)]
pub struct FakeGateway {
    requests: Arc<Mutex<Vec<GatewayRequest>>>,
    /// How many requests are still to be refused as busy, and the `Retry-After` they carry.
    busy: Arc<Mutex<(usize, String)>>,
    /// How many were refused so.
    refused: Arc<Mutex<usize>>,
}

impl FakeGateway {
    /// Starts on a free port of 127.0.0.1; returns the gateway and its URL.
    pub async fn start() -> (Self, String) {
        let gateway = Self::default();
        let app = Router::new().route("/send", post(record)).with_state(gateway.clone());
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind gateway");
        let url = format!("http://{}/send", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, app).await });
        (gateway, url)
    }

    /// The next `times` requests are answered 429 with `Retry-After: retry_after`, and not sent.
    pub fn answer_busy(&self, times: usize, retry_after: &str) {
        *self.busy.lock().expect("gateway lock") = (times, retry_after.to_owned());
    }

    /// How many requests were answered busy.
    pub fn refused(&self) -> usize {
        *self.refused.lock().expect("gateway lock")
    }

    pub fn requests_to(&self, international_number: &str) -> Vec<GatewayRequest> {
        let requests = self.requests.lock().expect("gateway lock");
        requests.iter().filter(|r| r.body["to"] == international_number).cloned().collect()
    }
}

async fn record(
    State(gateway): State<FakeGateway>,
    headers: HeaderMap,
    Json(body): Json<serde_json::Value>,
) -> Response {
    {
        let mut busy = gateway.busy.lock().expect("gateway lock");
        if busy.0 > 0 {
            busy.0 -= 1;
            *gateway.refused.lock().expect("gateway lock") += 1;
            return (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, busy.1.clone())]).into_response();
        }
    }
    let authorization = headers.get("authorization").and_then(|v| v.to_str().ok()).map(str::to_owned);
    gateway.requests.lock().expect("gateway lock").push(GatewayRequest { authorization, body });
    StatusCode::ACCEPTED.into_response()
}
