//! E-mail through a real SMTP server (lettre). Host, port, TLS and credentials come from one URL:
//! `smtp://host:25`, `smtp://user:pass@host:587?tls=required` (STARTTLS), `smtps://user:pass@host:465`.

use async_trait::async_trait;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::{Channel, DeliveryError, DeliverySetupError, Message};

pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpMailer {
    pub fn new(url: &str, from: &str) -> Result<Self, DeliverySetupError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| DeliverySetupError::InvalidSmtp(e.to_string()))?
            .timeout(Some(std::time::Duration::from_secs(15)))
            .build();
        let from =
            from.parse().map_err(|e: lettre::address::AddressError| DeliverySetupError::InvalidSmtp(e.to_string()))?;
        Ok(Self { transport, from })
    }
}

#[async_trait]
impl Channel for SmtpMailer {
    async fn deliver(&self, message: &Message) -> Result<(), DeliveryError> {
        let to: Mailbox = message.to.parse().map_err(|_| DeliveryError::InvalidAddress(message.to.clone()))?;
        let email = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&message.subject)
            .header(ContentType::TEXT_PLAIN)
            .body(message.body.clone())
            .map_err(|e| DeliveryError::Smtp(e.to_string()))?;
        self.transport.send(email).await.map_err(|e| DeliveryError::Smtp(e.to_string()))?;
        Ok(())
    }
}
