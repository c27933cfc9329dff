//! The sentinel side of the situation views: a weekly sentinel disease's reporting sites, cases,
//! 定点当たり報告数 and 警報・注意報 per health-center area or per column of the weekly report. The
//! counting and the levels are the sentinel module's (`sentinel::tables`); this gathers them per area.

use std::collections::HashMap;

use domain::api::AreaAlert;
use domain::sentinel::{has_alert_levels, weekly_disease, AlertLevel, IsoWeek, ReportForm, ReportKind, FORMS};
use domain::situation::{per_site, SentinelFigure};
use domain::weekly_report::SentinelRow;

use crate::error::AppError;
use crate::sentinel::tables::area_alerts;
use crate::store::{AreaFilter, AreaRecord, DiseaseTotal, SentinelFilter, SitesReporting, Store};

/// Which column a health center's figures go to.
pub type ColumnOf<'a> = HashMap<&'a str, usize>;

/// The weekly form counting `code` in `week`; an unknown code is [`AppError::UnknownDisease`].
pub fn sentinel_form(code: &str, week: IsoWeek) -> Result<&'static ReportForm, AppError> {
    weekly_disease(code, week).map(|(form, _)| form).ok_or(AppError::UnknownDisease)
}

/// `disease`'s figures in `week` for each health center of `areas` (within `area`): reporting sites,
/// cases, rate, and its level as one area at 警報 or 注意報.
pub async fn area_figures(
    store: &dyn Store,
    disease: &str,
    week: IsoWeek,
    area: &AreaFilter,
    areas: &[AreaRecord],
) -> Result<HashMap<String, SentinelFigure>, AppError> {
    let kind = sentinel_form(disease, week)?.kind;
    let weeks = FormWeeks::load(store, kind, week, area, areas, Some(disease)).await?;
    let column_of: ColumnOf =
        areas.iter().enumerate().map(|(index, a)| (a.health_center.code.as_str(), index)).collect();
    let (_, _, columns) = weeks.figures(disease, &column_of, areas.len());
    Ok(areas.iter().map(|a| a.health_center.code.clone()).zip(columns).collect())
}

/// The weekly report's sentinel part for `areas` (within `area`) in `week`: a row per disease of
/// every weekly form counting patients, with the area's figures this week and the week before and
/// the rate per column, and the areas at 警報 or 注意報, 警報 first.
pub async fn report_rows(
    store: &dyn Store,
    week: IsoWeek,
    area: &AreaFilter,
    areas: &[AreaRecord],
    column_of: &ColumnOf<'_>,
    columns: usize,
) -> Result<(Vec<SentinelRow>, Vec<AreaAlert>), AppError> {
    let (mut rows, mut alerts) = (Vec::new(), Vec::new());
    for form in FORMS.iter().filter(|form| has_alert_levels(form.kind)) {
        let Some(version) = form.version_on(week.monday()) else { continue };
        let weeks = FormWeeks::load(store, form.kind, week, area, areas, None).await?;
        rows.extend(version.diseases.iter().map(|disease| {
            let (this_week, previous_week, by_column) = weeks.figures(disease.code, column_of, columns);
            let rates = by_column.iter().map(|figure| figure.rate).collect();
            SentinelRow { kind: form.kind, disease: disease.code.to_owned(), this_week, previous_week, rates }
        }));
        alerts.extend(weeks.alerts);
    }
    alerts.sort_by(|a, b| {
        (b.level, &a.health_center.code, &a.disease).cmp(&(a.level, &b.health_center.code, &b.disease))
    });
    Ok((rows, alerts))
}

/// One form's reporting sites and cases per health center in a week and the week before, and the
/// week's areas at 警報 or 注意報.
struct FormWeeks {
    week: IsoWeek,
    sites: Vec<SitesReporting>,
    totals: Vec<DiseaseTotal>,
    alerts: Vec<AreaAlert>,
}

impl FormWeeks {
    async fn load(
        store: &dyn Store,
        kind: ReportKind,
        week: IsoWeek,
        area: &AreaFilter,
        areas: &[AreaRecord],
        disease: Option<&str>,
    ) -> Result<Self, AppError> {
        let filter = SentinelFilter { kind, from: week.previous().monday(), to: week.monday(), area: area.clone() };
        Ok(Self {
            week,
            sites: store.reporting_sites(&filter).await?,
            totals: store.disease_totals(&filter, disease).await?,
            alerts: area_alerts(store, kind, week, area, areas, disease).await?.into_values().flatten().collect(),
        })
    }

    /// `disease`'s figures in the whole area this week and the week before, and this week's per column.
    fn figures(
        &self,
        disease: &str,
        column_of: &ColumnOf<'_>,
        columns: usize,
    ) -> (SentinelFigure, SentinelFigure, Vec<SentinelFigure>) {
        let this_monday = self.week.monday();
        let (mut this_week, mut previous_week) = (SentinelFigure::default(), SentinelFigure::default());
        let mut by_column = vec![SentinelFigure::default(); columns];
        let sites = self.sites.iter().map(|r| (r.health_center_code.as_str(), r.period_start, r.sites, 0));
        let totals = self.totals.iter().filter(|total| total.disease == disease);
        let cases = totals.map(|t| (t.health_center_code.as_str(), t.period_start, 0, t.cases));
        for (health_center, monday, sites, cases) in sites.chain(cases) {
            let column = column_of.get(health_center).filter(|_| monday == this_monday);
            let whole = if monday == this_monday { &mut this_week } else { &mut previous_week };
            for figure in std::iter::once(whole).chain(column.map(|column| &mut by_column[*column])) {
                figure.reporting_sites += sites;
                figure.cases += cases;
            }
        }
        for alert in self.alerts.iter().filter(|alert| alert.disease == disease) {
            let column = column_of.get(alert.health_center.code.as_str());
            for figure in std::iter::once(&mut this_week).chain(column.map(|column| &mut by_column[*column])) {
                match alert.level {
                    AlertLevel::Warning => figure.warning_areas += 1,
                    AlertLevel::Advisory => figure.advisory_areas += 1,
                    AlertLevel::None => {}
                }
            }
        }
        for figure in by_column.iter_mut().chain([&mut this_week, &mut previous_week]) {
            figure.rate = per_site(figure.cases, figure.reporting_sites);
        }
        (this_week, previous_week, by_column)
    }
}
