//! Who filed a notification, as the 発生届 names them: the doctor (for an animal report the veterinarian)
//! and the institution (動物診療施設) with its address and telephone, as kept at filing time. On screen
//! and on paper alike.

use domain::api::Filer;
use domain::i18n::Text;
use leptos::prelude::*;

use crate::i18n::{tr, ui};

/// The filer's particulars; `filer` is `None` for notifications filed before todoke kept them: the
/// institution is then the one the notification was filed from (`institution_now`, its name now), the
/// rest reads 「記録なし」. `login` is the filer's user ID.
#[component]
pub fn FilerFacts(filer: Option<Filer>, institution_now: String, login: String, animal_report: bool) -> impl IntoView {
    let (heading, name, institution) = if animal_report {
        (ui::FILING_VETERINARIAN, ui::VETERINARIAN_NAME, ui::VETERINARIAN_INSTITUTION)
    } else {
        (ui::FILING_DOCTOR, ui::DOCTOR_NAME, ui::DOCTOR_INSTITUTION)
    };
    let rows: [(Text, Option<String>); 4] = match filer {
        Some(filer) => [
            (name, Some(filer.name)),
            (institution, Some(filer.institution)),
            (ui::FILER_ADDRESS, Some(filer.address)),
            (ui::FILER_PHONE, Some(filer.phone)),
        ],
        None => {
            [(name, None), (institution, Some(institution_now)), (ui::FILER_ADDRESS, None), (ui::FILER_PHONE, None)]
        }
    };
    let rows = rows
        .into_iter()
        .map(|(label, value)| {
            // An item the master left empty is as unknown as one never kept.
            let value = value.filter(|value| !value.trim().is_empty());
            view! {
                <div class="fact">
                    <dt>{tr(label)}</dt>
                    <dd>{value.map_or_else(|| tr(ui::NOT_RECORDED).into_any(), |value| value.into_any())}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="detail-filer-title">
            <h2 id="detail-filer-title">{tr(heading)}</h2>
            <dl class="facts">
                {rows}
                <div class="fact no-print">
                    <dt>{tr(ui::FILED_BY)}</dt>
                    <dd>{login}</dd>
                </div>
            </dl>
        </section>
    }
}
