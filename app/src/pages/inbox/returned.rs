//! The filer's notifications returned for correction, above their list: each with the health
//! center's comment and the way to correct and resubmit it (N-5). Each is kept sealed on the device
//! as listed, and the correction's code is loaded (`lazy::load_corrections`), so that its correction
//! opens without a network later.

use domain::api::{NotificationFilter, NotificationStatus, NotificationSummary, WorkflowAction};
use domain::workflow::{NotificationWorkflow, Workflow};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiFailure, Authed, Loaded};
use crate::auth::Session;
use crate::i18n::{tr, ui, use_lang};
use crate::lazy;
use crate::offline::gate::keep_returned_for_offline;
use crate::offline::sync::use_outbox;
use crate::pages::inbox::list::subject_name;

/// The returned ones, each carrying the health center's comment.
async fn returned(client: Authed) -> Result<Vec<NotificationSummary>, ApiFailure> {
    let filter = NotificationFilter { status: Some(NotificationStatus::Returned), ..NotificationFilter::default() };
    client.notifications(&filter).await
}

/// Nothing when none is returned (or the list cannot be read: the full list below says why), and
/// nothing for a role that does not resubmit.
#[component]
pub fn ReturnedForCorrection(session: Session) -> impl IntoView {
    let client = session.client;
    let resubmits = NotificationWorkflow::steps_open_to(session.me.role, NotificationStatus::Returned)
        .contains(&WorkflowAction::Resubmitted);
    let owner = session.me.user_id.clone();
    let outbox = use_outbox();
    let list = Loaded::new(move || {
        let owner = owner.clone();
        async move {
            let rows = returned(client).await;
            if let (true, Ok(rows), Some(outbox)) = (resubmits, &rows, outbox) {
                if !rows.is_empty() {
                    // Offline it is not to be had: the correction, opened, says so.
                    spawn_local(async {
                        let _ = lazy::load_corrections().await;
                    });
                }
                if keep_returned_for_offline(&owner, client, rows).await {
                    outbox.touched();
                }
            }
            rows
        }
    });
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
fn ReturnedRow(row: NotificationSummary) -> impl IntoView {
    let lang = use_lang();
    let id = row.receipt.notification_id;
    let (disease, animal_report) = (row.disease, row.animal_report);
    view! {
        <li class="returned-item">
            <p class="row-heading">
                <span class="row-disease-plain">{move || subject_name(&disease, animal_report.as_deref(), lang.get())}</span>
                <span class="receipt-number">{row.receipt.receipt_number}</span>
            </p>
            <p class="row-meta">
                <span class="row-label">{tr(ui::RETURNED_BY)}</span>
                " "
                {row.health_center.name}
            </p>
            {row.return_comment.map(|comment| view! { <blockquote class="return-comment">{comment}</blockquote> })}
            <a class="button button-primary" href=format!("/notifications/{id}/correct")>{tr(ui::CORRECT_AND_RESUBMIT)}</a>
        </li>
    }
}
