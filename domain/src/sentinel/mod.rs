//! Sentinel surveillance (定点把握, SPEC S-1 … S-3) as pure rules: the catalog of sentinel types and
//! their report forms with effective dates, report periods (ISO weeks, months), the check of one
//! report, and the 警報・注意報 levels computed from an area's weekly rates.

pub mod alert;
pub mod catalog;
pub mod check;
pub mod due;
pub mod period;

pub use alert::{
    alert_levels, alert_levels_after, diseases_with_levels, diseases_with_levels_of, has_alert_levels, thresholds_in,
    AlertLevel, AlertThresholds, Centi, WeeklyRate, NATIONAL_THRESHOLDS,
};
pub use catalog::{form, weekly_disease, FormVersion, Frequency, ReportForm, ReportKind, SentinelType, FORMS};
pub use check::{check_report, CheckedReport};
pub use period::{IsoWeek, ReportPeriod};
