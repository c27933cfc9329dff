//! `/investigations`: the health center's day — the follow-up list of today's health observations
//! (fever or symptoms first, then who has not reported, then who ends today; the order is
//! `domain::investigation::sort_follow_up`'s, made by the server) and the cases, each to open; both
//! filtered by `domain::investigation::FollowUpFilter` (状態, disease, a name or case number), kept in
//! the address (`/investigations?attention=not_reported&disease=measles`).

use domain::api::{CaseSummary, FollowUpList, FollowUpRow, Role};
use domain::diseases::CATALOG;
use domain::i18n::Text;
use domain::investigation::{Attention, CaseStep, CaseWorkflow, FollowUpFilter};
use domain::jst::format_jst;
use domain::workflow::Workflow;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{case_status_text, period_text, texts, StatusBadge};
use crate::api::ApiFailure;
use crate::auth::Session;
use crate::components::failure::FailureAlert;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::pages::inbox::filters::{encode_component, FilterSelect};
use crate::pages::inbox::list::subject_name;

/// The way from a home to this screen, for the role that works on cases.
#[component]
pub fn InvestigationsLink(role: Role) -> impl IntoView {
    CaseWorkflow::taken_by(CaseStep::AddEntry, role).then(|| {
        view! { <a class="button button-secondary" href="/investigations">{tr(texts::HOME_LINK)}</a> }
    })
}

#[component]
pub fn FollowUpPage(session: Session) -> impl IntoView {
    let client = session.client;
    let query = use_query_map();
    let filter = Memo::new(move |_| query.with(|query| FollowUpFilter::from_query(|name| query.get(name))));
    let list = LocalResource::new(move || {
        let filter = filter.get();
        async move { client.follow_up(&filter).await }
    });
    let cases = LocalResource::new(move || client.cases());
    let shown_cases = move |cases: Vec<CaseSummary>| {
        let kept: Vec<CaseSummary> =
            filter.with(|filter| cases.into_iter().filter(|case| filter.keeps_case(case)).collect());
        view! { <Cases cases=kept /> }.into_any()
    };
    view! {
        <PageTitle text=texts::FOLLOW_UP_TITLE />
        {move || view! { <Filters current=filter.get() /> }}
        {move || loaded(list.get(), |list| view! { <FollowUp list filtered={!filter.with(FollowUpFilter::is_empty)} /> }.into_any())}
        <section aria-labelledby="cases-title">
            <h2 id="cases-title">{tr(texts::CASES)}</h2>
            {move || loaded(cases.get(), shown_cases)}
        </section>
        <p class="back"><a class="link" href="/">{tr(ui::BACK_HOME)}</a></p>
    }
}

const ATTENTIONS: [(Attention, Text); 5] = [
    (Attention::NeedsCall, texts::NEEDS_CALL),
    (Attention::Fever, texts::FEVER),
    (Attention::Symptoms, texts::HAS_SYMPTOMS),
    (Attention::NotReported, texts::NOT_REPORTED),
    (Attention::EndsToday, texts::ENDS_TODAY),
];

/// `/investigations` with `filter` in its query.
fn href(filter: &FollowUpFilter) -> String {
    let pairs: Vec<String> =
        filter.query_pairs().into_iter().map(|(name, value)| format!("{name}={}", encode_component(&value))).collect();
    if pairs.is_empty() {
        "/investigations".to_owned()
    } else {
        format!("/investigations?{}", pairs.join("&"))
    }
}

/// The filters (状態, disease, search), applied by going to the address that names them, so that
/// back, forward and reload keep them.
#[component]
fn Filters(current: FollowUpFilter) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let filtered = !current.is_empty();
    let attention = RwSignal::new(current.attention.map(|a| <&str>::from(a).to_owned()).unwrap_or_default());
    let disease = RwSignal::new(current.disease.clone().unwrap_or_default());
    let search = RwSignal::new(current.q.clone().unwrap_or_default());
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let chosen = FollowUpFilter::from_query(|name| match name {
            "attention" => Some(attention.get_untracked()),
            "disease" => Some(disease.get_untracked()),
            "q" => Some(search.get_untracked()),
            _ => None,
        });
        navigate(&href(&chosen), Default::default());
    };
    let attention_options = ATTENTIONS
        .into_iter()
        .map(|(value, text)| {
            let code: &'static str = value.into();
            view! { <option value=code selected=move || attention.get() == code>{tr(text)}</option> }
        })
        .collect_view();
    let disease_options = CATALOG
        .iter()
        .map(|entry| {
            let code = entry.code;
            view! {
                <option value=code selected=move || disease.get() == code>{move || entry.name.get(lang.get())}</option>
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
                <FilterSelect id="follow-up-attention" label=texts::FILTER_ATTENTION value=attention>{attention_options}</FilterSelect>
                <FilterSelect id="follow-up-disease" label=ui::DISEASE value=disease>{disease_options}</FilterSelect>
                <div class="field">
                    <label class="field-label" for="follow-up-search">{tr(texts::FILTER_SEARCH)}</label>
                    <input
                        id="follow-up-search"
                        type="search"
                        class="input"
                        prop:value=move || search.get()
                        on:input=move |ev| search.set(event_target_value(&ev))
                    />
                </div>
                <div class="filters-actions">
                    <button type="submit" class="button button-primary">{tr(ui::APPLY_FILTERS)}</button>
                    <a class="button button-text" href="/investigations">{tr(ui::CLEAR_FILTERS)}</a>
                </div>
            </form>
        </details>
    }
}

/// `page` with what was loaded; meanwhile "loading", and instead the failure.
fn loaded<T>(result: Option<Result<T, ApiFailure>>, page: impl FnOnce(T) -> AnyView) -> AnyView {
    match result {
        None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
        Some(Err(failure)) => view! { <FailureAlert failure /> }.into_any(),
        Some(Ok(loaded)) => page(loaded),
    }
}

#[component]
fn FollowUp(list: FollowUpList, filtered: bool) -> impl IntoView {
    let lang = use_lang();
    let date = list.date.to_string();
    let heading = move || fill(texts::FOLLOW_UP_HEADING, lang.get(), &[("date", &date)]);
    let rows = if list.rows.is_empty() {
        let none = if filtered { texts::FILTERED_NONE } else { texts::FOLLOW_UP_NONE };
        view! { <p class="empty">{tr(none)}</p> }.into_any()
    } else {
        let rows = list.rows.into_iter().map(|row| view! { <Row row /> }).collect_view();
        view! { <ul class="investigation-list follow-up">{rows}</ul> }.into_any()
    };
    view! {
        <h1>{heading}</h1>
        <p class="lead">{tr(texts::FOLLOW_UP_INTRO)}</p>
        {rows}
    }
}

/// One subject: why they need attention, when they last reported, their period.
#[component]
fn Row(row: FollowUpRow) -> impl IntoView {
    let lang = use_lang();
    let FollowUpRow { observation, last_reported_at, not_reported, fever, symptoms, ends_today } = row;
    let flags = [
        (fever, "fever", texts::FEVER),
        (symptoms, "symptoms", texts::HAS_SYMPTOMS),
        (not_reported, "not-reported", texts::NOT_REPORTED),
        (ends_today, "ends-today", texts::ENDS_TODAY),
    ]
    .into_iter()
    .filter(|(set, ..)| *set)
    .map(|(_, code, text)| view! { " " <StatusBadge code text /> })
    .collect_view();
    let last = move || match last_reported_at {
        Some(at) => fill(texts::LAST_REPORT, lang.get(), &[("at", &format_jst(at))]),
        None => texts::NEVER_REPORTED.get(lang.get()).to_owned(),
    };
    let (from, until, disease) = (observation.starts_on, observation.ends_on, observation.disease);
    view! {
        <li class="follow-up-row">
            <p class="row-heading">
                <a class="link" href=format!("/observations/{}", observation.id)>{observation.subject_name}</a>
                {flags}
            </p>
            <p class="row-meta">
                {move || subject_name(&disease, None, lang.get())}
                "　"
                {move || period_text(from, until, lang.get())}
            </p>
            <p class="row-meta">{last}</p>
        </li>
    }
}

#[component]
fn Cases(cases: Vec<CaseSummary>) -> impl IntoView {
    if cases.is_empty() {
        return view! { <p class="empty">{tr(texts::CASES_NONE)}</p> }.into_any();
    }
    let lang = use_lang();
    let rows = cases
        .into_iter()
        .map(|case| {
            let CaseSummary { id, case_number, disease, status, opened_at, contacts, .. } = case;
            let count = contacts.to_string();
            view! {
                <li class="investigation-case">
                    <p class="row-heading">
                        <a class="link" href=format!("/cases/{id}")>{case_number}</a>
                        " "
                        <StatusBadge code=status.into() text=case_status_text(status) />
                    </p>
                    <p class="row-meta">
                        {move || subject_name(&disease, None, lang.get())}
                        "　"
                        {move || fill(texts::CONTACT_COUNT, lang.get(), &[("n", &count)])}
                        "　"
                        {format_jst(opened_at)}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="investigation-list">{rows}</ul> }.into_any()
}
