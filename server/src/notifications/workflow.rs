//! The health-center workflow (N-5) over HTTP: accept, return for correction, transfer, and the
//! filer's resubmission and withdrawal. Scope is `access`'s decision; which role takes which step in which status is
//! `domain::workflow::NotificationWorkflow`'s.

use axum::extract::State;
use axum::Json;
use domain::api::{
    NotificationDetail, NotificationStatus, NotificationSubmission, Organization, Receipt, ResubmitRequest,
    ReturnRequest, StaleRevision, TransferRequest, WithdrawRequest, WorkflowAction,
};
use domain::error::{ApiError, FieldError, FieldErrorCode};
use domain::validation::{prepare_submission, SubmissionError};
use domain::workflow::{check_note, NotificationWorkflow};
use uuid::Uuid;

use super::filer_mail;
use super::routes::detail;
use crate::audit::{Action, Outcome};
use crate::audited_step::AuditedStep;
use crate::auth::{ClientAddress, Principal};
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath};
use crate::store::{self, StoredNotification, Transition};
use crate::{access, AppState};

/// One request for a step, with what the handlers share.
struct Step<'a> {
    state: &'a AppState,
    principal: &'a Principal,
    id: Uuid,
    action: WorkflowAction,
    audited: AuditedStep<'a>,
}

impl<'a> Step<'a> {
    fn new(
        state: &'a AppState,
        principal: &'a Principal,
        client: Option<String>,
        id: Uuid,
        action: WorkflowAction,
    ) -> Self {
        let audit_action = match action {
            WorkflowAction::Accepted => Action::AcceptNotification,
            WorkflowAction::Returned => Action::ReturnNotification,
            WorkflowAction::Transferred => Action::TransferNotification,
            WorkflowAction::Resubmitted | WorkflowAction::Received => Action::ResubmitNotification,
            WorkflowAction::Withdrawn => Action::WithdrawNotification,
        };
        let audited = AuditedStep::new(state.store.as_ref(), audit_action, &principal.account.user_id, id, client);
        Self { state, principal, id, action, audited }
    }

    /// The notification, if this account may take the step on it; a refusal is audited.
    async fn load(&self) -> Result<StoredNotification, AppError> {
        let stored = self.state.store.notification(self.id).await?.ok_or(AppError::NotFound)?;
        self.audited.allowed(access::may_take(&self.principal.account, &stored, self.action)).await?;
        Ok(stored)
    }

    /// The status the step leads to from `stored`'s; a status that does not allow it is refused, audited.
    async fn next_status(&self, stored: &StoredNotification) -> Result<NotificationStatus, AppError> {
        let role = self.principal.account.role;
        self.audited.next_status::<NotificationWorkflow>(role, stored.summary.status, self.action).await
    }

    /// Applies the step to `stored` (which the caller checked), with its history entry, audit record and
    /// mail to the filer. `false`: someone else changed the notification meanwhile.
    async fn apply(
        &self,
        stored: &StoredNotification,
        to_health_center: Option<Organization>,
        comment: Option<String>,
        resubmission: Option<NotificationSubmission>,
    ) -> Result<bool, AppError> {
        let summary = &stored.summary;
        let to_status = self.next_status(stored).await?;
        let to_revision = self.action.revision_after(summary.revision);
        let site_url = &self.state.accounts.site_url;
        let to_name = to_health_center.as_ref().map_or("", |center| center.name.as_str());
        let filer_mail = filer_mail::about(self.action, summary, to_name, site_url);
        let queues_mail = filer_mail.is_some();
        let transition = Transition {
            id: self.id,
            from_status: summary.status,
            from_revision: summary.revision,
            from_health_center_code: summary.health_center.code.clone(),
            action: self.action,
            to_status,
            to_revision,
            to_health_center_code: to_health_center.map_or_else(|| summary.health_center.code.clone(), |to| to.code),
            resubmission,
            actor: self.principal.account.user_id.clone(),
            at: store::now(),
            comment,
            audit: self.audited.entry(Outcome::Success),
            filer_mail,
        };
        let applied = self.state.store.transition(transition).await?;
        if applied && queues_mail {
            self.state.accounts.letters_due.notify_one();
        }
        Ok(applied)
    }

    /// The notification as it is now, for the response.
    async fn current(&self) -> Result<NotificationDetail, AppError> {
        let stored = self.state.store.notification(self.id).await?.ok_or(AppError::NotFound)?;
        detail(self.state, stored).await
    }

    /// The step's comment or reason (`field`), checked once the status allows the step; either refusal
    /// is audited.
    async fn note_for(&self, stored: &StoredNotification, field: &str, text: &str) -> Result<String, AppError> {
        self.next_status(stored).await?;
        self.audited.note(field, text).await
    }

    /// Takes a step without new content (accept, return, transfer, withdraw) and answers the updated
    /// notification.
    async fn decide(
        &self,
        stored: StoredNotification,
        to_health_center: Option<Organization>,
        comment: Option<String>,
    ) -> Result<Json<NotificationDetail>, AppError> {
        if !self.apply(&stored, to_health_center, comment, None).await? {
            return Err(self.audited.refuse(AppError::InvalidTransition).await);
        }
        Ok(Json(self.current().await?))
    }
}

/// 受理: the health center accepts the notification. Only from `received`; it may still be transferred.
#[utoipa::path(
    post, path = "/notifications/{id}/accept", tag = "workflow",
    params(("id" = Uuid, Path, description = "The notification's id")),
    responses(
        (status = 200, description = "Accepted; the notification with its history", body = NotificationDetail),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Visible, but not a health center's account (the filer)", body = ApiError),
        (status = 404, description = "No such notification at this account's health center", body = ApiError),
        (status = 409, description = "`invalid_transition`: not in status `received`", body = ApiError),
    )
)]
pub async fn accept(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<NotificationDetail>, AppError> {
    let step = Step::new(&state, &principal, client, id, WorkflowAction::Accepted);
    let stored = step.load().await?;
    step.decide(stored, None, None).await
}

/// 差し戻し: the health center returns the notification to the filer with a comment saying what to
/// correct. Only from `received`; the filer sees status `returned` and the comment in the history.
#[utoipa::path(
    post, path = "/notifications/{id}/return", tag = "workflow", request_body = ReturnRequest,
    params(("id" = Uuid, Path, description = "The notification's id")),
    responses(
        (status = 200, description = "Returned; the notification with its history", body = NotificationDetail),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Visible, but not a health center's account (the filer)", body = ApiError),
        (status = 404, description = "No such notification at this account's health center", body = ApiError),
        (status = 409, description = "`invalid_transition`: not in status `received`", body = ApiError),
        (status = 422, description = "`validation_failed`: the comment is missing, too long or has refused characters", body = ApiError),
    )
)]
pub async fn return_for_correction(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<ReturnRequest>,
) -> Result<Json<NotificationDetail>, AppError> {
    let step = Step::new(&state, &principal, client, id, WorkflowAction::Returned);
    let stored = step.load().await?;
    let comment = step.note_for(&stored, "comment", &request.comment).await?;
    step.decide(stored, None, Some(comment)).await
}

/// 移送: the health center hands the notification over to another existing health center with a
/// reason (e.g. the patient's residence). From `received` or `accepted` (the patient moved during the
/// investigation: the notification's case, with its contacts and observations, moves with it);
/// afterwards the new health center has it and may act on it, the old one no longer sees it, the filer
/// still does, and the receipt keeps naming the health center it was routed to.
#[utoipa::path(
    post, path = "/notifications/{id}/transfer", tag = "workflow", request_body = TransferRequest,
    params(("id" = Uuid, Path, description = "The notification's id")),
    responses(
        (status = 200, description = "Transferred; the notification with its history", body = NotificationDetail),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Visible, but not a health center's account (the filer)", body = ApiError),
        (status = 404, description = "No such notification at this account's health center", body = ApiError),
        (status = 409, description = "`invalid_transition`: not in status `received` or `accepted`", body = ApiError),
        (status = 422, description = "`validation_failed`: reason missing or refused, or `health_center_code` unknown or the current one", body = ApiError),
    )
)]
pub async fn transfer(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<TransferRequest>,
) -> Result<Json<NotificationDetail>, AppError> {
    let step = Step::new(&state, &principal, client, id, WorkflowAction::Transferred);
    let stored = step.load().await?;
    step.next_status(&stored).await?;
    let mut problems = Vec::new();
    let target = request.health_center_code.trim();
    let center =
        state.store.health_center(target).await?.filter(|center| center.code != stored.summary.health_center.code);
    if center.is_none() {
        let code = FieldErrorCode::InvalidChoice;
        let message = "移送先：現在の保健所以外の、登録されている保健所を指定してください。".to_owned();
        problems.push(FieldError { field: "health_center_code".into(), code, message });
    }
    let reason = match check_note("reason", &request.reason) {
        Ok(reason) => Some(reason),
        Err(field) => {
            problems.push(field);
            None
        }
    };
    match (center, reason) {
        (Some(center), Some(reason)) => step.decide(stored, Some(center), Some(reason)).await,
        _ => Err(step.audited.refuse(AppError::Validation(problems)).await),
    }
}

/// 取下げ: the filer withdraws a notification filed by mistake, with a reason, while the health center
/// has not accepted it (`received` or `returned`). Final: it stays in both lists as withdrawn, with
/// the reason in its history, and is no longer counted in the situation views.
#[utoipa::path(
    post, path = "/notifications/{id}/withdraw", tag = "workflow", request_body = WithdrawRequest,
    params(("id" = Uuid, Path, description = "The notification's id")),
    responses(
        (status = 200, description = "Withdrawn; the notification with its history", body = NotificationDetail),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Visible, but not a filer's account (health center staff)", body = ApiError),
        (status = 404, description = "No such notification filed by this account's institution", body = ApiError),
        (status = 409, description = "`invalid_transition`: already accepted or withdrawn", body = ApiError),
        (status = 422, description = "`validation_failed`: the reason is missing, too long or has refused characters", body = ApiError),
    )
)]
pub async fn withdraw(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<WithdrawRequest>,
) -> Result<Json<NotificationDetail>, AppError> {
    let step = Step::new(&state, &principal, client, id, WorkflowAction::Withdrawn);
    let stored = step.load().await?;
    let reason = step.note_for(&stored, "reason", &request.reason).await?;
    step.decide(stored, None, Some(reason)).await
}

/// Whether `request` is the resubmission that made the current revision, sent again: based on the
/// revision before it (only a resubmission raises the revision) with the same content once normalised.
/// The pair (notification, revision it starts from) is what a device's resubmission is filed under, as a
/// new notification is filed under its id.
fn repeats_last_resubmission(stored: &StoredNotification, request: &ResubmitRequest, today: time::Date) -> bool {
    let summary = &stored.summary;
    request.based_on_revision.checked_add(1) == Some(summary.revision)
        && request.submission.disease == summary.disease
        && request.submission.animal_report == summary.animal_report
        && prepare_submission(&request.submission, today).is_ok_and(|(_, answers)| answers == stored.answers)
}

/// 再提出: the filing institution's corrected version of a returned notification. `based_on_revision`
/// must be the current revision (the one that was returned); an older one is refused with 409 and a
/// `StaleRevision` body carrying the current version. The submission is validated like a new one. On
/// success the revision goes up by one, the status is `received` again (at the same health center),
/// the answers are replaced, the history records the step with the old revision, and the answer is the
/// notification's receipt: the same receipt number and first-receipt time (the arrival of the
/// notification, terms Art. 8); the resubmission's own time is in the history. Retrying the original
/// `PUT /notifications/{id}` still returns that receipt, and so does sending the same resubmission again
/// (same `based_on_revision`, same content: the device's outbox retries when an answer was lost); the
/// same revision with other content is 409 `stale_revision`.
#[utoipa::path(
    post, path = "/notifications/{id}/resubmit", tag = "workflow", request_body = ResubmitRequest,
    params(("id" = Uuid, Path, description = "The notification's id")),
    responses(
        (status = 200, description = "Received again (or this resubmission was already received); the notification's receipt", body = Receipt),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Visible, but not a filer's account (health center staff), or the other kind of submission (a doctor's must stay a human case, a veterinarian's an animal report)", body = ApiError),
        (status = 404, description = "No such notification filed by this account's institution", body = ApiError),
        (status = 409, description = "`stale_revision`: `based_on_revision` is not the current revision; the body has the current version. Or (as `ApiError`) `invalid_transition`: not in status `returned`", body = StaleRevision),
        (status = 422, description = "The form has errors (see `fields`) or the disease is unknown", body = ApiError),
    )
)]
pub async fn resubmit(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(request): ApiJson<ResubmitRequest>,
) -> Result<Json<Receipt>, AppError> {
    let step = Step::new(&state, &principal, client, id, WorkflowAction::Resubmitted);
    let stored = step.load().await?;
    // A doctor resubmits a human case, a veterinarian an animal report: the kind cannot change.
    step.audited.allowed(access::filing_institution(&principal.account, &request.submission)).await?;
    let today = domain::jst::date_in_japan(store::now());
    if repeats_last_resubmission(&stored, &request, today) {
        // The device did not hear the answer and sent it again: the same receipt, nothing changes.
        return Ok(Json(stored.summary.receipt));
    }
    if request.based_on_revision != stored.summary.revision {
        let current = detail(&state, stored).await?;
        return Err(step.audited.refuse(AppError::StaleRevision(Box::new(current))).await);
    }
    step.next_status(&stored).await?;
    let answers = match prepare_submission(&request.submission, today) {
        Ok((_, answers)) => answers,
        Err(SubmissionError::UnknownDisease) => return Err(step.audited.refuse(AppError::UnknownDisease).await),
        Err(SubmissionError::Invalid(fields)) => return Err(step.audited.refuse(AppError::Validation(fields)).await),
    };
    let resubmission = NotificationSubmission { answers, ..request.submission };
    if !step.apply(&stored, None, None, Some(resubmission)).await? {
        // Another resubmission or step won the race: show what it made.
        return Err(step.audited.refuse(AppError::StaleRevision(Box::new(step.current().await?))).await);
    }
    Ok(Json(stored.summary.receipt))
}
