//! ISO 8601 weeks (`2023-W05`, Monday to Sunday), the unit of todoke's weekly series. Years with 53
//! weeks simply have one more: a series is a run of consecutive weeks, each dated by its Monday.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, Duration, Weekday};

/// An ISO week, kept as its Monday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek(Date);

/// Why a text is not an ISO week.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an ISO week like 2023-W05: {0}")]
pub struct WeekParseError(pub String);

impl IsoWeek {
    /// The week that contains `day`.
    pub fn containing(day: Date) -> Self {
        IsoWeek(day - Duration::days(i64::from(day.weekday().number_days_from_monday())))
    }

    pub fn new(year: i32, week: u8) -> Option<Self> {
        Date::from_iso_week_date(year, week, Weekday::Monday).ok().map(IsoWeek)
    }

    pub fn monday(self) -> Date {
        self.0
    }

    pub fn year(self) -> i32 {
        self.0.to_iso_week_date().0
    }

    pub fn week(self) -> u8 {
        self.0.to_iso_week_date().1
    }

    /// The week `weeks` later (earlier when negative); `None` outside the calendar `time` knows.
    pub fn plus(self, weeks: i64) -> Option<Self> {
        self.0.checked_add(Duration::weeks(weeks)).map(IsoWeek)
    }

    /// Whole weeks from `earlier` to `self`.
    pub fn weeks_since(self, earlier: IsoWeek) -> i64 {
        (self.0 - earlier.0).whole_weeks()
    }
}

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-W{:02}", self.year(), self.week())
    }
}

impl FromStr for IsoWeek {
    type Err = WeekParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || WeekParseError(text.to_owned());
        let (year, week) = text.split_once("-W").ok_or_else(invalid)?;
        if year.len() != 4 || week.len() != 2 || !(year.bytes().chain(week.bytes()).all(|b| b.is_ascii_digit())) {
            return Err(invalid());
        }
        let year = year.parse().map_err(|_| invalid())?;
        let week = week.parse().map_err(|_| invalid())?;
        IsoWeek::new(year, week).ok_or_else(invalid)
    }
}

impl Serialize for IsoWeek {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoWeek {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_iso_weeks_including_week_53() {
        let week: IsoWeek = "2020-W53".parse().unwrap();
        assert_eq!(week.monday(), time::macros::date!(2020 - 12 - 28));
        assert_eq!(week.plus(1).unwrap().to_string(), "2021-W01");
        assert_eq!("2023-W05".parse::<IsoWeek>().unwrap().to_string(), "2023-W05");
    }

    #[test]
    fn refuses_weeks_that_do_not_exist_or_are_badly_written() {
        for text in ["2021-W53", "2023-W00", "2023-W5", "2023W05", "23-W05", "2023-W+5", ""] {
            assert!(text.parse::<IsoWeek>().is_err(), "{text}");
        }
    }

    #[test]
    fn the_week_of_a_day_starts_on_its_monday() {
        let sunday = time::macros::date!(2023 - 01 - 01);
        assert_eq!(IsoWeek::containing(sunday).to_string(), "2022-W52");
        assert_eq!(IsoWeek::new(2022, 52).unwrap().weeks_since(IsoWeek::new(2021, 52).unwrap()), 52);
    }
}
