//! `/api/v1/notifications/{id}/case` and `/api/v1/cases…`: opening a case from an accepted
//! notification, the case with its entries, contacts and observations, adding entries and contacts,
//! closing it or one of its contacts.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::api::{
    CaseDetail, CaseSummary, CloseRequest, Contact, NewContact, NewInvestigationEntry, NotificationStatus,
    OpenCaseRequest,
};
use domain::error::{ApiError, FieldError, FieldErrorCode};
use domain::forms::Answer;
use domain::investigation::{check_contact, check_entry, CaseStep, CaseWorkflow, ContactStep, ContactWorkflow};
use domain::workflow::check_note;
use uuid::Uuid;

use super::{may_step, today, Audited};
use crate::audit::{Action, Outcome};
use crate::auth::{ClientAddress, Principal};
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath};
use crate::store::{
    self, CaseOpening, Closing, NewCase, NewCaseEntry, NewStoredContact, StoredCase, StoredNotification,
};
use crate::{access, AppState};

/// 症例の登録: opens the case of a notification the health center accepted (a human case; an animal
/// report has no case). `contact_id` names the listed contact (of a case in the same scope) the patient
/// was: it is marked as having become this case. Opening it again gives back the same case (200).
#[utoipa::path(
    post, path = "/notifications/{id}/case", tag = "investigations", request_body = OpenCaseRequest,
    params(("id" = Uuid, Path, description = "The accepted notification")),
    responses(
        (status = 201, description = "Opened", body = CaseDetail),
        (status = 200, description = "The notification's case, opened before", body = CaseDetail),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not the health center's staff", body = ApiError),
        (status = 404, description = "No such notification (or contact) visible to this account", body = ApiError),
        (status = 409, description = "`invalid_transition`: not accepted, an animal report, or the contact became a case already or was closed", body = ApiError),
        (status = 422, description = "`validation_failed`: `contact_number` is no contact of the account's area", body = ApiError),
    )
)]
pub async fn open(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<OpenCaseRequest>,
) -> Result<(StatusCode, Json<CaseDetail>), AppError> {
    let actor = principal.account.user_id.as_str();
    let write = Audited { state: &state, action: Action::OpenCase, actor, target: id.to_string(), client };
    let notification = write.check(openable(&state, &principal, id).await).await?;
    let contact_id = match (request.contact_id, typed_number(&request)) {
        (Some(contact_id), _) => Some(contact_id),
        (None, Some(number)) => Some(write.check(numbered_contact(&state, &principal, number).await).await?),
        (None, None) => None,
    };
    if let Some(contact_id) = contact_id {
        write.check(contact_may_become_case(&state, &principal, contact_id).await).await?;
    }
    let case = new_case(&notification, actor, contact_id, write.entry(Outcome::Success));
    match state.store.open_case(&case).await? {
        CaseOpening::Opened => Ok((StatusCode::CREATED, Json(detail(&state, case.id).await?))),
        CaseOpening::AlreadyOpen(existing) => Ok((StatusCode::OK, Json(detail(&state, existing).await?))),
        CaseOpening::ContactTaken => write.check(Err(AppError::InvalidTransition)).await,
    }
}

/// The notification, if the account may open its case and it is an accepted human case.
async fn openable(state: &AppState, principal: &Principal, id: Uuid) -> Result<StoredNotification, AppError> {
    let notification = state.store.notification(id).await?.ok_or(AppError::NotFound)?;
    access::may_open_case(&principal.account, &notification)?;
    let summary = &notification.summary;
    if summary.status != NotificationStatus::Accepted || summary.animal_report.is_some() {
        return Err(AppError::InvalidTransition);
    }
    Ok(notification)
}

/// The contact number typed, if any.
fn typed_number(request: &OpenCaseRequest) -> Option<&str> {
    request.contact_number.as_deref().map(str::trim).filter(|number| !number.is_empty())
}

/// The id of the contact numbered `number` in the account's area; any other number (unknown, another
/// health center's) is the same refusal at `contact_number`, which tells nothing of other areas.
async fn numbered_contact(state: &AppState, principal: &Principal, number: &str) -> Result<Uuid, AppError> {
    let unknown = || {
        let code = FieldErrorCode::InvalidChoice;
        let message = "接触者番号：この保健所の接触者の番号（K-…-01 の形）を入力してください。".to_owned();
        AppError::Validation(vec![FieldError { field: "contact_number".into(), code, message }])
    };
    let contact = state.store.contact_numbered(number).await?.ok_or_else(unknown)?;
    let case = state.store.case(contact.case_id).await?.ok_or_else(unknown)?;
    let (prefecture, health_center) = (case.prefecture_code.as_str(), case.summary.health_center.code.as_str());
    access::may_step_investigation::<ContactWorkflow>(
        &principal.account,
        prefecture,
        health_center,
        ContactStep::BecomeCase,
    )
    .map_err(|_| unknown())?;
    Ok(contact.id)
}

/// Whether the listed contact may become a case by this account.
async fn contact_may_become_case(state: &AppState, principal: &Principal, id: Uuid) -> Result<(), AppError> {
    contact_for_step(state, principal, id, ContactStep::BecomeCase).await.map(drop)
}

/// The contact, if the account may take `step` on it (its case's health center's staff) in its status.
async fn contact_for_step(
    state: &AppState,
    principal: &Principal,
    id: Uuid,
    step: ContactStep,
) -> Result<Contact, AppError> {
    let contact = state.store.contact(id).await?.ok_or(AppError::NotFound)?;
    let case = state.store.case(contact.case_id).await?.ok_or(AppError::NotFound)?;
    let area = (case.prefecture_code.as_str(), case.summary.health_center.code.as_str());
    may_step::<ContactWorkflow>(&principal.account, area, contact.status, step)?;
    Ok(contact)
}

/// A notification's answer as text.
fn answer(notification: &StoredNotification, field: &str) -> Option<String> {
    match notification.answers.get(field) {
        Some(Answer::One(value)) => Some(value.clone()),
        _ => None,
    }
}

fn new_case(
    notification: &StoredNotification,
    actor: &str,
    from_contact: Option<Uuid>,
    audit: store::AuditEntry,
) -> NewCase {
    let summary = &notification.summary;
    NewCase {
        id: Uuid::new_v4(),
        case_number: format!("K-{}", summary.receipt.receipt_number),
        notification_id: summary.receipt.notification_id,
        health_center_code: summary.health_center.code.clone(),
        disease: summary.disease.clone(),
        subject_name: answer(notification, "patient_name").unwrap_or_default(),
        subject_birth_date: answer(notification, "patient_birth_date")
            .and_then(|day| domain::validation::parse_date(&day)),
        opened_by: actor.to_owned(),
        opened_at: store::now(),
        from_contact,
        audit,
    }
}

/// The case with its entries, contacts and observations.
pub(crate) async fn detail(state: &AppState, id: Uuid) -> Result<CaseDetail, AppError> {
    let stored = state.store.case(id).await?.ok_or(AppError::NotFound)?;
    Ok(CaseDetail {
        entries: state.store.case_entries(id).await?,
        contacts: state.store.contacts(id).await?,
        observations: state.store.case_observations(id).await?,
        case: stored.summary,
        subject_name: stored.subject_name,
        from_contact: stored.from_contact,
        from_contact_of: stored.from_contact_of,
        closed_reason: stored.closed_reason,
    })
}

/// The cases of the account's area (health center, 都道府県等, nation), newest first: no personal data.
#[utoipa::path(
    get, path = "/cases", tag = "investigations",
    responses(
        (status = 200, description = "The cases", body = [CaseSummary]),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a health center, 都道府県等 or national account", body = ApiError),
    )
)]
pub async fn list(State(state): State<AppState>, principal: Principal) -> Result<Json<Vec<CaseSummary>>, AppError> {
    let area = access::case_area(&principal.account)?;
    Ok(Json(state.store.cases(&area).await?))
}

/// One case with its subject, investigation, contacts and observations. Reading it is audited.
#[utoipa::path(
    get, path = "/cases/{id}", tag = "investigations",
    params(("id" = Uuid, Path, description = "The case")),
    responses(
        (status = 200, description = "The case", body = CaseDetail),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not an overseer, or above a health center without the download flag (`download_not_permitted`)", body = ApiError),
        (status = 404, description = "No such case in the account's area", body = ApiError),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<CaseDetail>, AppError> {
    let actor = principal.account.user_id.as_str();
    let read = Audited { state: &state, action: Action::ViewCase, actor, target: id.to_string(), client };
    let stored = state.store.case(id).await?.ok_or(AppError::NotFound)?;
    let (prefecture, health_center) = (&stored.prefecture_code, &stored.summary.health_center.code);
    read.check(access::may_open_subject(&principal.account, prefecture, health_center)).await?;
    read.record().await?;
    Ok(Json(detail(&state, id).await?))
}

/// The case, if the account may take `step` on it in its status; a refusal is audited.
pub(crate) async fn case_for_step(
    write: &Audited<'_>,
    principal: &Principal,
    id: Uuid,
    step: CaseStep,
) -> Result<StoredCase, AppError> {
    let found = async {
        let stored = write.state.store.case(id).await?.ok_or(AppError::NotFound)?;
        let area = (stored.prefecture_code.as_str(), stored.summary.health_center.code.as_str());
        may_step::<CaseWorkflow>(&principal.account, area, stored.summary.status, step)?;
        Ok(stored)
    };
    write.check(found.await).await
}

/// An investigation entry (behaviour by date, a place, an exposure, severity, outcome).
#[utoipa::path(
    post, path = "/cases/{id}/entries", tag = "investigations", request_body = NewInvestigationEntry,
    params(("id" = Uuid, Path, description = "The case")),
    responses(
        (status = 201, description = "Added; the case", body = CaseDetail),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not the health center's staff", body = ApiError),
        (status = 404, description = "No such case in the account's area", body = ApiError),
        (status = 409, description = "`invalid_transition`: the case is closed", body = ApiError),
        (status = 422, description = "`validation_failed`: text missing or refused, date missing or in the future", body = ApiError),
    )
)]
pub async fn add_entry(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(entry): ApiJson<NewInvestigationEntry>,
) -> Result<(StatusCode, Json<CaseDetail>), AppError> {
    let actor = principal.account.user_id.as_str();
    let write = Audited { state: &state, action: Action::AddCaseEntry, actor, target: id.to_string(), client };
    case_for_step(&write, &principal, id, CaseStep::AddEntry).await?;
    let entry = write.check(check_entry(&entry, today()).map_err(AppError::Validation)).await?;
    let new = NewCaseEntry {
        case_id: id,
        entry,
        recorded_by: actor.to_owned(),
        recorded_at: store::now(),
        audit: write.entry(Outcome::Success),
    };
    if !state.store.add_case_entry(&new).await? {
        return write.check(Err(AppError::InvalidTransition)).await;
    }
    Ok((StatusCode::CREATED, Json(detail(&state, id).await?)))
}

/// A contact of the case (relation, type, last exposure; the birth date, phone and e-mail its link
/// needs). A case of another health center is not found: its contacts are not this account's to list.
#[utoipa::path(
    post, path = "/cases/{id}/contacts", tag = "investigations", request_body = NewContact,
    params(("id" = Uuid, Path, description = "The case")),
    responses(
        (status = 201, description = "Listed, with its contact number", body = Contact),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not the health center's staff", body = ApiError),
        (status = 404, description = "No such case in the account's area (another health center's)", body = ApiError),
        (status = 409, description = "`invalid_transition`: the case is closed", body = ApiError),
        (status = 422, description = "`validation_failed`: name missing, dates in the future or contradicting, phone or e-mail invalid", body = ApiError),
    )
)]
pub async fn add_contact(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(contact): ApiJson<NewContact>,
) -> Result<(StatusCode, Json<Contact>), AppError> {
    let actor = principal.account.user_id.as_str();
    let write = Audited { state: &state, action: Action::AddContact, actor, target: id.to_string(), client };
    case_for_step(&write, &principal, id, CaseStep::AddContact).await?;
    let contact = write.check(check_contact(&contact, today()).map_err(AppError::Validation)).await?;
    let contact_id = Uuid::new_v4();
    let audited = Audited { target: contact_id.to_string(), ..write };
    let new = NewStoredContact {
        id: contact_id,
        case_id: id,
        contact,
        added_by: actor.to_owned(),
        added_at: store::now(),
        audit: audited.entry(Outcome::Success),
    };
    match state.store.add_contact(&new).await? {
        Some(stored) => Ok((StatusCode::CREATED, Json(stored))),
        None => audited.check(Err(AppError::InvalidTransition)).await,
    }
}

/// Closes the case with a reason; final.
#[utoipa::path(
    post, path = "/cases/{id}/close", tag = "investigations", request_body = CloseRequest,
    params(("id" = Uuid, Path, description = "The case")),
    responses(
        (status = 200, description = "Closed; the case", body = CaseDetail),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not the health center's staff", body = ApiError),
        (status = 404, description = "No such case in the account's area", body = ApiError),
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
) -> Result<Json<CaseDetail>, AppError> {
    let actor = principal.account.user_id.as_str();
    let write = Audited { state: &state, action: Action::CloseCase, actor, target: id.to_string(), client };
    case_for_step(&write, &principal, id, CaseStep::Close).await?;
    let reason =
        write.check(check_note("reason", &request.reason).map_err(|field| AppError::Validation(vec![field]))).await?;
    let closing = Closing { id, reason, audit: write.entry(Outcome::Success) };
    if !state.store.close_case(&closing).await? {
        return write.check(Err(AppError::InvalidTransition)).await;
    }
    Ok(Json(detail(&state, id).await?))
}

/// Closes a listed contact with a reason (no longer followed); final. Its case stays as it is.
#[utoipa::path(
    post, path = "/contacts/{id}/close", tag = "investigations", request_body = CloseRequest,
    params(("id" = Uuid, Path, description = "The contact")),
    responses(
        (status = 200, description = "Closed; the contact's case", body = CaseDetail),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not the health center's staff", body = ApiError),
        (status = 404, description = "No such contact in the account's area", body = ApiError),
        (status = 409, description = "`invalid_transition`: closed already, or it became a case", body = ApiError),
        (status = 422, description = "`validation_failed`: reason missing, too long or refused characters", body = ApiError),
    )
)]
pub async fn close_contact(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<CloseRequest>,
) -> Result<Json<CaseDetail>, AppError> {
    let actor = principal.account.user_id.as_str();
    let write = Audited { state: &state, action: Action::CloseContact, actor, target: id.to_string(), client };
    let contact = write.check(contact_for_step(&state, &principal, id, ContactStep::Close).await).await?;
    let reason =
        write.check(check_note("reason", &request.reason).map_err(|field| AppError::Validation(vec![field]))).await?;
    let closing = Closing { id, reason, audit: write.entry(Outcome::Success) };
    if !state.store.close_contact(&closing).await? {
        return write.check(Err(AppError::InvalidTransition)).await;
    }
    Ok(Json(detail(&state, contact.case_id).await?))
}
