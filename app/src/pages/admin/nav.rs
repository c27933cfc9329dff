//! The administrators' menu, at the top of each of their screens: which screens a role has follows
//! the server's rules (`server/src/access.rs`; the server refuses the rest).

use domain::api::Role;
use domain::hierarchy;
use domain::i18n::Text;
use leptos::prelude::*;

use super::texts;
use crate::i18n::{tr, use_lang};

/// The administrators' screens a role has, in the menu's order.
pub fn screens(role: Role) -> Vec<(&'static str, Text)> {
    let sysadmin = role == Role::SystemAdministrator;
    let of_a_prefecture = matches!(role, Role::SystemAdministrator | Role::Supervisor);
    let national = role == Role::NationalAdministrator;
    [
        (of_a_prefecture, "/", texts::NAV_ACCOUNTS),
        (national, "/", texts::NAV_MASTERS),
        (!hierarchy::issued_by(role).is_empty(), "/admin/staff", texts::NAV_STAFF),
        (sysadmin, "/admin/institutions/new", texts::NAV_INSTITUTION),
        (sysadmin || national, "/admin/audit", texts::NAV_AUDIT),
        (of_a_prefecture, "/admin/security", texts::NAV_SECURITY),
    ]
    .into_iter()
    .filter_map(|(has, href, text)| has.then_some((href, text)))
    .collect()
}

#[component]
pub fn AdminNav(role: Role) -> impl IntoView {
    let lang = use_lang();
    let links = screens(role)
        .into_iter()
        .map(|(href, text)| view! { <li><a class="button button-secondary" href=href>{tr(text)}</a></li> })
        .collect_view();
    view! {
        <nav class="admin-nav" aria-label=move || texts::NAV_LABEL.get(lang.get())>
            <ul class="admin-nav-links">{links}</ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hrefs(role: Role) -> Vec<&'static str> {
        screens(role).into_iter().map(|(href, _)| href).collect()
    }

    #[test]
    fn each_administrator_gets_the_screens_the_server_allows() {
        assert_eq!(
            hrefs(Role::SystemAdministrator),
            ["/", "/admin/staff", "/admin/institutions/new", "/admin/audit", "/admin/security"]
        );
        assert_eq!(hrefs(Role::Supervisor), ["/", "/admin/staff", "/admin/security"]);
        assert_eq!(hrefs(Role::NationalAdministrator), ["/", "/admin/staff", "/admin/audit"]);
        assert!(hrefs(Role::Doctor).is_empty());
    }
}
