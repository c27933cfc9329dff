//! The SQL of [`super::IdentityStore`], written once and instantiated per back end like
//! [`super::queries`].

/// Implements `IdentityStore` for `$store` (a struct with `pool` and `writer` fields, `sqlx::Pool<$db>`: reads, and writes).
macro_rules! identity_store_impl {
    ($store:ident, $db:ty) => {
        mod identity_sql {
            use super::$store;
            use $crate::store::{column_name, parse_column};
            use async_trait::async_trait;
            use domain::api::{Organization, PasswordChangeReason, Role};
            use sqlx::Row;
            use time::OffsetDateTime;
            use uuid::Uuid;

            use $crate::auth::throttle::Failures;
            use $crate::store::identity::{
                affiliation, affiliation_columns, };
            use $crate::store::{
                Account, AccountStatus, Affiliation, AuditEntry, Ceremony, CodePurpose, CodeRecord, FactorSetting, IdentityStore,
                LoginAccount, NewUser, PasswordState, SessionRecord, StoreResult, StoredPasskey, NATIONAL_ORGANIZATION,
            };

            const SELECT_ACCOUNT: &str = "SELECT u.user_id, u.display_name, u.role, u.status, u.email, u.phone, \
                 u.second_factor, u.password_changed_at, u.password_change_reason, u.password_hash, \
                 u.may_download_records, u.institution_code, u.health_center_code, u.prefecture_code, \
                 COALESCE(i.name, h.name, p.name) AS organization_name";
            const ACCOUNT_JOINS: &str = "LEFT JOIN institutions i ON i.code = u.institution_code \
                 LEFT JOIN health_centers h ON h.code = u.health_center_code \
                 LEFT JOIN prefectures p ON p.code = u.prefecture_code";

            fn account(row: &<$db as sqlx::Database>::Row) -> StoreResult<Account> {
                let reason: Option<String> = row.try_get("password_change_reason")?;
                let affiliation = affiliation(
                    row.try_get("institution_code")?,
                    row.try_get("health_center_code")?,
                    row.try_get("prefecture_code")?,
                );
                let organization = match &affiliation {
                    Affiliation::Institution(code)
                    | Affiliation::HealthCenter(code)
                    | Affiliation::Prefecture(code) => {
                        Organization { code: code.clone(), name: row.try_get("organization_name")? }
                    }
                    Affiliation::National => Organization {
                        code: NATIONAL_ORGANIZATION.0.to_owned(),
                        name: NATIONAL_ORGANIZATION.1.to_owned(),
                    },
                };
                Ok(Account {
                    user_id: row.try_get("user_id")?,
                    display_name: row.try_get("display_name")?,
                    role: parse_column(row.try_get("role")?)?,
                    affiliation,
                    organization,
                    may_download_records: row.try_get("may_download_records")?,
                    status: parse_column(row.try_get("status")?)?,
                    password: PasswordState {
                        changed_at: row.try_get("password_changed_at")?,
                        issued_because: reason.as_deref().map(parse_column).transpose()?,
                    },
                    factor: FactorSetting {
                        method: parse_column(row.try_get("second_factor")?)?,
                        email: row.try_get("email")?,
                        phone: row.try_get("phone")?,
                    },
                })
            }

            fn code(row: &<$db as sqlx::Database>::Row) -> StoreResult<CodeRecord> {
                Ok(CodeRecord {
                    id: row.try_get("id")?,
                    user_id: row.try_get("user_id")?,
                    purpose: parse_column(row.try_get("purpose")?)?,
                    method: parse_column(row.try_get("method")?)?,
                    destination: row.try_get("destination")?,
                    code_hash: row.try_get("code_hash")?,
                    session_token_hash: row.try_get("session_token_hash")?,
                    created_at: row.try_get("created_at")?,
                    expires_at: row.try_get("expires_at")?,
                    failed_attempts: u32::try_from(row.try_get::<i32, _>("failed_attempts")?).unwrap_or(u32::MAX),
                    used_at: row.try_get("used_at")?,
                })
            }

            #[async_trait]
            impl IdentityStore for $store {
                async fn put_user(&self, user: NewUser<'_>, audit: &[AuditEntry]) -> StoreResult<()> {
                    let [institution, health_center, prefecture] = affiliation_columns(&user.affiliation);
                    let reason = user.password_changed_at.is_none().then(|| column_name(PasswordChangeReason::Initial));
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    sqlx::query(
                        "INSERT INTO users (user_id, display_name, password_hash, role, institution_code, \
                         health_center_code, prefecture_code, may_download_records, email, phone, second_factor, \
                         password_changed_at, password_change_reason) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
                    )
                    .bind(user.user_id)
                    .bind(user.display_name)
                    .bind(user.password_hash)
                    .bind(column_name(user.role))
                    .bind(institution)
                    .bind(health_center)
                    .bind(prefecture)
                    .bind(user.may_download_records)
                    .bind(&user.factor.email)
                    .bind(&user.factor.phone)
                    .bind(column_name(user.factor.method))
                    .bind(user.password_changed_at)
                    .bind(reason)
                    .execute(&mut *tx)
                    .await?;
                    for entry in audit {
                        super::notification_sql::insert_audit(&mut *tx, entry).await?;
                    }
                    tx.commit().await?;
                    Ok(())
                }

                async fn has_users(&self) -> StoreResult<bool> {
                    let row = sqlx::query("SELECT COUNT(*) AS n FROM users").fetch_one(&self.pool).await?;
                    Ok(row.try_get::<i64, _>("n")? > 0)
                }

                async fn has_account_with_role(&self, role: Role) -> StoreResult<bool> {
                    let row = sqlx::query("SELECT COUNT(*) AS n FROM users WHERE role = $1 AND status <> $2")
                        .bind(column_name(role))
                        .bind(column_name(AccountStatus::Deleted))
                        .fetch_one(&self.pool)
                        .await?;
                    Ok(row.try_get::<i64, _>("n")? > 0)
                }

                async fn login_account(&self, user_id: &str) -> StoreResult<Option<LoginAccount>> {
                    let row = sqlx::query(&format!("{SELECT_ACCOUNT} FROM users u {ACCOUNT_JOINS} WHERE u.user_id = $1"))
                        .bind(user_id)
                        .fetch_optional(&self.pool)
                        .await?;
                    row.map(|row| Ok(LoginAccount { account: account(&row)?, password_hash: row.try_get("password_hash")? }))
                        .transpose()
                }

                async fn set_password(
                    &self,
                    user_id: &str,
                    password_hash: &str,
                    now: OffsetDateTime,
                    issued_because: Option<PasswordChangeReason>,
                ) -> StoreResult<()> {
                    let changed_at = issued_because.is_none().then_some(now);
                    sqlx::query(
                        "UPDATE users SET password_hash = $2, password_changed_at = $3, password_change_reason = $4 \
                         WHERE user_id = $1",
                    )
                    .bind(user_id)
                    .bind(password_hash)
                    .bind(changed_at)
                    .bind(issued_because.map(column_name))
                    .execute(&self.writer)
                    .await?;
                    Ok(())
                }

                async fn set_factor(&self, user_id: &str, factor: &FactorSetting) -> StoreResult<()> {
                    sqlx::query("UPDATE users SET second_factor = $2, email = $3, phone = $4 WHERE user_id = $1")
                        .bind(user_id)
                        .bind(column_name(factor.method))
                        .bind(&factor.email)
                        .bind(&factor.phone)
                        .execute(&self.writer)
                        .await?;
                    Ok(())
                }

                async fn set_status(&self, user_id: &str, status: AccountStatus) -> StoreResult<()> {
                    sqlx::query("UPDATE users SET status = $2 WHERE user_id = $1")
                        .bind(user_id)
                        .bind(column_name(status))
                        .execute(&self.writer)
                        .await?;
                    Ok(())
                }

                async fn create_session(&self, token_hash: &str, user_id: &str, now: OffsetDateTime) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)",
                    )
                    .bind(token_hash)
                    .bind(user_id)
                    .bind(now)
                    .execute(&self.writer)
                    .await?;
                    Ok(())
                }

                async fn session(&self, token_hash: &str) -> StoreResult<Option<SessionRecord>> {
                    let row = sqlx::query(&format!(
                        "{SELECT_ACCOUNT}, s.created_at, s.last_seen_at, s.second_factor_at, s.reauthenticated_at \
                         FROM sessions s JOIN users u ON u.user_id = s.user_id {ACCOUNT_JOINS} WHERE s.token_hash = $1"
                    ))
                    .bind(token_hash)
                    .fetch_optional(&self.pool)
                    .await?;
                    let Some(row) = row else { return Ok(None) };
                    Ok(Some(SessionRecord {
                        account: account(&row)?,
                        created_at: row.try_get("created_at")?,
                        last_seen_at: row.try_get("last_seen_at")?,
                        second_factor_at: row.try_get("second_factor_at")?,
                        reauthenticated_at: row.try_get("reauthenticated_at")?,
                    }))
                }

                async fn touch_session(&self, token_hash: &str, now: OffsetDateTime) -> StoreResult<()> {
                    sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1")
                        .bind(token_hash)
                        .bind(now)
                        .execute(&self.writer)
                        .await?;
                    Ok(())
                }

                async fn record_reauthentication(&self, token_hash: &str, now: OffsetDateTime) -> StoreResult<()> {
                    sqlx::query("UPDATE sessions SET reauthenticated_at = $2 WHERE token_hash = $1")
                        .bind(token_hash)
                        .bind(now)
                        .execute(&self.writer)
                        .await?;
                    Ok(())
                }

                async fn complete_second_factor(&self, token_hash: &str, now: OffsetDateTime) -> StoreResult<()> {
                    sqlx::query("UPDATE sessions SET second_factor_at = $2 WHERE token_hash = $1")
                        .bind(token_hash)
                        .bind(now)
                        .execute(&self.writer)
                        .await?;
                    Ok(())
                }

                async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
                    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(&self.writer).await?;
                    Ok(())
                }

                async fn delete_user_sessions(&self, user_id: &str, keep: Option<&str>) -> StoreResult<()> {
                    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> COALESCE($2, '')")
                        .bind(user_id)
                        .bind(keep)
                        .execute(&self.writer)
                        .await?;
                    Ok(())
                }

                async fn insert_code(&self, code: &CodeRecord) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO one_time_codes (id, user_id, purpose, method, destination, code_hash, \
                         session_token_hash, created_at, expires_at, failed_attempts, used_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    )
                    .bind(code.id)
                    .bind(&code.user_id)
                    .bind(column_name(code.purpose))
                    .bind(column_name(code.method))
                    .bind(&code.destination)
                    .bind(&code.code_hash)
                    .bind(&code.session_token_hash)
                    .bind(code.created_at)
                    .bind(code.expires_at)
                    .bind(i32::try_from(code.failed_attempts).unwrap_or(i32::MAX))
                    .bind(code.used_at)
                    .execute(&self.writer)
                    .await?;
                    Ok(())
                }

                async fn latest_code(
                    &self,
                    user_id: &str,
                    purpose: CodePurpose,
                    session_token_hash: Option<&str>,
                ) -> StoreResult<Option<CodeRecord>> {
                    let row = sqlx::query(
                        "SELECT * FROM one_time_codes WHERE user_id = $1 AND purpose = $2 \
                         AND ($3 IS NULL OR session_token_hash = $3) ORDER BY created_at DESC LIMIT 1",
                    )
                    .bind(user_id)
                    .bind(column_name(purpose))
                    .bind(session_token_hash)
                    .fetch_optional(&self.pool)
                    .await?;
                    row.as_ref().map(code).transpose()
                }

                async fn count_codes_since(
                    &self,
                    user_id: &str,
                    purpose: CodePurpose,
                    since: OffsetDateTime,
                ) -> StoreResult<u32> {
                    let row = sqlx::query(
                        "SELECT COUNT(*) AS n FROM one_time_codes WHERE user_id = $1 AND purpose = $2 AND created_at >= $3",
                    )
                    .bind(user_id)
                    .bind(column_name(purpose))
                    .bind(since)
                    .fetch_one(&self.pool)
                    .await?;
                    Ok(u32::try_from(row.try_get::<i64, _>("n")?).unwrap_or(u32::MAX))
                }

                async fn record_code_failure(&self, id: Uuid) -> StoreResult<()> {
                    sqlx::query("UPDATE one_time_codes SET failed_attempts = failed_attempts + 1 WHERE id = $1")
                        .bind(id)
                        .execute(&self.writer)
                        .await?;
                    Ok(())
                }

                async fn use_code(&self, id: Uuid, now: OffsetDateTime) -> StoreResult<bool> {
                    let result = sqlx::query("UPDATE one_time_codes SET used_at = $2 WHERE id = $1 AND used_at IS NULL")
                        .bind(id)
                        .bind(now)
                        .execute(&self.writer)
                        .await?;
                    Ok(result.rows_affected() == 1)
                }

                async fn add_passkey(&self, user_id: &str, passkey: &StoredPasskey, now: OffsetDateTime) -> StoreResult<()> {
                    sqlx::query("INSERT INTO passkeys (id, user_id, credential, created_at) VALUES ($1, $2, $3, $4)")
                        .bind(passkey.id)
                        .bind(user_id)
                        .bind(&passkey.credential)
                        .bind(now)
                        .execute(&self.writer)
                        .await?;
                    Ok(())
                }

                async fn passkeys(&self, user_id: &str) -> StoreResult<Vec<StoredPasskey>> {
                    let rows = sqlx::query("SELECT id, credential FROM passkeys WHERE user_id = $1 ORDER BY created_at")
                        .bind(user_id)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.iter()
                        .map(|row| Ok(StoredPasskey { id: row.try_get("id")?, credential: row.try_get("credential")? }))
                        .collect()
                }

                async fn update_passkey(&self, passkey: &StoredPasskey, now: OffsetDateTime) -> StoreResult<()> {
                    sqlx::query("UPDATE passkeys SET credential = $2, last_used_at = $3 WHERE id = $1")
                        .bind(passkey.id)
                        .bind(&passkey.credential)
                        .bind(now)
                        .execute(&self.writer)
                        .await?;
                    Ok(())
                }

                async fn put_ceremony(&self, ceremony: &Ceremony) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO webauthn_ceremonies (id, user_id, session_token_hash, kind, state, expires_at) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(ceremony.id)
                    .bind(&ceremony.user_id)
                    .bind(&ceremony.session_token_hash)
                    .bind(&ceremony.kind)
                    .bind(&ceremony.state)
                    .bind(ceremony.expires_at)
                    .execute(&self.writer)
                    .await?;
                    Ok(())
                }

                async fn take_ceremony(&self, id: Uuid) -> StoreResult<Option<Ceremony>> {
                    let row = sqlx::query("DELETE FROM webauthn_ceremonies WHERE id = $1 RETURNING *")
                        .bind(id)
                        .fetch_optional(&self.writer)
                        .await?;
                    row.map(|row| {
                        Ok(Ceremony {
                            id: row.try_get("id")?,
                            user_id: row.try_get("user_id")?,
                            session_token_hash: row.try_get("session_token_hash")?,
                            kind: row.try_get("kind")?,
                            state: row.try_get("state")?,
                            expires_at: row.try_get("expires_at")?,
                        })
                    })
                    .transpose()
                }

                async fn failures(&self, key: &str) -> StoreResult<Option<Failures>> {
                    let row = sqlx::query("SELECT failures, last_failure_at FROM throttle WHERE key = $1")
                        .bind(key)
                        .fetch_optional(&self.pool)
                        .await?;
                    row.map(|row| {
                        Ok(Failures {
                            count: u32::try_from(row.try_get::<i32, _>("failures")?).unwrap_or(0),
                            last_at: row.try_get("last_failure_at")?,
                        })
                    })
                    .transpose()
                }

                async fn put_failures(&self, key: &str, failures: Failures) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO throttle (key, failures, last_failure_at) VALUES ($1, $2, $3) \
                         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, \
                         last_failure_at = excluded.last_failure_at",
                    )
                    .bind(key)
                    .bind(i32::try_from(failures.count).unwrap_or(i32::MAX))
                    .bind(failures.last_at)
                    .execute(&self.writer)
                    .await?;
                    Ok(())
                }

                async fn clear_failures(&self, key: &str) -> StoreResult<()> {
                    sqlx::query("DELETE FROM throttle WHERE key = $1").bind(key).execute(&self.writer).await?;
                    Ok(())
                }
            }
        }
    };
}

pub(super) use identity_store_impl;
