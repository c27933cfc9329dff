//! `/notifications/:id/correct`: the filer corrects a returned notification in the same form, prefilled
//! with its current answers, and resubmits it naming the revision it was based on (N-5). If it changed
//! meanwhile (409 `stale_revision`), the current version is shown beside what was typed, and the user
//! may start again from it; what was typed stays on screen either way.

use domain::api::{NotificationDetail, NotificationSubmission, ResubmitRequest, WorkflowAction};
use domain::error::ErrorCode;
use domain::forms::{Answers, FormDefinition};
use domain::validation::notification_form;
use domain::workflow::{NotificationWorkflow, Workflow};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::form::{answers_to_send, FormBody, FormState};
use super::receipt::RecentReceipts;
use crate::api::ResubmitFailure;
use crate::auth::Session;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::pages::inbox::detail::{answer_text, use_notification_in_path, WhenLoaded};
use crate::pages::inbox::list::{notification_title, status_text};

/// The route: loads the notification, and offers the form only when resubmission is open to the user
/// (a returned one the user's institution filed: the server shows only those to filers).
#[component]
pub fn CorrectionPage(session: Session) -> impl IntoView {
    let loaded = use_notification_in_path(session.client);
    let role = session.me.role;
    let correctable = move |detail: &NotificationDetail| {
        NotificationWorkflow::steps_open_to(role, detail.summary.status).contains(&WorkflowAction::Resubmitted)
    };
    let page = move |detail: NotificationDetail| match notification_form(
        &detail.summary.disease,
        detail.summary.animal_report.as_deref(),
    ) {
        Some(found) if correctable(&detail) => {
            let form = found.form;
            view! { <Correction form detail session=session.clone() /> }.into_any()
        }
        _ => view! { <NotCorrectable detail /> }.into_any(),
    };
    view! {
        <PageTitle text=ui::CORRECTION_TITLE />
        <WhenLoaded loaded page />
    }
}

/// Not waiting for a correction (already resubmitted, accepted, or not this user's to correct).
#[component]
fn NotCorrectable(detail: NotificationDetail) -> impl IntoView {
    let lang = use_lang();
    let status = detail.summary.status;
    let href = format!("/notifications/{}", detail.summary.receipt.notification_id);
    view! {
        <h1>{tr(ui::CORRECTION_TITLE)}</h1>
        <p class="alert alert-info" role="status">
            {move || fill(ui::NOT_CORRECTABLE, lang.get(), &[("status", status_text(status, lang.get()))])}
        </p>
        <p><a class="link" href=href>{tr(ui::VIEW_DETAIL)}</a></p>
    }
}

#[component]
fn Correction(form: &'static FormDefinition, detail: NotificationDetail, session: Session) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let receipts = use_context::<RecentReceipts>().unwrap_or_default();
    let client = session.client;
    let id = detail.summary.receipt.notification_id;
    let (disease, animal_report) = (detail.summary.disease.clone(), detail.summary.animal_report.clone());
    let state = FormState::new(form, detail.answers.clone());
    // The version being corrected: its revision is the one the resubmission names.
    let base = RwSignal::new(detail);
    // After a 409: the version the server has now, and what had been typed when it answered.
    let newer = RwSignal::new(None::<Newer>);

    let on_submit = move |ev: SubmitEvent| {
        let Some(answers) = state.begin_sending(ev) else {
            return;
        };
        let submission =
            NotificationSubmission { disease: disease.clone(), animal_report: animal_report.clone(), answers };
        let request =
            ResubmitRequest { based_on_revision: base.with_untracked(|base| base.summary.revision), submission };
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = client.resubmit(id, &request).await;
            state.sending.set(false);
            match result {
                Ok(receipt) => {
                    receipts.remember(receipt);
                    navigate(&format!("/receipt/{id}"), Default::default());
                }
                Err(ResubmitFailure::Stale(current)) => {
                    // Back to the inputs, where the newer version is compared with what was typed.
                    state.edit();
                    let typed = answers_to_send(form, &state.answers.get_untracked());
                    newer.set(Some(Newer { current: *current, typed, restarted: false }));
                }
                Err(ResubmitFailure::Failed(failure)) => {
                    state.show_refusal(failure);
                }
            }
        });
    };

    let restart = move || {
        let Some(Newer { current, .. }) = newer.get_untracked() else {
            return;
        };
        state.answers.set(current.answers.clone());
        state.errors.set(Vec::new());
        state.problem.set(None);
        state.edit();
        base.set(current);
        newer.update(|newer| {
            if let Some(newer) = newer {
                newer.restarted = true;
            }
        });
    };

    let (disease_code, animal_code) =
        base.with_untracked(|base| (base.summary.disease.clone(), base.summary.animal_report.clone()));
    let comment = move || base.with(|base| base.summary.return_comment.clone());
    let heading = move || {
        let title = notification_title(&disease_code, animal_code.as_deref(), lang.get());
        fill(ui::CORRECTION_HEADING, lang.get(), &[("title", &title)])
    };
    view! {
        <h1>{heading}</h1>
        <div class="alert alert-warning" role="status">
            <p class="alert-title">{tr(ui::RETURNED_NOTICE)}</p>
            {move || comment().map(|comment| view! { <blockquote class="return-comment">{comment}</blockquote> })}
            <p>
                {move || {
                    fill(ui::CORRECTING_REVISION, lang.get(), &[("n", &base.with(|base| base.summary.revision).to_string())])
                }}
            </p>
        </div>
        {move || newer.get().map(|newer| view! { <NewerVersion newer form restart /> })}
        // The inputs take their answers when created: starting again from a newer version makes them anew.
        {move || {
            base.track();
            view! { <FormBody state on_submit=on_submit.clone() submit_label=ui::RESUBMIT /> }
        }}
    }
}

/// The server's newer version, and the answers typed when it was found out.
#[derive(Debug, Clone, PartialEq)]
struct Newer {
    current: NotificationDetail,
    typed: Answers,
    /// The form now holds `current`'s answers; `typed` is kept here for reference.
    restarted: bool,
}

/// What changed meanwhile: the newer version's status, its answers where they differ from what was
/// typed, and (when it can still be corrected) starting again from it.
#[component]
fn NewerVersion(newer: Newer, form: &'static FormDefinition, restart: impl Fn() + Copy + 'static) -> impl IntoView {
    let lang = use_lang();
    let summary = &newer.current.summary;
    let (status, revision) = (summary.status, summary.revision.to_string());
    let correctable = NotificationWorkflow::next_status(status, WorkflowAction::Resubmitted).is_some();
    let comment = summary.return_comment.clone();
    let rows = differences(form, &newer.current.answers, &newer.typed);
    let intro = if newer.restarted { ui::RESTARTED_FROM_CURRENT } else { ui::CHANGED_MEANWHILE };
    view! {
        <section class="card stale" role="alert" aria-labelledby="stale-title">
            <h2 id="stale-title">{move || ErrorCode::StaleRevision.message(lang.get())}</h2>
            <p>
                {move || {
                    fill(intro, lang.get(), &[("n", &revision), ("status", status_text(status, lang.get()))])
                }}
            </p>
            {comment.filter(|_| correctable).map(|comment| view! { <blockquote class="return-comment">{comment}</blockquote> })}
            <table class="differences">
                <thead>
                    <tr>
                        <th scope="col">{tr(ui::ITEM)}</th>
                        <th scope="col">{tr(ui::CURRENT_VERSION)}</th>
                        <th scope="col">{tr(ui::YOUR_ENTRY)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(field, current, typed)| {
                            view! {
                                <tr>
                                    <th scope="row">{move || field.label.get(lang.get())}</th>
                                    <td>{move || answer_text(field, current.as_ref(), lang.get())}</td>
                                    <td>{move || answer_text(field, typed.as_ref(), lang.get())}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            {(correctable && !newer.restarted)
                .then(|| {
                    view! {
                        <button type="button" class="button button-primary" on:click=move |_| restart()>
                            {tr(ui::RESTART_FROM_CURRENT)}
                        </button>
                    }
                })}
            {(!correctable).then(|| view! { <p>{tr(ui::NO_LONGER_CORRECTABLE)}</p> })}
        </section>
    }
}

/// The fields whose answer in `current` differs from `typed`: (field, current answer, typed answer).
fn differences(
    form: &'static FormDefinition,
    current: &Answers,
    typed: &Answers,
) -> Vec<(&'static domain::forms::Field, Option<domain::forms::Answer>, Option<domain::forms::Answer>)> {
    form.sections
        .iter()
        .flat_map(|section| section.fields.iter())
        .filter(|field| current.get(field.id) != typed.get(field.id))
        .map(|field| (field, current.get(field.id).cloned(), typed.get(field.id).cloned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use domain::forms::{measles, Answer, Answers};

    use super::differences;

    #[test]
    fn only_fields_that_differ_are_listed() {
        let one = |value: &str| Answer::One(value.to_owned());
        let current = Answers::from([
            ("patient_name".to_owned(), one("山田 太郎")),
            ("patient_sex".to_owned(), one("male")),
            ("patient_address".to_owned(), one("デモ県北町1-2-3")),
        ]);
        let typed = Answers::from([
            ("patient_name".to_owned(), one("山田 次郎")),
            ("patient_sex".to_owned(), one("male")),
            ("remarks".to_owned(), one("再提出")),
        ]);
        let listed: Vec<&str> = differences(&measles::FORM, &current, &typed).iter().map(|row| row.0.id).collect();
        assert_eq!(listed, ["patient_name", "patient_address", "remarks"]);
    }
}
