//! The SQL of [`super::Store`], written once and instantiated for each back end by [`store_impl!`].
//! Both SQLite and PostgreSQL accept `$n` parameters, `ON CONFLICT` and `RETURNING`; the column types
//! that differ (UUID, timestamps) are handled by sqlx's per-database encodings of the same Rust types.

/// Implements `Store` for `$store` (a struct with a `pool: sqlx::Pool<$db>` field), in a module of its own.
macro_rules! store_impl {
    ($store:ident, $db:ty) => {
        mod notification_sql {
        use super::$store;
        use async_trait::async_trait;
        use domain::api::{NotificationSummary, Organization, Receipt};
        use sqlx::Row;
        use uuid::Uuid;

        use $crate::store::{
            parse_status, receipt_number, status_name, AuditEntry, InsertOutcome, InstitutionRecord,
            NewNotification, NotificationScope, Store, StoreError, StoreResult, StoredNotification,
        };

        const SELECT_NOTIFICATION: &str = "SELECT n.id, n.receipt_number, n.received_at, n.disease, n.status, \
             n.content_hash, n.filed_by, n.answers, i.code AS institution_code, i.name AS institution_name, \
             h.code AS health_center_code, h.name AS health_center_name \
             FROM notifications n \
             JOIN institutions i ON i.code = n.institution_code \
             JOIN health_centers h ON h.code = n.health_center_code";

        fn stored_notification(row: &<$db as sqlx::Database>::Row) -> StoreResult<StoredNotification> {
            let answers: String = row.try_get("answers")?;
            let summary = NotificationSummary {
                receipt: Receipt {
                    notification_id: row.try_get("id")?,
                    receipt_number: row.try_get("receipt_number")?,
                    received_at: row.try_get("received_at")?,
                    health_center: Organization {
                        code: row.try_get("health_center_code")?,
                        name: row.try_get("health_center_name")?,
                    },
                },
                disease: row.try_get("disease")?,
                status: parse_status(row.try_get("status")?)?,
                institution: Organization {
                    code: row.try_get("institution_code")?,
                    name: row.try_get("institution_name")?,
                },
            };
            Ok(StoredNotification {
                summary,
                content_hash: row.try_get("content_hash")?,
                filed_by: row.try_get("filed_by")?,
                answers: serde_json::from_str(&answers).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            })
        }

        async fn insert_audit<'e, E>(executor: E, entry: &AuditEntry) -> StoreResult<()>
        where
            E: sqlx::Executor<'e, Database = $db>,
        {
            sqlx::query(
                "INSERT INTO audit_log (at, actor, action, target, client_address, outcome) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(entry.at)
            .bind(&entry.actor)
            .bind(entry.action)
            .bind(&entry.target)
            .bind(&entry.client_address)
            .bind(entry.outcome)
            .execute(executor)
            .await?;
            Ok(())
        }

        #[async_trait]
        impl Store for $store {
            async fn put_prefecture(&self, code: &str, name: &str) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO prefectures (code, name) VALUES ($1, $2) \
                     ON CONFLICT (code) DO UPDATE SET name = excluded.name",
                )
                .bind(code)
                .bind(name)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn put_health_center(&self, code: &str, name: &str, prefecture_code: &str) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO health_centers (code, name, prefecture_code) VALUES ($1, $2, $3) \
                     ON CONFLICT (code) DO UPDATE SET name = excluded.name, prefecture_code = excluded.prefecture_code",
                )
                .bind(code)
                .bind(name)
                .bind(prefecture_code)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn put_institution(&self, code: &str, name: &str, health_center_code: &str) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO institutions (code, name, health_center_code) VALUES ($1, $2, $3) \
                     ON CONFLICT (code) DO UPDATE SET name = excluded.name, \
                     health_center_code = excluded.health_center_code",
                )
                .bind(code)
                .bind(name)
                .bind(health_center_code)
                .execute(&self.pool)
                .await?;
                Ok(())
            }








            async fn institution(&self, code: &str) -> StoreResult<Option<InstitutionRecord>> {
                let row = sqlx::query(
                    "SELECT i.code, i.name, h.code AS health_center_code, h.name AS health_center_name \
                     FROM institutions i JOIN health_centers h ON h.code = i.health_center_code WHERE i.code = $1",
                )
                .bind(code)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|row| {
                    Ok(InstitutionRecord {
                        institution: Organization { code: row.try_get("code")?, name: row.try_get("name")? },
                        health_center: Organization {
                            code: row.try_get("health_center_code")?,
                            name: row.try_get("health_center_name")?,
                        },
                    })
                })
                .transpose()
            }

            async fn insert_notification(&self, new: NewNotification) -> StoreResult<InsertOutcome> {
                let answers = serde_json::to_string(&new.answers).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                let mut tx = self.pool.begin().await?;
                let inserted = sqlx::query(
                    "INSERT INTO notifications (id, disease, answers, content_hash, filed_by, institution_code, \
                     health_center_code, status, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                     ON CONFLICT (id) DO NOTHING RETURNING seq",
                )
                .bind(new.id)
                .bind(&new.disease)
                .bind(&answers)
                .bind(&new.content_hash)
                .bind(&new.filed_by)
                .bind(&new.institution_code)
                .bind(&new.health_center_code)
                .bind(status_name(domain::api::NotificationStatus::Received))
                .bind(new.received_at)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(row) = inserted else {
                    tx.rollback().await?;
                    let existing = self.notification(new.id).await?;
                    return existing
                        .map(|stored| InsertOutcome::AlreadyExists(Box::new(stored)))
                        .ok_or_else(|| StoreError::Corrupt(format!("notification {} vanished", new.id)));
                };
                let number = receipt_number(new.received_at, row.try_get("seq")?);
                sqlx::query("UPDATE notifications SET receipt_number = $2 WHERE id = $1")
                    .bind(new.id)
                    .bind(&number)
                    .execute(&mut *tx)
                    .await?;
                insert_audit(&mut *tx, &new.audit).await?;
                let health_center = sqlx::query("SELECT code, name FROM health_centers WHERE code = $1")
                    .bind(&new.health_center_code)
                    .fetch_one(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(InsertOutcome::Created(Receipt {
                    notification_id: new.id,
                    receipt_number: number,
                    received_at: new.received_at,
                    health_center: Organization {
                        code: health_center.try_get("code")?,
                        name: health_center.try_get("name")?,
                    },
                }))
            }

            async fn notification(&self, id: Uuid) -> StoreResult<Option<StoredNotification>> {
                let row = sqlx::query(&format!("{SELECT_NOTIFICATION} WHERE n.id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(stored_notification).transpose()
            }

            async fn notifications(&self, scope: &NotificationScope) -> StoreResult<Vec<NotificationSummary>> {
                let (column, code) = match scope {
                    NotificationScope::FiledFromInstitution(code) => ("n.institution_code", code),
                    NotificationScope::RoutedToHealthCenter(code) => ("n.health_center_code", code),
                };
                let rows = sqlx::query(&format!("{SELECT_NOTIFICATION} WHERE {column} = $1 ORDER BY n.seq DESC"))
                    .bind(code)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(|row| stored_notification(row).map(|stored| stored.summary)).collect()
            }

            async fn audit(&self, entry: AuditEntry) -> StoreResult<()> {
                insert_audit(&self.pool, &entry).await
            }
        }
        }
    };
}

pub(super) use store_impl;
