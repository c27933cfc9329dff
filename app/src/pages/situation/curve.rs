//! The epidemic curve: an SVG of stacked weekly bars with the five-year mean as a line, drawn here
//! (a few rectangles and a polyline need no chart crate), the same numbers as a table, and a CSV
//! of them. Legible at 390 px: the drawing scales to the width, labels stay few.

use domain::situation::{series_label, EpiCurve};
use leptos::prelude::*;

use super::texts;
use crate::api::CsvDownload;
use crate::components::download::CsvLinks;
use crate::components::svg_chart::{nice_top, slot_middle, slot_width, y_of, AxisLabels, ChartFigure, Scale, LEFT};
use crate::components::table::ScrollTable;
use crate::i18n::{fill, tr, use_lang};

/// One rectangle of a stacked bar.
#[derive(Debug, Clone, PartialEq)]
struct Bar {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
    series: usize,
}

/// The top of the scale: the highest week (bars or mean), rounded up to 1, 2 or 5 × 10ⁿ.
fn scale_top(curve: &EpiCurve) -> f64 {
    let highest =
        curve.weeks.iter().map(|week| f64::from(week.total).max(week.baseline.unwrap_or(0.0))).fold(0.0, f64::max);
    nice_top(highest.ceil())
}

/// Every non-empty part of every week's bar, bottom series first.
fn bars(curve: &EpiCurve) -> Vec<Bar> {
    let (top, slot) = (scale_top(curve), slot_width(curve.weeks.len()));
    let mut bars = Vec::new();
    for (index, week) in curve.weeks.iter().enumerate() {
        let mut below = 0u32;
        for (series, count) in week.counts.iter().enumerate().filter(|(_, count)| **count > 0) {
            let (bottom, upper) = (y_of(f64::from(below), top), y_of(f64::from(below + count), top));
            bars.push(Bar {
                x: LEFT + slot * index as f64 + slot * 0.1,
                y: upper,
                width: slot * 0.8,
                height: bottom - upper,
                series,
            });
            below += count;
        }
    }
    bars
}

/// The five-year mean as polyline points (weeks without a mean are left out).
fn baseline_points(curve: &EpiCurve) -> String {
    let (top, slots) = (scale_top(curve), curve.weeks.len());
    curve
        .weeks
        .iter()
        .enumerate()
        .filter_map(|(index, week)| {
            week.baseline.map(|mean| format!("{:.1},{:.1}", slot_middle(index, slots), y_of(mean, top)))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The weeks labelled under the axis: 1, 10, 20 … (few enough to read on a phone).
fn labelled_weeks(curve: &EpiCurve) -> Vec<(f64, String)> {
    let slots = curve.weeks.len();
    curve
        .weeks
        .iter()
        .enumerate()
        .filter(|(_, week)| week.week == 1 || week.week % 10 == 0)
        .map(|(index, week)| (slot_middle(index, slots), week.week.to_string()))
        .collect()
}

/// The chart, its legend, the table of the same numbers and the CSV download.
#[component]
pub fn CurveView(curve: EpiCurve) -> impl IntoView {
    let lang = use_lang();
    let top = scale_top(&curve);
    let rects = bars(&curve)
        .into_iter()
        .map(|bar| {
            view! {
                <rect
                    class=format!("bar series-{}", bar.series)
                    x=format!("{:.1}", bar.x)
                    y=format!("{:.1}", bar.y)
                    width=format!("{:.1}", bar.width)
                    height=format!("{:.1}", bar.height)
                />
            }
        })
        .collect_view();
    let axis_labels = view! { <AxisLabels labels=labelled_weeks(&curve) /> };
    let scale = view! { <Scale top /> };
    let points = baseline_points(&curve);
    let legend = curve
        .series
        .iter()
        .enumerate()
        .map(|(index, series)| {
            view! {
                <li>
                    <span class=format!("swatch series-{index}") aria-hidden="true"></span>
                    {series_label(&series.key).map(tr)}
                </li>
            }
        })
        .collect_view();
    let legend = view! {
        {legend}
        <li><span class="swatch swatch-baseline" aria-hidden="true"></span>{tr(texts::BASELINE)}</li>
    }
    .into_any();
    let heading = {
        let curve = curve.clone();
        move || {
            let lang = lang.get();
            fill(
                texts::CURVE_OF,
                lang,
                &[
                    ("area", &curve.area.name),
                    ("year", &curve.year.to_string()),
                    ("basis", curve.basis.label().get(lang)),
                ],
            )
        }
    };
    let file = CsvDownload::curve(&curve);
    view! {
        <ChartFigure class="epi-curve" id="curve" caption=Signal::derive(heading) description=texts::CURVE_DESCRIPTION legend>
            {scale}
            {rects}
            <polyline class="baseline" points=points />
            {axis_labels}
        </ChartFigure>
        <CsvLinks file />
        <CurveTable curve />
    }
}

/// The curve's numbers: one row per week, one column per series, total and the five-year mean.
#[component]
fn CurveTable(curve: EpiCurve) -> impl IntoView {
    let lang = use_lang();
    let mut headings = vec![Some(texts::WEEK), Some(texts::WEEK_STARTS)];
    headings.extend(curve.series.iter().map(|series| series_label(&series.key)));
    headings.extend([Some(texts::TOTAL), Some(texts::BASELINE)]);
    let rows = curve
        .weeks
        .into_iter()
        .map(|week| {
            let cells = week.counts.iter().map(|count| view! { <td class="number">{*count}</td> }).collect_view();
            view! {
                <tr>
                    <th scope="row">{week.week}</th>
                    <td>{week.starts}</td>
                    {cells}
                    <td class="number">{week.total}</td>
                    <td class="number">{week.baseline.map(|mean| format!("{mean:.1}")).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="curve-table" aria-label=move || texts::TABLE_CAPTION.get(lang.get())>
            <h3>{tr(texts::TABLE_CAPTION)}</h3>
            <ScrollTable class="table figures" headings>
                {rows}
            </ScrollTable>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::svg_chart::{BOTTOM, HEIGHT, TOP};
    use domain::situation::{Area, AreaLevel, CurveWeek, DateBasis, Series, Stacking};

    fn curve(weeks: Vec<(Vec<u32>, Option<f64>)>) -> EpiCurve {
        let series = ["a", "b"].map(|key| Series { key: key.into(), ja: key.into(), en: key.into() }).to_vec();
        let weeks = weeks
            .into_iter()
            .enumerate()
            .map(|(index, (counts, baseline))| CurveWeek {
                week: index as u8 + 1,
                starts: String::new(),
                total: counts.iter().sum(),
                counts,
                baseline,
            })
            .collect();
        EpiCurve {
            area: Area { level: AreaLevel::National, code: None, name: "全国".into() },
            disease: None,
            basis: DateBasis::Report,
            stack: Stacking::CaseType,
            year: 2026,
            series,
            weeks,
        }
    }

    #[test]
    fn the_scale_reaches_the_highest_week_or_mean_rounded_up() {
        assert_eq!(scale_top(&curve(vec![(vec![0, 0], None)])), 1.0);
        assert_eq!(scale_top(&curve(vec![(vec![2, 1], Some(1.0))])), 5.0);
        assert_eq!(scale_top(&curve(vec![(vec![2, 1], Some(11.2))])), 20.0);
    }

    #[test]
    fn bars_stack_series_from_the_axis_up() {
        let chart = curve(vec![(vec![2, 3], None), (vec![0, 0], Some(5.0))]);
        let bars = bars(&chart);
        assert_eq!(bars.len(), 2, "empty parts are not drawn");
        let (lower, upper) = (&bars[0], &bars[1]);
        assert_eq!((lower.series, upper.series), (0, 1));
        assert!((lower.y + lower.height - (HEIGHT - BOTTOM)).abs() < 1e-9, "the first part stands on the axis");
        assert!((upper.y + upper.height - lower.y).abs() < 1e-9, "the second stands on the first");
        assert!((upper.y - TOP).abs() < 1e-9, "5 of 5 reaches the top");
        assert_eq!(baseline_points(&chart).split(' ').count(), 1, "one week has a mean");
    }
}
