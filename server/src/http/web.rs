//! Serves the PWA built by Trunk: real files from the dist folder, index.html for the app's own
//! routes (so a reload on /login works), and a 404 for any missing file with an extension (never
//! index.html in place of a hashed asset). The service worker and the files that name the others are
//! revalidated on every visit, so that a new version is noticed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::compression::{Compression, CompressionLevel};
use tower_http::services::ServeDir;

#[derive(Clone)]
pub struct WebAssets {
    dist: PathBuf,
    index_html: Option<Arc<str>>,
}

impl WebAssets {
    pub fn load(dist: &Path) -> Self {
        let index_html = std::fs::read_to_string(dist.join("index.html")).ok().map(Arc::from);
        if index_html.is_none() {
            tracing::warn!(dist = %dist.display(), "no index.html: the PWA is not built (run `trunk build`)");
        }
        Self { dist: dist.to_owned(), index_html }
    }

    /// The CSP for every response: the only inline script allowed is Trunk's loader, by hash.
    pub fn content_security_policy(&self) -> HeaderValue {
        let hashes: String = self
            .index_html
            .as_deref()
            .map(inline_scripts)
            .unwrap_or_default()
            .into_iter()
            .map(|script| format!(" 'sha256-{}'", STANDARD.encode(Sha256::digest(script.as_bytes()))))
            .collect();
        let policy = format!(
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
             img-src 'self' data:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        );
        HeaderValue::from_str(&policy).unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"))
    }

    /// The files, compressed (Brotli or gzip, as the browser accepts): the app's wasm is about a
    /// fifth of its size then, which is what a doctor's phone on a slow line waits for. At the fastest
    /// level: each browser fetches a version once (the service worker keeps it), and a release morning
    /// means many at once, so server CPU counts more than the last 25 % of size. Only the PWA's files:
    /// API answers hold personal data beside what the client sent, which compression would expose to
    /// length-based attacks (BREACH).
    pub fn into_service(self) -> Compression<ServeDir<axum::routing::MethodRouter>> {
        let dist = self.dist.clone();
        Compression::new(ServeDir::new(dist).fallback(get(app_route).with_state(self.index_html)))
            .quality(CompressionLevel::Fastest)
    }
}

async fn app_route(State(index_html): State<Option<Arc<str>>>, uri: Uri) -> Response {
    let last_segment = uri.path().rsplit('/').next().unwrap_or_default();
    match index_html {
        _ if last_segment.contains('.') => StatusCode::NOT_FOUND.into_response(),
        Some(html) => ([(header::CACHE_CONTROL, "no-cache")], Html(html.to_string())).into_response(),
        None => {
            (StatusCode::SERVICE_UNAVAILABLE, "todoke: the web app is not built; run `trunk build`.").into_response()
        }
    }
}

/// Paths whose content changes under the same name: the service worker (`sw.js`, which carries the
/// cache version), the manifest and index.html (which name the hashed files).
fn changes_under_same_name(path: &str) -> bool {
    matches!(path, "/sw.js" | "/manifest.webmanifest" | "/index.html")
}

/// Middleware: `Cache-Control: no-cache` on the files of [`changes_under_same_name`], so that browsers
/// and proxies ask again each time and a new version of the app is found (index.html for app routes
/// already gets it from [`app_route`]).
pub async fn revalidate_changing_files(request: Request, next: Next) -> Response {
    let revalidate = changes_under_same_name(request.uri().path());
    let mut response = next.run(request).await;
    if revalidate {
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    response
}

/// The bodies of `<script>` elements without a `src`, exactly as the browser hashes them.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after_tag = &rest[start..];
        let Some(tag_end) = after_tag.find('>') else {
            break;
        };
        let Some(close) = after_tag.find("</script>") else {
            break;
        };
        if close > tag_end && !after_tag[..tag_end].contains("src=") {
            scripts.push(&after_tag[tag_end + 1..close]);
        }
        rest = &after_tag[close.max(tag_end)..];
    }
    scripts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_inline_scripts_but_not_external_ones() {
        let html = r#"<head><script src="/a.js"></script><script type="module">import init from '/app.js';
init();</script></head><body><script>x()</script></body>"#;
        assert_eq!(inline_scripts(html), vec!["import init from '/app.js';\ninit();", "x()"]);
    }

    #[test]
    fn only_files_that_change_under_their_name_are_revalidated() {
        assert!(changes_under_same_name("/sw.js"));
        assert!(changes_under_same_name("/manifest.webmanifest"));
        assert!(!changes_under_same_name("/app-3f2a9c_bg.wasm"));
        assert!(!changes_under_same_name("/api/v1/me"));
    }

    #[test]
    fn csp_allows_exactly_the_hashes_of_inline_scripts() {
        let assets = WebAssets { dist: PathBuf::new(), index_html: Some(Arc::from("<script>x()</script>")) };
        let csp = assets.content_security_policy();
        let csp = csp.to_str().unwrap();
        let expected = STANDARD.encode(Sha256::digest(b"x()"));
        assert!(csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{expected}';")), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    }
}
