//! The situation views' figures (issue 16): counts only, for the account's own scope.

use domain::situation::{AreaChoice, AreaLevel, AreaList, CurveQuery, EpiCurve, MapQuery, SituationMap, WeekSummary};
use domain::weekly_report::{PublishReport, PublishedReport, ReportQuery, ReportTable, WeeklyReport};
use uuid::Uuid;

use super::session::Authed;
use super::{get, post, query_string, read, send, url, ApiFailure};

/// `(name, value)` pairs of a curve query's parameters that are set.
pub fn curve_pairs(query: &CurveQuery, area: &AreaChoice) -> Vec<(&'static str, String)> {
    let curve = [
        ("disease", query.disease.clone()),
        ("basis", Some(query.basis.key().to_owned())),
        ("stack", Some(query.stack.key().to_owned())),
        ("year", query.year.map(|year| year.to_string())),
    ];
    set(curve.into_iter().chain(area_pairs(area)))
}

fn map_pairs(query: &MapQuery) -> Vec<(&'static str, String)> {
    let pairs = [
        ("date", query.date.clone()),
        ("disease", query.disease.clone()),
        ("indicator", Some(query.indicator.key().to_owned())),
        ("sentinel_disease", query.sentinel_disease.clone()),
    ];
    set(pairs)
}

fn area_pairs(area: &AreaChoice) -> [(&'static str, Option<String>); 2] {
    [("jurisdiction", area.jurisdiction.clone()), ("health_center", area.health_center.clone())]
}

fn set(pairs: impl IntoIterator<Item = (&'static str, Option<String>)>) -> Vec<(&'static str, String)> {
    pairs.into_iter().filter_map(|(name, value)| value.map(|value| (name, value))).collect()
}

/// A situation view's numbers as a CSV file from the server (`…/export`): the view's answer names
/// the parameters that give the same figures again (its area, week, year and choices).
#[derive(Debug, Clone, PartialEq)]
pub struct CsvDownload {
    path: String,
    pairs: Vec<(&'static str, String)>,
}

impl CsvDownload {
    pub fn curve(curve: &EpiCurve) -> Self {
        let query = CurveQuery {
            disease: curve.disease.clone(),
            basis: curve.basis,
            stack: curve.stack,
            year: Some(curve.year),
        };
        Self { path: "/situation/curve/export".into(), pairs: curve_pairs(&query, &curve.area.choice()) }
    }

    pub fn map(map: &SituationMap) -> Self {
        let query = MapQuery {
            date: Some(map.week.starts.clone()),
            disease: map.disease.clone(),
            indicator: map.indicator,
            sentinel_disease: map.sentinel_disease.clone(),
        };
        Self { path: "/situation/map/export".into(), pairs: map_pairs(&query) }
    }

    pub fn week(summary: &WeekSummary) -> Self {
        let date = ("date", Some(summary.week.starts.clone()));
        let pairs = set(std::iter::once(date).chain(area_pairs(&summary.area.choice())));
        Self { path: "/situation/week/export".into(), pairs }
    }

    /// One table of a report: a published one as it was kept, else the week's draft of its area.
    pub fn report(report: &WeeklyReport, table: ReportTable) -> Self {
        let table = ("table", Some(table.key().to_owned()));
        if let Some(publication) = &report.publication {
            return Self { path: format!("/situation/reports/{}/export", publication.report_id), pairs: set([table]) };
        }
        let jurisdiction = report.area.code.clone().filter(|_| report.area.level == AreaLevel::Jurisdiction);
        let pairs = set([("jurisdiction", jurisdiction), ("date", Some(report.week.starts.clone())), table]);
        Self { path: "/situation/report/export".into(), pairs }
    }

    /// Where the file is downloaded in `encoding` (`utf8` or `shift_jis`): a plain link, the
    /// browser saves it.
    pub fn href(&self, encoding: &str) -> String {
        let mut pairs = self.pairs.clone();
        pairs.push(("encoding", encoding.to_owned()));
        url(&format!("{}{}", self.path, query_string(&pairs)))
    }
}

impl Authed {
    /// `GET /situation/curve`: 404 for an area outside the account's scope.
    pub async fn epidemic_curve(self, query: &CurveQuery, area: &AreaChoice) -> Result<EpiCurve, ApiFailure> {
        let response = send(get("/situation/curve").query(curve_pairs(query, area)).build()).await?;
        read(response, &[200]).await
    }

    /// `GET /situation/week`: the area's week at a glance.
    pub async fn situation_week(self, area: &AreaChoice) -> Result<WeekSummary, ApiFailure> {
        let response = send(get("/situation/week").query(set(area_pairs(area))).build()).await?;
        read(response, &[200]).await
    }

    /// `GET /situation/map`: the week's figures of the 47 prefectures, with the sentinel disease's
    /// under a sentinel indicator.
    pub async fn situation_map(self, query: &MapQuery) -> Result<SituationMap, ApiFailure> {
        let response = send(get("/situation/map").query(map_pairs(query)).build()).await?;
        read(response, &[200]).await
    }

    /// `GET /situation/areas?prefecture=`: the prefecture's health-center areas the account oversees
    /// (404 when it oversees none of them).
    pub async fn situation_areas(self, prefecture: String, query: &MapQuery) -> Result<AreaList, ApiFailure> {
        let mut pairs = vec![("prefecture", prefecture)];
        pairs.extend(map_pairs(query));
        let response = send(get("/situation/areas").query(pairs).build()).await?;
        read(response, &[200]).await
    }

    /// `GET /situation/report`: the week's report, not yet published.
    pub async fn weekly_report(self, query: &ReportQuery) -> Result<WeeklyReport, ApiFailure> {
        let pairs = set([("jurisdiction", query.jurisdiction.clone()), ("date", query.date.clone())]);
        read(send(get("/situation/report").query(pairs).build()).await?, &[200]).await
    }

    /// `POST /situation/reports`: published; 422 `validation_failed` for the comment.
    pub async fn publish_report(self, request: &PublishReport) -> Result<WeeklyReport, ApiFailure> {
        read(send(post("/situation/reports").json(request)).await?, &[201]).await
    }

    /// `GET /situation/reports`: the published reports the account may read, newest week first.
    pub async fn published_reports(self) -> Result<Vec<PublishedReport>, ApiFailure> {
        read(send(get("/situation/reports").build()).await?, &[200]).await
    }

    /// `GET /situation/reports/{id}`: one, as it was published.
    pub async fn published_report(self, id: Uuid) -> Result<WeeklyReport, ApiFailure> {
        read(send(get(&format!("/situation/reports/{id}")).build()).await?, &[200]).await
    }
}
