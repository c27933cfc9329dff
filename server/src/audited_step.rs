//! One audited step of a workflow: a notification's (N-5), a 疑似症 report's, an alarm's marking. Every
//! refusal is audited before it is answered, `denied` when the item is out of the account's reach or
//! the step is another role's, `failure` when its status, its revision or the request does not allow
//! it; the step taken is audited by the store in the step's own transaction ([`AuditedStep::entry`]).
//! Which role takes which step in which status is `domain::workflow`'s; scope is `access`'s.

use domain::api::Role;
use domain::workflow::{check_note, StepRefused, Workflow};
use uuid::Uuid;

use crate::audit::{self, Action, Outcome};
use crate::error::AppError;
use crate::store::{AuditEntry, Store};

/// A step requested by `actor` on the item `target`, audited as `action`.
pub struct AuditedStep<'a> {
    store: &'a dyn Store,
    action: Action,
    actor: &'a str,
    target: Uuid,
    client: Option<String>,
}

impl<'a> AuditedStep<'a> {
    pub fn new(store: &'a dyn Store, action: Action, actor: &'a str, target: Uuid, client: Option<String>) -> Self {
        Self { store, action, actor, target, client }
    }

    /// The step's audit record with `outcome` (the success record goes into the store with the step).
    pub fn entry(&self, outcome: Outcome) -> AuditEntry {
        audit::entry(self.action, outcome, Some(self.actor), Some(self.target.to_string()), self.client.clone())
    }

    /// Audits a refusal and passes the error on: `denied` for an item out of reach or another role's
    /// step (404, 403), `failure` for anything else.
    pub async fn refuse(&self, error: AppError) -> AppError {
        let outcome = match error {
            AppError::Forbidden | AppError::NotFound => Outcome::Denied,
            _ => Outcome::Failure,
        };
        match self.store.audit(self.entry(outcome)).await {
            Ok(()) => error,
            Err(store_error) => store_error.into(),
        }
    }

    /// `access`'s decision on the step, audited when it refuses.
    pub async fn allowed<T>(&self, decision: Result<T, AppError>) -> Result<T, AppError> {
        match decision {
            Ok(allowed) => Ok(allowed),
            Err(refused) => Err(self.refuse(refused).await),
        }
    }

    /// The status `step` leads to when `role` takes it in `status` (`W`'s rule); refused with 403 for
    /// another role's step, 409 `invalid_transition` for a status that does not allow it.
    pub async fn next_status<W: Workflow>(
        &self,
        role: Role,
        status: W::Status,
        step: W::Step,
    ) -> Result<W::Status, AppError> {
        match W::check(role, status, step) {
            Ok(next) => Ok(next),
            Err(StepRefused::NotThisRolesStep) => Err(self.refuse(AppError::Forbidden).await),
            Err(StepRefused::NotInThisStatus) => Err(self.refuse(AppError::InvalidTransition).await),
        }
    }

    /// The step's comment or reason (`field` names it), checked by `domain::workflow::check_note`.
    pub async fn note(&self, field: &str, text: &str) -> Result<String, AppError> {
        match check_note(field, text) {
            Ok(note) => Ok(note),
            Err(problem) => Err(self.refuse(AppError::Validation(vec![problem])).await),
        }
    }
}
