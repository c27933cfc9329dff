//! Staff accounts (issue 20), following the hierarchy of SPEC §1 (`domain::hierarchy`): the national
//! administrator issues supervisors, supervisors their sysadmins, sysadmins their own organisation's
//! staff and the user managers of their institutions. Issued exactly as a form's rows are
//! (`super::issue`: letters, the one-time file, audit), all in one batch or none.

use std::collections::HashMap;

use domain::api::{IssuedStaff, IssuedStaffAccount, Organization, StaffApplication};
use domain::error::{field_error, FieldErrorCode};
use domain::hierarchy::{self, OrganizationKind};

use super::issue::{self, Issuance, Uploader};
use super::AccountServices;
use crate::access;
use crate::audit::{self, Action, Outcome};
use crate::error::AppError;
use crate::store::{Affiliation, FactorSetting, Store};

/// Checks every application (the issuer's rank for each role first: one role above it refuses the
/// whole request), then issues them all as one batch.
pub async fn issue_staff(
    store: &dyn Store,
    services: &AccountServices,
    uploader: &Uploader<'_>,
    applications: &[StaffApplication],
) -> Result<IssuedStaff, AppError> {
    let ranked = applications.iter().map(|application| access::may_issue(uploader.account, application.role));
    let (actor, client) = (&uploader.account.user_id, uploader.client.clone());
    let scopes =
        audit::allowed(store, Action::IssueStaffAccounts, actor, client, ranked.collect::<Result<Vec<_>, _>>()).await?;
    let organizations = Organizations::load(store, applications).await?;
    let mut errors = Vec::new();
    let mut issuances = Vec::with_capacity(applications.len());
    if applications.is_empty() {
        errors.push(field_error("staff", FieldErrorCode::Required));
    }
    for ((index, application), scope) in (1..).zip(applications).zip(&scopes) {
        let prefix = format!("staff[{}].", index - 1);
        let checked = match hierarchy::check_staff(application, &prefix) {
            Ok(checked) => checked,
            Err(problems) => {
                errors.extend(problems);
                continue;
            }
        };
        match organizations.find(&checked) {
            Some((affiliation, organization, prefecture)) if scope.covers(prefecture) => {
                issuances.push(issuance(index, checked, affiliation, organization.clone()));
            }
            _ => errors.push(field_error(&format!("{prefix}organization_code"), FieldErrorCode::OutsideJurisdiction)),
        }
    }
    if !errors.is_empty() {
        let refused = audit::entry(
            Action::IssueStaffAccounts,
            Outcome::Failure,
            Some(&uploader.account.user_id),
            Some(format!("{} problems", errors.len())),
            uploader.client.clone(),
        );
        store.audit(refused).await?;
        return Err(AppError::Validation(errors));
    }
    let issued = issue::prepare(issuances).await?;
    let batch_id = issue::store_batch(store, services, uploader, Action::IssueStaffAccounts, &issued, None).await?;
    let accounts = issued
        .iter()
        .map(|one| IssuedStaffAccount {
            user_id: one.user_id.clone(),
            display_name: one.issuance.user_name.clone(),
            role: one.issuance.role,
            organization: one.issuance.organization.clone(),
        })
        .collect();
    Ok(IssuedStaff { batch_id, accounts })
}

fn issuance(row: u32, checked: StaffApplication, affiliation: Affiliation, organization: Organization) -> Issuance {
    let applicant = checked.applicant;
    let factor = FactorSetting::only(applicant.factor_method, &applicant.factor_destination);
    Issuance {
        row,
        user_name: applicant.user_name,
        contact_phone: applicant.contact_phone,
        contact_email: applicant.contact_email,
        role: checked.role,
        affiliation,
        organization,
        download_allowed: applicant.may_download_records,
        factor,
    }
}

/// The organizations the applications may name, each with its 都道府県等: every 都道府県等 and health
/// center (from the health-center master), and the institutions named.
struct Organizations {
    prefectures: HashMap<String, Organization>,
    /// A health center, and the 都道府県等 it belongs to.
    health_centers: HashMap<String, (Organization, String)>,
    institutions: HashMap<String, (Organization, String)>,
}

impl Organizations {
    async fn load(store: &dyn Store, applications: &[StaffApplication]) -> Result<Self, AppError> {
        let mut prefectures = HashMap::new();
        let mut health_centers = HashMap::new();
        for area in store.areas().await? {
            let jurisdiction = area.jurisdiction;
            health_centers.insert(area.health_center.code.clone(), (area.health_center, jurisdiction.code.clone()));
            prefectures.insert(jurisdiction.code.clone(), jurisdiction);
        }
        let codes: Vec<String> = applications
            .iter()
            .filter(|application| hierarchy::organization_kind(application.role) == OrganizationKind::Institution)
            .map(|application| application.organization_code.trim().to_owned())
            .collect();
        let institutions = store
            .institutions_by_code(&codes)
            .await?
            .into_iter()
            .map(|entry| (entry.institution.code.clone(), (entry.institution, entry.prefecture_code)))
            .collect();
        Ok(Self { prefectures, health_centers, institutions })
    }

    /// The affiliation, organization and 都道府県等 the application names; `None` if there is none of
    /// the role's kind with that code.
    fn find(&self, application: &StaffApplication) -> Option<(Affiliation, &Organization, &str)> {
        let code = &application.organization_code;
        match hierarchy::organization_kind(application.role) {
            OrganizationKind::Prefecture => self
                .prefectures
                .get(code)
                .map(|prefecture| (Affiliation::Prefecture(code.clone()), prefecture, prefecture.code.as_str())),
            OrganizationKind::HealthCenter => self.health_centers.get(code).map(|(health_center, prefecture)| {
                (Affiliation::HealthCenter(code.clone()), health_center, prefecture.as_str())
            }),
            OrganizationKind::Institution => self.institutions.get(code).map(|(institution, prefecture)| {
                (Affiliation::Institution(code.clone()), institution, prefecture.as_str())
            }),
            // Nobody issues national accounts this way (create-admin does).
            OrganizationKind::National => None,
        }
    }
}
