//! Storage of user managers' requests to their sysadmin.

use async_trait::async_trait;
use domain::api::{AccountRequest, RequestState, RequestedAction};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{AuditEntry, ManagedScope, StoreError, StoreResult};

/// A request as submitted, with its audit record.
#[derive(Debug, Clone)]
pub struct NewRequest {
    pub id: Uuid,
    pub institution_code: String,
    pub requested_by: String,
    pub requested_at: OffsetDateTime,
    pub action: RequestedAction,
    pub note: Option<String>,
    pub audit: AuditEntry,
}

/// A stored request and the 都道府県等 whose sysadmins review it (that of its institution now).
#[derive(Debug, Clone)]
pub struct StoredRequest {
    pub request: AccountRequest,
    pub prefecture_code: String,
}

/// A sysadmin's decision on a pending request (or its manager's withdrawal), with its audit record.
#[derive(Debug, Clone)]
pub struct Decision {
    pub request_id: Uuid,
    pub state: RequestState,
    pub decided_by: String,
    pub decided_at: OffsetDateTime,
    pub reason: Option<String>,
    pub audit: AuditEntry,
}

/// Marks a request for new accounts approved in the transaction that issues them (see
/// [`super::NewBatch`]): the accounts are issued only if the request is still pending.
#[derive(Debug, Clone)]
pub struct RequestApproval {
    pub request_id: Uuid,
    /// The accounts made, as JSON (`Vec<IssuedAccount>`).
    pub issued: String,
}

#[async_trait]
pub trait RequestStore: Send + Sync {
    async fn insert_request(&self, request: &NewRequest) -> StoreResult<()>;
    /// Newest first.
    async fn requests(&self, scope: &ManagedScope) -> StoreResult<Vec<AccountRequest>>;
    async fn request(&self, id: Uuid) -> StoreResult<Option<StoredRequest>>;
    /// Records the decision if the request is still pending; `false`: it was decided already, and
    /// nothing changed.
    async fn decide_request(&self, decision: &Decision) -> StoreResult<bool>;
}

/// JSON columns of a request.
pub(super) fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(|error| StoreError::Corrupt(format!("account request: {error}")))
}

pub(super) fn to_json<T: serde::Serialize>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|error| StoreError::Corrupt(format!("account request: {error}")))
}
