//! HTTP integration tests: a real server on a free port, driven through reqwest, each scenario run
//! once on a fresh SQLite file and once on a fresh PostgreSQL database. One binary (one link).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

mod accounts;
mod administration;
mod alarms;
mod animal_reports;
mod api_tokens;
mod audit_chain;
mod audit_viewer;
mod authorization;
mod concurrency;
mod control_characters;
mod crash;
mod cross_site;
mod csv_export;
mod detect;
mod errors;
mod example_client;
mod fhir;
mod filer;
mod filer_mail;
mod hierarchy;
mod identity;
mod investigations;
mod maintenance;
mod notices;
mod notifications;
mod offline;
mod operations;
mod pages;
mod passkeys;
mod patient_hint;
mod requests;
mod scale_out;
mod security_view;
mod sentinel;
mod session;
mod situation;
mod subject_links;
mod subject_page;
mod syndromic;
mod unauthenticated;
mod unlisted;
mod visibility;
mod withdrawal;
mod workflow;
