//! The disease and animal-report catalogs (N-1, N-7) and their forms (N-2): every entry has a form that a
//! complete example (built generically from the definition) passes and an empty one fails, plus the
//! disease-specific items, the conditional items and the input rules as they apply inside a form.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use domain::animal_reports;
use domain::api::NotificationSubmission;
use domain::diseases::{self, catalog_on, Category, Deadline, Disease, CATALOG};
use domain::error::FieldErrorCode;
use domain::forms::{Answer, Answers, ConditionTest, Field, FieldKind, FormDefinition, FormRule};
use domain::text::first_disallowed;
use domain::validation::{
    age_on, months_on, normalize_answers, prepare_submission, validate_answers, validate_submission, SubmissionError,
};
use time::macros::date;
use time::{Date, Duration};

const TODAY: Date = date!(2026 - 11 - 24);

fn one(value: &str) -> Answer {
    Answer::One(value.to_owned())
}

fn many(values: &[&str]) -> Answer {
    Answer::Many(values.iter().map(|v| (*v).to_owned()).collect())
}

// ── A generic example builder ──────────────────────────────────────────────────────────────────

/// How to build an example: the day of the case (every case date), the birth date, whether optional fields
/// are filled too, and answers fixed in advance.
struct Example<'a> {
    day: Date,
    birth: Date,
    all_fields: bool,
    fixed: &'a [(&'a str, Answer)],
}

impl Default for Example<'_> {
    fn default() -> Self {
        Self { day: TODAY - Duration::days(4), birth: date!(1990 - 04 - 01), all_fields: false, fixed: &[] }
    }
}

fn iso(day: Date) -> String {
    domain::dates::iso(day)
}

/// A valid value for one field, from its kind alone.
fn example_value(field: &Field, example: &Example) -> Answer {
    match &field.kind {
        FieldKind::Text { max_chars, .. } | FieldKind::Kana { max_chars } => {
            one(&"テスト".chars().take(*max_chars).collect::<String>())
        }
        FieldKind::Date if field.id == "patient_birth_date" => one(&iso(example.birth)),
        FieldKind::Date => one(&iso(example.day)),
        FieldKind::Phone => one("03-1234-5678"),
        FieldKind::Integer { min, .. } => one(&min.to_string()),
        FieldKind::Choice { options } => one(options[0].value),
        FieldKind::MultiChoice { options } => many(&[options[0].value]),
    }
}

/// Fills every shown required field (every shown field with `all_fields`) until nothing changes, and
/// makes the answers satisfy the form's cross-field rules.
fn fill(form: &FormDefinition, example: &Example) -> Answers {
    let mut answers: Answers = example.fixed.iter().map(|(id, answer)| ((*id).to_owned(), answer.clone())).collect();
    for _ in 0..20 {
        let before = answers.clone();
        for field in form.fields() {
            let fixed = example.fixed.iter().any(|(id, _)| *id == field.id);
            if !field.is_shown(&answers) {
                if !fixed {
                    answers.remove(field.id);
                }
            } else if !answers.contains_key(field.id) && (field.required || example.all_fields) {
                answers.insert(field.id.to_owned(), example_value(field, example));
            }
        }
        for rule in form.rules {
            apply_rule(form, rule, &mut answers);
        }
        if answers == before {
            return answers;
        }
    }
    panic!("filling did not settle: {answers:?}")
}

fn apply_rule(form: &FormDefinition, rule: &FormRule, answers: &mut Answers) {
    let date = |answers: &Answers, id: &str| match answers.get(id) {
        Some(Answer::One(text)) => domain::validation::parse_date(text),
        _ => None,
    };
    match *rule {
        FormRule::AgeAt { age, birth, at } => {
            if let (Some(birth), Some(at), true) = (date(answers, birth), date(answers, at), answers.contains_key(age))
            {
                answers.insert(age.to_owned(), one(&age_on(birth, at).to_string()));
            }
        }
        FormRule::MonthsAt { months, birth, at } => {
            if let (Some(birth), Some(at), true) =
                (date(answers, birth), date(answers, at), answers.contains_key(months))
            {
                answers.insert(months.to_owned(), one(&months_on(birth, at).to_string()));
            }
        }
        FormRule::Implies { field, values, then, then_equals } => {
            let applies = matches!(answers.get(field), Some(Answer::One(v)) if values.contains(&v.as_str()));
            if applies && form.field(then).is_some() {
                answers.insert(then.to_owned(), one(then_equals));
            }
        }
        FormRule::DateOrder { .. } => {}
    }
}

fn codes(form: &FormDefinition, answers: &Answers, today: Date) -> Vec<(String, FieldErrorCode)> {
    match validate_answers(form, answers, today) {
        Ok(()) => Vec::new(),
        Err(errors) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
    }
}

fn disease(code: &str) -> &'static Disease {
    diseases::find(code).unwrap_or_else(|| panic!("{code} is in the catalog"))
}

fn all_forms() -> Vec<(&'static str, &'static FormDefinition)> {
    let mut forms: Vec<_> = CATALOG.iter().map(|d| (d.code, d.form.definition())).collect();
    forms.extend(animal_reports::CATALOG.iter().map(|r| (r.code, r.form.definition())));
    forms
}

// ── The catalog (N-1) ──────────────────────────────────────────────────────────────────────────

#[test]
fn the_catalog_has_every_category_of_the_law() {
    let count = |category| CATALOG.iter().filter(|d| d.category == category).count();
    assert_eq!(count(Category::Class1), 7);
    assert_eq!(count(Category::Class2), 7);
    assert_eq!(count(Category::Class3), 5);
    assert_eq!(count(Category::Class4), 44);
    assert_eq!(count(Category::Class5AllCases), 25);
    assert_eq!(count(Category::PandemicInfluenza), 4);
    assert_eq!(CATALOG.len(), 92);
    for code in ["tuberculosis", "ehec", "syphilis", "hiv_aids", "rubella", "pertussis", "measles", "mdrp"] {
        disease(code);
    }
}

#[test]
fn codes_are_stable_ascii_and_unique() {
    for (i, (code, _)) in all_forms().iter().enumerate() {
        assert!(
            !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "{code}"
        );
        assert!(!all_forms()[..i].iter().any(|(c, _)| c == code), "{code} twice");
    }
}

#[test]
fn deadlines_and_identity_follow_the_law() {
    for d in CATALOG {
        let immediate = d.deadline == Deadline::Immediately;
        assert_eq!(d.collects_identity, immediate, "{}", d.code);
        assert_eq!(
            immediate,
            d.category != Category::Class5AllCases
                || ["measles", "rubella", "invasive_meningococcal"].contains(&d.code),
            "{}",
            d.code
        );
        let has = |id| d.form.definition().field(id).is_some();
        if d.collects_identity {
            assert!(has("patient_name") && has("patient_address") && has("patient_birth_date"), "{}", d.code);
        } else {
            for id in [
                "patient_name",
                "patient_name_kana",
                "patient_address",
                "patient_birth_date",
                "patient_phone",
                "guardian_name",
            ] {
                assert!(!has(id), "{} asks for {id}", d.code);
            }
            assert!(has("patient_age") && has("patient_sex") && has("patient_municipality"), "{}", d.code);
        }
    }
}

#[test]
fn multidrug_resistant_pseudomonas_joins_on_2026_04_06() {
    let mdrp = disease("mdrp");
    assert_eq!(mdrp.category, Category::Class5AllCases);
    assert_eq!(mdrp.deadline, Deadline::WithinSevenDays);
    let (eve, day) = (date!(2026 - 04 - 05), date!(2026 - 04 - 06));
    assert!(!mdrp.is_notifiable_on(eve) && mdrp.is_notifiable_on(day));
    assert!(!diseases::is_notifiable_on("mdrp", eve));
    assert_eq!(catalog_on(eve).filter(|d| d.category == Category::Class5AllCases).count(), 24);
    assert_eq!(catalog_on(day).filter(|d| d.category == Category::Class5AllCases).count(), 25);

    let answers = fill(mdrp.form.definition(), &Example { day: eve, ..Example::default() });
    let submission = NotificationSubmission { disease: "mdrp".into(), animal_report: None, answers };
    assert_eq!(validate_submission(&submission, eve).err(), Some(SubmissionError::UnknownDisease));
    assert_eq!(validate_submission(&submission, day).map(|d| d.code), Ok("mdrp"));
}

#[test]
fn an_entry_ends_on_its_effective_until_date() {
    let ended = Disease { effective_until: Some(date!(2026 - 12 - 31)), ..*disease("measles") };
    assert!(ended.is_notifiable_on(date!(2026 - 12 - 31)));
    assert!(!ended.is_notifiable_on(date!(2027 - 01 - 01)));
}

// ── Every form (N-2, N-7) ──────────────────────────────────────────────────────────────────────

#[test]
fn every_form_is_well_formed() {
    for (code, form) in all_forms() {
        let ids: Vec<_> = form.fields().map(|f| f.id).collect();
        for (i, id) in ids.iter().enumerate() {
            assert!(!ids[..i].contains(id), "{code}: duplicate field {id}");
        }
        for field in form.fields() {
            let texts = [field.label.ja, field.label.en];
            if let FieldKind::Choice { options } | FieldKind::MultiChoice { options } = &field.kind {
                assert!(!options.is_empty(), "{code}.{}", field.id);
                for (i, option) in options.iter().enumerate() {
                    assert!(
                        !options[..i].iter().any(|o| o.value == option.value),
                        "{code}.{}: {} twice",
                        field.id,
                        option.value
                    );
                    for text in [option.label.ja, option.label.en] {
                        assert_eq!(first_disallowed(text, false), None, "{code}.{}: {text}", field.id);
                    }
                }
            }
            for text in texts {
                assert_eq!(first_disallowed(text, false), None, "{code}.{}: {text}", field.id);
            }
            let Some(condition) = field.shown_when else { continue };
            let target =
                form.field(condition.field).unwrap_or_else(|| panic!("{code}.{}: no {}", field.id, condition.field));
            match (condition.test, &target.kind) {
                (ConditionTest::Equals | ConditionTest::NotEquals, FieldKind::Choice { options })
                | (ConditionTest::Includes, FieldKind::MultiChoice { options }) => {
                    assert!(options.iter().any(|o| o.value == condition.equals), "{code}.{}", field.id);
                }
                (ConditionTest::Below(_), FieldKind::Integer { .. }) => {}
                (ConditionTest::Equals, FieldKind::Integer { .. }) => assert!(condition.equals.parse::<i64>().is_ok()),
                (test, kind) => panic!("{code}.{}: {test:?} on {kind:?}", field.id),
            }
        }
        for rule in form.rules {
            if let FormRule::Implies { field, then, then_equals, .. } = *rule {
                if let (Some(_), Some(target)) = (form.field(field), form.field(then)) {
                    let FieldKind::Choice { options } = &target.kind else { panic!("{code}: {then}") };
                    assert!(options.iter().any(|o| o.value == then_equals), "{code}: {then}");
                }
            }
        }
    }
}

#[test]
fn every_form_passes_a_complete_example_and_refuses_an_empty_one() {
    for (code, form) in all_forms() {
        for all_fields in [false, true] {
            let answers = fill(form, &Example { all_fields, ..Example::default() });
            assert_eq!(codes(form, &answers, TODAY), vec![], "{code} (all fields: {all_fields}): {answers:?}");
        }
        let errors = codes(form, &Answers::new(), TODAY);
        assert!(errors.contains(&("case_type".to_owned(), FieldErrorCode::Required)), "{code}: {errors:?}");
        assert!(errors.iter().all(|(_, c)| *c == FieldErrorCode::Required), "{code}: {errors:?}");
    }
}

/// Every option of every choice leads to a form that can be completed (each branch of each condition).
#[test]
fn every_option_of_every_choice_can_be_completed() {
    for (code, form) in all_forms() {
        for field in form.fields() {
            let (FieldKind::Choice { options } | FieldKind::MultiChoice { options }) = &field.kind else {
                continue;
            };
            for option in options.iter() {
                let answer = match field.kind {
                    FieldKind::Choice { .. } => one(option.value),
                    _ => many(&[option.value]),
                };
                let fixed = [(field.id, answer)];
                let answers = fill(form, &Example { fixed: &fixed, all_fields: true, ..Example::default() });
                if !field.is_shown(&answers) {
                    continue;
                }
                let errors = codes(form, &answers, TODAY);
                assert_eq!(errors, vec![], "{code}.{}={}: {answers:?}", field.id, option.value);
            }
        }
    }
}

#[test]
fn a_minor_has_a_guardian_and_an_infant_an_age_in_months() {
    let form = disease("tuberculosis").form.definition();
    let child = Example { birth: date!(2020 - 05 - 01), all_fields: true, ..Example::default() };
    let answers = fill(form, &child);
    assert_eq!(answers.get("patient_age"), Some(&one("6")));
    assert!(answers.contains_key("guardian_name") && answers.contains_key("guardian_phone"));
    assert_eq!(codes(form, &answers, TODAY), vec![]);

    let adult = fill(form, &Example::default());
    let mut with_guardian = adult.clone();
    with_guardian.insert("guardian_name".into(), one("山田花子"));
    assert_eq!(codes(form, &with_guardian, TODAY), vec![("guardian_name".into(), FieldErrorCode::NotApplicable)]);

    let infant = Example { birth: date!(2026 - 06 - 15), ..Example::default() };
    let mut answers = fill(form, &infant);
    assert_eq!(answers.get("patient_age"), Some(&one("0")));
    assert_eq!(answers.get("patient_age_months"), Some(&one("5")));
    answers.insert("patient_age_months".into(), one("4"));
    assert_eq!(codes(form, &answers, TODAY), vec![("patient_age_months".into(), FieldErrorCode::AgeMismatch)]);
    answers.remove("patient_age_months");
    assert_eq!(codes(form, &answers, TODAY), vec![("patient_age_months".into(), FieldErrorCode::Required)]);
}

#[test]
fn a_body_must_have_died() {
    let form = disease("ebola").form.definition();
    let mut answers = fill(form, &Example { fixed: &[("case_type", one("dead"))], ..Example::default() });
    assert_eq!(answers.get("outcome"), Some(&one("dead")));
    assert_eq!(codes(form, &answers, TODAY), vec![]);
    answers.insert("outcome".into(), one("alive"));
    answers.remove("death_date");
    assert_eq!(codes(form, &answers, TODAY), vec![("outcome".into(), FieldErrorCode::Inconsistent)]);
}

#[test]
fn travel_dates_are_asked_abroad_and_must_be_in_order() {
    let form = disease("dengue").form.definition();
    let mut answers = fill(form, &Example { fixed: &[("infection_area", one("abroad"))], ..Example::default() });
    answers.insert("travel_departure_date".into(), one("2026-11-10"));
    answers.insert("travel_return_date".into(), one("2026-11-01"));
    assert_eq!(codes(form, &answers, TODAY), vec![("travel_return_date".into(), FieldErrorCode::DateOrder)]);
    answers.insert("travel_return_date".into(), one("2026-11-15"));
    assert_eq!(codes(form, &answers, TODAY), vec![]);
}

// ── Disease-specific items ─────────────────────────────────────────────────────────────────────

fn complete(code: &str, fixed: &[(&str, Answer)]) -> (&'static FormDefinition, Answers) {
    let form = disease(code).form.definition();
    (form, fill(form, &Example { fixed, ..Example::default() }))
}

#[test]
fn tuberculosis_type_and_latent_infection() {
    let (form, answers) = complete(
        "tuberculosis",
        &[("case_type", one("patient")), ("tb_sites", many(&["pulmonary", "extrapulmonary"]))],
    );
    assert_eq!(codes(form, &answers, TODAY), vec![]);
    for id in ["tb_sputum_smear", "tb_extrapulmonary_site"] {
        let mut missing = answers.clone();
        missing.remove(id);
        assert_eq!(codes(form, &missing, TODAY), vec![(id.into(), FieldErrorCode::Required)]);
    }

    // 潜在性結核感染症: no symptoms or 病型, but the IGRA result.
    let (form, latent) = complete("tuberculosis", &[("case_type", one("carrier"))]);
    assert!(!latent.contains_key("tb_sites") && !latent.contains_key("symptoms"));
    assert_eq!(latent.get("tb_igra"), Some(&one("positive")));
    let mut with_symptoms = latent.clone();
    with_symptoms.insert("symptoms".into(), many(&["cough"]));
    with_symptoms.remove("tb_igra");
    let errors = codes(form, &with_symptoms, TODAY);
    assert!(errors.contains(&("symptoms".into(), FieldErrorCode::NotApplicable)), "{errors:?}");
    assert!(errors.contains(&("tb_igra".into(), FieldErrorCode::Required)), "{errors:?}");
}

#[test]
fn ehec_o_antigen_and_vero_toxin() {
    let (form, mut answers) =
        complete("ehec", &[("ehec_o_antigen", one("other")), ("ehec_vero_toxin", one("vt1_vt2"))]);
    assert_eq!(answers.get("ehec_o_antigen_other"), Some(&one("テスト")));
    answers.insert("ehec_o_antigen_other".into(), one("O165"));
    assert_eq!(codes(form, &answers, TODAY), vec![]);
    answers.insert("ehec_vero_toxin".into(), one("vt3"));
    answers.remove("ehec_o_antigen_other");
    let errors = codes(form, &answers, TODAY);
    assert!(errors.contains(&("ehec_vero_toxin".into(), FieldErrorCode::InvalidChoice)));
    assert!(errors.contains(&("ehec_o_antigen_other".into(), FieldErrorCode::Required)));
}

#[test]
fn syphilis_stage_pregnancy_history_and_hiv() {
    let (form, answers) =
        complete("syphilis", &[("patient_sex", one("female")), ("syphilis_stage", one("early_secondary"))]);
    assert_eq!(codes(form, &answers, TODAY), vec![]);
    for id in ["pregnancy", "syphilis_stage", "sex_work_history", "sex_work_use", "syphilis_history", "hiv_status"] {
        let mut missing = answers.clone();
        missing.remove(id);
        assert_eq!(codes(form, &missing, TODAY), vec![(id.into(), FieldErrorCode::Required)], "{id}");
    }
    let mut pregnant = answers.clone();
    pregnant.insert("pregnancy".into(), one("yes"));
    pregnant.insert("pregnancy_weeks".into(), one("12"));
    assert_eq!(codes(form, &pregnant, TODAY), vec![]);

    let (form, man) = complete("syphilis", &[("patient_sex", one("male"))]);
    assert!(!man.contains_key("pregnancy"));
    let mut asked = man.clone();
    asked.insert("pregnancy".into(), one("no"));
    assert_eq!(codes(form, &asked, TODAY), vec![("pregnancy".into(), FieldErrorCode::NotApplicable)]);
    // 五類 7-day: no name.
    asked.remove("pregnancy");
    asked.insert("patient_name".into(), one("山田太郎"));
    assert_eq!(codes(form, &asked, TODAY), vec![("patient_name".into(), FieldErrorCode::UnknownField)]);
}

#[test]
fn aids_indicator_diseases_and_cd4_count() {
    let (form, mut answers) = complete("hiv_aids", &[("case_type", one("aids"))]);
    assert_eq!(answers.get("aids_indicator_diseases"), Some(&many(&["candidiasis"])));
    answers.insert("cd4_count".into(), one("180"));
    assert_eq!(codes(form, &answers, TODAY), vec![]);
    answers.insert("cd4_count".into(), one("-1"));
    assert_eq!(codes(form, &answers, TODAY), vec![("cd4_count".into(), FieldErrorCode::OutOfRange)]);

    let (form, carrier) = complete("hiv_aids", &[("case_type", one("carrier"))]);
    assert!(!carrier.contains_key("aids_indicator_diseases") && !carrier.contains_key("symptoms"));
    assert_eq!(codes(form, &carrier, TODAY), vec![]);
}

#[test]
fn vaccination_history_of_measles_rubella_and_pertussis() {
    for code in ["measles", "rubella"] {
        let (form, mut answers) = complete(code, &[("vaccination_1", one("yes")), ("vaccination_2", one("yes"))]);
        answers.insert("vaccination_1_date".into(), one("1991-06-01"));
        answers.insert("vaccination_2_date".into(), one("1990-06-01"));
        assert_eq!(
            codes(form, &answers, TODAY),
            vec![("vaccination_2_date".into(), FieldErrorCode::DateOrder)],
            "{code}"
        );
    }
    let (form, mut answers) = complete("pertussis", &[("vaccination", one("yes"))]);
    assert_eq!(answers.get("vaccination_doses"), Some(&one("1")));
    answers.remove("vaccination_doses");
    assert_eq!(codes(form, &answers, TODAY), vec![("vaccination_doses".into(), FieldErrorCode::Required)]);
}

#[test]
fn acute_encephalitis_names_its_pathogen() {
    let (form, mut answers) = complete("acute_encephalitis", &[("encephalitis_pathogen", one("other"))]);
    answers.remove("encephalitis_pathogen_other");
    assert_eq!(codes(form, &answers, TODAY), vec![("encephalitis_pathogen_other".into(), FieldErrorCode::Required)]);
    answers.insert("encephalitis_pathogen_other".into(), one("アデノウイルス"));
    assert_eq!(codes(form, &answers, TODAY), vec![]);
}

#[test]
fn invasive_infections_name_the_sterile_specimen() {
    for code in ["invasive_haemophilus_influenzae", "invasive_meningococcal", "invasive_pneumococcal"] {
        let (form, mut answers) = complete(code, &[]);
        assert_eq!(answers.get("sterile_site_specimens"), Some(&many(&["blood"])), "{code}");
        answers.insert("sterile_site_specimens".into(), many(&["blood", "csf"]));
        assert_eq!(codes(form, &answers, TODAY), vec![], "{code}");
        answers.insert("sterile_site_specimens".into(), many(&["throat_swab"]));
        assert_eq!(
            codes(form, &answers, TODAY),
            vec![("sterile_site_specimens".into(), FieldErrorCode::InvalidChoice)],
            "{code}"
        );
    }
    assert!(disease("invasive_meningococcal").collects_identity);
}

// ── Input rules inside forms (V-1 … V-3) ───────────────────────────────────────────────────────

#[test]
fn environment_dependent_characters_are_refused_each_named_with_its_standard_form() {
    let (form, mut answers) = complete("measles", &[]);
    answers.insert("patient_name".into(), one("髙橋①"));
    let errors = validate_answers(form, &answers, TODAY).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].code, FieldErrorCode::InvalidCharacters);
    assert_eq!(
        errors[0].message,
        "氏名：「髙」「①」は使用できません（環境依存文字等）。「髙」は「高」、「①」は「1」と書いてください。"
    );
    answers.insert("patient_name".into(), one("高橋"));
    answers.insert("remarks".into(), one("一行目\n二行目"));
    assert_eq!(codes(form, &answers, TODAY), vec![]);
    answers.insert("patient_address".into(), one("東京都\n千代田区"));
    assert_eq!(codes(form, &answers, TODAY), vec![("patient_address".into(), FieldErrorCode::InvalidCharacters)]);
}

#[test]
fn phone_fields_take_japanese_numbers_only() {
    let (form, mut answers) = complete("measles", &[]);
    for (number, expected) in [
        ("090-1234-5678", vec![]),
        ("０３（１２３４）５６７８", vec![]),
        ("+1 202 555 0100", vec![("patient_phone".to_owned(), FieldErrorCode::ForeignPhoneNumber)]),
        ("090-1234-567", vec![("patient_phone".to_owned(), FieldErrorCode::InvalidPhoneNumber)]),
    ] {
        answers.insert("patient_phone".into(), one(number));
        assert_eq!(codes(form, &answers, TODAY), expected, "{number}");
    }
    let (form, mut owner) = (animal_reports::CATALOG[0].form.definition(), Answers::new());
    owner.insert("owner_phone".into(), one("001-44-20-7946-0000"));
    let errors = codes(form, &owner, TODAY);
    assert!(errors.contains(&("owner_phone".into(), FieldErrorCode::NotApplicable)), "no owner chosen yet");
}

#[test]
fn era_dates_are_normalised_before_validation() {
    let (form, mut answers) = complete("measles", &[]);
    answers.insert("onset_date".into(), one("令和8年11月18日"));
    answers.insert("patient_phone".into(), one("03-1234-5678"));
    answers.insert("patient_occupation".into(), one("  会社員 "));
    answers.insert("infection_date".into(), one("   "));
    assert_eq!(codes(form, &answers, TODAY), vec![("onset_date".into(), FieldErrorCode::InvalidDate)]);
    let normalized = normalize_answers(form, &answers);
    assert_eq!(normalized.get("onset_date"), Some(&one("2026-11-18")));
    assert_eq!(normalized.get("patient_phone"), Some(&one("0312345678")));
    assert_eq!(normalized.get("patient_occupation"), Some(&one("会社員")));
    assert!(!normalized.contains_key("infection_date"), "blank answers are dropped");
    assert_eq!(codes(form, &normalized, TODAY), vec![]);

    let submission = NotificationSubmission { disease: "measles".into(), animal_report: None, answers };
    let (disease, stored) = prepare_submission(&submission, TODAY).unwrap();
    assert_eq!((disease.code, stored), ("measles", normalized));
}

#[test]
fn impossible_era_dates_and_contradictions_are_refused() {
    let (form, mut answers) = complete("rubella", &[]);
    answers.insert("onset_date".into(), one("平成31年5月1日"));
    let errors = validate_answers(form, &answers, TODAY).unwrap_err();
    assert_eq!(errors[0].code, FieldErrorCode::InvalidEraDate);
    assert!(errors[0].message.contains("平成は1989-01-08から2019-04-30まで"), "{}", errors[0].message);
    let normalized = normalize_answers(form, &answers);
    assert_eq!(normalized.get("onset_date"), Some(&one("平成31年5月1日")), "kept for validation to report");

    let day = iso(TODAY - Duration::days(4));
    for (outcome, id, value, expected) in [
        // Reported at the estimated onset, not at the diagnosis or death the doctor records for certain.
        ("alive", "onset_date", "2026-11-21", ("onset_date", FieldErrorCode::DateOrder)),
        ("dead", "death_date", "2026-11-01", ("onset_date", FieldErrorCode::DateOrder)),
        ("alive", "diagnosis_date", "2026-11-25", ("diagnosis_date", FieldErrorCode::DateInFuture)),
        ("alive", "patient_age", "35", ("patient_age", FieldErrorCode::AgeMismatch)),
    ] {
        let (form, mut answers) = complete("rubella", &[("outcome", one(outcome))]);
        answers.insert("onset_date".into(), one("2026-11-10"));
        assert_eq!(answers.get("diagnosis_date"), Some(&one(&day)));
        answers.insert(id.into(), one(value));
        let errors = codes(form, &answers, TODAY);
        assert_eq!(errors, vec![(expected.0.to_owned(), expected.1)], "{id}={value}");
    }
}

// ── Animal reports (N-7) ───────────────────────────────────────────────────────────────────────

#[test]
fn animal_reports_cover_article_13_and_name_a_human_disease() {
    assert_eq!(animal_reports::CATALOG.len(), 15);
    for report in animal_reports::CATALOG {
        assert!(diseases::find(report.disease_code).is_some(), "{}", report.code);
        assert_eq!(animal_reports::find(report.code).map(|r| r.code), Some(report.code));
        assert!(report.is_notifiable_on(TODAY));
    }
    for code in ["ebola_monkey", "sars_masked_palm_civet", "echinococcosis_dog", "mers_dromedary", "west_nile_bird"] {
        assert!(animal_reports::find(code).is_some(), "{code}");
    }
    assert_eq!(animal_reports::catalog_on(TODAY).count(), 15);
}

#[test]
fn an_animal_report_names_the_owner_when_there_is_one() {
    let form = animal_reports::find("echinococcosis_dog").unwrap().form.definition();
    let owned =
        fill(form, &Example { fixed: &[("has_owner", one("yes")), ("outcome", one("culled"))], ..Example::default() });
    for id in ["owner_name", "owner_address", "owner_phone", "cull_date"] {
        let mut missing = owned.clone();
        missing.remove(id);
        assert_eq!(codes(form, &missing, TODAY), vec![(id.into(), FieldErrorCode::Required)], "{id}");
    }
    let wild = fill(form, &Example { fixed: &[("has_owner", one("no"))], ..Example::default() });
    assert!(!wild.contains_key("owner_name"));
    assert_eq!(codes(form, &wild, TODAY), vec![]);
    let mut foreign = owned.clone();
    foreign.insert("owner_phone".into(), one("+1 202 555 0100"));
    assert_eq!(codes(form, &foreign, TODAY), vec![("owner_phone".into(), FieldErrorCode::ForeignPhoneNumber)]);
}

#[test]
fn an_animal_report_is_filed_on_the_veterinarians_form_of_its_pair() {
    let report = animal_reports::find("echinococcosis_dog").unwrap();
    let answers = fill(report.form.definition(), &Example { fixed: &[("has_owner", one("no"))], ..Example::default() });
    let submission = |disease: &str, animal_report: &str| NotificationSubmission {
        disease: disease.into(),
        animal_report: Some(animal_report.into()),
        answers: answers.clone(),
    };
    let (disease, _) = prepare_submission(&submission("echinococcosis", "echinococcosis_dog"), TODAY).unwrap();
    assert_eq!(disease.code, "echinococcosis");
    for (disease, pair) in [("measles", "echinococcosis_dog"), ("echinococcosis", "echinococcosis_cat")] {
        let refused = validate_submission(&submission(disease, pair), TODAY);
        assert_eq!(refused.err(), Some(SubmissionError::UnknownDisease), "{disease} / {pair}");
    }
    // The human form's answers do not pass as an animal report, nor the other way round.
    let human = NotificationSubmission { disease: "echinococcosis".into(), animal_report: None, answers };
    assert!(matches!(validate_submission(&human, TODAY), Err(SubmissionError::Invalid(_))));
}

#[test]
fn every_animal_report_is_notified_immediately() {
    // 第13条: "直ちに"; the inbox ranks a report by its disease, so each pair's disease must be 直ちに.
    for report in animal_reports::CATALOG {
        assert_eq!(
            diseases::find(report.disease_code).map(|d| d.deadline),
            Some(Deadline::Immediately),
            "{}",
            report.code
        );
    }
}
