//! The filer's notifications returned for correction, above their list: each with the health
//! center's comment and the way to correct and resubmit it (N-5).

use domain::api::{NotificationFilter, NotificationStatus, NotificationSummary, WorkflowAction};
use domain::workflow::{NotificationWorkflow, Workflow};
use leptos::prelude::*;

use crate::api::{ApiFailure, Authed};
use crate::auth::Session;
use crate::i18n::{tr, ui, use_lang};
use crate::pages::inbox::history::last_return;
use crate::pages::inbox::list::subject_name;

/// A returned notification and what the health center asked for.
#[derive(Debug, Clone)]
struct Returned {
    summary: NotificationSummary,
    comment: Option<String>,
}

/// The returned ones, each with its comment (from its history: the list does not carry comments).
async fn returned(client: Authed) -> Result<Vec<Returned>, ApiFailure> {
    let filter = NotificationFilter { status: Some(NotificationStatus::Returned), ..NotificationFilter::default() };
    let mut found = Vec::new();
    for summary in client.notifications(&filter).await? {
        let detail = client.notification(summary.receipt.notification_id).await?;
        let comment = last_return(&detail.history).and_then(|entry| entry.comment.clone());
        found.push(Returned { summary, comment });
    }
    Ok(found)
}

/// Nothing when none is returned (or the list cannot be read: the full list below says why), and
/// nothing for a role that does not resubmit.
#[component]
pub fn ReturnedForCorrection(session: Session) -> impl IntoView {
    let client = session.client;
    let resubmits = NotificationWorkflow::steps_open_to(session.me.role, NotificationStatus::Returned)
        .contains(&WorkflowAction::Resubmitted);
    let list = LocalResource::new(move || async move { returned(client).await });
    move || {
        let rows = list.get()?.ok().filter(|rows| resubmits && !rows.is_empty())?;
        Some(view! {
            <section class="returned" aria-labelledby="returned-title">
                <h2 id="returned-title">{tr(ui::RETURNED_TITLE)}</h2>
                <p>{tr(ui::RETURNED_INTRO)}</p>
                <ul class="returned-list">
                    {rows.into_iter().map(|row| view! { <ReturnedRow row /> }).collect_view()}
                </ul>
            </section>
        })
    }
}

#[component]
fn ReturnedRow(row: Returned) -> impl IntoView {
    let lang = use_lang();
    let id = row.summary.receipt.notification_id;
    let (disease, animal_report) = (row.summary.disease, row.summary.animal_report);
    view! {
        <li class="returned-item">
            <p class="row-heading">
                <span class="row-disease-plain">{move || subject_name(&disease, animal_report.as_deref(), lang.get())}</span>
                <span class="receipt-number">{row.summary.receipt.receipt_number}</span>
            </p>
            <p class="row-meta">
                <span class="row-label">{tr(ui::RETURNED_BY)}</span>
                " "
                {row.summary.health_center.name}
            </p>
            {row.comment.map(|comment| view! { <blockquote class="return-comment">{comment}</blockquote> })}
            <a class="button button-primary" href=format!("/notifications/{id}/correct")>{tr(ui::CORRECT_AND_RESUBMIT)}</a>
        </li>
    }
}
