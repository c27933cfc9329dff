//! `/notifications/new/:disease`: the 発生届 form, rendered from the disease's `FormDefinition` with no
//! per-disease code; validated with `domain` before sending, then handed to the outbox, which `PUT`s
//! it under the device-made id now or, offline, later. Each edit is saved encrypted on the device.
//! `/animal-reports/new/:report`: a veterinarian's report (N-7) on its pair's form, kept and sent the
//! same way.

use domain::animal_reports;
use domain::diseases;
use domain::error::{ErrorCode, FieldError, FieldErrorCode};
use domain::forms::{Answer, Answers, Field, FormDefinition, Section};
use domain::i18n::{Lang, Text};
use domain::jst::date_in_japan;
use domain::validation::{computed_ages, validate_answers, with_computed_ages};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use time::{Date, OffsetDateTime};

use super::field::{input_id, FormField};
use crate::api::ApiFailure;
use crate::auth::Session;
use crate::components::flash::use_flash;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::lazy::with_form;
use crate::offline::filing::{Body, Filing};
use crate::offline::gate::{autosave, AutosaveNote, DeviceDraft, DraftGate};
use crate::offline::sync::{use_outbox, SendResult};
use crate::offline::words;
use crate::pages::inbox::detail::AnswerSection;
use crate::pages::inbox::list::notification_title;

/// The state of one open form, shared by its fields.
#[derive(Debug, Clone, Copy)]
pub struct FormState {
    pub form: &'static FormDefinition,
    pub answers: RwSignal<Answers>,
    pub errors: RwSignal<Vec<FieldError>>,
    /// Today's date in Japan: the latest date a date field accepts.
    pub today: Date,
    /// Why the last attempt to send was not accepted.
    pub(super) problem: RwSignal<Option<FormProblem>>,
    pub(super) sending: RwSignal<bool>,
    /// The answers are shown for review (確認画面) instead of the inputs.
    pub(super) reviewing: RwSignal<bool>,
}

impl FormState {
    pub fn new(form: &'static FormDefinition, answers: Answers) -> Self {
        Self {
            form,
            answers: RwSignal::new(answers),
            errors: RwSignal::new(Vec::new()),
            today: date_in_japan(OffsetDateTime::now_utc()),
            problem: RwSignal::new(None),
            sending: RwSignal::new(false),
            reviewing: RwSignal::new(false),
        }
    }

    /// The answers to send, checked on the device; `None` (errors shown, summary focused) when some
    /// are wrong.
    fn checked_answers(self) -> Option<Answers> {
        let answers = answers_to_send(self.form, &self.answers.get_untracked());
        let today = date_in_japan(OffsetDateTime::now_utc());
        if let Err(errors) = validate_answers(self.form, &answers, today) {
            self.errors.set(errors);
            self.problem.set(Some(FormProblem::Invalid));
            self.reviewing.set(false);
            focus_element(SUMMARY_ID);
            return None;
        }
        self.errors.set(Vec::new());
        self.problem.set(None);
        Some(answers)
    }

    /// The form's own button: the answers, checked, go to the review screen.
    fn review(self, ev: SubmitEvent) {
        ev.prevent_default();
        if self.checked_answers().is_some() {
            self.reviewing.set(true);
            focus_element(REVIEW_ID);
        }
    }

    /// Starts sending (送信 on the review screen): the answers to send, checked again. `None` while a
    /// request is under way, or when the answers have errors (then shown on the form).
    pub(super) fn begin_sending(self, ev: SubmitEvent) -> Option<Answers> {
        ev.prevent_default();
        if self.sending.get_untracked() {
            return None;
        }
        let answers = self.checked_answers()?;
        self.sending.set(true);
        Some(answers)
    }

    /// Shows why the server refused: its field errors at their fields (back on the form), anything
    /// else above the review.
    pub(super) fn show_refusal(self, failure: ApiFailure) {
        if failure.code() == Some(ErrorCode::ValidationFailed) && !failure.field_errors().is_empty() {
            self.errors.set(failure.field_errors().to_vec());
            self.problem.set(Some(FormProblem::Invalid));
            self.reviewing.set(false);
        } else {
            self.problem.set(Some(FormProblem::Failed(failure)));
        }
        focus_element(SUMMARY_ID);
    }

    /// Back from the review to the inputs.
    pub(super) fn edit(self) {
        self.reviewing.set(false);
    }

    /// Clears a field's errors once the user changes it.
    pub fn touch(self, field: &str) {
        if self.errors.with_untracked(|errors| errors.iter().any(|error| error.field == field)) {
            self.errors.update(|errors| errors.retain(|error| error.field != field));
        }
    }

    /// Checks as the user leaves a field: its own problems (not "required": passing by an empty field
    /// is not a mistake) and the contradictions between fields it may have caused, each at the field
    /// it is reported at; the other fields' errors stay as they were.
    pub fn check_left(self, field: &str) {
        let answers = answers_to_send(self.form, &self.answers.get_untracked());
        let found = validate_answers(self.form, &answers, self.today).err().unwrap_or_default();
        let is_cross_field = |error: &FieldError| {
            matches!(error.code, FieldErrorCode::DateOrder | FieldErrorCode::AgeMismatch | FieldErrorCode::Inconsistent)
        };
        let fresh: Vec<FieldError> = found
            .into_iter()
            .filter(|error| (error.field == field && error.code != FieldErrorCode::Required) || is_cross_field(error))
            .collect();
        self.errors.update(|errors| {
            errors.retain(|error| error.field != field && !is_cross_field(error));
            for error in fresh {
                if !errors.contains(&error) {
                    errors.push(error);
                }
            }
        });
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
            let form = move |draft| {
                with_form(disease.form, move |form| {
                    view! { <NotificationForm form disease=disease.code animal_report=None page_title=disease.name draft /> }
                        .into_any()
                })
            };
            view! { <DraftGate filing=notification_of(disease.code, None) session=session.clone() form /> }.into_any()
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
        .filter(|(_, answer)| is_answered(answer))
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

/// What a notification of `disease` (a veterinarian's: of the disease × animal pair `animal_report`)
/// files, for the outbox.
fn notification_of(disease: &str, animal_report: Option<&str>) -> Filing {
    Filing::Notification { disease: disease.to_owned(), animal_report: animal_report.map(str::to_owned) }
}

const SUMMARY_ID: &str = "form-problem";
const REVIEW_ID: &str = "form-review";

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

/// A new notification (or a veterinarian's report) on `form`, kept on the device and sent through the outbox.
#[component]
fn NotificationForm(
    form: &'static FormDefinition,
    disease: &'static str,
    animal_report: Option<&'static str>,
    page_title: Text,
    draft: DeviceDraft,
) -> impl IntoView {
    let lang = use_lang();
    let outbox = use_outbox();
    let flash = use_flash();
    let navigate = use_navigate();
    let id = draft.id;
    let filing = notification_of(disease, animal_report);
    let state = FormState::new(form, draft.body.as_ref().map(Body::answers).unwrap_or_default());
    // Every change is kept on the device, so leaving, reloading or logging in again loses nothing.
    let autosave = autosave(&draft, filing.clone(), state.answers, |answers| Body::Notification { answers });
    if let Some(refusal) = draft.refusal {
        state.show_refusal(ApiFailure::Api { status: refusal.status, error: refusal.error });
    }

    let on_submit = move |ev: SubmitEvent| {
        let Some(answers) = state.begin_sending(ev) else {
            return;
        };
        let Some(outbox) = outbox else {
            state.sending.set(false);
            return;
        };
        autosave.cancel_pending();
        let body = Body::Notification { answers };
        let navigate = navigate.clone();
        let filing = filing.clone();
        spawn_local(async move {
            let result = outbox.send(id, &filing, body).await;
            state.sending.set(false);
            match result {
                // Replacing the form's entry: back from the receipt does not return to a sent form.
                Ok(SendResult::Received(_)) => navigate(&format!("/receipt/{id}"), crate::auth::replacing()),
                Ok(SendResult::Queued) => {
                    flash.show_until_sent("/", words::QUEUED_FLASH, id);
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

    let title = move || notification_title(disease, animal_report, lang.get());
    view! {
        <PageTitle text=page_title />
        <h1>{title}</h1>
        <p class="lead">{tr(ui::FORM_INTRO)}</p>
        <FormBody state on_submit>
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
        Some(report) => {
            let form = move |draft| {
                with_form(report.form, move |form| {
                    view! {
                        <NotificationForm
                            form
                            disease=report.disease_code
                            animal_report=Some(report.code)
                            page_title=report.disease
                            draft
                        />
                    }
                    .into_any()
                })
            };
            let filing = notification_of(report.disease_code, Some(report.code));
            view! { <DraftGate filing session=session.clone() form /> }.into_any()
        }
        None => view! {
            <h1>{tr(ui::PAGE_NOT_FOUND)}</h1>
            <p class="alert alert-error" role="alert">{move || ErrorCode::UnknownDisease.message(lang.get())}</p>
            <p><a class="link" href="/">{tr(ui::BACK_HOME)}</a></p>
        }
        .into_any(),
    }
}

/// The form itself, for a new notification, an animal report and a correction alike: the problem
/// summary, the progress through the sections, every section of the definition, anything the page
/// adds (`children`, e.g. the autosave note), and the button to the review screen (確認画面), which
/// shows everything entered and sends from there (`on_submit`).
#[component]
pub(super) fn FormBody(
    state: FormState,
    on_submit: impl FnMut(SubmitEvent) + 'static,
    /// The send button's text (送信する unless given).
    #[prop(optional)]
    submit_label: Option<domain::i18n::Text>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let lang = use_lang();
    let FormState { form, problem, sending, reviewing, .. } = state;
    let submit_label = submit_label.unwrap_or(ui::SUBMIT);
    // Once every listed field is corrected, the summary has nothing left to say.
    let all_fixed = Memo::new(move |_| state.errors.with(Vec::is_empty));
    keep_computed_ages(state);
    let sections = form.sections.iter().map(|section| view! { <FormSection section state /> }).collect_view();
    let review_sections = move || {
        reviewing.get().then(|| {
            let answers = answers_to_send(form, &state.answers.get_untracked());
            form.sections
                .iter()
                .map(|section| view! { <AnswerSection section answers=answers.clone() review=true /> })
                .collect_view()
        })
    };
    view! {
        {move || {
            problem
                .get()
                .filter(|problem| !(*problem == FormProblem::Invalid && all_fixed.get()))
                .map(|problem| view! { <ProblemSummary problem form state /> })
        }}
        <div hidden=move || reviewing.get()>
            <FormProgress state />
            <form class="form notification-form" novalidate on:submit=move |ev| state.review(ev)>
                {sections}
                {children.map(|children| children())}
                <div class="form-actions">
                    <button type="submit" class="button button-primary button-block">
                        {tr(ui::TO_REVIEW)}
                    </button>
                </div>
            </form>
        </div>
        <section
            id=REVIEW_ID
            class="form-review"
            tabindex="-1"
            aria-labelledby="form-review-title"
            hidden=move || !reviewing.get()
        >
            <h2 id="form-review-title">{tr(ui::FORM_REVIEW_TITLE)}</h2>
            <p class="lead">{tr(ui::FORM_REVIEW_INTRO)}</p>
            {review_sections}
            <form class="form-actions" novalidate on:submit=on_submit>
                <button
                    type="submit"
                    class="button button-primary button-block"
                    disabled=move || sending.get()
                    aria-busy=move || sending.get().then_some("true")
                >
                    {move || if sending.get() { ui::SENDING.get(lang.get()) } else { submit_label.get(lang.get()) }}
                </button>
                <button
                    type="button"
                    class="button button-secondary button-block"
                    disabled=move || sending.get()
                    on:click=move |_| state.edit()
                >
                    {tr(ui::BACK_TO_FORM)}
                </button>
            </form>
        </section>
    }
}

/// Keeps the computed ages (`domain::validation::computed_ages`) in the answers as the dates change.
fn keep_computed_ages(state: FormState) {
    Effect::new(move |_| {
        let changed = state.answers.with(|answers| {
            let filled = with_computed_ages(state.form, answers);
            (filled != *answers).then_some(filled)
        });
        if let Some(filled) = changed {
            for (field, _) in computed_ages(state.form, &filled) {
                state.touch(field);
            }
            state.answers.set(filled);
        }
    });
}

fn is_answered(answer: &Answer) -> bool {
    match answer {
        Answer::One(value) => !value.trim().is_empty(),
        Answer::Many(values) => !values.is_empty(),
    }
}

/// Whether every item of a section that applies is answered, and none is wrong.
fn section_state(section: &Section, answers: &Answers, errors: &[FieldError]) -> (bool, usize) {
    let shown: Vec<&Field> = section.fields.iter().filter(|field| field.is_shown(answers)).collect();
    let wrong = errors.iter().filter(|error| shown.iter().any(|field| field.id == error.field)).count();
    let answered = |field: &&Field| answers.get(field.id).is_some_and(is_answered);
    let complete = shown.iter().filter(|field| field.required).all(answered)
        && (shown.iter().any(|field| field.required) || shown.iter().any(answered));
    (complete && wrong == 0, wrong)
}

/// How many sections that apply are done, as text and a bar.
#[component]
fn FormProgress(state: FormState) -> impl IntoView {
    let lang = use_lang();
    let counts = Memo::new(move |_| {
        let errors = state.errors.get();
        state.answers.with(|answers| {
            let applying = state
                .form
                .sections
                .iter()
                .filter(|section| section.fields.iter().any(|field| field.is_shown(answers)))
                .collect::<Vec<_>>();
            let done = applying.iter().filter(|section| section_state(section, answers, &errors).0).count();
            (done, applying.len())
        })
    });
    let text = move || {
        let (done, total) = counts.get();
        fill(ui::SECTIONS_DONE, lang.get(), &[("done", &done.to_string()), ("total", &total.to_string())])
    };
    view! {
        <div class="form-progress">
            <p id="form-progress-text" class="form-progress-text">{text}</p>
            <progress
                aria-labelledby="form-progress-text"
                max=move || counts.get().1.to_string()
                value=move || counts.get().0.to_string()
            ></progress>
        </div>
    }
}

#[component]
fn FormSection(section: &'static Section, state: FormState) -> impl IntoView {
    let lang = use_lang();
    let fields = section.fields.iter().map(|field| view! { <FormField field state /> }).collect_view();
    let applies = Memo::new(move |_| state.answers.with(|answers| section.fields.iter().any(|f| f.is_shown(answers))));
    let status = Memo::new(move |_| {
        let errors = state.errors.get();
        state.answers.with(|answers| section_state(section, answers, &errors))
    });
    let badge = move || match status.get() {
        (_, wrong) if wrong > 0 => {
            let text = fill(ui::SECTION_TO_FIX, lang.get(), &[("n", &wrong.to_string())]);
            Some(view! { <span class="section-state section-state-fix">{text}</span> }.into_any())
        }
        (true, _) => {
            Some(view! { <span class="section-state section-state-done">{tr(ui::SECTION_DONE)}</span> }.into_any())
        }
        _ => None,
    };
    let title = view! { <h2 class="form-section-title">{move || section.title.get(lang.get())} " " {badge}</h2> };
    let fields = if section.is_optional() {
        // Nothing here is required: folded to its title, so that the form is shorter on a phone, unless
        // something in it is already answered (a draft, a correction).
        let open = state.answers.with_untracked(|answers| {
            section.fields.iter().any(|field| answers.get(field.id).is_some_and(is_answered))
        });
        view! {
            <details class="optional-section" open=open>
                <summary class="optional-section-summary">{tr(ui::OPEN_OPTIONAL_SECTION)}</summary>
                <div class="optional-section-fields">{fields}</div>
            </details>
        }
        .into_any()
    } else {
        fields.into_any()
    };
    view! {
        <section class="form-section" hidden=move || !applies.get()>
            {title}
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
            Some(field) => format!("{}: {}", field.label.get(lang), error.code.message(lang)),
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
