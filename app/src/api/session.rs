//! Logging in and out, and finding out who is logged in. The session itself is an HttpOnly cookie
//! the app never sees; [`Authed`] stands for "the server accepted our cookie".

use domain::api::{LoginRequest, Me};
use gloo_net::http::Request;

use super::{get, read, read_empty, send, url, ApiFailure};

/// A client without a session: it can only log in or ask whether a session already exists.
#[derive(Debug, Clone, Copy, Default)]
pub struct Guest;

/// A client with a session. Only [`Guest::login`] and [`Guest::resume`] make one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Authed {
    _private: (),
}

impl Guest {
    /// `POST /session`: 200 with the account, 401 `invalid_credentials`.
    pub async fn login(self, request: &LoginRequest) -> Result<(Me, Authed), ApiFailure> {
        let response = send(Request::post(&url("/session")).json(request)).await?;
        let me = read::<Me>(response, &[200]).await?;
        Ok((me, Authed { _private: () }))
    }

    /// `GET /me`: the account of a session that survived a reload; 401 `unauthenticated` when none.
    pub async fn resume(self) -> Result<(Me, Authed), ApiFailure> {
        let response = send(get("/me").build()).await?;
        let me = read::<Me>(response, &[200]).await?;
        Ok((me, Authed { _private: () }))
    }
}

impl Authed {
    /// `DELETE /session`: 204.
    pub async fn logout(self) -> Result<Guest, ApiFailure> {
        let response = send(Request::delete(&url("/session")).build()).await?;
        read_empty(response, &[200, 204]).await?;
        Ok(Guest)
    }
}
