//! The SQL of [`super::SituationStore`], written once and instantiated per back end like
//! [`super::queries`]. Counting reads only the columns migration 0019 added to `notifications`
//! (the weeks of the report, onset and diagnosis dates and the case group, written at intake and on
//! resubmission by [`record_counting_keys`]) with `health_center_code` and `status` (withdrawn ones are
//! no cases), never the answers' JSON.

/// Implements `SituationStore` for `$store` (a struct with `pool` and `writer` fields, `sqlx::Pool<$db>`: reads, and writes).
macro_rules! situation_store_impl {
    ($store:ident, $db:ty) => {
        mod situation_sql {
            use super::$store;
            use async_trait::async_trait;
            use domain::api::Organization;
            use domain::forms::Answers;
            use domain::situation::{report_week, CaseGroup, CountingKeys, WeekCount};
            use sqlx::Row;
            use time::OffsetDateTime;

            use $crate::store::situation::{
                count_column, counting_sql, report_from_json, report_to_json, week_column, week_counts_sql,
            };
            use $crate::store::{
                AreaCount, AreaFilter, AreaRecord, AuditEntry, CountFilter, SituationStore, StoreError, StoreResult,
                StoredReport,
            };

            /// Writes what a notification is counted by: from its answers, and (at intake, `Some`) the
            /// week of its receipt, which a resubmission keeps.
            pub(super) async fn record_counting_keys(
                connection: &mut <$db as sqlx::Database>::Connection,
                id: uuid::Uuid,
                answers: &Answers,
                received_at: Option<OffsetDateTime>,
            ) -> StoreResult<()> {
                let keys = CountingKeys::of(answers);
                sqlx::query(
                    "UPDATE notifications SET onset_week = $2, diagnosis_week = $3, case_group = $4, \
                     report_week = COALESCE($5, report_week) WHERE id = $1",
                )
                .bind(id)
                .bind(keys.onset_week.map(|week| week.number()))
                .bind(keys.diagnosis_week.map(|week| week.number()))
                .bind(keys.case_group.key())
                .bind(received_at.map(|at| report_week(at).number()))
                .execute(&mut *connection)
                .await?;
                Ok(())
            }

            /// Runs a counting query (`counting_sql`, `week_counts_sql`) with the filter's parameters.
            async fn counted_rows(
                pool: &sqlx::Pool<$db>,
                sql: &str,
                filter: &CountFilter,
            ) -> StoreResult<Vec<<$db as sqlx::Database>::Row>> {
                let mut query = sqlx::query(sql).bind(filter.from.number()).bind(filter.to.number());
                if let Some(disease) = &filter.disease {
                    query = query.bind(disease);
                }
                match &filter.area {
                    AreaFilter::Everywhere => {}
                    AreaFilter::Jurisdiction(code) | AreaFilter::HealthCenter(code) => query = query.bind(code),
                }
                Ok(query.fetch_all(pool).await?)
            }

            fn stored_report(row: &<$db as sqlx::Database>::Row) -> StoreResult<StoredReport> {
                let report: String = row.try_get("report")?;
                Ok(StoredReport {
                    id: row.try_get("id")?,
                    jurisdiction_code: row.try_get("jurisdiction_code")?,
                    report: report_from_json(&report)?,
                })
            }

            #[async_trait]
            impl SituationStore for $store {
                async fn week_counts(&self, filter: &CountFilter) -> StoreResult<Vec<WeekCount>> {
                    let rows = counted_rows(&self.pool, &week_counts_sql(filter), filter).await?;
                    rows.iter()
                        .map(|row| {
                            let group: String = row.try_get("case_group")?;
                            Ok(WeekCount {
                                disease: row.try_get("disease")?,
                                case_group: CaseGroup::from_key(&group)
                                    .ok_or_else(|| StoreError::Corrupt(format!("case group {group}")))?,
                                week: week_column(row.try_get("week")?)?,
                                count: count_column(row.try_get("count")?)?,
                            })
                        })
                        .collect()
                }

                async fn area_counts(&self, filter: &CountFilter) -> StoreResult<Vec<AreaCount>> {
                    let sql = counting_sql(filter, "n.disease, n.health_center_code");
                    let rows = counted_rows(&self.pool, &sql, filter).await?;
                    rows.iter()
                        .map(|row| {
                            Ok(AreaCount {
                                disease: row.try_get("disease")?,
                                health_center_code: row.try_get("health_center_code")?,
                                week: week_column(row.try_get("week")?)?,
                                count: count_column(row.try_get("count")?)?,
                            })
                        })
                        .collect()
                }

                async fn fill_counting_keys(&self) -> StoreResult<u64> {
                    let mut filled = 0;
                    loop {
                        let mut tx = $crate::store::begin_write(&self.writer).await?;
                        let rows = sqlx::query(
                            "SELECT id, answers, received_at FROM notifications WHERE report_week IS NULL LIMIT 500",
                        )
                        .fetch_all(&mut *tx)
                        .await?;
                        if rows.is_empty() {
                            tx.commit().await?;
                            return Ok(filled);
                        }
                        for row in &rows {
                            let answers: String = row.try_get("answers")?;
                            let answers: Answers = serde_json::from_str(&answers)
                                .map_err(|error| StoreError::Corrupt(format!("answers: {error}")))?;
                            let id = row.try_get("id")?;
                            record_counting_keys(&mut tx, id, &answers, Some(row.try_get("received_at")?)).await?;
                        }
                        tx.commit().await?;
                        filled += rows.len() as u64;
                    }
                }

                async fn insert_report(&self, stored: &StoredReport, audit: &AuditEntry) -> StoreResult<()> {
                    let publication = stored.report.publication.as_ref().ok_or_else(|| {
                        $crate::store::StoreError::Corrupt("a report is kept only as published".into())
                    })?;
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    sqlx::query(
                        "INSERT INTO weekly_reports (id, jurisdiction_code, iso_year, iso_week, report, \
                         published_by, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(stored.id)
                    .bind(&stored.jurisdiction_code)
                    .bind(stored.report.week.year)
                    .bind(i32::from(stored.report.week.week))
                    .bind(report_to_json(&stored.report)?)
                    .bind(&publication.published_by)
                    .bind(publication.published_at)
                    .execute(&mut *tx)
                    .await?;
                    super::notification_sql::insert_audit(&mut *tx, audit).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn reports(&self, jurisdiction: Option<&str>) -> StoreResult<Vec<StoredReport>> {
                    let rows = sqlx::query(
                        "SELECT id, jurisdiction_code, report FROM weekly_reports \
                         WHERE ($1 IS NULL OR jurisdiction_code = $1) \
                         ORDER BY iso_year DESC, iso_week DESC, published_at DESC",
                    )
                    .bind(jurisdiction)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter().map(stored_report).collect()
                }

                async fn report(&self, id: uuid::Uuid) -> StoreResult<Option<StoredReport>> {
                    let row = sqlx::query("SELECT id, jurisdiction_code, report FROM weekly_reports WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?;
                    row.as_ref().map(stored_report).transpose()
                }

                async fn areas(&self) -> StoreResult<Vec<AreaRecord>> {
                    let rows = sqlx::query(
                        "SELECT h.code, h.name, p.code AS jurisdiction_code, p.name AS jurisdiction_name \
                         FROM health_centers h JOIN prefectures p ON p.code = h.prefecture_code ORDER BY h.code",
                    )
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter()
                        .map(|row| {
                            Ok(AreaRecord {
                                health_center: Organization { code: row.try_get("code")?, name: row.try_get("name")? },
                                jurisdiction: Organization {
                                    code: row.try_get("jurisdiction_code")?,
                                    name: row.try_get("jurisdiction_name")?,
                                },
                            })
                        })
                        .collect()
                }
            }
        }
    };
}

pub(super) use situation_store_impl;
