//! A table of records for administrators and user managers: it scrolls sideways on a phone rather
//! than squeezing its columns.

use domain::i18n::Text;
use leptos::prelude::*;

use crate::i18n::{tr, ui};

/// `headings` name the columns (`None`: a column of buttons, named for screen readers only: a header
/// cell must not be empty); `children` are the rows.
#[component]
pub fn ScrollTable(class: &'static str, headings: Vec<Option<Text>>, children: Children) -> impl IntoView {
    let headings = headings
        .into_iter()
        .map(|heading| match heading {
            Some(heading) => view! { <th scope="col">{tr(heading)}</th> }.into_any(),
            None => view! {
                <th scope="col">
                    <span class="visually-hidden">{tr(ui::ACTIONS_COLUMN)}</span>
                </th>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        // Focusable, so that a keyboard can scroll it (axe: scrollable-region-focusable).
        <div class="table-scroll" tabindex="0">
            <table class=class>
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
