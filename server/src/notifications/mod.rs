//! Notifications (全数報告): intake of a 発生届 (or a veterinarian's animal report) with its device-made
//! id, the lists, views and CSV exports that filers, health centers and their supervisors get.

pub mod center_mail;
pub mod changes;
pub(crate) mod csv_file;
pub mod export;
pub mod filer_mail;
pub mod health_centers;
pub mod pages;
pub mod routes;
pub mod workflow;
