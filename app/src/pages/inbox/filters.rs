//! The inbox's filters (disease, status, first-receipt dates), its search and its order live in the
//! address's query (`/?disease=tuberculosis&status=received&q=北町&order=newest`), so back, forward and
//! reload keep them (L-7).

use domain::api::{ListOrder, NotificationFilter, NotificationPageQuery, NotificationStatus};
use domain::diseases::{self, CATALOG};
use domain::i18n::Text;
use domain::validation::parse_date;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{filter_pairs, order_code, status_code};
use crate::i18n::{tr, ui, use_lang};
use crate::pages::inbox::list::status_text;
use crate::pages::inbox::texts;

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

/// The inbox's query named in the address: the filters ([`filter_from_query`]), the search and a known
/// order; no page (the address names the list, not a place in it).
pub fn inbox_query_from(value: impl Fn(&str) -> Option<String>) -> NotificationPageQuery {
    let search = value("q").map(|text| text.trim().to_owned()).filter(|text| !text.is_empty());
    let order = value("order").and_then(|code| code.parse::<ListOrder>().ok());
    NotificationPageQuery { filter: filter_from_query(value), q: search, order, ..NotificationPageQuery::default() }
}

/// The query (`disease=tuberculosis&status=returned`) of `filter`. The values are catalog codes,
/// status names and ISO dates (checked by [`filter_from_query`]), so nothing needs escaping.
pub fn query_string(filter: &NotificationFilter) -> String {
    let pairs: Vec<String> = filter_pairs(filter).into_iter().map(|(name, value)| format!("{name}={value}")).collect();
    pairs.join("&")
}

/// The inbox's address with `query`'s filters, search and order.
pub fn inbox_href(query: &NotificationPageQuery) -> String {
    let mut pairs = vec![query_string(&query.filter)];
    pairs.extend(query.q.as_deref().map(|text| format!("q={}", encode_component(text))));
    pairs.extend(query.order.map(|order| format!("order={}", order_code(order))));
    match pairs.into_iter().filter(|pair| !pair.is_empty()).collect::<Vec<_>>().join("&") {
        query if query.is_empty() => "/".to_owned(),
        query => format!("/?{query}"),
    }
}

/// `text` as a query value: UTF-8, every byte but the unreserved ones percent-encoded.
pub fn encode_component(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => char::from(byte).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// The inbox's query in the current address, following back and forward.
pub fn use_inbox_query() -> Signal<NotificationPageQuery> {
    let query = use_query_map();
    Signal::derive(move || query.with(|query| inbox_query_from(|name| query.get(name))))
}

/// The filter form with the search. Applying it adds a history entry, so "back" returns to the
/// previous filters; the order stays. `patients`: the account may search by patient.
#[component]
pub fn InboxFilters(query: Signal<NotificationPageQuery>, patients: bool) -> impl IntoView {
    // Rebuilt when the address changes, so the fields always show the filters in effect.
    move || view! { <FilterForm current=query.get() patients /> }
}

#[component]
fn FilterForm(current: NotificationPageQuery, patients: bool) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let order = current.order;
    let search = RwSignal::new(current.q.clone().unwrap_or_default());
    let current = current.filter;
    let disease = RwSignal::new(current.disease.clone().unwrap_or_default());
    let status = RwSignal::new(current.status.map(status_code).unwrap_or_default());
    let from = RwSignal::new(current.received_from.clone().unwrap_or_default());
    let to = RwSignal::new(current.received_to.clone().unwrap_or_default());
    let filtered = current != NotificationFilter::default() || !search.get_untracked().is_empty();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let chosen = |name: &str| match name {
            "disease" => Some(disease.get_untracked()),
            "status" => Some(status.get_untracked()),
            "received_from" => Some(from.get_untracked()),
            "received_to" => Some(to.get_untracked()),
            "q" => Some(search.get_untracked()),
            _ => None,
        };
        let chosen = NotificationPageQuery { order, ..inbox_query_from(chosen) };
        navigate(&inbox_href(&chosen), Default::default());
    };
    let search_label = if patients { texts::SEARCH_WITH_PATIENTS } else { texts::SEARCH };
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
                    <label class="field-label" for="filter-search">{tr(search_label)}</label>
                    <input
                        id="filter-search"
                        type="search"
                        class="input"
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))
                    />
                </div>
                <FilterSelect id="filter-disease" label=ui::DISEASE value=disease>{disease_options}</FilterSelect>
                <FilterSelect id="filter-status" label=ui::STATUS value=status>{status_options}</FilterSelect>
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

/// A choice that narrows a list, 「すべて」 (the empty value) first; `children` are the other options.
#[component]
pub fn FilterSelect(id: &'static str, label: Text, value: RwSignal<String>, children: Children) -> impl IntoView {
    view! {
        <div class="field">
            <label class="field-label" for=id>{tr(label)}</label>
            <select id=id class="input" on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="" selected=move || value.get().is_empty()>{tr(ui::ALL)}</option>
                {children()}
            </select>
        </div>
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
        let in_address = NotificationPageQuery { filter: filter.clone(), ..NotificationPageQuery::default() };
        assert_eq!(inbox_href(&in_address), "/?disease=tuberculosis&status=returned&received_from=2026-11-01");
        let read = filter_from_query(query(&[
            ("disease", "tuberculosis"),
            ("status", "returned"),
            ("received_from", "2026-11-01"),
        ]));
        assert_eq!(read, filter);
        assert_eq!(inbox_href(&NotificationPageQuery::default()), "/");
    }

    #[test]
    fn the_search_and_order_survive_the_trip_through_the_address() {
        let wanted = NotificationPageQuery {
            q: Some("北町 こども&1".into()),
            order: Some(ListOrder::Newest),
            ..NotificationPageQuery::default()
        };
        let href = inbox_href(&wanted);
        assert_eq!(href, "/?q=%E5%8C%97%E7%94%BA%20%E3%81%93%E3%81%A9%E3%82%82%261&order=newest");
        let read = inbox_query_from(query(&[("q", " 北町 こども&1 "), ("order", "newest")]));
        assert_eq!(read, wanted);
        assert_eq!(inbox_query_from(query(&[("order", "sideways"), ("q", "  ")])), NotificationPageQuery::default());
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
