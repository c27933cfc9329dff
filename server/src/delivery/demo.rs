//! The demo outbox: with `TODOKE_DEMO=1` and no real channel configured, messages are printed to
//! the server's output, clearly labelled, so that a demo user can read their code there.

use async_trait::async_trait;

use super::{Channel, DeliveryError, Message};

pub struct DemoOutbox;

#[async_trait]
impl Channel for DemoOutbox {
    async fn deliver(&self, message: &Message) -> Result<(), DeliveryError> {
        println!(
            "\n┌─ DEMO OUTBOX (not sent; set TODOKE_SMTP_URL / gateway URLs for real delivery)\n│ {:?} to {}\n│ {}\n└─",
            message.method,
            message.to,
            message.body.replace('\n', "\n│ ")
        );
        Ok(())
    }
}
