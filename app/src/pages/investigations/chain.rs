//! `/cases/:id/chain`: the chain of transmission of the case's cluster as an SVG tree, drawn from the
//! case/contact links (`domain::investigation::chain_rows`): the first case at the top left, each
//! case's contacts one step in, and under a contact the case it became. One row per person at a fixed
//! size, so that it stays legible on a tablet or a phone (wider chains scroll inside their frame);
//! the same rows follow as a list of links, the figure's text alternative.

use domain::api::TransmissionChain;
use domain::investigation::{chain_rows, ChainNode, ChainRow};
use leptos::prelude::*;

use super::{case_status_text, contact_status_text, load_in_path, texts, StatusBadge, WhenShown};
use crate::auth::Session;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, tr, use_lang};

const ROW: f64 = 40.0;
const INDENT: f64 = 28.0;
const PAD: f64 = 12.0;
/// Room for a row's text (a contact number and a name at 14 px).
const TEXT_WIDTH: f64 = 330.0;

#[component]
pub fn ChainPage(session: Session) -> impl IntoView {
    let client = session.client;
    let (shown, _) = load_in_path(move |id| client.chain(id));
    let page = move |chain: TransmissionChain| view! { <Chain chain /> }.into_any();
    view! {
        <PageTitle text=texts::CHAIN_TITLE />
        <h1>{tr(texts::CHAIN_TITLE)}</h1>
        <p class="lead">{tr(texts::CHAIN_INTRO)}</p>
        <WhenShown shown page />
        <p class="back"><a class="link" href="/investigations">{tr(texts::FOLLOW_UP_TITLE)}</a></p>
    }
}

#[component]
fn Chain(chain: TransmissionChain) -> impl IntoView {
    let lang = use_lang();
    let rows = chain_rows(&chain);
    let depth = rows.iter().map(|row| row.depth).max().unwrap_or(0);
    let width = PAD * 2.0 + depth as f64 * INDENT + TEXT_WIDTH;
    let height = rows.len() as f64 * ROW;
    let cases = chain.cases.len().to_string();
    let contacts = chain.contacts.len().to_string();
    let summary = move || fill(texts::CHAIN_SUMMARY, lang.get(), &[("cases", &cases), ("contacts", &contacts)]);
    let (said, region) = (summary.clone(), summary.clone());
    let edges = rows.iter().enumerate().filter_map(|(index, row)| edge(&rows, index, row)).collect_view();
    let nodes = rows.iter().enumerate().map(|(index, row)| node(index, row)).collect_view();
    view! {
        <p>{said}</p>
        <figure class="chain">
            // Focusable, so that a keyboard scrolls a chain wider than the screen.
            <div class="chain-frame" tabindex="0" role="region" aria-label=region>
                <svg
                    class="chain-graph"
                    width=width
                    height=height
                    viewBox=format!("0 0 {width} {height}")
                    role="img"
                    aria-label=summary
                >
                    <g class="chain-edges">{edges}</g>
                    {nodes}
                </svg>
            </div>
            <figcaption class="field-support">{tr(texts::CHAIN_LEGEND)}</figcaption>
        </figure>
        <ChainList rows />
    }
}

fn x_of(row: &ChainRow) -> f64 {
    PAD + row.depth as f64 * INDENT + 7.0
}

fn y_of(index: usize) -> f64 {
    index as f64 * ROW + ROW / 2.0
}

/// The elbow from the row's parent down to it.
fn edge(rows: &[ChainRow], index: usize, row: &ChainRow) -> Option<impl IntoView> {
    let parent = row.parent?;
    let from = rows.get(parent)?;
    let became = matches!(row.node, ChainNode::Case { .. });
    let path = format!("M {} {} V {} H {}", x_of(from), y_of(parent) + 7.0, y_of(index), x_of(row) - 8.0);
    Some(view! { <path d=path class={if became { "chain-edge chain-edge-became" } else { "chain-edge" }} /> })
}

/// A case as a square, a contact as a circle, coloured by status, with its number and name.
fn node(index: usize, row: &ChainRow) -> impl IntoView {
    let (x, y) = (x_of(row), y_of(index));
    let (mark, label, class) = match &row.node {
        ChainNode::Case { case_number, subject_name, status, .. } => {
            let code: &'static str = status.into();
            let mark = view! { <rect x={x - 7.0} y={y - 7.0} width="14" height="14" /> }.into_any();
            (mark, format!("{case_number}　{subject_name}"), format!("chain-node chain-case chain-{code}"))
        }
        ChainNode::Contact { contact_number, name, status, .. } => {
            let code: &'static str = status.into();
            let mark = view! { <circle cx=x cy=y r="6" /> }.into_any();
            let number = contact_number.rsplit('-').next().unwrap_or(contact_number);
            (mark, format!("{number}　{name}"), format!("chain-node chain-contact chain-{code}"))
        }
    };
    view! {
        <g class=class>
            {mark}
            <text x={x + 14.0} y={y + 5.0}>{label}</text>
        </g>
    }
}

/// The rows as a nested-looking list of links: the figure's text alternative, and the way to each case.
#[component]
fn ChainList(rows: Vec<ChainRow>) -> impl IntoView {
    let items = rows
        .into_iter()
        .map(|row| {
            let indent = format!("chain-depth-{}", row.depth.min(8));
            let content = match row.node {
                ChainNode::Case { id, case_number, subject_name, status } => view! {
                    <a class="link" href=format!("/cases/{id}")>{case_number}</a>
                    " "{subject_name}" "
                    <StatusBadge code=status.into() text=case_status_text(status) />
                }
                .into_any(),
                ChainNode::Contact { contact_number, name, status, .. } => view! {
                    {contact_number}" "{name}" "
                    <StatusBadge code=status.into() text=contact_status_text(status) />
                }
                .into_any(),
            };
            view! { <li class=indent>{content}</li> }
        })
        .collect_view();
    view! {
        <details class="chain-list">
            <summary>{tr(texts::CHAIN_AS_LIST)}</summary>
            <ul class="investigation-list">{items}</ul>
        </details>
    }
}
