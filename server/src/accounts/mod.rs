//! Account administration: bulk issuance from the application form (A-1 … A-3), account letters
//! user managers' requests and the administrators' API. Who may do what is `crate::access`'s decision; changes to one
//! account (reset, suspend, resume, delete, change) are `crate::admin`'s, shared with the CLI.

pub mod issue;
pub mod letters;
pub mod request_routes;
pub mod requests;
pub mod routes;
pub mod seal;
pub mod staff;

use std::sync::Arc;

use tokio::sync::Notify;

/// What issuance and letters need beside the store.
#[derive(Clone)]
pub struct AccountServices {
    pub sealer: seal::Sealer,
    /// Wakes the letter worker when new letters are due.
    pub letters_due: Arc<Notify>,
    /// The address the letters tell users to open.
    pub site_url: Arc<str>,
}
