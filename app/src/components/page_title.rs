//! The document title of the current page (`<title>`), following the display language, so the
//! browser tab, history and screen readers name the page.

use domain::i18n::Text;
use leptos::prelude::*;

use crate::i18n::{ui, use_lang};

/// Sets `document.title` to "`text` | todoke 感染症発生届" while the page is shown.
#[component]
pub fn PageTitle(text: Text) -> impl IntoView {
    let lang = use_lang();
    Effect::new(move |_| {
        let lang = lang.get();
        document().set_title(&format!("{} | {}", text.get(lang), ui::APP_NAME.get(lang)));
    });
}
