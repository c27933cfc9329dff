//! Institutions missing from the master: a sysadmin registers one with the particulars the
//! application carried, under a health center of its own 都道府県等; todoke gives it a code
//! (`R` + class code + a number) that the application form's column AJ can then name.

use domain::api::{AccountClass, InstitutionParticulars, NewInstitution, Organization, RegisteredInstitution};
use domain::error::{FieldError, FieldErrorCode};
use domain::i18n::Lang;

use crate::audit::{self, Action, Outcome};
use crate::error::AppError;
use crate::store::{MasterEntry, Store};

/// Codes are taken by counting; two sysadmins registering at once may collide, so try a few.
const ATTEMPTS: u32 = 5;

pub async fn register(
    store: &dyn Store,
    prefecture: &str,
    new: &NewInstitution,
    actor: &str,
    client: Option<String>,
) -> Result<RegisteredInstitution, AppError> {
    let particulars =
        domain::application::check_particulars(new.class, &new.particulars).map_err(AppError::Validation)?;
    let health_center = store.health_center(&new.health_center_code).await?;
    let owner = store.master_entries(domain::api::MasterKind::HealthCenters).await?;
    let in_jurisdiction =
        owner.iter().any(|entry| entry.code == new.health_center_code && entry.parent_code == prefecture);
    let Some(health_center) = health_center.filter(|_| in_jurisdiction) else {
        let field = domain::error::FieldError {
            field: "health_center_code".into(),
            code: domain::error::FieldErrorCode::InvalidChoice,
            message: "health_center_code：管轄内の保健所コードを指定してください。".into(),
        };
        return Err(AppError::Validation(vec![field]));
    };
    let registered = store.registered_institutions(std::slice::from_ref(&health_center.code)).await?;
    if let Some(twin) = registered_as(&registered, new.class, &health_center.code, &particulars) {
        // Registered from the same application already (e.g. a second click): the rows find that one.
        let code = FieldErrorCode::AlreadyRegistered;
        let message = format!("name：{}（{}）", code.message(Lang::Ja), twin.code);
        return Err(AppError::Validation(vec![FieldError { field: "name".into(), code, message }]));
    }
    let base = store.registered_institution_count().await?;
    for attempt in 1..=ATTEMPTS {
        let code = format!("R{}{:07}", new.class.code(), base + attempt);
        let entry = MasterEntry {
            code: code.clone(),
            name: particulars.name.clone(),
            parent_code: health_center.code.clone(),
            class: Some(new.class),
            particulars: serde_json::to_string(&particulars).map_err(|e| AppError::Internal(e.to_string()))?,
        };
        let record = audit::entry(
            Action::RegisterInstitution,
            Outcome::Success,
            Some(actor),
            Some(code.clone()),
            client.clone(),
        );
        if store.register_institution(&entry, &record).await? {
            return Ok(RegisteredInstitution {
                institution: Organization { code, name: particulars.name },
                class: new.class,
                health_center,
            });
        }
    }
    Err(AppError::Internal("no free institution code after several attempts".to_owned()))
}

/// The institution among `registered` (registered by sysadmins, A-5) that `particulars` describe: of
/// `class`, under `health_center_code`, the same by `domain::application::same_institution`.
pub fn registered_as<'a>(
    registered: &'a [MasterEntry],
    class: AccountClass,
    health_center_code: &str,
    particulars: &InstitutionParticulars,
) -> Option<&'a MasterEntry> {
    registered.iter().find(|entry| {
        entry.class == Some(class)
            && entry.parent_code == health_center_code
            && serde_json::from_str::<InstitutionParticulars>(&entry.particulars)
                .is_ok_and(|stored| domain::application::same_institution(&stored, particulars))
    })
}
