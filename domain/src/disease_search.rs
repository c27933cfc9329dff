//! Finding a disease as doctors type it: the legal name, its reading, a common name or abbreviation, the
//! English name or the code, in any width and either kana (`fold_name`). The doctor's own diseases come first
//! (`Usage`: how often and how lately this doctor filed each), then the closer matches, then the law's
//! order. A disease counted through sentinel reports is answered with how it is reported.

use std::collections::HashMap;

use time::Date;

use crate::disease_names::{other_names, SentinelDisease, SENTINEL_DISEASES};
use crate::diseases::{catalog_on, Disease};
use crate::i18n::Lang;
use crate::nfkc;

/// Characters that separate words differently from one writer to the next, ignored when comparing.
const IGNORED: &[char] = &['・', '･', '-', '‐', '‑', '–', '−', '_', '.', '(', ')', '（', '）', '、', '。'];

/// Text as compared by a search: NFKC (ｱ → ア, Ｅ → E), lower case, katakana as hiragana, without
/// spaces and separators. Any text (a patient's name may hold Ä or Σ); the catalog's names are folded
/// by `fold_name`.
pub fn fold(text: &str) -> String {
    without_separators(nfkc::fold(text).chars().flat_map(char::to_lowercase))
}

/// [`fold`] for the disease search, with ASCII lower case: the same matches, since no name it compares
/// with holds a letter beyond ASCII that has a case (a test holds this), and the browser app then
/// carries no Unicode case tables (issue 17).
fn fold_name(text: &str) -> String {
    without_separators(nfkc::fold(text).chars().map(|c| c.to_ascii_lowercase()))
}

fn without_separators(chars: impl Iterator<Item = char>) -> String {
    chars.filter(|c| !c.is_whitespace() && !IGNORED.contains(c)).map(katakana_as_hiragana).collect()
}

/// Text in standard width (NFKC: ｱ → ア, １ → 1), otherwise as typed: how a search compares with what is
/// stored unfolded (receipt numbers, institutions' names from the masters).
pub fn standard_width(text: &str) -> String {
    nfkc::fold(text)
}

/// ァ … ヶ are ぁ … ゖ shifted by 0x60; other characters stay.
fn katakana_as_hiragana(c: char) -> char {
    match c {
        'ァ'..='ヶ' => char::from_u32(u32::from(c) - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// How closely a name matches what was typed; the closer sorts first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Closeness {
    Whole,
    Start,
    Within,
}

fn closeness(name: &str, query: &str) -> Option<Closeness> {
    let name = fold_name(name);
    if name == query {
        Some(Closeness::Whole)
    } else if name.starts_with(query) {
        Some(Closeness::Start)
    } else {
        name.contains(query).then_some(Closeness::Within)
    }
}

/// Every name a disease is found by.
fn names_of(disease: &Disease) -> impl Iterator<Item = &'static str> {
    let other = other_names(disease.code);
    [disease.name.ja, disease.name.get(Lang::En), disease.code]
        .into_iter()
        .chain(other.into_iter().flat_map(|names| names.readings.iter().chain(names.common).copied()))
}

/// The closest of a disease's names to the folded query.
fn best_closeness(disease: &Disease, query: &str) -> Option<Closeness> {
    names_of(disease).filter_map(|name| closeness(name, query)).min()
}

/// Which diseases this doctor files, most used first: from their earlier notifications (the device's
/// drafts and outbox, the list of filed ones).
#[derive(Debug, Clone, Default)]
pub struct Usage {
    /// Disease codes, most used first.
    ranked: Vec<String>,
}

impl Usage {
    /// From one (disease code, when) pair per earlier notification; `when` is any measure of time that
    /// grows (Unix milliseconds, say). More notifications rank higher, and the latest breaks ties.
    pub fn from_uses<'a>(uses: impl IntoIterator<Item = (&'a str, i64)>) -> Self {
        let mut tally: HashMap<&str, (usize, i64)> = HashMap::new();
        for (code, when) in uses {
            let entry = tally.entry(code).or_insert((0, i64::MIN));
            entry.0 += 1;
            entry.1 = entry.1.max(when);
        }
        let mut codes: Vec<(&str, (usize, i64))> = tally.into_iter().collect();
        codes.sort_by(|(a_code, a), (b_code, b)| b.cmp(a).then(a_code.cmp(b_code)));
        Self { ranked: codes.into_iter().map(|(code, _)| code.to_owned()).collect() }
    }

    /// 0 for the most used disease, `None` for one never filed.
    fn rank(&self, code: &str) -> Option<usize> {
        self.ranked.iter().position(|ranked| ranked == code)
    }

    /// The doctor's diseases notifiable on `day`, most used first, at most `limit`.
    pub fn familiar(&self, day: Date, limit: usize) -> Vec<&'static Disease> {
        self.ranked.iter().filter_map(|code| crate::diseases::find_on(code, day)).take(limit).collect()
    }
}

/// What a search found.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Notifiable diseases matching, best first.
    pub diseases: Vec<&'static Disease>,
    /// Sentinel diseases matching: reported otherwise, to be said so.
    pub sentinel: Vec<&'static SentinelDisease>,
}

/// The diseases notifiable on `day` that match `query`, the doctor's own first, then the closer matches,
/// then the catalog's order. An empty query finds nothing (the caller shows the familiar ones or the
/// full list instead).
pub fn search(query: &str, day: Date, usage: &Usage) -> Found {
    let query = fold_name(query);
    if query.is_empty() {
        return Found::default();
    }
    let mut matches: Vec<(Option<usize>, Closeness, usize, &'static Disease)> = catalog_on(day)
        .enumerate()
        .filter_map(|(order, disease)| {
            best_closeness(disease, &query).map(|close| (usage.rank(disease.code), close, order, disease))
        })
        .collect();
    // Never-filed (None) after every filed one.
    matches.sort_by_key(|(rank, close, order, _)| (rank.unwrap_or(usize::MAX), *close, *order));
    Found { diseases: matches.into_iter().map(|(.., disease)| disease).collect(), sentinel: sentinel(&query, day) }
}

/// Sentinel diseases named by the folded query (two characters at least: one says too little).
fn sentinel(query: &str, day: Date) -> Vec<&'static SentinelDisease> {
    if query.chars().count() < 2 {
        return Vec::new();
    }
    SENTINEL_DISEASES
        .iter()
        .filter(|entry| day >= entry.since)
        .filter(|entry| {
            [entry.name.ja, entry.name.get(Lang::En)]
                .iter()
                .chain(entry.names)
                .any(|name| closeness(name, query).is_some())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use time::macros::date;

    use super::*;
    use crate::diseases::CATALOG;

    const DAY: Date = date!(2026 - 12 - 01);

    fn first(query: &str) -> Option<&'static str> {
        search(query, DAY, &Usage::default()).diseases.first().map(|disease| disease.code)
    }

    #[test]
    fn width_and_kana_are_folded() {
        assert_eq!(fold("Ｅ型肝炎"), fold("E型肝炎"));
        assert_eq!(fold("ﾏｼﾝ"), "ましん");
        assert_eq!(fold("ｶﾞ"), "が");
        assert_eq!(fold(" Q 熱 "), "q熱");
        assert_eq!(fold("クロイツフェルト・ヤコブ"), fold("くろいつふぇるとやこぶ"));
    }

    /// Why `fold_name` may lower the case of ASCII alone: a character that Unicode lowers otherwise
    /// (Σ → σ, Ä → ä, İ → i̇) and that NFKC leaves (it makes Ｋ or the Kelvin sign K) is in no name, nor is
    /// all of its Unicode lower case; so a query holding it matches no name, lowered either way, and a
    /// query without it is lowered the same. Fails once a name gains such a letter (β-ラクタム, say).
    #[test]
    fn ascii_lower_case_matches_the_names_as_unicode_lower_case_would() {
        let sentinel = SENTINEL_DISEASES
            .iter()
            .flat_map(|entry| [entry.name.ja, entry.name.get(Lang::En)].into_iter().chain(entry.names.iter().copied()));
        let in_names: HashSet<char> = CATALOG
            .iter()
            .flat_map(names_of)
            .chain(sentinel)
            .flat_map(|name| fold_name(name).chars().collect::<Vec<_>>())
            .collect();
        let reaching_the_lowering =
            (0..=u32::from(char::MAX)).filter_map(char::from_u32).filter(|&c| nfkc::fold_char(c).is_none());
        for c in reaching_the_lowering.filter(|&c| !c.to_lowercase().eq([c.to_ascii_lowercase()])) {
            let found = in_names.contains(&c) || c.to_lowercase().all(|lower| in_names.contains(&lower));
            assert!(!found, "{c} (U+{:04X}) would be lowered otherwise than by Unicode", u32::from(c));
        }
    }

    #[test]
    fn names_with_letters_are_found_in_either_width() {
        for (typed, code) in [
            ("E型肝炎", "hepatitis_e"),
            ("Ｅ型肝炎", "hepatitis_e"),
            ("A型肝炎", "hepatitis_a"),
            ("ａ型肝炎", "hepatitis_a"),
            ("Q熱", "q_fever"),
            ("Ｑ熱", "q_fever"),
            ("Bウイルス病", "b_virus"),
            ("Ｂｳｲﾙｽ病", "b_virus"),
        ] {
            assert_eq!(first(typed), Some(code), "{typed}");
        }
    }

    #[test]
    fn readings_common_names_and_english_find_the_disease() {
        for (typed, code) in [
            ("ましん", "measles"),
            ("マシン", "measles"),
            ("けっかく", "tuberculosis"),
            ("はしか", "measles"),
            ("TB", "tuberculosis"),
            ("tb", "tuberculosis"),
            ("Measles", "measles"),
            ("hepatitis e", "hepatitis_e"),
            ("o157", "ehec"),
            ("みずぼうそう", "varicella_hospitalized"),
        ] {
            assert_eq!(first(typed), Some(code), "{typed}");
        }
    }

    #[test]
    fn closer_matches_come_first() {
        // 風しん itself before 先天性風しん症候群, which only contains it.
        let found = search("ふうしん", DAY, &Usage::default());
        let codes: Vec<&str> = found.diseases.iter().map(|disease| disease.code).collect();
        assert_eq!(codes.first(), Some(&"rubella"));
        assert!(codes.contains(&"congenital_rubella_syndrome"));
    }

    #[test]
    fn the_doctors_own_diseases_come_first() {
        let plain = search("肝炎", DAY, &Usage::default());
        assert_eq!(plain.diseases.first().map(|disease| disease.code), Some("hepatitis_e"));
        let usage = Usage::from_uses([("viral_hepatitis", 5), ("hepatitis_a", 9), ("viral_hepatitis", 7)]);
        let codes: Vec<&str> = search("肝炎", DAY, &usage).diseases.iter().map(|disease| disease.code).collect();
        assert_eq!(codes[..3], ["viral_hepatitis", "hepatitis_a", "hepatitis_e"]);
    }

    #[test]
    fn familiar_diseases_by_count_then_latest() {
        let usage = Usage::from_uses([("measles", 1), ("tuberculosis", 2), ("measles", 3), ("rubella", 8)]);
        let codes: Vec<&str> = usage.familiar(DAY, 5).iter().map(|disease| disease.code).collect();
        assert_eq!(codes, ["measles", "rubella", "tuberculosis"]);
        assert_eq!(usage.familiar(DAY, 1).len(), 1);
        // A code no longer notifiable (or unknown) is left out.
        assert!(Usage::from_uses([("no_such_disease", 1)]).familiar(DAY, 5).is_empty());
    }

    #[test]
    fn covid_is_said_to_go_through_sentinel_reports() {
        for typed in ["コロナ", "ころな", "COVID-19", "covid"] {
            let found = search(typed, DAY, &Usage::default());
            let names: Vec<&str> = found.sentinel.iter().map(|entry| entry.name.ja).collect();
            assert_eq!(names, ["新型コロナウイルス感染症（COVID-19）"], "{typed}");
            assert!(found.sentinel[0].how_reported.ja.contains("定点報告"));
        }
        // Nor is it offered as the 新型インフルエンザ等感染症 it was until 2023-05-07 (only the 再興型 remains).
        let codes = |day| -> Vec<&str> {
            search("コロナ", day, &Usage::default()).diseases.iter().map(|d| d.code).collect()
        };
        assert!(!codes(DAY).contains(&"novel_coronavirus"), "{:?}", codes(DAY));
        // Before 2023-05-08 it was not a sentinel disease, but notified.
        assert!(search("コロナ", date!(2023 - 05 - 07), &Usage::default()).sentinel.is_empty());
        assert!(codes(date!(2023 - 05 - 07)).contains(&"novel_coronavirus"));
        assert!(search("麻しん", DAY, &Usage::default()).sentinel.is_empty());
    }

    #[test]
    fn nothing_found_is_empty() {
        let found = search("ｘｙｚｚｙ", DAY, &Usage::default());
        assert!(found.diseases.is_empty() && found.sentinel.is_empty());
        assert!(search("  ", DAY, &Usage::default()).diseases.is_empty());
    }

    #[test]
    fn only_diseases_notifiable_on_the_day_are_found() {
        // 多剤耐性緑膿菌感染症 is notifiable from 2026-04-06.
        assert_eq!(first("多剤耐性緑膿菌"), Some("mdrp"));
        assert!(search("多剤耐性緑膿菌", date!(2026 - 04 - 05), &Usage::default()).diseases.is_empty());
    }
}
