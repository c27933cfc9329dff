//! Report periods: ISO 8601 weeks, Monday–Sunday (a.3: some years have a week 53), and calendar months.
//! On the wire a week is `2025-W15` and a month `2025-04`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, Duration, Month, Weekday};

use super::catalog::Frequency;

/// One ISO week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoWeek {
    year: i32,
    week: u8,
}

impl IsoWeek {
    /// `None` for a week the year does not have (e.g. 2025-W53).
    pub fn new(year: i32, week: u8) -> Option<Self> {
        Date::from_iso_week_date(year, week, Weekday::Monday).ok().map(|_| Self { year, week })
    }

    /// For tables written as data: the caller names a week that exists.
    pub(crate) const fn const_new(year: i32, week: u8) -> Self {
        Self { year, week }
    }

    /// The week `day` is in.
    pub fn containing(day: Date) -> Self {
        let (year, week, _) = day.to_iso_week_date();
        Self { year, week }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn week(self) -> u8 {
        self.week
    }

    pub fn monday(self) -> Date {
        // `new` and `containing` only make weeks that exist.
        Date::from_iso_week_date(self.year, self.week, Weekday::Monday).unwrap_or(Date::MIN)
    }

    pub fn sunday(self) -> Date {
        self.monday().saturating_add(Duration::days(6))
    }

    pub fn next(self) -> Self {
        Self::containing(self.monday().saturating_add(Duration::days(7)))
    }

    pub fn previous(self) -> Self {
        Self::containing(self.monday().saturating_sub(Duration::days(7)))
    }

    /// The surveillance season this week is in: seasons run from week 36 to week 35 of the next year
    /// (the influenza season's convention), named by the year they start in.
    pub fn season(self) -> i32 {
        if self.week >= SEASON_FIRST_WEEK {
            self.year
        } else {
            self.year - 1
        }
    }

    /// The first week of the season that starts in `year`.
    pub fn season_start(year: i32) -> Self {
        Self { year, week: SEASON_FIRST_WEEK }
    }
}

/// Week 36 opens a season.
const SEASON_FIRST_WEEK: u8 = 36;

impl fmt::Display for IsoWeek {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

impl Serialize for IsoWeek {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl FromStr for IsoWeek {
    type Err = InvalidPeriod;

    /// `2025-W15`, a week the year has.
    fn from_str(text: &str) -> Result<Self, InvalidPeriod> {
        match text.parse()? {
            ReportPeriod::Week(week) => Ok(week),
            ReportPeriod::Month { .. } => Err(InvalidPeriod),
        }
    }
}

impl<'de> Deserialize<'de> for IsoWeek {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(|_| serde::de::Error::custom(format!("not a week (2025-W15): {text}")))
    }
}

/// One period a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReportPeriod {
    Week(IsoWeek),
    Month { year: i32, month: Month },
}

impl ReportPeriod {
    pub fn frequency(self) -> Frequency {
        match self {
            Self::Week(_) => Frequency::Weekly,
            Self::Month { .. } => Frequency::Monthly,
        }
    }

    pub fn first_day(self) -> Date {
        match self {
            Self::Week(week) => week.monday(),
            Self::Month { year, month } => Date::from_calendar_date(year, month, 1).unwrap_or(Date::MIN),
        }
    }

    pub fn last_day(self) -> Date {
        match self {
            Self::Week(week) => week.sunday(),
            Self::Month { year, month } => {
                Date::from_calendar_date(year, month, month.length(year)).unwrap_or(Date::MIN)
            }
        }
    }

    /// The period of `frequency` that `day` is in.
    pub fn containing(frequency: Frequency, day: Date) -> Self {
        match frequency {
            Frequency::Weekly => Self::Week(IsoWeek::containing(day)),
            Frequency::Monthly => Self::Month { year: day.year(), month: day.month() },
        }
    }

    /// The period just before this one.
    pub fn previous(self) -> Self {
        match self {
            Self::Week(week) => Self::Week(week.previous()),
            Self::Month { .. } => {
                Self::containing(Frequency::Monthly, self.first_day().saturating_sub(Duration::days(1)))
            }
        }
    }

    /// The last day of the period's report being on time: `due_days_after` days after its last day.
    pub fn due_on(self, due_days_after: u8) -> Date {
        self.last_day().saturating_add(Duration::days(i64::from(due_days_after)))
    }
}

impl fmt::Display for ReportPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Week(week) => week.fmt(f),
            Self::Month { year, month } => write!(f, "{year:04}-{:02}", u8::from(*month)),
        }
    }
}

/// Why a period's text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidPeriod;

impl FromStr for ReportPeriod {
    type Err = InvalidPeriod;

    /// `2025-W15` (a week the year has) or `2025-04`.
    fn from_str(text: &str) -> Result<Self, InvalidPeriod> {
        let (year, rest) = text.split_once('-').ok_or(InvalidPeriod)?;
        let year = digits(year, 4).ok_or(InvalidPeriod)?;
        let year = i32::try_from(year).map_err(|_| InvalidPeriod)?;
        match rest.strip_prefix('W') {
            Some(week) => {
                let week = digits(week, 2).and_then(|week| u8::try_from(week).ok()).ok_or(InvalidPeriod)?;
                IsoWeek::new(year, week).map(Self::Week).ok_or(InvalidPeriod)
            }
            None => {
                let month = digits(rest, 2).and_then(|month| u8::try_from(month).ok()).ok_or(InvalidPeriod)?;
                let month = Month::try_from(month).map_err(|_| InvalidPeriod)?;
                Ok(Self::Month { year, month })
            }
        }
    }
}

/// Exactly `len` ASCII digits.
fn digits(text: &str, len: usize) -> Option<u32> {
    (text.len() == len && text.bytes().all(|byte| byte.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

impl Serialize for ReportPeriod {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ReportPeriod {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(|_| serde::de::Error::custom(format!("not a week (2025-W15) or month (2025-04): {text}")))
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ReportPeriod {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some("An ISO week `2025-W15` (Monday–Sunday) or a calendar month `2025-04`"))
            .examples(["2025-W15"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for ReportPeriod {}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn weeks_run_monday_to_sunday_as_iso_numbers_them() {
        // IDWR 2022 week 2 is 1月10日〜1月16日 (a.3).
        let week = IsoWeek::new(2022, 2).unwrap();
        assert_eq!((week.monday(), week.sunday()), (date!(2022 - 01 - 10), date!(2022 - 01 - 16)));
        // 2015 had a week 53; 2025 does not.
        assert!(IsoWeek::new(2015, 53).is_some() && IsoWeek::new(2025, 53).is_none());
        assert_eq!(IsoWeek::new(2015, 53).unwrap().next(), IsoWeek::new(2016, 1).unwrap());
        assert_eq!(IsoWeek::containing(date!(2025 - 04 - 07)).to_string(), "2025-W15");
    }

    #[test]
    fn periods_parse_and_print_in_their_wire_form() {
        for text in ["2025-W15", "2015-W53", "2025-04", "2024-12"] {
            assert_eq!(text.parse::<ReportPeriod>().unwrap().to_string(), text);
        }
        for bad in ["2025-W53", "2025-W00", "2025-13", "2025-4", "25-W15", "2025W15", "", "2025-W1a", "２０２５-04"]
        {
            assert_eq!(bad.parse::<ReportPeriod>(), Err(InvalidPeriod), "{bad}");
        }
        assert_eq!("2015-W53".parse::<IsoWeek>().map(|week| week.to_string()).as_deref(), Ok("2015-W53"));
        assert_eq!("2025-04".parse::<IsoWeek>(), Err(InvalidPeriod), "a month is not a week");
        let month: ReportPeriod = "2024-02".parse().unwrap();
        assert_eq!((month.first_day(), month.last_day()), (date!(2024 - 02 - 01), date!(2024 - 02 - 29)));
        assert_eq!(month.previous().to_string(), "2024-01");
        assert_eq!("2025-01".parse::<ReportPeriod>().unwrap().previous().to_string(), "2024-12");
    }

    #[test]
    fn a_week_is_due_the_monday_after_and_seasons_start_at_week_36() {
        let week: ReportPeriod = "2025-W15".parse().unwrap();
        assert_eq!(week.due_on(1), date!(2025 - 04 - 14));
        assert_eq!(week.due_on(1).weekday(), Weekday::Monday);
        assert_eq!(IsoWeek::new(2025, 36).unwrap().season(), 2025);
        assert_eq!(IsoWeek::new(2026, 35).unwrap().season(), 2025);
        assert_eq!(IsoWeek::season_start(2024), IsoWeek::new(2024, 36).unwrap());
    }
}
