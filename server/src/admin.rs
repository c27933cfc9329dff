//! Administrator actions on accounts that have no screen yet (the accounts issue brings one):
//! a sysadmin-initiated password reset (L-4) and suspension (L-6), run as `todoke-server` commands.

use domain::api::PasswordChangeReason;

use crate::auth::password;
use crate::http::error::AppError;
use crate::store::{self, AccountStatus, Store};

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error("no account with user ID {0:?}")]
    NoSuchUser(String),
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<store::StoreError> for AdminError {
    fn from(error: store::StoreError) -> Self {
        Self::App(AppError::Store(error))
    }
}

/// Issues a new random initial password (returned once, to hand to the user), forces a change at
/// the next login, and ends the account's sessions.
pub async fn reset_password(store: &dyn Store, user_id: &str) -> Result<String, AdminError> {
    ensure_exists(store, user_id).await?;
    let initial = password::generate_initial();
    let hash = password::hash_off_thread(initial.clone()).await?;
    store.set_password(user_id, &hash, store::now(), Some(PasswordChangeReason::Reset)).await?;
    store.delete_user_sessions(user_id, None).await?;
    Ok(initial)
}

/// Suspends (or resumes) an account; a suspended account's sessions end at once.
pub async fn set_suspended(store: &dyn Store, user_id: &str, suspended: bool) -> Result<(), AdminError> {
    ensure_exists(store, user_id).await?;
    let status = if suspended { AccountStatus::Suspended } else { AccountStatus::Active };
    store.set_status(user_id, status).await?;
    if suspended {
        store.delete_user_sessions(user_id, None).await?;
    }
    Ok(())
}

async fn ensure_exists(store: &dyn Store, user_id: &str) -> Result<(), AdminError> {
    match store.login_account(user_id).await? {
        Some(_) => Ok(()),
        None => Err(AdminError::NoSuchUser(user_id.to_owned())),
    }
}
