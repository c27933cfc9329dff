//! The rows of the notification lists, each linking to its detail: a filer's list from
//! `GET /notifications` shows where each went (health center); the inbox's cards (paged.rs) show where
//! each came from (institution) and the 直ちに and overdue flags.

use domain::api::{NotificationFilter, NotificationStatus, NotificationSummary};
use domain::i18n::Lang;
use domain::jst::format_jst;
use domain::{animal_reports, diseases};
use leptos::prelude::*;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::api::Loaded;
use crate::auth::Session;
use crate::i18n::{fill, tr, ui, use_lang};

/// Whose list it is, which decides the organization shown on each row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Perspective {
    /// A medical institution's filings: show the receiving health center.
    Institution,
    /// A health center's inbox: show the filing institution.
    HealthCenter,
}

/// The disease's name in the display language, or its code when the catalog does not know it.
pub fn disease_name(code: &str, lang: Lang) -> String {
    diseases::find(code).map_or_else(|| code.to_owned(), |disease| disease.name.get(lang).to_owned())
}

/// What a notification is about: the disease, and for a veterinarian's report (N-7) the animal too
/// ("エボラ出血熱（サル）").
pub fn subject_name(disease: &str, animal_report: Option<&str>, lang: Lang) -> String {
    let name = disease_name(disease, lang);
    match animal_report.and_then(animal_reports::find) {
        Some(report) => fill(ui::DISEASE_IN_ANIMAL, lang, &[("disease", &name), ("animal", report.animal.get(lang))]),
        None => name,
    }
}

/// The heading of a notification: "結核発生届", or "エボラ出血熱（サル）獣医師届出" for an animal report.
pub fn notification_title(disease: &str, animal_report: Option<&str>, lang: Lang) -> String {
    let suffix = if animal_report.is_some() { ui::ANIMAL_REPORT_SUFFIX } else { ui::NOTIFICATION_SUFFIX };
    format!("{}{}", subject_name(disease, animal_report, lang), suffix.get(lang))
}

pub fn status_text(status: NotificationStatus, lang: Lang) -> &'static str {
    match status {
        NotificationStatus::Received => ui::STATUS_RECEIVED.get(lang),
        NotificationStatus::Returned => ui::STATUS_RETURNED.get(lang),
        NotificationStatus::Accepted => ui::STATUS_ACCEPTED.get(lang),
        NotificationStatus::Withdrawn => ui::STATUS_WITHDRAWN.get(lang),
    }
}

/// The badge class of a state: waiting (受付済) in the primary colour, 差し戻し in the error colour, 受理
/// in green, 取下げ in grey, so that the colour never says something else than the word.
pub fn status_badge_class(status: NotificationStatus) -> &'static str {
    match status {
        NotificationStatus::Received => "badge status-received",
        NotificationStatus::Returned => "badge status-returned",
        NotificationStatus::Accepted => "badge status-accepted",
        NotificationStatus::Withdrawn => "badge status-withdrawn",
    }
}

/// The machine-readable form for `<time datetime>`.
pub(super) fn iso_datetime(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

/// A filer's list: everything the institution filed, newest first (the health centers' inbox is
/// paged.rs, a page at a time).
#[component]
pub fn NotificationList(session: Session) -> impl IntoView {
    let lang = use_lang();
    let client = session.client;
    let list = Loaded::new(move || async move { client.notifications(&NotificationFilter::default()).await });
    let perspective = Perspective::Institution;

    move || match list.get() {
        None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
        Some(Err(failure)) => view! {
            <div class="alert alert-error" role="alert">
                <p>{move || failure.message(lang.get())}</p>
                <button type="button" class="button button-secondary" on:click=move |_| list.refetch()>
                    {tr(ui::RETRY)}
                </button>
            </div>
        }
        .into_any(),
        Some(Ok(rows)) if rows.is_empty() => view! { <p class="empty">{tr(ui::NO_SUBMITTED)}</p> }.into_any(),
        Some(Ok(rows)) => view! {
            <ul class="notification-list">
                {rows.into_iter().map(|row| view! { <NotificationRow row perspective /> }).collect_view()}
            </ul>
        }
        .into_any(),
    }
}

/// One row. In an inbox the whole row is the link. In a doctor's list the disease name stays outside
/// the link, so the links that start a new notification are the only ones named after a disease.
#[component]
pub fn NotificationRow(row: NotificationSummary, perspective: Perspective) -> impl IntoView {
    let lang = use_lang();
    // An overdue row stands out by its border too, for the eye scanning a long inbox.
    let item_class = if perspective == Perspective::HealthCenter && row.overdue {
        "notification-item is-overdue"
    } else {
        "notification-item"
    };
    let href = format!("/notifications/{}", row.receipt.notification_id);
    let transferred = row.health_center.code != row.receipt.health_center.code;
    let (org_label, org_name) = match perspective {
        // A transfer shows where it went from the health center it was routed to.
        Perspective::Institution if transferred => {
            let (from, to) = (row.receipt.health_center.name, row.health_center.name);
            let text = move || fill(ui::TRANSFERRED_FROM_TO, lang.get(), &[("from", &from), ("to", &to)]);
            (ui::HEALTH_CENTER, Signal::derive(text))
        }
        Perspective::Institution => {
            let name = row.receipt.health_center.name;
            (ui::HEALTH_CENTER, Signal::derive(move || name.clone()))
        }
        Perspective::HealthCenter => {
            let name = row.institution.name;
            (ui::INSTITUTION, Signal::derive(move || name.clone()))
        }
    };
    let patient = row.patient_hint.map(|hint| {
        view! {
            <span class="row-meta">
                <span class="row-label">{tr(ui::PATIENT_HINT)}</span>
                " "
                <span class="patient-hint">{move || hint.text(lang.get())}</span>
            </span>
        }
    });
    let (disease, animal_report) = (row.disease, row.animal_report);
    let status = row.status;
    let (urgent, overdue) = (row.urgent, row.overdue);
    let flags = (perspective == Perspective::HealthCenter).then(|| view! { <WorkflowFlags urgent overdue /> });
    let heading = view! {
        <span class="row-heading">
            <span class="row-disease">{move || subject_name(&disease, animal_report.as_deref(), lang.get())}</span>
            <span class=status_badge_class(status)>{move || status_text(status, lang.get())}</span>
            {flags}
        </span>
    };
    let (outside, inside) = match perspective {
        Perspective::Institution => (Some(heading), None),
        Perspective::HealthCenter => (None, Some(heading)),
    };
    view! {
        <li class=item_class>
            {outside}
            <a class="notification-row" href=href>
                {inside}
                {patient}
                <span class="row-meta">
                    <span class="row-label">{tr(ui::RECEIPT_NUMBER)}</span>
                    " "
                    <span class="receipt-number">{row.receipt.receipt_number}</span>
                </span>
                <span class="row-meta">
                    <span class="row-label">{tr(ui::RECEIVED_AT)}</span>
                    " "
                    <time datetime=iso_datetime(row.receipt.received_at)>
                        {format_jst(row.receipt.received_at)}
                    </time>
                </span>
                <span class="row-meta">
                    <span class="row-label">{tr(org_label)}</span>
                    " "
                    <span>{move || org_name.get()}</span>
                </span>
            </a>
        </li>
    }
}

/// 直ちに and 期限超過 marks, in words (not colour alone).
#[component]
pub fn WorkflowFlags(urgent: bool, overdue: bool) -> impl IntoView {
    view! {
        {urgent.then(|| view! { <span class="badge badge-urgent">{tr(ui::FLAG_URGENT)}</span> })}
        {overdue.then(|| view! { <span class="badge badge-overdue">{tr(ui::FLAG_OVERDUE)}</span> })}
    }
}
