//! The account's own settings, reached from the header: where one-time codes go (二要素認証の変更)
//! and the passkeys that may replace them. Both ask for the current password again when the server
//! says the login is too old for that (`reauthentication`).
//! Doctors and veterinarians manage their personal API tokens on a page of its own (`api_tokens`).
//! The password change lives with the other password screens in `crate::pages::password`.

pub mod api_tokens;
pub mod passkeys;
pub mod reauthentication;
pub mod second_factor;
