//! What an outbox item files: a notification (発生届, or the correction of a returned one), a sentinel
//! report (定点報告) or a 疑似症 report.
//! The outbox, its state machine, the sealing and the sync engine are the same for all; only these three
//! shapes say
//! which it is: what is kept in clear (`Filing`), what is sealed (`Body`) and the server's proof of
//! receipt (`Proof`).
//!
//! Each is untagged so that the records devices already hold (notifications, written before sentinel
//! reports existed) read as they are; a later kind comes after the earlier ones and has a field they lack,
//! except a resubmission's body, which has every field of a notification's and so comes before it.

use domain::api::{Receipt, SentinelReceipt, SentinelReportSubmission, SyndromicReceipt, SyndromicSubmission};
use domain::forms::Answers;
use domain::sentinel::{ReportKind, ReportPeriod};
use serde::{Deserialize, Serialize};

/// What an item files, kept in clear beside its sealed content: nothing about a patient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Filing {
    /// A notification of a disease (catalog code, e.g. `measles`); a veterinarian's report names its
    /// disease × animal pair too (absent in records written before animal reports went through the outbox).
    Notification {
        disease: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        animal_report: Option<String>,
    },
    /// A sentinel report of a form for a period (a correction too: it names its revision inside).
    SentinelReport { report_kind: ReportKind, period: ReportPeriod },
    /// A 疑似症 report of the designated institution (its code).
    SyndromicReport { syndromic_institution: String },
}

impl Filing {
    /// The disease of a notification.
    pub fn disease(&self) -> Option<&str> {
        match self {
            Self::Notification { disease, .. } => Some(disease),
            Self::SentinelReport { .. } | Self::SyndromicReport { .. } => None,
        }
    }
}

/// What is sealed: the content as it will be sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Body {
    /// The corrected answers of a returned notification (the item's id is the notification's) and the
    /// revision they correct. First: a notification's body would read it too, its revision ignored.
    Resubmission { based_on_revision: u32, answers: Answers },
    /// The notification's answers (the disease is the item's `Filing`).
    Notification { answers: Answers },
    /// The whole report, with `based_on_revision` for a correction.
    SentinelReport { report: SentinelReportSubmission },
    /// The whole 疑似症 report.
    SyndromicReport { syndromic: SyndromicSubmission },
}

impl Default for Body {
    fn default() -> Self {
        Self::Notification { answers: Answers::new() }
    }
}

impl Body {
    /// Whether this corrects a returned notification.
    pub fn is_correction(&self) -> bool {
        matches!(self, Self::Resubmission { .. })
    }

    /// The notification's answers (none for a sentinel report).
    pub fn answers(&self) -> Answers {
        match self {
            Self::Notification { answers } | Self::Resubmission { answers, .. } => answers.clone(),
            Self::SentinelReport { .. } | Self::SyndromicReport { .. } => Answers::new(),
        }
    }
}

/// The server's receipt of what was filed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Proof {
    Notification(Receipt),
    SentinelReport(SentinelReceipt),
    SyndromicReport(SyndromicReceipt),
}

impl Proof {
    pub fn receipt_number(&self) -> &str {
        match self {
            Self::Notification(receipt) => &receipt.receipt_number,
            Self::SentinelReport(receipt) => &receipt.receipt_number,
            Self::SyndromicReport(receipt) => &receipt.receipt_number,
        }
    }

    pub fn received_at(&self) -> time::OffsetDateTime {
        match self {
            Self::Notification(receipt) => receipt.received_at,
            Self::SentinelReport(receipt) => receipt.received_at,
            Self::SyndromicReport(receipt) => receipt.received_at,
        }
    }

    pub fn health_center(&self) -> &domain::api::Organization {
        match self {
            Self::Notification(receipt) => &receipt.health_center,
            Self::SentinelReport(receipt) => &receipt.health_center,
            Self::SyndromicReport(receipt) => &receipt.health_center,
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(not(target_arch = "wasm32"))]
    use std::prelude::rust_2021::test as both;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as both;

    use super::*;
    use serde_json::json;

    #[both]
    fn records_written_before_sentinel_reports_read_as_notifications() {
        let filing: Filing = serde_json::from_value(json!({ "disease": "measles" })).unwrap();
        assert_eq!(filing.disease(), Some("measles"));
        assert_eq!(filing, Filing::Notification { disease: "measles".into(), animal_report: None });
        let body: Body = serde_json::from_value(json!({ "answers": { "patient_age": "6" } })).unwrap();
        assert!(matches!(body, Body::Notification { .. }));
        let proof: Proof = serde_json::from_value(json!({
            "notification_id": "00000000-0000-0000-0000-000000000000", "receipt_number": "20261125-000001",
            "received_at": "2026-11-25T00:00:00Z", "health_center": { "code": "hc1", "name": "北保健所" }
        }))
        .unwrap();
        assert!(matches!(proof, Proof::Notification(_)));
    }

    #[both]
    fn a_resubmission_reads_back_as_itself_and_a_notification_never_as_one() {
        let answers = Answers::from([("patient_age".to_owned(), domain::forms::Answer::One("6".to_owned()))]);
        let body = Body::Resubmission { based_on_revision: 2, answers: answers.clone() };
        let back: Body = serde_json::from_value(serde_json::to_value(&body).unwrap()).unwrap();
        assert_eq!(back, body);
        assert!(back.is_correction());
        let notification: Body = serde_json::from_value(json!({ "answers": { "patient_age": "6" } })).unwrap();
        assert_eq!(notification, Body::Notification { answers });
        assert!(!notification.is_correction());
    }

    #[both]
    fn an_animal_report_round_trips_with_its_pair() {
        let filing = Filing::Notification { disease: "ebola".into(), animal_report: Some("ebola_monkey".into()) };
        let back: Filing = serde_json::from_value(serde_json::to_value(&filing).unwrap()).unwrap();
        assert_eq!(back, filing);
    }

    #[both]
    fn a_sentinel_report_round_trips_as_itself() {
        let report: SentinelReportSubmission = serde_json::from_value(json!({
            "kind": "pediatric_weekly", "period": "2025-W15", "no_patients": true, "based_on_revision": 2
        }))
        .unwrap();
        let filing = Filing::SentinelReport { report_kind: report.kind, period: "2025-W15".parse().unwrap() };
        let back: Filing = serde_json::from_value(serde_json::to_value(&filing).unwrap()).unwrap();
        assert_eq!(back, filing);
        assert_eq!(filing.disease(), None);
        let body = Body::SentinelReport { report };
        let back: Body = serde_json::from_value(serde_json::to_value(&body).unwrap()).unwrap();
        assert_eq!(back, body);
    }

    #[both]
    fn a_syndromic_report_reads_back_as_itself_not_as_an_earlier_kind() {
        let filing = Filing::SyndromicReport { syndromic_institution: "9920000002".into() };
        let back: Filing = serde_json::from_value(serde_json::to_value(&filing).unwrap()).unwrap();
        assert_eq!(back, filing);
        let syndromic: SyndromicSubmission = serde_json::from_value(json!({
            "symptoms": ["fever"], "age_band": "80+", "sex": "male", "diagnosed_on": "2026-12-01",
            "intensive_care": "icu"
        }))
        .unwrap();
        let body = Body::SyndromicReport { syndromic };
        let back: Body = serde_json::from_value(serde_json::to_value(&body).unwrap()).unwrap();
        assert_eq!(back, body);
        let proof: Proof = serde_json::from_value(json!({
            "report_id": "00000000-0000-0000-0000-000000000000", "receipt_number": "G20261201-000001",
            "received_at": "2026-12-01T00:00:00Z", "institution": { "code": "9920000002", "name": "南町総合病院" },
            "health_center": { "code": "9902", "name": "南保健所" }
        }))
        .unwrap();
        assert!(matches!(proof, Proof::SyndromicReport(_)));
    }
}
