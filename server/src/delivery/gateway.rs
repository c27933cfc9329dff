//! SMS and voice calls through an HTTP gateway: a JSON POST `{"channel", "to", "message"}` to the
//! configured URL, with the configured `Authorization` header. `to` is in E.164 (`+8190…`).

use async_trait::async_trait;
use domain::api::SecondFactorMethod;

use super::{Channel, DeliveryError, Message};

pub struct HttpGateway {
    client: reqwest::Client,
    url: String,
    authorization: Option<String>,
    method: SecondFactorMethod,
}

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
        let mut request = self.client.post(&self.url).json(&body);
        if let Some(authorization) = &self.authorization {
            request = request.header(reqwest::header::AUTHORIZATION, authorization);
        }
        let response = request.send().await.map_err(|e| DeliveryError::Gateway(e.without_url().to_string()))?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(DeliveryError::Gateway(format!("answered {}", response.status())))
        }
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
}
