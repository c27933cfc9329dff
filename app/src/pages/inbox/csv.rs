//! The CSV download under the inbox, for accounts with the 個票・CSVダウンロードフラグ: the
//! notifications of the filtered disease in UTF-8 or Shift_JIS, from `GET /notifications/export`.

use domain::api::NotificationFilter;
use leptos::prelude::*;

use crate::i18n::{tr, ui};
use crate::pages::inbox::filters::query_string;

/// The export's address for the current filter (the export needs a disease: its form gives the columns).
fn export_href(filter: &NotificationFilter, encoding: &str) -> Option<String> {
    filter.disease.as_ref()?;
    Some(format!("/api/v1/notifications/export?{}&encoding={encoding}", query_string(filter)))
}

#[component]
pub fn CsvDownload(filter: Signal<NotificationFilter>) -> impl IntoView {
    let links = move || {
        let filter = filter.get();
        match (export_href(&filter, "utf8"), export_href(&filter, "shift_jis")) {
            (Some(utf8), Some(shift_jis)) => view! {
                <ul class="filters-actions csv-links">
                    <li><a class="button button-secondary" href=utf8 download>{tr(ui::CSV_UTF8)}</a></li>
                    <li><a class="button button-secondary" href=shift_jis download>{tr(ui::CSV_SHIFT_JIS)}</a></li>
                </ul>
            }
            .into_any(),
            _ => view! { <p class="field-support">{tr(ui::CSV_NEEDS_DISEASE)}</p> }.into_any(),
        }
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
        assert_eq!(export_href(&filter, "utf8"), None);
        filter.disease = Some("tuberculosis".into());
        assert_eq!(
            export_href(&filter, "shift_jis").as_deref(),
            Some("/api/v1/notifications/export?disease=tuberculosis&status=received&encoding=shift_jis")
        );
    }
}
