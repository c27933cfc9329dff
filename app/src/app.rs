//! The root component: shared state in context (language, session, the outbox, receipts, app
//! updates, one-time messages), the site header, and the routes. Pages that need a session are
//! shown through `auth::Screen::Guarded`.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, PartialPathMatch, PathSegment, PossibleRouteMatch, StaticSegment};

use crate::auth::{Auth, Screen};
use crate::components::flash::{Flash, FlashMessage};
use crate::components::header::SiteHeader;
use crate::components::maintenance::MaintenanceBanner;
use crate::i18n::Language;
use crate::lazy;
use crate::offline::sync::Outbox;
use crate::offline::worker::{AppUpdate, UpdateBanner};
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
                    <Route path=RoutePath("/login") view={Screen::Open(|| Login().into_any())} />
                    <Route path=RoutePath("/login/code") view={Screen::Open(|| LoginCode().into_any())} />
                    <Route path=RoutePath("/password-reset") view=Screen::Open(lazy::password_reset) />
                    <Route path=RoutePath("/help/:page") view=Screen::Open(lazy::help) />
                    <Route path=RoutePath("/") view=Screen::Guarded(home) />
                    <Route
                        path=RoutePath("/password")
                        view=Screen::PasswordChange(lazy::password_change)
                    />
                    <Route
                        path=RoutePath("/settings/second-factor")
                        view=Screen::Guarded(lazy::second_factor_settings)
                    />
                    <Route
                        path=RoutePath("/settings/api-tokens")
                        view=Screen::Guarded(lazy::api_tokens)
                    />
                    <Route
                        path=RoutePath("/notifications/new/:disease")
                        view=Screen::Guarded(lazy::new_notification)
                    />
                    <Route
                        path=RoutePath("/notifications/:id")
                        view=Screen::Guarded(lazy::notification)
                    />
                    <Route
                        path=RoutePath("/animal-reports/new/:report")
                        view=Screen::Guarded(lazy::new_animal_report)
                    />
                    <Route
                        path=RoutePath("/notifications/:id/correct")
                        view=Screen::Guarded(lazy::notification_correction)
                    />
                    <Route
                        path=RoutePath("/receipt/:id")
                        view=Screen::Guarded(lazy::receipt)
                    />
                    <Route
                        path=RoutePath("/situation")
                        view=Screen::Guarded(lazy::situation)
                    />
                    <Route
                        path=RoutePath("/situation/report")
                        view=Screen::Guarded(lazy::situation_weekly_report)
                    />
                    <Route
                        path=RoutePath("/situation/reports/:id")
                        view=Screen::Guarded(lazy::situation_published_report)
                    />
                    <Route
                        path=RoutePath("/sentinel")
                        view=Screen::Guarded(lazy::sentinel_overseer)
                    />
                    <Route
                        path=RoutePath("/sentinel/file/:kind/:period")
                        view=Screen::Guarded(lazy::sentinel_filing)
                    />
                    <Route
                        path=RoutePath("/sentinel/reports/:id")
                        view=Screen::Guarded(lazy::sentinel_report)
                    />
                    <Route
                        path=RoutePath("/sentinel/reports/:id/correct")
                        view=Screen::Guarded(lazy::sentinel_correction)
                    />
                    <Route
                        path=RoutePath("/syndromic/new")
                        view=Screen::Guarded(lazy::syndromic_filing)
                    />
                    <Route
                        path=RoutePath("/syndromic/reports/:id")
                        view=Screen::Guarded(lazy::syndromic_report)
                    />
                    <Route
                        path=RoutePath("/alarms")
                        view=Screen::Guarded(lazy::alarms)
                    />
                    <Route
                        path=RoutePath("/alarms/configuration")
                        view=Screen::Guarded(lazy::alarm_configuration)
                    />
                    <Route
                        path=RoutePath("/alarms/:id")
                        view=Screen::Guarded(lazy::alarm)
                    />
                    <Route
                        path=RoutePath("/investigations")
                        view=Screen::Guarded(lazy::investigations)
                    />
                    <Route
                        path=RoutePath("/cases/:id")
                        view=Screen::Guarded(lazy::investigation_case)
                    />
                    <Route
                        path=RoutePath("/cases/:id/chain")
                        view=Screen::Guarded(lazy::investigation_chain)
                    />
                    <Route
                        path=RoutePath("/observations/:id")
                        view=Screen::Guarded(lazy::investigation_observation)
                    />
                    <Route
                        path=RoutePath("/admin/notices")
                        view=Screen::Guarded(lazy::admin_notices)
                    />
                    <Route
                        path=RoutePath("/admin/accounts/:user_id")
                        view=Screen::Guarded(lazy::admin_account)
                    />
                    <Route
                        path=RoutePath("/admin/staff")
                        view=Screen::Guarded(lazy::admin_staff)
                    />
                    <Route
                        path=RoutePath("/admin/institutions/new")
                        view=Screen::Guarded(lazy::admin_institution)
                    />
                    <Route
                        path=RoutePath("/admin/audit")
                        view=Screen::Guarded(lazy::admin_audit)
                    />
                    <Route
                        path=RoutePath("/admin/security")
                        view=Screen::Guarded(lazy::admin_security)
                    />
                </Routes>
            </main>
        </Router>
    }
}

/// A route's path, `/notifications/:id`: its segments matched as Leptos's `path!` segments would be
/// (`StaticSegment`, `ParamSegment`), but read from the text when matched, so that every route's path is
/// the same type (with [`Screen`], Leptos's route machinery is compiled once for all routes).
#[derive(Clone, Copy, Debug)]
pub struct RoutePath(pub &'static str);

/// One segment of a [`RoutePath`]: `:name` is a parameter, anything else a fixed segment.
enum Segment {
    Static(StaticSegment<&'static str>),
    Param(ParamSegment),
}

impl RoutePath {
    fn segments(self) -> impl Iterator<Item = Segment> {
        self.0.split('/').filter(|segment| !segment.is_empty()).map(|segment| match segment.strip_prefix(':') {
            Some(name) => Segment::Param(ParamSegment(name)),
            None => Segment::Static(StaticSegment(segment)),
        })
    }
}

impl PossibleRouteMatch for RoutePath {
    fn optional(&self) -> bool {
        false
    }

    fn test<'a>(&self, path: &'a str) -> Option<PartialPathMatch<'a>> {
        let mut remaining = path;
        let mut params = Vec::new();
        for segment in self.segments() {
            let found = match segment {
                Segment::Static(segment) => segment.test(remaining),
                Segment::Param(segment) => segment.test(remaining),
            }?;
            remaining = found.remaining();
            params.extend(found.params());
        }
        let matched = &path[..path.len() - remaining.len()];
        Some(PartialPathMatch::new(remaining, params, matched))
    }

    fn generate_path(&self, path: &mut Vec<PathSegment>) {
        for segment in self.segments() {
            match segment {
                Segment::Static(segment) => segment.generate_path(path),
                Segment::Param(segment) => segment.generate_path(path),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use leptos_router::path;

    use super::*;

    /// What a match gives: the rest of the path, the part matched and the parameters.
    type Found = (String, String, Vec<(String, String)>);

    fn found(route: &impl PossibleRouteMatch, path: &str) -> Option<Found> {
        route.test(path).map(|found| {
            let (remaining, matched) = (found.remaining().to_owned(), found.matched().to_owned());
            let params = found.params().into_iter().map(|(name, value)| (name.into_owned(), value)).collect();
            (remaining, matched, params)
        })
    }

    fn generated(route: &impl PossibleRouteMatch) -> Vec<PathSegment> {
        let mut segments = Vec::new();
        route.generate_path(&mut segments);
        segments
    }

    #[test]
    fn a_route_path_matches_as_leptos_path_macro_does() {
        let paths = [
            "",
            "/",
            "/login",
            "/login/",
            "/login/code",
            "/loginx",
            "/notifications/abc",
            "/notifications/abc/correct",
            "/notifications/new/measles",
            "/notifications/",
            "/sentinel/file/ili/2026-W49",
            "/help/login",
            "/x",
        ];
        macro_rules! same {
            ($($text:tt),*) => {$(
                for path in paths {
                    assert_eq!(found(&RoutePath($text), path), found(&path!($text), path), "{} on {path}", $text);
                }
                assert_eq!(generated(&RoutePath($text)), generated(&path!($text)), "{}", $text);
            )*};
        }
        same!(
            "/",
            "/login",
            "/login/code",
            "/help/:page",
            "/notifications/:id",
            "/notifications/:id/correct",
            "/notifications/new/:disease",
            "/sentinel/file/:kind/:period"
        );
    }
}
