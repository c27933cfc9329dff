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

            use $crate::store::{AuditFilter, AuditLinks, AuditViewStore, StoreResult};

            use super::notification_sql::{chained_record, SELECT_AUDIT};

            /// `$1, $2, …` for `count` parameters (at least one, so that `IN ()` is never empty).
            fn placeholders(count: usize) -> String {
                (1..=count.max(1)).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
            }

            async fn chained_where(
                pool: &sqlx::Pool<$db>,
                condition: &str,
                seqs: &[i64],
            ) -> StoreResult<Vec<$crate::audit::ChainedRecord>> {
                let sql = format!("{SELECT_AUDIT} WHERE chain_position IS NOT NULL AND {condition}");
                let mut query = sqlx::query(&sql);
                for seq in seqs.iter().chain(seqs.is_empty().then_some(&0)) {
                    query = query.bind(*seq);
                }
                query.fetch_all(pool).await?.iter().map(chained_record).collect()
            }

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
                     AND ($7 IS NULL OR a.seq < $7) \
                     ORDER BY a.seq DESC LIMIT $8",
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
                        .bind(filter.before_seq)
                        .bind(limit.unwrap_or(i64::MAX))
                        .fetch_all(&self.pool)
                        .await?;
                    rows.iter().map(record).collect()
                }

                async fn audit_links(&self, seqs: &[i64]) -> StoreResult<AuditLinks> {
                    let listed = placeholders(seqs.len());
                    let records = chained_where(&self.pool, &format!("seq IN ({listed})"), seqs).await?;
                    // Each one's predecessor: the greatest position below its own (positions from
                    // before migration 0032 are seqs and may have gaps).
                    let predecessors = chained_where(
                        &self.pool,
                        &format!(
                            "chain_position IN (SELECT (SELECT MAX(q.chain_position) FROM audit_log q \
                             WHERE q.chain_position < r.chain_position) FROM audit_log r WHERE r.seq IN ({listed}))"
                        ),
                        seqs,
                    )
                    .await?;
                    Ok(AuditLinks { records, predecessors })
                }
            }
        }
    };
}

pub(super) use audit_view_store_impl;
