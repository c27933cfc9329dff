//! `/admin/accounts/:user_id`: one account's lifecycle for its sysadmins and supervisors:
//! its particulars, changed under the same rules as on the server; suspension, resumption, deletion,
//! password reset and a new letter, each confirmed first. A reset's new password is shown once.

use domain::api::{
    AccountChange, AccountState, InitialPassword, ManagedAccount, SecondFactorChange, SecondFactorMethod,
};
use domain::application::check_account_change;
use domain::error::{ErrorCode, FieldError, FieldErrorCode};
use domain::i18n::{Lang, Text};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{ApiFailure, Authed};
use crate::auth::Session;
use crate::components::failure::FailureAlert;
use crate::components::page_title::PageTitle;
use crate::i18n::{tr, ui, use_lang};
use crate::pages::admin::accounts::role_text;
use crate::pages::manager::staff::state_text;

const METHODS: [SecondFactorMethod; 3] =
    [SecondFactorMethod::Email, SecondFactorMethod::Sms, SecondFactorMethod::Voice];

/// What the last step did, shown above the account until the next one (a new password only here).
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Done(Text),
    NewPassword(InitialPassword),
}

#[component]
pub fn AccountPage(session: Session) -> impl IntoView {
    let params = use_params_map();
    let client = session.client;
    let user_id = Memo::new(move |_| params.with(|params| params.get("user_id").unwrap_or_default()));
    // Bumped after every step, so that the account is read again as the server now has it.
    let changed = RwSignal::new(0u32);
    let outcome = RwSignal::new(None::<Outcome>);
    // One outside the jurisdiction is not found, like one that does not exist.
    let account = LocalResource::new(move || {
        changed.track();
        let user_id = user_id.get();
        async move {
            match client.account(&user_id).await {
                Ok(account) => Ok(Some(account)),
                Err(failure) if failure.code() == Some(ErrorCode::NotFound) => Ok(None),
                Err(failure) => Err(failure),
            }
        }
    });
    let page = move || {
        account.get().map(|result| match result {
            Ok(Some(account)) => view! { <Account client account changed outcome /> }.into_any(),
            Ok(None) => view! { <div class="alert alert-error" role="alert"><p>{tr(ui::ACCOUNT_NOT_FOUND)}</p></div> }
                .into_any(),
            Err(failure) => view! { <FailureAlert failure /> }.into_any(),
        })
    };
    view! {
        <PageTitle text=ui::ACCOUNT_TITLE />
        <section class="account-page" aria-labelledby="account-title">
            <h1 id="account-title">{tr(ui::ACCOUNT_TITLE)}</h1>
            {move || outcome.get().map(|outcome| view! { <OutcomeNotice outcome /> })}
            <Transition fallback=move || view! { <p class="status">{tr(ui::LOADING)}</p> }>{page}</Transition>
            <p class="back">
                <a class="link" href="/">{tr(ui::BACK_TO_ACCOUNTS)}</a>
            </p>
        </section>
    }
}

#[component]
fn OutcomeNotice(outcome: Outcome) -> impl IntoView {
    match outcome {
        Outcome::Done(text) => {
            view! { <div class="alert alert-success" role="status"><p>{tr(text)}</p></div> }.into_any()
        }
        Outcome::NewPassword(reset) => view! {
            <div class="alert alert-info new-password" role="alert">
                <h2>{tr(ui::NEW_INITIAL_PASSWORD)}</h2>
                <dl class="facts">
                    <div class="fact">
                        <dt>{tr(ui::USER_ID)}</dt>
                        <dd>{reset.user_id}</dd>
                    </div>
                    <div class="fact">
                        <dt>{tr(ui::NEW_INITIAL_PASSWORD)}</dt>
                        <dd><code class="initial-password">{reset.initial_password}</code></dd>
                    </div>
                </dl>
                <p>{tr(ui::NEW_PASSWORD_ONCE)}</p>
            </div>
        }
        .into_any(),
    }
}

#[component]
fn Account(
    client: Authed,
    account: ManagedAccount,
    changed: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let deleted = account.state == AccountState::Deleted;
    view! {
        <AccountFacts account=account.clone() />
        {(!deleted).then(|| view! {
            <ParticularsForm client account=account.clone() changed outcome />
            <LifecycleSteps client account changed outcome />
        })}
    }
}

#[component]
fn AccountFacts(account: ManagedAccount) -> impl IntoView {
    let lang = use_lang();
    let method = account.second_factor;
    let or_none = move |value: Option<String>| {
        move || value.clone().unwrap_or_else(|| ui::NOT_REGISTERED.get(lang.get()).to_owned())
    };
    let download = if account.may_download_records { ui::YES } else { ui::NO };
    let affiliation = format!("{}（{}）", account.organization.name, account.organization.code);
    view! {
        <dl class="facts card account-facts">
            <Fact label=ui::USER_ID>{account.user_id}</Fact>
            <Fact label=ui::USER_NAME>{account.display_name}</Fact>
            <Fact label=ui::ACCOUNT_ROLE>{tr(role_text(account.role))}</Fact>
            <Fact label=ui::AFFILIATION>{affiliation}</Fact>
            <Fact label=ui::ACCOUNT_STATE>
                <span class="account-state">{tr(state_text(account.state))}</span>
            </Fact>
            <Fact label=ui::CONTACT_PHONE>{or_none(account.contact_phone)}</Fact>
            <Fact label=ui::CONTACT_EMAIL>{or_none(account.contact_email)}</Fact>
            <Fact label=ui::SECOND_FACTOR_METHOD>{move || ui::method(method).get(lang.get())}</Fact>
            <Fact label=ui::DOWNLOAD_FLAG>{tr(download)}</Fact>
        </dl>
    }
}

#[component]
fn Fact(label: Text, children: Children) -> impl IntoView {
    view! {
        <div class="fact">
            <dt>{tr(label)}</dt>
            <dd>{children()}</dd>
        </div>
    }
}

/// What the particulars form holds.
#[derive(Debug, Clone, PartialEq)]
struct Typed {
    display_name: String,
    contact_phone: String,
    contact_email: String,
    method: SecondFactorMethod,
    /// A new destination for codes; empty leaves the second factor as it is.
    destination: String,
    may_download_records: bool,
}

impl Typed {
    fn of(account: &ManagedAccount) -> Self {
        Self {
            display_name: account.display_name.clone(),
            contact_phone: account.contact_phone.clone().unwrap_or_default(),
            contact_email: account.contact_email.clone().unwrap_or_default(),
            method: account.second_factor,
            destination: String::new(),
            may_download_records: account.may_download_records,
        }
    }

    /// The change to ask for: only the items that differ from `account` (the API leaves absent ones
    /// as they are). A new method needs its destination, which the administrator cannot know.
    fn change_from(&self, account: &ManagedAccount) -> Result<AccountChange, Vec<FieldError>> {
        let changed = |typed: &str, current: Option<&str>| {
            (typed.trim() != current.unwrap_or_default().trim()).then(|| typed.to_owned())
        };
        let destination = self.destination.trim();
        if destination.is_empty() && self.method != account.second_factor {
            let code = FieldErrorCode::Required;
            return Err(vec![FieldError {
                field: "second_factor".into(),
                code,
                message: code.message(Lang::Ja).to_owned(),
            }]);
        }
        Ok(AccountChange {
            display_name: changed(&self.display_name, Some(&account.display_name)),
            contact_phone: changed(&self.contact_phone, account.contact_phone.as_deref()),
            contact_email: changed(&self.contact_email, account.contact_email.as_deref()),
            second_factor: (!destination.is_empty())
                .then(|| SecondFactorChange { method: self.method, destination: destination.to_owned() }),
            may_download_records: (self.may_download_records != account.may_download_records)
                .then_some(self.may_download_records),
        })
    }
}

#[component]
fn ParticularsForm(
    client: Authed,
    account: ManagedAccount,
    changed: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let lang = use_lang();
    let typed = RwSignal::new(Typed::of(&account));
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let account = StoredValue::new(account);
    let save = Action::new_local(move |(user_id, change): &(String, AccountChange)| {
        let (user_id, change) = (user_id.clone(), change.clone());
        async move {
            let result = client.change_account(&user_id, &change).await;
            match &result {
                Ok(()) => {
                    outcome.set(Some(Outcome::Done(ui::CHANGES_SAVED)));
                    changed.update(|n| *n += 1);
                }
                Err(refused) if refused.code() == Some(ErrorCode::ValidationFailed) => {
                    errors.set(refused.field_errors().to_vec());
                }
                Err(_) => {}
            }
            result
        }
    });
    // Field errors show at their fields; anything else above the form.
    let failure = move || {
        save.value().get().and_then(Result::err).filter(|failure| failure.code() != Some(ErrorCode::ValidationFailed))
    };
    let sending = save.pending();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let change = account.with_value(|account| typed.with_untracked(|typed| typed.change_from(account)));
        // The server's own rules first, so that mistakes show at once and at their fields.
        let change = match change.and_then(|change| check_account_change(&change).map(|_| change)) {
            Ok(change) => change,
            Err(found) => return errors.set(found),
        };
        errors.set(Vec::new());
        if change == AccountChange::default() {
            outcome.set(Some(Outcome::Done(ui::NOTHING_CHANGED)));
            return;
        }
        save.dispatch((account.with_value(|account| account.user_id.clone()), change));
    };

    let method_options = METHODS
        .into_iter()
        .map(|method| {
            view! {
                <option value=method.form_code().to_string() selected=move || typed.with(|typed| typed.method == method)>
                    {move || ui::method(method).get(lang.get())}
                </option>
            }
        })
        .collect_view();
    let on_method = move |ev| {
        let code = event_target_value(&ev);
        if let Some(method) = METHODS.into_iter().find(|method| method.form_code().to_string() == code) {
            typed.update(|typed| typed.method = method);
        }
    };

    view! {
        <section class="card" aria-labelledby="particulars-title">
            <h2 id="particulars-title">{tr(ui::PARTICULARS_TITLE)}</h2>
            <p>{tr(ui::PARTICULARS_HELP)}</p>
            {move || failure().map(|failure| view! { <FailureAlert failure /> })}
            <form class="form" novalidate on:submit=on_submit>
                <TextField
                    field="display_name"
                    label=ui::USER_NAME
                    kind="text"
                    errors
                    value=Signal::derive(move || typed.with(|typed| typed.display_name.clone()))
                    on_input=Callback::new(move |value| typed.update(|typed| typed.display_name = value))
                />
                <TextField
                    field="contact_phone"
                    label=ui::CONTACT_PHONE
                    kind="tel"
                    errors
                    value=Signal::derive(move || typed.with(|typed| typed.contact_phone.clone()))
                    on_input=Callback::new(move |value| typed.update(|typed| typed.contact_phone = value))
                />
                <TextField
                    field="contact_email"
                    label=ui::CONTACT_EMAIL
                    kind="email"
                    errors
                    value=Signal::derive(move || typed.with(|typed| typed.contact_email.clone()))
                    on_input=Callback::new(move |value| typed.update(|typed| typed.contact_email = value))
                />
                <div class="field">
                    <label class="field-label" for="account-method">{tr(ui::SECOND_FACTOR_METHOD)}</label>
                    <select id="account-method" class="input" on:change=on_method>{method_options}</select>
                </div>
                <TextField
                    field="second_factor"
                    label=ui::NEW_SECOND_FACTOR
                    support=ui::NEW_SECOND_FACTOR_SUPPORT
                    kind="text"
                    errors
                    value=Signal::derive(move || typed.with(|typed| typed.destination.clone()))
                    on_input=Callback::new(move |value| typed.update(|typed| typed.destination = value))
                />
                <div class="field">
                    <div class="choice">
                        <input
                            id="account-download"
                            class="choice-input"
                            type="checkbox"
                            prop:checked=move || typed.with(|typed| typed.may_download_records)
                            on:change=move |ev| typed.update(|typed| typed.may_download_records = event_target_checked(&ev))
                        />
                        <label class="choice-label" for="account-download">{tr(ui::ALLOW_DOWNLOAD)}</label>
                    </div>
                </div>
                <button class="button button-primary" type="submit" disabled=move || sending.get()>
                    {move || if sending.get() { ui::SENDING.get(lang.get()) } else { ui::SAVE_CHANGES.get(lang.get()) }}
                </button>
            </form>
        </section>
    }
}

/// One input of the particulars with its error below it: the code's message, in the user's
/// language (the server's Japanese text names the field by its API name).
#[component]
fn TextField(
    field: &'static str,
    label: Text,
    #[prop(optional)] support: Option<Text>,
    kind: &'static str,
    errors: RwSignal<Vec<FieldError>>,
    value: Signal<String>,
    on_input: Callback<String>,
) -> impl IntoView {
    let lang = use_lang();
    let input_id = format!("account-{field}");
    let support_id = format!("account-{field}-support");
    let error_id = format!("account-{field}-error");
    let error = move || errors.with(|errors| errors.iter().find(|error| error.field == field).map(|error| error.code));
    let described_by = if support.is_some() { format!("{support_id} {error_id}") } else { error_id.clone() };
    view! {
        <div class="field" class:field-invalid=move || error().is_some()>
            <label class="field-label" for=input_id.clone()>{tr(label)}</label>
            {support.map(|text| view! { <p class="field-support" id=support_id.clone()>{tr(text)}</p> })}
            <input
                id=input_id
                class="input"
                type=kind
                autocomplete="off"
                aria-describedby=described_by
                aria-invalid=move || error().map(|_| "true")
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
            <p id=error_id class="field-error">{move || error().map(|code| code.message(lang.get()))}</p>
        </div>
    }
}

/// The steps of the account's lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Suspend,
    Resume,
    ResetPassword,
    ResendLetter,
    Delete,
}

impl Step {
    /// The steps open to an account in `state`; a letter needs a contact address to go to.
    fn open_to(account: &ManagedAccount) -> Vec<Self> {
        let mut steps = match account.state {
            AccountState::Active => vec![Self::Suspend],
            AccountState::Suspended => vec![Self::Resume],
            AccountState::Deleted => return Vec::new(),
        };
        steps.push(Self::ResetPassword);
        if account.contact_email.is_some() {
            steps.push(Self::ResendLetter);
        }
        steps.push(Self::Delete);
        steps
    }

    fn button(self) -> Text {
        match self {
            Self::Suspend => ui::SUSPEND,
            Self::Resume => ui::RESUME,
            Self::ResetPassword => ui::RESET_PASSWORD,
            Self::ResendLetter => ui::RESEND_LETTER,
            Self::Delete => ui::DELETE_ACCOUNT,
        }
    }

    fn question(self) -> Text {
        match self {
            Self::Suspend => ui::CONFIRM_SUSPEND,
            Self::Resume => ui::CONFIRM_RESUME,
            Self::ResetPassword => ui::CONFIRM_RESET_PASSWORD,
            Self::ResendLetter => ui::CONFIRM_RESEND_LETTER,
            Self::Delete => ui::CONFIRM_DELETE,
        }
    }

    fn done(self) -> Text {
        match self {
            Self::Suspend => ui::SUSPENDED_DONE,
            Self::Resume => ui::RESUMED_DONE,
            // The new password is the outcome of a reset.
            Self::ResetPassword => ui::NEW_INITIAL_PASSWORD,
            Self::ResendLetter => ui::LETTER_RESENT,
            Self::Delete => ui::DELETED_DONE,
        }
    }

    fn is_destructive(self) -> bool {
        matches!(self, Self::Suspend | Self::Delete)
    }

    async fn run(self, client: Authed, user_id: &str) -> Result<Outcome, ApiFailure> {
        match self {
            Self::Suspend => client.set_suspended(user_id, true).await,
            Self::Resume => client.set_suspended(user_id, false).await,
            Self::ResendLetter => client.resend_letter(user_id).await,
            Self::Delete => client.delete_account(user_id).await,
            Self::ResetPassword => return client.reset_password(user_id).await.map(Outcome::NewPassword),
        }
        .map(|()| Outcome::Done(self.done()))
    }
}

#[component]
fn LifecycleSteps(
    client: Authed,
    account: ManagedAccount,
    changed: RwSignal<u32>,
    outcome: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    let lang = use_lang();
    let asking = RwSignal::new(None::<Step>);
    let user_id = StoredValue::new(account.user_id.clone());
    let take = Action::new_local(move |step: &Step| {
        let step = *step;
        async move {
            let result = step.run(client, &user_id.get_value()).await;
            asking.set(None);
            if let Ok(done) = &result {
                outcome.set(Some(done.clone()));
                changed.update(|n| *n += 1);
            }
            result
        }
    });
    let failure = move || take.value().get().and_then(Result::err);
    let sending = take.pending();
    let confirm = move |step: Step| {
        take.dispatch(step);
    };
    let buttons = Step::open_to(&account)
        .into_iter()
        .map(|step| {
            let class = if step.is_destructive() { "button button-danger" } else { "button button-secondary" };
            view! {
                <li>
                    <button type="button" class=class on:click=move |_| asking.set(Some(step))>
                        {tr(step.button())}
                    </button>
                </li>
            }
        })
        .collect_view();
    let question = move || {
        asking.get().map(|step| {
            view! {
                <div class="confirm" role="alertdialog" aria-labelledby="lifecycle-question">
                    <p id="lifecycle-question" class="confirm-question">{tr(step.question())}</p>
                    <div class="filters-actions">
                        <button
                            type="button"
                            class="button button-primary"
                            disabled=move || sending.get()
                            on:click=move |_| confirm(step)
                        >
                            {move || if sending.get() { ui::SENDING.get(lang.get()) } else { step.button().get(lang.get()) }}
                        </button>
                        <button type="button" class="button button-text" on:click=move |_| asking.set(None)>
                            {tr(ui::CANCEL)}
                        </button>
                    </div>
                </div>
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="lifecycle-title">
            <h2 id="lifecycle-title">{tr(ui::LIFECYCLE_TITLE)}</h2>
            {move || failure().map(|failure| view! { <FailureAlert failure /> })}
            <ul class="actions" hidden=move || asking.with(Option::is_some)>{buttons}</ul>
            {question}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use domain::api::{Organization, Role};

    use super::*;

    fn account() -> ManagedAccount {
        ManagedAccount {
            user_id: "doctor3".into(),
            display_name: "中央 三郎".into(),
            role: Role::Doctor,
            organization: Organization { code: "9810000003".into(), name: "市立中央病院".into() },
            state: AccountState::Active,
            may_download_records: false,
            contact_phone: Some("03-1234-5678".into()),
            contact_email: None,
            second_factor: SecondFactorMethod::Email,
        }
    }

    #[test]
    fn only_the_items_typed_differently_are_asked_for() {
        let account = account();
        let mut typed = Typed::of(&account);
        assert_eq!(typed.change_from(&account), Ok(AccountChange::default()));
        typed.contact_phone = "090-1111-2222".into();
        typed.contact_email = "chuo@example.jp".into();
        typed.may_download_records = true;
        let change = typed.change_from(&account).unwrap();
        assert_eq!(change.contact_phone.as_deref(), Some("090-1111-2222"));
        assert_eq!(change.contact_email.as_deref(), Some("chuo@example.jp"));
        assert_eq!(change.may_download_records, Some(true));
        assert_eq!((change.display_name, change.second_factor), (None, None));
    }

    #[test]
    fn a_new_method_needs_its_destination() {
        let account = account();
        let mut typed = Typed::of(&account);
        typed.method = SecondFactorMethod::Sms;
        let errors = typed.change_from(&account).unwrap_err();
        assert_eq!((errors[0].field.as_str(), errors[0].code), ("second_factor", FieldErrorCode::Required));
        typed.destination = " 090-1111-2222 ".into();
        let change = typed.change_from(&account).unwrap();
        let factor = change.second_factor.unwrap();
        assert_eq!((factor.method, factor.destination.as_str()), (SecondFactorMethod::Sms, "090-1111-2222"));
    }

    #[test]
    fn suspended_accounts_are_offered_resumption_and_letters_need_an_address() {
        let mut account = account();
        assert_eq!(Step::open_to(&account), [Step::Suspend, Step::ResetPassword, Step::Delete]);
        account.state = AccountState::Suspended;
        account.contact_email = Some("chuo@example.jp".into());
        assert_eq!(Step::open_to(&account), [Step::Resume, Step::ResetPassword, Step::ResendLetter, Step::Delete]);
        account.state = AccountState::Deleted;
        assert!(Step::open_to(&account).is_empty());
    }
}
