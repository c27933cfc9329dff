//! Administrator actions on one account (R-2, L-4, L-6): password reset, suspension, resumption,
//! deletion and changes. The `todoke-server` commands and the administrators' API both call these
//! (the API only after `crate::access` allowed the caller); each writes its audit record.

use domain::api::{AccountChange, InitialPassword, PasswordChangeReason, Role, SecondFactorChange, SecondFactorMethod};

use crate::audit::{self, Action, Outcome};
use crate::auth::factor_routes::changed_factor;
use crate::auth::password;
use crate::error::AppError;
use crate::store::{self, Account, AccountStatus, Store};

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("no account with user ID {0:?}")]
    NoSuchUser(String),
    #[error("a national administrator exists already; add --another to create one more")]
    AdministratorExists,
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<store::StoreError> for AdminError {
    fn from(error: store::StoreError) -> Self {
        Self::App(AppError::Store(error))
    }
}

impl From<AdminError> for AppError {
    fn from(error: AdminError) -> Self {
        match error {
            AdminError::NoSuchUser(_) => AppError::NotFound,
            AdminError::AdministratorExists => AppError::Forbidden,
            AdminError::App(error) => error,
        }
    }
}

/// Who acts: an administrator's user ID, or `None` for the command line; and from where.
#[derive(Debug, Clone, Default)]
pub struct Acting<'a> {
    pub by: Option<&'a str>,
    pub client: Option<String>,
}

impl Acting<'_> {
    async fn record(&self, store: &dyn Store, action: Action, user_id: &str) -> Result<(), AdminError> {
        let entry = audit::entry(action, Outcome::Success, self.by, Some(user_id.to_owned()), self.client.clone());
        store.audit(entry).await?;
        Ok(())
    }
}

/// Issues a new random initial password (returned once, to hand to the user), forces a change at
/// the next login, and ends the account's sessions.
pub async fn reset_password(store: &dyn Store, user_id: &str, acting: &Acting<'_>) -> Result<String, AdminError> {
    existing(store, user_id).await?;
    let initial = password::generate_initial();
    let hash = password::hash_issued_off_thread(vec![initial.clone()]).await?.pop().unwrap_or_default();
    store.set_password(user_id, &hash, store::now(), Some(PasswordChangeReason::Reset)).await?;
    store.delete_user_sessions(user_id, None).await?;
    acting.record(store, Action::PasswordReset, user_id).await?;
    Ok(initial)
}

/// `todoke-server create-admin`: a national administrator (国の管理者), the root of every issuance,
/// on a database that may hold nothing else. Refused when one exists (not deleted) unless `another`.
/// Its initial password (returned once, for the operator to hand over) must be changed at first
/// login, and every login needs a one-time code sent to `email`, so the second factor is there from
/// the first login on.
pub async fn create_national_administrator(
    store: &dyn Store,
    display_name: &str,
    email: &str,
    another: bool,
) -> Result<InitialPassword, AdminError> {
    let particulars = AccountChange {
        display_name: Some(display_name.to_owned()),
        contact_email: Some(email.to_owned()),
        second_factor: Some(SecondFactorChange { method: SecondFactorMethod::Email, destination: email.to_owned() }),
        ..AccountChange::default()
    };
    let checked = domain::application::check_account_change(&particulars).map_err(AppError::Validation)?;
    if !another && store.has_account_with_role(Role::NationalAdministrator).await? {
        return Err(AdminError::AdministratorExists);
    }
    let user_id = crate::accounts::issue::new_user_id();
    let initial_password = password::generate_initial();
    let hash = password::hash_issued_off_thread(vec![initial_password.clone()]).await?.pop().unwrap_or_default();
    let address = checked.contact_email.unwrap_or_default();
    let user = store::NewUser {
        user_id: &user_id,
        display_name: checked.display_name.as_deref().unwrap_or_default(),
        password_hash: &hash,
        role: Role::NationalAdministrator,
        affiliation: store::Affiliation::National,
        may_download_records: false,
        factor: store::FactorSetting::only(SecondFactorMethod::Email, &address),
        password_changed_at: None,
    };
    let created = audit::entry(Action::IssueAccount, Outcome::Success, None, Some(user_id.clone()), None);
    store.put_user(user, &[created]).await?;
    Ok(InitialPassword { user_id, initial_password })
}

/// Suspends (or resumes) an account; a suspended account's sessions end at once.
pub async fn set_suspended(
    store: &dyn Store,
    user_id: &str,
    suspended: bool,
    acting: &Acting<'_>,
) -> Result<(), AdminError> {
    existing(store, user_id).await?;
    let (status, action) = if suspended {
        (AccountStatus::Suspended, Action::SuspendAccount)
    } else {
        (AccountStatus::Active, Action::ResumeAccount)
    };
    store.set_status(user_id, status).await?;
    if suspended {
        store.delete_user_sessions(user_id, None).await?;
    }
    acting.record(store, action, user_id).await
}

/// Deletes an account: it can never log in again and its sessions end; its row, the notifications
/// it filed and the audit trail stay.
pub async fn delete(store: &dyn Store, user_id: &str, acting: &Acting<'_>) -> Result<(), AdminError> {
    existing(store, user_id).await?;
    store.set_status(user_id, AccountStatus::Deleted).await?;
    store.delete_user_sessions(user_id, None).await?;
    acting.record(store, Action::DeleteAccount, user_id).await
}

/// Changes contact particulars, the two-factor method or the download flag (checked by
/// `domain::application::check_account_change`).
pub async fn change(
    store: &dyn Store,
    user_id: &str,
    change: &AccountChange,
    acting: &Acting<'_>,
) -> Result<(), AdminError> {
    let account = existing(store, user_id).await?;
    let checked = domain::application::check_account_change(change).map_err(AppError::Validation)?;
    let factor = checked
        .second_factor
        .as_ref()
        .map(|factor| changed_factor(&account.factor, factor.method, factor.destination.clone()));
    store.update_account(user_id, &checked, factor.as_ref()).await?;
    acting.record(store, Action::ChangeAccount, user_id).await
}

/// The account, unless there is none or it was deleted (a deleted account is managed no more).
pub async fn existing(store: &dyn Store, user_id: &str) -> Result<Account, AdminError> {
    match store.login_account(user_id).await? {
        Some(login) if login.account.status != AccountStatus::Deleted => Ok(login.account),
        _ => Err(AdminError::NoSuchUser(user_id.to_owned())),
    }
}
