//! `/notifications/new/:disease`: the 発生届 form, rendered from the disease's `FormDefinition` with no
//! per-disease code; validated with `domain` before sending, then handed to the outbox, which `PUT`s
//! it under the device-made id now or, offline, later. Each edit is saved encrypted on the device.
//! `/animal-reports/new/:report`: a veterinarian's report (N-7) on its pair's form, sent directly.

use domain::animal_reports::{self, AnimalReport};
use domain::api::NotificationSubmission;
use domain::diseases::{self, Disease};
use domain::error::{ErrorCode, FieldError};
use domain::forms::{Answer, Answers, FormDefinition, Section};
use domain::i18n::Lang;
use domain::jst::date_in_japan;
use domain::validation::validate_answers;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::field::{input_id, FormField};
use super::receipt::RecentReceipts;
use crate::api::ApiFailure;
use crate::auth::{use_auth, Session};
use crate::components::flash::use_flash;
use crate::components::page_title::PageTitle;
use crate::i18n::{tr, ui, use_lang};
use crate::offline::gate::{autosave, AutosaveNote, DeviceDraft, DraftGate};
use crate::offline::sync::{use_outbox, SendResult};
use crate::offline::words;
use crate::pages::inbox::list::notification_title;

/// The state of one open form, shared by its fields.
#[derive(Debug, Clone, Copy)]
pub struct FormState {
    pub answers: RwSignal<Answers>,
    pub errors: RwSignal<Vec<FieldError>>,
    /// Today's date in Japan: the latest date a date field accepts.
    pub today: Date,
    /// Why the last attempt to send was not accepted.
    pub(super) problem: RwSignal<Option<FormProblem>>,
    pub(super) sending: RwSignal<bool>,
}

impl FormState {
    pub fn new(answers: Answers) -> Self {
        Self {
            answers: RwSignal::new(answers),
            errors: RwSignal::new(Vec::new()),
            today: date_in_japan(OffsetDateTime::now_utc()),
            problem: RwSignal::new(None),
            sending: RwSignal::new(false),
        }
    }

    /// Starts sending: the answers to send, checked on the device first. `None` while a request is
    /// under way, or when the answers have errors (then shown, with the summary focused).
    pub(super) fn begin_sending(self, ev: SubmitEvent, form: &FormDefinition) -> Option<Answers> {
        ev.prevent_default();
        if self.sending.get_untracked() {
            return None;
        }
        let answers = answers_to_send(form, &self.answers.get_untracked());
        let today = date_in_japan(OffsetDateTime::now_utc());
        if let Err(errors) = validate_answers(form, &answers, today) {
            self.errors.set(errors);
            self.problem.set(Some(FormProblem::Invalid));
            focus_element(SUMMARY_ID);
            return None;
        }
        self.errors.set(Vec::new());
        self.problem.set(None);
        self.sending.set(true);
        Some(answers)
    }

    /// Shows why the server refused: its field errors at their fields, anything else above the form.
    pub(super) fn show_refusal(self, failure: ApiFailure) {
        if failure.code() == Some(ErrorCode::ValidationFailed) && !failure.field_errors().is_empty() {
            self.errors.set(failure.field_errors().to_vec());
            self.problem.set(Some(FormProblem::Invalid));
        } else {
            self.problem.set(Some(FormProblem::Failed(failure)));
        }
        focus_element(SUMMARY_ID);
    }

    /// Clears a field's errors once the user changes it.
    pub fn touch(self, field: &str) {
        if self.errors.with_untracked(|errors| errors.iter().any(|error| error.field == field)) {
            self.errors.update(|errors| errors.retain(|error| error.field != field));
        }
    }
}

/// Why the form was not accepted, shown above the form.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum FormProblem {
    /// Field errors, from the check on the device or from the server's 422.
    Invalid,
    Failed(ApiFailure),
    /// The device could not keep the notification (storage refused).
    Device,
}

/// The route: picks the disease from the path.
#[component]
pub fn NewNotification(session: Session) -> impl IntoView {
    let params = use_params_map();
    let code = Memo::new(move |_| params.with(|params| params.get("disease")));
    let lang = use_lang();
    move || match code.get().and_then(|code| diseases::find(&code)) {
        Some(disease) => {
            let form = move |draft| view! { <NotificationForm disease draft /> };
            view! { <DraftGate disease session=session.clone() form /> }.into_any()
        }
        None => view! {
            <h1>{tr(ui::PAGE_NOT_FOUND)}</h1>
            <p class="alert alert-error" role="alert">{move || ErrorCode::UnknownDisease.message(lang.get())}</p>
            <p><a class="link" href="/">{tr(ui::BACK_HOME)}</a></p>
        }
        .into_any(),
    }
}

/// The answers to send: no blanks, and none for fields that do not apply (repeated until stable, in
/// case a condition depends on a field that is itself hidden).
pub fn answers_to_send(form: &FormDefinition, answers: &Answers) -> Answers {
    let mut kept: Answers = answers
        .iter()
        .filter(|(_, answer)| match answer {
            Answer::One(value) => !value.trim().is_empty(),
            Answer::Many(values) => !values.is_empty(),
        })
        .map(|(id, answer)| (id.clone(), answer.clone()))
        .collect();
    loop {
        let hidden: Vec<String> =
            kept.keys().filter(|id| form.field(id).is_none_or(|field| !field.is_shown(&kept))).cloned().collect();
        if hidden.is_empty() {
            return kept;
        }
        for id in hidden {
            kept.remove(&id);
        }
    }
}

const SUMMARY_ID: &str = "form-problem";

fn focus_element(id: &str) {
    let id = id.to_owned();
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(&id) {
            if let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element) {
                let _ = element.focus();
            }
        }
    });
}

#[component]
fn NotificationForm(disease: &'static Disease, draft: DeviceDraft) -> impl IntoView {
    let lang = use_lang();
    let outbox = use_outbox();
    let flash = use_flash();
    let navigate = use_navigate();
    let id = draft.id;
    let state = FormState::new(draft.answers.clone());
    // Every change is kept on the device, so leaving, reloading or logging in again loses nothing.
    let autosave = autosave(&draft, disease.code, state.answers);
    if let Some(refusal) = draft.refusal {
        state.show_refusal(ApiFailure::Api { status: refusal.status, error: refusal.error });
    }

    let on_submit = move |ev: SubmitEvent| {
        let Some(answers) = state.begin_sending(ev, disease.form) else {
            return;
        };
        let Some(outbox) = outbox else {
            state.sending.set(false);
            return;
        };
        autosave.cancel_pending();
        let submission = NotificationSubmission { disease: disease.code.to_owned(), animal_report: None, answers };
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = outbox.send(id, &submission).await;
            state.sending.set(false);
            match result {
                // Replacing the form's entry: back from the receipt does not return to a sent form.
                Ok(SendResult::Received(_)) => navigate(&format!("/receipt/{id}"), crate::auth::replacing()),
                Ok(SendResult::Queued) => {
                    flash.show_on("/", words::QUEUED_FLASH);
                    navigate("/", Default::default());
                }
                Ok(SendResult::Refused(failure)) => state.show_refusal(failure),
                // The app sends the user to log in (or change the password); the notification waits in
                // the queue on the device and goes after that.
                Ok(SendResult::LoginNeeded(failure)) => state.problem.set(Some(FormProblem::Failed(failure))),
                Err(_) => {
                    state.problem.set(Some(FormProblem::Device));
                    focus_element(SUMMARY_ID);
                }
            }
        });
    };

    let title = move || format!("{}{}", disease.name.get(lang.get()), ui::NOTIFICATION_SUFFIX.get(lang.get()));
    view! {
        <PageTitle text=disease.name />
        <h1>{title}</h1>
        <p class="lead">{tr(ui::FORM_INTRO)}</p>
        <FormBody form=disease.form state on_submit>
            <AutosaveNote autosave />
        </FormBody>
    }
}

/// The route of a veterinarian's report (N-7): picks the disease × animal pair from the path.
#[component]
pub fn NewAnimalReport(session: Session) -> impl IntoView {
    let params = use_params_map();
    let code = Memo::new(move |_| params.with(|params| params.get("report")));
    let lang = use_lang();
    move || match code.get().and_then(|code| animal_reports::find(&code)) {
        Some(report) => view! { <AnimalReportForm report session=session.clone() /> }.into_any(),
        None => view! {
            <h1>{tr(ui::PAGE_NOT_FOUND)}</h1>
            <p class="alert alert-error" role="alert">{move || ErrorCode::UnknownDisease.message(lang.get())}</p>
            <p><a class="link" href="/">{tr(ui::BACK_HOME)}</a></p>
        }
        .into_any(),
    }
}

/// A veterinarian's report, sent directly under an id made when the form opens (the device outbox
/// and drafts serve doctors' notifications).
#[component]
fn AnimalReportForm(report: &'static AnimalReport, session: Session) -> impl IntoView {
    let lang = use_lang();
    let auth = use_auth();
    let navigate = use_navigate();
    let receipts = use_context::<RecentReceipts>().unwrap_or_default();
    let client = session.client;
    let id = Uuid::new_v4();
    let state = FormState::new(Answers::new());
    let on_submit = move |ev: SubmitEvent| {
        let Some(answers) = state.begin_sending(ev, report.form) else {
            return;
        };
        let submission = NotificationSubmission {
            disease: report.disease_code.to_owned(),
            animal_report: Some(report.code.to_owned()),
            answers,
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = client.submit(id, &submission).await;
            state.sending.set(false);
            match result {
                Ok(receipt) => {
                    receipts.remember(receipt);
                    navigate(&format!("/receipt/{id}"), crate::auth::replacing());
                }
                Err(failure) => {
                    auth.check_failure(&failure);
                    state.show_refusal(failure);
                }
            }
        });
    };
    view! {
        <PageTitle text=report.disease />
        <h1>{move || notification_title(report.disease_code, Some(report.code), lang.get())}</h1>
        <p class="lead">{tr(ui::FORM_INTRO)}</p>
        <FormBody form=report.form state on_submit />
    }
}

/// The form itself, for a new notification, an animal report and a correction alike: the problem
/// summary, every section of the definition, anything the page adds (`children`, e.g. the autosave
/// note), and the send button.
#[component]
pub(super) fn FormBody(
    form: &'static FormDefinition,
    state: FormState,
    on_submit: impl FnMut(SubmitEvent) + 'static,
    /// The send button's text (送信する unless given).
    #[prop(optional)]
    submit_label: Option<domain::i18n::Text>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let lang = use_lang();
    let FormState { problem, sending, .. } = state;
    let submit_label = submit_label.unwrap_or(ui::SUBMIT);
    // Once every listed field is corrected, the summary has nothing left to say.
    let all_fixed = Memo::new(move |_| state.errors.with(Vec::is_empty));
    let sections = form.sections.iter().map(|section| view! { <FormSection section state /> }).collect_view();
    view! {
        {move || {
            problem
                .get()
                .filter(|problem| !(*problem == FormProblem::Invalid && all_fixed.get()))
                .map(|problem| view! { <ProblemSummary problem form state /> })
        }}
        <form class="form notification-form" novalidate on:submit=on_submit>
            {sections}
            {children.map(|children| children())}
            <div class="form-actions">
                <button
                    type="submit"
                    class="button button-primary button-block"
                    disabled=move || sending.get()
                    aria-busy=move || sending.get().then_some("true")
                >
                    {move || if sending.get() { ui::SENDING.get(lang.get()) } else { submit_label.get(lang.get()) }}
                </button>
            </div>
        </form>
    }
}

#[component]
fn FormSection(section: &'static Section, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let fields = section.fields.iter().map(|field| view! { <FormField field state /> }).collect_view();
    view! {
        <section class="form-section">
            <h2 class="form-section-title">{move || section.title.get(lang.get())}</h2>
            {fields}
        </section>
    }
}

/// The message above the form: the list of field errors (each a link to its field), or why sending failed.
#[component]
fn ProblemSummary(problem: FormProblem, form: &'static FormDefinition, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let body = match problem {
        FormProblem::Invalid => {
            let items = move || {
                state
                    .errors
                    .get()
                    .into_iter()
                    .map(|error| {
                        let target = form.field(&error.field).map_or_else(|| error.field.clone(), input_id);
                        let href = format!("#{target}");
                        let text = summary_text(form, &error, lang.get());
                        view! {
                            <li>
                                <a
                                    href=href
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        focus_element(&target);
                                    }
                                >
                                    {text}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()
            };
            view! {
                <p class="error-summary-title">{tr(ui::ERROR_SUMMARY_TITLE)}</p>
                <p>{move || ErrorCode::ValidationFailed.message(lang.get())}</p>
                <ul class="error-summary-list">{items}</ul>
            }
            .into_any()
        }
        FormProblem::Failed(failure) => {
            let hint = match failure.code() {
                Some(ErrorCode::NotificationConflict) => Some(ui::CONFLICT_HINT),
                Some(ErrorCode::Unauthenticated) => Some(ui::LOGIN_AGAIN),
                _ => None,
            };
            view! {
                <p class="error-summary-title">{move || failure.message(lang.get())}</p>
                {hint.map(|hint| view! { <p>{tr(hint)}</p> })}
            }
            .into_any()
        }
        FormProblem::Device => view! { <p class="error-summary-title">{tr(words::DEVICE_ERROR)}</p> }.into_any(),
    };
    view! {
        <div id=SUMMARY_ID class="error-summary" role="alert" tabindex="-1">
            {body}
        </div>
    }
}

/// One line of the summary, naming the field: the server's Japanese message, or the English label
/// with the English text of the error code.
fn summary_text(form: &FormDefinition, error: &FieldError, lang: Lang) -> String {
    match lang {
        Lang::Ja => error.message.clone(),
        Lang::En => match form.field(&error.field) {
            Some(field) => format!("{}: {}", field.label.en, error.code.message(lang)),
            None => format!("{}: {}", error.field, error.code.message(lang)),
        },
    }
}

#[cfg(test)]
mod tests {
    use domain::forms::{measles, Answer, Answers};

    use super::answers_to_send;

    fn one(value: &str) -> Answer {
        Answer::One(value.to_owned())
    }

    #[test]
    fn hidden_and_blank_answers_are_not_sent() {
        let answers = Answers::from([
            ("outcome".to_owned(), one("alive")),
            ("death_date".to_owned(), one("2026-11-01")),
            ("patient_name".to_owned(), one("  ")),
            ("symptoms".to_owned(), Answer::Many(Vec::new())),
            ("infection_area".to_owned(), one("abroad")),
            ("infection_country".to_owned(), one("フィリピン")),
        ]);
        let sent = answers_to_send(&measles::FORM, &answers);
        assert_eq!(
            sent,
            Answers::from([
                ("infection_area".to_owned(), one("abroad")),
                ("infection_country".to_owned(), one("フィリピン")),
                ("outcome".to_owned(), one("alive")),
            ])
        );
    }
}
