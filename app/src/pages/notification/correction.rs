//! `/notifications/:id/correct`: the filer (a doctor, a veterinarian) corrects a returned notification in
//! the same form, prefilled with its current answers, and resubmits it naming the revision it was based
//! on (N-5). The correction is a device draft of the notification's own item: kept sealed at each edit,
//! queued and sent by the outbox like a new notification (offline too), filed once under the revision it
//! corrects. The device keeps a sealed copy of each returned notification it saw, so the correction opens
//! without a network too (from the home's returned list, or a correction opened before). If the
//! notification changed meanwhile (409 `stale_revision`, now or when the outbox sent it),
//! the current version is shown beside what was typed, and the user may start again from it; what was
//! typed stays on screen either way.

use domain::api::{NotificationDetail, WorkflowAction};
use domain::error::ErrorCode;
use domain::forms::{Answers, FormDefinition};
use domain::validation::notification_form;
use domain::workflow::{NotificationWorkflow, Workflow};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::changes::ChangesTable;
use super::form::{answers_to_send, FormBody, FormProblem, FormState};
use crate::api::ApiFailure;
use crate::auth::{replacing, Session};
use crate::components::flash::use_flash;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::lazy::with_form;
use crate::offline::drafts::Refusal;
use crate::offline::filing::{Body, Filing};
use crate::offline::gate::{
    autosave, correction_start, notification_to_correct, AutosaveNote, CorrectionStart, DeviceDraft, NotEditable,
};
use crate::offline::sync::{use_outbox, SendResult};
use crate::offline::words;
use crate::pages::inbox::detail::{load_notification_in_path, WhenLoaded};
use crate::pages::inbox::list::{notification_title, status_text};

/// The route: loads the notification (offline, the copy kept on the device), and offers the form only
/// when resubmission is open to the user (a returned one the user's institution filed: the server shows
/// only those to filers).
#[component]
pub fn CorrectionPage(session: Session) -> impl IntoView {
    let (client, owner) = (session.client, session.me.user_id.clone());
    let loaded = load_notification_in_path(move |id| notification_to_correct(client, owner.clone(), id));
    let role = session.me.role;
    let correctable = move |detail: &NotificationDetail| {
        NotificationWorkflow::steps_open_to(role, detail.summary.status).contains(&WorkflowAction::Resubmitted)
    };
    let page = move |detail: NotificationDetail| match notification_form(
        &detail.summary.disease,
        detail.summary.animal_report.as_deref(),
    ) {
        Some(found) if correctable(&detail) => {
            let session = session.clone();
            with_form(found.form, move |form| view! { <CorrectionOnDevice form detail session /> }.into_any())
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

/// What the notification files, for the outbox.
fn filing_of(detail: &NotificationDetail) -> Filing {
    Filing::Notification {
        disease: detail.summary.disease.clone(),
        animal_report: detail.summary.animal_report.clone(),
    }
}

/// The correction as this device has it: a draft begun before, the returned notification, or one
/// already waiting in the outbox.
#[component]
fn CorrectionOnDevice(form: &'static FormDefinition, detail: NotificationDetail, session: Session) -> impl IntoView {
    let owner = session.me.user_id.clone();
    let for_start = detail.clone();
    let start = LocalResource::new(move || {
        let (owner, detail) = (owner.clone(), for_start.clone());
        async move { correction_start(&owner, &detail).await }
    });
    move || match start.get() {
        None => ().into_any(),
        Some(Err(_)) => view! { <p class="alert alert-error" role="alert">{tr(words::DEVICE_ERROR)}</p> }.into_any(),
        Some(Ok(CorrectionStart::Waiting(state))) => {
            let (id, filing) = (detail.summary.receipt.notification_id, filing_of(&detail));
            view! { <NotEditable id filing state /> }.into_any()
        }
        Some(Ok(CorrectionStart::Form { based_on_revision, answers, refusal })) => {
            let (detail, session) = (detail.clone(), session.clone());
            view! { <Correction form detail session based_on_revision answers refusal /> }.into_any()
        }
    }
}

/// The form of the correction of `detail` (the current version), starting from `answers` based on
/// `based_on_revision` (older than `detail`'s when the notification changed since the draft began).
#[component]
fn Correction(
    form: &'static FormDefinition,
    detail: NotificationDetail,
    session: Session,
    based_on_revision: u32,
    answers: Answers,
    refusal: Option<Refusal>,
) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let outbox = use_outbox();
    let flash = use_flash();
    let client = session.client;
    let id = detail.summary.receipt.notification_id;
    let filing = filing_of(&detail);
    let state = FormState::new(form, answers.clone());
    // The revision the resubmission names, kept with the draft: the autosave at the form's end reads it
    // after the form's own signals are gone, so it holds the signal's `Arc`.
    let kept_revision = ArcRwSignal::new(based_on_revision);
    let based_on = RwSignal::from(kept_revision.clone());
    let draft = DeviceDraft { id, owner: session.me.user_id.clone(), body: None, refusal: None };
    let autosave = autosave(&draft, filing.clone(), state.answers, move |answers| Body::Resubmission {
        based_on_revision: kept_revision.get_untracked(),
        answers,
    });
    // After a 409: the version the server has now, and what had been typed when it answered.
    let newer = RwSignal::new(None::<Newer>);
    if based_on_revision != detail.summary.revision {
        // Drafted from a revision that is no longer the current one: as if the server had said so.
        newer.set(Some(Newer { current: detail.clone(), typed: answers_to_send(form, &answers), restarted: false }));
    } else if let Some(refusal) = refusal {
        state.show_refusal(ApiFailure::Api { status: refusal.status, error: refusal.error });
    }
    // The version being corrected (the current one once the user starts again from it).
    let base = RwSignal::new(detail);
    let show_newer = move |current: NotificationDetail| {
        state.edit();
        let typed = answers_to_send(form, &state.answers.get_untracked());
        newer.set(Some(Newer { current, typed, restarted: false }));
    };

    let on_submit = move |ev: SubmitEvent| {
        let Some(answers) = state.begin_sending(ev) else {
            return;
        };
        let Some(outbox) = outbox else {
            state.sending.set(false);
            return;
        };
        autosave.cancel_pending();
        let body = Body::Resubmission { based_on_revision: based_on.get_untracked(), answers };
        let (navigate, filing) = (navigate.clone(), filing.clone());
        spawn_local(async move {
            let result = outbox.send(id, &filing, body).await;
            state.sending.set(false);
            match result {
                Ok(SendResult::Received(_)) => navigate(&format!("/receipt/{id}"), replacing()),
                Ok(SendResult::Queued) => {
                    flash.show_until_sent("/", words::QUEUED_FLASH, id);
                    navigate("/", Default::default());
                }
                // Back to the inputs, where the newer version is compared with what was typed.
                Ok(SendResult::Refused(failure)) if failure.code() == Some(ErrorCode::StaleRevision) => {
                    match client.notification(id).await {
                        Ok(current) => show_newer(current),
                        Err(failure) => state.show_refusal(failure),
                    }
                }
                Ok(SendResult::Refused(failure)) => state.show_refusal(failure),
                // The app sends the user to log in; the correction waits in the queue and goes after that.
                Ok(SendResult::LoginNeeded(failure)) => state.problem.set(Some(FormProblem::Failed(failure))),
                Err(_) => state.problem.set(Some(FormProblem::Device)),
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
        based_on.set(current.summary.revision);
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
            view! {
                <FormBody state on_submit=on_submit.clone() submit_label=ui::RESUBMIT>
                    <AutosaveNote autosave />
                </FormBody>
            }
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
    let changes = form.changes(&newer.current.answers, &newer.typed);
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
            <ChangesTable changes before=ui::CURRENT_VERSION after=ui::YOUR_ENTRY />
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
