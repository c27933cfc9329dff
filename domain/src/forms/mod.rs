//! Notification forms as data (N-2): the app renders them, the server validates against the same
//! definition (see `crate::validation`), so the two can never disagree about a field.

pub mod common;
pub mod measles;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::Text;

/// The answers of one form, keyed by field id. A BTreeMap keeps the JSON canonical (sorted keys),
/// which the server relies on to recognise a resubmission of the same content.
pub type Answers = BTreeMap<String, Answer>;

/// One field's answer: a single value (text, ISO date, number, choice) or the values of a multi-choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum Answer {
    One(String),
    Many(Vec<String>),
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

/// `field` has the single answer `equals`.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Condition {
    pub field: &'static str,
    pub equals: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    Text {
        max_chars: usize,
    },
    /// An ISO date, `YYYY-MM-DD`, not in the future.
    Date,
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

#[derive(Debug, Serialize)]
pub struct ChoiceOption {
    pub value: &'static str,
    pub label: Text,
}

#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FormRule {
    /// `earlier` must not be after `later` (when both are answered).
    DateOrder { earlier: &'static str, later: &'static str },
    /// `age` must equal the full years from `birth` to `at`.
    AgeAt { age: &'static str, birth: &'static str, at: &'static str },
}

impl Field {
    /// Whether the field applies, given the other answers.
    pub fn is_shown(&self, answers: &Answers) -> bool {
        match self.shown_when {
            None => true,
            Some(condition) => {
                matches!(answers.get(condition.field), Some(Answer::One(value)) if value == condition.equals)
            }
        }
    }
}
