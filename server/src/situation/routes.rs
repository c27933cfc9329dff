//! `/api/v1/situation/…`: the figures of the dashboard. Each answer is counts; none names a person
//! or carries a notification.

use std::cmp::Reverse;
use std::collections::HashMap;

use axum::extract::State;
use axum::Json;
use domain::alarms::AlarmStatus;
use domain::api::AlarmSummary;
use domain::error::ApiError;
use domain::japan;
use domain::situation::{
    change_weeks, curve_weeks, week_changes, weekly_curve, Area, AreaChoice, AreaFigure, AreaLevel, AreaList,
    AreasQuery, CurveQuery, DateBasis, EpiCurve, MapQuery, PrefectureFigure, SentinelFigure, SituationMap, Week,
    WeekQuery, WeekSpan, WeekSummary,
};

use crate::access::{self, SituationScope};
use crate::auth::Principal;
use crate::error::AppError;
use crate::http::extract::ApiQuery;
use crate::store::{Account, AreaFilter, AreaRecord, CountFilter, NotificationScope, Store};
use crate::AppState;

/// The weekly 全数 notifications of `year` in an area, stacked by 類型 or by category, by onset,
/// diagnosis or report date, each week with the mean of the same week in the five years before. A
/// notification counts once, in the area of the health center now responsible for it. Without
/// `jurisdiction` or `health_center`: the account's whole scope (its health center, its 都道府県等,
/// or the country).
#[utoipa::path(
    get, path = "/situation/curve", tag = "situation", params(CurveQuery, AreaChoice),
    responses(
        (status = 200, description = "The curve", body = EpiCurve),
        (status = 400, description = "Malformed query (a year outside 2000–2100, both `jurisdiction` and `health_center`)", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a health center, 都道府県等 or national account", body = ApiError),
        (status = 404, description = "No such area within the account's scope", body = ApiError),
        (status = 422, description = "Unknown disease", body = ApiError),
    )
)]
pub async fn curve(
    State(state): State<AppState>,
    principal: Principal,
    ApiQuery(query): ApiQuery<CurveQuery>,
    ApiQuery(area): ApiQuery<AreaChoice>,
) -> Result<Json<EpiCurve>, AppError> {
    Ok(Json(curve_of(state.store.as_ref(), &principal.account, query, &area).await?))
}

/// The curve of [`curve`], for the account's scope.
pub(super) async fn curve_of(
    store: &dyn Store,
    account: &Account,
    query: CurveQuery,
    area: &AreaChoice,
) -> Result<EpiCurve, AppError> {
    let scope = access::situation_scope(account)?;
    let disease = known_disease(query.disease)?;
    let year = match query.year {
        None => Week::of(today()).year,
        Some(year) if (2000..=2100).contains(&year) => year,
        Some(year) => return Err(AppError::MalformedRequest(format!("year out of range: {year}"))),
    };
    let areas = store.areas().await?;
    let (area, filter_area) = chosen_area(&scope, area, &areas)?;
    let (from, to) = curve_weeks(year);
    let filter = CountFilter { basis: query.basis, from, to, disease: disease.clone(), area: filter_area };
    let counts = store.week_counts(&filter).await?;
    let (series, weeks) = weekly_curve(&counts, year, query.stack);
    Ok(EpiCurve { area, disease, basis: query.basis, stack: query.stack, year, series, weeks })
}

/// The 47 prefectures' notifications of a week (by report date), the week before, and per 100,000
/// population (`domain/data/prefecture_population.csv`); with a sentinel indicator (`sentinel_rate`,
/// `alert_level`) also `sentinel_disease`'s reporting sites, cases, 定点当たり報告数 and health-center
/// areas at 警報 / 注意報 in the week before. Published figures in the IDWR: every health center,
/// 都道府県等 and national account sees the whole map.
#[utoipa::path(
    get, path = "/situation/map", tag = "situation", params(MapQuery),
    responses(
        (status = 200, description = "The map's figures, prefectures in code order", body = SituationMap),
        (status = 400, description = "`date` is not `YYYY-MM-DD`, or a sentinel indicator without `sentinel_disease`", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a health center, 都道府県等 or national account", body = ApiError),
        (status = 422, description = "Unknown disease (or not a weekly sentinel disease)", body = ApiError),
    )
)]
pub async fn map(
    State(state): State<AppState>,
    principal: Principal,
    ApiQuery(query): ApiQuery<MapQuery>,
) -> Result<Json<SituationMap>, AppError> {
    access::situation_scope(&principal.account)?;
    Ok(Json(map_figures(state.store.as_ref(), query).await?))
}

/// The map's answer: every health-center area's figures summed per prefecture.
pub async fn map_figures(store: &dyn Store, query: MapQuery) -> Result<SituationMap, AppError> {
    let figures = area_figures(store, &query).await?;
    let mut sums: HashMap<Option<&str>, (u32, u32, Option<SentinelFigure>)> = HashMap::new();
    for area in &figures.areas {
        let sum = sums.entry(japan::prefecture_code_of(&area.jurisdiction_code)).or_default();
        sum.0 += area.count;
        sum.1 += area.previous_week;
        if let Some(sentinel) = &area.sentinel {
            sum.2.get_or_insert_with(SentinelFigure::default).add(sentinel);
        }
    }
    let sentinel_default = figures.sentinel_week.as_ref().map(|_| SentinelFigure::default());
    let prefectures = japan::prefectures()
        .into_iter()
        .map(|prefecture| {
            let (count, previous_week, sentinel) =
                sums.get(&Some(prefecture.code.as_str())).cloned().unwrap_or((0, 0, sentinel_default.clone()));
            PrefectureFigure {
                previous_week,
                per_100k: japan::per_100k(count, prefecture.population),
                count,
                population: prefecture.population,
                name: prefecture.name,
                code: prefecture.code,
                sentinel,
            }
        })
        .collect();
    let outside_map = sums.get(&None).map_or(0, |(count, _, _)| *count);
    Ok(SituationMap {
        week: figures.week,
        disease: figures.disease,
        indicator: query.indicator,
        sentinel_disease: figures.sentinel_week.as_ref().and(query.sentinel_disease),
        sentinel_week: figures.sentinel_week,
        prefectures,
        outside_map,
    })
}

/// The health-center areas of a prefecture that the account oversees, with the week's notifications
/// (by report date) and the week before's: a health center its own area, a 都道府県等 its health
/// centers, national staff all of the prefecture's.
#[utoipa::path(
    get, path = "/situation/areas", tag = "situation", params(AreasQuery, MapQuery),
    responses(
        (status = 200, description = "The areas, by health center code", body = AreaList),
        (status = 400, description = "`prefecture` is not two digits, `date` not `YYYY-MM-DD`, or a sentinel indicator without `sentinel_disease`", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a health center, 都道府県等 or national account", body = ApiError),
        (status = 404, description = "No area of this prefecture within the account's scope", body = ApiError),
        (status = 422, description = "Unknown disease (or not a weekly sentinel disease)", body = ApiError),
    )
)]
pub async fn areas(
    State(state): State<AppState>,
    principal: Principal,
    ApiQuery(query): ApiQuery<AreasQuery>,
    ApiQuery(week): ApiQuery<MapQuery>,
) -> Result<Json<AreaList>, AppError> {
    let scope = access::situation_scope(&principal.account)?;
    if query.prefecture.len() != 2 || !query.prefecture.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(AppError::MalformedRequest(format!("not a prefecture code: {}", query.prefecture)));
    }
    let figures = area_figures(state.store.as_ref(), &week).await?;
    let areas: Vec<AreaFigure> = figures
        .areas
        .into_iter()
        .filter(|area| {
            area.jurisdiction_code.starts_with(&query.prefecture) && scope.sees(&area.jurisdiction_code, &area.code)
        })
        .collect();
    if areas.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(Json(AreaList {
        week: figures.week,
        prefecture: query.prefecture,
        disease: figures.disease,
        sentinel_disease: figures.sentinel_week.as_ref().and(week.sentinel_disease),
        sentinel_week: figures.sentinel_week,
        areas,
    }))
}

/// What the map and a prefecture's areas are made of: the week of `date` (else this week), and
/// every health-center area with its notifications of that week and the week before, by report date,
/// and with a sentinel indicator, the sentinel disease's figures of the week before (`sentinel_week`).
struct AreaFigures {
    week: WeekSpan,
    disease: Option<String>,
    sentinel_week: Option<WeekSpan>,
    areas: Vec<AreaFigure>,
}

async fn area_figures(store: &dyn Store, query: &MapQuery) -> Result<AreaFigures, AppError> {
    let disease = known_disease(query.disease.clone())?;
    let week = chosen_week(query.date.as_deref())?;
    let filter = CountFilter {
        basis: DateBasis::Report,
        from: week.previous(),
        to: week,
        disease: disease.clone(),
        area: AreaFilter::Everywhere,
    };
    let mut counts: HashMap<&str, (u32, u32)> = HashMap::new();
    let counted = store.area_counts(&filter).await?;
    for count in &counted {
        let figures = counts.entry(count.health_center_code.as_str()).or_default();
        if count.week == week {
            figures.0 += count.count;
        } else {
            figures.1 += count.count;
        }
    }
    let records = store.areas().await?;
    let sentinel_week = week.previous();
    let sentinel = match (query.indicator.is_sentinel(), query.sentinel_disease.as_deref(), sentinel_week.iso()) {
        (false, _, _) => None,
        (true, Some(code), Some(iso)) => {
            let everywhere = AreaFilter::Everywhere;
            Some(super::sentinel::area_figures(store, code, iso, &everywhere, &records).await?)
        }
        (true, _, _) => {
            return Err(AppError::MalformedRequest(format!(
                "indicator {} needs sentinel_disease",
                query.indicator.key()
            )))
        }
    };
    let areas = records
        .into_iter()
        .map(|area| {
            let (count, previous_week) = counts.get(area.health_center.code.as_str()).copied().unwrap_or_default();
            AreaFigure {
                count,
                previous_week,
                sentinel: sentinel
                    .as_ref()
                    .map(|figures| figures.get(&area.health_center.code).cloned().unwrap_or_default()),
                code: area.health_center.code,
                name: area.health_center.name,
                jurisdiction_code: area.jurisdiction.code,
                jurisdiction_name: area.jurisdiction.name,
            }
        })
        .collect();
    Ok(AreaFigures {
        week: WeekSpan::of(week),
        disease,
        sentinel_week: sentinel.is_some().then(|| WeekSpan::of(sentinel_week)),
        areas,
    })
}

/// The week in an area at a glance: each disease's notifications (by report date) against the week
/// before and the same week of the five years before, most changed first, how many of the area's
/// notifications are overdue now, its health-center areas at 警報 or 注意報 in the week before (the
/// last whole sentinel week), and its open aberration alarms.
#[utoipa::path(
    get, path = "/situation/week", tag = "situation", params(WeekQuery, AreaChoice),
    responses(
        (status = 200, description = "The week's changes", body = WeekSummary),
        (status = 400, description = "Malformed `date`, or both `jurisdiction` and `health_center`", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a health center, 都道府県等 or national account", body = ApiError),
        (status = 404, description = "No such area within the account's scope", body = ApiError),
    )
)]
pub async fn week(
    State(state): State<AppState>,
    principal: Principal,
    ApiQuery(query): ApiQuery<WeekQuery>,
    ApiQuery(area): ApiQuery<AreaChoice>,
) -> Result<Json<WeekSummary>, AppError> {
    Ok(Json(week_of(state.store.as_ref(), &principal.account, &query, &area).await?))
}

/// The week of [`week`], for the account's scope.
pub(super) async fn week_of(
    store: &dyn Store,
    account: &Account,
    query: &WeekQuery,
    area: &AreaChoice,
) -> Result<WeekSummary, AppError> {
    let scope = access::situation_scope(account)?;
    let week = chosen_week(query.date.as_deref())?;
    let areas = store.areas().await?;
    let (area, filter_area) = chosen_area(&scope, area, &areas)?;
    let (from, to) = change_weeks(week);
    let filter = CountFilter { basis: DateBasis::Report, from, to, disease: None, area: filter_area.clone() };
    let changes = week_changes(&store.week_counts(&filter).await?, week);
    let waiting = store.notifications(&notifications_in(&filter_area)).await?;
    let overdue = waiting.iter().filter(|notification| notification.summary.overdue).count();
    let overdue = u32::try_from(overdue).unwrap_or(u32::MAX);
    let sentinel_week = week.previous();
    let covered: Vec<AreaRecord> = areas.into_iter().filter(|record| filter_area.covers(record)).collect();
    let mut alerts = match sentinel_week.iso() {
        Some(iso) => crate::sentinel::tables::alerts_in(store, iso, &filter_area, &covered).await?,
        None => Vec::new(),
    };
    alerts.sort_by_key(|alert| Reverse(alert.level));
    let mut open_alarms: Vec<AlarmSummary> =
        store.alarms(&filter_area).await?.into_iter().filter(|alarm| alarm.status == AlarmStatus::Open).collect();
    open_alarms.sort_by(|a, b| (Reverse(a.week), &a.disease).cmp(&(Reverse(b.week), &b.disease)));
    Ok(WeekSummary {
        area,
        week: WeekSpan::of(week),
        changes,
        overdue,
        sentinel_week: WeekSpan::of(sentinel_week),
        alerts,
        open_alarms,
    })
}

/// The notifications of an area, as the lists' scope names them.
fn notifications_in(area: &AreaFilter) -> NotificationScope {
    match area {
        AreaFilter::Everywhere => NotificationScope::All,
        AreaFilter::Jurisdiction(code) => NotificationScope::HealthCentersOfPrefecture(code.clone()),
        AreaFilter::HealthCenter(code) => NotificationScope::RoutedToHealthCenter(code.clone()),
    }
}

pub(super) fn today() -> time::Date {
    domain::jst::date_in_japan(crate::store::now())
}

fn known_disease(code: Option<String>) -> Result<Option<String>, AppError> {
    match code {
        Some(code) if domain::diseases::find(&code).is_none() => Err(AppError::UnknownDisease),
        code => Ok(code),
    }
}

/// The week of `date` (`YYYY-MM-DD`), or this week in Japan.
pub(super) fn chosen_week(date: Option<&str>) -> Result<Week, AppError> {
    match date {
        None => Ok(Week::of(today())),
        Some(text) => domain::validation::parse_date(text)
            .map(Week::of)
            .ok_or_else(|| AppError::MalformedRequest(format!("not a YYYY-MM-DD date: {text}"))),
    }
}

/// The area a curve is of: the one asked for if the scope covers it, else the scope's own.
fn chosen_area(
    scope: &SituationScope,
    choice: &AreaChoice,
    areas: &[AreaRecord],
) -> Result<(Area, AreaFilter), AppError> {
    let jurisdiction_named = |code: &str| {
        let seen = scope.sees_jurisdiction(code);
        areas.iter().find(|area| seen && area.jurisdiction.code == code).map(|area| Area {
            level: AreaLevel::Jurisdiction,
            code: Some(code.to_owned()),
            name: area.jurisdiction.name.clone(),
        })
    };
    let health_center_named = |code: &str| {
        areas.iter().find(|area| area.health_center.code == code && scope.sees(&area.jurisdiction.code, code)).map(
            |area| Area {
                level: AreaLevel::HealthCenter,
                code: Some(code.to_owned()),
                name: area.health_center.name.clone(),
            },
        )
    };
    let own = match scope {
        SituationScope::National => (None, None),
        SituationScope::Jurisdiction(code) => (Some(code.as_str()), None),
        SituationScope::HealthCenter(code) => (None, Some(code.as_str())),
    };
    let asked = match (choice.jurisdiction.as_deref(), choice.health_center.as_deref()) {
        (None, None) => own,
        asked => asked,
    };
    let (area, filter) = match asked {
        (Some(code), None) => (jurisdiction_named(code), AreaFilter::Jurisdiction(code.to_owned())),
        (None, Some(code)) => (health_center_named(code), AreaFilter::HealthCenter(code.to_owned())),
        (None, None) => {
            let national = Area { level: AreaLevel::National, code: None, name: "全国".into() };
            (Some(national), AreaFilter::Everywhere)
        }
        (Some(_), Some(_)) => {
            return Err(AppError::MalformedRequest("either jurisdiction or health_center, not both".into()))
        }
    };
    Ok((area.ok_or(AppError::NotFound)?, filter))
}
