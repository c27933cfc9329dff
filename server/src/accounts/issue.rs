//! Bulk registration (A-1 … A-3): an application form (CSV or .xlsx) is checked whole, first by
//! `domain::application`'s row rules, then against the masters and the administrator's jurisdiction;
//! any problem refuses the whole file. Otherwise every account is issued in one transaction with a
//! random initial password, a sealed letter and a sealed one-time CSV of IDs and passwords.

use std::collections::{HashMap, HashSet};

use domain::api::{AccountClass, IssuedAccount, IssuedBatch, MasterKind, Organization, Role};
use domain::application::{self, Application, FormColumn, MissingInstitution, NamedInstitution, RawRow};
use domain::import::{ImportProblem, ImportProblemCode};
use rand::seq::SliceRandom;
use uuid::Uuid;

use super::{letters, AccountServices};
use crate::audit::{self, Action, Outcome};
use crate::auth::password;
use crate::error::AppError;
use crate::masters::register::registered_as;
use crate::store::{
    self, Account, Affiliation, CredentialsTake, FactorSetting, InstitutionEntry, IssuedUser, NewBatch,
    RequestApproval, Store,
};
use crate::tabular::{self, TextEncoding};

/// Who issues, for which 都道府県等 (`None`: nationally, for a national administrator), from where.
pub struct Uploader<'a> {
    pub account: &'a Account,
    pub prefecture: Option<&'a str>,
    pub client: Option<String>,
}

/// Reads, checks and (if every row is right) issues the accounts of an application form.
pub async fn register_form(
    store: &dyn Store,
    services: &AccountServices,
    uploader: &Uploader<'_>,
    bytes: &[u8],
    encoding: Option<TextEncoding>,
) -> Result<IssuedBatch, AppError> {
    let rows = tabular::read(bytes, encoding).map_err(|problem| AppError::ImportRejected(vec![problem]))?;
    let data = application::data_rows(&rows).map_err(|problem| AppError::ImportRejected(vec![problem]))?;
    register_rows(store, services, uploader, data, None).await
}

/// Rows of the form checked whole: the applications that passed, the institutions they name, and
/// every problem found.
pub struct CheckedRows {
    pub applications: Vec<Application>,
    pub institutions: HashMap<String, InstitutionEntry>,
    pub problems: Vec<ImportProblem>,
}

/// Checks rows of the form by `domain::application`'s rules, then against the masters and the
/// jurisdiction of `prefecture`.
pub async fn check(store: &dyn Store, rows: &[RawRow], prefecture: &str) -> Result<CheckedRows, AppError> {
    let checked = application::check_rows(rows);
    let mut problems = checked.problems;
    let applications = find_registered(store, checked.applications, &mut problems).await?;
    let institutions = check_against_masters(store, &applications, prefecture, &mut problems).await?;
    problems.sort_by_key(|problem| problem.row);
    Ok(CheckedRows { applications, institutions, problems })
}

/// A row whose AJ is blank is for the institution a sysadmin registered from its particulars:
/// of its class, under its health center, the same particulars (`registered_as`). Until there
/// is one, the row is refused with its particulars (`institution_not_registered`), from which the
/// sysadmin registers it; the same rows then pass. Every row returned has a code.
async fn find_registered(
    store: &dyn Store,
    applications: Vec<Application>,
    problems: &mut Vec<ImportProblem>,
) -> Result<Vec<Application>, AppError> {
    let health_centers: Vec<String> = applications
        .iter()
        .filter(|application| application.institution.code().is_none())
        .map(|application| application.health_center_code.clone())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    if health_centers.is_empty() {
        return Ok(applications);
    }
    let registered = store.registered_institutions(&health_centers).await?;
    let mut found = Vec::with_capacity(applications.len());
    for mut application in applications {
        if let NamedInstitution::Unlisted(particulars) = &application.institution {
            let same = registered_as(&registered, application.class, &application.health_center_code, particulars);
            let Some(entry) = same else {
                let code = ImportProblemCode::InstitutionNotRegistered;
                let mut problem = FormColumn::InstitutionCode.problem(application.row, code, None);
                problem.missing_institution = Some(Box::new(MissingInstitution {
                    class: Some(application.class),
                    health_center_code: Some(application.health_center_code.clone()),
                    particulars: Some(particulars.clone()),
                }));
                problems.push(problem);
                continue;
            };
            application.institution = NamedInstitution::Code(entry.code.clone());
        }
        found.push(application);
    }
    Ok(found)
}

/// The code of a row's institution: every row has one once [`find_registered`] ran.
fn code_of(application: &Application) -> &str {
    application.institution.code().unwrap_or_default()
}

/// Issues the accounts of form rows (an uploaded form's, or an approved online application's) if
/// every row is right. `approves`: the request marked approved in the same transaction, unless
/// it was decided meanwhile ([`AppError::RequestDecided`]; nothing is issued then).
pub async fn register_rows(
    store: &dyn Store,
    services: &AccountServices,
    uploader: &Uploader<'_>,
    rows: &[RawRow],
    approves: Option<Uuid>,
) -> Result<IssuedBatch, AppError> {
    // Forms are a 都道府県等's: its institutions, checked against its jurisdiction.
    let prefecture = uploader.prefecture.ok_or(AppError::Forbidden)?;
    let CheckedRows { applications, institutions, problems } = check(store, rows, prefecture).await?;
    if !problems.is_empty() {
        let target = Some(format!("{} problems", problems.len()));
        let refused = audit::entry(
            Action::ImportApplications,
            Outcome::Failure,
            Some(&uploader.account.user_id),
            target,
            uploader.client.clone(),
        );
        store.audit(refused).await?;
        return Err(AppError::ImportRejected(problems));
    }
    issue(store, services, uploader, applications, &institutions, approves).await
}

/// Code existence, jurisdiction and "one account per person" against what is stored. Returns
/// the institutions named by the rows.
async fn check_against_masters(
    store: &dyn Store,
    applications: &[Application],
    prefecture: &str,
    problems: &mut Vec<ImportProblem>,
) -> Result<HashMap<String, InstitutionEntry>, AppError> {
    let health_centers: HashMap<String, String> = store
        .master_entries(MasterKind::HealthCenters)
        .await?
        .into_iter()
        .map(|entry| (entry.code, entry.parent_code))
        .collect();
    let prefectures: HashSet<&String> = health_centers.values().collect();
    let codes: Vec<String> = applications
        .iter()
        .map(|application| code_of(application).to_owned())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let institutions: HashMap<String, InstitutionEntry> = store
        .institutions_by_code(&codes)
        .await?
        .into_iter()
        .map(|entry| (entry.institution.code.clone(), entry))
        .collect();
    let registered: HashSet<(String, domain::api::AccountClass, String)> = store
        .people_at(&codes)
        .await?
        .into_iter()
        .flat_map(|person| {
            let email = person.contact_email.unwrap_or_default();
            application::person_keys(&person.display_name, &email)
                .map(|key| (person.institution_code.clone(), person.class, key))
        })
        .collect();
    for application in applications {
        let row = application.row;
        let mut report = |column: FormColumn, code: ImportProblemCode| problems.push(column.problem(row, code, None));
        match health_centers.get(&application.health_center_code) {
            None => report(FormColumn::HealthCenterCode, ImportProblemCode::UnknownHealthCenter),
            Some(owner) if owner != prefecture => {
                report(FormColumn::HealthCenterCode, ImportProblemCode::OutOfJurisdiction)
            }
            Some(_) => {}
        }
        match application.core_city_code.as_ref() {
            Some(code) if !prefectures.contains(code) => {
                report(FormColumn::CoreCityCode, ImportProblemCode::UnknownPrefecture)
            }
            Some(code) if code != prefecture => report(FormColumn::CoreCityCode, ImportProblemCode::OutOfJurisdiction),
            _ => {}
        }
        match institutions.get(code_of(application)) {
            None => report(FormColumn::InstitutionCode, ImportProblemCode::UnknownInstitution),
            Some(entry) if entry.prefecture_code != prefecture => {
                report(FormColumn::InstitutionCode, ImportProblemCode::OutOfJurisdiction)
            }
            Some(entry)
                if entry.class != application.class || entry.health_center_code != application.health_center_code =>
            {
                report(FormColumn::InstitutionCode, ImportProblemCode::InstitutionMismatch)
            }
            Some(_) => {}
        }
        let keys = application::person_keys(&application.user_name, &application.contact_email);
        if keys.into_iter().any(|key| registered.contains(&(code_of(application).to_owned(), application.class, key))) {
            report(FormColumn::UserName, ImportProblemCode::AlreadyRegistered);
        }
    }
    Ok(institutions)
}

/// A new user ID: 10 characters without look-alikes, starting with a letter (so that a spreadsheet
/// never takes it for a number). 32^9 × 23 ≈ 10^15 possible IDs.
pub(crate) fn new_user_id() -> String {
    const LETTERS: &[u8] = b"abcdefghjkmnpqrstuvwxyz";
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    let first = LETTERS.choose(&mut rng).copied().unwrap_or(b'u');
    std::iter::once(first).chain((0..9).filter_map(|_| ALPHABET.choose(&mut rng).copied())).map(char::from).collect()
}

/// One account to issue, from a form row or a staff application: whatever the path, it is issued
/// the same way (a random initial password, a sealed letter, a line of the one-time file, an audit
/// record).
pub(crate) struct Issuance {
    /// The form row, or the staff application's position (from 1).
    pub row: u32,
    pub user_name: String,
    pub contact_phone: String,
    pub contact_email: String,
    pub role: Role,
    pub affiliation: Affiliation,
    /// The affiliation's code and name, as the one-time file shows them.
    pub organization: Organization,
    pub download_allowed: bool,
    pub factor: FactorSetting,
}

/// An [`Issuance`] with its new user ID and initial password, before anything is stored.
pub(crate) struct Issued {
    pub issuance: Issuance,
    pub user_id: String,
    password: String,
    password_hash: String,
}

/// New user IDs and initial passwords (hashed off the executor) for the issuances.
pub(crate) async fn prepare(issuances: Vec<Issuance>) -> Result<Vec<Issued>, AppError> {
    let passwords: Vec<String> = issuances.iter().map(|_| password::generate_initial()).collect();
    let hashes = password::hash_issued_off_thread(passwords.clone()).await?;
    Ok(issuances
        .into_iter()
        .zip(passwords.into_iter().zip(hashes))
        .map(|(issuance, (password, password_hash))| Issued {
            issuance,
            user_id: new_user_id(),
            password,
            password_hash,
        })
        .collect())
}

/// Stores the prepared accounts as one batch of `prefecture` (`None`: a national administrator's),
/// with their letters, the sealed one-time file and the audit records (an issue record per account,
/// then `batch_action` for the batch, then the approval of `approves` if any), in one transaction.
pub(crate) async fn store_batch(
    store: &dyn Store,
    services: &AccountServices,
    uploader: &Uploader<'_>,
    batch_action: Action,
    issued: &[Issued],
    approves: Option<RequestApproval>,
) -> Result<Uuid, AppError> {
    let batch_id = Uuid::new_v4();
    let actor = Some(uploader.account.user_id.as_str());
    let mut users = Vec::with_capacity(issued.len());
    let mut audit = Vec::with_capacity(issued.len() + 2);
    for one in issued {
        let issuance = &one.issuance;
        let letter = letters::body(&issuance.user_name, &one.user_id, &one.password, &services.site_url);
        users.push(IssuedUser {
            user_id: one.user_id.clone(),
            display_name: issuance.user_name.clone(),
            password_hash: one.password_hash.clone(),
            role: issuance.role,
            affiliation: issuance.affiliation.clone(),
            factor: issuance.factor.clone(),
            may_download_records: issuance.download_allowed,
            contact_phone: issuance.contact_phone.clone(),
            contact_email: issuance.contact_email.clone(),
            sealed_letter: services.sealer.seal(&letters::purpose(&one.user_id), &letter)?,
        });
        let target = Some(one.user_id.clone());
        audit.push(audit::entry(Action::IssueAccount, Outcome::Success, actor, target, uploader.client.clone()));
    }
    let batch_target = Some(batch_id.to_string());
    audit.push(audit::entry(batch_action, Outcome::Success, actor, batch_target, uploader.client.clone()));
    if let Some(approval) = &approves {
        let target = Some(approval.request_id.to_string());
        audit.push(audit::entry(Action::ApproveRequest, Outcome::Success, actor, target, uploader.client.clone()));
    }
    let batch = NewBatch {
        id: batch_id,
        prefecture_code: uploader.prefecture.map(str::to_owned),
        issued_by: uploader.account.user_id.clone(),
        issued_at: store::now(),
        sealed_credentials: services.sealer.seal(&credentials_purpose(batch_id), &credentials_csv(issued)?)?,
        users,
        audit,
        approves,
    };
    if !store.issue_batch(&batch).await? {
        return Err(AppError::RequestDecided);
    }
    services.letters_due.notify_one();
    Ok(batch_id)
}

/// Issues the checked rows of a form (or of an approved request) at their institutions.
async fn issue(
    store: &dyn Store,
    services: &AccountServices,
    uploader: &Uploader<'_>,
    applications: Vec<Application>,
    institutions: &HashMap<String, InstitutionEntry>,
    approves: Option<Uuid>,
) -> Result<IssuedBatch, AppError> {
    let classes: Vec<AccountClass> = applications.iter().map(|application| application.class).collect();
    let issuances = applications
        .into_iter()
        .map(|application| {
            let code = code_of(&application).to_owned();
            let organization = institutions
                .get(&code)
                .map(|entry| entry.institution.clone())
                .unwrap_or_else(|| Organization { code: code.clone(), name: String::new() });
            Issuance {
                row: application.row,
                role: application.class.role(),
                affiliation: Affiliation::Institution(code),
                organization,
                download_allowed: application.download_allowed,
                factor: FactorSetting::only(application.factor_method, &application.factor_destination),
                user_name: application.user_name,
                contact_phone: application.contact_phone,
                contact_email: application.contact_email,
            }
        })
        .collect();
    let issued = prepare(issuances).await?;
    let accounts: Vec<IssuedAccount> = issued
        .iter()
        .zip(classes)
        .map(|(one, class)| IssuedAccount {
            row: one.issuance.row,
            user_id: one.user_id.clone(),
            display_name: one.issuance.user_name.clone(),
            class,
            institution: one.issuance.organization.clone(),
        })
        .collect();
    let approves = approves
        .map(|request_id| Ok::<_, AppError>(RequestApproval { request_id, issued: json(&accounts)? }))
        .transpose()?;
    let batch_id = store_batch(store, services, uploader, Action::ImportApplications, &issued, approves).await?;
    Ok(IssuedBatch { batch_id, accounts })
}

fn json(accounts: &[IssuedAccount]) -> Result<String, AppError> {
    serde_json::to_string(accounts).map_err(|error| AppError::Internal(format!("issued accounts: {error}")))
}

fn credentials_purpose(batch_id: Uuid) -> String {
    format!("credentials:{batch_id}")
}

/// The one-time file: UTF-8 with a byte-order mark, so that Excel in Japan opens it as UTF-8.
fn credentials_csv(issued: &[Issued]) -> Result<String, AppError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |error: csv::Error| AppError::Internal(format!("credentials CSV: {error}"));
    writer
        .write_record([
            "行",
            "利用者ID",
            "初期パスワード",
            "利用者名",
            "所属機関コード",
            "所属機関名",
            "連絡先メールアドレス",
        ])
        .map_err(failed)?;
    for one in issued {
        let issuance = &one.issuance;
        let row = issuance.row.to_string();
        writer
            .write_record([
                row.as_str(),
                &one.user_id,
                &one.password,
                &issuance.user_name,
                &issuance.organization.code,
                &issuance.organization.name,
                &issuance.contact_email,
            ])
            .map_err(failed)?;
    }
    let bytes = writer.into_inner().map_err(|error| AppError::Internal(format!("credentials CSV: {error}")))?;
    let text = String::from_utf8(bytes).map_err(|error| AppError::Internal(format!("credentials CSV: {error}")))?;
    Ok(format!("\u{FEFF}{text}"))
}

/// Hands out the batch's one-time file and deletes it from the server; a second call gets
/// [`AppError::CredentialsGone`]. A batch of another 都道府県等 (or a national administrator's, for
/// anyone else) is not found.
pub async fn take_credentials(
    store: &dyn Store,
    services: &AccountServices,
    uploader: &Uploader<'_>,
    batch_id: Uuid,
) -> Result<String, AppError> {
    let (outcome, result) = match store.take_credentials(batch_id, uploader.prefecture, store::now()).await? {
        CredentialsTake::Taken(sealed) => {
            (Outcome::Success, services.sealer.open(&credentials_purpose(batch_id), &sealed))
        }
        CredentialsTake::AlreadyDownloaded => (Outcome::Failure, Err(AppError::CredentialsGone)),
        CredentialsTake::NotFound => return Err(AppError::NotFound),
    };
    let actor = Some(uploader.account.user_id.as_str());
    let target = Some(batch_id.to_string());
    let entry = audit::entry(Action::DownloadCredentials, outcome, actor, target, uploader.client.clone());
    store.audit(entry).await?;
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_ids_start_with_a_letter_and_avoid_look_alikes() {
        let ids: HashSet<String> = (0..200).map(|_| new_user_id()).collect();
        assert_eq!(ids.len(), 200);
        for id in &ids {
            assert_eq!(id.len(), 10);
            assert!(id.starts_with(|c: char| c.is_ascii_lowercase()), "{id}");
            assert!(!id.contains(['0', '1', 'l', 'o', 'i']), "{id}");
        }
    }
}
