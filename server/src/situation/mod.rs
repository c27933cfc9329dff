//! The situation at a glance (issue 16): epidemic curves, the map of Japan and its health-center
//! areas, the week's changes and the weekly report (週報), from counts of the 全数 notifications
//! todoke holds. Aggregated figures only; who sees which area's figures is `access::situation_scope`
//! (and `access::report_scope` for the reports).

pub mod export;
pub mod report;
pub mod routes;
pub mod sentinel;
