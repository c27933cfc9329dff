//! The input of a password the user already has: at login, and when it is asked for again.

use leptos::prelude::*;

#[component]
pub fn CurrentPasswordInput(id: &'static str, name: &'static str, value: RwSignal<String>) -> impl IntoView {
    view! {
        <input
            id=id
            name=name
            type="password"
            class="input"
            autocomplete="current-password"
            required
            prop:value=move || value.get()
            on:input=move |ev| value.set(event_target_value(&ev))
        />
    }
}
