//! Validation of a filled-in form against its definition. The app runs it before submitting, the
//! server runs it again on receipt: same code, same verdict, errors named by field.
//!
//! Answers travel in one canonical form (ISO dates, phone digits, trimmed text) so that the same content
//! always hashes the same; [`normalize_answers`] turns what people typed (`令和7年5月1日`, `03-1234-5678`,
//! full-width digits) into it, and [`prepare_submission`] normalises and validates in one step.

use time::Date;

use crate::animal_reports::{self, AnimalReport};
use crate::api::NotificationSubmission;
use crate::dates::{self, DateInputError};
use crate::diseases::{self, Disease};
use crate::error::{FieldError, FieldErrorCode};
use crate::forms::{Answer, Answers, Field, FieldKind, FormDefinition, FormRef, FormRule, Wrong};
use crate::i18n::Lang;
use crate::kana;
use crate::phone::{self, PhoneError};
use crate::text;

/// Why a submission was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubmissionError {
    /// The disease is not in the catalog, or not notifiable on the day of submission (before its
    /// `effective_from` or after its `effective_until`); or the animal report is not in its catalog, not
    /// in force, or of another disease.
    UnknownDisease,
    Invalid(Vec<FieldError>),
}

/// Checks a submission; `today` is the current date in Japan (dates after it are refused, and the disease
/// must be notifiable on it).
pub fn validate_submission(
    submission: &NotificationSubmission,
    today: Date,
) -> Result<&'static Disease, SubmissionError> {
    let (disease, form) = submission_form(submission, today)?;
    validate_answers(form, &submission.answers, today).map_err(SubmissionError::Invalid)?;
    Ok(disease)
}

/// Normalises a submission's answers ([`normalize_answers`]) and checks them: the answers to store.
pub fn prepare_submission(
    submission: &NotificationSubmission,
    today: Date,
) -> Result<(&'static Disease, Answers), SubmissionError> {
    let (disease, form) = submission_form(submission, today)?;
    let answers = normalize_answers(form, &submission.answers);
    validate_answers(form, &answers, today).map_err(SubmissionError::Invalid)?;
    Ok((disease, answers))
}

/// The disease and the form a submission is filled in on ([`notification_form`]), both of which must
/// be in force `today`.
pub fn submission_form(
    submission: &NotificationSubmission,
    today: Date,
) -> Result<(&'static Disease, &'static FormDefinition), SubmissionError> {
    notification_form(&submission.disease, submission.animal_report.as_deref())
        .filter(|found| found.is_notifiable_on(today))
        .map(|found| (found.disease, found.form.definition()))
        .ok_or(SubmissionError::UnknownDisease)
}

/// What a notification is filled in on: its disease, the animal report's pair if any, and the form.
#[derive(Debug, Clone, Copy)]
pub struct NotificationForm {
    pub disease: &'static Disease,
    pub animal_report: Option<&'static AnimalReport>,
    pub form: FormRef,
}

impl NotificationForm {
    /// The disease, and the pair of an animal report, are notifiable on `day`.
    pub fn is_notifiable_on(&self, day: Date) -> bool {
        self.disease.is_notifiable_on(day) && self.animal_report.is_none_or(|report| report.is_notifiable_on(day))
    }

    /// The catalog code that names the form: the pair's for an animal report, else the disease's.
    pub fn code(&self) -> &'static str {
        self.animal_report.map_or(self.disease.code, |report| report.code)
    }
}

/// Which form a notification of `disease_code` uses (the one rule for intake, exports and screens):
/// for an animal report (N-7) the veterinarian's form of its pair, which must be of that disease;
/// otherwise the disease's own. `None`: the catalogs know no such disease or pair.
pub fn notification_form(disease_code: &str, animal_report: Option<&str>) -> Option<NotificationForm> {
    let disease = diseases::find(disease_code)?;
    match animal_report {
        None => Some(NotificationForm { disease, animal_report: None, form: disease.form }),
        Some(code) => animal_reports::find(code)
            .filter(|report| report.disease_code == disease.code)
            .map(|report| NotificationForm { disease, animal_report: Some(report), form: report.form }),
    }
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
        if let Err(problem) = check_field(field, answers, today) {
            errors.push(problem.into_error(field));
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

/// Rewrites answers into their canonical form: dates typed in any accepted form (V-3) as ISO, phone
/// numbers (V-2) as digits, numbers and choices trimmed with full-width digits made ASCII, text trimmed
/// with CRLF line breaks as LF. Blank answers are dropped; answers that cannot be read are kept as they
/// are, for validation to report.
pub fn normalize_answers(form: &FormDefinition, answers: &Answers) -> Answers {
    answers
        .iter()
        .filter(|(_, answer)| !is_blank(answer))
        .map(|(id, answer)| {
            let kind = form.field(id).map(|field| &field.kind);
            (id.clone(), normalize_answer(kind, answer))
        })
        .collect()
}

fn normalize_answer(kind: Option<&FieldKind>, answer: &Answer) -> Answer {
    let Answer::One(value) = answer else {
        return answer.clone();
    };
    let normalized = match kind {
        Some(FieldKind::Date) => {
            dates::parse_date_input(value).map(dates::iso).unwrap_or_else(|_| value.trim().to_owned())
        }
        Some(FieldKind::Phone) => phone::parse_phone(value)
            .map(|number| number.digits().to_owned())
            .unwrap_or_else(|_| value.trim().to_owned()),
        Some(FieldKind::Integer { .. }) => ascii_digits(value.trim()),
        Some(FieldKind::Text { .. }) => value.trim().replace("\r\n", "\n"),
        Some(FieldKind::Kana { .. }) => kana::normalize(value),
        _ => value.trim().to_owned(),
    };
    Answer::One(normalized)
}

/// Full-width digits and minus sign to ASCII.
fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '－' | '−' => '-',
            _ => c,
        })
        .collect()
}

/// A field's problem: its code, and a message more precise than the code's own where there is one
/// (the refused character, the era's end).
struct Problem {
    code: FieldErrorCode,
    detail: Option<String>,
}

impl From<FieldErrorCode> for Problem {
    fn from(code: FieldErrorCode) -> Self {
        Self { code, detail: None }
    }
}

impl Problem {
    fn with_detail(code: FieldErrorCode, detail: String) -> Self {
        Self { code, detail: Some(detail) }
    }

    fn into_error(self, field: &Field) -> FieldError {
        let message = match self.detail {
            Some(detail) => detail,
            None => self.code.message(Lang::Ja).to_owned(),
        };
        FieldError { field: field.id.to_owned(), code: self.code, message: format!("{}：{message}", field.label.ja) }
    }
}

fn field_error(field: &Field, code: FieldErrorCode) -> FieldError {
    Problem::from(code).into_error(field)
}

fn check_field(field: &Field, answers: &Answers, today: Date) -> Result<(), Problem> {
    let answer = answers.get(field.id).filter(|answer| !is_blank(answer));
    match (answer, field.is_shown(answers)) {
        (None, true) if field.required => Err(FieldErrorCode::Required.into()),
        (None, _) => Ok(()),
        (Some(_), false) => Err(FieldErrorCode::NotApplicable.into()),
        (Some(answer), true) => check_value(&field.kind, answer, today),
    }
}

fn is_blank(answer: &Answer) -> bool {
    match answer {
        Answer::One(value) => value.trim().is_empty(),
        Answer::Many(values) => values.is_empty(),
    }
}

fn check_value(kind: &FieldKind, answer: &Answer, today: Date) -> Result<(), Problem> {
    match (kind, answer) {
        (FieldKind::Text { max_chars, multiline }, Answer::One(text)) => check_text(text, *max_chars, *multiline),
        (FieldKind::Kana { max_chars }, Answer::One(text)) => check_kana(text, *max_chars),
        (FieldKind::Date, Answer::One(text)) => match parse_date(text) {
            None => Err(date_problem(text)),
            Some(date) if date > today => Err(FieldErrorCode::DateInFuture.into()),
            Some(_) => Ok(()),
        },
        (FieldKind::Phone, Answer::One(text)) => check_phone(text),
        (FieldKind::Integer { min, max }, Answer::One(text)) => match text.trim().parse::<i64>() {
            Err(_) => Err(FieldErrorCode::InvalidNumber.into()),
            Ok(number) if number < *min || number > *max => Err(FieldErrorCode::OutOfRange.into()),
            Ok(_) => Ok(()),
        },
        (FieldKind::Choice { options }, Answer::One(value)) => {
            if options.iter().any(|option| option.value == value) {
                Ok(())
            } else {
                Err(FieldErrorCode::InvalidChoice.into())
            }
        }
        (FieldKind::MultiChoice { options }, Answer::Many(values)) => {
            if !values.iter().all(|value| options.iter().any(|option| option.value == value)) {
                Err(FieldErrorCode::InvalidChoice.into())
            } else if values.iter().enumerate().any(|(i, value)| values[..i].contains(value)) {
                Err(FieldErrorCode::DuplicateChoice.into())
            } else {
                Ok(())
            }
        }
        _ => Err(FieldErrorCode::InvalidValue.into()),
    }
}

fn check_text(text: &str, max_chars: usize, multiline: bool) -> Result<(), Problem> {
    if text.chars().count() > max_chars {
        return Err(FieldErrorCode::TooLong.into());
    }
    let refused = text::disallowed(text, multiline);
    if refused.is_empty() {
        Ok(())
    } else {
        Err(Problem::with_detail(FieldErrorCode::InvalidCharacters, text::refusal_message(&refused)))
    }
}

fn check_kana(text: &str, max_chars: usize) -> Result<(), Problem> {
    if text.chars().count() > max_chars {
        return Err(FieldErrorCode::TooLong.into());
    }
    let refused = kana::not_katakana(text);
    if refused.is_empty() {
        Ok(())
    } else {
        Err(Problem::with_detail(FieldErrorCode::NotKatakana, kana::refusal_message(&refused)))
    }
}

/// Why a stored date is not ISO: an era date outside its era gets its own message, anything else (an
/// unnormalised but readable date included) the ISO format's.
fn date_problem(text: &str) -> Problem {
    match dates::parse_date_input(text) {
        Err(DateInputError::OutsideEra(era)) => {
            let range = match era.last_day() {
                Some(last) => format!("{}から{}まで", dates::iso(era.first_day()), dates::iso(last)),
                None => format!("{}から", dates::iso(era.first_day())),
            };
            Problem::with_detail(
                FieldErrorCode::InvalidEraDate,
                format!("{}にこの日付はありません（{}は{}です）。", era.name(), era.name(), range),
            )
        }
        _ => FieldErrorCode::InvalidDate.into(),
    }
}

fn check_phone(text: &str) -> Result<(), Problem> {
    match phone::parse_phone(text) {
        Ok(_) => Ok(()),
        Err(PhoneError::Foreign) => Err(FieldErrorCode::ForeignPhoneNumber.into()),
        Err(PhoneError::InvalidCharacter(c)) => Err(Problem::with_detail(
            FieldErrorCode::InvalidPhoneNumber,
            format!("{}は電話番号に使用できません。", text::describe(c)),
        )),
        Err(PhoneError::WrongLength { expected, actual }) => Err(Problem::with_detail(
            FieldErrorCode::InvalidPhoneNumber,
            format!("この番号は{expected}桁のはずですが、{actual}桁です。"),
        )),
        Err(PhoneError::Empty | PhoneError::NotJapanese) => Err(FieldErrorCode::InvalidPhoneNumber.into()),
    }
}

/// Parses an ISO calendar date, `YYYY-MM-DD`: the form dates are stored in. For what people type, see
/// [`crate::dates::parse_date_input`].
pub fn parse_date(text: &str) -> Option<Date> {
    crate::dates::parse_iso(text.trim())
}

/// Full years between two dates (the age on `at` of someone born on `birth`).
pub fn age_on(birth: Date, at: Date) -> i32 {
    let had_birthday = (at.month() as u8, at.day()) >= (birth.month() as u8, birth.day());
    at.year() - birth.year() - i32::from(!had_birthday)
}

/// Full months between two dates (the age in months on `at` of someone born on `birth`).
pub fn months_on(birth: Date, at: Date) -> i32 {
    let months = (at.year() - birth.year()) * 12 + i32::from(at.month() as u8) - i32::from(birth.month() as u8);
    months - i32::from(at.day() < birth.day())
}

/// The ages a form computes instead of asking (the age at diagnosis follows from the birth and
/// diagnosis dates): `(field, value)` for each `AgeAt` and `MonthsAt` rule whose two dates are valid and
/// in order and whose field applies (the months of an infant only at age 0).
pub fn computed_ages(form: &FormDefinition, answers: &Answers) -> Vec<(&'static str, i32)> {
    let mut filled = answers.clone();
    let mut computed = Vec::new();
    for rule in form.rules {
        let (field, birth, at, in_years) = match *rule {
            FormRule::AgeAt { age, birth, at } => (age, birth, at, true),
            FormRule::MonthsAt { months, birth, at } => (months, birth, at, false),
            _ => continue,
        };
        let date = |id: &str| match filled.get(id) {
            Some(Answer::One(text)) => parse_date(text),
            _ => None,
        };
        let (Some(birth), Some(at)) = (date(birth), date(at)) else { continue };
        let applies = form.field(field).is_some_and(|field| field.is_shown(&filled));
        if birth > at || !applies {
            continue;
        }
        let value = if in_years { age_on(birth, at) } else { months_on(birth, at) };
        filled.insert(field.to_owned(), Answer::One(value.to_string()));
        computed.push((field, value));
    }
    computed
}

/// `answers` with the computed ages ([`computed_ages`]) in place of whatever was there.
pub fn with_computed_ages(form: &FormDefinition, answers: &Answers) -> Answers {
    let mut filled = answers.clone();
    for (field, value) in computed_ages(form, answers) {
        filled.insert(field.to_owned(), Answer::One(value.to_string()));
    }
    filled
}

fn check_rule(form: &FormDefinition, rule: &FormRule, answers: &Answers, errors: &[FieldError]) -> Option<FieldError> {
    let valid = |id: &str| !errors.iter().any(|error| error.field == id);
    let date = |id: &str| match answers.get(id) {
        Some(Answer::One(text)) if valid(id) => parse_date(text),
        _ => None,
    };
    let number = |id: &str| match answers.get(id) {
        Some(Answer::One(text)) if valid(id) => text.trim().parse::<i32>().ok(),
        _ => None,
    };
    match *rule {
        FormRule::DateOrder { earlier, later, wrong } => {
            let (first, second) = (date(earlier)?, date(later)?);
            if first <= second {
                return None;
            }
            let (earlier_field, later_field) = (form.field(earlier)?, form.field(later)?);
            let (field, message) = match wrong {
                Wrong::Later => {
                    (later, format!("{}は{}以降の日付にしてください。", later_field.label.ja, earlier_field.label.ja))
                }
                Wrong::Earlier => {
                    (earlier, format!("{}は{}以前の日付にしてください。", earlier_field.label.ja, later_field.label.ja))
                }
            };
            Some(FieldError { field: field.to_owned(), code: FieldErrorCode::DateOrder, message })
        }
        FormRule::AgeAt { age, birth, at } => {
            let stated = number(age)?;
            if age_on(date(birth)?, date(at)?) == stated {
                None
            } else {
                Some(field_error(form.field(age)?, FieldErrorCode::AgeMismatch))
            }
        }
        FormRule::MonthsAt { months, birth, at } => {
            let stated = number(months)?;
            if months_on(date(birth)?, date(at)?) == stated {
                None
            } else {
                Some(field_error(form.field(months)?, FieldErrorCode::AgeMismatch))
            }
        }
        FormRule::Implies { field, values, then, then_equals } => {
            let (Some(Answer::One(given)), Some(then_field)) = (answers.get(field), form.field(then)) else {
                return None;
            };
            if !values.contains(&given.as_str()) || !valid(then) {
                return None;
            }
            match answers.get(then) {
                Some(Answer::One(answer)) if answer == then_equals => None,
                // An unanswered required field is already reported as missing.
                None => None,
                Some(_) => {
                    let cause = form.field(field)?;
                    Some(FieldError {
                        field: then.to_owned(),
                        code: FieldErrorCode::Inconsistent,
                        message: format!("{}：{}の回答と矛盾しています。", then_field.label.ja, cause.label.ja),
                    })
                }
            }
        }
    }
}
