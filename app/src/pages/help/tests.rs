//! The guide has no broken links: every link between its pages leads to a page and section that
//! exist in the same language, both languages have the same sections, and the ? of every screen a
//! role reaches opens a section that exists.

use domain::api::Role;
use domain::i18n::Lang;

use super::pages::{help_for, HelpPage};
use super::render::{anchors, links, to_html};

const LANGS: [Lang; 2] = [Lang::Ja, Lang::En];

/// The page's Markdown as kept in the repository.
fn markdown(page: HelpPage, lang: Lang) -> String {
    let lang = match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    };
    let path = format!("{}/../docs/help/{lang}/{}.md", env!("CARGO_MANIFEST_DIR"), page.slug());
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
        for lang in LANGS {
            assert_eq!(page.anchors(lang).collect::<Vec<_>>(), sections, "{} as built, {lang:?}", page.slug());
            assert_eq!(page.html(lang), to_html(&markdown(page, lang)), "{} is built from its Markdown", page.slug());
        }
    }
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
                    target.page.anchors(lang).any(|a| a == anchor),
                    "{path} as {role:?}: {} has no #{anchor} in {lang:?}",
                    target.page.slug()
                );
                assert_eq!(target.within(lang), target);
            }
        }
    }
    let unknown = help_for("/somewhere/new", Some(Role::Doctor));
    assert_eq!((unknown.page, unknown.anchor), (HelpPage::Doctor, None), "an unknown screen opens the role's page");
}

#[test]
fn markup_in_a_page_is_shown_as_text() {
    let html = to_html("## 見出し {#top}\n\n<script>alert(1)</script> と <b>太字</b>\n");
    assert!(html.contains(r#"<h2 id="top">見出し</h2>"#), "{html}");
    assert!(!html.contains("<script>") && !html.contains("<b>"), "{html}");
}
