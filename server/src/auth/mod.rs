//! Authentication: who is making a request (password login, sessions). The second factor and
//! passkeys slot in here (issue: identity); what an account may do is `crate::access`.

pub mod password;
pub mod routes;
pub mod session;

pub use session::{ClientAddress, Principal};
