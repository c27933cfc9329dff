//! Bad input (issue 7): `prepare_submission`, the check every notification passes on the server,
//! fed arbitrary diseases and answers. It never panics, refuses with typed field errors that name
//! a field, and what it accepts it accepts again unchanged (the stored answers re-validate).
//!
//! A property-based fuzz in place of cargo-fuzz (which needs a nightly toolchain): run it longer
//! with `PROPTEST_CASES=200000 cargo test -p domain --test submission_fuzz`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use domain::api::NotificationSubmission;
use domain::forms::{Answer, Answers, FieldKind};
use domain::validation::{prepare_submission, submission_form, SubmissionError};
use domain::{animal_reports, diseases};
use proptest::prelude::*;
use time::macros::date;
use time::Date;

/// Every disease code ever in the catalog, and a few that are not.
fn disease_code() -> impl Strategy<Value = String> {
    let known: Vec<String> = diseases::catalog_on(date!(2026 - 11 - 25)).map(|d| d.code.to_owned()).collect();
    prop_oneof![4 => proptest::sample::select(known), 1 => "[a-z_]{0,12}", 1 => any::<String>()]
}

/// Strings near what the forms expect (choice values, dates in both calendars, numbers, phone
/// numbers, Japanese text with environment-dependent characters) and arbitrary Unicode.
fn answer_text() -> impl Strategy<Value = String> {
    let options: Vec<String> = diseases::catalog_on(date!(2026 - 11 - 25))
        .flat_map(|disease| disease.form.definition().fields())
        .flat_map(|field| match &field.kind {
            FieldKind::Choice { options } | FieldKind::MultiChoice { options } => options.iter().collect(),
            _ => Vec::new(),
        })
        .map(|option| option.value.to_owned())
        .collect();
    prop_oneof![
        3 => proptest::sample::select(options),
        2 => "(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]",
        1 => "(令和|平成|昭和|R|H|S)[0-9]{1,2}[年.][0-9]{1,2}[月.][0-9]{1,2}日?",
        1 => "-?[0-9]{1,20}",
        1 => "0[0-9]{1,4}-?[0-9]{1,4}-?[0-9]{3,5}",
        1 => "[山田太郎①㈱Ⅲ㍻髙 \\-\n\t]{0,40}",
        2 => any::<String>(),
    ]
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        3 => answer_text().prop_map(Answer::One),
        1 => proptest::collection::vec(answer_text(), 0..5).prop_map(Answer::Many),
    ]
}

/// Answers keyed mostly by the fields of some form (the filled-in case), some by made-up ids.
fn answers() -> impl Strategy<Value = Answers> {
    let field_ids: Vec<String> = diseases::catalog_on(date!(2026 - 11 - 25))
        .flat_map(|disease| disease.form.definition().fields())
        .map(|field| field.id.to_owned())
        .collect();
    let key = prop_oneof![5 => proptest::sample::select(field_ids), 1 => any::<String>()];
    proptest::collection::btree_map(key, answer(), 0..30)
}

/// Mostly a human case; sometimes an animal report pair (N-7), known or made up.
fn animal_report() -> impl Strategy<Value = Option<String>> {
    let known: Vec<String> = animal_reports::CATALOG.iter().map(|report| report.code.to_owned()).collect();
    prop_oneof![
        6 => Just(None),
        2 => proptest::sample::select(known).prop_map(Some),
        1 => any::<String>().prop_map(Some),
    ]
}

/// A complete, valid measles notification (as the server tests file it), then up to three answers
/// removed or replaced: many stay valid, so the "accepted" branch is exercised too.
fn perturbed_measles() -> impl Strategy<Value = Answers> {
    let valid: Answers = serde_json::from_value(serde_json::json!({
        "case_type": "lab_confirmed", "patient_name": "山田 太郎", "patient_sex": "male",
        "patient_birth_date": "2020-05-01", "patient_age": "6", "patient_address": "デモ県北町1-2-3",
        "symptoms": ["fever", "rash", "koplik_spots"], "diagnosis_methods": ["pcr"],
        "first_visit_date": "2026-11-20", "diagnosis_date": "2026-11-21", "onset_date": "2026-11-18",
        "outcome": "alive", "infection_route": "airborne", "infection_area": "domestic",
        "vaccination_1": "yes", "vaccination_1_date": "2021-06-01", "vaccination_2": "no"
    }))
    .unwrap();
    let keys: Vec<String> = valid.keys().cloned().collect();
    let change = (proptest::sample::select(keys), proptest::option::of(answer()));
    proptest::collection::vec(change, 0..3).prop_map(move |changes| {
        let mut answers = valid.clone();
        for (key, replacement) in changes {
            match replacement {
                Some(answer) => answers.insert(key, answer),
                None => answers.remove(&key),
            };
        }
        answers
    })
}

fn today() -> impl Strategy<Value = Date> {
    (0_i32..20_000).prop_map(|days| date!(1990 - 01 - 01) + time::Duration::days(i64::from(days)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_submissions_are_refused_with_typed_errors_or_accepted_stably(
        disease in disease_code(),
        animal_report in animal_report(),
        answers in answers(),
        today in today(),
    ) {
        check(NotificationSubmission { disease, animal_report, answers }, today)?;
    }

    #[test]
    fn a_valid_notification_with_a_few_answers_changed_is_checked_like_any_other(
        answers in perturbed_measles(),
        today in (0_i64..3_650).prop_map(|days| date!(2026 - 11 - 25) + time::Duration::days(days)),
    ) {
        check(NotificationSubmission { disease: "measles".to_owned(), animal_report: None, answers }, today)?;
    }
}

/// The properties every submission must have, whatever its content.
fn check(submission: NotificationSubmission, today: Date) -> Result<(), TestCaseError> {
    match prepare_submission(&submission, today) {
        Ok((disease, normalized)) => {
            prop_assert_eq!(disease.code, submission.disease.as_str());
            let again = NotificationSubmission { answers: normalized.clone(), ..submission.clone() };
            let (_, renormalized) = prepare_submission(&again, today).expect("accepted answers stay accepted");
            prop_assert_eq!(renormalized, normalized);
        }
        Err(SubmissionError::UnknownDisease) => {
            prop_assert!(submission_form(&submission, today).is_err());
        }
        Err(SubmissionError::Invalid(errors)) => {
            prop_assert!(!errors.is_empty());
            let (_, form) = submission_form(&submission, today).expect("a known disease and form");
            for error in &errors {
                let named = form.field(&error.field).is_some() || submission.answers.contains_key(&error.field);
                prop_assert!(named, "error for no field: {:?}", error);
                prop_assert!(!error.message.is_empty());
                // A stable code the client can translate, never a free-form string.
                let code = serde_json::to_value(error.code).unwrap();
                prop_assert!(code.as_str().is_some_and(|code| !code.is_empty()));
            }
        }
    }
    Ok(())
}
