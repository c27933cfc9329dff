//! The SQL of [`super::Store`], written once and instantiated for each back end by [`store_impl!`].
//! Both SQLite and PostgreSQL accept `$n` parameters, `ON CONFLICT` and `RETURNING`; the column types
//! that differ (UUID, timestamps) are handled by sqlx's per-database encodings of the same Rust types.

/// Implements `Store` for `$store` (a struct with `pool` and `writer` fields, `sqlx::Pool<$db>`: reads, and writes), in a module of its own.
macro_rules! store_impl {
    ($store:ident, $db:ty) => {
        mod notification_sql {
        use super::$store;
            use $crate::store::{column_name, parse_column};
        use async_trait::async_trait;
        use domain::api::{HistoryEntry, NotificationStatus, NotificationSummary, Organization, Receipt, WorkflowAction};
        use sqlx::Row;
        use uuid::Uuid;

        use $crate::audit::{chain_hash, ChainedRecord, StoredEntry, GENESIS_HASH};
        use $crate::store::{
            to_microseconds, parse_revision, revision_column, AuditEntry, InsertOutcome, InstitutionRecord, TakenId, NewNotification, NotificationScope, Store, StoreError,
            StoreResult, StoredChange, StoredNotification, Transition,
        };

        /// `h` is the health center now responsible, `r` the one the notification was routed to (the receipt's);
        /// `return_comment` is the comment of its latest return (the action's name comes from its enum).
        fn select_notification() -> String {
            select_notification_and("")
        }

        /// [`select_notification`] with more columns (`, …`) of the tables it joins.
        fn select_notification_and(columns: &str) -> String {
            format!(
                "SELECT n.id, n.receipt_number, n.received_at, n.disease, n.animal_report, \
                 n.status, n.revision, n.content_hash, n.filed_by, n.filer, n.answers, i.code AS institution_code, \
                 i.name AS institution_name, h.code AS health_center_code, h.name AS health_center_name, \
                 h.prefecture_code, r.code AS routed_code, r.name AS routed_name, \
                 (SELECT e.comment FROM notification_events e WHERE e.notification_id = n.id \
                  AND e.action = '{returned}' ORDER BY e.seq DESC LIMIT 1) AS return_comment{columns} \
                 FROM notifications n \
                 JOIN institutions i ON i.code = n.institution_code \
                 JOIN health_centers h ON h.code = n.health_center_code \
                 JOIN health_centers r ON r.code = n.routed_health_center_code",
                returned = column_name(WorkflowAction::Returned)
            )
        }

        /// The organizations a `SELECT code, name …` lists.
        async fn organizations(pool: &sqlx::Pool<$db>, sql: &str) -> StoreResult<Vec<Organization>> {
            let rows = sqlx::query(sql).fetch_all(pool).await?;
            rows.iter().map(|row| Ok(Organization { code: row.try_get("code")?, name: row.try_get("name")? })).collect()
        }

        /// Writes what a list's search compares the patient by (`store::patient_search_text`).
        async fn record_patient_search<'e, E>(executor: E, id: Uuid, answers: &domain::forms::Answers) -> StoreResult<()>
        where
            E: sqlx::Executor<'e, Database = $db>,
        {
            sqlx::query("UPDATE notifications SET patient_search = $2 WHERE id = $1")
                .bind(id)
                .bind($crate::store::patient_search_text(answers))
                .execute(executor)
                .await?;
            Ok(())
        }

        /// Keeps the answers of the notification's version `revision` before a resubmission replaces them
        /// (nothing if it is no longer that version: the step then changes nothing and is rolled back).
        async fn keep_revision<'e, E>(executor: E, id: Uuid, revision: u32) -> StoreResult<()>
        where
            E: sqlx::Executor<'e, Database = $db>,
        {
            sqlx::query(
                "INSERT INTO notification_revisions (notification_id, revision, answers) \
                 SELECT id, revision, answers FROM notifications WHERE id = $1 AND revision = $2",
            )
            .bind(id)
            .bind(revision_column(revision)?)
            .execute(executor)
            .await?;
            Ok(())
        }

        /// A query of [`pages::Piece`]s, each value bound in its place.
        fn built_query<'a>(pieces: Vec<$crate::store::pages::Piece>) -> sqlx::QueryBuilder<'a, $db> {
            use $crate::store::pages::Piece;
            let mut builder = sqlx::QueryBuilder::<$db>::new("");
            for piece in pieces {
                match piece {
                    Piece::Sql(sql) => builder.push(sql),
                    Piece::Text(text) => builder.push_bind(text),
                    // In UTC like every stored time: SQLite compares times as text, so a bound
                    // `…T00:00:00+09:00` (the start of a day in Japan) sorted after the same day's
                    // morning stored as `…T15:00:00Z` of the day before.
                    Piece::Time(at) => builder.push_bind(at.to_offset(time::UtcOffset::UTC)),
                    Piece::Int(number) => builder.push_bind(number),
                };
            }
            builder
        }

        /// One history row, as written.
        struct Event<'a> {
            id: Uuid,
            at: time::OffsetDateTime,
            actor: &'a str,
            action: WorkflowAction,
            comment: Option<&'a str>,
            health_center_code: &'a str,
            transferred_to_code: Option<&'a str>,
            revision: u32,
        }

        /// The head of both statements that write a history entry: the columns each one gives, in this order.
        const INSERT_EVENT: &str = "INSERT INTO notification_events (notification_id, at, actor, action, comment, \
             health_center_code, transferred_to_code, revision)";

        async fn insert_event<'e, E>(executor: E, event: Event<'_>) -> StoreResult<()>
        where
            E: sqlx::Executor<'e, Database = $db>,
        {
            sqlx::query(&format!("{INSERT_EVENT} VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"))
            .bind(event.id)
            .bind(event.at)
            .bind(event.actor)
            .bind(column_name(event.action))
            .bind(event.comment)
            .bind(event.health_center_code)
            .bind(event.transferred_to_code)
            .bind(revision_column(event.revision)?)
            .execute(executor)
            .await?;
            Ok(())
        }

        /// Queues `mail` to the notification's filer in the mail outbox, if the account has an address.
        async fn queue_filer_mail<'e, E>(executor: E, id: Uuid, mail: &$crate::store::FilerMail) -> StoreResult<()>
        where
            E: sqlx::Executor<'e, Database = $db>,
        {
            let now = $crate::store::now();
            sqlx::query(&format!(
                "{} SELECT $1, COALESCE(u.contact_email, u.email), $2, $3, $4, $5, $5 \
                 FROM notifications n JOIN users u ON u.user_id = n.filed_by \
                 WHERE n.id = $6 AND COALESCE(u.contact_email, u.email) IS NOT NULL",
                $crate::store::mail_queries::INSERT_MAIL,
            ))
            .bind(mail.id)
            .bind(&mail.subject)
            .bind(&mail.body)
            .bind(column_name(domain::api::LetterState::Pending))
            .bind(now)
            .bind(id)
            .execute(executor)
            .await?;
            Ok(())
        }


        /// The write of a new notification, one statement on PostgreSQL (each statement was a round trip
        /// and, on SQLite, a hand-off to its thread: issue 17; [`super::insert_with`]): the row with its
        /// receipt number (from the `seq` it takes), counting columns and patient search text ($1–$17),
        /// its history entry, its audit record and, if it has one, the health center's mail. An id
        /// already taken fails it as a unique violation, and nothing is written. Built once: the write
        /// may be queued for a writer task ([`super::write_at_once`]), so it borrows nothing.
        fn new_notification_sql(with_center_mail: bool) -> &'static str {
            static SQL: std::sync::LazyLock<[String; 2]> =
                std::sync::LazyLock::new(|| [false, true].map(build_new_notification_sql));
            &SQL[usize::from(with_center_mail)]
        }

        fn build_new_notification_sql(with_center_mail: bool) -> String {
            let notification = format!(
                "INSERT INTO notifications (seq, id, disease, answers, content_hash, filed_by, institution_code, \
                 health_center_code, status, received_at, routed_health_center_code, revision, animal_report, \
                 filer, receipt_number, onset_week, diagnosis_week, case_group, report_week, patient_search) {} \
                 SELECT seq, $1, $2, $3, $4, $5, $6, $7, $8, $9, $7, 1, $10, $11, $12 || {}, $13, $14, $15, $16, $17 \
                 FROM ({}) s",
                super::OVERRIDING_SEQ,
                $crate::store::RECEIPT_SEQ_SQL,
                super::next_seq("notifications"),
            );
            // A new notification's history entry `received` ($18), its audit record ($19–$24) and the health
            // center's mail ($25 its id, $26 and $27 its subject and body with the receipt number at $28,
            // $29 the pending state) to the address the master gives the health center, if any.
            let mut with_it = vec![
                format!(
                    "{INSERT_EVENT} SELECT id, received_at, filed_by, $18, NULL, health_center_code, NULL, revision \
                     FROM inserted"
                ),
                insert_audit_sql(19),
            ];
            if with_center_mail {
                with_it.push(format!(
                    "{} SELECT $25, h.email, replace($26, $28, n.receipt_number), replace($27, $28, n.receipt_number), \
                     $29, n.received_at, n.received_at \
                     FROM inserted n JOIN health_centers h ON h.code = n.health_center_code WHERE h.email IS NOT NULL",
                    $crate::store::mail_queries::INSERT_MAIL,
                ));
            }
            super::insert_with("notifications", "id = $1", &notification, "receipt_number", &with_it)
        }

        fn stored_notification(row: &<$db as sqlx::Database>::Row) -> StoreResult<StoredNotification> {
            let answers: String = row.try_get("answers")?;
            let disease: String = row.try_get("disease")?;
            let status = parse_column(row.try_get("status")?)?;
            let received_at = row.try_get("received_at")?;
            let summary = NotificationSummary {
                receipt: Receipt {
                    notification_id: row.try_get("id")?,
                    receipt_number: row.try_get("receipt_number")?,
                    received_at,
                    health_center: Organization {
                        code: row.try_get("routed_code")?,
                        name: row.try_get("routed_name")?,
                    },
                },
                animal_report: row.try_get("animal_report")?,
                status,
                institution: Organization {
                    code: row.try_get("institution_code")?,
                    name: row.try_get("institution_name")?,
                },
                health_center: Organization {
                    code: row.try_get("health_center_code")?,
                    name: row.try_get("health_center_name")?,
                },
                revision: parse_revision(row.try_get("revision")?)?,
                urgent: domain::workflow::is_urgent(&disease),
                overdue: domain::workflow::is_overdue(&disease, status, received_at, $crate::store::now()),
                return_comment: if status == NotificationStatus::Returned { row.try_get("return_comment")? } else { None },
                // Added per account by the list (`notifications::routes::list`).
                patient_hint: None,
                disease,
            };
            Ok(StoredNotification {
                summary,
                prefecture_code: row.try_get("prefecture_code")?,
                content_hash: row.try_get("content_hash")?,
                filed_by: row.try_get("filed_by")?,
                filer: row
                    .try_get::<Option<String>, _>("filer")?
                    .map(|filer| serde_json::from_str(&filer))
                    .transpose()
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                answers: serde_json::from_str(&answers).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            })
        }

        /// The SQL condition that selects a scope's notifications (`n` the notification, `h` its health
        /// center now), and the value of its `$1`, if it has one.
        fn scope_condition(scope: &NotificationScope) -> (String, Option<&str>) {
            match $crate::store::pages::scope_column(scope) {
                Some((column, code)) => (format!("{column} = $1"), Some(code)),
                None => ("1 = 1".to_owned(), None),
            }
        }

        /// Appends one audit record inside the caller's transaction, without its chain hash: the
        /// chainer ([`crate::audit::chain_pending`]) links it later, so that no request waits for the
        /// chain's head (issue 17).
        pub(super) async fn insert_audit(
            connection: &mut <$db as sqlx::Database>::Connection,
            entry: &AuditEntry,
        ) -> StoreResult<()> {
            bind_audit(sqlx::query(&insert_audit_sql(1)), entry).execute(&mut *connection).await?;
            Ok(())
        }

        /// [`insert_audit`]'s statement, its parameters numbered from `$first` (so that it can be one
        /// of the statements of a write that shares their parameters).
        fn insert_audit_sql(first: usize) -> String {
            let values: Vec<String> = (first..first + 6).map(|n| format!("${n}")).collect();
            format!(
                "INSERT INTO audit_log (at, actor, action, target, client_address, outcome) VALUES ({})",
                values.join(", ")
            )
        }

        /// Binds `entry` to [`insert_audit_sql`]'s parameters, after those bound to `query` so far.
        /// Binds owned copies, so that a query may outlive `entry` ([`super::write_at_once`]).
        fn bind_audit<'q>(
            query: sqlx::query::Query<'q, $db, <$db as sqlx::Database>::Arguments<'q>>,
            entry: &AuditEntry,
        ) -> sqlx::query::Query<'q, $db, <$db as sqlx::Database>::Arguments<'q>> {
            query
                .bind(to_microseconds(entry.at))
                .bind(entry.actor.clone())
                .bind(entry.action)
                .bind(entry.target.clone())
                .bind(entry.client_address.clone())
                .bind(entry.outcome)
        }

        /// Runs `change`, a statement that writes the one row it names unless that row is gone or
        /// past changing, and keeps `audit` with it in one transaction; false (nothing written, not
        /// even the audit record) if it wrote no row. Notices and maintenance stops change so.
        pub(super) async fn change_one_with_audit<'q>(
            pool: &sqlx::Pool<$db>,
            change: sqlx::query::Query<'q, $db, <$db as sqlx::Database>::Arguments<'q>>,
            audit: &AuditEntry,
        ) -> StoreResult<bool> {
            let mut tx = $crate::store::begin_write(pool).await?;
            if change.execute(&mut *tx).await?.rows_affected() != 1 {
                return Ok(false);
            }
            insert_audit(&mut *tx, audit).await?;
            tx.commit().await?;
            Ok(true)
        }

        pub(super) const SELECT_AUDIT: &str = "SELECT seq, at, actor, action, target, client_address, outcome, \
             chain_position, prev_hash, hash FROM audit_log";

        fn stored_entry(row: &<$db as sqlx::Database>::Row) -> StoreResult<StoredEntry> {
            Ok(StoredEntry {
                at: row.try_get("at")?,
                actor: row.try_get("actor")?,
                action: row.try_get("action")?,
                target: row.try_get("target")?,
                client_address: row.try_get("client_address")?,
                outcome: row.try_get("outcome")?,
            })
        }

        pub(super) fn chained_record(row: &<$db as sqlx::Database>::Row) -> StoreResult<ChainedRecord> {
            Ok(ChainedRecord {
                seq: row.try_get("seq")?,
                position: row.try_get("chain_position")?,
                entry: stored_entry(row)?,
                prev_hash: row.try_get("prev_hash")?,
                hash: row.try_get("hash")?,
            })
        }

        /// The chain's newest position and hash, or position 0 and [`GENESIS_HASH`] before the first
        /// record. A head without a hash (altered) is linked to as genesis; the verifier names it.
        async fn chain_head(connection: &mut <$db as sqlx::Database>::Connection) -> StoreResult<(i64, String)> {
            let head: Option<(i64, Option<String>)> = sqlx::query_as(
                "SELECT chain_position, hash FROM audit_log WHERE chain_position IS NOT NULL \
                 ORDER BY chain_position DESC LIMIT 1",
            )
            .fetch_optional(&mut *connection)
            .await?;
            Ok(head.map_or((0, GENESIS_HASH.to_owned()), |(position, hash)| {
                (position, hash.unwrap_or_else(|| GENESIS_HASH.to_owned()))
            }))
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
                .execute(&self.writer)
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
                .execute(&self.writer)
                .await?;
                Ok(())
            }

            async fn set_health_center_email(&self, code: &str, email: Option<&str>) -> StoreResult<()> {
                sqlx::query("UPDATE health_centers SET email = $2 WHERE code = $1")
                    .bind(code)
                    .bind(email)
                    .execute(&self.writer)
                    .await?;
                Ok(())
            }

            async fn put_institution(
                &self,
                code: &str,
                health_center_code: &str,
                class: domain::api::AccountClass,
                particulars: &domain::api::InstitutionParticulars,
            ) -> StoreResult<()> {
                let json = serde_json::to_string(particulars).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                sqlx::query(
                    "INSERT INTO institutions (code, name, health_center_code, class, particulars) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO UPDATE SET name = excluded.name, \
                     health_center_code = excluded.health_center_code, class = excluded.class, \
                     particulars = excluded.particulars",
                )
                .bind(code)
                .bind(&particulars.name)
                .bind(health_center_code)
                .bind(column_name(class))
                .bind(json)
                .execute(&self.writer)
                .await?;
                Ok(())
            }

            async fn institution(&self, code: &str) -> StoreResult<Option<InstitutionRecord>> {
                let row = sqlx::query(
                    "SELECT i.code, i.name, i.particulars, h.code AS health_center_code, h.name AS health_center_name \
                     FROM institutions i JOIN health_centers h ON h.code = i.health_center_code WHERE i.code = $1",
                )
                .bind(code)
                .fetch_optional(&self.pool)
                .await?;
                row.map(|row| {
                    let contact = $crate::store::MasterContact::of(&row.try_get::<String, _>("particulars")?)?;
                    Ok(InstitutionRecord {
                        institution: Organization { code: row.try_get("code")?, name: row.try_get("name")? },
                        health_center: Organization {
                            code: row.try_get("health_center_code")?,
                            name: row.try_get("health_center_name")?,
                        },
                        address: contact.address,
                        phone: contact.phone,
                    })
                })
                .transpose()
            }

            async fn insert_notification(&self, new: NewNotification) -> StoreResult<InsertOutcome> {
                let answers = serde_json::to_string(&new.answers).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                let filer = serde_json::to_string(&new.filer).map_err(|e| StoreError::Corrupt(e.to_string()))?;
                let keys = domain::situation::CountingKeys::of(&new.answers);
                let mut receipt = Receipt {
                    notification_id: new.id,
                    receipt_number: $crate::store::RECEIPT_NUMBER_SLOT.to_owned(),
                    received_at: new.received_at,
                    health_center: new.health_center.clone(),
                };
                let center_mail = new.mail_site_url.as_deref().and_then(|site_url| {
                    $crate::notifications::center_mail::about_new(
                        &new.disease, new.animal_report.as_deref(), &receipt, &new.filer.institution, site_url,
                    )
                });
                let patient_search = $crate::store::patient_search_text(&new.answers);
                // Owned values only: the query may wait for a writer task ([`super::write_at_once`]).
                let query = sqlx::query(new_notification_sql(center_mail.is_some()))
                    .bind(new.id)
                    .bind(new.disease)
                    .bind(answers)
                    .bind(new.content_hash)
                    .bind(new.filed_by)
                    .bind(new.institution_code)
                    .bind(new.health_center.code)
                    .bind(column_name(NotificationStatus::Received))
                    .bind(new.received_at)
                    .bind(new.animal_report)
                    .bind(filer)
                    .bind($crate::store::receipt_date_part(new.received_at))
                    .bind(keys.onset_week.map(|week| week.number()))
                    .bind(keys.diagnosis_week.map(|week| week.number()))
                    .bind(keys.case_group.key())
                    .bind(domain::situation::report_week(new.received_at).number())
                    .bind(patient_search)
                    .bind(column_name(WorkflowAction::Received));
                let mut query = bind_audit(query, &new.audit);
                if let Some(mail) = center_mail {
                    query = query
                        .bind(mail.id)
                        .bind(mail.subject)
                        .bind(mail.body)
                        .bind($crate::store::RECEIPT_NUMBER_SLOT)
                        .bind(column_name(domain::api::LetterState::Pending));
                }
                let rows = match super::write_at_once(self, query).await {
                    Err(error) if error.is_unique_violation() => {
                        return self.notification(new.id).await?.map_or(Err(error), |stored| {
                            let (content_hash, filed_by) = (stored.content_hash, stored.filed_by);
                            Ok(InsertOutcome::AlreadyExists(TakenId { content_hash, filed_by, receipt: stored.summary.receipt }))
                        });
                    }
                    written => written?,
                };
                let row = rows.first().ok_or_else(|| StoreError::Corrupt(format!("notification {} not written", new.id)))?;
                receipt.receipt_number = row.try_get("receipt_number")?;
                Ok(InsertOutcome::Created(receipt))
            }

            async fn notification(&self, id: Uuid) -> StoreResult<Option<StoredNotification>> {
                let row = sqlx::query(&format!("{} WHERE n.id = $1", select_notification()))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
                row.as_ref().map(stored_notification).transpose()
            }

            async fn notifications(&self, scope: &NotificationScope) -> StoreResult<Vec<StoredNotification>> {
                let (condition, code) = scope_condition(scope);
                let sql = format!("{} WHERE {condition} ORDER BY n.seq DESC", select_notification());
                let mut query = sqlx::query(&sql);
                if let Some(code) = code {
                    query = query.bind(code);
                }
                let rows = query.fetch_all(&self.pool).await?;
                rows.iter().map(stored_notification).collect()
            }

            async fn notification_page(
                &self,
                request: &$crate::store::PageRequest,
            ) -> StoreResult<Vec<(StoredNotification, $crate::store::PagePlace)>> {
                use $crate::store::pages::{self, Piece};
                let order = pages::order_by(request.order, "p.page_key", "p.page_seq");
                let mut pieces = vec![Piece::Sql(format!("{} JOIN (", select_notification_and(", p.page_key, p.page_seq")))];
                pieces.extend(pages::page_keys(request, <$db as pages::WithDialect>::DIALECT).0);
                pieces.push(Piece::Sql(format!(") p ON p.page_seq = n.seq ORDER BY {order}")));
                let mut query = built_query(pieces);
                let rows = query.build().fetch_all(&self.pool).await?;
                rows.iter()
                    .map(|row| {
                        let place = $crate::store::PagePlace { key: row.try_get("page_key")?, seq: row.try_get("page_seq")? };
                        Ok((stored_notification(row)?, place))
                    })
                    .collect()
            }

            async fn fill_patient_search(&self) -> StoreResult<u64> {
                let mut filled = 0;
                loop {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    let rows = sqlx::query("SELECT id, answers FROM notifications WHERE patient_search IS NULL LIMIT 500")
                        .fetch_all(&mut *tx)
                        .await?;
                    if rows.is_empty() {
                        tx.commit().await?;
                        return Ok(filled);
                    }
                    for row in &rows {
                        let answers: String = row.try_get("answers")?;
                        let answers: domain::forms::Answers = serde_json::from_str(&answers)
                            .map_err(|error| StoreError::Corrupt(format!("answers: {error}")))?;
                        record_patient_search(&mut *tx, row.try_get("id")?, &answers).await?;
                    }
                    tx.commit().await?;
                    filled += rows.len() as u64;
                }
            }

            async fn transition(&self, step: Transition) -> StoreResult<bool> {
                let (disease, animal_report, answers) = match &step.resubmission {
                    Some(content) => (
                        Some(content.disease.clone()),
                        content.animal_report.clone(),
                        Some(serde_json::to_string(&content.answers).map_err(|e| StoreError::Corrupt(e.to_string()))?),
                    ),
                    None => (None, None, None),
                };
                let mut tx = $crate::store::begin_write(&self.writer).await?;
                if step.resubmission.is_some() {
                    keep_revision(&mut *tx, step.id, step.from_revision).await?;
                }
                let updated = sqlx::query(
                    "UPDATE notifications SET status = $2, revision = $3, health_center_code = $4, \
                     disease = COALESCE($5, disease), answers = COALESCE($6, answers), \
                     animal_report = CASE WHEN $5 IS NULL THEN animal_report ELSE $10 END \
                     WHERE id = $1 AND status = $7 AND revision = $8 AND health_center_code = $9",
                )
                .bind(step.id)
                .bind(column_name(step.to_status))
                .bind(revision_column(step.to_revision)?)
                .bind(&step.to_health_center_code)
                .bind(disease)
                .bind(answers)
                .bind(column_name(step.from_status))
                .bind(revision_column(step.from_revision)?)
                .bind(&step.from_health_center_code)
                .bind(animal_report)
                .execute(&mut *tx)
                .await?;
                if updated.rows_affected() != 1 {
                    tx.rollback().await?;
                    return Ok(false);
                }
                if let Some(content) = &step.resubmission {
                    super::situation_sql::record_counting_keys(&mut tx, step.id, &content.answers, None).await?;
                    record_patient_search(&mut *tx, step.id, &content.answers).await?;
                }
                let transferred_to = (step.to_health_center_code != step.from_health_center_code)
                    .then_some(step.to_health_center_code.as_str());
                if let Some(to) = transferred_to {
                    // The notification's case (issue 19) moves with it, with its entries, contacts and
                    // observations (theirs by the case): the new health center has it, the old no more.
                    sqlx::query("UPDATE cases SET health_center_code = $2 WHERE notification_id = $1")
                        .bind(step.id)
                        .bind(to)
                        .execute(&mut *tx)
                        .await?;
                }
                let event = Event {
                    id: step.id,
                    at: step.at,
                    actor: &step.actor,
                    action: step.action,
                    comment: step.comment.as_deref(),
                    health_center_code: &step.from_health_center_code,
                    transferred_to_code: transferred_to,
                    revision: step.from_revision,
                };
                insert_event(&mut *tx, event).await?;
                insert_audit(&mut *tx, &step.audit).await?;
                if let Some(mail) = &step.filer_mail {
                    queue_filer_mail(&mut *tx, step.id, mail).await?;
                }
                tx.commit().await?;
                Ok(true)
            }

            async fn history(&self, id: Uuid) -> StoreResult<Vec<HistoryEntry>> {
                let rows = sqlx::query(
                    "SELECT e.at, e.actor, e.action, e.comment, e.revision, h.code AS health_center_code, \
                     h.name AS health_center_name, t.code AS transferred_to_code, t.name AS transferred_to_name \
                     FROM notification_events e \
                     JOIN health_centers h ON h.code = e.health_center_code \
                     LEFT JOIN health_centers t ON t.code = e.transferred_to_code \
                     WHERE e.notification_id = $1 ORDER BY e.seq",
                )
                .bind(id)
                .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|row| {
                        let to_code: Option<String> = row.try_get("transferred_to_code")?;
                        let to_name: Option<String> = row.try_get("transferred_to_name")?;
                        Ok(HistoryEntry {
                            at: row.try_get("at")?,
                            actor: row.try_get("actor")?,
                            action: parse_column(row.try_get("action")?)?,
                            comment: row.try_get("comment")?,
                            health_center: Organization {
                                code: row.try_get("health_center_code")?,
                                name: row.try_get("health_center_name")?,
                            },
                            transferred_to: to_code.zip(to_name).map(|(code, name)| Organization { code, name }),
                            revision: parse_revision(row.try_get("revision")?)?,
                        })
                    })
                    .collect()
            }

            async fn revision_answers(&self, id: Uuid, revision: u32) -> StoreResult<Option<domain::forms::Answers>> {
                let answers: Option<String> = sqlx::query_scalar(
                    "SELECT answers FROM notification_revisions WHERE notification_id = $1 AND revision = $2",
                )
                .bind(id)
                .bind(revision_column(revision)?)
                .fetch_optional(&self.pool)
                .await?;
                answers
                    .map(|answers| serde_json::from_str(&answers))
                    .transpose()
                    .map_err(|error| StoreError::Corrupt(format!("revision answers: {error}")))
            }

            async fn latest_change(&self) -> StoreResult<i64> {
                let latest: Option<i64> = sqlx::query_scalar("SELECT MAX(seq) FROM notification_events")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(latest.unwrap_or(0))
            }

            async fn changes(
                &self,
                scope: &NotificationScope,
                after: i64,
                limit: i64,
            ) -> StoreResult<Vec<StoredChange>> {
                let (condition, code) = scope_condition(scope);
                // `$1` is the scope's code, NULL for the national scope (whose condition needs none); it
                // is named in the SQL either way, so that PostgreSQL knows the type of every parameter.
                let sql = format!(
                    "SELECT e.seq, e.notification_id, e.action, e.at FROM notification_events e \
                     JOIN notifications n ON n.id = e.notification_id \
                     JOIN health_centers h ON h.code = n.health_center_code \
                     WHERE ({condition} OR $1 IS NULL) AND e.seq > $2 ORDER BY e.seq LIMIT $3"
                );
                let rows = sqlx::query(&sql)
                    .bind(code)
                    .bind(after)
                    .bind(limit)
                    .fetch_all(&self.pool)
                .await?;
                rows.iter()
                    .map(|row| {
                        Ok(StoredChange {
                            seq: row.try_get("seq")?,
                            id: row.try_get("notification_id")?,
                            action: parse_column(row.try_get("action")?)?,
                            at: row.try_get("at")?,
                        })
                    })
                    .collect()
            }

            async fn health_center(&self, code: &str) -> StoreResult<Option<Organization>> {
                let row = sqlx::query("SELECT code, name FROM health_centers WHERE code = $1")
                    .bind(code)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(|row| Ok(Organization { code: row.try_get("code")?, name: row.try_get("name")? })).transpose()
            }

            async fn health_centers(&self) -> StoreResult<Vec<Organization>> {
                organizations(&self.pool, "SELECT code, name FROM health_centers ORDER BY code").await
            }

            async fn prefectures(&self) -> StoreResult<Vec<Organization>> {
                organizations(&self.pool, "SELECT code, name FROM prefectures ORDER BY code").await
            }

            async fn audit(&self, entry: AuditEntry) -> StoreResult<()> {
                let mut connection = self.pool.acquire().await?;
                insert_audit(&mut connection, &entry).await
            }

            async fn audit_records(&self, after_position: i64, limit: i64) -> StoreResult<Vec<ChainedRecord>> {
                let rows = sqlx::query(&format!(
                    "{SELECT_AUDIT} WHERE chain_position > $1 ORDER BY chain_position LIMIT $2"
                ))
                .bind(after_position)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?;
                rows.iter().map(chained_record).collect()
            }

            async fn unchained_audit_records(&self) -> StoreResult<u64> {
                let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE chain_position IS NULL")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(count.unsigned_abs())
            }

            async fn chain_audit_records(&self, limit: i64) -> StoreResult<u64> {
                let mut tx = $crate::store::begin_write(&self.writer).await?;
                if let Some(lock) = super::AUDIT_CHAIN_LOCK {
                    sqlx::query(lock).execute(&mut *tx).await?;
                }
                let (mut position, mut prev_hash) = chain_head(&mut tx).await?;
                let pending = sqlx::query(&format!(
                    "{SELECT_AUDIT} WHERE chain_position IS NULL ORDER BY seq LIMIT $1"
                ))
                .bind(limit)
                .fetch_all(&mut *tx)
                .await?;
                if pending.is_empty() {
                    tx.commit().await?;
                    return Ok(0);
                }
                // The hashes are computed here, in chain order; then one statement links the whole batch
                // (an UPDATE per record was a round trip each: under load the chainer fell behind).
                let mut links = Vec::with_capacity(pending.len());
                for row in &pending {
                    let hash = chain_hash(&prev_hash, &stored_entry(row)?);
                    position += 1;
                    links.push((row.try_get::<i64, _>("seq")?, position, std::mem::replace(&mut prev_hash, hash.clone()), hash));
                }
                let mut link = sqlx::QueryBuilder::<$db>::new("WITH link (seq, chain_position, prev_hash, hash) AS (");
                link.push_values(&links, |mut values, (seq, position, prev_hash, hash)| {
                    values.push_bind(*seq).push_bind(*position).push_bind(prev_hash.clone()).push_bind(hash.clone());
                });
                link.push(
                    ") UPDATE audit_log SET chain_position = link.chain_position, prev_hash = link.prev_hash, \
                     hash = link.hash FROM link WHERE audit_log.seq = link.seq",
                );
                link.build().execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(pending.len() as u64)
            }

            async fn ping(&self) -> StoreResult<()> {
                sqlx::query("SELECT 1").execute(&self.writer).await?;
                Ok(())
            }

            async fn backup(&self, destination: &std::path::Path) -> StoreResult<()> {
                super::backup_into(&self.pool, destination).await
            }

            async fn audit_all(&self, entries: Vec<AuditEntry>) -> StoreResult<()> {
                let mut tx = $crate::store::begin_write(&self.writer).await?;
                for entry in &entries {
                    insert_audit(&mut *tx, entry).await?;
                }
                tx.commit().await?;
                Ok(())
            }
        }
        }
    };
}

pub(super) use store_impl;
