//! Serves the PWA built by Trunk: real files from the dist folder, index.html for the app's own
//! routes (so a reload on /login works), and a 404 for any missing file with an extension (never
//! index.html in place of a hashed asset). Files whose name carries a content hash are kept for good;
//! every other file (the service worker, index.html and the loader that name the hashed ones, the
//! manifest, the icons) is revalidated on every use, so that a new version is noticed and never mixed
//! with an old one. A release build's lazily loaded modules also go compressed against the main wasm
//! to a browser that holds it (Compression Dictionary Transport, RFC 9842: [`Dictionary`]).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::compression::{Compression, CompressionLevel};
use tower_http::services::ServeDir;

#[derive(Clone)]
pub struct WebAssets {
    dist: PathBuf,
    index_html: Option<Arc<str>>,
    dictionary: Option<Arc<Dictionary>>,
}

impl WebAssets {
    pub fn load(dist: &Path) -> Self {
        let index_html = std::fs::read_to_string(dist.join("index.html")).ok().map(Arc::from);
        if index_html.is_none() {
            tracing::warn!(dist = %dist.display(), "no index.html: the PWA is not built (run `trunk build`)");
        }
        let dictionary = Dictionary::load(dist).map(Arc::new);
        Self { dist: dist.to_owned(), index_html, dictionary }
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
    /// what the client sent, which compression would expose to length-based attacks (BREACH). A lazily
    /// loaded module with a `.dcb` beside it goes as that to a browser that offers its dictionary.
    pub fn into_service(self) -> Router {
        let files = ServeDir::new(&self.dist).precompressed_br().precompressed_gzip();
        let files = Compression::new(files.fallback(get(app_route).with_state(self.index_html)))
            .quality(CompressionLevel::Fastest);
        let dictionary = self.dictionary.map(|dictionary| (dictionary, self.dist));
        Router::new()
            .fallback_service(files)
            .layer(axum::middleware::from_fn_with_state(dictionary, dictionary_compressed))
    }
}

/// Where a release build keeps its lazily loaded modules (scripts/wasm-split/), each compressed against
/// the main wasm beside it as `NAME.dcb` (scripts/post-build.sh, the `dcb` crate).
const LAZY: &str = "lazy";

/// The main wasm as a dictionary for the lazily loaded modules (RFC 9842): the browser downloads it
/// first and always, and much of the modules' code resembles its own. It is sent with
/// `Use-As-Dictionary`; a later request for a module then names the dictionary's hash in
/// `Available-Dictionary`, and a module whose `.dcb` was made with that hash is sent as it is, with
/// `Content-Encoding: dcb`. The hash is read from each `.dcb`'s header, so the files are the only
/// record of what they were made with; a `.dcb` made against another file than this build's main wasm
/// is left unused. Static files only, the same bytes for everyone: nothing secret to guess through
/// their lengths (docs/security.md).
#[derive(Debug, PartialEq)]
struct Dictionary {
    /// The main wasm's path (`/app-…_bg.wasm`).
    path: String,
    /// Its SHA-256, which the browser names in `Available-Dictionary`.
    hash: [u8; 32],
    /// The paths of the files with a `.dcb` made against it (`/lazy/bundle_filing-….wasm`).
    encoded: HashSet<String>,
    /// `Use-As-Dictionary` of the main wasm: for the lazily loaded modules, which the split's loader
    /// fetches (`fetch`, whose destination is empty: no `match-dest`).
    use_as: HeaderValue,
}

impl Dictionary {
    /// The dictionary of a release build's dist folder; `None` when it holds no `.dcb` (a debug build)
    /// or none made against a wasm at its root.
    fn load(dist: &Path) -> Option<Self> {
        let mut made_with = Vec::new();
        for entry in std::fs::read_dir(dist.join(LAZY)).ok()?.flatten() {
            let name = entry.file_name().into_string().unwrap_or_default();
            let Some(encoded) = name.strip_suffix(".dcb") else { continue };
            let mut header = [0; dcb::HEADER_LEN];
            let read =
                std::fs::File::open(entry.path()).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header));
            match read.ok().and_then(|()| dcb::dictionary_hash(&header)) {
                Some(hash) => made_with.push((format!("/{LAZY}/{encoded}"), hash)),
                None => tracing::warn!(file = %entry.path().display(), "not a dcb stream: left unused"),
            }
        }
        let (path, hash) = std::fs::read_dir(dist).ok()?.flatten().find_map(|entry| {
            let name = entry.file_name().into_string().ok().filter(|name| name.ends_with(".wasm"))?;
            let hash = <[u8; 32]>::from(Sha256::digest(std::fs::read(entry.path()).ok()?));
            made_with.iter().any(|(_, made)| *made == hash).then(|| (format!("/{name}"), hash))
        })?;
        let encoded = made_with.into_iter().filter(|(_, made)| *made == hash).map(|(path, _)| path).collect();
        let use_as = HeaderValue::from_str(&format!("match=\"/{LAZY}/*\"")).ok()?;
        Some(Self { path, hash, encoded, use_as })
    }

    /// Whether the request offers this dictionary and accepts `dcb`. A malformed header offers nothing.
    fn offered_by(&self, headers: &HeaderMap) -> bool {
        let offered = headers.get(AVAILABLE_DICTIONARY).and_then(|v| v.to_str().ok()).and_then(|v| {
            let encoded = v.trim().strip_prefix(':')?.strip_suffix(':')?;
            STANDARD.decode(encoded).ok()
        });
        offered.as_deref() == Some(&self.hash[..]) && accepts(headers, "dcb")
    }
}

const AVAILABLE_DICTIONARY: HeaderName = HeaderName::from_static("available-dictionary");

/// The items of a comma-separated list header (`Accept-Encoding`, `Vary`), over all its lines.
fn list_items(headers: &HeaderMap, name: HeaderName) -> impl Iterator<Item = &str> {
    headers.get_all(name).into_iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).map(str::trim)
}

/// Whether `Accept-Encoding` names the coding with a weight above zero.
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    list_items(headers, header::ACCEPT_ENCODING).any(|item| {
        let mut parts = item.split(';').map(str::trim);
        parts.next().is_some_and(|name| name.eq_ignore_ascii_case(coding))
            && parts.all(|param| param.strip_prefix("q=").is_none_or(|q| q.parse::<f32>().is_ok_and(|q| q > 0.0)))
    })
}

/// Middleware of the PWA's files for [`Dictionary`]: the main wasm sent with `Use-As-Dictionary`, and
/// a module with a `.dcb` sent as that to a browser that offers the dictionary, as ServeDir serves the
/// `.dcb` (its length, dates, ranges), named as the module (`Content-Type`). Either form of such a
/// module varies with `Available-Dictionary` too, so that a cache never hands the `.dcb` to another.
async fn dictionary_compressed(
    State(dictionary): State<Option<(Arc<Dictionary>, PathBuf)>>,
    request: Request,
    next: Next,
) -> Response {
    let Some((dictionary, dist)) = dictionary else {
        return next.run(request).await;
    };
    let path = request.uri().path().to_owned();
    if path == dictionary.path {
        let mut response = next.run(request).await;
        if response.status().is_success() {
            response.headers_mut().insert(HeaderName::from_static("use-as-dictionary"), dictionary.use_as.clone());
        }
        return response;
    }
    if !dictionary.encoded.contains(&path) {
        return next.run(request).await;
    }
    let mut response = if dictionary.offered_by(request.headers()) {
        dcb_form(&dist, &path, request).await.unwrap_or_else(|error| {
            tracing::error!(%error, path, "the dcb form could not be read");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        })
    } else {
        next.run(request).await
    };
    response.headers_mut().insert(header::VARY, HeaderValue::from_static("accept-encoding, available-dictionary"));
    response
}

/// The `.dcb` beside the file at `path`, as ServeDir serves it, with the file's `Content-Type`.
async fn dcb_form(dist: &Path, path: &str, request: Request) -> Result<Response, Box<dyn std::error::Error>> {
    let (mut parts, body) = request.into_parts();
    parts.uri = Uri::try_from(format!("{path}.dcb"))?;
    let mut response = ServeDir::new(dist).try_call(Request::from_parts(parts, body)).await?.map(Body::new);
    if response.status().is_success() {
        let mime = mime_guess::from_path(path).first_or_octet_stream();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_str(mime.as_ref())?);
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("dcb"));
    }
    Ok(response)
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
    let varies = list_items(headers, header::VARY).any(|name| name.eq_ignore_ascii_case("accept-encoding"));
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

    /// A release build's dist folder in a temporary directory: the main wasm, two lazily loaded modules
    /// compressed against it, one against another file, and a `.dcb` that is no such stream.
    fn release_dist() -> (tempfile::TempDir, Vec<u8>) {
        let dir = tempfile::tempdir().unwrap();
        let main = b"\0asm main module".repeat(10);
        std::fs::create_dir(dir.path().join(LAZY)).unwrap();
        std::fs::write(dir.path().join("app-0123abcd_bg.wasm"), &main).unwrap();
        for (name, dictionary) in [
            ("split_a-00a1b2c3.wasm", &main[..]),
            ("split_b-00a1b2c4.wasm", &main[..]),
            ("split_c-00a1b2c5.wasm", &b"an older main module"[..]),
        ] {
            std::fs::write(dir.path().join(LAZY).join(name), b"module").unwrap();
            let stream = dcb::compress(dictionary, b"module").unwrap();
            std::fs::write(dir.path().join(LAZY).join(format!("{name}.dcb")), stream).unwrap();
        }
        std::fs::write(dir.path().join(LAZY).join("split_d-00a1b2c6.wasm.dcb"), b"\x1b\x05").unwrap();
        (dir, main)
    }

    fn offering(available_dictionary: &str, accept_encoding: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(AVAILABLE_DICTIONARY, HeaderValue::from_str(available_dictionary).unwrap());
        headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(accept_encoding).unwrap());
        headers
    }

    #[test]
    fn the_dictionary_is_the_main_wasm_that_the_dcb_files_name() {
        let (dir, main) = release_dist();
        let dictionary = Dictionary::load(dir.path()).unwrap();
        assert_eq!(dictionary.path, "/app-0123abcd_bg.wasm");
        assert_eq!(dictionary.hash, <[u8; 32]>::from(Sha256::digest(&main)));
        let expected: HashSet<String> =
            ["/lazy/split_a-00a1b2c3.wasm", "/lazy/split_b-00a1b2c4.wasm"].map(String::from).into();
        assert_eq!(dictionary.encoded, expected, "made against another file, or not a dcb stream: unused");
        assert_eq!(dictionary.use_as, "match=\"/lazy/*\"");

        std::fs::remove_file(dir.path().join("app-0123abcd_bg.wasm")).unwrap();
        assert_eq!(Dictionary::load(dir.path()), None, "no file of the build is the dictionary");
        assert_eq!(Dictionary::load(tempfile::tempdir().unwrap().path()), None, "a debug build has no .dcb");
    }

    #[test]
    fn only_the_dictionarys_own_hash_with_dcb_accepted_is_an_offer() {
        let (dir, main) = release_dist();
        let dictionary = Dictionary::load(dir.path()).unwrap();
        let hash = format!(":{}:", STANDARD.encode(Sha256::digest(&main)));
        assert!(dictionary.offered_by(&offering(&hash, "gzip, deflate, br, zstd, dcb, dcz")));
        assert!(dictionary.offered_by(&offering(&format!(" {hash}"), "DCB;q=0.5")));
        assert!(!dictionary.offered_by(&offering(&hash, "gzip, deflate, br, zstd")), "dcb not accepted");
        assert!(!dictionary.offered_by(&offering(&hash, "br, dcb;q=0")), "dcb refused");
        assert!(!dictionary.offered_by(&offering(&hash, "br, dcbx")));
        let other = format!(":{}:", STANDARD.encode(Sha256::digest(b"an older main module")));
        assert!(!dictionary.offered_by(&offering(&other, "dcb")), "another dictionary");
        for malformed in ["", ":", "::", hash.trim_matches(':'), ":not base64!:", ":AAAA:", &hash[..hash.len() - 1]] {
            assert!(!dictionary.offered_by(&offering(malformed, "dcb")), "{malformed:?}");
        }
        let mut without = offering(&hash, "dcb");
        without.remove(AVAILABLE_DICTIONARY);
        assert!(!dictionary.offered_by(&without));
    }

    #[test]
    fn csp_allows_exactly_the_hashes_of_inline_scripts() {
        let assets =
            WebAssets { dist: PathBuf::new(), index_html: Some(Arc::from("<script>x()</script>")), dictionary: None };
        let csp = assets.content_security_policy();
        let csp = csp.to_str().unwrap();
        let expected = STANDARD.encode(Sha256::digest(b"x()"));
        assert!(csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{expected}';")), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    }
}
