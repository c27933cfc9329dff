//! The input rules V-1 (characters), V-2 (phone numbers) and V-3 (dates): the examples of the spec and the
//! issue, property tests, and an exhaustive cross-check of the character table against Windows-31J.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use domain::dates::{format_era, iso, parse_date_input, DateInputError, Era, GREGORIAN_START};
use domain::phone::{parse_phone, PhoneError, PhoneKind};
use domain::text::{first_disallowed, is_allowed, refusal_message};
use proptest::prelude::*;
use time::macros::date;
use time::Date;

// ── V-1 characters ──────────────────────────────────────────────────────────────────────────────

#[test]
fn environment_dependent_characters_are_refused_and_named() {
    for c in ['①', '㈱', 'Ⅲ', '㍻', '髙', '㌔', '№', 'ⅰ', '￤', '＇', '＂', '😀', '们'] {
        assert!(!is_allowed(c), "{c} should be refused");
        let text = format!("山田{c}太郎");
        assert_eq!(first_disallowed(&text, false), Some(c));
    }
    assert_eq!(
        refusal_message(&['㈱']),
        "「㈱」は使用できません（環境依存文字等）。「㈱」は「(株)」と書いてください。"
    );
}

#[test]
fn standard_japanese_text_is_accepted() {
    let samples = [
        "高橋",               // 髙's standard form
        "山崎",               // 崎 (JIS X 0208)
        "﨑",                 // JIS X 0213 1-47-82 (Art. 20(2))
        "𠮟る",               // JIS X 0213 level 3, a 常用漢字 outside JIS X 0208
        "ラーメン",           // ー
        "10時〜12時",         // WAVE DASH as JIS maps it (Mac, Linux)
        "10時～12時",         // FULLWIDTH TILDE as Windows maps it
        "東京都、千代田区。", // 、。
        "ＡＢＣ１２３",       // full-width alphanumerics
        "ｱｲｳｴｵｰ｡",            // half-width katakana (JIS X 0201)
        "ABC-123 ~\\",        // ASCII (JIS X 0201 Roman)
        "¥‾",                 // JIS X 0201's own 0x5C and 0x7E
        "−－―—‖∥",            // both mappings of 1-1-61, 1-1-29, 1-1-34
        "¢£¬￠￡￢",          // both mappings of 1-1-81, 1-1-82, 1-2-44
        "αβγ АБВ ─│┌",        // Greek, Cyrillic, box drawing (JIS X 0208)
        "　",                 // ideographic space
    ];
    for text in samples {
        assert_eq!(first_disallowed(text, false), None, "{text}");
    }
}

#[test]
fn line_breaks_only_where_the_field_is_multiline() {
    assert_eq!(first_disallowed("一行目\n二行目", false), Some('\n'));
    assert_eq!(first_disallowed("一行目\r\n二行目", true), None);
    assert_eq!(first_disallowed("タブ\t", true), Some('\t'));
}

/// Every character of Windows-31J: the JIS X 0208 rows, as Windows decodes them, are accepted; the NEC
/// special characters (row 13), the IBM extensions and the user-defined area are refused, except the
/// characters that are also in a JIS X 0208 row (≒, ∵, ¬ …) and the IBM kanji that JIS X 0213 has (﨑).
#[test]
fn the_table_agrees_with_windows_31j_row_by_row() {
    let decode = |code: u16| {
        let bytes = code.to_be_bytes();
        let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
        let mut chars = text.chars();
        match (had_errors, chars.next(), chars.next()) {
            (false, Some(c), None) => Some(c),
            _ => None,
        }
    };
    let cells = (0x81u16..=0x9F)
        .chain(0xE0..=0xFC)
        .flat_map(|lead| (0x40u16..=0x7E).chain(0x80..=0xFC).map(move |trail| lead << 8 | trail))
        .filter_map(|code| decode(code).map(|c| (code, c)));
    let nec_row_13 = |code: u16| (0x8740..=0x879C).contains(&code);
    let extension = |code: u16| {
        (0xED40..=0xEEFC).contains(&code) || (0xF040..=0xF9FC).contains(&code) || (0xFA40..=0xFC4B).contains(&code)
    };
    let jis_x_0208: Vec<char> =
        cells.clone().filter(|&(code, _)| !nec_row_13(code) && !extension(code)).map(|(_, c)| c).collect();
    // JIS X 0208 has 6,879 characters, all accepted.
    assert_eq!(jis_x_0208.len(), 6879);
    for &c in &jis_x_0208 {
        assert!(is_allowed(c), "JIS X 0208 character {c} (U+{:04X}) refused", u32::from(c));
    }
    let mut accepted_kanji = Vec::new();
    for (code, c) in cells.filter(|&(code, _)| nec_row_13(code) || extension(code)) {
        if jis_x_0208.contains(&c) || !is_allowed(c) {
            continue;
        }
        assert!(!nec_row_13(code), "NEC special character {c} ({code:04X}) accepted");
        assert!(
            ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{F900}'..='\u{FAFF}').contains(&c),
            "{c} ({code:04X}) accepted"
        );
        accepted_kanji.push(c);
    }
    assert!(accepted_kanji.contains(&'﨑'));
    for c in ['①', '㈱', 'Ⅲ', '㍻', '髙', 'ⅰ', '￤', '\u{E000}'] {
        assert!(!is_allowed(c), "{c}");
    }
}

proptest! {
    /// Text built from accepted characters is accepted; one refused character anywhere is found and named.
    #[test]
    fn the_first_refused_character_is_named(
        before in "[あ-んア-ン一-龠ａ-ｚ0-9 ー、。]{0,12}",
        refused in prop::sample::select(vec!['①', '㈱', 'Ⅲ', '㍻', '髙', '№', '㌔', '😀']),
        after in "[あ-ん①-⑳]{0,6}",
    ) {
        // 一-龠 spans kanji outside JIS: keep only those accepted, so that `refused` is the first refusal.
        let before: String = before.chars().filter(|&c| is_allowed(c)).collect();
        prop_assert_eq!(first_disallowed(&before, false), None);
        let text = format!("{before}{refused}{after}");
        prop_assert_eq!(first_disallowed(&text, false), Some(refused));
    }

    /// Whatever a character is, the check never panics and agrees with `is_allowed`.
    #[test]
    fn first_disallowed_agrees_with_is_allowed(text in "\\PC{0,20}") {
        let expected = text.chars().find(|&c| !is_allowed(c));
        prop_assert_eq!(first_disallowed(&text, false), expected);
    }
}

// ── V-2 phone numbers ──────────────────────────────────────────────────────────────────────────

#[test]
fn japanese_numbers_are_accepted_and_normalised() {
    let cases = [
        ("03-1234-5678", "0312345678", PhoneKind::Fixed),
        ("0120-123-456", "0120123456", PhoneKind::FreeDial),
        ("0800-123-4567", "08001234567", PhoneKind::FreeDial),
        ("050-1234-5678", "05012345678", PhoneKind::IpPhone),
        ("070 1234 5678", "07012345678", PhoneKind::Mobile),
        ("080-1234-5678", "08012345678", PhoneKind::Mobile),
        ("０９０－１２３４－５６７８", "09012345678", PhoneKind::Mobile),
        ("(0123)45-6789", "0123456789", PhoneKind::Fixed),
        ("0466-12-3456", "0466123456", PhoneKind::Fixed),
        ("+81 3-1234-5678", "0312345678", PhoneKind::Fixed),
        ("+81-90-1234-5678", "09012345678", PhoneKind::Mobile),
    ];
    for (text, digits, kind) in cases {
        let number = parse_phone(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        assert_eq!((number.digits(), number.kind()), (digits, kind), "{text}");
    }
}

#[test]
fn foreign_numbers_wrong_lengths_and_services_are_refused() {
    assert_eq!(parse_phone("+1 202-555-0100"), Err(PhoneError::Foreign));
    assert_eq!(parse_phone("001-1-202-555-0100"), Err(PhoneError::Foreign));
    assert_eq!(parse_phone("010-1-202-555-0100"), Err(PhoneError::Foreign));
    assert_eq!(parse_phone("+44 20 7946 0000"), Err(PhoneError::Foreign));
    assert_eq!(parse_phone("090-1234-567"), Err(PhoneError::WrongLength { expected: 11, actual: 10 }));
    assert_eq!(parse_phone("03-1234-56789"), Err(PhoneError::WrongLength { expected: 10, actual: 11 }));
    assert_eq!(parse_phone("0120-123-4567"), Err(PhoneError::WrongLength { expected: 10, actual: 11 }));
    assert_eq!(parse_phone("0570-123-456"), Err(PhoneError::NotJapanese));
    assert_eq!(parse_phone("020-1234-5678"), Err(PhoneError::NotJapanese));
    assert_eq!(parse_phone("3-1234-5678"), Err(PhoneError::NotJapanese));
    assert_eq!(parse_phone("03-1234-5678 内線12"), Err(PhoneError::InvalidCharacter('内')));
    assert_eq!(parse_phone(" - "), Err(PhoneError::Empty));
}

/// A number of each kind with random digits, as a prefix and the digits that follow it.
fn japanese_number() -> impl Strategy<Value = (String, PhoneKind)> {
    let kinds = prop_oneof![
        Just(("0", 9, PhoneKind::Fixed)),
        Just(("050", 8, PhoneKind::IpPhone)),
        Just(("070", 8, PhoneKind::Mobile)),
        Just(("080", 8, PhoneKind::Mobile)),
        Just(("090", 8, PhoneKind::Mobile)),
        Just(("0120", 6, PhoneKind::FreeDial)),
        Just(("0800", 7, PhoneKind::FreeDial)),
    ];
    kinds.prop_flat_map(|(prefix, rest, kind)| {
        // A fixed line's area code starts 1–9 and is not 0A0 (those are the non-geographic services).
        let first = if kind == PhoneKind::Fixed { "[1-9][1-9]" } else { "" };
        let rest = if kind == PhoneKind::Fixed { rest - 2 } else { rest };
        (Just(prefix), first, proptest::collection::vec(0u8..10, rest), Just(kind)).prop_filter_map(
            "not a special service or free dial",
            |(prefix, first, rest, kind)| {
                let digits: String = rest.iter().map(|d| char::from(b'0' + d)).collect();
                let number = format!("{prefix}{first}{digits}");
                let special = ["0120", "0180", "0570", "0990"].iter().any(|p| number.starts_with(p));
                // 0800 is free dial, never a mobile.
                let free_dial = kind == PhoneKind::Mobile && number.starts_with("0800");
                ((kind != PhoneKind::Fixed || !special) && !free_dial).then_some((number, kind))
            },
        )
    })
}

proptest! {
    /// However a valid number is written (hyphens, spaces, full-width digits), it reads back as its digits.
    #[test]
    fn written_forms_normalise_to_the_digits(
        (digits, kind) in japanese_number(),
        separators in proptest::collection::vec(prop::sample::select(vec!["", "", "-", " ", "－", "ー", "　"]), 11),
        full_width in any::<bool>(),
    ) {
        let written: String = digits
            .chars()
            .zip(separators.iter().chain(std::iter::repeat(&"")))
            .map(|(d, sep)| {
                let d = if full_width { char::from_u32(u32::from(d) + 0xFEE0).unwrap() } else { d };
                format!("{d}{sep}")
            })
            .collect();
        let number = parse_phone(&written).unwrap();
        prop_assert_eq!(number.digits(), digits.as_str());
        prop_assert_eq!(number.kind(), kind);
    }

    /// One digit more or less is always refused.
    #[test]
    fn one_digit_more_or_less_is_refused((digits, _) in japanese_number(), extra in 0u8..10) {
        let longer = format!("{digits}{extra}");
        prop_assert!(parse_phone(&longer).is_err(), "{}", longer);
        let shorter = &digits[..digits.len() - 1];
        prop_assert!(parse_phone(shorter).is_err(), "{}", shorter);
    }

    /// International numbers other than +81 are foreign.
    #[test]
    fn other_country_codes_are_foreign(country in "[1-79][0-9]{0,2}", rest in "[0-9]{6,10}") {
        prop_assume!(!country.starts_with("81"));
        prop_assert_eq!(parse_phone(&format!("+{country} {rest}")), Err(PhoneError::Foreign));
        prop_assert_eq!(parse_phone(&format!("010-{country}-{rest}")), Err(PhoneError::Foreign));
    }
}

// ── V-3 dates ──────────────────────────────────────────────────────────────────────────────────

#[test]
fn western_and_era_forms_read_as_the_same_day() {
    let cases = [
        ("2025-05-01", date!(2025 - 05 - 01)),
        ("2025/5/1", date!(2025 - 05 - 01)),
        ("2025.05.01", date!(2025 - 05 - 01)),
        ("2025年5月1日", date!(2025 - 05 - 01)),
        ("20250501", date!(2025 - 05 - 01)),
        ("令和7年5月1日", date!(2025 - 05 - 01)),
        ("R7.5.1", date!(2025 - 05 - 01)),
        ("r7/5/1", date!(2025 - 05 - 01)),
        ("Ｒ７．５．１", date!(2025 - 05 - 01)),
        ("令和 7 年 5 月 1 日", date!(2025 - 05 - 01)),
        ("令和元年5月1日", date!(2019 - 05 - 01)),
        ("R元.5.1", date!(2019 - 05 - 01)),
        ("平成31年4月30日", date!(2019 - 04 - 30)),
        ("H31.4.30", date!(2019 - 04 - 30)),
        ("平成元年1月8日", date!(1989 - 01 - 08)),
        ("昭和64年1月7日", date!(1989 - 01 - 07)),
        ("S64.1.7", date!(1989 - 01 - 07)),
        ("昭和20年8月15日", date!(1945 - 08 - 15)),
        ("大正15年12月24日", date!(1926 - 12 - 24)),
        ("明治45年7月29日", date!(1912 - 07 - 29)),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_date_input(text), Ok(expected), "{text}");
    }
}

#[test]
fn impossible_dates_are_refused() {
    let cases = [
        ("平成31年5月1日", DateInputError::OutsideEra(Era::Heisei)),
        ("H31.5.1", DateInputError::OutsideEra(Era::Heisei)),
        ("令和1年4月30日", DateInputError::OutsideEra(Era::Reiwa)),
        ("令和元年4月30日", DateInputError::OutsideEra(Era::Reiwa)),
        ("昭和64年1月8日", DateInputError::OutsideEra(Era::Showa)),
        ("昭和65年1月1日", DateInputError::OutsideEra(Era::Showa)),
        ("平成元年1月7日", DateInputError::OutsideEra(Era::Heisei)),
        ("明治5年12月2日", DateInputError::BeforeGregorian),
        ("令和7年2月29日", DateInputError::NoSuchDate),
        ("2026-02-30", DateInputError::NoSuchDate),
        ("2025/13/1", DateInputError::NoSuchDate),
        ("令和0年5月1日", DateInputError::Unrecognised),
        ("X7.5.1", DateInputError::Unrecognised),
        ("5月1日", DateInputError::Unrecognised),
        ("2025-5", DateInputError::Unrecognised),
        ("2025-05/01", DateInputError::Unrecognised),
        ("", DateInputError::Unrecognised),
    ];
    for (text, expected) in cases {
        assert_eq!(parse_date_input(text), Err(expected), "{text}");
    }
}

fn any_date() -> impl Strategy<Value = Date> {
    (GREGORIAN_START.to_julian_day()..=date!(2099 - 12 - 31).to_julian_day())
        .prop_map(|day| Date::from_julian_day(day).unwrap())
}

proptest! {
    /// Every day since 1873 reads back from its ISO, slash and era forms (kanji and initials).
    #[test]
    fn every_written_form_reads_back(day in any_date()) {
        prop_assert_eq!(parse_date_input(&iso(day)), Ok(day));
        let (y, m, d) = (day.year(), u8::from(day.month()), day.day());
        prop_assert_eq!(parse_date_input(&format!("{y}/{m}/{d}")), Ok(day));
        let era_form = format_era(day).unwrap();
        prop_assert_eq!(parse_date_input(&era_form), Ok(day), "{}", era_form);
        let era = Era::of(day).unwrap();
        let initial = match era { Era::Meiji => 'M', Era::Taisho => 'T', Era::Showa => 'S', Era::Heisei => 'H', Era::Reiwa => 'R' };
        let year = y - era.first_year() + 1;
        prop_assert_eq!(parse_date_input(&format!("{initial}{year}.{m}.{d}")), Ok(day));
    }

    /// A day written in the era that follows its own is refused (e.g. a Heisei day as 令和0年 or earlier).
    #[test]
    fn a_day_in_the_wrong_era_is_refused(day in any_date()) {
        let era = Era::of(day).unwrap();
        if let Some(last) = era.last_day() {
            // The same calendar day, counted in the era that began after `last`.
            let next = [Era::Taisho, Era::Showa, Era::Heisei, Era::Reiwa]
                .into_iter()
                .find(|e| e.first_day() > last)
                .unwrap();
            let year = day.year() - next.first_year() + 1;
            if year >= 1 {
                let text = format!("{}{}年{}月{}日", next.name(), year, u8::from(day.month()), day.day());
                prop_assert_eq!(parse_date_input(&text), Err(DateInputError::OutsideEra(next)), "{}", text);
            }
        }
    }
}
