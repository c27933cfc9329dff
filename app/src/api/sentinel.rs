//! 定点報告 endpoints (issue 14): filing a site's report, its own reports and page, and the overseers'
//! overview, reminders, aggregated tables (and their CSV) and season charts.

use domain::api::{
    AggregateQuery, AreaTable, ChartData, ChartQuery, CsvEncoding, HealthCenterOverview, OverviewQuery,
    ReminderRequest, RemindersQueued, SentinelReport, SentinelReportDetail, SentinelReportSubmission, SiteOverview,
};
use domain::lazy::Lazy;
use gloo_net::http::Request;
use uuid::Uuid;

use super::session::Authed;
use super::{failure, get, post, read, send, url, ApiFailure};
use crate::offline::filing::Proof;

/// `(name, value)` pairs of an aggregate query (the CSV's encoding only when it is not UTF-8).
fn aggregate_pairs(query: &AggregateQuery) -> Vec<(&'static str, String)> {
    let mut pairs = vec![
        ("kind", query.kind.code().to_owned()),
        ("period", query.period.to_string()),
        ("level", wire_name(&query.level)),
    ];
    if query.encoding != CsvEncoding::default() {
        pairs.push(("encoding", wire_name(&query.encoding)));
    }
    if !query.cells {
        pairs.push(("cells", "false".to_owned()));
    }
    pairs
}

/// A unit enum's wire name, e.g. `health_center`.
fn wire_name(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|value| value.as_str().map(str::to_owned)).unwrap_or_default()
}

fn health_center_pair(health_center: Option<String>) -> Vec<(&'static str, String)> {
    health_center.map(|code| ("health_center", code)).into_iter().collect()
}

impl Authed {
    /// `PUT /sentinel/reports/{id}`: 201 new, 200 a retry of what the server has (the same receipt);
    /// 409 `report_already_filed` when the period was filed and `based_on_revision` is not the current
    /// one, 422 `validation_failed` at the fields. The report is sent as the outbox keeps it, and the
    /// receipt read as the outbox's proof (one parser for every kind of receipt).
    pub async fn file_sentinel_report(
        self,
        id: Uuid,
        report: &Lazy<SentinelReportSubmission>,
    ) -> Result<Proof, ApiFailure> {
        let request =
            Request::put(&url(&format!("/sentinel/reports/{id}"))).header("Accept", "application/json").json(report);
        read(send(request).await?, &[200, 201]).await
    }

    /// `GET /sentinel/reports/{id}`: the report's current content and every revision.
    pub async fn sentinel_report(self, id: Uuid) -> Result<SentinelReportDetail, ApiFailure> {
        read(send(get(&format!("/sentinel/reports/{id}")).build()).await?, &[200]).await
    }

    /// `GET /sentinel/reports`: the site's own reports, newest first.
    pub async fn sentinel_reports(self) -> Result<Vec<SentinelReport>, ApiFailure> {
        read(send(get("/sentinel/reports").build()).await?, &[200]).await
    }

    /// `GET /sentinel/site`: the site's designations and the reports it owes now.
    pub async fn sentinel_site(self) -> Result<SiteOverview, ApiFailure> {
        read(send(get("/sentinel/site").build()).await?, &[200]).await
    }

    /// `GET /sentinel/overview`: a health center's week (its own when `health_center` is `None`; the
    /// week owed now when `week` is `None`).
    pub async fn sentinel_overview(self, query: &OverviewQuery) -> Result<HealthCenterOverview, ApiFailure> {
        let mut pairs = health_center_pair(query.health_center.clone());
        pairs.extend(query.week.map(|week| ("week", week.to_string())));
        let request = get("/sentinel/overview").query(pairs).build();
        read(send(request).await?, &[200]).await
    }

    /// `POST /sentinel/reminders`: an e-mail to each site that has not reported `kind` for `period`.
    pub async fn send_sentinel_reminders(self, request: &ReminderRequest) -> Result<RemindersQueued, ApiFailure> {
        read(send(post("/sentinel/reminders").json(request)).await?, &[200, 201, 202]).await
    }

    /// `GET /sentinel/aggregates`: one table per area of the level, within the account's scope.
    pub async fn sentinel_aggregates(self, query: &AggregateQuery) -> Result<Vec<AreaTable>, ApiFailure> {
        let request = get("/sentinel/aggregates").query(aggregate_pairs(query)).build();
        read(send(request).await?, &[200]).await
    }

    /// `GET /sentinel/aggregates/export`: the same tables as a CSV file, in the query's encoding.
    pub async fn sentinel_aggregates_csv(self, query: &AggregateQuery) -> Result<Vec<u8>, ApiFailure> {
        let request = Request::get(&url("/sentinel/aggregates/export")).query(aggregate_pairs(query)).build();
        let response = send(request).await?;
        if response.status() != 200 {
            return Err(failure(response).await);
        }
        let status = response.status();
        response.binary().await.map_err(|_| ApiFailure::Unexpected { status })
    }

    /// `GET /sentinel/chart`: an area's weekly rate of a disease over the last five seasons.
    pub async fn sentinel_chart(self, query: &ChartQuery) -> Result<ChartData, ApiFailure> {
        let mut pairs = health_center_pair(query.health_center.clone());
        pairs.push(("kind", query.kind.code().to_owned()));
        pairs.push(("disease", query.disease.clone()));
        read(send(get("/sentinel/chart").query(pairs).build()).await?, &[200]).await
    }
}
