//! A FHIR R4 Bundle sent to the filing route, read into the `NotificationSubmission` the form would
//! send (docs/fhir.md). Everything the Bundle says must have its place in the form: an element todoke
//! does not model, a second Patient, an Observation of an item given twice, a coding of an unknown
//! system is refused, naming the element, before the form's own rules run on the answers (whose
//! errors are named by element too, [`name_elements`]).

use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use domain::api::NotificationSubmission;
use domain::error::{FieldError, FieldErrorCode};
use domain::forms::{Answer, Answers, FieldKind};
use domain::i18n::Lang;
use domain::validation::{prepare_submission, SubmissionError};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::AppError;
use crate::http::extract::ApiJson;

use super::resources::{
    Bundle, CodeableConcept, Condition, Entry, Observation, Organization, Patient, Practitioner, Resource,
};
use super::{place_of, Place};

/// Who files: the account behind the token or session, whose Practitioner and Organization a Bundle
/// may name but not replace.
pub struct Filing<'a> {
    pub user_id: &'a str,
    pub institution_code: &'a str,
}

/// The Bundle in a request body; a body that is no Bundle of the elements todoke reads is refused
/// naming the first element that is not (`Bundle.entry[2].resource.maritalStatus`). Each entry's
/// resource is read by its `resourceType`, so that the path goes into the resource.
pub fn read(body: Value) -> Result<Bundle, Vec<FieldError>> {
    let Value::Object(mut bundle) = body else {
        return Err(unread("Bundle", "JSON のオブジェクトではありません。"));
    };
    let entries = bundle.remove("entry").unwrap_or_else(|| Value::Array(Vec::new()));
    let mut frame: Bundle = typed(Value::Object(bundle), "Bundle")?;
    let Value::Array(entries) = entries else { return Err(unread("Bundle.entry", "配列ではありません。")) };
    for (index, entry) in entries.into_iter().enumerate() {
        frame.entry.push(entry_of(entry, &format!("Bundle.entry[{index}]"))?);
    }
    Ok(frame)
}

fn entry_of(entry: Value, at: &str) -> Result<Entry, Vec<FieldError>> {
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase", deny_unknown_fields)]
    struct EntryFrame {
        full_url: Option<String>,
    }
    let Value::Object(mut members) = entry else {
        return Err(unread(at, "JSON のオブジェクトではありません。"));
    };
    let resource = members.remove("resource").ok_or_else(|| unread(&format!("{at}.resource"), "ありません。"))?;
    let EntryFrame { full_url } = typed(Value::Object(members), at)?;
    Ok(Entry { full_url, resource: resource_of(resource, &format!("{at}.resource"))? })
}

fn resource_of(resource: Value, at: &str) -> Result<Resource, Vec<FieldError>> {
    let Value::Object(mut members) = resource else {
        return Err(unread(at, "JSON のオブジェクトではありません。"));
    };
    let kind = members.remove("resourceType");
    let resource = Value::Object(members);
    match kind.as_ref().and_then(Value::as_str) {
        Some("Patient") => typed(resource, at).map(Resource::Patient),
        Some("Condition") => typed(resource, at).map(Resource::Condition),
        Some("Observation") => typed(resource, at).map(Resource::Observation),
        Some("Practitioner") => typed(resource, at).map(Resource::Practitioner),
        Some("Organization") => typed(resource, at).map(Resource::Organization),
        _ => Err(unread(
            &format!("{at}.resourceType"),
            "Patient, Condition, Observation, Practitioner, Organization のいずれかにしてください。",
        )),
    }
}

/// `value` read as `T`, an error naming the element at `at` and below that did not fit.
fn typed<T: DeserializeOwned>(value: Value, at: &str) -> Result<T, Vec<FieldError>> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let element = if path == "." { at.to_owned() } else { format!("{at}.{path}") };
        unread(&element, &format!("FHIR の要素として読めません（{}）。", error.into_inner()))
    })
}

fn unread(element: &str, detail: &str) -> Vec<FieldError> {
    vec![problem(element, FieldErrorCode::InvalidValue, detail)]
}

/// The form's errors named by the elements that carry the items (`Patient.birthDate`, …).
pub fn name_elements(fields: Vec<FieldError>) -> Vec<FieldError> {
    fields.into_iter().map(|error| FieldError { field: super::element_of(&error.field), ..error }).collect()
}

/// The submission a Bundle makes, or every problem found in it.
pub fn submission(bundle: &Bundle, filing: &Filing) -> Result<NotificationSubmission, Vec<FieldError>> {
    let mut reader = Reader::default();
    reader.frame(bundle);
    let patient = reader.one(bundle, "Patient", |resource| matches!(resource, Resource::Patient(_)));
    let condition = reader.one(bundle, "Condition", |resource| matches!(resource, Resource::Condition(_)));
    let (Some(patient), Some(condition)) = (patient, condition) else { return Err(reader.problems) };
    let patient_url = bundle.entry[patient].full_url.clone();
    let (disease, animal_report) = reader.condition(bundle, condition, patient_url.as_deref());
    let multiple = multiple_choice_items(disease.as_deref(), animal_report.as_deref());
    for (index, entry) in bundle.entry.iter().enumerate() {
        let at = format!("Bundle.entry[{index}].resource");
        match &entry.resource {
            Resource::Patient(found) => reader.patient(found, &at),
            Resource::Condition(_) => {}
            Resource::Observation(found) => reader.observation(found, &at, patient_url.as_deref(), &multiple),
            Resource::Practitioner(found) => reader.practitioner(found, &at, filing.user_id),
            Resource::Organization(found) => reader.organization(found, &at, filing.institution_code),
        }
    }
    match disease {
        Some(disease) if reader.problems.is_empty() => {
            Ok(NotificationSubmission { disease, animal_report, answers: reader.answers })
        }
        _ => Err(reader.problems),
    }
}

fn problem(element: &str, code: FieldErrorCode, detail: &str) -> FieldError {
    FieldError { field: element.to_owned(), code, message: format!("{element}：{detail}") }
}

/// The items of the notification's form answered by several options (their Observations repeat).
fn multiple_choice_items(disease: Option<&str>, animal_report: Option<&str>) -> Vec<&'static str> {
    let Some(found) = disease.and_then(|disease| domain::validation::notification_form(disease, animal_report)) else {
        return Vec::new();
    };
    found
        .form
        .definition()
        .fields()
        .filter(|field| matches!(field.kind, FieldKind::MultiChoice { .. }))
        .map(|field| field.id)
        .collect()
}

#[derive(Default)]
struct Reader {
    answers: Answers,
    problems: Vec<FieldError>,
}

impl Reader {
    fn refuse(&mut self, element: &str, code: FieldErrorCode) {
        self.problems.push(problem(element, code, code.message(Lang::Ja)));
    }

    fn refuse_because(&mut self, element: &str, detail: &str) {
        self.problems.push(problem(element, FieldErrorCode::InvalidValue, detail));
    }

    fn frame(&mut self, bundle: &Bundle) {
        if bundle.resource_type != "Bundle" {
            self.refuse_because("Bundle.resourceType", "Bundle を送ってください。");
        }
        if bundle.kind != "collection" {
            self.refuse_because("Bundle.type", "collection の Bundle を送ってください。");
        }
    }

    /// The index of the one entry of a kind; none or several are refused.
    fn one(&mut self, bundle: &Bundle, kind: &str, is: impl Fn(&Resource) -> bool) -> Option<usize> {
        let found: Vec<usize> = (0..bundle.entry.len()).filter(|index| is(&bundle.entry[*index].resource)).collect();
        match found.as_slice() {
            [one] => Some(*one),
            [] => {
                self.refuse_because("Bundle.entry", &format!("{kind} がありません。"));
                None
            }
            [_, second, ..] => {
                self.refuse_because(&format!("Bundle.entry[{second}]"), &format!("{kind} は一つだけ送ってください。"));
                None
            }
        }
    }

    fn answer(&mut self, item: &str, value: &str) {
        self.answers.insert(item.to_owned(), Answer::One(value.to_owned()));
    }

    /// The disease and animal report of the Condition, with its dates.
    fn condition(&mut self, bundle: &Bundle, index: usize, patient: Option<&str>) -> (Option<String>, Option<String>) {
        let Resource::Condition(condition) = &bundle.entry[index].resource else { return (None, None) };
        let at = format!("Bundle.entry[{index}].resource");
        self.refers_to_patient(condition.subject.reference.as_deref(), patient, &format!("{at}.subject"));
        let Condition { onset_date_time, recorded_date, .. } = condition;
        for (item, value) in [("onset_date", onset_date_time), ("diagnosis_date", recorded_date)] {
            if let Some(value) = value {
                self.answer(item, date_part(value));
            }
        }
        let disease = self.code_of(&condition.code, super::DISEASE_SYSTEM, &format!("{at}.code"));
        let animal =
            condition.code.coding.iter().find(|coding| coding.system.as_deref() == Some(super::ANIMAL_REPORT_SYSTEM));
        for (position, coding) in condition.code.coding.iter().enumerate() {
            let system = coding.system.as_deref();
            if system != Some(super::DISEASE_SYSTEM) && system != Some(super::ANIMAL_REPORT_SYSTEM) {
                self.refuse_because(
                    &format!("{at}.code.coding[{position}].system"),
                    "todoke の疾病コード以外は読めません。",
                );
            }
        }
        (disease, animal.and_then(|coding| coding.code.clone()))
    }

    /// The code of the one coding of `system`.
    fn code_of(&mut self, concept: &CodeableConcept, system: &str, at: &str) -> Option<String> {
        let mut codes = concept.coding.iter().filter(|coding| coding.system.as_deref() == Some(system));
        match (codes.next().and_then(|coding| coding.code.clone()), codes.next()) {
            (Some(code), None) => Some(code),
            (None, _) => {
                self.refuse_because(&format!("{at}.coding"), &format!("{system} のコードがありません。"));
                None
            }
            (Some(_), Some(_)) => {
                self.refuse_because(&format!("{at}.coding"), &format!("{system} のコードは一つだけにしてください。"));
                None
            }
        }
    }

    fn refers_to_patient(&mut self, reference: Option<&str>, patient: Option<&str>, at: &str) {
        if reference.is_none() || reference != patient {
            self.refuse_because(at, "この Bundle の Patient（fullUrl）を参照してください。");
        }
    }

    fn patient(&mut self, patient: &Patient, at: &str) {
        for (position, name) in patient.name.iter().enumerate() {
            let kana = name.extension.iter().any(|extension| {
                extension.url == super::NAME_REPRESENTATION && extension.value_code.as_deref() == Some("SYL")
            });
            let place = if kana { Place::PatientNameKana } else { Place::PatientName };
            self.placed(place, name.text.as_deref(), &format!("{at}.name[{position}]"));
        }
        self.placed(Place::PatientGender, patient.gender.as_deref(), &format!("{at}.gender"));
        self.placed(Place::PatientBirthDate, patient.birth_date.as_deref(), &format!("{at}.birthDate"));
        for (position, address) in patient.address.iter().enumerate() {
            self.placed(Place::PatientAddress, address.text.as_deref(), &format!("{at}.address[{position}]"));
        }
        for (position, telecom) in patient.telecom.iter().enumerate() {
            let element = format!("{at}.telecom[{position}]");
            if telecom.system.as_deref() != Some("phone") {
                self.refuse_because(&format!("{element}.system"), "電話番号（phone）だけを読みます。");
            }
            self.placed(Place::PatientPhone, telecom.value.as_deref(), &element);
        }
    }

    /// An item placed in Patient or Condition: its element must have a value, and only one.
    fn placed(&mut self, place: Place, value: Option<&str>, at: &str) {
        let Some(item) = super::PLACED.iter().find(|(_, placed, _)| *placed == place).map(|(id, _, _)| *id) else {
            return;
        };
        match value {
            None => self.refuse(at, FieldErrorCode::Required),
            Some(_) if self.answers.contains_key(item) => {
                self.refuse_because(at, "同じ項目が二度あります。");
            }
            Some(value) => self.answer(item, value),
        }
    }

    fn observation(&mut self, observation: &Observation, at: &str, patient: Option<&str>, multiple: &[&str]) {
        if observation.status != "final" {
            self.refuse_because(&format!("{at}.status"), "final の Observation を送ってください。");
        }
        if let Some(subject) = &observation.subject {
            self.refers_to_patient(subject.reference.as_deref(), patient, &format!("{at}.subject"));
        }
        let Some(item) = self.code_of(&observation.code, super::FORM_ITEM_SYSTEM, &format!("{at}.code")) else {
            return;
        };
        if place_of(&item).is_some() {
            let element = super::element_of(&item);
            self.refuse_because(&format!("{at}.code"), &format!("この項目は {element} で送ってください。"));
            return;
        }
        let Some(value) = self.value_of(observation, &item, at) else { return };
        match self.answers.get_mut(&item) {
            Some(Answer::Many(values)) => values.push(value),
            Some(Answer::One(_)) => {
                self.refuse_because(&format!("{at}.code"), "同じ項目の Observation が二つあります。")
            }
            None if multiple.contains(&item.as_str()) => {
                self.answers.insert(item, Answer::Many(vec![value]));
            }
            None => self.answer(&item, &value),
        }
    }

    /// The one value of an Observation as the form's answer text.
    fn value_of(&mut self, observation: &Observation, item: &str, at: &str) -> Option<String> {
        let values = [
            observation.value_string.clone(),
            observation.value_integer.map(|number| number.to_string()),
            observation.value_date_time.as_deref().map(|value| date_part(value).to_owned()),
            observation.value_codeable_concept.as_ref().map(|_| String::new()),
        ];
        if values.iter().flatten().count() != 1 {
            self.refuse_because(&format!("{at}.value[x]"), "値を一つ送ってください。");
            return None;
        }
        match &observation.value_codeable_concept {
            Some(concept) => self.code_of(concept, &super::option_system(item), &format!("{at}.valueCodeableConcept")),
            None => values.into_iter().flatten().next(),
        }
    }

    fn practitioner(&mut self, practitioner: &Practitioner, at: &str, user_id: &str) {
        self.identifies(&practitioner.identifier, super::USER_ID_SYSTEM, user_id, at, "送信する利用者");
    }

    fn organization(&mut self, organization: &Organization, at: &str, institution_code: &str) {
        self.identifies(&organization.identifier, super::INSTITUTION_SYSTEM, institution_code, at, "届け出る医療機関");
    }

    /// An identifier of todoke's `system` in a Practitioner or Organization must be the filer's own.
    fn identifies(
        &mut self,
        identifiers: &[super::resources::Identifier],
        system: &str,
        own: &str,
        at: &str,
        whose: &str,
    ) {
        for (position, identifier) in identifiers.iter().enumerate() {
            if identifier.system.as_deref() == Some(system) && identifier.value.as_deref() != Some(own) {
                self.refuse_because(&format!("{at}.identifier[{position}]"), &format!("{whose}と一致しません。"));
            }
        }
    }
}

/// The date of a FHIR `date` or `dateTime` (`2026-12-01T09:00:00+09:00` is 2026-12-01); the form's
/// date rules check what is left.
fn date_part(value: &str) -> &str {
    match value.split_once('T') {
        Some((date, _)) => date,
        None => value,
    }
}

/// A filing's body: the form's JSON (`NotificationSubmission`), or with `Content-Type:
/// application/fhir+json` a FHIR Bundle. Both refuse control characters as every body does.
pub enum FilingBody {
    Form(NotificationSubmission),
    Fhir(Bundle),
}

impl<S: Send + Sync> FromRequest<S> for FilingBody {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let content_type = request.headers().get(CONTENT_TYPE).and_then(|value| value.to_str().ok());
        let fhir = content_type
            .and_then(|value| value.split(';').next())
            .is_some_and(|media_type| media_type.trim().eq_ignore_ascii_case(super::MEDIA_TYPE));
        let ApiJson(value) = ApiJson::<Value>::from_request(request, state).await?;
        if fhir {
            read(value).map(Self::Fhir).map_err(AppError::Validation)
        } else {
            serde_json::from_value(value).map(Self::Form).map_err(|error| AppError::MalformedRequest(error.to_string()))
        }
    }
}

impl FilingBody {
    /// The submission this body makes for `filing`, not yet checked by the form's rules; a Bundle
    /// that does not fit the form is refused here.
    pub fn submission(self, filing: &Filing) -> Result<Filed, AppError> {
        match self {
            Self::Form(submission) => Ok(Filed { submission, from_fhir: false }),
            Self::Fhir(bundle) => {
                let submission = submission(&bundle, filing).map_err(AppError::Validation)?;
                Ok(Filed { submission, from_fhir: true })
            }
        }
    }
}

/// A submission as sent, and whether it came as a Bundle.
pub struct Filed {
    pub submission: NotificationSubmission,
    from_fhir: bool,
}

impl Filed {
    /// The submission normalised and checked by the form's rules
    /// (`domain::validation::prepare_submission`, on the day `today` in Japan); a Bundle's problems
    /// are named by its elements.
    pub fn prepared(self, today: time::Date) -> Result<NotificationSubmission, AppError> {
        match prepare_submission(&self.submission, today) {
            Ok((_, answers)) => Ok(NotificationSubmission { answers, ..self.submission }),
            Err(SubmissionError::UnknownDisease) => Err(AppError::UnknownDisease),
            Err(SubmissionError::Invalid(fields)) if self.from_fhir => Err(AppError::Validation(name_elements(fields))),
            Err(SubmissionError::Invalid(fields)) => Err(AppError::Validation(fields)),
        }
    }
}
