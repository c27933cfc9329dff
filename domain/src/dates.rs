//! V-3 dates as people type them: Western (`2025-05-01`, `2025/5/1`, `2025年5月1日`, `20250501`) and
//! Japanese era (`令和7年5月1日`, `R7.5.1`, `令和元年`, `平成31年4月30日`, `H31.4.30`, `S64.1.7`), read into a
//! calendar date that answers store in ISO form. A date outside its era (`平成31年5月1日`) is refused.

use time::macros::date;
use time::{Date, Month, PrimitiveDateTime};

/// 元号: the eras of the Gregorian calendar in Japan (adopted on 明治6年1月1日, 1873-01-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    Meiji,
    Taisho,
    Showa,
    Heisei,
    Reiwa,
}

struct EraRow {
    era: Era,
    first_day: Date,
    last_day: Option<Date>,
    name: &'static str,
    initial: char,
}

/// The eras, oldest first. 明治's year 1 is 1868 (its first day here is 明治元年1月1日 in the old calendar).
const ERAS: &[EraRow] = &[
    EraRow {
        era: Era::Meiji,
        first_day: date!(1868 - 01 - 25),
        last_day: Some(date!(1912 - 07 - 29)),
        name: "明治",
        initial: 'M',
    },
    EraRow {
        era: Era::Taisho,
        first_day: date!(1912 - 07 - 30),
        last_day: Some(date!(1926 - 12 - 24)),
        name: "大正",
        initial: 'T',
    },
    EraRow {
        era: Era::Showa,
        first_day: date!(1926 - 12 - 25),
        last_day: Some(date!(1989 - 01 - 07)),
        name: "昭和",
        initial: 'S',
    },
    EraRow {
        era: Era::Heisei,
        first_day: date!(1989 - 01 - 08),
        last_day: Some(date!(2019 - 04 - 30)),
        name: "平成",
        initial: 'H',
    },
    EraRow { era: Era::Reiwa, first_day: date!(2019 - 05 - 01), last_day: None, name: "令和", initial: 'R' },
];

/// The Gregorian calendar's first day in Japan: earlier era dates are lunisolar and not accepted.
pub const GREGORIAN_START: Date = date!(1873 - 01 - 01);

impl Era {
    fn row(self) -> &'static EraRow {
        match self {
            Self::Meiji => &ERAS[0],
            Self::Taisho => &ERAS[1],
            Self::Showa => &ERAS[2],
            Self::Heisei => &ERAS[3],
            Self::Reiwa => &ERAS[4],
        }
    }

    /// 令和 etc.
    pub fn name(self) -> &'static str {
        self.row().name
    }

    /// The first day of the era.
    pub fn first_day(self) -> Date {
        self.row().first_day
    }

    /// The last day of the era, `None` for the current one.
    pub fn last_day(self) -> Option<Date> {
        self.row().last_day
    }

    /// The Western year of the era's year 1 (元年).
    pub fn first_year(self) -> i32 {
        self.first_day().year()
    }

    /// Every era, the current one first (the order of an era choice).
    pub fn newest_first() -> impl Iterator<Item = Self> {
        ERAS.iter().rev().map(|row| row.era)
    }

    /// The era of its name (`令和`), as an era choice gives it back.
    pub fn named(name: &str) -> Option<Self> {
        ERAS.iter().find(|row| row.name == name).map(|row| row.era)
    }

    fn from_initial(c: char) -> Option<Self> {
        ERAS.iter().find(|row| row.initial == c.to_ascii_uppercase()).map(|row| row.era)
    }

    /// The era a date falls in, `None` before 1873-01-01.
    pub fn of(date: Date) -> Option<Self> {
        if date < GREGORIAN_START {
            return None;
        }
        ERAS.iter().rev().find(|row| date >= row.first_day).map(|row| row.era)
    }
}

fn ymd(year: i32, month: u8, day: u8) -> Option<Date> {
    Date::from_calendar_date(year, Month::try_from(month).ok()?, day).ok()
}

/// Why a typed date was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateInputError {
    /// Not a date form todoke reads.
    Unrecognised,
    /// A well-formed date that the calendar does not have (2026-02-30, 令和7年13月1日).
    NoSuchDate,
    /// A real calendar date that is outside the era named (平成31年5月1日, 令和1年4月30日, 昭和65年).
    OutsideEra(Era),
    /// An era date before the Gregorian calendar was adopted (明治5年 and earlier).
    BeforeGregorian,
}

/// The era date of a calendar date, e.g. `令和7年5月1日` (year 1 written 元年).
pub fn format_era(date: Date) -> Option<String> {
    let era = Era::of(date)?;
    let year = date.year() - era.first_year() + 1;
    let year = if year == 1 { "元".to_owned() } else { year.to_string() };
    Some(format!("{}{}年{}月{}日", era.name(), year, u8::from(date.month()), date.day()))
}

/// ISO form of a date, `2025-05-01`.
pub fn iso(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// A date and time to the minute, `2025-05-01 07:05`.
pub fn iso_minute(at: PrimitiveDateTime) -> String {
    format!("{} {:02}:{:02}", iso(at.date()), at.hour(), at.minute())
}

/// Reads exactly the ISO form dates are stored and sent in, `2025-05-01`: four digits, two and two,
/// no sign, no spaces. Written out rather than with `time`'s format descriptions, whose run-time
/// interpreter weighed about 20 KB in the app's wasm (docs/performance.md).
pub fn parse_iso(text: &str) -> Option<Date> {
    let &[y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = text.as_bytes() else {
        return None;
    };
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0_u16, |n, &digit| digit.is_ascii_digit().then(|| n * 10 + u16::from(digit - b'0')))
    };
    let month = u8::try_from(number(&[m1, m2])?).ok()?;
    let day = u8::try_from(number(&[d1, d2])?).ok()?;
    ymd(i32::from(number(&[y1, y2, y3, y4])?), month, day)
}

/// `#[serde(with = "iso_date")]`: a `Date` as the API documents and sends it, `"2026-12-24"` (`time`'s
/// own serde form of a `Date` is a `[year, ordinal]` pair).
pub mod iso_date {
    use serde::{de::Error, Deserialize, Deserializer, Serializer};
    use time::Date;

    pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::iso(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        super::parse_iso(&text).ok_or_else(|| D::Error::custom(format!("not a date (2026-12-24): {text}")))
    }

    /// The same for an `Option<Date>`, `null` when absent.
    pub mod option {
        use serde::{Deserialize, Deserializer, Serializer};
        use time::Date;

        pub fn serialize<S: Serializer>(date: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
            match date {
                Some(date) => super::serialize(date, serializer),
                None => serializer.serialize_none(),
            }
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
            #[derive(Deserialize)]
            struct Iso(#[serde(with = "super")] Date);
            Ok(Option::<Iso>::deserialize(deserializer)?.map(|Iso(date)| date))
        }
    }
}

/// Full-width digits, letters and separators to ASCII; spaces dropped.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '／' => '/',
            '．' | '。' => '.',
            '－' | '−' | 'ー' | '‐' | '―' => '-',
            _ => c,
        })
        .collect()
}

/// Reads a typed date in any of the accepted forms.
pub fn parse_date_input(text: &str) -> Result<Date, DateInputError> {
    let text = fold(text);
    if let Some(rest) = ERAS.iter().find_map(|row| text.strip_prefix(row.name).map(|rest| (row.era, rest))) {
        return era_date(rest.0, rest.1);
    }
    let mut chars = text.chars();
    if let Some(era) = chars.next().and_then(Era::from_initial) {
        if chars.next().is_some_and(|c| c.is_ascii_digit() || c == '元') {
            return era_date(era, &text[1..]);
        }
    }
    western_date(&text)
}

/// `text` read in `era`, the era chosen beside a date field: a date naming no era whose year has one or
/// two digits (`7/5/1`, `7年5月1日`, `元.5.1`) gets the era before it (`令和7/5/1`), so that
/// [`parse_date_input`] reads it and names the era's range if the date is outside it; any other text
/// (`2025/5/1`, `R7.5.1`, a mistake) stays as it is.
pub fn with_era(text: &str, era: Era) -> String {
    let folded = fold(text);
    if names_no_era(&folded) && has_short_year(&folded) {
        format!("{}{folded}", era.name())
    } else {
        text.to_owned()
    }
}

/// The (folded) text does not begin with an era's name or initial.
fn names_no_era(text: &str) -> bool {
    let initial = text.chars().next().and_then(Era::from_initial);
    initial.is_none() && !ERAS.iter().any(|row| text.starts_with(row.name))
}

/// The year is 元 or one or two digits, followed by a separator or 年.
fn has_short_year(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let year_ends = text.starts_with('元') || (1..=2).contains(&digits);
    let after = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '元');
    year_ends && ['-', '/', '.', '年'].iter().any(|&separator| after.starts_with(separator))
}

/// `7年5月1日`, `元年5月1日`, `7.5.1`, `7/5/1`, `7-5-1`, `元.5.1` after the era.
fn era_date(era: Era, rest: &str) -> Result<Date, DateInputError> {
    let rest = rest.replacen('元', "1", 1);
    let [year, month, day] = numbers(&rest).ok_or(DateInputError::Unrecognised)?;
    if year == 0 || year > 99 {
        return Err(DateInputError::Unrecognised);
    }
    let year = era.first_year() + i32::try_from(year).map_err(|_| DateInputError::Unrecognised)? - 1;
    let date = calendar(year, month, day)?;
    if date < GREGORIAN_START {
        return Err(DateInputError::BeforeGregorian);
    }
    if date < era.first_day() || era.last_day().is_some_and(|last| date > last) {
        return Err(DateInputError::OutsideEra(era));
    }
    Ok(date)
}

/// `2025-05-01`, `2025/5/1`, `2025.5.1`, `2025年5月1日`, `20250501`.
fn western_date(text: &str) -> Result<Date, DateInputError> {
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        let part = |range: std::ops::Range<usize>| text.get(range).and_then(|s| s.parse::<u32>().ok());
        return match (part(0..4), part(4..6), part(6..8)) {
            (Some(year), Some(month), Some(day)) => calendar(year as i32, month, day),
            _ => Err(DateInputError::Unrecognised),
        };
    }
    let [year, month, day] = numbers(text).ok_or(DateInputError::Unrecognised)?;
    if !(1000..=9999).contains(&year) {
        return Err(DateInputError::Unrecognised);
    }
    calendar(year as i32, month, day)
}

fn calendar(year: i32, month: u32, day: u32) -> Result<Date, DateInputError> {
    let month = u8::try_from(month).map_err(|_| DateInputError::NoSuchDate)?;
    let day = u8::try_from(day).map_err(|_| DateInputError::NoSuchDate)?;
    ymd(year, month, day).ok_or(DateInputError::NoSuchDate)
}

/// Three numbers separated by one kind of separator (`-`, `/`, `.`) or written `Y年M月D日`.
fn numbers(text: &str) -> Option<[u32; 3]> {
    let parts: Vec<&str> = if let Some(body) = text.strip_suffix('日') {
        let (year, rest) = body.split_once('年')?;
        let (month, day) = rest.split_once('月')?;
        vec![year, month, day]
    } else {
        let separator = ['-', '/', '.'].into_iter().find(|&s| text.contains(s))?;
        text.split(separator).collect()
    };
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    let number = |part: &str| -> Option<u32> {
        if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
            None
        } else {
            part.parse().ok()
        }
    };
    Some([number(year)?, number(month)?, number(day)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_western_and_era_forms() {
        for text in ["2025-05-01", "2025/5/1", "令和7年5月1日", "R7.5.1", "２０２５年５月１日"] {
            assert_eq!(parse_date_input(text), Ok(date!(2025 - 05 - 01)), "{text}");
        }
        assert_eq!(parse_date_input("令和元年5月1日"), Ok(date!(2019 - 05 - 01)));
        assert_eq!(parse_date_input("平成31年5月1日"), Err(DateInputError::OutsideEra(Era::Heisei)));
        assert_eq!(format_era(date!(2019 - 05 - 01)).as_deref(), Some("令和元年5月1日"));
    }

    #[test]
    fn a_year_without_era_is_read_in_the_chosen_one() {
        let read = |text: &str, era: Era| parse_date_input(&with_era(text, era));
        for text in ["7/5/1", "7年5月1日", "７．５．１", "07-05-01"] {
            assert_eq!(read(text, Era::Reiwa), Ok(date!(2025 - 05 - 01)), "{text}");
        }
        assert_eq!(with_era("7/5/1", Era::Reiwa), "令和7/5/1");
        assert_eq!(read("元.5.1", Era::Reiwa), Ok(date!(2019 - 05 - 01)));
        assert_eq!(read("63/4/1", Era::Showa), Ok(date!(1988 - 04 - 01)));
        assert_eq!(read("31/5/1", Era::Heisei), Err(DateInputError::OutsideEra(Era::Heisei)));
        // A named era or a Western year wins over the choice; what is no date stays as typed.
        assert_eq!(read("H30.5.1", Era::Reiwa), Ok(date!(2018 - 05 - 01)));
        assert_eq!(read("令和7年5月1日", Era::Showa), Ok(date!(2025 - 05 - 01)));
        assert_eq!(read("2025/5/1", Era::Showa), Ok(date!(2025 - 05 - 01)));
        assert_eq!(read("20250501", Era::Showa), Ok(date!(2025 - 05 - 01)));
        assert_eq!(with_era("7", Era::Reiwa), "7");
        assert_eq!(with_era("あした", Era::Reiwa), "あした");
    }

    #[test]
    fn iso_dates_read_exactly_their_own_form() {
        assert_eq!(parse_iso("2025-05-01"), Some(date!(2025 - 05 - 01)));
        assert_eq!(parse_iso("0001-01-01"), Some(date!(0001 - 01 - 01)));
        assert_eq!(parse_iso("2024-02-29"), Some(date!(2024 - 02 - 29)));
        for wrong in [
            "",
            "2025-5-01",
            "2025-05-1",
            "25-05-01",
            "+2025-05-01",
            "-2025-05-01",
            " 2025-05-01",
            "2025-05-01 ",
            "2025/05/01",
            "20250501",
            "2025-05-01T00:00",
            "2025-13-01",
            "2025-00-10",
            "2025-02-29",
            "2025-04-31",
            "2025-05-00",
            "２０２５-05-01",
            "2025-0a-01",
            "2025-+5-01",
            "abcd-ef-gh",
        ] {
            assert_eq!(parse_iso(wrong), None, "{wrong:?}");
        }
    }

    proptest::proptest! {
        /// The same answers as `time`'s own `[year]-[month]-[day]` parser, which this replaced: on any
        /// text of ten digits and dashes (a sign could only come before a fifth character of year), on
        /// texts of the ISO shape with any month and day up to 39, and on every date written in ISO form.
        #[test]
        fn iso_dates_read_as_time_read_them(
            text in "[0-9-]{10}|[0-9]{4}-[01][0-9]-[0-3][0-9]",
            day in 0..3_652_059_i32,
        ) {
            let format = time::macros::format_description!("[year]-[month]-[day]");
            proptest::prop_assert_eq!(parse_iso(&text), Date::parse(&text, format).ok());
            let date = date!(0000 - 01 - 01) + time::Duration::days(i64::from(day));
            proptest::prop_assert_eq!(parse_iso(&iso(date)), Some(date));
        }
    }

    #[test]
    fn iso_dates_travel_as_strings_and_refuse_what_is_no_date() {
        #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
        struct Dated {
            #[serde(with = "iso_date")]
            on: Date,
            #[serde(default, with = "iso_date::option")]
            until: Option<Date>,
        }
        let dated = Dated { on: date!(2026 - 12 - 24), until: None };
        let json = serde_json::to_string(&dated).unwrap();
        assert_eq!(json, r#"{"on":"2026-12-24","until":null}"#);
        assert_eq!(serde_json::from_str::<Dated>(&json).unwrap(), dated);
        let both: Dated = serde_json::from_str(r#"{"on":"2026-12-24","until":"2027-01-05"}"#).unwrap();
        assert_eq!(both.until, Some(date!(2027 - 01 - 05)));
        assert_eq!(serde_json::from_str::<Dated>(r#"{"on":"2026-12-24"}"#).unwrap(), dated);
        for wrong in [
            r#"{"on":"2026-02-30"}"#,
            r#"{"on":"2026/12/24"}"#,
            r#"{"on":[2026,358]}"#,
            r#"{"on":"2026-12-24","until":"x"}"#,
        ] {
            let error = serde_json::from_str::<Dated>(wrong).unwrap_err().to_string();
            assert!(error.contains("not a date") || error.contains("invalid type"), "{wrong}: {error}");
        }
    }

    #[test]
    fn a_time_to_the_minute_pads_its_parts() {
        assert_eq!(iso_minute(time::macros::datetime!(2026-01-02 03:04:59)), "2026-01-02 03:04");
        assert_eq!(iso_minute(time::macros::datetime!(2026-11-25 23:59)), "2026-11-25 23:59");
    }

    #[test]
    fn an_era_choice_lists_every_era_by_name() {
        let names: Vec<&str> = Era::newest_first().map(Era::name).collect();
        assert_eq!(names, ["令和", "平成", "昭和", "大正", "明治"]);
        assert!(Era::newest_first().all(|era| Era::named(era.name()) == Some(era)));
    }
}
