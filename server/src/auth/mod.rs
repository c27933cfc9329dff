//! Authentication (L-1 … L-6): password, second factor by one-time code, sessions, password
//! lifecycle and throttling. What an account may do once authenticated is `crate::access`.

pub mod api_token_routes;
pub mod api_tokens;
pub mod codes;
pub mod factor_routes;
pub mod passkeys;
pub mod password;
pub mod routes;
pub mod second_factor;
pub mod session;
pub mod throttle;

pub use session::{ClientAddress, Principal, SignedIn};
