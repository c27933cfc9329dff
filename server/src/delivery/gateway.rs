//! SMS and voice calls through an HTTP gateway: a JSON POST `{"channel", "to", "message"}` to the
//! configured URL, with the configured `Authorization` header. `to` is in E.164 (`+8190…`).
//! A gateway that answers 429 or 503 with `Retry-After` is obeyed: a short wait is waited out and the
//! message sent once more (the person is waiting for the code); a longer one is passed on to the
//! client as the wait before asking for a new code, without sending again meanwhile.

use async_trait::async_trait;
use domain::api::SecondFactorMethod;
use reqwest::{header, Response, StatusCode};
use time::format_description::well_known::Rfc2822;
use time::{Duration, OffsetDateTime};

use super::{Channel, DeliveryError, Message};

pub struct HttpGateway {
    client: reqwest::Client,
    url: String,
    authorization: Option<String>,
    method: SecondFactorMethod,
}

/// The longest `Retry-After` waited out within the request.
const WAIT_WITHIN_REQUEST: Duration = Duration::seconds(3);

impl HttpGateway {
    pub fn new(url: &str, authorization: Option<String>, method: SecondFactorMethod) -> Self {
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(15))
            .build()
            .unwrap_or_else(|_| reqwest::Client::new());
        Self { client, url: url.to_owned(), authorization, method }
    }
}

/// A Japanese number (`090-1234-5678`) in international form (`+819012345678`).
pub fn international(number: &str) -> Result<String, DeliveryError> {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix('0') {
        Some(rest) if !rest.is_empty() => Ok(format!("+81{rest}")),
        _ => Err(DeliveryError::InvalidAddress(number.to_owned())),
    }
}

#[async_trait]
impl Channel for HttpGateway {
    async fn deliver(&self, message: &Message) -> Result<(), DeliveryError> {
        let channel = match self.method {
            SecondFactorMethod::Voice => "voice",
            SecondFactorMethod::Sms | SecondFactorMethod::Email => "sms",
        };
        let body = serde_json::json!({
            "channel": channel,
            "to": international(&message.to)?,
            "message": message.body,
        });
        let response = self.send(&body).await?;
        match retry_after(&response, OffsetDateTime::now_utc()) {
            Some(wait) if wait <= WAIT_WITHIN_REQUEST => {
                tokio::time::sleep(wait.unsigned_abs()).await;
                let again = self.send(&body).await?;
                match retry_after(&again, OffsetDateTime::now_utc()) {
                    Some(wait) => Err(DeliveryError::GatewayBusy(wait)),
                    None => accepted(&again),
                }
            }
            Some(wait) => Err(DeliveryError::GatewayBusy(wait)),
            None => accepted(&response),
        }
    }
}

impl HttpGateway {
    async fn send(&self, body: &serde_json::Value) -> Result<Response, DeliveryError> {
        let mut request = self.client.post(&self.url).json(body);
        if let Some(authorization) = &self.authorization {
            request = request.header(header::AUTHORIZATION, authorization);
        }
        request.send().await.map_err(|e| DeliveryError::Gateway(e.without_url().to_string()))
    }
}

fn accepted(response: &Response) -> Result<(), DeliveryError> {
    if response.status().is_success() {
        Ok(())
    } else {
        Err(DeliveryError::Gateway(format!("answered {}", response.status())))
    }
}

/// The wait a busy gateway (429, 503) asks for in `Retry-After`: seconds or an HTTP date.
fn retry_after(response: &Response, now: OffsetDateTime) -> Option<Duration> {
    if !matches!(response.status(), StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE) {
        return None;
    }
    let value = response.headers().get(header::RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, now)
}

fn parse_retry_after(value: &str, now: OffsetDateTime) -> Option<Duration> {
    let value = value.trim();
    match value.parse::<u32>() {
        Ok(seconds) => Some(Duration::seconds(seconds.into())),
        Err(_) => OffsetDateTime::parse(value, &Rfc2822).ok().map(|at| (at - now).max(Duration::ZERO)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_numbers_become_e164() {
        assert_eq!(international("090-1234-5678").ok().as_deref(), Some("+819012345678"));
        assert_eq!(international("03 1234 5678").ok().as_deref(), Some("+81312345678"));
        assert!(international("0").is_err());
    }

    #[test]
    fn retry_after_is_read_as_seconds_or_as_a_date() {
        let now = time::macros::datetime!(2026-12-06 10:00:00 UTC);
        assert_eq!(parse_retry_after("120", now), Some(Duration::minutes(2)));
        assert_eq!(parse_retry_after("Sun, 06 Dec 2026 10:00:30 GMT", now), Some(Duration::seconds(30)));
        assert_eq!(parse_retry_after("Sun, 06 Dec 2026 09:00:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
