//! Permissions (N-6, R-6): the one module that decides what an account may do with which notification.
//! Handlers ask here; the client is never trusted with these decisions.
//!
//! An account's rights come from its role together with its affiliation: a role at the kind of
//! organization it does not belong to (a master error) gets nothing. A new role (e.g. an administrator)
//! sees no notification until a rule here grants it one.

use domain::alarms::{AlarmMark, AlarmWorkflow};
use domain::api::{AreaLevel, NoticeAudience, NotificationSubmission, Role, WorkflowAction};
use domain::syndromic::SyndromicWorkflow;
use domain::workflow::{NotificationWorkflow, Workflow};

use crate::error::AppError;
use crate::store::{
    Account, Affiliation, AreaFilter, AreaRecord, NotificationScope, StoredAlarm, StoredNotification,
    StoredSentinelReport, StoredSyndromicReport, SyndromicScope,
};

/// The institution the submission is filed from: doctors file human cases, veterinarians animal reports
/// (N-7), each for the institution or animal clinic they belong to; nobody else files.
pub fn filing_institution<'a>(account: &'a Account, submission: &NotificationSubmission) -> Result<&'a str, AppError> {
    let filer = match submission.animal_report {
        None => Role::Doctor,
        Some(_) => Role::Veterinarian,
    };
    match &account.affiliation {
        Affiliation::Institution(code) if account.role == filer => Ok(code),
        _ => Err(AppError::Forbidden),
    }
}

/// The institution whose filings an account's personal API tokens (issue 20) make: its own, for the
/// accounts that file (doctors, veterinarians); nobody else holds tokens.
pub fn api_token_institution(account: &Account) -> Result<&str, AppError> {
    match (&account.affiliation, account.role) {
        (Affiliation::Institution(code), Role::Doctor | Role::Veterinarian) => Ok(code),
        _ => Err(AppError::Forbidden),
    }
}

/// Whose audit records an account reads (P-2): a sysadmin its 都道府県等's accounts' (`Some`), a
/// national administrator everyone's (`None`); nobody else reads the audit log.
pub fn audit_jurisdiction(account: &Account) -> Result<Option<&str>, AppError> {
    match (account.role, &account.affiliation) {
        (Role::SystemAdministrator, Affiliation::Prefecture(code)) => Ok(Some(code)),
        (Role::NationalAdministrator, Affiliation::National) => Ok(None),
        _ => Err(AppError::Forbidden),
    }
}

/// Which notifications an account sees (N-6): a filer its institution's (whatever their status or
/// health center), a health center what it is now responsible for (routed to it and not transferred
/// away, or transferred to it), a 都道府県等 what its health centers are now responsible for, national
/// staff all. `None`: none at all.
pub fn notification_scope(account: &Account) -> Option<NotificationScope> {
    match (account.role, &account.affiliation) {
        (Role::Doctor | Role::Veterinarian, Affiliation::Institution(code)) => {
            Some(NotificationScope::FiledFromInstitution(code.clone()))
        }
        (Role::HealthCenterStaff, Affiliation::HealthCenter(code)) => {
            Some(NotificationScope::RoutedToHealthCenter(code.clone()))
        }
        (Role::PrefectureStaff, Affiliation::Prefecture(code)) => {
            Some(NotificationScope::HealthCentersOfPrefecture(code.clone()))
        }
        (Role::NationalStaff, Affiliation::National) => Some(NotificationScope::All),
        _ => None,
    }
}

pub fn may_view(account: &Account, notification: &StoredNotification) -> bool {
    notification_scope(account).is_some_and(|scope| scope.contains(notification))
}

/// Whether the account may open the notification with its personal data (the detail view). The filer and
/// the health center now responsible open it as part of their work (N-5); a 都道府県等 or national account
/// opens an individual record only with the download flag (R-6), and otherwise sees the lists.
/// Not visible is [`AppError::NotFound`] (as for a missing one).
pub fn may_open(account: &Account, notification: &StoredNotification) -> Result<(), AppError> {
    if !may_view(account, notification) {
        return Err(AppError::NotFound);
    }
    if !opens_records(account) {
        return Err(AppError::DownloadNotPermitted);
    }
    Ok(())
}

/// Whether the account may download the notification as a FHIR Bundle (issue 20): one it sees, with
/// the download flag (R-6), as for a CSV export. Not visible is [`AppError::NotFound`].
pub fn may_download(account: &Account, notification: &StoredNotification) -> Result<(), AppError> {
    if !may_view(account, notification) {
        return Err(AppError::NotFound);
    }
    if !account.may_download_records {
        return Err(AppError::DownloadNotPermitted);
    }
    Ok(())
}

/// Whether the account opens the individual records it sees (see [`may_open`]; the rule is
/// `domain::workflow::opens_records`, which the app follows too); only such an account may search
/// its list by patient.
pub fn opens_records(account: &Account) -> bool {
    domain::workflow::opens_records(account.role, account.may_download_records)
}

/// Whether the account may take a workflow step on the notification: this module decides the scope
/// (the health center now responsible, the filing institution: not visible is [`AppError::NotFound`],
/// as for a missing one); which role takes which step in which status is
/// `domain::workflow::NotificationWorkflow`'s rule (another role's step is [`AppError::Forbidden`]).
/// Whether the status allows the step is checked by the caller, which answers 409 for it.
pub fn may_take(account: &Account, notification: &StoredNotification, step: WorkflowAction) -> Result<(), AppError> {
    if !may_view(account, notification) {
        return Err(AppError::NotFound);
    }
    if NotificationWorkflow::taken_by(step, account.role) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The scope of the account's CSV exports (R-6): its list's, for accounts holding the download flag.
pub fn export_scope(account: &Account) -> Result<NotificationScope, AppError> {
    match notification_scope(account) {
        Some(scope) if account.may_download_records => Ok(scope),
        _ => Err(AppError::DownloadNotPermitted),
    }
}

/// Whether the account's list is a health center's inbox (ordered by urgency) rather than a filer's list.
pub fn is_inbox(account: &Account) -> bool {
    matches!(notification_scope(account), Some(NotificationScope::RoutedToHealthCenter(_)))
}

// Account administration (R-1 … R-3, A-5, A-7) below: who manages which accounts. A sysadmin or
// supervisor manages accounts in its 都道府県等 only; an account outside it is "not found".

/// The 都道府県等 whose accounts the account administers: sysadmins (利用者認証実施者) and supervisors
/// (統括責任者) of a 都道府県等.
pub fn administered_prefecture(account: &Account) -> Result<&str, AppError> {
    match (account.role, &account.affiliation) {
        (Role::SystemAdministrator | Role::Supervisor, Affiliation::Prefecture(code)) => Ok(code),
        _ => Err(AppError::Forbidden),
    }
}

/// Whether `admin` (a sysadmin or supervisor) administers what is in `prefecture`; anything outside
/// its 都道府県等 is [`AppError::NotFound`]. Seeing an account (its page) needs this; changing it
/// needs [`may_manage`].
pub fn in_jurisdiction(admin: &Account, prefecture: Option<&str>) -> Result<(), AppError> {
    if Some(administered_prefecture(admin)?) == prefecture {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Whose accounts an issuer issues (issue 20): a national administrator nationally, a sysadmin or
/// supervisor in its 都道府県等. Which roles each issues is `domain::hierarchy`'s rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssuingScope {
    National,
    Jurisdiction(String),
}

impl IssuingScope {
    /// The 都道府県等 of the batches it issues and takes the one-time files of (`None`: national).
    pub fn batch_prefecture(&self) -> Option<&str> {
        match self {
            Self::National => None,
            Self::Jurisdiction(code) => Some(code),
        }
    }
}

pub fn issuing_scope(account: &Account) -> Result<IssuingScope, AppError> {
    match (account.role, &account.affiliation) {
        (Role::NationalAdministrator, Affiliation::National) => Ok(IssuingScope::National),
        _ => administered_prefecture(account).map(|code| IssuingScope::Jurisdiction(code.to_owned())),
    }
}

impl IssuingScope {
    /// Whether an organization in `prefecture` is within the scope.
    pub fn covers(&self, prefecture: &str) -> bool {
        self.batch_prefecture().is_none_or(|own| own == prefecture)
    }
}

/// Whether `issuer` may issue accounts of `role`, and where: a role its own does not issue (above
/// its rank, or beside it) is [`AppError::Forbidden`]. The organization must then be in the scope.
pub fn may_issue(issuer: &Account, role: Role) -> Result<IssuingScope, AppError> {
    let scope = issuing_scope(issuer)?;
    if domain::hierarchy::issues(issuer.role, role) {
        Ok(scope)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Who publishes notices (お知らせ, P-1), and to whom: the national administrator to anyone, a
/// 都道府県等's sysadmins and supervisor (its administrators) to the accounts of their 都道府県等.
pub fn notice_publisher(account: &Account) -> Result<IssuingScope, AppError> {
    if !domain::api::publishes_notices(account.role) {
        return Err(AppError::Forbidden);
    }
    issuing_scope(account)
}

/// Whether a publisher of `scope` addresses `audience`: nationally anyone, else only audiences
/// within its own 都道府県等. The same rule says which published notices it lists, edits and withdraws.
pub fn addresses(scope: &IssuingScope, audience: &NoticeAudience) -> bool {
    match scope {
        IssuingScope::National => true,
        IssuingScope::Jurisdiction(own) => audience.prefecture.as_deref() == Some(own.as_str()),
    }
}

/// The national administrator operates the system: imports the masters (national data, A-7) and
/// stops it for maintenance (P-1).
pub fn operates_the_system(account: &Account) -> Result<(), AppError> {
    match (account.role, &account.affiliation) {
        (Role::NationalAdministrator, Affiliation::National) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

/// Whether `admin` may change, suspend, resume, delete or reset `target`, whose accounts are in
/// `target_prefecture`. Outside the admin's 都道府県等 is [`AppError::NotFound`] (as for a missing
/// account, so IDs cannot be probed); inside it, sysadmins manage the general users and user
/// managers, supervisors also the sysadmins, and nobody their own account this way.
pub fn may_manage(admin: &Account, target: &Account, target_prefecture: Option<&str>) -> Result<(), AppError> {
    let prefecture = administered_prefecture(admin)?;
    if target_prefecture != Some(prefecture) {
        return Err(AppError::NotFound);
    }
    let manageable = match target.role {
        Role::Doctor
        | Role::Veterinarian
        | Role::SentinelSiteManager
        | Role::HealthCenterStaff
        | Role::PrefectureStaff
        | Role::UserManager => true,
        Role::SystemAdministrator => admin.role == Role::Supervisor,
        Role::Supervisor | Role::NationalStaff | Role::NationalAdministrator => false,
    };
    if manageable && target.user_id != admin.user_id {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

// User managers' requests (R-3, A-6) below: a user manager asks for its own institution's staff;
// the sysadmins and supervisor of that institution's 都道府県等 decide.

/// The institution whose staff the account asks for: a user manager (利用管理者) of an institution.
pub fn managed_institution(account: &Account) -> Result<&str, AppError> {
    match (account.role, &account.affiliation) {
        (Role::UserManager, Affiliation::Institution(code)) => Ok(code),
        _ => Err(AppError::Forbidden),
    }
}

/// The general users an institution's user manager asks for: those who file for it.
pub fn is_institution_staff(role: Role) -> bool {
    matches!(role, Role::Doctor | Role::Veterinarian | Role::SentinelSiteManager)
}

/// Whether `manager` may ask for a change to `target`: a member of staff of an institution it
/// manages, i.e. whose manager institution (`target_manager`: the target's institution's own code, or
/// that of the institution it was registered for, A-5 with A-6) is the manager's. Anyone else is
/// [`AppError::NotFound`] (as for a missing account, so IDs cannot be probed).
pub fn may_request_for(manager: &Account, target: &Account, target_manager: Option<&str>) -> Result<(), AppError> {
    let institution = managed_institution(manager)?;
    let at_an_institution = matches!(target.affiliation, Affiliation::Institution(_));
    if at_an_institution && target_manager == Some(institution) && is_institution_staff(target.role) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether `manager` may withdraw a request of the institution `request_institution`: its own
/// institution's only; another's is [`AppError::NotFound`].
pub fn may_withdraw(manager: &Account, request_institution: &str) -> Result<(), AppError> {
    if managed_institution(manager)? == request_institution {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether `admin` may decide a request of an institution in `request_prefecture`: its sysadmins
/// and supervisor. Another 都道府県等's request is [`AppError::NotFound`].
pub fn may_decide(admin: &Account, request_prefecture: &str) -> Result<(), AppError> {
    in_jurisdiction(admin, Some(request_prefecture))
}

// The situation views (issue 16) below: aggregated figures (counts, never a record) of the areas an
// account oversees.

/// The areas whose figures an account sees: a health center its own area, a 都道府県等 its health
/// centers' areas, national staff every area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SituationScope {
    National,
    Jurisdiction(String),
    HealthCenter(String),
}

impl SituationScope {
    /// Whether the figures of a health center's area (of `jurisdiction`) are the account's to see.
    pub fn sees(&self, jurisdiction: &str, health_center: &str) -> bool {
        match self {
            Self::National => true,
            Self::Jurisdiction(code) => jurisdiction == code,
            Self::HealthCenter(code) => health_center == code,
        }
    }

    /// Whether the figures of a whole 都道府県等 are the account's to see.
    pub fn sees_jurisdiction(&self, code: &str) -> bool {
        match self {
            Self::National => true,
            Self::Jurisdiction(own) => own == code,
            Self::HealthCenter(_) => false,
        }
    }

    /// The scope's whole area, as the store counts it.
    pub fn area(&self) -> AreaFilter {
        match self {
            Self::National => AreaFilter::Everywhere,
            Self::Jurisdiction(code) => AreaFilter::Jurisdiction(code.clone()),
            Self::HealthCenter(code) => AreaFilter::HealthCenter(code.clone()),
        }
    }
}

/// Who has a situation view: the health centers, 都道府県等 and national staff (the same pairs of role
/// and affiliation as [`notification_scope`]'s overseers). Filers and administrators get
/// [`AppError::Forbidden`]. Besides its scope, every such account sees the 47 prefectures' weekly
/// totals on the map: figures the IDWR publishes.
pub fn situation_scope(account: &Account) -> Result<SituationScope, AppError> {
    match (account.role, &account.affiliation) {
        (Role::HealthCenterStaff, Affiliation::HealthCenter(code)) => Ok(SituationScope::HealthCenter(code.clone())),
        (Role::PrefectureStaff, Affiliation::Prefecture(code)) => Ok(SituationScope::Jurisdiction(code.clone())),
        (Role::NationalStaff, Affiliation::National) => Ok(SituationScope::National),
        _ => Err(AppError::Forbidden),
    }
}

/// Whose weekly reports (週報) an account reads, computes and publishes: a 都道府県等's staff its own,
/// national staff the nation's and every 都道府県等's. Health centers have none (a report shows
/// every health center of its 都道府県等).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportScope {
    National,
    Jurisdiction(String),
}

impl ReportScope {
    /// Whether the report of `jurisdiction` (`None`: the nation's) is the account's.
    pub fn reads(&self, jurisdiction: Option<&str>) -> bool {
        match self {
            Self::National => true,
            Self::Jurisdiction(own) => jurisdiction == Some(own.as_str()),
        }
    }
}

pub fn report_scope(account: &Account) -> Result<ReportScope, AppError> {
    match situation_scope(account)? {
        SituationScope::National => Ok(ReportScope::National),
        SituationScope::Jurisdiction(code) => Ok(ReportScope::Jurisdiction(code)),
        SituationScope::HealthCenter(_) => Err(AppError::Forbidden),
    }
}

// Sentinel surveillance (issue 14) below: a site's manager files and reads its own reports; the
// health center responsible for the site and those above it read them and their figures in their
// scope (the situation views' scope); nobody else sees a site's data.

/// The site a sentinel-site manager (医療機関管理者, class 16) files for; anyone else is
/// [`AppError::Forbidden`]. Whether the site is designated for a report's type and period is
/// `domain::sentinel::check_report`'s rule, with the site's designations.
pub fn sentinel_site(account: &Account) -> Result<&str, AppError> {
    match (account.role, &account.affiliation) {
        (Role::SentinelSiteManager, Affiliation::Institution(code)) => Ok(code),
        _ => Err(AppError::Forbidden),
    }
}

/// Whether the account reads a site's report: the site's own manager, or an overseer whose scope has
/// the site's health center. Anyone else is [`AppError::NotFound`] (as for a missing report).
pub fn may_read_sentinel_report(account: &Account, report: &StoredSentinelReport) -> Result<(), AppError> {
    let receipt = &report.detail.current.receipt;
    let own_site = sentinel_site(account).is_ok_and(|site| site == receipt.site.code);
    let overseen =
        situation_scope(account).is_ok_and(|scope| scope.sees(&report.prefecture_code, &receipt.health_center.code));
    if own_site || overseen {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// The health center whose sentinel week an overseer looks at: its own for health-center staff
/// (who may name only that one), the one named for a 都道府県等 or national account, if in its scope.
/// Another area is [`AppError::NotFound`]; filers and administrators are [`AppError::Forbidden`].
pub fn sentinel_area<'a>(
    account: &'a Account,
    named: Option<&'a str>,
    areas: &'a [AreaRecord],
) -> Result<&'a AreaRecord, AppError> {
    let scope = situation_scope(account)?;
    let code = match (&scope, named) {
        (SituationScope::HealthCenter(own), None) => own.as_str(),
        (_, Some(code)) => code,
        (_, None) => return Err(AppError::MalformedRequest("health_center is required".into())),
    };
    areas
        .iter()
        .find(|area| area.health_center.code == code && scope.sees(&area.jurisdiction.code, code))
        .ok_or(AppError::NotFound)
}

/// Whether an overseer with `scope` gets a table of rows at `level`: per health-center area anyone with
/// a scope (the rows of its areas), per 都道府県等 a 都道府県等 (its own) or national staff, the nation
/// national staff only. Otherwise [`AppError::Forbidden`].
pub fn may_aggregate_at(scope: &SituationScope, level: AreaLevel) -> Result<(), AppError> {
    let allowed = match level {
        AreaLevel::HealthCenter => true,
        AreaLevel::Prefecture => !matches!(scope, SituationScope::HealthCenter(_)),
        AreaLevel::National => *scope == SituationScope::National,
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Who sends reminders to a health center's sites: its own staff.
pub fn reminding_health_center(account: &Account) -> Result<&str, AppError> {
    match (account.role, &account.affiliation) {
        (Role::HealthCenterStaff, Affiliation::HealthCenter(code)) => Ok(code),
        _ => Err(AppError::Forbidden),
    }
}

// Aberration alarms (issue 15) below: an area's alarms are seen and marked by its health center and
// those above it, the same accounts and areas as the situation views.

/// Whose alarms an account sees: [`situation_scope`]'s areas.
pub fn alarm_scope(account: &Account) -> Result<SituationScope, AppError> {
    situation_scope(account)
}

/// Whether the alarm's area is the account's: another area's alarm is [`AppError::NotFound`], as
/// for a missing one.
pub fn may_see_alarm(account: &Account, alarm: &StoredAlarm) -> Result<(), AppError> {
    if alarm_scope(account)?.sees(&alarm.summary.jurisdiction.code, &alarm.summary.health_center.code) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether the account may mark the alarm: its area is the account's ([`may_see_alarm`]), and the
/// role marks alarms (`domain::alarms::AlarmWorkflow`'s rule; otherwise [`AppError::Forbidden`]).
/// Whether the status allows the marking is checked by the caller, which answers 409 for it.
pub fn may_mark_alarm(account: &Account, alarm: &StoredAlarm, mark: AlarmMark) -> Result<(), AppError> {
    may_see_alarm(account, alarm)?;
    if AlarmWorkflow::taken_by(mark, account.role) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The detection configuration (which method runs on which disease) is read by national
/// administrators and national staff.
pub fn may_read_detection_configuration(account: &Account) -> Result<(), AppError> {
    match (account.role, &account.affiliation) {
        (Role::NationalAdministrator | Role::NationalStaff, Affiliation::National) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}

// 疑似症 reports (issue 15) below: a designated institution's manager files and reads its own; the
// health center it is routed to and those above it read them (the situation views' scope); the health
// center accepts or returns them.

/// The institution whose 疑似症 reports the account files: its own, for the role that files them
/// (`domain::syndromic::files`); anyone else is [`AppError::Forbidden`]. Whether the institution is
/// designated on the diagnosis day is `domain::syndromic::check_report`'s rule.
pub fn syndromic_filer(account: &Account) -> Result<&str, AppError> {
    match &account.affiliation {
        Affiliation::Institution(code) if domain::syndromic::files(account.role) => Ok(code),
        _ => Err(AppError::Forbidden),
    }
}

/// Whose 疑似症 reports an account lists: a filer its institution's, an overseer its areas'.
pub fn syndromic_scope(account: &Account) -> Result<SyndromicScope, AppError> {
    match syndromic_filer(account) {
        Ok(code) => Ok(SyndromicScope::FiledBy(code.to_owned())),
        Err(_) => Ok(SyndromicScope::Area(situation_scope(account)?.area())),
    }
}

/// Whether the account reads the report: the filing institution's manager, or an overseer whose scope
/// has the report's health center. Anyone else is [`AppError::NotFound`] (as for a missing report).
pub fn may_read_syndromic(account: &Account, stored: &StoredSyndromicReport) -> Result<(), AppError> {
    let receipt = &stored.report.receipt;
    let own = syndromic_filer(account).is_ok_and(|code| code == receipt.institution.code);
    let overseen =
        situation_scope(account).is_ok_and(|scope| scope.sees(&stored.prefecture_code, &receipt.health_center.code));
    if own || overseen {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether the account takes `step` on the report: it reads it ([`may_read_syndromic`]) and the role
/// takes the step (`domain::syndromic::SyndromicWorkflow`'s rule; otherwise [`AppError::Forbidden`]).
/// Whether the status allows it is checked by the caller, which answers 409 for it.
pub fn may_step_syndromic(
    account: &Account,
    stored: &StoredSyndromicReport,
    step: WorkflowAction,
) -> Result<(), AppError> {
    may_read_syndromic(account, stored)?;
    if SyndromicWorkflow::taken_by(step, account.role) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

// ID management (issue 19) below: a case, its contacts and observations are the work of the health
// center responsible for the case; those above it (its 都道府県等, national staff) see them within
// their scope, and personal data (a case, an observation, the follow-up list) only with the download
// flag, as for a notification's detail.

/// The area whose cases an account lists: the situation views' scope (health centers, 都道府県等 and
/// national staff); anyone else is [`AppError::Forbidden`].
pub fn case_area(account: &Account) -> Result<AreaFilter, AppError> {
    Ok(situation_scope(account)?.area())
}

/// The area whose subjects (names, reports) an account sees: [`case_area`], with the download flag for
/// those above a health center.
pub fn subject_area(account: &Account) -> Result<AreaFilter, AppError> {
    let area = case_area(account)?;
    if !opens_records(account) {
        return Err(AppError::DownloadNotPermitted);
    }
    Ok(area)
}

/// Whether the account opens a case or observation of the health center `health_center` (of
/// `prefecture`) with its personal data: in its scope ([`AppError::NotFound`] otherwise, as for a
/// missing one) and, above a health center, with the download flag.
pub fn may_open_subject(account: &Account, prefecture: &str, health_center: &str) -> Result<(), AppError> {
    if !situation_scope(account)?.sees(prefecture, health_center) {
        return Err(AppError::NotFound);
    }
    subject_area(account).map(|_| ())
}

/// Whether the account takes `step` of workflow `W` on a case or observation of `health_center`: in
/// its scope ([`AppError::NotFound`] otherwise), and the role takes the step (`domain::investigation`'s
/// workflows; otherwise [`AppError::Forbidden`]). Whether the status allows it is checked by the
/// caller, which answers 409 for it.
pub fn may_step_investigation<W: Workflow>(
    account: &Account,
    prefecture: &str,
    health_center: &str,
    step: W::Step,
) -> Result<(), AppError> {
    if !situation_scope(account)?.sees(prefecture, health_center) {
        return Err(AppError::NotFound);
    }
    if W::taken_by(step, account.role) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether the account opens a case from the notification: it sees the notification ([`AppError::NotFound`]
/// otherwise) and is the staff of a health center (the one now responsible; others are
/// [`AppError::Forbidden`]).
pub fn may_open_case(account: &Account, notification: &StoredNotification) -> Result<(), AppError> {
    if !may_view(account, notification) {
        return Err(AppError::NotFound);
    }
    if domain::investigation::CaseWorkflow::taken_by(domain::investigation::CaseStep::AddEntry, account.role) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{AccountStatus, FactorSetting, PasswordState};
    use domain::api::{NotificationStatus, NotificationSummary, Organization, Receipt, SecondFactorMethod};

    fn account(role: Role, affiliation: Affiliation) -> Account {
        Account {
            user_id: "u".into(),
            display_name: "u".into(),
            role,
            affiliation,
            organization: Organization { code: "o".into(), name: "o".into() },
            may_download_records: false,
            status: AccountStatus::Active,
            password: PasswordState { changed_at: None, issued_because: None },
            factor: FactorSetting { method: SecondFactorMethod::Email, email: None, phone: None },
        }
    }

    fn doctor(institution: &str) -> Account {
        account(Role::Doctor, Affiliation::Institution(institution.into()))
    }

    fn staff(health_center: &str) -> Account {
        account(Role::HealthCenterStaff, Affiliation::HealthCenter(health_center.into()))
    }

    fn prefecture(code: &str) -> Account {
        account(Role::PrefectureStaff, Affiliation::Prefecture(code.into()))
    }

    /// A notification filed at `institution`, now at `health_center` of prefecture `prefecture_code`.
    fn notification(institution: &str, health_center: &str, prefecture_code: &str) -> StoredNotification {
        let health_center = Organization { code: health_center.into(), name: health_center.into() };
        let summary = NotificationSummary {
            receipt: Receipt {
                notification_id: uuid::Uuid::nil(),
                receipt_number: "20261124-000001".into(),
                received_at: time::OffsetDateTime::UNIX_EPOCH,
                health_center: health_center.clone(),
            },
            disease: "measles".into(),
            animal_report: None,
            status: NotificationStatus::Received,
            institution: Organization { code: institution.into(), name: institution.into() },
            health_center,
            revision: 1,
            urgent: true,
            overdue: false,
            return_comment: None,
            patient_hint: None,
        };
        StoredNotification {
            summary,
            prefecture_code: prefecture_code.into(),
            content_hash: String::new(),
            filed_by: "d".into(),
            filer: None,
            answers: Default::default(),
        }
    }

    #[test]
    fn after_a_transfer_only_the_new_health_center_sees_and_acts() {
        let mut transferred = notification("INST-1", "HC-1", "P-1");
        transferred.summary.health_center = Organization { code: "HC-2".into(), name: "HC-2".into() };
        let (old, new) = (staff("HC-1"), staff("HC-2"));
        assert!(!may_view(&old, &transferred) && may_view(&new, &transferred));
        assert!(may_view(&doctor("INST-1"), &transferred), "the filer still sees it");
        for step in [WorkflowAction::Accepted, WorkflowAction::Returned, WorkflowAction::Transferred] {
            assert!(matches!(may_take(&old, &transferred, step), Err(AppError::NotFound)));
            assert!(may_take(&new, &transferred, step).is_ok());
        }
    }

    #[test]
    fn staff_decide_and_the_filing_institution_resubmits() {
        let filed = notification("INST-1", "HC-1", "P-1");
        let (staff, filer) = (staff("HC-1"), doctor("INST-1"));
        assert!(may_take(&filer, &filed, WorkflowAction::Resubmitted).is_ok());
        assert!(matches!(may_take(&filer, &filed, WorkflowAction::Accepted), Err(AppError::Forbidden)));
        assert!(matches!(may_take(&staff, &filed, WorkflowAction::Resubmitted), Err(AppError::Forbidden)));
        assert!(may_take(&filer, &filed, WorkflowAction::Withdrawn).is_ok());
        assert!(matches!(may_take(&staff, &filed, WorkflowAction::Withdrawn), Err(AppError::Forbidden)));
        let other_clinic = doctor("INST-2");
        assert!(matches!(may_take(&other_clinic, &filed, WorkflowAction::Resubmitted), Err(AppError::NotFound)));
        assert!(matches!(may_take(&staff, &filed, WorkflowAction::Received), Err(AppError::Forbidden)));
        assert!(is_inbox(&staff) && !is_inbox(&filer));
    }

    #[test]
    fn doctors_see_their_institution_and_staff_their_health_center() {
        let filed = notification("INST-1", "HC-1", "P-1");
        assert!(may_view(&doctor("INST-1"), &filed));
        assert!(!may_view(&doctor("INST-2"), &filed));
        assert!(may_view(&staff("HC-1"), &filed));
        assert!(!may_view(&staff("HC-2"), &filed));
        // A code that happens to equal the other kind of organization's code grants nothing.
        assert!(!may_view(&staff("INST-1"), &filed));
        assert!(!may_view(&account(Role::Doctor, Affiliation::HealthCenter("HC-1".into())), &filed));
    }

    #[test]
    fn prefectures_see_their_health_centers_and_national_staff_all_but_neither_acts() {
        let filed = notification("INST-1", "HC-1", "P-1");
        let national = account(Role::NationalStaff, Affiliation::National);
        assert!(may_view(&prefecture("P-1"), &filed) && !may_view(&prefecture("P-2"), &filed));
        assert!(may_view(&national, &filed));
        for supervisor in [prefecture("P-1"), national] {
            assert!(!is_inbox(&supervisor));
            for step in [WorkflowAction::Accepted, WorkflowAction::Returned, WorkflowAction::Resubmitted] {
                assert!(matches!(may_take(&supervisor, &filed, step), Err(AppError::Forbidden)));
            }
        }
        // A prefecture role on a health center's row, or national staff tied to a prefecture, see nothing.
        assert!(notification_scope(&account(Role::PrefectureStaff, Affiliation::HealthCenter("HC-1".into()))).is_none());
        assert!(notification_scope(&account(Role::NationalStaff, Affiliation::Prefecture("P-1".into()))).is_none());
    }

    #[test]
    fn supervisors_open_individual_records_only_with_the_download_flag() {
        let filed = notification("INST-1", "HC-1", "P-1");
        let mut supervisor = prefecture("P-1");
        assert!(matches!(may_open(&supervisor, &filed), Err(AppError::DownloadNotPermitted)));
        supervisor.may_download_records = true;
        assert!(may_open(&supervisor, &filed).is_ok());
        assert!(matches!(may_open(&prefecture("P-2"), &filed), Err(AppError::NotFound)));
        // Those who work on the notification open it without the flag.
        assert!(may_open(&staff("HC-1"), &filed).is_ok() && may_open(&doctor("INST-1"), &filed).is_ok());
    }

    #[test]
    fn exports_need_the_download_flag_and_a_scope() {
        let mut staff = staff("HC-1");
        assert!(matches!(export_scope(&staff), Err(AppError::DownloadNotPermitted)));
        staff.may_download_records = true;
        assert_eq!(export_scope(&staff).ok(), Some(NotificationScope::RoutedToHealthCenter("HC-1".into())));
        let mut stray = account(Role::PrefectureStaff, Affiliation::National);
        stray.may_download_records = true;
        assert!(export_scope(&stray).is_err(), "the flag grants nothing without a scope");
    }

    #[test]
    fn doctors_file_human_cases_and_veterinarians_animal_reports() {
        let human =
            NotificationSubmission { disease: "measles".into(), animal_report: None, answers: Default::default() };
        let animal = NotificationSubmission { animal_report: Some("ebola_monkey".into()), ..human.clone() };
        let vet = account(Role::Veterinarian, Affiliation::Institution("AC-1".into()));
        assert_eq!(filing_institution(&doctor("INST-1"), &human).ok(), Some("INST-1"));
        assert_eq!(filing_institution(&vet, &animal).ok(), Some("AC-1"));
        assert!(filing_institution(&doctor("INST-1"), &animal).is_err());
        assert!(filing_institution(&vet, &human).is_err());
        for other in [staff("HC-1"), prefecture("P-1"), account(Role::NationalStaff, Affiliation::National)] {
            assert!(filing_institution(&other, &human).is_err() && filing_institution(&other, &animal).is_err());
        }
        let vet_report = notification("AC-1", "HC-1", "P-1");
        assert!(may_take(&vet, &vet_report, WorkflowAction::Resubmitted).is_ok());
    }

    /// An account named `user_id` (the self-management rule compares IDs).
    fn named(user_id: &str, role: Role, affiliation: Affiliation) -> Account {
        Account { user_id: user_id.into(), ..account(role, affiliation) }
    }

    #[test]
    fn sysadmins_manage_general_users_of_their_prefecture_only() {
        let sysadmin = named("admin", Role::SystemAdministrator, Affiliation::Prefecture("99".into()));
        let doctor = named("d", Role::Doctor, Affiliation::Institution("I".into()));
        assert!(may_manage(&sysadmin, &doctor, Some("99")).is_ok());
        assert!(matches!(may_manage(&sysadmin, &doctor, Some("98")), Err(AppError::NotFound)));
        assert!(matches!(may_manage(&sysadmin, &doctor, None), Err(AppError::NotFound)));
        let peer = named("peer", Role::SystemAdministrator, Affiliation::Prefecture("99".into()));
        assert!(matches!(may_manage(&sysadmin, &peer, Some("99")), Err(AppError::Forbidden)));
        let supervisor = named("boss", Role::Supervisor, Affiliation::Prefecture("99".into()));
        assert!(may_manage(&supervisor, &peer, Some("99")).is_ok());
        assert!(matches!(may_manage(&supervisor, &supervisor, Some("99")), Err(AppError::Forbidden)));
        let staff = named("s", Role::PrefectureStaff, Affiliation::Prefecture("99".into()));
        assert!(matches!(may_manage(&staff, &doctor, Some("99")), Err(AppError::Forbidden)), "not an admin");
    }

    #[test]
    fn user_managers_ask_for_their_own_institutions_staff_only() {
        let manager = named("m", Role::UserManager, Affiliation::Institution("I".into()));
        assert_eq!(managed_institution(&manager).ok(), Some("I"));
        for role in [Role::Doctor, Role::Veterinarian, Role::SentinelSiteManager] {
            let own = named("s", role, Affiliation::Institution("I".into()));
            assert!(may_request_for(&manager, &own, Some("I")).is_ok());
        }
        // An institution registered for the manager's request (A-5) is the manager's to ask for.
        let registered = named("r", Role::SentinelSiteManager, Affiliation::Institution("R16".into()));
        assert!(may_request_for(&manager, &registered, Some("I")).is_ok());
        let elsewhere = named("d", Role::Doctor, Affiliation::Institution("J".into()));
        assert!(matches!(may_request_for(&manager, &elsewhere, Some("J")), Err(AppError::NotFound)));
        let colleague = named("m2", Role::UserManager, Affiliation::Institution("I".into()));
        assert!(matches!(may_request_for(&manager, &colleague, Some("I")), Err(AppError::NotFound)));
        let staff = named("hc", Role::HealthCenterStaff, Affiliation::HealthCenter("I".into()));
        assert!(matches!(may_request_for(&manager, &staff, Some("I")), Err(AppError::NotFound)));
        let doctor = named("d", Role::Doctor, Affiliation::Institution("I".into()));
        assert!(matches!(managed_institution(&doctor), Err(AppError::Forbidden)));
        assert!(may_withdraw(&manager, "I").is_ok());
        assert!(matches!(may_withdraw(&manager, "J"), Err(AppError::NotFound)));
        assert!(matches!(may_withdraw(&doctor, "I"), Err(AppError::Forbidden)));
        assert!(matches!(may_request_for(&doctor, &doctor, Some("I")), Err(AppError::Forbidden)));
    }

    #[test]
    fn requests_are_decided_in_their_prefecture() {
        let sysadmin = named("a", Role::SystemAdministrator, Affiliation::Prefecture("99".into()));
        let supervisor = named("b", Role::Supervisor, Affiliation::Prefecture("99".into()));
        assert!(may_decide(&sysadmin, "99").is_ok() && may_decide(&supervisor, "99").is_ok());
        assert!(matches!(may_decide(&sysadmin, "98"), Err(AppError::NotFound)));
        let manager = named("m", Role::UserManager, Affiliation::Institution("I".into()));
        assert!(matches!(may_decide(&manager, "99"), Err(AppError::Forbidden)));
    }

    #[test]
    fn situation_views_show_health_centers_their_own_area_only() {
        let (north, south, city) = (("P-1", "HC-1"), ("P-1", "HC-2"), ("P-2", "HC-3"));
        let sees = |scope: &SituationScope, (jurisdiction, health_center): (&str, &str)| {
            scope.sees(jurisdiction, health_center)
        };
        let own = situation_scope(&staff("HC-1")).unwrap();
        assert!(sees(&own, north) && !sees(&own, south) && !sees(&own, city));
        assert!(!own.sees_jurisdiction("P-1"));
        let overseer = situation_scope(&prefecture("P-1")).unwrap();
        assert!(sees(&overseer, north) && sees(&overseer, south) && !sees(&overseer, city));
        assert!(overseer.sees_jurisdiction("P-1") && !overseer.sees_jurisdiction("P-2"));
        let national = situation_scope(&account(Role::NationalStaff, Affiliation::National)).unwrap();
        assert!(sees(&national, city) && national.sees_jurisdiction("P-2"));
        for other in [doctor("INST-1"), account(Role::SystemAdministrator, Affiliation::Prefecture("P-1".into()))] {
            assert!(matches!(situation_scope(&other), Err(AppError::Forbidden)));
        }
        let reports = report_scope(&prefecture("P-1")).unwrap();
        assert!(reports.reads(Some("P-1")) && !reports.reads(Some("P-2")) && !reports.reads(None));
        assert!(matches!(report_scope(&staff("HC-1")), Err(AppError::Forbidden)));
        assert!(report_scope(&account(Role::NationalStaff, Affiliation::National)).unwrap().reads(None));
    }

    #[test]
    fn issuers_issue_below_their_rank_within_their_jurisdiction() {
        let national = named("n", Role::NationalAdministrator, Affiliation::National);
        let supervisor = named("b", Role::Supervisor, Affiliation::Prefecture("99".into()));
        let sysadmin = named("a", Role::SystemAdministrator, Affiliation::Prefecture("99".into()));
        assert!(may_issue(&national, Role::Supervisor).unwrap().covers("98"), "every 都道府県等");
        let own = may_issue(&supervisor, Role::SystemAdministrator).unwrap();
        assert!(own.covers("99") && !own.covers("98"));
        assert!(may_issue(&sysadmin, Role::HealthCenterStaff).unwrap().covers("99"));
        assert!(!may_issue(&sysadmin, Role::UserManager).unwrap().covers("98"));
        for (issuer, role) in [
            (&sysadmin, Role::SystemAdministrator),
            (&sysadmin, Role::Supervisor),
            (&supervisor, Role::Supervisor),
            (&national, Role::HealthCenterStaff),
        ] {
            assert!(matches!(may_issue(issuer, role), Err(AppError::Forbidden)), "{role:?}");
        }
        let staff = named("s", Role::PrefectureStaff, Affiliation::Prefecture("99".into()));
        assert!(matches!(may_issue(&staff, Role::PrefectureStaff), Err(AppError::Forbidden)));
        assert_eq!(issuing_scope(&national).unwrap().batch_prefecture(), None);
        assert_eq!(issuing_scope(&sysadmin).unwrap().batch_prefecture(), Some("99"));
    }

    #[test]
    fn only_the_national_administrator_imports_masters() {
        let national = named("n", Role::NationalAdministrator, Affiliation::National);
        assert!(operates_the_system(&national).is_ok());
        let sysadmin = named("a", Role::SystemAdministrator, Affiliation::Prefecture("99".into()));
        assert!(operates_the_system(&sysadmin).is_err() && administered_prefecture(&national).is_err());
        assert_eq!(administered_prefecture(&sysadmin).ok(), Some("99"));
    }
}
