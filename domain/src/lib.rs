//! todoke's shared rules and wire types, compiled for the browser (wasm32) and the server alike.
//! Nothing here does I/O: a rule written here runs unchanged on both sides of the network.

pub mod alarms;
pub mod animal_reports;
pub mod api;
pub mod application;
pub mod dates;
pub mod disease_names;
pub mod disease_search;
pub mod diseases;
pub mod email;
pub mod error;
pub mod forms;
pub mod hierarchy;
pub mod i18n;
pub mod import;
pub mod investigation;
pub mod japan;
mod jis;
pub mod jst;
pub mod kana;
pub mod lazy;
pub mod nfkc;
pub mod password;
pub mod patient_hint;
pub mod phone;
pub mod second_factor;
pub mod sentinel;
pub mod situation;
pub mod syndromic;
pub mod text;
pub mod validation;
pub mod weekly_report;
pub mod workflow;
