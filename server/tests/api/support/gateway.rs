//! A local HTTP "SMS and voice gateway" that records what it is asked to send.

use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
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
}

impl FakeGateway {
    /// Starts on a free port of 127.0.0.1; returns the gateway and its URL.
    pub async fn start() -> (Self, String) {
        let gateway = Self::default();
        let app = Router::new().route("/send", post(record)).with_state(gateway.requests.clone());
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind gateway");
        let url = format!("http://{}/send", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, app).await });
        (gateway, url)
    }

    pub fn requests_to(&self, international_number: &str) -> Vec<GatewayRequest> {
        let requests = self.requests.lock().expect("gateway lock");
        requests.iter().filter(|r| r.body["to"] == international_number).cloned().collect()
    }
}

async fn record(
    State(requests): State<Arc<Mutex<Vec<GatewayRequest>>>>,
    headers: HeaderMap,
    Json(body): Json<serde_json::Value>,
) -> StatusCode {
    let authorization = headers.get("authorization").and_then(|v| v.to_str().ok()).map(str::to_owned);
    requests.lock().expect("gateway lock").push(GatewayRequest { authorization, body });
    StatusCode::ACCEPTED
}
