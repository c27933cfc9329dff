//! The root component: shared state in context (language, session, the outbox, receipts, app
//! updates, one-time messages), the site header, and the routes. Pages that need a session are
//! wrapped in `auth::guarded`.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::auth::{guarded, guarded_password_change, Auth};
use crate::components::flash::{Flash, FlashMessage};
use crate::components::header::SiteHeader;
use crate::components::maintenance::MaintenanceBanner;
use crate::i18n::Language;
use crate::lazy;
use crate::offline::sync::Outbox;
use crate::offline::worker::{AppUpdate, UpdateBanner};
use crate::pages::help::HelpScreen;
use crate::pages::home::home;
use crate::pages::login::code::LoginCode;
use crate::pages::login::credentials::Login;
use crate::pages::not_found::NotFound;
use crate::pages::notification::receipt::RecentReceipts;

#[component]
pub fn App() -> impl IntoView {
    let receipts = RecentReceipts::new();
    let outbox = Outbox::new(receipts);
    provide_context(Language::restore());
    provide_context(outbox);
    provide_context(receipts);
    provide_context(Flash::new());
    provide_context(AppUpdate::register());
    let auth = Auth::start(outbox, receipts);
    provide_context(auth);

    view! {
        <Router>
            <SiteHeader />
            <main id="main" class="page">
                <UpdateBanner />
                <MaintenanceBanner />
                <FlashMessage />
                <Routes fallback=NotFound>
                    <Route path=path!("/login") view=Login />
                    <Route path=path!("/login/code") view=LoginCode />
                    <Route path=path!("/password-reset") view=lazy::password_reset />
                    <Route path=path!("/help/:page") view=HelpScreen />
                    <Route path=path!("/") view=guarded(home) />
                    <Route
                        path=path!("/password")
                        view=guarded_password_change(lazy::password_change)
                    />
                    <Route
                        path=path!("/settings/second-factor")
                        view=guarded(lazy::second_factor_settings)
                    />
                    <Route
                        path=path!("/settings/api-tokens")
                        view=guarded(lazy::api_tokens)
                    />
                    <Route
                        path=path!("/notifications/new/:disease")
                        view=guarded(lazy::new_notification)
                    />
                    <Route
                        path=path!("/notifications/:id")
                        view=guarded(lazy::notification)
                    />
                    <Route
                        path=path!("/animal-reports/new/:report")
                        view=guarded(lazy::new_animal_report)
                    />
                    <Route
                        path=path!("/notifications/:id/correct")
                        view=guarded(lazy::notification_correction)
                    />
                    <Route
                        path=path!("/receipt/:id")
                        view=guarded(lazy::receipt)
                    />
                    <Route
                        path=path!("/situation")
                        view=guarded(lazy::situation)
                    />
                    <Route
                        path=path!("/situation/report")
                        view=guarded(lazy::situation_weekly_report)
                    />
                    <Route
                        path=path!("/situation/reports/:id")
                        view=guarded(lazy::situation_published_report)
                    />
                    <Route
                        path=path!("/sentinel")
                        view=guarded(lazy::sentinel_overseer)
                    />
                    <Route
                        path=path!("/sentinel/file/:kind/:period")
                        view=guarded(lazy::sentinel_filing)
                    />
                    <Route
                        path=path!("/sentinel/reports/:id")
                        view=guarded(lazy::sentinel_report)
                    />
                    <Route
                        path=path!("/sentinel/reports/:id/correct")
                        view=guarded(lazy::sentinel_correction)
                    />
                    <Route
                        path=path!("/syndromic/new")
                        view=guarded(lazy::syndromic_filing)
                    />
                    <Route
                        path=path!("/syndromic/reports/:id")
                        view=guarded(lazy::syndromic_report)
                    />
                    <Route
                        path=path!("/alarms")
                        view=guarded(lazy::alarms)
                    />
                    <Route
                        path=path!("/alarms/configuration")
                        view=guarded(lazy::alarm_configuration)
                    />
                    <Route
                        path=path!("/alarms/:id")
                        view=guarded(lazy::alarm)
                    />
                    <Route
                        path=path!("/investigations")
                        view=guarded(lazy::investigations)
                    />
                    <Route
                        path=path!("/cases/:id")
                        view=guarded(lazy::investigation_case)
                    />
                    <Route
                        path=path!("/cases/:id/chain")
                        view=guarded(lazy::investigation_chain)
                    />
                    <Route
                        path=path!("/observations/:id")
                        view=guarded(lazy::investigation_observation)
                    />
                    <Route
                        path=path!("/admin/notices")
                        view=guarded(lazy::admin_notices)
                    />
                    <Route
                        path=path!("/admin/accounts/:user_id")
                        view=guarded(lazy::admin_account)
                    />
                    <Route
                        path=path!("/admin/staff")
                        view=guarded(lazy::admin_staff)
                    />
                    <Route
                        path=path!("/admin/institutions/new")
                        view=guarded(lazy::admin_institution)
                    />
                    <Route
                        path=path!("/admin/audit")
                        view=guarded(lazy::admin_audit)
                    />
                    <Route
                        path=path!("/admin/security")
                        view=guarded(lazy::admin_security)
                    />
                </Routes>
            </main>
        </Router>
    }
}
