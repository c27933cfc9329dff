//! ID management (ID管理, issue 19) as pure rules: the workflows of a case, a contact and a health
//! observation (who takes which step in which status, as `crate::workflow`'s [`Workflow`]), the
//! observation period a disease asks for, the checks of what a health center records (investigation
//! entries, contacts, periods, items) and of a day's report (temperature 34–43 ℃, symptoms from the
//! observation's items, dates inside the period), and the follow-up list's flags.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime};

use crate::api::{
    FollowUpRow, NewContact, NewInvestigationEntry, NewObservationReport, ObservationItems, ObservationReport,
    ObservationSummary, Role,
};
use crate::error::{FieldError, FieldErrorCode};
use crate::forms::{ChoiceOption, FieldKind};
use crate::i18n::Text;
use crate::workflow::{check_note, Workflow};

macro_rules! column_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString,
            strum::EnumIter,
        )]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        #[strum(serialize_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),* }
    };
}

column_enum!(
    /// Where a case's investigation stands.
    CaseStatus {
        /// 調査中
        Investigating,
        /// 終了: closed with a reason.
        Closed,
    }
);

column_enum!(
    /// A step on a case.
    CaseStep {
        AddEntry,
        AddContact,
        /// Health observation of the case or of one of its contacts.
        StartObservation,
        Close,
    }
);

column_enum!(
    /// Where a contact stands.
    ContactStatus {
        /// 接触者として把握
        Listed,
        /// Became a case (link kept on both sides).
        BecameCase,
        /// 終了: no longer followed (observation over without illness, not a contact after all…), with
        /// a reason; final.
        Closed,
    }
);

column_enum!(
    /// A step on a contact.
    ContactStep {
        BecomeCase,
        Close,
    }
);

column_enum!(
    /// Where a health observation stands.
    ObservationStatus {
        /// 健康観察中
        Active,
        /// 終了: closed with a reason.
        Closed,
    }
);

column_enum!(
    /// A step on a health observation.
    ObservationStep {
        /// A report taken by telephone by the staff.
        RecordReport,
        /// Sending or revoking the subject's personal link.
        ManageLink,
        Close,
    }
);

column_enum!(
    /// What an investigation entry is about.
    EntryKind {
        /// 行動歴 (by date)
        Behaviour,
        /// 立ち寄り先
        Place,
        /// 曝露・感染機会
        Exposure,
        /// 重症度
        Severity,
        /// 転帰
        Outcome,
    }
);

column_enum!(
    /// How a contact knows the case.
    ContactRelation {
        Household,
        Workplace,
        School,
        Healthcare,
        Social,
        Other,
    }
);

column_enum!(
    /// 濃厚接触者 or other contact.
    ContactType {
        Close,
        Casual,
    }
);

column_enum!(
    /// How a subject's personal link is sent.
    LinkChannel {
        Sms,
        Email,
    }
);

column_enum!(
    /// How a report reached the health center.
    ReportChannel {
        /// The subject's own link.
        Link,
        /// Taken by telephone by the staff.
        Telephone,
    }
);

column_enum!(
    /// The follow-up list's 状態 filter: which rows need what.
    Attention {
        /// Fever or a symptom: a call.
        NeedsCall,
        Fever,
        Symptoms,
        /// Not reported on the day.
        NotReported,
        EndsToday,
    }
);

impl EntryKind {
    /// Behaviour, places and exposures are dated; severity and outcome may be.
    pub fn needs_date(self) -> bool {
        matches!(self, Self::Behaviour | Self::Place | Self::Exposure)
    }

    pub fn label(self) -> Text {
        match self {
            Self::Behaviour => Text::new("行動歴", "Behaviour"),
            Self::Place => Text::new("立ち寄り先", "Place"),
            Self::Exposure => Text::new("曝露", "Exposure"),
            Self::Severity => Text::new("重症度", "Severity"),
            Self::Outcome => Text::new("転帰", "Outcome"),
        }
    }
}

/// Only the staff of the health center responsible work on cases, contacts and observations;
/// whose case it is is `server/src/access.rs`'s rule.
fn health_center_work(role: Role) -> bool {
    role == Role::HealthCenterStaff
}

/// The case workflow: entries and contacts are added while it is investigated; closing it is final.
///
/// | from | add entry | add contact | start observation | close |
/// |---|---|---|---|---|
/// | investigating | investigating | investigating | investigating | closed |
/// | closed | – | – | – | – |
pub struct CaseWorkflow;

impl Workflow for CaseWorkflow {
    type Status = CaseStatus;
    type Step = CaseStep;
    const STEPS: &'static [CaseStep] =
        &[CaseStep::AddEntry, CaseStep::AddContact, CaseStep::StartObservation, CaseStep::Close];

    fn next_status(status: CaseStatus, step: CaseStep) -> Option<CaseStatus> {
        match (status, step) {
            (CaseStatus::Investigating, CaseStep::Close) => Some(CaseStatus::Closed),
            (CaseStatus::Investigating, _) => Some(CaseStatus::Investigating),
            (CaseStatus::Closed, _) => None,
        }
    }

    fn taken_by(_step: CaseStep, role: Role) -> bool {
        health_center_work(role)
    }
}

/// The contact workflow: a listed contact becomes a case, once, or is closed with a reason; either
/// is final.
///
/// | from | become case | close |
/// |---|---|---|
/// | listed | became case | closed |
/// | became case, closed | – | – |
pub struct ContactWorkflow;

impl Workflow for ContactWorkflow {
    type Status = ContactStatus;
    type Step = ContactStep;
    const STEPS: &'static [ContactStep] = &[ContactStep::BecomeCase, ContactStep::Close];

    fn next_status(status: ContactStatus, step: ContactStep) -> Option<ContactStatus> {
        match (status, step) {
            (ContactStatus::Listed, ContactStep::BecomeCase) => Some(ContactStatus::BecameCase),
            (ContactStatus::Listed, ContactStep::Close) => Some(ContactStatus::Closed),
            (ContactStatus::BecameCase | ContactStatus::Closed, _) => None,
        }
    }

    fn taken_by(_step: ContactStep, role: Role) -> bool {
        health_center_work(role)
    }
}

/// The observation workflow: reports are recorded while it runs; closing it is final.
pub struct ObservationWorkflow;

impl Workflow for ObservationWorkflow {
    type Status = ObservationStatus;
    type Step = ObservationStep;
    const STEPS: &'static [ObservationStep] =
        &[ObservationStep::RecordReport, ObservationStep::ManageLink, ObservationStep::Close];

    fn next_status(status: ObservationStatus, step: ObservationStep) -> Option<ObservationStatus> {
        match (status, step) {
            (ObservationStatus::Active, ObservationStep::RecordReport | ObservationStep::ManageLink) => {
                Some(ObservationStatus::Active)
            }
            (ObservationStatus::Active, ObservationStep::Close) => Some(ObservationStatus::Closed),
            (ObservationStatus::Closed, _) => None,
        }
    }

    fn taken_by(_step: ObservationStep, role: Role) -> bool {
        health_center_work(role)
    }
}

/// Days of health observation after the last exposure: the longest incubation period the guidance
/// uses for the disease (麻しん・風しん 21日, 一類 21日, MERS 14日, 新型コロナ 7日); 14 days otherwise.
/// [unverified] per-disease periods other than these are not in the facts; the default applies.
pub fn observation_days(disease: &str) -> i64 {
    match disease {
        "measles"
        | "rubella"
        | "ebola"
        | "marburg"
        | "lassa_fever"
        | "crimean_congo_hemorrhagic_fever"
        | "south_american_hemorrhagic_fever"
        | "smallpox"
        | "mpox" => 21,
        "novel_coronavirus" => 7,
        "novel_influenza" | "avian_influenza_h5n1" | "avian_influenza_h7n9" => 10,
        _ => 14,
    }
}

/// The default period of a disease's observation starting on `from` (a contact: the day after the
/// last exposure; a case: the day it starts), `observation_days` long, both ends included.
pub fn default_period(disease: &str, from: Date) -> (Date, Date) {
    (from, from + Duration::days(observation_days(disease) - 1))
}

/// When a subject's link of an observation ending on `ends_on` stops working: the end of the day
/// after the period, in Japan.
pub fn link_valid_until(ends_on: Date) -> OffsetDateTime {
    time::PrimitiveDateTime::new(ends_on + Duration::days(2), time::Time::MIDNIGHT).assume_offset(crate::jst::JST)
}

/// The longest period a health center may set.
pub const MAX_PERIOD_DAYS: i64 = 60;

/// Temperatures are kept in tenths of a degree; fever from 37.5 ℃.
pub const FEVER_FROM_TENTHS: i32 = 375;
const TEMPERATURE_TENTHS: std::ops::RangeInclusive<i32> = 340..=430;

/// Longest name and free text.
pub const NAME_MAX_CHARS: usize = 100;
pub const REPORT_NOTE_MAX_CHARS: usize = 500;

fn error(field: &str, code: FieldErrorCode) -> FieldError {
    FieldError { field: field.to_owned(), code, message: code.message(crate::i18n::Lang::Ja).to_owned() }
}

fn not_in_future(field: &str, day: Date, today: Date) -> Result<(), FieldError> {
    if day > today {
        Err(error(field, FieldErrorCode::DateInFuture))
    } else {
        Ok(())
    }
}

/// A text answer: V-1 characters, at most `max` (on one line unless `multiline`), trimmed.
fn check_text(field: &str, text: &str, max: usize) -> Result<String, FieldError> {
    let checked = check_note(field, text)?;
    if checked.chars().count() > max {
        return Err(error(field, FieldErrorCode::TooLong));
    }
    Ok(checked)
}

/// An investigation entry: text required, dated for behaviour, places and exposures, never in the future.
pub fn check_entry(entry: &NewInvestigationEntry, today: Date) -> Result<NewInvestigationEntry, Vec<FieldError>> {
    let mut errors = Vec::new();
    match entry.on_date {
        None if entry.kind.needs_date() => errors.push(error("on_date", FieldErrorCode::Required)),
        Some(day) => errors.extend(not_in_future("on_date", day, today).err()),
        None => {}
    }
    let text = check_text("text", &entry.text, crate::workflow::NOTE_MAX_CHARS).map_err(|e| errors.push(e)).ok();
    match text {
        Some(text) if errors.is_empty() => Ok(NewInvestigationEntry { text, ..entry.clone() }),
        _ => Err(errors),
    }
}

/// A contact: a name, a last exposure not in the future, a birth date not after it, a Japanese phone
/// number and a plausible e-mail address when given. Returns it normalised (phone as digits).
pub fn check_contact(contact: &NewContact, today: Date) -> Result<NewContact, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = check_text("name", &contact.name, NAME_MAX_CHARS).map_err(|e| errors.push(e)).ok();
    errors.extend(not_in_future("last_exposure", contact.last_exposure, today).err());
    if contact.birth_date.is_some_and(|birth| birth > contact.last_exposure) {
        errors.push(error("birth_date", FieldErrorCode::DateOrder));
    }
    let phone = contact.phone.as_deref().filter(|p| !p.trim().is_empty()).map(|typed| {
        crate::phone::parse_phone(typed).map(|number| number.digits().to_owned()).map_err(|_| {
            errors.push(error("phone", FieldErrorCode::InvalidPhoneNumber));
        })
    });
    let email = contact.email.as_deref().filter(|e| !e.trim().is_empty()).map(|typed| {
        crate::email::normalize(typed).ok_or_else(|| errors.push(error("email", FieldErrorCode::InvalidValue)))
    });
    match name {
        Some(name) if errors.is_empty() => Ok(NewContact {
            name,
            phone: phone.and_then(Result::ok),
            email: email.and_then(Result::ok),
            ..contact.clone()
        }),
        _ => Err(errors),
    }
}

/// The symptom list of a disease: its notification form's `symptoms` options.
pub fn disease_symptoms(disease: &str) -> &'static [ChoiceOption] {
    let field = crate::diseases::find(disease).and_then(|disease| disease.form.definition().field("symptoms"));
    match field.map(|field| &field.kind) {
        Some(FieldKind::MultiChoice { options }) => options,
        _ => &[],
    }
}

/// The items of an observation: symptoms from the disease's list, each once; something to report.
pub fn check_items(disease: &str, items: &ObservationItems) -> Result<(), Vec<FieldError>> {
    let known = disease_symptoms(disease);
    let mut errors = Vec::new();
    for (index, symptom) in items.symptoms.iter().enumerate() {
        if !known.iter().any(|option| option.value == symptom) {
            errors.push(error("items.symptoms", FieldErrorCode::InvalidChoice));
        } else if items.symptoms[..index].contains(symptom) {
            errors.push(error("items.symptoms", FieldErrorCode::DuplicateChoice));
        }
    }
    if !items.temperature && items.symptoms.is_empty() && !items.free_text {
        errors.push(error("items", FieldErrorCode::Required));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// A period set by the health center: it ends on or after its start, and lasts at most
/// [`MAX_PERIOD_DAYS`].
pub fn check_period(starts_on: Date, ends_on: Date) -> Result<(), FieldError> {
    if ends_on < starts_on {
        Err(error("ends_on", FieldErrorCode::DateOrder))
    } else if (ends_on - starts_on).whole_days() >= MAX_PERIOD_DAYS {
        Err(error("ends_on", FieldErrorCode::OutOfRange))
    } else {
        Ok(())
    }
}

/// A temperature in ℃ as tenths, if within 34.0–43.0.
pub fn temperature_tenths(celsius: f64) -> Option<i32> {
    let tenths = (celsius * 10.0).round();
    (tenths.is_finite()
        && f64::from(*TEMPERATURE_TENTHS.start()) <= tenths
        && tenths <= f64::from(*TEMPERATURE_TENTHS.end()))
    .then_some(tenths as i32)
}

/// A report as checked: its day, temperature in tenths, symptoms and note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedReport {
    pub on_date: Date,
    pub temperature_tenths: Option<i32>,
    pub symptoms: Vec<String>,
    pub note: Option<String>,
}

/// One day's report on `observation`: its day inside the period and not in the future (today when
/// absent), the temperature when asked and within 34–43 ℃, symptoms only of the items, a note only
/// when free text is asked.
pub fn check_report(
    report: &NewObservationReport,
    observation: &ObservationSummary,
    today: Date,
) -> Result<CheckedReport, Vec<FieldError>> {
    let items = &observation.items;
    let on_date = report.on_date.unwrap_or(today);
    let mut errors = Vec::new();
    if on_date > today {
        errors.push(error("on_date", FieldErrorCode::DateInFuture));
    } else if on_date < observation.starts_on || on_date > observation.ends_on {
        errors.push(error("on_date", FieldErrorCode::OutOfRange));
    }
    let temperature_tenths = match (items.temperature, report.temperature) {
        (true, None) => Err(error("temperature", FieldErrorCode::Required)),
        (false, Some(_)) => Err(error("temperature", FieldErrorCode::NotApplicable)),
        (_, Some(celsius)) => {
            temperature_tenths(celsius).map(Some).ok_or(error("temperature", FieldErrorCode::OutOfRange))
        }
        (false, None) => Ok(None),
    }
    .map_err(|e| errors.push(e))
    .ok()
    .flatten();
    for (index, symptom) in report.symptoms.iter().enumerate() {
        if !items.symptoms.contains(symptom) {
            errors.push(error("symptoms", FieldErrorCode::InvalidChoice));
        } else if report.symptoms[..index].contains(symptom) {
            errors.push(error("symptoms", FieldErrorCode::DuplicateChoice));
        }
    }
    let note = match report.note.as_deref().filter(|note| !note.trim().is_empty()) {
        Some(_) if !items.free_text => Err(error("note", FieldErrorCode::NotApplicable)),
        Some(note) => check_text("note", note, REPORT_NOTE_MAX_CHARS).map(Some),
        None => Ok(None),
    }
    .map_err(|e| errors.push(e))
    .ok()
    .flatten();
    if errors.is_empty() {
        Ok(CheckedReport { on_date, temperature_tenths, symptoms: report.symptoms.clone(), note })
    } else {
        Err(errors)
    }
}

/// Whether a report needs a call: a fever or any symptom.
pub fn has_fever(report: &ObservationReport) -> bool {
    report.temperature.and_then(temperature_tenths).is_some_and(|tenths| tenths >= FEVER_FROM_TENTHS)
}

/// The follow-up row of an observation running on `today`, from its reports of that day and the time
/// of its last report (any day).
pub fn follow_up(
    observation: ObservationSummary,
    reports_today: &[ObservationReport],
    last_reported_at: Option<OffsetDateTime>,
    today: Date,
) -> FollowUpRow {
    FollowUpRow {
        not_reported: reports_today.is_empty(),
        fever: reports_today.iter().any(has_fever),
        symptoms: reports_today.iter().any(|report| !report.symptoms.is_empty()),
        ends_today: observation.ends_on == today,
        last_reported_at,
        observation,
    }
}

/// The filters of `/investigations` (kept in its address: `?attention=not_reported&disease=measles&q=山田`):
/// the follow-up rows' flag, the disease, and a search in the subject's name (or a case's number).
/// Unknown values read from an address are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpFilter {
    pub attention: Option<Attention>,
    pub disease: Option<String>,
    pub q: Option<String>,
}

/// Text as a search compares it: NFKC (full-width letters and digits as ASCII), lower case, no spaces.
fn searchable(text: &str) -> String {
    crate::nfkc::fold(text).chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

impl FollowUpFilter {
    /// The filters named in a query (`value` reads one parameter).
    pub fn from_query(value: impl Fn(&str) -> Option<String>) -> Self {
        let value = |name: &str| value(name).map(|text| text.trim().to_owned()).filter(|text| !text.is_empty());
        Self {
            attention: value("attention").and_then(|code| code.parse().ok()),
            disease: value("disease").filter(|code| crate::diseases::find(code).is_some()),
            q: value("q").filter(|text| !searchable(text).is_empty()),
        }
    }

    /// The query parameters naming these filters (the reverse of [`Self::from_query`]).
    pub fn query_pairs(&self) -> Vec<(&'static str, String)> {
        let attention = self.attention.map(|attention| <&str>::from(attention).to_owned());
        [("attention", attention), ("disease", self.disease.clone()), ("q", self.q.clone())]
            .into_iter()
            .filter_map(|(name, value)| value.map(|value| (name, value)))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    fn finds(&self, text: &str) -> bool {
        self.q.as_deref().is_none_or(|q| searchable(text).contains(&searchable(q)))
    }

    fn of_disease(&self, disease: &str) -> bool {
        self.disease.as_deref().is_none_or(|wanted| wanted == disease)
    }

    /// Whether the follow-up row is shown.
    pub fn keeps(&self, row: &FollowUpRow) -> bool {
        let attention = match self.attention {
            None => true,
            Some(Attention::NeedsCall) => row.fever || row.symptoms,
            Some(Attention::Fever) => row.fever,
            Some(Attention::Symptoms) => row.symptoms,
            Some(Attention::NotReported) => row.not_reported,
            Some(Attention::EndsToday) => row.ends_today,
        };
        attention && self.of_disease(&row.observation.disease) && self.finds(&row.observation.subject_name)
    }

    /// Whether a case is shown: its disease, and the search in its number (cases are listed without
    /// names); the flag is the follow-up rows'.
    pub fn keeps_case(&self, case: &crate::api::CaseSummary) -> bool {
        self.of_disease(&case.disease) && self.finds(&case.case_number)
    }
}

/// The follow-up list's order: fever or symptoms first, then not reported (longest silent first),
/// then ending today, then the rest; by subject name within each.
pub fn sort_follow_up(rows: &mut [FollowUpRow]) {
    let rank = |row: &FollowUpRow| {
        if row.fever || row.symptoms {
            0
        } else if row.not_reported {
            1
        } else if row.ends_today {
            2
        } else {
            3
        }
    };
    rows.sort_by(|a, b| {
        (rank(a), a.last_reported_at, &a.observation.subject_name).cmp(&(
            rank(b),
            b.last_reported_at,
            &b.observation.subject_name,
        ))
    });
}

/// One row of a chain of transmission drawn as a tree: a case, or a contact under its case (and a case
/// a contact became under that contact), `depth` steps from the first case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainRow {
    pub depth: usize,
    /// The row it hangs from (`None`: the first case).
    pub parent: Option<usize>,
    pub node: ChainNode,
}

/// What a chain row shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainNode {
    Case { id: uuid::Uuid, case_number: String, subject_name: String, status: CaseStatus },
    Contact { id: uuid::Uuid, contact_number: String, name: String, status: ContactStatus },
}

/// The chain as rows of a tree, depth first from its root: each case, then each of its contacts in
/// the order they were listed, and right under a contact the case it became. Each case appears once,
/// even if the links loop.
pub fn chain_rows(chain: &crate::api::TransmissionChain) -> Vec<ChainRow> {
    let mut rows = Vec::new();
    let mut seen = std::collections::HashSet::new();
    add_case_rows(chain, chain.root, 0, None, &mut seen, &mut rows);
    rows
}

fn add_case_rows(
    chain: &crate::api::TransmissionChain,
    case_id: uuid::Uuid,
    depth: usize,
    parent: Option<usize>,
    seen: &mut std::collections::HashSet<uuid::Uuid>,
    rows: &mut Vec<ChainRow>,
) {
    let Some(case) = chain.cases.iter().find(|case| case.id == case_id) else { return };
    if !seen.insert(case_id) {
        return;
    }
    let case_row = rows.len();
    let node = ChainNode::Case {
        id: case.id,
        case_number: case.case_number.clone(),
        subject_name: case.subject_name.clone(),
        status: case.status,
    };
    rows.push(ChainRow { depth, parent, node });
    for contact in chain.contacts.iter().filter(|contact| contact.case_id == case_id) {
        let contact_row = rows.len();
        let node = ChainNode::Contact {
            id: contact.id,
            contact_number: contact.contact_number.clone(),
            name: contact.name.clone(),
            status: contact.status,
        };
        rows.push(ChainRow { depth: depth + 1, parent: Some(case_row), node });
        if let Some(next) = contact.became_case {
            add_case_rows(chain, next, depth + 2, Some(contact_row), seen, rows);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Organization;
    use strum::IntoEnumIterator;
    use time::macros::{date, datetime};

    const TODAY: Date = date!(2026 - 12 - 06);

    #[test]
    fn only_health_center_staff_take_steps_and_closed_is_final() {
        for role in Role::iter() {
            let expected: &[CaseStep] = if role == Role::HealthCenterStaff { CaseWorkflow::STEPS } else { &[] };
            assert_eq!(CaseWorkflow::steps_open_to(role, CaseStatus::Investigating), expected, "{role:?}");
            assert_eq!(CaseWorkflow::steps_open_to(role, CaseStatus::Closed), []);
            assert_eq!(ObservationWorkflow::steps_open_to(role, ObservationStatus::Closed), []);
        }
        let staff = Role::HealthCenterStaff;
        assert_eq!(
            ObservationWorkflow::check(staff, ObservationStatus::Active, ObservationStep::Close),
            Ok(ObservationStatus::Closed)
        );
        assert_eq!(
            ContactWorkflow::check(staff, ContactStatus::Listed, ContactStep::BecomeCase),
            Ok(ContactStatus::BecameCase)
        );
        assert!(ContactWorkflow::check(staff, ContactStatus::BecameCase, ContactStep::BecomeCase).is_err());
        assert_eq!(ContactWorkflow::check(staff, ContactStatus::Listed, ContactStep::Close), Ok(ContactStatus::Closed));
        for done in [ContactStatus::BecameCase, ContactStatus::Closed] {
            assert_eq!(ContactWorkflow::steps_open_to(staff, done), [], "{done:?} is final");
        }
        assert!(ContactWorkflow::check(Role::PrefectureStaff, ContactStatus::Listed, ContactStep::BecomeCase).is_err());
    }

    #[test]
    fn a_link_works_until_the_end_of_the_day_after_the_period() {
        assert_eq!(link_valid_until(date!(2026 - 12 - 22)), datetime!(2026-12-23 15:00 UTC));
    }

    #[test]
    fn periods_follow_the_disease_and_are_checked_when_set() {
        let exposure = date!(2026 - 12 - 01);
        assert_eq!(default_period("measles", exposure + Duration::DAY), (date!(2026 - 12 - 02), date!(2026 - 12 - 22)));
        assert_eq!(default_period("amoebiasis", TODAY), (TODAY, date!(2026 - 12 - 19)));
        assert!(check_period(TODAY, TODAY).is_ok());
        assert_eq!(check_period(TODAY, date!(2026 - 12 - 05)).map_err(|e| e.code), Err(FieldErrorCode::DateOrder));
        let too_long = TODAY + Duration::days(MAX_PERIOD_DAYS);
        assert_eq!(check_period(TODAY, too_long).map_err(|e| e.code), Err(FieldErrorCode::OutOfRange));
    }

    fn observation(items: ObservationItems) -> ObservationSummary {
        ObservationSummary {
            id: uuid::Uuid::nil(),
            case_id: uuid::Uuid::nil(),
            contact_id: None,
            subject_name: "山田 花子".into(),
            disease: "measles".into(),
            health_center: Organization { code: "9901".into(), name: "北".into() },
            starts_on: date!(2026 - 12 - 02),
            ends_on: date!(2026 - 12 - 22),
            items,
            status: ObservationStatus::Active,
            closed_reason: None,
        }
    }

    fn report(temperature: Option<f64>, symptoms: &[&str]) -> NewObservationReport {
        NewObservationReport {
            on_date: None,
            temperature,
            symptoms: symptoms.iter().map(|s| (*s).to_owned()).collect(),
            note: None,
        }
    }

    fn codes(result: Result<CheckedReport, Vec<FieldError>>) -> Vec<(String, FieldErrorCode)> {
        result.err().unwrap_or_default().into_iter().map(|e| (e.field, e.code)).collect()
    }

    #[test]
    fn temperatures_outside_34_to_43_and_symptoms_not_asked_are_refused() {
        let items =
            ObservationItems { temperature: true, symptoms: vec!["fever".into(), "rash".into()], free_text: false };
        let watched = observation(items);
        let checked = check_report(&report(Some(37.54), &["rash"]), &watched, TODAY).unwrap();
        assert_eq!((checked.on_date, checked.temperature_tenths), (TODAY, Some(375)));
        assert!(check_report(&report(Some(34.0), &[]), &watched, TODAY).is_ok());
        assert!(check_report(&report(Some(43.0), &[]), &watched, TODAY).is_ok());
        for bad in [33.9, 43.1, f64::NAN, 375.0] {
            assert_eq!(
                codes(check_report(&report(Some(bad), &[]), &watched, TODAY)),
                [("temperature".into(), FieldErrorCode::OutOfRange)]
            );
        }
        assert_eq!(
            codes(check_report(&report(None, &[]), &watched, TODAY)),
            [("temperature".into(), FieldErrorCode::Required)]
        );
        assert_eq!(
            codes(check_report(&report(Some(36.5), &["cough"]), &watched, TODAY)),
            [("symptoms".into(), FieldErrorCode::InvalidChoice)]
        );
        let mut noted = report(Some(36.5), &[]);
        noted.note = Some("だるい".into());
        assert_eq!(codes(check_report(&noted, &watched, TODAY)), [("note".into(), FieldErrorCode::NotApplicable)]);
    }

    #[test]
    fn a_report_is_for_a_day_of_the_period_not_in_the_future() {
        let watched = observation(ObservationItems { temperature: true, ..Default::default() });
        let on = |day: Date| NewObservationReport { on_date: Some(day), ..report(Some(36.5), &[]) };
        assert!(check_report(&on(date!(2026 - 12 - 02)), &watched, TODAY).is_ok());
        assert_eq!(
            codes(check_report(&on(date!(2026 - 12 - 01)), &watched, TODAY)),
            [("on_date".into(), FieldErrorCode::OutOfRange)]
        );
        assert_eq!(
            codes(check_report(&on(date!(2026 - 12 - 07)), &watched, TODAY)),
            [("on_date".into(), FieldErrorCode::DateInFuture)]
        );
    }

    #[test]
    fn items_are_the_diseases_symptoms_each_once() {
        assert!(disease_symptoms("measles").iter().any(|option| option.value == "koplik_spots"));
        let items = |symptoms: &[&str]| ObservationItems {
            temperature: true,
            symptoms: symptoms.iter().map(|s| (*s).to_owned()).collect(),
            free_text: false,
        };
        assert!(check_items("measles", &items(&["fever", "rash"])).is_ok());
        let refused = |symptoms: &[&str]| check_items("measles", &items(symptoms)).unwrap_err()[0].code;
        assert_eq!(refused(&["headache_unknown"]), FieldErrorCode::InvalidChoice);
        assert_eq!(refused(&["rash", "rash"]), FieldErrorCode::DuplicateChoice);
        assert!(check_items("measles", &ObservationItems::default()).is_err(), "nothing to report");
    }

    fn contact() -> NewContact {
        NewContact {
            name: " 山田 花子 ".into(),
            relation: ContactRelation::Household,
            contact_type: ContactType::Close,
            last_exposure: date!(2026 - 12 - 01),
            birth_date: Some(date!(1990 - 04 - 01)),
            phone: Some("090-1234-5678".into()),
            email: Some(" hanako@example.jp ".into()),
        }
    }

    #[test]
    fn contacts_dates_must_not_contradict_and_addresses_must_be_plausible() {
        let checked = check_contact(&contact(), TODAY).unwrap();
        assert_eq!((checked.name.as_str(), checked.phone.as_deref()), ("山田 花子", Some("09012345678")));
        assert_eq!(checked.email.as_deref(), Some("hanako@example.jp"));
        let future = NewContact { last_exposure: date!(2026 - 12 - 07), birth_date: None, ..contact() };
        assert_eq!(check_contact(&future, TODAY).unwrap_err()[0].code, FieldErrorCode::DateInFuture);
        let born_after = NewContact { birth_date: Some(date!(2026 - 12 - 02)), ..contact() };
        assert_eq!(check_contact(&born_after, TODAY).unwrap_err()[0].code, FieldErrorCode::DateOrder);
        let bad = NewContact { phone: Some("12".into()), email: Some("x@".into()), name: " ".into(), ..contact() };
        let fields: Vec<String> = check_contact(&bad, TODAY).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "phone", "email"]);
    }

    #[test]
    fn entries_about_behaviour_need_a_past_date() {
        let entry = |kind, on_date| NewInvestigationEntry { kind, on_date, text: "北町スーパー 15時".into() };
        assert!(check_entry(&entry(EntryKind::Place, Some(TODAY)), TODAY).is_ok());
        assert!(check_entry(&entry(EntryKind::Severity, None), TODAY).is_ok());
        assert_eq!(
            check_entry(&entry(EntryKind::Behaviour, None), TODAY).unwrap_err()[0].code,
            FieldErrorCode::Required
        );
        let tomorrow = Some(TODAY + Duration::DAY);
        assert_eq!(
            check_entry(&entry(EntryKind::Exposure, tomorrow), TODAY).unwrap_err()[0].code,
            FieldErrorCode::DateInFuture
        );
    }

    #[test]
    fn the_follow_up_filters_survive_the_address_and_pick_the_rows() {
        let query = |pairs: &'static [(&'static str, &'static str)]| {
            FollowUpFilter::from_query(move |name| {
                pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| (*value).to_owned())
            })
        };
        let filter = query(&[("attention", "not_reported"), ("disease", "measles"), ("q", " ＹＡＭＡ ")]);
        assert_eq!(filter.attention, Some(Attention::NotReported));
        let pairs = filter.query_pairs();
        let again = FollowUpFilter::from_query(|name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone()));
        assert_eq!(again, filter, "the trip through the address keeps them");
        assert!(query(&[("attention", "asleep"), ("disease", "no_such"), ("q", "  ")]).is_empty(), "unknown ignored");

        let items = ObservationItems { temperature: true, ..Default::default() };
        let row = |name: &str, disease: &str, reports: &[ObservationReport]| {
            let watched =
                ObservationSummary { subject_name: name.into(), disease: disease.into(), ..observation(items.clone()) };
            follow_up(watched, reports, None, TODAY)
        };
        let fever = ObservationReport {
            on_date: TODAY,
            reported_at: datetime!(2026-12-06 00:00 UTC),
            temperature: Some(38.0),
            symptoms: vec![],
            note: None,
            channel: ReportChannel::Link,
            recorded_by: None,
        };
        let rows = [
            row("Yamada Hanako", "measles", &[]),
            row("山田 一郎", "measles", &[fever]),
            row("Yamada Jiro", "rubella", &[]),
        ];
        let kept = |filter: &FollowUpFilter| rows.iter().filter(|row| filter.keeps(row)).count();
        assert_eq!(kept(&filter), 1, "silent, measles, named yama");
        assert_eq!(kept(&query(&[("attention", "needs_call")])), 1);
        assert_eq!(kept(&query(&[("q", "山田一郎")])), 1, "spaces do not matter");
        assert_eq!(kept(&FollowUpFilter::default()), 3);
    }

    #[test]
    fn a_chain_is_drawn_as_a_tree_with_each_case_under_the_contact_it_was() {
        use crate::api::{ChainCase, Contact, TransmissionChain};
        let id = |n: u128| uuid::Uuid::from_u128(n);
        let case = |n: u128, from_contact: Option<uuid::Uuid>| ChainCase {
            id: id(n),
            case_number: format!("K-{n}"),
            subject_name: format!("case {n}"),
            status: CaseStatus::Investigating,
            from_contact,
        };
        let contact = |n: u128, of: u128, became: Option<u128>| Contact {
            id: id(n),
            contact_number: format!("K-{of}-{n}"),
            case_id: id(of),
            name: format!("contact {n}"),
            relation: ContactRelation::Household,
            contact_type: ContactType::Close,
            last_exposure: TODAY,
            birth_date: None,
            phone: None,
            email: None,
            status: if became.is_some() { ContactStatus::BecameCase } else { ContactStatus::Listed },
            became_case: became.map(id),
            closed_reason: None,
        };
        // Case 1 has contacts 11 (became case 2) and 12; case 2 has contact 21, who became case 1 again
        // (a loop the data should not hold, drawn once).
        let chain = TransmissionChain {
            root: id(1),
            cases: vec![case(2, Some(id(11))), case(1, None)],
            contacts: vec![contact(11, 1, Some(2)), contact(12, 1, None), contact(21, 2, Some(1))],
        };
        let rows = chain_rows(&chain);
        let drawn: Vec<(usize, Option<usize>, String)> = rows
            .iter()
            .map(|row| {
                let label = match &row.node {
                    ChainNode::Case { case_number, .. } => case_number.clone(),
                    ChainNode::Contact { contact_number, .. } => contact_number.clone(),
                };
                (row.depth, row.parent, label)
            })
            .collect();
        let expected = [
            (0, None, "K-1"),
            (1, Some(0), "K-1-11"),
            (2, Some(1), "K-2"),
            (3, Some(2), "K-2-21"),
            (1, Some(0), "K-1-12"),
        ];
        assert_eq!(drawn, expected.map(|(depth, parent, label)| (depth, parent, label.to_owned())));
    }

    #[test]
    fn the_follow_up_list_puts_fever_and_symptoms_first_then_silence() {
        let items = ObservationItems { temperature: true, symptoms: vec!["rash".into()], free_text: false };
        let day_report = |temperature: f64, symptoms: &[&str]| ObservationReport {
            on_date: TODAY,
            reported_at: datetime!(2026-12-06 00:00 UTC),
            temperature: Some(temperature),
            symptoms: symptoms.iter().map(|s| (*s).to_owned()).collect(),
            note: None,
            channel: ReportChannel::Link,
            recorded_by: None,
        };
        let named = |name: &str, ends_on: Date| ObservationSummary {
            subject_name: name.into(),
            ends_on,
            ..observation(items.clone())
        };
        let late = date!(2026 - 12 - 22);
        let mut rows = vec![
            follow_up(named("a well", late), &[day_report(36.5, &[])], None, TODAY),
            follow_up(named("b ends", TODAY), &[day_report(36.5, &[])], None, TODAY),
            follow_up(named("c silent", late), &[], None, TODAY),
            follow_up(named("d fever", late), &[day_report(37.5, &[])], None, TODAY),
            follow_up(named("e rash", late), &[day_report(36.0, &["rash"])], None, TODAY),
        ];
        assert!(rows[3].fever && !rows[4].fever && rows[4].symptoms && rows[2].not_reported && rows[1].ends_today);
        sort_follow_up(&mut rows);
        let order: Vec<&str> = rows.iter().map(|row| row.observation.subject_name.as_str()).collect();
        assert_eq!(order, ["d fever", "e rash", "c silent", "b ends", "a well"]);
    }
}
