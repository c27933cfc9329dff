//! The list of notifications from `GET /notifications`, newest first, each row linking to its detail.
//! A doctor sees where each went (health center); staff see where each came from (institution).

use domain::api::{NotificationStatus, NotificationSummary};
use domain::diseases;
use domain::i18n::Lang;
use domain::jst::format_jst;
use leptos::prelude::*;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::auth::{use_auth, Session};
use crate::i18n::{tr, ui, use_lang};

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

pub fn status_text(status: NotificationStatus, lang: Lang) -> &'static str {
    match status {
        NotificationStatus::Received => ui::STATUS_RECEIVED.get(lang),
        NotificationStatus::Returned => ui::STATUS_RETURNED.get(lang),
        NotificationStatus::Accepted => ui::STATUS_ACCEPTED.get(lang),
    }
}

/// The machine-readable form for `<time datetime>`.
fn iso_datetime(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

#[component]
pub fn NotificationList(session: Session, perspective: Perspective) -> impl IntoView {
    let auth = use_auth();
    let lang = use_lang();
    let client = session.client;
    let list = LocalResource::new(move || async move {
        let result = client.notifications().await;
        if let Err(failure) = &result {
            auth.check_failure(failure);
        }
        result
    });
    let empty_text = match perspective {
        Perspective::Institution => ui::NO_SUBMITTED,
        Perspective::HealthCenter => ui::INBOX_EMPTY,
    };

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
        Some(Ok(rows)) if rows.is_empty() => view! { <p class="empty">{tr(empty_text)}</p> }.into_any(),
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
fn NotificationRow(row: NotificationSummary, perspective: Perspective) -> impl IntoView {
    let lang = use_lang();
    let href = format!("/notifications/{}", row.receipt.notification_id);
    let (org_label, org_name) = match perspective {
        Perspective::Institution => (ui::HEALTH_CENTER, row.receipt.health_center.name),
        Perspective::HealthCenter => (ui::INSTITUTION, row.institution.name),
    };
    let disease = row.disease;
    let status = row.status;
    let heading = view! {
        <span class="row-heading">
            <span class="row-disease">{move || disease_name(&disease, lang.get())}</span>
            <span class="badge">{move || status_text(status, lang.get())}</span>
        </span>
    };
    let (outside, inside) = match perspective {
        Perspective::Institution => (Some(heading), None),
        Perspective::HealthCenter => (None, Some(heading)),
    };
    view! {
        <li class="notification-item">
            {outside}
            <a class="notification-row" href=href>
                {inside}
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
                    <span>{org_name}</span>
                </span>
            </a>
        </li>
    }
}
