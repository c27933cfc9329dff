//! Routing (N-3): a notification goes to the health center responsible for the filing institution,
//! as recorded in the institution master. Decided here, from the server's data only.

use crate::error::AppError;
use crate::store::{InstitutionRecord, Store};

pub async fn route(store: &dyn Store, institution_code: &str) -> Result<InstitutionRecord, AppError> {
    store.institution(institution_code).await?.ok_or_else(|| {
        // Accounts reference institutions by foreign key, so this means the master is inconsistent.
        AppError::Internal(format!("institution {institution_code} of a logged-in doctor is not in the master"))
    })
}
