//! The subject's personal link (issue 19): the health center sends it by SMS or e-mail (the existing
//! delivery) and may revoke it; the subject confirms it once with the second factor the health center
//! knows (the birth date), then reads today's items and earlier reports and reports the day. The link
//! is a credential: a 256-bit random token sent as `Authorization: Bearer` (never in a logged path),
//! kept only as its SHA-256, scoped to one observation, valid until the end of the day after the
//! period, dead after [`CONFIRMATION_TRIES`] wrong birth dates, and limited to [`REPORTS_PER_DAY`]
//! reports a day. Every use is audited. A wrong, expired, revoked or spent link answers the same
//! `link_invalid`, which says nothing of why.

use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use domain::api::{
    LinkSent, NewObservationReport, SecondFactorMethod, SendLinkRequest, SubjectConfirmation, SubjectView,
};
use domain::error::ApiError;
use domain::investigation::{
    check_report, disease_symptoms, link_valid_until, LinkChannel, ObservationStep, ReportChannel,
};
use uuid::Uuid;

use super::observations::observation_for_step;
use super::{today, Audited};
use crate::audit::{Action, Outcome};
use crate::auth::session::{new_token, token_hash};
use crate::auth::throttle::shared as throttle;
use crate::auth::{ClientAddress, Principal};
use crate::delivery::Message;
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath};
use crate::store::{self, NewLink, NewReport, StoredLink, StoredObservation};
use crate::AppState;

/// Wrong birth dates after which a link is dead.
pub const CONFIRMATION_TRIES: u32 = 5;
/// Reports a subject may send a day through the link (a day's report may be corrected a few times).
pub const REPORTS_PER_DAY: usize = 10;

/// The link's token from `Authorization: Bearer …`; without one the link is invalid.
pub struct SubjectToken(String);

impl<S: Send + Sync> FromRequestParts<S> for SubjectToken {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let header = parts.headers.get(axum::http::header::AUTHORIZATION).and_then(|value| value.to_str().ok());
        match header.and_then(|value| value.strip_prefix("Bearer ")) {
            Some(token) if !token.is_empty() => Ok(Self(token_hash(token.trim()))),
            _ => Err(AppError::LinkInvalid),
        }
    }
}

/// Sends the subject a new personal link by SMS or e-mail, to `to` or the contact's own number or
/// address. The subject's birth date must be known: it confirms the link.
#[utoipa::path(
    post, path = "/observations/{id}/link", tag = "investigations", request_body = SendLinkRequest,
    params(("id" = Uuid, Path, description = "The observation")),
    responses(
        (status = 201, description = "Sent", body = LinkSent),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not the health center's staff", body = ApiError),
        (status = 404, description = "No such observation in the account's area", body = ApiError),
        (status = 409, description = "`invalid_transition`: the observation is closed", body = ApiError),
        (status = 422, description = "`invalid_destination`: no usable number or address; `validation_failed`: the subject's birth date is unknown", body = ApiError),
        (status = 502, description = "`delivery_failed`: the SMS gateway or mail server failed", body = ApiError),
    )
)]
pub async fn send(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<SendLinkRequest>,
) -> Result<(StatusCode, Json<LinkSent>), AppError> {
    let actor = principal.account.user_id.as_str();
    let write = Audited { state: &state, action: Action::SendSubjectLink, actor, target: id.to_string(), client };
    let stored = observation_for_step(&write, &principal, id, ObservationStep::ManageLink).await?;
    let (method, to) = write.check(destination(&state, &stored, &request).await).await?;
    if stored.subject_birth_date.is_none() {
        let field = domain::error::FieldError {
            field: "birth_date".into(),
            code: domain::error::FieldErrorCode::Required,
            message: "本人確認に使う生年月日が登録されていません。".into(),
        };
        return write.check(Err(AppError::Validation(vec![field]))).await;
    }
    let (token, hash) = new_token();
    let valid_until = link_valid_until(stored.summary.ends_on);
    let link = NewLink {
        token_hash: hash,
        observation_id: id,
        sent_by: actor.to_owned(),
        created_at: store::now(),
        expires_at: valid_until,
        audit: write.entry(Outcome::Success),
    };
    state.store.create_link(&link).await?;
    let message = link_message(&state, &stored, method, &to, &token);
    state.deliveries.deliver(&message).await?;
    Ok((StatusCode::CREATED, Json(LinkSent { channel: request.channel, valid_until })))
}

/// Where the link goes: the number or address asked for, or the contact's own; it must be able to
/// take the channel (SMS: a mobile number).
async fn destination(
    state: &AppState,
    stored: &StoredObservation,
    request: &SendLinkRequest,
) -> Result<(SecondFactorMethod, String), AppError> {
    let contact = match stored.summary.contact_id {
        Some(id) => state.store.contact(id).await?,
        None => None,
    };
    let on_file = match request.channel {
        LinkChannel::Sms => contact.and_then(|contact| contact.phone),
        LinkChannel::Email => contact.and_then(|contact| contact.email),
    };
    let typed = request.to.clone().or(on_file).ok_or(AppError::InvalidDestination)?;
    match request.channel {
        LinkChannel::Sms => domain::phone::parse_phone(&typed)
            .ok()
            .filter(|number| number.can_receive(SecondFactorMethod::Sms))
            .map(|number| (SecondFactorMethod::Sms, number.digits().to_owned())),
        LinkChannel::Email => domain::email::normalize(&typed).map(|address| (SecondFactorMethod::Email, address)),
    }
    .ok_or(AppError::InvalidDestination)
}

fn link_message(
    state: &AppState,
    stored: &StoredObservation,
    method: SecondFactorMethod,
    to: &str,
    token: &str,
) -> Message {
    let site = state.config.public_url.as_deref().unwrap_or("").trim_end_matches('/');
    let body = format!(
        "{center}より健康観察のお願いです。{ends}まで毎日、体温と症状を次のリンクから報告してください。\
         初めて開くときに生年月日で本人確認をします。\n{site}/o/{token}\n\
         This is a health observation request from {center}: report your temperature and symptoms daily until {ends}.",
        center = stored.summary.health_center.name,
        ends = stored.summary.ends_on,
    );
    Message { method, to: to.to_owned(), subject: "健康観察のお願い / Health observation".into(), body }
}

/// Revokes every link of the observation (a lost phone, a wrong number): they answer `link_invalid`.
#[utoipa::path(
    post, path = "/observations/{id}/link/revoke", tag = "investigations",
    params(("id" = Uuid, Path, description = "The observation")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not the health center's staff", body = ApiError),
        (status = 404, description = "No such observation in the account's area", body = ApiError),
        (status = 409, description = "`invalid_transition`: the observation is closed (its links are dead already)", body = ApiError),
    )
)]
pub async fn revoke(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, AppError> {
    let actor = principal.account.user_id.as_str();
    let write = Audited { state: &state, action: Action::RevokeSubjectLink, actor, target: id.to_string(), client };
    observation_for_step(&write, &principal, id, ObservationStep::ManageLink).await?;
    state.store.revoke_links(id, store::now(), write.entry(Outcome::Success)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The link and its observation, if the link is alive: known, not revoked, not expired, not spent by
/// wrong birth dates, its observation running. Anything else is [`AppError::LinkInvalid`], audited.
async fn alive(
    state: &AppState,
    token_hash: &str,
    action: Action,
    client: &Option<String>,
) -> Result<(StoredLink, StoredObservation), AppError> {
    throttle::ensure_allowed_under(state, &state.config.subject_throttle, &throttle_keys(client), store::now()).await?;
    let link = state.store.link(token_hash).await?;
    let observation = match &link {
        Some(link) => state.store.observation(link.observation_id).await?,
        None => None,
    };
    let now = store::now();
    match (link, observation) {
        (Some(link), Some(observation))
            if link.revoked_at.is_none()
                && now < link.expires_at
                && link.failed_confirmations < CONFIRMATION_TRIES
                && observation.summary.status == domain::investigation::ObservationStatus::Active =>
        {
            Ok((link, observation))
        }
        (link, _) => {
            let target = link.map_or_else(|| "unknown link".to_owned(), |link| link.observation_id.to_string());
            let entry = crate::audit::entry(action, Outcome::Denied, Some("subject"), Some(target), client.clone());
            state.store.audit(entry).await?;
            count_failure(state, client).await?;
            Err(AppError::LinkInvalid)
        }
    }
}

/// The subject throttle's key: the client address (one address guessing tokens or birth dates).
fn throttle_keys(client: &Option<String>) -> Vec<String> {
    client.iter().map(|address| format!("subject:addr:{address}")).collect()
}

async fn count_failure(state: &AppState, client: &Option<String>) -> Result<(), AppError> {
    let keys = throttle_keys(client);
    let policy = &state.config.subject_throttle;
    throttle::record_failure_under(state, policy, &keys, store::now(), "subject", client.clone()).await
}

/// The audited request of a subject on their observation.
fn subject_request<'a>(state: &'a AppState, action: Action, observation: Uuid, client: Option<String>) -> Audited<'a> {
    Audited { state, action, actor: "subject", target: observation.to_string(), client }
}

/// The alive, confirmed link's observation.
async fn confirmed(
    state: &AppState,
    token_hash: &str,
    action: Action,
    client: &Option<String>,
) -> Result<StoredObservation, AppError> {
    let (link, observation) = alive(state, token_hash, action, client).await?;
    let request = subject_request(state, action, observation.summary.id, client.clone());
    if link.confirmed_at.is_none() {
        return request.check(Err(AppError::LinkConfirmationRequired)).await;
    }
    Ok(observation)
}

/// 本人確認: the subject confirms the link with their birth date, once. A wrong date counts; after
/// [`CONFIRMATION_TRIES`] the link is dead.
#[utoipa::path(
    post, path = "/subject/confirm", tag = "subject", request_body = SubjectConfirmation,
    security(("subject_link" = [])),
    responses(
        (status = 204, description = "Confirmed"),
        (status = 401, description = "`link_confirmation_failed`: the birth date does not match", body = ApiError),
        (status = 404, description = "`link_invalid`: wrong, expired or revoked link", body = ApiError),
        (status = 429, description = "`too_many_attempts`: too many failed uses of links from this address", body = ApiError),
    )
)]
pub async fn confirm(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    SubjectToken(hash): SubjectToken,
    ApiJson(confirmation): ApiJson<SubjectConfirmation>,
) -> Result<StatusCode, AppError> {
    confirm_birth_date(&state, &hash, confirmation.birth_date, client).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Confirms the link whose token hashes to `hash` with the subject's birth date (the API's and the
/// page's 本人確認). A wrong date counts against the link and the client address.
pub async fn confirm_birth_date(
    state: &AppState,
    hash: &str,
    birth_date: time::Date,
    client: Option<String>,
) -> Result<(), AppError> {
    let (_, observation) = alive(state, hash, Action::ConfirmSubjectLink, &client).await?;
    let request = subject_request(state, Action::ConfirmSubjectLink, observation.summary.id, client.clone());
    let matches = observation.subject_birth_date == Some(birth_date);
    let outcome = if matches { Outcome::Success } else { Outcome::Failure };
    state.store.confirm_link(hash, matches.then(store::now), request.entry(outcome)).await?;
    if matches {
        Ok(())
    } else {
        count_failure(state, &client).await?;
        Err(AppError::LinkConfirmationFailed)
    }
}

/// What the subject sees: today's items and their earlier reports, nothing else.
#[utoipa::path(
    get, path = "/subject", tag = "subject",
    security(("subject_link" = [])),
    responses(
        (status = 200, description = "Today's items and earlier reports", body = SubjectView),
        (status = 401, description = "`link_confirmation_required`: confirm the birth date first", body = ApiError),
        (status = 404, description = "`link_invalid`: wrong, expired or revoked link", body = ApiError),
        (status = 429, description = "`too_many_attempts`: too many failed uses of links from this address", body = ApiError),
    )
)]
pub async fn view(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    SubjectToken(hash): SubjectToken,
) -> Result<Json<SubjectView>, AppError> {
    Ok(Json(view_through(&state, &hash, client).await?))
}

/// What the confirmed link whose token hashes to `hash` shows; the read is audited.
pub async fn view_through(state: &AppState, hash: &str, client: Option<String>) -> Result<SubjectView, AppError> {
    let observation = confirmed(state, hash, Action::ViewAsSubject, &client).await?;
    subject_request(state, Action::ViewAsSubject, observation.summary.id, client).record().await?;
    subject_view(state, observation).await
}

async fn subject_view(state: &AppState, stored: StoredObservation) -> Result<SubjectView, AppError> {
    let reports = state.store.observation_reports(stored.summary.id).await?;
    let today = today();
    let summary = stored.summary;
    let symptoms = disease_symptoms(&summary.disease)
        .iter()
        .filter(|option| summary.items.symptoms.iter().any(|code| code == option.value))
        .map(|option| domain::api::SymptomLabel {
            code: option.value.to_owned(),
            ja: option.label.ja.into(),
            en: option.label.en.into(),
        })
        .collect();
    Ok(SubjectView {
        health_center: summary.health_center.name,
        today,
        starts_on: summary.starts_on,
        ends_on: summary.ends_on,
        reported_today: reports.iter().any(|report| report.on_date == today),
        temperature: summary.items.temperature,
        symptoms,
        free_text: summary.items.free_text,
        reports,
    })
}

/// The subject's report of today (the day is always today in Japan).
#[utoipa::path(
    post, path = "/subject/reports", tag = "subject", request_body = NewObservationReport,
    security(("subject_link" = [])),
    responses(
        (status = 201, description = "Received; the subject's view", body = SubjectView),
        (status = 401, description = "`link_confirmation_required`: confirm the birth date first", body = ApiError),
        (status = 404, description = "`link_invalid`: wrong, expired or revoked link", body = ApiError),
        (status = 422, description = "`validation_failed`: temperature outside 34–43 ℃, an item not asked, or today outside the period", body = ApiError),
        (status = 429, description = "`daily_reports_used_up`: the day's reports are sent already; `too_many_attempts`: too many failed uses of links from this address", body = ApiError),
    )
)]
pub async fn report(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    SubjectToken(hash): SubjectToken,
    ApiJson(report): ApiJson<NewObservationReport>,
) -> Result<(StatusCode, Json<SubjectView>), AppError> {
    Ok((StatusCode::CREATED, Json(report_through(&state, &hash, report, client).await?)))
}

/// Stores today's report through the confirmed link whose token hashes to `hash` (the API's and the
/// page's); answers the subject's view with it.
pub async fn report_through(
    state: &AppState,
    hash: &str,
    report: NewObservationReport,
    client: Option<String>,
) -> Result<SubjectView, AppError> {
    let observation = confirmed(state, hash, Action::ReportAsSubject, &client).await?;
    let id = observation.summary.id;
    let request = subject_request(state, Action::ReportAsSubject, id, client);
    let today = today();
    let sent_today = state.store.observation_reports(id).await?.iter().filter(|r| r.on_date == today).count();
    if sent_today >= REPORTS_PER_DAY {
        return request.check(Err(AppError::DailyReportsUsedUp)).await;
    }
    let report = NewObservationReport { on_date: None, ..report };
    let checked =
        request.check(check_report(&report, &observation.summary, today).map_err(AppError::Validation)).await?;
    let new = NewReport {
        observation_id: id,
        report: checked,
        reported_at: store::now(),
        channel: ReportChannel::Link,
        recorded_by: None,
        audit: request.entry(Outcome::Success),
    };
    if !state.store.record_report(&new).await? {
        return request.check(Err(AppError::LinkInvalid)).await;
    }
    let now = state.store.observation(id).await?.ok_or(AppError::LinkInvalid)?;
    subject_view(state, now).await
}
