//! Notification forms as data (N-2): the app renders them, the server validates against the same
//! definition (see `crate::validation`), so the two can never disagree about a field.

pub mod animal;
mod changes;
pub mod class1;
pub mod class2;
pub mod class3;
pub mod class4;
pub mod class5;
pub mod common;
pub mod ehec;
pub mod encephalitis;
mod families;
pub mod hiv_aids;
pub mod invasive;
pub mod measles;
pub mod pandemic;
pub mod pertussis;
pub mod rubella;
pub mod symptoms;
pub mod syphilis;
pub mod tuberculosis;

pub use changes::AnswerChange;
pub use families::{animal_form, ChronicForm, Class1To3Form, Class4Form, Class5Form, FormRef, VaccinePreventableForm};

use std::collections::BTreeMap;
use std::fmt;

use serde::de::value::SeqAccessDeserializer;
use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::i18n::Text;

/// The answers of one form, keyed by field id. A BTreeMap keeps the JSON canonical (sorted keys),
/// which the server relies on to recognise a resubmission of the same content.
pub type Answers = BTreeMap<String, Answer>;

/// One field's answer: a single value (text, ISO date, number, choice) or the values of a multi-choice.
/// In JSON a string or a list of strings (`untagged`; read by hand, below).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum Answer {
    One(String),
    Many(Vec<String>),
}

/// The JSON of `#[serde(untagged)]`, read by what it is instead of buffering each answer in serde's
/// `Content` to try one variant and then the other: a fraction of the code in the browser app, which
/// reads answers from every draft and outbox item (issue 17).
impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnswerVisitor)
    }
}

struct AnswerVisitor;

impl<'de> Visitor<'de> for AnswerVisitor {
    type Value = Answer;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string or a list of strings")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Answer, E> {
        Ok(Answer::One(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Answer, E> {
        Ok(Answer::One(text))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, values: A) -> Result<Answer, A::Error> {
        Vec::deserialize(SeqAccessDeserializer::new(values)).map(Answer::Many)
    }
}

#[derive(Debug, Serialize)]
pub struct FormDefinition {
    pub sections: &'static [Section],
    /// Rules that relate several fields (date order, age against birth date).
    pub rules: &'static [FormRule],
}

impl FormDefinition {
    pub fn fields(&self) -> impl Iterator<Item = &'static Field> + '_ {
        self.sections.iter().flat_map(|section| section.fields.iter())
    }

    pub fn field(&self, id: &str) -> Option<&'static Field> {
        self.fields().find(|field| field.id == id)
    }
}

#[derive(Debug, Serialize)]
pub struct Section {
    pub title: Text,
    pub fields: &'static [Field],
}

impl Section {
    /// No item of the section is ever required (the guardian of a minor, the doctor's remarks): the
    /// form may fold it away until the doctor opens it.
    pub fn is_optional(&self) -> bool {
        self.fields.iter().all(|field| !field.required)
    }
}

#[derive(Debug, Serialize)]
pub struct Field {
    pub id: &'static str,
    pub label: Text,
    pub kind: FieldKind,
    /// Required whenever the field is shown.
    pub required: bool,
    /// The field applies only when another field has a given answer (e.g. death date when died).
    pub shown_when: Option<Condition>,
}

/// When a field applies, from another field's answer. The original form, `field` has the single answer
/// `equals`, is `test: ConditionTest::Equals`; the other tests were added later, so a reader that only knows
/// `field` and `equals` must check `test` too.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Condition {
    pub field: &'static str,
    /// The value compared with: the answer for `Equals` and `NotEquals`, the option for `Includes`;
    /// unused (empty) for `Below`.
    pub equals: &'static str,
    pub test: ConditionTest,
}

/// How [`Condition::field`]'s answer is tested.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionTest {
    /// The single answer is `equals` (e.g. death date when the outcome is death).
    #[default]
    Equals,
    /// The single answer is present and is not `equals`, or the field is unanswered (e.g. symptoms unless
    /// the case is an asymptomatic carrier).
    NotEquals,
    /// The multi-choice answer contains `equals` (e.g. a free-text "other" beside a checklist).
    Includes,
    /// The answer is a whole number below this one (e.g. guardian when the patient's age is under 18).
    Below(i64),
}

impl Condition {
    /// Whether the condition holds for these answers.
    pub fn holds(&self, answers: &Answers) -> bool {
        let answer = answers.get(self.field);
        match self.test {
            ConditionTest::Equals => {
                matches!(answer, Some(Answer::One(value)) if value == self.equals)
            }
            ConditionTest::NotEquals => match answer {
                Some(Answer::One(value)) => value != self.equals,
                Some(Answer::Many(_)) => false,
                None => true,
            },
            ConditionTest::Includes => {
                matches!(answer, Some(Answer::Many(values)) if values.iter().any(|v| v == self.equals))
            }
            ConditionTest::Below(limit) => matches!(
                answer,
                Some(Answer::One(value)) if value.trim().parse::<i64>().is_ok_and(|n| n < limit)
            ),
        }
    }
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    /// Free text in the characters of V-1 (see `crate::text`).
    Text {
        max_chars: usize,
        /// Line breaks allowed (render as a text area).
        multiline: bool,
    },
    /// A フリガナ: katakana, ー and spaces only (see `crate::kana`); half-width katakana is made full-width.
    Kana {
        max_chars: usize,
    },
    /// An ISO date, `YYYY-MM-DD`, not in the future. People may type era forms (`令和7年5月1日`):
    /// `normalize_answers` turns them into ISO before validation.
    Date,
    /// A Japanese phone number (V-2, see `crate::phone`), stored as digits (`0312345678`).
    Phone,
    Integer {
        min: i64,
        max: i64,
    },
    Choice {
        options: &'static [ChoiceOption],
    },
    MultiChoice {
        options: &'static [ChoiceOption],
    },
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct ChoiceOption {
    pub value: &'static str,
    pub label: Text,
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FormRule {
    /// `earlier` must not be after `later` (when both are answered); a contradiction is reported at the
    /// date more likely mistyped (`wrong`): an estimated onset rather than the diagnosis, say.
    DateOrder { earlier: &'static str, later: &'static str, wrong: Wrong },
    /// `age` must equal the full years from `birth` to `at`.
    AgeAt { age: &'static str, birth: &'static str, at: &'static str },
    /// `months` must equal the full months from `birth` to `at` (the age of infants under one).
    MonthsAt { months: &'static str, birth: &'static str, at: &'static str },
    /// When `field` is one of `values`, `then` must be answered `then_equals` (e.g. a 死体 case died).
    Implies { field: &'static str, values: &'static [&'static str], then: &'static str, then_equals: &'static str },
}

/// Which of two dates that contradict each other is reported as wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Wrong {
    Earlier,
    Later,
}

impl Field {
    /// Whether the field applies, given the other answers.
    pub fn is_shown(&self, answers: &Answers) -> bool {
        self.shown_when.is_none_or(|condition| condition.holds(answers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_and_written_as_a_string_or_a_list_of_strings() {
        let stored = r#"{"onset":"2026-12-01","symptoms":["fever","rash"],"none":[]}"#;
        let answers = Answers::from([
            ("onset".to_owned(), Answer::One("2026-12-01".to_owned())),
            ("symptoms".to_owned(), Answer::Many(vec!["fever".to_owned(), "rash".to_owned()])),
            ("none".to_owned(), Answer::Many(Vec::new())),
        ]);
        assert_eq!(serde_json::from_str::<Answers>(stored).unwrap(), answers);
        assert_eq!(
            serde_json::to_string(&answers).unwrap(),
            r#"{"none":[],"onset":"2026-12-01","symptoms":["fever","rash"]}"#
        );
        // A string with escapes (not borrowed from the text), and from a `serde_json::Value`.
        assert_eq!(serde_json::from_str::<Answer>(r#""\u5c71\"田""#).unwrap(), Answer::One("山\"田".to_owned()));
        assert_eq!(
            serde_json::from_value::<Answer>(serde_json::json!(["a"])).unwrap(),
            Answer::Many(vec!["a".to_owned()])
        );
    }

    #[test]
    fn an_answer_of_another_kind_is_refused() {
        for other in ["6", "null", "true", r#"{"one":"6"}"#, r#"["6",6]"#, r#"[["6"]]"#] {
            assert!(serde_json::from_str::<Answer>(other).is_err(), "{other}");
        }
    }
}
