//! A table of records for administrators and user managers: it scrolls sideways on a phone rather
//! than squeezing its columns, or (class `card-table`) shows each row as a card there.
//!
//! On a phone (≤ 480 px) a card table's cells are laid out as blocks (style/main.css), which takes the
//! table's meaning away from screen readers in Chromium: the explicit roles here give it back, so that
//! each value is still read with its column's header.

use domain::i18n::Text;
use leptos::prelude::*;

use crate::i18n::{tr, ui};

/// `headings` name the columns (`None`: a column of buttons, named for screen readers only: a header
/// cell must not be empty); `children` are the rows (`<tr role="row">` of [`Cell`]s in a card table).
#[component]
pub fn ScrollTable(class: &'static str, headings: Vec<Option<Text>>, children: Children) -> impl IntoView {
    let headings = headings
        .into_iter()
        .map(|heading| match heading {
            Some(heading) => view! { <th scope="col" role="columnheader">{tr(heading)}</th> }.into_any(),
            None => view! {
                <th scope="col" role="columnheader">
                    <span class="visually-hidden">{tr(ui::ACTIONS_COLUMN)}</span>
                </th>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        // Focusable, so that a keyboard can scroll it (axe: scrollable-region-focusable).
        <div class="table-scroll" tabindex="0">
            <table class=class role="table">
                <thead role="rowgroup">
                    <tr role="row">{headings}</tr>
                </thead>
                <tbody role="rowgroup">{children()}</tbody>
            </table>
        </div>
    }
}

/// A cell of a card table. On a phone the card shows `label` (its column's name) before the value,
/// hidden from screen readers, which read the column header instead; a cell of buttons has none.
#[component]
pub fn Cell(#[prop(optional)] label: Option<Text>, children: Children) -> impl IntoView {
    let class = if label.is_some() { "cell-labelled" } else { "cell-actions" };
    view! {
        <td role="cell" class=class>
            {label.map(|label| view! { <span class="cell-label" aria-hidden="true">{tr(label)}</span> })}
            <span class="cell-value">{children()}</span>
        </td>
    }
}
