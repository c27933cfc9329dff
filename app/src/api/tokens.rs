//! Personal API tokens (`/me/api-tokens`, issue 20): the doctor's electronic medical record system
//! files with one; the settings screen makes, lists and revokes them.

use domain::api::{ApiTokenRequest, ApiTokenSummary, CreatedApiToken};
use gloo_net::http::Request;
use uuid::Uuid;

use super::{get, read, read_empty, send, url, ApiFailure, Authed};

impl Authed {
    /// `POST /me/api-tokens`: 201 with the token, shown this once; 403 `reauthentication_required`
    /// when the login is too old; 422 for a name or lifetime the rules refuse.
    pub async fn create_api_token(self, request: &ApiTokenRequest) -> Result<CreatedApiToken, ApiFailure> {
        read(send(Request::post(&url("/me/api-tokens")).json(request)).await?, &[201]).await
    }

    /// `GET /me/api-tokens`: the account's tokens, newest first.
    pub async fn api_tokens(self) -> Result<Vec<ApiTokenSummary>, ApiFailure> {
        read(send(get("/me/api-tokens").build()).await?, &[200]).await
    }

    /// `DELETE /me/api-tokens/{id}`: 204, the token refused from now on.
    pub async fn revoke_api_token(self, id: Uuid) -> Result<(), ApiFailure> {
        read_empty(send(Request::delete(&url(&format!("/me/api-tokens/{id}"))).build()).await?, &[204]).await
    }
}
