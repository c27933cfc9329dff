//! Passkeys: registering one from a signed-in session, and using one instead of the one-time code at
//! login. Each is a WebAuthn ceremony in two calls: the server's options, then the browser's answer
//! (see [`crate::webauthn`] for the browser side).

use domain::api::{Me, PasskeyChallenge, PasskeyResponse};
use gloo_net::http::Request;

use super::{read, send, url, ApiFailure, Authed, Pending};

impl Authed {
    /// `POST /me/passkeys/registration`: 200 with the options for `navigator.credentials.create`;
    /// 404 `passkeys_unavailable`.
    pub async fn start_passkey_registration(self) -> Result<PasskeyChallenge, ApiFailure> {
        let response = send(Request::post(&url("/me/passkeys/registration")).build()).await?;
        read(response, &[200]).await
    }

    /// `POST /me/passkeys`: 201 with the account (its passkey count); 401 `passkey_failed`.
    pub async fn register_passkey(self, response: &PasskeyResponse) -> Result<Me, ApiFailure> {
        let response = send(Request::post(&url("/me/passkeys")).json(response)).await?;
        read(response, &[201]).await
    }
}

impl Pending {
    /// `POST /session/passkey/options`: 200 with the options for `navigator.credentials.get`; 401
    /// `passkey_failed` (no passkey), 404 `passkeys_unavailable`.
    pub async fn passkey_options(self) -> Result<PasskeyChallenge, ApiFailure> {
        let response = send(Request::post(&url("/session/passkey/options")).build()).await?;
        read(response, &[200]).await
    }

    /// `POST /session/passkey`: 200 with the account, the login complete; 401 `passkey_failed`, 429.
    pub async fn verify_passkey(self, response: &PasskeyResponse) -> Result<(Me, Authed), ApiFailure> {
        let response = send(Request::post(&url("/session/passkey")).json(response)).await?;
        let me = read::<Me>(response, &[200]).await?;
        Ok((me, Authed::from_server()))
    }
}
