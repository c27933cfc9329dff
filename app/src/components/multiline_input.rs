//! The free-text box of notes, reasons and comments: one look and one binding for every such field,
//! so that a change to them (rows, a character count, how the value is bound) is made once.
//! (The notification form's text field stays with its single-line siblings in `pages::notification`:
//! it shares their attributes, not these.)

use leptos::prelude::*;

#[component]
pub fn MultilineInput(
    /// The element id, unique on the page (the label's `for`).
    #[prop(into)]
    id: String,
    /// What the box shows; it follows the signal.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the whole text on every keystroke.
    #[prop(into)]
    on_input: Callback<String>,
    #[prop(default = 3)] rows: u32,
    /// The ids of the help and error texts that describe the box, space-separated.
    #[prop(optional, into)]
    described_by: Option<String>,
    /// Marks the box invalid for assistive technology while true.
    #[prop(optional, into)]
    invalid: Option<Signal<bool>>,
    /// Shown but not editable while true (e.g. while a step waits to be confirmed).
    #[prop(optional, into)]
    readonly: Option<Signal<bool>>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    view! {
        <textarea
            id=id
            class="input input-multiline"
            rows=rows.to_string()
            required=required
            aria-describedby=described_by
            aria-invalid=move || invalid.is_some_and(|invalid| invalid.get()).then_some("true")
            prop:readonly=move || readonly.is_some_and(|readonly| readonly.get())
            prop:value=move || value.get()
            on:input=move |ev| on_input.run(event_target_value(&ev))
        ></textarea>
    }
}
