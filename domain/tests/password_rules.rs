#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The password rules of SPEC L-3: the source's examples, the demo logins, and properties checked against an
//! oracle written here independently of `domain::password`.

use domain::i18n::Lang;
use domain::password::{check, disallowed_characters, normalize, PasswordContext, PasswordRule, ALL_RULES, SYMBOLS};
use proptest::prelude::*;

use PasswordRule::*;

/// The shipped list, read here directly so that the oracle does not depend on the code under test.
const COMMON: &str = include_str!("../src/common_passwords.txt");

/// The allowed alphabet, spelled out independently of the module's constants.
const LOWER: &str = "abcdefghijklmnopqrstuvwxyz";
const UPPER: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const DIGITS: &str = "0123456789";
const SYMBOL_CHARS: &str = "@#$%^&*-!+=[]{}|¥\\:',.?/`~\"();";

fn no_context() -> PasswordContext<'static> {
    PasswordContext::default()
}

fn with_user(user_id: &str) -> PasswordContext<'_> {
    PasswordContext { user_id, current_password: None }
}

fn common_entries() -> Vec<&'static str> {
    COMMON.lines().filter(|l| !l.starts_with("# ")).collect()
}

fn is_common(password: &str) -> bool {
    let key = password.replace('¥', "\\").to_ascii_lowercase();
    common_entries().iter().any(|e| *e == key)
}

fn classes(password: &str) -> usize {
    [LOWER, UPPER, DIGITS, SYMBOL_CHARS].iter().filter(|class| password.chars().any(|c| class.contains(c))).count()
}

fn has_run(password: &str) -> bool {
    let chars: Vec<char> = password.replace('¥', "\\").chars().collect();
    chars.windows(3).any(|w| w[0] == w[1] && w[1] == w[2])
}

fn allowed_char() -> impl Strategy<Value = char> {
    let all: Vec<char> = [LOWER, UPPER, DIGITS, SYMBOL_CHARS].concat().chars().collect();
    proptest::sample::select(all)
}

fn allowed_string(len: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
    proptest::collection::vec(allowed_char(), len).prop_map(|v| v.into_iter().collect())
}

/// A password meeting every rule by the oracle's reckoning (the user ID "doctor1" is 7 characters, so never equal).
fn acceptable() -> impl Strategy<Value = String> {
    allowed_string(8..=30)
        .prop_filter("three classes", |p| classes(p) >= 3)
        .prop_filter("no triple run", |p| !has_run(p))
        .prop_filter("not common", |p| !is_common(p))
}

fn disallowed_char() -> impl Strategy<Value = char> {
    prop_oneof![
        // Characters people actually type by mistake: full-width forms, kana, space, tab, other symbols.
        proptest::sample::select(vec![
            ' ', '\t', '＠', 'Ａ', '１', 'あ', 'ア', '漢', '<', '>', '_', '€', 'é', '\u{3000}', '\u{0}',
        ]),
        any::<char>(),
    ]
    .prop_filter("outside the allowed set", |c| ![LOWER, UPPER, DIGITS, SYMBOL_CHARS].concat().contains(*c))
}

// --- The source's examples -----------------------------------------------------------------------------------

#[test]
fn the_sources_refused_examples_fail_the_right_rules() {
    assert_eq!(check("111abc", &no_context()), vec![Length, CharacterClasses, RepeatedCharacter]);
    assert_eq!(check("123aaa", &no_context()), vec![Length, CharacterClasses, RepeatedCharacter]);
    assert_eq!(check("abcdefgh", &no_context()), vec![CharacterClasses]);
    assert_eq!(check("12345678", &no_context()), vec![CharacterClasses]);
    assert_eq!(check("abcd1234", &no_context()), vec![CharacterClasses, TooCommon]);
}

#[test]
fn a_triple_run_is_refused_even_when_everything_else_is_met() {
    assert_eq!(check("Todoke#111x", &no_context()), vec![RepeatedCharacter]);
    assert_eq!(check("Todoke#aaa1", &no_context()), vec![RepeatedCharacter]);
    assert_eq!(check("Todoke#aa1a", &no_context()), vec![]);
}

#[test]
fn the_demo_passwords_are_accepted() {
    for (user_id, password) in [
        ("doctor1", "Kita#Clinic1"),
        ("doctor2", "Minami#Hosp2"),
        ("hc-north", "Hoken#North1"),
        ("hc-south", "Hoken#South2"),
    ] {
        let context = PasswordContext { user_id, current_password: Some("Old#Password9") };
        assert_eq!(check(password, &context), vec![], "{password}");
    }
}

#[test]
fn other_reasonable_passwords_are_accepted() {
    for password in [
        "Todoke2026x",
        "kita#clinic1",
        "KITA#CLINIC1",
        "Zz9!Zz9!",
        "Hoken¥North1",
        "Hoken\\North1",
        "a\"B(c)D;e'1",
        "Abcdefghijklmnopqrstuvwxyz0123",
    ] {
        assert_eq!(check(password, &no_context()), vec![], "{password}");
    }
}

#[test]
fn length_boundaries_are_8_and_30_characters() {
    assert_eq!(check("Ab1#efg", &no_context()), vec![Length]);
    assert_eq!(check("Ab1#efgh", &no_context()), vec![]);
    let thirty = "Ab1#efghijklmnopqrstuvwxyzABCD";
    assert_eq!(thirty.chars().count(), 30);
    assert_eq!(check(thirty, &no_context()), vec![]);
    assert_eq!(check(&format!("{thirty}E"), &no_context()), vec![Length]);
    assert_eq!(check("", &no_context()), vec![Length, CharacterClasses]);
}

#[test]
fn length_counts_characters_not_bytes() {
    // Four ¥ signs (two bytes each in UTF-8) plus letters and a digit: 14 bytes, 10 characters.
    let password = "aB1¥x¥y¥z¥";
    assert_eq!(password.chars().count(), 10);
    assert!(!check(password, &no_context()).contains(&Length));
}

#[test]
fn digit_zero_counts_as_a_digit() {
    assert_eq!(check("Kita#Clinic0", &no_context()), vec![]);
    // Lower + upper + 0 are three classes.
    assert_eq!(check("Kitaclinic0", &no_context()), vec![]);
    assert_eq!(check("Kitaclinic", &no_context()), vec![CharacterClasses]);
}

#[test]
fn yen_sign_and_backslash_are_the_same_symbol() {
    // ¥ alone supplies the symbol class.
    assert_eq!(check("kitaclinic¥1", &no_context()), vec![]);
    assert_eq!(check("kitaclinic\\1", &no_context()), vec![]);
    // A run mixing the two forms is a run of one symbol.
    assert_eq!(check("Kita¥\\¥clinic1", &no_context()), vec![RepeatedCharacter]);
    // The current password typed on another keyboard is the same password.
    let context = PasswordContext { user_id: "doctor1", current_password: Some("Kita\\Clinic1") };
    assert_eq!(check("Kita¥Clinic1", &context), vec![SameAsCurrent]);
    assert_eq!(normalize("Kita¥Clinic1"), "Kita\\Clinic1");
    assert_eq!(normalize("Kita#Clinic1"), "Kita#Clinic1");
}

#[test]
fn disallowed_characters_are_named_once_each_in_order() {
    assert_eq!(disallowed_characters("Kita Clinic＃1 _あ_"), vec![' ', '＃', '_', 'あ']);
    assert_eq!(disallowed_characters("Kita#Clinic1¥\\"), vec![]);
    assert_eq!(check("Kita_Clinic1", &no_context()), vec![AllowedCharacters]);
}

#[test]
fn every_listed_symbol_is_allowed_and_is_a_symbol() {
    for symbol in SYMBOLS.chars().chain(['\\']) {
        let password = format!("kitaclinic1{symbol}");
        assert_eq!(check(&password, &no_context()), vec![], "{symbol:?}");
    }
    assert_eq!(SYMBOLS.chars().count(), 29);
}

#[test]
fn the_user_id_is_refused_in_any_case_and_an_empty_id_is_not_checked() {
    let context = with_user("Hoken#North1");
    assert_eq!(check("Hoken#North1", &context), vec![SameAsUserId]);
    assert_eq!(check("hoken#north1", &context), vec![SameAsUserId]);
    assert_eq!(check("Hoken#North2", &context), vec![]);
    assert_eq!(check("Hoken#North1", &with_user("")), vec![]);
}

#[test]
fn the_current_password_is_compared_case_sensitively() {
    let context = PasswordContext { user_id: "hc-north", current_password: Some("Hoken#North1") };
    assert_eq!(check("Hoken#North1", &context), vec![SameAsCurrent]);
    assert_eq!(check("hoken#North1", &context), vec![]);
}

#[test]
fn common_passwords_are_refused_in_any_case() {
    assert_eq!(check("Password1", &no_context()), vec![TooCommon]);
    assert_eq!(check("P@ssw0rd", &no_context()), vec![TooCommon]);
    assert_eq!(check("PASSWORD!", &no_context()), vec![CharacterClasses, TooCommon]);
    assert_eq!(check("Password1x", &no_context()), vec![]);
    // The top of Django's list is refused too, through the other rules.
    for top in ["123456", "password", "qwerty", "iloveyou", "12345678", "qwertyuiop"] {
        assert!(!check(top, &no_context()).is_empty(), "{top}");
    }
}

#[test]
fn every_shipped_common_password_is_refused_and_the_list_is_large_enough() {
    let entries = common_entries();
    assert!(entries.len() >= 3_000, "{} entries", entries.len());
    for entry in entries {
        assert!(check(entry, &no_context()).contains(&TooCommon), "{entry:?}");
        // Each entry can be written so that it meets every other rule (otherwise it is dead weight in the list):
        // with two or more letters, case can supply both letter classes; a non-letter run cannot be broken by case.
        let letters = entry.chars().filter(|c| c.is_ascii_alphabetic()).count();
        let reachable = letters.min(2) + classes(entry) - usize::from(letters > 0);
        assert!(reachable >= 3, "{entry:?}");
        let chars: Vec<char> = entry.chars().collect();
        assert!(!chars.windows(3).any(|w| w[0] == w[1] && w[1] == w[2] && !w[0].is_ascii_alphabetic()), "{entry:?}");
    }
}

#[test]
fn several_rules_fail_together_in_the_stable_order() {
    let context = PasswordContext { user_id: "aaa", current_password: Some("aaa") };
    let unmet = check("aaa", &context);
    assert_eq!(unmet, vec![Length, CharacterClasses, RepeatedCharacter, SameAsUserId, SameAsCurrent]);
    let context = PasswordContext { user_id: "p@ssw0rd_", current_password: Some("p@ssw0rd_") };
    // Not common: the underscore makes it a different string (and disallowed).
    assert_eq!(check("p@ssw0rd_", &context), vec![AllowedCharacters, SameAsUserId, SameAsCurrent]);
}

// --- The public surface ------------------------------------------------------------------------------------

#[test]
fn rule_codes_are_stable_snake_case_strings() {
    let codes: Vec<String> = ALL_RULES.iter().map(|r| serde_json::to_string(r).unwrap()).collect();
    assert_eq!(
        codes,
        [
            "\"length\"",
            "\"allowed_characters\"",
            "\"character_classes\"",
            "\"repeated_character\"",
            "\"same_as_user_id\"",
            "\"same_as_current\"",
            "\"too_common\"",
        ]
    );
    for rule in ALL_RULES {
        let json = serde_json::to_string(rule).unwrap();
        assert_eq!(serde_json::from_str::<PasswordRule>(&json).unwrap(), *rule);
    }
}

#[test]
fn every_rule_has_a_distinct_message_in_both_languages() {
    for lang in [Lang::Ja, Lang::En] {
        let mut messages: Vec<&str> = ALL_RULES.iter().map(|r| r.message(lang)).collect();
        assert!(messages.iter().all(|m| !m.is_empty()));
        messages.sort_unstable();
        messages.dedup();
        assert_eq!(messages.len(), ALL_RULES.len(), "{lang:?}");
    }
    assert!(Length.message(Lang::Ja).contains("8文字以上30文字以内"));
    assert!(AllowedCharacters.message(Lang::Ja).contains('¥'));
}

// --- Properties ----------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn a_password_meeting_every_rule_is_accepted(password in acceptable()) {
        let context = PasswordContext { user_id: "doctor1", current_password: Some("Kita#Clinic1") };
        prop_assume!(password != "Kita#Clinic1");
        prop_assert_eq!(check(&password, &context), vec![]);
        prop_assert_eq!(disallowed_characters(&password), vec![]);
    }

    #[test]
    fn check_reports_exactly_the_rules_the_oracle_finds_unmet(password in allowed_string(0..=34)) {
        let n = password.chars().count();
        let mut expected = Vec::new();
        if !(8..=30).contains(&n) { expected.push(Length); }
        if classes(&password) < 3 { expected.push(CharacterClasses); }
        if has_run(&password) { expected.push(RepeatedCharacter); }
        if is_common(&password) { expected.push(TooCommon); }
        prop_assert_eq!(check(&password, &no_context()), expected);
    }

    #[test]
    fn a_character_outside_the_set_is_refused_and_named(
        password in acceptable(),
        bad in disallowed_char(),
        at in any::<prop::sample::Index>(),
    ) {
        let mut chars: Vec<char> = password.chars().collect();
        chars.insert(at.index(chars.len() + 1), bad);
        let password: String = chars.into_iter().collect();
        prop_assert!(check(&password, &no_context()).contains(&AllowedCharacters));
        prop_assert_eq!(disallowed_characters(&password), vec![bad]);
    }

    #[test]
    fn too_short_or_too_long_is_refused_for_length(
        password in prop_oneof![allowed_string(0..=7), allowed_string(31..=60)],
    ) {
        prop_assert!(check(&password, &no_context()).contains(&Length));
    }

    #[test]
    fn inserting_a_triple_run_is_refused(
        password in acceptable(),
        c in allowed_char(),
        at in any::<prop::sample::Index>(),
    ) {
        let mut chars: Vec<char> = password.chars().collect();
        let i = at.index(chars.len() + 1);
        for _ in 0..3 { chars.insert(i, c); }
        let password: String = chars.into_iter().collect();
        prop_assert!(check(&password, &no_context()).contains(&RepeatedCharacter));
    }

    #[test]
    fn fewer_than_three_classes_is_refused(
        password in proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(LOWER.chars().collect::<Vec<_>>()),
                proptest::sample::select(DIGITS.chars().collect::<Vec<_>>()),
            ],
            8..=30,
        ).prop_map(|v| v.into_iter().collect::<String>()),
    ) {
        prop_assert!(check(&password, &no_context()).contains(&CharacterClasses));
    }

    #[test]
    fn the_user_id_itself_or_in_another_case_is_refused(password in acceptable(), upper in any::<bool>()) {
        let user_id = if upper { password.to_ascii_uppercase() } else { password.to_ascii_lowercase() };
        prop_assert!(check(&password, &with_user(&user_id)).contains(&SameAsUserId));
        let longer = format!("{user_id}x");
        prop_assert!(!check(&password, &with_user(&longer)).contains(&SameAsUserId));
    }

    #[test]
    fn the_current_password_is_refused_and_only_it(password in acceptable(), other in acceptable()) {
        let same = PasswordContext { user_id: "", current_password: Some(&password) };
        prop_assert_eq!(check(&password, &same), vec![SameAsCurrent]);
        let different = PasswordContext { user_id: "", current_password: Some(&other) };
        let same_symbolwise = password.replace('¥', "\\") == other.replace('¥', "\\");
        prop_assert_eq!(check(&password, &different).contains(&SameAsCurrent), same_symbolwise);
    }

    #[test]
    fn a_common_password_in_any_case_is_refused(
        index in any::<prop::sample::Index>(),
        flips in proptest::collection::vec(any::<bool>(), 30),
    ) {
        let entries = common_entries();
        let entry = entries[index.index(entries.len())];
        let password: String = entry
            .chars()
            .zip(flips)
            .map(|(c, up)| if up { c.to_ascii_uppercase() } else { c })
            .collect();
        prop_assert!(check(&password, &no_context()).contains(&TooCommon));
    }

    #[test]
    fn writing_yen_as_backslash_changes_nothing(password in allowed_string(0..=34)) {
        let as_backslash = password.replace('¥', "\\");
        let as_yen = password.replace('\\', "¥");
        prop_assert_eq!(check(&as_backslash, &no_context()), check(&password, &no_context()));
        prop_assert_eq!(check(&as_yen, &no_context()), check(&password, &no_context()));
    }

    #[test]
    fn reported_rules_are_in_the_order_of_all_rules_without_repeats(
        password in ".{0,40}",
        user_id in ".{0,10}",
        current in proptest::option::of(".{0,10}"),
    ) {
        let context = PasswordContext { user_id: &user_id, current_password: current.as_deref() };
        let unmet = check(&password, &context);
        let positions: Vec<usize> = unmet
            .iter()
            .map(|r| ALL_RULES.iter().position(|a| a == r).unwrap())
            .collect();
        prop_assert!(positions.windows(2).all(|w| w[0] < w[1]), "{:?}", unmet);
        prop_assert_eq!(unmet.contains(&AllowedCharacters), !disallowed_characters(&password).is_empty());
    }
}
