//! `/situation`: the situation at a glance for health centers, 都道府県等 and national staff
//! (issue 16). The curve's choices (disease, date, division, year, area) are kept in the address,
//! so back, forward and reload keep them and an area's link opens its curve.

mod curve;
mod map;
mod report;
mod report_sentinel;
mod texts;
mod week;

pub use report::{PublishedReportPage, WeeklyReportPage};
pub use texts::HOME_LINK;

use domain::diseases::{catalog_on, find};
use domain::situation::{AreaChoice, CurveQuery, DateBasis, Stacking};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::curve_pairs;
use crate::auth::Session;
use crate::components::failure::FailureAlert;
use crate::components::page_title::PageTitle;
use crate::i18n::{tr, ui, use_lang};
use curve::CurveView;
use map::{is_not_visible, MapSection};
use week::WeekView;

/// The page's choices as its address holds them: the curve's, and whose figures.
#[derive(Debug, Clone, Default, PartialEq)]
struct Address {
    curve: CurveQuery,
    area: AreaChoice,
}

/// The address's choices; values the page does not know are left out.
fn query_from(get: impl Fn(&str) -> Option<String>) -> Address {
    let basis = get("basis").and_then(|value| DateBasis::ALL.into_iter().find(|basis| basis.key() == value));
    let stack = get("stack").and_then(|value| Stacking::ALL.into_iter().find(|stack| stack.key() == value));
    let curve = CurveQuery {
        disease: get("disease").filter(|code| find(code).is_some()),
        basis: basis.unwrap_or_default(),
        stack: stack.unwrap_or_default(),
        year: get("year").and_then(|year| year.parse().ok()),
    };
    let area = AreaChoice {
        jurisdiction: get("jurisdiction").filter(|code| !code.is_empty()),
        health_center: get("health_center").filter(|code| !code.is_empty()),
    };
    Address { curve, area }
}

/// The page's address for its choices.
fn href_of(address: &Address) -> String {
    let pairs: Vec<String> =
        curve_pairs(&address.curve, &address.area).into_iter().map(|(name, value)| format!("{name}={value}")).collect();
    format!("/situation?{}", pairs.join("&"))
}

/// The prefecture first shown under the map: the account's own (a health center's or 都道府県等's
/// code begins with its prefecture's two digits); none for national staff.
fn own_prefecture(session: &Session) -> Option<String> {
    match session.me.role {
        domain::api::Role::HealthCenterStaff | domain::api::Role::PrefectureStaff => {
            session.me.organization.code.get(..2).map(str::to_owned)
        }
        _ => None,
    }
}

/// 都道府県等 and national staff write the weekly report (`access::report_scope` on the server).
fn writes_reports(session: &Session) -> bool {
    matches!(session.me.role, domain::api::Role::PrefectureStaff | domain::api::Role::NationalStaff)
}

#[component]
pub fn SituationPage(session: Session) -> impl IntoView {
    let address = use_query_map();
    let query = Memo::new(move |_| address.with(|params| query_from(|name| params.get(name))));
    let client = session.client;
    let curve = LocalResource::new(move || {
        let Address { curve, area } = query.get();
        async move { client.epidemic_curve(&curve, &area).await }
    });
    let week = LocalResource::new(move || {
        let area = query.get().area;
        async move { client.situation_week(&area).await }
    });
    let disease = Signal::derive(move || query.get().curve.disease);
    let chosen = RwSignal::new(own_prefecture(&session));
    let whole_scope = move || {
        let current = query.get();
        (current.area != AreaChoice::default()).then(|| {
            let href = href_of(&Address { area: AreaChoice::default(), ..current });
            view! { <p><a class="link" href=href>{tr(texts::WHOLE_SCOPE)}</a></p> }
        })
    };
    view! {
        <PageTitle text=texts::TITLE />
        <h1>{tr(texts::TITLE)}</h1>
        {writes_reports(&session).then(|| view! {
            <p><a class="button button-secondary" href="/situation/report">{tr(texts::REPORT_LINK)}</a></p>
        })}
        {move || match week.get() {
            Some(Ok(summary)) => view! { <WeekView summary /> }.into_any(),
            // The curve below says why (not visible, or the failure).
            _ => ().into_any(),
        }}
        <section class="situation-curve" aria-labelledby="curve-title">
            <h2 id="curve-title">{tr(texts::CURVE_TITLE)}</h2>
            <CurveChoices query />
            {whole_scope}
            {move || match curve.get() {
                None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
                Some(Err(failure)) if is_not_visible(&failure) => {
                    view! { <p class="alert alert-info" role="status">{tr(texts::AREA_NOT_VISIBLE)}</p> }.into_any()
                }
                Some(Err(failure)) => view! { <FailureAlert failure /> }.into_any(),
                Some(Ok(curve)) => view! { <CurveView curve /> }.into_any(),
            }}
        </section>
        <MapSection client disease chosen />
        <p class="back no-print"><a class="link" href="/">{tr(ui::BACK_HOME)}</a></p>
    }
}

/// Disease, date basis, division and year; a change opens the address of the new choice.
#[component]
fn CurveChoices(query: Memo<Address>) -> impl IntoView {
    let lang = use_lang();
    let navigate = use_navigate();
    let change = move |update: Box<dyn Fn(&mut CurveQuery)>| {
        let mut next = query.get_untracked();
        update(&mut next.curve);
        navigate(&href_of(&next), Default::default());
    };
    let today = domain::jst::date_in_japan(time::OffsetDateTime::now_utc());
    let diseases = catalog_on(today)
        .map(|disease| {
            let code = disease.code;
            view! {
                <option value=code selected=move || query.get().curve.disease.as_deref() == Some(code)>
                    {move || disease.name.get(lang.get())}
                </option>
            }
        })
        .collect_view();
    let bases = DateBasis::ALL
        .into_iter()
        .map(|basis| view! { <option value=basis.key() selected=move || query.get().curve.basis == basis>{tr(basis.label())}</option> })
        .collect_view();
    let stacks = Stacking::ALL
        .into_iter()
        .map(|stack| view! { <option value=stack.key() selected=move || query.get().curve.stack == stack>{tr(stack.label())}</option> })
        .collect_view();
    let this_year = domain::situation::Week::of(today).year;
    let years = (this_year - 5..=this_year)
        .rev()
        .map(|year| {
            let selected = move || query.get().curve.year.unwrap_or(this_year) == year;
            view! { <option value=year.to_string() selected=selected>{year}</option> }
        })
        .collect_view();
    let on_disease = {
        let change = change.clone();
        move |event| {
            let value = event_target_value(&event);
            change(Box::new(move |next| next.disease = Some(value.clone()).filter(|code| !code.is_empty())));
        }
    };
    let on_basis = {
        let change = change.clone();
        move |event| {
            let value = event_target_value(&event);
            let basis = DateBasis::ALL.into_iter().find(|basis| basis.key() == value).unwrap_or_default();
            change(Box::new(move |next| next.basis = basis));
        }
    };
    let on_stack = {
        let change = change.clone();
        move |event| {
            let value = event_target_value(&event);
            let stack = Stacking::ALL.into_iter().find(|stack| stack.key() == value).unwrap_or_default();
            change(Box::new(move |next| next.stack = stack));
        }
    };
    let on_year = move |event| {
        let year = event_target_value(&event).parse().ok();
        change(Box::new(move |next| next.year = year));
    };
    view! {
        <div class="curve-choices">
            <div class="field">
                <label class="field-label" for="curve-disease">{tr(texts::DISEASE)}</label>
                <select id="curve-disease" class="select" on:change=on_disease>
                    <option value="" selected=move || query.get().curve.disease.is_none()>{tr(texts::ALL_DISEASES)}</option>
                    {diseases}
                </select>
            </div>
            <div class="field">
                <label class="field-label" for="curve-basis">{tr(texts::BASIS)}</label>
                <select id="curve-basis" class="select" on:change=on_basis>{bases}</select>
            </div>
            <div class="field">
                <label class="field-label" for="curve-stack">{tr(texts::STACK)}</label>
                <select id="curve-stack" class="select" on:change=on_stack>{stacks}</select>
            </div>
            <div class="field">
                <label class="field-label" for="curve-year">{tr(texts::YEAR)}</label>
                <select id="curve-year" class="select" on:change=on_year>{years}</select>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_round_trips_the_curve_query_and_drops_what_it_does_not_know() {
        let query = Address {
            curve: CurveQuery {
                disease: Some("measles".into()),
                basis: DateBasis::Onset,
                stack: Stacking::Category,
                year: Some(2025),
            },
            area: AreaChoice { jurisdiction: None, health_center: Some("9901".into()) },
        };
        let href = href_of(&query);
        assert_eq!(href, "/situation?disease=measles&basis=onset&stack=category&year=2025&health_center=9901");
        let pairs: Vec<(String, String)> = href
            .trim_start_matches("/situation?")
            .split('&')
            .filter_map(|pair| pair.split_once('=').map(|(name, value)| (name.to_owned(), value.to_owned())))
            .collect();
        let read = query_from(|name| pairs.iter().find(|(known, _)| known == name).map(|(_, value)| value.clone()));
        assert_eq!(read, query);
        let odd = query_from(|name| match name {
            "disease" => Some("nothing".into()),
            "basis" => Some("tomorrow".into()),
            _ => None,
        });
        assert_eq!(odd, Address::default());
    }
}
