//! The SQL of [`super::SyndromicStore`], written once and instantiated per back end like
//! [`super::queries`].

/// Implements `SyndromicStore` for `$store` (a struct with `pool` and `writer` fields, `sqlx::Pool<$db>`: reads, and writes).
macro_rules! syndromic_store_impl {
    ($store:ident, $db:ty) => {
        mod syndromic_sql {
            use super::$store;
            use async_trait::async_trait;
            use domain::api::{
                HistoryEntry, NotificationStatus, Organization, SyndromicReceipt, SyndromicReport, WorkflowAction,
            };
            use sqlx::Row;
            use uuid::Uuid;

            use $crate::store::syndromic::{content_from_json, content_to_json};
            use $crate::store::{
                column_name, parse_column, receipt_number, AreaFilter, NewSyndromicReport, StoreResult,
                StoredSyndromicReport, SyndromicFiling, SyndromicScope, SyndromicStep, SyndromicStore,
            };

            /// A report with its institution, its health center and that center's 都道府県等, and the
            /// comment of its return (the action's name comes from its enum).
            fn select_reports() -> String {
                format!(
                    "SELECT s.id, s.receipt_number, s.received_at, s.filed_by, s.content, s.content_hash, \
                     s.status, i.code AS institution_code, i.name AS institution_name, \
                     h.code AS health_center_code, h.name AS health_center_name, h.prefecture_code, \
                     (SELECT e.comment FROM syndromic_events e WHERE e.report_id = s.id \
                      AND e.action = '{returned}' ORDER BY e.seq DESC LIMIT 1) AS return_comment \
                     FROM syndromic_reports s JOIN institutions i ON i.code = s.institution_code \
                     JOIN health_centers h ON h.code = s.health_center_code",
                    returned = column_name(WorkflowAction::Returned)
                )
            }

            /// The report of a row, its content hash and its health center's 都道府県等.
            fn stored(row: &<$db as sqlx::Database>::Row) -> StoreResult<(StoredSyndromicReport, String)> {
                let receipt = SyndromicReceipt {
                    report_id: row.try_get("id")?,
                    receipt_number: row.try_get("receipt_number")?,
                    received_at: row.try_get("received_at")?,
                    institution: Organization {
                        code: row.try_get("institution_code")?,
                        name: row.try_get("institution_name")?,
                    },
                    health_center: Organization {
                        code: row.try_get("health_center_code")?,
                        name: row.try_get("health_center_name")?,
                    },
                };
                let status: NotificationStatus = parse_column(row.try_get("status")?)?;
                let report = SyndromicReport {
                    overdue: domain::syndromic::is_overdue(status, receipt.received_at, $crate::store::now()),
                    urgent: true,
                    receipt,
                    status,
                    content: content_from_json(row.try_get("content")?)?,
                    filed_by: row.try_get("filed_by")?,
                    return_comment: row.try_get("return_comment")?,
                };
                let prefecture_code = row.try_get("prefecture_code")?;
                Ok((StoredSyndromicReport { report, prefecture_code }, row.try_get("content_hash")?))
            }

            async fn insert_event<'e, E>(
                executor: E,
                id: Uuid,
                at: time::OffsetDateTime,
                actor: &str,
                action: WorkflowAction,
                comment: Option<&str>,
            ) -> StoreResult<()>
            where
                E: sqlx::Executor<'e, Database = $db>,
            {
                sqlx::query(
                    "INSERT INTO syndromic_events (report_id, at, actor, action, comment) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(at)
                .bind(actor)
                .bind(column_name(action))
                .bind(comment)
                .execute(executor)
                .await?;
                Ok(())
            }

            #[async_trait]
            impl SyndromicStore for $store {
                async fn file_syndromic_report(&self, report: &NewSyndromicReport) -> StoreResult<SyndromicFiling> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    let seq: Option<i64> = sqlx::query_scalar(
                        "INSERT INTO syndromic_reports (id, receipt_number, received_at, institution_code, \
                         health_center_code, filed_by, content_hash, content, diagnosed_on, status) \
                         VALUES ($1, '', $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING seq",
                    )
                    .bind(report.id)
                    .bind(report.received_at)
                    .bind(&report.institution_code)
                    .bind(&report.health_center_code)
                    .bind(&report.filed_by)
                    .bind(&report.content_hash)
                    .bind(content_to_json(&report.content)?)
                    .bind(report.content.diagnosed_on.to_string())
                    .bind(column_name(NotificationStatus::Received))
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some(seq) = seq else {
                        tx.rollback().await?;
                        let row = sqlx::query(&format!("{} WHERE s.id = $1", select_reports()))
                            .bind(report.id)
                            .fetch_one(&self.pool)
                            .await?;
                        let (taken, content_hash) = stored(&row)?;
                        let filed_by = taken.report.filed_by;
                        let receipt = taken.report.receipt;
                        return Ok(SyndromicFiling::IdTaken($crate::store::TakenId { content_hash, filed_by, receipt }));
                    };
                    sqlx::query("UPDATE syndromic_reports SET receipt_number = $2 WHERE id = $1")
                        .bind(report.id)
                        .bind(format!("G{}", receipt_number(report.received_at, seq)))
                        .execute(&mut *tx)
                        .await?;
                    let received = WorkflowAction::Received;
                    insert_event(&mut *tx, report.id, report.received_at, &report.filed_by, received, None).await?;
                    super::notification_sql::insert_audit(&mut *tx, &report.audit).await?;
                    let row = sqlx::query(&format!("{} WHERE s.id = $1", select_reports()))
                        .bind(report.id)
                        .fetch_one(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    Ok(SyndromicFiling::Filed(stored(&row)?.0.report.receipt))
                }

                async fn syndromic_report(&self, id: Uuid) -> StoreResult<Option<StoredSyndromicReport>> {
                    let row = sqlx::query(&format!("{} WHERE s.id = $1", select_reports()))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?;
                    row.as_ref().map(|row| Ok(stored(row)?.0)).transpose()
                }

                async fn syndromic_reports(&self, scope: &SyndromicScope) -> StoreResult<Vec<SyndromicReport>> {
                    let (institution, jurisdiction, health_center) = match scope {
                        SyndromicScope::FiledBy(code) => (Some(code.as_str()), None, None),
                        SyndromicScope::Area(AreaFilter::Everywhere) => (None, None, None),
                        SyndromicScope::Area(AreaFilter::Jurisdiction(code)) => (None, Some(code.as_str()), None),
                        SyndromicScope::Area(AreaFilter::HealthCenter(code)) => (None, None, Some(code.as_str())),
                    };
                    let sql = format!(
                        "{} WHERE ($1 IS NULL OR s.institution_code = $1) AND ($2 IS NULL OR h.prefecture_code = $2) \
                         AND ($3 IS NULL OR s.health_center_code = $3)",
                        select_reports()
                    );
                    let rows = sqlx::query(&sql)
                        .bind(institution)
                        .bind(jurisdiction)
                        .bind(health_center)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.iter().map(|row| Ok(stored(row)?.0.report)).collect()
                }

                async fn step_syndromic_report(&self, step: &SyndromicStep) -> StoreResult<bool> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    let updated = sqlx::query("UPDATE syndromic_reports SET status = $2 WHERE id = $1 AND status = $3")
                        .bind(step.id)
                        .bind(column_name(step.to_status))
                        .bind(column_name(step.from_status))
                        .execute(&mut *tx)
                        .await?;
                    if updated.rows_affected() != 1 {
                        tx.rollback().await?;
                        return Ok(false);
                    }
                    let comment = step.comment.as_deref();
                    insert_event(&mut *tx, step.id, step.at, &step.actor, step.action, comment).await?;
                    super::notification_sql::insert_audit(&mut *tx, &step.audit).await?;
                    tx.commit().await?;
                    Ok(true)
                }

                async fn syndromic_history(&self, id: Uuid) -> StoreResult<Vec<HistoryEntry>> {
                    let rows = sqlx::query(
                        "SELECT e.at, e.actor, e.action, e.comment, h.code, h.name FROM syndromic_events e \
                         JOIN syndromic_reports s ON s.id = e.report_id \
                         JOIN health_centers h ON h.code = s.health_center_code \
                         WHERE e.report_id = $1 ORDER BY e.seq",
                    )
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter()
                        .map(|row| {
                            Ok(HistoryEntry {
                                at: row.try_get("at")?,
                                actor: row.try_get("actor")?,
                                action: parse_column(row.try_get("action")?)?,
                                comment: row.try_get("comment")?,
                                health_center: Organization { code: row.try_get("code")?, name: row.try_get("name")? },
                                transferred_to: None,
                                revision: 1,
                            })
                        })
                        .collect()
                }
            }
        }
    };
}

pub(super) use syndromic_store_impl;
