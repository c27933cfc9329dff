//! The frame of the hand-drawn SVG charts (the epidemic curve, the sentinel season chart): the figure
//! with its caption, described drawing and legend; the drawing's coordinate system, sized to read at
//! 390 px; a scale rounded up to 1, 2 or 5 × 10ⁿ, and its horizontal grid lines with their labels.

use domain::i18n::Text;
use leptos::prelude::*;

use crate::i18n::tr;

/// The drawing's coordinate system (its `viewBox`) and the plot area inside it.
pub const WIDTH: f64 = 360.0;
pub const HEIGHT: f64 = 200.0;
pub const LEFT: f64 = 30.0;
pub const RIGHT: f64 = 4.0;
pub const TOP: f64 = 8.0;
pub const BOTTOM: f64 = 20.0;

/// The top of a scale reaching `highest`: 1, 2 or 5 × 10ⁿ, at least 1.
pub fn nice_top(highest: f64) -> f64 {
    let mut step = 1.0;
    loop {
        for factor in [1.0, 2.0, 5.0] {
            if highest <= step * factor {
                return step * factor;
            }
        }
        step *= 10.0;
    }
}

pub fn plot_height() -> f64 {
    HEIGHT - TOP - BOTTOM
}

/// The width of one of `slots` equal columns across the plot area.
pub fn slot_width(slots: usize) -> f64 {
    (WIDTH - LEFT - RIGHT) / slots.max(1) as f64
}

/// The middle of column `index` of `slots`.
pub fn slot_middle(index: usize, slots: usize) -> f64 {
    LEFT + slot_width(slots) * (index as f64 + 0.5)
}

/// The height of `value` on a scale from 0 to `top` (values above it are drawn at the top).
pub fn y_of(value: f64, top: f64) -> f64 {
    TOP + plot_height() * (1.0 - value.min(top) / top)
}

/// A line through `values` (one per column of `slots`) as polyline pieces: a column without a value
/// breaks the line.
pub fn line_pieces(values: &[Option<f64>], slots: usize, top: f64) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = Vec::new();
    for (index, value) in values.iter().enumerate() {
        match value {
            Some(value) => current.push(format!("{:.1},{:.1}", slot_middle(index, slots), y_of(*value, top))),
            None if !current.is_empty() => pieces.push(std::mem::take(&mut current).join(" ")),
            None => {}
        }
    }
    if !current.is_empty() {
        pieces.push(current.join(" "));
    }
    pieces
}

/// "0", "0.5", "20": a scale label without needless decimals.
fn label(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

/// The grid lines at 0, half and the top of the scale, each labelled at the left.
#[component]
pub fn Scale(top: f64) -> impl IntoView {
    [0.0, top / 2.0, top]
        .into_iter()
        .map(|value| {
            let y = y_of(value, top);
            view! {
                <line class="grid" x1=LEFT.to_string() x2=(WIDTH - RIGHT).to_string() y1=format!("{y:.1}") y2=format!("{y:.1}") />
                <text class="axis-label" x=(LEFT - 3.0).to_string() y=format!("{:.1}", y + 3.0) text-anchor="end">{label(value)}</text>
            }
        })
        .collect_view()
}

/// Labels under the axis at the middle of the given columns.
#[component]
pub fn AxisLabels(labels: Vec<(f64, String)>) -> impl IntoView {
    labels
        .into_iter()
        .map(|(x, text)| {
            view! { <text class="axis-label" x=format!("{x:.1}") y=format!("{:.1}", HEIGHT - 6.0) text-anchor="middle">{text}</text> }
        })
        .collect_view()
}

/// A chart's numbers in a table under it, named by `caption` (its heading, id `id`): `head` is the
/// header row's cells, `children` the body's rows.
#[component]
pub fn ChartTable(id: &'static str, caption: Text, head: AnyView, children: Children) -> impl IntoView {
    view! {
        <section class="curve-table" aria-labelledby=id>
            <h3 id=id>{tr(caption)}</h3>
            <div class="table-scroll" tabindex="0">
                <table class="table figures">
                    <thead>
                        <tr>{head}</tr>
                    </thead>
                    <tbody>{children()}</tbody>
                </table>
            </div>
        </section>
    }
}

/// A chart as a figure: the caption, the drawing (`children`, an image named by the caption and
/// described by `description`) and the legend's entries. `id` prefixes the caption's and
/// description's ids.
#[component]
pub fn ChartFigure(
    class: &'static str,
    id: &'static str,
    #[prop(into)] caption: Signal<String>,
    description: Text,
    legend: AnyView,
    children: Children,
) -> impl IntoView {
    let (heading, described) = (format!("{id}-heading"), format!("{id}-description"));
    let labelled_by = format!("{heading} {described}");
    view! {
        <figure class=class>
            <figcaption id=heading>{caption}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby=labelled_by>
                <desc id=described>{tr(description)}</desc>
                {children()}
            </svg>
            <ul class="legend">{legend}</ul>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_rounds_up_to_one_two_or_five() {
        assert_eq!(nice_top(0.0), 1.0);
        assert_eq!(nice_top(3.0), 5.0);
        assert_eq!(nice_top(11.2), 20.0);
        assert_eq!(nice_top(31.0), 50.0);
        assert_eq!((label(10.0), label(0.5)), ("10".to_owned(), "0.5".to_owned()));
    }

    #[test]
    fn values_map_from_the_axis_to_the_top() {
        assert!((y_of(0.0, 10.0) - (HEIGHT - BOTTOM)).abs() < 1e-9);
        assert!((y_of(10.0, 10.0) - TOP).abs() < 1e-9);
        assert!((y_of(25.0, 10.0) - TOP).abs() < 1e-9, "above the top is drawn at the top");
        assert!((slot_middle(0, 2) - (LEFT + slot_width(2) / 2.0)).abs() < 1e-9);
    }

    #[test]
    fn a_column_without_a_value_breaks_the_line() {
        let pieces = line_pieces(&[Some(1.0), Some(2.0), None, Some(3.0), None], 5, 10.0);
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0].split(' ').count(), 2);
    }
}
