//! Reading filed notifications and the health-center workflow (N-5): the lists (a doctor's submitted
//! notifications; a health center's inbox, paged, searched, sortable, kept current, with its CSV
//! download), the returned ones a
//! doctor must correct, and one notification in full with its history, workflow steps and print layout.

pub mod csv;
pub mod detail;
mod filer;
pub mod filters;
pub mod history;
pub mod list;
pub mod paged;
pub mod returned;
pub mod steps;
mod texts;
