//! User managers' requests to their sysadmin. A request for new accounts is the
//! application form's rows entered online and is checked by the same rules as an uploaded form
//! (plus: nobody in it is in another request still pending); approving it issues the accounts
//! exactly as a bulk registration does. A request about a staff member's account is approved by
//! doing it through `crate::admin` (a password reset as a new letter). Who may ask and decide is
//! `crate::access`'s rule.

use std::collections::HashSet;

use domain::api::{AccountRequest, Applicant, NewAccountRequest, RequestState, RequestedAction, UnlistedInstitution};
use domain::application::{self, ApplyingInstitution, FormColumn};
use domain::import::{ImportProblem, ImportProblemCode};
use domain::workflow::check_note;
use uuid::Uuid;

use super::issue::{self, Uploader};
use super::{letters, AccountServices};
use crate::access;
use crate::admin::{self, Acting};
use crate::audit::{self, Action, Outcome};
use crate::error::AppError;
use crate::store::{
    self, Account, Affiliation, Decision, InstitutionEntry, ManagedScope, NewRequest, Store, StoredRequest,
};

/// Checks and stores a user manager's request for its institution.
pub async fn submit(
    store: &dyn Store,
    manager: &Account,
    new: NewAccountRequest,
    client: Option<String>,
) -> Result<AccountRequest, AppError> {
    let institution_code = access::managed_institution(manager)?;
    let institution = institution(store, institution_code).await?;
    let note = match new.note.as_deref().map(str::trim).filter(|note| !note.is_empty()) {
        Some(note) => Some(check_note("note", note).map_err(|error| AppError::Validation(vec![error]))?),
        None => None,
    };
    let action = match new.action {
        RequestedAction::Issue { applicants, unlisted } => {
            let unlisted = unlisted.map(check_unlisted).transpose()?;
            check_applicants(store, &institution, &applicants, unlisted.as_ref()).await?;
            RequestedAction::Issue { applicants, unlisted }
        }
        RequestedAction::Change { user_id, change } => {
            staff_member(store, manager, &user_id).await?;
            let change = application::check_account_change(&change).map_err(AppError::Validation)?;
            RequestedAction::Change { user_id, change }
        }
        other => {
            staff_member(store, manager, other.target().unwrap_or_default()).await?;
            other
        }
    };
    let id = Uuid::new_v4();
    let actor = Some(manager.user_id.as_str());
    let request = NewRequest {
        id,
        institution_code: institution_code.to_owned(),
        requested_by: manager.user_id.clone(),
        requested_at: store::now(),
        action,
        note,
        audit: audit::entry(Action::SubmitRequest, Outcome::Success, actor, Some(id.to_string()), client),
    };
    store.insert_request(&request).await?;
    Ok(AccountRequest {
        request_id: id,
        institution: institution.institution,
        requested_by: request.requested_by,
        requested_at: request.requested_at,
        action: request.action,
        note: request.note,
        state: RequestState::Pending,
        decided_by: None,
        decided_at: None,
        reason: None,
        batch_id: None,
        issued: Vec::new(),
    })
}

/// The institution with its health center and 都道府県等; a request names one that exists (a foreign key).
async fn institution(store: &dyn Store, code: &str) -> Result<InstitutionEntry, AppError> {
    let found = store.institutions_by_code(&[code.to_owned()]).await?.pop();
    found.ok_or_else(|| AppError::Internal(format!("institution {code} is missing from the master")))
}

/// The institution's staff member `user_id` (not deleted), as the manager may ask for them.
async fn staff_member(store: &dyn Store, manager: &Account, user_id: &str) -> Result<Account, AppError> {
    let target = admin::existing(store, user_id).await?;
    let target_manager = match &target.affiliation {
        Affiliation::Institution(code) => {
            store.institutions_by_code(std::slice::from_ref(code)).await?.pop().map(|entry| entry.manager_institution)
        }
        _ => None,
    };
    access::may_request_for(manager, &target, target_manager.as_deref())?;
    Ok(target)
}

/// An institution missing from the master, checked by the rule of its registration: a 422
/// naming the field, before any applicant is looked at.
fn check_unlisted(unlisted: UnlistedInstitution) -> Result<UnlistedInstitution, AppError> {
    let particulars =
        application::check_particulars(unlisted.class, &unlisted.particulars).map_err(AppError::Validation)?;
    Ok(UnlistedInstitution { class: unlisted.class, particulars })
}

/// The applicants as rows of the form: for `institution`, or for the institution missing from the
/// master that `unlisted` describes (AJ blank, its particulars in AO … AY, under `institution`'s
/// health center).
fn rows_for(
    institution: &InstitutionEntry,
    applicants: &[Applicant],
    unlisted: Option<&UnlistedInstitution>,
) -> Vec<application::RawRow> {
    let applying = ApplyingInstitution {
        code: &institution.institution.code,
        class: unlisted.map_or(institution.class, |unlisted| unlisted.class),
        health_center_code: &institution.health_center_code,
        unlisted: unlisted.map(|unlisted| &unlisted.particulars),
    };
    application::applicant_rows(applicants, applying)
}

/// Every problem of the applicants, as for an uploaded form (row N is the N-th applicant), and
/// anyone already in a pending request of the institution (A-6: "not applied for by someone else").
/// An institution missing from the master is expected not to be registered yet: the sysadmin
/// registers it while reviewing.
async fn check_applicants(
    store: &dyn Store,
    institution: &InstitutionEntry,
    applicants: &[Applicant],
    unlisted: Option<&UnlistedInstitution>,
) -> Result<(), AppError> {
    let rows = rows_for(institution, applicants, unlisted);
    let mut checked = issue::check(store, &rows, &institution.prefecture_code).await?;
    checked.problems.retain(|problem| problem.code != ImportProblemCode::InstitutionNotRegistered);
    let pending = pending_people(store, &institution.institution.code).await?;
    // As sent (the pending ones are kept as sent), so that applicants for an institution not yet
    // registered, whose rows stop before the accounts are compared, are compared too.
    for (row, applicant) in (1..).zip(applicants) {
        let keys = application::person_keys(applicant.user_name.trim(), applicant.contact_email.trim());
        if keys.iter().any(|key| pending.contains(key)) {
            checked.problems.push(FormColumn::UserName.problem(row, ImportProblemCode::AlreadyApplied, None));
        }
    }
    if checked.problems.is_empty() {
        Ok(())
    } else {
        checked.problems.sort_by_key(|problem: &ImportProblem| problem.row);
        Err(AppError::ImportRejected(checked.problems))
    }
}

/// The people in the institution's pending requests for new accounts.
async fn pending_people(store: &dyn Store, institution_code: &str) -> Result<HashSet<String>, AppError> {
    let requests = store.requests(&ManagedScope::Institution(institution_code.to_owned())).await?;
    Ok(requests
        .into_iter()
        .filter(|request| request.state == RequestState::Pending)
        .filter_map(|request| match request.action {
            RequestedAction::Issue { applicants, .. } => Some(applicants),
            _ => None,
        })
        .flatten()
        .flat_map(|applicant| application::person_keys(&applicant.user_name, &applicant.contact_email))
        .collect())
}

/// The request, if the administrator may decide it and it is still pending.
async fn pending(store: &dyn Store, admin: &Account, request_id: Uuid) -> Result<StoredRequest, AppError> {
    let stored = store.request(request_id).await?.ok_or(AppError::NotFound)?;
    access::may_decide(admin, &stored.prefecture_code)?;
    if stored.request.state != RequestState::Pending {
        return Err(AppError::RequestDecided);
    }
    Ok(stored)
}

/// Approves a pending request and does what it asks: issues the accounts (checked again: the masters
/// and the accounts may have changed since it was sent), or changes the staff member's account.
pub async fn approve(
    store: &dyn Store,
    services: &AccountServices,
    admin: &Account,
    request_id: Uuid,
    client: Option<String>,
) -> Result<AccountRequest, AppError> {
    let stored = pending(store, admin, request_id).await?;
    match &stored.request.action {
        RequestedAction::Issue { applicants, unlisted } => {
            let institution = institution(store, &stored.request.institution.code).await?;
            let rows = rows_for(&institution, applicants, unlisted.as_ref());
            let uploader = Uploader { account: admin, prefecture: Some(&stored.prefecture_code), client };
            issue::register_rows(store, services, &uploader, &rows, Some(request_id)).await?;
        }
        action => {
            let acting = Acting { by: Some(&admin.user_id), client: client.clone() };
            carry_out(store, services, admin, &stored, action, &acting).await?;
            decide(store, admin, request_id, RequestState::Approved, None, client).await?;
        }
    }
    store.request(request_id).await?.map(|stored| stored.request).ok_or(AppError::NotFound)
}

/// Does what a request about one account asks, as the administrator.
async fn carry_out(
    store: &dyn Store,
    services: &AccountServices,
    admin: &Account,
    stored: &StoredRequest,
    action: &RequestedAction,
    acting: &Acting<'_>,
) -> Result<(), AppError> {
    let user_id = action.target().unwrap_or_default();
    let target = admin::existing(store, user_id).await?;
    access::may_manage(admin, &target, Some(&stored.prefecture_code))?;
    match action {
        RequestedAction::Change { change, .. } => admin::change(store, user_id, change, acting).await?,
        RequestedAction::Suspend { .. } => admin::set_suspended(store, user_id, true, acting).await?,
        RequestedAction::Resume { .. } => admin::set_suspended(store, user_id, false, acting).await?,
        RequestedAction::Delete { .. } => admin::delete(store, user_id, acting).await?,
        RequestedAction::PasswordReset { .. } => letters::resend(store, services, user_id, acting).await?,
        RequestedAction::Issue { .. } => {}
    }
    Ok(())
}

/// Rejects a pending request with a reason the manager sees.
pub async fn reject(
    store: &dyn Store,
    admin: &Account,
    request_id: Uuid,
    reason: &str,
    client: Option<String>,
) -> Result<AccountRequest, AppError> {
    let reason = check_note("reason", reason).map_err(|error| AppError::Validation(vec![error]))?;
    pending(store, admin, request_id).await?;
    decide(store, admin, request_id, RequestState::Rejected, Some(reason), client).await?;
    store.request(request_id).await?.map(|stored| stored.request).ok_or(AppError::NotFound)
}

/// Takes back a pending request of the manager's institution.
pub async fn withdraw(
    store: &dyn Store,
    manager: &Account,
    request_id: Uuid,
    client: Option<String>,
) -> Result<AccountRequest, AppError> {
    access::managed_institution(manager)?;
    let stored = store.request(request_id).await?.ok_or(AppError::NotFound)?;
    access::may_withdraw(manager, &stored.request.institution.code)?;
    decide(store, manager, request_id, RequestState::Withdrawn, None, client).await?;
    store.request(request_id).await?.map(|stored| stored.request).ok_or(AppError::NotFound)
}

/// Ends a pending request as `by` decided (an administrator, or the manager withdrawing it).
async fn decide(
    store: &dyn Store,
    by: &Account,
    request_id: Uuid,
    state: RequestState,
    reason: Option<String>,
    client: Option<String>,
) -> Result<(), AppError> {
    let action = match state {
        RequestState::Rejected => Action::RejectRequest,
        RequestState::Withdrawn => Action::WithdrawRequest,
        RequestState::Approved | RequestState::Pending => Action::ApproveRequest,
    };
    let actor = Some(by.user_id.as_str());
    let decision = Decision {
        request_id,
        state,
        decided_by: by.user_id.clone(),
        decided_at: store::now(),
        reason,
        audit: audit::entry(action, Outcome::Success, actor, Some(request_id.to_string()), client),
    };
    if store.decide_request(&decision).await? {
        Ok(())
    } else {
        Err(AppError::RequestDecided)
    }
}
