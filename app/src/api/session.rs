//! Logging in (password, then the one-time code), logging out, and finding out who is logged in.
//! The session itself is an HttpOnly cookie the app never sees; the client types say how far it got.

use domain::api::{CodeEntry, LoginChallenge, LoginRequest, Me};
use gloo_net::http::Request;

use super::{get, read, read_empty, send, url, ApiFailure};

/// A client without a session: it can only log in, reset a forgotten password, or ask whether a
/// session already exists.
#[derive(Debug, Clone, Copy, Default)]
pub struct Guest;

/// A session whose password was accepted but whose one-time code is still missing: it can only send
/// the code or ask for another. Only [`Guest::login`] and a `second_factor_required` answer make one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pending {
    _private: (),
}

/// A session with both factors done. Only [`Pending::verify`] and [`Guest::resume`] make one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Authed {
    _private: (),
}

/// What `GET /me` found on start: a full session, or one still waiting for its code.
#[derive(Debug, Clone, PartialEq)]
pub enum Resumed {
    SignedIn(Me, Authed),
    AwaitingCode(Pending),
}

impl Guest {
    /// `POST /session`: 200 with where the code went; 401 `invalid_credentials`, 403
    /// `account_suspended` or `account_deleted`, 429 `too_many_attempts`, 502 `delivery_failed`.
    pub async fn login(self, request: &LoginRequest) -> Result<(LoginChallenge, Pending), ApiFailure> {
        let response = send(Request::post(&url("/session")).json(request)).await?;
        let challenge = read::<LoginChallenge>(response, &[200]).await?;
        Ok((challenge, Pending::from_server()))
    }

    /// `GET /me`: the account of a session that survived a reload; 401 `unauthenticated` when none,
    /// `second_factor_required` when the code step was not finished.
    pub async fn resume(self) -> Result<Resumed, ApiFailure> {
        match Authed::from_server().me().await {
            Ok(me) => Ok(Resumed::SignedIn(me, Authed::from_server())),
            Err(failure) => match failure.pending_login() {
                Some(pending) => Ok(Resumed::AwaitingCode(pending)),
                None => Err(failure),
            },
        }
    }
}

impl Pending {
    pub(super) fn from_server() -> Self {
        Self { _private: () }
    }

    /// `POST /session/code`: 200 with the account; 401 `invalid_code` / `code_expired`, 429.
    pub async fn verify(self, code: &str) -> Result<(Me, Authed), ApiFailure> {
        let entry = CodeEntry { code: code.to_owned() };
        let response = send(Request::post(&url("/session/code")).json(&entry)).await?;
        let me = read::<Me>(response, &[200]).await?;
        Ok((me, Authed::from_server()))
    }

    /// `POST /session/code/resend`: 200 with where the new code went; 429 `resend_too_soon`.
    pub async fn resend(self) -> Result<LoginChallenge, ApiFailure> {
        let response = send(Request::post(&url("/session/code/resend")).build()).await?;
        read::<LoginChallenge>(response, &[200]).await
    }
}

impl Authed {
    pub(super) fn from_server() -> Self {
        Self { _private: () }
    }

    /// The session the server confirmed on an earlier visit, assumed while the server cannot be
    /// reached (the app started offline). The first answer that does arrive tells the truth: a 401
    /// ends it like any expired session.
    pub fn remembered() -> Self {
        Self::from_server()
    }

    /// `GET /me`: the account again, e.g. after its password or second factor changed.
    pub async fn me(self) -> Result<Me, ApiFailure> {
        let response = send(get("/me").build()).await?;
        read::<Me>(response, &[200]).await
    }

    /// `DELETE /session`: 204.
    pub async fn logout(self) -> Result<Guest, ApiFailure> {
        let response = send(Request::delete(&url("/session")).build()).await?;
        read_empty(response, &[200, 204]).await?;
        Ok(Guest)
    }
}
