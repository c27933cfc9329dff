//! Passwords: the change screen (forced at first login, after a reset by an administrator or on expiry,
//! or chosen by the user; L-2), the forgotten-password reset (L-4), and the live checklist of the
//! L-3 rules that both share.

pub mod change;
pub mod new_password;
pub mod reset;
