//! Sessions (L-6): an opaque random token in an HttpOnly SameSite=Strict cookie; the database keeps
//! only its SHA-256, with the times that the timeout policy needs.

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::net::SocketAddr;
use time::{Duration, OffsetDateTime};

use crate::config::SessionPolicy;
use crate::error::AppError;
use crate::store::{Account, AccountStatus, SessionRecord};
use crate::AppState;

pub const COOKIE_NAME: &str = "todoke_session";
/// The name when the cookie is `Secure`: browsers keep a `__Host-` cookie only if it is also
/// `Path=/` without `Domain`, so neither a sibling subdomain nor a plain-http page can plant or
/// overwrite it (session fixation).
pub const SECURE_COOKIE_NAME: &str = "__Host-todoke_session";

/// The session cookie's name for a server that sets `Secure` cookies or not.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_COOKIE_NAME
    } else {
        COOKIE_NAME
    }
}

/// A new session token (256 random bits) and the hash under which it is stored.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect()
}

pub fn cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((cookie_name(secure), token))
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Strict)
        .build()
}

/// Why the server refused a session cookie, for its log: a user sent to the login screen can then be
/// told apart from a fault (the token itself is never logged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum SessionRefusal {
    /// No session has this token: never made, logged out, or ended by a password change or reset.
    UnknownToken,
    /// Unused for longer than the idle timeout.
    IdleTimeout,
    /// Older than the absolute lifetime.
    AbsoluteTimeout,
    /// The account was suspended or deleted.
    AccountNotActive,
}

impl SessionPolicy {
    /// Why a session created and last used at these times may no longer be used at `now`, if so.
    pub fn expiry(
        &self,
        created_at: OffsetDateTime,
        last_seen_at: OffsetDateTime,
        now: OffsetDateTime,
    ) -> Option<SessionRefusal> {
        if now - created_at >= self.absolute {
            Some(SessionRefusal::AbsoluteTimeout)
        } else if now - last_seen_at >= self.idle {
            Some(SessionRefusal::IdleTimeout)
        } else {
            None
        }
    }
}

/// A live session found from the cookie, at whatever stage of login.
#[derive(Debug, Clone)]
pub struct LiveSession {
    pub record: SessionRecord,
    pub token_hash: String,
}

impl FromRequestParts<AppState> for LiveSession {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let jar = CookieJar::from_headers(&parts.headers);
        let name = cookie_name(state.config.secure_cookies());
        let token = jar.get(name).ok_or(AppError::Unauthenticated)?;
        let hash = token_hash(token.value());
        let Some(record) = state.store.session(&hash).await? else {
            return Err(refused(parts, &hash, None, SessionRefusal::UnknownToken));
        };
        let now = OffsetDateTime::now_utc();
        let refusal = match record.account.status {
            AccountStatus::Active => state.config.sessions.expiry(record.created_at, record.last_seen_at, now),
            AccountStatus::Suspended | AccountStatus::Deleted => Some(SessionRefusal::AccountNotActive),
        };
        if let Some(refusal) = refusal {
            state.store.delete_session(&hash).await?;
            return Err(refused(parts, &hash, Some(&record.account.user_id), refusal));
        }
        if now - record.last_seen_at >= LAST_SEEN_EVERY {
            state.store.touch_session(&hash, now).await?;
        }
        Ok(Self { record, token_hash: hash })
    }
}

/// Logs why a presented session cookie was refused: the request, the account if known, and the first
/// characters of the token's stored hash (enough to follow one session through the log, useless to
/// take it over).
fn refused(parts: &Parts, hash: &str, user_id: Option<&str>, refusal: SessionRefusal) -> AppError {
    let (reason, session): (&str, _) = (refusal.into(), hash.get(..8).unwrap_or_default());
    tracing::warn!(reason, user_id, session, method = %parts.method, path = %parts.uri.path(), "session refused");
    AppError::Unauthenticated
}

/// How often a session's last use is written: writing it on every request was one more write per
/// request, on one row per session (issue 17). The idle timeout thus counts from a time up to a
/// minute old, and may end a session up to a minute early.
pub const LAST_SEEN_EVERY: Duration = Duration::minutes(1);

/// How long a password or second-factor check counts as recent enough to change how the account
/// logs in (NIST SP 800-63B: authenticator binding needs a fresh authentication).
pub const REAUTHENTICATION_WINDOW: Duration = Duration::minutes(5);

/// A session whose second factor is done; the password may still have to be changed.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub account: Account,
    pub token_hash: String,
    /// The latest of the login's second factor and a re-authentication in this session.
    pub confirmed_at: Option<OffsetDateTime>,
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let session = LiveSession::from_request_parts(parts, state).await?;
        let record = session.record;
        if record.second_factor_at.is_none() {
            return Err(AppError::SecondFactorRequired);
        }
        let confirmed_at = record.second_factor_at.max(record.reauthenticated_at);
        Ok(Self { account: record.account, token_hash: session.token_hash, confirmed_at })
    }
}

/// The authenticated account making a request: second factor done and no password change due.
/// Extracting it is the authentication check: a handler that takes a `Principal` cannot run otherwise.
#[derive(Debug, Clone)]
pub struct Principal {
    pub account: Account,
    pub token_hash: String,
    pub confirmed_at: Option<OffsetDateTime>,
}

impl Principal {
    /// Refuses with 403 `reauthentication_required` unless the user proved again who they are
    /// (password or second factor) within [`REAUTHENTICATION_WINDOW`]: a session left open on a
    /// shared device must not be enough to bind a new second factor or passkey to the account.
    pub fn ensure_recently_confirmed(&self, now: OffsetDateTime) -> Result<(), AppError> {
        match self.confirmed_at {
            Some(at) if now - at < REAUTHENTICATION_WINDOW => Ok(()),
            _ => Err(AppError::ReauthenticationRequired),
        }
    }
}

impl FromRequestParts<AppState> for Principal {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let signed_in = SignedIn::from_request_parts(parts, state).await?;
        if state.config.passwords.change_required(&signed_in.account.password, OffsetDateTime::now_utc()).is_some() {
            return Err(AppError::PasswordChangeRequired);
        }
        Ok(Self { account: signed_in.account, token_hash: signed_in.token_hash, confirmed_at: signed_in.confirmed_at })
    }
}

/// The client's address as the server saw it, for the audit log.
pub struct ClientAddress(pub Option<String>);

impl<S: Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let address = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip().to_string());
        Ok(Self(address))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;
    use time::Duration;

    const POLICY: SessionPolicy = SessionPolicy { idle: Duration::minutes(30), absolute: Duration::hours(12) };

    #[test]
    fn sessions_end_after_idle_time_or_absolute_lifetime() {
        let start = datetime!(2026-11-24 09:00 UTC);
        assert_eq!(POLICY.expiry(start, start, start + Duration::minutes(29)), None);
        assert_eq!(POLICY.expiry(start, start, start + Duration::minutes(30)), Some(SessionRefusal::IdleTimeout));
        let busy = start + Duration::hours(11) + Duration::minutes(59);
        assert_eq!(POLICY.expiry(start, busy, busy + Duration::seconds(30)), None);
        let end = start + Duration::hours(12);
        assert_eq!(POLICY.expiry(start, busy, end), Some(SessionRefusal::AbsoluteTimeout));
    }

    #[test]
    fn tokens_are_random_and_stored_only_as_their_hash() {
        let (token, hash) = new_token();
        let (other, _) = new_token();
        assert_ne!(token, other);
        assert_eq!(token.len(), 43, "256 bits in unpadded base64url");
        assert_eq!(hash, token_hash(&token));
        assert!(!hash.contains(&token));
    }
}
