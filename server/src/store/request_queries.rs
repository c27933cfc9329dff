//! The SQL of [`super::RequestStore`], written once and instantiated per back end like
//! [`super::queries`].

/// Implements `RequestStore` for `$store` (a struct with `pool` and `writer` fields, `sqlx::Pool<$db>`: reads, and writes).
macro_rules! request_store_impl {
    ($store:ident, $db:ty) => {
        mod request_sql {
            use super::$store;
            use async_trait::async_trait;
            use domain::api::{AccountRequest, Organization, RequestState};
            use sqlx::Row;
            use uuid::Uuid;
            use $crate::store::{column_name, parse_column};

            use $crate::store::requests::{from_json, to_json};
            use $crate::store::{Decision, ManagedScope, NewRequest, RequestStore, StoreResult, StoredRequest};

            /// A request with its institution and the 都道府県等 responsible for that institution now.
            const SELECT_REQUESTS: &str = "SELECT r.id, r.institution_code, i.name AS institution_name, \
                 h.prefecture_code, r.requested_by, r.requested_at, r.action, r.note, r.state, r.decided_by, \
                 r.decided_at, r.reason, r.batch_id, r.issued \
                 FROM account_requests r \
                 JOIN institutions i ON i.code = r.institution_code \
                 JOIN health_centers h ON h.code = i.health_center_code";

            fn stored_request(row: &<$db as sqlx::Database>::Row) -> StoreResult<StoredRequest> {
                let action: String = row.try_get("action")?;
                let issued: String = row.try_get("issued")?;
                let request = AccountRequest {
                    request_id: row.try_get("id")?,
                    institution: Organization {
                        code: row.try_get("institution_code")?,
                        name: row.try_get("institution_name")?,
                    },
                    requested_by: row.try_get("requested_by")?,
                    requested_at: row.try_get("requested_at")?,
                    action: from_json(&action)?,
                    note: row.try_get("note")?,
                    state: parse_column(row.try_get("state")?)?,
                    decided_by: row.try_get("decided_by")?,
                    decided_at: row.try_get("decided_at")?,
                    reason: row.try_get("reason")?,
                    batch_id: row.try_get("batch_id")?,
                    issued: from_json(&issued)?,
                };
                Ok(StoredRequest { request, prefecture_code: row.try_get("prefecture_code")? })
            }

            #[async_trait]
            impl RequestStore for $store {
                async fn insert_request(&self, request: &NewRequest) -> StoreResult<()> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    sqlx::query(
                        "INSERT INTO account_requests \
                         (id, institution_code, requested_by, requested_at, action, note, state) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(request.id)
                    .bind(&request.institution_code)
                    .bind(&request.requested_by)
                    .bind(request.requested_at)
                    .bind(to_json(&request.action)?)
                    .bind(&request.note)
                    .bind(column_name(RequestState::Pending))
                    .execute(&mut *tx)
                    .await?;
                    super::notification_sql::insert_audit(&mut *tx, &request.audit).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn requests(&self, scope: &ManagedScope) -> StoreResult<Vec<AccountRequest>> {
                    let (condition, code) = match scope {
                        ManagedScope::Institution(code) => ("r.institution_code", code),
                        ManagedScope::Jurisdiction(code) => ("h.prefecture_code", code),
                    };
                    let sql = format!("{SELECT_REQUESTS} WHERE {condition} = $1 ORDER BY r.requested_at DESC, r.id");
                    let rows = sqlx::query(&sql).bind(code).fetch_all(&self.pool).await?;
                    rows.iter().map(|row| Ok(stored_request(row)?.request)).collect()
                }

                async fn request(&self, id: Uuid) -> StoreResult<Option<StoredRequest>> {
                    let sql = format!("{SELECT_REQUESTS} WHERE r.id = $1");
                    let row = sqlx::query(&sql).bind(id).fetch_optional(&self.pool).await?;
                    row.as_ref().map(stored_request).transpose()
                }

                async fn decide_request(&self, decision: &Decision) -> StoreResult<bool> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    let decided = sqlx::query(
                        "UPDATE account_requests SET state = $2, decided_by = $3, decided_at = $4, reason = $5 \
                         WHERE id = $1 AND state = $6",
                    )
                    .bind(decision.request_id)
                    .bind(column_name(decision.state))
                    .bind(&decision.decided_by)
                    .bind(decision.decided_at)
                    .bind(&decision.reason)
                    .bind(column_name(RequestState::Pending))
                    .execute(&mut *tx)
                    .await?;
                    if decided.rows_affected() != 1 {
                        return Ok(false);
                    }
                    super::notification_sql::insert_audit(&mut *tx, &decision.audit).await?;
                    tx.commit().await?;
                    Ok(true)
                }
            }
        }
    };
}

pub(super) use request_store_impl;
