//! ホーム: for a doctor (or a veterinarian), notifications returned for correction first, the disease search
//! (or the disease × animal pairs) to file and the institution's submitted ones; for staff, the filterable
//! inbox. Everyone sees the notices (お知らせ) addressed to them, and a notice when the password expires
//! soon (L-2); the administrators who publish notices find the way to do so.

use domain::animal_reports;
use domain::api::Role;
use domain::i18n::Lang;
use leptos::prelude::*;
use time::Date;

use crate::auth::Session;
use crate::components::page_title::PageTitle;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::lazy;
use crate::offline::list::DeviceWork;
use crate::pages::alarms::AlarmLinks;
use crate::pages::disease_picker::DiseasePicker;
use crate::pages::inbox::csv::CsvDownload;
use crate::pages::inbox::filters::{use_inbox_query, InboxFilters};
use crate::pages::inbox::list::{subject_name, NotificationList};
use crate::pages::inbox::paged::Inbox;
use crate::pages::inbox::returned::ReturnedForCorrection;
use crate::pages::investigations::follow_up::InvestigationsLink;
use crate::pages::notices::{texts as notice_texts, NoticeBoard};
use crate::pages::syndromic::SyndromicInbox;

/// `/`: the home of the session's role, loaded when first opened (crate::lazy).
pub fn home(session: Session) -> AnyView {
    match session.me.role {
        Role::Doctor => lazy::doctor_home(session),
        Role::Veterinarian => lazy::veterinarian_home(session),
        // 都道府県等 and national staff see the list of what they oversee (their own screens come later).
        Role::HealthCenterStaff | Role::PrefectureStaff | Role::NationalStaff => lazy::staff_home(session),
        Role::SystemAdministrator | Role::Supervisor => lazy::admin_home(session),
        Role::NationalAdministrator => lazy::national_home(session),
        Role::UserManager => lazy::manager_home(session),
        Role::SentinelSiteManager => lazy::sentinel_home(session),
    }
}

/// What tops every home: the password's expiry, the notices, and the way to publish them. Each home in
/// crate::lazy shows it, so that its code is in the modules loaded after the login (a chunk the homes'
/// groups share), not in the one the login form waits for.
#[component]
pub fn HomeNotices(session: Session) -> impl IntoView {
    let client = session.client;
    let publishes = domain::api::publishes_notices(session.me.role);
    view! {
        {session.me.password.expires_on.map(|date| view! { <PasswordExpiryNotice date /> })}
        <NoticeBoard client />
        {publishes.then(|| view! {
            <p class="notices-link">
                <a class="button button-secondary" href="/admin/notices">{tr(notice_texts::PUBLISH_LINK)}</a>
            </p>
        })}
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

/// A doctor's home (loaded when first opened: crate::lazy). Only the disease list is on the filing
/// path: the doctor's own notifications above and below it come from a module loaded after it.
#[component]
pub fn DoctorHome(session: Session) -> impl IntoView {
    let work_session = session.clone();
    view! {
        <PageTitle text=ui::CREATE_NOTIFICATION />
        {lazy::part(Box::pin(async { lazy::filer_work(work_session).await.ok() }))}
        <section aria-labelledby="create-title">
            <h1 id="create-title">{tr(ui::CREATE_NOTIFICATION)}</h1>
            <DiseasePicker session=session.clone() />
        </section>
        <section aria-labelledby="submitted-title">
            <h2 id="submitted-title">{tr(ui::SUBMITTED_NOTIFICATIONS)}</h2>
            {lazy::part(Box::pin(async { lazy::submitted_notifications(session).await.ok() }))}
        </section>
    }
}

/// A veterinarian's home (N-7): reports on this device and returned reports first, the disease × animal pairs to report (each
/// immediately), and the clinic's reports.
#[component]
pub fn VeterinarianHome(session: Session) -> impl IntoView {
    let lang = use_lang();
    let today = domain::jst::date_in_japan(time::OffsetDateTime::now_utc());
    let pairs = animal_reports::catalog_on(today)
        .map(|report| {
            let href = format!("/animal-reports/new/{}", report.code);
            view! {
                <li class="disease">
                    <a class="disease-link" href=href>
                        {move || subject_name(report.disease_code, Some(report.code), lang.get())}
                    </a>
                    <span class="disease-deadline">{tr(ui::DEADLINE_IMMEDIATELY)}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <PageTitle text=ui::CREATE_ANIMAL_REPORT />
        <DeviceWork session=session.clone() />
        <ReturnedForCorrection session=session.clone() />
        <section aria-labelledby="create-title">
            <h1 id="create-title">{tr(ui::CREATE_ANIMAL_REPORT)}</h1>
            <p class="lead">{tr(ui::ANIMAL_REPORT_INTRO)}</p>
            <ul class="disease-list">{pairs}</ul>
        </section>
        <section aria-labelledby="submitted-title">
            <h2 id="submitted-title">{tr(ui::SUBMITTED_NOTIFICATIONS)}</h2>
            <NotificationList session />
        </section>
    }
}

/// The home of health center, prefecture and national staff: their inbox and the ways to their own
/// screens (loaded when first opened: crate::lazy).
#[component]
pub fn StaffHome(session: Session) -> impl IntoView {
    let query = use_inbox_query();
    let filter = Signal::derive(move || query.with(|query| query.filter.clone()));
    let may_download = session.me.may_download_records;
    let patients = domain::workflow::opens_records(session.me.role, may_download);
    let client = session.client;
    let role = session.me.role;
    view! {
        <PageTitle text=ui::INBOX />
        <p class="situation-link">
            <a class="button button-secondary" href="/situation">{tr(crate::pages::situation::HOME_LINK)}</a>
            " "
            <a class="button button-secondary" href="/sentinel">{tr(crate::pages::sentinel::texts::OVERSEER_LINK)}</a>
            " "
            <InvestigationsLink role />
        </p>
        <AlarmLinks session=session.clone() />
        <SyndromicInbox session=session.clone() />
        <section aria-labelledby="inbox-title">
            <h1 id="inbox-title">{tr(ui::INBOX)}</h1>
            <InboxFilters query patients />
            {may_download.then(|| view! { <CsvDownload filter /> })}
            <Inbox client query />
        </section>
    }
}
