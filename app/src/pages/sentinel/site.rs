//! A sentinel site's home (class 16): the reports due now for each designation (this week's, this
//! month's) with their state and the way to enter or correct each (a report that waits in this
//! device's outbox shows as waiting, not as one to enter), the reports kept on this device (drafts,
//! waiting to be sent, receipts), and the reports the site filed.

use domain::api::{DueReport, DueState, SentinelReport, SiteOverview};
use domain::jst::format_jst;
use domain::sentinel::{ReportKind, ReportPeriod};
use leptos::prelude::*;
use uuid::Uuid;

use super::{designation_text, draft_href, form_path, period_text, remember_designations, report_title, texts};
use crate::auth::Session;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::offline::filing::Filing;
use crate::offline::list::DeviceWork;
use crate::offline::machine::StateKind;
use crate::offline::store::{self, StoredItem};
use crate::offline::sync::use_outbox;
use crate::offline::words;
use crate::pages::syndromic::SyndromicSiteSection;

/// A report of a form and period that this device holds and the server has not received: the item
/// and where it stands (下書き, 送信待ち, 送信中, エラー).
#[derive(Debug, Clone, Copy, PartialEq)]
struct OnDevice {
    kind: ReportKind,
    period: ReportPeriod,
    id: Uuid,
    state: StateKind,
}

/// The device's unsent sentinel reports, one per form and period: one waiting to be sent before a
/// draft, the latest edited first.
fn unsent_reports(mut items: Vec<StoredItem>) -> Vec<OnDevice> {
    items.sort_by(|a, b| b.meta.updated_ms.total_cmp(&a.meta.updated_ms));
    let waiting = |state: StateKind| matches!(state, StateKind::Queued | StateKind::Sending);
    let mut found: Vec<OnDevice> = Vec::new();
    for item in items.into_iter().filter(|item| item.meta.state.is_unsent()) {
        let Filing::SentinelReport { report_kind, period } = item.meta.filing else { continue };
        let entry = OnDevice { kind: report_kind, period, id: item.id, state: item.meta.state.kind() };
        match found.iter_mut().find(|known| known.kind == entry.kind && known.period == entry.period) {
            Some(known) if waiting(entry.state) && !waiting(known.state) => *known = entry,
            Some(_) => {}
            None => found.push(entry),
        }
    }
    found
}

#[component]
pub fn SiteHome(session: Session) -> impl IntoView {
    let lang = use_lang();
    let client = session.client;
    let outbox = use_outbox();
    // Read again when the outbox delivers or queues something.
    let changed = move || outbox.map(|outbox| outbox.changed.get());
    let site = LocalResource::new(move || {
        changed();
        async move {
            let site = client.sentinel_site().await;
            if let Ok(site) = &site {
                remember_designations(&site.designations);
            }
            site
        }
    });
    let owner = session.me.user_id.clone();
    let on_device = LocalResource::new(move || {
        changed();
        let owner = owner.clone();
        async move { store::items(&owner).await.map(unsent_reports).unwrap_or_default() }
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
                Some(Ok(site)) => {
                    let on_device = on_device.get().unwrap_or_default();
                    view! { <DueReports site on_device /> }.into_any()
                }
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
fn DueReports(site: SiteOverview, on_device: Vec<OnDevice>) -> impl IntoView {
    let lang = use_lang();
    if site.due.is_empty() {
        return view! { <p class="hint">{tr(texts::DUE_NONE)}</p> }.into_any();
    }
    let designations = site
        .designations
        .iter()
        .map(|designation| {
            let designation = designation.clone();
            move || designation_text(&designation, lang.get())
        })
        .map(|text| view! { <li>{text}</li> })
        .collect_view();
    let due = site
        .due
        .into_iter()
        .map(|due| {
            let on_device = on_device.iter().find(|item| item.kind == due.kind && item.period == due.period).copied();
            view! { <DueEntry due on_device /> }
        })
        .collect_view();
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

/// One report owed: its form and period, deadline, state, and 入力する or 修正する. Not reported but
/// on this device: 送信待ち (nothing to do), or its draft to continue.
#[component]
fn DueEntry(due: DueReport, on_device: Option<OnDevice>) -> impl IntoView {
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
    let on_device = on_device.filter(|_| report_id.is_none());
    let action = match (report_id, on_device) {
        (Some(id), _) => view! {
            <a class="button button-secondary button-small" href=format!("/sentinel/reports/{id}")>{tr(texts::VIEW)}</a>
            <a class="button button-secondary button-small" href=format!("/sentinel/reports/{id}/correct")>{tr(texts::CORRECT)}</a>
        }
        .into_any(),
        (None, Some(OnDevice { state: StateKind::Queued | StateKind::Sending, .. })) => {
            view! { <p class="hint">{tr(words::WILL_SEND)}</p> }.into_any()
        }
        (None, Some(OnDevice { id, state, .. })) => {
            let text = if state == StateKind::Failed { words::CORRECT } else { words::RESUME };
            view! { <a class="button button-primary" href=draft_href(kind, period, id)>{tr(text)}</a> }.into_any()
        }
        (None, None) => {
            view! { <a class="button button-primary" href=form_path(kind, period)>{tr(texts::FILE_NOW)}</a> }.into_any()
        }
    };
    let badge = match on_device {
        Some(item) => view! {
            <span class=format!("badge state-{:?}", item.state).to_ascii_lowercase()>{tr(words::state(item.state))}</span>
        }
        .into_any(),
        None => view! { <span class=format!("badge due-{}", state_class(state))>{tr(texts::due_state(state))}</span> }
            .into_any(),
    };
    let revision = revision.map(|n| move || fill(texts::REVISION, lang.get(), &[("n", &n.to_string())]));
    view! {
        <li class="due-report" data-kind=kind.code() data-period=period.to_string()>
            <p>
                {badge}
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
