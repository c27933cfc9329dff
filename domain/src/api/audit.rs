//! Wire types of the audit viewer (SPEC P-2, issue 20): sysadmins and national administrators read who
//! did what to which object, within their jurisdiction, with the hash chain's verification state.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::CsvEncoding;

/// Query of `GET /api/v1/admin/audit` and `GET /api/v1/admin/audit/export`; filters combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AuditQuery {
    /// The acting account's user ID (for a failed login with no known account: the ID typed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// The object exactly as recorded: a notification's id, an account's user ID, `api_token:<id>` …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<String>,
    /// What was done, e.g. `login`, `view_notification`, `export_notifications`, `suspend_account`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Records on or after this date in Japan (`YYYY-MM-DD`, JST).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Records on or before this date in Japan (`YYYY-MM-DD`, JST).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The next page: records older than this `seq` (the previous page's `next_before_seq`); the
    /// export ignores it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before_seq: Option<i64>,
    /// The export's encoding: `utf8` (default) or `shift_jis`; the list ignores it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub encoding: CsvEncoding,
}

/// One audit record as the viewer shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditRecord {
    /// Its place in the chain.
    pub seq: i64,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub at: OffsetDateTime,
    /// Who did it; for a failed login with no known account, absent (the ID typed is the object).
    pub actor: Option<String>,
    /// What was done.
    pub action: String,
    /// To which object.
    pub target: Option<String>,
    /// From which address.
    pub client_address: Option<String>,
    /// `success`, `failure` or `denied` (refused for lack of permission).
    pub outcome: String,
}

/// Whether the audit log's hash chain verifies: the chain from its start to its head (continued from
/// where this server last verified it), and every record of the page against its own hash and the
/// record before it. `todoke-server verify-audit` walks the whole chain anew.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditChainState {
    /// True when every record follows the one before it unchanged.
    pub intact: bool,
    /// When intact: how many records were verified, and the newest one's hash (note it elsewhere to
    /// detect a later truncation of the log's end).
    pub records: Option<u64>,
    pub head_hash: Option<String>,
    /// When intact: records appended but not chained yet (the server links them within seconds);
    /// nothing can be said of them until then.
    pub pending: Option<u64>,
    /// When broken: the first record that breaks the chain, and how.
    pub broken_at: Option<i64>,
    pub problem: Option<String>,
    /// When intact: how many of the page's records were checked against their hash and link (those
    /// not chained yet cannot be).
    pub page_checked: Option<u64>,
}

/// The answer of `GET /api/v1/admin/audit`: the newest matching records first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub records: Vec<AuditRecord>,
    /// More records matched than [`AUDIT_PAGE_LIMIT`]: ask for the next page, narrow the filters, or export.
    pub truncated: bool,
    /// When truncated: the `before_seq` of the next page.
    pub next_before_seq: Option<i64>,
    pub chain: AuditChainState,
}

/// The most records one page shows.
pub const AUDIT_PAGE_LIMIT: usize = 100;
