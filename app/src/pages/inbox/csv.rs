//! The CSV download under the inbox, for accounts with the 個票・CSVダウンロードフラグ: the
//! notifications of the filtered disease in UTF-8 or Shift_JIS, from `GET /notifications/export`,
//! and the veterinarians' reports of that disease (N-7), one file per animal (each has its form).

use domain::animal_reports::{self, AnimalReport};
use domain::api::NotificationFilter;
use leptos::prelude::*;

use crate::i18n::{fill, tr, ui, use_lang};
use crate::pages::inbox::filters::query_string;

/// The export's address for the current filter (the export needs a disease: its form gives the
/// columns), of the human notifications or, with `animal_report`, of that pair's reports.
fn export_href(filter: &NotificationFilter, animal_report: Option<&str>, encoding: &str) -> Option<String> {
    filter.disease.as_ref()?;
    let report = animal_report.map(|code| format!("&animal_report={code}")).unwrap_or_default();
    Some(format!("/api/v1/notifications/export?{}{report}&encoding={encoding}", query_string(filter)))
}

/// The disease × animal pairs of the filtered disease.
fn animal_reports_of(filter: &NotificationFilter) -> Vec<&'static AnimalReport> {
    let disease = filter.disease.as_deref().unwrap_or_default();
    animal_reports::CATALOG.iter().filter(|report| report.disease_code == disease).collect()
}

#[component]
pub fn CsvDownload(filter: Signal<NotificationFilter>) -> impl IntoView {
    let lang = use_lang();
    let links = move || {
        let filter = filter.get();
        let (Some(utf8), Some(shift_jis)) =
            (export_href(&filter, None, "utf8"), export_href(&filter, None, "shift_jis"))
        else {
            return view! { <p class="field-support">{tr(ui::CSV_NEEDS_DISEASE)}</p> }.into_any();
        };
        let animal_links = animal_reports_of(&filter)
            .into_iter()
            .map(|report| {
                let name = move || {
                    let lang = lang.get();
                    fill(ui::CSV_ANIMAL_REPORT, lang, &[("disease", report.disease.get(lang)), ("animal", report.animal.get(lang))])
                };
                let href = |encoding| export_href(&filter, Some(report.code), encoding);
                view! {
                    <li>
                        <a class="button button-secondary" href=href("utf8") download>{name} " " {tr(ui::CSV_UTF8)}</a>
                    </li>
                    <li>
                        <a class="button button-secondary" href=href("shift_jis") download>{name} " " {tr(ui::CSV_SHIFT_JIS)}</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <ul class="filters-actions csv-links">
                <li><a class="button button-secondary" href=utf8 download>{tr(ui::CSV_UTF8)}</a></li>
                <li><a class="button button-secondary" href=shift_jis download>{tr(ui::CSV_SHIFT_JIS)}</a></li>
                {animal_links}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="csv-download" aria-labelledby="csv-title">
            <h2 id="csv-title">{tr(ui::CSV_TITLE)}</h2>
            {links}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::api::NotificationStatus;

    #[test]
    fn the_export_follows_the_inbox_filter_and_needs_a_disease() {
        let mut filter = NotificationFilter { status: Some(NotificationStatus::Received), ..Default::default() };
        assert_eq!(export_href(&filter, None, "utf8"), None);
        filter.disease = Some("tuberculosis".into());
        assert_eq!(
            export_href(&filter, None, "shift_jis").as_deref(),
            Some("/api/v1/notifications/export?disease=tuberculosis&status=received&encoding=shift_jis")
        );
    }

    #[test]
    fn a_disease_that_animals_carry_offers_one_export_per_animal() {
        let filter = NotificationFilter { disease: Some("tuberculosis".into()), ..Default::default() };
        let codes: Vec<&str> = animal_reports_of(&filter).iter().map(|report| report.code).collect();
        assert_eq!(codes, ["tuberculosis_monkey"]);
        assert_eq!(
            export_href(&filter, Some("tuberculosis_monkey"), "utf8").as_deref(),
            Some("/api/v1/notifications/export?disease=tuberculosis&animal_report=tuberculosis_monkey&encoding=utf8")
        );
        let measles = NotificationFilter { disease: Some("measles".into()), ..Default::default() };
        assert!(animal_reports_of(&measles).is_empty());
    }
}
