//! Wire types of sentinel surveillance (定点報告, SPEC S-1 … S-3): a site's report (device-chosen id,
//! kind, period, counts by disease × age band × sex, an explicit 「患者なし」, 入院サーベイランス's care
//! items), its receipt and corrections, the site's designations and due reports, the health center's
//! overview, aggregated tables and chart data.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::Organization;
use crate::error::ErrorCode;
use crate::i18n::Lang;
use crate::sentinel::{AlertLevel, Centi, Frequency, IsoWeek, ReportKind, ReportPeriod, SentinelType};

use crate::dates::iso_date;

/// What was entered for a typed item: the value when it has the expected type, or the JSON as sent,
/// so that validation can name the field (a count of `-1`, `1.5` or `"三"`) instead of refusing the
/// whole body as malformed. In JSON the value alone (`untagged`; read by hand, below).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Entered<T> {
    Valid(T),
    Invalid(serde_json::Value),
}

/// The JSON of `#[serde(untagged)]`, read once as a `serde_json::Value` and then as `T`, instead of
/// buffering it in serde's `Content` and reading that twice: less code in the browser app, which reads
/// sentinel and 疑似症 reports from the outbox (issue 17).
impl<'de, T: DeserializeOwned> Deserialize<'de> for Entered<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(match T::deserialize(&value) {
            Ok(valid) => Self::Valid(valid),
            Err(_) => Self::Invalid(value),
        })
    }
}

impl<T> From<T> for Entered<T> {
    fn from(value: T) -> Self {
        Self::Valid(value)
    }
}

/// 性別
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

/// One cell of a report's grid: cases of a disease in an age band and sex. Cells not sent are 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountCell {
    /// A disease code of the form's version in force (`domain::sentinel::catalog`).
    pub disease: String,
    /// An age band code of that version, e.g. `0-5m`, `80+`.
    pub age_band: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Sex))]
    pub sex: Entered<Sex>,
    /// A whole number ≥ 0.
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub count: Entered<u32>,
}

/// 入院サーベイランス: how many of the week's admissions for a disease had a care item (ICU入室, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ItemCount {
    pub disease: String,
    /// A care item code, e.g. `icu`, `ventilator`, `none` (いずれにも該当せず).
    pub item: String,
    #[cfg_attr(feature = "openapi", schema(value_type = u32))]
    pub count: Entered<u32>,
}

/// Body of `PUT /api/v1/sentinel/reports/{id}`: one report of the caller's site, under an id the
/// device chose. A second report for the same site × kind × period is a correction: it names the
/// revision it was made from (`based_on_revision`), else it is refused with 409.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentinelReportSubmission {
    pub kind: ReportKind,
    /// `2025-W15` for weekly forms, `2025-04` for monthly ones.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2025-W15"))]
    pub period: Entered<ReportPeriod>,
    /// 「患者なし」: a report of no cases (not the same as not reporting). No cell may then be above 0.
    #[serde(default)]
    pub no_patients: bool,
    #[serde(default)]
    pub cells: Vec<CountCell>,
    /// Only for `hospitalization`.
    #[serde(default)]
    pub items: Vec<ItemCount>,
    /// For a correction: the current revision it was made from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub based_on_revision: Option<u32>,
}

/// A count as stored: only cells above 0.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportedCount {
    pub disease: String,
    pub age_band: String,
    pub sex: Sex,
    pub count: u32,
}

/// A care item count as stored: only items above 0.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportedItem {
    pub disease: String,
    pub item: String,
    pub count: u32,
}

/// 受付: proof that todoke has the report (this revision of it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentinelReceipt {
    /// The id the device chose for this filing.
    pub report_id: Uuid,
    /// 受付番号, e.g. `T20261201-000042`.
    pub receipt_number: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub received_at: OffsetDateTime,
    pub site: Organization,
    /// The health center responsible for the site.
    pub health_center: Organization,
    pub kind: ReportKind,
    pub period: ReportPeriod,
    /// 1 for the first report of site × kind × period, one more with each correction.
    pub revision: u32,
}

/// The current content of a site's report for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentinelReport {
    pub receipt: SentinelReceipt,
    /// Login ID of who filed this revision.
    pub filed_by: String,
    pub no_patients: bool,
    pub cells: Vec<ReportedCount>,
    pub items: Vec<ReportedItem>,
}

/// One revision in a report's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentinelRevision {
    pub report_id: Uuid,
    pub revision: u32,
    pub filed_by: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub received_at: OffsetDateTime,
    /// Filed after the period's deadline.
    pub late: bool,
}

/// A report with every revision (oldest first), from `GET /sentinel/reports/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentinelReportDetail {
    pub current: SentinelReport,
    pub history: Vec<SentinelRevision>,
}

/// The 409 body of a report whose site × kind × period was reported already and that does not name
/// the current revision as `based_on_revision`: the current version, to correct from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportAlreadyFiled {
    /// Always `report_already_filed`.
    pub code: ErrorCode,
    pub message: String,
    pub current: SentinelReport,
}

impl ReportAlreadyFiled {
    pub fn new(current: SentinelReport) -> Self {
        let code = ErrorCode::ReportAlreadyFiled;
        Self { code, message: code.message(Lang::Ja).to_owned(), current }
    }
}

/// A designation (定点指定): the site is a sentinel of this type from `from` until `until` (inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Designation {
    pub sentinel_type: SentinelType,
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub from: Date,
    #[serde(default, with = "iso_date::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub until: Option<Date>,
}

impl Designation {
    /// Whether the designation covers any day of `first ..= last`.
    pub fn covers(&self, first: Date, last: Date) -> bool {
        self.from <= last && self.until.is_none_or(|until| until >= first)
    }
}

/// Where a due report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    /// Received by the deadline.
    Reported,
    /// Received after the deadline.
    ReportedLate,
    /// Not received; the deadline has not passed.
    Pending,
    /// Not received, and the deadline has passed (未報告).
    Missing,
}

/// A report a site owes: this week's (the week just ended) or this month's (the month just ended).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DueReport {
    pub kind: ReportKind,
    pub frequency: Frequency,
    pub period: ReportPeriod,
    /// The last day it is on time (Japan).
    #[serde(with = "iso_date")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub due_on: Date,
    pub state: DueState,
    /// The current revision, once reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_id: Option<Uuid>,
}

/// A sentinel site's own page, from `GET /sentinel/site`: its designations and what it owes now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteOverview {
    pub site: Organization,
    pub health_center: Organization,
    pub designations: Vec<Designation>,
    pub due: Vec<DueReport>,
}

/// One site's state for a due report, in a health center's overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteDueReport {
    pub site: Organization,
    pub due: DueReport,
    /// When the site was reminded of this report (once at most), if it was.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub reminded_at: Option<OffsetDateTime>,
}

/// A site designated in a health center's area, with all its designations (past, current and
/// future), oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteDesignations {
    pub site: Organization,
    pub designations: Vec<Designation>,
}

/// The level of an area for one disease in a week, with the rate it was computed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AreaAlert {
    pub health_center: Organization,
    pub disease: String,
    pub level: AlertLevel,
    /// 定点当たり報告数 (cases ÷ reporting sites).
    pub rate: f64,
}

/// A health center's week, from `GET /sentinel/overview`: who reported, who is late, who is missing,
/// and the area's alert levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HealthCenterOverview {
    pub health_center: Organization,
    /// The week whose reports are due now (the week just ended).
    pub week: ReportPeriod,
    /// The month whose reports are due now (the month just ended).
    pub month: ReportPeriod,
    /// One row per designated site and due report, missing first.
    pub reports: Vec<SiteDueReport>,
    /// The area's diseases at 注意報 or 警報 in `week`.
    pub alerts: Vec<AreaAlert>,
    /// Every site ever designated in the area, by code, with its designations (which type, from
    /// when until when).
    pub designations: Vec<SiteDesignations>,
}

/// Body of `POST /sentinel/reminders`: remind the sites that have not reported `period` of `kind`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderRequest {
    pub kind: ReportKind,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2025-W15"))]
    pub period: ReportPeriod,
}

/// What `POST /sentinel/reminders` queued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RemindersQueued {
    /// Sites with at least one manager with an e-mail address, one letter each.
    pub queued: u32,
    /// Sites not reported whose managers have no e-mail address.
    pub unreachable: Vec<Organization>,
    /// Sites not reported that were reminded of this report before (by anyone of the health
    /// center): not mailed again.
    pub already_reminded: Vec<SiteReminded>,
}

/// A site reminded of a report, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SiteReminded {
    pub site: Organization,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub reminded_at: OffsetDateTime,
}

/// Which area a table or chart is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AreaLevel {
    HealthCenter,
    Prefecture,
    National,
}

/// One row of an aggregated table: cases of a disease in an age band and sex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AggregatedCount {
    pub disease: String,
    pub age_band: String,
    pub sex: Sex,
    pub count: u64,
}

/// A disease's total in an area and week, with its rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiseaseRate {
    pub disease: String,
    pub cases: u64,
    /// 定点当たり報告数: cases ÷ `reporting_sites` of the area's table.
    pub rate: f64,
}

/// One area's table for one form and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AreaTable {
    pub level: AreaLevel,
    /// The health center or 都道府県等 (the country for `national`).
    pub area: Organization,
    /// Sites designated for the form's type during the period.
    pub designated_sites: u32,
    /// Sites that reported (「患者なし」 included): the rates' denominator.
    pub reporting_sites: u32,
    pub counts: Vec<AggregatedCount>,
    pub rates: Vec<DiseaseRate>,
    /// Health-center areas only, weekly forms: each disease's level that has a thresholds row.
    pub alerts: Vec<AreaAlert>,
}

/// Query of `GET /sentinel/aggregates` and its CSV export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AggregateQuery {
    #[cfg_attr(feature = "openapi", param(inline))]
    pub kind: ReportKind,
    /// `2025-W15` or `2025-04` (of the form's frequency).
    #[cfg_attr(feature = "openapi", param(value_type = String))]
    pub period: ReportPeriod,
    /// One row per health-center area of the caller's scope (`health_center`), per 都道府県等
    /// (`prefecture`: 都道府県等 and national staff) or the whole country (`national`: national staff).
    #[cfg_attr(feature = "openapi", param(inline))]
    pub level: AreaLevel,
    /// For the CSV export only: `utf8` (default) or `shift_jis`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub encoding: super::CsvEncoding,
    /// Whether each table lists its cases by disease × age band × sex (`counts`, default `true`);
    /// `false` leaves them out: sites, rates and levels only, what a list of every area's 警報・注意報
    /// needs (the nation's areas' cells are most of a national answer).
    #[serde(default = "with_cells")]
    pub cells: bool,
}

fn with_cells() -> bool {
    true
}

/// Query of `GET /sentinel/overview`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct OverviewQuery {
    /// The health center; health-center staff may leave it out (their own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_center: Option<String>,
    /// The week to show (`2025-W15`), with the month owed from the Monday after it; by default the
    /// week owed now. States (pending, missing …) are as of today either way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", param(value_type = Option<String>))]
    pub week: Option<IsoWeek>,
}

/// Query of `GET /sentinel/chart`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ChartQuery {
    /// The health center; health-center staff may leave it out (their own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_center: Option<String>,
    /// A weekly form.
    #[cfg_attr(feature = "openapi", param(inline))]
    pub kind: ReportKind,
    /// A disease of the form, e.g. `influenza`.
    pub disease: String,
}

/// An area's weekly rate in one season (week 36 to week 35), for the chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SeasonSeries {
    /// The year the season starts in (2025 is 2025/26).
    pub season: i32,
    /// One value per week of the season, week 36 first; `None` for a week without reporting sites
    /// or not yet come.
    pub rates: Vec<Option<f64>>,
}

/// The levels drawn as bands on a chart (in force in the latest season's last week).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChartThresholds {
    pub start: Centi,
    pub end: Centi,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advisory: Option<Centi>,
}

/// Chart data of `GET /sentinel/chart`: a health-center area's weekly rate of a disease for the last
/// five seasons, this season last, with its alert levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChartData {
    pub health_center: Organization,
    pub kind: ReportKind,
    pub disease: String,
    pub seasons: Vec<SeasonSeries>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thresholds: Option<ChartThresholds>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_that_is_not_a_whole_number_is_kept_for_validation() {
        let cell: CountCell =
            serde_json::from_str(r#"{"disease":"influenza","age_band":"1y","sex":"male","count":3}"#).unwrap();
        assert_eq!(cell.count, Entered::Valid(3));
        for raw in ["-1", "1.5", "\"3\"", "null", "4294967296"] {
            let text = format!(r#"{{"disease":"influenza","age_band":"1y","sex":"other","count":{raw}}}"#);
            let cell: CountCell = serde_json::from_str(&text).unwrap();
            assert!(matches!(cell.count, Entered::Invalid(_)), "{raw}");
            assert!(matches!(cell.sex, Entered::Invalid(_)));
        }
    }

    #[test]
    fn a_submission_round_trips_with_its_period_as_text() {
        let text = r#"{"kind":"respiratory_weekly","period":"2025-W15","no_patients":true}"#;
        let submission: SentinelReportSubmission = serde_json::from_str(text).unwrap();
        assert_eq!(submission.period, Entered::Valid("2025-W15".parse().unwrap()));
        let back = serde_json::to_value(&submission).unwrap();
        assert_eq!(back["period"], "2025-W15");
        let bad: SentinelReportSubmission =
            serde_json::from_str(r#"{"kind":"respiratory_weekly","period":"2025-W99"}"#).unwrap();
        assert_eq!(bad.period, Entered::Invalid(serde_json::json!("2025-W99")));
    }
}
