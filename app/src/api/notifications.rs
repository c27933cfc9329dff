//! 発生届 endpoints: filing a notification and reading the lists and details the account may see.

use domain::api::{ChangeFeed, NotificationDetail, NotificationSubmission, NotificationSummary, Receipt};
use gloo_net::http::Request;
use uuid::Uuid;

use super::session::Authed;
use super::{get, read, send, url, ApiFailure};

impl Authed {
    /// `PUT /notifications/{id}`: 201 new, 200 the same content was already received (a retry; the
    /// receipt is the original one), 409 conflict, 422 invalid.
    pub async fn submit(self, id: Uuid, submission: &NotificationSubmission) -> Result<Receipt, ApiFailure> {
        let request =
            Request::put(&url(&format!("/notifications/{id}"))).header("Accept", "application/json").json(submission);
        let response = send(request).await?;
        read(response, &[200, 201]).await
    }

    /// `GET /notifications`: newest first; a doctor's institution's filings or a health center's inbox.
    pub async fn notifications(self) -> Result<Vec<NotificationSummary>, ApiFailure> {
        let response = send(get("/notifications").build()).await?;
        read(response, &[200]).await
    }

    /// `GET /notifications/{id}`: 404 `not_found` when it does not exist or is not visible.
    pub async fn notification(self, id: Uuid) -> Result<NotificationDetail, ApiFailure> {
        let response = send(get(&format!("/notifications/{id}")).build()).await?;
        read(response, &[200]).await
    }

    /// `GET /notifications/changes?after=`: the steps taken since the cursor, oldest first.
    pub async fn changes(self, after: u64) -> Result<ChangeFeed, ApiFailure> {
        let response = send(get(&format!("/notifications/changes?after={after}")).build()).await?;
        read(response, &[200]).await
    }
}
