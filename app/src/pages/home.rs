//! ホーム: for a doctor, the diseases to file and the institution's submitted notifications; for
//! health-center staff, the inbox of notifications routed to their center. Both see a notice when
//! the password expires soon (L-2).

use domain::api::Role;
use domain::diseases::{catalog_on, Category, Deadline, Disease};
use domain::i18n::Lang;
use leptos::prelude::*;
use time::Date;

use crate::auth::Session;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::pages::inbox::list::{NotificationList, Perspective};

#[component]
pub fn Home(session: Session) -> impl IntoView {
    let expires_on = session.me.password.expires_on;
    let page = match session.me.role {
        Role::Doctor => view! { <DoctorHome session /> }.into_any(),
        Role::HealthCenterStaff => view! { <StaffHome session /> }.into_any(),
    };
    view! {
        {expires_on.map(|date| view! { <PasswordExpiryNotice date /> })}
        {page}
    }
}

/// "2026年12月8日" in Japanese, "2026-12-08" in English.
fn date_text(date: Date, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{}年{}月{}日", date.year(), u8::from(date.month()), date.day()),
        Lang::En => format!("{}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day()),
    }
}

/// The password expires soon: when, and where to change it.
#[component]
fn PasswordExpiryNotice(date: Date) -> impl IntoView {
    let lang = use_lang();
    view! {
        <div class="alert alert-info" role="status">
            <p>{move || fill(ui::PASSWORD_EXPIRES_ON, lang.get(), &[("date", &date_text(date, lang.get()))])}</p>
            <p>
                <a class="link" href="/password">{tr(ui::CHANGE_PASSWORD_NOW)}</a>
            </p>
        </div>
    }
}

#[component]
fn DoctorHome(session: Session) -> impl IntoView {
    let today = domain::jst::date_in_japan(time::OffsetDateTime::now_utc());
    let notifiable: Vec<&'static Disease> = catalog_on(today).collect();
    // One group per legal category, in the catalog's order (一類 first).
    let mut categories: Vec<Category> = Vec::new();
    for disease in &notifiable {
        if !categories.contains(&disease.category) {
            categories.push(disease.category);
        }
    }
    let groups = categories
        .into_iter()
        .map(|category| {
            let diseases: Vec<&'static Disease> =
                notifiable.iter().copied().filter(|disease| disease.category == category).collect();
            view! { <DiseaseGroup category diseases /> }
        })
        .collect_view();
    view! {
        <PageTitle text=ui::CREATE_NOTIFICATION />
        <section aria-labelledby="create-title">
            <h1 id="create-title">{tr(ui::CREATE_NOTIFICATION)}</h1>
            {groups}
        </section>
        <section aria-labelledby="submitted-title">
            <h2 id="submitted-title">{tr(ui::SUBMITTED_NOTIFICATIONS)}</h2>
            <NotificationList session perspective=Perspective::Institution />
        </section>
    }
}

/// The diseases of one category, each a link to its form with its reporting deadline.
#[component]
fn DiseaseGroup(category: Category, diseases: Vec<&'static Disease>) -> impl IntoView {
    let lang = use_lang();
    let items = diseases
        .into_iter()
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
        <h2 class="disease-category">{move || category.name().get(lang.get())}</h2>
        <ul class="disease-list">{items}</ul>
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
