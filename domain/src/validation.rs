//! Validation of a filled-in form against its definition. The app runs it before submitting, the
//! server runs it again on receipt: same code, same verdict, errors named by field.

use time::{macros::format_description, Date};

use crate::api::NotificationSubmission;
use crate::diseases::{self, Disease};
use crate::error::{FieldError, FieldErrorCode};
use crate::forms::{Answer, Answers, Field, FieldKind, FormDefinition, FormRule};
use crate::i18n::Lang;

/// Why a submission was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmissionError {
    UnknownDisease,
    Invalid(Vec<FieldError>),
}

/// Checks a submission; `today` is the current date in Japan (dates after it are refused).
pub fn validate_submission(
    submission: &NotificationSubmission,
    today: Date,
) -> Result<&'static Disease, SubmissionError> {
    let disease = diseases::find(&submission.disease).ok_or(SubmissionError::UnknownDisease)?;
    validate_answers(disease.form, &submission.answers, today).map_err(SubmissionError::Invalid)?;
    Ok(disease)
}

/// Checks every answer against the form and reports every problem at once.
pub fn validate_answers(form: &FormDefinition, answers: &Answers, today: Date) -> Result<(), Vec<FieldError>> {
    let mut errors: Vec<FieldError> = answers
        .keys()
        .filter(|id| form.field(id).is_none())
        .map(|id| FieldError {
            field: id.clone(),
            code: FieldErrorCode::UnknownField,
            message: format!("{id}：{}", FieldErrorCode::UnknownField.message(Lang::Ja)),
        })
        .collect();
    for field in form.fields() {
        if let Err(code) = check_field(field, answers, today) {
            errors.push(field_error(field, code));
        }
    }
    // Cross-field rules only make sense between fields that are individually valid.
    for rule in form.rules {
        if let Some(error) = check_rule(form, rule, answers, &errors) {
            errors.push(error);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn field_error(field: &Field, code: FieldErrorCode) -> FieldError {
    FieldError { field: field.id.to_owned(), code, message: format!("{}：{}", field.label.ja, code.message(Lang::Ja)) }
}

fn check_field(field: &Field, answers: &Answers, today: Date) -> Result<(), FieldErrorCode> {
    let answer = answers.get(field.id).filter(|answer| !is_blank(answer));
    match (answer, field.is_shown(answers)) {
        (None, true) if field.required => Err(FieldErrorCode::Required),
        (None, _) => Ok(()),
        (Some(_), false) => Err(FieldErrorCode::NotApplicable),
        (Some(answer), true) => check_value(&field.kind, answer, today),
    }
}

fn is_blank(answer: &Answer) -> bool {
    match answer {
        Answer::One(value) => value.trim().is_empty(),
        Answer::Many(values) => values.is_empty(),
    }
}

fn check_value(kind: &FieldKind, answer: &Answer, today: Date) -> Result<(), FieldErrorCode> {
    match (kind, answer) {
        (FieldKind::Text { max_chars }, Answer::One(text)) => check_text(text, *max_chars),
        (FieldKind::Date, Answer::One(text)) => match parse_date(text) {
            None => Err(FieldErrorCode::InvalidDate),
            Some(date) if date > today => Err(FieldErrorCode::DateInFuture),
            Some(_) => Ok(()),
        },
        (FieldKind::Integer { min, max }, Answer::One(text)) => match text.trim().parse::<i64>() {
            Err(_) => Err(FieldErrorCode::InvalidNumber),
            Ok(number) if number < *min || number > *max => Err(FieldErrorCode::OutOfRange),
            Ok(_) => Ok(()),
        },
        (FieldKind::Choice { options }, Answer::One(value)) => {
            if options.iter().any(|option| option.value == value) {
                Ok(())
            } else {
                Err(FieldErrorCode::InvalidChoice)
            }
        }
        (FieldKind::MultiChoice { options }, Answer::Many(values)) => {
            if !values.iter().all(|value| options.iter().any(|option| option.value == value)) {
                Err(FieldErrorCode::InvalidChoice)
            } else if values.iter().enumerate().any(|(i, value)| values[..i].contains(value)) {
                Err(FieldErrorCode::DuplicateChoice)
            } else {
                Ok(())
            }
        }
        _ => Err(FieldErrorCode::InvalidValue),
    }
}

fn check_text(text: &str, max_chars: usize) -> Result<(), FieldErrorCode> {
    if text.chars().count() > max_chars {
        Err(FieldErrorCode::TooLong)
    } else if text.chars().any(char::is_control) {
        Err(FieldErrorCode::InvalidCharacters)
    } else {
        Ok(())
    }
}

/// Parses an ISO calendar date, `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<Date> {
    Date::parse(text.trim(), format_description!("[year]-[month]-[day]")).ok()
}

/// Full years between two dates (the age on `at` of someone born on `birth`).
pub fn age_on(birth: Date, at: Date) -> i32 {
    let had_birthday = (at.month() as u8, at.day()) >= (birth.month() as u8, birth.day());
    at.year() - birth.year() - i32::from(!had_birthday)
}

fn check_rule(form: &FormDefinition, rule: &FormRule, answers: &Answers, errors: &[FieldError]) -> Option<FieldError> {
    let valid = |id: &str| !errors.iter().any(|error| error.field == id);
    let date = |id: &str| match answers.get(id) {
        Some(Answer::One(text)) if valid(id) => parse_date(text),
        _ => None,
    };
    match *rule {
        FormRule::DateOrder { earlier, later } => {
            let (first, second) = (date(earlier)?, date(later)?);
            if first <= second {
                return None;
            }
            let (earlier_field, later_field) = (form.field(earlier)?, form.field(later)?);
            Some(FieldError {
                field: later.to_owned(),
                code: FieldErrorCode::DateOrder,
                message: format!("{}は{}以降の日付にしてください。", later_field.label.ja, earlier_field.label.ja),
            })
        }
        FormRule::AgeAt { age, birth, at } => {
            let stated = match answers.get(age) {
                Some(Answer::One(text)) if valid(age) => text.trim().parse::<i32>().ok()?,
                _ => return None,
            };
            if age_on(date(birth)?, date(at)?) == stated {
                None
            } else {
                Some(field_error(form.field(age)?, FieldErrorCode::AgeMismatch))
            }
        }
    }
}
