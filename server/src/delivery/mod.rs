//! Delivery of one-time codes to people: e-mail through SMTP, SMS and voice calls through an HTTP
//! gateway, or, in the demo only, a clearly labelled outbox in the server's output.

mod demo;
mod gateway;
mod smtp;

use std::sync::Arc;

use async_trait::async_trait;
use domain::api::SecondFactorMethod;

use crate::config::DeliveryConfig;

/// A short message to one person.
#[derive(Debug, Clone)]
pub struct Message {
    pub method: SecondFactorMethod,
    /// E-mail address or phone number.
    pub to: String,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error("no {0:?} delivery is configured")]
    NotConfigured(SecondFactorMethod),
    #[error("invalid address {0:?}")]
    InvalidAddress(String),
    #[error("mail server: {0}")]
    Smtp(String),
    #[error("gateway: {0}")]
    Gateway(String),
    /// The gateway is busy and asked to be called again after this long (`Retry-After`).
    #[error("gateway busy; retry after {0}")]
    GatewayBusy(time::Duration),
}

#[async_trait]
pub trait Channel: Send + Sync {
    async fn deliver(&self, message: &Message) -> Result<(), DeliveryError>;
}

/// The channel for each second-factor method, chosen from the configuration at start.
#[derive(Clone)]
pub struct Deliveries {
    email: Option<Arc<dyn Channel>>,
    sms: Option<Arc<dyn Channel>>,
    voice: Option<Arc<dyn Channel>>,
}

#[derive(Debug, thiserror::Error)]
pub enum DeliverySetupError {
    #[error("TODOKE_SMTP_URL is required (or TODOKE_DEMO=1 for the demo outbox)")]
    MissingSmtp,
    #[error("TODOKE_SMTP_URL is not valid: {0}")]
    InvalidSmtp(String),
}

impl Deliveries {
    /// Real channels where configured; in the demo, the demo outbox for the rest.
    pub fn from_config(config: &DeliveryConfig, demo: bool) -> Result<Self, DeliverySetupError> {
        let outbox: Arc<dyn Channel> = Arc::new(demo::DemoOutbox);
        let fallback = || demo.then(|| outbox.clone());
        let email: Option<Arc<dyn Channel>> = match &config.smtp_url {
            Some(url) => Some(Arc::new(smtp::SmtpMailer::new(url, &config.mail_from)?)),
            None if demo => fallback(),
            None => return Err(DeliverySetupError::MissingSmtp),
        };
        let gateway = |url: &Option<String>, method| -> Option<Arc<dyn Channel>> {
            match url {
                Some(url) => {
                    Some(Arc::new(gateway::HttpGateway::new(url, config.gateway_authorization.clone(), method)))
                }
                None => fallback(),
            }
        };
        Ok(Self {
            email,
            sms: gateway(&config.sms_gateway_url, SecondFactorMethod::Sms),
            voice: gateway(&config.voice_gateway_url, SecondFactorMethod::Voice),
        })
    }

    pub async fn deliver(&self, message: &Message) -> Result<(), DeliveryError> {
        let channel = match message.method {
            SecondFactorMethod::Email => &self.email,
            SecondFactorMethod::Sms => &self.sms,
            SecondFactorMethod::Voice => &self.voice,
        };
        let channel = channel.as_ref().ok_or(DeliveryError::NotConfigured(message.method))?;
        channel.deliver(message).await
    }
}

/// The text of a one-time code message, per method: a voice call reads the digits one by one.
pub fn code_message(method: SecondFactorMethod, to: &str, code: &str, minutes_valid: i64) -> Message {
    let body = match method {
        SecondFactorMethod::Voice => {
            let spaced: Vec<String> = code.chars().map(String::from).collect();
            format!("todoke の確認コードは、{}、です。繰り返します。{}。", spaced.join("、"), spaced.join("、"))
        }
        SecondFactorMethod::Email | SecondFactorMethod::Sms => format!(
            "todoke 確認コード: {code}\n{minutes_valid}分以内に入力してください。心当たりがない場合は破棄してください。"
        ),
    };
    Message { method, to: to.to_owned(), subject: "todoke 確認コード".to_owned(), body }
}
