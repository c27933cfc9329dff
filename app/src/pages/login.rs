//! ログイン: user ID and password. A successful login goes home, or back to the page that needed a
//! session (`?next=`); an already logged-in visitor is sent on at once.

use domain::api::LoginRequest;
use domain::error::ErrorCode;
use domain::i18n::Lang;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::api::{ApiFailure, Guest};
use crate::auth::use_auth;
use crate::components::page_title::PageTitle;
use crate::i18n::{tr, ui, use_lang};

#[derive(Debug, Clone, PartialEq)]
enum LoginProblem {
    MissingInput,
    Failed(ApiFailure),
}

impl LoginProblem {
    fn message(&self, lang: Lang) -> &'static str {
        match self {
            Self::MissingInput => ui::LOGIN_REQUIRED_FIELDS.get(lang),
            Self::Failed(failure) => failure.message(lang),
        }
    }
}

/// Only paths of this app, never another origin (`//evil.example`).
fn safe_next(next: Option<String>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => path,
        _ => "/".to_owned(),
    }
}

#[component]
pub fn Login() -> impl IntoView {
    let auth = use_auth();
    let lang = use_lang();
    let query = use_query_map();
    let next = Memo::new(move |_| query.with(|query| query.get("next")));
    let user_id = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<LoginProblem>);
    let pending = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let request =
            LoginRequest { user_id: user_id.get_untracked().trim().to_owned(), password: password.get_untracked() };
        if request.user_id.is_empty() || request.password.is_empty() {
            problem.set(Some(LoginProblem::MissingInput));
            return;
        }
        pending.set(true);
        spawn_local(async move {
            let result = Guest.login(&request).await;
            pending.set(false);
            match result {
                Ok((me, client)) => {
                    problem.set(None);
                    password.set(String::new());
                    auth.logged_in(me, client);
                }
                Err(failure) => problem.set(Some(LoginProblem::Failed(failure))),
            }
        });
    };

    view! {
        <PageTitle text=ui::LOGIN_TITLE />
        {move || auth.is_logged_in().then(|| view! { <Redirect path=safe_next(next.get()) /> })}
        <section class="login" aria-labelledby="login-title">
            <h1 id="login-title">{tr(ui::LOGIN_TITLE)}</h1>
            {move || {
                (next.get().is_some() && problem.get().is_none())
                    .then(|| {
                        view! {
                            <p class="alert alert-info" role="status">
                                {move || ErrorCode::Unauthenticated.message(lang.get())}
                            </p>
                        }
                    })
            }}
            {move || {
                problem
                    .get()
                    .map(|problem| {
                        view! {
                            <p class="alert alert-error" role="alert">
                                {move || problem.message(lang.get())}
                            </p>
                        }
                    })
            }}
            <form class="form" novalidate on:submit=on_submit>
                <div class="field">
                    <label class="field-label" for="login-user-id">{tr(ui::USER_ID)}</label>
                    <input
                        id="login-user-id"
                        name="username"
                        type="text"
                        class="input"
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                        on:input=move |ev| user_id.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label class="field-label" for="login-password">{tr(ui::PASSWORD)}</label>
                    <input
                        id="login-password"
                        name="password"
                        type="password"
                        class="input"
                        autocomplete="current-password"
                        required
                        prop:value=move || password.get()
                        on:input=move |ev| password.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" class="button button-primary button-block" disabled=move || pending.get()>
                    {move || if pending.get() { ui::LOGGING_IN.get(lang.get()) } else { ui::LOGIN_BUTTON.get(lang.get()) }}
                </button>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_is_limited_to_this_app() {
        assert_eq!(safe_next(Some("/notifications/new/measles".into())), "/notifications/new/measles");
        assert_eq!(safe_next(Some("//evil.example".into())), "/");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/");
        assert_eq!(safe_next(None), "/");
    }
}
