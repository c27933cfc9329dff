//! `/admin/staff`: staff accounts issued down the hierarchy (SPEC §1, issue 20) through the same
//! path as a form's rows (letters, the one-time file of initial passwords, audit): the national
//! administrator issues supervisors, a supervisor its sysadmins, a sysadmin its organisation's staff
//! (with the download flag where granted) and its institutions' user managers. The roles offered are
//! `domain::hierarchy`'s; the server checks rank and jurisdiction again. `?role=…&organization=…`
//! fills the first row (the institution screen sends a new institution's user manager here).

use domain::api::{IssuedStaff, Organization, Role, StaffApplication, StaffApplications};
use domain::hierarchy::{self, OrganizationKind};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use super::nav::AdminNav;
use super::texts;
use super::Issued;
use crate::api::ApiFailure;
use crate::auth::Session;
use crate::components::failure::FailureAlert;
use crate::components::organization_choice::OrganizationChoice;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::pages::admin::accounts::role_text;
use crate::pages::manager::application::{ApplicantRows, Entry, PersonRow};

/// One person to issue: the applicant's items, the role and where.
#[derive(Debug, Clone, Copy)]
struct StaffEntry {
    person: Entry,
    role: RwSignal<Role>,
    organization: RwSignal<String>,
}

impl PersonRow for StaffEntry {
    fn person(&self) -> Entry {
        self.person
    }
}

impl StaffEntry {
    fn new(key: u32, role: Role, organization: String) -> Self {
        Self { person: Entry::new(key), role: RwSignal::new(role), organization: RwSignal::new(organization) }
    }

    fn application(&self) -> StaffApplication {
        let role = self.role.get_untracked();
        let mut applicant = self.person.applicant();
        // A flag ticked under another role is not sent for one that cannot hold it.
        applicant.may_download_records &= hierarchy::holds_download_flag(role);
        StaffApplication { role, organization_code: self.organization.get_untracked(), applicant }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Sending {
    Idle,
    Busy,
    Issued(IssuedStaff),
    Failed(ApiFailure),
}

/// The organization a new row starts with: the issuer's own 都道府県等 for a role of a 都道府県等
/// (a national administrator names one), else none yet.
fn default_organization(issuer: &Organization, issuer_role: Role, role: Role) -> String {
    let own_prefecture = issuer_role != Role::NationalAdministrator;
    if own_prefecture && hierarchy::organization_kind(role) == OrganizationKind::Prefecture {
        issuer.code.clone()
    } else {
        String::new()
    }
}

#[component]
pub fn StaffIssuancePage(session: Session) -> impl IntoView {
    let issuer_role = session.me.role;
    let roles = hierarchy::issued_by(issuer_role);
    view! {
        <PageTitle text=texts::STAFF_TITLE />
        <AdminNav role=issuer_role />
        <section aria-labelledby="staff-title">
            <h1 id="staff-title">{tr(texts::STAFF_TITLE)}</h1>
            {if roles.is_empty() {
                view! { <p class="alert alert-info" role="status">{tr(texts::STAFF_NONE)}</p> }.into_any()
            } else {
                view! { <StaffForm session /> }.into_any()
            }}
        </section>
    }
}

#[component]
fn StaffForm(session: Session) -> impl IntoView {
    let lang = use_lang();
    let client = session.client;
    let issuer_role = session.me.role;
    let issuer = session.me.organization.clone();
    let roles = hierarchy::issued_by(issuer_role);
    let query = use_query_map().get_untracked();
    let asked_role = query.get("role").and_then(|role| role.parse::<Role>().ok()).filter(|role| roles.contains(role));
    let first_role = asked_role.unwrap_or(roles[0]);
    let first_organization =
        query.get("organization").unwrap_or_else(|| default_organization(&issuer, issuer_role, first_role));
    let next_key = StoredValue::new(1u32);
    let entries = RwSignal::new(vec![StaffEntry::new(0, first_role, first_organization)]);
    let sending = RwSignal::new(Sending::Idle);
    let health_centers = LocalResource::new(move || async move { client.health_centers().await.unwrap_or_default() });
    let prefectures = LocalResource::new(move || async move { client.prefectures().await.unwrap_or_default() });
    let new_row = Callback::new(move |()| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        let role = entries.with_untracked(|list| list.last().map_or(roles[0], |last| last.role.get_untracked()));
        StaffEntry::new(key, role, default_organization(&issuer, issuer_role, role))
    });
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let staff = entries.with_untracked(|list| list.iter().map(StaffEntry::application).collect());
        sending.set(Sending::Busy);
        spawn_local(async move {
            match client.issue_staff(&StaffApplications { staff }).await {
                Ok(issued) => sending.set(Sending::Issued(issued)),
                Err(failure) => sending.set(Sending::Failed(failure)),
            }
        });
    };
    // The server names each problem `staff[i].field`; shown at row i.
    let problems_at = Callback::new(move |index: usize| {
        let prefix = format!("staff[{index}].");
        match sending.get() {
            Sending::Failed(failure) => failure
                .field_errors()
                .iter()
                .filter(|error| error.field.starts_with(&prefix))
                .map(|error| error.message.clone())
                .collect(),
            _ => Vec::new(),
        }
    });
    let extra =
        move |entry: StaffEntry| view! { <RoleAndOrganization entry roles health_centers prefectures /> }.into_any();
    let download_offered = Callback::new(|entry: StaffEntry| hierarchy::holds_download_flag(entry.role.get()));
    view! {
        <p class="lead">{tr(texts::STAFF_HELP)}</p>
        {move || match sending.get() {
            Sending::Issued(issued) => {
                view! { <Issued client batch_id=issued.batch_id count=issued.accounts.len() /> }.into_any()
            }
            Sending::Failed(failure) if !failure.field_errors().is_empty() => {
                let count = failure.field_errors().len().to_string();
                view! {
                    <div class="alert alert-error" role="alert">
                        <p>{move || fill(texts::STAFF_PROBLEMS, lang.get(), &[("n", &count)])}</p>
                    </div>
                }
                .into_any()
            }
            Sending::Failed(failure) => view! { <FailureAlert failure /> }.into_any(),
            Sending::Idle | Sending::Busy => ().into_any(),
        }}
        <form class="form application staff-issuance" novalidate on:submit=on_submit>
            <ApplicantRows
                entries
                new_row
                problems_at
                on_removed=Callback::new(move |()| sending.set(Sending::Idle))
                extra
                download_offered
            />
            <button class="button button-primary" type="submit" disabled=move || sending.get() == Sending::Busy>
                {move || if sending.get() == Sending::Busy { ui::SENDING.get(lang.get()) } else { texts::STAFF_ISSUE.get(lang.get()) }}
            </button>
        </form>
    }
}

/// The row's role and where: a 都道府県等 or a health center chosen by name from the master, or an
/// institution code.
#[component]
fn RoleAndOrganization(
    entry: StaffEntry,
    roles: &'static [Role],
    health_centers: LocalResource<Vec<Organization>>,
    prefectures: LocalResource<Vec<Organization>>,
) -> impl IntoView {
    let lang = use_lang();
    let id = move |name: &str| format!("staff-{}-{name}", entry.person.key());
    let options = roles
        .iter()
        .map(|&role| {
            let value: &'static str = role.into();
            view! { <option value=value selected=move || entry.role.get() == role>{tr(role_text(role))}</option> }
        })
        .collect_view();
    let on_role = move |ev| {
        if let Ok(role) = event_target_value(&ev).parse::<Role>() {
            entry.role.set(role);
        }
    };
    let kind = move || hierarchy::organization_kind(entry.role.get());
    let on_choose = Callback::new(move |code| entry.organization.set(code));
    let label = move || match kind() {
        OrganizationKind::HealthCenter => texts::STAFF_HEALTH_CENTER,
        OrganizationKind::Institution => texts::STAFF_INSTITUTION,
        OrganizationKind::Prefecture | OrganizationKind::National => texts::STAFF_PREFECTURE,
    };
    let organization_input = move || {
        match kind() {
        OrganizationKind::HealthCenter => {
            view! { <OrganizationChoice id=id("organization") value=entry.organization on_choose choices=health_centers /> }
                .into_any()
        }
        OrganizationKind::Prefecture => {
            view! { <OrganizationChoice id=id("organization") value=entry.organization on_choose choices=prefectures /> }
                .into_any()
        }
        OrganizationKind::Institution | OrganizationKind::National => view! {
            <input
                id=id("organization")
                class="input"
                type="text"
                autocomplete="off"
                prop:value=move || entry.organization.get()
                on:input=move |ev| entry.organization.set(event_target_value(&ev))
            />
        }
        .into_any(),
    }
    };
    view! {
        <div class="field">
            <label class="field-label" for=id("role")>{tr(texts::STAFF_ROLE)}</label>
            <select id=id("role") class="input" on:change=on_role>{options}</select>
        </div>
        <div class="field">
            <label class="field-label" for=id("organization")>{move || label().get(lang.get())}</label>
            {organization_input}
        </div>
    }
}
