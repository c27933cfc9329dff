//! Storage of notices (お知らせ, P-1) and of who has read which.

use async_trait::async_trait;
use domain::api::{MyNotice, Notice, NoticeDraft, Role};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{AuditEntry, StoreResult};

/// An account as a notice's audience sees it.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    pub user_id: &'a str,
    pub role: Role,
    /// The 都道府県等 whose jurisdiction the account is in (`None`: a national account).
    pub prefecture: Option<&'a str>,
}

#[async_trait]
pub trait NoticeStore: Send + Sync {
    /// Whether a 都道府県等 with this code exists (a notice may be addressed to it).
    async fn has_prefecture(&self, code: &str) -> StoreResult<bool>;
    /// Keeps a new notice with its audit record (one transaction).
    async fn insert_notice(&self, notice: &Notice, audit: &AuditEntry) -> StoreResult<()>;
    async fn notice(&self, id: Uuid) -> StoreResult<Option<Notice>>;
    /// Replaces the notice's content, with its audit record; a changed title or body counts its text
    /// revision up (earlier readings no longer count). False if it is withdrawn or unknown (nothing is
    /// written then).
    async fn update_notice(&self, id: Uuid, draft: &NoticeDraft, audit: &AuditEntry) -> StoreResult<bool>;
    /// Withdraws the notice at `now`, with its audit record; false if it is withdrawn or unknown.
    async fn withdraw_notice(&self, id: Uuid, now: OffsetDateTime, audit: &AuditEntry) -> StoreResult<bool>;
    /// The notices addressed to `prefecture` (`None`: every notice), newest first, withdrawn ones too.
    async fn published_notices(&self, prefecture: Option<&str>) -> StoreResult<Vec<Notice>>;
    /// The notices addressed to the reader and in their period at `now`, not withdrawn, newest first,
    /// each with whether the reader has read its text as it is now.
    async fn notices_for(&self, reader: Reader<'_>, now: OffsetDateTime) -> StoreResult<Vec<MyNotice>>;
    /// Records that the account has read the notice's text as it is now (reading the same text again
    /// changes nothing; after an edit of the text it is unread until read again).
    async fn mark_notice_read(&self, id: Uuid, user_id: &str, now: OffsetDateTime) -> StoreResult<()>;
}
