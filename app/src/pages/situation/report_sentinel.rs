//! The weekly report's sentinel part: each weekly sentinel disease's 定点当たり報告数 as an SVG of
//! bars (this week) with a mark for the week before, numbered so the drawing stays legible at 390 px;
//! the same numbers in a table beside it with the areas at 警報 / 注意報, a CSV of them, the rates
//! per column, and the list of the areas at a level.

use domain::api::AreaAlert;
use domain::sentinel::IsoWeek;
use domain::weekly_report::{ReportTable, SentinelRow, WeeklyReport};
use leptos::prelude::*;

use super::report::ByAreaTable;
use super::texts;
use crate::api::CsvDownload;
use crate::components::download::CsvLinks;
use crate::components::svg_chart::{nice_top, slot_middle, slot_width, y_of, AxisLabels, ChartFigure, Scale};
use crate::components::table::ScrollTable;
use crate::i18n::{tr, use_lang};
use crate::pages::sentinel::overseer::level_class;
use crate::pages::sentinel::texts::alert_level;

/// The diseases the report shows: those with a report this week or the week before.
fn shown(rows: &[SentinelRow]) -> Vec<&SentinelRow> {
    rows.iter().filter(|row| row.this_week.reporting_sites + row.previous_week.reporting_sites > 0).collect()
}

/// One disease on the chart: its bar (this week) and its mark (the week before), in drawing units.
#[derive(Debug, Clone, PartialEq)]
struct RateBar {
    x: f64,
    width: f64,
    y: f64,
    previous_y: f64,
}

fn rate_bars(rows: &[&SentinelRow]) -> (f64, Vec<RateBar>) {
    let highest = rows.iter().map(|row| row.this_week.rate.max(row.previous_week.rate)).fold(0.0, f64::max);
    let top = nice_top(highest);
    let slot = slot_width(rows.len());
    let bars = rows
        .iter()
        .enumerate()
        .map(|(index, row)| RateBar {
            x: slot_middle(index, rows.len()) - slot * 0.35,
            width: slot * 0.7,
            y: y_of(row.this_week.rate, top),
            previous_y: y_of(row.previous_week.rate, top),
        })
        .collect();
    (top, bars)
}

#[component]
pub fn SentinelSection(report: WeeklyReport) -> impl IntoView {
    let lang = use_lang();
    let week = IsoWeek::new(report.week.year, report.week.week);
    let rows: Vec<SentinelRow> = shown(&report.sentinel).into_iter().cloned().collect();
    if rows.is_empty() {
        return view! {
            <section class="report-sentinel">
                <h2>{tr(texts::SENTINEL_TITLE)}</h2>
                <p>{tr(texts::NO_SENTINEL_REPORTS)}</p>
            </section>
        }
        .into_any();
    }
    let refs: Vec<&SentinelRow> = rows.iter().collect();
    let (top, bars) = rate_bars(&refs);
    let drawn = bars
        .iter()
        .map(|bar| {
            let bottom = y_of(0.0, top);
            view! {
                <rect class="bar series-0" x=format!("{:.1}", bar.x) y=format!("{:.1}", bar.y) width=format!("{:.1}", bar.width) height=format!("{:.1}", bottom - bar.y) />
                <line class="previous-mark" x1=format!("{:.1}", bar.x) x2=format!("{:.1}", bar.x + bar.width) y1=format!("{:.1}", bar.previous_y) y2=format!("{:.1}", bar.previous_y) />
            }
        })
        .collect_view();
    let numbers = (0..rows.len()).map(|index| (slot_middle(index, rows.len()), (index + 1).to_string())).collect();
    let legend = view! {
        <li><span class="swatch series-0" aria-hidden="true"></span>{tr(texts::PER_SITE)}</li>
        <li><span class="swatch swatch-previous" aria-hidden="true"></span>{tr(texts::PREVIOUS_PER_SITE)}</li>
    }
    .into_any();
    let file = CsvDownload::report(&report, ReportTable::Sentinel);
    let caption = Signal::derive(move || texts::SENTINEL_CHART.get(lang.get()).to_owned());
    view! {
        <section class="report-sentinel">
            <h2>{tr(texts::SENTINEL_TITLE)}</h2>
            <div class="chart-with-table">
                <ChartFigure class="sentinel-rates" id="sentinel-rates" caption description=texts::SENTINEL_CHART_DESCRIPTION legend>
                    <Scale top />
                    {drawn}
                    <AxisLabels labels=numbers />
                </ChartFigure>
                <RateTable rows=rows.clone() week />
            </div>
            <CsvLinks file />
            <ColumnRates report=report.clone() rows week />
            <AlertTable alerts=report.alerts week />
        </section>
    }
    .into_any()
}

/// The chart's numbers: a row per disease (numbered as on the chart).
#[component]
fn RateTable(rows: Vec<SentinelRow>, week: Option<IsoWeek>) -> impl IntoView {
    let headings = vec![
        Some(texts::NUMBER),
        Some(texts::DISEASE),
        Some(texts::REPORTING_SITES),
        Some(texts::SENTINEL_CASES),
        Some(texts::PER_SITE),
        Some(texts::PREVIOUS_PER_SITE),
        Some(texts::WARNING_AREAS),
        Some(texts::ADVISORY_AREAS),
    ];
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(index, row)| {
            let now = row.this_week;
            view! {
                <tr>
                    <td class="number">{index + 1}</td>
                    <th scope="row">{tr(texts::disease_name(&row.disease, week))}</th>
                    <td class="number">{now.reporting_sites}</td>
                    <td class="number">{now.cases}</td>
                    <td class="number">{format!("{:.2}", now.rate)}</td>
                    <td class="number">{format!("{:.2}", row.previous_week.rate)}</td>
                    <td class="number">{now.warning_areas}</td>
                    <td class="number">{now.advisory_areas}</td>
                </tr>
            }
        })
        .collect_view();
    view! { <ScrollTable class="table figures" headings>{body}</ScrollTable> }
}

/// This week's rate of each disease reported in each column (prefecture or health center).
#[component]
fn ColumnRates(report: WeeklyReport, rows: Vec<SentinelRow>, week: Option<IsoWeek>) -> impl IntoView {
    let reported = rows.into_iter().filter(|row| row.this_week.cases > 0);
    let diseases = reported
        .map(|row| {
            let rates = row.rates.iter().map(|rate| format!("{rate:.2}")).collect();
            (texts::disease_name(&row.disease, week), rates)
        })
        .collect();
    view! {
        <h3>{tr(texts::SENTINEL_BY_AREA)}</h3>
        <ByAreaTable columns=report.columns diseases />
    }
}

/// The health-center areas at 警報 or 注意報.
#[component]
fn AlertTable(alerts: Vec<AreaAlert>, week: Option<IsoWeek>) -> impl IntoView {
    if alerts.is_empty() {
        return view! { <h3>{tr(texts::REPORT_ALERTS)}</h3><p>{tr(texts::NO_ALERTS)}</p> }.into_any();
    }
    let headings = vec![Some(texts::AREA), Some(texts::DISEASE), Some(texts::LEVEL), Some(texts::PER_SITE)];
    let body = alerts
        .into_iter()
        .map(|alert| {
            view! {
                <tr class=format!("level-{}", level_class(alert.level))>
                    <th scope="row">{alert.health_center.name}</th>
                    <td>{tr(texts::disease_name(&alert.disease, week))}</td>
                    <td>{tr(alert_level(alert.level))}</td>
                    <td class="number">{format!("{:.2}", alert.rate)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>{tr(texts::REPORT_ALERTS)}</h3>
        <ScrollTable class="table figures" headings>{body}</ScrollTable>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::svg_chart::TOP;
    use domain::sentinel::ReportKind;
    use domain::situation::SentinelFigure;

    fn row(rate: f64, previous: f64) -> SentinelRow {
        let figure = |rate| SentinelFigure { reporting_sites: 2, rate, ..Default::default() };
        SentinelRow {
            kind: ReportKind::RespiratoryWeekly,
            disease: "influenza".into(),
            this_week: figure(rate),
            previous_week: figure(previous),
            rates: Vec::new(),
        }
    }

    #[test]
    fn bars_reach_their_rate_and_marks_the_week_before_on_one_scale() {
        let rows = [row(10.0, 4.0), row(2.5, 0.0)];
        let (top, bars) = rate_bars(&rows.iter().collect::<Vec<_>>());
        assert_eq!(top, 10.0);
        assert!((bars[0].y - TOP).abs() < 1e-9, "the highest rate reaches the top");
        assert!(bars[0].previous_y > bars[0].y && bars[1].y > bars[0].y);
        assert!(bars[1].x > bars[0].x + bars[0].width, "side by side");
    }

    #[test]
    fn diseases_without_a_report_in_either_week_are_left_out() {
        let mut silent = row(0.0, 0.0);
        silent.this_week.reporting_sites = 0;
        silent.previous_week.reporting_sites = 0;
        assert_eq!(shown(&[row(1.0, 0.0), silent]).len(), 1);
    }
}
