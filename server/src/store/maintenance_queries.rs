//! The SQL of [`super::MaintenanceStore`], written once and instantiated per back end like
//! [`super::queries`].

/// Implements `MaintenanceStore` for `$store` (a struct with `pool` and `writer` fields, `sqlx::Pool<$db>`: reads, and writes).
macro_rules! maintenance_store_impl {
    ($store:ident, $db:ty) => {
        mod maintenance_sql {
            use super::$store;
            use async_trait::async_trait;
            use domain::api::MaintenanceStop;
            use sqlx::Row;
            use time::OffsetDateTime;
            use uuid::Uuid;

            use super::notification_sql::change_one_with_audit;
            use $crate::store::{AuditEntry, MaintenanceStore, StoreResult};

            #[async_trait]
            impl MaintenanceStore for $store {
                async fn insert_maintenance_stop(
                    &self,
                    stop: &MaintenanceStop,
                    created_by: &str,
                    audit: &AuditEntry,
                ) -> StoreResult<()> {
                    let insert = sqlx::query(
                        "INSERT INTO maintenance_stops (id, starts_at, ends_at, message, read_only, created_by, \
                         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(stop.id)
                    .bind(stop.starts_at)
                    .bind(stop.ends_at)
                    .bind(&stop.message)
                    .bind(stop.read_only)
                    .bind(created_by)
                    .bind(audit.at);
                    change_one_with_audit(&self.writer, insert, audit).await?;
                    Ok(())
                }

                async fn maintenance_stops(&self, now: OffsetDateTime) -> StoreResult<Vec<MaintenanceStop>> {
                    let rows = sqlx::query(
                        "SELECT id, starts_at, ends_at, message, read_only FROM maintenance_stops \
                         WHERE ends_at IS NULL OR ends_at > $1 ORDER BY starts_at, created_at",
                    )
                    .bind(now)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter()
                        .map(|row| {
                            Ok(MaintenanceStop {
                                id: row.try_get("id")?,
                                starts_at: row.try_get("starts_at")?,
                                ends_at: row.try_get("ends_at")?,
                                message: row.try_get("message")?,
                                read_only: row.try_get("read_only")?,
                            })
                        })
                        .collect()
                }

                async fn end_maintenance_stop(
                    &self,
                    id: Uuid,
                    now: OffsetDateTime,
                    audit: &AuditEntry,
                ) -> StoreResult<bool> {
                    // A stop called off before its start keeps start ≤ end.
                    let end = sqlx::query(
                        "UPDATE maintenance_stops SET ends_at = $2, \
                         starts_at = CASE WHEN starts_at > $2 THEN $2 ELSE starts_at END \
                         WHERE id = $1 AND (ends_at IS NULL OR ends_at > $2)",
                    )
                    .bind(id)
                    .bind(now);
                    change_one_with_audit(&self.writer, end, audit).await
                }
            }
        }
    };
}

pub(super) use maintenance_store_impl;
