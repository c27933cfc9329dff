//! The online application form: the rows of the application form, one per member of staff,
//! without the columns the institution decides. The server checks them by the form's rules and
//! answers every problem by row (the N-th applicant) and column, shown at that row. Accounts of an
//! institution missing from the master carry its kind and particulars, checked here by the
//! rule of its registration (`domain::application::check_particulars`) and by the server again.

use domain::api::{
    AccountClass, Applicant, NewAccountRequest, RequestedAction, SecondFactorMethod, UnlistedInstitution,
};
use domain::application::check_particulars;
use domain::error::FieldError;
use domain::i18n::Text;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{ApiFailure, Authed};
use crate::components::failure::FailureAlert;
use crate::components::multiline_input::MultilineInput;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::pages::admin::institution::{ClassChoice, ParticularsFields, ParticularsInputs};

const METHODS: [SecondFactorMethod; 3] =
    [SecondFactorMethod::Email, SecondFactorMethod::Sms, SecondFactorMethod::Voice];

/// One row being entered; `key` keeps each row's inputs when another row is removed. The
/// administrators' staff issuance (`crate::pages::admin::staff`) enters its people with it too.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    key: u32,
    user_name: RwSignal<String>,
    contact_phone: RwSignal<String>,
    contact_email: RwSignal<String>,
    may_download_records: RwSignal<bool>,
    factor_method: RwSignal<SecondFactorMethod>,
    factor_destination: RwSignal<String>,
}

impl Entry {
    pub(crate) fn new(key: u32) -> Self {
        Self {
            key,
            user_name: RwSignal::new(String::new()),
            contact_phone: RwSignal::new(String::new()),
            contact_email: RwSignal::new(String::new()),
            may_download_records: RwSignal::new(false),
            factor_method: RwSignal::new(SecondFactorMethod::Email),
            factor_destination: RwSignal::new(String::new()),
        }
    }

    pub(crate) fn key(&self) -> u32 {
        self.key
    }

    pub(crate) fn applicant(&self) -> Applicant {
        Applicant {
            user_name: self.user_name.get_untracked(),
            contact_phone: self.contact_phone.get_untracked(),
            contact_email: self.contact_email.get_untracked(),
            may_download_records: self.may_download_records.get_untracked(),
            factor_method: self.factor_method.get_untracked(),
            factor_destination: self.factor_destination.get_untracked(),
        }
    }
}

/// A row of [`ApplicantRows`]: one person's inputs, with whatever else the screen asks of them.
pub(crate) trait PersonRow: Copy + Send + Sync + 'static {
    fn person(&self) -> Entry;
}

impl PersonRow for Entry {
    fn person(&self) -> Entry {
        *self
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Sending {
    Idle,
    Busy,
    Sent,
    Failed(ApiFailure),
}

#[component]
pub fn ApplicationForm(client: Authed, sent: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let next_key = StoredValue::new(1u32);
    let entries = RwSignal::new(vec![Entry::new(0)]);
    let note = RwSignal::new(String::new());
    let sending = RwSignal::new(Sending::Idle);
    let unlisted = Unlisted::new();
    let new_row = Callback::new(move |()| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        Entry::new(key)
    });
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let applicants = entries.with_untracked(|list| list.iter().map(Entry::applicant).collect());
        let note = Some(note.get_untracked()).filter(|text| !text.trim().is_empty());
        let Ok(unlisted_institution) = unlisted.checked() else { return };
        let action = RequestedAction::Issue { applicants, unlisted: unlisted_institution };
        let request = NewAccountRequest { action, note };
        sending.set(Sending::Busy);
        spawn_local(async move {
            match client.submit_request(&request).await {
                Ok(_) => {
                    entries.set(vec![Entry::new(next_key.get_value())]);
                    next_key.update_value(|key| *key += 1);
                    unlisted.chosen.set(false);
                    sending.set(Sending::Sent);
                    sent.update(|n| *n += 1);
                }
                Err(failure) => {
                    unlisted.problems.set(failure.field_errors().to_vec());
                    sending.set(Sending::Failed(failure));
                }
            }
        });
    };
    // The server names each problem by row number (the N-th applicant).
    let problems_at = Callback::new(move |index: usize| match sending.get() {
        Sending::Failed(failure) => {
            let row = u32::try_from(index + 1).unwrap_or(0);
            failure.import_problems().iter().filter(|problem| problem.row == row).map(|p| p.message.clone()).collect()
        }
        _ => Vec::new(),
    });
    view! {
        <p class="lead">{tr(ui::APPLICATION_HELP)}</p>
        {move || match sending.get() {
            Sending::Sent => view! { <p class="alert alert-success" role="status">{tr(ui::REQUEST_SENT)}</p> }.into_any(),
            Sending::Failed(failure) if !failure.import_problems().is_empty() => {
                let count = failure.import_problems().len().to_string();
                let whole_file: Vec<String> =
                    failure.import_problems().iter().filter(|p| p.row == 0).map(|p| p.message.clone()).collect();
                view! {
                    <div class="alert alert-error" role="alert">
                        <p>{move || fill(ui::APPLICANT_PROBLEMS, lang.get(), &[("n", &count)])}</p>
                        {whole_file.into_iter().map(|message| view! { <p class="alert-detail">{message}</p> }).collect_view()}
                    </div>
                }
                .into_any()
            }
            Sending::Failed(failure) => view! { <FailureAlert failure /> }.into_any(),
            Sending::Idle | Sending::Busy => ().into_any(),
        }}
        <form class="form application" novalidate on:submit=on_submit>
            <UnlistedSection unlisted />
            <ApplicantRows entries new_row problems_at on_removed=Callback::new(move |()| sending.set(Sending::Idle)) extra=|_| ().into_any() />
            <div class="field">
                <label class="field-label" for="application-note">{tr(ui::REQUEST_NOTE_OPTIONAL)}</label>
                <MultilineInput id="application-note" rows=2 value=note on_input=move |text| note.set(text) />
            </div>
            <button class="button button-primary" type="submit" disabled=move || sending.get() == Sending::Busy>
                {move || if sending.get() == Sending::Busy { ui::SENDING.get(lang.get()) } else { ui::SEND_REQUEST.get(lang.get()) }}
            </button>
        </form>
    }
}

/// The institution missing from the master that the accounts are for, if the manager says so.
#[derive(Debug, Clone, Copy)]
struct Unlisted {
    chosen: RwSignal<bool>,
    class: RwSignal<AccountClass>,
    particulars: ParticularsInputs,
    problems: RwSignal<Vec<FieldError>>,
}

impl Unlisted {
    fn new() -> Self {
        Self {
            chosen: RwSignal::new(false),
            // Most often a site newly designated as a sentinel (定点) that the sentinel master lacks.
            class: RwSignal::new(AccountClass::Sentinel),
            particulars: ParticularsInputs::new(None),
            problems: RwSignal::new(Vec::new()),
        }
    }

    /// The institution to send (`None` when not chosen), or `Err` with its problems shown.
    fn checked(&self) -> Result<Option<UnlistedInstitution>, ()> {
        self.problems.set(Vec::new());
        if !self.chosen.get_untracked() {
            return Ok(None);
        }
        let class = self.class.get_untracked();
        let particulars = self.particulars.particulars(class);
        match check_particulars(class, &particulars) {
            Ok(_) => Ok(Some(UnlistedInstitution { class, particulars })),
            Err(problems) => {
                self.problems.set(problems);
                Err(())
            }
        }
    }
}

#[component]
fn UnlistedSection(unlisted: Unlisted) -> impl IntoView {
    view! {
        <fieldset class="form-section unlisted">
            <div class="choice">
                <input
                    id="application-unlisted"
                    class="choice-input"
                    type="checkbox"
                    prop:checked=move || unlisted.chosen.get()
                    on:change=move |ev| unlisted.chosen.set(event_target_checked(&ev))
                />
                <label class="choice-label" for="application-unlisted">{tr(ui::UNLISTED_CHOICE)}</label>
            </div>
            <div hidden=move || !unlisted.chosen.get()>
                <p class="field-support">{tr(ui::UNLISTED_HELP)}</p>
                <ClassChoice id="application-unlisted-class" class=unlisted.class />
                <ParticularsFields class=unlisted.class inputs=unlisted.particulars problems=unlisted.problems.into() />
            </div>
        </fieldset>
    }
}

/// The people being entered, one [`ApplicantRow`] each, with `extra` (the screen's own inputs for the
/// row) and the problems `problems_at` names for its position (from 0); each removable while there is
/// more than one, and the button that appends `new_row`. Removing calls `on_removed`: problems name
/// rows by position, which removing a row changes. The download flag is offered where
/// `download_offered` says (always, unless given). The application form and the administrators' staff
/// issuance (`crate::pages::admin::staff`) both enter their people with it.
#[component]
pub(crate) fn ApplicantRows<R, X>(
    entries: RwSignal<Vec<R>>,
    new_row: Callback<(), R>,
    problems_at: Callback<usize, Vec<String>>,
    on_removed: Callback<()>,
    extra: X,
    #[prop(optional)] download_offered: Option<Callback<R, bool>>,
) -> impl IntoView
where
    R: PersonRow,
    X: Fn(R) -> AnyView + Clone + Send + Sync + 'static,
{
    let add = move |_| {
        let row = new_row.run(());
        entries.update(|list| list.push(row));
    };
    let position_of = move |key: u32| entries.with(|list| list.iter().position(|r| r.person().key == key)).unwrap_or(0);
    view! {
        <For
            each=move || entries.get()
            key=|row| row.person().key
            children=move |row| {
                let key = row.person().key;
                let problems = Signal::derive(move || problems_at.run(position_of(key)));
                let offered = Signal::derive(move || download_offered.is_none_or(|offered| offered.run(row)));
                let remove = move |_| {
                    entries.update(|list| list.retain(|r| r.person().key != key));
                    on_removed.run(());
                };
                let extra = extra.clone();
                view! {
                    <ApplicantRow entry=row.person() position=Signal::derive(move || position_of(key) + 1) problems download_offered=offered>
                        {extra(row)}
                        {move || (entries.with(Vec::len) > 1).then(|| view! {
                            <button class="button button-text" type="button" on:click=remove>
                                {tr(ui::REMOVE_APPLICANT)}
                            </button>
                        })}
                    </ApplicantRow>
                }
            }
        />
        <div class="actions">
            <button class="button button-secondary" type="button" on:click=add>{tr(ui::ADD_APPLICANT)}</button>
        </div>
    }
}

/// One applicant's inputs, headed by its row number, with the server's problems for that row; the
/// download flag only where `download_offered`.
#[component]
fn ApplicantRow(
    entry: Entry,
    position: Signal<usize>,
    problems: Signal<Vec<String>>,
    download_offered: Signal<bool>,
    children: ChildrenFn,
) -> impl IntoView {
    let lang = use_lang();
    let id = move |name: &str| format!("applicant-{}-{name}", entry.key);
    let is_email = move || entry.factor_method.get() == SecondFactorMethod::Email;
    let methods = METHODS
        .iter()
        .map(|&method| {
            let value = format!("{}", method.form_code());
            view! {
                <option value=value.clone() selected=move || entry.factor_method.get() == method>
                    {move || ui::method(method).get(lang.get())}
                </option>
            }
        })
        .collect_view();
    let on_method = move |ev| {
        let code = event_target_value(&ev);
        if let Some(method) = METHODS.into_iter().find(|method| method.form_code().to_string() == code) {
            entry.factor_method.set(method);
        }
    };
    view! {
        <fieldset class="form-section applicant" class:field-invalid=move || !problems.get().is_empty()>
            <legend class="form-section-title">{move || fill(ui::APPLICANT_ROW, lang.get(), &[("n", &position.get().to_string())])}</legend>
            <ApplicantField id=id("name") label=ui::USER_NAME value=entry.user_name kind="text" autocomplete="name" />
            <ApplicantField id=id("phone") label=ui::CONTACT_PHONE value=entry.contact_phone kind="tel" autocomplete="tel-national" />
            <ApplicantField id=id("email") label=ui::CONTACT_EMAIL value=entry.contact_email kind="email" autocomplete="email" />
            <div class="field">
                <label class="field-label" for=id("method")>{tr(ui::SECOND_FACTOR_METHOD)}</label>
                <select id=id("method") class="input" on:change=on_method>{methods}</select>
            </div>
            <ApplicantField
                id=id("destination")
                label=ui::CODE_DESTINATION
                value=entry.factor_destination
                kind=Signal::derive(move || if is_email() { "email" } else { "tel" })
                autocomplete="off"
            />
            <div class="choice" hidden=move || !download_offered.get()>
                <input
                    id=id("download")
                    class="choice-input"
                    type="checkbox"
                    prop:checked=move || entry.may_download_records.get()
                    on:change=move |ev| entry.may_download_records.set(event_target_checked(&ev))
                />
                <label class="choice-label" for=id("download")>{tr(ui::ALLOW_DOWNLOAD)}</label>
            </div>
            {move || problems.get().into_iter().map(|message| view! {
                <p class="field-error" role="alert">{message}</p>
            }).collect_view()}
            {children()}
        </fieldset>
    }
}

#[component]
fn ApplicantField(
    id: String,
    label: Text,
    value: RwSignal<String>,
    #[prop(into)] kind: Signal<&'static str>,
    autocomplete: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label class="field-label" for=id.clone()>{tr(label)}</label>
            <input
                id=id
                class="input"
                type=move || kind.get()
                autocomplete=autocomplete
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}
