//! The characters of JIS X 0201, JIS X 0208 and the kanji of JIS X 0213 (V-1, see `crate::text`) as a
//! bitmap that `build.rs` makes from the `japanese-codepoints` crate's tables: about 6 KB in the
//! browser app's wasm instead of the crate's 68 KB, and no hash set of 17,000 code points built at
//! the first check. The crate is a build (and test) dependency only.

include!(concat!(env!("OUT_DIR"), "/jis_table.rs"));

/// Whether `c` is in JIS X 0201, JIS X 0208 or among the kanji of JIS X 0213.
pub fn contains(c: char) -> bool {
    let code = u32::from(c);
    // Every code point / 64 fits (U+10FFFF / 64 = 0x43FF), so the conversion never fails.
    let Ok(block) = u16::try_from(code >> 6) else { return false };
    BLOCKS
        .binary_search(&block)
        .ok()
        .and_then(|index| BITS.get(index))
        .is_some_and(|bits| (bits >> (code & 63)) & 1 == 1)
}

#[cfg(test)]
mod tests {
    use japanese_codepoints::jisx0201::JisX0201;
    use japanese_codepoints::jisx0208::JisX0208;
    use japanese_codepoints::jisx0213kanji::JisX0213Kanji;

    use super::contains;

    #[test]
    fn the_bitmap_holds_exactly_the_crates_tables_for_every_code_point() {
        let tables =
            [JisX0201::cached().codepoints(), JisX0208::cached().codepoints(), JisX0213Kanji::cached().codepoints()];
        let mut usable = 0;
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let in_crate = tables.iter().any(|table| table.contains_char(c));
            assert_eq!(contains(c), in_crate, "U+{:04X}", u32::from(c));
            usable += usize::from(in_crate);
        }
        // A table that lost its data would agree with an empty bitmap: the crate's tables overlap
        // (JIS X 0208's kanji are JIS X 0213's levels 1 and 2), so their union is smaller than the sum.
        assert!(usable > 10_000, "{usable} usable characters");
    }
}
