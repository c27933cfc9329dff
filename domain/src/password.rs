//! The password rules of SPEC L-3, as one pure function the browser (live checklist) and the server (refusal) share.
//! Each rule has a stable code; the caller supplies the user ID and the current password as context.
//!
//! # The rules
//! A password is acceptable when it meets every [`PasswordRule`]:
//! 8–30 characters; only `a–z`, `A–Z`, digits and the symbols [`SYMBOLS`]; at least three of the four classes
//! (lowercase, uppercase, digit, symbol); no character three or more times in a row; not the user ID; not the
//! current password; not in the list of common passwords. Passwords are case-sensitive.
//!
//! # Documented deviations and decisions
//! - **Composition rules, the 30-character maximum**: contractual (NESID's rules), although NIST SP 800-63B and
//!   OWASP ASVS advise against composition rules and allow 64+ characters. Enforced as written; recorded in the
//!   project's security notes.
//! - **Digit 0**: the reference lists digits as 1–9. todoke accepts `0` as a digit (it counts toward the digit
//!   class): refusing it would surprise users, and removing one character from the alphabet adds no security.
//! - **Yen sign ¥**: the symbol list contains `¥` (U+00A5 YEN SIGN). On Japanese keyboards and in Japanese fonts the
//!   key marked ¥ types U+005C (shown as `\` elsewhere), while some devices (a Mac's JIS keyboard, iPad) type U+00A5.
//!   Both are accepted and treated as the same symbol: for the repeated-character rule, and when comparing with the
//!   user ID, the current password or the common list. [`normalize`] gives the form to hash and compare, so a
//!   password set on one device also works from the other.
//! - **User ID**: compared ignoring ASCII case — a password that differs from the user ID only in case is no
//!   secret. The current password is compared case-sensitively, as passwords are.
//! - **Common passwords** (ASVS asks to refuse at least the top 3,000): `common_passwords.txt` is derived from the
//!   20,000-entry list Django ships (`django/contrib/auth/common-passwords.txt.gz`, BSD-3-Clause, itself from Royce
//!   Williams' list). Compared ignoring ASCII case. It keeps only the 4,880 entries that a password meeting every
//!   other rule could match; every other entry of the 20,000 is already refused by another rule. So
//!   [`PasswordRule::TooCommon`] appears only for those 4,880 (e.g. `password1`, `p@ssw0rd`), while `password` is
//!   refused as [`PasswordRule::CharacterClasses`].
//! - **Where the list is checked**: only where the `common-passwords` feature (a default) compiles the list in, which
//!   the server does and the browser app does not (48 KB of a phone's first download for one rule). The app's live
//!   checklist therefore shows [`PasswordRule::TooCommon`] as met until the server's refusal
//!   (`password_rejected` with `password_rules`) names it, as it does for a current password it cannot know.

use std::borrow::Cow;
#[cfg(feature = "common-passwords")]
use std::collections::HashSet;
#[cfg(feature = "common-passwords")]
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Text};

/// Shortest acceptable password, in characters.
pub const MIN_LENGTH: usize = 8;
/// Longest acceptable password, in characters.
pub const MAX_LENGTH: usize = 30;

/// The symbols L-3 allows, as listed there. `\` (U+005C) is accepted too, as the same symbol as `¥`.
pub const SYMBOLS: &str = "@#$%^&*-!+=[]{}|¥:',.?/`~\"();";

/// The yen sign as the symbol list writes it (U+00A5).
const YEN_SIGN: char = '\u{a5}';
/// What the ¥ key types on Japanese keyboards (U+005C), and the form [`normalize`] uses.
const BACKSLASH: char = '\\';

/// The common passwords, lowercase, one per line; lines starting with "# " are comments (no entry has a space).
#[cfg(feature = "common-passwords")]
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

/// One rule of L-3. Stable codes (snake_case in JSON): never rename a variant, clients match on the string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PasswordRule {
    /// 8 to 30 characters.
    Length,
    /// Only letters a–z and A–Z, digits and [`SYMBOLS`] (and `\` as ¥).
    AllowedCharacters,
    /// At least three of: lowercase letter, uppercase letter, digit, symbol.
    CharacterClasses,
    /// No character three or more times in a row.
    RepeatedCharacter,
    /// Not the user ID (ignoring ASCII case).
    SameAsUserId,
    /// Not the current password.
    SameAsCurrent,
    /// Not one of the common passwords (ignoring ASCII case).
    TooCommon,
}

/// Every rule, in the order [`check`] reports them: for a checklist shown while the user types.
pub const ALL_RULES: &[PasswordRule] = &[
    PasswordRule::Length,
    PasswordRule::AllowedCharacters,
    PasswordRule::CharacterClasses,
    PasswordRule::RepeatedCharacter,
    PasswordRule::SameAsUserId,
    PasswordRule::SameAsCurrent,
    PasswordRule::TooCommon,
];

impl PasswordRule {
    /// The rule as an instruction the user must meet (shown live, so phrased positively, not as an error).
    pub fn message(self, lang: Lang) -> &'static str {
        self.text().get(lang)
    }

    fn text(self) -> Text {
        match self {
            Self::Length => Text::new(
                "8文字以上30文字以内で入力してください。",
                "Use 8 to 30 characters.",
            ),
            Self::AllowedCharacters => Text::new(
                "半角英字（a～z、A～Z）、半角数字、記号 @ # $ % ^ & * - ! + = [ ] { } | ¥ : ' , . ? / ` ~ \" ( ) ; のみ使用してください。",
                "Use only letters a–z and A–Z, digits, and the symbols @ # $ % ^ & * - ! + = [ ] { } | ¥ : ' , . ? / ` ~ \" ( ) ;",
            ),
            Self::CharacterClasses => Text::new(
                "英小文字・英大文字・数字・記号のうち3種類以上を含めてください。",
                "Include at least three of: lowercase letters, uppercase letters, digits, symbols.",
            ),
            Self::RepeatedCharacter => Text::new(
                "同じ文字を3つ以上続けないでください。",
                "Do not use the same character three or more times in a row.",
            ),
            Self::SameAsUserId => Text::new(
                "ユーザIDとは異なるものにしてください。",
                "Use something other than your user ID.",
            ),
            Self::SameAsCurrent => Text::new(
                "現在のパスワードとは異なるものにしてください。",
                "Use something other than your current password.",
            ),
            Self::TooCommon => Text::new(
                "よく使われているパスワードは使用できません。推測されにくいものにしてください。",
                "Do not use a commonly used password; choose one that is hard to guess.",
            ),
        }
    }
}

/// What a new password is checked against besides itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PasswordContext<'a> {
    /// The account's user ID. Empty means unknown: the rule is then not checked.
    pub user_id: &'a str,
    /// The password being replaced; `None` when there is none (a first password set by an administrator).
    pub current_password: Option<&'a str>,
}

/// Every rule `password` does not meet, in the order of [`ALL_RULES`], each at most once. Empty: acceptable
/// (without the `common-passwords` feature: except perhaps [`PasswordRule::TooCommon`], not checked).
pub fn check(password: &str, context: &PasswordContext<'_>) -> Vec<PasswordRule> {
    let mut unmet = Vec::new();
    let normalized = normalize(password);
    let length = password.chars().count();
    if !(MIN_LENGTH..=MAX_LENGTH).contains(&length) {
        unmet.push(PasswordRule::Length);
    }
    if !password.chars().all(is_allowed) {
        unmet.push(PasswordRule::AllowedCharacters);
    }
    if class_count(password) < 3 {
        unmet.push(PasswordRule::CharacterClasses);
    }
    if has_triple_run(&normalized) {
        unmet.push(PasswordRule::RepeatedCharacter);
    }
    if !context.user_id.is_empty() && normalized.eq_ignore_ascii_case(&normalize(context.user_id)) {
        unmet.push(PasswordRule::SameAsUserId);
    }
    if context.current_password.is_some_and(|current| normalized == normalize(current)) {
        unmet.push(PasswordRule::SameAsCurrent);
    }
    #[cfg(feature = "common-passwords")]
    if is_common(&normalized) {
        unmet.push(PasswordRule::TooCommon);
    }
    unmet
}

/// The characters of `password` that are not allowed, each once, in order of first appearance: for an error that
/// names them ("「あ」は使用できません").
pub fn disallowed_characters(password: &str) -> Vec<char> {
    let mut found: Vec<char> = Vec::new();
    for c in password.chars().filter(|&c| !is_allowed(c)) {
        if !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

/// The form of a password to hash and compare: every ¥ (U+00A5) replaced by `\` (U+005C), the character the ¥ key
/// types on Japanese keyboards. Borrowed (no copy) when there is no U+00A5.
pub fn normalize(password: &str) -> Cow<'_, str> {
    if password.contains(YEN_SIGN) {
        Cow::Owned(password.replace(YEN_SIGN, "\\"))
    } else {
        Cow::Borrowed(password)
    }
}

/// The four character classes of L-3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Lower,
    Upper,
    Digit,
    Symbol,
}

fn class_of(c: char) -> Option<CharClass> {
    if c.is_ascii_lowercase() {
        Some(CharClass::Lower)
    } else if c.is_ascii_uppercase() {
        Some(CharClass::Upper)
    } else if c.is_ascii_digit() {
        // 0–9: digit 0 is accepted, a documented deviation from the reference's 1–9.
        Some(CharClass::Digit)
    } else if c == BACKSLASH || SYMBOLS.contains(c) {
        Some(CharClass::Symbol)
    } else {
        None
    }
}

fn is_allowed(c: char) -> bool {
    class_of(c).is_some()
}

/// How many of the four classes occur among the allowed characters of `password`.
fn class_count(password: &str) -> usize {
    let mut seen = [false; 4];
    for class in password.chars().filter_map(class_of) {
        seen[class as usize] = true;
    }
    seen.iter().filter(|&&s| s).count()
}

/// Whether some character occurs three or more times in a row (case-sensitive: "aAa" is no run).
fn has_triple_run(password: &str) -> bool {
    let chars: Vec<char> = password.chars().collect();
    chars.windows(3).any(|w| w[0] == w[1] && w[1] == w[2])
}

/// Whether the normalized password is in the common list, ignoring ASCII case (the entries are
/// lowercase). The list is read into a set once: a bulk issuance checks 10,000 passwords.
#[cfg(feature = "common-passwords")]
fn is_common(normalized: &str) -> bool {
    static COMMON: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let common = COMMON.get_or_init(|| COMMON_PASSWORDS.lines().filter(|line| !line.starts_with("# ")).collect());
    let length = normalized.chars().count();
    (MIN_LENGTH..=MAX_LENGTH).contains(&length) && common.contains(normalized.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "common-passwords")]
    #[test]
    fn the_common_list_is_lowercase_normalized_and_of_allowed_length_and_characters() {
        let entries: Vec<&str> = COMMON_PASSWORDS.lines().filter(|line| !line.starts_with("# ")).collect();
        assert!(entries.len() >= 3_000, "only {} common passwords", entries.len());
        for entry in entries {
            assert_eq!(entry, entry.to_ascii_lowercase(), "not lowercase: {entry:?}");
            assert_eq!(normalize(entry), entry, "contains U+00A5: {entry:?}");
            let length = entry.chars().count();
            assert!((MIN_LENGTH..=MAX_LENGTH).contains(&length), "{entry:?}");
            assert!(entry.chars().all(is_allowed), "{entry:?}");
        }
    }

    #[cfg(feature = "common-passwords")]
    #[test]
    fn the_list_is_within_the_size_budget() {
        assert!(COMMON_PASSWORDS.len() < 60_000);
    }

    #[test]
    fn classes_are_counted_once_each() {
        assert_eq!(class_count("aaaaaaaa"), 1);
        assert_eq!(class_count("aA"), 2);
        assert_eq!(class_count("aA0"), 3);
        assert_eq!(class_count("aA0¥"), 4);
        assert_eq!(class_count("aA0\\"), 4);
        assert_eq!(class_count("あいう"), 0);
    }

    #[test]
    fn runs_are_case_sensitive() {
        assert!(has_triple_run("xaaax"));
        assert!(!has_triple_run("xaAax"));
        assert!(!has_triple_run("aabbaa"));
    }
}
