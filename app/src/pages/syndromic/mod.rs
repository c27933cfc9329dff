//! 疑似症サーベイランス (issue 15): the designated institution's short phone form sent through the
//! device's outbox, its list of reports, and the health center's list (shown first, as 直ちに) and a
//! report's page with accept and return. The rules are `domain::syndromic`'s.

pub mod form;
pub mod lists;
pub mod report;
pub mod texts;

use domain::api::Sex;
use domain::i18n::Lang;
use domain::syndromic::{SymptomGroup, AGE_BANDS};
use uuid::Uuid;

pub use form::SyndromicFilingPage;
pub use lists::{SyndromicInbox, SyndromicSiteSection};
pub use report::SyndromicReportPage;

/// The form's address (the form puts a draft id into it).
pub const FORM_PATH: &str = "/syndromic/new";

/// The form on the draft `id`.
pub fn draft_href(id: Uuid) -> String {
    format!("{FORM_PATH}?draft={id}")
}

/// A filed report's page.
pub fn report_href(id: Uuid) -> String {
    format!("/syndromic/reports/{id}")
}

/// "発熱・神経症状".
pub fn symptoms_text(symptoms: &[SymptomGroup], lang: Lang) -> String {
    symptoms.iter().map(|symptom| symptom.label().get(lang)).collect::<Vec<_>>().join("・")
}

/// "5～9歳 女".
pub fn patient_text(age_band: &str, sex: Sex, lang: Lang) -> String {
    let band = AGE_BANDS.iter().find(|band| band.code == age_band).map_or(age_band, |band| band.name.get(lang));
    format!("{band} {}", crate::pages::sentinel::texts::sex(sex).get(lang))
}
