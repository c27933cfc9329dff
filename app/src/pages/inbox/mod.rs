//! Reading filed notifications: the list (a doctor's submitted notifications, a health center's
//! inbox) and the full detail of one notification.

pub mod detail;
pub mod list;
