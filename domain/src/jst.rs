//! Japan Standard Time: times are stored in UTC and shown to users in JST (UTC+9, no daylight saving).

use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

pub const JST: UtcOffset = time::macros::offset!(+9);

/// The calendar date in Japan at the given instant: "today" for date rules such as "not in the future".
pub fn date_in_japan(at: OffsetDateTime) -> Date {
    at.to_offset(JST).date()
}

/// The instant a day in Japan begins (00:00 JST), in UTC: the bound of a "from this day" filter.
pub fn start_of_day_in_japan(date: Date) -> OffsetDateTime {
    date.midnight().assume_offset(JST).to_offset(UtcOffset::UTC)
}

/// `2026-11-24 07:05 JST`: how receipts and inbox rows show a time.
pub fn format_jst(at: OffsetDateTime) -> String {
    let in_japan = at.to_offset(JST);
    format!("{} JST", crate::dates::iso_minute(PrimitiveDateTime::new(in_japan.date(), in_japan.time())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn utc_evening_is_next_morning_in_japan() {
        let at = datetime!(2026-11-24 22:05 UTC);
        assert_eq!(format_jst(at), "2026-11-25 07:05 JST");
        assert_eq!(date_in_japan(at), time::macros::date!(2026 - 11 - 25));
    }

    #[test]
    fn a_day_in_japan_begins_at_fifteen_utc_the_day_before() {
        let start = start_of_day_in_japan(time::macros::date!(2026 - 11 - 25));
        assert_eq!(start, datetime!(2026-11-24 15:00 UTC));
        assert_eq!(date_in_japan(start), time::macros::date!(2026 - 11 - 25));
        assert_eq!(date_in_japan(start - time::Duration::MICROSECOND), time::macros::date!(2026 - 11 - 24));
    }
}
