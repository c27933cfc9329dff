//! `/api/v1/observations…`: health observation (健康観察) of a case or a contact: starting it (period
//! from the disease's rule unless set, items), one observation with its reports, a report taken by
//! telephone, closing it, and the day's follow-up list.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::api::{CloseRequest, FollowUpList, NewObservationReport, ObservationDetail};
use domain::error::{ApiError, FieldError, FieldErrorCode};
use domain::investigation::{
    check_items, check_period, check_report, default_period, follow_up, sort_follow_up, CaseStep, FollowUpFilter,
    ObservationStep, ObservationWorkflow, ReportChannel,
};
use domain::workflow::check_note;
use serde::Deserialize;
use time::{Date, Duration};
use uuid::Uuid;

use super::cases::case_for_step;
use super::{may_step, today, Audited};
use crate::audit::{Action, Outcome};
use crate::auth::{ClientAddress, Principal};
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery};
use crate::store::{self, Closing, NewObservation, NewReport, StoredCase, StoredObservation};
use crate::{access, AppState};

/// Starts the health observation of a case (`case_id`) or of one of its listed contacts
/// (`contact_id`): exactly one. The period is the disease's (`domain::investigation::default_period`:
/// from the day after a contact's last exposure, from today for a case) unless `starts_on` or
/// `ends_on` set it; the items are the temperature, symptoms of the disease's list and free text.
#[utoipa::path(
    post, path = "/observations", tag = "investigations", request_body = domain::api::NewObservation,
    responses(
        (status = 201, description = "Started", body = ObservationDetail),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not the health center's staff", body = ApiError),
        (status = 404, description = "No such case or contact in the account's area", body = ApiError),
        (status = 409, description = "`invalid_transition`: the case is closed, or the contact became a case or was closed", body = ApiError),
        (status = 422, description = "`validation_failed`: neither or both subjects, period contradicting or too long, symptoms not of the disease", body = ApiError),
    )
)]
pub async fn start(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiJson(request): ApiJson<domain::api::NewObservation>,
) -> Result<(StatusCode, Json<ObservationDetail>), AppError> {
    let actor = principal.account.user_id.as_str();
    let id = Uuid::new_v4();
    let write = Audited { state: &state, action: Action::StartObservation, actor, target: id.to_string(), client };
    let (case_id, from) = write.check(subject(&state, &request).await).await?;
    let case = case_for_step(&write, &principal, case_id, CaseStep::StartObservation).await?;
    let (starts_on, ends_on) = write.check(period(&case, &request, from.unwrap_or_else(today))).await?;
    let new = NewObservation {
        id,
        case_id,
        contact_id: request.contact_id,
        starts_on,
        ends_on,
        items: request.items,
        started_by: actor.to_owned(),
        started_at: store::now(),
        audit: write.entry(Outcome::Success),
    };
    if !state.store.start_observation(&new).await? {
        return write.check(Err(AppError::InvalidTransition)).await;
    }
    Ok((StatusCode::CREATED, Json(detail(&state, id).await?)))
}

/// The case the observation belongs to and, for a listed contact, the day after its last exposure.
async fn subject(state: &AppState, request: &domain::api::NewObservation) -> Result<(Uuid, Option<Date>), AppError> {
    match (request.case_id, request.contact_id) {
        (Some(case_id), None) => Ok((case_id, None)),
        (None, Some(contact_id)) => {
            // Whether it is still listed is checked when it is stored, after the case's scope.
            let contact = state.store.contact(contact_id).await?.ok_or(AppError::NotFound)?;
            Ok((contact.case_id, Some(contact.last_exposure + Duration::DAY)))
        }
        _ => Err(AppError::Validation(vec![FieldError {
            field: "case_id".into(),
            code: FieldErrorCode::Required,
            message: "症例ID（case_id）または接触者ID（contact_id）のどちらか一方を指定してください。".into(),
        }])),
    }
}

/// The period asked for, or the disease's from `from`, checked with the items.
fn period(case: &StoredCase, request: &domain::api::NewObservation, from: Date) -> Result<(Date, Date), AppError> {
    let (default_start, default_end) = default_period(&case.summary.disease, request.starts_on.unwrap_or(from));
    let (starts_on, ends_on) = (request.starts_on.unwrap_or(default_start), request.ends_on.unwrap_or(default_end));
    let mut errors = check_period(starts_on, ends_on).err().into_iter().collect::<Vec<_>>();
    errors.extend(check_items(&case.summary.disease, &request.items).err().unwrap_or_default());
    if errors.is_empty() {
        Ok((starts_on, ends_on))
    } else {
        Err(AppError::Validation(errors))
    }
}

async fn detail(state: &AppState, id: Uuid) -> Result<ObservationDetail, AppError> {
    let stored = state.store.observation(id).await?.ok_or(AppError::NotFound)?;
    Ok(ObservationDetail { observation: stored.summary, reports: state.store.observation_reports(id).await? })
}

/// One observation with its reports, oldest first. Reading it is audited.
#[utoipa::path(
    get, path = "/observations/{id}", tag = "investigations",
    params(("id" = Uuid, Path, description = "The observation")),
    responses(
        (status = 200, description = "The observation", body = ObservationDetail),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not an overseer, or above a health center without the download flag (`download_not_permitted`)", body = ApiError),
        (status = 404, description = "No such observation in the account's area", body = ApiError),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<ObservationDetail>, AppError> {
    let actor = principal.account.user_id.as_str();
    let read = Audited { state: &state, action: Action::ViewObservation, actor, target: id.to_string(), client };
    let stored = state.store.observation(id).await?.ok_or(AppError::NotFound)?;
    let (prefecture, health_center) = (&stored.prefecture_code, &stored.summary.health_center.code);
    read.check(access::may_open_subject(&principal.account, prefecture, health_center)).await?;
    read.record().await?;
    Ok(Json(detail(&state, id).await?))
}

/// The observation, if the account may take `step` on it in its status; a refusal is audited.
pub(crate) async fn observation_for_step(
    write: &Audited<'_>,
    principal: &Principal,
    id: Uuid,
    step: ObservationStep,
) -> Result<StoredObservation, AppError> {
    let found = async {
        let stored = write.state.store.observation(id).await?.ok_or(AppError::NotFound)?;
        let area = (stored.prefecture_code.as_str(), stored.summary.health_center.code.as_str());
        may_step::<ObservationWorkflow>(&principal.account, area, stored.summary.status, step)?;
        Ok(stored)
    };
    write.check(found.await).await
}

/// A day's report taken by telephone by the staff (for a subject who cannot use the link).
#[utoipa::path(
    post, path = "/observations/{id}/reports", tag = "investigations", request_body = NewObservationReport,
    params(("id" = Uuid, Path, description = "The observation")),
    responses(
        (status = 201, description = "Recorded; the observation", body = ObservationDetail),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not the health center's staff", body = ApiError),
        (status = 404, description = "No such observation in the account's area", body = ApiError),
        (status = 409, description = "`invalid_transition`: the observation is closed", body = ApiError),
        (status = 422, description = "`validation_failed`: temperature missing or outside 34–43 ℃, symptoms not asked, day outside the period or in the future", body = ApiError),
    )
)]
pub async fn record_report(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(report): ApiJson<NewObservationReport>,
) -> Result<(StatusCode, Json<ObservationDetail>), AppError> {
    let actor = principal.account.user_id.as_str();
    let write =
        Audited { state: &state, action: Action::RecordObservationReport, actor, target: id.to_string(), client };
    let stored = observation_for_step(&write, &principal, id, ObservationStep::RecordReport).await?;
    let checked = write.check(check_report(&report, &stored.summary, today()).map_err(AppError::Validation)).await?;
    let new = NewReport {
        observation_id: id,
        report: checked,
        reported_at: store::now(),
        channel: ReportChannel::Telephone,
        recorded_by: Some(actor.to_owned()),
        audit: write.entry(Outcome::Success),
    };
    if !state.store.record_report(&new).await? {
        return write.check(Err(AppError::InvalidTransition)).await;
    }
    Ok((StatusCode::CREATED, Json(detail(&state, id).await?)))
}

/// Closes the observation with a reason (period over, became a case, lost to follow-up …); final.
#[utoipa::path(
    post, path = "/observations/{id}/close", tag = "investigations", request_body = CloseRequest,
    params(("id" = Uuid, Path, description = "The observation")),
    responses(
        (status = 200, description = "Closed; the observation", body = ObservationDetail),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not the health center's staff", body = ApiError),
        (status = 404, description = "No such observation in the account's area", body = ApiError),
        (status = 409, description = "`invalid_transition`: closed already", body = ApiError),
        (status = 422, description = "`validation_failed`: reason missing, too long or refused characters", body = ApiError),
    )
)]
pub async fn close(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<CloseRequest>,
) -> Result<Json<ObservationDetail>, AppError> {
    let actor = principal.account.user_id.as_str();
    let write = Audited { state: &state, action: Action::CloseObservation, actor, target: id.to_string(), client };
    observation_for_step(&write, &principal, id, ObservationStep::Close).await?;
    let reason =
        write.check(check_note("reason", &request.reason).map_err(|field| AppError::Validation(vec![field]))).await?;
    let closing = Closing { id, reason, audit: write.entry(Outcome::Success) };
    if !state.store.close_observation(&closing).await? {
        return write.check(Err(AppError::InvalidTransition)).await;
    }
    Ok(Json(detail(&state, id).await?))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FollowUpQuery {
    /// The day (`YYYY-MM-DD`); today in Japan when absent.
    pub date: Option<String>,
    /// Only the rows needing this: `needs_call` (fever or a symptom), `fever`, `symptoms`,
    /// `not_reported`, `ends_today`; an unknown value is ignored.
    pub attention: Option<String>,
    /// Only this disease's (a catalog code).
    pub disease: Option<String>,
    /// Only subjects whose name contains this (full-width letters, case and spaces aside).
    pub q: Option<String>,
}

impl FollowUpQuery {
    fn filter(&self) -> FollowUpFilter {
        FollowUpFilter::from_query(|name| match name {
            "attention" => self.attention.clone(),
            "disease" => self.disease.clone(),
            "q" => self.q.clone(),
            _ => None,
        })
    }
}

/// 健康観察の要対応リスト: the observations of the account's area running on the day, those reporting
/// fever (37.5 ℃ or more) or a symptom first, then those who have not reported (with their last
/// report time), then those ending on the day, then the rest; only those the filters keep
/// (`domain::investigation::FollowUpFilter`). Reading it is audited.
#[utoipa::path(
    get, path = "/observations/follow-up", tag = "investigations", params(FollowUpQuery),
    responses(
        (status = 200, description = "The day's list", body = FollowUpList),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not an overseer, or above a health center without the download flag (`download_not_permitted`)", body = ApiError),
    )
)]
pub async fn follow_up_list(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiQuery(query): ApiQuery<FollowUpQuery>,
) -> Result<Json<FollowUpList>, AppError> {
    let date = match query.date.as_deref() {
        None => today(),
        Some(text) => domain::validation::parse_date(text)
            .ok_or_else(|| AppError::MalformedRequest(format!("date {text} is not YYYY-MM-DD")))?,
    };
    let actor = principal.account.user_id.as_str();
    let read = Audited { state: &state, action: Action::ViewFollowUp, actor, target: date.to_string(), client };
    let area = read.check(access::subject_area(&principal.account)).await?;
    let running = state.store.running_observations(&area, date).await?;
    let mut rows: Vec<_> = running
        .into_iter()
        .map(|run| follow_up(run.observation, &run.reports_of_the_day, run.last_reported_at, date))
        .collect();
    let filter = query.filter();
    rows.retain(|row| filter.keeps(row));
    sort_follow_up(&mut rows);
    read.record().await?;
    Ok(Json(FollowUpList { date, rows }))
}
