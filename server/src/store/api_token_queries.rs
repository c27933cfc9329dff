//! The SQL of [`super::ApiTokenStore`], written once and instantiated per back end like
//! [`super::queries`].

/// Implements `ApiTokenStore` for `$store` (a struct with `pool` and `writer` fields, `sqlx::Pool<$db>`: reads, and writes).
macro_rules! api_token_store_impl {
    ($store:ident, $db:ty) => {
        mod api_token_sql {
            use super::$store;
            use async_trait::async_trait;
            use domain::api::ApiTokenSummary;
            use sqlx::Row;
            use time::OffsetDateTime;
            use uuid::Uuid;

            use $crate::auth::api_tokens::{RateLimit, RateWindow};
            use $crate::store::{ApiTokenStore, AuditEntry, NewApiToken, StoreResult, StoredApiToken, TokenUse};

            const SELECT_TOKEN: &str = "SELECT id, name, institution_code, created_at, expires_at, last_used_at, \
                 revoked_at, user_id FROM api_tokens";

            fn summary(row: &<$db as sqlx::Database>::Row) -> StoreResult<ApiTokenSummary> {
                Ok(ApiTokenSummary {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    institution_code: row.try_get("institution_code")?,
                    created_at: row.try_get("created_at")?,
                    expires_at: row.try_get("expires_at")?,
                    last_used_at: row.try_get("last_used_at")?,
                    revoked_at: row.try_get("revoked_at")?,
                })
            }

            #[async_trait]
            impl ApiTokenStore for $store {
                async fn create_api_token(&self, token: &NewApiToken) -> StoreResult<()> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    let summary = &token.summary;
                    sqlx::query(
                        "INSERT INTO api_tokens (id, token_hash, user_id, institution_code, name, created_at, \
                         expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(summary.id)
                    .bind(&token.token_hash)
                    .bind(&token.user_id)
                    .bind(&summary.institution_code)
                    .bind(&summary.name)
                    .bind(summary.created_at)
                    .bind(summary.expires_at)
                    .execute(&mut *tx)
                    .await?;
                    super::notification_sql::insert_audit(&mut tx, &token.audit).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn api_tokens(&self, user_id: &str) -> StoreResult<Vec<ApiTokenSummary>> {
                    let rows = sqlx::query(&format!("{SELECT_TOKEN} WHERE user_id = $1 ORDER BY created_at DESC"))
                        .bind(user_id)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.iter().map(summary).collect()
                }

                async fn api_token(&self, token_hash: &str) -> StoreResult<Option<StoredApiToken>> {
                    let row = sqlx::query(&format!("{SELECT_TOKEN} WHERE token_hash = $1"))
                        .bind(token_hash)
                        .fetch_optional(&self.pool)
                        .await?;
                    row.map(|row| Ok(StoredApiToken { summary: summary(&row)?, user_id: row.try_get("user_id")? }))
                        .transpose()
                }

                async fn use_api_token(
                    &self,
                    id: Uuid,
                    now: OffsetDateTime,
                    limit: RateLimit,
                    audit: AuditEntry,
                ) -> StoreResult<TokenUse> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    // Concurrent uses wait for this one's count: PostgreSQL by the row lock, SQLite by
                    // the write lock its transactions take first.
                    let lock = super::ROW_LOCK;
                    let row = sqlx::query(&format!(
                        "SELECT window_started_at, window_requests FROM api_tokens WHERE id = $1{lock}"
                    ))
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
                    let started_at: Option<OffsetDateTime> = row.try_get("window_started_at")?;
                    let requests = u32::try_from(row.try_get::<i32, _>("window_requests")?).unwrap_or(0);
                    let current = started_at.map(|started_at| RateWindow { started_at, requests });
                    let window = match limit.admit(current, now) {
                        Ok(window) => window,
                        Err(wait) => return Ok(TokenUse::Limited(wait)),
                    };
                    sqlx::query(
                        "UPDATE api_tokens SET window_started_at = $2, window_requests = $3, last_used_at = $4 \
                         WHERE id = $1",
                    )
                    .bind(id)
                    .bind(window.started_at)
                    .bind(i32::try_from(window.requests).unwrap_or(i32::MAX))
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    super::notification_sql::insert_audit(&mut tx, &audit).await?;
                    tx.commit().await?;
                    Ok(TokenUse::Admitted)
                }

                async fn revoke_api_token(
                    &self,
                    user_id: &str,
                    id: Uuid,
                    now: OffsetDateTime,
                    audit: AuditEntry,
                ) -> StoreResult<bool> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    let revoked = sqlx::query(
                        "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND user_id = $2",
                    )
                    .bind(id)
                    .bind(user_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                    if revoked == 0 {
                        return Ok(false);
                    }
                    super::notification_sql::insert_audit(&mut tx, &audit).await?;
                    tx.commit().await?;
                    Ok(true)
                }
            }
        }
    };
}

pub(super) use api_token_store_impl;
