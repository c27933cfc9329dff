//! What an outbox item files: a notification (発生届, or the correction of a returned one), a sentinel
//! report (定点報告) or a 疑似症 report.
//! The outbox, its state machine, the sealing and the sync engine are the same for all; only these three
//! shapes say
//! which it is: what is kept in clear (`Filing`), what is sealed (`Body`) and the server's proof of
//! receipt (`Proof`).
//!
//! Each kind is stored as its fields alone, with no tag, so that the records devices already hold
//! (notifications, written before sentinel reports existed) read as they are; a later kind has a field
//! the earlier ones lack, except a resubmission's body, which has every field of a notification's and is
//! told apart by its revision. `Filing` and `Body` are read and written as fields of the records that
//! hold them (`store::ItemMeta`, `drafts::Contents`), and `Proof` is read through one struct of every
//! receipt's fields, not with serde's untagged enums: those buffer the record and try each kind in
//! turn, several times the code in the wasm loaded before the login form (docs/performance.md). The
//! tests below hold the text of every kind as devices store it.

use domain::api::{
    Organization, Receipt, SentinelReceipt, SentinelReportSubmission, SyndromicReceipt, SyndromicSubmission,
};
use domain::forms::Answers;
use domain::lazy::Lazy;
use domain::sentinel::{ReportKind, ReportPeriod};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// What an item files, kept in clear beside its sealed content: nothing about a patient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filing {
    /// A notification of a disease (catalog code, e.g. `measles`); a veterinarian's report names its
    /// disease × animal pair too (absent in records written before animal reports went through the outbox).
    Notification { disease: String, animal_report: Option<String> },
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
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// The corrected answers of a returned notification (the item's id is the notification's) and the
    /// revision they correct.
    Resubmission { based_on_revision: u32, answers: Answers },
    /// The notification's answers (the disease is the item's `Filing`).
    Notification { answers: Answers },
    /// The whole report, with `based_on_revision` for a correction. Reports are kept as sealed and
    /// sent on as such: only their forms parse them, so a doctor's outbox holds no parser of them.
    SentinelReport { report: Lazy<SentinelReportSubmission> },
    /// The whole 疑似症 report (kept as sealed, like a sentinel report).
    SyndromicReport { syndromic: Lazy<SyndromicSubmission> },
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

/// The server's receipt of what was filed (stored in an item's state): written as the receipt alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged, try_from = "ProofRecord")]
pub enum Proof {
    Notification(Receipt),
    SentinelReport(SentinelReceipt),
    SyndromicReport(SyndromicReceipt),
}

/// A [`Proof`] as stored: the fields of whichever receipt it is, read as one struct (see above).
#[derive(Deserialize)]
struct ProofRecord {
    notification_id: Option<Uuid>,
    report_id: Option<Uuid>,
    receipt_number: String,
    #[serde(with = "time::serde::rfc3339")]
    received_at: OffsetDateTime,
    health_center: Organization,
    site: Option<Organization>,
    kind: Option<ReportKind>,
    period: Option<ReportPeriod>,
    revision: Option<u32>,
    institution: Option<Organization>,
}

impl TryFrom<ProofRecord> for Proof {
    type Error = &'static str;

    /// In the order the kinds came: a notification's id makes a notification's receipt.
    fn try_from(record: ProofRecord) -> Result<Self, Self::Error> {
        let ProofRecord { receipt_number, received_at, health_center, .. } = record;
        Ok(match (record.notification_id, record.report_id) {
            (Some(notification_id), _) => {
                Self::Notification(Receipt { notification_id, receipt_number, received_at, health_center })
            }
            (None, Some(report_id)) => match (record.site, record.kind, record.period, record.revision) {
                (Some(site), Some(kind), Some(period), Some(revision)) => Self::SentinelReport(SentinelReceipt {
                    report_id,
                    receipt_number,
                    received_at,
                    site,
                    health_center,
                    kind,
                    period,
                    revision,
                }),
                _ => Self::SyndromicReport(SyndromicReceipt {
                    report_id,
                    receipt_number,
                    received_at,
                    institution: record.institution.ok_or("a receipt of no kind")?,
                    health_center,
                }),
            },
            (None, None) => return Err("a receipt of no kind"),
        })
    }
}

impl Proof {
    pub fn receipt_number(&self) -> &str {
        match self {
            Self::Notification(receipt) => &receipt.receipt_number,
            Self::SentinelReport(receipt) => &receipt.receipt_number,
            Self::SyndromicReport(receipt) => &receipt.receipt_number,
        }
    }

    pub fn received_at(&self) -> OffsetDateTime {
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

    use domain::forms::Answer;
    use serde_json::json;

    use super::*;
    use crate::offline::drafts::{Contents, Refusal};
    use crate::offline::machine::ItemState;
    use crate::offline::store::ItemMeta;

    fn meta(filing: Filing, state: ItemState) -> ItemMeta {
        ItemMeta { filing, state, created_ms: 1.0, updated_ms: 2.5 }
    }

    fn contents(body: Body) -> Contents {
        Contents { body, problem: None }
    }

    fn sentinel_report() -> SentinelReportSubmission {
        serde_json::from_value(json!({
            "kind": "pediatric_weekly", "period": "2025-W15", "no_patients": true, "based_on_revision": 2
        }))
        .unwrap()
    }

    fn syndromic_report() -> SyndromicSubmission {
        serde_json::from_value(json!({
            "symptoms": ["fever"], "age_band": "80+", "sex": "male", "diagnosed_on": "2026-12-01",
            "intensive_care": "icu"
        }))
        .unwrap()
    }

    /// Each value is written exactly as the JSON beside it, the text devices have held since it was
    /// first stored (by the derived, flattened and untagged forms of before), and that text reads back
    /// as the value: drafts and outbox items on users' phones read after the update.
    fn stored_as<T>(value: &T, stored: &str)
    where
        T: Serialize + for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug,
    {
        assert_eq!(serde_json::to_string(value).unwrap(), stored);
        assert_eq!(&serde_json::from_str::<T>(stored).unwrap(), value, "{stored}");
    }

    #[both]
    fn items_keep_the_shape_devices_hold() {
        let measles = Filing::Notification { disease: "measles".into(), animal_report: None };
        let draft = meta(measles.clone(), ItemState::Draft);
        stored_as(&draft, r#"{"disease":"measles","state":{"state":"draft"},"created_ms":1.0,"updated_ms":2.5}"#);
        let animal = Filing::Notification { disease: "ebola".into(), animal_report: Some("ebola_monkey".into()) };
        stored_as(
            &meta(animal, ItemState::Queued { attempts: 3, next_try_ms: 9.0 }),
            r#"{"disease":"ebola","animal_report":"ebola_monkey","state":{"state":"queued","attempts":3,"next_try_ms":9.0},"created_ms":1.0,"updated_ms":2.5}"#,
        );
        let sentinel =
            Filing::SentinelReport { report_kind: ReportKind::PediatricWeekly, period: "2025-W15".parse().unwrap() };
        stored_as(
            &meta(sentinel, ItemState::Sending { attempts: 1 }),
            r#"{"report_kind":"pediatric_weekly","period":"2025-W15","state":{"state":"sending","attempts":1},"created_ms":1.0,"updated_ms":2.5}"#,
        );
        let syndromic = Filing::SyndromicReport { syndromic_institution: "9920000002".into() };
        stored_as(
            &meta(syndromic, ItemState::Failed),
            r#"{"syndromic_institution":"9920000002","state":{"state":"failed"},"created_ms":1.0,"updated_ms":2.5}"#,
        );

        // Records written before animal reports or sentinel reports existed; fields of no kind are ignored.
        let old: ItemMeta = serde_json::from_str(
            r#"{"state":{"state":"draft"},"disease":"measles","created_ms":1,"updated_ms":2.5,"x":0}"#,
        )
        .unwrap();
        assert_eq!(old, draft);
        assert_eq!(old.filing.disease(), Some("measles"));
        for nothing in [
            r#"{"state":{"state":"draft"},"created_ms":1.0,"updated_ms":2.5}"#,
            r#"{"report_kind":"pediatric_weekly","state":{"state":"draft"},"created_ms":1.0,"updated_ms":2.5}"#,
        ] {
            assert!(serde_json::from_str::<ItemMeta>(nothing).is_err(), "{nothing}");
        }
    }

    #[both]
    fn sealed_contents_keep_the_shape_devices_hold() {
        let answers = Answers::from([("patient_age".to_owned(), Answer::One("6".to_owned()))]);
        let notification = contents(Body::Notification { answers: answers.clone() });
        stored_as(&notification, r#"{"answers":{"patient_age":"6"},"problem":null}"#);
        let resubmission = contents(Body::Resubmission { based_on_revision: 2, answers: answers.clone() });
        stored_as(&resubmission, r#"{"based_on_revision":2,"answers":{"patient_age":"6"},"problem":null}"#);
        let refused = Contents {
            body: Body::Notification { answers },
            problem: Some(Refusal {
                status: 409,
                error: serde_json::from_value(json!({ "code": "notification_conflict", "message": "別の内容" }))
                    .unwrap(),
            }),
        };
        stored_as(
            &refused,
            r#"{"answers":{"patient_age":"6"},"problem":{"status":409,"error":{"code":"notification_conflict","message":"別の内容"}}}"#,
        );
        let sentinel = serde_json::to_string(&sentinel_report()).unwrap();
        let stored = format!(r#"{{"report":{sentinel},"problem":null}}"#);
        stored_as(&contents(Body::SentinelReport { report: sentinel_report().into() }), &stored);
        let read: Contents = serde_json::from_str(&stored).unwrap();
        assert!(matches!(read.body, Body::SentinelReport { report } if report.get() == Some(&sentinel_report())));
        let syndromic = serde_json::to_string(&syndromic_report()).unwrap();
        let stored = format!(r#"{{"syndromic":{syndromic},"problem":null}}"#);
        stored_as(&contents(Body::SyndromicReport { syndromic: syndromic_report().into() }), &stored);
        let read: Contents = serde_json::from_str(&stored).unwrap();
        assert!(
            matches!(read.body, Body::SyndromicReport { syndromic } if syndromic.get() == Some(&syndromic_report()))
        );

        // Sealed before refusals were kept; a correction is never read as a notification, nor the reverse.
        let old: Contents = serde_json::from_str(r#"{"answers":{"patient_age":"6"}}"#).unwrap();
        assert_eq!(old, notification);
        assert!(!old.body.is_correction());
        let back: Contents = serde_json::from_str(r#"{"answers":{"patient_age":"6"},"based_on_revision":2}"#).unwrap();
        assert!(back.body.is_correction());
        assert!(serde_json::from_str::<Contents>(r#"{"based_on_revision":2,"problem":null}"#).is_err());
    }

    const NOTIFICATION_RECEIPT: &str = r#"{"notification_id":"00000000-0000-0000-0000-000000000001","receipt_number":"20261125-000001","received_at":"2026-11-25T00:00:00Z","health_center":{"code":"hc1","name":"北保健所"}}"#;

    #[both]
    fn states_and_receipts_keep_the_shape_devices_hold() {
        let measles = Filing::Notification { disease: "measles".into(), animal_report: None };
        let notification: Receipt = serde_json::from_str(NOTIFICATION_RECEIPT).unwrap();
        let received = ItemState::Received { receipt: Proof::Notification(notification.clone()) };
        stored_as(
            &meta(measles.clone(), received),
            &format!(
                r#"{{"disease":"measles","state":{{"state":"received","receipt":{NOTIFICATION_RECEIPT}}},"created_ms":1.0,"updated_ms":2.5}}"#
            ),
        );
        let returned = ItemState::Returned { receipt: notification };
        stored_as(&returned, &format!(r#"{{"state":"returned","receipt":{NOTIFICATION_RECEIPT}}}"#));

        let sentinel = r#"{"report_id":"00000000-0000-0000-0000-000000000002","receipt_number":"T20261201-000001","received_at":"2026-12-01T09:30:00Z","site":{"code":"s1","name":"北町小児科"},"health_center":{"code":"hc1","name":"北保健所"},"kind":"pediatric_weekly","period":"2025-W15","revision":2}"#;
        let proof: Proof = serde_json::from_str(sentinel).unwrap();
        assert!(matches!(&proof, Proof::SentinelReport(receipt) if receipt.revision == 2));
        stored_as(&proof, sentinel);
        let syndromic = r#"{"report_id":"00000000-0000-0000-0000-000000000003","receipt_number":"G20261201-000001","received_at":"2026-12-01T00:00:00Z","institution":{"code":"9920000002","name":"南町総合病院"},"health_center":{"code":"9902","name":"南保健所"}}"#;
        let proof: Proof = serde_json::from_str(syndromic).unwrap();
        assert!(matches!(&proof, Proof::SyndromicReport(receipt) if receipt.institution.name == "南町総合病院"));
        stored_as(&proof, syndromic);

        // A returned notification's receipt is a notification's; a state without its data is refused.
        let sentinel_returned = format!(r#"{{"state":"returned","receipt":{sentinel}}}"#);
        for wrong in [
            r#"{"state":"queued","attempts":1}"#,
            r#"{"state":"sending"}"#,
            r#"{"state":"received"}"#,
            &sentinel_returned,
            r#"{"state":"lost"}"#,
        ] {
            assert!(serde_json::from_str::<ItemState>(wrong).is_err(), "{wrong}");
        }
        assert!(serde_json::from_str::<Proof>(
            r#"{"receipt_number":"1","received_at":"2026-12-01T00:00:00Z","health_center":{"code":"1","name":"x"}}"#
        )
        .is_err());
    }
}
