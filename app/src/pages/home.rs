//! ホーム: for a doctor, the diseases to file and the institution's submitted notifications; for
//! health-center staff, the inbox of notifications routed to their center.

use domain::api::Role;
use domain::diseases::{Deadline, CATALOG};
use leptos::prelude::*;

use crate::auth::Session;
use crate::components::page_title::PageTitle;
use crate::i18n::{tr, ui, use_lang};
use crate::pages::inbox::list::{NotificationList, Perspective};

#[component]
pub fn Home(session: Session) -> impl IntoView {
    match session.me.role {
        Role::Doctor => view! { <DoctorHome session /> }.into_any(),
        Role::HealthCenterStaff => view! { <StaffHome session /> }.into_any(),
    }
}

#[component]
fn DoctorHome(session: Session) -> impl IntoView {
    let lang = use_lang();
    let diseases = CATALOG
        .iter()
        .map(|disease| {
            let href = format!("/notifications/new/{}", disease.code);
            let deadline = match disease.deadline {
                Deadline::Immediately => ui::DEADLINE_IMMEDIATELY,
                Deadline::WithinSevenDays => ui::DEADLINE_SEVEN_DAYS,
            };
            view! {
                <li class="disease">
                    <a class="disease-link" href=href>
                        {move || disease.name.get(lang.get())}
                    </a>
                    <span class="disease-deadline">{tr(deadline)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=ui::CREATE_NOTIFICATION />
        <section aria-labelledby="create-title">
            <h1 id="create-title">{tr(ui::CREATE_NOTIFICATION)}</h1>
            <ul class="disease-list">{diseases}</ul>
        </section>
        <section aria-labelledby="submitted-title">
            <h2 id="submitted-title">{tr(ui::SUBMITTED_NOTIFICATIONS)}</h2>
            <NotificationList session perspective=Perspective::Institution />
        </section>
    }
}

#[component]
fn StaffHome(session: Session) -> impl IntoView {
    view! {
        <PageTitle text=ui::INBOX />
        <section aria-labelledby="inbox-title">
            <h1 id="inbox-title">{tr(ui::INBOX)}</h1>
            <NotificationList session perspective=Perspective::HealthCenter />
        </section>
    }
}
