//! `/api/v1/syndromic/reports…`: filing (idempotent by the device's id), one report with its history,
//! the list (a health center's: waiting first), and the health center's accept and return.

use std::cmp::Reverse;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::api::{
    ReturnRequest, SyndromicReceipt, SyndromicReport, SyndromicReportDetail, SyndromicSubmission, WorkflowAction,
};
use domain::error::ApiError;
use domain::syndromic::{check_report, SyndromicWorkflow};
use domain::workflow::rank;
use uuid::Uuid;

use crate::audit::{self, Action, Outcome};
use crate::audited_step::AuditedStep;
use crate::auth::{ClientAddress, Principal};
use crate::error::AppError;
use crate::filing::{self, content_hash};
use crate::http::extract::{ApiJson, ApiPath};
use crate::store::{self, NewSyndromicReport, SyndromicFiling, SyndromicStep};
use crate::{access, routing, AppState};

/// File a 疑似症 report of the caller's institution under the id the device chose. The same id and
/// content again returns the same receipt (200) and stores nothing; the same id with other content is
/// 409 `report_conflict`. Only the 医療機関管理者 of an institution designated for 疑似症 on the
/// diagnosis day files; the server routes it to the health center responsible for the institution.
#[utoipa::path(
    put, path = "/syndromic/reports/{id}", tag = "syndromic", request_body = SyndromicSubmission,
    params(("id" = Uuid, Path, description = "UUID made by the filing device for this report")),
    responses(
        (status = 201, description = "Received; the receipt names the health center", body = SyndromicReceipt),
        (status = 200, description = "Already received with the same content; the original receipt", body = SyndromicReceipt),
        (status = 400, description = "Malformed body or id", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not an institution's 医療機関管理者", body = ApiError),
        (status = 409, description = "`report_conflict`: the id was used for other content", body = ApiError),
        (status = 422, description = "The report has errors, each at its field (not designated on the diagnosis day, future or contradicting dates, choices outside the catalog, `other` symptoms without a note)", body = ApiError),
    )
)]
pub async fn file(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(submission): ApiJson<SyndromicSubmission>,
) -> Result<(StatusCode, Json<SyndromicReceipt>), AppError> {
    let account = &principal.account;
    let institution = access::syndromic_filer(account)?;
    let received_at = store::now();
    let designations = state.store.designations(institution).await?;
    let content = check_report(&submission, &designations, domain::jst::date_in_japan(received_at))
        .map_err(AppError::Validation)?;
    let route = routing::route(state.store.as_ref(), institution).await?;
    let content_hash = content_hash(&content)?;
    let report = NewSyndromicReport {
        id,
        institution_code: route.institution.code,
        health_center_code: route.health_center.code,
        content,
        content_hash: content_hash.clone(),
        filed_by: account.user_id.clone(),
        received_at,
        audit: audit::entry(
            Action::FileSyndromicReport,
            Outcome::Success,
            Some(&account.user_id),
            Some(id.to_string()),
            client,
        ),
    };
    match state.store.file_syndromic_report(&report).await? {
        SyndromicFiling::Filed(receipt) => Ok(filing::created(receipt)),
        SyndromicFiling::IdTaken(taken) => taken.answer(&content_hash, &account.user_id, AppError::ReportConflict),
    }
}

/// The reports the account sees: an institution's manager its institution's; health-center staff
/// those routed to its health center; a 都道府県等 its health centers'; national staff all. Waiting
/// ones first (overdue before the others), then returned, then accepted; newest first within each.
#[utoipa::path(
    get, path = "/syndromic/reports", tag = "syndromic",
    responses(
        (status = 200, description = "The reports", body = [SyndromicReport]),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Neither a filer nor a health center, 都道府県等 or national account", body = ApiError),
    )
)]
pub async fn list(State(state): State<AppState>, principal: Principal) -> Result<Json<Vec<SyndromicReport>>, AppError> {
    let scope = access::syndromic_scope(&principal.account)?;
    let mut reports = state.store.syndromic_reports(&scope).await?;
    reports.sort_by_key(|report| {
        (rank(report.status, report.overdue, report.urgent), Reverse(report.receipt.received_at))
    });
    Ok(Json(reports))
}

/// One report with its history (the receipt, then the health center's step). Reading it is audited:
/// its note may describe the patient.
#[utoipa::path(
    get, path = "/syndromic/reports/{id}", tag = "syndromic",
    params(("id" = Uuid, Path, description = "The report's id")),
    responses(
        (status = 200, description = "The report and its history", body = SyndromicReportDetail),
        (status = 401, description = "No session", body = ApiError),
        (status = 404, description = "No such report visible to this account", body = ApiError),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<SyndromicReportDetail>, AppError> {
    let stored = state.store.syndromic_report(id).await?.ok_or(AppError::NotFound)?;
    access::may_read_syndromic(&principal.account, &stored)?;
    let actor = Some(principal.account.user_id.as_str());
    state
        .store
        .audit(audit::entry(Action::ViewSyndromicReport, Outcome::Success, actor, Some(id.to_string()), client))
        .await?;
    Ok(Json(detail(&state, stored.report).await?))
}

async fn detail(state: &AppState, report: SyndromicReport) -> Result<SyndromicReportDetail, AppError> {
    let history = state.store.syndromic_history(report.receipt.report_id).await?;
    Ok(SyndromicReportDetail { report, history })
}

/// 受理: the health center accepts the report. Only from `received`; final.
#[utoipa::path(
    post, path = "/syndromic/reports/{id}/accept", tag = "syndromic",
    params(("id" = Uuid, Path, description = "The report's id")),
    responses(
        (status = 200, description = "Accepted; the report with its history", body = SyndromicReportDetail),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Visible, but not the health center's account (the filer, a 都道府県等)", body = ApiError),
        (status = 404, description = "No such report visible to this account", body = ApiError),
        (status = 409, description = "`invalid_transition`: not in status `received`", body = ApiError),
    )
)]
pub async fn accept(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<SyndromicReportDetail>, AppError> {
    let step = Step { state: &state, principal: &principal, client, id, action: WorkflowAction::Accepted };
    step.take(None).await
}

/// 差し戻し: the health center returns the report with a comment saying what to change; the institution
/// files a corrected report anew. Only from `received`; final for this report.
#[utoipa::path(
    post, path = "/syndromic/reports/{id}/return", tag = "syndromic", request_body = ReturnRequest,
    params(("id" = Uuid, Path, description = "The report's id")),
    responses(
        (status = 200, description = "Returned; the report with its history", body = SyndromicReportDetail),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Visible, but not the health center's account (the filer, a 都道府県等)", body = ApiError),
        (status = 404, description = "No such report visible to this account", body = ApiError),
        (status = 409, description = "`invalid_transition`: not in status `received`", body = ApiError),
        (status = 422, description = "`validation_failed`: the comment is missing, too long or has refused characters", body = ApiError),
    )
)]
pub async fn return_report(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<ReturnRequest>,
) -> Result<Json<SyndromicReportDetail>, AppError> {
    let step = Step { state: &state, principal: &principal, client, id, action: WorkflowAction::Returned };
    step.take(Some(&request.comment)).await
}

/// One request for a step of the health center, with what accept and return share.
struct Step<'a> {
    state: &'a AppState,
    principal: &'a Principal,
    client: Option<String>,
    id: Uuid,
    action: WorkflowAction,
}

impl Step<'_> {
    /// Takes the step (a return with its `comment`), audited whatever the outcome, and answers the
    /// report as it is now.
    async fn take(&self, comment: Option<&str>) -> Result<Json<SyndromicReportDetail>, AppError> {
        let account = &self.principal.account;
        let audit_action = match self.action {
            WorkflowAction::Returned => Action::ReturnSyndromicReport,
            _ => Action::AcceptSyndromicReport,
        };
        let audited =
            AuditedStep::new(self.state.store.as_ref(), audit_action, &account.user_id, self.id, self.client.clone());
        let stored = self.state.store.syndromic_report(self.id).await?.ok_or(AppError::NotFound)?;
        audited.allowed(access::may_step_syndromic(account, &stored, self.action)).await?;
        let from_status = stored.report.status;
        let to_status = audited.next_status::<SyndromicWorkflow>(account.role, from_status, self.action).await?;
        let comment = match comment {
            Some(text) => Some(audited.note("comment", text).await?),
            None => None,
        };
        let step = SyndromicStep {
            id: self.id,
            from_status,
            action: self.action,
            to_status,
            actor: account.user_id.clone(),
            at: store::now(),
            comment,
            audit: audited.entry(Outcome::Success),
        };
        if !self.state.store.step_syndromic_report(&step).await? {
            return Err(audited.refuse(AppError::InvalidTransition).await);
        }
        let now = self.state.store.syndromic_report(self.id).await?.ok_or(AppError::NotFound)?;
        Ok(Json(detail(self.state, now.report).await?))
    }
}
