//! 異常検知 (issue 15): the alarms of the account's areas (a health center's own, a 都道府県等's health
//! centers, the nation's), one alarm with its series chart, what method fired and the marking with its
//! history, and the detection configuration for national accounts. The home screen's link counts the
//! open alarms.

pub mod chart;
pub mod configuration;
pub mod detail;
pub mod texts;

use domain::alarms::AlarmStatus;
use domain::api::{AlarmList, AlarmSummary, Role};
use domain::i18n::Lang;
use domain::situation::Week;
use leptos::prelude::*;

use crate::api::Authed;
use crate::auth::Session;
use crate::components::failure::FailureAlert;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, tr, ui, use_lang};

pub use configuration::DetectionConfigurationPage;
pub use detail::AlarmPage;

/// A series' disease (`domain::alarms::disease_name`: a 全数 or sentinel disease, a 疑似症 series,
/// the earlier single 疑似症 series) in the display language, or its code: every alarm screen and the
/// week's summary name alarms with it.
pub fn disease_text(code: &str, lang: Lang) -> String {
    domain::alarms::disease_name(code).map_or_else(|| code.to_owned(), |name| name.get(lang).to_owned())
}

/// "2026年第48週", "2026 week 48".
pub fn week_text(week: Week, lang: Lang) -> String {
    fill(texts::WEEK_OF, lang, &[("year", &week.year.to_string()), ("week", &week.week.to_string())])
}

/// The method's name for its command-line name (`domain::alarms::method_name`), or the name itself.
pub fn method_text(method: &str, lang: Lang) -> String {
    domain::alarms::method_name(method).map_or_else(|| method.to_owned(), |name| name.get(lang).to_owned())
}

/// An upper bound as the screens show it: two decimals (the table of the chart too).
pub fn bound_text(bound: f64) -> String {
    format!("{bound:.2}")
}

/// The status as a badge.
#[component]
pub fn StatusBadge(status: AlarmStatus) -> impl IntoView {
    let class = format!("badge alarm-{}", <&str>::from(status));
    view! { <span class=class>{tr(status.label())}</span> }
}

/// Whether the role oversees areas that have alarms (`GET /alarms` answers it).
fn sees_alarms(role: Role) -> bool {
    matches!(role, Role::HealthCenterStaff | Role::PrefectureStaff | Role::NationalStaff)
}

/// Whether the role may read the detection configuration (national accounts).
fn reads_configuration(role: Role) -> bool {
    matches!(role, Role::NationalStaff | Role::NationalAdministrator)
}

/// The home screen's links: the alarms with how many are open, and for national accounts the
/// detection configuration.
#[component]
pub fn AlarmLinks(session: Session) -> impl IntoView {
    let role = session.me.role;
    let client = session.client;
    view! {
        {sees_alarms(role).then(|| view! { <OpenAlarmsLink client /> })}
        {reads_configuration(role)
            .then(|| {
                view! {
                    <p class="alarm-links">
                        <a class="link" href="/alarms/configuration">{tr(texts::CONFIGURATION_LINK)}</a>
                    </p>
                }
            })}
    }
}

#[component]
fn OpenAlarmsLink(client: Authed) -> impl IntoView {
    let lang = use_lang();
    let count = LocalResource::new(move || async move { client.open_alarm_count().await });
    let text = move || {
        let open = count.get().and_then(Result::ok).map_or_else(|| "…".to_owned(), |count| count.open.to_string());
        fill(texts::HOME_LINK, lang.get(), &[("n", &open)])
    };
    let has_open = move || count.get().and_then(Result::ok).is_some_and(|count| count.open > 0);
    view! {
        <p class="alarm-links">
            <a class="button button-secondary alarm-home-link" class:has-open=has_open href="/alarms">
                {text}
            </a>
        </p>
    }
}

/// `/alarms`: every alarm of the account's areas, open first.
#[component]
pub fn AlarmsPage(session: Session) -> impl IntoView {
    let client = session.client;
    let list = LocalResource::new(move || async move { client.alarms().await });
    view! {
        <PageTitle text=texts::LIST_TITLE />
        <h1>{tr(texts::LIST_TITLE)}</h1>
        <p class="lead">{tr(texts::LIST_INTRO)}</p>
        {move || match list.get() {
            None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
            Some(Err(failure)) => view! { <FailureAlert failure /> }.into_any(),
            Some(Ok(list)) => view! { <AlarmRows list /> }.into_any(),
        }}
        <p><a class="button button-secondary" href="/">{tr(ui::BACK_HOME)}</a></p>
    }
}

#[component]
fn AlarmRows(list: AlarmList) -> impl IntoView {
    let lang = use_lang();
    if list.alarms.is_empty() {
        return view! { <p class="hint">{tr(texts::LIST_NONE)}</p> }.into_any();
    }
    let open = list.open;
    let rows = list.alarms.into_iter().map(|alarm| view! { <AlarmRow alarm /> }).collect_view();
    view! {
        <p class="alarm-open-count">{move || fill(texts::OPEN_COUNT, lang.get(), &[("n", &open.to_string())])}</p>
        <ul class="alarm-list">{rows}</ul>
    }
    .into_any()
}

/// One alarm: what, where and when as the link; the status, the count against the bound, the method.
#[component]
fn AlarmRow(alarm: AlarmSummary) -> impl IntoView {
    let lang = use_lang();
    let href = format!("/alarms/{}", alarm.id);
    let AlarmSummary { disease, health_center, week, method, observed, upperbound, status, .. } = alarm;
    let heading = move || {
        fill(
            texts::ALARM_HEADING,
            lang.get(),
            &[
                ("disease", &disease_text(&disease, lang.get())),
                ("area", &health_center.name),
                ("week", &week_text(week, lang.get())),
            ],
        )
    };
    let figures = move || {
        fill(
            texts::COUNT_AGAINST_BOUND,
            lang.get(),
            &[("observed", &observed.to_string()), ("bound", &bound_text(upperbound))],
        )
    };
    view! {
        <li class="alarm-row">
            <a class="alarm-row-link" href=href>{heading}</a>
            <span class="alarm-row-facts">
                <StatusBadge status />
                " "
                <span>{figures}</span>
                " "
                <span class="alarm-row-method">{move || method_text(&method, lang.get())}</span>
            </span>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_are_named_as_the_package_names_them() {
        assert_eq!(method_text("ears-c2", Lang::En), "EARS C2");
        assert_eq!(method_text("farrington", Lang::Ja), "Farrington法（flexible）");
        assert_eq!(method_text("other", Lang::Ja), "other");
    }

    #[test]
    fn weeks_read_as_year_and_week() {
        assert_eq!(week_text(Week { year: 2026, week: 4 }, Lang::Ja), "2026年第4週");
        assert_eq!(week_text(Week { year: 2026, week: 4 }, Lang::En), "2026 week 4");
    }
}
