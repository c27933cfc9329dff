//! The SQL of [`super::AuditViewStore`], written once and instantiated per back end like
//! [`super::queries`].

/// Implements `AuditViewStore` for `$store` (a struct with a `pool: sqlx::Pool<$db>` field).
macro_rules! audit_view_store_impl {
    ($store:ident, $db:ty) => {
        mod audit_view_sql {
            use super::$store;
            use async_trait::async_trait;
            use domain::api::AuditRecord;
            use sqlx::Row;

            use $crate::store::{AuditFilter, AuditViewStore, StoreResult};

            /// The records with the 都道府県等 of their account: the actor's, or (for a failed login with
            /// no known account) the one whose ID was typed. Times are compared as instants (`INSTANT`:
            /// SQLite keeps them as RFC 3339 text of varying length).
            fn select_records() -> String {
                let instant = |column: &str| super::INSTANT.replace("{}", column);
                format!(
                    "SELECT a.seq, a.at, a.actor, a.action, a.target, a.client_address, a.outcome \
                     FROM audit_log a \
                     LEFT JOIN users u ON u.user_id = COALESCE(a.actor, a.target) \
                     LEFT JOIN institutions i ON i.code = u.institution_code \
                     LEFT JOIN health_centers h ON h.code = COALESCE(u.health_center_code, i.health_center_code) \
                     WHERE ($1 IS NULL OR COALESCE(u.prefecture_code, h.prefecture_code) = $1) \
                     AND ($2 IS NULL OR a.actor = $2 OR (a.actor IS NULL AND a.target = $2)) \
                     AND ($3 IS NULL OR a.target = $3) \
                     AND ($4 IS NULL OR a.action = $4) \
                     AND ($5 IS NULL OR {at} >= {from}) \
                     AND ($6 IS NULL OR {at} < {before}) \
                     ORDER BY a.seq DESC LIMIT $7",
                    at = instant("a.at"),
                    from = instant("$5"),
                    before = instant("$6"),
                )
            }

            fn record(row: &<$db as sqlx::Database>::Row) -> StoreResult<AuditRecord> {
                Ok(AuditRecord {
                    seq: row.try_get("seq")?,
                    at: row.try_get("at")?,
                    actor: row.try_get("actor")?,
                    action: row.try_get("action")?,
                    target: row.try_get("target")?,
                    client_address: row.try_get("client_address")?,
                    outcome: row.try_get("outcome")?,
                })
            }

            #[async_trait]
            impl AuditViewStore for $store {
                async fn audit_view(&self, filter: &AuditFilter, limit: Option<i64>) -> StoreResult<Vec<AuditRecord>> {
                    let rows = sqlx::query(&select_records())
                        .bind(&filter.prefecture)
                        .bind(&filter.actor)
                        .bind(&filter.target)
                        .bind(&filter.action)
                        .bind(filter.from)
                        .bind(filter.before)
                        .bind(limit.unwrap_or(i64::MAX))
                        .fetch_all(&self.pool)
                        .await?;
                    rows.iter().map(record).collect()
                }
            }
        }
    };
}

pub(super) use audit_view_store_impl;
