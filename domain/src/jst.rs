//! Japan Standard Time: times are stored in UTC and shown to users in JST (UTC+9, no daylight saving).

use time::{macros::format_description, Date, OffsetDateTime, UtcOffset};

pub const JST: UtcOffset = time::macros::offset!(+9);

/// The calendar date in Japan at the given instant: "today" for date rules such as "not in the future".
pub fn date_in_japan(at: OffsetDateTime) -> Date {
    at.to_offset(JST).date()
}

/// `2026-11-24 07:05 JST`: how receipts and inbox rows show a time.
pub fn format_jst(at: OffsetDateTime) -> String {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute]");
    match at.to_offset(JST).format(&format) {
        Ok(text) => format!("{text} JST"),
        // Formatting a valid OffsetDateTime with a fixed description cannot fail; fall back to RFC 3339.
        Err(_) => at.to_string(),
    }
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
}
