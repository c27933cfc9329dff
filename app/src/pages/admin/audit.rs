//! `/admin/audit` (P-2): the audit log of the sysadmin's jurisdiction (the national administrator's:
//! everything) searched by user, object, kind and days, a page at a time, newest first, with the hash
//! chain's verification state as the server found it for this page, and the same search as CSV.

use domain::api::{AuditChainState, AuditPage, AuditQuery, AuditRecord};
use domain::jst::format_jst;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::nav::AdminNav;
use super::texts;
use crate::api::audit_export_href;
use crate::auth::Session;
use crate::components::failure::FailureAlert;
use crate::components::page_title::PageTitle;
use crate::components::table::ScrollTable;
use crate::i18n::{fill, tr, ui, use_lang};

/// The actions the kind filter offers (the server records these names; `server/src/audit.rs`).
const KINDS: [&str; 18] = [
    "login",
    "second_factor",
    "lock",
    "password_change",
    "password_reset",
    "view_notification",
    "export_notifications",
    "submit_notification",
    "issue_account",
    "issue_staff_accounts",
    "register_institution",
    "download_credentials",
    "change_account",
    "suspend_account",
    "delete_account",
    "view_audit",
    "export_audit",
    "view_security",
];

#[component]
pub fn AuditLogPage(session: Session) -> impl IntoView {
    let client = session.client;
    // What was searched for, with the page's cursor; a new search starts at the newest.
    let query = RwSignal::new(AuditQuery::default());
    let page = LocalResource::new(move || {
        let query = query.get();
        async move { client.audit_page(&query).await }
    });
    view! {
        <PageTitle text=texts::AUDIT_TITLE />
        <AdminNav role=session.me.role />
        <section aria-labelledby="audit-title">
            <h1 id="audit-title">{tr(texts::AUDIT_TITLE)}</h1>
            <AuditFilters query />
            <Transition fallback=move || view! { <p class="status">{tr(ui::LOADING)}</p> }>
                {move || page.get().map(|result| match result {
                    Ok(found) => view! { <Found found query /> }.into_any(),
                    Err(failure) => view! { <FailureAlert failure /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn AuditFilters(query: RwSignal<AuditQuery>) -> impl IntoView {
    let fields = [
        ("user", texts::AUDIT_USER, "text"),
        ("object", texts::AUDIT_OBJECT, "text"),
        ("from", texts::AUDIT_FROM, "date"),
        ("to", texts::AUDIT_TO, "date"),
    ];
    let values = fields.map(|(name, label, kind)| (name, label, kind, RwSignal::new(String::new())));
    let kind = RwSignal::new(String::new());
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let typed = |index: usize| Some(values[index].3.get_untracked().trim().to_owned()).filter(|v| !v.is_empty());
        query.set(AuditQuery {
            user: typed(0),
            object: typed(1),
            kind: Some(kind.get_untracked()).filter(|kind| !kind.is_empty()),
            from: typed(2),
            to: typed(3),
            ..AuditQuery::default()
        });
    };
    let inputs = values
        .into_iter()
        .map(|(name, label, kind, value)| {
            let id = format!("audit-{name}");
            view! {
                <div class="field">
                    <label class="field-label" for=id.clone()>{tr(label)}</label>
                    <input id=id class="input" type=kind prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                </div>
            }
        })
        .collect_view();
    let kinds = KINDS.into_iter().map(|name| view! { <option value=name>{name}</option> }).collect_view();
    view! {
        <form class="form audit-filters" on:submit=on_submit>
            {inputs}
            <div class="field">
                <label class="field-label" for="audit-kind">{tr(texts::AUDIT_KIND)}</label>
                <select id="audit-kind" class="input" on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {kinds}
                </select>
            </div>
            <button class="button button-primary" type="submit">{tr(texts::AUDIT_SEARCH)}</button>
            " "
            <a class="button button-secondary" href=move || audit_export_href(&query.get()) download="">
                {tr(texts::AUDIT_EXPORT)}
            </a>
        </form>
    }
}

/// The chain's state, the records, and the way to the older ones.
#[component]
fn Found(found: AuditPage, query: RwSignal<AuditQuery>) -> impl IntoView {
    let next = found.next_before_seq;
    let paged = query.with_untracked(|query| query.before_seq.is_some());
    let older = move |_| query.update(|query| query.before_seq = next);
    let newest = move |_| query.update(|query| query.before_seq = None);
    view! {
        <ChainState chain=found.chain />
        {if found.records.is_empty() {
            view! { <p>{tr(texts::AUDIT_NONE)}</p> }.into_any()
        } else {
            view! { <RecordTable records=found.records /> }.into_any()
        }}
        <div class="actions">
            {paged.then(|| view! { <button class="button button-secondary" type="button" on:click=newest>{tr(texts::AUDIT_NEWEST)}</button> })}
            {next.is_some().then(|| view! { <button class="button button-secondary" type="button" on:click=older>{tr(texts::AUDIT_OLDER)}</button> })}
        </div>
    }
}

#[component]
fn ChainState(chain: AuditChainState) -> impl IntoView {
    let lang = use_lang();
    if chain.intact {
        let count = |value: Option<u64>| value.unwrap_or(0).to_string();
        let (records, checked, pending) = (count(chain.records), count(chain.page_checked), count(chain.pending));
        let head = chain.head_hash.unwrap_or_default();
        view! {
            <div class="alert alert-success chain-state" role="status">
                <p>{move || fill(texts::CHAIN_INTACT, lang.get(), &[("records", &records), ("checked", &checked), ("pending", &pending)])}</p>
                <p class="alert-detail">{tr(texts::CHAIN_HEAD)} "： " <code>{head}</code></p>
            </div>
        }
        .into_any()
    } else {
        let seq = chain.broken_at.map(|seq| seq.to_string()).unwrap_or_default();
        let problem = chain.problem.unwrap_or_default();
        view! {
            <div class="alert alert-error chain-state" role="alert">
                <p>{move || fill(texts::CHAIN_BROKEN, lang.get(), &[("seq", &seq), ("problem", &problem)])}</p>
            </div>
        }
        .into_any()
    }
}

#[component]
fn RecordTable(records: Vec<AuditRecord>) -> impl IntoView {
    let rows = records
        .into_iter()
        .map(|record| {
            let outcome = record.outcome.clone();
            view! {
                <tr class="audit-record" data-outcome=outcome>
                    <td>{record.seq}</td>
                    <td>{format_jst(record.at)}</td>
                    <td>{record.actor}</td>
                    <td>{record.action}</td>
                    <td class="audit-target">{record.target}</td>
                    <td>{record.client_address}</td>
                    <td>{record.outcome}</td>
                </tr>
            }
        })
        .collect_view();
    let headings = [
        texts::AUDIT_SEQ,
        texts::AUDIT_AT,
        ui::USER_ID,
        texts::AUDIT_KIND,
        texts::AUDIT_OBJECT,
        texts::AUDIT_ADDRESS,
        texts::AUDIT_OUTCOME,
    ];
    view! { <ScrollTable class="audit-records" headings=headings.into_iter().map(Some).collect()>{rows}</ScrollTable> }
}
