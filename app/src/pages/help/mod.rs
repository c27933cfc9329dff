//! ヘルプガイド (issue 20): the operation manual of each role, one page per role and one for what
//! all share, in Japanese and English (`pages`), shown at `/help/<page>` in the display language
//! without a session (the login screen has its ? too) and without the network (it is part of the
//! app). The header's ? opens the section for the current screen.

pub mod pages;
#[cfg(test)]
mod render;

use domain::i18n::Text;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};

use crate::components::page_title::PageTitle;
use crate::i18n::{tr, use_lang};
pub use pages::{help_for, HelpPage, HelpTarget};

pub const HELP_TITLE: Text = Text::new("ヘルプガイド", "Help guide");
pub const HELP_LINK_LABEL: Text = Text::new("この画面のヘルプ", "Help for this screen");
const NO_SUCH_PAGE: Text = Text::new("このヘルプのページはありません。", "There is no such help page.");

/// `/help/:page`: the page in the display language, scrolled to the section the address names.
#[component]
pub fn HelpScreen() -> impl IntoView {
    let params = use_params_map();
    let location = use_location();
    let lang = use_lang();
    let page = move || params.with(|params| params.get("page").as_deref().and_then(HelpPage::from_slug));
    let html = move || page().map(|page| page.html(lang.get()));
    // After the page is drawn (and when the language changes), show the section the address names.
    Effect::new(move |_| {
        let hash = location.hash.get();
        html();
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
        {move || match html() {
            Some(html) => view! { <article class="help-page" inner_html=html></article> }.into_any(),
            None => view! { <p class="alert alert-error" role="alert">{tr(NO_SUCH_PAGE)}</p> }.into_any(),
        }}
    }
}

impl HelpTarget {
    /// The target as far as the page in `lang` has it: a section it lacks opens the page's top.
    pub fn within(self, lang: domain::i18n::Lang) -> Self {
        let known = self.anchor.is_some_and(|anchor| self.page.anchors(lang).any(|known| known == anchor));
        Self { anchor: self.anchor.filter(|_| known), ..self }
    }
}

#[cfg(test)]
mod tests;
