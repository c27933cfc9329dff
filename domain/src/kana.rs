//! フリガナ: readings are written in katakana (with the long-vowel mark ー and spaces between family and
//! given names). One rule for the notification form's reading and an institution's 名称（カナ）, run by
//! the app as people type and again by the server.

use crate::nfkc;

/// Half-width katakana and full-width spaces made standard (NFKC: ｶﾅ → カナ, `　` → ` `), nothing else
/// changed: what is not katakana stays, to be named by [`not_katakana`].
pub fn normalize(text: &str) -> String {
    let mut normalized = String::new();
    let mut half_width = String::new();
    for c in text.trim().chars() {
        if is_half_width_kana(c) {
            half_width.push(c);
            continue;
        }
        // A run at a time, so that a voiced mark joins its kana (ﾀﾞ → ダ).
        normalized.push_str(&nfkc::fold(&half_width));
        half_width.clear();
        normalized.push(if c == '\u{3000}' { ' ' } else { c });
    }
    normalized.push_str(&nfkc::fold(&half_width));
    normalized
}

fn is_half_width_kana(c: char) -> bool {
    matches!(c, '\u{FF61}'..='\u{FF9F}')
}

/// Katakana (ァ–ヺ, ヽヾ), the long-vowel mark, the middle dot and spaces.
fn is_reading(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | '・' | 'ヽ' | 'ヾ' | ' ' | '\u{3000}')
}

/// Every character of `text` that is not part of a katakana reading, each once, in order of appearance.
pub fn not_katakana(text: &str) -> Vec<char> {
    let mut refused: Vec<char> = Vec::new();
    for c in normalize(text).chars() {
        if !is_reading(c) && !refused.contains(&c) {
            refused.push(c);
        }
    }
    refused
}

/// The refused characters named one by one: 「や」「ま」「だ」.
pub fn named(refused: &[char]) -> String {
    refused.iter().map(|&c| crate::text::describe(c)).collect()
}

/// The refusal naming each character: 「やまだ」 gets 「や」「ま」「だ」.
pub fn refusal_message(refused: &[char]) -> String {
    format!("{}はフリガナに使用できません。カタカナで入力してください。", named(refused))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn katakana_long_vowels_and_spaces_are_readings() {
        assert!(not_katakana("ヤマダ タロウ").is_empty());
        assert!(not_katakana("サトー　ヴィクトリア・ヱミ").is_empty());
        assert!(not_katakana("ﾔﾏﾀﾞ ﾀﾛｳ").is_empty(), "half-width katakana is katakana");
        assert_eq!(normalize(" ﾔﾏﾀﾞ　ﾀﾛｳ "), "ヤマダ タロウ");
    }

    #[test]
    fn anything_else_is_named_once_each() {
        assert_eq!(not_katakana("やまだ タロウ"), ['や', 'ま', 'だ']);
        assert_eq!(not_katakana("山田タロウ"), ['山', '田']);
        assert_eq!(not_katakana("YAMADA2"), ['Y', 'A', 'M', 'D', '2']);
        assert_eq!(
            refusal_message(&not_katakana("ヤマだ")),
            "「だ」はフリガナに使用できません。カタカナで入力してください。"
        );
    }
}
