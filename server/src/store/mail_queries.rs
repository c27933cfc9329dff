//! The SQL of [`super::MailStore`], written once and instantiated per back end like [`super::queries`],
//! with what both outboxes share: queuing mails, and claiming, marking sent and giving up rows of
//! `mail_outbox` and of `account_letters` ([`Outbox`]).

/// An outbox table the letter worker sends from: its key column, what a claim returns, and the column
/// that is emptied once a row is sent or given up (a letter's sealed body), if any.
pub(super) struct Outbox {
    pub table: &'static str,
    pub key: &'static str,
    pub claimed: &'static str,
    pub emptied_when_done: Option<&'static str>,
}

/// The head of every statement that queues a mail: the columns each one gives, in this order.
pub(crate) const INSERT_MAIL: &str =
    "INSERT INTO mail_outbox (id, recipient, subject, body, state, queued_at, next_attempt_at)";

/// The general mail outbox.
pub(super) const MAILS: Outbox = Outbox {
    table: "mail_outbox",
    key: "id",
    claimed: "id, recipient, subject, body, attempts",
    emptied_when_done: None,
};

/// Account letters: their sealed body goes once sent or given up.
pub(super) const LETTERS: Outbox = Outbox {
    table: "account_letters",
    key: "user_id",
    claimed: "user_id, recipient, sealed_body, attempts",
    emptied_when_done: Some("sealed_body"),
};

impl Outbox {
    /// Claims up to `$3` pending rows due at `$1` until `$2` (`$4`: the pending state), oldest due first,
    /// skipping rows another worker holds.
    pub(super) fn claim_sql(&self) -> String {
        let Self { table, key, claimed, .. } = self;
        format!(
            "UPDATE {table} SET claimed_until = $2 WHERE {key} IN ( \
                 SELECT {key} FROM {table} WHERE state = $4 AND next_attempt_at <= $1 \
                 AND (claimed_until IS NULL OR claimed_until <= $1) ORDER BY next_attempt_at LIMIT $3) \
             AND state = $4 AND (claimed_until IS NULL OR claimed_until <= $1) \
             RETURNING {claimed}"
        )
    }

    /// `rows` rows (`$3`, `$4`, …) were sent at `$1` (`$2`: the sent state).
    pub(super) fn sent_sql(&self, rows: usize) -> String {
        let Self { table, key, emptied_when_done, .. } = self;
        let emptied = emptied_when_done.map(|column| format!("{column} = NULL, ")).unwrap_or_default();
        let keys: Vec<String> = (3..3 + rows).map(|n| format!("${n}")).collect();
        format!(
            "UPDATE {table} SET state = $2, {emptied}sent_at = $1, attempts = attempts + 1, last_error = NULL, \
             claimed_until = NULL WHERE {key} IN ({})",
            keys.join(", ")
        )
    }

    /// A failed try of row `$1` (`$2`: the state after it, `$3`: the error): retried at `$4`, or given
    /// up when that is NULL.
    pub(super) fn failed_sql(&self) -> String {
        let Self { table, key, emptied_when_done, .. } = self;
        let emptied = emptied_when_done
            .map(|column| format!(", {column} = CASE WHEN $4 IS NULL THEN NULL ELSE {column} END"))
            .unwrap_or_default();
        format!(
            "UPDATE {table} SET state = $2, attempts = attempts + 1, last_error = $3, \
             next_attempt_at = COALESCE($4, next_attempt_at), claimed_until = NULL{emptied} WHERE {key} = $1"
        )
    }
}

/// Implements `MailStore` for `$store` (a struct with `pool` and `writer` fields, `sqlx::Pool<$db>`: reads, and writes), and the outbox
/// functions the other stores use (`mail_sql::insert_mails`, `claim_due`, `mark_sent`, `mark_failed`).
macro_rules! mail_store_impl {
    ($store:ident, $db:ty) => {
        mod mail_sql {
            use super::$store;
            use async_trait::async_trait;
            use domain::api::LetterState;
            use sqlx::{QueryBuilder, Row};
            use time::OffsetDateTime;
            use uuid::Uuid;

            use $crate::store::account_queries::CHUNK;
            use $crate::store::mail_queries::{Outbox, MAILS};
            use $crate::store::{column_name, DueMail, MailStore, OutgoingMail, StoreResult};

            /// Queues `mails` in `mail_outbox`, due at `now`, on `connection` (the transaction of what
            /// they tell: a reminder, an alarm).
            pub(in super::super) async fn insert_mails(
                connection: &mut <$db as sqlx::Database>::Connection,
                mails: &[OutgoingMail],
                now: OffsetDateTime,
            ) -> StoreResult<()> {
                for chunk in mails.chunks(CHUNK) {
                    let mut insert = QueryBuilder::<$db>::new(format!("{} ", $crate::store::mail_queries::INSERT_MAIL));
                    insert.push_values(chunk, |mut row, mail| {
                        row.push_bind(mail.id)
                            .push_bind(mail.recipient.clone())
                            .push_bind(mail.subject.clone())
                            .push_bind(mail.body.clone())
                            .push_bind(column_name(LetterState::Pending))
                            .push_bind(now)
                            .push_bind(now);
                    });
                    insert.build().execute(&mut *connection).await?;
                }
                Ok(())
            }

            /// Claims up to `limit` rows of `outbox` due at `now` until `claimed_until`: its claimed columns.
            pub(in super::super) async fn claim_due(
                pool: &sqlx::Pool<$db>,
                outbox: &Outbox,
                now: OffsetDateTime,
                claimed_until: OffsetDateTime,
                limit: u32,
            ) -> StoreResult<Vec<<$db as sqlx::Database>::Row>> {
                Ok(sqlx::query(&outbox.claim_sql())
                    .bind(now)
                    .bind(claimed_until)
                    .bind(i64::from(limit))
                    .bind(column_name(LetterState::Pending))
                    .fetch_all(pool)
                    .await?)
            }

            /// The mail server took rows `keys` of `outbox`: one statement per [`CHUNK`] of them.
            pub(in super::super) async fn mark_sent<K>(
                pool: &sqlx::Pool<$db>,
                outbox: &Outbox,
                keys: &[K],
                now: OffsetDateTime,
            ) -> StoreResult<()>
            where
                K: for<'q> sqlx::Encode<'q, $db> + sqlx::Type<$db> + Send + Sync,
            {
                for chunk in keys.chunks(CHUNK) {
                    let sql = outbox.sent_sql(chunk.len());
                    let mut query = sqlx::query(&sql).bind(now).bind(column_name(LetterState::Sent));
                    for key in chunk {
                        query = query.bind(key);
                    }
                    query.execute(pool).await?;
                }
                Ok(())
            }

            /// A failed try of row `key` of `outbox`: retried at `retry_at`, or given up without one.
            pub(in super::super) async fn mark_failed<K>(
                pool: &sqlx::Pool<$db>,
                outbox: &Outbox,
                key: K,
                error: &str,
                retry_at: Option<OffsetDateTime>,
            ) -> StoreResult<()>
            where
                K: for<'q> sqlx::Encode<'q, $db> + sqlx::Type<$db> + Send,
            {
                let state = if retry_at.is_some() { LetterState::Pending } else { LetterState::Failed };
                sqlx::query(&outbox.failed_sql())
                    .bind(key)
                    .bind(column_name(state))
                    .bind(error)
                    .bind(retry_at)
                    .execute(pool)
                    .await?;
                Ok(())
            }

            #[async_trait]
            impl MailStore for $store {
                async fn claim_due_mail(
                    &self,
                    now: OffsetDateTime,
                    claimed_until: OffsetDateTime,
                    limit: u32,
                ) -> StoreResult<Vec<DueMail>> {
                    let rows = claim_due(&self.writer, &MAILS, now, claimed_until, limit).await?;
                    rows.iter()
                        .map(|row| {
                            Ok(DueMail {
                                id: row.try_get("id")?,
                                recipient: row.try_get("recipient")?,
                                subject: row.try_get("subject")?,
                                body: row.try_get::<Option<String>, _>("body")?.unwrap_or_default(),
                                attempts: u32::try_from(row.try_get::<i32, _>("attempts")?).unwrap_or(0),
                            })
                        })
                        .collect()
                }

                async fn queue_mails(&self, mails: &[OutgoingMail], now: OffsetDateTime) -> StoreResult<()> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    insert_mails(&mut tx, mails, now).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn mails_sent(&self, ids: &[Uuid], now: OffsetDateTime) -> StoreResult<()> {
                    mark_sent(&self.writer, &MAILS, ids, now).await
                }

                async fn mail_failed(
                    &self,
                    id: Uuid,
                    error: &str,
                    retry_at: Option<OffsetDateTime>,
                ) -> StoreResult<()> {
                    mark_failed(&self.writer, &MAILS, id, error, retry_at).await
                }
            }
        }
    };
}

pub(super) use mail_store_impl;

#[cfg(test)]
mod tests {
    use super::{LETTERS, MAILS};

    #[test]
    fn only_letters_empty_their_sealed_body_when_done() {
        assert!(LETTERS.sent_sql(1).contains("sealed_body = NULL, sent_at = $1"));
        assert!(LETTERS.sent_sql(1).ends_with("WHERE user_id IN ($3)"));
        assert!(MAILS.sent_sql(3).ends_with("WHERE id IN ($3, $4, $5)"));
        assert!(LETTERS
            .failed_sql()
            .ends_with("sealed_body = CASE WHEN $4 IS NULL THEN NULL ELSE sealed_body END WHERE user_id = $1"));
        assert!(!MAILS.sent_sql(1).contains("sealed_body"));
        assert!(MAILS.failed_sql().ends_with("claimed_until = NULL WHERE id = $1"));
        assert!(MAILS.claim_sql().starts_with("UPDATE mail_outbox SET claimed_until = $2 WHERE id IN ("));
    }
}
