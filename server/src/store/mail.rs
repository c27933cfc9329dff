//! The general mail outbox (`mail_outbox`): reminders to sentinel sites, alarm mails, mails to a
//! notification's filer. Queued in the transaction of what they tell, sent by the letter worker
//! (`accounts::letters`), which claims them for a while so that two instances never send one twice.
//! Account letters keep their own table (`account_letters`: one per account, sealed) but are claimed,
//! sent and given up by the same SQL (`mail_queries`).

use async_trait::async_trait;
use time::OffsetDateTime;
use uuid::Uuid;

use super::StoreResult;

/// A mail to queue; sent by the letter worker.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    pub id: Uuid,
    pub recipient: String,
    pub subject: String,
    pub body: String,
}

/// A queued mail claimed by one worker for a while.
#[derive(Debug, Clone)]
pub struct DueMail {
    pub id: Uuid,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub attempts: u32,
}

#[async_trait]
pub trait MailStore: Send + Sync {
    /// Claims up to `limit` queued mails due at `now` until `claimed_until`.
    async fn claim_due_mail(
        &self,
        now: OffsetDateTime,
        claimed_until: OffsetDateTime,
        limit: u32,
    ) -> StoreResult<Vec<DueMail>>;
    /// Queues mails on their own, due at `now` (what they tell is stored already, e.g. a lock's audit
    /// record).
    async fn queue_mails(&self, mails: &[OutgoingMail], now: OffsetDateTime) -> StoreResult<()>;
    /// The mail server took these mails (a round's, marked together: one write instead of one per mail).
    async fn mails_sent(&self, ids: &[Uuid], now: OffsetDateTime) -> StoreResult<()>;
    /// A failed try: retried at `retry_at`, or given up without one.
    async fn mail_failed(&self, id: Uuid, error: &str, retry_at: Option<OffsetDateTime>) -> StoreResult<()>;
}
