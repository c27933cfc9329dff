//! A notification's history (N-5): every step oldest first with who, when, where and the comment.

use domain::api::{HistoryEntry, WorkflowAction};
use domain::i18n::{Lang, Text};
use domain::jst::format_jst;
use leptos::prelude::*;

use crate::i18n::{fill, tr, ui, use_lang};

pub fn action_text(action: WorkflowAction) -> Text {
    match action {
        WorkflowAction::Received => ui::ACTION_RECEIVED,
        WorkflowAction::Returned => ui::ACTION_RETURNED,
        WorkflowAction::Accepted => ui::ACTION_ACCEPTED,
        WorkflowAction::Transferred => ui::ACTION_TRANSFERRED,
        WorkflowAction::Resubmitted => ui::ACTION_RESUBMITTED,
        WorkflowAction::Withdrawn => ui::ACTION_WITHDRAWN,
    }
}

/// A version's name as the paper forms say it: 初版, then 第2版, 第3版 …
pub fn revision_text(revision: u32, lang: Lang) -> String {
    if revision <= 1 {
        ui::FIRST_REVISION.get(lang).to_owned()
    } else {
        fill(ui::REVISION_N, lang, &[("n", &revision.to_string())])
    }
}

/// Where the step happened: the health center, and for a transfer where it went.
fn place(entry: &HistoryEntry, lang: Lang) -> String {
    match &entry.transferred_to {
        Some(to) => fill(ui::TRANSFERRED_FROM_TO, lang, &[("from", &entry.health_center.name), ("to", &to.name)]),
        None => entry.health_center.name.clone(),
    }
}

#[component]
pub fn History(history: Vec<HistoryEntry>) -> impl IntoView {
    let lang = use_lang();
    let steps = history
        .into_iter()
        .map(|entry| {
            let action = entry.action;
            // The version the step left: a resubmission of 初版 reads 第2版, not the 初版 it replaced.
            let revision = action.revision_after(entry.revision);
            let (at, actor, comment) = (entry.at, entry.actor.clone(), entry.comment.clone());
            let where_text = move || place(&entry, lang.get());
            view! {
                <li class="history-step">
                    <p class="history-heading">
                        <span class="history-action">{tr(action_text(action))}</span>
                        " "
                        <time class="history-time">{format_jst(at)}</time>
                    </p>
                    <dl class="history-facts">
                        <div>
                            <dt>{tr(ui::ACTOR)}</dt>
                            <dd>{actor}</dd>
                        </div>
                        <div>
                            <dt>{tr(ui::HEALTH_CENTER_NOW)}</dt>
                            <dd>{where_text}</dd>
                        </div>
                        <div>
                            <dt>{tr(ui::REVISION)}</dt>
                            <dd>{move || revision_text(revision, lang.get())}</dd>
                        </div>
                    </dl>
                    {comment.map(|comment| view! { <p class="history-comment">{comment}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card history" aria-labelledby="history-title">
            <h2 id="history-title">{tr(ui::HISTORY)}</h2>
            <ol class="history-steps">{steps}</ol>
        </section>
    }
}
