//! The app's screens, one folder or file per feature; each page is a route in `app.rs`.
//! Shared building blocks that are not a screen live in `crate::components`.

pub mod admin;
pub mod alarms;
pub mod disease_picker;
pub mod help;
pub mod home;
pub mod inbox;
pub mod investigations;
pub mod login;
pub mod manager;
pub mod not_found;
pub mod notices;
pub mod notification;
pub mod password;
pub mod sentinel;
pub mod settings;
pub mod situation;
pub mod syndromic;
