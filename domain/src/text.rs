//! V-1 usable characters (利用規約 第20条): which characters a text answer may contain, and the first one
//! it may not, so that the message can name it (「①」は使用できません).
//!
//! Allowed:
//! - JIS X 0201 one-byte characters: ASCII printable (U+0020–U+007E; 0x5C and 0x7E are read as `\` and `~`,
//!   as browsers send them), `¥` and `‾`, and half-width katakana (`ｱ`, `ｰ`, `｡`).
//! - Every JIS X 0208 character: kana, `ー`, `、。`, full-width alphanumerics, Greek, Cyrillic, symbols,
//!   box drawing, and the level 1 and 2 kanji. Both Unicode mappings of 1-1-29 (`―` U+2015, `—` U+2014) and
//!   1-1-32 (`＼` U+FF3C, `\`) are accepted.
//! - The Windows (and JIS X 0213) form of JIS X 0208 symbols that Windows IMEs produce: `～` U+FF5E
//!   (besides `〜` U+301C), `－` U+FF0D (besides `−` U+2212), `∥` U+2225 (besides `‖`), `￠ ￡ ￢`.
//! - The kanji of JIS X 0213 levels 3 and 4 (Art. 20(2)), e.g. `𠮟`, `塡`, `﨑` (1-47-82, so `﨑` and `崎`
//!   are both accepted). `髙` is in no JIS standard (JIS X 0213 treats it as a glyph of `高`).
//!
//! Refused (環境依存文字):
//! - The non-kanji additions of JIS X 0213, among them its row 13, which took over the NEC special
//!   characters (`①`, `Ⅲ`, `㍻`, `㈱`, `㌔`): they are what the form guidance calls 環境依存文字.
//! - The IBM and NEC-selected IBM extensions of Windows-31J that no JIS standard has, e.g. `髙` (write `高`),
//!   `ⅰ`, `￤`, `＇`, `＂`.
//! - Everything else: other scripts, emoji, control characters (line breaks only in multi-line fields).

use crate::nfkc;

/// Code points outside the crate's tables that we accept: the second Unicode mapping of two JIS X 0208
/// cells, and the Windows-31J mappings of JIS X 0208 symbols (all of which JIS X 0213 also defines).
const EXTRA_ALLOWED: &[char] = &[
    '\\',       // ASCII 0x5C (JIS X 0201 has ¥ there; browsers send the backslash)
    '~',        // ASCII 0x7E (JIS X 0201 has ‾ there)
    '\u{2015}', // ― 1-1-29 (JIS mapping; the crate maps it to U+2014)
    '\u{FF3C}', // ＼ 1-1-32
    '\u{FF5E}', // ～ 1-1-33 as Windows maps it (WAVE DASH U+301C otherwise)
    '\u{FF0D}', // － 1-1-61 as Windows maps it (MINUS SIGN U+2212 otherwise)
    '\u{2225}', // ∥ 1-1-34 as Windows maps it (DOUBLE VERTICAL LINE U+2016 otherwise)
    '\u{FFE0}', // ￠ 1-1-81
    '\u{FFE1}', // ￡ 1-1-82
    '\u{FFE2}', // ￢ 1-2-44
];

/// Whether `c` may appear in a single-line text answer.
pub fn is_allowed(c: char) -> bool {
    EXTRA_ALLOWED.contains(&c) || crate::jis::contains(c)
}

/// The first character of `text` that may not be used, or `None` when all may. Line breaks (`\n`, `\r`)
/// count as usable only when `multiline` is set.
pub fn first_disallowed(text: &str, multiline: bool) -> Option<char> {
    text.chars().find(|&c| !(is_allowed(c) || (multiline && (c == '\n' || c == '\r'))))
}

/// The first control character of `text` that nothing todoke stores may hold: C0 and C1 controls and
/// DEL, but tab and line breaks (a field's own rule decides on those). Applied to every text the API
/// receives, before any field rule: U+0000 cannot even be stored in a PostgreSQL text column.
pub fn first_control(text: &str) -> Option<char> {
    text.chars().find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// How a refused character is named in a message: visible characters in 「」, invisible ones by code point.
pub fn describe(c: char) -> String {
    if c.is_control() || c.is_whitespace() || is_format_char(c) {
        format!("制御文字等（U+{:04X}）", u32::from(c))
    } else {
        format!("「{c}」")
    }
}

/// Invisible formatting characters (zero-width space, joiners, direction marks, BOM, variation selectors).
fn is_format_char(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}')
        || matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Every character of `text` that may not be used, each once, in the order they first appear: a message
/// naming only the first would send the user back once per character.
pub fn disallowed(text: &str, multiline: bool) -> Vec<char> {
    let mut refused: Vec<char> = Vec::new();
    for c in text.chars() {
        if !(is_allowed(c) || (multiline && (c == '\n' || c == '\r'))) && !refused.contains(&c) {
            refused.push(c);
        }
    }
    refused
}

/// Variant kanji outside every JIS standard whose standard form JIS X 0213 treats as the same
/// character (NFKC leaves them alone). A test checks each is refused and its replacement usable.
const STANDARD_KANJI: &[(char, char)] = &[('髙', '高')];

/// What to write instead of a refused character, when there is a standard form: 髙 → 高, ① → 1,
/// ㈱ → (株), Ⅲ → III (NFKC, used only when everything it gives is usable). Offered, never applied
/// silently: a name's spelling is the person's.
pub fn standard_form(c: char) -> Option<String> {
    if let Some((_, standard)) = STANDARD_KANJI.iter().find(|(variant, _)| *variant == c) {
        return Some(standard.to_string());
    }
    nfkc::fold_char(c).filter(|folded| folded.chars().all(is_allowed)).map(str::to_owned)
}

/// `text` with every refused character that has a standard form replaced by it, when there is at
/// least one such character: what the app offers as a correction.
pub fn with_standard_forms(text: &str) -> Option<String> {
    let mut changed = false;
    let replaced = text
        .chars()
        .map(|c| match (is_allowed(c), standard_form(c)) {
            (false, Some(standard)) => {
                changed = true;
                standard
            }
            _ => c.to_string(),
        })
        .collect();
    changed.then_some(replaced)
}

/// The message for refused characters, naming each and the standard form of those that have one, e.g.
/// `「髙」「①」は使用できません（環境依存文字等）。「髙」は「高」、「①」は「1」と書いてください。`
pub fn refusal_message(refused: &[char]) -> String {
    let named: String = refused.iter().map(|&c| describe(c)).collect();
    let suggestions: Vec<String> = refused
        .iter()
        .filter_map(|&c| standard_form(c).map(|standard| format!("{}は「{standard}」", describe(c))))
        .collect();
    if suggestions.is_empty() {
        format!("{named}は使用できません（環境依存文字等）。")
    } else {
        format!("{named}は使用できません（環境依存文字等）。{}と書いてください。", suggestions.join("、"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_but_tabs_and_line_breaks_pass() {
        assert_eq!(first_control("doctor\u{0}1"), Some('\u{0}'));
        assert_eq!(first_control("a\u{1B}[31m"), Some('\u{1B}'));
        assert_eq!(first_control("\u{7F}"), Some('\u{7F}'));
        assert_eq!(first_control("\u{85}"), Some('\u{85}'), "C1 (NEL)");
        assert_eq!(first_control("一行目\r\n二行目\tタブ"), None);
        assert_eq!(first_control("①髙😀"), None, "V-1 decides on these, not this rule");
    }

    #[test]
    fn environment_dependent_characters_are_named() {
        assert_eq!(first_disallowed("株式会社㈱テスト", false), Some('㈱'));
        assert_eq!(refusal_message(&['①']), "「①」は使用できません（環境依存文字等）。「①」は「1」と書いてください。");
        assert_eq!(refusal_message(&['😀']), "「😀」は使用できません（環境依存文字等）。");
        assert_eq!(describe('\u{7}'), "制御文字等（U+0007）");
    }

    #[test]
    fn every_refused_character_is_named_once_with_its_standard_form() {
        assert_eq!(disallowed("髙橋①丁目①番地😀", false), ['髙', '①', '😀']);
        assert_eq!(
            refusal_message(&disallowed("髙橋①丁目①番地😀", false)),
            "「髙」「①」「😀」は使用できません（環境依存文字等）。「髙」は「高」、「①」は「1」と書いてください。"
        );
        assert!(disallowed("高橋一丁目", false).is_empty());
    }

    #[test]
    fn standard_forms_are_offered_only_when_usable() {
        assert_eq!(standard_form('㈱').as_deref(), Some("(株)"));
        assert_eq!(standard_form('Ⅲ').as_deref(), Some("III"));
        assert_eq!(standard_form('😀'), None);
        assert_eq!(with_standard_forms("髙橋①").as_deref(), Some("高橋1"));
        assert_eq!(with_standard_forms("高橋"), None);
        for (variant, standard) in STANDARD_KANJI {
            assert!(!is_allowed(*variant), "{variant} is refused");
            assert!(is_allowed(*standard), "{standard} is usable");
        }
    }

    #[test]
    fn standard_forms_are_the_nfkc_forms_that_are_usable_for_every_character_of_the_bmp() {
        use unicode_normalization::UnicodeNormalization;
        for c in ('\0'..='\u{FFFF}').filter(|c| !STANDARD_KANJI.iter().any(|(variant, _)| variant == c)) {
            let folded: String = std::iter::once(c).nfkc().collect();
            let usable = folded != c.to_string() && !folded.is_empty() && folded.chars().all(is_allowed);
            assert_eq!(standard_form(c), usable.then_some(folded), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn line_breaks_only_in_multiline_text() {
        assert_eq!(first_disallowed("一行目\n二行目", false), Some('\n'));
        assert_eq!(first_disallowed("一行目\r\n二行目", true), None);
        assert_eq!(first_disallowed("タブ\tは不可", true), Some('\t'));
    }
}
