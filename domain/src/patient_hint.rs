//! Which patient a notification is about, in a few characters a doctor recognises in their list
//! (issue 18): the initials, the age at diagnosis and the sex, where the form has them. The server
//! adds it to the list rows of those who may open the notification anyway; nobody else gets it.

use serde::{Deserialize, Serialize};

use crate::forms::{Answer, Answers};
use crate::i18n::Lang;

/// The hint: each part as the form has it, `None` where it has not.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PatientHint {
    /// The first character of each part of the name's reading (フリガナ), or of the name without one:
    /// 「ヤ・タ」.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initials: Option<String>,
    /// Age at diagnosis in years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    /// `male` or `female`, as the form's 性別.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
}

impl PatientHint {
    /// The hint of a notification's answers; `None` when the form has none of its parts (an animal
    /// report).
    pub fn of(answers: &Answers) -> Option<Self> {
        let one = |id: &str| match answers.get(id) {
            Some(Answer::One(text)) if !text.trim().is_empty() => Some(text.trim()),
            _ => None,
        };
        let hint = Self {
            initials: one("patient_name_kana").or_else(|| one("patient_name")).map(initials),
            age: one("patient_age").and_then(|age| age.parse().ok()),
            sex: one("patient_sex").map(str::to_owned),
        };
        (hint != Self::default()).then_some(hint)
    }

    /// 「ヤ・タ 6歳 女」; in English the age and sex only change ("ヤ・タ 6 y F").
    pub fn text(&self, lang: Lang) -> String {
        let age = self.age.map(|age| match lang {
            Lang::Ja => format!("{age}歳"),
            Lang::En => format!("{age} y"),
        });
        let sex = self.sex.as_deref().map(|sex| match (sex, lang) {
            ("male", Lang::Ja) => "男".to_owned(),
            ("female", Lang::Ja) => "女".to_owned(),
            ("male", Lang::En) => "M".to_owned(),
            ("female", Lang::En) => "F".to_owned(),
            (other, _) => other.to_owned(),
        });
        [self.initials.clone(), age, sex].into_iter().flatten().collect::<Vec<_>>().join(" ")
    }
}

/// 「ヤマダ タロウ」 → 「ヤ・タ」: the first character of each space-separated part.
fn initials(name: &str) -> String {
    name.split([' ', '\u{3000}'])
        .filter_map(|part| part.chars().next())
        .map(String::from)
        .collect::<Vec<_>>()
        .join("・")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs.iter().map(|(id, value)| ((*id).to_owned(), Answer::One((*value).to_owned()))).collect()
    }

    #[test]
    fn the_reading_gives_the_initials_with_age_and_sex() {
        let hint = PatientHint::of(&answers(&[
            ("patient_name", "山田 花子"),
            ("patient_name_kana", "ヤマダ　ハナコ"),
            ("patient_age", "6"),
            ("patient_sex", "female"),
        ]))
        .expect("a hint");
        assert_eq!(hint.text(Lang::Ja), "ヤ・ハ 6歳 女");
        assert_eq!(hint.text(Lang::En), "ヤ・ハ 6 y F");
    }

    #[test]
    fn without_a_reading_the_name_and_only_what_the_form_has() {
        let hint =
            PatientHint::of(&answers(&[("patient_name", "山田 太郎"), ("patient_sex", "male")])).expect("a hint");
        assert_eq!(hint.text(Lang::Ja), "山・太 男");
        assert_eq!(
            PatientHint::of(&answers(&[("patient_age", "40")])).map(|hint| hint.text(Lang::Ja)),
            Some("40歳".into())
        );
        // An animal report has no patient.
        assert_eq!(PatientHint::of(&answers(&[("animal_species", "monkey"), ("patient_name", " ")])), None);
    }
}
