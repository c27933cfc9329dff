//! The site header on every page: the app name, the language switch, the ? that opens the help guide
//! at the current screen's section, and for a logged-in account its name, organization, its settings
//! (password, second factor, API tokens for those who file) and the logout button. While a password
//! change is required, only logout is offered (L-2).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_location, use_navigate};

use crate::auth::use_auth;
use crate::i18n::{fill, tr, ui, use_lang, Language};
use crate::lazy;
use crate::offline::words;
use crate::pages::help::{help_for, HELP_LINK_LABEL};
use crate::pages::settings::api_tokens::has_api_tokens;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let auth = use_auth();
    let lang = use_lang();
    let language = use_context::<Language>();
    let logging_out = RwSignal::new(false);
    let navigate = use_navigate();

    let logout = move |_| {
        let Some(session) = auth.session() else {
            return;
        };
        if logging_out.get_untracked() {
            return;
        }
        logging_out.set(true);
        let navigate = navigate.clone();
        let lang = lang.get_untracked();
        spawn_local(async move {
            // Logging out wipes this account's work from the device (O-3): say so first if some is unsent.
            let unsent = lazy::unsent(session.me.user_id.clone()).await.ok().and_then(Result::ok).unwrap_or(0);
            if unsent > 0 {
                let warning = fill(words::UNSENT_AT_LOGOUT, lang, &[("n", &unsent.to_string())]);
                if !window().confirm_with_message(&warning).unwrap_or(false) {
                    logging_out.set(false);
                    return;
                }
            }
            auth.logout(session.client).await;
            logging_out.set(false);
            navigate("/login", Default::default());
        });
    };
    let password_change_required =
        move || auth.session().is_some_and(|session| session.me.password.change_required.is_some());
    let location = use_location();
    let help_href = move || {
        let role = auth.session().map(|session| session.me.role);
        help_for(&location.pathname.get(), role).href()
    };
    let other_lang = move || match lang.get() {
        domain::i18n::Lang::Ja => "en",
        domain::i18n::Lang::En => "ja",
    };

    view! {
        <header class="site-header">
            <div class="site-header-bar">
                {move || {
                    if password_change_required() {
                        view! { <span class="site-name">{tr(ui::APP_NAME)}</span> }.into_any()
                    } else {
                        view! { <a class="site-name" href="/">{tr(ui::APP_NAME)}</a> }.into_any()
                    }
                }}
                <button
                    type="button"
                    class="button button-text lang-switch"
                    lang=other_lang
                    on:click=move |_| {
                        if let Some(language) = language {
                            language.toggle();
                        }
                    }
                >
                    {tr(ui::SWITCH_LANGUAGE)}
                </button>
                <a
                    class="button button-text help-link"
                    href=help_href
                    aria-label=move || HELP_LINK_LABEL.get(lang.get())
                    title=move || HELP_LINK_LABEL.get(lang.get())
                >
                    "?"
                </a>
            </div>
            {move || {
                auth.session()
                    .map(|session| {
                        view! {
                            <div class="site-header-account">
                                <p class="account">
                                    <span class="visually-hidden">{tr(ui::SIGNED_IN_AS)}</span>
                                    <span class="account-name">{session.me.display_name}</span>
                                    <span class="account-org">{session.me.organization.name}</span>
                                </p>
                                <button
                                    type="button"
                                    class="button button-secondary button-small"
                                    disabled=move || logging_out.get()
                                    on:click=logout.clone()
                                >
                                    {tr(ui::LOGOUT)}
                                </button>
                            </div>
                            {session
                                .me
                                .password
                                .change_required
                                .is_none()
                                .then(|| {
                                    view! {
                                        <nav class="site-header-nav" aria-label=move || ui::ACCOUNT_MENU.get(lang.get())>
                                            <ul class="account-links">
                                                <li>
                                                    <a class="link" href="/password">
                                                        {tr(ui::PASSWORD_CHANGE_TITLE)}
                                                    </a>
                                                </li>
                                                <li>
                                                    <a class="link" href="/settings/second-factor">
                                                        {tr(ui::SECOND_FACTOR_TITLE)}
                                                    </a>
                                                </li>
                                                {has_api_tokens(session.me.role).then(|| view! {
                                                    <li>
                                                        <a class="link" href="/settings/api-tokens">
                                                            {tr(ui::API_TOKENS_TITLE)}
                                                        </a>
                                                    </li>
                                                })}
                                            </ul>
                                        </nav>
                                    }
                                })}
                        }
                    })
            }}
        </header>
    }
}
