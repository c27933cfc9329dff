//! 疑似症 report endpoints (issue 15): filing (through the outbox), the list, one report, and the
//! health center's accept and return.

use domain::api::{ReturnRequest, SyndromicReport, SyndromicReportDetail, SyndromicSubmission};
use domain::lazy::Lazy;
use serde::Serialize;
use uuid::Uuid;

use super::session::Authed;
use super::{get, post, read, send, ApiFailure};
use crate::offline::filing::Proof;

impl Authed {
    /// `PUT /syndromic/reports/{id}`: 201 new, 200 a retry of what the server has (the same receipt);
    /// 422 `validation_failed` at the fields. Sent and answered as `file_sentinel_report`'s.
    pub async fn file_syndromic_report(
        self,
        id: Uuid,
        report: &Lazy<SyndromicSubmission>,
    ) -> Result<Proof, ApiFailure> {
        let request = gloo_net::http::Request::put(&super::url(&format!("/syndromic/reports/{id}")))
            .header("Accept", "application/json")
            .json(report);
        read(send(request).await?, &[200, 201]).await
    }

    /// `GET /syndromic/reports`: the institution's reports, or a health center's (waiting first).
    pub async fn syndromic_reports(self) -> Result<Vec<SyndromicReport>, ApiFailure> {
        read(send(get("/syndromic/reports").build()).await?, &[200]).await
    }

    /// `GET /syndromic/reports/{id}`: the report and its history.
    pub async fn syndromic_report(self, id: Uuid) -> Result<SyndromicReportDetail, ApiFailure> {
        read(send(get(&format!("/syndromic/reports/{id}")).build()).await?, &[200]).await
    }

    /// `POST /syndromic/reports/{id}/accept`.
    pub async fn accept_syndromic_report(self, id: Uuid) -> Result<SyndromicReportDetail, ApiFailure> {
        self.syndromic_step(id, "accept", &serde_json::json!({})).await
    }

    /// `POST /syndromic/reports/{id}/return`, with what to change.
    pub async fn return_syndromic_report(self, id: Uuid, comment: String) -> Result<SyndromicReportDetail, ApiFailure> {
        self.syndromic_step(id, "return", &ReturnRequest { comment }).await
    }

    async fn syndromic_step(
        self,
        id: Uuid,
        step: &str,
        body: &impl Serialize,
    ) -> Result<SyndromicReportDetail, ApiFailure> {
        read(send(post(&format!("/syndromic/reports/{id}/{step}")).json(body)).await?, &[200]).await
    }
}
