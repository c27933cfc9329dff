//! 二要素認証の変更 (L-5): choose e-mail, SMS or voice call, enter the address or Japanese phone
//! number, receive a code there and enter it. Until that code is confirmed nothing changes: the
//! current setting stays in force (and is shown), so leaving half-way is always safe.

use domain::api::{CodeDestination, SecondFactorChange, SecondFactorMethod};
use domain::error::{ErrorCode, FieldErrorCode};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiFailure, Authed};
use crate::auth::{use_auth, Session};
use crate::components::code_field::code_error;
use crate::components::code_step::{
    BusySubmitButton, CodeProblemAlert, CodeResentAlert, CodeSubmitForm, Resend, ResendButton,
};
use crate::components::countdown::Countdown;
use crate::components::failure::FailureAlert;
use crate::components::flash::use_flash;
use crate::components::page_title::PageTitle;
use crate::i18n::{tr, ui, use_lang};
use crate::pages::login::code::code_sent_text;
use crate::pages::settings::passkeys::PasskeySettings;
use crate::pages::settings::reauthentication::{Reauthentication, ReauthenticationPrompt};

const METHODS: [SecondFactorMethod; 3] =
    [SecondFactorMethod::Email, SecondFactorMethod::Sms, SecondFactorMethod::Voice];

fn method_value(method: SecondFactorMethod) -> &'static str {
    match method {
        SecondFactorMethod::Email => "email",
        SecondFactorMethod::Sms => "sms",
        SecondFactorMethod::Voice => "voice",
    }
}

/// What is wrong with a typed destination before asking the server, by the rule it uses.
fn destination_problem(method: SecondFactorMethod, typed: &str) -> Option<FieldErrorCode> {
    domain::second_factor::destination(method, typed).err().map(|problem| problem.field_code())
}

/// A change asked for: what was sent, and where the code went.
#[derive(Debug, Clone, PartialEq)]
struct Requested {
    change: (SecondFactorMethod, String),
    sent_to: CodeDestination,
}

#[component]
pub fn SecondFactorSettings(session: Session) -> impl IntoView {
    let lang = use_lang();
    let current = session.me.second_factor.clone();
    let requested = RwSignal::new(None::<Requested>);
    let client = session.client;
    let reauthentication = Reauthentication::default();
    let passkeys = view! { <PasskeySettings session reauthentication /> };
    view! {
        <PageTitle text=ui::SECOND_FACTOR_TITLE />
        <section class="narrow" aria-labelledby="second-factor-title">
            <h1 id="second-factor-title">{tr(ui::SECOND_FACTOR_TITLE)}</h1>
            <dl class="facts card current-setting">
                <div class="fact">
                    <dt>{tr(ui::SECOND_FACTOR_CURRENT)}</dt>
                    <dd>
                        {move || ui::method(current.method).get(lang.get())}
                        "（"
                        {current.hint.clone()}
                        "）"
                    </dd>
                </div>
            </dl>
            <ReauthenticationPrompt client state=reauthentication />
            {move || match requested.get() {
                None => view! { <DestinationStep client requested reauthentication /> }.into_any(),
                Some(asked) => view! { <ConfirmStep client asked requested reauthentication /> }.into_any(),
            }}
            {passkeys}
            <p class="back">
                <a class="link" href="/">{tr(ui::BACK_HOME)}</a>
            </p>
        </section>
    }
}

#[component]
fn DestinationStep(
    client: Authed,
    requested: RwSignal<Option<Requested>>,
    reauthentication: Reauthentication,
) -> impl IntoView {
    let lang = use_lang();
    let method = RwSignal::new(SecondFactorMethod::Email);
    let destination = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let unreachable = RwSignal::new(None::<FieldErrorCode>);
    let problem = RwSignal::new(None::<ApiFailure>);
    let sending = RwSignal::new(false);
    let wait = Countdown::new();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() || wait.is_running() {
            return;
        }
        let chosen = method.get_untracked();
        let typed = destination.get_untracked().trim().to_owned();
        missing.set(typed.is_empty());
        unreachable.set(destination_problem(chosen, &typed).filter(|_| !typed.is_empty()));
        if typed.is_empty() || unreachable.get_untracked().is_some() {
            problem.set(None);
            return;
        }
        sending.set(true);
        spawn_local(async move {
            let change = SecondFactorChange { method: chosen, destination: typed.clone() };
            let result = client.request_second_factor_change(&change).await;
            sending.set(false);
            match result {
                Ok(sent_to) => requested.set(Some(Requested { change: (chosen, typed), sent_to })),
                Err(failure) if reauthentication.asks_for(&failure) => problem.set(None),
                Err(failure) => {
                    wait.start_if(failure.retry_after_seconds());
                    problem.set(Some(failure));
                }
            }
        });
    };

    let destination_error = move || {
        if missing.get() {
            Some(ui::DESTINATION_REQUIRED.get(lang.get()))
        } else if let Some(code) = unreachable.get() {
            Some(code.message(lang.get()))
        } else {
            problem
                .get()
                .and_then(|failure| failure.code())
                .filter(|code| *code == ErrorCode::InvalidDestination)
                .map(|code| code.message(lang.get()))
        }
    };
    let is_email = move || method.get() == SecondFactorMethod::Email;
    let choices = METHODS
        .iter()
        .map(|&choice| {
            let id = format!("second-factor-method-{}", method_value(choice));
            view! {
                <div class="choice">
                    <input
                        id=id.clone()
                        class="choice-input"
                        type="radio"
                        name="second-factor-method"
                        value=method_value(choice)
                        prop:checked=move || method.get() == choice
                        on:change=move |_| {
                            method.set(choice);
                            problem.set(None);
                            missing.set(false);
                            unreachable.set(None);
                        }
                    />
                    <label class="choice-label" for=id>
                        {move || ui::method(choice).get(lang.get())}
                    </label>
                </div>
            }
        })
        .collect_view();

    view! {
        <p class="lead">{tr(ui::SECOND_FACTOR_INTRO)}</p>
        {move || {
            problem
                .get()
                .filter(|failure| failure.code() != Some(ErrorCode::InvalidDestination))
                .map(|failure| view! { <FailureAlert failure wait /> })
        }}
        <form class="form" novalidate on:submit=on_submit>
            <fieldset class="field">
                <legend class="field-label">{tr(ui::SECOND_FACTOR_METHOD)}</legend>
                <div class="choices">{choices}</div>
            </fieldset>
            <div class="field" class:field-invalid=move || destination_error().is_some()>
                <label class="field-label" for="second-factor-destination">
                    {move || if is_email() { ui::EMAIL_ADDRESS.get(lang.get()) } else { ui::PHONE_NUMBER.get(lang.get()) }}
                </label>
                <p class="field-support" id="second-factor-destination-support">
                    {move || if is_email() { ui::EMAIL_SUPPORT.get(lang.get()) } else { ui::PHONE_SUPPORT.get(lang.get()) }}
                </p>
                <input
                    id="second-factor-destination"
                    name="destination"
                    class="input"
                    type=move || if is_email() { "email" } else { "tel" }
                    inputmode=move || if is_email() { "email" } else { "tel" }
                    autocomplete=move || if is_email() { "email" } else { "tel-national" }
                    autocapitalize="none"
                    spellcheck="false"
                    required
                    aria-describedby=move || {
                        if destination_error().is_some() {
                            "second-factor-destination-support second-factor-destination-error"
                        } else {
                            "second-factor-destination-support"
                        }
                    }
                    aria-invalid=move || destination_error().map(|_| "true")
                    prop:value=move || destination.get()
                    on:input=move |ev| destination.set(event_target_value(&ev))
                />
                {move || {
                    destination_error()
                        .map(|message| {
                            view! {
                                <p class="field-error" id="second-factor-destination-error" role="alert">
                                    {message}
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
fn ConfirmStep(
    client: Authed,
    asked: Requested,
    requested: RwSignal<Option<Requested>>,
    reauthentication: Reauthentication,
) -> impl IntoView {
    let auth = use_auth();
    let flash = use_flash();
    let lang = use_lang();
    let sent_to = RwSignal::new(asked.sent_to.clone());
    let change = StoredValue::new(asked.change);
    let code = RwSignal::new(String::new());
    let format_error = RwSignal::new(false);
    let problem = RwSignal::new(None::<ApiFailure>);
    let sending = RwSignal::new(false);
    let wait = Countdown::new();
    let resend = Resend::new();
    let Resend { resending, resent, wait: resend_wait } = resend;

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() || wait.is_running() {
            return;
        }
        let Some(typed) = resend.take_code(code, format_error) else {
            return;
        };
        sending.set(true);
        spawn_local(async move {
            let result = client.confirm_second_factor_change(&typed).await;
            sending.set(false);
            match result {
                Ok(me) => {
                    // Shown on this page, which is drawn again with the account's new setting.
                    flash.show_on("/settings/second-factor", ui::SECOND_FACTOR_CHANGED);
                    requested.set(None);
                    auth.update_me(me);
                }
                Err(failure) => {
                    if failure.code() == Some(ErrorCode::InvalidCode) {
                        code.set(String::new());
                    }
                    wait.start_if(failure.retry_after_seconds());
                    problem.set(Some(failure));
                }
            }
        });
    };

    let on_resend = move |_| {
        let (method, destination) = change.get_value();
        resend.send(
            code,
            problem,
            move || async move { client.request_second_factor_change(&SecondFactorChange { method, destination }).await },
            move |destination| sent_to.set(destination),
            move |failure| {
                (!reauthentication.asks_for(&failure)).then_some(failure)
            },
        );
    };

    let code_error = code_error(format_error, problem);

    view! {
        <p class="lead" role="status">
            {move || code_sent_text(Some(&sent_to.get()), lang.get())}
        </p>
        <CodeResentAlert resent />
        <CodeProblemAlert problem wait resend_wait />
        <CodeSubmitForm
            id="second-factor-code"
            code
            error=code_error
            busy=sending
            wait
            label=ui::CHANGE
            busy_label=ui::CHANGING
            on_submit
        />
        <div class="actions">
            <ResendButton resending resend_wait on_resend />
            <button type="button" class="button button-text" on:click=move |_| requested.set(None)>
                {tr(ui::OTHER_DESTINATION)}
            </button>
        </div>
    }
}
