//! A date field as people fill it in (V-3): typed in any form `domain::dates` reads (2025-05-01,
//! 令和7年5月1日, R7.5.1, or 7/5/1 in the era chosen beside it), or picked from the browser's calendar.
//! The answer is the ISO date once the text reads as one, otherwise the text itself, which the form's
//! check then names as not a date.

use domain::dates::{self, Era};
use domain::forms::{Answer, Field};
use domain::validation::parse_date;
use leptos::html;
use leptos::prelude::*;

use super::field::{error_id, input_id};
use super::form::FormState;
use crate::i18n::{fill, ui, use_lang};

#[component]
pub fn DateInput(
    field: &'static Field,
    state: FormState,
    /// The stored answer when the form opened.
    initial: String,
    invalid: Signal<Option<&'static str>>,
) -> impl IntoView {
    let lang = use_lang();
    let era = RwSignal::new(Era::Reiwa);
    // What the text box holds, read again when the era changes.
    let typed = RwSignal::new(initial.clone());
    let text_box = NodeRef::<html::Input>::new();
    let store = move |text: String| {
        // Read in the chosen era; what does not read as a date is kept (with the era, if it was put
        // before it) for the form's check to name.
        let text = dates::with_era(&text, era.get_untracked());
        let answer = dates::parse_date_input(&text).map(dates::iso).unwrap_or(text);
        state.answers.update(|answers| {
            answers.insert(field.id.to_owned(), Answer::One(answer));
        });
        state.touch(field.id);
    };
    let on_type = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        typed.set(text.clone());
        store(text);
    };
    let on_era = move |ev: leptos::ev::Event| {
        if let Some(chosen) = Era::named(&event_target_value(&ev)) {
            era.set(chosen);
            store(typed.get_untracked());
        }
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let picked = event_target_value(&ev);
        if let Some(text_box) = text_box.get_untracked() {
            text_box.set_value(&picked);
        }
        typed.set(picked.clone());
        store(picked);
    };
    let date = Memo::new(move |_| {
        state.answers.with(|answers| match answers.get(field.id) {
            Some(Answer::One(value)) => parse_date(value),
            _ => None,
        })
    });
    // The date as read, in both calendars, so that one typed in an era is confirmed before sending.
    let reading = move || match date.get() {
        Some(date) => format!("{}（{}）", dates::format_era(date).unwrap_or_default(), dates::iso(date)),
        None => ui::DATE_SUPPORT.get(lang.get()).to_owned(),
    };
    let reading_id = format!("field-{}-reading", field.id);
    let described_by = format!("{reading_id} {}", error_id(field));
    let eras = Era::newest_first()
        .map(|choice| view! { <option value=choice.name() selected={choice == Era::Reiwa}>{choice.name()}</option> })
        .collect_view();
    let named = move |text| fill(text, lang.get(), &[("field", field.label.get(lang.get()))]);
    view! {
        <div class="date-entry">
            <input
                id=input_id(field)
                name=field.id
                type="text"
                class="input input-date"
                node_ref=text_box
                required=field.required
                aria-invalid=move || invalid.get()
                aria-describedby=described_by
                prop:value=initial
                on:input=on_type
            />
            <select class="input input-era" aria-label=move || named(ui::DATE_ERA) on:change=on_era>
                {eras}
            </select>
            <input
                type="date"
                class="input input-date-picker"
                aria-label=move || named(ui::DATE_CALENDAR)
                max=dates::iso(state.today)
                prop:value=move || date.get().map(dates::iso).unwrap_or_default()
                on:input=on_pick
            />
        </div>
        <p class="field-support" id=reading_id aria-live="polite">{reading}</p>
    }
}
