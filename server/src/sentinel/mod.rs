//! Sentinel surveillance (定点把握, issue 14): designated sites file weekly and monthly reports
//! (reports.rs), the health center sees who owes what and sends reminders (overview.rs), and the
//! aggregated tables, their CSV and the charts (tables.rs). The rules of a report, the deadlines and
//! the alert levels are `domain::sentinel`'s; who may do what is `access`'s.

pub mod demo;
pub mod overview;
pub mod reports;
pub mod tables;

/// Today in Japan, the day reports are checked and owed against.
fn today() -> time::Date {
    domain::jst::date_in_japan(crate::store::now())
}
