//! The two display languages and bilingual text: Japanese is the default, English is available.
//! Without the `en` feature (the browser app) a text holds its Japanese only, and its English comes
//! from the table the build writes (`i18n/en.txt`, the english_texts crate), installed once fetched.

#[cfg(not(feature = "en"))]
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// A display language of the UI and of error messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

/// A fixed text in both languages; without the `en` feature, its Japanese, the key of its English in
/// the [`EnglishTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Text {
    pub ja: &'static str,
    #[cfg(feature = "en")]
    pub en: &'static str,
}

impl Text {
    /// Both languages, written side by side in the sources; without the `en` feature the English is
    /// dropped here (a constant's at compile time), so that it is not in the app's wasm.
    #[cfg_attr(not(feature = "en"), allow(unused_variables))]
    pub const fn new(ja: &'static str, en: &'static str) -> Self {
        Self {
            ja,
            #[cfg(feature = "en")]
            en,
        }
    }

    /// The text in `lang`; without the `en` feature, English from the installed table, Japanese while
    /// there is none (never a blank).
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.ja,
            Lang::En => self.english(),
        }
    }

    #[cfg(feature = "en")]
    fn english(&self) -> &'static str {
        self.en
    }

    #[cfg(not(feature = "en"))]
    fn english(&self) -> &'static str {
        ENGLISH.get().and_then(|table| table.find(self.ja)).unwrap_or(self.ja)
    }
}

/// The English of every text, keyed by its Japanese: one line per text, `ja` TAB `en`, sorted by the
/// Japanese's bytes, so that a lookup is a binary search (std's HashMap would cost the wasm more).
#[derive(Debug, Default)]
pub struct EnglishTable(Vec<(&'static str, &'static str)>);

/// Why texts cannot be written as an [`EnglishTable`].
#[derive(Debug, PartialEq, Eq)]
pub enum TableError {
    /// A text holds a tab or a line break, which the table's lines cannot carry.
    Unwritable(String),
    /// Two texts share their Japanese but not their English: the table could give only one of them.
    TwoEnglish { ja: String, first: String, second: String },
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unwritable(text) => write!(f, "a text holds a tab or a line break: {text:?}"),
            Self::TwoEnglish { ja, first, second } => {
                write!(f, "{ja:?} has two English texts: {first:?} and {second:?}")
            }
        }
    }
}

impl std::error::Error for TableError {}

impl EnglishTable {
    /// The table's file as written by [`EnglishTable::write`]; a line without a tab is skipped.
    pub fn parse(file: &'static str) -> Self {
        Self(file.lines().filter_map(|line| line.split_once('\t')).collect())
    }

    /// The file of these texts (Japanese, English): sorted, each pair once.
    pub fn write(mut texts: Vec<(&str, &str)>) -> Result<String, TableError> {
        if let Some(text) = texts.iter().flat_map(|(ja, en)| [ja, en]).find(|text| text.contains(['\t', '\n', '\r'])) {
            return Err(TableError::Unwritable(text.to_string()));
        }
        texts.sort_unstable();
        texts.dedup();
        if let Some(pair) = texts.windows(2).find(|pair| pair[0].0 == pair[1].0) {
            let [(ja, first), (_, second)] = [pair[0], pair[1]].map(|(ja, en)| (ja.to_owned(), en.to_owned()));
            return Err(TableError::TwoEnglish { ja, first, second });
        }
        Ok(texts.iter().map(|(ja, en)| format!("{ja}\t{en}\n")).collect())
    }

    /// The English of the text whose Japanese is `ja`.
    pub fn find(&self, ja: &str) -> Option<&'static str> {
        self.0.binary_search_by(|(key, _)| (*key).cmp(ja)).ok().map(|found| self.0[found].1)
    }
}

#[cfg(not(feature = "en"))]
static ENGLISH: OnceLock<EnglishTable> = OnceLock::new();

/// Whether [`Text::get`] has English to give: always with the `en` feature, else once a table is
/// installed.
#[cfg(feature = "en")]
pub fn has_english() -> bool {
    true
}

#[cfg(not(feature = "en"))]
pub fn has_english() -> bool {
    ENGLISH.get().is_some()
}

/// Makes `table` the English of every [`Text`] from now on (the first table installed stays).
#[cfg(not(feature = "en"))]
pub fn install_english(table: EnglishTable) {
    let _ = ENGLISH.set(table);
}

/// With the `en` feature every text holds its English already: [`has_english`] is always true, so
/// the app (whose tests take this feature) never asks for a table to install.
#[cfg(feature = "en")]
pub fn install_english(_table: EnglishTable) {}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXTS: [(&str, &str); 3] = [("ログイン", "Log in"), ("English", "日本語"), ("パスワード", "Password")];

    fn table() -> EnglishTable {
        let file = EnglishTable::write([TEXTS, TEXTS].concat()).unwrap();
        EnglishTable::parse(file.leak())
    }

    #[test]
    fn every_text_written_is_found_by_its_japanese() {
        let table = table();
        for (ja, en) in TEXTS {
            assert_eq!(table.find(ja), Some(en), "{ja}");
        }
        assert_eq!(table.0.len(), TEXTS.len(), "each pair once");
    }

    #[test]
    fn a_japanese_not_in_the_table_has_no_english() {
        let table = table();
        assert_eq!(table.find("ログアウト"), None);
        assert_eq!(table.find(""), None);
        assert_eq!(EnglishTable::default().find("ログイン"), None);
    }

    #[test]
    fn two_english_for_one_japanese_are_refused() {
        let texts = vec![("状態", "State"), ("内容", "Problem"), ("状態", "Status")];
        assert_eq!(
            EnglishTable::write(texts),
            Err(TableError::TwoEnglish { ja: "状態".into(), first: "State".into(), second: "Status".into() })
        );
    }

    #[test]
    fn a_text_the_lines_cannot_carry_is_refused() {
        assert_eq!(
            EnglishTable::write(vec![("一行目\n二行目", "Two lines")]),
            Err(TableError::Unwritable("一行目\n二行目".into()))
        );
        assert_eq!(EnglishTable::write(vec![("タブ", "a\ttab")]), Err(TableError::Unwritable("a\ttab".into())));
    }

    #[test]
    fn a_line_without_a_tab_is_skipped() {
        let table = EnglishTable::parse("いいえ\tNo\nbroken line\nはい\tYes\n");
        assert_eq!((table.find("いいえ"), table.find("はい")), (Some("No"), Some("Yes")));
    }
}
