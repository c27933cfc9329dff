//! Reading the audit log for the viewer (SPEC P-2, issue 20): filtered records of a jurisdiction,
//! newest first. How records are written and chained is `super::queries` and `crate::audit`.

use async_trait::async_trait;
use domain::api::AuditRecord;
use time::OffsetDateTime;

use super::StoreResult;
use crate::audit::ChainedRecord;

/// Which records the viewer shows; every filter combines with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Records whose account (the actor, or for a failed login the ID typed) belongs to this
    /// 都道府県等: directly, or through its health center or institution. `None`: the whole country.
    pub prefecture: Option<String>,
    pub actor: Option<String>,
    pub target: Option<String>,
    pub action: Option<String>,
    pub from: Option<OffsetDateTime>,
    /// Records strictly before this instant.
    pub before: Option<OffsetDateTime>,
    /// Records older than this one (the next page's cursor).
    pub before_seq: Option<i64>,
}

#[async_trait]
pub trait AuditViewStore: Send + Sync {
    /// The matching records, newest first; at most `limit` when given.
    async fn audit_view(&self, filter: &AuditFilter, limit: Option<i64>) -> StoreResult<Vec<AuditRecord>>;
    /// The chained records among `seqs`, and the record just before each of them in the chain, for
    /// checking a page's records without walking the chain (`crate::audit::verify_selected`).
    async fn audit_links(&self, seqs: &[i64]) -> StoreResult<AuditLinks>;
}

/// What [`AuditViewStore::audit_links`] reads.
#[derive(Debug, Clone, Default)]
pub struct AuditLinks {
    pub records: Vec<ChainedRecord>,
    pub predecessors: Vec<ChainedRecord>,
}
