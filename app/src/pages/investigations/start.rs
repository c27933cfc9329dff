//! 「調査を開始」 on a notification the health center accepted: opens its case (or the case opened
//! before) and goes to it.

use domain::api::{NotificationStatus, NotificationSummary, OpenCaseRequest, Role};
use domain::investigation::{CaseStep, CaseWorkflow};
use domain::workflow::Workflow;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::{texts, typed_text, FormField, Submission};
use crate::api::Authed;
use crate::components::failure::FailureAlert;
use crate::i18n::{tr, use_lang};

/// Whether `role` opens the case of the notification: an accepted human case, and the role that works
/// on cases (the server's `access::may_open_case` checks the same and whose notification it is).
pub fn may_start(role: Role, summary: &NotificationSummary) -> bool {
    summary.status == NotificationStatus::Accepted
        && summary.animal_report.is_none()
        && CaseWorkflow::taken_by(CaseStep::AddEntry, role)
}

#[component]
pub fn StartInvestigation(client: Authed, notification: uuid::Uuid) -> impl IntoView {
    let lang = use_lang();
    let submission = Submission::new();
    let navigate = StoredValue::new_local(use_navigate());
    let number = RwSignal::new(String::new());
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let request = OpenCaseRequest { contact_id: None, contact_number: typed_text(&number.get_untracked()) };
        submission.send(
            Ok(request),
            move |request| async move { client.open_case(notification, &request).await },
            move |detail: domain::api::CaseDetail| {
                navigate.with_value(|navigate| navigate(&format!("/cases/{}", detail.case.id), Default::default()));
            },
        );
    };
    let label = move || {
        let text = if submission.sending.get() { texts::OPENING } else { texts::START_INVESTIGATION };
        text.get(lang.get())
    };
    view! {
        <section class="card no-print investigation-start" aria-labelledby="investigation-start-title">
            <h2 id="investigation-start-title">{tr(texts::START_INVESTIGATION)}</h2>
            <p class="field-support">{tr(texts::START_INVESTIGATION_HINT)}</p>
            {move || submission.failure.get().map(|failure| view! { <FailureAlert failure /> })}
            <form class="form" novalidate on:submit=on_submit>
                <FormField id="case-contact-number" field="contact_number" label=texts::CONTACT_NUMBER submission help=texts::CONTACT_NUMBER_HELP>
                    <input
                        id="case-contact-number"
                        class="input"
                        type="text"
                        autocomplete="off"
                        aria-describedby="case-contact-number-help case-contact-number-error"
                        prop:value=move || number.get()
                        on:input=move |event| number.set(event_target_value(&event))
                    />
                </FormField>
                <button type="submit" class="button button-primary" disabled=move || submission.sending.get()>
                    {label}
                </button>
            </form>
        </section>
    }
}
