//! `/api/v1/situation/report(s)`: the weekly report (週報) of a 都道府県等 or of the nation, computed
//! for a week, published with the staff's comment, and the published ones kept and listed. Counts
//! only; publishing is audited.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domain::error::ApiError;
use domain::japan;
use domain::situation::{change_weeks, week_changes, Area, AreaLevel, DateBasis, Week, WeekSpan};
use domain::weekly_report::{
    check_comment, notes, sentinel_notes, Publication, PublishReport, PublishedReport, ReportColumn, ReportQuery,
    ReportRow, WeeklyReport,
};
use uuid::Uuid;

use super::routes::{chosen_week, today};
use super::sentinel::ColumnOf;
use crate::access::{self, ReportScope};
use crate::audit::{self, Action, Outcome};
use crate::auth::{ClientAddress, Principal};
use crate::error::AppError;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery};
use crate::store::{Account, AreaFilter, AreaRecord, CountFilter, Store, StoredReport};
use crate::AppState;

/// The week's report, not yet published: the 全数 counts by disease (this week, the week before, the
/// five-year mean) and by prefecture (the nation's) or health center (a 都道府県等's), by report date;
/// each weekly sentinel disease's 定点当たり報告数 (this week, the week before, per column) with the
/// health-center areas at 警報 or 注意報; and the notable changes as sentences computed from them.
/// Without `date`: the last whole week.
#[utoipa::path(
    get, path = "/situation/report", tag = "situation", params(ReportQuery),
    responses(
        (status = 200, description = "The report of the week", body = WeeklyReport),
        (status = 400, description = "Malformed `date`", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a 都道府県等 or national account", body = ApiError),
        (status = 404, description = "No such 都道府県等 within the account's scope", body = ApiError),
    )
)]
pub async fn draft(
    State(state): State<AppState>,
    principal: Principal,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> Result<Json<WeeklyReport>, AppError> {
    let scope = access::report_scope(&principal.account)?;
    let (report, _) =
        compute(state.store.as_ref(), &scope, query.jurisdiction.as_deref(), query.date.as_deref()).await?;
    Ok(Json(report))
}

/// Publishes the week's report with the staff's comment: the figures are computed now and kept as
/// they are (a later publication of the same week is another report; both are listed).
#[utoipa::path(
    post, path = "/situation/reports", tag = "situation", request_body = PublishReport,
    responses(
        (status = 201, description = "Published; the report as kept", body = WeeklyReport),
        (status = 400, description = "Malformed body or `date`", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a 都道府県等 or national account", body = ApiError),
        (status = 404, description = "No such 都道府県等 within the account's scope", body = ApiError),
        (status = 422, description = "The comment breaks the note rules (see `fields`)", body = ApiError),
    )
)]
pub async fn publish(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiJson(request): ApiJson<PublishReport>,
) -> Result<(StatusCode, Json<WeeklyReport>), AppError> {
    let account = &principal.account;
    let scope = access::report_scope(account)?;
    let comment = check_comment(&request.comment).map_err(|field| AppError::Validation(vec![field]))?;
    let (mut report, jurisdiction_code) =
        compute(state.store.as_ref(), &scope, request.jurisdiction.as_deref(), request.date.as_deref()).await?;
    let id = Uuid::new_v4();
    report.comment = comment;
    report.publication =
        Some(Publication { report_id: id, published_by: account.user_id.clone(), published_at: crate::store::now() });
    let audit =
        audit::entry(Action::PublishReport, Outcome::Success, Some(&account.user_id), Some(id.to_string()), client);
    state.store.insert_report(&StoredReport { id, jurisdiction_code, report: report.clone() }, &audit).await?;
    Ok((StatusCode::CREATED, Json(report)))
}

/// The published reports the account may read: its 都道府県等's, or for national staff all (the
/// nation's and every 都道府県等's), newest week first.
#[utoipa::path(
    get, path = "/situation/reports", tag = "situation",
    responses(
        (status = 200, description = "Published reports", body = [PublishedReport]),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a 都道府県等 or national account", body = ApiError),
    )
)]
pub async fn list(State(state): State<AppState>, principal: Principal) -> Result<Json<Vec<PublishedReport>>, AppError> {
    let scope = access::report_scope(&principal.account)?;
    let only = match &scope {
        ReportScope::National => None,
        ReportScope::Jurisdiction(code) => Some(code.as_str()),
    };
    let published = state.store.reports(only).await?;
    Ok(Json(
        published
            .into_iter()
            .filter_map(|stored| {
                let publication = stored.report.publication?;
                Some(PublishedReport { area: stored.report.area, week: stored.report.week, publication })
            })
            .collect(),
    ))
}

/// One published report, as it was published.
#[utoipa::path(
    get, path = "/situation/reports/{id}", tag = "situation",
    params(("id" = Uuid, Path, description = "The report's id")),
    responses(
        (status = 200, description = "The report", body = WeeklyReport),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a 都道府県等 or national account", body = ApiError),
        (status = 404, description = "No such report the account may read", body = ApiError),
    )
)]
pub async fn show(
    State(state): State<AppState>,
    principal: Principal,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<WeeklyReport>, AppError> {
    Ok(Json(published(state.store.as_ref(), &principal.account, id).await?))
}

/// The published report `id` if the account may read it.
pub(super) async fn published(store: &dyn Store, account: &Account, id: Uuid) -> Result<WeeklyReport, AppError> {
    let scope = access::report_scope(account)?;
    let stored = store.report(id).await?.ok_or(AppError::NotFound)?;
    if !scope.reads(stored.jurisdiction_code.as_deref()) {
        return Err(AppError::NotFound);
    }
    Ok(stored.report)
}

/// The report of the week of `date` (else the last whole week) for `jurisdiction` (else the scope's
/// own), with the 都道府県等 code it is of (`None`: the nation).
pub async fn compute(
    store: &dyn Store,
    scope: &ReportScope,
    jurisdiction: Option<&str>,
    date: Option<&str>,
) -> Result<(WeeklyReport, Option<String>), AppError> {
    let week = match date {
        Some(_) => chosen_week(date)?,
        None => Week::of(today()).previous(),
    };
    let areas = store.areas().await?;
    let target = match (jurisdiction, scope) {
        (Some(code), _) => Some(code.to_owned()),
        (None, ReportScope::Jurisdiction(code)) => Some(code.clone()),
        (None, ReportScope::National) => None,
    };
    let (area, columns, column_of) = match &target {
        Some(code) if scope.reads(Some(code.as_str())) => {
            jurisdiction_layout(code, &areas).ok_or(AppError::NotFound)?
        }
        Some(_) => return Err(AppError::NotFound),
        None => national_layout(&areas),
    };
    let filter_area = target.clone().map_or(AreaFilter::Everywhere, AreaFilter::Jurisdiction);
    let (from, to) = change_weeks(week);
    let filter = CountFilter { basis: DateBasis::Report, from, to, disease: None, area: filter_area };
    let mut changes = week_changes(&store.week_counts(&filter).await?, week);
    changes.sort_by(|a, b| b.this_week.cmp(&a.this_week).then(a.disease.cmp(&b.disease)));
    let mut by_area: HashMap<(String, usize), u32> = HashMap::new();
    for count in store.area_counts(&CountFilter { from: week, ..filter.clone() }).await? {
        if let Some(column) = column_of.get(count.health_center_code.as_str()) {
            *by_area.entry((count.disease, *column)).or_default() += count.count;
        }
    }
    let rows: Vec<ReportRow> = changes
        .into_iter()
        .map(|change| ReportRow {
            counts: (0..columns.len())
                .map(|column| by_area.get(&(change.disease.clone(), column)).copied().unwrap_or(0))
                .collect(),
            disease: change.disease.clone(),
            change,
        })
        .collect();
    let covered: Vec<AreaRecord> = areas.iter().filter(|record| filter.area.covers(record)).cloned().collect();
    let (sentinel, alerts) = match week.iso() {
        Some(iso) => {
            super::sentinel::report_rows(store, iso, &filter.area, &covered, &column_of, columns.len()).await?
        }
        None => (Vec::new(), Vec::new()),
    };
    let mut notes = notes(&rows);
    notes.extend(week.iso().map(|iso| sentinel_notes(&sentinel, iso)).unwrap_or_default());
    let report = WeeklyReport {
        area,
        week: WeekSpan::of(week),
        columns,
        notes,
        rows,
        comment: None,
        publication: None,
        sentinel,
        alerts,
    };
    Ok((report, target))
}

/// A 都道府県等's report: one column per health center.
fn jurisdiction_layout<'a>(code: &str, areas: &'a [AreaRecord]) -> Option<(Area, Vec<ReportColumn>, ColumnOf<'a>)> {
    let own: Vec<&AreaRecord> = areas.iter().filter(|area| area.jurisdiction.code == code).collect();
    let first = own.first()?;
    let area =
        Area { level: AreaLevel::Jurisdiction, code: Some(code.to_owned()), name: first.jurisdiction.name.clone() };
    let columns = own
        .iter()
        .map(|area| ReportColumn { code: area.health_center.code.clone(), name: area.health_center.name.clone() })
        .collect();
    let column_of = own.iter().enumerate().map(|(index, area)| (area.health_center.code.as_str(), index)).collect();
    Some((area, columns, column_of))
}

/// The nation's report: one column per prefecture, and one for 都道府県等 outside the 47.
fn national_layout(areas: &[AreaRecord]) -> (Area, Vec<ReportColumn>, ColumnOf<'_>) {
    let prefectures = japan::prefectures();
    let outside = prefectures.len();
    let mut columns: Vec<ReportColumn> =
        prefectures.iter().map(|p| ReportColumn { code: p.code.clone(), name: p.name.clone() }).collect();
    columns.push(ReportColumn { code: "other".into(), name: "その他".into() });
    let column_of = areas
        .iter()
        .map(|area| {
            let prefecture = japan::prefecture_code_of(&area.jurisdiction.code);
            let column = prefectures.iter().position(|p| Some(p.code.as_str()) == prefecture).unwrap_or(outside);
            (area.health_center.code.as_str(), column)
        })
        .collect();
    (Area { level: AreaLevel::National, code: None, name: "全国".into() }, columns, column_of)
}
