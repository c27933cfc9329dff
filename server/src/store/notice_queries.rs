//! The SQL of [`super::NoticeStore`], written once and instantiated per back end like
//! [`super::queries`].

/// Implements `NoticeStore` for `$store` (a struct with `pool` and `writer` fields, `sqlx::Pool<$db>`: reads, and writes).
macro_rules! notice_store_impl {
    ($store:ident, $db:ty) => {
        mod notice_sql {
            use super::$store;
            use async_trait::async_trait;
            use domain::api::{MyNotice, Notice, NoticeAudience, NoticeDraft};
            use sqlx::Row;
            use time::OffsetDateTime;
            use uuid::Uuid;

            use super::notification_sql::change_one_with_audit;
            use $crate::store::{column_name, parse_column, AuditEntry, NoticeStore, Reader, StoreResult};

            const NOTICE_COLUMNS: &str = "id, title, body, prefecture_code, role, starts_at, ends_at, published_by, \
                 published_at, withdrawn_at";

            fn notice(row: &<$db as sqlx::Database>::Row) -> StoreResult<Notice> {
                let role: Option<String> = row.try_get("role")?;
                Ok(Notice {
                    id: row.try_get("id")?,
                    draft: NoticeDraft {
                        title: row.try_get("title")?,
                        body: row.try_get("body")?,
                        audience: NoticeAudience {
                            prefecture: row.try_get("prefecture_code")?,
                            role: role.as_deref().map(parse_column).transpose()?,
                        },
                        starts_at: row.try_get("starts_at")?,
                        ends_at: row.try_get("ends_at")?,
                    },
                    published_by: row.try_get("published_by")?,
                    published_at: row.try_get("published_at")?,
                    withdrawn_at: row.try_get("withdrawn_at")?,
                })
            }

            #[async_trait]
            impl NoticeStore for $store {
                async fn has_prefecture(&self, code: &str) -> StoreResult<bool> {
                    let row = sqlx::query("SELECT COUNT(*) AS n FROM prefectures WHERE code = $1")
                        .bind(code)
                        .fetch_one(&self.pool)
                        .await?;
                    Ok(row.try_get::<i64, _>("n")? > 0)
                }

                async fn insert_notice(&self, notice: &Notice, audit: &AuditEntry) -> StoreResult<()> {
                    let draft = &notice.draft;
                    let insert = format!(
                        "INSERT INTO notices ({NOTICE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL)"
                    );
                    let change = sqlx::query(&insert)
                    .bind(notice.id)
                    .bind(&draft.title)
                    .bind(&draft.body)
                    .bind(&draft.audience.prefecture)
                    .bind(draft.audience.role.map(column_name))
                    .bind(draft.starts_at)
                    .bind(draft.ends_at)
                    .bind(&notice.published_by)
                    .bind(notice.published_at);
                    change_one_with_audit(&self.writer, change, audit).await?;
                    Ok(())
                }

                async fn notice(&self, id: Uuid) -> StoreResult<Option<Notice>> {
                    let row = sqlx::query(&format!("SELECT {NOTICE_COLUMNS} FROM notices WHERE id = $1"))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await?;
                    row.as_ref().map(notice).transpose()
                }

                async fn update_notice(&self, id: Uuid, draft: &NoticeDraft, audit: &AuditEntry) -> StoreResult<bool> {
                    // A changed title or text is a new text revision: every earlier reading is of
                    // another text, so the notice is new again to those who read it.
                    let change = sqlx::query(
                        "UPDATE notices SET text_revision = text_revision + \
                         CASE WHEN title = $2 AND body = $3 THEN 0 ELSE 1 END, \
                         title = $2, body = $3, prefecture_code = $4, role = $5, starts_at = $6, ends_at = $7 \
                         WHERE id = $1 AND withdrawn_at IS NULL",
                    )
                    .bind(id)
                    .bind(&draft.title)
                    .bind(&draft.body)
                    .bind(&draft.audience.prefecture)
                    .bind(draft.audience.role.map(column_name))
                    .bind(draft.starts_at)
                    .bind(draft.ends_at);
                    change_one_with_audit(&self.writer, change, audit).await
                }

                async fn withdraw_notice(&self, id: Uuid, now: OffsetDateTime, audit: &AuditEntry) -> StoreResult<bool> {
                    let change = sqlx::query("UPDATE notices SET withdrawn_at = $2 WHERE id = $1 AND withdrawn_at IS NULL")
                        .bind(id)
                        .bind(now);
                    change_one_with_audit(&self.writer, change, audit).await
                }

                async fn published_notices(&self, prefecture: Option<&str>) -> StoreResult<Vec<Notice>> {
                    let rows = sqlx::query(&format!(
                        "SELECT {NOTICE_COLUMNS} FROM notices WHERE $1 IS NULL OR prefecture_code = $1 \
                         ORDER BY published_at DESC, id"
                    ))
                    .bind(prefecture)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter().map(notice).collect()
                }

                async fn notices_for(&self, reader: Reader<'_>, now: OffsetDateTime) -> StoreResult<Vec<MyNotice>> {
                    let rows = sqlx::query(
                        "SELECT n.id, n.title, n.body, n.starts_at, n.ends_at, r.read_at FROM notices n \
                         LEFT JOIN notice_reads r ON r.notice_id = n.id AND r.user_id = $1 \
                         AND r.text_revision = n.text_revision \
                         WHERE n.withdrawn_at IS NULL AND n.starts_at <= $2 AND n.ends_at > $2 \
                         AND (n.prefecture_code IS NULL OR n.prefecture_code = $3) AND (n.role IS NULL OR n.role = $4) \
                         ORDER BY n.starts_at DESC, n.published_at DESC",
                    )
                    .bind(reader.user_id)
                    .bind(now)
                    .bind(reader.prefecture)
                    .bind(column_name(reader.role))
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter()
                        .map(|row| {
                            let read_at: Option<OffsetDateTime> = row.try_get("read_at")?;
                            Ok(MyNotice {
                                id: row.try_get("id")?,
                                title: row.try_get("title")?,
                                body: row.try_get("body")?,
                                starts_at: row.try_get("starts_at")?,
                                ends_at: row.try_get("ends_at")?,
                                read: read_at.is_some(),
                            })
                        })
                        .collect()
                }

                async fn mark_notice_read(&self, id: Uuid, user_id: &str, now: OffsetDateTime) -> StoreResult<()> {
                    // The reading is of the notice's text now; reading the same text again changes nothing.
                    sqlx::query(
                        "INSERT INTO notice_reads (notice_id, user_id, read_at, text_revision) \
                         SELECT id, $2, $3, text_revision FROM notices WHERE id = $1 \
                         ON CONFLICT (notice_id, user_id) DO UPDATE SET read_at = excluded.read_at, \
                         text_revision = excluded.text_revision \
                         WHERE notice_reads.text_revision <> excluded.text_revision",
                    )
                    .bind(id)
                    .bind(user_id)
                    .bind(now)
                    .execute(&self.writer)
                    .await?;
                    Ok(())
                }
            }
        }
    };
}

pub(super) use notice_store_impl;
