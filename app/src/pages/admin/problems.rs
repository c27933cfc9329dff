//! Every problem of a refused upload (`import_rejected`) in one table, by row and column as the
//! server named them: used by the bulk registration and the masters alike. A row whose institution is
//! missing from the master links to the screen that registers it, filled in from that row.

use domain::i18n::Text;
use domain::import::{ImportProblem, ImportProblemCode};
use leptos::prelude::*;

use crate::i18n::{fill, tr, ui, use_lang};

/// The problems under `summary` ("{n} problems, nothing was …").
#[component]
pub fn ProblemTable(problems: Vec<ImportProblem>, summary: Text) -> impl IntoView {
    let lang = use_lang();
    let count = problems.len().to_string();
    let rows = problems
        .into_iter()
        .map(|problem| {
            view! {
                <tr>
                    <td>{(problem.row > 0).then(|| problem.row.to_string())}</td>
                    <td>{problem.column.clone()}</td>
                    <td>
                        {problem.message.clone()}
                        {(problem.code == ImportProblemCode::InstitutionNotRegistered).then(|| {
                            let href = super::institution::registration_href(problem.row, problem.missing_institution.as_deref());
                            view! {
                                " "
                                <a class="link" href=href>{tr(super::texts::NAV_INSTITUTION)}</a>
                            }
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="alert alert-error" role="alert">
            <p>{move || fill(summary, lang.get(), &[("n", &count)])}</p>
        </div>
        <div class="table-scroll">
            <table class="problems">
                <thead>
                    <tr>
                        <th scope="col">{tr(ui::ROW)}</th>
                        <th scope="col">{tr(ui::COLUMN)}</th>
                        <th scope="col">{tr(ui::PROBLEM)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
