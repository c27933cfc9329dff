//! The inbox of a health center (and the lists of those who oversee health centers), a page at a time
//! from `GET /notifications/page`, searched and ordered by the server as the address says (filters.rs).
//! At tablet width it is a table whose column headers sort it; at phone width the same rows are cards
//! (the rows of list.rs) with the order as a choice. While it is open it asks the change feed, from where
//! the page left it, whether anything happened, and reads itself again when something did: a new
//! notification appears without a reload.

use std::time::Duration;

use domain::api::{ListOrder, NotificationPage, NotificationPageQuery, NotificationSummary, WorkflowAction};
use domain::i18n::Text;
use domain::jst::format_jst;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::filters::inbox_href;
use super::list::{status_badge_class, status_text, subject_name, NotificationRow, Perspective, WorkflowFlags};
use super::texts;
use crate::api::{order_code, ApiFailure, Authed};
use crate::i18n::{fill, tr, ui, use_lang};

/// How often an open inbox asks the change feed.
const WATCH_EVERY: Duration = Duration::from_secs(5);

/// The rows shown, where the next page starts and where the change feed stood.
#[derive(Debug, Clone, Copy)]
struct Listing {
    rows: RwSignal<Vec<NotificationSummary>>,
    /// The order the server says the rows are in.
    order: RwSignal<Option<ListOrder>>,
    next: RwSignal<Option<String>>,
    feed_cursor: RwSignal<Option<u64>>,
    failure: RwSignal<Option<ApiFailure>>,
    loaded: RwSignal<bool>,
    /// Bumped per first-page read, so that an older answer arriving late is dropped.
    generation: StoredValue<u32>,
    /// A feed check is under way.
    watching: StoredValue<bool>,
    /// What the polite live region says after the list read itself again.
    news: RwSignal<Option<Text>>,
}

impl Listing {
    fn new() -> Self {
        Self {
            rows: RwSignal::new(Vec::new()),
            order: RwSignal::new(None),
            next: RwSignal::new(None),
            feed_cursor: RwSignal::new(None),
            failure: RwSignal::new(None),
            loaded: RwSignal::new(false),
            generation: StoredValue::new(0),
            watching: StoredValue::new(false),
            news: RwSignal::new(None),
        }
    }

    /// Reads the first page of `query` in place of the rows shown.
    fn read_first(self, client: Authed, query: NotificationPageQuery) {
        let generation = self.generation.get_value().wrapping_add(1);
        self.generation.set_value(generation);
        spawn_local(async move {
            let answer = client.notification_page(&query).await;
            if self.generation.try_get_value() != Some(generation) {
                return;
            }
            match answer {
                Ok(page) => self.show(page, false),
                Err(failure) => {
                    self.failure.try_set(Some(failure));
                }
            }
            self.loaded.try_set(true);
        });
    }

    /// Adds the page after the rows shown.
    fn read_more(self, client: Authed, query: NotificationPageQuery) {
        let Some(after) = self.next.get_untracked() else {
            return;
        };
        let query = NotificationPageQuery { after: Some(after), ..query };
        spawn_local(async move {
            match client.notification_page(&query).await {
                Ok(page) => self.show(page, true),
                Err(failure) => {
                    self.failure.try_set(Some(failure));
                }
            }
        });
    }

    fn show(self, page: NotificationPage, appended: bool) {
        if appended {
            self.rows.try_update(|rows| rows.extend(page.rows));
        } else {
            self.rows.try_set(page.rows);
            self.order.try_set(Some(page.order));
            self.feed_cursor.try_set(Some(page.feed_cursor));
        }
        self.next.try_set(page.next);
        self.failure.try_set(None);
    }

    /// Asks the change feed what happened since the page was read; if anything did, reads the first
    /// page again and says why.
    fn check_feed(self, client: Authed, query: Signal<NotificationPageQuery>) {
        let Some(Some(cursor)) = self.feed_cursor.try_get_untracked() else {
            return;
        };
        if self.watching.try_get_value() != Some(false) {
            return;
        }
        self.watching.set_value(true);
        spawn_local(async move {
            if let Ok(feed) = client.changes(cursor).await {
                if !feed.changes.is_empty() {
                    let arrived = feed.changes.iter().any(|change| change.action == WorkflowAction::Received);
                    self.news.try_set(Some(if arrived { texts::ARRIVED } else { texts::UPDATED }));
                    if let Some(query) = query.try_get_untracked() {
                        self.read_first(client, query);
                    }
                }
            }
            self.watching.try_set_value(false);
        });
    }
}

/// The inbox for `query` (from the address).
#[component]
pub fn Inbox(client: Authed, query: Signal<NotificationPageQuery>) -> impl IntoView {
    let lang = use_lang();
    let listing = Listing::new();
    Effect::new(move |_| listing.read_first(client, query.get()));
    let watch = set_interval_with_handle(move || listing.check_feed(client, query), WATCH_EVERY).ok();
    on_cleanup(move || {
        if let Some(watch) = watch {
            watch.clear();
        }
    });
    // The server's default order (the inbox's for a health center) until the address names one.
    let order = Signal::derive(move || {
        query.with(|query| query.order).or_else(|| listing.order.get()).unwrap_or(ListOrder::Newest)
    });
    let filtered = move || query.with(|query| query.filter != Default::default() || query.q.is_some());
    let patients = move || listing.rows.with(|rows| rows.iter().any(|row| row.patient_hint.is_some()));
    let empty_text = move || if filtered() { ui::NONE_MATCH } else { ui::INBOX_EMPTY };
    let body = move || {
        if let Some(failure) = listing.failure.get() {
            return view! {
                <div class="alert alert-error" role="alert">
                    <p>{move || failure.message(lang.get())}</p>
                    <button
                        type="button"
                        class="button button-secondary"
                        on:click=move |_| listing.read_first(client, query.get_untracked())
                    >
                        {tr(ui::RETRY)}
                    </button>
                </div>
            }
            .into_any();
        }
        if !listing.loaded.get() {
            return view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any();
        }
        if listing.rows.with(Vec::is_empty) {
            return view! { <p class="empty">{move || empty_text().get(lang.get())}</p> }.into_any();
        }
        view! {
            <ul class="notification-list inbox-cards">
                {move || {
                    let rows = listing.rows.get().into_iter();
                    rows.map(|row| view! { <NotificationRow row perspective=Perspective::HealthCenter /> }).collect_view()
                }}
            </ul>
            <InboxTable rows=listing.rows query order patients=Signal::derive(patients) />
        }
        .into_any()
    };
    view! {
        <OrderChoice query order />
        <p class="visually-hidden" role="status">{move || listing.news.get().map(|news| news.get(lang.get()))}</p>
        {body}
        <Show when=move || listing.next.with(Option::is_some)>
            <p class="inbox-more">
                <button
                    type="button"
                    class="button button-secondary"
                    on:click=move |_| listing.read_more(client, query.get_untracked())
                >
                    {tr(texts::MORE)}
                </button>
            </p>
        </Show>
    }
}

const ORDERS: [(ListOrder, Text); 4] = [
    (ListOrder::Urgency, texts::BY_URGENCY),
    (ListOrder::Newest, texts::NEWEST),
    (ListOrder::Oldest, texts::OLDEST),
    (ListOrder::Status, texts::BY_STATUS),
];

/// The address of the list in `order` (a new history entry, like the filters).
fn ordered_href(query: &NotificationPageQuery, order: ListOrder) -> String {
    inbox_href(&NotificationPageQuery { order: Some(order), ..query.clone() })
}

/// The order as a choice, for the cards at phone width (the table's headers sort at tablet width).
#[component]
fn OrderChoice(query: Signal<NotificationPageQuery>, order: Signal<ListOrder>) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let options = ORDERS
        .into_iter()
        .map(|(option, label)| {
            let code = order_code(option);
            view! { <option value=code selected=move || order.get() == option>{move || label.get(lang.get())}</option> }
        })
        .collect_view();
    let on_change = move |ev| {
        let chosen = event_target_value(&ev).parse::<ListOrder>().ok();
        if let Some(chosen) = chosen {
            navigate(&ordered_href(&query.get_untracked(), chosen), Default::default());
        }
    };
    view! {
        <div class="field inbox-order">
            <label class="field-label" for="inbox-order">{tr(texts::ORDER)}</label>
            <select id="inbox-order" class="input" on:change=on_change>{options}</select>
        </div>
    }
}

/// The rows as a table, shown at tablet width and wider.
#[component]
fn InboxTable(
    rows: RwSignal<Vec<NotificationSummary>>,
    query: Signal<NotificationPageQuery>,
    order: Signal<ListOrder>,
    patients: Signal<bool>,
) -> impl IntoView {
    let plain = |text: Text| view! { <th scope="col">{tr(text)}</th> };
    view! {
        <div class="table-scroll inbox-table-scroll" tabindex="0">
            <table class="inbox-table">
                <caption class="visually-hidden">{tr(texts::TABLE_CAPTION)}</caption>
                <thead>
                    <tr>
                        {plain(ui::RECEIPT_NUMBER)}
                        {plain(ui::DISEASE)}
                        <SortHeader label=texts::URGENCY orders=[ListOrder::Urgency, ListOrder::Urgency] query order />
                        <Show when=move || patients.get()>{plain(ui::PATIENT_HINT)}</Show>
                        {plain(ui::INSTITUTION)}
                        <SortHeader label=ui::RECEIVED_AT orders=[ListOrder::Newest, ListOrder::Oldest] query order />
                        <SortHeader label=ui::STATUS orders=[ListOrder::Status, ListOrder::Status] query order />
                    </tr>
                </thead>
                <tbody>
                    {move || rows.get().into_iter().map(|row| view! { <TableRow row patients /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A column header that sorts: the first of `orders` when the column is not the sort yet, then the
/// other (newest ↔ oldest); `aria-sort` says how the column is sorted now.
#[component]
fn SortHeader(
    label: Text,
    orders: [ListOrder; 2],
    query: Signal<NotificationPageQuery>,
    order: Signal<ListOrder>,
) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let aria_sort = move || match order.get() {
        current if current == ListOrder::Oldest && orders.contains(&current) => "ascending",
        current if current == ListOrder::Status && orders.contains(&current) => "ascending",
        current if orders.contains(&current) => "descending",
        _ => "none",
    };
    let next = move || match order.get() {
        current if current == orders[0] => orders[1],
        _ => orders[0],
    };
    let on_click = move |_| navigate(&ordered_href(&query.get_untracked(), next()), Default::default());
    let name = move || fill(texts::SORT_BY, lang.get(), &[("column", label.get(lang.get()))]);
    view! {
        <th scope="col" aria-sort=aria_sort>
            <button type="button" class="sort-button" on:click=on_click title=name>
                {move || label.get(lang.get())}
                <span aria-hidden="true">
                    {move || match aria_sort() {
                        "ascending" => " ▲",
                        "descending" => " ▼",
                        _ => "",
                    }}
                </span>
            </button>
        </th>
    }
}

#[component]
fn TableRow(row: NotificationSummary, patients: Signal<bool>) -> impl IntoView {
    let lang = use_lang();
    let href = format!("/notifications/{}", row.receipt.notification_id);
    let class = if row.overdue { "inbox-row is-overdue" } else { "inbox-row" };
    let (disease, animal_report, status) = (row.disease, row.animal_report, row.status);
    let (urgent, overdue) = (row.urgent, row.overdue);
    let hint = row.patient_hint;
    let received_at = row.receipt.received_at;
    view! {
        <tr class=class>
            <td>
                <a class="inbox-row-link receipt-number" href=href>{row.receipt.receipt_number}</a>
            </td>
            <td>{move || subject_name(&disease, animal_report.as_deref(), lang.get())}</td>
            <td>
                <WorkflowFlags urgent overdue />
                {(!urgent).then(|| view! { <span>{tr(texts::WITHIN_SEVEN_DAYS)}</span> })}
            </td>
            <Show when=move || patients.get()>
                <td class="patient-hint">{
                    let hint = hint.clone();
                    move || hint.as_ref().map(|hint| hint.text(lang.get()))
                }</td>
            </Show>
            <td>{row.institution.name}</td>
            <td>
                <time datetime=super::list::iso_datetime(received_at)>{format_jst(received_at)}</time>
            </td>
            <td>
                <span class=status_badge_class(status)>{move || status_text(status, lang.get())}</span>
            </td>
        </tr>
    }
}
