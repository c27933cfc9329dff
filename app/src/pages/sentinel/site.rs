//! A sentinel site's home (class 16): the reports due now for each designation (this week's, this
//! month's) with their state and the way to enter or correct each, the reports kept on this device
//! (drafts, waiting to be sent, receipts), and the reports the site filed.

use domain::api::{DueReport, DueState, SentinelReport, SiteOverview};
use domain::jst::format_jst;
use leptos::prelude::*;

use super::{form_path, period_text, remember_designations, report_title, texts};
use crate::auth::Session;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::offline::list::DeviceWork;
use crate::pages::syndromic::SyndromicSiteSection;

#[component]
pub fn SiteHome(session: Session) -> impl IntoView {
    let lang = use_lang();
    let client = session.client;
    let site = LocalResource::new(move || async move {
        let site = client.sentinel_site().await;
        if let Ok(site) = &site {
            remember_designations(&site.designations);
        }
        site
    });
    let reports = LocalResource::new(move || async move { client.sentinel_reports().await });
    view! {
        <PageTitle text=texts::HOME_TITLE />
        <h1>{tr(texts::HOME_TITLE)}</h1>
        <section aria-labelledby="due-title">
            <h2 id="due-title">{tr(texts::DUE_TITLE)}</h2>
            {move || match site.get() {
                None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
                Some(Err(_)) => view! { <p class="alert alert-info" role="status">{tr(texts::OFFLINE_SITE)}</p> }.into_any(),
                Some(Ok(site)) => view! { <DueReports site /> }.into_any(),
            }}
        </section>
        <SyndromicSiteSection session=session.clone() site=Signal::derive(move || site.get()) />
        <DeviceWork session=session.clone() />
        <section aria-labelledby="past-title">
            <h2 id="past-title">{tr(texts::PAST_TITLE)}</h2>
            {move || match reports.get() {
                None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
                Some(Err(failure)) => {
                    view! { <p class="alert alert-error" role="alert">{move || failure.message(lang.get())}</p> }.into_any()
                }
                Some(Ok(list)) if list.is_empty() => view! { <p class="hint">{tr(texts::PAST_NONE)}</p> }.into_any(),
                Some(Ok(list)) => view! { <PastReports list /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn DueReports(site: SiteOverview) -> impl IntoView {
    let lang = use_lang();
    if site.due.is_empty() {
        return view! { <p class="hint">{tr(texts::DUE_NONE)}</p> }.into_any();
    }
    let designations = site
        .designations
        .iter()
        .map(|designation| {
            let designation = designation.clone();
            move || {
                let lang = lang.get();
                let name = designation.sentinel_type.name_on(designation.from).get(lang).to_owned();
                let from = designation.from.to_string();
                let span = match designation.until {
                    Some(until) => fill(texts::SINCE_UNTIL, lang, &[("from", &from), ("until", &until.to_string())]),
                    None => fill(texts::SINCE, lang, &[("from", &from)]),
                };
                format!("{name}（{span}）")
            }
        })
        .map(|text| view! { <li>{text}</li> })
        .collect_view();
    let due = site.due.into_iter().map(|due| view! { <DueEntry due /> }).collect_view();
    view! {
        <p class="sentinel-site">{site.site.name}" ／ "{site.health_center.name}</p>
        <ul class="due-reports">{due}</ul>
        <details class="sentinel-designations">
            <summary>{tr(texts::DESIGNATIONS)}</summary>
            <ul>{designations}</ul>
        </details>
    }
    .into_any()
}

/// One report owed: its form and period, deadline, state, and 入力する or 修正する.
#[component]
fn DueEntry(due: DueReport) -> impl IntoView {
    let lang = use_lang();
    let DueReport { kind, period, due_on, state, revision, report_id, .. } = due;
    let text = move || {
        let lang = lang.get();
        fill(
            texts::DUE_ENTRY,
            lang,
            &[
                ("form", domain::sentinel::form(kind).name.get(lang)),
                ("period", &period_text(period, lang)),
                ("due", &due_on.to_string()),
            ],
        )
    };
    let action = match report_id {
        Some(id) => view! {
            <a class="button button-secondary button-small" href=format!("/sentinel/reports/{id}")>{tr(texts::VIEW)}</a>
            <a class="button button-secondary button-small" href=format!("/sentinel/reports/{id}/correct")>{tr(texts::CORRECT)}</a>
        }
        .into_any(),
        None => view! { <a class="button button-primary" href=form_path(kind, period)>{tr(texts::FILE_NOW)}</a> }.into_any(),
    };
    let revision = revision.map(|n| move || fill(texts::REVISION, lang.get(), &[("n", &n.to_string())]));
    view! {
        <li class="due-report" data-kind=kind.code() data-period=period.to_string()>
            <p>
                <span class=format!("badge due-{}", state_class(state))>{tr(texts::due_state(state))}</span>
                " "
                <strong>{text}</strong>
                " "
                {revision}
            </p>
            <div class="device-item-actions">{action}</div>
        </li>
    }
}

fn state_class(state: DueState) -> &'static str {
    match state {
        DueState::Reported => "reported",
        DueState::ReportedLate => "reported-late",
        DueState::Pending => "pending",
        DueState::Missing => "missing",
    }
}

#[component]
fn PastReports(list: Vec<SentinelReport>) -> impl IntoView {
    let lang = use_lang();
    let rows = list
        .into_iter()
        .map(|report| {
            let receipt = report.receipt;
            let (kind, period, n) = (receipt.kind, receipt.period, receipt.revision);
            let href = format!("/sentinel/reports/{}", receipt.report_id);
            view! {
                <li class="past-report">
                    <a class="link" href=href>{move || report_title(kind, period, lang.get())}</a>
                    " "
                    <span>{move || fill(texts::REVISION, lang.get(), &[("n", &n.to_string())])}</span>
                    " "
                    <span class="receipt-number">{receipt.receipt_number}</span>
                    " "
                    <span>{format_jst(receipt.received_at)}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="past-reports">{rows}</ul> }
}
