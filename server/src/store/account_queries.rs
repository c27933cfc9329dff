//! The SQL of [`super::AccountStore`], written once and instantiated per back end like
//! [`super::queries`]. Bulk writes go in multi-row statements of [`CHUNK`] rows (a 10,000-row
//! issuance or a 180,000-row master would otherwise be that many round trips).

/// Rows per multi-row statement: well under both engines' limit on bound parameters.
pub(super) const CHUNK: usize = 500;

/// Implements `AccountStore` for `$store` (a struct with `pool` and `writer` fields, `sqlx::Pool<$db>`: reads, and writes).
macro_rules! account_store_impl {
    ($store:ident, $db:ty) => {
        mod account_sql {
            use super::$store;
            use $crate::store::{column_name, parse_column};
            use async_trait::async_trait;
            use domain::api::{
                AccountChange, AccountClass, LetterState, LetterStatus, ManagedAccount, MasterKind, Organization,
                PasswordChangeReason,
            };
            use sqlx::{QueryBuilder, Row};
            use time::OffsetDateTime;
            use uuid::Uuid;

            use domain::api::RequestState;
            use $crate::store::account_queries::CHUNK;
            use $crate::store::mail_queries::LETTERS;
            use $crate::store::identity::affiliation_columns;
            use $crate::store::accounts::{
                account_state, count_column, InstitutionSource, };
            use $crate::store::{
                AccountStore, AuditEntry, CredentialsTake, ManagedScope, DueLetter, ExistingPerson, FactorSetting, InstitutionEntry,
                MasterEntry, MasterImport, NewBatch, StoreResult,
            };

            /// Appends the records to the audit hash chain one by one (the chain is linear), inside the
            /// caller's transaction.
            async fn insert_audits(
                connection: &mut <$db as sqlx::Database>::Connection,
                entries: &[AuditEntry],
            ) -> StoreResult<()> {
                for entry in entries {
                    super::notification_sql::insert_audit(&mut *connection, entry).await?;
                }
                Ok(())
            }

            fn institution_entry(row: &<$db as sqlx::Database>::Row) -> StoreResult<InstitutionEntry> {
                Ok(InstitutionEntry {
                    institution: Organization { code: row.try_get("code")?, name: row.try_get("name")? },
                    class: parse_column(row.try_get("class")?)?,
                    health_center_code: row.try_get("health_center_code")?,
                    prefecture_code: row.try_get("prefecture_code")?,
                    manager_institution: row.try_get("manager_institution_code")?,
                })
            }

            /// `SELECT … WHERE column IN (codes)`, in chunks.
            async fn rows_with_codes(
                pool: &sqlx::Pool<$db>,
                select: &str,
                column: &str,
                codes: &[String],
            ) -> StoreResult<Vec<<$db as sqlx::Database>::Row>> {
                let mut rows = Vec::new();
                for chunk in codes.chunks(CHUNK) {
                    let mut query = QueryBuilder::<$db>::new(format!("{select} WHERE {column} IN ("));
                    let mut list = query.separated(", ");
                    for code in chunk {
                        list.push_bind(code.clone());
                    }
                    list.push_unseparated(")");
                    rows.extend(query.build().fetch_all(pool).await?);
                }
                Ok(rows)
            }

            /// The joins that find an account's organization and 都道府県等 (`jurisdiction`).
            const ACCOUNT_JURISDICTION: &str = "FROM users u \
                 LEFT JOIN institutions i ON i.code = u.institution_code \
                 LEFT JOIN health_centers ih ON ih.code = i.health_center_code \
                 LEFT JOIN health_centers h ON h.code = u.health_center_code \
                 LEFT JOIN prefectures p ON p.code = u.prefecture_code";
            const JURISDICTION: &str = "COALESCE(u.prefecture_code, h.prefecture_code, ih.prefecture_code)";

            /// The institution whose user manager asks for the staff of institution `i`: its own, unless
            /// it was registered for another institution's request (migration 0052). [`MANAGED_INSTITUTIONS`]
            /// is the same rule read the other way.
            const MANAGER_INSTITUTION: &str = "COALESCE(i.manager_institution_code, i.code)";
            /// The institutions whose staff the user manager of institution `$1` asks for (as a
            /// disjunction, so that both codes are looked up through an index).
            const MANAGED_INSTITUTIONS: &str =
                "SELECT code FROM institutions WHERE code = $1 OR manager_institution_code = $1";

            /// The columns of an account as its administrators see it, with its organization (from
            /// [`ACCOUNT_JURISDICTION`]'s joins).
            const MANAGED_ACCOUNT_COLUMNS: &str = "u.user_id, u.display_name, u.role, u.status, \
                 u.may_download_records, u.contact_phone, u.contact_email, u.second_factor, \
                 COALESCE(i.code, h.code, p.code) AS organization_code, \
                 COALESCE(i.name, h.name, p.name) AS organization_name";

            fn managed_account(row: &<$db as sqlx::Database>::Row) -> StoreResult<ManagedAccount> {
                Ok(ManagedAccount {
                    user_id: row.try_get("user_id")?,
                    display_name: row.try_get("display_name")?,
                    role: parse_column(row.try_get("role")?)?,
                    organization: Organization {
                        code: row.try_get("organization_code")?,
                        name: row.try_get("organization_name")?,
                    },
                    state: account_state(parse_column(row.try_get("status")?)?),
                    may_download_records: row.try_get("may_download_records")?,
                    contact_phone: row.try_get("contact_phone")?,
                    contact_email: row.try_get("contact_email")?,
                    second_factor: parse_column(row.try_get("second_factor")?)?,
                })
            }

            #[async_trait]
            impl AccountStore for $store {
                async fn master_entries(&self, kind: MasterKind) -> StoreResult<Vec<MasterEntry>> {
                    if kind == MasterKind::SentinelDesignations {
                        return super::sentinel_sql::designation_entries(&self.pool).await;
                    }
                    let sql = match kind {
                        MasterKind::HealthCenters => {
                            "SELECT h.code, h.name, h.prefecture_code AS parent_code, NULL AS class, \
                             p.name AS prefecture_name, h.email, '' AS particulars \
                             FROM health_centers h JOIN prefectures p ON p.code = h.prefecture_code"
                        }
                        _ => {
                            "SELECT code, name, health_center_code AS parent_code, class, \
                             NULL AS prefecture_name, particulars FROM institutions"
                        }
                    };
                    let rows = sqlx::query(sql).fetch_all(&self.pool).await?;
                    rows.iter()
                        .map(|row| {
                            let class: Option<String> = row.try_get("class")?;
                            let prefecture_name: Option<String> = row.try_get("prefecture_name")?;
                            Ok(MasterEntry {
                                code: row.try_get("code")?,
                                name: row.try_get("name")?,
                                parent_code: row.try_get("parent_code")?,
                                class: class.as_deref().map(parse_column).transpose()?,
                                particulars: match prefecture_name {
                                    Some(prefecture_name) => $crate::masters::HealthCenterParticulars {
                                        prefecture_name,
                                        email: row.try_get("email")?,
                                    }
                                    .to_json(),
                                    None => row.try_get("particulars")?,
                                },
                            })
                        })
                        .collect()
                }

                async fn apply_master_import(&self, import: &MasterImport) -> StoreResult<()> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    sqlx::query(
                        "INSERT INTO master_imports (id, kind, imported_at, imported_by, created, updated, unchanged) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(import.id)
                    .bind(import.kind.path_segment())
                    .bind(import.at)
                    .bind(&import.actor)
                    .bind(count_column(import.created))
                    .bind(count_column(u32::try_from(import.replaced.len()).unwrap_or(u32::MAX)))
                    .bind(count_column(import.unchanged))
                    .execute(&mut *tx)
                    .await?;
                    for chunk in import.prefectures.chunks(CHUNK) {
                        let mut upsert = QueryBuilder::<$db>::new("INSERT INTO prefectures (code, name) ");
                        upsert.push_values(chunk, |mut row, (code, name)| {
                            row.push_bind(code.clone()).push_bind(name.clone());
                        });
                        upsert.push(" ON CONFLICT (code) DO UPDATE SET name = excluded.name");
                        upsert.build().execute(&mut *tx).await?;
                    }
                    if import.kind == MasterKind::SentinelDesignations {
                        super::sentinel_sql::upsert_designations(&mut tx, &import.upserts).await?;
                    }
                    for chunk in import.upserts.chunks(CHUNK).filter(|_| import.kind != MasterKind::SentinelDesignations) {
                        let mut upsert = match import.kind {
                            MasterKind::HealthCenters => {
                                let mut upsert = QueryBuilder::<$db>::new(
                                    "INSERT INTO health_centers (code, name, prefecture_code, email) ",
                                );
                                upsert.push_values(chunk, |mut row, entry| {
                                    let particulars = $crate::masters::HealthCenterParticulars::of(entry);
                                    row.push_bind(entry.code.clone())
                                        .push_bind(entry.name.clone())
                                        .push_bind(entry.parent_code.clone())
                                        .push_bind(particulars.and_then(|particulars| particulars.email));
                                });
                                upsert.push(
                                    " ON CONFLICT (code) DO UPDATE SET name = excluded.name, \
                                     prefecture_code = excluded.prefecture_code, email = excluded.email",
                                );
                                upsert
                            }
                            _ => {
                                let mut upsert = QueryBuilder::<$db>::new(
                                    "INSERT INTO institutions (code, name, health_center_code, class, particulars, source) ",
                                );
                                upsert.push_values(chunk, |mut row, entry| {
                                    row.push_bind(entry.code.clone())
                                        .push_bind(entry.name.clone())
                                        .push_bind(entry.parent_code.clone())
                                        .push_bind(entry.class.map(column_name))
                                        .push_bind(entry.particulars.clone())
                                        .push_bind(column_name(InstitutionSource::Master));
                                });
                                upsert.push(
                                    " ON CONFLICT (code) DO UPDATE SET name = excluded.name, \
                                     health_center_code = excluded.health_center_code, class = excluded.class, \
                                     particulars = excluded.particulars, source = excluded.source",
                                );
                                upsert
                            }
                        };
                        upsert.build().execute(&mut *tx).await?;
                    }
                    for chunk in import.replaced.chunks(CHUNK) {
                        let mut history =
                            QueryBuilder::<$db>::new("INSERT INTO master_history (import_id, kind, code, previous) ");
                        history.push_values(chunk, |mut row, entry| {
                            row.push_bind(import.id)
                                .push_bind(import.kind.path_segment())
                                .push_bind(entry.code.clone())
                                .push_bind(serde_json::to_string(entry).unwrap_or_default());
                        });
                        history.build().execute(&mut *tx).await?;
                    }
                    insert_audits(&mut tx, std::slice::from_ref(&import.audit)).await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn institutions_by_code(&self, codes: &[String]) -> StoreResult<Vec<InstitutionEntry>> {
                    let select = format!(
                        "SELECT i.code, i.name, i.class, i.health_center_code, h.prefecture_code, \
                         {MANAGER_INSTITUTION} AS manager_institution_code \
                         FROM institutions i JOIN health_centers h ON h.code = i.health_center_code"
                    );
                    let rows = rows_with_codes(&self.pool, &select, "i.code", codes).await?;
                    rows.iter().map(institution_entry).collect()
                }

                async fn register_institution(&self, entry: &MasterEntry, audit: &AuditEntry) -> StoreResult<bool> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    let inserted = sqlx::query(
                        "INSERT INTO institutions (code, name, health_center_code, class, particulars, source) \
                         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING",
                    )
                    .bind(&entry.code)
                    .bind(&entry.name)
                    .bind(&entry.parent_code)
                    .bind(entry.class.map(column_name))
                    .bind(&entry.particulars)
                    .bind(column_name(InstitutionSource::Registered))
                    .execute(&mut *tx)
                    .await?;
                    if inserted.rows_affected() != 1 {
                        tx.rollback().await?;
                        return Ok(false);
                    }
                    insert_audits(&mut tx, std::slice::from_ref(audit)).await?;
                    tx.commit().await?;
                    Ok(true)
                }

                async fn registered_institutions(&self, health_center_codes: &[String]) -> StoreResult<Vec<MasterEntry>> {
                    // A subquery, as `rows_with_codes` adds the WHERE (both databases flatten it).
                    let select = format!(
                        "SELECT code, name, health_center_code, class, particulars FROM \
                         (SELECT * FROM institutions WHERE source = '{}') registered",
                        column_name(InstitutionSource::Registered)
                    );
                    let rows = rows_with_codes(&self.pool, &select, "health_center_code", health_center_codes).await?;
                    rows.iter()
                        .map(|row| {
                            let class: String = row.try_get("class")?;
                            Ok(MasterEntry {
                                code: row.try_get("code")?,
                                name: row.try_get("name")?,
                                parent_code: row.try_get("health_center_code")?,
                                class: Some(parse_column(&class)?),
                                particulars: row.try_get("particulars")?,
                            })
                        })
                        .collect()
                }

                async fn registered_institution_count(&self) -> StoreResult<u32> {
                    let row = sqlx::query("SELECT COUNT(*) AS n FROM institutions WHERE source = $1")
                        .bind(column_name(InstitutionSource::Registered))
                        .fetch_one(&self.pool)
                        .await?;
                    Ok(u32::try_from(row.try_get::<i64, _>("n")?).unwrap_or(u32::MAX))
                }

                async fn pending_letter_count(&self) -> StoreResult<u32> {
                    let row = sqlx::query("SELECT COUNT(*) AS n FROM account_letters WHERE state = $1")
                        .bind(column_name(LetterState::Pending))
                        .fetch_one(&self.pool)
                        .await?;
                    Ok(u32::try_from(row.try_get::<i64, _>("n")?).unwrap_or(u32::MAX))
                }

                async fn people_at(&self, institution_codes: &[String]) -> StoreResult<Vec<ExistingPerson>> {
                    let select = "SELECT institution_code, role, display_name, contact_email FROM users";
                    let rows = rows_with_codes(&self.pool, select, "institution_code", institution_codes).await?;
                    let mut people = Vec::with_capacity(rows.len());
                    for row in &rows {
                        // Only the filing roles have a class; a user manager is not an applicant's double.
                        let Some(class) = AccountClass::of_role(parse_column(row.try_get("role")?)?) else { continue };
                        people.push(ExistingPerson {
                            institution_code: row.try_get("institution_code")?,
                            class,
                            display_name: row.try_get("display_name")?,
                            contact_email: row.try_get("contact_email")?,
                        });
                    }
                    Ok(people)
                }

                async fn issue_batch(&self, batch: &NewBatch) -> StoreResult<bool> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    sqlx::query(
                        "INSERT INTO account_batches (id, prefecture_code, issued_by, issued_at, accounts, credentials) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(batch.id)
                    .bind(&batch.prefecture_code)
                    .bind(&batch.issued_by)
                    .bind(batch.issued_at)
                    .bind(count_column(u32::try_from(batch.users.len()).unwrap_or(u32::MAX)))
                    .bind(&batch.sealed_credentials)
                    .execute(&mut *tx)
                    .await?;
                    let initial = column_name(PasswordChangeReason::Initial);
                    for chunk in batch.users.chunks(CHUNK) {
                        let mut users = QueryBuilder::<$db>::new(
                            "INSERT INTO users (user_id, display_name, password_hash, role, institution_code, \
                             health_center_code, prefecture_code, email, phone, second_factor, \
                             password_change_reason, may_download_records, contact_phone, contact_email, batch_id) ",
                        );
                        users.push_values(chunk, |mut row, issued| {
                            let [institution, health_center, prefecture] =
                                affiliation_columns(&issued.affiliation).map(|code| code.map(str::to_owned));
                            row.push_bind(issued.user_id.clone())
                                .push_bind(issued.display_name.clone())
                                .push_bind(issued.password_hash.clone())
                                .push_bind(column_name(issued.role))
                                .push_bind(institution)
                                .push_bind(health_center)
                                .push_bind(prefecture)
                                .push_bind(issued.factor.email.clone())
                                .push_bind(issued.factor.phone.clone())
                                .push_bind(column_name(issued.factor.method))
                                .push_bind(initial)
                                .push_bind(issued.may_download_records)
                                .push_bind(issued.contact_phone.clone())
                                .push_bind(issued.contact_email.clone())
                                .push_bind(batch.id);
                        });
                        users.build().execute(&mut *tx).await?;
                        let mut letters = QueryBuilder::<$db>::new(
                            "INSERT INTO account_letters (user_id, recipient, sealed_body, state, next_attempt_at) ",
                        );
                        letters.push_values(chunk, |mut row, issued| {
                            row.push_bind(issued.user_id.clone())
                                .push_bind(issued.contact_email.clone())
                                .push_bind(issued.sealed_letter.clone())
                                .push_bind(column_name(LetterState::Pending))
                                .push_bind(batch.issued_at);
                        });
                        letters.build().execute(&mut *tx).await?;
                    }
                    if let Some(approval) = &batch.approves {
                        // Last, so that the request is decided only together with everything else.
                        let approved = sqlx::query(
                            "UPDATE account_requests SET state = $6, decided_by = $2, decided_at = $3, \
                             batch_id = $4, issued = $5 WHERE id = $1 AND state = $7",
                        )
                        .bind(approval.request_id)
                        .bind(&batch.issued_by)
                        .bind(batch.issued_at)
                        .bind(batch.id)
                        .bind(&approval.issued)
                        .bind(column_name(RequestState::Approved))
                        .bind(column_name(RequestState::Pending))
                        .execute(&mut *tx)
                        .await?;
                        if approved.rows_affected() != 1 {
                            return Ok(false);
                        }
                        // An institution registered for this request (A-5: missing from the master) is
                        // the requesting institution's user manager's to ask for from now on.
                        sqlx::query(
                            "UPDATE institutions SET manager_institution_code = r.institution_code \
                             FROM account_requests r WHERE r.id = $1 AND institutions.source = $3 \
                             AND institutions.manager_institution_code IS NULL \
                             AND institutions.code <> r.institution_code \
                             AND institutions.code IN (SELECT institution_code FROM users WHERE batch_id = $2)",
                        )
                        .bind(approval.request_id)
                        .bind(batch.id)
                        .bind(column_name(InstitutionSource::Registered))
                        .execute(&mut *tx)
                        .await?;
                    }
                    insert_audits(&mut tx, &batch.audit).await?;
                    tx.commit().await?;
                    Ok(true)
                }

                async fn take_credentials(
                    &self,
                    batch_id: Uuid,
                    prefecture_code: Option<&str>,
                    now: OffsetDateTime,
                ) -> StoreResult<CredentialsTake> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    let row = sqlx::query("SELECT credentials FROM account_batches WHERE id = $1 AND prefecture_code IS NOT DISTINCT FROM $2")
                        .bind(batch_id)
                        .bind(prefecture_code)
                        .fetch_optional(&mut *tx)
                        .await?;
                    let Some(row) = row else { return Ok(CredentialsTake::NotFound) };
                    let Some(sealed) = row.try_get::<Option<String>, _>("credentials")? else {
                        return Ok(CredentialsTake::AlreadyDownloaded);
                    };
                    // The condition makes a concurrent second download find nothing to take.
                    let taken = sqlx::query(
                        "UPDATE account_batches SET credentials = NULL, downloaded_at = $2 \
                         WHERE id = $1 AND credentials IS NOT NULL",
                    )
                    .bind(batch_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    if taken.rows_affected() != 1 {
                        return Ok(CredentialsTake::AlreadyDownloaded);
                    }
                    tx.commit().await?;
                    Ok(CredentialsTake::Taken(sealed))
                }

                async fn claim_due_letters(
                    &self,
                    now: OffsetDateTime,
                    claimed_until: OffsetDateTime,
                    limit: u32,
                ) -> StoreResult<Vec<DueLetter>> {
                    let rows = super::mail_sql::claim_due(&self.writer, &LETTERS, now, claimed_until, limit).await?;
                    rows.iter()
                        .filter_map(|row| {
                            let body: Option<String> = row.try_get("sealed_body").ok()?;
                            Some((row, body?))
                        })
                        .map(|(row, sealed_body)| {
                            Ok(DueLetter {
                                user_id: row.try_get("user_id")?,
                                recipient: row.try_get("recipient")?,
                                sealed_body,
                                attempts: u32::try_from(row.try_get::<i32, _>("attempts")?).unwrap_or(0),
                            })
                        })
                        .collect()
                }

                async fn letter_sent(&self, user_id: &str, now: OffsetDateTime) -> StoreResult<()> {
                    super::mail_sql::mark_sent(&self.writer, &LETTERS, &[user_id.to_owned()], now).await
                }

                async fn letter_failed(
                    &self,
                    user_id: &str,
                    error: &str,
                    retry_at: Option<OffsetDateTime>,
                ) -> StoreResult<()> {
                    super::mail_sql::mark_failed(&self.writer, &LETTERS, user_id.to_owned(), error, retry_at).await
                }

                async fn replace_letter(
                    &self,
                    user_id: &str,
                    recipient: &str,
                    sealed_body: &str,
                    now: OffsetDateTime,
                ) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO account_letters (user_id, recipient, sealed_body, state, next_attempt_at) \
                         VALUES ($1, $2, $3, $5, $4) \
                         ON CONFLICT (user_id) DO UPDATE SET recipient = excluded.recipient, \
                         sealed_body = excluded.sealed_body, state = excluded.state, attempts = 0, last_error = NULL, \
                         next_attempt_at = excluded.next_attempt_at, claimed_until = NULL, sent_at = NULL",
                    )
                    .bind(user_id)
                    .bind(recipient)
                    .bind(sealed_body)
                    .bind(now)
                    .bind(column_name(LetterState::Pending))
                    .execute(&self.writer)
                    .await?;
                    Ok(())
                }

                async fn account_prefecture(&self, user_id: &str) -> StoreResult<Option<String>> {
                    let row = sqlx::query(&format!(
                        "SELECT {JURISDICTION} AS prefecture_code {ACCOUNT_JURISDICTION} WHERE u.user_id = $1"
                    ))
                    .bind(user_id)
                    .fetch_optional(&self.pool)
                    .await?;
                    Ok(row.map(|row| row.try_get("prefecture_code")).transpose()?.flatten())
                }

                async fn contact_email(&self, user_id: &str) -> StoreResult<Option<String>> {
                    let row = sqlx::query("SELECT contact_email FROM users WHERE user_id = $1")
                        .bind(user_id)
                        .fetch_optional(&self.pool)
                        .await?;
                    Ok(row.map(|row| row.try_get("contact_email")).transpose()?.flatten())
                }

                async fn managed_accounts(&self, scope: &ManagedScope) -> StoreResult<Vec<ManagedAccount>> {
                    let (condition, code) = match scope {
                        ManagedScope::Jurisdiction(code) => (format!("{JURISDICTION} = $1"), code),
                        ManagedScope::Institution(code) => {
                            (format!("u.institution_code IN ({MANAGED_INSTITUTIONS})"), code)
                        }
                    };
                    let sql = format!(
                        "SELECT {MANAGED_ACCOUNT_COLUMNS} {ACCOUNT_JURISDICTION} WHERE {condition} ORDER BY u.user_id"
                    );
                    let rows = sqlx::query(&sql).bind(code).fetch_all(&self.pool).await?;
                    rows.iter().map(managed_account).collect()
                }

                async fn managed_account(&self, user_id: &str) -> StoreResult<Option<ManagedAccount>> {
                    let sql = format!("SELECT {MANAGED_ACCOUNT_COLUMNS} {ACCOUNT_JURISDICTION} WHERE u.user_id = $1");
                    let row = sqlx::query(&sql).bind(user_id).fetch_optional(&self.pool).await?;
                    row.as_ref().map(managed_account).transpose()
                }

                async fn update_account(
                    &self,
                    user_id: &str,
                    change: &AccountChange,
                    factor: Option<&FactorSetting>,
                ) -> StoreResult<()> {
                    sqlx::query(
                        "UPDATE users SET display_name = COALESCE($2, display_name), \
                         contact_phone = COALESCE($3, contact_phone), contact_email = COALESCE($4, contact_email), \
                         may_download_records = COALESCE($5, may_download_records), \
                         second_factor = COALESCE($6, second_factor), \
                         email = CASE WHEN $6 IS NULL THEN email ELSE $7 END, \
                         phone = CASE WHEN $6 IS NULL THEN phone ELSE $8 END WHERE user_id = $1",
                    )
                    .bind(user_id)
                    .bind(&change.display_name)
                    .bind(&change.contact_phone)
                    .bind(&change.contact_email)
                    .bind(change.may_download_records)
                    .bind(factor.map(|factor| column_name(factor.method)))
                    .bind(factor.and_then(|factor| factor.email.clone()))
                    .bind(factor.and_then(|factor| factor.phone.clone()))
                    .execute(&self.writer)
                    .await?;
                    Ok(())
                }

                async fn letters(&self, prefecture_code: &str) -> StoreResult<Vec<LetterStatus>> {
                    let rows = sqlx::query(
                        "SELECT l.user_id, u.display_name, l.recipient, l.state, l.attempts, l.last_error, l.sent_at \
                         FROM account_letters l JOIN users u ON u.user_id = l.user_id \
                         JOIN institutions i ON i.code = u.institution_code \
                         JOIN health_centers h ON h.code = i.health_center_code \
                         WHERE h.prefecture_code = $1 ORDER BY l.user_id",
                    )
                    .bind(prefecture_code)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter()
                        .map(|row| {
                            Ok(LetterStatus {
                                user_id: row.try_get("user_id")?,
                                display_name: row.try_get("display_name")?,
                                to: row.try_get("recipient")?,
                                state: parse_column(row.try_get("state")?)?,
                                attempts: u32::try_from(row.try_get::<i32, _>("attempts")?).unwrap_or(0),
                                last_error: row.try_get("last_error")?,
                                sent_at: row.try_get("sent_at")?,
                            })
                        })
                        .collect()
                }
            }
        }
    };
}

pub(super) use account_store_impl;
