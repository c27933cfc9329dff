//! The page for an address the app does not know (the router's fallback).
//! Missing notifications have their own message in `notification::receipt`.

use leptos::prelude::*;

use crate::components::page_title::PageTitle;
use crate::i18n::{tr, ui};

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <PageTitle text=ui::PAGE_NOT_FOUND />
        <h1>{tr(ui::PAGE_NOT_FOUND)}</h1>
        <p>{tr(ui::PAGE_NOT_FOUND_BODY)}</p>
        <p><a class="link" href="/">{tr(ui::BACK_HOME)}</a></p>
    }
}
