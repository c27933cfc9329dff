//! The season chart: an area's weekly 定点当たり報告数 of a disease this season (thick line) against the
//! previous seasons (thin lines), with the 注意報 and 警報 levels as bands; drawn by hand on the frame
//! the epidemic curve uses (`components::svg_chart`), legible at 390 px, its numbers in a table.

use domain::api::{ChartData, ChartThresholds};
use domain::sentinel::IsoWeek;
use leptos::prelude::*;

use super::{disease_name, texts};
use crate::components::svg_chart::{
    line_pieces, nice_top, slot_middle, y_of, AxisLabels, ChartFigure, ChartTable, Scale, LEFT, RIGHT, WIDTH,
};
use crate::i18n::{fill, tr, use_lang};

/// The number of weeks drawn: the longest season (53 in a year with a week 53).
fn weeks_drawn(chart: &ChartData) -> usize {
    chart.seasons.iter().map(|season| season.rates.len()).max().unwrap_or(0)
}

/// The ISO week number of each slot of `season`, week 36 first.
fn week_numbers(season: i32, slots: usize) -> Vec<u8> {
    let mut week = IsoWeek::season_start(season);
    let mut numbers = Vec::with_capacity(slots);
    for _ in 0..slots {
        numbers.push(week.week());
        week = week.next();
    }
    numbers
}

/// The top of the scale: the highest rate or the 警報 start level, whichever is higher.
fn scale_top(chart: &ChartData) -> f64 {
    let highest = chart.seasons.iter().flat_map(|season| season.rates.iter().flatten()).fold(0.0_f64, |a, b| a.max(*b));
    let start = chart.thresholds.map_or(0.0, |levels| levels.start.as_f64() * 1.2);
    nice_top(highest.max(start))
}

/// The bands: 注意報 from its level to the 警報 start, 警報 from the start up; `(class, from, to)`.
fn bands(levels: ChartThresholds, top: f64) -> Vec<(&'static str, f64, f64)> {
    let start = levels.start.as_f64();
    let mut bands = vec![("band-warning", start.min(top), top)];
    if let Some(advisory) = levels.advisory {
        if advisory.as_f64() < start {
            bands.push(("band-advisory", advisory.as_f64(), start.min(top)));
        }
    }
    bands
}

fn season_name(season: i32) -> String {
    format!("{season}/{:02}", (season + 1) % 100)
}

fn rate_text(rate: Option<f64>) -> String {
    rate.map(|rate| format!("{rate:.2}")).unwrap_or_default()
}

#[component]
pub fn SeasonChart(chart: ChartData) -> impl IntoView {
    let lang = use_lang();
    let slots = weeks_drawn(&chart);
    let top = scale_top(&chart);
    let latest = chart.seasons.last().map(|season| season.season);
    let band_rects = chart.thresholds.map(|levels| {
        bands(levels, top)
            .into_iter()
            .map(|(class, from, to)| {
                let (upper, lower) = (y_of(to, top), y_of(from, top));
                view! {
                    <rect class=class x=LEFT.to_string() width=(WIDTH - LEFT - RIGHT).to_string()
                        y=format!("{upper:.1}") height=format!("{:.1}", lower - upper) />
                }
            })
            .collect_view()
    });
    let end_line = chart.thresholds.map(|levels| {
        let y = y_of(levels.end.as_f64(), top);
        view! { <line class="level-end" x1=LEFT.to_string() x2=(WIDTH - RIGHT).to_string() y1=format!("{y:.1}") y2=format!("{y:.1}") /> }
    });
    let lines = chart
        .seasons
        .iter()
        .flat_map(|season| {
            let class = if Some(season.season) == latest { "season season-current" } else { "season season-past" };
            line_pieces(&season.rates, slots, top)
                .into_iter()
                .map(move |points| view! { <polyline class=class points=points /> })
        })
        .collect_view();
    let numbers = latest.map(|season| week_numbers(season, slots)).unwrap_or_default();
    let labels = numbers
        .iter()
        .enumerate()
        .filter(|(_, week)| **week == 36 || **week == 1 || **week % 10 == 0)
        .map(|(index, week)| (slot_middle(index, slots), week.to_string()))
        .collect();
    let (kind, disease) = (chart.kind, chart.disease.clone());
    let area = chart.health_center.name.clone();
    let heading = move || {
        let lang = lang.get();
        let period = domain::sentinel::ReportPeriod::Week(IsoWeek::season_start(latest.unwrap_or(2000)));
        fill(texts::CHART_OF, lang, &[("area", &area), ("disease", &disease_name(kind, period, &disease, lang))])
    };
    let legend_levels = chart.thresholds.map(|levels| {
        let warning = move || {
            fill(
                texts::WARNING_BAND,
                lang.get(),
                &[("start", &levels.start.as_f64().to_string()), ("end", &levels.end.as_f64().to_string())],
            )
        };
        let advisory = levels.advisory.map(|level| {
            move || fill(texts::ADVISORY_BAND, lang.get(), &[("level", &level.as_f64().to_string())])
        });
        view! {
            <li><span class="swatch band-warning" aria-hidden="true"></span>{warning}</li>
            {advisory.map(|text| view! { <li><span class="swatch band-advisory" aria-hidden="true"></span>{text}</li> })}
        }
    });
    let legend_seasons = chart
        .seasons
        .iter()
        .map(|season| {
            let class = if Some(season.season) == latest { "swatch season-current" } else { "swatch season-past" };
            view! { <li><span class=class aria-hidden="true"></span>{season_name(season.season)}</li> }
        })
        .collect_view();
    view! {
        <ChartFigure
            class="epi-curve season-chart"
            id="season-chart"
            caption=Signal::derive(heading)
            description=texts::CHART_DESCRIPTION
            legend=view! { {legend_seasons} {legend_levels} }.into_any()
        >
            {band_rects}
            <Scale top />
            {end_line}
            {lines}
            <AxisLabels labels />
        </ChartFigure>
        <SeasonTable chart numbers />
    }
}

/// The chart's numbers: one row per week, one column per season.
#[component]
fn SeasonTable(chart: ChartData, numbers: Vec<u8>) -> impl IntoView {
    let season_headings =
        chart.seasons.iter().map(|season| view! { <th scope="col">{season_name(season.season)}</th> }).collect_view();
    let rows = numbers
        .into_iter()
        .enumerate()
        .map(|(index, week)| {
            let cells = chart
                .seasons
                .iter()
                .map(|season| view! { <td class="number">{rate_text(season.rates.get(index).copied().flatten())}</td> })
                .collect_view();
            view! { <tr><th scope="row">{week}</th>{cells}</tr> }
        })
        .collect_view();
    let head = view! { <th scope="col">{tr(texts::WEEK)}</th>{season_headings} };
    view! {
        <ChartTable id="season-table-title" caption=texts::CHART_TABLE head=head.into_any()>
            {rows}
        </ChartTable>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::api::{Organization, SeasonSeries};
    use domain::sentinel::{Centi, ReportKind};

    fn chart(seasons: Vec<Vec<Option<f64>>>) -> ChartData {
        ChartData {
            health_center: Organization { code: "hc".into(), name: "北保健所".into() },
            kind: ReportKind::RespiratoryWeekly,
            disease: "influenza".into(),
            seasons: seasons
                .into_iter()
                .enumerate()
                .map(|(index, rates)| SeasonSeries { season: 2021 + index as i32, rates })
                .collect(),
            thresholds: Some(ChartThresholds { start: Centi(3000), end: Centi(1000), advisory: Some(Centi(1000)) }),
        }
    }

    #[test]
    fn the_scale_shows_the_warning_level_even_in_a_quiet_season() {
        assert_eq!(scale_top(&chart(vec![vec![Some(2.0)]])), 50.0);
        assert_eq!(scale_top(&chart(vec![vec![Some(61.0)]])), 100.0);
    }

    #[test]
    fn seasons_start_at_week_36_and_wrap_into_the_new_year() {
        let weeks = week_numbers(2020, 53);
        assert_eq!((weeks[0], weeks[16], weeks[17], weeks[52]), (36, 52, 53, 35), "2020 had a week 53");
        assert_eq!(week_numbers(2021, 52)[17], 1);
    }

    #[test]
    fn the_advisory_band_lies_below_the_warning_band() {
        let levels = chart(vec![]).thresholds.unwrap();
        assert_eq!(bands(levels, 50.0), vec![("band-warning", 30.0, 50.0), ("band-advisory", 10.0, 30.0)]);
    }
}
