//! A table of records for administrators and user managers: it scrolls sideways on a phone rather
//! than squeezing its columns.

use domain::i18n::Text;
use leptos::prelude::*;

use crate::i18n::tr;

/// `headings` name the columns (`None`: a column of buttons); `children` are the rows.
#[component]
pub fn ScrollTable(class: &'static str, headings: Vec<Option<Text>>, children: Children) -> impl IntoView {
    let headings = headings.into_iter().map(|heading| view! { <th scope="col">{heading.map(tr)}</th> }).collect_view();
    view! {
        <div class="table-scroll">
            <table class=class>
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
