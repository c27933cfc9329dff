//! Screens loaded when first opened (issue 17): everything behind the login, so that the module a
//! phone needs for the login form holds little more than Leptos and the login steps; and the device's
//! work of a session (group `sync`: the outbox's sync engine, the sealed store in IndexedDB, the
//! logout's wipe), loaded when a session starts (or a remembered account starts offline) and precached
//! by the service worker like `filing`, so that it runs offline.
//! Each group is a split point of `wasm_split_helpers` (through leptos): when the build splits the
//! wasm (`cfg(todoke_split)`, set by app/build.rs for `TODOKE_WASM_SPLIT=1`, with
//! scripts/wasm-split/wasm-bindgen standing in for wasm-bindgen on Trunk's PATH), a group's code goes
//! to a module of its own that the browser fetches the first time one of its screens is shown.
//! Groups: `filing` (a doctor's home, the form, the receipt: the filing path, which the service
//! worker precaches at install, scripts/sw-precache.sh), `filing_later` (what else doctors and
//! veterinarians use, offline too: a notification's detail, its correction, a veterinarian's home and
//! report; precached by the worker after `filing`), `help` (the help guide's screen, open without a
//! session; precached after `filing` too, so that the guide reads offline), `notices` (the notices on
//! every home, loaded only when there are some; precached after `filing` too), the notification forms
//! ([`form_definition`]: `forms_vaccine_preventable`, the filing path's family, precached with `filing`;
//! `forms_later`, the other families, precached after it; the veterinarians' form is `filing_later`'s),
//! `settings` (the password change and reset too),
//! and the screens a doctor never opens: `admin`, `manager`, `health_center`, `sentinel` (kept by the
//! service worker once fetched, pwa-assets/sw.js). Without a split (a plain `trunk build`) these are
//! the screens themselves, compiled into the one module.
//!
//! Every screen here is a [`crate::auth::Page`], `fn(Session) -> AnyView`, but `help` and
//! `password_reset` (without a session); the `sync` group's, `load_corrections`, `notice_list` and the
//! forms' are async calls (`lazy_calls!`).

use std::future::Future;
use std::pin::Pin;

use domain::api::{Me, MyNotice, Role};
use domain::forms::{
    animal_form, ChronicForm, Class1To3Form, Class4Form, Class5Form, FormDefinition, FormRef, VaccinePreventableForm,
};
use domain::i18n::Text;
use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use send_wrapper::SendWrapper;

use crate::api::Authed;
use crate::auth::Session;
use crate::i18n::{tr, ui};
use crate::offline::list::DeviceWork;
use crate::offline::sync::{self, Outbox};
use crate::offline::{drafts, DeviceError};
use crate::pages::admin::account::AccountPage;
use crate::pages::admin::audit::AuditLogPage;
use crate::pages::admin::institution::InstitutionRegistrationPage;
use crate::pages::admin::masters::MastersHome;
use crate::pages::admin::nav::AdminNav;
use crate::pages::admin::security::SecurityPage;
use crate::pages::admin::staff::StaffIssuancePage;
use crate::pages::admin::AdminHome;
use crate::pages::alarms::{AlarmLinks, AlarmPage, AlarmsPage, DetectionConfigurationPage};
use crate::pages::help::HelpScreen;
use crate::pages::home::{DoctorHome, HomeNotices, StaffHome, VeterinarianHome};
use crate::pages::inbox::detail::NotificationDetailPage;
use crate::pages::inbox::list::NotificationList;
use crate::pages::inbox::returned::ReturnedForCorrection;
use crate::pages::investigations::case::CasePage;
use crate::pages::investigations::chain::ChainPage;
use crate::pages::investigations::follow_up::FollowUpPage;
use crate::pages::investigations::observation::ObservationPage;
use crate::pages::manager::ManagerHome;
use crate::pages::notices::publish::PublishNoticesPage;
use crate::pages::notices::NoticeList;
use crate::pages::notification::correction::CorrectionPage;
use crate::pages::notification::form::{NewAnimalReport, NewNotification};
use crate::pages::notification::receipt::ReceiptPage;
use crate::pages::password::change::PasswordChangePage;
use crate::pages::password::reset::PasswordReset;
use crate::pages::sentinel::{
    CorrectionPage as SentinelCorrectionPage, FilingPage, OverseerPage, SentinelReportPage, SiteHome,
};
use crate::pages::settings::api_tokens::ApiTokensPage;
use crate::pages::settings::second_factor::SecondFactorSettings;
use crate::pages::situation::{PublishedReportPage, SituationPage, WeeklyReportPage};
use crate::pages::syndromic::{SyndromicFilingPage, SyndromicReportPage};

/// `name => group: |session| view`: a public `fn name(Session) -> AnyView` that shows `view`, its code
/// in the module of `group` when the build splits, once the group's lazily loaded styles are there
/// ([`later`]); `name => group: | | view`, a `fn name() -> AnyView` for a screen shown without a session.
macro_rules! lazy_pages {
    ($($(#[$doc:meta])* $name:ident => $group:ident: |$($session:ident)?| $view:expr;)*) => {$(
        $(#[$doc])*
        pub fn $name($($session: Session)?) -> AnyView {
            // The same name inside: the split point's symbols are named after it, so it must be unique.
            #[cfg_attr(
                todoke_split,
                leptos::wasm_split::wasm_split($group, wasm_split_path = ::leptos::wasm_split, fallible)
            )]
            fn $name($($session: Session)?) -> Result<AnyView, SplitLoaderError> {
                Ok($view.into_any())
            }
            #[cfg(todoke_split)]
            let page = $name($($session)?);
            #[cfg(not(todoke_split))]
            let page = async move { $name($($session)?) };
            later(Box::pin(page), stringify!($group))
        }
    )*};
}

lazy_pages! {
    /// `/` of a doctor. Every home shows `HomeNotices` first.
    doctor_home => filing: |session| view! { <HomeNotices session=session.clone() /> <DoctorHome session /> };
    new_notification => filing: |session| view! { <NewNotification session /> };
    receipt => filing: |session| view! { <ReceiptPage session /> };
    /// A notification's detail: the filer's, and the health center's inbox opens it too.
    notification => filing_later: |session| view! { <NotificationDetailPage session /> };
    notification_correction => filing_later: |session| view! { <CorrectionPage session /> };
    /// `/` of a veterinarian.
    veterinarian_home => filing_later: |session| view! {
        <HomeNotices session=session.clone() />
        <VeterinarianHome session />
    };
    new_animal_report => filing_later: |session| view! { <NewAnimalReport session /> };
    /// `/help/:page`, with or without a session (the login form's ? too).
    help => help: | | view! { <HelpScreen /> };
    /// `/password-reset`, from the login form (it needs the network, as the login does).
    password_reset => settings: | | view! { <PasswordReset /> };
    /// `/password`: the user's own change, also the one required after the first login.
    password_change => settings: |session| view! { <PasswordChangePage session /> };
    second_factor_settings => settings: |session| view! { <SecondFactorSettings session /> };
    api_tokens => settings: |session| view! { <ApiTokensPage session /> };
    /// `/` of a system administrator or supervisor.
    admin_home => admin: |session| view! { <HomeNotices session=session.clone() /> <AdminHome session /> };
    admin_account => admin: |session| view! { <AccountPage session /> };
    admin_staff => admin: |session| view! { <StaffIssuancePage session /> };
    admin_institution => admin: |session| view! { <InstitutionRegistrationPage session /> };
    admin_audit => admin: |session| view! { <AuditLogPage session /> };
    admin_security => admin: |session| view! { <SecurityPage session /> };
    admin_notices => admin: |session| view! { <PublishNoticesPage session /> };
    /// `/` of the national administrator.
    national_home => admin: |session| view! {
        <HomeNotices session=session.clone() />
        <AdminNav role=Role::NationalAdministrator />
        <AlarmLinks session=session.clone() />
        <MastersHome session />
    };
    /// `/` of a user manager.
    manager_home => manager: |session| view! { <HomeNotices session=session.clone() /> <ManagerHome session /> };
    /// `/` of health center, prefecture and national staff.
    staff_home => health_center: |session| view! { <HomeNotices session=session.clone() /> <StaffHome session /> };
    situation => health_center: |session| view! { <SituationPage session /> };
    situation_weekly_report => health_center: |session| view! { <WeeklyReportPage session /> };
    situation_published_report => health_center: |session| view! { <PublishedReportPage session /> };
    sentinel_overseer => health_center: |session| view! { <OverseerPage session /> };
    alarms => health_center: |session| view! { <AlarmsPage session /> };
    alarm_configuration => health_center: |session| view! { <DetectionConfigurationPage session /> };
    alarm => health_center: |session| view! { <AlarmPage session /> };
    investigations => health_center: |session| view! { <FollowUpPage session /> };
    investigation_case => health_center: |session| view! { <CasePage session /> };
    investigation_chain => health_center: |session| view! { <ChainPage session /> };
    investigation_observation => health_center: |session| view! { <ObservationPage session /> };
    /// `/` of a sentinel site's manager.
    sentinel_home => sentinel: |session| view! { <HomeNotices session=session.clone() /> <SiteHome session /> };
    sentinel_filing => sentinel: |session| view! { <FilingPage session /> };
    sentinel_report => sentinel: |session| view! { <SentinelReportPage session /> };
    sentinel_correction => sentinel: |session| view! { <SentinelCorrectionPage session /> };
    syndromic_filing => sentinel: |session| view! { <SyndromicFilingPage session /> };
    syndromic_report => sentinel: |session| view! { <SyndromicReportPage session /> };
}

/// A future of the browser's, given by a module loaded later.
type LocalBoxFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// `name(arg: Type, …) -> Output => group: body`: a public `async fn name(arg: Type, …) ->
/// Result<Output, SplitLoaderError>` that runs the future `body` (its arguments moved in), its code in
/// the module of `group` when the build splits; `Err` when that module cannot be fetched.
macro_rules! lazy_calls {
    ($($(#[$doc:meta])* $name:ident($($arg:ident: $ty:ty),*) -> $out:ty => $group:ident: $body:expr;)*) => {$(
        $(#[$doc])*
        pub async fn $name($($arg: $ty),*) -> Result<$out, SplitLoaderError> {
            // The same name inside: the split point's symbols are named after it, so it must be unique.
            #[cfg_attr(
                todoke_split,
                leptos::wasm_split::wasm_split($group, wasm_split_path = ::leptos::wasm_split, fallible)
            )]
            fn $name($($arg: $ty),*) -> Result<LocalBoxFuture<$out>, SplitLoaderError> {
                Ok(Box::pin(async move { $body }))
            }
            #[cfg(todoke_split)]
            let call = $name($($arg),*).await?;
            #[cfg(not(todoke_split))]
            let call = $name($($arg),*)?;
            Ok(call.await)
        }
    )*};
}

lazy_calls! {
    /// [`Outbox::start`] for the account: it runs only with a session (or a remembered account).
    start_outbox(outbox: Outbox, me: Me, client: Authed, confirmed_by_server: bool) -> () => sync:
        outbox.start(&me, client, confirmed_by_server);
    /// [`sync::remembered_account`], for a start without a network.
    remembered_account() -> Option<Me> => sync: sync::remembered_account().await;
    /// [`drafts::wipe`] at logout.
    wipe_device(owner: String) -> Result<(), DeviceError> => sync: drafts::wipe(&owner).await;
    /// [`drafts::unsent`], asked before a logout.
    unsent(owner: String) -> Result<usize, DeviceError> => sync: drafts::unsent(&owner).await;
    /// Nothing but the modules of a returned notification's correction (group `filing_later`): the list
    /// of returned notifications loads them, so that a correction opens without a network later in this
    /// page also where no service worker precached them (none yet, or blocked).
    load_corrections() -> () => filing_later: ();
    /// The home's notices, [`NoticeList`], loaded only when there is one to show (precached by the
    /// worker after the filing path: every home may show some).
    notice_list(client: Authed, notices: Vec<MyNotice>) -> AnyView => notices:
        view! { <NoticeList client notices /> }.into_any();
    /// The doctor's notifications returned for correction and the device's unsent work, above the
    /// disease list of the doctor's home ([`part`]): off the filing path, precached after it.
    filer_work(session: Session) -> AnyView => filing_later:
        view! { <ReturnedForCorrection session=session.clone() /> <DeviceWork session /> }.into_any();
    /// The institution's submitted notifications, below the disease list of the doctor's home ([`part`]).
    submitted_notifications(session: Session) -> AnyView => filing_later:
        view! { <NotificationList session /> }.into_any();
    /// A form of the family on the filing path (measles, rubella, pertussis; [`form_definition`]).
    vaccine_preventable_form(form: VaccinePreventableForm) -> &'static FormDefinition => forms_vaccine_preventable:
        form.definition();
    /// The other families' forms, in one group: the worker precaches them all after the filing path,
    /// and a group a family cost the path's loader (`__wasm_split.js`) about 160 B each.
    class1_to_3_form(form: Class1To3Form) -> &'static FormDefinition => forms_later: form.definition();
    class4_form(form: Class4Form) -> &'static FormDefinition => forms_later: form.definition();
    class5_form(form: Class5Form) -> &'static FormDefinition => forms_later: form.definition();
    chronic_form(form: ChronicForm) -> &'static FormDefinition => forms_later: form.definition();
    /// The veterinarians' form, with their screens (group `filing_later`).
    veterinarians_form() -> &'static FormDefinition => filing_later: animal_form();
}

/// What a module loaded later shows inside a screen: nothing until it is there, and nothing when it
/// cannot be had (offline before the service worker kept it), so that the screen works without it and
/// does not wait for it. Boxed, so that this is compiled once.
pub fn part(view: LocalBoxFuture<Option<AnyView>>) -> AnyView {
    // The module's fetch is the browser's: it never leaves this thread.
    let view = SendWrapper::new(view);
    Suspend::new(async move { SendWrapper::new(view.await).take().unwrap_or_else(|| ().into_any()) }).into_any()
}

/// The definition of `form`, once the module of its family is loaded: the filing path's family's
/// forms (their static data) are in a module of their own, the other families' in another, so that
/// the filing path downloads the family of the form it opens only (issue 17; the service worker
/// precaches the others after it). Never
/// [`FormRef::definition`] here: it reaches every family's forms, which would all be in the
/// module of the code calling it.
pub async fn form_definition(form: FormRef) -> Result<&'static FormDefinition, SplitLoaderError> {
    match form {
        FormRef::VaccinePreventable(form) => vaccine_preventable_form(form).await,
        FormRef::Class1To3(form) => class1_to_3_form(form).await,
        FormRef::Class4(form) => class4_form(form).await,
        FormRef::Class5(form) => class5_form(form).await,
        FormRef::Chronic(form) => chronic_form(form).await,
        FormRef::Animal => veterinarians_form().await,
    }
}

/// What `shown` makes of `form`'s definition ([`form_definition`]): "loading" meanwhile, and a message
/// instead when its module cannot be fetched (first opened offline).
pub fn with_form(form: FormRef, shown: impl FnOnce(&'static FormDefinition) -> AnyView + 'static) -> AnyView {
    // No stylesheet is the forms' own: the screen showing one enabled its group's.
    later(Box::pin(async move { form_definition(form).await.map(shown) }), "forms")
}

const UNAVAILABLE: Text = Text::new(
    "この画面はまだこの端末にありません。ネットワークにつながってから開き直してください。",
    "This screen is not on this device yet. Open it again once the network is back.",
);

/// The page once its module is loaded (at once when it already is) and the lazily loaded styles of its
/// `group` with it ([`styles::enabled`]), so that it never shows unstyled; "loading" meanwhile, and a
/// message instead of the page when its module cannot be fetched (first opened offline). The loader's
/// future comes boxed: each screen's is a type of its own, and `Suspend`'s future, its `Suspense` and
/// the styles' wait would otherwise be compiled once per screen, into the main module.
fn later(page: LocalBoxFuture<Result<AnyView, SplitLoaderError>>, group: &str) -> AnyView {
    // The loader's future and the styles' are the browser's (fetches): they never leave this thread.
    let (page, styled) = (SendWrapper::new(page), SendWrapper::new(styles::enabled(group)));
    let shown = Suspend::new(async move {
        // The styles load meanwhile: their fetches started with `enabled`.
        let page = SendWrapper::new(page.await);
        styled.await;
        page.take()
            .unwrap_or_else(|_| view! { <p class="alert alert-error" role="alert">{tr(UNAVAILABLE)}</p> }.into_any())
    });
    view! {
        <Suspense fallback=|| view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }>{shown}</Suspense>
    }
    .into_any()
}

/// The lazily loaded screens' stylesheets: linked by app/index.html as `<link … disabled
/// data-lazy-style>`, which the browser does not fetch, so that the login form waits only for the
/// shell's; enabled (fetched) the first time a screen that uses them is shown: those with
/// `data-lazy-style` by every such screen, those with `data-lazy-style-<group>` (one attribute a group:
/// Trunk would escape the spaces of a list in one value) by a screen of one of those groups only, so
/// that the filing path does not fetch the other roles' styles. The service worker precaches them all
/// (pwa-assets/sw.js; the other roles' after the filing path), so they are there offline too.
mod styles {
    use std::cell::RefCell;
    use std::future::Future;

    use js_sys::{Array, Promise};
    use leptos::prelude::document;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::Element;

    thread_local! {
        /// Each enabled stylesheet's `href` and load, settled once it loaded or failed (the browser runs
        /// one thread): a stylesheet two groups use is enabled once and waited for by both. A list, not
        /// a map: there are nine, and a `HashMap`'s hashing would add a kilobyte to the main module.
        static ENABLED: RefCell<Vec<(String, Promise)>> = const { RefCell::new(Vec::new()) };
    }

    /// Enables the `group`'s (those not enabled yet) and resolves once each has loaded, or failed to: a
    /// stylesheet not to be had leaves its screens plain rather than hidden.
    pub fn enabled(group: &str) -> impl Future<Output = ()> {
        let (loads, own) = (Array::new(), format!("data-lazy-style-{group}"));
        let links = document().get_elements_by_tag_name("link");
        let used = (0..links.length())
            .filter_map(|i| links.item(i))
            .filter(|link| link.has_attribute("data-lazy-style") || link.has_attribute(&own));
        for link in used {
            let href = link.get_attribute("href").unwrap_or_default();
            loads.push(&ENABLED.with(|enabled| {
                let mut enabled = enabled.borrow_mut();
                match enabled.iter().find(|(enabled, _)| *enabled == href) {
                    Some((_, load)) => load.clone(),
                    None => {
                        let load = enable(&link);
                        enabled.push((href, load.clone()));
                        load
                    }
                }
            }));
        }
        let loads = JsFuture::from(Promise::all(&loads));
        async move {
            let _ = loads.await;
        }
    }

    fn enable(link: &Element) -> Promise {
        // Listened to before the fetch starts (removing `disabled`), so that no load goes unheard.
        let load = Promise::new(&mut |settled, _| {
            let _ = link.add_event_listener_with_callback("load", &settled);
            let _ = link.add_event_listener_with_callback("error", &settled);
        });
        let _ = link.remove_attribute("disabled");
        load
    }
}
