//! The measles form definition and its validation, as the app and the server both run it.
#![allow(clippy::expect_used, clippy::panic)]

use domain::api::NotificationSubmission;
use domain::diseases;
use domain::error::FieldErrorCode;
use domain::forms::{Answer, Answers, ConditionTest, FieldKind};
use domain::validation::{
    age_on, computed_ages, normalize_answers, validate_answers, validate_submission, with_computed_ages,
    SubmissionError,
};
use time::macros::date;
use time::Date;

const TODAY: Date = date!(2026 - 11 - 24);

fn one(value: &str) -> Answer {
    Answer::One(value.to_owned())
}

fn valid_answers() -> Answers {
    [
        ("case_type", one("lab_confirmed")),
        ("patient_name", one("山田 太郎")),
        ("patient_sex", one("male")),
        ("patient_birth_date", one("2020-05-01")),
        ("patient_age", one("6")),
        ("patient_address", one("東京都千代田区霞が関1-2-2")),
        ("symptoms", Answer::Many(vec!["fever".into(), "rash".into()])),
        ("diagnosis_methods", Answer::Many(vec!["pcr".into()])),
        ("first_visit_date", one("2026-11-20")),
        ("diagnosis_date", one("2026-11-21")),
        ("onset_date", one("2026-11-18")),
        ("outcome", one("alive")),
        ("infection_route", one("airborne")),
        ("infection_area", one("domestic")),
        ("vaccination_1", one("yes")),
        ("vaccination_1_date", one("2021-06-01")),
        ("vaccination_2", one("no")),
    ]
    .into_iter()
    .map(|(id, answer)| (id.to_owned(), answer))
    .collect()
}

fn measles_form() -> &'static domain::forms::FormDefinition {
    diseases::find("measles").map(|d| d.form.definition()).expect("measles is in the catalog")
}

fn error_codes(answers: &Answers) -> Vec<(String, FieldErrorCode)> {
    match validate_answers(measles_form(), answers, TODAY) {
        Ok(()) => Vec::new(),
        Err(errors) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
    }
}

#[test]
fn definition_has_unique_field_ids_and_conditions_that_point_at_choices() {
    let form = measles_form();
    let ids: Vec<_> = form.fields().map(|f| f.id).collect();
    for (i, id) in ids.iter().enumerate() {
        assert!(!ids[..i].contains(id), "duplicate field id {id}");
    }
    for field in form.fields() {
        if let Some(condition) = field.shown_when {
            let target = form.field(condition.field).expect("condition names a field");
            match (condition.test, &target.kind) {
                (ConditionTest::Equals | ConditionTest::NotEquals, FieldKind::Choice { options })
                | (ConditionTest::Includes, FieldKind::MultiChoice { options }) => {
                    assert!(options.iter().any(|o| o.value == condition.equals), "{}", field.id)
                }
                // Guardian items: shown while the patient is under 18.
                (ConditionTest::Below(_), FieldKind::Integer { .. }) => {}
                // The months of an infant: shown when the age in years is 0.
                (ConditionTest::Equals, FieldKind::Integer { min, max }) => {
                    assert!(condition.equals.parse::<i64>().is_ok_and(|n| (*min..=*max).contains(&n)), "{}", field.id)
                }
                (test, kind) => panic!("{}: {test:?} on {kind:?}", field.id),
            }
        }
    }
    assert!(form.field("patient_name").is_some(), "measles is notified with the patient's name");
}

#[test]
fn a_complete_form_passes() {
    assert_eq!(error_codes(&valid_answers()), vec![]);
}

#[test]
fn every_missing_required_item_is_reported_at_once() {
    let errors = error_codes(&Answers::new());
    for id in ["case_type", "patient_name", "patient_birth_date", "symptoms", "diagnosis_date", "outcome"] {
        assert!(errors.contains(&(id.to_owned(), FieldErrorCode::Required)), "{id} missing from {errors:?}");
    }
    assert!(!errors.iter().any(|(id, _)| id == "patient_occupation"), "occupation is optional");
    assert!(!errors.iter().any(|(id, _)| id == "death_date"), "death date only applies to deaths");
}

#[test]
fn death_date_is_required_only_when_the_patient_died() {
    let mut answers = valid_answers();
    answers.insert("outcome".into(), one("dead"));
    assert_eq!(error_codes(&answers), vec![("death_date".into(), FieldErrorCode::Required)]);

    answers.insert("death_date".into(), one("2026-11-22"));
    assert_eq!(error_codes(&answers), vec![]);

    answers.insert("outcome".into(), one("alive"));
    assert_eq!(error_codes(&answers), vec![("death_date".into(), FieldErrorCode::NotApplicable)]);
}

#[test]
fn country_is_asked_for_infections_abroad() {
    let mut answers = valid_answers();
    answers.insert("infection_area".into(), one("abroad"));
    assert_eq!(error_codes(&answers), vec![("infection_country".into(), FieldErrorCode::Required)]);
    answers.insert("infection_country".into(), one("フィリピン"));
    assert_eq!(error_codes(&answers), vec![]);
}

#[test]
fn values_of_the_wrong_kind_are_refused() {
    let cases = [
        ("case_type", one("suspected"), FieldErrorCode::InvalidChoice),
        ("symptoms", Answer::Many(vec!["fever".into(), "fever".into()]), FieldErrorCode::DuplicateChoice),
        ("symptoms", Answer::Many(vec!["sneezing".into()]), FieldErrorCode::InvalidChoice),
        ("symptoms", one("fever"), FieldErrorCode::InvalidValue),
        ("patient_age", one("six"), FieldErrorCode::InvalidNumber),
        ("patient_age", one("151"), FieldErrorCode::OutOfRange),
        ("onset_date", one("2026/11/18"), FieldErrorCode::InvalidDate),
        ("onset_date", one("2026-02-30"), FieldErrorCode::InvalidDate),
        ("diagnosis_date", one("2026-11-25"), FieldErrorCode::DateInFuture),
        ("patient_name", one(&"長".repeat(51)), FieldErrorCode::TooLong),
        ("patient_address", one("東京都\u{0007}"), FieldErrorCode::InvalidCharacters),
    ];
    for (id, answer, code) in cases {
        let mut answers = valid_answers();
        answers.insert(id.into(), answer.clone());
        let errors = error_codes(&answers);
        assert!(errors.contains(&(id.to_owned(), code)), "{id}={answer:?}: {errors:?}");
    }
}

#[test]
fn the_reading_is_katakana_only_naming_each_other_character() {
    let mut answers = valid_answers();
    answers.insert("patient_name_kana".into(), one("やまだ タロウ"));
    let errors = validate_answers(measles_form(), &answers, TODAY).expect_err("hiragana reading");
    assert_eq!((errors[0].field.as_str(), errors[0].code), ("patient_name_kana", FieldErrorCode::NotKatakana));
    assert_eq!(
        errors[0].message,
        "フリガナ：「や」「ま」「だ」はフリガナに使用できません。カタカナで入力してください。"
    );
    // Half-width katakana and a full-width space are the same reading, made standard.
    answers.insert("patient_name_kana".into(), one("ﾔﾏﾀﾞ　ﾀﾛｳ"));
    let normalized = normalize_answers(measles_form(), &answers);
    assert_eq!(normalized.get("patient_name_kana"), Some(&one("ヤマダ タロウ")));
    assert_eq!(validate_answers(measles_form(), &normalized, TODAY), Ok(()));
}

#[test]
fn fields_not_on_the_form_are_refused() {
    let mut answers = valid_answers();
    answers.insert("health_center".into(), one("HC-OTHER"));
    assert_eq!(error_codes(&answers), vec![("health_center".into(), FieldErrorCode::UnknownField)]);
}

#[test]
fn contradictory_dates_are_refused_at_the_mistyped_one_naming_both() {
    let mut answers = valid_answers();
    answers.insert("onset_date".into(), one("2026-11-22"));
    let errors = validate_answers(measles_form(), &answers, TODAY).expect_err("onset after diagnosis");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].code, FieldErrorCode::DateOrder);
    // The estimated onset is the date to check, not the diagnosis.
    assert_eq!(errors[0].field, "onset_date");
    assert_eq!(errors[0].message, "発病年月日は診断（検案）年月日以前の日付にしてください。");
}

#[test]
fn the_age_is_computed_from_birth_and_diagnosis_dates() {
    let mut answers = valid_answers();
    answers.remove("patient_age");
    assert_eq!(computed_ages(measles_form(), &answers), [("patient_age", 6)]);
    assert_eq!(with_computed_ages(measles_form(), &answers), valid_answers());
    // An infant: the months too, which apply only at age 0.
    answers.insert("patient_birth_date".into(), one("2026-02-22"));
    assert_eq!(computed_ages(measles_form(), &answers), [("patient_age", 0), ("patient_age_months", 8)]);
    // Without the diagnosis date, or with dates out of order, nothing is computed (the age stays as typed).
    answers.remove("diagnosis_date");
    assert!(computed_ages(measles_form(), &answers).is_empty());
    answers.insert("diagnosis_date".into(), one("2026-01-01"));
    assert!(computed_ages(measles_form(), &answers).is_empty());
}

#[test]
fn age_must_match_birth_date_at_diagnosis() {
    assert_eq!(age_on(date!(2020 - 05 - 01), date!(2026 - 04 - 30)), 5);
    assert_eq!(age_on(date!(2020 - 05 - 01), date!(2026 - 05 - 01)), 6);
    let mut answers = valid_answers();
    answers.insert("patient_age".into(), one("5"));
    assert_eq!(error_codes(&answers), vec![("patient_age".into(), FieldErrorCode::AgeMismatch)]);
}

#[test]
fn submissions_name_a_disease_from_the_catalog() {
    let submission =
        NotificationSubmission { disease: "influenza-x".into(), animal_report: None, answers: valid_answers() };
    assert_eq!(validate_submission(&submission, TODAY).err(), Some(SubmissionError::UnknownDisease));
    let measles = NotificationSubmission { disease: "measles".into(), animal_report: None, answers: valid_answers() };
    assert_eq!(validate_submission(&measles, TODAY).map(|d| d.code), Ok("measles"));
}

#[test]
fn only_sections_with_no_required_item_are_optional() {
    let optional: Vec<&str> = measles_form()
        .sections
        .iter()
        .filter(|section| section.is_optional())
        .map(|section| section.title.ja)
        .collect();
    // The guardian and the doctor's remarks; every other section asks for something (the death date
    // only when the patient died, but then it must be given).
    assert_eq!(optional, ["保護者（患者が未成年の場合）", "その他"]);
}
