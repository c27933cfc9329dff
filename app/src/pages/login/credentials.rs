//! ログイン, step 1: user ID and password. When they are right the server sends a one-time code and
//! the code step follows (`/login/code`); an already logged-in visitor is sent on at once.

use domain::api::LoginRequest;
use domain::error::ErrorCode;
use domain::i18n::Lang;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api::{ApiFailure, Guest};
use crate::auth::{after_login, use_auth, AuthState};
use crate::components::countdown::Countdown;
use crate::components::failure::FailureAlert;
use crate::components::page_title::PageTitle;
use crate::components::password_input::CurrentPasswordInput;
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

/// The code step's address, carrying `next` on.
pub fn code_step_path(next: Option<&str>) -> String {
    match next {
        Some(next) => format!("/login/code?next={}", web_sys::js_sys::encode_uri_component(next)),
        None => "/login/code".to_owned(),
    }
}

#[component]
pub fn Login() -> impl IntoView {
    let auth = use_auth();
    let state = auth.state();
    let lang = use_lang();
    let navigate = use_navigate();
    let query = use_query_map();
    let next = Memo::new(move |_| query.with(|query| query.get("next")));
    let user_id = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<LoginProblem>);
    let pending = RwSignal::new(false);
    let wait = Countdown::new();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() || wait.is_running() {
            return;
        }
        let request =
            LoginRequest { user_id: user_id.get_untracked().trim().to_owned(), password: password.get_untracked() };
        if request.user_id.is_empty() || request.password.is_empty() {
            problem.set(Some(LoginProblem::MissingInput));
            return;
        }
        pending.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = Guest.login(&request).await;
            pending.set(false);
            match result {
                Ok((challenge, client)) => {
                    problem.set(None);
                    password.set(String::new());
                    auth.awaiting_code(client, Some(challenge.code_sent_to), challenge.passkey_available);
                    // A new history entry: "back" returns here, to log in again or as someone else.
                    navigate(&code_step_path(next.get_untracked().as_deref()), Default::default());
                }
                Err(failure) => {
                    wait.start_if(failure.retry_after_seconds());
                    problem.set(Some(LoginProblem::Failed(failure)));
                }
            }
        });
    };

    // Logged in already (or by another tab): on to where the login was for.
    let logged_in_target = move || match state.get() {
        AuthState::LoggedIn(session) => Some(after_login(&session.me, next.get())),
        _ => None,
    };

    view! {
        <PageTitle text=ui::LOGIN_TITLE />
        {move || {
            logged_in_target().map(|path| view! { <Redirect path=path options=crate::auth::replacing() /> })
        }}
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
                    .map(|problem| match problem {
                        LoginProblem::Failed(failure) => view! { <FailureAlert failure wait /> }.into_any(),
                        problem => view! {
                            <p class="alert alert-error" role="alert">
                                {move || problem.message(lang.get())}
                            </p>
                        }
                        .into_any(),
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
                        prop:value=move || user_id.get()
                        on:input=move |ev| user_id.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label class="field-label" for="login-password">{tr(ui::PASSWORD)}</label>
                    <CurrentPasswordInput id="login-password" name="password" value=password />
                </div>
                <button
                    type="submit"
                    class="button button-primary button-block"
                    disabled=move || pending.get() || wait.is_running()
                >
                    {move || if pending.get() { ui::LOGGING_IN.get(lang.get()) } else { ui::LOGIN_BUTTON.get(lang.get()) }}
                </button>
            </form>
            <p class="login-help">
                <a class="link" href="/password-reset">{tr(ui::FORGOT_PASSWORD)}</a>
            </p>
        </section>
    }
}
