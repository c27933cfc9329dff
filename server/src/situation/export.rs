//! `/api/v1/situation/…/export`: each situation view's numbers as a CSV file (UTF-8 with BOM or
//! Shift_JIS), computed by the view's own function for the account's scope, so that a file holds
//! exactly what the view shows. Counts only, like the views themselves: no download flag, and not
//! audited (the sentinel tables' export is not either). Layouts: docs/csv-export.md.

use axum::extract::State;
use axum::response::Response;
use domain::api::{CsvEncoding, CsvTable, EncodingQuery};
use domain::error::ApiError;
use domain::situation::{curve_csv, map_csv, week_csv, Area, AreaChoice, CurveQuery, MapQuery, WeekQuery, WeekSpan};
use domain::weekly_report::{ReportQuery, ReportTable, ReportTableQuery, WeeklyReport};
use uuid::Uuid;

use super::{report, routes};
use crate::access;
use crate::auth::Principal;
use crate::error::AppError;
use crate::http::extract::{ApiPath, ApiQuery};
use crate::notifications::csv_file;
use crate::AppState;

/// The epidemic curve's table (`GET /situation/curve`'s query): a row per week.
#[utoipa::path(
    get, path = "/situation/curve/export", tag = "situation", params(CurveQuery, AreaChoice, EncodingQuery),
    responses(
        (status = 200, description = "The CSV file (`text/csv`, attachment)", content_type = "text/csv", body = String),
        (status = 400, description = "Malformed query (as `GET /situation/curve`)", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a health center, 都道府県等 or national account", body = ApiError),
        (status = 404, description = "No such area within the account's scope", body = ApiError),
        (status = 422, description = "Unknown disease", body = ApiError),
    )
)]
pub async fn export_curve(
    State(state): State<AppState>,
    principal: Principal,
    ApiQuery(query): ApiQuery<CurveQuery>,
    ApiQuery(area): ApiQuery<AreaChoice>,
    ApiQuery(file): ApiQuery<EncodingQuery>,
) -> Result<Response, AppError> {
    let curve = routes::curve_of(state.store.as_ref(), &principal.account, query, &area).await?;
    let name = format!("todoke-epidemic-curve-{}-{}.csv", area_key(&curve.area), curve.year);
    download(curve_csv(&curve), file.encoding, &name)
}

/// The map's table (`GET /situation/map`'s query): a row per prefecture.
#[utoipa::path(
    get, path = "/situation/map/export", tag = "situation", params(MapQuery, EncodingQuery),
    responses(
        (status = 200, description = "The CSV file (`text/csv`, attachment)", content_type = "text/csv", body = String),
        (status = 400, description = "Malformed query (as `GET /situation/map`)", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a health center, 都道府県等 or national account", body = ApiError),
        (status = 422, description = "Unknown disease (or not a weekly sentinel disease)", body = ApiError),
    )
)]
pub async fn export_map(
    State(state): State<AppState>,
    principal: Principal,
    ApiQuery(query): ApiQuery<MapQuery>,
    ApiQuery(file): ApiQuery<EncodingQuery>,
) -> Result<Response, AppError> {
    access::situation_scope(&principal.account)?;
    let indicator = query.indicator;
    let map = routes::map_figures(state.store.as_ref(), query).await?;
    let name = format!("todoke-situation-map-{}-{}.csv", indicator.key(), week_key(&map.week));
    download(map_csv(&map), file.encoding, &name)
}

/// The week's changes (`GET /situation/week`'s query): a row per disease, most changed first.
#[utoipa::path(
    get, path = "/situation/week/export", tag = "situation", params(WeekQuery, AreaChoice, EncodingQuery),
    responses(
        (status = 200, description = "The CSV file (`text/csv`, attachment)", content_type = "text/csv", body = String),
        (status = 400, description = "Malformed `date`, or both `jurisdiction` and `health_center`", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a health center, 都道府県等 or national account", body = ApiError),
        (status = 404, description = "No such area within the account's scope", body = ApiError),
    )
)]
pub async fn export_week(
    State(state): State<AppState>,
    principal: Principal,
    ApiQuery(query): ApiQuery<WeekQuery>,
    ApiQuery(area): ApiQuery<AreaChoice>,
    ApiQuery(file): ApiQuery<EncodingQuery>,
) -> Result<Response, AppError> {
    let summary = routes::week_of(state.store.as_ref(), &principal.account, &query, &area).await?;
    let name = format!("todoke-this-week-{}-{}.csv", area_key(&summary.area), week_key(&summary.week));
    download(week_csv(&summary), file.encoding, &name)
}

/// One table of the week's report, not yet published (`GET /situation/report`'s query).
#[utoipa::path(
    get, path = "/situation/report/export", tag = "situation", params(ReportQuery, ReportTableQuery, EncodingQuery),
    responses(
        (status = 200, description = "The CSV file (`text/csv`, attachment)", content_type = "text/csv", body = String),
        (status = 400, description = "Malformed `date` or `table`", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a 都道府県等 or national account", body = ApiError),
        (status = 404, description = "No such 都道府県等 within the account's scope", body = ApiError),
    )
)]
pub async fn export_report(
    State(state): State<AppState>,
    principal: Principal,
    ApiQuery(query): ApiQuery<ReportQuery>,
    ApiQuery(table): ApiQuery<ReportTableQuery>,
    ApiQuery(file): ApiQuery<EncodingQuery>,
) -> Result<Response, AppError> {
    let scope = access::report_scope(&principal.account)?;
    let (report, _) =
        report::compute(state.store.as_ref(), &scope, query.jurisdiction.as_deref(), query.date.as_deref()).await?;
    report_download(&report, table.table, file.encoding)
}

/// One table of a published report, as it was published.
#[utoipa::path(
    get, path = "/situation/reports/{id}/export", tag = "situation",
    params(("id" = Uuid, Path, description = "The report's id"), ReportTableQuery, EncodingQuery),
    responses(
        (status = 200, description = "The CSV file (`text/csv`, attachment)", content_type = "text/csv", body = String),
        (status = 400, description = "Malformed `table` or `encoding`", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a 都道府県等 or national account", body = ApiError),
        (status = 404, description = "No such report the account may read", body = ApiError),
    )
)]
pub async fn export_published_report(
    State(state): State<AppState>,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(table): ApiQuery<ReportTableQuery>,
    ApiQuery(file): ApiQuery<EncodingQuery>,
) -> Result<Response, AppError> {
    let report = report::published(state.store.as_ref(), &principal.account, id).await?;
    report_download(&report, table.table, file.encoding)
}

fn report_download(report: &WeeklyReport, table: ReportTable, encoding: CsvEncoding) -> Result<Response, AppError> {
    let name =
        format!("todoke-weekly-report-{}-{}-{}.csv", table.key(), area_key(&report.area), week_key(&report.week));
    download(table.of(report), encoding, &name)
}

fn download(table: CsvTable, encoding: CsvEncoding, file_name: &str) -> Result<Response, AppError> {
    csv_file::download(&table.header, table.rows, encoding, file_name)
}

/// An area in a file name: its code, or `national`.
fn area_key(area: &Area) -> &str {
    area.code.as_deref().unwrap_or("national")
}

/// A week in a file name: `2026-W48`.
fn week_key(week: &WeekSpan) -> String {
    format!("{}-W{:02}", week.year, week.week)
}
