//! 発生届 endpoints: filing a notification, reading the lists and details the account may see, and
//! the health-center workflow steps (accept, return, transfer) and the filer's resubmission.

use domain::api::{
    ChangeFeed, ListOrder, NotificationDetail, NotificationFilter, NotificationPage, NotificationPageQuery,
    NotificationStatus, NotificationSubmission, NotificationSummary, Organization, Receipt, ResubmitRequest,
    ReturnRequest, TransferRequest, WithdrawRequest,
};
use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::session::Authed;
use super::{get, post, read, send, url, ApiFailure};

/// A [`NotificationDetail`] read for its summary alone (serde skips the other fields).
#[derive(Deserialize)]
pub struct DetailSummary {
    pub summary: NotificationSummary,
}

/// The wire name of a status (`received`, …), as the list's `status` filter takes it.
pub fn status_code(status: NotificationStatus) -> String {
    serde_json::to_value(status).ok().and_then(|value| value.as_str().map(str::to_owned)).unwrap_or_default()
}

/// `(name, value)` pairs of the filters that are set.
pub fn filter_pairs(filter: &NotificationFilter) -> Vec<(&'static str, String)> {
    [
        ("disease", filter.disease.clone()),
        ("status", filter.status.map(status_code)),
        ("received_from", filter.received_from.clone()),
        ("received_to", filter.received_to.clone()),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.map(|value| (name, value)))
    .collect()
}

/// The wire name of a list order (`urgency`, …), as the page's `order` takes it.
pub fn order_code(order: ListOrder) -> &'static str {
    order.into()
}

/// `(name, value)` pairs of a page query's parts that are set (the filters first).
pub fn page_pairs(query: &NotificationPageQuery) -> Vec<(&'static str, String)> {
    let rest = [
        ("q", query.q.clone()),
        ("order", query.order.map(|order| order_code(order).to_owned())),
        ("after", query.after.clone()),
        ("limit", query.limit.map(|limit| limit.to_string())),
    ];
    let rest = rest.into_iter().filter_map(|(name, value)| value.map(|value| (name, value)));
    filter_pairs(&query.filter).into_iter().chain(rest).collect()
}

impl Authed {
    /// `PUT /notifications/{id}`: 201 new, 200 the same content was already received (a retry; the
    /// receipt is the original one), 409 conflict, 422 invalid.
    pub async fn submit(self, id: Uuid, submission: &NotificationSubmission) -> Result<Receipt, ApiFailure> {
        let request =
            Request::put(&url(&format!("/notifications/{id}"))).header("Accept", "application/json").json(submission);
        let response = send(request).await?;
        read(response, &[200, 201]).await
    }

    /// `GET /notifications`: a doctor's institution's filings (newest first) or a health center's inbox
    /// (overdue and urgent first), narrowed by `filter`.
    pub async fn notifications(self, filter: &NotificationFilter) -> Result<Vec<NotificationSummary>, ApiFailure> {
        let response = send(get("/notifications").query(filter_pairs(filter)).build()).await?;
        read(response, &[200]).await
    }

    /// `GET /notifications/page`: one page of the list, searched and ordered by the server; `next` is
    /// the next page's `after`.
    pub async fn notification_page(self, query: &NotificationPageQuery) -> Result<NotificationPage, ApiFailure> {
        let response = send(get("/notifications/page").query(page_pairs(query)).build()).await?;
        read(response, &[200]).await
    }

    /// `GET /notifications/{id}`: 404 `not_found` when it does not exist or is not visible. Read as
    /// `T`: a `NotificationDetail` by the screens that show one; on the filing path, which only passes a
    /// detail on or reads its summary, as [`DetailSummary`] or the JSON as sent
    /// (`domain::lazy::Lazy<NotificationDetail>`), so that the rest of a detail's parser stays in the
    /// modules of those screens.
    pub async fn notification<T: DeserializeOwned>(self, id: Uuid) -> Result<T, ApiFailure> {
        let response = send(get(&format!("/notifications/{id}")).build()).await?;
        read(response, &[200]).await
    }

    /// `GET /notifications/changes?after=`: the steps taken since the cursor, oldest first.
    pub async fn changes(self, after: u64) -> Result<ChangeFeed, ApiFailure> {
        let response = send(get(&format!("/notifications/changes?after={after}")).build()).await?;
        read(response, &[200]).await
    }

    /// `GET /health-centers`: where a notification can be transferred to.
    pub async fn health_centers(self) -> Result<Vec<Organization>, ApiFailure> {
        let response = send(get("/health-centers").build()).await?;
        read(response, &[200]).await
    }

    /// `POST /notifications/{id}/accept`: the notification as it is afterwards.
    pub async fn accept(self, id: Uuid) -> Result<NotificationDetail, ApiFailure> {
        self.step(id, "accept", &serde_json::json!({})).await
    }

    /// `POST /notifications/{id}/return`: back to the filer with what to correct.
    pub async fn return_for_correction(self, id: Uuid, comment: String) -> Result<NotificationDetail, ApiFailure> {
        self.step(id, "return", &ReturnRequest { comment }).await
    }

    /// `POST /notifications/{id}/transfer`: to another health center, with the reason.
    pub async fn transfer(self, id: Uuid, request: &TransferRequest) -> Result<NotificationDetail, ApiFailure> {
        self.step(id, "transfer", request).await
    }

    /// `POST /notifications/{id}/withdraw`: the filer takes back one filed by mistake, with the reason.
    pub async fn withdraw(self, id: Uuid, reason: String) -> Result<NotificationDetail, ApiFailure> {
        self.step(id, "withdraw", &WithdrawRequest { reason }).await
    }

    async fn step(self, id: Uuid, step: &str, body: &impl Serialize) -> Result<NotificationDetail, ApiFailure> {
        let response = send(post(&format!("/notifications/{id}/{step}")).json(body)).await?;
        read(response, &[200]).await
    }

    /// `POST /notifications/{id}/resubmit`: the corrected answers; the receipt stays the first one. A
    /// 409 `stale_revision` (the notification changed since the correction began) is an `ApiFailure`
    /// like any refusal: the outbox keeps it with the draft, and the form reads the current version.
    pub async fn resubmit(self, id: Uuid, request: &ResubmitRequest) -> Result<Receipt, ApiFailure> {
        let response = send(post(&format!("/notifications/{id}/resubmit")).json(request)).await?;
        read(response, &[200]).await
    }
}
