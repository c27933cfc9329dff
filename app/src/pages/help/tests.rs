//! The guide has no broken links: every link between its pages leads to a page and section that
//! exist in the same language, both languages have the same sections, every page has its file, and
//! the ? of every screen a role reaches opens a section that exists.

use domain::api::Role;
use domain::i18n::Lang;

use help_guide::{anchors, links};

use super::pages::{help_for, HelpPage};
use crate::i18n::code;

const LANGS: [Lang; 2] = [Lang::Ja, Lang::En];

/// The page's Markdown as kept in the repository.
fn markdown(page: HelpPage, lang: Lang) -> String {
    let path = format!("{}/../docs/help/{}/{}.md", env!("CARGO_MANIFEST_DIR"), code(lang), page.slug());
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// Whether `link` on `page` leads to a page and section of the guide in `lang`.
fn leads_somewhere(page: HelpPage, link: &str, lang: Lang) -> bool {
    let (path, anchor) = link.split_once('#').unwrap_or((link, ""));
    let target = match path {
        "" => Some(page),
        _ => path.strip_prefix("/help/").and_then(HelpPage::from_slug),
    };
    target.is_some_and(|target| anchor.is_empty() || anchors(&markdown(target, lang)).iter().any(|a| a == anchor))
}

#[test]
fn every_link_leads_to_a_page_and_section_of_the_guide() {
    let mut broken = Vec::new();
    for lang in LANGS {
        for page in HelpPage::ALL {
            let source = markdown(page, lang);
            assert!(!links(&source).is_empty(), "{page:?} {lang:?} links nowhere");
            for link in links(&source) {
                if !leads_somewhere(page, &link, lang) {
                    broken.push(format!("{lang:?} {}: {link}", page.slug()));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links: {broken:#?}");
}

#[test]
fn both_languages_have_the_same_sections() {
    for page in HelpPage::ALL {
        let sections = anchors(&markdown(page, Lang::Ja));
        assert_eq!(sections, anchors(&markdown(page, Lang::En)), "{}", page.slug());
        assert!(!sections.is_empty(), "{} has no sections", page.slug());
    }
}

/// The build (scripts/post-build.sh) renders docs/help into dist's `guide/`: the app asks for a file
/// it has for every page and language.
#[test]
fn every_page_is_fetched_from_a_file_the_build_renders() {
    let out = std::env::temp_dir().join(format!("todoke-help-{}", std::process::id()));
    let source = format!("{}/../docs/help", env!("CARGO_MANIFEST_DIR"));
    let rendered = help_guide::render_guide(source.as_ref(), &out);
    let missing: Vec<String> = HelpPage::ALL
        .into_iter()
        .flat_map(|page| LANGS.map(|lang| page.address(lang)))
        .filter(|address| address.strip_prefix("/guide/").is_none_or(|file| !out.join(file).is_file()))
        .collect();
    let _ = std::fs::remove_dir_all(&out);
    assert_eq!(rendered.ok(), Some(HelpPage::ALL.len() * LANGS.len()), "one file per page and language");
    assert!(missing.is_empty(), "no file for {missing:?}");
}

/// Screens each role reaches (the routes of `app.rs`, with sample parameters).
const SCREENS: [(Option<Role>, &[&str]); 12] = [
    (None, &["/login", "/login/code", "/password-reset", "/help/common"]),
    (
        Some(Role::Doctor),
        &["/", "/notifications/new/measles", "/notifications/x", "/notifications/x/correct", "/receipt/x"],
    ),
    (
        Some(Role::Veterinarian),
        &["/", "/animal-reports/new/x", "/notifications/x", "/notifications/x/correct", "/receipt/x"],
    ),
    (
        Some(Role::SentinelSiteManager),
        &[
            "/",
            "/sentinel/file/k/p",
            "/sentinel/reports/x",
            "/sentinel/reports/x/correct",
            "/syndromic/new",
            "/syndromic/reports/x",
        ],
    ),
    (
        Some(Role::HealthCenterStaff),
        &[
            "/",
            "/notifications/x",
            "/situation",
            "/situation/report",
            "/situation/reports/x",
            "/sentinel",
            "/alarms",
            "/alarms/x",
            "/alarms/configuration",
            "/syndromic/reports/x",
            "/investigations",
            "/cases/x",
            "/observations/x",
        ],
    ),
    (
        Some(Role::PrefectureStaff),
        &["/", "/notifications/x", "/situation", "/situation/report", "/sentinel", "/alarms"],
    ),
    (Some(Role::NationalStaff), &["/", "/notifications/x", "/situation", "/alarms"]),
    (
        Some(Role::SystemAdministrator),
        &["/", "/admin/accounts/x", "/admin/notices", "/admin/staff", "/admin/institutions/new"],
    ),
    (Some(Role::Supervisor), &["/", "/admin/accounts/x", "/admin/notices", "/admin/staff"]),
    (Some(Role::NationalAdministrator), &["/", "/admin/notices", "/alarms", "/admin/staff"]),
    (Some(Role::UserManager), &["/"]),
    (Some(Role::Doctor), &["/password", "/settings/second-factor", "/help/doctor"]),
];

#[test]
fn the_help_of_every_screen_opens_a_section_it_has() {
    for (role, paths) in SCREENS {
        for path in paths {
            let target = help_for(path, role);
            let anchor = target.anchor.unwrap_or_else(|| panic!("{path} as {role:?} opens no section"));
            for lang in LANGS {
                assert!(
                    anchors(&markdown(target.page, lang)).iter().any(|a| a == anchor),
                    "{path} as {role:?}: {} has no #{anchor} in {lang:?}",
                    target.page.slug()
                );
            }
        }
    }
    let unknown = help_for("/somewhere/new", Some(Role::Doctor));
    assert_eq!((unknown.page, unknown.anchor), (HelpPage::Doctor, None), "an unknown screen opens the role's page");
}
