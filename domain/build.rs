//! Writes the V-1 character table (`src/jis.rs`) as a bitmap: the characters of JIS X 0201, JIS X 0208
//! and the kanji of JIS X 0213, read from the `japanese-codepoints` crate here at build time, so that
//! the crate's 68 KB of `u32` lists (and the hash sets it builds from them at first use) stay out of
//! the browser app's wasm. A test in `src/jis.rs` checks the bitmap against the crate for every code
//! point.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use japanese_codepoints::jisx0201::JisX0201;
use japanese_codepoints::jisx0208::JisX0208;
use japanese_codepoints::jisx0213kanji::JisX0213Kanji;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let (jisx0201, jisx0208, kanji) = (JisX0201::new(), JisX0208::new(), JisX0213Kanji::new());
    let tables = [jisx0201.codepoints(), jisx0208.codepoints(), kanji.codepoints()];
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
    let dir = PathBuf::from(std::env::var("OUT_DIR")?);
    std::fs::write(dir.join("jis_table.rs"), out)?;
    Ok(())
}
