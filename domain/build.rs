//! Writes two tables that keep large crates' data out of the browser app's wasm, each checked against
//! its source by a test:
//! - the V-1 character table (`src/jis.rs`) as a bitmap: the characters of JIS X 0201, JIS X 0208 and
//!   the kanji of JIS X 0213, read from the `japanese-codepoints` crate (68 KB of `u32` lists, and the
//!   hash sets it builds from them at first use);
//! - the NFKC fold (`src/nfkc.rs`): what `unicode-normalization` makes of each character of the Basic
//!   Multilingual Plane whose NFKC form is text todoke accepts (full-width and half-width forms, ①, ㈱,
//!   ㍻, Ⅲ), and which kana a voiced sound mark joins, instead of its 112 KB of tables.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use japanese_codepoints::jisx0201::JisX0201;
use japanese_codepoints::jisx0208::JisX0208;
use japanese_codepoints::jisx0213kanji::JisX0213Kanji;
use unicode_normalization::UnicodeNormalization;

/// The combining voiced and semi-voiced sound marks (゙ ゚), which NFKC joins to the kana before them.
const SOUND_MARKS: [char; 2] = ['\u{3099}', '\u{309A}'];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let (jisx0201, jisx0208, kanji) = (JisX0201::new(), JisX0208::new(), JisX0213Kanji::new());
    let tables = [jisx0201.codepoints(), jisx0208.codepoints(), kanji.codepoints()];
    let dir = PathBuf::from(std::env::var("OUT_DIR")?);
    std::fs::write(dir.join("jis_table.rs"), jis_bitmap(&tables)?)?;
    let accepted = |c: char| c.is_ascii_graphic() || c == ' ' || tables.iter().any(|table| table.contains_char(c));
    std::fs::write(dir.join("nfkc_table.rs"), nfkc_table(accepted)?)?;
    Ok(())
}

fn jis_bitmap(tables: &[&japanese_codepoints::CodePoints]) -> Result<String, Box<dyn std::error::Error>> {
    // Blocks of 64 code points (code point / 64) that hold at least one of the characters, and which.
    let mut blocks: BTreeMap<u16, u64> = BTreeMap::new();
    for code in tables.iter().flat_map(|table| table.iter()) {
        *blocks.entry(u16::try_from(code >> 6)?).or_default() |= 1u64 << (code & 63);
    }
    let mut out = String::new();
    writeln!(out, "/// The blocks of 64 code points (code point / 64) that hold usable characters, ascending.")?;
    writeln!(out, "const BLOCKS: [u16; {}] = {:?};", blocks.len(), blocks.keys().collect::<Vec<_>>())?;
    writeln!(out, "/// For each of `BLOCKS`, which of its 64 code points are usable (bit n: block * 64 + n).")?;
    writeln!(out, "const BITS: [u64; {}] = {:?};", blocks.len(), blocks.values().collect::<Vec<_>>())?;
    Ok(out)
}

/// The folds as three arrays: the characters (ascending), where each one's NFKC form ends in one
/// string of them all, and the kana that join a following sound mark.
fn nfkc_table(accepted: impl Fn(char) -> bool) -> Result<String, Box<dyn std::error::Error>> {
    let (mut keys, mut ends, mut folded) = (Vec::new(), Vec::new(), String::new());
    for c in (0..=0xFFFF).filter_map(char::from_u32) {
        let nfkc: String = std::iter::once(c).nfkc().collect();
        if nfkc != c.to_string() && nfkc.chars().all(|f| accepted(f) || SOUND_MARKS.contains(&f)) {
            folded.push_str(&nfkc);
            keys.push(u16::try_from(u32::from(c))?);
            ends.push(u16::try_from(folded.len())?);
        }
    }
    let mut voiced = Vec::new();
    for base in (0..=0xFFFF).filter_map(char::from_u32) {
        for mark in SOUND_MARKS {
            let mut joined = [base, mark].into_iter().nfc();
            if let (Some(one), None) = (joined.next(), joined.next()) {
                voiced.push((base, mark, one));
            }
        }
    }
    let mut out = String::new();
    writeln!(out, "/// The characters NFKC changes into accepted text, ascending (all in the BMP).")?;
    writeln!(out, "const KEYS: [u16; {}] = {keys:?};", keys.len())?;
    writeln!(
        out,
        "/// For each of `KEYS`, where its NFKC form ends in `FOLDED` (it starts where the one before ends)."
    )?;
    writeln!(out, "const ENDS: [u16; {}] = {ends:?};", ends.len())?;
    writeln!(out, "/// The NFKC forms of `KEYS`, one after the other.")?;
    writeln!(out, "const FOLDED: &str = {folded:?};")?;
    writeln!(out, "/// A kana, a sound mark after it, and the one character NFKC makes of them (カ ゙ → ガ).")?;
    writeln!(out, "const VOICED: [(char, char, char); {}] = {voiced:?};", voiced.len())?;
    Ok(out)
}
