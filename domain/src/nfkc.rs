//! The part of Unicode NFKC that todoke uses, from a table `build.rs` makes with the
//! `unicode-normalization` crate: every character of the Basic Multilingual Plane whose NFKC form is
//! text todoke accepts (ASCII and JIS X 0208/0213, see `crate::text`) — full-width and half-width
//! forms (Ｅ → E, ｱ → ア, `　` → ` `), enclosed and squared characters (① → 1, ㈱ → (株), ㍻ → 平成),
//! Roman numerals (Ⅲ → III) — and the sound marks that join the kana before them (ﾀﾞ → ダ). What it
//! leaves alone (other scripts, the supplementary planes, combining accents) no search or rule here
//! compares. About 10 KB in the browser app's wasm instead of the crate's 112 KB of tables; the crate
//! is a build (and test) dependency only, and the tests check the table against it.

include!(concat!(env!("OUT_DIR"), "/nfkc_table.rs"));

/// `text` in NFKC as far as the table knows it (see the module's documentation).
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        match fold_char(c) {
            Some(form) => form.chars().for_each(|f| push_joined(&mut folded, f)),
            None => push_joined(&mut folded, c),
        }
    }
    folded
}

/// The NFKC form of `c` when it differs from `c` and is text todoke accepts (a lone sound mark's is
/// the combining mark).
pub fn fold_char(c: char) -> Option<&'static str> {
    let key = u16::try_from(u32::from(c)).ok()?;
    let index = KEYS.binary_search(&key).ok()?;
    let start = index.checked_sub(1).and_then(|before| ENDS.get(before)).map_or(0, |&end| usize::from(end));
    FOLDED.get(start..usize::from(*ENDS.get(index)?))
}

/// Pushes `c`, joining a sound mark to the kana before it as NFKC does (カ + ゙ → ガ).
fn push_joined(folded: &mut String, c: char) {
    if !matches!(c, '\u{3099}' | '\u{309A}') {
        folded.push(c);
        return;
    }
    let before = folded.chars().next_back();
    let joined = before.and_then(|base| VOICED.iter().find(|&&(b, mark, _)| b == base && mark == c));
    match joined {
        Some(&(_, _, one)) => {
            folded.pop();
            folded.push(one);
        }
        None => folded.push(c),
    }
}

#[cfg(test)]
mod tests {
    use unicode_normalization::UnicodeNormalization;

    use super::*;

    fn nfkc(text: &str) -> String {
        text.nfkc().collect()
    }

    #[test]
    fn every_character_is_folded_as_nfkc_folds_it_or_left_alone() {
        let mut folded = 0;
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let ours = fold(&c.to_string());
            if ours != c.to_string() {
                assert_eq!(ours, nfkc(&c.to_string()), "U+{:04X}", u32::from(c));
                folded += 1;
            }
        }
        // An empty table would pass the loop.
        assert!(folded > 1_000, "{folded} characters folded");
    }

    #[test]
    fn widths_and_kana_are_folded_exactly_as_nfkc() {
        // The ideographic space, kana, full-width ASCII, half-width katakana and the half-width arrows
        // and shapes: what the disease search and フリガナ fold. (Of the same blocks, 〹 ⦅ ⦆ ￣ ￤ ￦
        // become characters todoke refuses, so the table leaves them.)
        let ranges =
            ['\u{3000}'..='\u{3000}', '\u{3040}'..='\u{30FF}', '\u{FF01}'..='\u{FF5E}', '\u{FF61}'..='\u{FF9F}'];
        for c in ranges.into_iter().flatten().chain("￠￡￢￥".chars()).chain('\u{FFE8}'..='\u{FFEE}') {
            assert_eq!(fold(&c.to_string()), nfkc(&c.to_string()), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn sound_marks_join_every_kana_as_nfkc_joins_them() {
        let kana = ('\u{3041}'..='\u{30FF}').chain('\u{FF66}'..='\u{FF9D}').chain(['㌀', '㍿', 'A']);
        for base in kana {
            for mark in ['\u{3099}', '\u{309A}', 'ﾞ', 'ﾟ', '゛'] {
                let text = format!("{base}{mark}{mark}");
                assert_eq!(fold(&text), nfkc(&text), "{text}");
            }
        }
        assert_eq!(fold("ﾀﾞｲｼﾞｮｳﾌﾞ ﾊﾟﾝ"), "ダイジョウブ パン");
    }

    #[test]
    fn the_table_leaves_out_what_todoke_does_not_accept() {
        assert_eq!(fold_char('ﺁ'), None, "Arabic presentation forms fold to Arabic");
        assert_eq!(fold_char('𝐀'), None, "outside the BMP");
        assert_eq!(fold_char('A'), None);
        assert_eq!(fold_char('①'), Some("1"));
    }
}
