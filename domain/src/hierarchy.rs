//! Who issues whose accounts (SPEC §1, R-1 … R-3): the national administrator (国の管理者, made by
//! `todoke-server create-admin`) issues the supervisors (統括責任者) of every 都道府県等; a supervisor
//! its 都道府県等's sysadmins (利用者認証実施者); a sysadmin its own organisation's staff (the
//! 都道府県等's office and its health centers) and the user managers (利用管理者) of the institutions
//! in its jurisdiction. Doctors, veterinarians and sentinel-site managers come from the application
//! form. Nobody issues above or beside this: the server refuses it, the app offers only these.

use crate::api::{AccountChange, Applicant, Role, SecondFactorChange, StaffApplication};
use crate::application::check_account_change;
use crate::error::{FieldError, FieldErrorCode};
use crate::i18n::Lang;

/// The kind of organization an account of a role belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrganizationKind {
    /// A 都道府県等: a prefecture, or a city with its own health centers.
    Prefecture,
    HealthCenter,
    /// A medical institution, sentinel site or animal clinic.
    Institution,
    /// The country: no organization code.
    National,
}

pub fn organization_kind(role: Role) -> OrganizationKind {
    match role {
        Role::Supervisor | Role::SystemAdministrator | Role::PrefectureStaff => OrganizationKind::Prefecture,
        Role::HealthCenterStaff => OrganizationKind::HealthCenter,
        Role::Doctor | Role::Veterinarian | Role::SentinelSiteManager | Role::UserManager => {
            OrganizationKind::Institution
        }
        Role::NationalStaff | Role::NationalAdministrator => OrganizationKind::National,
    }
}

/// The roles an account of `issuer`'s role issues (outside the application form), in the order a
/// screen offers them.
pub fn issued_by(issuer: Role) -> &'static [Role] {
    match issuer {
        Role::NationalAdministrator => &[Role::Supervisor],
        Role::Supervisor => &[Role::SystemAdministrator],
        Role::SystemAdministrator => &[Role::HealthCenterStaff, Role::PrefectureStaff, Role::UserManager],
        Role::Doctor
        | Role::Veterinarian
        | Role::HealthCenterStaff
        | Role::PrefectureStaff
        | Role::NationalStaff
        | Role::SentinelSiteManager
        | Role::UserManager => &[],
    }
}

pub fn issues(issuer: Role, role: Role) -> bool {
    issued_by(issuer).contains(&role)
}

/// Whether an account of the role can hold the 個票・CSVダウンロードフラグ: those who see
/// notifications. Administrators and user managers never open a record.
pub fn holds_download_flag(role: Role) -> bool {
    match role {
        Role::Doctor
        | Role::Veterinarian
        | Role::SentinelSiteManager
        | Role::HealthCenterStaff
        | Role::PrefectureStaff
        | Role::NationalStaff => true,
        Role::UserManager | Role::SystemAdministrator | Role::Supervisor | Role::NationalAdministrator => false,
    }
}

/// Checks and normalises one staff application by the cells' rules of the form (V-1 name, V-2
/// phone, e-mail, a second factor the method can reach), the download flag by
/// [`holds_download_flag`], and the organization code's presence. Error fields are prefixed with
/// `prefix` (e.g. `staff[2].`). Whether the issuer may issue it there is the server's to check.
pub fn check_staff(application: &StaffApplication, prefix: &str) -> Result<StaffApplication, Vec<FieldError>> {
    let applicant = &application.applicant;
    let checked = check_account_change(&particulars(applicant));
    let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
    let mut refuse = |field: &str, code: FieldErrorCode| {
        errors.push(FieldError {
            field: field.to_owned(),
            code,
            message: format!("{field}：{}", code.message(Lang::Ja)),
        })
    };
    if applicant.may_download_records && !holds_download_flag(application.role) {
        refuse("may_download_records", FieldErrorCode::NotApplicable);
    }
    let organization_code = application.organization_code.trim();
    if organization_code.is_empty() && organization_kind(application.role) != OrganizationKind::National {
        refuse("organization_code", FieldErrorCode::Required);
    }
    match checked {
        Ok(checked) if errors.is_empty() => {
            let (factor_method, factor_destination) = checked
                .second_factor
                .map_or((applicant.factor_method, applicant.factor_destination.clone()), |factor| {
                    (factor.method, factor.destination)
                });
            Ok(StaffApplication {
                role: application.role,
                organization_code: organization_code.to_owned(),
                applicant: Applicant {
                    user_name: checked.display_name.unwrap_or_default(),
                    contact_phone: checked.contact_phone.unwrap_or_default(),
                    contact_email: checked.contact_email.unwrap_or_default(),
                    may_download_records: applicant.may_download_records,
                    factor_method,
                    factor_destination,
                },
            })
        }
        _ => Err(errors
            .into_iter()
            .map(|error| FieldError { field: format!("{prefix}{}", error.field), ..error })
            .collect()),
    }
}

/// The applicant's items as an administrator's change, so that they are checked by the same rules.
fn particulars(applicant: &Applicant) -> AccountChange {
    AccountChange {
        display_name: Some(applicant.user_name.clone()),
        contact_phone: Some(applicant.contact_phone.clone()),
        contact_email: Some(applicant.contact_email.clone()),
        second_factor: Some(SecondFactorChange {
            method: applicant.factor_method,
            destination: applicant.factor_destination.clone(),
        }),
        may_download_records: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::SecondFactorMethod;

    fn application(role: Role, download: bool) -> StaffApplication {
        StaffApplication {
            role,
            organization_code: " 9901 ".into(),
            applicant: Applicant {
                user_name: " 保健 花子 ".into(),
                contact_phone: "0312345678".into(),
                contact_email: "hanako@hc.todoke.invalid".into(),
                may_download_records: download,
                factor_method: SecondFactorMethod::Sms,
                factor_destination: "09011112222".into(),
            },
        }
    }

    #[test]
    fn each_rank_issues_the_one_below_only() {
        assert!(issues(Role::NationalAdministrator, Role::Supervisor));
        assert!(issues(Role::Supervisor, Role::SystemAdministrator));
        for role in [Role::HealthCenterStaff, Role::PrefectureStaff, Role::UserManager] {
            assert!(issues(Role::SystemAdministrator, role), "{role:?}");
            assert!(!issues(Role::Supervisor, role) && !issues(Role::NationalAdministrator, role), "{role:?}");
        }
        assert!(!issues(Role::SystemAdministrator, Role::SystemAdministrator), "not a peer");
        assert!(!issues(Role::SystemAdministrator, Role::Supervisor), "not above");
        assert!(!issues(Role::Supervisor, Role::Supervisor) && !issues(Role::Supervisor, Role::NationalAdministrator));
        assert!(!issues(Role::NationalAdministrator, Role::NationalAdministrator), "that is create-admin's");
        for role in [Role::Doctor, Role::UserManager, Role::HealthCenterStaff, Role::PrefectureStaff] {
            assert!(issued_by(role).is_empty(), "{role:?}");
        }
        for issuer in [Role::NationalAdministrator, Role::Supervisor, Role::SystemAdministrator] {
            for role in issued_by(issuer) {
                assert_ne!(organization_kind(*role), OrganizationKind::National, "issued within a jurisdiction");
            }
        }
    }

    #[test]
    fn staff_are_checked_by_the_forms_cell_rules() {
        let checked = check_staff(&application(Role::HealthCenterStaff, true), "staff[0].").unwrap();
        assert_eq!(checked.organization_code, "9901");
        assert_eq!(checked.applicant.user_name, "保健 花子");
        assert_eq!(checked.applicant.factor_destination, "090-1111-2222");
        let mut bad = application(Role::PrefectureStaff, false);
        bad.applicant.contact_email = "hanako@".into();
        bad.applicant.user_name = "髙橋 ①".into();
        bad.organization_code = String::new();
        let errors = check_staff(&bad, "staff[1].").unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
        assert_eq!(fields, ["staff[1].display_name", "staff[1].contact_email", "staff[1].organization_code"]);
    }

    #[test]
    fn only_those_who_see_records_hold_the_download_flag() {
        assert!(check_staff(&application(Role::PrefectureStaff, true), "").is_ok());
        for role in [Role::UserManager, Role::SystemAdministrator, Role::Supervisor] {
            let errors = check_staff(&application(role, true), "").unwrap_err();
            assert_eq!(errors[0].field, "may_download_records", "{role:?}");
            assert!(check_staff(&application(role, false), "").is_ok(), "{role:?}");
        }
    }
}
