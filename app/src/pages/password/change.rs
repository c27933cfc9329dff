//! パスワード変更 (L-2): current password, new password and its confirmation, with the live rule
//! checklist. Forced (first login, reset by an administrator, expiry) it says why and offers no way
//! elsewhere but logging out; chosen by the user it can be cancelled.

use domain::api::{PasswordChange, PasswordChangeReason};
use domain::error::ErrorCode;
use domain::i18n::Text;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::api::ApiFailure;
use crate::auth::{replacing, use_auth, Session};
use crate::components::countdown::Countdown;
use crate::components::failure::FailureAlert;
use crate::components::flash::use_flash;
use crate::components::page_title::PageTitle;
use crate::i18n::{tr, ui};
use crate::pages::password::new_password::{NewPassword, NewPasswordSubmit};

fn reason_text(reason: PasswordChangeReason) -> Text {
    match reason {
        PasswordChangeReason::Initial => ui::REASON_INITIAL,
        PasswordChangeReason::Reset => ui::REASON_RESET,
        PasswordChangeReason::Expired => ui::REASON_EXPIRED,
    }
}

#[component]
pub fn PasswordChangePage(session: Session) -> impl IntoView {
    let auth = use_auth();
    let flash = use_flash();
    let navigate = use_navigate();
    let reason = session.me.password.change_required;
    let user_id = session.me.user_id.clone();
    let client = session.client;
    let current = RwSignal::new(String::new());
    let new_password = NewPassword::new(
        Signal::stored(user_id.clone()),
        Signal::derive(move || Some(current.get()).filter(|current| !current.is_empty())),
    );
    let problem = RwSignal::new(None::<ApiFailure>);
    let sending = RwSignal::new(false);
    let wait = Countdown::new();
    let ready = move || !current.get().is_empty() && new_password.is_ready();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() || wait.is_running() || !untrack(ready) {
            return;
        }
        let change = PasswordChange {
            current_password: current.get_untracked(),
            new_password: new_password.value.get_untracked(),
        };
        sending.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = client.change_password(&change).await;
            sending.set(false);
            match result {
                Ok(()) => {
                    problem.set(None);
                    match client.me().await {
                        Ok(me) => auth.update_me(me),
                        // The password is changed; the server tells the rest on the next check.
                        Err(_) => auth.check(),
                    }
                    flash.show_on("/", ui::PASSWORD_CHANGED);
                    navigate("/", replacing());
                }
                // The session is gone: the API client's session watcher sends the user to log in.
                Err(failure) if failure.is_unauthenticated() => {}
                Err(failure) => {
                    if failure.code() == Some(ErrorCode::PasswordRejected) {
                        new_password.refused(failure.password_rules());
                    }
                    wait.start_if(failure.retry_after_seconds());
                    problem.set(Some(failure));
                }
            }
        });
    };

    let current_wrong =
        move || problem.with(|p| p.as_ref().and_then(ApiFailure::code) == Some(ErrorCode::InvalidCredentials));
    view! {
        <PageTitle text=ui::PASSWORD_CHANGE_TITLE />
        <section class="narrow" aria-labelledby="password-title">
            <h1 id="password-title">{tr(ui::PASSWORD_CHANGE_TITLE)}</h1>
            {reason.map(|reason| view! { <p class="alert alert-info">{tr(reason_text(reason))}</p> })}
            {move || problem.get().map(|failure| view! { <FailureAlert failure wait /> })}
            <form class="form" novalidate on:submit=on_submit>
                <input
                    type="text"
                    name="username"
                    class="visually-hidden"
                    autocomplete="username"
                    tabindex="-1"
                    aria-hidden="true"
                    readonly
                    value=user_id
                />
                <div class="field" class:field-invalid=current_wrong>
                    <label class="field-label" for="password-current">
                        {tr(ui::CURRENT_PASSWORD)}
                    </label>
                    {(reason == Some(PasswordChangeReason::Initial))
                        .then(|| {
                            view! {
                                <p class="field-support" id="password-current-support">
                                    {tr(ui::CURRENT_PASSWORD_INITIAL)}
                                </p>
                            }
                        })}
                    <input
                        id="password-current"
                        name="current-password"
                        type="password"
                        class="input"
                        autocomplete="current-password"
                        required
                        aria-describedby=(reason == Some(PasswordChangeReason::Initial))
                            .then_some("password-current-support")
                        aria-invalid=move || current_wrong().then_some("true")
                        prop:value=move || current.get()
                        on:input=move |ev| current.set(event_target_value(&ev))
                    />
                </div>
                <NewPasswordSubmit id="password" state=new_password sending wait ready=Signal::derive(ready) label=ui::CHANGE />
            </form>
            {reason.is_none().then(|| view! { <p class="back"><a class="link" href="/">{tr(ui::CANCEL)}</a></p> })}
        </section>
    }
}
