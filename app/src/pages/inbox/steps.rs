//! The steps on a notification other than correcting it (N-5): the health center's while it waits
//! (accept, return with a comment, transfer with a reason) and the filer's withdrawal with a reason
//! until it is accepted. Each step asks for confirmation first; refusals are said in the user's language.

use domain::api::{NotificationDetail, TransferRequest, WorkflowAction};
use domain::error::{ErrorCode, FieldError};
use domain::i18n::{Lang, Text};
use domain::workflow::check_note;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

use crate::api::{ApiFailure, Authed};
use crate::components::failure::{FailureAlert, StepFailure};
use crate::components::flash::use_flash;
use crate::components::multiline_input::MultilineInput;
use crate::i18n::{tr, ui, use_lang};

/// A step, as this screen offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Accept,
    Return,
    Transfer,
    Withdraw,
}

impl Step {
    /// This screen's steps among those the workflow opens to the user (`steps_open_to`); the filer's
    /// correction has its own page.
    pub fn among(open: &[WorkflowAction]) -> Vec<Self> {
        open.iter()
            .filter_map(|action| match action {
                WorkflowAction::Accepted => Some(Self::Accept),
                WorkflowAction::Returned => Some(Self::Return),
                WorkflowAction::Transferred => Some(Self::Transfer),
                WorkflowAction::Withdrawn => Some(Self::Withdraw),
                WorkflowAction::Received | WorkflowAction::Resubmitted => None,
            })
            .collect()
    }

    fn button(self) -> Text {
        match self {
            Self::Accept => ui::ACCEPT,
            Self::Return => ui::RETURN,
            Self::Transfer => ui::TRANSFER,
            Self::Withdraw => ui::WITHDRAW,
        }
    }

    fn question(self) -> Text {
        match self {
            Self::Accept => ui::CONFIRM_ACCEPT,
            Self::Return => ui::CONFIRM_RETURN,
            Self::Transfer => ui::CONFIRM_TRANSFER,
            Self::Withdraw => ui::CONFIRM_WITHDRAW,
        }
    }

    fn confirm(self) -> Text {
        match self {
            Self::Accept => ui::ACCEPT_CONFIRMED,
            Self::Return => ui::RETURN_CONFIRMED,
            Self::Transfer => ui::TRANSFER_CONFIRMED,
            Self::Withdraw => ui::WITHDRAW_CONFIRMED,
        }
    }

    fn done(self) -> Text {
        match self {
            Self::Accept => ui::ACCEPTED_DONE,
            Self::Return => ui::RETURNED_DONE,
            Self::Transfer => ui::TRANSFERRED_DONE,
            Self::Withdraw => ui::WITHDRAWN_DONE,
        }
    }

    /// The note's field as the server names it.
    fn note_field(self) -> &'static str {
        match self {
            Self::Transfer | Self::Withdraw => "reason",
            Self::Accept | Self::Return => "comment",
        }
    }
}

/// What the open step has gathered so far.
#[derive(Debug, Clone, Copy)]
struct StepForm {
    open: RwSignal<Option<Step>>,
    /// The inputs are checked and the question is on screen.
    confirming: RwSignal<bool>,
    /// The return comment, or the transfer's or withdrawal's reason.
    note: RwSignal<String>,
    /// The health center a transfer goes to.
    target: RwSignal<String>,
    errors: RwSignal<Vec<FieldError>>,
    failure: RwSignal<Option<ApiFailure>>,
    sending: RwSignal<bool>,
}

impl StepForm {
    fn new() -> Self {
        Self {
            open: RwSignal::new(None),
            confirming: RwSignal::new(false),
            note: RwSignal::new(String::new()),
            target: RwSignal::new(String::new()),
            errors: RwSignal::new(Vec::new()),
            failure: RwSignal::new(None),
            sending: RwSignal::new(false),
        }
    }

    fn start(self, step: Step) {
        self.open.set(Some(step));
        // Accepting needs no input: straight to the question.
        self.confirming.set(step == Step::Accept);
        self.errors.set(Vec::new());
        self.failure.set(None);
    }

    fn close(self) {
        self.open.set(None);
        self.confirming.set(false);
    }

    /// The same check the server makes, before asking for confirmation.
    fn check(self, step: Step) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if step == Step::Transfer && self.target.with_untracked(String::is_empty) {
            let code = domain::error::FieldErrorCode::Required;
            let field = "health_center_code".to_owned();
            errors.push(FieldError { field, code, message: code.message(Lang::Ja).to_owned() });
        }
        if step != Step::Accept {
            if let Err(error) = check_note(step.note_field(), &self.note.get_untracked()) {
                errors.push(error);
            }
        }
        errors
    }

    fn error_for(self, field: &'static str) -> Signal<Option<FieldError>> {
        Signal::derive(move || self.errors.with(|errors| errors.iter().find(|error| error.field == field).cloned()))
    }
}

/// The field error's text: the server's Japanese message (it names the refused character), or the
/// English text of its code.
pub fn field_error_text(error: &FieldError, lang: Lang) -> String {
    match lang {
        Lang::Ja => error.message.clone(),
        Lang::En => error.code.message(lang).to_owned(),
    }
}

/// The step buttons and the open step. `on_done` gets the notification after a return, an acceptance
/// or a withdrawal; after a transfer the notification is no longer this health center's and the inbox
/// opens.
#[component]
pub fn WorkflowSteps(
    client: Authed,
    id: Uuid,
    /// The steps offered (never empty: without any, the section is not shown).
    steps: Vec<Step>,
    /// The health center now responsible (not offered as a transfer target).
    current_health_center: String,
    on_done: Callback<(NotificationDetail, Text)>,
    /// Reloads the notification, after a 409 said it changed meanwhile.
    on_reload: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let flash = use_flash();
    // Stored so that `send` stays `Copy` for the buttons that call it.
    let navigate = StoredValue::new_local(use_navigate());
    let form = StepForm::new();

    let send = move |step: Step| {
        form.sending.set(true);
        spawn_local(async move {
            let result = match step {
                Step::Accept => client.accept(id).await,
                Step::Return => client.return_for_correction(id, form.note.get_untracked()).await,
                Step::Withdraw => client.withdraw(id, form.note.get_untracked()).await,
                Step::Transfer => {
                    let request = TransferRequest {
                        health_center_code: form.target.get_untracked(),
                        reason: form.note.get_untracked(),
                    };
                    client.transfer(id, &request).await
                }
            };
            form.sending.set(false);
            match result {
                Ok(_) if step == Step::Transfer => {
                    flash.show_on("/", step.done());
                    navigate.with_value(|navigate| navigate("/", Default::default()));
                }
                Ok(detail) => {
                    form.close();
                    on_done.run((detail, step.done()));
                }
                Err(failure) => {
                    form.confirming.set(false);
                    if failure.code() == Some(ErrorCode::ValidationFailed) {
                        form.errors.set(failure.field_errors().to_vec());
                    }
                    form.failure.set(Some(failure));
                }
            }
        });
    };

    let proceed = move |step: Step| {
        let errors = form.check(step);
        let valid = errors.is_empty();
        form.errors.set(errors);
        form.confirming.set(valid);
    };

    let title = if steps.contains(&Step::Withdraw) { ui::WITHDRAW_TITLE } else { ui::WORKFLOW_TITLE };
    let starters = move || {
        form.open.get().is_none().then(|| {
            steps
                .iter()
                .map(|&step| {
                    let class = if step == Step::Accept { "button button-primary" } else { "button button-secondary" };
                    view! {
                        <li>
                            <button type="button" class=class on:click=move |_| form.start(step)>
                                {tr(step.button())}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <section class="card workflow" aria-labelledby="workflow-title">
            <h2 id="workflow-title">{tr(title)}</h2>
            <StepFailure failure=form.failure on_reload />
            <ul class="actions">{starters}</ul>
            {move || {
                form.open
                    .get()
                    .map(|step| {
                        let inputs = match step {
                            Step::Accept => None,
                            Step::Return => Some(view! { <NoteField form field="comment" label=ui::RETURN_COMMENT /> }.into_any()),
                            Step::Withdraw => Some(view! { <NoteField form field="reason" label=ui::WITHDRAW_REASON /> }.into_any()),
                            Step::Transfer => Some(
                                view! {
                                    <TargetField client form current=current_health_center.clone() />
                                    <NoteField form field="reason" label=ui::TRANSFER_REASON />
                                }
                                    .into_any(),
                            ),
                        };
                        view! {
                            <div class="step-panel">
                                <h3>{tr(step.button())}</h3>
                                {inputs}
                                {move || {
                                    if form.confirming.get() {
                                        view! {
                                            <div class="confirm" role="alertdialog" aria-labelledby="confirm-question">
                                                <p id="confirm-question" class="confirm-question">{tr(step.question())}</p>
                                                <div class="filters-actions">
                                                    <button
                                                        type="button"
                                                        class="button button-primary"
                                                        disabled=move || form.sending.get()
                                                        on:click=move |_| send(step)
                                                    >
                                                        {move || if form.sending.get() { ui::SENDING.get(lang.get()) } else { step.confirm().get(lang.get()) }}
                                                    </button>
                                                    <button type="button" class="button button-text" on:click=move |_| form.close()>
                                                        {tr(ui::CANCEL)}
                                                    </button>
                                                </div>
                                            </div>
                                        }
                                            .into_any()
                                    } else {
                                        view! {
                                            <div class="filters-actions">
                                                <button type="button" class="button button-primary" on:click=move |_| proceed(step)>
                                                    {tr(step.button())}
                                                </button>
                                                <button type="button" class="button button-text" on:click=move |_| form.close()>
                                                    {tr(ui::CANCEL)}
                                                </button>
                                            </div>
                                        }
                                            .into_any()
                                    }
                                }}
                            </div>
                        }
                    })
            }}
        </section>
    }
}

/// The return comment or a reason: several lines, required.
#[component]
fn NoteField(form: StepForm, field: &'static str, label: Text) -> impl IntoView {
    let lang = use_lang();
    let error = form.error_for(field);
    let input_id = format!("step-{field}");
    let error_id = format!("step-{field}-error");
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label class="field-label" for=input_id.clone()>
                {tr(label)}
                <span class="required-mark">{tr(ui::REQUIRED)}</span>
            </label>
            <MultilineInput
                id=input_id
                rows=4
                described_by=error_id.clone()
                invalid=Signal::derive(move || error.with(Option::is_some))
                readonly=form.confirming
                value=form.note
                on_input=move |text| form.note.set(text)
            />
            <p id=error_id class="field-error">{move || error.get().map(|error| field_error_text(&error, lang.get()))}</p>
        </div>
    }
}

/// The health center a transfer goes to, from `GET /health-centers` less the current one.
#[component]
fn TargetField(client: Authed, form: StepForm, current: String) -> impl IntoView {
    let lang = use_lang();
    let error = form.error_for("health_center_code");
    let centers = LocalResource::new(move || async move { client.health_centers().await });
    let options =
        move || {
            let current = current.clone();
            centers.get().and_then(Result::ok).unwrap_or_default()
            .into_iter()
            .filter(|center| center.code != current)
            .map(|center| {
                let code = center.code.clone();
                view! { <option value=center.code selected=move || form.target.get() == code>{center.name}</option> }
            })
            .collect_view()
        };
    let load_failure = move || centers.get().and_then(Result::err).map(|failure| view! { <FailureAlert failure /> });
    view! {
        <div class="field" class:field-invalid=move || error.with(Option::is_some)>
            <label class="field-label" for="step-health-center">
                {tr(ui::TRANSFER_TO)}
                <span class="required-mark">{tr(ui::REQUIRED)}</span>
            </label>
            <select
                id="step-health-center"
                class="input"
                aria-describedby="step-health-center-error"
                prop:disabled=move || form.confirming.get()
                on:change=move |ev| form.target.set(event_target_value(&ev))
            >
                <option value="" selected=move || form.target.get().is_empty()>{tr(ui::CHOOSE)}</option>
                {options}
            </select>
            <p id="step-health-center-error" class="field-error">
                {move || error.get().map(|error| field_error_text(&error, lang.get()))}
            </p>
            {load_failure}
        </div>
    }
}
