//! Wire types of ID management (ID管理, issue 19): a case opened from an accepted notification, its
//! investigation entries and contacts, and the health observation (健康観察) of a case or contact with
//! its reports and the day's follow-up list. The rules are `crate::investigation`'s.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::Organization;
use crate::dates::iso_date;
use crate::investigation::{
    CaseStatus, ContactRelation, ContactStatus, ContactType, EntryKind, LinkChannel, ObservationStatus, ReportChannel,
};

/// `POST /notifications/{id}/case`: opens the case of an accepted notification. `contact_id` names
/// the contact of another case who this patient was (the contact is then marked as having become a
/// case, and the link is kept both ways).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OpenCaseRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<Uuid>,
    /// The same contact by the number the staff read on its case (`K-…-01`), as typed on the screen;
    /// one that is not a listed contact in the account's area is refused at `contact_number`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_number: Option<String>,
}

/// A case as lists show it: no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseSummary {
    pub id: Uuid,
    /// 症例ID: `K-` and the notification's receipt number.
    pub case_number: String,
    pub notification_id: Uuid,
    pub disease: String,
    pub health_center: Organization,
    pub status: CaseStatus,
    pub opened_at: OffsetDateTime,
    pub contacts: u32,
}

/// `GET /cases/{id}`: the case, its subject, entries (oldest first), contacts and observations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseDetail {
    pub case: CaseSummary,
    /// The patient's name as notified (empty for diseases notified without it).
    pub subject_name: String,
    /// The contact this case was, when it was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_contact: Option<Uuid>,
    /// That contact's number and the case it was listed under (the link shown the other way).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_contact_of: Option<ContactOrigin>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_reason: Option<String>,
    pub entries: Vec<InvestigationEntry>,
    pub contacts: Vec<Contact>,
    pub observations: Vec<ObservationSummary>,
}

/// `POST /cases/{id}/entries`: one item of the investigation (積極的疫学調査).
/// Where a case that was a contact was listed: the contact's number and its case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactOrigin {
    pub contact_number: String,
    pub case_id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewInvestigationEntry {
    pub kind: EntryKind,
    /// The day the entry is about; required for behaviour, places and exposures.
    #[serde(default, with = "iso_date::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub on_date: Option<Date>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvestigationEntry {
    pub kind: EntryKind,
    #[serde(default, with = "iso_date::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub on_date: Option<Date>,
    pub text: String,
    pub recorded_by: String,
    pub recorded_at: OffsetDateTime,
}

/// `POST /cases/{id}/contacts`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewContact {
    pub name: String,
    pub relation: ContactRelation,
    pub contact_type: ContactType,
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub last_exposure: Date,
    /// The second factor of the subject's link (issue 19): the health center knows it.
    #[serde(default, with = "iso_date::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub birth_date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    pub id: Uuid,
    /// 接触者ID: the case's number and the contact's place on its list (`K-20261124-000001-02`).
    pub contact_number: String,
    pub case_id: Uuid,
    pub name: String,
    pub relation: ContactRelation,
    pub contact_type: ContactType,
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub last_exposure: Date,
    #[serde(default, with = "iso_date::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub birth_date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub status: ContactStatus,
    /// The case the contact became, when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub became_case: Option<Uuid>,
    /// Why it was closed (status `closed`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_reason: Option<String>,
}

/// What a subject reports each day: temperature, symptoms from the disease's list, free text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObservationItems {
    #[serde(default)]
    pub temperature: bool,
    /// Codes of the disease's symptom list (its notification form's `symptoms` options).
    #[serde(default)]
    pub symptoms: Vec<String>,
    #[serde(default)]
    pub free_text: bool,
}

/// `POST /observations`: health observation of a case or of a contact (exactly one). Without dates
/// the period is the disease's rule (`crate::investigation::default_period`); given, they replace it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewObservation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<Uuid>,
    #[serde(default, with = "iso_date::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub starts_on: Option<Date>,
    #[serde(default, with = "iso_date::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub ends_on: Option<Date>,
    pub items: ObservationItems,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObservationSummary {
    pub id: Uuid,
    pub case_id: Uuid,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_id: Option<Uuid>,
    pub subject_name: String,
    pub disease: String,
    pub health_center: Organization,
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub starts_on: Date,
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub ends_on: Date,
    pub items: ObservationItems,
    pub status: ObservationStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_reason: Option<String>,
}

/// `GET /observations/{id}`: the observation and its reports, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObservationDetail {
    pub observation: ObservationSummary,
    pub reports: Vec<ObservationReport>,
}

/// One day's report: `POST /observations/{id}/reports` (taken by telephone) or the subject's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewObservationReport {
    /// The day reported on; today (in Japan) when absent.
    #[serde(default, with = "iso_date::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub on_date: Option<Date>,
    /// ℃, one decimal (34.0–43.0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    #[serde(default)]
    pub symptoms: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ObservationReport {
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub on_date: Date,
    pub reported_at: OffsetDateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f64>,
    pub symptoms: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub channel: ReportChannel,
    /// The staff member who took it by telephone; `None` for the subject's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_by: Option<String>,
}

/// `POST /cases/{id}/close`, `POST /observations/{id}/close`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CloseRequest {
    pub reason: String,
}

/// One row of the follow-up list (`GET /observations/follow-up`): an observation running on the day,
/// with why it needs attention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpRow {
    pub observation: ObservationSummary,
    /// When the subject last reported (any day), `None` if never.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_reported_at: Option<OffsetDateTime>,
    pub not_reported: bool,
    pub fever: bool,
    pub symptoms: bool,
    pub ends_today: bool,
}

/// The follow-up list of a day: rows needing a call first (fever or symptoms, then not reported),
/// then those ending the day, then the rest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FollowUpList {
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub date: Date,
    pub rows: Vec<FollowUpRow>,
}

/// `POST /observations/{id}/link`: send the subject a personal link, to `to` or the contact's own
/// number (SMS) or address (e-mail).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SendLinkRequest {
    pub channel: LinkChannel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkSent {
    pub channel: LinkChannel,
    /// The end of the day after the period, in Japan.
    pub valid_until: OffsetDateTime,
}

/// `POST /subject/confirm`: the subject's birth date, which the health center knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubjectConfirmation {
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub birth_date: Date,
}

/// A symptom asked of the subject, named in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SymptomLabel {
    pub code: String,
    pub ja: String,
    pub en: String,
}

/// `GET /subject`: what the subject sees: the day's items and their own earlier reports, nothing else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubjectView {
    /// The health center's name (who asks).
    pub health_center: String,
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub today: Date,
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub starts_on: Date,
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub ends_on: Date,
    pub reported_today: bool,
    pub temperature: bool,
    pub symptoms: Vec<SymptomLabel>,
    pub free_text: bool,
    pub reports: Vec<ObservationReport>,
}

/// A chain of transmission (`GET /cases/{id}/chain`): the cluster of cases linked through contacts who
/// became cases, from its first case, with every case's contacts. Cases outside the account's area
/// are left out with their contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TransmissionChain {
    /// The first case of the cluster (the one no listed contact became).
    pub root: Uuid,
    pub cases: Vec<ChainCase>,
    pub contacts: Vec<Contact>,
}

/// A case of a chain: its number, subject and status, and the contact it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChainCase {
    pub id: Uuid,
    pub case_number: String,
    pub subject_name: String,
    pub status: CaseStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_contact: Option<Uuid>,
}
