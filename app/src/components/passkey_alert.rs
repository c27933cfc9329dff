//! What went wrong in a passkey ceremony: the server's answer, or the browser's. A cancelled dialog is
//! the user's choice, shown calmly as information, not as an error.

use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::components::failure::FailureAlert;
use crate::i18n::use_lang;
use crate::webauthn::CeremonyProblem;

#[derive(Debug, Clone, PartialEq)]
pub enum PasskeyProblem {
    Api(ApiFailure),
    Ceremony(CeremonyProblem),
}

#[component]
pub fn PasskeyAlert(problem: PasskeyProblem) -> impl IntoView {
    let lang = use_lang();
    match problem {
        PasskeyProblem::Api(failure) => view! { <FailureAlert failure /> }.into_any(),
        PasskeyProblem::Ceremony(CeremonyProblem::Cancelled) => view! {
            <p class="alert alert-info" role="status">
                {move || CeremonyProblem::Cancelled.message(lang.get())}
            </p>
        }
        .into_any(),
        PasskeyProblem::Ceremony(problem) => view! {
            <p class="alert alert-error" role="alert">
                {move || problem.message(lang.get())}
            </p>
        }
        .into_any(),
    }
}
