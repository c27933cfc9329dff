//! Aggregated sentinel figures: per health-center area, 都道府県等 or the nation, a form's counts by
//! disease × age band × sex, the reporting sites and 定点当たり報告数, each area's 警報・注意報
//! (as filing stores them by `domain::sentinel::alert_levels`, migration 0031), the CSV of the tables, and an area's
//! weekly rate over five seasons for the chart. Counts only: no answer names a patient.

use std::collections::{BTreeMap, HashMap};

use axum::extract::State;
use axum::response::Response;
use axum::Json;
use domain::api::{
    AggregateQuery, AggregatedCount, AreaAlert, AreaLevel, AreaTable, ChartData, ChartQuery, ChartThresholds,
    DiseaseRate, Organization, SeasonSeries,
};
use domain::error::ApiError;
use domain::i18n::Lang;
use domain::sentinel::{
    form, has_alert_levels, thresholds_in, FormVersion, Frequency, IsoWeek, ReportKind, ReportPeriod, WeeklyRate,
    NATIONAL_THRESHOLDS,
};
use domain::situation::per_site;
use time::Date;

use crate::access::{self, SituationScope};
use crate::auth::Principal;
use crate::error::AppError;
use crate::http::extract::ApiQuery;
use crate::notifications::csv_file;
use crate::store::{AreaFilter, AreaRecord, SentinelFilter, Store};
use crate::AppState;

/// Seasons on a chart, this one last.
const CHART_SEASONS: i32 = 5;

/// The tables of one form and period: a row per health-center area of the caller's scope, per
/// 都道府県等 or for the nation (`level`), each with the sites designated and reporting (the rates'
/// denominator), cases by disease × age band × sex (unless `cells=false`), each disease's total and
/// 定点当たり報告数, and for health-center areas of a weekly count form the diseases at 注意報 or 警報.
#[utoipa::path(
    get, path = "/sentinel/aggregates", tag = "sentinel", params(AggregateQuery),
    responses(
        (status = 200, description = "One table per area, in code order", body = [AreaTable]),
        (status = 400, description = "Malformed query (a period of the other frequency or before the catalog)", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a health center, 都道府県等 or national account, or a level above the account's scope", body = ApiError),
    )
)]
pub async fn aggregates(
    State(state): State<AppState>,
    principal: Principal,
    ApiQuery(query): ApiQuery<AggregateQuery>,
) -> Result<Json<Vec<AreaTable>>, AppError> {
    Ok(Json(tables(state.store.as_ref(), &access::situation_scope(&principal.account)?, &query).await?))
}

/// The same tables as a CSV file, UTF-8 with BOM (`encoding=utf8`, the default) or Shift_JIS: one row
/// per area × disease × age band × sex with cases, and per area × disease a `total` row with the rate.
/// Header: docs/csv-export.md.
#[utoipa::path(
    get, path = "/sentinel/aggregates/export", tag = "sentinel", params(AggregateQuery),
    responses(
        (status = 200, description = "The CSV file (`text/csv`, attachment)", content_type = "text/csv", body = String),
        (status = 400, description = "Malformed query", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a health center, 都道府県等 or national account, or a level above the account's scope", body = ApiError),
    )
)]
pub async fn export(
    State(state): State<AppState>,
    principal: Principal,
    ApiQuery(query): ApiQuery<AggregateQuery>,
) -> Result<Response, AppError> {
    let tables = tables(state.store.as_ref(), &access::situation_scope(&principal.account)?, &query).await?;
    let file_name = format!("todoke-sentinel-{}-{}.csv", query.kind.code(), query.period);
    csv_file::download(&CSV_HEADER, csv_rows(&query, &tables), query.encoding, &file_name)
}

/// The columns of the aggregate CSV, in this order (docs/csv-export.md), before the
/// `replaced_characters` that `csv_file::encode` adds.
pub const CSV_HEADER: [&str; 14] = [
    "level",
    "area_code",
    "area_name",
    "kind",
    "period",
    "designated_sites",
    "reporting_sites",
    "disease",
    "disease_name",
    "age_band",
    "age_band_name",
    "sex",
    "count",
    "rate_per_site",
];

fn csv_rows(query: &AggregateQuery, tables: &[AreaTable]) -> Vec<Vec<String>> {
    let version = form(query.kind).version_on(query.period.first_day());
    let disease_name = |code: &str| version.and_then(|v| v.disease(code)).map(|d| d.name.get(Lang::Ja)).unwrap_or("");
    let band_name = |code: &str| version.and_then(|v| v.age_band(code)).map(|b| b.name.get(Lang::Ja)).unwrap_or("");
    let level = match query.level {
        AreaLevel::HealthCenter => "health_center",
        AreaLevel::Prefecture => "prefecture",
        AreaLevel::National => "national",
    };
    let mut rows = Vec::new();
    for table in tables {
        let leading = [
            level.to_owned(),
            table.area.code.clone(),
            table.area.name.clone(),
            query.kind.code().to_owned(),
            query.period.to_string(),
            table.designated_sites.to_string(),
            table.reporting_sites.to_string(),
        ];
        for rate in &table.rates {
            for count in table.counts.iter().filter(|count| count.disease == rate.disease) {
                let sex = match count.sex {
                    domain::api::Sex::Male => "男",
                    domain::api::Sex::Female => "女",
                };
                let cells = [&count.disease, disease_name(&count.disease), &count.age_band, band_name(&count.age_band)];
                let mut row = leading.to_vec();
                row.extend(cells.map(str::to_owned));
                row.extend([sex.to_owned(), count.count.to_string(), String::new()]);
                rows.push(row);
            }
            let mut row = leading.to_vec();
            row.extend([rate.disease.clone(), disease_name(&rate.disease).to_owned(), "total".into(), "計".into()]);
            row.extend([String::new(), rate.cases.to_string(), format!("{:.2}", rate.rate)]);
            rows.push(row);
        }
    }
    rows
}

/// The areas of the scope, by health center code.
async fn scope_areas(store: &dyn Store, scope: &SituationScope) -> Result<Vec<AreaRecord>, AppError> {
    let mut areas: Vec<AreaRecord> = store
        .areas()
        .await?
        .into_iter()
        .filter(|area| scope.sees(&area.jurisdiction.code, &area.health_center.code))
        .collect();
    areas.sort_by(|a, b| a.health_center.code.cmp(&b.health_center.code));
    Ok(areas)
}

/// The version of a form in force for a period of its frequency; anything else is a malformed query.
fn version_for(kind: ReportKind, period: ReportPeriod) -> Result<&'static FormVersion, AppError> {
    let form = form(kind);
    if period.frequency() != form.frequency {
        return Err(AppError::MalformedRequest(format!("{period} is not a period of {}", kind.code())));
    }
    form.version_on(period.first_day())
        .ok_or_else(|| AppError::MalformedRequest(format!("{period} is before the sentinel catalog")))
}

/// The tables `aggregates` answers (and the benchmark times).
pub async fn tables(
    store: &dyn Store,
    scope: &SituationScope,
    query: &AggregateQuery,
) -> Result<Vec<AreaTable>, AppError> {
    access::may_aggregate_at(scope, query.level)?;
    let version = version_for(query.kind, query.period)?;
    let (first, last) = (query.period.first_day(), query.period.last_day());
    let areas = scope_areas(store, scope).await?;
    let filter = SentinelFilter { kind: query.kind, from: first, to: first, area: scope.area() };
    let designated = store.designated_counts(form(query.kind).sentinel_type, first, last, &filter.area).await?;
    let reporting = store.reporting_sites(&filter).await?;
    let totals = store.disease_totals(&filter, None).await?;
    let counts = if query.cells { store.sentinel_counts(&filter, None).await? } else { Vec::new() };
    let mut alerts = match (query.level, query.period) {
        (AreaLevel::HealthCenter, ReportPeriod::Week(week)) => {
            area_alerts(store, query.kind, week, &filter.area, &areas, None).await?
        }
        _ => HashMap::new(),
    };
    let by_code: HashMap<&str, &AreaRecord> = areas.iter().map(|a| (a.health_center.code.as_str(), a)).collect();
    let group_of = |health_center: &str| -> Option<Organization> {
        let area = by_code.get(health_center)?;
        Some(match query.level {
            AreaLevel::HealthCenter => area.health_center.clone(),
            AreaLevel::Prefecture => area.jurisdiction.clone(),
            AreaLevel::National => Organization { code: "00".into(), name: "全国".into() },
        })
    };
    let mut tables: BTreeMap<String, AreaTable> = areas
        .iter()
        .filter_map(|area| group_of(&area.health_center.code))
        .map(|area| (area.code.clone(), empty_table(query.level, area)))
        .collect();
    for (health_center, sites) in &designated {
        if let Some(table) = group_of(health_center).and_then(|area| tables.get_mut(&area.code)) {
            table.designated_sites += sites;
        }
    }
    for area in &reporting {
        if let Some(table) = group_of(&area.health_center_code).and_then(|group| tables.get_mut(&group.code)) {
            table.reporting_sites += area.sites;
        }
    }
    let mut cases: HashMap<(String, &str), u64> = HashMap::new();
    for total in &totals {
        if let Some(area) = group_of(&total.health_center_code) {
            *cases.entry((area.code, total.disease.as_str())).or_default() += total.cases;
        }
    }
    let mut cells: HashMap<String, BTreeMap<(usize, usize, domain::api::Sex), u64>> = HashMap::new();
    for count in &counts {
        let (Some(area), Some(disease), Some(band)) = (
            group_of(&count.health_center_code),
            version.diseases.iter().position(|d| d.code == count.disease),
            version.age_bands.iter().position(|b| b.code == count.age_band),
        ) else {
            continue;
        };
        *cells.entry(area.code).or_default().entry((disease, band, count.sex)).or_default() += count.count;
    }
    for (code, table) in &mut tables {
        let grid = cells.remove(code).unwrap_or_default();
        table.rates = version
            .diseases
            .iter()
            .map(|disease| {
                let cases = cases.get(&(code.clone(), disease.code)).copied().unwrap_or(0);
                DiseaseRate { disease: disease.code.to_owned(), cases, rate: per_site(cases, table.reporting_sites) }
            })
            .collect();
        table.counts = grid
            .into_iter()
            .map(|((disease, band, sex), count)| AggregatedCount {
                disease: version.diseases[disease].code.to_owned(),
                age_band: version.age_bands[band].code.to_owned(),
                sex,
                count,
            })
            .collect();
        table.alerts = alerts.remove(code).unwrap_or_default();
    }
    Ok(tables.into_values().collect())
}

fn empty_table(level: AreaLevel, area: Organization) -> AreaTable {
    AreaTable {
        level,
        area,
        designated_sites: 0,
        reporting_sites: 0,
        counts: Vec::new(),
        rates: Vec::new(),
        alerts: Vec::new(),
    }
}

/// An area set's weekly figures of one form: reporting sites and cases per disease, by health center
/// and week (nested by name, so that a year of every area is looked up without allocating). The
/// chart's rates and the aberration detection's sentinel series (`alarms::run`) read them.
#[derive(Default)]
pub(crate) struct WeeklyFigures {
    sites: HashMap<String, HashMap<Date, u32>>,
    cases: HashMap<String, HashMap<String, HashMap<Date, u64>>>,
}

impl WeeklyFigures {
    pub(crate) async fn load(
        store: &dyn Store,
        kind: ReportKind,
        weeks: &[IsoWeek],
        area: &AreaFilter,
        disease: Option<&str>,
    ) -> Result<Self, AppError> {
        let (Some(first), Some(last)) = (weeks.first(), weeks.last()) else { return Ok(Self::default()) };
        let filter = SentinelFilter { kind, from: first.monday(), to: last.monday(), area: area.clone() };
        let mut figures = Self::default();
        for reporting in store.reporting_sites(&filter).await? {
            let weeks = figures.sites.entry(reporting.health_center_code).or_default();
            weeks.insert(reporting.period_start, reporting.sites);
        }
        for total in store.disease_totals(&filter, disease).await? {
            let by_disease = figures.cases.entry(total.health_center_code).or_default();
            by_disease.entry(total.disease).or_default().insert(total.period_start, total.cases);
        }
        Ok(figures)
    }

    pub(crate) fn week(&self, health_center: &str, disease: &str, week: IsoWeek) -> WeeklyRate {
        let monday = week.monday();
        let sites = self.sites.get(health_center).and_then(|weeks| weeks.get(&monday)).copied().unwrap_or(0);
        let cases = self.cases.get(health_center).and_then(|diseases| diseases.get(disease));
        let cases = cases.and_then(|weeks| weeks.get(&monday)).copied().unwrap_or(0);
        WeeklyRate { week, cases, sites }
    }

    /// One health center's weeks that some site reported, with how many sites reported.
    pub(crate) fn sites_of<'a>(&'a self, health_center: &str) -> impl Iterator<Item = (Date, u32)> + 'a {
        self.sites.get(health_center).into_iter().flatten().map(|(&monday, &sites)| (monday, sites))
    }

    /// One health center's cases: each disease's weeks with cases.
    pub(crate) fn cases_of<'a>(&'a self, health_center: &str) -> impl Iterator<Item = (&'a str, Date, u64)> + 'a {
        let diseases = self.cases.get(health_center).into_iter().flatten();
        diseases
            .flat_map(|(disease, weeks)| weeks.iter().map(move |(&monday, &cases)| (disease.as_str(), monday, cases)))
    }
}

#[cfg(test)]
impl WeeklyFigures {
    /// One area's figures for tests: the sites that reported each week from the week of `first`
    /// (a Monday), and each disease's cases in those weeks.
    pub(crate) fn of_area(health_center: &str, first: Date, sites: &[u32], cases: &[(&str, &[u64])]) -> Self {
        let monday = |index: usize| first + time::Duration::weeks(i64::try_from(index).unwrap_or(0));
        let weeks = sites.iter().enumerate().map(|(index, &sites)| (monday(index), sites)).collect();
        let diseases = cases
            .iter()
            .map(|(disease, cases)| {
                let weeks = cases.iter().enumerate().map(|(index, &cases)| (monday(index), cases)).collect();
                ((*disease).to_owned(), weeks)
            })
            .collect();
        Self {
            sites: HashMap::from([(health_center.to_owned(), weeks)]),
            cases: HashMap::from([(health_center.to_owned(), diseases)]),
        }
    }
}

/// The diseases of `kind` (or only `disease`) at 注意報 or 警報 in `week`, per health center of
/// `areas`, in the form's order: the levels filing stored (migration 0031), with the week's rate.
pub(crate) async fn area_alerts(
    store: &dyn Store,
    kind: ReportKind,
    week: IsoWeek,
    area: &AreaFilter,
    areas: &[AreaRecord],
    disease: Option<&str>,
) -> Result<HashMap<String, Vec<AreaAlert>>, AppError> {
    let mut alerts: HashMap<String, Vec<AreaAlert>> = HashMap::new();
    let Some(version) = form(kind).version_on(week.monday()).filter(|_| has_alert_levels(kind)) else {
        return Ok(alerts);
    };
    let by_code: HashMap<&str, &AreaRecord> = areas.iter().map(|a| (a.health_center.code.as_str(), a)).collect();
    for stored in store.area_alert_levels(kind, week.monday(), area, disease).await? {
        let Some(record) = by_code.get(stored.health_center_code.as_str()) else { continue };
        alerts.entry(stored.health_center_code).or_default().push(AreaAlert {
            health_center: record.health_center.clone(),
            disease: stored.disease,
            level: stored.level,
            rate: per_site(stored.cases, stored.sites),
        });
    }
    let order = |code: &str| version.diseases.iter().position(|d| d.code == code);
    for found in alerts.values_mut() {
        found.sort_by_key(|alert| order(&alert.disease));
    }
    Ok(alerts)
}

/// The health-center areas of `areas` at 注意報 or 警報 in `week`, on every weekly form that has the
/// levels, form by form in the catalog's order.
pub(crate) async fn alerts_in(
    store: &dyn Store,
    week: IsoWeek,
    area: &AreaFilter,
    areas: &[AreaRecord],
) -> Result<Vec<AreaAlert>, AppError> {
    let mut alerts = Vec::new();
    for form in domain::sentinel::FORMS {
        let mut found: Vec<(String, Vec<AreaAlert>)> =
            area_alerts(store, form.kind, week, area, areas, None).await?.into_iter().collect();
        found.sort_by(|a, b| a.0.cmp(&b.0));
        alerts.extend(found.into_iter().flat_map(|(_, alerts)| alerts));
    }
    Ok(alerts)
}

/// A health-center area's weekly 定点当たり報告数 of a disease over the last five seasons (week 36 to
/// week 35; this season last, its weeks not yet reported empty), with the levels in force this week
/// drawn as bands (none for diseases without levels).
#[utoipa::path(
    get, path = "/sentinel/chart", tag = "sentinel", params(ChartQuery),
    responses(
        (status = 200, description = "Five seasons of weekly rates", body = ChartData),
        (status = 400, description = "Malformed query (a monthly form, or no health center named by a 都道府県等 or national account)", body = ApiError),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a health center, 都道府県等 or national account", body = ApiError),
        (status = 404, description = "No such health center within the account's scope", body = ApiError),
        (status = 422, description = "`unknown_disease`: not a disease of the form", body = ApiError),
    )
)]
pub async fn chart(
    State(state): State<AppState>,
    principal: Principal,
    ApiQuery(query): ApiQuery<ChartQuery>,
) -> Result<Json<ChartData>, AppError> {
    let areas = state.store.areas().await?;
    let area = access::sentinel_area(&principal.account, query.health_center.as_deref(), &areas)?;
    let form = form(query.kind);
    if form.frequency != Frequency::Weekly {
        return Err(AppError::MalformedRequest(format!("{} is not a weekly form", query.kind.code())));
    }
    if !form.versions.iter().any(|version| version.disease(&query.disease).is_some()) {
        return Err(AppError::UnknownDisease);
    }
    let this_week = IsoWeek::containing(super::today());
    let latest = this_week.season();
    let seasons: Vec<Vec<IsoWeek>> = (latest - CHART_SEASONS + 1..=latest).map(season_weeks).collect();
    let all: Vec<IsoWeek> = seasons.iter().flatten().copied().filter(|week| *week <= this_week).collect();
    let code = &area.health_center.code;
    let filter_area = AreaFilter::HealthCenter(code.clone());
    let figures =
        WeeklyFigures::load(state.store.as_ref(), query.kind, &all, &filter_area, Some(&query.disease)).await?;
    let seasons = seasons
        .into_iter()
        .map(|weeks| SeasonSeries {
            season: weeks.first().map_or(latest, |week| week.season()),
            rates: weeks
                .iter()
                .map(|week| {
                    let figure = figures.week(code, &query.disease, *week);
                    figure.rate().filter(|_| *week <= this_week)
                })
                .collect(),
        })
        .collect();
    let thresholds = thresholds_in(NATIONAL_THRESHOLDS, &query.disease, this_week)
        .filter(|_| has_alert_levels(query.kind))
        .map(|row| ChartThresholds { start: row.start, end: row.end, advisory: row.advisory });
    Ok(Json(ChartData {
        health_center: area.health_center.clone(),
        kind: query.kind,
        disease: query.disease,
        seasons,
        thresholds,
    }))
}

/// The weeks of the season that starts in `year` (week 36 to week 35; 52 or 53 weeks).
fn season_weeks(year: i32) -> Vec<IsoWeek> {
    std::iter::successors(Some(IsoWeek::season_start(year)), |week| Some(week.next()))
        .take_while(|week| week.season() == year)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seasons_run_from_week_36_to_week_35_and_may_have_53_weeks() {
        let weeks = season_weeks(2025);
        assert_eq!(weeks.first().map(ToString::to_string).as_deref(), Some("2025-W36"));
        assert_eq!(weeks.last().map(ToString::to_string).as_deref(), Some("2026-W35"));
        assert_eq!(weeks.len(), 52);
        // 2026 has a week 53.
        assert_eq!(season_weeks(2026).len(), 53);
    }
}
