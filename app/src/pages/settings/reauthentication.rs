//! 本人確認: the current password asked for again when the server refuses a change of how the
//! account logs in with `reauthentication_required` (the login is more than a few minutes old).
//! Once confirmed, the user repeats what they were doing; nothing is sent on their behalf.

use domain::error::ErrorCode;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiFailure, Authed};
use crate::components::countdown::Countdown;
use crate::components::failure::FailureAlert;
use crate::components::password_input::CurrentPasswordInput;
use crate::i18n::{tr, ui, use_lang};

/// Whether the settings page must ask for the password, shared by its sections.
#[derive(Debug, Clone, Copy)]
pub struct Reauthentication {
    asked: RwSignal<bool>,
    confirmed: RwSignal<bool>,
}

impl Default for Reauthentication {
    fn default() -> Self {
        Self { asked: RwSignal::new(false), confirmed: RwSignal::new(false) }
    }
}

impl Reauthentication {
    /// Takes a failed change: `true` (and the password is asked for) when the server wanted the
    /// password again, so that the caller shows no error of its own.
    pub fn asks_for(self, failure: &ApiFailure) -> bool {
        let asks = failure.code() == Some(ErrorCode::ReauthenticationRequired);
        if asks {
            self.confirmed.set(false);
            self.asked.set(true);
        }
        asks
    }
}

#[component]
pub fn ReauthenticationPrompt(client: Authed, state: Reauthentication) -> impl IntoView {
    let lang = use_lang();
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<ApiFailure>);
    let sending = RwSignal::new(false);
    let wait = Countdown::new();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let typed = password.get_untracked();
        if sending.get_untracked() || wait.is_running() || typed.is_empty() {
            return;
        }
        sending.set(true);
        spawn_local(async move {
            let result = client.confirm_password(&typed).await;
            sending.set(false);
            password.set(String::new());
            match result {
                Ok(()) => {
                    problem.set(None);
                    state.asked.set(false);
                    state.confirmed.set(true);
                }
                Err(failure) => {
                    wait.start_if(failure.retry_after_seconds());
                    problem.set(Some(failure));
                }
            }
        });
    };

    view! {
        {move || state.confirmed.get().then(|| view! { <p class="alert alert-success" role="status">{tr(ui::REAUTHENTICATED)}</p> })}
        <Show when=move || state.asked.get()>
            <section class="card reauthentication" aria-labelledby="reauthentication-title">
                <h2 id="reauthentication-title">{tr(ui::REAUTHENTICATION_TITLE)}</h2>
                <p>{tr(ui::REAUTHENTICATION_INTRO)}</p>
                {move || problem.get().map(|failure| view! { <FailureAlert failure wait /> })}
                <form class="form" novalidate on:submit=on_submit>
                    <div class="field">
                        <label class="field-label" for="reauthentication-password">
                            {tr(ui::CURRENT_PASSWORD)}
                        </label>
                        <CurrentPasswordInput id="reauthentication-password" name="current-password" value=password />
                    </div>
                    <button type="submit" class="button button-primary button-block" disabled=move || sending.get()>
                        {move || if sending.get() { ui::CONFIRMING.get(lang.get()) } else { ui::CONFIRM.get(lang.get()) }}
                    </button>
                </form>
            </section>
        </Show>
    }
}
