//! The doctor's choice of a disease to notify: a search box (`domain::disease_search`: names, readings,
//! common names, English (the English table fetched at the first Latin letter typed), any width and
//! kana), the doctor's own diseases first (from this device's drafts and outbox and the institution's
//! filings the server lists), a clear answer when nothing matches, and the full list, folded, by category.

use std::collections::HashMap;

use domain::api::NotificationFilter;
use domain::disease_names::SentinelDisease;
use domain::disease_search::{search, Usage};
use domain::diseases::{catalog_on, Category, Deadline, Disease};
use leptos::prelude::*;
use time::Date;
use uuid::Uuid;

use crate::api::{Authed, Loaded};
use crate::auth::Session;
use crate::i18n::{fill, load_english, tr, ui, use_lang};
use crate::offline::store;

/// How many of the doctor's own diseases are offered before anything is typed.
const FAMILIAR_LIMIT: usize = 5;

#[component]
pub fn DiseasePicker(session: Session) -> impl IntoView {
    let owner = session.me.user_id.clone();
    let client = session.client;
    let lang = use_lang();
    let today = domain::jst::date_in_japan(time::OffsetDateTime::now_utc());
    let query = RwSignal::new(String::new());
    let show_all = RwSignal::new(false);
    let usage = Loaded::new(move || {
        let owner = owner.clone();
        async move { known_usage(&owner, client).await }
    });
    let usage = move || usage.get().unwrap_or_default();
    // The diseases' English names come with the English table (crate::i18n), asked for once (again if
    // it could not be had); the search runs again when it arrives.
    let english = RwSignal::new(false);
    let type_query = move |typed: String| {
        if !english.get_untracked() && typed.chars().any(|c| c.is_ascii_alphabetic()) {
            english.set(true);
            leptos::task::spawn_local(async move { english.set(load_english().await) });
        }
        query.set(typed);
    };
    // Derived, not memoised: the catalog is small, and `Found` holds catalog references without `PartialEq`.
    let found = move || {
        english.track();
        query.with(|query| search(query, today, &usage()))
    };
    let typed = move || query.with(|query| !query.trim().is_empty());
    let familiar = move || usage().familiar(today, FAMILIAR_LIMIT);
    let nothing = move || typed() && found().diseases.is_empty();
    let count_text = move || {
        let count = found().diseases.len().to_string();
        if typed() {
            fill(ui::DISEASES_FOUND, lang.get(), &[("n", &count)])
        } else {
            String::new()
        }
    };
    view! {
        <div class="field">
            <label class="field-label" for="disease-search">{tr(ui::FIND_DISEASE)}</label>
            <p class="field-support" id="disease-search-hint">{tr(ui::FIND_DISEASE_HINT)}</p>
            <input
                id="disease-search"
                type="search"
                class="input"
                autocomplete="off"
                aria-describedby="disease-search-hint"
                aria-controls="disease-results"
                prop:value=move || query.get()
                on:input=move |ev| type_query(event_target_value(&ev))
            />
        </div>
        <p class="visually-hidden" role="status">{count_text}</p>
        <div id="disease-results">
            {move || found().sentinel.into_iter().map(|entry| view! { <SentinelNote entry /> }).collect_view()}
            <Show when=nothing>
                <div class="alert alert-info" role="status">
                    <p>{move || fill(ui::NO_DISEASE_MATCHES, lang.get(), &[("query", query.get().trim())])}</p>
                    <p>
                        <button type="button" class="button button-secondary" on:click=move |_| show_all.set(true)>
                            {tr(ui::SHOW_ALL_DISEASES)}
                        </button>
                    </p>
                </div>
            </Show>
            {move || {
                if typed() {
                    let diseases = found().diseases;
                    (!diseases.is_empty()).then(|| view! { <DiseaseLinks diseases /> }.into_any())
                } else {
                    let diseases = familiar();
                    (!diseases.is_empty())
                        .then(|| {
                            view! {
                                <h2 class="disease-category">{tr(ui::FAMILIAR_DISEASES)}</h2>
                                <DiseaseLinks diseases />
                            }
                            .into_any()
                        })
                }
            }}
        </div>
        <AllDiseases today show_all />
    }
}

/// One (disease code, when) pair per notification: those of this doctor kept on the device (by last
/// change) and those the server lists as filed by the institution (by receipt), each once.
async fn known_usage(owner: &str, client: Authed) -> Usage {
    // Without either source the search still works, only without those diseases first.
    let mut uses: HashMap<Uuid, (String, i64)> = HashMap::new();
    for item in store::items(owner).await.unwrap_or_default() {
        if let Some(disease) = item.meta.filing.disease() {
            uses.insert(item.id, (disease.to_owned(), item.meta.updated_ms as i64));
        }
    }
    let filed = client.notifications(&NotificationFilter::default()).await.unwrap_or_default();
    for row in filed.into_iter().filter(|row| row.animal_report.is_none()) {
        let received_ms = i64::try_from(row.receipt.received_at.unix_timestamp_nanos() / 1_000_000).unwrap_or(0);
        uses.entry(row.receipt.notification_id).or_insert((row.disease, received_ms));
    }
    Usage::from_uses(uses.values().map(|(disease, when)| (disease.as_str(), *when)))
}

/// A disease a doctor looked for that is not notified case by case: how it is reported instead.
#[component]
fn SentinelNote(entry: &'static SentinelDisease) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="alert alert-info sentinel-note" role="note">
            <p class="sentinel-note-name">{move || entry.name.get(lang.get())}</p>
            <p>{move || entry.how_reported.get(lang.get())}</p>
        </div>
    }
}

/// Links to the diseases' forms, each with its deadline.
#[component]
fn DiseaseLinks(diseases: Vec<&'static Disease>) -> impl IntoView {
    let items = diseases.into_iter().map(|disease| view! { <DiseaseItem disease /> }).collect_view();
    view! { <ul class="disease-list">{items}</ul> }
}

#[component]
fn DiseaseItem(disease: &'static Disease) -> impl IntoView {
    let lang = use_lang();
    let href = format!("/notifications/new/{}", disease.code);
    let deadline = match disease.deadline {
        Deadline::Immediately => ui::DEADLINE_IMMEDIATELY,
        Deadline::WithinSevenDays => ui::DEADLINE_SEVEN_DAYS,
    };
    view! {
        <li class="disease">
            <a class="disease-link" href=href>
                {move || disease.name.get(lang.get())}
            </a>
            <span class="disease-deadline">
                {move || disease.category.name().get(lang.get())} " · " {tr(deadline)}
            </span>
        </li>
    }
}

/// Every disease notifiable today, by legal category (一類 first), folded until asked for.
#[component]
fn AllDiseases(today: Date, show_all: RwSignal<bool>) -> impl IntoView {
    let lang = use_lang();
    let notifiable: Vec<&'static Disease> = catalog_on(today).collect();
    let count = notifiable.len().to_string();
    let mut categories: Vec<Category> = Vec::new();
    for disease in &notifiable {
        if !categories.contains(&disease.category) {
            categories.push(disease.category);
        }
    }
    let groups = categories
        .into_iter()
        .map(|category| {
            let items = notifiable
                .clone()
                .into_iter()
                .filter(|disease| disease.category == category)
                .map(|disease: &'static Disease| {
                    let href = format!("/notifications/new/{}", disease.code);
                    view! {
                        <li>
                            <a class="link" href=href>
                                {move || disease.name.get(lang.get())}
                            </a>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <h3 class="disease-category">{move || category.name().get(lang.get())}</h3>
                <ul class="disease-index">{items}</ul>
            }
        })
        .collect_view();
    view! {
        <details
            id="all-diseases"
            class="all-diseases"
            prop:open=move || show_all.get()
            on:toggle=move |ev| show_all.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
        >
            <summary>{move || fill(ui::ALL_DISEASES, lang.get(), &[("n", &count)])}</summary>
            {groups}
        </details>
    }
}
