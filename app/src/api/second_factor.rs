//! Changing where one-time codes go (二要素認証変更, L-5): a code is sent to the new address, and the
//! change takes effect only when that code comes back.

use domain::api::{CodeDestination, CodeEntry, Me, SecondFactorChange};
use gloo_net::http::Request;

use super::{read, send, url, ApiFailure, Authed};

impl Authed {
    /// `POST /me/second-factor`: 202 with the (masked) new destination a code was sent to; 422
    /// `invalid_destination`, 429 `resend_too_soon`.
    pub async fn request_second_factor_change(
        self,
        change: &SecondFactorChange,
    ) -> Result<CodeDestination, ApiFailure> {
        let response = send(Request::post(&url("/me/second-factor")).json(change)).await?;
        read::<CodeDestination>(response, &[200, 202]).await
    }

    /// `POST /me/second-factor/confirm`: 200 with the account using its new second factor; 401
    /// `invalid_code` / `code_expired`.
    pub async fn confirm_second_factor_change(self, code: &str) -> Result<Me, ApiFailure> {
        let entry = CodeEntry { code: code.to_owned() };
        let response = send(Request::post(&url("/me/second-factor/confirm")).json(&entry)).await?;
        read::<Me>(response, &[200]).await
    }
}
