//! The account's own settings, reached from the header: where one-time codes go (二要素認証の変更).
//! The password change lives with the other password screens in `crate::pages::password`.

pub mod second_factor;
