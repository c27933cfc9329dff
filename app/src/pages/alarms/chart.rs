//! The alarm's series chart: each week's count as a bar (red in weeks with an alarm of this series and
//! method), a pale band where the week has no data (R's `NA`: no site reported, or before the series
//! existed; a gap, not a bar of 0), the method's upper bound as a dashed line (broken where the
//! method sets none), on the
//! frame of the other hand-drawn charts (`components::svg_chart`), legible at 390 px; its numbers in
//! a table.

use domain::api::SeriesWeek;
use domain::situation::Week;
use leptos::prelude::*;

use super::{bound_text, texts, week_text};
use crate::components::svg_chart::{
    line_pieces, nice_top, slot_middle, slot_width, y_of, AxisLabels, ChartFigure, ChartTable, Scale,
};
use crate::i18n::{tr, use_lang};

/// Every how many weeks the axis is labelled.
const LABEL_EVERY: usize = 4;

/// The top of the scale: the highest count or bound.
fn scale_top(series: &[SeriesWeek]) -> f64 {
    let highest =
        series.iter().flat_map(|week| [week.count.map(f64::from), week.upperbound]).flatten().fold(0.0_f64, f64::max);
    nice_top(highest)
}

/// The axis labels: the week numbers of every [`LABEL_EVERY`]th week counted back from the alarm's
/// (the last), so that the alarm's week is always labelled.
fn axis_labels(series: &[SeriesWeek]) -> Vec<(f64, String)> {
    let slots = series.len();
    series
        .iter()
        .enumerate()
        .filter(|(index, _)| (slots - 1 - index) % LABEL_EVERY == 0)
        .map(|(index, week)| (slot_middle(index, slots), week.week.week.to_string()))
        .collect()
}

/// A bar's class: the weeks with an alarm stand out, the alarm's own week most; a week without
/// data is a pale band over the whole height instead.
fn bar_class(week: &SeriesWeek, alarm_week: Week) -> &'static str {
    match (week.count, week.alarm, week.week == alarm_week) {
        (None, _, _) => "alarm-gap",
        (Some(_), true, true) => "alarm-bar alarm-bar-alarm alarm-bar-this",
        (Some(_), true, false) => "alarm-bar alarm-bar-alarm",
        (Some(_), false, _) => "alarm-bar",
    }
}

/// The top of a week's bar: its count, or the whole height where it has no data.
fn bar_top(week: &SeriesWeek, top: f64) -> f64 {
    y_of(week.count.map_or(top, f64::from), top)
}

#[component]
pub fn AlarmChart(
    series: Vec<SeriesWeek>,
    /// The week of the alarm shown (the last of the series).
    alarm_week: Week,
    #[prop(into)] caption: Signal<String>,
) -> impl IntoView {
    let slots = series.len();
    let top = scale_top(&series);
    let width = slot_width(slots) * 0.7;
    let bars = series
        .iter()
        .enumerate()
        .map(|(index, week)| {
            let (upper, axis) = (bar_top(week, top), y_of(0.0, top));
            view! {
                <rect class=bar_class(week, alarm_week) x=format!("{:.1}", slot_middle(index, slots) - width / 2.0)
                    width=format!("{width:.1}") y=format!("{upper:.1}") height=format!("{:.1}", axis - upper) />
            }
        })
        .collect_view();
    let bounds: Vec<Option<f64>> = series.iter().map(|week| week.upperbound).collect();
    let bound_lines = line_pieces(&bounds, slots, top)
        .into_iter()
        .map(|points| view! { <polyline class="alarm-bound" points=points /> })
        .collect_view();
    let labels = axis_labels(&series);
    let legend = view! {
        <li><span class="swatch alarm-bar" aria-hidden="true"></span>{tr(texts::LEGEND_COUNT)}</li>
        <li><span class="swatch alarm-bar-alarm" aria-hidden="true"></span>{tr(texts::LEGEND_ALARM)}</li>
        <li><span class="swatch swatch-baseline" aria-hidden="true"></span>{tr(texts::LEGEND_BOUND)}</li>
        <li><span class="swatch alarm-gap" aria-hidden="true"></span>{tr(texts::NO_DATA)}</li>
    };
    view! {
        <ChartFigure
            class="epi-curve alarm-chart"
            id="alarm-chart"
            caption
            description=texts::CHART_DESCRIPTION
            legend=legend.into_any()
        >
            <Scale top />
            {bars}
            {bound_lines}
            <AxisLabels labels />
        </ChartFigure>
        <SeriesTable series />
    }
}

/// The chart's numbers: one row per week, newest first.
#[component]
fn SeriesTable(series: Vec<SeriesWeek>) -> impl IntoView {
    let lang = use_lang();
    let rows = series
        .into_iter()
        .rev()
        .map(|week| {
            let SeriesWeek { week, count, upperbound, alarm } = week;
            view! {
                <tr class:alarm-row-alarm=alarm>
                    <th scope="row">{move || week_text(week, lang.get())}</th>
                    <td class="number">{count.map_or_else(|| texts::NO_DATA.get(lang.get()).to_owned(), |count| count.to_string())}</td>
                    <td class="number">{upperbound.map_or_else(|| texts::NO_BOUND.get(lang.get()).to_owned(), bound_text)}</td>
                    <td>{alarm.then(|| tr(texts::ALARM_YES))}</td>
                </tr>
            }
        })
        .collect_view();
    let head = view! {
        <th scope="col">{tr(texts::WEEK)}</th>
        <th scope="col">{tr(texts::OBSERVED)}</th>
        <th scope="col">{tr(texts::UPPERBOUND)}</th>
        <th scope="col">{tr(texts::ALARM_COLUMN)}</th>
    };
    view! {
        <ChartTable id="alarm-table-title" caption=texts::CHART_TABLE head=head.into_any()>
            {rows}
        </ChartTable>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week(number: u8, count: u32, upperbound: Option<f64>, alarm: bool) -> SeriesWeek {
        SeriesWeek { week: Week { year: 2026, week: number }, count: Some(count), upperbound, alarm }
    }

    #[test]
    fn the_scale_reaches_the_highest_count_or_bound() {
        assert_eq!(scale_top(&[week(1, 3, Some(1.5), false), week(2, 0, None, false)]), 5.0);
        assert_eq!(scale_top(&[week(1, 3, Some(11.2), false)]), 20.0);
    }

    #[test]
    fn a_week_without_data_is_a_band_not_a_bar_of_0() {
        let none = SeriesWeek { count: None, ..week(2, 0, None, false) };
        let zero = week(3, 0, None, false);
        let this = Week { year: 2026, week: 9 };
        assert_eq!(scale_top(&[none.clone(), week(1, 3, None, false)]), 5.0, "no data does not raise the scale");
        assert_eq!((bar_class(&none, this), bar_top(&none, 5.0)), ("alarm-gap", y_of(5.0, 5.0)));
        assert_eq!((bar_class(&zero, this), bar_top(&zero, 5.0)), ("alarm-bar", y_of(0.0, 5.0)));
    }

    #[test]
    fn the_alarm_week_is_labelled_and_stands_out() {
        let series: Vec<_> = (1..=9).map(|n| week(n, 1, None, n == 9)).collect();
        let labels: Vec<_> = axis_labels(&series).into_iter().map(|(_, text)| text).collect();
        assert_eq!(labels, ["1", "5", "9"]);
        let this = Week { year: 2026, week: 9 };
        assert_eq!(bar_class(&series[8], this), "alarm-bar alarm-bar-alarm alarm-bar-this");
        assert_eq!(bar_class(&week(3, 2, None, true), this), "alarm-bar alarm-bar-alarm");
        assert_eq!(bar_class(&series[0], this), "alarm-bar");
    }
}
