//! Wire types of 疑似症サーベイランス (SPEC S-3, issue 15): a designated institution's report of one
//! patient, under an id the device chose; its receipt; the report as the health center and the filer
//! read it, with its workflow history.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::{Entered, HistoryEntry, NotificationStatus, Organization, Sex};
use crate::dates::iso_date;
use crate::syndromic::{IntensiveCare, SymptomGroup};

/// Body of `PUT /api/v1/syndromic/reports/{id}`: one patient (施行規則第6条第2項). Who the patient is
/// is not asked: the report carries an age band and sex only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyndromicSubmission {
    /// At least one symptom group, each once.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<SymptomGroup>))]
    pub symptoms: Vec<Entered<SymptomGroup>>,
    /// An age band code of `domain::syndromic::AGE_BANDS`, e.g. `0y` (1歳未満), `20-29y`, `80+`.
    pub age_band: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Sex))]
    pub sex: Entered<Sex>,
    /// 発病日 (`YYYY-MM-DD`), when known: not after the diagnosis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub onset_on: Option<String>,
    /// 診断日 (`YYYY-MM-DD`): the day the doctor judged the case to be 疑似症; not in the future, not
    /// before 2019-04-01 (when the rule came into force), and a day the institution was designated.
    pub diagnosed_on: String,
    /// 集中治療その他これに準ずるもの: the care the patient needs (the definition requires one).
    #[cfg_attr(feature = "openapi", schema(value_type = IntensiveCare))]
    pub intensive_care: Entered<IntensiveCare>,
    /// Free text (渡航歴・接触歴 and what else the doctor notes); required when `other` is among the
    /// symptoms. V-1 characters, line breaks allowed, at most 2,000.
    #[serde(default)]
    pub note: String,
}

/// A report as checked and stored: symptoms in catalog order, dates as dates, the note trimmed (absent
/// when empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyndromicContent {
    pub symptoms: Vec<SymptomGroup>,
    pub age_band: String,
    pub sex: Sex,
    #[serde(default, with = "iso_date::option", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub onset_on: Option<Date>,
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub diagnosed_on: Date,
    pub intensive_care: IntensiveCare,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// 受付: proof that todoke has the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyndromicReceipt {
    /// The id the device chose.
    pub report_id: Uuid,
    /// 受付番号, e.g. `G20261206-000042`.
    pub receipt_number: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub received_at: OffsetDateTime,
    /// The designated institution that filed it.
    pub institution: Organization,
    /// The health center it was routed to (the one responsible for the institution).
    pub health_center: Organization,
}

/// A report as it stands, for lists (the health center's, the institution's) and the detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyndromicReport {
    pub receipt: SyndromicReceipt,
    pub status: NotificationStatus,
    /// Always true: 疑似症 is reported 直ちに, and the health center sees it first.
    pub urgent: bool,
    /// Waiting for the health center (`received`) longer than 24 hours.
    pub overdue: bool,
    pub content: SyndromicContent,
    /// Login ID of who filed it.
    pub filed_by: String,
    /// While it is returned: what the health center said (the return's comment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_comment: Option<String>,
}

/// `GET /syndromic/reports/{id}`: the report and every step, oldest first (the first is the receipt).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SyndromicReportDetail {
    pub report: SyndromicReport,
    pub history: Vec<HistoryEntry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_outside_the_catalog_is_kept_for_validation() {
        let text = r#"{"symptoms":["fever","sneezing"],"age_band":"5-9y","sex":"female",
            "diagnosed_on":"2026-12-01","intensive_care":"icu"}"#;
        let submission: SyndromicSubmission = serde_json::from_str(text).unwrap();
        assert_eq!(submission.symptoms[0], Entered::Valid(SymptomGroup::Fever));
        assert_eq!(submission.symptoms[1], Entered::Invalid(serde_json::json!("sneezing")));
        assert_eq!((submission.onset_on, submission.note.as_str()), (None, ""));
    }
}
