//! ID management (ID管理, issue 19): the health center's cases (`cases`: opened from a notification it
//! accepted, with the investigation's entries and contacts) and health observations (`observations`:
//! the period and items, reports taken by telephone, the day's follow-up list, closing). Who sees and
//! does what is `access`'s rule; which step is allowed in which status is `domain::investigation`'s.
//! Every write is audited, refusals included.

pub mod cases;
pub mod chains;
pub mod links;
pub mod observations;
pub mod subject_page;

use domain::workflow::{StepRefused, Workflow};

use crate::audit::{self, Action, Outcome};
use crate::error::AppError;
use crate::store::{Account, AuditEntry};
use crate::{access, AppState};

/// One audited request: its action, actor, target and client address. A refusal is recorded with
/// its outcome (denied for a permission, failure otherwise) before the error is answered.
pub(crate) struct Audited<'a> {
    pub state: &'a AppState,
    pub action: Action,
    pub actor: &'a str,
    pub target: String,
    pub client: Option<String>,
}

impl Audited<'_> {
    pub fn entry(&self, outcome: Outcome) -> AuditEntry {
        audit::entry(self.action, outcome, Some(self.actor), Some(self.target.clone()), self.client.clone())
    }

    /// Records a success that stores nothing else (a read of personal data).
    pub async fn record(&self) -> Result<(), AppError> {
        Ok(self.state.store.audit(self.entry(Outcome::Success)).await?)
    }

    /// Passes `result` on, recording a refusal first.
    pub async fn check<T>(&self, result: Result<T, AppError>) -> Result<T, AppError> {
        let Err(error) = result else { return result };
        let outcome = match error {
            AppError::Forbidden | AppError::NotFound | AppError::DownloadNotPermitted => Outcome::Denied,
            _ => Outcome::Failure,
        };
        match self.state.store.audit(self.entry(outcome)).await {
            Ok(()) => Err(error),
            Err(store_error) => Err(store_error.into()),
        }
    }
}

/// Whether the account takes `step` of workflow `W` on an item (case, contact, observation) of
/// `health_center` in `status`: `access`'s scope and role, then the workflow's status.
pub(crate) fn may_step<W: Workflow>(
    account: &Account,
    (prefecture, health_center): (&str, &str),
    status: W::Status,
    step: W::Step,
) -> Result<(), AppError> {
    access::may_step_investigation::<W>(account, prefecture, health_center, step)?;
    W::check(account.role, status, step).map(|_| ()).map_err(step_error)
}

/// A refused step as the API answers it: another role's step is 403, the status's refusal 409.
pub(crate) fn step_error(refused: StepRefused) -> AppError {
    match refused {
        StepRefused::NotThisRolesStep => AppError::Forbidden,
        StepRefused::NotInThisStatus => AppError::InvalidTransition,
    }
}

/// Today in Japan: the day reports and dates are checked against.
pub(crate) fn today() -> time::Date {
    domain::jst::date_in_japan(crate::store::now())
}
