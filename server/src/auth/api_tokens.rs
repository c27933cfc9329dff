//! Personal API tokens (issue 20): how an electronic medical record system authenticates with
//! `Authorization: Bearer` on the filing and receipt routes, and how fast it may go.
//!
//! Only routes whose handlers take [`SessionOrToken`] accept a token; every other route reads the
//! session cookie alone, so a token opens nothing else. A request that carries a bearer token is
//! authenticated by the token only, even if it also has a cookie. Cross-site forgery needs ambient
//! credentials: a page on another site cannot make a browser attach this header (no CORS is
//! offered), so `http::csrf` lets bearer requests without a cookie through.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use time::{Duration, OffsetDateTime};

use super::session::{self, ClientAddress, Principal};
use crate::audit::{self, Action, Outcome};
use crate::error::AppError;
use crate::store::{self, Account, AccountStatus, StoredApiToken, TokenUse};
use crate::{access, AppState};

/// Every token starts so, which lets secret scanners recognise a leaked one.
pub const TOKEN_PREFIX: &str = "todoke_";

/// A new token (256 random bits after the prefix) and the hash under which it is stored.
pub fn new_token() -> (String, String) {
    let (random, _) = session::new_token();
    let token = format!("{TOKEN_PREFIX}{random}");
    let hash = session::token_hash(&token);
    (token, hash)
}

/// How many requests one token may make per window: a fixed window kept with the token in the
/// database, so that every server instance counts the same requests. Default 60 a minute: an EMR
/// files a case at a time, and a runaway loop is stopped within a minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub requests: u32,
    pub window: Duration,
}

impl Default for RateLimit {
    fn default() -> Self {
        Self { requests: 60, window: Duration::MINUTE }
    }
}

/// The rate window as stored: when it began and how many requests it admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateWindow {
    pub started_at: OffsetDateTime,
    pub requests: u32,
}

impl RateLimit {
    /// The window after admitting one more request at `now`, or how long to wait if it is full.
    pub fn admit(&self, current: Option<RateWindow>, now: OffsetDateTime) -> Result<RateWindow, Duration> {
        match current {
            Some(window) if now - window.started_at < self.window => {
                if window.requests < self.requests {
                    Ok(RateWindow { requests: window.requests + 1, ..window })
                } else {
                    Err(window.started_at + self.window - now)
                }
            }
            _ => Ok(RateWindow { started_at: now, requests: 1 }),
        }
    }
}

/// The account behind a filing or receipt request: a full session's, or an API token's.
#[derive(Debug, Clone)]
pub struct SessionOrToken {
    pub account: Account,
}

impl FromRequestParts<AppState> for SessionOrToken {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Some(token) = bearer_token(parts)? else {
            let principal = Principal::from_request_parts(parts, state).await?;
            return Ok(Self { account: principal.account });
        };
        let ClientAddress(client) =
            ClientAddress::from_request_parts(parts, state).await.unwrap_or(ClientAddress(None));
        let account = authenticate(state, &token, client).await?;
        Ok(Self { account })
    }
}

/// The token of an `Authorization: Bearer` header; `None` without one. Another scheme is not a token.
fn bearer_token(parts: &Parts) -> Result<Option<String>, AppError> {
    let Some(value) = parts.headers.get(AUTHORIZATION) else { return Ok(None) };
    let value = value.to_str().map_err(|_| AppError::InvalidApiToken)?;
    match value.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => Ok(Some(token.trim().to_owned())),
        _ => Ok(None),
    }
}

/// The token's account if the token is known, unexpired and not revoked, and the account may still
/// file for the token's institution; then the use is counted against the rate limit, recorded as its
/// last use and audited. Every refusal is audited, and answered with the same typed 401.
async fn authenticate(state: &AppState, token: &str, client: Option<String>) -> Result<Account, AppError> {
    let now = store::now();
    let found = state.store.api_token(&session::token_hash(token)).await?;
    let Some(stored) = found else {
        return refuse(state, None, None, client).await;
    };
    let target = audit_target(stored.summary.id);
    let user_id = stored.user_id.as_str();
    let account = match state.store.login_account(user_id).await? {
        Some(login) if may_use(&stored, &login.account, now) => login.account,
        _ => return refuse(state, Some(user_id), target, client).await,
    };
    let used = audit::entry(Action::UseApiToken, Outcome::Success, Some(user_id), target, client);
    match state.store.use_api_token(stored.summary.id, now, state.config.api_tokens, used).await? {
        TokenUse::Admitted => Ok(account),
        TokenUse::Limited(wait) => Err(AppError::TooManyAttempts(wait)),
    }
}

/// Whether the account may still use the token now: active, and still filing for the institution the
/// token was made for.
fn may_use(stored: &StoredApiToken, account: &Account, now: OffsetDateTime) -> bool {
    stored.summary.is_usable(now)
        && account.status == AccountStatus::Active
        && access::api_token_institution(account).is_ok_and(|code| code == stored.summary.institution_code)
}

/// How a token appears in the audit log: by its id, never by anything that could authenticate.
pub fn audit_target(id: uuid::Uuid) -> Option<String> {
    Some(format!("api_token:{id}"))
}

async fn refuse(
    state: &AppState,
    user_id: Option<&str>,
    target: Option<String>,
    client: Option<String>,
) -> Result<Account, AppError> {
    let entry = audit::entry(Action::UseApiToken, Outcome::Failure, user_id, target, client);
    state.store.audit(entry).await?;
    Err(AppError::InvalidApiToken)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const START: OffsetDateTime = datetime!(2026-12-06 09:00 UTC);

    #[test]
    fn a_window_admits_its_requests_then_refuses_until_it_ends() {
        let limit = RateLimit { requests: 2, window: Duration::MINUTE };
        let first = limit.admit(None, START).unwrap();
        let second = limit.admit(Some(first), START + Duration::seconds(10)).unwrap();
        assert_eq!(second, RateWindow { started_at: START, requests: 2 });
        assert_eq!(limit.admit(Some(second), START + Duration::seconds(20)), Err(Duration::seconds(40)));
        let next = limit.admit(Some(second), START + Duration::MINUTE).unwrap();
        assert_eq!(next, RateWindow { started_at: START + Duration::MINUTE, requests: 1 });
    }

    #[test]
    fn tokens_carry_the_prefix_and_are_stored_only_as_their_hash() {
        let (token, hash) = new_token();
        assert!(token.starts_with(TOKEN_PREFIX) && token.len() == TOKEN_PREFIX.len() + 43);
        assert_eq!(hash, session::token_hash(&token));
        assert_ne!(new_token().0, token);
    }
}
