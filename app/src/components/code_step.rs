//! The pieces of a one-time code step shared by the login, password-reset and second-factor screens:
//! the "sent again" notice, the alert for problems other than the code itself, the code form and the
//! resend button with its countdown.

use domain::error::ErrorCode;
use domain::i18n::{Lang, Text};
use std::future::Future;

use leptos::ev::{MouseEvent, SubmitEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiFailure;
use crate::components::code_field::{is_code_problem, normalize_code, CodeField};
use crate::components::countdown::Countdown;
use crate::components::failure::FailureAlert;
use crate::i18n::{fill, tr, ui, use_lang};

/// "Send the code again" on a code step: whether a request is under way, whether a new code went
/// out ("sent again" is shown), and the wait the server asked for before the next one.
#[derive(Debug, Clone, Copy)]
pub struct Resend {
    pub resending: RwSignal<bool>,
    pub resent: RwSignal<bool>,
    pub wait: Countdown,
}

impl Resend {
    pub fn new() -> Self {
        Self { resending: RwSignal::new(false), resent: RwSignal::new(false), wait: Countdown::new() }
    }

    /// The typed `code`, normalised, for a try: `None` (and `format_error` set) if it is not six
    /// digits. A try hides the "sent again" notice of an earlier resend.
    pub fn take_code(self, code: RwSignal<String>, format_error: RwSignal<bool>) -> Option<String> {
        let typed = normalize_code(&code.get_untracked());
        format_error.set(typed.is_none());
        if typed.is_some() {
            self.resent.set(false);
        }
        typed
    }

    /// Asks for a new code with `request` (not while one is under way or the wait runs). Sent: the
    /// typed `code` and the `problem` are cleared and `sent` gets the answer. Refused: `refused` may
    /// deal with the failure itself (answering `None`); otherwise the server's wait is counted down
    /// and the failure shown as the `problem`.
    pub fn send<T, Fut>(
        self,
        code: RwSignal<String>,
        problem: RwSignal<Option<ApiFailure>>,
        request: impl FnOnce() -> Fut,
        sent: impl FnOnce(T) + 'static,
        refused: impl FnOnce(ApiFailure) -> Option<ApiFailure> + 'static,
    ) where
        T: 'static,
        Fut: Future<Output = Result<T, ApiFailure>> + 'static,
    {
        if self.resending.get_untracked() || self.wait.is_running() {
            return;
        }
        self.resending.set(true);
        self.resent.set(false);
        let pending = request();
        spawn_local(async move {
            let result = pending.await;
            self.resending.set(false);
            match result {
                Ok(answer) => {
                    problem.set(None);
                    code.set(String::new());
                    sent(answer);
                    self.resent.set(true);
                }
                Err(failure) => {
                    if let Some(failure) = refused(failure) {
                        self.wait.start_if(failure.retry_after_seconds());
                        problem.set(Some(failure));
                    }
                }
            }
        });
    }
}

impl Default for Resend {
    fn default() -> Self {
        Self::new()
    }
}

/// The resend button's text: how long to wait, or the invitation to resend.
pub fn resend_text(wait: Countdown, lang: Lang) -> String {
    match wait.seconds() {
        0 => ui::RESEND_CODE.get(lang).to_owned(),
        seconds => fill(ui::RESEND_CODE_WAIT, lang, &[("n", &seconds.to_string())]),
    }
}

/// "A new code was sent", while `resent` holds.
#[component]
pub fn CodeResentAlert(resent: RwSignal<bool>) -> impl IntoView {
    move || resent.get().then(|| view! { <p class="alert alert-success" role="status">{tr(ui::CODE_RESENT)}</p> })
}

/// The alert for a `problem` that is not about the code (those are told at the field). `wait` counts
/// down a refused attempt; `resend_wait`, when given, a refused resend (`ResendTooSoon`).
#[component]
pub fn CodeProblemAlert(
    problem: RwSignal<Option<ApiFailure>>,
    wait: Countdown,
    #[prop(optional)] resend_wait: Option<Countdown>,
) -> impl IntoView {
    move || {
        problem.get().filter(|failure| !is_code_problem(failure)).map(|failure| {
            let wait = match (failure.code(), resend_wait) {
                (Some(ErrorCode::ResendTooSoon), Some(resend_wait)) => resend_wait,
                _ => wait,
            };
            view! { <FailureAlert failure wait /> }
        })
    }
}

/// The form with only the code field and its submit button (`busy_label` while `busy`).
#[component]
pub fn CodeSubmitForm<F>(
    /// The code field's element id.
    id: &'static str,
    code: RwSignal<String>,
    #[prop(into)] error: Signal<Option<&'static str>>,
    busy: RwSignal<bool>,
    wait: Countdown,
    label: Text,
    busy_label: Text,
    on_submit: F,
) -> impl IntoView
where
    F: FnMut(SubmitEvent) + 'static,
{
    view! {
        <form class="form" novalidate on:submit=on_submit>
            <CodeField id value=code error />
            <BusySubmitButton busy wait label busy_label />
        </form>
    }
}

/// A full-width submit button: `label`, or `busy_label` while `busy`; disabled then and while `wait`
/// counts down.
#[component]
pub fn BusySubmitButton(busy: RwSignal<bool>, wait: Countdown, label: Text, busy_label: Text) -> impl IntoView {
    let lang = use_lang();
    view! {
        <button
            type="submit"
            class="button button-primary button-block"
            disabled=move || busy.get() || wait.is_running()
        >
            {move || if busy.get() { busy_label.get(lang.get()) } else { label.get(lang.get()) }}
        </button>
    }
}

/// "Send the code again", disabled while `resending` and while `resend_wait` counts down.
#[component]
pub fn ResendButton<F>(resending: RwSignal<bool>, resend_wait: Countdown, on_resend: F) -> impl IntoView
where
    F: FnMut(MouseEvent) + 'static,
{
    let lang = use_lang();
    view! {
        <button
            type="button"
            class="button button-secondary"
            disabled=move || resending.get() || resend_wait.is_running()
            on:click=on_resend
        >
            {move || resend_text(resend_wait, lang.get())}
        </button>
    }
}
