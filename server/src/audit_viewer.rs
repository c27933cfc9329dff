//! `/api/v1/admin/audit` (SPEC P-2, issue 20): sysadmins read the audit records of their 都道府県等's
//! accounts, national administrators every record: who did what to which object, from where, filtered
//! by account, object, kind and days, with the hash chain's verification state, and as CSV. Records
//! are read through the store; how they are written and chained is `crate::audit`'s. Every reading
//! and export is itself audited.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use axum::Json;
use domain::api::{AuditChainState, AuditPage, AuditQuery, AuditRecord, AUDIT_PAGE_LIMIT};
use domain::error::ApiError;
use time::{Date, Duration};
use tokio::sync::Mutex;

use crate::audit::{self, Action, ChainBreak, Checkpoint, Outcome, VerifyError};
use crate::auth::{ClientAddress, Principal};
use crate::error::AppError;
use crate::http::extract::ApiQuery;
use crate::notifications::csv_file;
use crate::store::AuditFilter;
use crate::{access, AppState};

/// The newest matching records (a page of 100; `truncated` and `next_before_seq` lead to the next),
/// whether the chain verifies and whether the page's records do.
#[utoipa::path(
    get, path = "/admin/audit", tag = "audit", params(AuditQuery),
    responses(
        (status = 200, description = "The matching records, newest first, and the chain's state", body = AuditPage),
        (status = 400, description = "A date is not `YYYY-MM-DD`", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Only sysadmins (their 都道府県等) and national administrators (all) read the audit log", body = ApiError),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Json<AuditPage>, AppError> {
    let filter = permitted_filter(&state, &principal, &query, Action::ViewAudit, &client).await?;
    let limit = i64::try_from(AUDIT_PAGE_LIMIT + 1).unwrap_or(i64::MAX);
    let mut records = state.store.audit_view(&filter, Some(limit)).await?;
    let truncated = records.len() > AUDIT_PAGE_LIMIT;
    records.truncate(AUDIT_PAGE_LIMIT);
    let next_before_seq = truncated.then(|| records.last().map(|record| record.seq)).flatten();
    let chain = chain_state(&state, &records).await?;
    let target = Some(format!("{} rows={}", describe(&query), records.len()));
    let viewed = audit::entry(Action::ViewAudit, Outcome::Success, Some(&principal.account.user_id), target, client);
    state.store.audit(viewed).await?;
    Ok(Json(AuditPage { records, truncated, next_before_seq, chain }))
}

/// Every matching record as CSV (docs/csv-export.md's format: UTF-8 with BOM or Shift_JIS, RFC 4180),
/// newest first; times in UTC (RFC 3339).
#[utoipa::path(
    get, path = "/admin/audit/export", tag = "audit", params(AuditQuery),
    responses(
        (status = 200, description = "The CSV file (`text/csv`, attachment)", content_type = "text/csv", body = String),
        (status = 400, description = "A date is not `YYYY-MM-DD`", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Only sysadmins (their 都道府県等) and national administrators (all) read the audit log", body = ApiError),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Response, AppError> {
    let filter = AuditFilter {
        before_seq: None,
        ..permitted_filter(&state, &principal, &query, Action::ExportAudit, &client).await?
    };
    let records = state.store.audit_view(&filter, None).await?;
    let body = csv_file::encode(&csv_header(), records.iter().map(csv_row).collect(), query.encoding)
        .map_err(|error| AppError::Internal(format!("audit export: {error}")))?;
    let target = Some(format!("{} rows={}", describe(&query), records.len()));
    let exported =
        audit::entry(Action::ExportAudit, Outcome::Success, Some(&principal.account.user_id), target, client);
    state.store.audit(exported).await?;
    let day = domain::jst::date_in_japan(crate::store::now());
    Ok(csv_file::attachment(body, query.encoding, &format!("todoke-audit-{day}.csv")))
}

/// How a record fills one column of the export.
type Cell = fn(&AuditRecord) -> String;

/// The export's columns: each name with how a record fills it, so that the header and every row come
/// from this one list (`csv_file::encode` adds `replaced_characters` to both).
const CSV_COLUMNS: [(&str, Cell); 7] = [
    ("seq", |record| record.seq.to_string()),
    ("at", |record| record.at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()),
    ("actor", |record| record.actor.clone().unwrap_or_default()),
    ("action", |record| record.action.clone()),
    ("target", |record| record.target.clone().unwrap_or_default()),
    ("client_address", |record| record.client_address.clone().unwrap_or_default()),
    ("outcome", |record| record.outcome.clone()),
];

fn csv_header() -> Vec<&'static str> {
    CSV_COLUMNS.iter().map(|(name, _)| *name).collect()
}

fn csv_row(record: &AuditRecord) -> Vec<String> {
    CSV_COLUMNS.iter().map(|(_, cell)| cell(record)).collect()
}

/// The store's filter for the query within the account's jurisdiction; a refusal is audited as
/// `denied` (a malformed date is not: it reads nothing).
async fn permitted_filter(
    state: &AppState,
    principal: &Principal,
    query: &AuditQuery,
    action: Action,
    client: &Option<String>,
) -> Result<AuditFilter, AppError> {
    let account = &principal.account;
    let prefecture = match access::audit_jurisdiction(account) {
        Ok(prefecture) => prefecture.map(str::to_owned),
        Err(refused) => {
            let target = Some(describe(query));
            let entry = audit::entry(action, Outcome::Denied, Some(&account.user_id), target, client.clone());
            state.store.audit(entry).await?;
            return Err(refused);
        }
    };
    Ok(AuditFilter {
        prefecture,
        actor: query.user.clone(),
        target: query.object.clone(),
        action: query.kind.clone(),
        from: day(query.from.as_deref())?.map(domain::jst::start_of_day_in_japan),
        before: day(query.to.as_deref())?.map(|to| domain::jst::start_of_day_in_japan(to) + Duration::DAY),
        before_seq: query.before_seq,
    })
}

fn day(text: Option<&str>) -> Result<Option<Date>, AppError> {
    text.map(|text| {
        domain::validation::parse_date(text)
            .ok_or_else(|| AppError::MalformedRequest(format!("not a YYYY-MM-DD date: {text}")))
    })
    .transpose()
}

/// The audit target of a reading: the filters asked for.
fn describe(query: &AuditQuery) -> String {
    let filters = [
        ("user", &query.user),
        ("object", &query.object),
        ("kind", &query.kind),
        ("from", &query.from),
        ("to", &query.to),
    ];
    let named: Vec<String> =
        filters.iter().filter_map(|(name, value)| value.as_ref().map(|value| format!("{name}={value}"))).collect();
    if named.is_empty() {
        "all".to_owned()
    } else {
        named.join(" ")
    }
}

/// How far this instance has verified the chain. Verifying continues from there, so that a reading
/// costs the records chained since the last one instead of the whole log; one verification at a time.
#[derive(Clone, Default)]
pub struct VerifiedChain(Arc<Mutex<Option<Checkpoint>>>);

/// The chain from the checkpoint to its head, then the page's records each against its hash and its
/// predecessor (so that a record shown was checked now, however long ago the chain walk passed it).
async fn chain_state(state: &AppState, page: &[AuditRecord]) -> Result<AuditChainState, AppError> {
    let mut verified = state.audit_checkpoint.0.lock().await;
    let start = verified.clone().unwrap_or_else(Checkpoint::genesis);
    let (summary, checkpoint) = match audit::verify_from(state.store.as_ref(), start).await {
        Ok(walked) => walked,
        Err(VerifyError::Broken(broken)) => return Ok(broken_state(&broken)),
        Err(VerifyError::Store(error)) => return Err(AppError::Store(error)),
    };
    *verified = Some(checkpoint);
    drop(verified);
    let seqs: Vec<i64> = page.iter().map(|record| record.seq).collect();
    let links = state.store.audit_links(&seqs).await?;
    if let Err(broken) = audit::verify_selected(&links.records, &links.predecessors) {
        return Ok(broken_state(&broken));
    }
    Ok(AuditChainState {
        intact: true,
        records: Some(summary.records),
        head_hash: Some(summary.head_hash),
        pending: Some(summary.pending),
        broken_at: None,
        problem: None,
        page_checked: Some(links.records.len() as u64),
    })
}

fn broken_state(broken: &ChainBreak) -> AuditChainState {
    let (ChainBreak::Unhashed { seq } | ChainBreak::Altered { seq } | ChainBreak::Unlinked { seq }) = *broken;
    AuditChainState {
        intact: false,
        records: None,
        head_hash: None,
        pending: None,
        broken_at: Some(seq),
        problem: Some(broken.to_string()),
        page_checked: None,
    }
}
