//! The SQL of [`super::AlarmStore`], written once and instantiated per back end like
//! [`super::queries`].

/// Implements `AlarmStore` for `$store` (a struct with `pool` and `writer` fields, `sqlx::Pool<$db>`: reads, and writes).
macro_rules! alarm_store_impl {
    ($store:ident, $db:ty) => {
        mod alarm_sql {
            use super::$store;
            use async_trait::async_trait;
            use domain::alarms::AlarmStatus;
            use domain::api::{AlarmHistoryEntry, AlarmSummary, Organization};
            use domain::situation::Week;
            use sqlx::Row;
            use time::OffsetDateTime;
            use uuid::Uuid;

            use $crate::store::alarms::{method_from_json, method_to_json, week_columns};
            use $crate::store::{
                column_name, parse_column, parse_revision, revision_column, AlarmMarking, AlarmStore, AlarmWithdrawal,
                AreaFilter, NewAlarm, OpenAlarm, OutgoingMail, ReceivedCase, SeriesKey, StoreError, StoreResult,
                StoredAlarm,
            };

            /// A 疑似症 report's day of diagnosis (`YYYY-MM-DD` text on both back ends).
            fn diagnosis_day(row: &<$db as sqlx::Database>::Row) -> StoreResult<time::Date> {
                let day: String = row.try_get("diagnosed_on")?;
                domain::validation::parse_date(&day).ok_or_else(|| StoreError::Corrupt(format!("date {day}")))
            }

            /// An alarm with its health center and that center's 都道府県等.
            const SELECT_ALARMS: &str = "SELECT a.id, a.disease, a.source, a.iso_year, a.iso_week, a.method, \
                 a.parameters, a.observed, a.upperbound, a.detected_at, a.status, a.revision, \
                 h.code AS health_center_code, h.name AS health_center_name, \
                 p.code AS jurisdiction_code, p.name AS jurisdiction_name \
                 FROM alarms a JOIN health_centers h ON h.code = a.health_center_code \
                 JOIN prefectures p ON p.code = h.prefecture_code";

            fn stored_alarm(row: &<$db as sqlx::Database>::Row) -> StoreResult<StoredAlarm> {
                let parameters: String = row.try_get("parameters")?;
                let observed: i32 = row.try_get("observed")?;
                let summary = AlarmSummary {
                    id: row.try_get("id")?,
                    disease: row.try_get("disease")?,
                    health_center: Organization {
                        code: row.try_get("health_center_code")?,
                        name: row.try_get("health_center_name")?,
                    },
                    jurisdiction: Organization {
                        code: row.try_get("jurisdiction_code")?,
                        name: row.try_get("jurisdiction_name")?,
                    },
                    source: parse_column(row.try_get("source")?)?,
                    week: week_columns(row.try_get("iso_year")?, row.try_get("iso_week")?)?,
                    method: row.try_get("method")?,
                    observed: u32::try_from(observed)
                        .map_err(|_| StoreError::Corrupt(format!("alarm count {observed}")))?,
                    upperbound: row.try_get("upperbound")?,
                    status: parse_column(row.try_get("status")?)?,
                    revision: parse_revision(row.try_get("revision")?)?,
                    detected_at: row.try_get("detected_at")?,
                };
                Ok(StoredAlarm { summary, parameters: method_from_json(&parameters)? })
            }

            fn count_column(count: u32) -> StoreResult<i32> {
                i32::try_from(count).map_err(|_| StoreError::Corrupt(format!("alarm count {count}")))
            }

            /// Inserts the alarms in one statement (at revision 1, the column's default), skipping those
            /// already stored for their series, week and method unless the run had withdrawn them: those
            /// are reopened with the new count and bound. Returns the ids of the rows inserted or reopened,
            /// with the revision (above 1: reopened), count and bound.
            async fn upsert_alarms(
                tx: &mut sqlx::Transaction<'static, $db>,
                alarms: &[NewAlarm],
            ) -> StoreResult<Vec<(Uuid, u32, u32, f64)>> {
                let mut insert = sqlx::QueryBuilder::<$db>::new(
                    "INSERT INTO alarms (id, disease, health_center_code, source, iso_year, iso_week, method, \
                     parameters, observed, upperbound, detected_at, status) ",
                );
                let mut rows = Vec::with_capacity(alarms.len());
                for alarm in alarms {
                    rows.push((alarm, method_to_json(&alarm.method)?, count_column(alarm.observed)?));
                }
                insert.push_values(rows, |mut row, (alarm, parameters, observed)| {
                    row.push_bind(alarm.id)
                        .push_bind(alarm.series.disease.clone())
                        .push_bind(alarm.series.health_center_code.clone())
                        .push_bind(column_name(alarm.series.source))
                        .push_bind(alarm.week.year)
                        .push_bind(i32::from(alarm.week.week))
                        .push_bind(alarm.method.name())
                        .push_bind(parameters)
                        .push_bind(observed)
                        .push_bind(alarm.upperbound)
                        .push_bind(alarm.detected_at)
                        .push_bind(column_name(AlarmStatus::Open));
                });
                // The statuses are the enum's column names, not input.
                insert.push(format!(
                    " ON CONFLICT (disease, health_center_code, source, iso_year, iso_week, method) DO UPDATE \
                     SET status = excluded.status, revision = alarms.revision + 1, observed = excluded.observed, \
                     upperbound = excluded.upperbound, parameters = excluded.parameters, \
                     detected_at = excluded.detected_at WHERE alarms.status = '{withdrawn}' \
                     RETURNING id, revision, observed, upperbound",
                    withdrawn = column_name(AlarmStatus::Withdrawn)
                ));
                let rows = insert.build().fetch_all(&mut **tx).await?;
                rows.iter()
                    .map(|row| {
                        let observed: i32 = row.try_get("observed")?;
                        let observed = u32::try_from(observed)
                            .map_err(|_| StoreError::Corrupt(format!("alarm count {observed}")))?;
                        Ok((
                            row.try_get("id")?,
                            parse_revision(row.try_get("revision")?)?,
                            observed,
                            row.try_get("upperbound")?,
                        ))
                    })
                    .collect()
            }

            /// An alarm's history row; `actor` `None`: the detection run.
            async fn insert_event(
                tx: &mut sqlx::Transaction<'static, $db>,
                id: Uuid,
                at: OffsetDateTime,
                actor: Option<&str>,
                status: AlarmStatus,
                comment: &str,
            ) -> StoreResult<()> {
                sqlx::query(
                    "INSERT INTO alarm_events (alarm_id, at, actor, status, comment) VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(at)
                .bind(actor)
                .bind(column_name(status))
                .bind(comment)
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            /// The history row and audit record of an alarm the run reopened.
            async fn record_reopening(
                tx: &mut sqlx::Transaction<'static, $db>,
                id: Uuid,
                observed: u32,
                upperbound: f64,
            ) -> StoreResult<()> {
                let comment = $crate::alarms::history::reopening(observed, upperbound);
                let at = $crate::store::now();
                insert_event(tx, id, at, None, AlarmStatus::Open, &comment).await?;
                let audit = $crate::audit::entry(
                    $crate::audit::Action::ReopenAlarm,
                    $crate::audit::Outcome::Success,
                    None,
                    Some(id.to_string()),
                    None,
                );
                super::notification_sql::insert_audit(&mut **tx, &audit).await
            }

            /// Queues in the mail outbox a mail to its health center's address for each of the alarms
            /// `ids` whose health center has one, its subject and text as `render` writes them.
            async fn queue_alarm_mails(
                tx: &mut sqlx::Transaction<'static, $db>,
                ids: &[Uuid],
                render: &(dyn Fn(&AlarmSummary) -> (String, String) + Sync),
            ) -> StoreResult<()> {
                if ids.is_empty() {
                    return Ok(());
                }
                let mut query = sqlx::QueryBuilder::<$db>::new(format!(
                    "SELECT h.email, a.* FROM ({SELECT_ALARMS}) a JOIN health_centers h \
                     ON h.code = a.health_center_code WHERE h.email IS NOT NULL AND a.id IN ("
                ));
                let mut list = query.separated(", ");
                for id in ids {
                    list.push_bind(*id);
                }
                list.push_unseparated(")");
                let rows = query.build().fetch_all(&mut **tx).await?;
                let mut mails = Vec::with_capacity(rows.len());
                for row in &rows {
                    let (subject, body) = render(&stored_alarm(row)?.summary);
                    mails.push(OutgoingMail { id: Uuid::new_v4(), recipient: row.try_get("email")?, subject, body });
                }
                super::mail_sql::insert_mails(&mut **tx, &mails, $crate::store::now()).await
            }

            #[async_trait]
            impl AlarmStore for $store {
                async fn insert_alarms(&self, alarms: &[NewAlarm], site_url: &str) -> StoreResult<Vec<Uuid>> {
                    if alarms.is_empty() {
                        return Ok(Vec::new());
                    }
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    let mut stored = Vec::new();
                    for chunk in alarms.chunks($crate::store::account_queries::CHUNK) {
                        let rows = upsert_alarms(&mut tx, chunk).await?;
                        for &(id, revision, observed, upperbound) in &rows {
                            if revision > 1 {
                                record_reopening(&mut tx, id, observed, upperbound).await?;
                            }
                        }
                        let ids: Vec<Uuid> = rows.into_iter().map(|(id, ..)| id).collect();
                        let render = |alarm: &AlarmSummary| {
                            ($crate::alarms::mail::subject(alarm), $crate::alarms::mail::body(alarm, site_url))
                        };
                        queue_alarm_mails(&mut tx, &ids, &render).await?;
                        stored.extend(ids);
                    }
                    tx.commit().await?;
                    Ok(stored)
                }

                async fn open_alarms(&self, first: Week) -> StoreResult<Vec<OpenAlarm>> {
                    let rows = sqlx::query(
                        "SELECT id, disease, health_center_code, source, iso_year, iso_week, method FROM alarms \
                         WHERE status = $1 AND iso_year * 100 + iso_week >= $2",
                    )
                    .bind(column_name(AlarmStatus::Open))
                    .bind(first.number())
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter()
                        .map(|row| {
                            Ok(OpenAlarm {
                                id: row.try_get("id")?,
                                series: SeriesKey {
                                    disease: row.try_get("disease")?,
                                    health_center_code: row.try_get("health_center_code")?,
                                    source: parse_column(row.try_get("source")?)?,
                                },
                                week: week_columns(row.try_get("iso_year")?, row.try_get("iso_week")?)?,
                                method: row.try_get("method")?,
                            })
                        })
                        .collect()
                }

                async fn withdraw_alarms(
                    &self,
                    withdrawals: &[AlarmWithdrawal],
                    site_url: &str,
                ) -> StoreResult<Vec<Uuid>> {
                    if withdrawals.is_empty() {
                        return Ok(Vec::new());
                    }
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    let mut withdrawn = Vec::new();
                    for withdrawal in withdrawals {
                        let updated = sqlx::query(
                            "UPDATE alarms SET status = $2, revision = revision + 1 WHERE id = $1 AND status = $3",
                        )
                        .bind(withdrawal.id)
                        .bind(column_name(AlarmStatus::Withdrawn))
                        .bind(column_name(AlarmStatus::Open))
                        .execute(&mut *tx)
                        .await?;
                        // Marked by someone since the run read it: a person's marking stands.
                        if updated.rows_affected() != 1 {
                            continue;
                        }
                        let (at, comment) = (withdrawal.at, withdrawal.comment.as_str());
                        insert_event(&mut tx, withdrawal.id, at, None, AlarmStatus::Withdrawn, comment).await?;
                        super::notification_sql::insert_audit(&mut *tx, &withdrawal.audit).await?;
                        withdrawn.push(withdrawal.id);
                    }
                    let render = |alarm: &AlarmSummary| {
                        let comment = withdrawals.iter().find(|w| w.id == alarm.id).map_or("", |w| w.comment.as_str());
                        let subject = $crate::alarms::mail::withdrawal_subject(alarm);
                        (subject, $crate::alarms::mail::withdrawal_body(alarm, comment, site_url))
                    };
                    queue_alarm_mails(&mut tx, &withdrawn, &render).await?;
                    tx.commit().await?;
                    Ok(withdrawn)
                }

                async fn alarms(&self, area: &AreaFilter) -> StoreResult<Vec<AlarmSummary>> {
                    let (jurisdiction, health_center) = area.parameters();
                    let sql = format!(
                        "{SELECT_ALARMS} WHERE ($1 IS NULL OR h.prefecture_code = $1) \
                         AND ($2 IS NULL OR a.health_center_code = $2)"
                    );
                    let rows = sqlx::query(&sql).bind(jurisdiction).bind(health_center).fetch_all(&self.pool).await?;
                    rows.iter().map(|row| Ok(stored_alarm(row)?.summary)).collect()
                }

                async fn open_alarm_count(&self, area: &AreaFilter) -> StoreResult<u64> {
                    let (jurisdiction, health_center) = area.parameters();
                    let open: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM alarms a JOIN health_centers h ON h.code = a.health_center_code \
                         WHERE a.status = $1 AND ($2 IS NULL OR h.prefecture_code = $2) \
                         AND ($3 IS NULL OR a.health_center_code = $3)",
                    )
                    .bind(column_name(AlarmStatus::Open))
                    .bind(jurisdiction)
                    .bind(health_center)
                    .fetch_one(&self.pool)
                    .await?;
                    Ok(u64::try_from(open).unwrap_or(0))
                }

                async fn alarm(&self, id: Uuid) -> StoreResult<Option<StoredAlarm>> {
                    let row = sqlx::query(&format!("{SELECT_ALARMS} WHERE a.id = $1"))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?;
                    row.as_ref().map(stored_alarm).transpose()
                }

                async fn alarm_weeks(&self, series: &SeriesKey, method: &str) -> StoreResult<Vec<Week>> {
                    let rows = sqlx::query(
                        "SELECT iso_year, iso_week FROM alarms WHERE disease = $1 AND health_center_code = $2 \
                         AND source = $3 AND method = $4 AND status <> $5 ORDER BY iso_year, iso_week",
                    )
                    .bind(&series.disease)
                    .bind(&series.health_center_code)
                    .bind(column_name(series.source))
                    .bind(method)
                    .bind(column_name(AlarmStatus::Withdrawn))
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter().map(|row| week_columns(row.try_get("iso_year")?, row.try_get("iso_week")?)).collect()
                }

                async fn mark_alarm(&self, marking: &AlarmMarking) -> StoreResult<bool> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    let updated = sqlx::query(
                        "UPDATE alarms SET status = $2, revision = revision + 1 \
                         WHERE id = $1 AND status = $3 AND revision = $4",
                    )
                    .bind(marking.id)
                    .bind(column_name(marking.to_status))
                    .bind(column_name(marking.from_status))
                    .bind(revision_column(marking.from_revision)?)
                    .execute(&mut *tx)
                    .await?;
                    if updated.rows_affected() != 1 {
                        tx.rollback().await?;
                        return Ok(false);
                    }
                    let actor = Some(marking.actor.as_str());
                    insert_event(&mut tx, marking.id, marking.at, actor, marking.to_status, &marking.comment).await?;
                    super::notification_sql::insert_audit(&mut *tx, &marking.audit).await?;
                    tx.commit().await?;
                    Ok(true)
                }

                async fn alarm_history(&self, id: Uuid) -> StoreResult<Vec<AlarmHistoryEntry>> {
                    let rows = sqlx::query(
                        "SELECT at, actor, status, comment FROM alarm_events WHERE alarm_id = $1 ORDER BY seq",
                    )
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter()
                        .map(|row| {
                            Ok(AlarmHistoryEntry {
                                at: row.try_get("at")?,
                                actor: row.try_get("actor")?,
                                status: parse_column(row.try_get("status")?)?,
                                comment: row.try_get("comment")?,
                            })
                        })
                        .collect()
                }

                async fn week_detected(&self, week: Week) -> StoreResult<bool> {
                    let runs: i64 =
                        sqlx::query_scalar("SELECT COUNT(*) FROM detection_runs WHERE iso_year = $1 AND iso_week = $2")
                            .bind(week.year)
                            .bind(i32::from(week.week))
                            .fetch_one(&self.pool)
                            .await?;
                    Ok(runs > 0)
                }

                async fn last_detection_start(&self) -> StoreResult<Option<OffsetDateTime>> {
                    let row = sqlx::query("SELECT started_at FROM detection_runs ORDER BY started_at DESC LIMIT 1")
                        .fetch_optional(&self.pool)
                        .await?;
                    Ok(row.map(|row| row.try_get("started_at")).transpose()?)
                }

                async fn record_detection(&self, week: Option<Week>, started_at: OffsetDateTime) -> StoreResult<()> {
                    sqlx::query("INSERT INTO detection_runs (iso_year, iso_week, started_at) VALUES ($1, $2, $3)")
                        .bind(week.map(|week| week.year))
                        .bind(week.map(|week| i32::from(week.week)))
                        .bind(started_at)
                        .execute(&self.writer)
                        .await?;
                    Ok(())
                }

                async fn received_since(&self, since: OffsetDateTime) -> StoreResult<Vec<ReceivedCase>> {
                    let rows = sqlx::query(
                        "SELECT disease, health_center_code, onset_week, diagnosis_week FROM notifications \
                         WHERE animal_report IS NULL AND received_at >= $1",
                    )
                    .bind(since)
                    .fetch_all(&self.pool)
                    .await?;
                    let week = |number: Option<i32>| number.and_then(Week::from_number);
                    rows.iter()
                        .map(|row| {
                            Ok(ReceivedCase {
                                disease: row.try_get("disease")?,
                                health_center_code: row.try_get("health_center_code")?,
                                onset: week(row.try_get("onset_week")?),
                                diagnosis: week(row.try_get("diagnosis_week")?),
                            })
                        })
                        .collect()
                }

                async fn notification_areas_changed_since(&self, since: OffsetDateTime) -> StoreResult<Vec<String>> {
                    use domain::api::WorkflowAction;
                    let rows = sqlx::query(
                        "SELECT health_center_code, transferred_to_code FROM notification_events \
                         WHERE at >= $1 AND action IN ($2, $3, $4)",
                    )
                    .bind(since)
                    .bind(column_name(WorkflowAction::Withdrawn))
                    .bind(column_name(WorkflowAction::Transferred))
                    .bind(column_name(WorkflowAction::Resubmitted))
                    .fetch_all(&self.pool)
                    .await?;
                    let mut areas = std::collections::BTreeSet::new();
                    for row in &rows {
                        areas.insert(row.try_get::<String, _>("health_center_code")?);
                        areas.extend(row.try_get::<Option<String>, _>("transferred_to_code")?);
                    }
                    Ok(areas.into_iter().collect())
                }

                async fn syndromic_weeks_changed_since(
                    &self,
                    since: OffsetDateTime,
                ) -> StoreResult<Vec<(String, Week)>> {
                    // A return takes a patient off the series: its week is evaluated again too.
                    let rows = sqlx::query(
                        "SELECT DISTINCT s.health_center_code, s.diagnosed_on FROM syndromic_reports s \
                         WHERE s.received_at >= $1 OR EXISTS (SELECT 1 FROM syndromic_events e \
                         WHERE e.report_id = s.id AND e.action = $2 AND e.at >= $1)",
                    )
                    .bind(since)
                    .bind(column_name(domain::api::WorkflowAction::Returned))
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter()
                        .map(|row| Ok((row.try_get("health_center_code")?, Week::of(diagnosis_day(row)?))))
                        .collect()
                }

                async fn syndromic_symptoms(
                    &self,
                    area: &AreaFilter,
                    first: time::Date,
                    last: time::Date,
                ) -> StoreResult<Vec<$crate::store::SyndromicSymptoms>> {
                    let (jurisdiction, health_center) = area.parameters();
                    let rows = sqlx::query(
                        "SELECT s.health_center_code, s.diagnosed_on, s.content FROM syndromic_reports s \
                         JOIN health_centers h ON h.code = s.health_center_code \
                         WHERE s.diagnosed_on >= $1 AND s.diagnosed_on <= $2 AND s.status <> $3 \
                         AND ($4 IS NULL OR h.prefecture_code = $4) AND ($5 IS NULL OR s.health_center_code = $5)",
                    )
                    .bind(first.to_string())
                    .bind(last.to_string())
                    .bind(column_name(domain::api::NotificationStatus::Returned))
                    .bind(jurisdiction)
                    .bind(health_center)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter()
                        .map(|row| {
                            let content = $crate::store::syndromic::content_from_json(row.try_get("content")?)?;
                            Ok($crate::store::SyndromicSymptoms {
                                health_center_code: row.try_get("health_center_code")?,
                                diagnosed_on: diagnosis_day(row)?,
                                groups: content.symptoms,
                            })
                        })
                        .collect()
                }

                async fn sentinel_weeks_filed_since(&self, since: OffsetDateTime) -> StoreResult<Vec<(String, Week)>> {
                    let mut query = sqlx::QueryBuilder::<$db>::new(
                        "SELECT DISTINCT r.health_center_code, r.period_start FROM sentinel_revisions v \
                         JOIN sentinel_reports r ON r.id = v.report_id WHERE v.received_at >= ",
                    );
                    query.push_bind(since).push(" AND r.kind IN (");
                    let mut kinds = query.separated(", ");
                    for kind in domain::alarms::SENTINEL_KINDS {
                        kinds.push_bind(kind.code());
                    }
                    kinds.push_unseparated(")");
                    let rows = query.build().fetch_all(&self.pool).await?;
                    rows.iter()
                        .map(|row| {
                            let start: String = row.try_get("period_start")?;
                            let day = domain::validation::parse_date(&start)
                                .ok_or_else(|| StoreError::Corrupt(format!("date {start}")))?;
                            Ok((row.try_get("health_center_code")?, Week::of(day)))
                        })
                        .collect()
                }
            }
        }
    };
}

pub(super) use alarm_store_impl;
