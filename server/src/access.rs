//! Permissions (N-6): the one module that decides what an account may do with which notification.
//! Handlers ask here; the client is never trusted with these decisions.

use domain::api::{NotificationSummary, Role, WorkflowAction};

use crate::http::error::AppError;
use crate::store::{Account, NotificationScope};

/// The institution a doctor files from; other roles may not file notifications.
pub fn filing_institution(account: &Account) -> Result<&str, AppError> {
    match account.role {
        Role::Doctor => Ok(&account.organization.code),
        Role::HealthCenterStaff => Err(AppError::Forbidden),
    }
}

/// Which notifications an account sees: a filer its institution's (whatever their status or health
/// center), a health center what it is now responsible for (routed to it and not transferred away, or
/// transferred to it).
pub fn notification_scope(account: &Account) -> NotificationScope {
    let code = account.organization.code.clone();
    match account.role {
        Role::Doctor => NotificationScope::FiledFromInstitution(code),
        Role::HealthCenterStaff => NotificationScope::RoutedToHealthCenter(code),
    }
}

pub fn may_view(account: &Account, notification: &NotificationSummary) -> bool {
    match notification_scope(account) {
        NotificationScope::FiledFromInstitution(code) => notification.institution.code == code,
        NotificationScope::RoutedToHealthCenter(code) => notification.health_center.code == code,
    }
}

/// Whether the account may take a workflow step on the notification: accept, return and transfer are
/// for the staff of the health center now responsible, resubmission for the filing institution's
/// doctors. Not visible is [`AppError::NotFound`] (as for a missing one); visible but not this role's
/// step is [`AppError::Forbidden`]. Whether the status allows the step is `domain::workflow`'s rule.
pub fn may_take(account: &Account, notification: &NotificationSummary, step: WorkflowAction) -> Result<(), AppError> {
    if !may_view(account, notification) {
        return Err(AppError::NotFound);
    }
    let allowed = match step {
        WorkflowAction::Accepted | WorkflowAction::Returned | WorkflowAction::Transferred => {
            account.role == Role::HealthCenterStaff
        }
        WorkflowAction::Resubmitted => account.role == Role::Doctor,
        // The receipt is the intake's own step, not one anybody takes on a stored notification.
        WorkflowAction::Received => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether the account's list is a health center's inbox (ordered by urgency) rather than a filer's list.
pub fn is_inbox(account: &Account) -> bool {
    matches!(notification_scope(account), NotificationScope::RoutedToHealthCenter(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{AccountStatus, FactorSetting, PasswordState};
    use domain::api::{NotificationStatus, Organization, Receipt, SecondFactorMethod};

    fn account(role: Role, code: &str) -> Account {
        Account {
            user_id: "u".into(),
            display_name: "u".into(),
            role,
            organization: Organization { code: code.into(), name: code.into() },
            status: AccountStatus::Active,
            password: PasswordState { changed_at: None, issued_because: None },
            factor: FactorSetting { method: SecondFactorMethod::Email, email: None, phone: None },
        }
    }

    fn notification(institution: &str, health_center: &str) -> NotificationSummary {
        let health_center = Organization { code: health_center.into(), name: health_center.into() };
        NotificationSummary {
            receipt: Receipt {
                notification_id: uuid::Uuid::nil(),
                receipt_number: "20261124-000001".into(),
                received_at: time::OffsetDateTime::UNIX_EPOCH,
                health_center: health_center.clone(),
            },
            disease: "measles".into(),
            status: NotificationStatus::Received,
            institution: Organization { code: institution.into(), name: institution.into() },
            health_center,
            revision: 1,
            urgent: true,
            overdue: false,
        }
    }

    #[test]
    fn after_a_transfer_only_the_new_health_center_sees_and_acts() {
        let mut transferred = notification("INST-1", "HC-1");
        transferred.health_center = Organization { code: "HC-2".into(), name: "HC-2".into() };
        let old = account(Role::HealthCenterStaff, "HC-1");
        let new = account(Role::HealthCenterStaff, "HC-2");
        assert!(!may_view(&old, &transferred) && may_view(&new, &transferred));
        assert!(may_view(&account(Role::Doctor, "INST-1"), &transferred), "the filer still sees it");
        for step in [WorkflowAction::Accepted, WorkflowAction::Returned, WorkflowAction::Transferred] {
            assert!(matches!(may_take(&old, &transferred, step), Err(AppError::NotFound)));
            assert!(may_take(&new, &transferred, step).is_ok());
        }
    }

    #[test]
    fn staff_decide_and_the_filing_institution_resubmits() {
        let filed = notification("INST-1", "HC-1");
        let staff = account(Role::HealthCenterStaff, "HC-1");
        let filer = account(Role::Doctor, "INST-1");
        assert!(may_take(&filer, &filed, WorkflowAction::Resubmitted).is_ok());
        assert!(matches!(may_take(&filer, &filed, WorkflowAction::Accepted), Err(AppError::Forbidden)));
        assert!(matches!(may_take(&staff, &filed, WorkflowAction::Resubmitted), Err(AppError::Forbidden)));
        let other_clinic = account(Role::Doctor, "INST-2");
        assert!(matches!(may_take(&other_clinic, &filed, WorkflowAction::Resubmitted), Err(AppError::NotFound)));
        assert!(matches!(may_take(&staff, &filed, WorkflowAction::Received), Err(AppError::Forbidden)));
        assert!(is_inbox(&staff) && !is_inbox(&filer));
    }

    #[test]
    fn doctors_see_their_institution_and_staff_their_health_center() {
        let filed = notification("INST-1", "HC-1");
        assert!(may_view(&account(Role::Doctor, "INST-1"), &filed));
        assert!(!may_view(&account(Role::Doctor, "INST-2"), &filed));
        assert!(may_view(&account(Role::HealthCenterStaff, "HC-1"), &filed));
        assert!(!may_view(&account(Role::HealthCenterStaff, "HC-2"), &filed));
        // A code that happens to equal the other kind of organization's code grants nothing.
        assert!(!may_view(&account(Role::HealthCenterStaff, "INST-1"), &filed));
    }

    #[test]
    fn only_doctors_file() {
        assert_eq!(filing_institution(&account(Role::Doctor, "INST-1")).ok(), Some("INST-1"));
        assert!(filing_institution(&account(Role::HealthCenterStaff, "HC-1")).is_err());
    }
}
