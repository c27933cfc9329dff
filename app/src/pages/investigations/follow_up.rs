//! `/investigations`: the health center's day — the follow-up list of today's health observations
//! (fever or symptoms first, then who has not reported, then who ends today; the order is
//! `domain::investigation::sort_follow_up`'s, made by the server) and the cases, each to open.

use domain::api::{CaseSummary, FollowUpList, FollowUpRow, Role};
use domain::investigation::{CaseStep, CaseWorkflow};
use domain::jst::format_jst;
use domain::workflow::Workflow;
use leptos::prelude::*;

use super::{case_status_text, period_text, texts, StatusBadge};
use crate::api::ApiFailure;
use crate::auth::Session;
use crate::components::failure::FailureAlert;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, tr, ui, use_lang};
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
    let list = LocalResource::new(move || client.follow_up());
    let cases = LocalResource::new(move || client.cases());
    view! {
        <PageTitle text=texts::FOLLOW_UP_TITLE />
        {move || loaded(list.get(), |list| view! { <FollowUp list /> }.into_any())}
        <section aria-labelledby="cases-title">
            <h2 id="cases-title">{tr(texts::CASES)}</h2>
            {move || loaded(cases.get(), |cases| view! { <Cases cases /> }.into_any())}
        </section>
        <p class="back"><a class="link" href="/">{tr(ui::BACK_HOME)}</a></p>
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
fn FollowUp(list: FollowUpList) -> impl IntoView {
    let lang = use_lang();
    let date = list.date.to_string();
    let heading = move || fill(texts::FOLLOW_UP_HEADING, lang.get(), &[("date", &date)]);
    let rows = if list.rows.is_empty() {
        view! { <p class="empty">{tr(texts::FOLLOW_UP_NONE)}</p> }.into_any()
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
