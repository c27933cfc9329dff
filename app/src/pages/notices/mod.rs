//! お知らせ (issue 20): the notices addressed to the account, at the top of every home screen, new
//! until opened (opening one marks it read on the server); and the administrators' publishing
//! screen (`publish`).

pub mod publish;
pub mod texts;

use domain::api::MyNotice;
use domain::jst::format_jst;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::Authed;
use crate::i18n::tr;
use crate::lazy;

/// The account's current notices, newest first; nothing at all when there are none (or when they
/// cannot be read, e.g. offline: the notices are not kept on the device). The list's code is loaded
/// only when there is one to show (`lazy::notice_list`, group `notices`): every home shows the board, a
/// doctor's on the filing path, and most of the time there is nothing on it.
#[component]
pub fn NoticeBoard(client: Authed) -> impl IntoView {
    lazy::part(Box::pin(async move {
        match client.my_notices().await {
            Ok(notices) if !notices.is_empty() => lazy::notice_list(client, notices).await.ok(),
            _ => None,
        }
    }))
}

/// The notices on the board: each one's title, which opens its text.
#[component]
pub fn NoticeList(client: Authed, notices: Vec<MyNotice>) -> impl IntoView {
    view! {
        <section class="notices" aria-labelledby="notices-title">
            <h2 id="notices-title">{tr(texts::NOTICES_TITLE)}</h2>
            <ul class="notice-list">
                {notices.into_iter().map(|notice| view! { <NoticeItem client notice /> }).collect_view()}
            </ul>
        </section>
    }
}

/// One notice: its title as a button that opens the text; opening an unread one marks it read.
#[component]
fn NoticeItem(client: Authed, notice: MyNotice) -> impl IntoView {
    let open = RwSignal::new(false);
    let new = RwSignal::new(!notice.read);
    let id = notice.id;
    let body_id = format!("notice-{id}");
    let on_open = move |_| {
        open.update(|open| *open = !*open);
        if new.get_untracked() {
            spawn_local(async move {
                if client.mark_notice_read(id).await.is_ok() {
                    new.set(false);
                }
            });
        }
    };
    view! {
        <li class="notice" class:notice-new=move || new.get()>
            <button
                type="button"
                class="notice-title button-text"
                aria-expanded=move || open.get().to_string()
                aria-controls=body_id.clone()
                on:click=on_open
            >
                {move || new.get().then(|| view! { <span class="badge badge-new">{tr(texts::NEW)}</span> " " })}
                <span>{notice.title}</span>
            </button>
            <div id=body_id class="notice-body" hidden=move || !open.get()>
                <p class="notice-text">{notice.body}</p>
                <p class="notice-period">
                    {tr(texts::SHOWN)}
                    {format_jst(notice.starts_at)}
                    " – "
                    {format_jst(notice.ends_at)}
                </p>
            </div>
        </li>
    }
}
