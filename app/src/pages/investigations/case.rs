//! `/cases/:id`: one case — the subject and the notification it was opened from, the investigation's
//! entries by date, the contacts, the health observations of the case and its contacts — and the
//! steps the case workflow opens: adding an entry or a contact, starting an observation, closing it.

use std::str::FromStr;

use domain::api::{CaseDetail, CloseRequest, Contact, InvestigationEntry, NewContact, NewInvestigationEntry, Role};
use domain::i18n::Text;
use domain::investigation::{
    check_contact, check_entry, CaseStep, CaseWorkflow, ContactRelation, ContactStatus, ContactStep, ContactType,
    ContactWorkflow, EntryKind,
};
use domain::jst::format_jst;
use domain::workflow::Workflow;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use uuid::Uuid;

use super::observation::StartObservationForm;
use super::{
    case_status_text, contact_status_text, contact_type_text, missing, observation_status_text, period_text,
    relation_text, texts, today, typed_date, typed_text, CloseForm, FoldedForm, FormField, RecordPage, StatusBadge,
    Submission, SubmitButton,
};
use crate::api::Authed;
use crate::auth::Session;
use crate::components::choice::RadioChoice;
use crate::components::multiline_input::MultilineInput;
use crate::i18n::{fill, tr, use_lang};
use crate::pages::inbox::list::subject_name;

const ENTRY_KINDS: [EntryKind; 5] =
    [EntryKind::Behaviour, EntryKind::Place, EntryKind::Exposure, EntryKind::Severity, EntryKind::Outcome];
const RELATIONS: [ContactRelation; 6] = [
    ContactRelation::Household,
    ContactRelation::Workplace,
    ContactRelation::School,
    ContactRelation::Healthcare,
    ContactRelation::Social,
    ContactRelation::Other,
];

#[component]
pub fn CasePage(session: Session) -> impl IntoView {
    let client = session.client;
    let role = session.me.role;
    let page = move |detail: CaseDetail, changed: Changed| view! { <Case detail client role changed /> }.into_any();
    view! { <RecordPage title=texts::CASE_TITLE load=move |id: Uuid| client.case(id) page /> }
}

type Changed = super::Changed<CaseDetail>;

#[component]
fn Case(detail: CaseDetail, client: Authed, role: Role, changed: Changed) -> impl IntoView {
    let lang = use_lang();
    let said = move |text: Text| text.get(lang.get_untracked()).to_owned();
    let case = detail.case.clone();
    let id = case.id;
    let steps = CaseWorkflow::steps_open_to(role, case.status);
    let step = |step: CaseStep| steps.contains(&step);
    let number = case.case_number.clone();
    let heading = move || fill(texts::CASE_HEADING, lang.get(), &[("number", &number)]);
    let entry_form = step(CaseStep::AddEntry).then(|| view! { <EntryForm client id changed /> });
    let contact_form = step(CaseStep::AddContact).then(|| view! { <ContactForm client id changed /> });
    let observation_form = step(CaseStep::StartObservation).then(|| {
        let contacts = detail.contacts.iter().filter(|contact| contact.status == ContactStatus::Listed).cloned();
        view! { <StartObservationForm client case=case.clone() contacts=contacts.collect() /> }
    });
    let listed: Vec<Contact> =
        detail.contacts.iter().filter(|contact| contact.status == ContactStatus::Listed).cloned().collect();
    let contact_close_form = listed
        .first()
        .map(|contact| contact.id)
        .filter(|_| role_closes_contacts(role))
        .map(|first| view! { <ContactCloseForm client listed=listed.clone() first changed /> });
    let close_form = step(CaseStep::Close).then(|| {
        let close = move |reason| async move { client.close_case(id, &CloseRequest { reason }).await.map(drop) };
        let on_closed = Callback::new(move |()| changed.run((None, said(texts::CASE_CLOSED))));
        view! { <CloseForm title=texts::CLOSE_CASE close on_closed /> }
    });
    let closed_note = steps.is_empty().then(|| view! { <p class="field-support">{tr(texts::NO_STEPS)}</p> });
    view! {
        <h1>{heading}</h1>
        <CaseFacts detail=detail.clone() />
        <p><a class="link case-chain-link" href=format!("/cases/{id}/chain")>{tr(texts::CHAIN_LINK)}</a></p>
        {closed_note}
        <section aria-labelledby="entries-title">
            <h2 id="entries-title">{tr(texts::ENTRIES)}</h2>
            <Entries entries=detail.entries />
            {entry_form}
        </section>
        <section aria-labelledby="contacts-title">
            <h2 id="contacts-title">{tr(texts::CONTACTS)}</h2>
            <Contacts contacts=detail.contacts observations=detail.observations.clone() />
            {contact_form}
            {contact_close_form}
        </section>
        <section aria-labelledby="observations-title">
            <h2 id="observations-title">{tr(texts::OBSERVATIONS)}</h2>
            <Observations observations=detail.observations />
            {observation_form}
        </section>
        {close_form}
    }
}

/// 疾病, 対象者, 担当保健所, 状態, 調査開始, 届出 (and the reason once closed).
#[component]
fn CaseFacts(detail: CaseDetail) -> impl IntoView {
    let lang = use_lang();
    let CaseDetail { case, subject_name: name, from_contact, from_contact_of, closed_reason, .. } = detail;
    let origin = match (from_contact_of, from_contact) {
        (Some(origin), _) => {
            let number = origin.contact_number;
            let said = move || fill(texts::FROM_CONTACT_OF, lang.get(), &[("number", &number)]);
            Some(
                view! {
                    <p class="field-support case-from-contact">
                        {said}
                        " "
                        <a class="link" href=format!("/cases/{}", origin.case_id)>{tr(texts::SHOW_SOURCE_CASE)}</a>
                    </p>
                }
                .into_any(),
            )
        }
        (None, Some(_)) => Some(view! { <p class="field-support">{tr(texts::FROM_CONTACT)}</p> }.into_any()),
        (None, None) => None,
    };
    let disease = case.disease.clone();
    let status = case.status;
    let facts = [
        (texts::DISEASE, view! { {move || subject_name(&disease, None, lang.get())} }.into_any()),
        (texts::SUBJECT, view! { <span class="case-subject">{name}</span> }.into_any()),
        (texts::HEALTH_CENTER, view! { {case.health_center.name} }.into_any()),
        (texts::STATUS, view! { <StatusBadge code=status.into() text=case_status_text(status) /> }.into_any()),
        (texts::OPENED_AT, view! { {format_jst(case.opened_at)} }.into_any()),
        (
            texts::NOTIFICATION,
            view! {
                <a class="link" href=format!("/notifications/{}", case.notification_id)>{tr(texts::SHOW_NOTIFICATION)}</a>
            }
            .into_any(),
        ),
    ]
    .into_iter()
    .chain(closed_reason.map(|reason| (texts::CLOSED_REASON, view! { {reason} }.into_any())))
    .map(|(term, value)| view! { <div class="fact"><dt>{tr(term)}</dt><dd>{value}</dd></div> })
    .collect_view();
    view! {
        <dl class="facts">{facts}</dl>
        {origin}
    }
}

/// The entries by the day they are about (undated ones last), each with who recorded it when.
#[component]
fn Entries(entries: Vec<InvestigationEntry>) -> impl IntoView {
    if entries.is_empty() {
        return view! { <p class="empty">{tr(texts::ENTRIES_NONE)}</p> }.into_any();
    }
    let lang = use_lang();
    let mut entries = entries;
    entries.sort_by_key(|entry| (entry.on_date.is_none(), entry.on_date, entry.recorded_at));
    let items = entries
        .into_iter()
        .map(|entry| {
            let day = entry.on_date.map(|day| day.to_string());
            let (at, by) = (format_jst(entry.recorded_at), entry.recorded_by);
            let recorded = move || fill(texts::RECORDED_BY, lang.get(), &[("at", &at), ("by", &by)]);
            view! {
                <li class="investigation-entry">
                    <p class="row-heading">
                        <strong>{move || day.clone().unwrap_or_else(|| texts::UNDATED.get(lang.get()).to_owned())}</strong>
                        " "
                        <span class="badge">{tr(entry.kind.label())}</span>
                    </p>
                    <p class="investigation-text">{entry.text}</p>
                    <p class="row-meta">{recorded}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ol class="investigation-list">{items}</ol> }.into_any()
}

/// The contacts with their number, relation, type and last exposure; the case a contact became and
/// the observation it is under.
#[component]
fn Contacts(contacts: Vec<Contact>, observations: Vec<domain::api::ObservationSummary>) -> impl IntoView {
    if contacts.is_empty() {
        return view! { <p class="empty">{tr(texts::CONTACTS_NONE)}</p> }.into_any();
    }
    let lang = use_lang();
    let items = contacts
        .into_iter()
        .map(|contact| {
            let observed = observations.iter().find(|observation| observation.contact_id == Some(contact.id));
            let observation = observed.map(|observation| {
                let period = (observation.starts_on, observation.ends_on);
                view! {
                    <a class="link" href=format!("/observations/{}", observation.id)>
                        {tr(texts::OBSERVATIONS)}
                        " "
                        {move || period_text(period.0, period.1, lang.get())}
                    </a>
                }
            });
            let became = contact.became_case.map(|case| {
                view! { <a class="link" href=format!("/cases/{case}")>{tr(texts::SHOW_CASE)}</a> }
            });
            let status = contact_status_text(contact.status);
            let closed = contact.closed_reason.map(|reason| {
                view! { <p class="row-meta investigation-contact-closed">{tr(texts::CLOSED_REASON)}"："{reason}</p> }
            });
            let exposure = contact.last_exposure.to_string();
            view! {
                <li class="investigation-contact">
                    <p class="row-heading">
                        <strong>{contact.name}</strong>
                        " "
                        <StatusBadge code=contact.status.into() text=status />
                    </p>
                    <p class="row-meta">
                        {contact.contact_number}
                        "　"
                        {tr(relation_text(contact.relation))}
                        "　"
                        {tr(contact_type_text(contact.contact_type))}
                        "　"
                        {move || fill(texts::LAST_EXPOSURE_ON, lang.get(), &[("date", &exposure)])}
                    </p>
                    {observation}
                    {became}
                    {closed}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="investigation-list">{items}</ul> }.into_any()
}

/// The observations of the case and its contacts, each to open.
#[component]
fn Observations(observations: Vec<domain::api::ObservationSummary>) -> impl IntoView {
    if observations.is_empty() {
        return view! { <p class="empty">{tr(texts::OBSERVATIONS_NONE)}</p> }.into_any();
    }
    let lang = use_lang();
    let items = observations
        .into_iter()
        .map(|observation| {
            let (from, until) = (observation.starts_on, observation.ends_on);
            let status = observation.status;
            view! {
                <li class="investigation-observation">
                    <a class="link" href=format!("/observations/{}", observation.id)>{observation.subject_name}</a>
                    " "
                    <StatusBadge code=status.into() text=observation_status_text(status) />
                    <p class="row-meta">{move || period_text(from, until, lang.get())}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="investigation-list">{items}</ul> }.into_any()
}

/// An entry: its kind, the day (required for behaviour, places and exposures) and the text.
#[component]
fn EntryForm(client: Authed, id: Uuid, changed: Changed) -> impl IntoView {
    let lang = use_lang();
    let submission = Submission::new();
    let kind = RwSignal::new(EntryKind::Behaviour);
    let on_date = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let entry = NewInvestigationEntry {
            kind: kind.get_untracked(),
            on_date: typed_date(&on_date.get_untracked()),
            text: text.get_untracked(),
        };
        submission.send(
            check_entry(&entry, today()),
            move |entry| async move { client.add_case_entry(id, &entry).await },
            move |detail| changed.run((Some(detail), texts::ENTRY_ADDED.get(lang.get_untracked()).to_owned())),
        );
    };
    let kinds = ENTRY_KINDS
        .into_iter()
        .map(|kind| {
            let code: &'static str = kind.into();
            view! { <option value=code>{tr(kind.label())}</option> }
        })
        .collect_view();
    view! {
        <FoldedForm title=texts::ADD_ENTRY submission>
            <form class="form" novalidate on:submit=on_submit>
                <FormField id="entry-kind" field="kind" label=texts::ENTRY_KIND submission required=true>
                    <select
                        id="entry-kind"
                        class="input input-select"
                        on:change=move |event| {
                            if let Ok(chosen) = EntryKind::from_str(&event_target_value(&event)) {
                                kind.set(chosen);
                            }
                        }
                    >
                        {kinds}
                    </select>
                </FormField>
                <FormField id="entry-date" field="on_date" label=texts::ENTRY_DATE submission help=texts::ENTRY_DATE_HELP>
                    <input
                        id="entry-date"
                        class="input"
                        type="date"
                        max=today().to_string()
                        aria-describedby="entry-date-help entry-date-error"
                        prop:value=move || on_date.get()
                        on:input=move |event| on_date.set(event_target_value(&event))
                    />
                </FormField>
                <FormField id="entry-text" field="text" label=texts::ENTRY_TEXT submission required=true>
                    <MultilineInput id="entry-text" described_by="entry-text-error" value=text on_input=move |typed| text.set(typed) />
                </FormField>
                <SubmitButton label=texts::ADD_ENTRY submission />
            </form>
        </FoldedForm>
    }
}

/// What the contact form holds, as typed.
#[derive(Debug, Clone, Default)]
struct TypedContact {
    name: String,
    last_exposure: String,
    birth_date: String,
    phone: String,
    email: String,
}

impl TypedContact {
    /// The contact as the server takes it, checked with its check (and the required last exposure).
    fn checked(
        &self,
        relation: ContactRelation,
        contact_type: ContactType,
    ) -> Result<NewContact, Vec<domain::error::FieldError>> {
        let today = today();
        let last_exposure = typed_date(&self.last_exposure);
        let contact = NewContact {
            name: self.name.clone(),
            relation,
            contact_type,
            last_exposure: last_exposure.unwrap_or(today),
            birth_date: typed_date(&self.birth_date),
            phone: typed_text(&self.phone),
            email: typed_text(&self.email),
        };
        let checked = check_contact(&contact, today);
        match last_exposure {
            Some(_) => checked,
            None => Err(checked.err().unwrap_or_default().into_iter().chain([missing("last_exposure")]).collect()),
        }
    }
}

/// A contact: name, relation, type, last exposure, and the birth date, phone and e-mail its link needs.
#[component]
fn ContactForm(client: Authed, id: Uuid, changed: Changed) -> impl IntoView {
    let lang = use_lang();
    let submission = Submission::new();
    let typed = RwSignal::new(TypedContact::default());
    let relation = RwSignal::new(ContactRelation::Household);
    let contact_type = RwSignal::new(ContactType::Close);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        submission.send(
            typed.with_untracked(|typed| typed.checked(relation.get_untracked(), contact_type.get_untracked())),
            move |contact| async move { client.add_contact(id, &contact).await },
            move |_: Contact| changed.run((None, texts::CONTACT_ADDED.get(lang.get_untracked()).to_owned())),
        );
    };
    let set = move |apply: fn(&mut TypedContact, String)| {
        move |event: leptos::ev::Event| typed.update(|typed| apply(typed, event_target_value(&event)))
    };
    let relations = RELATIONS
        .into_iter()
        .map(|relation| {
            let code: &'static str = relation.into();
            view! { <option value=code>{tr(relation_text(relation))}</option> }
        })
        .collect_view();
    let types = [ContactType::Close, ContactType::Casual]
        .into_iter()
        .map(|value| {
            let key = <&str>::from(value).to_owned();
            view! { <RadioChoice group="contact-type" id=key value selected=contact_type label=contact_type_text(value) /> }
        })
        .collect_view();
    view! {
        <FoldedForm title=texts::ADD_CONTACT submission>
            <form class="form" novalidate on:submit=on_submit>
                <FormField id="contact-name" field="name" label=texts::CONTACT_NAME submission required=true>
                    <input id="contact-name" class="input" type="text" autocomplete="off" aria-describedby="contact-name-error"
                        prop:value=move || typed.with(|typed| typed.name.clone()) on:input=set(|typed, value| typed.name = value) />
                </FormField>
                <FormField id="contact-relation" field="relation" label=texts::RELATION submission required=true>
                    <select
                        id="contact-relation"
                        class="input input-select"
                        on:change=move |event| {
                            if let Ok(chosen) = ContactRelation::from_str(&event_target_value(&event)) {
                                relation.set(chosen);
                            }
                        }
                    >
                        {relations}
                    </select>
                </FormField>
                <fieldset class="field">
                    <legend class="field-label">{tr(texts::CONTACT_TYPE)}</legend>
                    {types}
                </fieldset>
                <FormField id="contact-exposure" field="last_exposure" label=texts::LAST_EXPOSURE submission required=true>
                    <input id="contact-exposure" class="input" type="date" max=today().to_string()
                        aria-describedby="contact-exposure-error"
                        prop:value=move || typed.with(|typed| typed.last_exposure.clone())
                        on:input=set(|typed, value| typed.last_exposure = value) />
                </FormField>
                <FormField id="contact-birth" field="birth_date" label=texts::BIRTH_DATE submission help=texts::BIRTH_DATE_HELP>
                    <input id="contact-birth" class="input" type="date" aria-describedby="contact-birth-help contact-birth-error"
                        prop:value=move || typed.with(|typed| typed.birth_date.clone())
                        on:input=set(|typed, value| typed.birth_date = value) />
                </FormField>
                <FormField id="contact-phone" field="phone" label=texts::PHONE submission>
                    <input id="contact-phone" class="input" type="tel" autocomplete="off" aria-describedby="contact-phone-error"
                        prop:value=move || typed.with(|typed| typed.phone.clone()) on:input=set(|typed, value| typed.phone = value) />
                </FormField>
                <FormField id="contact-email" field="email" label=texts::EMAIL submission>
                    <input id="contact-email" class="input" type="email" autocomplete="off" aria-describedby="contact-email-error"
                        prop:value=move || typed.with(|typed| typed.email.clone()) on:input=set(|typed, value| typed.email = value) />
                </FormField>
                <SubmitButton label=texts::ADD_CONTACT submission />
            </form>
        </FoldedForm>
    }
}

/// Whether `role` closes contacts (a listed contact's step; whose contact it is is the server's).
fn role_closes_contacts(role: Role) -> bool {
    ContactWorkflow::steps_open_to(role, ContactStatus::Listed).contains(&ContactStep::Close)
}

/// Closing one of the listed contacts (no longer followed) with a reason; `first` is chosen at first.
#[component]
fn ContactCloseForm(client: Authed, listed: Vec<Contact>, first: Uuid, changed: Changed) -> impl IntoView {
    let lang = use_lang();
    let chosen = RwSignal::new(first);
    let close = move |reason| async move {
        client.close_contact(chosen.get_untracked(), &CloseRequest { reason }).await.map(drop)
    };
    let on_closed =
        Callback::new(move |()| changed.run((None, texts::CONTACT_CLOSE_DONE.get(lang.get_untracked()).to_owned())));
    let options = listed
        .into_iter()
        .map(|contact| {
            let label = format!("{}　{}", contact.contact_number, contact.name);
            view! { <option value=contact.id.to_string()>{label}</option> }
        })
        .collect_view();
    view! {
        <CloseForm title=texts::CLOSE_A_CONTACT close on_closed id="contact-close-reason">
            <div class="field">
                <label class="field-label" for="contact-close-which">{tr(texts::CONTACT_TO_CLOSE)}</label>
                <select
                    id="contact-close-which"
                    class="input input-select"
                    on:change=move |event| {
                        if let Ok(id) = Uuid::parse_str(&event_target_value(&event)) {
                            chosen.set(id);
                        }
                    }
                >
                    {options}
                </select>
            </div>
        </CloseForm>
    }
}
