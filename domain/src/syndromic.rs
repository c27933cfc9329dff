//! 疑似症サーベイランス (SPEC S-3; 施行規則第6条第2項, in force 2019-04-01) as pure rules: the symptom
//! groups and care of the definition, the check of one report (run by the app before sending and by
//! the server on receipt), and the health center's workflow (accept, return).
//!
//! The definition (shared/reference/sentinel-surveillance.md e.2): 発熱、呼吸器症状、発しん、消化器症状又は
//! 神経症状その他感染症を疑わせるような症状のうち、医師が…集中治療その他これに準ずるものが必要であり、かつ、
//! 直ちに特定の感染症と診断することができないと判断したもの. Only an institution designated for it
//! (`SentinelType::Syndromic`) reports, immediately, one report per patient.

use serde::{Deserialize, Serialize};
use time::macros::date;
use time::{Date, OffsetDateTime};

use crate::api::{
    Designation, Entered, NotificationStatus, Role, SyndromicContent, SyndromicSubmission, WorkflowAction,
};
use crate::error::{FieldError, FieldErrorCode};
use crate::i18n::Text;
use crate::sentinel::catalog::{AgeBand, SentinelType, HOSPITALIZATION_12};
use crate::sentinel::check::field_error;
use crate::validation::parse_date;
use crate::workflow::{check_note, waiting_longer_than, Workflow, URGENT_REVIEW_WINDOW};

/// The day 施行規則第6条第2項 came into force: no 疑似症 report is diagnosed before it.
pub const IN_FORCE_FROM: Date = date!(2019 - 04 - 01);

/// The age bands of the report. [unverified] The 運用ガイダンス (第三版) form's age item is not in the
/// facts; 入院サーベイランス's bands (e.1) are used until it is confirmed.
pub const AGE_BANDS: &[AgeBand] = HOSPITALIZATION_12;

/// A symptom group of the definition.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumIter,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SymptomGroup {
    /// 発熱
    Fever,
    /// 呼吸器症状
    Respiratory,
    /// 発しん
    Rash,
    /// 消化器症状
    Gastrointestinal,
    /// 神経症状
    Neurological,
    /// その他感染症を疑わせるような症状 (described in the note).
    Other,
}

impl SymptomGroup {
    /// In the definition's order, as forms offer them.
    pub const ALL: [Self; 6] =
        [Self::Fever, Self::Respiratory, Self::Rash, Self::Gastrointestinal, Self::Neurological, Self::Other];

    pub fn label(self) -> Text {
        match self {
            Self::Fever => Text::new("発熱", "Fever"),
            Self::Respiratory => Text::new("呼吸器症状", "Respiratory symptoms"),
            Self::Rash => Text::new("発しん", "Rash"),
            Self::Gastrointestinal => Text::new("消化器症状", "Gastrointestinal symptoms"),
            Self::Neurological => Text::new("神経症状", "Neurological symptoms"),
            Self::Other => Text::new("その他（備考に記入）", "Other (describe in the note)"),
        }
    }

    /// The code of the group's 疑似症 series in the alarm run (in place of a disease code): a report
    /// counts in the series of each group it names.
    pub fn series_code(self) -> &'static str {
        match self {
            Self::Fever => "syndromic_fever",
            Self::Respiratory => "syndromic_respiratory",
            Self::Rash => "syndromic_rash",
            Self::Gastrointestinal => "syndromic_gastrointestinal",
            Self::Neurological => "syndromic_neurological",
            Self::Other => "syndromic_other",
        }
    }

    /// The name of the group's 疑似症 series.
    pub fn series_name(self) -> Text {
        match self {
            Self::Fever => Text::new("疑似症（発熱）", "Syndromic: fever"),
            Self::Respiratory => Text::new("疑似症（呼吸器症状）", "Syndromic: respiratory symptoms"),
            Self::Rash => Text::new("疑似症（発しん）", "Syndromic: rash"),
            Self::Gastrointestinal => Text::new("疑似症（消化器症状）", "Syndromic: gastrointestinal symptoms"),
            Self::Neurological => Text::new("疑似症（神経症状）", "Syndromic: neurological symptoms"),
            Self::Other => Text::new("疑似症（その他の症状）", "Syndromic: other symptoms"),
        }
    }
}

/// 集中治療その他これに準ずるもの: the care the patient needs. The definition requires one, so a report
/// always names which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumIter)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum IntensiveCare {
    /// 集中治療 (ICU 等)
    Icu,
    /// これに準ずる治療
    Equivalent,
}

impl IntensiveCare {
    pub const ALL: [Self; 2] = [Self::Icu, Self::Equivalent];

    pub fn label(self) -> Text {
        match self {
            Self::Icu => Text::new("集中治療（ICU等）", "Intensive care (ICU etc.)"),
            Self::Equivalent => Text::new("集中治療に準ずる治療", "Care equivalent to intensive care"),
        }
    }
}

/// Checks a report of an institution with `designations`, `today` being the date in Japan. Every
/// problem is reported at once, each at its field (`symptoms[1]`, `diagnosed_on`, …).
pub fn check_report(
    submission: &SyndromicSubmission,
    designations: &[Designation],
    today: Date,
) -> Result<SyndromicContent, Vec<FieldError>> {
    let mut errors = Vec::new();
    let symptoms = check_symptoms(&submission.symptoms, &mut errors);
    if !AGE_BANDS.iter().any(|band| band.code == submission.age_band) {
        errors.push(field_error("age_band", FieldErrorCode::NotInCatalog));
    }
    let sex = valid(&submission.sex, "sex", &mut errors);
    let intensive_care = valid(&submission.intensive_care, "intensive_care", &mut errors);
    let diagnosed_on = check_diagnosis_day(&submission.diagnosed_on, designations, today, &mut errors);
    let onset_on = check_onset(submission.onset_on.as_deref(), diagnosed_on.unwrap_or(today), &mut errors);
    let note = check_free_text(&submission.note, symptoms.contains(&SymptomGroup::Other), &mut errors);
    match (sex, intensive_care, diagnosed_on) {
        (Some(sex), Some(intensive_care), Some(diagnosed_on)) if errors.is_empty() => Ok(SyndromicContent {
            symptoms,
            age_band: submission.age_band.clone(),
            sex,
            onset_on,
            diagnosed_on,
            intensive_care,
            note,
        }),
        _ => Err(errors),
    }
}

/// At least one group, each once, in catalog order.
fn check_symptoms(entered: &[Entered<SymptomGroup>], errors: &mut Vec<FieldError>) -> Vec<SymptomGroup> {
    if entered.is_empty() {
        errors.push(field_error("symptoms", FieldErrorCode::Required));
    }
    let mut symptoms = Vec::new();
    for (index, symptom) in entered.iter().enumerate() {
        let field = format!("symptoms[{index}]");
        match valid(symptom, &field, errors) {
            Some(group) if symptoms.contains(&group) => {
                errors.push(field_error(&field, FieldErrorCode::DuplicateChoice))
            }
            Some(group) => symptoms.push(group),
            None => {}
        }
    }
    symptoms.sort_unstable();
    symptoms
}

fn valid<T: Copy>(entered: &Entered<T>, field: &str, errors: &mut Vec<FieldError>) -> Option<T> {
    match entered {
        Entered::Valid(value) => Some(*value),
        Entered::Invalid(value) => {
            let code = if value.is_null() { FieldErrorCode::Required } else { FieldErrorCode::InvalidChoice };
            errors.push(field_error(field, code));
            None
        }
    }
}

/// The diagnosis: a date, not after today, not before the rule, on a day the institution was
/// designated for 疑似症.
fn check_diagnosis_day(
    text: &str,
    designations: &[Designation],
    today: Date,
    errors: &mut Vec<FieldError>,
) -> Option<Date> {
    let field = "diagnosed_on";
    let Some(day) = parse_date(text.trim()) else {
        let code = if text.trim().is_empty() { FieldErrorCode::Required } else { FieldErrorCode::InvalidDate };
        errors.push(field_error(field, code));
        return None;
    };
    let designated = designations
        .iter()
        .any(|designation| designation.sentinel_type == SentinelType::Syndromic && designation.covers(day, day));
    let problem = if day > today {
        Some(FieldErrorCode::DateInFuture)
    } else if day < IN_FORCE_FROM {
        Some(FieldErrorCode::OutOfRange)
    } else if !designated {
        Some(FieldErrorCode::NotDesignated)
    } else {
        None
    };
    match problem {
        Some(code) => {
            errors.push(field_error(field, code));
            None
        }
        None => Some(day),
    }
}

/// The onset, when given: a date not after the diagnosis (V-3) nor today.
fn check_onset(text: Option<&str>, diagnosed_on: Date, errors: &mut Vec<FieldError>) -> Option<Date> {
    let text = text.map(str::trim).filter(|text| !text.is_empty())?;
    let problem = match parse_date(text) {
        None => FieldErrorCode::InvalidDate,
        Some(day) if day > diagnosed_on => FieldErrorCode::DateOrder,
        Some(day) => return Some(day),
    };
    errors.push(field_error("onset_on", problem));
    None
}

/// The note: optional, but required to describe `other` symptoms; the rules of a workflow note.
fn check_free_text(text: &str, required: bool, errors: &mut Vec<FieldError>) -> Option<String> {
    if text.trim().is_empty() && !required {
        return None;
    }
    check_note("note", text).map_err(|error| errors.push(error)).ok()
}

/// Overdue: waiting for the health center longer than a 直ちに notification may.
pub fn is_overdue(status: NotificationStatus, received_at: OffsetDateTime, now: OffsetDateTime) -> bool {
    waiting_longer_than(URGENT_REVIEW_WINDOW, status, received_at, now)
}

/// The health center's workflow on a 疑似症 report: it accepts (受理) or returns (差し戻し, with a
/// comment) what it received; both are final for the report. A returned report is filed again by the
/// institution as a new report (the comment says what to change).
///
/// | from       | accept   | return   |
/// |------------|----------|----------|
/// | `received` | accepted | returned |
/// | taken by   | health center staff | health center staff |
pub struct SyndromicWorkflow;

impl Workflow for SyndromicWorkflow {
    type Status = NotificationStatus;
    type Step = WorkflowAction;
    const STEPS: &'static [WorkflowAction] = &[WorkflowAction::Accepted, WorkflowAction::Returned];

    fn next_status(status: NotificationStatus, step: WorkflowAction) -> Option<NotificationStatus> {
        match (status, step) {
            (NotificationStatus::Received, WorkflowAction::Accepted) => Some(NotificationStatus::Accepted),
            (NotificationStatus::Received, WorkflowAction::Returned) => Some(NotificationStatus::Returned),
            _ => None,
        }
    }

    fn taken_by(step: WorkflowAction, role: Role) -> bool {
        Self::STEPS.contains(&step) && role == Role::HealthCenterStaff
    }
}

/// Whether an account of `role` files 疑似症 reports: the designated institution's 医療機関管理者, as
/// for its sentinel reports. The duty is the institution's (法第14条: 指定届出機関の管理者が届け出る),
/// not the diagnosing doctor's own as for a 発生届 (法第12条).
pub fn files(role: Role) -> bool {
    role == Role::SentinelSiteManager
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Sex;
    use serde_json::json;
    use strum::IntoEnumIterator;

    const TODAY: Date = date!(2026 - 12 - 06);

    fn designated(from: Date) -> Vec<Designation> {
        vec![Designation { sentinel_type: SentinelType::Syndromic, from, until: None }]
    }

    fn submission() -> SyndromicSubmission {
        serde_json::from_value(json!({
            "symptoms": ["neurological", "fever"], "age_band": "5-9y", "sex": "female",
            "onset_on": "2026-12-03", "diagnosed_on": "2026-12-05", "intensive_care": "icu", "note": " 渡航歴なし "
        }))
        .unwrap()
    }

    fn codes(result: Result<SyndromicContent, Vec<FieldError>>) -> Vec<(String, FieldErrorCode)> {
        result.unwrap_err().into_iter().map(|error| (error.field, error.code)).collect()
    }

    #[test]
    fn a_report_in_order_is_kept_in_canonical_form() {
        let content = check_report(&submission(), &designated(IN_FORCE_FROM), TODAY).unwrap();
        assert_eq!(content.symptoms, [SymptomGroup::Fever, SymptomGroup::Neurological]);
        assert_eq!((content.sex, content.intensive_care), (Sex::Female, IntensiveCare::Icu));
        assert_eq!((content.onset_on, content.diagnosed_on), (Some(date!(2026 - 12 - 03)), date!(2026 - 12 - 05)));
        assert_eq!(content.note.as_deref(), Some("渡航歴なし"));
    }

    #[test]
    fn every_problem_is_named_at_its_field() {
        let mut report = submission();
        report.symptoms = vec![Entered::Valid(SymptomGroup::Rash), Entered::Valid(SymptomGroup::Rash)];
        report.symptoms.push(Entered::Invalid(json!("sneezing")));
        report.age_band = "0-5m".into();
        report.sex = Entered::Invalid(json!("other"));
        report.intensive_care = Entered::Invalid(json!(false));
        report.onset_on = Some("2026-12-06".into());
        report.note = "①".into();
        assert_eq!(
            codes(check_report(&report, &designated(IN_FORCE_FROM), TODAY)),
            [
                ("symptoms[1]".to_owned(), FieldErrorCode::DuplicateChoice),
                ("symptoms[2]".to_owned(), FieldErrorCode::InvalidChoice),
                ("age_band".to_owned(), FieldErrorCode::NotInCatalog),
                ("sex".to_owned(), FieldErrorCode::InvalidChoice),
                ("intensive_care".to_owned(), FieldErrorCode::InvalidChoice),
                ("onset_on".to_owned(), FieldErrorCode::DateOrder),
                ("note".to_owned(), FieldErrorCode::InvalidCharacters),
            ]
        );
    }

    #[test]
    fn the_diagnosis_is_not_future_not_before_the_rule_and_in_a_designation() {
        let on = |day: &str, designations: &[Designation]| {
            let report = SyndromicSubmission { diagnosed_on: day.into(), onset_on: None, ..submission() };
            check_report(&report, designations, TODAY)
                .map(|content| content.diagnosed_on)
                .map_err(|errors| errors[0].code)
        };
        let always = designated(date!(2018 - 01 - 01));
        assert_eq!(on("2026-12-06", &always), Ok(TODAY));
        assert_eq!(on("2026-12-07", &always), Err(FieldErrorCode::DateInFuture));
        assert_eq!(on("2019-03-31", &always), Err(FieldErrorCode::OutOfRange));
        assert_eq!(on("2026-02-30", &always), Err(FieldErrorCode::InvalidDate));
        assert_eq!(on(" ", &always), Err(FieldErrorCode::Required));
        let ended = [Designation { until: Some(date!(2026 - 11 - 30)), ..always[0].clone() }];
        assert_eq!(on("2026-12-01", &ended), Err(FieldErrorCode::NotDesignated));
        assert_eq!(on("2026-11-30", &ended), Ok(date!(2026 - 11 - 30)));
        let other_type = [Designation { sentinel_type: SentinelType::Basic, ..always[0].clone() }];
        assert_eq!(on("2026-12-01", &other_type), Err(FieldErrorCode::NotDesignated));
    }

    #[test]
    fn other_symptoms_need_a_note_and_no_symptom_is_refused() {
        let mut report = submission();
        report.symptoms = vec![Entered::Valid(SymptomGroup::Other)];
        report.note = String::new();
        assert_eq!(
            codes(check_report(&report, &designated(IN_FORCE_FROM), TODAY)),
            [("note".to_owned(), FieldErrorCode::Required)]
        );
        report.symptoms.clear();
        report.note = "意識障害".into();
        assert_eq!(
            codes(check_report(&report, &designated(IN_FORCE_FROM), TODAY)),
            [("symptoms".to_owned(), FieldErrorCode::Required)]
        );
    }

    #[test]
    fn health_centers_accept_or_return_what_they_received_and_nobody_else_steps() {
        use NotificationStatus as S;
        use WorkflowAction as A;
        let open = SyndromicWorkflow::steps_open_to;
        assert_eq!(open(Role::HealthCenterStaff, S::Received), [A::Accepted, A::Returned]);
        for status in [S::Returned, S::Accepted] {
            assert_eq!(open(Role::HealthCenterStaff, status), [], "{status:?} is final");
        }
        for role in Role::iter().filter(|role| *role != Role::HealthCenterStaff) {
            assert_eq!(open(role, S::Received), [], "{role:?}");
        }
        assert!(!SyndromicWorkflow::taken_by(A::Transferred, Role::HealthCenterStaff));
        assert!(files(Role::SentinelSiteManager) && !files(Role::Doctor));
    }

    #[test]
    fn a_report_is_overdue_after_a_day_of_waiting() {
        let received = time::macros::datetime!(2026-12-05 00:00 UTC);
        let day = time::Duration::hours(24);
        assert!(!is_overdue(NotificationStatus::Received, received, received + day));
        assert!(is_overdue(NotificationStatus::Received, received, received + day + time::Duration::minutes(1)));
        assert!(!is_overdue(NotificationStatus::Accepted, received, received + day * 3));
        assert_eq!(SymptomGroup::ALL.to_vec(), SymptomGroup::iter().collect::<Vec<_>>());
        assert_eq!(IntensiveCare::ALL.to_vec(), IntensiveCare::iter().collect::<Vec<_>>());
    }
}
