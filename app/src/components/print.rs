//! The 印刷 button: opens the browser's print dialog for the page, which the print style sheet
//! (style/print.css) lays out on A4 like the paper form.

use leptos::prelude::*;

use crate::i18n::{tr, ui};

#[component]
pub fn PrintButton() -> impl IntoView {
    view! {
        <p class="print-action no-print">
            <button
                type="button"
                class="button button-secondary"
                on:click=move |_| {
                    // Printing is the browser's; if it refuses (no printer dialog), nothing else happens.
                    let _ = window().print();
                }
            >
                {tr(ui::PRINT)}
            </button>
        </p>
    }
}
