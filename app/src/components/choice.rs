//! One radio button of a group with its label: checked while the group's signal holds its value.

use domain::i18n::Text;
use leptos::prelude::*;

use crate::i18n::tr;

/// `group` is the radio group's name (and the start of the input's id, with `id`).
#[component]
pub fn RadioChoice<T>(group: &'static str, id: String, value: T, selected: RwSignal<T>, label: Text) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let id = format!("{group}-{id}");
    view! {
        <div class="choice">
            <input
                id=id.clone()
                class="choice-input"
                type="radio"
                name=group
                prop:checked=move || selected.get() == value
                on:change=move |_| selected.set(value)
            />
            <label class="choice-label" for=id>{tr(label)}</label>
        </div>
    }
}
