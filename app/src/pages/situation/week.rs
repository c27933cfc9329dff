//! "This week": the diseases that changed most against the week before and against the same week of
//! earlier years, and the overdue notifications of the area. (Sentinel alert levels and aberration
//! alarms, issues 14 and 15, are to be shown here once the server reports them.)

use domain::situation::{DiseaseChange, WeekSummary};
use leptos::prelude::*;

use super::texts;
use crate::i18n::{fill, tr, use_lang};

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
    domain::diseases::find(code)
        .map_or(domain::i18n::Text::new("不明な疾患", "Unknown disease"), |disease| disease.name)
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
        </section>
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
