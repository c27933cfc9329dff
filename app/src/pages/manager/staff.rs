//! The institution's staff accounts, and a request about one of them: a change of contact
//! particulars, suspension, resumption, deletion or a password reset, each for the sysadmin to decide.

use domain::api::{AccountChange, AccountState, ManagedAccount, NewAccountRequest, RequestedAction};
use domain::i18n::Text;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::api::Authed;
use crate::components::choice::RadioChoice;
use crate::components::failure::FailureAlert;
use crate::components::multiline_input::MultilineInput;
use crate::components::table::{Cell, ScrollTable};
use crate::i18n::{fill, tr, ui, use_lang};

pub fn state_text(state: AccountState) -> Text {
    match state {
        AccountState::Active => ui::STAFF_ACTIVE,
        AccountState::Suspended => ui::STAFF_SUSPENDED,
        AccountState::Deleted => ui::STAFF_DELETED,
    }
}

#[component]
pub fn StaffAccounts(client: Authed, sent: RwSignal<u32>) -> impl IntoView {
    let staff = LocalResource::new(move || {
        sent.track();
        async move { client.institution_staff().await }
    });
    // The account a request is being written about.
    let chosen = RwSignal::new(None::<ManagedAccount>);
    view! {
        <Transition fallback=move || view! { <p>{tr(ui::LOADING)}</p> }>
            {move || staff.get().map(|result| match result {
                Ok(staff) if staff.is_empty() => view! { <p class="empty">{tr(ui::NO_STAFF)}</p> }.into_any(),
                Ok(staff) => view! { <StaffTable staff chosen /> }.into_any(),
                Err(failure) => view! { <FailureAlert failure /> }.into_any(),
            })}
        </Transition>
        {move || chosen.get().map(|account| view! { <StaffRequestForm client account chosen sent /> })}
    }
}

#[component]
fn StaffTable(staff: Vec<ManagedAccount>, chosen: RwSignal<Option<ManagedAccount>>) -> impl IntoView {
    let rows = staff
        .into_iter()
        .map(|account| {
            let deleted = account.state == AccountState::Deleted;
            let state = state_text(account.state);
            let for_this = account.clone();
            // The button names its account for screen readers.
            let whose = format!(" {}", account.user_id);
            view! {
                <tr role="row">
                    <Cell label=ui::USER_ID>{account.user_id}</Cell>
                    <Cell label=ui::USER_NAME>{account.display_name.clone()}</Cell>
                    // The institution's own, or one registered for its request (e.g. its sentinel site).
                    <Cell label=ui::AFFILIATION>{account.organization.name.clone()}</Cell>
                    <Cell label=ui::STAFF_STATE>{tr(state)}</Cell>
                    <Cell label=ui::CONTACT_EMAIL>{account.contact_email.clone()}</Cell>
                    <Cell>
                        {(!deleted).then(|| view! {
                            <button
                                class="button button-secondary button-small"
                                type="button"
                                on:click=move |_| chosen.set(Some(for_this.clone()))
                            >
                                {tr(ui::ASK_FOR)}
                                <span class="visually-hidden">{whose}</span>
                            </button>
                        })}
                    </Cell>
                </tr>
            }
        })
        .collect_view();
    let headings = vec![
        Some(ui::USER_ID),
        Some(ui::USER_NAME),
        Some(ui::AFFILIATION),
        Some(ui::STAFF_STATE),
        Some(ui::CONTACT_EMAIL),
        None,
    ];
    view! { <ScrollTable class="staff card-table" headings>{rows}</ScrollTable> }
}

/// What a request about one account may ask for, given the account's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Change,
    Suspend,
    Resume,
    Delete,
    PasswordReset,
}

impl Kind {
    fn offered(state: AccountState) -> &'static [Kind] {
        match state {
            AccountState::Active => &[Kind::Change, Kind::Suspend, Kind::PasswordReset, Kind::Delete],
            AccountState::Suspended => &[Kind::Resume, Kind::Delete],
            AccountState::Deleted => &[],
        }
    }

    fn label(self) -> Text {
        match self {
            Kind::Change => ui::KIND_CHANGE,
            Kind::Suspend => ui::KIND_SUSPEND,
            Kind::Resume => ui::KIND_RESUME,
            Kind::Delete => ui::KIND_DELETE,
            Kind::PasswordReset => ui::KIND_RESET,
        }
    }

    fn action(self, user_id: String, change: AccountChange) -> RequestedAction {
        match self {
            Kind::Change => RequestedAction::Change { user_id, change },
            Kind::Suspend => RequestedAction::Suspend { user_id },
            Kind::Resume => RequestedAction::Resume { user_id },
            Kind::Delete => RequestedAction::Delete { user_id },
            Kind::PasswordReset => RequestedAction::PasswordReset { user_id },
        }
    }
}

#[component]
fn StaffRequestForm(
    client: Authed,
    account: ManagedAccount,
    chosen: RwSignal<Option<ManagedAccount>>,
    sent: RwSignal<u32>,
) -> impl IntoView {
    let lang = use_lang();
    let offered = Kind::offered(account.state);
    let kind = RwSignal::new(offered.first().copied().unwrap_or(Kind::Delete));
    let contact_phone = RwSignal::new(String::new());
    let contact_email = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let send = Action::new_local(move |request: &NewAccountRequest| {
        let request = request.clone();
        async move {
            let result = client.submit_request(&request).await;
            if result.is_ok() {
                chosen.set(None);
                sent.update(|n| *n += 1);
            }
            result
        }
    });
    let failure = move || send.value().get().and_then(Result::err);
    let user_id = account.user_id.clone();
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let typed = |value: RwSignal<String>| Some(value.get_untracked()).filter(|text| !text.trim().is_empty());
        let change = AccountChange {
            contact_phone: typed(contact_phone),
            contact_email: typed(contact_email),
            ..Default::default()
        };
        let request =
            NewAccountRequest { action: kind.get_untracked().action(user_id.clone(), change), note: typed(note) };
        send.dispatch(request);
    };
    let choices = offered
        .iter()
        .map(|&choice| {
            let id = format!("{choice:?}").to_ascii_lowercase();
            view! { <RadioChoice group="staff-request-kind" id value=choice selected=kind label=choice.label() /> }
        })
        .collect_view();
    let title = account.user_id.clone();
    view! {
        <form class="card form staff-request" novalidate on:submit=on_submit>
            <h3>{move || fill(ui::ASK_ABOUT, lang.get(), &[("id", &title)])} " " {account.display_name.clone()}</h3>
            {move || failure().map(|failure| {
                let fields = failure.field_errors().iter().map(|error| error.message.clone()).collect::<Vec<_>>();
                view! {
                    <FailureAlert failure />
                    {fields.into_iter().map(|message| view! { <p class="field-error">{message}</p> }).collect_view()}
                }
            })}
            <fieldset class="field">
                <legend class="field-label">{tr(ui::WHAT_TO_ASK)}</legend>
                <div class="choices">{choices}</div>
            </fieldset>
            {move || (kind.get() == Kind::Change).then(|| view! {
                <div class="field">
                    <label class="field-label" for="staff-request-phone">{tr(ui::NEW_CONTACT_PHONE)}</label>
                    <input id="staff-request-phone" class="input" type="tel" prop:value=move || contact_phone.get()
                        on:input=move |ev| contact_phone.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label class="field-label" for="staff-request-email">{tr(ui::NEW_CONTACT_EMAIL)}</label>
                    <input id="staff-request-email" class="input" type="email" prop:value=move || contact_email.get()
                        on:input=move |ev| contact_email.set(event_target_value(&ev)) />
                </div>
            })}
            <div class="field">
                <label class="field-label" for="staff-request-note">{tr(ui::REQUEST_NOTE_OPTIONAL)}</label>
                <MultilineInput id="staff-request-note" rows=2 value=note on_input=move |text| note.set(text) />
            </div>
            <div class="actions">
                <button class="button button-primary" type="submit" disabled=move || send.pending().get()>{tr(ui::SEND_REQUEST)}</button>
                <button class="button button-secondary" type="button" on:click=move |_| chosen.set(None)>{tr(ui::CANCEL)}</button>
            </div>
        </form>
    }
}
