//! Notifications (全数報告): intake of a 発生届 with its device-made id, and the lists and views
//! that filers and health centers get.

pub mod routes;
pub mod workflow;
