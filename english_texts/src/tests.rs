use std::path::{Path, PathBuf};

use domain::diseases::CATALOG;
use domain::error::{ErrorCode, FieldErrorCode};
use domain::forms::FieldKind;
use domain::i18n::{EnglishTable, Lang, Text};
use domain::sentinel::catalog::FORMS;
use strum::IntoEnumIterator;

use super::*;

fn found(files: &[(&str, &str)]) -> Result<Vec<(String, String)>, Error> {
    let files: Vec<(PathBuf, String)> =
        files.iter().map(|(path, source)| (PathBuf::from(path), source.to_string())).collect();
    texts(&files)
}

fn pairs(texts: &[(&str, &str)]) -> Vec<(String, String)> {
    texts.iter().map(|(ja, en)| (ja.to_string(), en.to_string())).collect()
}

#[test]
fn a_text_is_found_in_constants_functions_and_macro_bodies() {
    let source = r#"
        pub const LOGIN: Text = Text::new("ログイン", "Log in");
        fn help() -> Text { domain::i18n::Text::new("ヘルプ", r"Help") }
        macro_rules! section { () => { Section { title: $crate::i18n::Text::new("症状", "Symptoms") } } }
    "#;
    assert_eq!(
        found(&[("app/src/i18n.rs", source)]).unwrap(),
        pairs(&[("ログイン", "Log in"), ("ヘルプ", "Help"), ("症状", "Symptoms")])
    );
}

#[test]
fn the_calls_of_a_forwarder_in_its_folder_are_texts() {
    let common = r#"
        pub(super) const fn option(value: &'static str, ja: &'static str, en: &'static str) -> ChoiceOption {
            ChoiceOption { value, label: Text::new(ja, en) }
        }
        pub(super) const fn integer(id: &'static str, labels: (&'static str, &'static str), required: bool) -> Field {
            field(id, labels.0, labels.1, required)
        }
        const fn field(id: &'static str, ja: &'static str, en: &'static str, required: bool) -> Field {
            Field { id, label: Text::new(ja, en), required }
        }
    "#;
    let form = r#"
        const YES: ChoiceOption = common::option("yes", "はい", "Yes");
        const AGE: Field = integer("age", ("年齢", "Age"), true);
        fn other() { list.option("no", "いいえ", "No"); }
    "#;
    let elsewhere = r#"fn f() { option("a", "よそ", "Elsewhere") }"#;
    let files =
        [("domain/src/forms/common.rs", common), ("domain/src/forms/class1.rs", form), ("app/src/x.rs", elsewhere)];
    assert_eq!(found(&files).unwrap(), pairs(&[("はい", "Yes"), ("年齢", "Age")]));
}

#[test]
fn a_text_whose_english_is_not_a_literal_stops_the_build() {
    let source = r#"const A: Text = Text::new("ログイン", LOG_IN);"#;
    let Err(Error::Unreadable { file, call }) = found(&[("app/src/i18n.rs", source)]) else { panic!("read") };
    assert_eq!((file.as_path(), call.as_str()), (Path::new("app/src/i18n.rs"), "new(\"ログイン\", LOG_IN)"));
}

#[test]
fn two_english_texts_for_one_japanese_stop_the_build() {
    let root = std::env::temp_dir().join(format!("english-texts-{}", std::process::id()));
    std::fs::create_dir_all(&root).unwrap();
    let source = r#"const A: Text = Text::new("状態", "State"); const B: Text = Text::new("状態", "Status");"#;
    std::fs::write(root.join("a.rs"), source).unwrap();
    let refused = table(&[root.as_path()]);
    std::fs::remove_dir_all(&root).unwrap();
    assert!(matches!(refused, Err(Error::Table(TableError::TwoEnglish { .. }))), "{refused:?}");
}

/// The table of the app's real sources, as the build writes it.
fn real_table() -> EnglishTable {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let file = table(&[&root.join("app/src"), &root.join("domain/src")]).unwrap();
    EnglishTable::parse(file.leak())
}

fn missing(table: &EnglishTable, texts: impl Iterator<Item = Text>) -> Vec<Text> {
    texts.filter(|text| table.find(text.ja) != Some(text.get(Lang::En))).collect()
}

#[test]
fn every_disease_name_form_label_and_choice_has_its_english() {
    let table = real_table();
    let forms = CATALOG.iter().flat_map(|disease| disease.form.definition().sections);
    let fields = forms.clone().flat_map(|section| section.fields);
    let options = fields.clone().flat_map(|field| match field.kind {
        FieldKind::Choice { options } | FieldKind::MultiChoice { options } => options,
        _ => &[],
    });
    let texts = CATALOG
        .iter()
        .flat_map(|disease| [disease.name, disease.category.name()])
        .chain(forms.map(|section| section.title))
        .chain(fields.map(|field| field.label))
        .chain(options.map(|option| option.label));
    assert_eq!(missing(&table, texts), []);
}

#[test]
fn every_sentinel_form_disease_and_age_band_has_its_english() {
    let table = real_table();
    let versions = FORMS.iter().flat_map(|form| form.versions);
    let texts = FORMS
        .iter()
        .map(|form| form.name)
        .chain(versions.clone().flat_map(|version| version.diseases.iter().map(|disease| disease.name)))
        .chain(versions.clone().flat_map(|version| version.age_bands.iter().map(|band| band.name)))
        .chain(versions.flat_map(|version| version.care_items.iter().map(|item| item.name)));
    assert_eq!(missing(&table, texts), []);
}

#[test]
fn every_error_message_has_its_english() {
    let table = real_table();
    let messages = ErrorCode::iter()
        .map(|code| (code.message(Lang::Ja), code.message(Lang::En)))
        .chain(FieldErrorCode::iter().map(|code| (code.message(Lang::Ja), code.message(Lang::En))));
    let missing: Vec<_> = messages.filter(|(ja, en)| table.find(ja) != Some(en)).collect();
    assert_eq!(missing, []);
}
