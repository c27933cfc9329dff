//! Deadlines (a.3, e.1): the report a form is owed now is that of the period just ended, due at the end
//! of its version's `due_days_after` days after it; where it stands follows from whether it arrived and
//! when. The app shows a site the same states the health center sees.

use time::Date;

use super::catalog::{Frequency, ReportForm};
use super::period::{IsoWeek, ReportPeriod};
use crate::api::DueState;

/// The period whose report is owed on `today`: last week (for a weekly form) or last month.
pub fn due_period(frequency: Frequency, today: Date) -> ReportPeriod {
    ReportPeriod::containing(frequency, today).previous()
}

/// The first day `week`'s report is owed (the Monday after it): the day from which `due_period`
/// names it, so a page pinned to a week computes the week's (and its month's) reports as on that day.
pub fn first_day_owed(week: IsoWeek) -> Date {
    week.next().monday()
}

/// The last day `period`'s report of `form` is on time; `None` before the form's first version.
pub fn due_on(form: &ReportForm, period: ReportPeriod) -> Option<Date> {
    form.version_on(period.first_day()).map(|version| period.due_on(version.due_days_after))
}

/// Whether a report received on `received_on` (Japan) is late.
pub fn is_late(due_on: Date, received_on: Date) -> bool {
    received_on > due_on
}

/// Where a due report stands on `today`: `received_late` is `Some(late)` once it was received.
pub fn due_state(received_late: Option<bool>, due_on: Date, today: Date) -> DueState {
    match received_late {
        Some(false) => DueState::Reported,
        Some(true) => DueState::ReportedLate,
        None if today > due_on => DueState::Missing,
        None => DueState::Pending,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentinel::{form, ReportKind};
    use time::macros::date;

    #[test]
    fn last_week_is_due_on_monday_and_missing_from_tuesday() {
        let monday = date!(2025 - 04 - 14);
        let period = due_period(Frequency::Weekly, monday);
        assert_eq!(period.to_string(), "2025-W15");
        assert_eq!(first_day_owed(IsoWeek::new(2025, 15).unwrap()), monday);
        assert_eq!(due_period(Frequency::Weekly, monday.previous_day().unwrap()).to_string(), "2025-W14");
        let due = due_on(form(ReportKind::PediatricWeekly), period).unwrap();
        assert_eq!(due, monday);
        assert_eq!(due_state(None, due, monday), DueState::Pending);
        assert_eq!(due_state(None, due, date!(2025 - 04 - 15)), DueState::Missing);
        assert_eq!(due_state(Some(false), due, date!(2025 - 04 - 15)), DueState::Reported);
        assert_eq!(due_state(Some(true), due, date!(2025 - 04 - 15)), DueState::ReportedLate);
        assert!(!is_late(due, monday) && is_late(due, date!(2025 - 04 - 15)));
    }

    #[test]
    fn last_month_is_owed_in_the_next() {
        let period = due_period(Frequency::Monthly, date!(2025 - 01 - 03));
        assert_eq!(period.to_string(), "2024-12");
        assert_eq!(due_on(form(ReportKind::StdMonthly), period), Some(date!(2025 - 01 - 07)));
        assert_eq!(due_on(form(ReportKind::StdMonthly), "2017-12".parse().unwrap()), None);
    }
}
