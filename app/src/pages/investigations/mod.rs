//! ID management (ID管理, issue 19), the health center's screens: 「調査を開始」 on an accepted
//! notification (`start`), the case with its investigation, contacts and observations (`case`), one
//! health observation with its reports, the subject's link and closing (`observation`), and the day's
//! follow-up list with the cases (`follow_up`). The rules are `domain::investigation`'s: forms are
//! checked with the server's checks before they are sent, and steps are offered as its workflows allow.

pub mod case;
pub mod chain;
pub mod follow_up;
pub mod observation;
pub mod start;
pub mod texts;

use std::future::Future;

use domain::error::{ErrorCode, FieldError, FieldErrorCode};
use domain::i18n::{Lang, Text};
use domain::investigation::{CaseStatus, ContactRelation, ContactStatus, ContactType, ObservationStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use time::Date;
use uuid::Uuid;

use crate::api::ApiFailure;
use crate::components::failure::FailureAlert;
use crate::components::multiline_input::MultilineInput;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::pages::inbox::steps::field_error_text;

/// A record as last answered: `None` while loading, `Ok(None)` for a malformed id in the path.
pub type Shown<T> = RwSignal<Option<Result<Option<T>, ApiFailure>>>;

/// Loads the record named by the path's `:id` with `load` into a signal that steps may replace with
/// their answer; bumping the returned counter loads it again.
pub fn load_in_path<T, F, Fut>(load: F) -> (Shown<T>, RwSignal<u32>)
where
    T: Clone + Send + Sync + 'static,
    F: Fn(Uuid) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<T, ApiFailure>> + 'static,
{
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|params| params.get("id").and_then(|id| Uuid::parse_str(&id).ok())));
    let reload = RwSignal::new(0u32);
    let fetched = LocalResource::new(move || {
        reload.track();
        let id = id.get();
        async move {
            match id {
                Some(id) => load(id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    let shown = RwSignal::new(None);
    Effect::new(move |_| {
        if let Some(result) = fetched.get() {
            shown.set(Some(result));
        }
    });
    (shown, reload)
}

/// A step's result on a record page: the record as answered (`None`: load it again) and what to say.
pub type Changed<T> = Callback<(Option<T>, String)>;

/// A record's page (a case, an observation): titled `title`, the record named by the path's `:id`
/// loaded with `load` and drawn by `page`, whose steps answer through the [`Changed`] it is given —
/// the record is then drawn anew from the answer (or loaded again) under what was said.
#[component]
pub fn RecordPage<T, F, Fut, P>(title: Text, load: F, page: P) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(Uuid) -> Fut + Copy + 'static,
    Fut: Future<Output = Result<T, ApiFailure>> + 'static,
    P: Fn(T, Changed<T>) -> AnyView + Send + Sync + 'static,
{
    let (shown, reload) = load_in_path(load);
    let done = RwSignal::new(None::<String>);
    let changed = Callback::new(move |(record, text): (Option<T>, String)| {
        done.set(Some(text));
        match record {
            Some(record) => shown.set(Some(Ok(Some(record)))),
            None => reload.update(|n| *n += 1),
        }
    });
    let page = move |record: T| page(record, changed);
    view! {
        <PageTitle text=title />
        {move || done.get().map(|text| view! { <p class="alert alert-success" role="status">{text}</p> })}
        <WhenShown shown page />
        <p class="back"><a class="link" href="/investigations">{tr(texts::FOLLOW_UP_TITLE)}</a></p>
    }
}

/// `page` with the shown record; meanwhile "loading", and instead "not found" or the failure.
#[component]
pub fn WhenShown<T, F>(shown: Shown<T>, page: F) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> AnyView + Send + Sync + 'static,
{
    let lang = use_lang();
    move || match shown.get() {
        None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
        Some(Ok(None)) => view! {
            <p class="alert alert-error" role="alert">{move || ErrorCode::NotFound.message(lang.get())}</p>
        }
        .into_any(),
        Some(Err(failure)) => view! { <FailureAlert failure /> }.into_any(),
        Some(Ok(Some(record))) => page(record),
    }
}

/// What a form's submission gave so far: the fields refused (by the domain's check before sending,
/// or by the server), the failure, and whether it is on its way.
#[derive(Debug, Clone, Copy)]
pub struct Submission {
    pub errors: RwSignal<Vec<FieldError>>,
    pub failure: RwSignal<Option<ApiFailure>>,
    pub sending: RwSignal<bool>,
}

impl Submission {
    pub fn new() -> Self {
        Self { errors: RwSignal::new(Vec::new()), failure: RwSignal::new(None), sending: RwSignal::new(false) }
    }

    /// Sends `request` once the form is `checked`; the answer goes to `on_answer`, a refusal's fields
    /// and message stay on the form.
    pub fn send<T, R, Fut>(
        self,
        checked: Result<R, Vec<FieldError>>,
        request: impl FnOnce(R) -> Fut,
        on_answer: impl FnOnce(T) + 'static,
    ) where
        T: 'static,
        Fut: Future<Output = Result<T, ApiFailure>> + 'static,
    {
        if self.sending.get_untracked() {
            return;
        }
        self.failure.set(None);
        let checked = match checked {
            Ok(checked) => checked,
            Err(errors) => return self.errors.set(errors),
        };
        self.errors.set(Vec::new());
        self.sending.set(true);
        let answer = request(checked);
        spawn_local(async move {
            let result = answer.await;
            self.sending.set(false);
            match result {
                Ok(answer) => on_answer(answer),
                Err(refused) => {
                    self.errors.set(refused.field_errors().to_vec());
                    self.failure.set(Some(refused));
                }
            }
        });
    }

    /// The message of the refused `field`, in the user's language.
    fn error(self, field: &'static str) -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
        let lang = use_lang();
        move || {
            self.errors.with(|errors| {
                errors.iter().find(|error| error.field == field).map(|error| field_error_text(error, lang.get()))
            })
        }
    }
}

/// One field of a form: its label (with "required" when it is), an optional help text, the control
/// (`children`, whose id is `id` and which refers to `{id}-help {id}-error`) and the refusal of the
/// server's `field`.
#[component]
pub fn FormField(
    id: &'static str,
    field: &'static str,
    label: Text,
    submission: Submission,
    #[prop(optional)] required: bool,
    #[prop(optional)] help: Option<Text>,
    children: Children,
) -> impl IntoView {
    let error = submission.error(field);
    view! {
        <div class="field" class:field-invalid=move || error().is_some()>
            <label class="field-label" for=id>
                {tr(label)}
                {required.then(|| view! { <span class="required-mark">{tr(ui::REQUIRED)}</span> })}
            </label>
            {help.map(|help| view! { <p class="field-support" id=format!("{id}-help")>{tr(help)}</p> })}
            {children()}
            <p class="field-error" id=format!("{id}-error")>{error}</p>
        </div>
    }
}

/// A form's submit button, "sending…" while it is on its way.
#[component]
pub fn SubmitButton(label: Text, submission: Submission) -> impl IntoView {
    let lang = use_lang();
    let text = move || if submission.sending.get() { ui::SENDING.get(lang.get()) } else { label.get(lang.get()) };
    view! {
        <button type="submit" class="button button-primary" disabled=move || submission.sending.get()>
            {text}
        </button>
    }
}

/// A form that stays folded on a phone until it is wanted: its `title` opens it.
#[component]
pub fn FoldedForm(title: Text, submission: Submission, children: Children) -> impl IntoView {
    view! {
        <details class="card investigation-form">
            <summary class="investigation-form-title">{tr(title)}</summary>
            {move || submission.failure.get().map(|failure| view! { <FailureAlert failure /> })}
            {children()}
        </details>
    }
}

/// A required field left empty, as the server would refuse it.
pub fn missing(field: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        code: FieldErrorCode::Required,
        message: FieldErrorCode::Required.message(Lang::Ja).to_owned(),
    }
}

/// A date typed in an `<input type="date">` (`YYYY-MM-DD`), `None` when empty or not a date.
pub fn typed_date(text: &str) -> Option<Date> {
    domain::validation::parse_date(text.trim())
}

/// `Some(text)` unless it is blank.
pub fn typed_text(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|text| !text.is_empty())
}

/// Today in Japan, the day the server checks dates against.
pub fn today() -> Date {
    domain::jst::date_in_japan(time::OffsetDateTime::now_utc())
}

/// "2026-12-06〜2026-12-19".
pub fn period_text(from: Date, until: Date, lang: Lang) -> String {
    fill(texts::PERIOD_OF, lang, &[("from", &from.to_string()), ("until", &until.to_string())])
}

pub fn relation_text(relation: ContactRelation) -> Text {
    match relation {
        ContactRelation::Household => texts::HOUSEHOLD,
        ContactRelation::Workplace => texts::WORKPLACE,
        ContactRelation::School => texts::SCHOOL,
        ContactRelation::Healthcare => texts::HEALTHCARE,
        ContactRelation::Social => texts::SOCIAL,
        ContactRelation::Other => texts::OTHER,
    }
}

pub fn contact_type_text(contact_type: ContactType) -> Text {
    match contact_type {
        ContactType::Close => texts::CLOSE_CONTACT,
        ContactType::Casual => texts::CASUAL_CONTACT,
    }
}

pub fn case_status_text(status: CaseStatus) -> Text {
    match status {
        CaseStatus::Investigating => texts::CASE_INVESTIGATING,
        CaseStatus::Closed => texts::CLOSED,
    }
}

pub fn contact_status_text(status: ContactStatus) -> Text {
    match status {
        ContactStatus::Listed => texts::CONTACT_LISTED,
        ContactStatus::BecameCase => texts::CONTACT_BECAME_CASE,
        ContactStatus::Closed => texts::CONTACT_CLOSED,
    }
}

pub fn observation_status_text(status: ObservationStatus) -> Text {
    match status {
        ObservationStatus::Active => texts::OBSERVATION_ACTIVE,
        ObservationStatus::Closed => texts::CLOSED,
    }
}

/// A status as a badge, its class named after the status's code (`investigation-closed`).
#[component]
pub fn StatusBadge(code: &'static str, text: Text) -> impl IntoView {
    view! { <span class=format!("badge investigation-{code}")>{tr(text)}</span> }
}

/// The closing of a case, a contact or an observation: the reason, checked as the server checks it,
/// after the form's other fields (`children`: which contact). `id` names the reason's control.
#[component]
pub fn CloseForm<Fut>(
    title: Text,
    close: impl Fn(String) -> Fut + Copy + Send + Sync + 'static,
    on_closed: Callback<()>,
    #[prop(default = "close-reason")] id: &'static str,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView
where
    Fut: Future<Output = Result<(), ApiFailure>> + 'static,
{
    let submission = Submission::new();
    let reason = RwSignal::new(String::new());
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let checked = domain::workflow::check_note("reason", &reason.get_untracked()).map_err(|error| vec![error]);
        submission.send(checked, close, move |()| on_closed.run(()));
    };
    view! {
        <FoldedForm title submission>
            <form class="form" novalidate on:submit=on_submit>
                {children.map(|children| children())}
                <FormField id field="reason" label=texts::CLOSE_REASON submission required=true>
                    <MultilineInput id described_by=format!("{id}-error") value=reason on_input=move |text| reason.set(text) />
                </FormField>
                <SubmitButton label=title submission />
            </form>
        </FoldedForm>
    }
}
