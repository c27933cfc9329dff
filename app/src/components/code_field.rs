//! The one-time code input shared by the login, password-reset and second-factor screens: 6 digits,
//! numeric keyboard, filled from an SMS by the phone (`autocomplete="one-time-code"`).

use domain::error::ErrorCode;
use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::i18n::{tr, ui, use_lang};

/// The code as the server expects it: full-width digits (typed with a Japanese IME) become ASCII,
/// spaces and hyphens go; `None` unless exactly six digits remain.
pub fn normalize_code(typed: &str) -> Option<String> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != 'ー' && *c != '－')
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c),
            _ => c,
        })
        .collect();
    (digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// A refused code (wrong, or expired: ask for a new one), told at the field rather than above the form.
pub fn is_code_problem(failure: &ApiFailure) -> bool {
    matches!(failure.code(), Some(ErrorCode::InvalidCode | ErrorCode::CodeExpired))
}

/// The message under the code field: a typed code that is not six digits, or the server's refusal.
pub fn code_error(format_error: RwSignal<bool>, problem: RwSignal<Option<ApiFailure>>) -> Signal<Option<&'static str>> {
    let lang = use_lang();
    Signal::derive(move || {
        if format_error.get() {
            return Some(ui::CODE_FORMAT.get(lang.get()));
        }
        problem.get().filter(is_code_problem).map(|failure| failure.message(lang.get()))
    })
}

/// The labelled code input. `error` is the message shown under it (and marks it invalid).
#[component]
pub fn CodeField(
    /// The element id, unique on the page.
    id: &'static str,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<&'static str>>,
    #[prop(optional)] disabled: Option<Signal<bool>>,
) -> impl IntoView {
    let support_id = format!("{id}-support");
    let error_id = format!("{id}-error");
    let described_by = {
        let support_id = support_id.clone();
        let error_id = error_id.clone();
        move || match error.get() {
            Some(_) => format!("{support_id} {error_id}"),
            None => support_id.clone(),
        }
    };
    let is_disabled = move || disabled.is_some_and(|disabled| disabled.get());
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label class="field-label" for=id>
                {tr(ui::CODE_LABEL)}
            </label>
            <p class="field-support" id=support_id>
                {tr(ui::CODE_SUPPORT)}
            </p>
            <input
                id=id
                name="one-time-code"
                type="text"
                class="input input-code"
                inputmode="numeric"
                autocomplete="one-time-code"
                maxlength="8"
                spellcheck="false"
                required
                aria-describedby=described_by
                aria-invalid=move || error.get().map(|_| "true")
                disabled=is_disabled
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {move || error.get().map(|message| view! { <p class="field-error" id=error_id.clone() role="alert">{message}</p> })}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_code;

    #[test]
    fn codes_are_six_ascii_digits() {
        assert_eq!(normalize_code("123456").as_deref(), Some("123456"));
        assert_eq!(normalize_code(" 123 456 ").as_deref(), Some("123456"));
        assert_eq!(normalize_code("１２３４５６").as_deref(), Some("123456"));
        assert_eq!(normalize_code("123-456").as_deref(), Some("123456"));
        assert_eq!(normalize_code("12345"), None);
        assert_eq!(normalize_code("12345a"), None);
    }
}
