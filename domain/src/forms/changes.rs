//! What changed between two versions of a notification's answers: the health center reads it on a
//! resubmission (the returned version against the resubmitted one), the filer when a newer version
//! met their correction. One rule for both.

use super::{Answer, Answers, Field, FormDefinition};

/// One field whose answer differs between two versions.
#[derive(Debug, Clone)]
pub struct AnswerChange {
    pub field: &'static Field,
    pub before: Option<Answer>,
    pub after: Option<Answer>,
}

impl FormDefinition {
    /// The fields, in the form's order, whose answer in `after` differs from `before` (an answer given,
    /// taken away or changed).
    pub fn changes(&self, before: &Answers, after: &Answers) -> Vec<AnswerChange> {
        self.fields()
            .filter(|field| before.get(field.id) != after.get(field.id))
            .map(|field| AnswerChange {
                field,
                before: before.get(field.id).cloned(),
                after: after.get(field.id).cloned(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::measles;
    use super::*;

    #[test]
    fn only_fields_that_differ_are_listed_in_the_forms_order() {
        let one = |value: &str| Answer::One(value.to_owned());
        let before = Answers::from([
            ("patient_name".to_owned(), one("山田 太郎")),
            ("patient_sex".to_owned(), one("male")),
            ("patient_address".to_owned(), one("デモ県北町1-2-3")),
        ]);
        let after = Answers::from([
            ("remarks".to_owned(), one("再提出")),
            ("patient_name".to_owned(), one("山田 次郎")),
            ("patient_sex".to_owned(), one("male")),
        ]);
        let changes = measles::FORM.changes(&before, &after);
        let listed: Vec<&str> = changes.iter().map(|change| change.field.id).collect();
        assert_eq!(listed, ["patient_name", "patient_address", "remarks"]);
        assert_eq!(changes[0].before, Some(one("山田 太郎")));
        assert_eq!(changes[0].after, Some(one("山田 次郎")));
        assert_eq!((changes[1].after.clone(), changes[2].before.clone()), (None, None));
        assert!(measles::FORM.changes(&after, &after).is_empty());
    }
}
