//! The inbox's filters (disease, status, first-receipt dates) live in the address's query
//! (`/?disease=tuberculosis&status=received`), so back, forward and reload keep them (L-7).

use domain::api::{NotificationFilter, NotificationStatus};
use domain::diseases::{self, CATALOG};
use domain::i18n::Text;
use domain::validation::parse_date;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{filter_pairs, status_code};
use crate::i18n::{tr, ui, use_lang};
use crate::pages::inbox::list::status_text;

const STATUSES: [NotificationStatus; 4] = [
    NotificationStatus::Received,
    NotificationStatus::Returned,
    NotificationStatus::Accepted,
    NotificationStatus::Withdrawn,
];

/// The filters named in a query (`value` reads one parameter); unknown diseases and statuses and
/// malformed dates are ignored.
pub fn filter_from_query(value: impl Fn(&str) -> Option<String>) -> NotificationFilter {
    let value = |name: &str| value(name).map(|value| value.trim().to_owned()).filter(|value| !value.is_empty());
    let date = |name: &str| value(name).filter(|text| parse_date(text).is_some());
    NotificationFilter {
        disease: value("disease").filter(|code| diseases::find(code).is_some()),
        status: value("status").and_then(|code| STATUSES.into_iter().find(|status| status_code(*status) == code)),
        received_from: date("received_from"),
        received_to: date("received_to"),
    }
}

/// The query (`disease=tuberculosis&status=returned`) of `filter`. The values are catalog codes,
/// status names and ISO dates (checked by [`filter_from_query`]), so nothing needs escaping.
pub fn query_string(filter: &NotificationFilter) -> String {
    let pairs: Vec<String> = filter_pairs(filter).into_iter().map(|(name, value)| format!("{name}={value}")).collect();
    pairs.join("&")
}

/// The inbox's address with `filter` in its query.
pub fn inbox_href(filter: &NotificationFilter) -> String {
    match query_string(filter) {
        query if query.is_empty() => "/".to_owned(),
        query => format!("/?{query}"),
    }
}

/// The filter in the current address, following back and forward.
pub fn use_inbox_filter() -> Signal<NotificationFilter> {
    let query = use_query_map();
    Signal::derive(move || query.with(|query| filter_from_query(|name| query.get(name))))
}

/// The filter form. Applying it adds a history entry, so "back" returns to the previous filters.
#[component]
pub fn InboxFilters(filter: Signal<NotificationFilter>) -> impl IntoView {
    // Rebuilt when the address changes, so the fields always show the filters in effect.
    move || view! { <FilterForm current=filter.get() /> }
}

#[component]
fn FilterForm(current: NotificationFilter) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let disease = RwSignal::new(current.disease.clone().unwrap_or_default());
    let status = RwSignal::new(current.status.map(status_code).unwrap_or_default());
    let from = RwSignal::new(current.received_from.clone().unwrap_or_default());
    let to = RwSignal::new(current.received_to.clone().unwrap_or_default());
    let filtered = current != NotificationFilter::default();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let chosen = |name: &str| match name {
            "disease" => Some(disease.get_untracked()),
            "status" => Some(status.get_untracked()),
            "received_from" => Some(from.get_untracked()),
            "received_to" => Some(to.get_untracked()),
            _ => None,
        };
        navigate(&inbox_href(&filter_from_query(chosen)), Default::default());
    };
    let disease_options = CATALOG
        .iter()
        .map(|entry| {
            let code = entry.code;
            view! {
                <option value=code selected=move || disease.get() == code>
                    {move || entry.name.get(lang.get())}
                </option>
            }
        })
        .collect_view();
    let status_options = STATUSES
        .into_iter()
        .map(|option| {
            let code = status_code(option);
            let selected = code.clone();
            view! {
                <option value=code selected=move || status.get() == selected>
                    {move || status_text(option, lang.get())}
                </option>
            }
        })
        .collect_view();
    view! {
        <details class="filters" open=filtered>
            <summary class="filters-summary">
                {tr(ui::FILTERS)}
                {filtered.then(|| view! { <span class="badge">{tr(ui::FILTERS_ACTIVE)}</span> })}
            </summary>
            <form class="form filters-form" on:submit=on_submit>
                <div class="field">
                    <label class="field-label" for="filter-disease">{tr(ui::DISEASE)}</label>
                    <select
                        id="filter-disease"
                        class="input"
                        on:change=move |ev| disease.set(event_target_value(&ev))
                    >
                        <option value="" selected=move || disease.get().is_empty()>{tr(ui::ALL)}</option>
                        {disease_options}
                    </select>
                </div>
                <div class="field">
                    <label class="field-label" for="filter-status">{tr(ui::STATUS)}</label>
                    <select id="filter-status" class="input" on:change=move |ev| status.set(event_target_value(&ev))>
                        <option value="" selected=move || status.get().is_empty()>{tr(ui::ALL)}</option>
                        {status_options}
                    </select>
                </div>
                <div class="field-row">
                    <DateFilter id="filter-from" label=ui::RECEIVED_FROM value=from />
                    <DateFilter id="filter-to" label=ui::RECEIVED_TO value=to />
                </div>
                <div class="filters-actions">
                    <button type="submit" class="button button-primary">{tr(ui::APPLY_FILTERS)}</button>
                    <a class="button button-text" href="/">{tr(ui::CLEAR_FILTERS)}</a>
                </div>
            </form>
        </details>
    }
}

/// One end of the receipt-date range.
#[component]
fn DateFilter(id: &'static str, label: Text, value: RwSignal<String>) -> impl IntoView {
    view! {
        <div class="field">
            <label class="field-label" for=id>{tr(label)}</label>
            <input
                id=id
                type="date"
                class="input input-date"
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| (*value).to_owned())
    }

    #[test]
    fn filters_survive_the_trip_through_the_address() {
        let filter = NotificationFilter {
            disease: Some("tuberculosis".into()),
            status: Some(NotificationStatus::Returned),
            received_from: Some("2026-11-01".into()),
            received_to: None,
        };
        assert_eq!(inbox_href(&filter), "/?disease=tuberculosis&status=returned&received_from=2026-11-01");
        let read = filter_from_query(query(&[
            ("disease", "tuberculosis"),
            ("status", "returned"),
            ("received_from", "2026-11-01"),
        ]));
        assert_eq!(read, filter);
        assert_eq!(inbox_href(&NotificationFilter::default()), "/");
    }

    #[test]
    fn unknown_values_and_malformed_dates_are_ignored() {
        let read = filter_from_query(query(&[
            ("status", "lost"),
            ("received_to", "2026-13-01"),
            ("disease", "no_such_disease&x=1"),
            ("received_from", " "),
        ]));
        assert_eq!(read, NotificationFilter::default());
    }
}
