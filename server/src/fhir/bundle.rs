//! A stored notification written as a FHIR R4 `collection` Bundle (docs/fhir.md): Patient, Condition,
//! one Observation per other answered item (one per chosen option of a multiple choice), the filing
//! doctor as Practitioner and the institution as Organization, referring to each other by `urn:uuid`.

use domain::api::Filer;
use domain::forms::{Answer, Field, FieldKind};
use domain::validation::notification_form;
use uuid::Uuid;

use super::resources::{
    Address, Bundle, CodeableConcept, Coding, Condition, ContactPoint, Entry, Extension, HumanName, Identifier, Meta,
    Observation, Organization, Patient, Practitioner, Reference, Resource,
};
use super::{place_of, Place};
use crate::store::StoredNotification;

/// The Bundle of `notification`, as its answers stand now.
pub fn of(notification: &StoredNotification) -> Bundle {
    let id = notification.summary.receipt.notification_id;
    let urls = Urls::of(id);
    let form = notification_form(&notification.summary.disease, notification.summary.animal_report.as_deref());
    let mut patient = Patient { id: Some(urls.id("patient")), meta: profile(super::JP_PATIENT), ..Patient::default() };
    let mut condition = Condition {
        id: Some(urls.id("condition")),
        meta: profile(super::JP_CONDITION),
        code: condition_code(notification),
        subject: urls.reference("patient"),
        asserter: Some(urls.reference("practitioner")),
        ..Condition::default()
    };
    let mut observations = Vec::new();
    for (item, answer) in &notification.answers {
        let field = form.and_then(|found| found.form.definition().field(item));
        match (place_of(item), answer) {
            (Some(place), Answer::One(value)) => put(place, value, &mut patient, &mut condition),
            _ => observations.extend(observations_of(item, field, answer, &urls)),
        }
    }
    let mut entries = vec![urls.entry("patient", Resource::Patient(patient))];
    entries.push(urls.entry("condition", Resource::Condition(condition)));
    entries.extend(observations.into_iter().enumerate().map(|(index, observation)| {
        let name = format!("observation-{index}");
        let observation = Observation { id: Some(urls.id(&name)), ..observation };
        urls.entry(&name, Resource::Observation(observation))
    }));
    entries.push(urls.entry("practitioner", Resource::Practitioner(practitioner(notification))));
    entries.push(urls.entry("organization", Resource::Organization(organization(notification))));
    Bundle {
        resource_type: "Bundle".to_owned(),
        id: Some(id.to_string()),
        meta: None,
        identifier: Some(Identifier {
            system: Some(super::NOTIFICATION_SYSTEM.to_owned()),
            value: Some(notification.summary.receipt.receipt_number.clone()),
        }),
        kind: "collection".to_owned(),
        timestamp: notification.summary.receipt.received_at.format(&time::format_description::well_known::Rfc3339).ok(),
        entry: entries,
    }
}

/// The entries' `urn:uuid` names, made from the notification's id so that the same notification is
/// always written the same.
struct Urls {
    notification: Uuid,
}

impl Urls {
    fn of(notification: Uuid) -> Self {
        Self { notification }
    }

    fn id(&self, name: &str) -> String {
        Uuid::new_v5(&self.notification, name.as_bytes()).to_string()
    }

    fn url(&self, name: &str) -> String {
        format!("urn:uuid:{}", self.id(name))
    }

    fn reference(&self, name: &str) -> Reference {
        Reference { reference: Some(self.url(name)) }
    }

    fn entry(&self, name: &str, resource: Resource) -> Entry {
        Entry { full_url: Some(self.url(name)), resource }
    }
}

fn profile(url: &str) -> Option<Meta> {
    Some(Meta { profile: vec![url.to_owned()] })
}

fn coding(system: &str, code: &str, display: &str) -> Coding {
    Coding { system: Some(system.to_owned()), code: Some(code.to_owned()), display: Some(display.to_owned()) }
}

/// The disease, and an animal report's pair beside it.
fn condition_code(notification: &StoredNotification) -> CodeableConcept {
    let disease = &notification.summary.disease;
    let name = domain::diseases::find(disease).map_or(disease.as_str(), |found| found.name.ja);
    let mut codings = vec![coding(super::DISEASE_SYSTEM, disease, name)];
    if let Some(report) = &notification.summary.animal_report {
        let animal = domain::animal_reports::find(report).map_or(report.as_str(), |found| found.animal.ja);
        codings.push(coding(super::ANIMAL_REPORT_SYSTEM, report, animal));
    }
    CodeableConcept { coding: codings, text: Some(name.to_owned()) }
}

/// Writes an item placed in Patient or Condition.
fn put(place: Place, value: &str, patient: &mut Patient, condition: &mut Condition) {
    let text = Some(value.to_owned());
    match place {
        Place::PatientName => patient.name.insert(0, name(value, "IDE")),
        Place::PatientNameKana => patient.name.push(name(value, "SYL")),
        Place::PatientGender => patient.gender = text,
        Place::PatientBirthDate => patient.birth_date = text,
        Place::PatientAddress => patient.address = vec![Address { text }],
        Place::PatientPhone => patient.telecom = vec![phone(value)],
        Place::ConditionOnset => condition.onset_date_time = text,
        Place::ConditionRecorded => condition.recorded_date = text,
    }
}

fn name(text: &str, representation: &str) -> HumanName {
    HumanName {
        extension: vec![Extension {
            url: super::NAME_REPRESENTATION.to_owned(),
            value_code: Some(representation.to_owned()),
        }],
        name_use: Some("official".to_owned()),
        text: Some(text.to_owned()),
    }
}

fn phone(digits: &str) -> ContactPoint {
    ContactPoint { system: Some("phone".to_owned()), value: Some(digits.to_owned()) }
}

/// The Observations of an item: one for a single answer, one per chosen option of a multiple choice.
fn observations_of(item: &str, field: Option<&Field>, answer: &Answer, urls: &Urls) -> Vec<Observation> {
    let label = field.map_or(item, |field| field.label.ja);
    let observation = |value: &str| Observation {
        meta: profile(super::JP_OBSERVATION),
        status: "final".to_owned(),
        code: CodeableConcept { coding: vec![coding(super::FORM_ITEM_SYSTEM, item, label)], text: None },
        subject: Some(urls.reference("patient")),
        performer: vec![urls.reference("practitioner")],
        ..with_value(item, field.map(|field| &field.kind), value)
    };
    match answer {
        Answer::One(value) => vec![observation(value)],
        Answer::Many(values) => values.iter().map(|value| observation(value)).collect(),
    }
}

/// An Observation holding only the value, typed by the item's kind (text when the form is unknown).
fn with_value(item: &str, kind: Option<&FieldKind>, value: &str) -> Observation {
    let text = Some(value.to_owned());
    match kind {
        Some(FieldKind::Date) => Observation { value_date_time: text, ..Observation::default() },
        Some(FieldKind::Integer { .. }) => match value.parse() {
            Ok(number) => Observation { value_integer: Some(number), ..Observation::default() },
            Err(_) => Observation { value_string: text, ..Observation::default() },
        },
        Some(FieldKind::Choice { options } | FieldKind::MultiChoice { options }) => {
            let label = options.iter().find(|option| option.value == value).map_or(value, |option| option.label.ja);
            let chosen = coding(&super::option_system(item), value, label);
            Observation {
                value_codeable_concept: Some(CodeableConcept { coding: vec![chosen], text: None }),
                ..Observation::default()
            }
        }
        _ => Observation { value_string: text, ..Observation::default() },
    }
}

fn practitioner(notification: &StoredNotification) -> Practitioner {
    let filer_name = notification.filer.as_ref().map(|filer| filer.name.as_str());
    Practitioner {
        id: Some(Urls::of(notification.summary.receipt.notification_id).id("practitioner")),
        meta: profile(super::JP_PRACTITIONER),
        identifier: vec![Identifier {
            system: Some(super::USER_ID_SYSTEM.to_owned()),
            value: Some(notification.filed_by.clone()),
        }],
        name: filer_name.map(|text| name(text, "IDE")).into_iter().collect(),
    }
}

fn organization(notification: &StoredNotification) -> Organization {
    let institution = &notification.summary.institution;
    let filer = notification.filer.clone().unwrap_or_default();
    let Filer { address, phone: telephone, .. } = filer;
    Organization {
        id: Some(Urls::of(notification.summary.receipt.notification_id).id("organization")),
        meta: profile(super::JP_ORGANIZATION),
        identifier: vec![Identifier {
            system: Some(super::INSTITUTION_SYSTEM.to_owned()),
            value: Some(institution.code.clone()),
        }],
        name: Some(institution.name.clone()),
        telecom: (!telephone.is_empty()).then(|| phone(&telephone)).into_iter().collect(),
        address: (!address.is_empty()).then_some(Address { text: Some(address) }).into_iter().collect(),
    }
}
