//! What changed between two versions of a notification's answers (`FormDefinition::changes`, the rule
//! in `domain`), as a table of items with the answer of each version: the filer's correction that met
//! a newer version, and the detail of a resubmitted notification (「再提出で変わった項目」).

use domain::api::PreviousVersion;
use domain::forms::{AnswerChange, Answers, FormDefinition};
use domain::i18n::Text;
use leptos::prelude::*;

use crate::components::table::{Cell, ScrollTable};
use crate::i18n::{fill, tr, ui, use_lang};
use crate::pages::inbox::detail::AnswerValue;
use crate::pages::inbox::history::revision_text;

/// One row per changed item, in the form's order: the item, its answer `before` and `after`.
#[component]
pub fn ChangesTable(changes: Vec<AnswerChange>, before: Text, after: Text) -> impl IntoView {
    let lang = use_lang();
    let rows = changes
        .into_iter()
        .map(|AnswerChange { field, before: old, after: new }| {
            view! {
                <tr role="row">
                    <th scope="row" role="rowheader">{move || field.label.get(lang.get())}</th>
                    <Cell label=before>
                        <AnswerValue field answer=old />
                    </Cell>
                    <Cell label=after>
                        <AnswerValue field answer=new />
                    </Cell>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollTable class="differences card-table" headings=vec![Some(ui::ITEM), Some(before), Some(after)]>
            {rows}
        </ScrollTable>
    }
}

/// The detail's 「再提出で変わった項目」: what the last resubmission changed against the version it
/// replaced (the returned one; `answers` are those of `revision`, the current one), for the health center checking it and the filer alike. Screen only: the
/// printed 発生届 is the current version.
#[component]
pub fn ChangedItems(
    form: &'static FormDefinition,
    previous: PreviousVersion,
    answers: Answers,
    revision: u32,
) -> impl IntoView {
    let lang = use_lang();
    let changes = form.changes(&previous.answers, &answers);
    let versions = move || {
        let (old, new) = (revision_text(previous.revision, lang.get()), revision_text(revision, lang.get()));
        fill(ui::CHANGED_ITEMS_INTRO, lang.get(), &[("before", &old), ("after", &new)])
    };
    let body = if changes.is_empty() {
        view! { <p>{tr(ui::NO_CHANGED_ITEMS)}</p> }.into_any()
    } else {
        view! { <ChangesTable changes before=ui::BEFORE_CHANGE after=ui::AFTER_CHANGE /> }.into_any()
    };
    view! {
        <section class="card changed-items no-print" aria-labelledby="changed-items-title">
            <h2 id="changed-items-title">{tr(ui::CHANGED_ITEMS_TITLE)}</h2>
            <p class="lead">{versions}</p>
            {body}
        </section>
    }
}
