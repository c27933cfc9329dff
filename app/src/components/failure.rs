//! The message of a failed API call, in the user's language, with how long to wait when the server
//! said so (`retry_after_seconds` of a 429), counting down.

use leptos::prelude::*;

use domain::error::ErrorCode;

use crate::api::ApiFailure;
use crate::components::countdown::Countdown;
use crate::i18n::{fill, tr, ui, use_lang};

/// An error alert for `failure`. `wait` counts down the server's `retry_after_seconds`.
#[component]
pub fn FailureAlert(failure: ApiFailure, #[prop(optional)] wait: Option<Countdown>) -> impl IntoView {
    let lang = use_lang();
    let must_wait = failure.retry_after_seconds().is_some();
    let wait_text = move || {
        let countdown = wait.filter(|_| must_wait)?;
        let seconds = countdown.seconds();
        Some(if seconds > 0 {
            fill(ui::RETRY_AFTER, lang.get(), &[("n", &seconds.to_string())])
        } else {
            ui::RETRY_NOW.get(lang.get()).to_owned()
        })
    };
    view! {
        <div class="alert alert-error" role="alert">
            <p>{move || failure.message(lang.get())}</p>
            {move || wait_text().map(|text| view! { <p class="alert-detail">{text}</p> })}
        </div>
    }
}

/// The failure of a step taken on a record, if any; when the record changed meanwhile (409
/// `invalid_transition`), with the button that shows it as it is now (`on_reload`).
#[component]
pub fn StepFailure(failure: RwSignal<Option<ApiFailure>>, on_reload: Callback<()>) -> impl IntoView {
    let changed_meanwhile = move || {
        failure.with(|failure| failure.as_ref().and_then(ApiFailure::code) == Some(ErrorCode::InvalidTransition))
    };
    view! {
        {move || failure.get().map(|failure| view! { <FailureAlert failure /> })}
        {move || {
            changed_meanwhile()
                .then(|| {
                    view! {
                        <button type="button" class="button button-secondary" on:click=move |_| on_reload.run(())>
                            {tr(ui::SHOW_CURRENT)}
                        </button>
                    }
                })
        }}
    }
}
