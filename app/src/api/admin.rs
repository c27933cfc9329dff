//! The administrators' endpoints the app uses (`/admin/…`): bulk registration from the application
//! form, the one-time file of initial passwords, the account letters, one account's lifecycle, and
//! the masters.

use domain::api::{
    AccountChange, InitialPassword, IssuedBatch, LetterStatus, ManagedAccount, MasterImportReport, MasterKind,
};
use gloo_net::http::Request;
use uuid::Uuid;

use super::session::Authed;
use super::upload::{upload, UploadProgress};
use super::{get, read, read_empty, send, url, ApiFailure};

/// How an uploaded master CSV is encoded (`?encoding=`); without one the server detects it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvEncoding {
    Utf8,
    /// Shift_JIS as Windows writes it, what Excel saves as "CSV" in Japan.
    ShiftJis,
}

impl CsvEncoding {
    fn query_value(self) -> &'static str {
        match self {
            Self::Utf8 => "utf8",
            Self::ShiftJis => "shift_jis",
        }
    }
}

/// `/admin/accounts/{user_id}` followed by `action` (empty, or e.g. `/suspend`).
fn account_path(user_id: &str, action: &str) -> String {
    let user_id = String::from(js_sys::encode_uri_component(user_id));
    url(&format!("/admin/accounts/{user_id}{action}"))
}

impl Authed {
    /// `POST /admin/applications` with the file as it is (CSV or .xlsx): 201 with the accounts; 422
    /// `import_rejected` with every problem (`ApiFailure::import_problems`); 403 for non-administrators.
    pub async fn upload_applications(
        self,
        file: web_sys::File,
        on_progress: impl Fn(UploadProgress) + 'static,
    ) -> Result<IssuedBatch, ApiFailure> {
        upload("POST", "/admin/applications", &file, &[201], on_progress).await
    }

    /// `PUT /admin/masters/{kind}` with the CSV as it is: 200 with what changed; 422 `import_rejected`
    /// with every problem; 403 for anyone but the national administrator.
    pub async fn import_master(
        self,
        kind: MasterKind,
        encoding: Option<CsvEncoding>,
        file: web_sys::File,
        on_progress: impl Fn(UploadProgress) + 'static,
    ) -> Result<MasterImportReport, ApiFailure> {
        let mut path = format!("/admin/masters/{}", kind.path_segment());
        if let Some(encoding) = encoding {
            path.push_str(&format!("?encoding={}", encoding.query_value()));
        }
        upload("PUT", &path, &file, &[200], on_progress).await
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
        read_empty(send(Request::post(&account_path(user_id, "/letter")).build()).await?, &[202]).await
    }

    /// `GET /admin/accounts`: every account in the jurisdiction, by user ID.
    pub async fn accounts(self) -> Result<Vec<ManagedAccount>, ApiFailure> {
        read(send(get("/admin/accounts").build()).await?, &[200]).await
    }

    /// `GET /admin/accounts/{id}`: one account of the jurisdiction; 404 `not_found` outside it.
    pub async fn account(self, user_id: &str) -> Result<ManagedAccount, ApiFailure> {
        read(send(Request::get(&account_path(user_id, "")).header("Accept", "application/json").build()).await?, &[200])
            .await
    }

    /// `PATCH /admin/accounts/{id}`: 204; 422 `validation_failed` with the refused items.
    pub async fn change_account(self, user_id: &str, change: &AccountChange) -> Result<(), ApiFailure> {
        read_empty(send(Request::patch(&account_path(user_id, "")).json(change)).await?, &[204]).await
    }

    /// `POST /admin/accounts/{id}/suspend` (`true`) or `…/resume` (`false`): 204.
    pub async fn set_suspended(self, user_id: &str, suspended: bool) -> Result<(), ApiFailure> {
        let action = if suspended { "/suspend" } else { "/resume" };
        read_empty(send(Request::post(&account_path(user_id, action)).build()).await?, &[204]).await
    }

    /// `DELETE /admin/accounts/{id}`: 204; the account can never log in again.
    pub async fn delete_account(self, user_id: &str) -> Result<(), ApiFailure> {
        read_empty(send(Request::delete(&account_path(user_id, "")).build()).await?, &[204]).await
    }

    /// `POST /admin/accounts/{id}/password-reset`: the new initial password, in this answer only.
    pub async fn reset_password(self, user_id: &str) -> Result<InitialPassword, ApiFailure> {
        let response = send(Request::post(&account_path(user_id, "/password-reset")).build()).await?;
        read(response, &[200]).await
    }
}
