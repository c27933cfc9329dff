//! The lists of 疑似症 reports: on a health center's (and overseer's) home above the notification
//! inbox, in the server's order (overdue, then waiting, returned, accepted) with the 直ちに flag; on a
//! designated institution's home, the way to file one and the reports it filed.

use domain::api::{SiteOverview, SyndromicReport};
use domain::jst::format_jst;
use domain::sentinel::SentinelType;
use leptos::prelude::*;

use super::{patient_text, report_href, symptoms_text, texts, FORM_PATH};
use crate::api::ApiFailure;
use crate::auth::Session;
use crate::i18n::{tr, ui, use_lang};
use crate::pages::inbox::list::{status_badge_class, status_text, WorkflowFlags};

/// A health center's, 都道府県等's or national account's 疑似症 reports.
#[component]
pub fn SyndromicInbox(session: Session) -> impl IntoView {
    let client = session.client;
    let reports = LocalResource::new(move || async move { client.syndromic_reports().await });
    view! {
        <section class="syndromic-inbox" aria-labelledby="syndromic-title">
            <h2 id="syndromic-title">{tr(texts::INBOX_TITLE)}</h2>
            <Reports reports=Signal::derive(move || reports.get()) flags=true />
        </section>
    }
}

/// A designated institution's section: the form's link and the reports filed. Hidden when the server
/// says the site is not designated for 疑似症; shown when it cannot be asked (offline filing).
#[component]
pub fn SyndromicSiteSection(session: Session, site: Signal<Option<Result<SiteOverview, ApiFailure>>>) -> impl IntoView {
    let client = session.client;
    let designated = move || match site.get() {
        Some(Ok(site)) => {
            site.designations.iter().any(|designation| designation.sentinel_type == SentinelType::Syndromic)
        }
        Some(Err(_)) => true,
        None => false,
    };
    let reports = LocalResource::new(move || async move { client.syndromic_reports().await });
    view! {
        <Show when=designated>
            <section class="syndromic-site" aria-labelledby="syndromic-title">
                <h2 id="syndromic-title">{tr(texts::REPORT_TITLE)}</h2>
                <p><a class="button button-primary" href=FORM_PATH>{tr(texts::FILE_LINK)}</a></p>
                <h3>{tr(texts::OWN_TITLE)}</h3>
                <Reports reports=Signal::derive(move || reports.get()) flags=false />
            </section>
        </Show>
    }
}

#[component]
fn Reports(reports: Signal<Option<Result<Vec<SyndromicReport>, ApiFailure>>>, flags: bool) -> impl IntoView {
    let lang = use_lang();
    move || match reports.get() {
        None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
        Some(Err(failure)) => {
            view! { <p class="alert alert-error" role="alert">{move || failure.message(lang.get())}</p> }.into_any()
        }
        Some(Ok(list)) if list.is_empty() => view! { <p class="hint">{tr(texts::NONE)}</p> }.into_any(),
        Some(Ok(list)) => {
            let rows = list.into_iter().map(|report| view! { <ReportRow report flags /> }).collect_view();
            view! { <ul class="syndromic-reports">{rows}</ul> }.into_any()
        }
    }
}

#[component]
fn ReportRow(report: SyndromicReport, flags: bool) -> impl IntoView {
    let lang = use_lang();
    let SyndromicReport { receipt, status, urgent, overdue, content, return_comment, .. } = report;
    let symptoms = content.symptoms;
    let (age_band, sex) = (content.age_band, content.sex);
    view! {
        <li class="syndromic-row" data-status=status_text(status, domain::i18n::Lang::En)>
            <p>
                <span class=status_badge_class(status)>{move || status_text(status, lang.get())}</span>
                " "
                {flags.then(|| view! { <WorkflowFlags urgent overdue /> })}
                " "
                <a class="link" href=report_href(receipt.report_id)>{move || symptoms_text(&symptoms, lang.get())}</a>
            </p>
            <p class="syndromic-row-facts">
                {move || patient_text(&age_band, sex, lang.get())}
                " ／ "
                {receipt.institution.name}
                " ／ "
                <span class="receipt-number">{receipt.receipt_number}</span>
                " "
                {format_jst(receipt.received_at)}
            </p>
            {return_comment.map(|comment| view! { <p class="syndromic-return-comment">{comment}</p> })}
        </li>
    }
}
