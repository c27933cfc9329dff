//! Permissions (N-6): the one module that decides what an account may do with which notification.
//! Handlers ask here; the client is never trusted with these decisions.

use domain::api::{NotificationSummary, Role};

use crate::http::error::AppError;
use crate::store::{Account, NotificationScope};

/// The institution a doctor files from; other roles may not file notifications.
pub fn filing_institution(account: &Account) -> Result<&str, AppError> {
    match account.role {
        Role::Doctor => Ok(&account.organization.code),
        Role::HealthCenterStaff => Err(AppError::Forbidden),
    }
}

/// Which notifications an account sees: a filer its institution's, a health center what was routed to it.
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
        NotificationScope::RoutedToHealthCenter(code) => notification.receipt.health_center.code == code,
    }
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
        NotificationSummary {
            receipt: Receipt {
                notification_id: uuid::Uuid::nil(),
                receipt_number: "20261124-000001".into(),
                received_at: time::OffsetDateTime::UNIX_EPOCH,
                health_center: Organization { code: health_center.into(), name: health_center.into() },
            },
            disease: "measles".into(),
            status: NotificationStatus::Received,
            institution: Organization { code: institution.into(), name: institution.into() },
        }
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
