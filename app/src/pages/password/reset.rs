//! パスワードの再設定 (L-4), for a user who forgot the password: user ID, then the one-time code sent to
//! the account's second factor with a new password. The first answer is the same whether or not the
//! user ID exists, so this page cannot be used to find out which IDs exist.

use domain::api::{PasswordResetConfirm, PasswordResetRequest};
use domain::error::ErrorCode;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::api::{ApiFailure, Guest};
use crate::auth::{replacing, use_auth};
use crate::components::code_field::{code_error, CodeField};
use crate::components::code_step::{BusySubmitButton, CodeProblemAlert, CodeResentAlert, Resend, ResendButton};
use crate::components::countdown::Countdown;
use crate::components::failure::FailureAlert;
use crate::components::flash::use_flash;
use crate::components::page_title::PageTitle;
use crate::i18n::{tr, ui};
use crate::pages::password::new_password::{NewPassword, NewPasswordSubmit};

#[component]
pub fn PasswordReset() -> impl IntoView {
    // The user ID the code was asked for; `None` while it is being entered.
    let requested_for = RwSignal::new(None::<String>);
    view! {
        <PageTitle text=ui::RESET_TITLE />
        <section class="narrow" aria-labelledby="reset-title">
            <h1 id="reset-title">{tr(ui::RESET_TITLE)}</h1>
            {move || match requested_for.get() {
                None => view! { <RequestStep requested_for /> }.into_any(),
                Some(user_id) => view! { <ConfirmStep user_id requested_for /> }.into_any(),
            }}
            <p class="back">
                <a class="link" href="/login">{tr(ui::BACK_TO_LOGIN)}</a>
            </p>
        </section>
    }
}

/// Sends `POST /password-reset`; `Err` only for a wait (429), a network or server failure.
async fn request_code(user_id: &str) -> Result<(), ApiFailure> {
    Guest.request_password_reset(&PasswordResetRequest { user_id: user_id.to_owned() }).await
}

#[component]
fn RequestStep(requested_for: RwSignal<Option<String>>) -> impl IntoView {
    let user_id = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let problem = RwSignal::new(None::<ApiFailure>);
    let sending = RwSignal::new(false);
    let wait = Countdown::new();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() || wait.is_running() {
            return;
        }
        let id = user_id.get_untracked().trim().to_owned();
        if id.is_empty() {
            missing.set(true);
            return;
        }
        missing.set(false);
        sending.set(true);
        spawn_local(async move {
            let result = request_code(&id).await;
            sending.set(false);
            match result {
                Ok(()) => requested_for.set(Some(id)),
                Err(failure) => {
                    wait.start_if(failure.retry_after_seconds());
                    problem.set(Some(failure));
                }
            }
        });
    };

    view! {
        <p class="lead">{tr(ui::RESET_INTRO)}</p>
        {move || problem.get().map(|failure| view! { <FailureAlert failure wait /> })}
        <form class="form" novalidate on:submit=on_submit>
            <div class="field" class:field-invalid=move || missing.get()>
                <label class="field-label" for="reset-user-id">
                    {tr(ui::USER_ID)}
                </label>
                <input
                    id="reset-user-id"
                    name="username"
                    type="text"
                    class="input"
                    autocomplete="username"
                    autocapitalize="none"
                    spellcheck="false"
                    required
                    aria-invalid=move || missing.get().then_some("true")
                    aria-describedby=move || missing.get().then_some("reset-user-id-error")
                    prop:value=move || user_id.get()
                    on:input=move |ev| user_id.set(event_target_value(&ev))
                />
                {move || {
                    missing
                        .get()
                        .then(|| {
                            view! {
                                <p class="field-error" id="reset-user-id-error" role="alert">
                                    {tr(ui::USER_ID_REQUIRED)}
                                </p>
                            }
                        })
                }}
            </div>
            <BusySubmitButton busy=sending wait label=ui::SEND_CODE busy_label=ui::SENDING_CODE />
        </form>
    }
}

#[component]
fn ConfirmStep(user_id: String, requested_for: RwSignal<Option<String>>) -> impl IntoView {
    let auth = use_auth();
    let flash = use_flash();
    let navigate = use_navigate();
    let code = RwSignal::new(String::new());
    let format_error = RwSignal::new(false);
    let new_password = NewPassword::new(Signal::stored(user_id.clone()), Signal::stored(None));
    let problem = RwSignal::new(None::<ApiFailure>);
    let sending = RwSignal::new(false);
    let wait = Countdown::new();
    let resend = Resend::new();
    let Resend { resending, resent, wait: resend_wait } = resend;
    let user_id = StoredValue::new(user_id);
    let ready = move || !code.get().trim().is_empty() && new_password.is_ready();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() || wait.is_running() || !untrack(ready) {
            return;
        }
        let Some(typed) = resend.take_code(code, format_error) else {
            return;
        };
        let confirm = PasswordResetConfirm {
            user_id: user_id.get_value(),
            code: typed,
            new_password: new_password.value.get_untracked(),
        };
        sending.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = Guest.confirm_password_reset(&confirm).await;
            sending.set(false);
            match result {
                Ok(()) => {
                    // Every session of the account ended on the server, this browser's too if it had one.
                    if auth.is_logged_in() {
                        auth.check();
                    }
                    flash.show_on("/login", ui::RESET_DONE);
                    navigate("/login", replacing());
                }
                Err(failure) => {
                    match failure.code() {
                        Some(ErrorCode::PasswordRejected) => new_password.refused(failure.password_rules()),
                        Some(ErrorCode::InvalidCode) => code.set(String::new()),
                        _ => {}
                    }
                    wait.start_if(failure.retry_after_seconds());
                    problem.set(Some(failure));
                }
            }
        });
    };

    let on_resend = move |_| {
        let user_id = user_id.get_value();
        resend.send(code, problem, move || async move { request_code(&user_id).await }, |()| {}, Some);
    };

    let code_error = code_error(format_error, problem);

    view! {
        <p class="lead" role="status">{tr(ui::RESET_CODE_SENT)}</p>
        <CodeResentAlert resent />
        <CodeProblemAlert problem wait />
        <form class="form" novalidate on:submit=on_submit>
            <input
                type="text"
                name="username"
                class="visually-hidden"
                autocomplete="username"
                tabindex="-1"
                aria-hidden="true"
                readonly
                value=user_id.get_value()
            />
            <CodeField id="reset-code" value=code error=code_error />
            <NewPasswordSubmit id="reset" state=new_password sending wait ready=Signal::derive(ready) label=ui::RESET_BUTTON />
        </form>
        <div class="actions">
            <ResendButton resending resend_wait on_resend />
            <button type="button" class="button button-text" on:click=move |_| requested_for.set(None)>
                {tr(ui::OTHER_USER_ID)}
            </button>
        </div>
    }
}
