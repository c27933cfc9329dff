//! The root component: shared state in context (language, session, the outbox, receipts, app
//! updates, one-time messages), the site header, and the routes. Pages that need a session are
//! wrapped in `Protected`.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::auth::{Auth, Protected};
use crate::components::flash::{Flash, FlashMessage};
use crate::components::header::SiteHeader;
use crate::components::maintenance::MaintenanceBanner;
use crate::i18n::Language;
use crate::offline::sync::Outbox;
use crate::offline::worker::{AppUpdate, UpdateBanner};
use crate::pages::admin::account::AccountPage;
use crate::pages::admin::audit::AuditLogPage;
use crate::pages::admin::institution::InstitutionRegistrationPage;
use crate::pages::admin::security::SecurityPage;
use crate::pages::admin::staff::StaffIssuancePage;
use crate::pages::alarms::{AlarmPage, AlarmsPage, DetectionConfigurationPage};
use crate::pages::help::HelpScreen;
use crate::pages::home::Home;
use crate::pages::inbox::detail::NotificationDetailPage;
use crate::pages::investigations::case::CasePage;
use crate::pages::investigations::follow_up::FollowUpPage;
use crate::pages::investigations::observation::ObservationPage;
use crate::pages::login::code::LoginCode;
use crate::pages::login::credentials::Login;
use crate::pages::not_found::NotFound;
use crate::pages::notices::publish::PublishNoticesPage;
use crate::pages::notification::correction::CorrectionPage;
use crate::pages::notification::form::{NewAnimalReport, NewNotification};
use crate::pages::notification::receipt::{ReceiptPage, RecentReceipts};
use crate::pages::password::change::PasswordChangePage;
use crate::pages::password::reset::PasswordReset;
use crate::pages::sentinel::{CorrectionPage as SentinelCorrectionPage, FilingPage, OverseerPage, SentinelReportPage};
use crate::pages::settings::api_tokens::ApiTokensPage;
use crate::pages::settings::second_factor::SecondFactorSettings;
use crate::pages::situation::{PublishedReportPage, SituationPage, WeeklyReportPage};
use crate::pages::syndromic::{SyndromicFilingPage, SyndromicReportPage};

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
                    <Route path=path!("/password-reset") view=PasswordReset />
                    <Route path=path!("/help/:page") view=HelpScreen />
                    <Route path=path!("/") view=|| view! { <Protected page=|session| view! { <Home session /> } /> } />
                    <Route
                        path=path!("/password")
                        view=|| {
                            view! {
                                <Protected password_change=true page=|session| view! { <PasswordChangePage session /> } />
                            }
                        }
                    />
                    <Route
                        path=path!("/settings/second-factor")
                        view=|| view! { <Protected page=|session| view! { <SecondFactorSettings session /> } /> }
                    />
                    <Route
                        path=path!("/settings/api-tokens")
                        view=|| view! { <Protected page=|session| view! { <ApiTokensPage session /> } /> }
                    />
                    <Route
                        path=path!("/notifications/new/:disease")
                        view=|| view! { <Protected page=|session| view! { <NewNotification session /> } /> }
                    />
                    <Route
                        path=path!("/notifications/:id")
                        view=|| view! { <Protected page=|session| view! { <NotificationDetailPage session /> } /> }
                    />
                    <Route
                        path=path!("/animal-reports/new/:report")
                        view=|| view! { <Protected page=|session| view! { <NewAnimalReport session /> } /> }
                    />
                    <Route
                        path=path!("/notifications/:id/correct")
                        view=|| view! { <Protected page=|session| view! { <CorrectionPage session /> } /> }
                    />
                    <Route
                        path=path!("/receipt/:id")
                        view=|| view! { <Protected page=|session| view! { <ReceiptPage session /> } /> }
                    />
                    <Route
                        path=path!("/situation")
                        view=|| view! { <Protected page=|session| view! { <SituationPage session /> } /> }
                    />
                    <Route
                        path=path!("/situation/report")
                        view=|| view! { <Protected page=|session| view! { <WeeklyReportPage session /> } /> }
                    />
                    <Route
                        path=path!("/situation/reports/:id")
                        view=|| view! { <Protected page=|session| view! { <PublishedReportPage session /> } /> }
                    />
                    <Route
                        path=path!("/sentinel")
                        view=|| view! { <Protected page=|session| view! { <OverseerPage session /> } /> }
                    />
                    <Route
                        path=path!("/sentinel/file/:kind/:period")
                        view=|| view! { <Protected page=|session| view! { <FilingPage session /> } /> }
                    />
                    <Route
                        path=path!("/sentinel/reports/:id")
                        view=|| view! { <Protected page=|session| view! { <SentinelReportPage session /> } /> }
                    />
                    <Route
                        path=path!("/sentinel/reports/:id/correct")
                        view=|| view! { <Protected page=|session| view! { <SentinelCorrectionPage session /> } /> }
                    />
                    <Route
                        path=path!("/syndromic/new")
                        view=|| view! { <Protected page=|session| view! { <SyndromicFilingPage session /> } /> }
                    />
                    <Route
                        path=path!("/syndromic/reports/:id")
                        view=|| view! { <Protected page=|session| view! { <SyndromicReportPage session /> } /> }
                    />
                    <Route
                        path=path!("/alarms")
                        view=|| view! { <Protected page=|session| view! { <AlarmsPage session /> } /> }
                    />
                    <Route
                        path=path!("/alarms/configuration")
                        view=|| view! { <Protected page=|session| view! { <DetectionConfigurationPage session /> } /> }
                    />
                    <Route
                        path=path!("/alarms/:id")
                        view=|| view! { <Protected page=|session| view! { <AlarmPage session /> } /> }
                    />
                    <Route
                        path=path!("/investigations")
                        view=|| view! { <Protected page=|session| view! { <FollowUpPage session /> } /> }
                    />
                    <Route
                        path=path!("/cases/:id")
                        view=|| view! { <Protected page=|session| view! { <CasePage session /> } /> }
                    />
                    <Route
                        path=path!("/observations/:id")
                        view=|| view! { <Protected page=|session| view! { <ObservationPage session /> } /> }
                    />
                    <Route
                        path=path!("/admin/notices")
                        view=|| view! { <Protected page=|session| view! { <PublishNoticesPage session /> } /> }
                    />
                    <Route
                        path=path!("/admin/accounts/:user_id")
                        view=|| view! { <Protected page=|session| view! { <AccountPage session /> } /> }
                    />
                    <Route
                        path=path!("/admin/staff")
                        view=|| view! { <Protected page=|session| view! { <StaffIssuancePage session /> } /> }
                    />
                    <Route
                        path=path!("/admin/institutions/new")
                        view=|| view! { <Protected page=|session| view! { <InstitutionRegistrationPage session /> } /> }
                    />
                    <Route
                        path=path!("/admin/audit")
                        view=|| view! { <Protected page=|session| view! { <AuditLogPage session /> } /> }
                    />
                    <Route
                        path=path!("/admin/security")
                        view=|| view! { <Protected page=|session| view! { <SecurityPage session /> } /> }
                    />
                </Routes>
            </main>
        </Router>
    }
}
