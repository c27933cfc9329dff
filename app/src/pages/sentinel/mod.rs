//! 定点報告 (issue 14): a sentinel site's home (the reports due now and those filed), the report form
//! (disease × age band × sex, 「患者なし」, 入院サーベイランス's care items) sent through the device's
//! outbox, a filed report with its history and correction, and the overseers' page (this week's
//! reporting with reminders, areas in 警報・注意報, aggregated tables with CSV, the season chart).

pub mod chart;
pub mod form;
pub mod grid;
pub mod overseer;
pub mod report;
pub mod site;
pub mod texts;

use std::cell::RefCell;

use domain::api::Designation;
use domain::i18n::Lang;
use domain::sentinel::{form as report_form, ReportKind, ReportPeriod};
use time::Date;
use uuid::Uuid;

use crate::i18n::fill;

pub use form::{CorrectionPage, FilingPage};
pub use overseer::OverseerPage;
pub use report::SentinelReportPage;
pub use site::SiteHome;

/// "2025/4/7".
fn short_date(date: Date) -> String {
    format!("{}/{}/{}", date.year(), u8::from(date.month()), date.day())
}

/// "2025年第15週（2025/4/7〜2025/4/13）" or "2025年4月".
pub fn period_text(period: ReportPeriod, lang: Lang) -> String {
    match period {
        ReportPeriod::Week(week) => fill(
            texts::WEEK_PERIOD,
            lang,
            &[
                ("year", &week.year().to_string()),
                ("week", &week.week().to_string()),
                ("from", &short_date(week.monday())),
                ("to", &short_date(week.sunday())),
            ],
        ),
        ReportPeriod::Month { year, month } => {
            fill(texts::MONTH_PERIOD, lang, &[("year", &year.to_string()), ("month", &u8::from(month).to_string())])
        }
    }
}

/// "小児科定点 週報　2025年第15週（…）".
pub fn report_title(kind: ReportKind, period: ReportPeriod, lang: Lang) -> String {
    let form = report_form(kind).name.get(lang);
    fill(texts::REPORT_TITLE, lang, &[("form", form), ("period", &period_text(period, lang))])
}

/// The address of the report form for `kind` and `period`, on the draft `id`.
pub fn draft_href(kind: ReportKind, period: ReportPeriod, id: Uuid) -> String {
    format!("{}?draft={id}", form_path(kind, period))
}

/// The address of a new report for `kind` and `period` (the form puts a draft id into it).
pub fn form_path(kind: ReportKind, period: ReportPeriod) -> String {
    format!("/sentinel/file/{}/{period}", kind.code())
}

/// "小児科定点（2024-01-01から）": a designation's type as named when it began, and its span.
pub fn designation_text(designation: &Designation, lang: Lang) -> String {
    let name = designation.sentinel_type.name_on(designation.from).get(lang);
    let from = designation.from.to_string();
    let span = match designation.until {
        Some(until) => fill(texts::SINCE_UNTIL, lang, &[("from", &from), ("until", &until.to_string())]),
        None => fill(texts::SINCE, lang, &[("from", &from)]),
    };
    format!("{name}（{span}）")
}

/// A disease's name in the form version in force for `period`, or its code.
pub fn disease_name(kind: ReportKind, period: ReportPeriod, code: &str, lang: Lang) -> String {
    report_form(kind)
        .version_on(period.first_day())
        .and_then(|version| version.disease(code))
        .map_or_else(|| code.to_owned(), |disease| disease.name.get(lang).to_owned())
}

thread_local! {
    /// The site's designations as the server last gave them during this visit, so that the form
    /// checks a report offline as the server will (`domain::sentinel::check_report`).
    static DESIGNATIONS: RefCell<Option<Vec<Designation>>> = const { RefCell::new(None) };
}

fn remember_designations(designations: &[Designation]) {
    DESIGNATIONS.with(|known| *known.borrow_mut() = Some(designations.to_vec()));
}

/// The site's designations as the server last gave them during this visit, if it was reached.
pub fn known_designations() -> Option<Vec<Designation>> {
    DESIGNATIONS.with(|known| known.borrow().clone())
}

/// The designations to check a report of `kind` against: the server's, or, when it was not reached
/// during this visit, one covering the period (the server checks the designation on receipt).
fn designations_for(kind: ReportKind, period: ReportPeriod) -> Vec<Designation> {
    known_designations().unwrap_or_else(|| {
        vec![Designation { sentinel_type: report_form(kind).sentinel_type, from: period.first_day(), until: None }]
    })
}
