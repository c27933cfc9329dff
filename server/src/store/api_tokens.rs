//! Storage of personal API tokens (issue 20): only their hash, with their institution, expiry,
//! revocation, last use and rate window.

use async_trait::async_trait;
use domain::api::ApiTokenSummary;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::{AuditEntry, StoreResult};
use crate::auth::api_tokens::RateLimit;

/// A token to store, with the audit record of its creation.
#[derive(Debug, Clone)]
pub struct NewApiToken {
    pub summary: ApiTokenSummary,
    pub token_hash: String,
    pub user_id: String,
    pub audit: AuditEntry,
}

/// A stored token, found by its hash.
#[derive(Debug, Clone)]
pub struct StoredApiToken {
    pub summary: ApiTokenSummary,
    pub user_id: String,
}

/// What became of one use of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenUse {
    /// Counted, recorded as the last use, and audited.
    Admitted,
    /// The rate window is full: nothing was written; retry after this long.
    Limited(Duration),
}

#[async_trait]
pub trait ApiTokenStore: Send + Sync {
    /// Stores the token and its audit record in one transaction.
    async fn create_api_token(&self, token: &NewApiToken) -> StoreResult<()>;
    /// The account's tokens, newest first.
    async fn api_tokens(&self, user_id: &str) -> StoreResult<Vec<ApiTokenSummary>>;
    async fn api_token(&self, token_hash: &str) -> StoreResult<Option<StoredApiToken>>;
    /// Admits one request under `limit` (the window read and written in one transaction, so that
    /// concurrent requests on several instances are all counted), records it as the last use and
    /// writes `audit`; a refused request writes nothing.
    async fn use_api_token(
        &self,
        id: Uuid,
        now: OffsetDateTime,
        limit: RateLimit,
        audit: AuditEntry,
    ) -> StoreResult<TokenUse>;
    /// Revokes the account's token (kept revoked at its first revocation's time) and writes `audit`;
    /// `false`: the account has no such token, and nothing was written.
    async fn revoke_api_token(
        &self,
        user_id: &str,
        id: Uuid,
        now: OffsetDateTime,
        audit: AuditEntry,
    ) -> StoreResult<bool>;
}
