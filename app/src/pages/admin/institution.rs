//! `/admin/institutions/new`: the sysadmin registers an institution missing from the master
//! with the particulars its application carried (what SPEC A-5 lists for the kind, checked here by
//! `domain::application::check_particulars` before sending, and by the server again), under one of
//! the jurisdiction's health centers. todoke gives it a code; the same form rows (AJ blank, the
//! particulars in AO … AY) or the same online application then issue their accounts at it, or its
//! user manager is issued at once (`staff`, filled in). Opened from a refused form row or request
//! (`registration_href`), it starts with everything that row says: class, health center and the
//! particulars, so that nothing is typed again. The particulars' inputs ([`ParticularsInputs`],
//! [`ParticularsFields`]) are the user manager's too, for an online application.

use domain::api::{FacilityType, InstitutionParticulars, NewInstitution, Organization, RegisteredInstitution};
use domain::application::{check_particulars, AccountClass, MissingInstitution};
use domain::error::FieldError;
use domain::i18n::Text;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use super::nav::AdminNav;
use super::texts;
use crate::api::{ApiFailure, Authed};
use crate::auth::Session;
use crate::components::failure::FailureAlert;
use crate::components::organization_choice::OrganizationChoice;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, tr, ui, use_lang};

pub(crate) fn class_text(class: AccountClass) -> Text {
    match class {
        AccountClass::Notifiable => texts::CLASS_NOTIFIABLE,
        AccountClass::Sentinel => texts::CLASS_SENTINEL,
        AccountClass::Animal => texts::CLASS_ANIMAL,
    }
}

/// An institution's particulars as typed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ParticularsInputs {
    name: RwSignal<String>,
    name_kana: RwSignal<String>,
    postal_code: RwSignal<String>,
    address: RwSignal<String>,
    phone: RwSignal<String>,
    beds: RwSignal<String>,
    insurance_code: RwSignal<String>,
    non_insurance: RwSignal<bool>,
    hospital: RwSignal<Option<bool>>,
    main_department: RwSignal<String>,
    has_pediatrics: RwSignal<bool>,
}

impl ParticularsInputs {
    /// Empty inputs, or those of particulars a form row or request gave.
    pub(crate) fn new(from: Option<InstitutionParticulars>) -> Self {
        let from = from.unwrap_or_default();
        let text = |value: Option<String>| RwSignal::new(value.unwrap_or_default());
        Self {
            name: RwSignal::new(from.name),
            name_kana: RwSignal::new(from.name_kana),
            postal_code: text(from.postal_code),
            address: RwSignal::new(from.address),
            phone: RwSignal::new(from.phone),
            beds: text(from.beds.map(|beds| beds.to_string())),
            insurance_code: text(from.insurance_code),
            non_insurance: RwSignal::new(from.non_insurance),
            hospital: RwSignal::new(from.facility_type.map(|facility| facility == FacilityType::Hospital)),
            main_department: text(from.main_department),
            has_pediatrics: RwSignal::new(from.has_pediatrics.unwrap_or(false)),
        }
    }

    /// What is sent: only the items `class` has (others typed before changing the kind are dropped).
    pub(crate) fn particulars(&self, class: AccountClass) -> InstitutionParticulars {
        let text = |signal: RwSignal<String>| Some(signal.get_untracked()).filter(|value| !value.trim().is_empty());
        let sentinel = class == AccountClass::Sentinel;
        let clinic = sentinel && self.hospital.get_untracked() == Some(false);
        let notifiable = class == AccountClass::Notifiable;
        InstitutionParticulars {
            name: self.name.get_untracked(),
            name_kana: self.name_kana.get_untracked(),
            postal_code: text(self.postal_code),
            address: self.address.get_untracked(),
            phone: self.phone.get_untracked(),
            beds: (class != AccountClass::Animal).then(|| self.beds.get_untracked().trim().parse().ok()).flatten(),
            insurance_code: text(self.insurance_code).filter(|_| notifiable),
            non_insurance: notifiable && self.non_insurance.get_untracked(),
            facility_type: self.hospital.get_untracked().filter(|_| sentinel).map(|hospital| {
                if hospital {
                    FacilityType::Hospital
                } else {
                    FacilityType::Clinic
                }
            }),
            main_department: text(self.main_department).filter(|_| clinic),
            has_pediatrics: clinic.then(|| self.has_pediatrics.get_untracked()),
        }
    }
}

/// The registration's inputs: the kind, the health center and the particulars.
#[derive(Debug, Clone, Copy)]
struct Inputs {
    class: RwSignal<AccountClass>,
    health_center: RwSignal<String>,
    particulars: ParticularsInputs,
}

/// The page's address for the institution of form row `row`, carrying everything the row says of it.
pub(crate) fn registration_href(row: u32, missing: Option<&MissingInstitution>) -> String {
    let mut href = format!("/admin/institutions/new?row={row}");
    let encode = |text: &str| String::from(js_sys::encode_uri_component(text));
    if let Some(class) = missing.and_then(|missing| missing.class) {
        href.push_str(&format!("&class={}", <&'static str>::from(class)));
    }
    if let Some(code) = missing.and_then(|missing| missing.health_center_code.as_deref()) {
        href.push_str(&format!("&health_center={}", encode(code)));
    }
    let particulars = missing.and_then(|missing| missing.particulars.as_ref());
    if let Some(json) = particulars.and_then(|particulars| serde_json::to_string(particulars).ok()) {
        href.push_str(&format!("&particulars={}", encode(&json)));
    }
    href
}

impl Inputs {
    /// Empty inputs, but for what the address carries from a form row (`registration_href`).
    fn new(
        class: Option<AccountClass>,
        health_center: Option<String>,
        particulars: Option<InstitutionParticulars>,
    ) -> Self {
        Self {
            class: RwSignal::new(class.unwrap_or(AccountClass::Notifiable)),
            health_center: RwSignal::new(health_center.unwrap_or_default()),
            particulars: ParticularsInputs::new(particulars),
        }
    }

    fn institution(&self) -> NewInstitution {
        let class = self.class.get_untracked();
        NewInstitution {
            class,
            health_center_code: self.health_center.get_untracked(),
            particulars: self.particulars.particulars(class),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Sending {
    Idle,
    Busy,
    Refused(Vec<FieldError>),
    Failed(ApiFailure),
    Registered(RegisteredInstitution),
}

#[component]
pub fn InstitutionRegistrationPage(session: Session) -> impl IntoView {
    let lang = use_lang();
    let client = session.client;
    let query = use_query_map().get_untracked();
    let row = query.get("row").filter(|row| row.parse::<u32>().is_ok());
    let particulars = query.get("particulars").and_then(|json| serde_json::from_str(&json).ok());
    let inputs =
        Inputs::new(query.get("class").and_then(|class| class.parse().ok()), query.get("health_center"), particulars);
    let from_application = row.is_some();
    view! {
        <PageTitle text=texts::INSTITUTION_TITLE />
        <AdminNav role=session.me.role />
        <section class="narrow" aria-labelledby="institution-title">
            <h1 id="institution-title">{tr(texts::INSTITUTION_TITLE)}</h1>
            <p class="lead">{tr(texts::INSTITUTION_HELP)}</p>
            {row.map(|row| view! {
                <p class="alert alert-info institution-row" role="status">
                    {move || fill(texts::INSTITUTION_FROM_ROW, lang.get(), &[("row", &row)])}
                </p>
            })}
            <InstitutionForm client inputs from_application />
        </section>
    }
}

#[component]
fn InstitutionForm(client: Authed, inputs: Inputs, from_application: bool) -> impl IntoView {
    let lang = use_lang();
    let sending = RwSignal::new(Sending::Idle);
    let health_centers = LocalResource::new(move || async move { client.health_centers().await.unwrap_or_default() });
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let new = inputs.institution();
        if let Err(problems) = check_particulars(new.class, &new.particulars) {
            sending.set(Sending::Refused(problems));
            return;
        }
        sending.set(Sending::Busy);
        spawn_local(async move {
            sending.set(match client.register_institution(&new).await {
                Ok(registered) => Sending::Registered(registered),
                Err(failure) if !failure.field_errors().is_empty() => Sending::Refused(failure.field_errors().to_vec()),
                Err(failure) => Sending::Failed(failure),
            });
        });
    };
    let problems = Signal::derive(move || match sending.get() {
        Sending::Refused(problems) => problems,
        _ => Vec::new(),
    });
    view! {
        {move || match sending.get() {
            Sending::Registered(registered) => view! { <Registered registered from_application /> }.into_any(),
            Sending::Failed(failure) => view! { <FailureAlert failure /> }.into_any(),
            Sending::Refused(problems) => {
                let count = problems.len().to_string();
                view! { <p class="alert alert-error" role="alert">{move || fill(ui::APPLICANT_PROBLEMS, lang.get(), &[("n", &count)])}</p> }.into_any()
            }
            Sending::Idle | Sending::Busy => ().into_any(),
        }}
        <form class="form institution" novalidate on:submit=on_submit>
            <ClassChoice id="institution-class" class=inputs.class />
            <HealthCenterChoice value=inputs.health_center health_centers problems />
            <ParticularsFields class=inputs.class inputs=inputs.particulars problems />
            <button class="button button-primary" type="submit" disabled=move || sending.get() == Sending::Busy>
                {tr(texts::REGISTER_INSTITUTION)}
            </button>
        </form>
    }
}

/// The kind of institution (所属機関分類).
#[component]
pub(crate) fn ClassChoice(id: &'static str, class: RwSignal<AccountClass>) -> impl IntoView {
    let classes = AccountClass::ALL
        .into_iter()
        .map(|option| {
            let value: &'static str = option.into();
            view! { <option value=value selected=move || class.get() == option>{tr(class_text(option))}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label class="field-label" for=id>{tr(texts::INSTITUTION_CLASS)}</label>
            <select
                id=id
                class="input"
                on:change=move |ev| {
                    if let Ok(chosen) = event_target_value(&ev).parse::<AccountClass>() {
                        class.set(chosen);
                    }
                }
            >
                {classes}
            </select>
        </div>
    }
}

/// The particulars SPEC A-5 lists for `class`, each with the problems named by its field.
#[component]
pub(crate) fn ParticularsFields(
    class: RwSignal<AccountClass>,
    inputs: ParticularsInputs,
    problems: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let is = move |wanted: AccountClass| class.get() == wanted;
    view! {
        <TextInput id="name" label=texts::INSTITUTION_NAME value=inputs.name problems />
        <TextInput id="name_kana" label=texts::INSTITUTION_KANA value=inputs.name_kana problems />
        <TextInput id="postal_code" label=texts::POSTAL_CODE value=inputs.postal_code problems />
        <TextInput id="address" label=texts::ADDRESS value=inputs.address problems />
        <TextInput id="phone" label=texts::PHONE value=inputs.phone problems />
        <div hidden=move || is(AccountClass::Animal)>
            <TextInput id="beds" label=texts::BEDS value=inputs.beds problems />
        </div>
        <div hidden=move || !is(AccountClass::Notifiable)>
            <TextInput id="insurance_code" label=texts::INSURANCE_CODE value=inputs.insurance_code problems />
            <Check id="non_insurance" label=texts::NON_INSURANCE value=inputs.non_insurance />
        </div>
        <div hidden=move || !is(AccountClass::Sentinel)>
            <FacilityChoice hospital=inputs.hospital problems />
            <div hidden=move || inputs.hospital.get() != Some(false)>
                <TextInput id="main_department" label=texts::MAIN_DEPARTMENT value=inputs.main_department problems />
                <Check id="has_pediatrics" label=texts::HAS_PEDIATRICS value=inputs.has_pediatrics />
            </div>
        </div>
    }
}

/// The messages of the problems with `field`.
fn messages_for(problems: Signal<Vec<FieldError>>, field: &'static str) -> impl IntoView {
    move || {
        problems
            .get()
            .into_iter()
            .filter(|problem| problem.field == field)
            .map(|problem| view! { <p class="field-error" role="alert">{problem.message}</p> })
            .collect_view()
    }
}

#[component]
fn TextInput(
    id: &'static str,
    label: Text,
    value: RwSignal<String>,
    problems: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let input_id = format!("institution-{id}");
    view! {
        <div class="field">
            <label class="field-label" for=input_id.clone()>{tr(label)}</label>
            <input
                id=input_id
                class="input"
                type="text"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {messages_for(problems, id)}
        </div>
    }
}

#[component]
fn Check(id: &'static str, label: Text, value: RwSignal<bool>) -> impl IntoView {
    let input_id = format!("institution-{id}");
    view! {
        <div class="choice">
            <input
                id=input_id.clone()
                class="choice-input"
                type="checkbox"
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            <label class="choice-label" for=input_id>{tr(label)}</label>
        </div>
    }
}

#[component]
fn FacilityChoice(hospital: RwSignal<Option<bool>>, problems: Signal<Vec<FieldError>>) -> impl IntoView {
    let on_change = move |ev| {
        hospital.set(match event_target_value(&ev).as_str() {
            "hospital" => Some(true),
            "clinic" => Some(false),
            _ => None,
        })
    };
    view! {
        <div class="field">
            <label class="field-label" for="institution-facility_type">{tr(texts::FACILITY_TYPE)}</label>
            <select id="institution-facility_type" class="input" on:change=on_change>
                <option value="">"—"</option>
                <option value="hospital" selected=move || hospital.get() == Some(true)>{tr(texts::HOSPITAL)}</option>
                <option value="clinic" selected=move || hospital.get() == Some(false)>{tr(texts::CLINIC)}</option>
            </select>
            {messages_for(problems, "facility_type")}
        </div>
    }
}

#[component]
fn HealthCenterChoice(
    value: RwSignal<String>,
    health_centers: LocalResource<Vec<Organization>>,
    problems: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let on_choose = Callback::new(move |code| value.set(code));
    view! {
        <div class="field">
            <label class="field-label" for="institution-health_center">{tr(texts::STAFF_HEALTH_CENTER)}</label>
            <OrganizationChoice id="institution-health_center".to_owned() value on_choose choices=health_centers />
            {messages_for(problems, "health_center_code")}
        </div>
    }
}

/// The code todoke gave, and the way on: back to the application it came from (its rows now find
/// the institution; forms are uploaded on the sysadmin's home, `/`), or the user manager's account,
/// filled in.
#[component]
fn Registered(registered: RegisteredInstitution, from_application: bool) -> impl IntoView {
    let lang = use_lang();
    let Organization { code, name } = registered.institution;
    let href = format!("/admin/staff?role=user_manager&organization={code}");
    view! {
        <div class="alert alert-success" role="status">
            <p>{move || fill(texts::REGISTERED, lang.get(), &[("name", &name), ("code", &code)])}</p>
            {from_application.then(|| view! {
                <p>{tr(texts::REGISTERED_FROM_APPLICATION)}</p>
                <p><a class="button button-primary" href="/">{tr(texts::BACK_TO_APPLICATIONS)}</a></p>
            })}
            <p><a class="button button-secondary" href=href>{tr(texts::ISSUE_MANAGER)}</a></p>
        </div>
    }
}
