//! Cross-site request forgery: every state-changing API request must come from todoke's own pages.
//! `SameSite=Strict` alone lets a sibling subdomain (same site, other origin) send the cookie, and a
//! POST without a body needs no CORS preflight, so the browser's own statement of where a request
//! comes from decides: `Origin`, or `Sec-Fetch-Site` where a browser sends no `Origin`.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

/// The origin users reach todoke at (`TODOKE_PUBLIC_URL`'s scheme, host and port), if configured.
#[derive(Debug, Clone, Default)]
pub struct OwnOrigin {
    origin: Option<Arc<str>>,
    scheme: Option<Arc<str>>,
}

impl OwnOrigin {
    pub fn from_public_url(public_url: Option<&str>) -> Self {
        let uri = public_url.and_then(|url| url.parse::<Uri>().ok());
        let parts = uri.as_ref().and_then(|uri| Some((uri.scheme_str()?, uri.authority()?.as_str())));
        match parts {
            Some((scheme, authority)) => Self {
                origin: Some(Arc::from(format!("{scheme}://{authority}").to_ascii_lowercase())),
                scheme: Some(Arc::from(scheme.to_ascii_lowercase())),
            },
            None => Self::default(),
        }
    }

    /// Whether `origin` (an `Origin` header) is todoke's: the public URL's origin, or the host the
    /// request was sent to under the public URL's scheme (a server reached under another name, e.g.
    /// 127.0.0.1 instead of localhost; any scheme when no public URL is configured).
    fn accepts(&self, origin: &str, host: Option<&str>) -> bool {
        if self.origin.as_deref() == Some(origin) {
            return true;
        }
        let Some((scheme, authority)) = origin.split_once("://") else { return false };
        let scheme_is_ours = self.scheme.as_deref().map_or(scheme == "https" || scheme == "http", |own| own == scheme);
        scheme_is_ours && Some(authority) == host
    }
}

/// Refuses a cross-site state-changing request with 403 `cross_origin_refused`. Reads pass (they
/// change nothing; their answers are protected by the same-origin policy), and so do requests that
/// authenticate with `Authorization: Bearer` and carry no cookie: a page on another site cannot make
/// a browser attach such a header, and no cookie means no ambient authority to abuse.
pub async fn refuse_cross_site_writes(State(own): State<OwnOrigin>, request: Request, next: Next) -> Response {
    if changes_state(request.method()) && !is_bearer_without_cookie(request.headers()) {
        let host = request.uri().authority().map(|authority| authority.as_str().to_owned());
        if let Err(refusal) = check_origin(&own, request.headers(), host.as_deref()) {
            tracing::info!(method = %request.method(), "cross-site write refused");
            return refusal.into_response();
        }
    }
    next.run(request).await
}

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_bearer_without_cookie(headers: &HeaderMap) -> bool {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.len() > 7 && value[..7].eq_ignore_ascii_case("bearer "));
    bearer && !headers.contains_key(header::COOKIE)
}

/// A browser names the page's origin in `Origin` on every non-GET request; older ones send only
/// `Sec-Fetch-Site`, where `same-origin` and `none` (typed by the user) pass, `same-site` does not.
/// With neither header the client is not a browser (a cookie of its own is no forgery).
/// `authority` is the request's target host when its URI carries one (HTTP/2), else `Host` is read.
fn check_origin(own: &OwnOrigin, headers: &HeaderMap, authority: Option<&str>) -> Result<(), AppError> {
    let text = |name| headers.get(name).map(|value: &header::HeaderValue| value.to_str().unwrap_or(""));
    let host = authority.or_else(|| text(header::HOST));
    let allowed = match (text(header::ORIGIN), text(header::HeaderName::from_static("sec-fetch-site"))) {
        (Some(origin), _) => own.accepts(origin, host),
        (None, Some(site)) => site == "same-origin" || site == "none",
        (None, None) => true,
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::CrossOriginRefused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (header::HeaderName::from_static(name), HeaderValue::from_static(value)))
            .collect()
    }

    #[test]
    fn only_todokes_own_origin_may_write() {
        let own = OwnOrigin::from_public_url(Some("https://todoke.example.jp/"));
        let allowed = |pairs: &[(&'static str, &'static str)]| check_origin(&own, &headers(pairs), None).is_ok();
        assert!(allowed(&[("origin", "https://todoke.example.jp")]));
        assert!(allowed(&[("origin", "https://10.1.2.3:8443"), ("host", "10.1.2.3:8443")]), "the host reached");
        assert!(!allowed(&[("origin", "https://evil.example.jp")]));
        assert!(!allowed(&[("origin", "https://sub.todoke.example.jp"), ("host", "todoke.example.jp")]), "sibling");
        assert!(!allowed(&[("origin", "http://todoke.example.jp"), ("host", "todoke.example.jp")]), "plain http");
        assert!(!allowed(&[("origin", "null")]));
        assert!(allowed(&[("sec-fetch-site", "same-origin")]));
        assert!(allowed(&[("sec-fetch-site", "none")]));
        assert!(!allowed(&[("sec-fetch-site", "same-site")]));
        assert!(!allowed(&[("sec-fetch-site", "cross-site")]));
        assert!(!allowed(&[("origin", "https://evil.example.jp"), ("sec-fetch-site", "same-origin")]), "Origin first");
        assert!(allowed(&[]), "not a browser");
        let unconfigured = OwnOrigin::from_public_url(None);
        assert!(check_origin(&unconfigured, &headers(&[("origin", "http://h:1")]), Some("h:1")).is_ok());
        assert!(check_origin(&unconfigured, &headers(&[("origin", "http://evil:1")]), Some("h:1")).is_err());
    }

    #[test]
    fn bearer_tokens_without_cookies_are_exempt() {
        assert!(is_bearer_without_cookie(&headers(&[("authorization", "Bearer abc")])));
        assert!(!is_bearer_without_cookie(&headers(&[("authorization", "Bearer abc"), ("cookie", "a=b")])));
        assert!(!is_bearer_without_cookie(&headers(&[("authorization", "Basic abc")])));
        assert!(!is_bearer_without_cookie(&headers(&[])));
    }
}
