//! A choice of organizations (都道府県等, health centers) by name from the master, where a code would
//! otherwise be typed.

use domain::api::Organization;
use leptos::prelude::*;

/// The organizations of `choices` by name (code in brackets); `value` is the chosen one's code (empty:
/// none, shown as `none`, else `—`), and choosing one calls `on_choose` with its code.
#[component]
pub fn OrganizationChoice(
    id: String,
    #[prop(into)] value: Signal<String>,
    on_choose: Callback<String>,
    choices: LocalResource<Vec<Organization>>,
    #[prop(optional, into)] none: Option<Signal<String>>,
) -> impl IntoView {
    let options = move || {
        choices
            .get()
            .unwrap_or_default()
            .into_iter()
            .map(|organization| {
                let code = organization.code.clone();
                let selected = move || value.get() == code;
                view! {
                    <option value=organization.code.clone() selected=selected>
                        {format!("{}（{}）", organization.name, organization.code)}
                    </option>
                }
            })
            .collect_view()
    };
    let none = move || none.map_or_else(|| "—".to_owned(), |none| none.get());
    view! {
        <select id=id class="input" on:change=move |ev| on_choose.run(event_target_value(&ev))>
            <option value="" selected=move || value.get().is_empty()>{none}</option>
            {options}
        </select>
    }
}
