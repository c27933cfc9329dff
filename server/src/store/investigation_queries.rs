//! The SQL of [`super::InvestigationStore`], written once and instantiated per back end like
//! [`super::queries`].

/// Implements `InvestigationStore` for `$store` (a struct with `pool` and `writer` fields, `sqlx::Pool<$db>`: reads, and writes).
macro_rules! investigation_store_impl {
    ($store:ident, $db:ty) => {
        mod investigation_sql {
            use super::$store;
            use async_trait::async_trait;
            use domain::api::{CaseSummary, Contact, ContactOrigin, InvestigationEntry, ObservationReport, ObservationSummary, Organization};
            use domain::investigation::{CaseStatus, ContactStatus, ObservationStatus};
            use sqlx::Row;
            use time::Date;
            use uuid::Uuid;

            use $crate::store::investigations::{date_column, from_json, parse_date_column, to_json};
            use $crate::store::{
                column_name, parse_column, AreaFilter, CaseOpening, Closing, InvestigationStore, NewCase, NewCaseEntry,
                NewLink, NewObservation, NewReport, NewStoredContact, RunningObservation, StoreError, StoreResult, StoredCase,
                StoredLink, StoredObservation,
            };

            type DbRow = <$db as sqlx::Database>::Row;

            /// A case with its health center and the contact it was (if any).
            const SELECT_CASES: &str = "SELECT c.id, c.case_number, c.notification_id, c.disease, c.status, \
                 c.opened_at, c.contacts, c.subject_name, c.subject_birth_date, c.closed_reason, \
                 h.code AS health_center_code, h.name AS health_center_name, h.prefecture_code, \
                 f.id AS from_contact, f.contact_number AS from_contact_number, f.case_id AS from_contact_case \
                 FROM cases c JOIN health_centers h ON h.code = c.health_center_code \
                 LEFT JOIN contacts f ON f.became_case_id = c.id";

            /// An observation with its subject (the case's patient or the contact) and health center.
            const SELECT_OBSERVATIONS: &str = "SELECT o.id, o.case_id, o.contact_id, o.starts_on, o.ends_on, \
                 o.items, o.status, o.closed_reason, o.last_reported_at, c.disease, \
                 COALESCE(k.name, c.subject_name) AS subject_name, \
                 CASE WHEN k.id IS NULL THEN c.subject_birth_date ELSE k.birth_date END AS subject_birth_date, \
                 h.code AS health_center_code, h.name AS health_center_name, h.prefecture_code \
                 FROM observations o JOIN cases c ON c.id = o.case_id \
                 LEFT JOIN contacts k ON k.id = o.contact_id \
                 JOIN health_centers h ON h.code = c.health_center_code";

            const SELECT_CONTACTS: &str = "SELECT id, case_id, contact_number, name, relation, contact_type, \
                 last_exposure, birth_date, phone, email, status, became_case_id, closed_reason FROM contacts";

            fn optional_date(row: &DbRow, column: &str) -> StoreResult<Option<Date>> {
                let text: Option<String> = row.try_get(column)?;
                text.as_deref().map(parse_date_column).transpose()
            }

            fn health_center(row: &DbRow) -> StoreResult<Organization> {
                Ok(Organization { code: row.try_get("health_center_code")?, name: row.try_get("health_center_name")? })
            }

            fn stored_case(row: &DbRow) -> StoreResult<StoredCase> {
                let contacts: i32 = row.try_get("contacts")?;
                let summary = CaseSummary {
                    id: row.try_get("id")?,
                    case_number: row.try_get("case_number")?,
                    notification_id: row.try_get("notification_id")?,
                    disease: row.try_get("disease")?,
                    health_center: health_center(row)?,
                    status: parse_column(row.try_get("status")?)?,
                    opened_at: row.try_get("opened_at")?,
                    contacts: u32::try_from(contacts).map_err(|_| StoreError::Corrupt(format!("contacts {contacts}")))?,
                };
                Ok(StoredCase {
                    summary,
                    prefecture_code: row.try_get("prefecture_code")?,
                    subject_name: row.try_get("subject_name")?,
                    subject_birth_date: optional_date(row, "subject_birth_date")?,
                    closed_reason: row.try_get("closed_reason")?,
                    from_contact: row.try_get("from_contact")?,
                    from_contact_of: match row.try_get::<Option<String>, _>("from_contact_number")? {
                        Some(contact_number) => {
                            Some(ContactOrigin { contact_number, case_id: row.try_get("from_contact_case")? })
                        }
                        None => None,
                    },
                })
            }

            fn contact(row: &DbRow) -> StoreResult<Contact> {
                Ok(Contact {
                    id: row.try_get("id")?,
                    contact_number: row.try_get("contact_number")?,
                    case_id: row.try_get("case_id")?,
                    name: row.try_get("name")?,
                    relation: parse_column(row.try_get("relation")?)?,
                    contact_type: parse_column(row.try_get("contact_type")?)?,
                    last_exposure: parse_date_column(row.try_get("last_exposure")?)?,
                    birth_date: optional_date(row, "birth_date")?,
                    phone: row.try_get("phone")?,
                    email: row.try_get("email")?,
                    status: parse_column(row.try_get("status")?)?,
                    became_case: row.try_get("became_case_id")?,
                    closed_reason: row.try_get("closed_reason")?,
                })
            }

            fn stored_observation(row: &DbRow) -> StoreResult<StoredObservation> {
                let items: String = row.try_get("items")?;
                let summary = ObservationSummary {
                    id: row.try_get("id")?,
                    case_id: row.try_get("case_id")?,
                    contact_id: row.try_get("contact_id")?,
                    subject_name: row.try_get("subject_name")?,
                    disease: row.try_get("disease")?,
                    health_center: health_center(row)?,
                    starts_on: parse_date_column(row.try_get("starts_on")?)?,
                    ends_on: parse_date_column(row.try_get("ends_on")?)?,
                    items: from_json(&items)?,
                    status: parse_column(row.try_get("status")?)?,
                    closed_reason: row.try_get("closed_reason")?,
                };
                Ok(StoredObservation {
                    summary,
                    prefecture_code: row.try_get("prefecture_code")?,
                    subject_birth_date: optional_date(row, "subject_birth_date")?,
                    last_reported_at: row.try_get("last_reported_at")?,
                })
            }

            fn report(row: &DbRow) -> StoreResult<ObservationReport> {
                let tenths: Option<i32> = row.try_get("temperature_tenths")?;
                let symptoms: String = row.try_get("symptoms")?;
                Ok(ObservationReport {
                    on_date: parse_date_column(row.try_get("on_date")?)?,
                    reported_at: row.try_get("reported_at")?,
                    temperature: tenths.map(|tenths| f64::from(tenths) / 10.0),
                    symptoms: from_json(&symptoms)?,
                    note: row.try_get("note")?,
                    channel: parse_column(row.try_get("channel")?)?,
                    recorded_by: row.try_get("recorded_by")?,
                })
            }

            /// Marks the listed contact `contact_id` as having become the case `case_id`; `false`
            /// when it is not listed (any more).
            async fn mark_became_case(
                tx: &mut sqlx::Transaction<'static, $db>,
                contact_id: Uuid,
                case_id: Uuid,
            ) -> StoreResult<bool> {
                let updated =
                    sqlx::query("UPDATE contacts SET status = $3, became_case_id = $2 WHERE id = $1 AND status = $4")
                        .bind(contact_id)
                        .bind(case_id)
                        .bind(column_name(ContactStatus::BecameCase))
                        .bind(column_name(ContactStatus::Listed))
                        .execute(&mut **tx)
                        .await?;
                Ok(updated.rows_affected() == 1)
            }

            /// Closes a row of `table` (cases, contacts, observations) that is still at `open`.
            async fn close(
                pool: &sqlx::Pool<$db>,
                table: &str,
                open: &'static str,
                closed: &'static str,
                closing: &Closing,
            ) -> StoreResult<bool> {
                let mut tx = $crate::store::begin_write(pool).await?;
                let sql = format!("UPDATE {table} SET status = $3, closed_reason = $2 WHERE id = $1 AND status = $4");
                let updated =
                    sqlx::query(&sql).bind(closing.id).bind(&closing.reason).bind(closed).bind(open).execute(&mut *tx).await?;
                if updated.rows_affected() != 1 {
                    tx.rollback().await?;
                    return Ok(false);
                }
                super::notification_sql::insert_audit(&mut *tx, &closing.audit).await?;
                tx.commit().await?;
                Ok(true)
            }

            #[async_trait]
            impl InvestigationStore for $store {
                async fn open_case(&self, case: &NewCase) -> StoreResult<CaseOpening> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    let inserted = sqlx::query(
                        "INSERT INTO cases (id, case_number, notification_id, health_center_code, disease, \
                         subject_name, subject_birth_date, status, opened_at, opened_by) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (notification_id) DO NOTHING",
                    )
                    .bind(case.id)
                    .bind(&case.case_number)
                    .bind(case.notification_id)
                    .bind(&case.health_center_code)
                    .bind(&case.disease)
                    .bind(&case.subject_name)
                    .bind(case.subject_birth_date.map(date_column))
                    .bind(column_name(CaseStatus::Investigating))
                    .bind(case.opened_at)
                    .bind(&case.opened_by)
                    .execute(&mut *tx)
                    .await?;
                    if inserted.rows_affected() != 1 {
                        let existing: Uuid = sqlx::query_scalar("SELECT id FROM cases WHERE notification_id = $1")
                            .bind(case.notification_id)
                            .fetch_one(&mut *tx)
                            .await?;
                        tx.rollback().await?;
                        return Ok(CaseOpening::AlreadyOpen(existing));
                    }
                    if let Some(contact_id) = case.from_contact {
                        if !mark_became_case(&mut tx, contact_id, case.id).await? {
                            tx.rollback().await?;
                            return Ok(CaseOpening::ContactTaken);
                        }
                    }
                    super::notification_sql::insert_audit(&mut *tx, &case.audit).await?;
                    tx.commit().await?;
                    Ok(CaseOpening::Opened)
                }

                async fn case(&self, id: Uuid) -> StoreResult<Option<StoredCase>> {
                    let row = sqlx::query(&format!("{SELECT_CASES} WHERE c.id = $1")).bind(id).fetch_optional(&self.pool).await?;
                    row.as_ref().map(stored_case).transpose()
                }

                async fn cases(&self, area: &AreaFilter) -> StoreResult<Vec<CaseSummary>> {
                    let (jurisdiction, health_center) = area.parameters();
                    let sql = format!(
                        "{SELECT_CASES} WHERE ($1 IS NULL OR h.prefecture_code = $1) \
                         AND ($2 IS NULL OR c.health_center_code = $2) ORDER BY c.opened_at DESC"
                    );
                    let rows = sqlx::query(&sql).bind(jurisdiction).bind(health_center).fetch_all(&self.pool).await?;
                    rows.iter().map(|row| Ok(stored_case(row)?.summary)).collect()
                }

                async fn add_case_entry(&self, entry: &NewCaseEntry) -> StoreResult<bool> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    let inserted = sqlx::query(
                        "INSERT INTO case_entries (case_id, kind, on_date, text, recorded_by, recorded_at) \
                         SELECT id, $2, $3, $4, $5, $6 FROM cases WHERE id = $1 AND status = $7",
                    )
                    .bind(entry.case_id)
                    .bind(column_name(entry.entry.kind))
                    .bind(entry.entry.on_date.map(date_column))
                    .bind(&entry.entry.text)
                    .bind(&entry.recorded_by)
                    .bind(entry.recorded_at)
                    .bind(column_name(CaseStatus::Investigating))
                    .execute(&mut *tx)
                    .await?;
                    if inserted.rows_affected() != 1 {
                        tx.rollback().await?;
                        return Ok(false);
                    }
                    super::notification_sql::insert_audit(&mut *tx, &entry.audit).await?;
                    tx.commit().await?;
                    Ok(true)
                }

                async fn case_entries(&self, case_id: Uuid) -> StoreResult<Vec<InvestigationEntry>> {
                    let rows = sqlx::query(
                        "SELECT kind, on_date, text, recorded_by, recorded_at FROM case_entries \
                         WHERE case_id = $1 ORDER BY seq",
                    )
                    .bind(case_id)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter()
                        .map(|row| {
                            Ok(InvestigationEntry {
                                kind: parse_column(row.try_get("kind")?)?,
                                on_date: optional_date(row, "on_date")?,
                                text: row.try_get("text")?,
                                recorded_by: row.try_get("recorded_by")?,
                                recorded_at: row.try_get("recorded_at")?,
                            })
                        })
                        .collect()
                }

                async fn add_contact(&self, new: &NewStoredContact) -> StoreResult<Option<Contact>> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    // The counter's UPDATE also locks the case (PostgreSQL), so numbers are not shared.
                    let numbered = sqlx::query(
                        "UPDATE cases SET contacts = contacts + 1 WHERE id = $1 AND status = $2 \
                         RETURNING contacts, case_number",
                    )
                    .bind(new.case_id)
                    .bind(column_name(CaseStatus::Investigating))
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some(numbered) = numbered else {
                        tx.rollback().await?;
                        return Ok(None);
                    };
                    let place: i32 = numbered.try_get("contacts")?;
                    let case_number: String = numbered.try_get("case_number")?;
                    let c = &new.contact;
                    let stored = Contact {
                        id: new.id,
                        contact_number: format!("{case_number}-{place:02}"),
                        case_id: new.case_id,
                        name: c.name.clone(),
                        relation: c.relation,
                        contact_type: c.contact_type,
                        last_exposure: c.last_exposure,
                        birth_date: c.birth_date,
                        phone: c.phone.clone(),
                        email: c.email.clone(),
                        status: ContactStatus::Listed,
                        became_case: None,
                        closed_reason: None,
                    };
                    sqlx::query(
                        "INSERT INTO contacts (id, case_id, contact_number, name, relation, contact_type, \
                         last_exposure, birth_date, phone, email, status, added_by, added_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                    )
                    .bind(stored.id)
                    .bind(stored.case_id)
                    .bind(&stored.contact_number)
                    .bind(&stored.name)
                    .bind(column_name(stored.relation))
                    .bind(column_name(stored.contact_type))
                    .bind(date_column(stored.last_exposure))
                    .bind(stored.birth_date.map(date_column))
                    .bind(&stored.phone)
                    .bind(&stored.email)
                    .bind(column_name(stored.status))
                    .bind(&new.added_by)
                    .bind(new.added_at)
                    .execute(&mut *tx)
                    .await?;
                    super::notification_sql::insert_audit(&mut *tx, &new.audit).await?;
                    tx.commit().await?;
                    Ok(Some(stored))
                }

                async fn contact_numbered(&self, number: &str) -> StoreResult<Option<Contact>> {
                    let sql = format!("{SELECT_CONTACTS} WHERE contact_number = $1");
                    let row = sqlx::query(&sql).bind(number).fetch_optional(&self.pool).await?;
                    row.as_ref().map(contact).transpose()
                }

                async fn contact(&self, id: Uuid) -> StoreResult<Option<Contact>> {
                    let row =
                        sqlx::query(&format!("{SELECT_CONTACTS} WHERE id = $1")).bind(id).fetch_optional(&self.pool).await?;
                    row.as_ref().map(contact).transpose()
                }

                async fn contacts(&self, case_id: Uuid) -> StoreResult<Vec<Contact>> {
                    let rows = sqlx::query(&format!("{SELECT_CONTACTS} WHERE case_id = $1 ORDER BY contact_number"))
                        .bind(case_id)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.iter().map(contact).collect()
                }

                async fn close_case(&self, closing: &Closing) -> StoreResult<bool> {
                    let (open, closed) = (column_name(CaseStatus::Investigating), column_name(CaseStatus::Closed));
                    close(&self.writer, "cases", open, closed, closing).await
                }

                async fn close_contact(&self, closing: &Closing) -> StoreResult<bool> {
                    let (open, closed) = (column_name(ContactStatus::Listed), column_name(ContactStatus::Closed));
                    close(&self.writer, "contacts", open, closed, closing).await
                }

                async fn start_observation(&self, new: &NewObservation) -> StoreResult<bool> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    let inserted = sqlx::query(
                        "INSERT INTO observations (id, case_id, contact_id, starts_on, ends_on, items, status, \
                         started_by, started_at) \
                         SELECT $1, c.id, k.id, $4, $5, $6, $7, $8, $9 FROM cases c \
                         LEFT JOIN contacts k ON k.id = $3 AND k.case_id = c.id AND k.status = $11 \
                         WHERE c.id = $2 AND c.status = $10 AND (k.id IS NOT NULL) = $12",
                    )
                    .bind(new.id)
                    .bind(new.case_id)
                    .bind(new.contact_id)
                    .bind(date_column(new.starts_on))
                    .bind(date_column(new.ends_on))
                    .bind(to_json(&new.items)?)
                    .bind(column_name(ObservationStatus::Active))
                    .bind(&new.started_by)
                    .bind(new.started_at)
                    .bind(column_name(CaseStatus::Investigating))
                    .bind(column_name(ContactStatus::Listed))
                    .bind(new.contact_id.is_some())
                    .execute(&mut *tx)
                    .await?;
                    if inserted.rows_affected() != 1 {
                        tx.rollback().await?;
                        return Ok(false);
                    }
                    super::notification_sql::insert_audit(&mut *tx, &new.audit).await?;
                    tx.commit().await?;
                    Ok(true)
                }

                async fn observation(&self, id: Uuid) -> StoreResult<Option<StoredObservation>> {
                    let row = sqlx::query(&format!("{SELECT_OBSERVATIONS} WHERE o.id = $1"))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?;
                    row.as_ref().map(stored_observation).transpose()
                }

                async fn case_observations(&self, case_id: Uuid) -> StoreResult<Vec<ObservationSummary>> {
                    let rows = sqlx::query(&format!("{SELECT_OBSERVATIONS} WHERE o.case_id = $1 ORDER BY o.started_at"))
                        .bind(case_id)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.iter().map(|row| Ok(stored_observation(row)?.summary)).collect()
                }

                async fn record_report(&self, new: &NewReport) -> StoreResult<bool> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    let updated =
                        sqlx::query("UPDATE observations SET last_reported_at = $2 WHERE id = $1 AND status = $3")
                            .bind(new.observation_id)
                            .bind(new.reported_at)
                            .bind(column_name(ObservationStatus::Active))
                            .execute(&mut *tx)
                            .await?;
                    if updated.rows_affected() != 1 {
                        tx.rollback().await?;
                        return Ok(false);
                    }
                    sqlx::query(
                        "INSERT INTO observation_reports (observation_id, on_date, reported_at, temperature_tenths, \
                         symptoms, note, channel, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(new.observation_id)
                    .bind(date_column(new.report.on_date))
                    .bind(new.reported_at)
                    .bind(new.report.temperature_tenths)
                    .bind(to_json(&new.report.symptoms)?)
                    .bind(&new.report.note)
                    .bind(column_name(new.channel))
                    .bind(&new.recorded_by)
                    .execute(&mut *tx)
                    .await?;
                    super::notification_sql::insert_audit(&mut *tx, &new.audit).await?;
                    tx.commit().await?;
                    Ok(true)
                }

                async fn observation_reports(&self, id: Uuid) -> StoreResult<Vec<ObservationReport>> {
                    let rows = sqlx::query("SELECT * FROM observation_reports WHERE observation_id = $1 ORDER BY seq")
                        .bind(id)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.iter().map(report).collect()
                }

                async fn close_observation(&self, closing: &Closing) -> StoreResult<bool> {
                    let (open, closed) = (column_name(ObservationStatus::Active), column_name(ObservationStatus::Closed));
                    close(&self.writer, "observations", open, closed, closing).await
                }

                async fn running_observations(
                    &self,
                    area: &AreaFilter,
                    day: Date,
                ) -> StoreResult<Vec<RunningObservation>> {
                    let (jurisdiction, health_center) = area.parameters();
                    let running = "o.status = $1 AND o.starts_on <= $2 AND o.ends_on >= $2 \
                         AND ($3 IS NULL OR h.prefecture_code = $3) AND ($4 IS NULL OR c.health_center_code = $4)";
                    let observations = sqlx::query(&format!("{SELECT_OBSERVATIONS} WHERE {running}"))
                        .bind(column_name(ObservationStatus::Active))
                        .bind(date_column(day))
                        .bind(jurisdiction)
                        .bind(health_center)
                        .fetch_all(&self.pool)
                        .await?;
                    let reports = sqlx::query(&format!(
                        "SELECT r.* FROM observation_reports r JOIN ({SELECT_OBSERVATIONS} WHERE {running}) o \
                         ON o.id = r.observation_id WHERE r.on_date = $2 ORDER BY r.seq"
                    ))
                    .bind(column_name(ObservationStatus::Active))
                    .bind(date_column(day))
                    .bind(jurisdiction)
                    .bind(health_center)
                    .fetch_all(&self.pool)
                    .await?;
                    let mut by_observation: std::collections::HashMap<Uuid, Vec<ObservationReport>> =
                        std::collections::HashMap::new();
                    for row in &reports {
                        by_observation.entry(row.try_get("observation_id")?).or_default().push(report(row)?);
                    }
                    observations
                        .iter()
                        .map(|row| {
                            let stored = stored_observation(row)?;
                            Ok(RunningObservation {
                                reports_of_the_day: by_observation.remove(&stored.summary.id).unwrap_or_default(),
                                last_reported_at: stored.last_reported_at,
                                observation: stored.summary,
                            })
                        })
                        .collect()
                }

                async fn create_link(&self, link: &NewLink) -> StoreResult<()> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    sqlx::query(
                        "INSERT INTO observation_links (token_hash, observation_id, sent_by, created_at, expires_at) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(&link.token_hash)
                    .bind(link.observation_id)
                    .bind(&link.sent_by)
                    .bind(link.created_at)
                    .bind(link.expires_at)
                    .execute(&mut *tx)
                    .await?;
                    super::notification_sql::insert_audit(&mut *tx, &link.audit).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn link(&self, token_hash: &str) -> StoreResult<Option<StoredLink>> {
                    let row = sqlx::query(
                        "SELECT observation_id, expires_at, confirmed_at, failed_confirmations, revoked_at \
                         FROM observation_links WHERE token_hash = $1",
                    )
                    .bind(token_hash)
                    .fetch_optional(&self.pool)
                    .await?;
                    let Some(row) = row else { return Ok(None) };
                    let failed: i32 = row.try_get("failed_confirmations")?;
                    Ok(Some(StoredLink {
                        observation_id: row.try_get("observation_id")?,
                        expires_at: row.try_get("expires_at")?,
                        confirmed_at: row.try_get("confirmed_at")?,
                        failed_confirmations: u32::try_from(failed).unwrap_or(u32::MAX),
                        revoked_at: row.try_get("revoked_at")?,
                    }))
                }

                async fn confirm_link(
                    &self,
                    token_hash: &str,
                    confirmed_at: Option<time::OffsetDateTime>,
                    audit: $crate::store::AuditEntry,
                ) -> StoreResult<()> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    let sql = match confirmed_at {
                        Some(_) => "UPDATE observation_links SET confirmed_at = COALESCE(confirmed_at, $2) WHERE token_hash = $1",
                        None => "UPDATE observation_links SET failed_confirmations = failed_confirmations + 1 \
                                 WHERE token_hash = $1 AND $2 IS NULL",
                    };
                    sqlx::query(sql).bind(token_hash).bind(confirmed_at).execute(&mut *tx).await?;
                    super::notification_sql::insert_audit(&mut *tx, &audit).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn revoke_links(
                    &self,
                    observation_id: Uuid,
                    at: time::OffsetDateTime,
                    audit: $crate::store::AuditEntry,
                ) -> StoreResult<()> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    sqlx::query("UPDATE observation_links SET revoked_at = $2 WHERE observation_id = $1 AND revoked_at IS NULL")
                        .bind(observation_id)
                        .bind(at)
                        .execute(&mut *tx)
                        .await?;
                    super::notification_sql::insert_audit(&mut *tx, &audit).await?;
                    tx.commit().await?;
                    Ok(())
                }
            }
        }
    };
}

pub(super) use investigation_store_impl;
