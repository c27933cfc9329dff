//! Password changes: the logged-in account's own (`PUT /me/password`) and the forgotten-password
//! reset by one-time code (`/password-reset`), which needs no session.

use domain::api::{PasswordChange, PasswordResetConfirm, PasswordResetRequest, Reauthentication};
use gloo_net::http::Request;

use super::{read_empty, send, url, ApiFailure, Authed, Guest};

impl Authed {
    /// `PUT /me/password`: 204; 401 `invalid_credentials` (wrong current password), 422
    /// `password_rejected` with `password_rules`, 429 `too_many_attempts`.
    pub async fn change_password(self, change: &PasswordChange) -> Result<(), ApiFailure> {
        let response = send(Request::put(&url("/me/password")).json(change)).await?;
        read_empty(response, &[204]).await
    }

    /// `POST /me/reauthentication`: 204, the second factor and passkeys may be changed for a few
    /// minutes; 401 `invalid_credentials`, 429 `too_many_attempts`.
    pub async fn confirm_password(self, password: &str) -> Result<(), ApiFailure> {
        let body = Reauthentication { password: password.to_owned() };
        let response = send(Request::post(&url("/me/reauthentication")).json(&body)).await?;
        read_empty(response, &[204]).await
    }
}

impl Guest {
    /// `POST /password-reset`: 202 whether or not the user ID exists; 429 `too_many_attempts`.
    pub async fn request_password_reset(self, request: &PasswordResetRequest) -> Result<(), ApiFailure> {
        let response = send(Request::post(&url("/password-reset")).json(request)).await?;
        read_empty(response, &[202]).await
    }

    /// `POST /password-reset/confirm`: 204; 401 `invalid_code` / `code_expired`, 422
    /// `password_rejected`, 429.
    pub async fn confirm_password_reset(self, confirm: &PasswordResetConfirm) -> Result<(), ApiFailure> {
        let response = send(Request::post(&url("/password-reset/confirm")).json(confirm)).await?;
        read_empty(response, &[204]).await
    }
}
