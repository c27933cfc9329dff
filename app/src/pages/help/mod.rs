//! ヘルプガイド (issue 20): the operation manual of each role, one page per role and one for what
//! all share, in Japanese and English (`pages`), shown at `/help/<page>` in the display language
//! without a session (the login screen has its ? too). The pages are HTML files beside the app, fetched
//! when opened rather than compiled in (issue 17: the wasm a phone downloads before the login form
//! carried them all, in both languages); the service worker precaches them, so the guide reads
//! without the network once the app has been opened. The screen itself is loaded when first opened
//! (group `help`, crate::lazy; precached too); the header's ? (`pages`, in the main module) opens the
//! section for the current screen.

pub mod pages;

use domain::i18n::{Lang, Text};
use gloo_net::http::Request;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};

use crate::components::page_title::PageTitle;
use crate::i18n::{tr, ui, use_lang};
pub use pages::{help_for, HelpPage};

pub const HELP_TITLE: Text = Text::new("ヘルプガイド", "Help guide");
pub const HELP_LINK_LABEL: Text = Text::new("この画面のヘルプ", "Help for this screen");
const NO_SUCH_PAGE: Text = Text::new("このヘルプのページはありません。", "There is no such help page.");
const UNREADABLE: Text = Text::new(
    "ヘルプを読み込めませんでした。ネットワークにつないで、もう一度開いてください。",
    "The help could not be loaded. Connect to the network and open it again.",
);

/// What the help screen shows for its address.
#[derive(Clone)]
enum Shown {
    Page(String),
    NoSuchPage,
    /// Neither the service worker's cache nor the network gave the page (offline before the worker
    /// ever ran, or the server unreachable).
    Unreadable,
}

/// The page's HTML, from the service worker's cache or the server.
async fn fetch_page(page: HelpPage, lang: Lang) -> Shown {
    let Ok(response) = Request::get(&page.address(lang)).send().await else {
        return Shown::Unreadable;
    };
    if !response.ok() {
        return Shown::Unreadable;
    }
    response.text().await.map_or(Shown::Unreadable, Shown::Page)
}

/// `/help/:page`: the page in the display language, scrolled to the section the address names.
#[component]
pub fn HelpScreen() -> impl IntoView {
    let params = use_params_map();
    let location = use_location();
    let lang = use_lang();
    let page = move || params.with(|params| params.get("page").as_deref().and_then(HelpPage::from_slug));
    let shown = LocalResource::new(move || {
        let (page, lang) = (page(), lang.get());
        async move {
            match page {
                Some(page) => fetch_page(page, lang).await,
                None => Shown::NoSuchPage,
            }
        }
    });
    // Once the page is drawn (and when the language or the address changes), show the section the
    // address names; a section the page lacks leaves it at its top.
    Effect::new(move |_| {
        let hash = location.hash.get();
        if !shown.with(|shown| matches!(shown, Some(Shown::Page(_)))) {
            return;
        }
        let anchor = hash.trim_start_matches('#').to_owned();
        if anchor.is_empty() {
            return;
        }
        request_animation_frame(move || {
            if let Some(section) = document().get_element_by_id(&anchor) {
                section.scroll_into_view();
            }
        });
    });
    view! {
        <PageTitle text=HELP_TITLE />
        {move || match shown.get() {
            None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
            Some(Shown::Page(html)) => view! { <article class="help-page" inner_html=html></article> }.into_any(),
            Some(Shown::NoSuchPage) => {
                view! { <p class="alert alert-error" role="alert">{tr(NO_SUCH_PAGE)}</p> }.into_any()
            }
            Some(Shown::Unreadable) => {
                view! { <p class="alert alert-error" role="alert">{tr(UNREADABLE)}</p> }.into_any()
            }
        }}
    }
}

#[cfg(test)]
mod tests;
