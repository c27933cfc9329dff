//! Serves the PWA built by Trunk: real files from the dist folder, index.html for the app's own
//! routes (so a reload on /login works), and a 404 for any missing file with an extension (never
//! index.html in place of a hashed asset). Files whose name carries a content hash are kept for good;
//! every other file (the service worker, index.html and the loader that name the hashed ones, the
//! manifest, the icons) is revalidated on every use, so that a new version is noticed and never mixed
//! with an old one.

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

    /// The files, compressed (Brotli or gzip, as the browser accepts), which is what a doctor's phone
    /// on a slow line waits for. A release build's files come compressed at the highest level
    /// (`name.br`, `name.gz` beside `name`) and are sent as they are, costing no CPU. Any other file
    /// (a debug build's, the icons) is compressed as it is sent, at the fastest level: a release
    /// morning means many browsers at once. Only the PWA's files: API answers hold personal data beside
    /// what the client sent, which compression would expose to length-based attacks (BREACH).
    pub fn into_service(self) -> Compression<ServeDir<axum::routing::MethodRouter>> {
        let files = ServeDir::new(&self.dist).precompressed_br().precompressed_gzip();
        Compression::new(files.fallback(get(app_route).with_state(self.index_html))).quality(CompressionLevel::Fastest)
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

/// Whether the file's name carries Trunk's content hash (`app-1f0e…_bg.wasm`, `main-9c3b….css`): a new
/// version is a new name, so the file may be kept for good. Trunk writes the hash as hexadecimal
/// without leading zeros; eight digits at least, so that a name such as `icon-192.png` never counts.
fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, extension)) = name.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let hash = stem.rsplit_once('-').map(|(_, hash)| hash).unwrap_or_default();
    matches!(extension, "wasm" | "js" | "css" | "json")
        && (8..=16).contains(&hash.len())
        && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// How long browsers and proxies may keep a file of the PWA without asking again: a hashed file for
/// good, any other not at all (a 304 when unchanged). The service worker precaches in the browser's
/// default cache mode (pwa-assets/sw.js) and relies on this: it takes the hashed files from the HTTP
/// cache and never an old version of the others.
fn cache_control(path: &str) -> HeaderValue {
    if is_content_hashed(path) {
        HeaderValue::from_static("public, max-age=31536000, immutable")
    } else {
        HeaderValue::from_static("no-cache")
    }
}

/// Middleware for the PWA's files: the [`cache_control`] of each (unless the answer has its own), and `Vary: Accept-Encoding` on every
/// one, also when it is sent uncompressed, since the same address has compressed forms that a cache
/// must not hand to a client that accepts none. (API answers are never compressed and keep their own
/// headers.)
pub async fn cache_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let status = response.status();
    let api = path == "/api" || path.starts_with("/api/");
    if api || !(status.is_success() || status == StatusCode::NOT_MODIFIED) {
        return response;
    }
    let headers = response.headers_mut();
    // A page that says how it is kept (the subject's page, `no-store`: personal data) keeps its word.
    headers.entry(header::CACHE_CONTROL).or_insert_with(|| cache_control(&path));
    let varies = headers.get_all(header::VARY).iter().any(|v| v.as_bytes().eq_ignore_ascii_case(b"accept-encoding"));
    if !varies {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
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
    fn only_names_with_a_content_hash_are_kept_for_good() {
        assert!(is_content_hashed("/app-9a3f00c2b1d4e5f6_bg.wasm"));
        assert!(is_content_hashed("/app-9a3f00c2b1d4e5f.js"));
        assert!(is_content_hashed("/main-0123abcd.css"));
        assert!(!is_content_hashed("/sw.js"));
        assert!(!is_content_hashed("/index.html"));
        assert!(!is_content_hashed("/icon-192.png"));
        assert!(!is_content_hashed("/app-3f2a9c_bg.wasm"), "too short to be Trunk's hash");
        assert!(!is_content_hashed("/app-0123ABCD.js"), "Trunk writes lower-case hex");
        assert!(is_content_hashed("/lazy/split_admin-00a1b2c3d4e5f607.wasm"));
    }

    #[test]
    fn hashed_files_are_kept_for_good_and_all_others_revalidated() {
        assert_eq!(cache_control("/app-0123abcd.js"), "public, max-age=31536000, immutable");
        assert_eq!(cache_control("/lazy/split_admin-00a1b2c3d4e5f607.wasm"), "public, max-age=31536000, immutable");
        for path in [
            "/sw.js",
            "/__wasm_split.js",
            "/index.html",
            "/",
            "/manifest.webmanifest",
            "/icon-192.png",
            "/guide/ja/doctor.html",
        ] {
            assert_eq!(cache_control(path), "no-cache", "{path}");
        }
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
