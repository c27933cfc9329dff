//! The administrators' endpoints the app uses (`/admin/…`): bulk registration from the application
//! form, the one-time file of initial passwords, and the account letters.

use domain::api::{IssuedBatch, LetterStatus};
use gloo_net::http::Request;
use uuid::Uuid;

use super::session::Authed;
use super::{get, read, read_empty, send, url, ApiFailure};

impl Authed {
    /// `POST /admin/applications` with the file as it is (CSV or .xlsx): 201 with the accounts; 422
    /// `import_rejected` with every problem (`ApiFailure::import_problems`); 403 for non-administrators.
    pub async fn upload_applications(self, file: web_sys::File) -> Result<IssuedBatch, ApiFailure> {
        let request = Request::post(&url("/admin/applications"))
            .header("Accept", "application/json")
            .header("Content-Type", "application/octet-stream")
            .body(file);
        read(send(request).await?, &[201]).await
    }

    /// `POST /admin/account-batches/{id}/credentials`: the CSV of IDs and initial passwords, once;
    /// 410 `credentials_gone` afterwards.
    pub async fn download_credentials(self, batch_id: Uuid) -> Result<Vec<u8>, ApiFailure> {
        let path = format!("/admin/account-batches/{batch_id}/credentials");
        let response = send(Request::post(&url(&path)).build()).await?;
        if response.status() != 200 {
            return Err(super::failure(response).await);
        }
        let status = response.status();
        response.binary().await.map_err(|_| ApiFailure::Unexpected { status })
    }

    /// `GET /admin/letters`: each user's letter in the jurisdiction.
    pub async fn letters(self) -> Result<Vec<LetterStatus>, ApiFailure> {
        read(send(get("/admin/letters").build()).await?, &[200]).await
    }

    /// `POST /admin/accounts/{id}/letter`: 202; a new letter with a new initial password.
    pub async fn resend_letter(self, user_id: &str) -> Result<(), ApiFailure> {
        let response = send(Request::post(&url(&format!("/admin/accounts/{user_id}/letter"))).build()).await?;
        read_empty(response, &[202]).await
    }
}
