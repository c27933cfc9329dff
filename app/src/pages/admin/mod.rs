//! アカウント管理 for sysadmins and supervisors: upload the application form, see
//! every problem of a refused file in a table, save the one-time CSV of IDs and initial passwords,
//! find an account of the jurisdiction (its lifecycle is `account.rs`), and follow each user's
//! account letter, resending one that failed; decide the requests of institutions' user
//! managers (A-6, `requests`). The national administrator's masters are `masters.rs`. Issue 20's
//! operator screens, each its own page reached from the menu (`nav`): staff issuance (`staff`),
//! institutions missing from the master (`institution`, A-5), the audit log (`audit`, P-2) and the
//! security view (`security`, P-3).

pub mod account;
mod accounts;
pub mod audit;
pub mod institution;
pub mod masters;
pub mod nav;
mod problems;
mod requests;
pub mod security;
pub mod staff;
pub(crate) mod texts;
mod upload;

pub use accounts::role_text;

use domain::api::{IssuedBatch, LetterState, LetterStatus};
use leptos::ev::SubmitEvent;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::{ApiFailure, Authed};
use crate::auth::Session;
use crate::components::download::save_csv;
use crate::components::failure::FailureAlert;
use crate::components::page_title::PageTitle;
use crate::components::table::{Cell, ScrollTable};
use crate::i18n::{fill, tr, ui, use_lang};
use crate::pages::admin::accounts::{account_href, AccountList};
use crate::pages::admin::upload::{start_upload, Upload, UploadRefusal, UploadStatus};

#[component]
pub fn AdminHome(session: Session) -> impl IntoView {
    let client = session.client;
    // Bumped after an issuance or a resend, so that the letters and the accounts are read again.
    let letters_changed = RwSignal::new(0u32);
    view! {
        <PageTitle text=ui::ADMIN_TITLE />
        <nav::AdminNav role=session.me.role />
        <section aria-labelledby="bulk-title">
            <h1 id="bulk-title">{tr(ui::BULK_TITLE)}</h1>
            <BulkRegistration client letters_changed />
        </section>
        <section aria-labelledby="requests-title">
            <h2 id="requests-title">{tr(ui::REVIEW_TITLE)}</h2>
            <requests::Requests client letters_changed />
        </section>
        <section aria-labelledby="accounts-title">
            <h2 id="accounts-title">{tr(ui::ACCOUNTS_TITLE)}</h2>
            <AccountList client changed=letters_changed />
        </section>
        <section aria-labelledby="letters-title">
            <h2 id="letters-title">{tr(ui::LETTERS_TITLE)}</h2>
            <Letters client letters_changed />
        </section>
    }
}

#[component]
fn BulkRegistration(client: Authed, letters_changed: RwSignal<u32>) -> impl IntoView {
    let file_input = NodeRef::<html::Input>::new();
    let upload = RwSignal::new(Upload::<IssuedBatch>::Idle);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let Some(file) = file_input.get().and_then(|input| input.files()).and_then(|files| files.get(0)) else {
            return;
        };
        start_upload(upload, move |on_progress| async move {
            let issued = client.upload_applications(file, on_progress).await;
            if issued.is_ok() {
                letters_changed.update(|n| *n += 1);
            }
            issued
        });
    };
    view! {
        <form class="card" on:submit=on_submit>
            <p>{tr(ui::BULK_HELP)}</p>
            <div class="field">
                <label class="field-label" for="form-file">{tr(ui::FORM_FILE)}</label>
                <input id="form-file" class="input" type="file" accept=".xlsx,.csv,text/csv" node_ref=file_input required />
            </div>
            <button class="button" type="submit" disabled=move || upload.with(Upload::is_sending)>
                {tr(ui::REGISTER)}
            </button>
            <UploadStatus state=upload />
        </form>
        {move || match upload.get() {
            Upload::Idle | Upload::Sending(_) => ().into_any(),
            Upload::Refused(failure) => view! { <UploadRefusal failure summary=ui::PROBLEMS_FOUND /> }.into_any(),
            Upload::Done(batch) => {
                view! { <Issued client batch_id=batch.batch_id count=batch.accounts.len() /> }.into_any()
            }
        }}
    }
}

/// How many accounts a batch issued, and the one download of their initial passwords.
#[component]
fn Issued(client: Authed, batch_id: Uuid, count: usize) -> impl IntoView {
    let lang = use_lang();
    let count = count.to_string();
    let download = RwSignal::new(None::<Result<(), ApiFailure>>);
    let on_download = move |_| {
        spawn_local(async move {
            let saved = client
                .download_credentials(batch_id)
                .await
                .map(|csv| save_csv(&csv, &format!("initial-passwords-{batch_id}.csv")));
            download.set(Some(saved));
        });
    };
    view! {
        <div class="alert alert-success" role="status">
            <p>{move || fill(ui::ISSUED, lang.get(), &[("n", &count)])}</p>
        </div>
        {move || match download.get() {
            None => view! {
                <button class="button" type="button" on:click=on_download>{tr(ui::DOWNLOAD_ONCE)}</button>
            }
            .into_any(),
            Some(Ok(())) => view! { <p class="alert alert-info" role="status">{tr(ui::DOWNLOADED)}</p> }.into_any(),
            Some(Err(failure)) => view! { <FailureAlert failure /> }.into_any(),
        }}
    }
}

/// Each user's letter: sent, waiting, or failed and why, with the way to a resend (on the account's
/// page, where it is confirmed first: it replaces the initial password).
#[component]
fn Letters(client: Authed, letters_changed: RwSignal<u32>) -> impl IntoView {
    let letters = LocalResource::new(move || {
        letters_changed.track();
        async move { client.letters().await }
    });
    view! {
        <button class="button button-secondary" type="button" on:click=move |_| letters_changed.update(|n| *n += 1)>
            {tr(ui::RELOAD)}
        </button>
        <Transition fallback=move || view! { <p>{tr(ui::LOADING)}</p> }>
            {move || letters.get().map(|result| match result {
                Ok(letters) if letters.is_empty() => view! { <p>{tr(ui::NO_LETTERS)}</p> }.into_any(),
                Ok(letters) => view! { <LetterTable letters /> }.into_any(),
                Err(failure) => view! { <FailureAlert failure /> }.into_any(),
            })}
        </Transition>
    }
}

fn state_text(state: LetterState) -> domain::i18n::Text {
    match state {
        LetterState::Pending => ui::LETTER_PENDING,
        LetterState::Sent => ui::LETTER_SENT,
        LetterState::Failed => ui::LETTER_FAILED,
    }
}

#[component]
fn LetterTable(letters: Vec<LetterStatus>) -> impl IntoView {
    let rows = letters
        .into_iter()
        .map(|letter| {
            let needs_resend = letter.state != LetterState::Sent;
            let href = account_href(&letter.user_id);
            // The button names its account for screen readers.
            let whose = format!(" {}", letter.user_id);
            view! {
                <tr role="row">
                    <Cell label=ui::USER_ID>{letter.user_id}</Cell>
                    <Cell label=ui::USER_NAME>{letter.display_name.clone()}</Cell>
                    <Cell label=ui::LETTER_TO>{letter.to.clone()}</Cell>
                    <Cell label=ui::LETTER_STATE>{tr(state_text(letter.state))}</Cell>
                    <Cell label=ui::LETTER_ERROR>{letter.last_error.clone()}</Cell>
                    <Cell>
                        {needs_resend.then(|| view! {
                            <a class="button button-secondary" href=href>
                                {tr(ui::RESEND)}
                                <span class="visually-hidden">{whose}</span>
                            </a>
                        })}
                    </Cell>
                </tr>
            }
        })
        .collect_view();
    let headings = [ui::USER_ID, ui::USER_NAME, ui::LETTER_TO, ui::LETTER_STATE, ui::LETTER_ERROR].map(Some);
    view! {
        <ScrollTable class="letters card-table" headings=headings.into_iter().chain([None]).collect()>
            {rows}
        </ScrollTable>
    }
}
