//! The SQL of [`super::SituationStore`], written once and instantiated per back end like
//! [`super::queries`]. The two engines differ in how a JSON answer is read and how a receipt time
//! becomes a date in Japan: each back end names those two expressions (`ANSWERS_JSON`, `REPORT_DAY`).

/// Implements `SituationStore` for `$store` (a struct with a `pool: sqlx::Pool<$db>` field).
macro_rules! situation_store_impl {
    ($store:ident, $db:ty) => {
        mod situation_sql {
            use super::$store;
            use async_trait::async_trait;
            use domain::api::Organization;
            use domain::situation::{DateBasis, DayCount};
            use sqlx::Row;

            use $crate::store::situation::{count_column, report_from_json, report_to_json};
            use $crate::store::{
                AreaCount, AreaFilter, AreaRecord, AuditEntry, CountFilter, SituationStore, StoreResult, StoredReport,
            };

            /// The counted notifications with their date on the basis as `day` (`YYYY-MM-DD`), their
            /// 類型 and their current health center; `$1` … `$5`: first and last day, disease, area.
            fn dated(basis: DateBasis) -> String {
                let day = match basis.answer_field() {
                    Some(field) => format!("{} ->> '{field}'", super::ANSWERS_JSON),
                    None => super::REPORT_DAY.to_owned(),
                };
                format!(
                    "SELECT n.disease, {answers} ->> 'case_type' AS case_type, {day} AS day, \
                     n.health_center_code \
                     FROM notifications n JOIN health_centers h ON h.code = n.health_center_code \
                     WHERE n.animal_report IS NULL AND ($3 IS NULL OR n.disease = $3) \
                     AND ($4 IS NULL OR h.prefecture_code = $4) AND ($5 IS NULL OR n.health_center_code = $5)",
                    answers = super::ANSWERS_JSON,
                )
            }

            fn area_parameters(area: &AreaFilter) -> (Option<&str>, Option<&str>) {
                match area {
                    AreaFilter::Everywhere => (None, None),
                    AreaFilter::Jurisdiction(code) => (Some(code), None),
                    AreaFilter::HealthCenter(code) => (None, Some(code)),
                }
            }

            /// Runs a query over [`dated`] with the filter's parameters.
            async fn counted_rows(
                pool: &sqlx::Pool<$db>,
                sql: &str,
                filter: &CountFilter,
            ) -> StoreResult<Vec<<$db as sqlx::Database>::Row>> {
                let (jurisdiction, health_center) = area_parameters(&filter.area);
                Ok(sqlx::query(sql)
                    .bind(filter.from.to_string())
                    .bind(filter.to.to_string())
                    .bind(filter.disease.as_deref())
                    .bind(jurisdiction)
                    .bind(health_center)
                    .fetch_all(pool)
                    .await?)
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
                async fn day_counts(&self, filter: &CountFilter) -> StoreResult<Vec<DayCount>> {
                    let sql = format!(
                        "SELECT disease, case_type, day, COUNT(*) AS count FROM ({}) counted \
                         WHERE day >= $1 AND day <= $2 GROUP BY disease, case_type, day",
                        dated(filter.basis)
                    );
                    let rows = counted_rows(&self.pool, &sql, filter).await?;
                    let mut counts = Vec::with_capacity(rows.len());
                    for row in rows {
                        let day: String = row.try_get("day")?;
                        // A date the form did not hold as `YYYY-MM-DD` is not counted.
                        let Some(day) = domain::validation::parse_date(&day) else { continue };
                        counts.push(DayCount {
                            disease: row.try_get("disease")?,
                            case_type: row.try_get("case_type")?,
                            day,
                            count: count_column(row.try_get("count")?)?,
                        });
                    }
                    Ok(counts)
                }

                async fn area_counts(&self, filter: &CountFilter) -> StoreResult<Vec<AreaCount>> {
                    let sql = format!(
                        "SELECT disease, health_center_code, COUNT(*) AS count FROM ({}) counted \
                         WHERE day >= $1 AND day <= $2 GROUP BY disease, health_center_code",
                        dated(filter.basis)
                    );
                    let rows = counted_rows(&self.pool, &sql, filter).await?;
                    rows.iter()
                        .map(|row| {
                            Ok(AreaCount {
                                disease: row.try_get("disease")?,
                                health_center_code: row.try_get("health_center_code")?,
                                count: count_column(row.try_get("count")?)?,
                            })
                        })
                        .collect()
                }

                async fn insert_report(&self, stored: &StoredReport, audit: &AuditEntry) -> StoreResult<()> {
                    let publication = stored.report.publication.as_ref().ok_or_else(|| {
                        $crate::store::StoreError::Corrupt("a report is kept only as published".into())
                    })?;
                    let mut tx = $crate::store::begin_write(&self.pool).await?;
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
