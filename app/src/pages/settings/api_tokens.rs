//! APIトークン (issue 20): a doctor or veterinarian lets the institution's electronic medical record
//! system file for them. A new token is shown once, here; the list shows each token's expiry, last use
//! and state, and revokes it. Making one asks for the current password again when the login is old
//! (the page's `reauthentication`), as changing the second factor does. The page is
//! `/settings/api-tokens`, reached from the header's account menu.

use domain::api::{ApiTokenRequest, ApiTokenSummary, CreatedApiToken, Role};
use domain::error::FieldError;
use domain::jst::format_jst;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use crate::api::{ApiFailure, Authed};
use crate::auth::Session;
use crate::components::code_step::BusySubmitButton;
use crate::components::countdown::Countdown;
use crate::components::failure::FailureAlert;
use crate::components::page_title::PageTitle;
use crate::i18n::{tr, ui, use_lang};
use crate::pages::settings::reauthentication::{Reauthentication, ReauthenticationPrompt};

/// The lifetime offered first, in days.
const DEFAULT_DAYS: u16 = 90;

/// Whether the role files, and so may have tokens (the server refuses the others).
pub fn has_api_tokens(role: Role) -> bool {
    matches!(role, Role::Doctor | Role::Veterinarian)
}

#[component]
pub fn ApiTokensPage(session: Session) -> impl IntoView {
    let client = session.client;
    let reauthentication = Reauthentication::default();
    view! {
        <PageTitle text=ui::API_TOKENS_TITLE />
        <div class="narrow">
            <ReauthenticationPrompt client state=reauthentication />
            {if has_api_tokens(session.me.role) {
                view! { <ApiTokenSettings client reauthentication /> }.into_any()
            } else {
                view! { <p class="alert alert-info" role="status">{tr(ui::API_TOKENS_INTRO)}</p> }.into_any()
            }}
        </div>
    }
}

#[component]
fn ApiTokenSettings(client: Authed, reauthentication: Reauthentication) -> impl IntoView {
    let tokens = RwSignal::new(Vec::<ApiTokenSummary>::new());
    let created = RwSignal::new(None::<CreatedApiToken>);
    let problem = RwSignal::new(None::<ApiFailure>);
    let reload = move || {
        spawn_local(async move {
            match client.api_tokens().await {
                Ok(list) => tokens.set(list),
                Err(failure) => problem.set(Some(failure)),
            }
        })
    };
    reload();
    let on_revoke = move |id: Uuid| {
        spawn_local(async move {
            match client.revoke_api_token(id).await {
                Ok(()) => reload(),
                Err(failure) => problem.set(Some(failure)),
            }
        })
    };

    view! {
        <section class="api-tokens" aria-labelledby="api-tokens-title">
            <h1 id="api-tokens-title">{tr(ui::API_TOKENS_TITLE)}</h1>
            <p>{tr(ui::API_TOKENS_INTRO)}</p>
            {move || created.get().map(|created| view! { <NewToken created /> })}
            {move || problem.get().map(|failure| view! { <FailureAlert failure /> })}
            <TokenForm client reauthentication created problem on_created=reload />
            <TokenList tokens on_revoke />
        </section>
    }
}

/// The token just made, with the warning that it will not be shown again.
#[component]
fn NewToken(created: CreatedApiToken) -> impl IntoView {
    view! {
        <div class="alert alert-success new-api-token" role="status">
            <p>{tr(ui::API_TOKEN_SHOWN_ONCE)}</p>
            <code class="api-token">{created.token}</code>
        </div>
    }
}

#[component]
fn TokenForm(
    client: Authed,
    reauthentication: Reauthentication,
    created: RwSignal<Option<CreatedApiToken>>,
    problem: RwSignal<Option<ApiFailure>>,
    on_created: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let name = RwSignal::new(String::new());
    let days = RwSignal::new(DEFAULT_DAYS.to_string());
    let field_errors = RwSignal::new(Vec::<FieldError>::new());
    let sending = RwSignal::new(false);
    let wait = Countdown::new();
    let error_of = move |field: &'static str| {
        move || {
            field_errors.with(|errors| {
                errors.iter().find(|error| error.field == field).map(|error| error.code.message(lang.get()))
            })
        }
    };

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        // A lifetime that is not a number is out of range, as the rule says of 0.
        let valid_days = days.get_untracked().trim().parse().unwrap_or(0);
        let request = ApiTokenRequest { name: name.get_untracked(), valid_days };
        let problems = request.problems();
        field_errors.set(problems.clone());
        if !problems.is_empty() {
            return;
        }
        sending.set(true);
        problem.set(None);
        spawn_local(async move {
            let result = client.create_api_token(&request).await;
            sending.set(false);
            match result {
                Ok(token) => {
                    created.set(Some(token));
                    name.set(String::new());
                    on_created();
                }
                Err(failure) if reauthentication.asks_for(&failure) => {}
                Err(failure) => {
                    field_errors.set(failure.field_errors().to_vec());
                    problem.set(Some(failure));
                }
            }
        });
    };

    view! {
        <form class="form" novalidate on:submit=on_submit>
            <div class="field" class:field-invalid=move || error_of("name")().is_some()>
                <label class="field-label" for="api-token-name">{tr(ui::API_TOKEN_NAME)}</label>
                <input
                    id="api-token-name"
                    name="api-token-name"
                    class="input"
                    type="text"
                    required
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                {move || error_of("name")().map(|message| view! { <p class="field-error" role="alert">{message}</p> })}
            </div>
            <div class="field" class:field-invalid=move || error_of("valid_days")().is_some()>
                <label class="field-label" for="api-token-days">{tr(ui::API_TOKEN_DAYS)}</label>
                <input
                    id="api-token-days"
                    name="api-token-days"
                    class="input"
                    type="number"
                    inputmode="numeric"
                    min="1"
                    max=domain::api::MAX_TOKEN_DAYS.to_string()
                    required
                    prop:value=move || days.get()
                    on:input=move |ev| days.set(event_target_value(&ev))
                />
                {move || {
                    error_of("valid_days")().map(|message| view! { <p class="field-error" role="alert">{message}</p> })
                }}
            </div>
            <BusySubmitButton busy=sending wait label=ui::CREATE_API_TOKEN busy_label=ui::CREATING_API_TOKEN />
        </form>
    }
}

#[component]
fn TokenList(
    tokens: RwSignal<Vec<ApiTokenSummary>>,
    on_revoke: impl Fn(Uuid) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let row = move |token: ApiTokenSummary| {
        let usable = token.is_usable(time::OffsetDateTime::now_utc());
        let state = match (token.revoked_at, usable) {
            (Some(_), _) => ui::API_TOKEN_REVOKED,
            (None, true) => ui::API_TOKEN_ACTIVE,
            (None, false) => ui::API_TOKEN_EXPIRED,
        };
        let last_used = token.last_used_at.map(format_jst);
        let id = token.id;
        view! {
            <li class="api-token-row">
                <strong>{token.name}</strong>
                " "
                <span class="badge">{tr(state)}</span>
                <dl class="facts">
                    <div class="fact">
                        <dt>{tr(ui::API_TOKEN_EXPIRES)}</dt>
                        <dd>{format_jst(token.expires_at)}</dd>
                    </div>
                    <div class="fact">
                        <dt>{tr(ui::API_TOKEN_LAST_USED)}</dt>
                        <dd>{last_used.unwrap_or_else(|| ui::API_TOKEN_NEVER_USED.get(lang.get_untracked()).to_owned())}</dd>
                    </div>
                </dl>
                {usable.then(|| view! {
                    <button type="button" class="button button-secondary" on:click=move |_| on_revoke(id)>
                        {tr(ui::REVOKE_API_TOKEN)}
                    </button>
                })}
            </li>
        }
    };
    view! {
        <ul class="api-token-list">
            {move || tokens.get().into_iter().map(row).collect_view()}
        </ul>
    }
}
