//! "This week": the diseases that changed most against the week before and against the same week of
//! earlier years, the overdue notifications of the area, its health-center areas at 警報・注意報 in
//! the last whole sentinel week, and its open aberration alarms; the changes as CSV from the server.

use domain::api::{AlarmSummary, AreaAlert};
use domain::sentinel::IsoWeek;
use domain::situation::{DiseaseChange, WeekSpan, WeekSummary};
use leptos::prelude::*;

use super::texts;
use crate::api::CsvDownload;
use crate::components::download::CsvLinks;
use crate::i18n::{fill, tr, use_lang};
use crate::pages::sentinel::texts::alert_level;

/// How many diseases each list shows.
const SHOWN: usize = 5;

/// The diseases most above the same week of earlier years, highest first (only those above).
fn above_earlier_years(changes: &[DiseaseChange]) -> Vec<DiseaseChange> {
    let mut above: Vec<DiseaseChange> =
        changes.iter().filter(|change| change.against_earlier_years() > 0.0).cloned().collect();
    above.sort_by(|a, b| b.against_earlier_years().total_cmp(&a.against_earlier_years()));
    above.truncate(SHOWN);
    above
}

fn disease_name(code: &str) -> domain::i18n::Text {
    texts::disease_name(code, None)
}

#[component]
pub fn WeekView(summary: WeekSummary) -> impl IntoView {
    let lang = use_lang();
    let against_week_before = summary
        .changes
        .iter()
        .filter(|change| change.against_previous_week() != 0)
        .take(SHOWN)
        .map(|change| {
            let change = change.clone();
            let text = move || {
                fill(
                    texts::CHANGE_WEEK,
                    lang.get(),
                    &[
                        ("disease", disease_name(&change.disease).get(lang.get())),
                        ("now", &change.this_week.to_string()),
                        ("before", &change.previous_week.to_string()),
                        ("delta", &format!("{:+}", change.against_previous_week())),
                    ],
                )
            };
            view! { <li>{text}</li> }
        })
        .collect_view();
    let against_years = above_earlier_years(&summary.changes)
        .into_iter()
        .map(|change| {
            let text = move || {
                fill(
                    texts::CHANGE_YEARS,
                    lang.get(),
                    &[
                        ("disease", disease_name(&change.disease).get(lang.get())),
                        ("now", &change.this_week.to_string()),
                        ("mean", &format!("{:.1}", change.earlier_years)),
                    ],
                )
            };
            view! { <li>{text}</li> }
        })
        .collect_view();
    let alerts = view! { <AlertList week=summary.sentinel_week.clone() alerts=summary.alerts.clone() /> };
    let alarms = view! { <OpenAlarms alarms=summary.open_alarms.clone() /> };
    let file = CsvDownload::week(&summary);
    let overdue = summary.overdue;
    let overdue_class = if overdue > 0 { "alert alert-error" } else { "" };
    view! {
        <section class="situation-week" aria-labelledby="week-title">
            <h2 id="week-title">{tr(texts::WEEK_TITLE)}</h2>
            <p class="field-support">{move || fill(texts::WEEK_OF, lang.get(), &[("area", &summary.area.name), ("week", &format!("{}〜{}", summary.week.starts, summary.week.ends))])}</p>
            <p class=overdue_class>
                {move || fill(texts::OVERDUE, lang.get(), &[("n", &overdue.to_string())])}
            </p>
            <h3>{tr(texts::AGAINST_WEEK_BEFORE)}</h3>
            <ul class="week-changes">{against_week_before}</ul>
            <h3>{tr(texts::AGAINST_EARLIER_YEARS)}</h3>
            <ul class="week-changes">{against_years}</ul>
            <CsvLinks file />
            {alerts}
            {alarms}
        </section>
    }
}

/// The areas at 警報 or 注意報, each a link to its sentinel figures.
#[component]
fn AlertList(week: WeekSpan, alerts: Vec<AreaAlert>) -> impl IntoView {
    let lang = use_lang();
    let iso = IsoWeek::new(week.year, week.week);
    let heading =
        move || fill(texts::ALERTS_TITLE, lang.get(), &[("week", &format!("{}〜{}", week.starts, week.ends))]);
    let items = alerts
        .into_iter()
        .map(|alert| {
            let href = format!("/sentinel?health_center={}", alert.health_center.code);
            let text = move || {
                let lang = lang.get();
                fill(
                    texts::ALERT_ENTRY,
                    lang,
                    &[
                        ("area", &alert.health_center.name),
                        ("disease", texts::disease_name(&alert.disease, iso).get(lang)),
                        ("level", alert_level(alert.level).get(lang)),
                        ("rate", &format!("{:.2}", alert.rate)),
                    ],
                )
            };
            view! { <li class=format!("alert-{:?}", alert.level).to_ascii_lowercase()><a class="link" href=href>{text}</a></li> }
        })
        .collect::<Vec<_>>();
    let empty = items.is_empty();
    view! {
        <h3>{heading}</h3>
        {if empty {
            view! { <p>{tr(texts::NO_ALERTS)}</p> }.into_any()
        } else {
            view! { <ul class="week-alerts">{items}</ul> }.into_any()
        }}
    }
}

/// The open alarms: disease, area, week, count and the method's bound.
#[component]
fn OpenAlarms(alarms: Vec<AlarmSummary>) -> impl IntoView {
    let lang = use_lang();
    let count = alarms.len().to_string();
    let items = alarms
        .into_iter()
        .map(|alarm| {
            let text = move || {
                let lang = lang.get();
                fill(
                    texts::ALARM_ENTRY,
                    lang,
                    &[
                        ("area", &alarm.health_center.name),
                        ("disease", &crate::pages::alarms::disease_text(&alarm.disease, lang)),
                        ("year", &alarm.week.year.to_string()),
                        ("week", &alarm.week.week.to_string()),
                        ("observed", &alarm.observed.to_string()),
                        ("bound", &format!("{:.1}", alarm.upperbound)),
                    ],
                )
            };
            view! { <li>{text}</li> }
        })
        .collect_view();
    view! {
        <h3>{move || fill(texts::ALARMS_TITLE, lang.get(), &[("n", &count)])}</h3>
        <ul class="week-alarms">{items}</ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(disease: &str, this_week: u32, earlier_years: f64) -> DiseaseChange {
        DiseaseChange { disease: disease.into(), this_week, previous_week: 0, earlier_years }
    }

    #[test]
    fn only_diseases_above_earlier_years_are_listed_highest_first() {
        let listed = above_earlier_years(&[change("a", 1, 2.0), change("b", 3, 0.5), change("c", 4, 0.0)]);
        assert_eq!(listed.iter().map(|c| c.disease.as_str()).collect::<Vec<_>>(), ["c", "b"]);
    }
}
