//! User managers' requests: sending them and following their outcome (`/manager/…`), and
//! the sysadmins' review (`/admin/requests/…`).

use domain::api::{AccountRequest, ManagedAccount, NewAccountRequest, Rejection};
use uuid::Uuid;

use super::session::Authed;
use super::{get, post, read, send, ApiFailure};

impl Authed {
    /// `POST /manager/requests`: 201 pending; 422 `import_rejected` with the applicants' problems by
    /// row (the N-th applicant) and column, or `validation_failed` for a change or the note.
    pub async fn submit_request(self, request: &NewAccountRequest) -> Result<AccountRequest, ApiFailure> {
        read(send(post("/manager/requests").json(request)).await?, &[201]).await
    }

    /// `POST /manager/requests/{id}/withdraw`: taken back; 409 `request_decided` once decided.
    pub async fn withdraw_request(self, request_id: Uuid) -> Result<AccountRequest, ApiFailure> {
        read(send(post(&format!("/manager/requests/{request_id}/withdraw")).build()).await?, &[200]).await
    }

    /// `GET /manager/requests`: the institution's requests and their outcome, newest first.
    pub async fn institution_requests(self) -> Result<Vec<AccountRequest>, ApiFailure> {
        read(send(get("/manager/requests").build()).await?, &[200]).await
    }

    /// `GET /manager/staff`: the institution's staff accounts.
    pub async fn institution_staff(self) -> Result<Vec<ManagedAccount>, ApiFailure> {
        read(send(get("/manager/staff").build()).await?, &[200]).await
    }

    /// `GET /admin/requests`: the jurisdiction's requests, newest first.
    pub async fn jurisdiction_requests(self) -> Result<Vec<AccountRequest>, ApiFailure> {
        read(send(get("/admin/requests").build()).await?, &[200]).await
    }

    /// `POST /admin/requests/{id}/approve`: approved and done; 409 `request_decided`; 422
    /// `import_rejected` when the applicants no longer pass.
    pub async fn approve_request(self, request_id: Uuid) -> Result<AccountRequest, ApiFailure> {
        read(send(post(&format!("/admin/requests/{request_id}/approve")).build()).await?, &[200]).await
    }

    /// `POST /admin/requests/{id}/reject` with the reason the manager will see.
    pub async fn reject_request(self, request_id: Uuid, reason: &str) -> Result<AccountRequest, ApiFailure> {
        let body = Rejection { reason: reason.to_owned() };
        read(send(post(&format!("/admin/requests/{request_id}/reject")).json(&body)).await?, &[200]).await
    }
}
