//! `/api/v1/sentinel/reports…` and `/sentinel/site`: filing (idempotent by the device's id;
//! corrections name the revision they start from), one report with its history, the site's own list
//! and what it owes now.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::api::{
    DueReport, ReportAlreadyFiled, SentinelReceipt, SentinelReport, SentinelReportDetail, SentinelReportSubmission,
    SiteOverview,
};
use domain::error::{ApiError, FieldError, FieldErrorCode};
use domain::i18n::Lang;
use domain::sentinel::{check_report, due, form, CheckedReport, FORMS};
use uuid::Uuid;

use crate::audit::{self, Action, Outcome};
use crate::auth::{ClientAddress, Principal};
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath};
use crate::store::{self, AreaFilter, FilingOutcome, NewSentinelFiling, SentinelFilter};
use crate::{access, routing, AppState};

/// File the caller's site's report under the id the device chose. The same id and body again returns
/// the same receipt (200) and stores nothing; the same id with another body is 409 `report_conflict`.
/// A second report for the same site × kind × period is a correction only when `based_on_revision`
/// names the current revision; otherwise (none, or a stale one) 409 `report_already_filed` with the
/// current version. Only the site's own 医療機関管理者 files, and only for a type and period the site
/// is designated for.
#[utoipa::path(
    put, path = "/sentinel/reports/{id}", tag = "sentinel", request_body = SentinelReportSubmission,
    params(("id" = Uuid, Path, description = "UUID made by the filing device for this filing")),
    responses(
        (status = 201, description = "Received (a first report or a correction)", body = SentinelReceipt),
        (status = 200, description = "Already received with the same body; the original receipt", body = SentinelReceipt),
        (status = 400, description = "Malformed body or id", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a sentinel site's manager", body = ApiError),
        (status = 409, description = "`report_conflict`: the id was used for another body; `report_already_filed`: the period was reported and this is not a correction of the current revision", body = ReportAlreadyFiled),
        (status = 422, description = "The report has errors, each at its field (not designated, future period, bad counts, codes outside the catalog)", body = ApiError),
    )
)]
pub async fn file(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(submission): ApiJson<SentinelReportSubmission>,
) -> Result<(StatusCode, Json<SentinelReceipt>), AppError> {
    let account = &principal.account;
    let site = access::sentinel_site(account)?;
    let received_at = store::now();
    let today = domain::jst::date_in_japan(received_at);
    let designations = state.store.designations(site).await?;
    let checked = check_report(&submission, &designations, today).map_err(AppError::Validation)?;
    let route = routing::route(state.store.as_ref(), site).await?;
    let due_on = due::due_on(form(checked.kind), checked.period);
    let content_hash = content_hash(&checked, submission.based_on_revision)?;
    let audit =
        |action| audit::entry(action, Outcome::Success, Some(&account.user_id), Some(id.to_string()), client.clone());
    let filing = NewSentinelFiling {
        id,
        site: route.institution,
        health_center: route.health_center,
        kind: checked.kind,
        period: checked.period,
        no_patients: checked.no_patients,
        cells: checked.cells,
        items: checked.items,
        content_hash: content_hash.clone(),
        based_on_revision: submission.based_on_revision,
        filed_by: account.user_id.clone(),
        received_at,
        late: due_on.is_some_and(|due_on| due::is_late(due_on, today)),
        filed_audit: audit(Action::FileSentinelReport),
        corrected_audit: audit(Action::CorrectSentinelReport),
    };
    match state.store.file_sentinel_report(&filing).await? {
        FilingOutcome::Filed(receipt) => Ok(crate::filing::created(receipt)),
        FilingOutcome::IdTaken(taken) => taken.answer(&content_hash, &account.user_id, AppError::ReportConflict),
        FilingOutcome::AlreadyFiled(current) => Err(AppError::ReportAlreadyFiled(current)),
        FilingOutcome::NothingToCorrect => {
            let code = FieldErrorCode::InvalidValue;
            let field = "based_on_revision";
            let message = format!("{field}：{}", code.message(Lang::Ja));
            Err(AppError::Validation(vec![FieldError { field: field.into(), code, message }]))
        }
    }
}

/// SHA-256 of the checked content (cells and items sorted, zeros dropped) and the revision it
/// corrects: the same report typed in another order is the same body.
fn content_hash(checked: &CheckedReport, based_on_revision: Option<u32>) -> Result<String, AppError> {
    let canonical = serde_json::json!({
        "kind": checked.kind,
        "period": checked.period,
        "no_patients": checked.no_patients,
        "cells": checked.cells,
        "items": checked.items,
        "based_on_revision": based_on_revision,
    });
    crate::filing::content_hash(&canonical)
}

/// One report as it stands, with every revision (oldest first), by the id of any of its filings. The
/// site's manager, and the health center responsible and those above it, read it; to anyone else it
/// does not exist.
#[utoipa::path(
    get, path = "/sentinel/reports/{id}", tag = "sentinel",
    params(("id" = Uuid, Path, description = "The id of one of the report's filings")),
    responses(
        (status = 200, description = "The report and its history", body = SentinelReportDetail),
        (status = 401, description = "No session", body = ApiError),
        (status = 404, description = "No such report visible to this account", body = ApiError),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<SentinelReportDetail>, AppError> {
    let stored = state.store.sentinel_report(id).await?.ok_or(AppError::NotFound)?;
    access::may_read_sentinel_report(&principal.account, &stored)?;
    Ok(Json(stored.detail))
}

/// The caller's site's reports as they stand, newest period first.
#[utoipa::path(
    get, path = "/sentinel/reports", tag = "sentinel",
    responses(
        (status = 200, description = "The site's reports", body = [SentinelReport]),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a sentinel site's manager", body = ApiError),
    )
)]
pub async fn list(State(state): State<AppState>, principal: Principal) -> Result<Json<Vec<SentinelReport>>, AppError> {
    let site = access::sentinel_site(&principal.account)?;
    Ok(Json(state.store.site_reports(site).await?))
}

/// The caller's site: its designations and, for each form of a type it is designated for, the report
/// owed now (last week's, last month's) and where it stands.
#[utoipa::path(
    get, path = "/sentinel/site", tag = "sentinel",
    responses(
        (status = 200, description = "The site's designations and due reports", body = SiteOverview),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a sentinel site's manager", body = ApiError),
    )
)]
pub async fn site(State(state): State<AppState>, principal: Principal) -> Result<Json<SiteOverview>, AppError> {
    let code = access::sentinel_site(&principal.account)?;
    let route = routing::route(state.store.as_ref(), code).await?;
    let designations = state.store.designations(code).await?;
    let today = super::today();
    let mut owed = Vec::new();
    for form in FORMS {
        let period = due::due_period(form.frequency, today);
        let (first, last) = (period.first_day(), period.last_day());
        let designated = designations.iter().any(|d| d.sentinel_type == form.sentinel_type && d.covers(first, last));
        let Some(due_on) = due::due_on(form, period).filter(|_| designated) else { continue };
        let filter = SentinelFilter {
            kind: form.kind,
            from: first,
            to: first,
            area: AreaFilter::HealthCenter(route.health_center.code.clone()),
        };
        let report =
            state.store.period_reports(&filter).await?.into_iter().find(|report| report.institution_code == code);
        owed.push(due_report(form.kind, period, due_on, report.as_ref(), today));
    }
    Ok(Json(SiteOverview { site: route.institution, health_center: route.health_center, designations, due: owed }))
}

/// Where a site's report of `period` stands on `today`.
pub(super) fn due_report(
    kind: domain::sentinel::ReportKind,
    period: domain::sentinel::ReportPeriod,
    due_on: time::Date,
    report: Option<&store::PeriodReport>,
    today: time::Date,
) -> DueReport {
    DueReport {
        kind,
        frequency: form(kind).frequency,
        period,
        due_on,
        state: due::due_state(report.map(|report| report.late), due_on, today),
        revision: report.map(|report| report.revision),
        report_id: report.map(|report| report.report_id),
    }
}
