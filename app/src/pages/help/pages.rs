//! The help guide's pages: the operation manual kept in the repository as Markdown
//! (docs/help/ja/*.md, docs/help/en/*.md), rendered into HTML files beside the app by its build (the
//! help_guide crate) and precached by the service worker, so that it reads offline like every screen
//! without weighing on the wasm downloaded before the login form; and which page and section the ? of
//! each screen opens.

use domain::api::Role;
use domain::i18n::Lang;

/// One page of the guide: what every user shares, and one per role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpPage {
    Common,
    Doctor,
    Veterinarian,
    Sentinel,
    HealthCenter,
    Sysadmin,
    UserManager,
}

impl HelpPage {
    pub const ALL: [Self; 7] = [
        Self::Common,
        Self::Doctor,
        Self::Veterinarian,
        Self::Sentinel,
        Self::HealthCenter,
        Self::Sysadmin,
        Self::UserManager,
    ];

    /// Its name in the address (`/help/<slug>`) and its file's name.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Common => "common",
            Self::Doctor => "doctor",
            Self::Veterinarian => "veterinarian",
            Self::Sentinel => "sentinel",
            Self::HealthCenter => "health-center",
            Self::Sysadmin => "sysadmin",
            Self::UserManager => "user-manager",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|page| page.slug() == slug)
    }

    /// Where the page in `lang` is served: `guide/<lang>/<slug>.html` in dist/, which
    /// scripts/post-build.sh renders from docs/help/<lang>/<slug>.md.
    pub fn address(self, lang: Lang) -> String {
        format!("/guide/{}/{}.html", crate::i18n::code(lang), self.slug())
    }

    /// The page of the manual for an account of `role`.
    pub fn of_role(role: Role) -> Self {
        match role {
            Role::Doctor => Self::Doctor,
            Role::Veterinarian => Self::Veterinarian,
            Role::SentinelSiteManager => Self::Sentinel,
            Role::HealthCenterStaff | Role::PrefectureStaff | Role::NationalStaff => Self::HealthCenter,
            Role::SystemAdministrator | Role::Supervisor | Role::NationalAdministrator => Self::Sysadmin,
            Role::UserManager => Self::UserManager,
        }
    }
}

/// A place in the guide: a page and a section's anchor on it (`None`: the top).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpTarget {
    pub page: HelpPage,
    pub anchor: Option<&'static str>,
}

impl HelpTarget {
    pub fn href(self) -> String {
        match self.anchor {
            Some(anchor) => format!("/help/{}#{anchor}", self.page.slug()),
            None => format!("/help/{}", self.page.slug()),
        }
    }
}

/// The section of the guide for the screen at `path`, as seen by an account of `role` (`None`:
/// not logged in). A screen the guide has no section for opens the top of the role's page.
pub fn help_for(path: &str, role: Option<Role>) -> HelpTarget {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let common = |anchor| HelpTarget { page: HelpPage::Common, anchor: Some(anchor) };
    let Some(role) = role else {
        return match segments.as_slice() {
            ["password-reset"] => common("password-reset"),
            ["help", ..] => common("help"),
            _ => common("login"),
        };
    };
    let page = HelpPage::of_role(role);
    let own = |anchor| HelpTarget { page, anchor: Some(anchor) };
    let on = |page, anchor| HelpTarget { page, anchor: Some(anchor) };
    match segments.as_slice() {
        [""] if role == Role::NationalAdministrator => own("national"),
        [""] => own("home"),
        ["password"] => common("password"),
        ["settings", "second-factor"] => common("second-factor"),
        ["help", ..] => common("help"),
        ["login", ..] | ["password-reset"] => common("login"),
        ["notifications", "new", _] => on(HelpPage::Doctor, "filing"),
        ["animal-reports", "new", _] => on(HelpPage::Veterinarian, "filing"),
        ["receipt", _] => own("receipt"),
        ["notifications", _, "correct"] => own("correction"),
        ["notifications", _] => own("notification"),
        ["situation", "report"] | ["situation", "reports", _] => on(HelpPage::HealthCenter, "weekly-report"),
        ["situation"] => on(HelpPage::HealthCenter, "situation"),
        ["sentinel"] => on(HelpPage::HealthCenter, "sentinel"),
        ["sentinel", "file", ..] | ["sentinel", "reports", ..] => on(HelpPage::Sentinel, "filing"),
        ["syndromic", "new"] => on(HelpPage::Sentinel, "syndromic"),
        ["syndromic", ..] => own("syndromic"),
        ["alarms", ..] => on(HelpPage::HealthCenter, "alarms"),
        ["investigations"] => on(HelpPage::HealthCenter, "follow-up"),
        ["cases", _] => on(HelpPage::HealthCenter, "investigation"),
        ["observations", _] => on(HelpPage::HealthCenter, "observation"),
        ["admin", "notices"] => on(HelpPage::Sysadmin, "notices"),
        ["admin", "accounts", _] => on(HelpPage::Sysadmin, "account"),
        ["admin", "staff"] => on(HelpPage::Sysadmin, "staff"),
        ["admin", "institutions", "new"] => on(HelpPage::Sysadmin, "institution"),
        _ => HelpTarget { page, anchor: None },
    }
}
