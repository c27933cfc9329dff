//! `/api/v1/alarms…`: the alarms of the areas an account oversees (its health center, its
//! 都道府県等's health centers, the nation), one alarm with its series and history, the marking, and
//! the detection configuration. Which areas are whose is `access`'s rule; who marks what in which
//! status is `domain::alarms::AlarmWorkflow`'s.

use std::cmp::Reverse;

use axum::extract::State;
use axum::Json;
use domain::alarms::{configuration, AlarmWorkflow};
use domain::api::{AlarmDetail, AlarmList, DetectionConfiguration, MarkAlarmRequest, OpenAlarmCount, SeriesWeek};
use domain::error::ApiError;
use uuid::Uuid;

use crate::audit::{Action, Outcome};
use crate::audited_step::AuditedStep;
use crate::auth::{ClientAddress, Principal};
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath};
use crate::store::{self, AlarmMarking, StoredAlarm};
use crate::{access, AppState};

/// How many weeks of the series an alarm's page shows, up to the alarm's week.
pub const CHART_WEEKS: usize = 26;

/// The alarms of the account's areas: open first, then under investigation, then settled; newest
/// week first within each.
#[utoipa::path(
    get, path = "/alarms", tag = "alarms",
    responses(
        (status = 200, description = "The alarms and how many are open", body = AlarmList),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a health center, 都道府県等 or national account", body = ApiError),
    )
)]
pub async fn list(State(state): State<AppState>, principal: Principal) -> Result<Json<AlarmList>, AppError> {
    let scope = access::alarm_scope(&principal.account)?;
    let mut alarms = state.store.alarms(&scope.area()).await?;
    alarms.sort_by(|a, b| {
        (a.status.rank(), Reverse(a.week), &a.disease, &a.health_center.code, &a.method).cmp(&(
            b.status.rank(),
            Reverse(b.week),
            &b.disease,
            &b.health_center.code,
            &b.method,
        ))
    });
    let open = alarms.iter().filter(|alarm| alarm.status == domain::alarms::AlarmStatus::Open).count();
    Ok(Json(AlarmList { open: u32::try_from(open).unwrap_or(u32::MAX), alarms }))
}

/// How many alarms of the account's areas are open: what the home screens show, without the list.
#[utoipa::path(
    get, path = "/alarms/open-count", tag = "alarms",
    responses(
        (status = 200, description = "The number of open alarms", body = OpenAlarmCount),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a health center, 都道府県等 or national account", body = ApiError),
    )
)]
pub async fn open_count(State(state): State<AppState>, principal: Principal) -> Result<Json<OpenAlarmCount>, AppError> {
    let scope = access::alarm_scope(&principal.account)?;
    let open = state.store.open_alarm_count(&scope.area()).await?;
    Ok(Json(OpenAlarmCount { open: u32::try_from(open).unwrap_or(u32::MAX) }))
}

/// One alarm: the method and parameters, its series (counts and bounds now, weeks with an alarm
/// of this method marked) and its markings.
#[utoipa::path(
    get, path = "/alarms/{id}", tag = "alarms",
    params(("id" = Uuid, Path, description = "The alarm's id")),
    responses(
        (status = 200, description = "The alarm", body = AlarmDetail),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a health center, 都道府県等 or national account", body = ApiError),
        (status = 404, description = "No such alarm in the account's areas", body = ApiError),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<AlarmDetail>, AppError> {
    let stored = state.store.alarm(id).await?.ok_or(AppError::NotFound)?;
    access::may_see_alarm(&principal.account, &stored)?;
    Ok(Json(detail(&state, stored).await?))
}

async fn detail(state: &AppState, stored: StoredAlarm) -> Result<AlarmDetail, AppError> {
    let key = stored.series();
    let alarm_weeks = state.store.alarm_weeks(&key, &stored.summary.method).await?;
    let chart =
        crate::alarms::run::chart(state.store.as_ref(), &key, &stored.parameters, stored.summary.week, CHART_WEEKS)
            .await?;
    let series = chart
        .into_iter()
        .map(|(week, count, upperbound)| SeriesWeek { week, count, upperbound, alarm: alarm_weeks.contains(&week) })
        .collect();
    let history = state.store.alarm_history(stored.summary.id).await?;
    Ok(AlarmDetail { alarm: stored.summary, parameters: stored.parameters, series, history })
}

/// Marks the alarm investigating (調査中), explained (説明可能) or not significant (問題なし), with
/// a comment kept in its history. Audited, refusals included.
#[utoipa::path(
    post, path = "/alarms/{id}/mark", tag = "alarms", request_body = MarkAlarmRequest,
    params(("id" = Uuid, Path, description = "The alarm's id")),
    responses(
        (status = 200, description = "Marked; the alarm with its history", body = AlarmDetail),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a health center, 都道府県等 or national account", body = ApiError),
        (status = 404, description = "No such alarm in the account's areas", body = ApiError),
        (status = 409, description = "`invalid_transition`: the status does not allow this marking, or the alarm changed since `revision`", body = ApiError),
        (status = 422, description = "`validation_failed`: the comment is missing, too long or has refused characters", body = ApiError),
    )
)]
pub async fn mark(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<MarkAlarmRequest>,
) -> Result<Json<AlarmDetail>, AppError> {
    let actor = principal.account.user_id.as_str();
    let audited = AuditedStep::new(state.store.as_ref(), Action::MarkAlarm, actor, id, client);
    let stored = state.store.alarm(id).await?.ok_or(AppError::NotFound)?;
    audited.allowed(access::may_mark_alarm(&principal.account, &stored, request.mark)).await?;
    let to_status =
        audited.next_status::<AlarmWorkflow>(principal.account.role, stored.summary.status, request.mark).await?;
    if stored.summary.revision != request.revision {
        return Err(audited.refuse(AppError::InvalidTransition).await);
    }
    let comment = audited.note("comment", &request.comment).await?;
    let marking = AlarmMarking {
        id,
        from_status: stored.summary.status,
        from_revision: stored.summary.revision,
        to_status,
        actor: actor.to_owned(),
        at: store::now(),
        comment,
        audit: audited.entry(Outcome::Success),
    };
    if !state.store.mark_alarm(&marking).await? {
        return Err(audited.refuse(AppError::InvalidTransition).await);
    }
    let marked = state.store.alarm(id).await?.ok_or(AppError::NotFound)?;
    Ok(Json(detail(&state, marked).await?))
}

/// Which method runs on which disease and series source, with its parameters (R `surveillance`'s
/// names and defaults). For national administrators and national staff.
#[utoipa::path(
    get, path = "/alarms/configuration", tag = "alarms",
    responses(
        (status = 200, description = "The detection configuration, by disease code", body = DetectionConfiguration),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a national account", body = ApiError),
    )
)]
pub async fn detection_configuration(principal: Principal) -> Result<Json<DetectionConfiguration>, AppError> {
    access::may_read_detection_configuration(&principal.account)?;
    Ok(Json(DetectionConfiguration { diseases: configuration() }))
}
