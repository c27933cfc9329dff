//! A notification as a FHIR R4 Bundle (issue 20; the mapping is docs/fhir.md): written for accounts
//! with the download flag (`GET /notifications/{id}/fhir`), and read on the filing route
//! (`PUT /notifications/{id}` with `Content-Type: application/fhir+json`), where it becomes the same
//! `NotificationSubmission` the form sends and passes the same rules.
//!
//! The form's items that FHIR has an element for travel in it (the patient's name, kana, sex, birth
//! date, address and phone in Patient; the disease, onset and diagnosis dates in Condition); every
//! other item is an Observation coded with the item's id. [`PLACED`] is the one table of both
//! directions.

pub mod bundle;
pub mod intake;
pub mod resources;
pub mod routes;

/// The media type of a FHIR JSON body.
pub const MEDIA_TYPE: &str = "application/fhir+json";

/// Code systems and identifier systems of todoke's own (URNs: todoke publishes no terminology server).
pub const DISEASE_SYSTEM: &str = "urn:todoke:disease";
pub const ANIMAL_REPORT_SYSTEM: &str = "urn:todoke:animal-report";
pub const FORM_ITEM_SYSTEM: &str = "urn:todoke:form-item";
pub const USER_ID_SYSTEM: &str = "urn:todoke:user-id";
pub const INSTITUTION_SYSTEM: &str = "urn:todoke:institution";
pub const NOTIFICATION_SYSTEM: &str = "urn:todoke:notification";

/// The code system of one choice item's options: `urn:todoke:form-item:{item}`.
pub fn option_system(item: &str) -> String {
    format!("{FORM_ITEM_SYSTEM}:{item}")
}

/// JP Core (v1.1) profiles the resources claim, and its name-representation extension.
pub const JP_PATIENT: &str = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Patient";
pub const JP_CONDITION: &str = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Condition";
pub const JP_OBSERVATION: &str = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_Common";
pub const JP_PRACTITIONER: &str = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Practitioner";
pub const JP_ORGANIZATION: &str = "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Organization";
pub const NAME_REPRESENTATION: &str = "http://hl7.org/fhir/StructureDefinition/iso21090-EN-representation";

/// Where a form item travels when FHIR has an element for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    PatientName,
    PatientNameKana,
    PatientGender,
    PatientBirthDate,
    PatientAddress,
    PatientPhone,
    ConditionOnset,
    ConditionRecorded,
}

/// The items placed in Patient and Condition, with the element named in errors.
pub const PLACED: &[(&str, Place, &str)] = &[
    ("patient_name", Place::PatientName, "Patient.name"),
    ("patient_name_kana", Place::PatientNameKana, "Patient.name"),
    ("patient_sex", Place::PatientGender, "Patient.gender"),
    ("patient_birth_date", Place::PatientBirthDate, "Patient.birthDate"),
    ("patient_address", Place::PatientAddress, "Patient.address"),
    ("patient_phone", Place::PatientPhone, "Patient.telecom"),
    ("onset_date", Place::ConditionOnset, "Condition.onsetDateTime"),
    ("diagnosis_date", Place::ConditionRecorded, "Condition.recordedDate"),
];

/// Where an item is placed, if not in an Observation.
pub fn place_of(item: &str) -> Option<Place> {
    PLACED.iter().find(|(id, _, _)| *id == item).map(|(_, place, _)| *place)
}

/// The element that carries a form item, as a FHIRPath expression (how errors name it): its place's
/// element, else its Observation's value.
pub fn element_of(item: &str) -> String {
    match PLACED.iter().find(|(id, _, _)| *id == item) {
        Some((_, _, element)) => (*element).to_owned(),
        None => format!("Observation.where(code.coding.code='{item}').value"),
    }
}
