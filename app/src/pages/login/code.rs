//! ログイン, step 2: the one-time code. Says where the code went, lets the user ask for another (with
//! the server's waiting time counted down), and on success goes on: to the required password change,
//! or to `next`, replacing this step in the history so that "back" does not return to a used code.
//! An account with a passkey may use it here instead of the code.

use domain::api::{CodeDestination, Me};
use domain::error::ErrorCode;
use domain::i18n::Lang;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::api::{ApiFailure, Authed, Pending};
use crate::auth::{after_login, replacing, use_auth, AuthState};
use crate::components::code_field::code_error;
use crate::components::code_step::{CodeProblemAlert, CodeResentAlert, CodeSubmitForm, Resend, ResendButton};
use crate::components::countdown::Countdown;
use crate::components::failure::FailureAlert;
use crate::components::page_title::PageTitle;
use crate::components::passkey_alert::{PasskeyAlert, PasskeyProblem};
use crate::i18n::{fill, tr, ui, use_lang};
use crate::webauthn;

/// "確認コードを d•••••@example.jp に送信しました（メール）。"
pub fn code_sent_text(sent_to: Option<&CodeDestination>, lang: Lang) -> String {
    match sent_to {
        Some(sent_to) => {
            fill(ui::CODE_SENT, lang, &[("hint", &sent_to.hint), ("method", ui::method(sent_to.method).get(lang))])
        }
        None => ui::CODE_SENT_UNKNOWN.get(lang).to_owned(),
    }
}

/// The passkey instead of the code: the server's options, the authenticator's assertion, the server's check.
async fn verify_passkey(client: Pending) -> Result<(Me, Authed), PasskeyProblem> {
    let challenge = client.passkey_options().await.map_err(PasskeyProblem::Api)?;
    let response = webauthn::get(&challenge).await.map_err(PasskeyProblem::Ceremony)?;
    client.verify_passkey(&response).await.map_err(PasskeyProblem::Api)
}

/// What the code step shows; a new code (another hint) keeps the form as it is.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Checking,
    Unreachable(ApiFailure),
    /// No login under way (a bookmark, or "forward" after logging out): start at the password.
    Start,
    /// Logged in (e.g. "forward" after logging in): on to this address.
    Done(String),
    Code(Pending),
}

#[component]
pub fn LoginCode() -> impl IntoView {
    let auth = use_auth();
    let state = auth.state();
    let query = use_query_map();
    let next = Memo::new(move |_| query.with(|query| query.get("next")));
    let back_to_login = move || match next.get() {
        Some(next) => format!("/login?next={}", web_sys::js_sys::encode_uri_component(&next)),
        None => "/login".to_owned(),
    };
    let step = Memo::new(move |_| match state.get() {
        AuthState::Checking => Step::Checking,
        AuthState::Unreachable(failure) => Step::Unreachable(failure),
        AuthState::LoggedOut => Step::Start,
        AuthState::LoggedIn(session) => Step::Done(after_login(&session.me, next.get())),
        AuthState::AwaitingCode(login) => Step::Code(login.client),
    });

    view! {
        <PageTitle text=ui::CODE_TITLE />
        {move || match step.get() {
            Step::Checking => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
            Step::Unreachable(failure) => view! {
                <FailureAlert failure />
                <button type="button" class="button button-secondary" on:click=move |_| auth.check()>
                    {tr(ui::RETRY)}
                </button>
            }
            .into_any(),
            Step::Start => view! { <Redirect path=back_to_login() options=replacing() /> }.into_any(),
            Step::Done(path) => view! { <Redirect path=path options=replacing() /> }.into_any(),
            Step::Code(client) => {
                let (sent_to, passkey_available) = match state.get_untracked() {
                    AuthState::AwaitingCode(login) => (login.sent_to, login.passkey_available),
                    _ => (None, false),
                };
                view! { <CodeForm client sent_to passkey_available back_to_login=back_to_login() /> }.into_any()
            }
        }}
    }
}

#[component]
fn CodeForm(
    client: Pending,
    sent_to: Option<CodeDestination>,
    passkey_available: bool,
    back_to_login: String,
) -> impl IntoView {
    let auth = use_auth();
    let lang = use_lang();
    let sent_to = RwSignal::new(sent_to);
    let code = RwSignal::new(String::new());
    let format_error = RwSignal::new(false);
    let problem = RwSignal::new(None::<ApiFailure>);
    let verifying = RwSignal::new(false);
    // The server's waits: before the next code may be sent (in `resend`), and before the next try
    // after failures.
    let resend = Resend::new();
    let Resend { resending, resent, wait: resend_wait } = resend;
    let attempt_wait = Countdown::new();
    let using_passkey = RwSignal::new(false);
    let passkey_problem = RwSignal::new(None::<PasskeyProblem>);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if verifying.get_untracked() || attempt_wait.is_running() {
            return;
        }
        let Some(typed) = resend.take_code(code, format_error) else {
            return;
        };
        verifying.set(true);
        spawn_local(async move {
            let result = client.verify(&typed).await;
            verifying.set(false);
            match result {
                // The page follows the new state to the password change or `next`.
                Ok((me, authed)) => auth.logged_in(me, authed),
                Err(failure) if failure.is_unauthenticated() => auth.expired(),
                Err(failure) => {
                    if failure.code() == Some(ErrorCode::InvalidCode) {
                        code.set(String::new());
                    }
                    attempt_wait.start_if(failure.retry_after_seconds());
                    problem.set(Some(failure));
                }
            }
        });
    };

    let on_resend = move |_| {
        resend.send(
            code,
            problem,
            move || client.resend(),
            move |challenge| {
                auth.awaiting_code(client, Some(challenge.code_sent_to.clone()), challenge.passkey_available);
                sent_to.set(Some(challenge.code_sent_to));
            },
            move |failure| {
                if failure.is_unauthenticated() {
                    auth.expired();
                    return None;
                }
                // Other refusals than "too soon" concern the login itself: they wait like a wrong code.
                if failure.code() != Some(ErrorCode::ResendTooSoon) {
                    attempt_wait.start_if(failure.retry_after_seconds());
                    problem.set(Some(failure));
                    return None;
                }
                Some(failure)
            },
        );
    };

    let on_passkey = move |_| {
        if using_passkey.get_untracked() {
            return;
        }
        using_passkey.set(true);
        passkey_problem.set(None);
        spawn_local(async move {
            let result = verify_passkey(client).await;
            using_passkey.set(false);
            match result {
                // As after a right code: the page follows the new state.
                Ok((me, authed)) => auth.logged_in(me, authed),
                Err(PasskeyProblem::Api(failure)) if failure.is_unauthenticated() => auth.expired(),
                Err(failure) => passkey_problem.set(Some(failure)),
            }
        });
    };
    let passkey = passkey_available.then(|| {
        view! {
            <div class="passkey-login">
                <p>{tr(ui::OR_USE_PASSKEY)}</p>
                {move || passkey_problem.get().map(|problem| view! { <PasskeyAlert problem /> })}
                <button
                    type="button"
                    class="button button-secondary button-block"
                    disabled=move || using_passkey.get()
                    on:click=on_passkey
                >
                    {move || {
                        if using_passkey.get() { ui::USING_PASSKEY.get(lang.get()) } else { ui::LOGIN_WITH_PASSKEY.get(lang.get()) }
                    }}
                </button>
            </div>
        }
    });

    let field_error = code_error(format_error, problem);

    view! {
        <section class="login" aria-labelledby="code-title">
            <h1 id="code-title">{tr(ui::CODE_TITLE)}</h1>
            <p class="lead" role="status">
                {move || code_sent_text(sent_to.get().as_ref(), lang.get())}
            </p>
            <CodeResentAlert resent />
            <CodeProblemAlert problem wait=attempt_wait resend_wait />
            <CodeSubmitForm
                id="login-code"
                code
                error=field_error
                busy=verifying
                wait=attempt_wait
                label=ui::CONFIRM
                busy_label=ui::CONFIRMING
                on_submit
            />
            <div class="actions">
                <ResendButton resending resend_wait on_resend />
            </div>
            {passkey}
            <p class="login-help">
                <a class="link" href=back_to_login>{tr(ui::BACK_TO_LOGIN)}</a>
            </p>
        </section>
    }
}
