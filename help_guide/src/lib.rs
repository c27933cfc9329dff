//! The help guide (issue 20): each role's manual, kept as Markdown in docs/help/<lang>/<page>.md,
//! rendered to one HTML file per page and language that the app's build puts in dist/guide/
//! (scripts/post-build.sh runs this crate's binary). The app fetches a page when it is opened and the
//! service worker precaches them all, so the guide reads offline while the main wasm, which a phone
//! downloads before the login form, carries neither the pages nor a Markdown parser (issue 17).
//!
//! CommonMark, with tables and `{#anchor}` on headings (the ? of a screen opens an anchor; the app's
//! link test checks them). Raw HTML in a page is shown as text: the guide is text, never markup or
//! script.

use std::fs;
use std::io;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The page as HTML.
pub fn to_html(markdown: &str) -> String {
    let events = Parser::new_ext(markdown, options()).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// The anchors of the page's headings (`## 届出の作成 {#filing}`).
pub fn anchors(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect()
}

/// Every link's destination on the page.
pub fn links(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}

/// Renders every `<lang>/<page>.md` under `source` to `out/<lang>/<page>.html`; returns how many.
pub fn render_guide(source: &Path, out: &Path) -> io::Result<usize> {
    let mut rendered = 0;
    for lang in fs::read_dir(source)? {
        let lang = lang?.path();
        if !lang.is_dir() {
            continue;
        }
        let target = out.join(lang.file_name().unwrap_or_default());
        fs::create_dir_all(&target)?;
        for page in fs::read_dir(&lang)? {
            let page = page?.path();
            if page.extension().is_some_and(|extension| extension == "md") {
                let name = page.with_extension("html");
                let name = name.file_name().unwrap_or_default();
                fs::write(target.join(name), to_html(&fs::read_to_string(&page)?))?;
                rendered += 1;
            }
        }
    }
    Ok(rendered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_page_is_shown_as_text() {
        let html = to_html("## 見出し {#top}\n\n<script>alert(1)</script> と <b>太字</b>\n");
        assert!(html.contains(r#"<h2 id="top">見出し</h2>"#), "{html}");
        assert!(!html.contains("<script>") && !html.contains("<b>"), "{html}");
    }

    #[test]
    fn every_page_of_each_language_becomes_an_html_file() -> io::Result<()> {
        let scratch = std::env::temp_dir().join(format!("help_guide-{}", std::process::id()));
        let source = scratch.join("source");
        let out = scratch.join("out");
        fs::create_dir_all(source.join("ja"))?;
        fs::create_dir_all(source.join("en"))?;
        fs::write(source.join("ja/doctor.md"), "# 医師 {#top}\n")?;
        fs::write(source.join("en/doctor.md"), "# Doctors {#top}\n")?;
        fs::write(source.join("en/notes.txt"), "not a page")?;
        fs::write(source.join("README"), "not a language")?;

        let rendered = render_guide(&source, &out);
        let ja = fs::read_to_string(out.join("ja/doctor.html"));
        let en = fs::read_to_string(out.join("en/doctor.html"));
        let stray = out.join("en/notes.html").exists() || out.join("README").exists();
        fs::remove_dir_all(&scratch)?;
        assert_eq!(rendered?, 2);
        assert_eq!(ja?, "<h1 id=\"top\">医師</h1>\n");
        assert_eq!(en?, "<h1 id=\"top\">Doctors</h1>\n");
        assert!(!stray);
        Ok(())
    }
}
