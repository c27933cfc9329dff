//! `/api/v1/notifications`: submit (idempotent by device id), list, open.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::api::{
    Filer, NotificationDetail, NotificationFilter, NotificationSubmission, NotificationSummary, PreviousVersion,
    Receipt,
};
use domain::error::ApiError;
use domain::patient_hint::PatientHint;
use uuid::Uuid;

use crate::audit::{self, Action, Outcome};
use crate::auth::api_tokens::SessionOrToken;
use crate::auth::{ClientAddress, Principal};
use crate::error::AppError;
use crate::fhir::intake::{Filing, FilingBody};
use crate::fhir::resources::Bundle;
use crate::filing::{self, content_hash};
use crate::http::extract::{ApiPath, ApiQuery};
use crate::store::{self, Account, InsertOutcome, NewNotification, StoredNotification};
use crate::{access, routing, AppState};

/// File a notification under the id the device made for it. Sending the same id and content again
/// returns the same receipt and stores nothing new; the same id with other content is a conflict.
/// The receiving health center is decided by the server from the filing institution. Doctors file human
/// cases; veterinarians file animal reports (N-7: `animal_report` names the disease × species pair, the
/// answers follow the veterinarian's form), routed the same way by their animal clinic.
/// An electronic medical record system files here with a personal API token (`Authorization: Bearer`,
/// docs/api-tokens.md) for the institution the token was made for, as the form's JSON or as a FHIR R4
/// Bundle (`Content-Type: application/fhir+json`, docs/fhir.md) held to the same rules.
#[utoipa::path(
    put, path = "/notifications/{id}", tag = "notifications",
    request_body(
        description = "The form's answers (`application/json`), or the same notification as a FHIR R4 Bundle (`application/fhir+json`, docs/fhir.md)",
        content((NotificationSubmission = "application/json"), (Bundle = "application/fhir+json")),
    ),
    params(("id" = Uuid, Path, description = "UUID made by the filing device")),
    security(("session" = []), ("api_token" = [])),
    responses(
        (status = 201, description = "Received; the receipt names the receiving health center", body = Receipt),
        (status = 200, description = "Already received with the same content; the original receipt", body = Receipt),
        (status = 400, description = "Malformed body or id", body = ApiError),
        (status = 401, description = "No session; or `invalid_api_token`: the bearer token is unknown, expired or revoked", body = ApiError),
        (status = 403, description = "This account does not file this kind of notification (human cases: doctors; animal reports: veterinarians)", body = ApiError),
        (status = 409, description = "The id was used for different content", body = ApiError),
        (status = 422, description = "The form has errors (see `fields`; for a FHIR Bundle each names the element, e.g. `Patient.birthDate`), or the disease or animal report is unknown (or of another disease)", body = ApiError),
        (status = 429, description = "`too_many_attempts`: the API token's requests per minute are used up; wait `retry_after_seconds`", body = ApiError),
    )
)]
pub async fn submit(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    caller: SessionOrToken,
    ApiPath(id): ApiPath<Uuid>,
    body: FilingBody,
) -> Result<(StatusCode, Json<Receipt>), AppError> {
    let account = &caller.account;
    let received_at = store::now();
    let filing = Filing { user_id: &account.user_id, institution_code: access::api_token_institution(account)? };
    let filed = body.submission(&filing)?;
    let institution_code = access::filing_institution(account, &filed.submission)?;
    // Stored as normalised (era dates to ISO, phone numbers to digits, blanks dropped), so that
    // the same content typed differently is recognised as the same notification.
    let submission = filed.prepared(domain::jst::date_in_japan(received_at))?;
    let route = routing::route(state.store.as_ref(), institution_code).await?;
    let content_hash = content_hash(&submission)?;
    let disease = submission.disease.clone();
    let new = NewNotification {
        id,
        disease: submission.disease,
        animal_report: submission.animal_report,
        answers: submission.answers,
        content_hash: content_hash.clone(),
        filed_by: account.user_id.clone(),
        filer: Filer {
            name: account.display_name.clone(),
            institution: route.institution.name,
            address: route.address,
            phone: route.phone,
        },
        institution_code: route.institution.code,
        health_center: route.health_center,
        received_at,
        audit: audit::entry(
            Action::SubmitNotification,
            Outcome::Success,
            Some(&account.user_id),
            Some(id.to_string()),
            client,
        ),
        mail_site_url: Some(state.accounts.site_url.to_string()),
    };
    match state.store.insert_notification(new).await? {
        InsertOutcome::Created(receipt) => {
            crate::metrics::notification_received();
            if super::center_mail::mailed(&disease) {
                state.accounts.letters_due.notify_one();
            }
            Ok(filing::created(receipt))
        }
        InsertOutcome::AlreadyExists(taken) => {
            taken.answer(&content_hash, &account.user_id, AppError::NotificationConflict)
        }
    }
}

/// The notifications this account may see (N-6): a filer's institution's filings (all statuses, so
/// returned ones show up for correction), newest first; a health center's inbox (what it is now
/// responsible for) ordered overdue → other urgent waiting → other waiting → returned → accepted, newest
/// first within each (by first receipt); a 都道府県等's health centers' notifications, or for national
/// staff all, newest first. Filters combine with AND.
#[utoipa::path(
    get, path = "/notifications", tag = "notifications", params(NotificationFilter),
    responses(
        (status = 200, description = "Visible notifications in the order described", body = [NotificationSummary]),
        (status = 400, description = "A filter is malformed (dates are `YYYY-MM-DD`, JST)", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    principal: Principal,
    ApiQuery(filter): ApiQuery<NotificationFilter>,
) -> Result<Json<Vec<NotificationSummary>>, AppError> {
    let keep = matching(&filter)?;
    let Some(scope) = access::notification_scope(&principal.account) else {
        return Ok(Json(Vec::new()));
    };
    let stored = state.store.notifications(&scope).await?;
    let account = &principal.account;
    let mut rows: Vec<NotificationSummary> =
        stored.into_iter().map(|notification| row_for(account, notification)).filter(|row| keep(row)).collect();
    if access::is_inbox(&principal.account) {
        domain::workflow::sort_inbox(&mut rows);
    }
    Ok(Json(rows))
}

/// The list row, with the patient hint for an account that may open the notification anyway.
pub(super) fn row_for(account: &Account, notification: StoredNotification) -> NotificationSummary {
    let may_open = access::may_open(account, &notification).is_ok();
    let patient_hint = may_open.then(|| PatientHint::of(&notification.answers)).flatten();
    NotificationSummary { patient_hint, ..notification.summary }
}

/// The filter as a test of one row (list and export); a malformed date is refused.
pub(super) fn matching(filter: &NotificationFilter) -> Result<impl Fn(&NotificationSummary) -> bool + '_, AppError> {
    let day = |text: Option<&str>| match text {
        None => Ok(None),
        Some(text) => domain::validation::parse_date(text)
            .map(Some)
            .ok_or_else(|| AppError::MalformedRequest(format!("not a YYYY-MM-DD date: {text}"))),
    };
    let (from, to) = (day(filter.received_from.as_deref())?, day(filter.received_to.as_deref())?);
    Ok(move |row: &NotificationSummary| {
        let received_on = domain::jst::date_in_japan(row.receipt.received_at);
        filter.disease.as_ref().is_none_or(|disease| &row.disease == disease)
            && filter.status.is_none_or(|status| row.status == status)
            && from.is_none_or(|from| received_on >= from)
            && to.is_none_or(|to| received_on <= to)
    })
}

/// The whole notification with its history, as handlers answer it.
pub(super) async fn detail(state: &AppState, stored: StoredNotification) -> Result<NotificationDetail, AppError> {
    let id = stored.summary.receipt.notification_id;
    let history = state.store.history(id).await?;
    let previous_version = match stored.summary.revision {
        current @ 2.. => {
            let revision = current - 1;
            state.store.revision_answers(id, revision).await?.map(|answers| PreviousVersion { revision, answers })
        }
        _ => None,
    };
    Ok(NotificationDetail {
        summary: stored.summary,
        filed_by: stored.filed_by,
        filer: stored.filer,
        answers: stored.answers,
        history,
        previous_version,
    })
}

/// One notification with all its answers and its history (oldest first). Not visible to this account
/// and not existing look the same. 都道府県等 and national accounts need the download flag for it.
/// Every opening, allowed or refused, is audited. An API token reads its institution's filings here
/// (their receipt, status and history).
#[utoipa::path(
    get, path = "/notifications/{id}", tag = "notifications",
    params(("id" = Uuid, Path, description = "The notification's id")),
    security(("session" = []), ("api_token" = [])),
    responses(
        (status = 200, description = "The notification", body = NotificationDetail),
        (status = 401, description = "No session; or `invalid_api_token`: the bearer token is unknown, expired or revoked", body = ApiError),
        (status = 403, description = "`download_not_permitted`: a 都道府県等 or national account without the download flag", body = ApiError),
        (status = 404, description = "No such notification visible to this account", body = ApiError),
        (status = 429, description = "`too_many_attempts`: the API token's requests per minute are used up; wait `retry_after_seconds`", body = ApiError),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    caller: SessionOrToken,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<NotificationDetail>, AppError> {
    let account = &caller.account;
    let stored = state.store.notification(id).await?.ok_or(AppError::NotFound)?;
    let permitted = access::may_open(account, &stored);
    let outcome = if permitted.is_ok() { Outcome::Success } else { Outcome::Denied };
    let entry = audit::entry(Action::ViewNotification, outcome, Some(&account.user_id), Some(id.to_string()), client);
    state.store.audit(entry).await?;
    permitted?;
    Ok(Json(detail(&state, stored).await?))
}
