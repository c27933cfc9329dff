//! Aberration detection on weekly counts, computing what R's `surveillance` package 1.20.3 computes:
//! [`ears`] (`earsC`: C1, C2, C3) and [`farrington`] (`farringtonFlexible`), package quirks included
//! (shared/reference/sentinel-surveillance.md §c). Pure: no I/O, no async.
//!
//! A week's result is an [`Evaluation`]: the upper bound and whether the count exceeds it, each
//! `None` where R gives `NA`. The fixtures under `fixtures/` were made by R itself
//! (`fixtures/make-fixtures.R`) and the tests compare against them.

pub mod ears;
pub mod farrington;
mod glm;
pub mod options;
mod rstats;
pub mod series;
pub mod week;

use serde::{Deserialize, Serialize};

pub use ears::{EarsControl, EarsMethod};
pub use farrington::{FarringtonControl, PowerTransform, ThresholdMethod};
pub use series::WeeklySeries;
pub use week::IsoWeek;

/// One monitored week's result. `None` is R's `NA`: no bound could be computed (EARS: a missing
/// count or a constant window in C3; Farrington: fewer cases than `limit54` asks, or no model).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub week: IsoWeek,
    pub upperbound: Option<f64>,
    pub alarm: Option<bool>,
}

/// A detection method with its parameters. As JSON, `algorithm` names it (`ears`, `farrington`)
/// beside the control's own fields (EARS's `method` is C1, C2 or C3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "algorithm", rename_all = "snake_case")]
pub enum Method {
    Ears(EarsControl),
    Farrington(FarringtonControl),
}

/// How much of R's answer a caller needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// All of it, as the command line prints it: Farrington fits its model even for a week that
    /// `limit54` rules out, since whether a model converges decides between R's alarm `0` and `NA`.
    AsR,
    /// What can raise an alarm or draw a bound, as the product's alarm run and charts need: a week
    /// that `limit54` rules out is not fitted (most weeks of most series are); its bound is `NA`
    /// as in R, its alarm `0` even where R, having no model, says `NA`. Every other week is R's.
    Alarms,
}

impl Method {
    /// Evaluates the weeks `range` (indices into `series`, oldest first), all as R does.
    pub fn evaluate(
        &self,
        series: &WeeklySeries,
        range: std::ops::Range<usize>,
    ) -> Result<Vec<Evaluation>, DetectionError> {
        self.evaluate_with(series, range, Detail::AsR)
    }

    /// Evaluates the weeks `range` to the `detail` asked for.
    pub fn evaluate_with(
        &self,
        series: &WeeklySeries,
        range: std::ops::Range<usize>,
        detail: Detail,
    ) -> Result<Vec<Evaluation>, DetectionError> {
        if range.end > series.len() {
            return Err(DetectionError::RangeOutsideSeries);
        }
        match self {
            Method::Ears(control) => ears::evaluate(series, control, range),
            Method::Farrington(control) => farrington::evaluate(series, control, range, detail),
        }
    }

    /// The method that evaluates week `k` of `series` in this one's place, todoke's rule for short
    /// histories (not R's; docs/aberration.md, "Short histories"): Farrington whose `b` years reach
    /// before the series' first count runs with `b` = the whole years it has
    /// ([`farrington::years_of_history`]), and with less than one year `fallback` runs instead, so
    /// that a new series is still watched. With `b` years, and for EARS, it is this method.
    pub fn for_history(&self, series: &WeeklySeries, k: usize, fallback: &EarsControl) -> Method {
        match self {
            Method::Farrington(control) => match farrington::years_of_history(series, k, control.b) {
                0 => Method::Ears(fallback.clone()),
                years => Method::Farrington(FarringtonControl { b: years, ..control.clone() }),
            },
            Method::Ears(_) => self.clone(),
        }
    }

    /// The command line's name of the method: `ears-c1`, `ears-c2`, `ears-c3` or `farrington`.
    pub fn name(&self) -> &'static str {
        match self {
            Method::Ears(EarsControl { method: EarsMethod::C1, .. }) => "ears-c1",
            Method::Ears(EarsControl { method: EarsMethod::C2, .. }) => "ears-c2",
            Method::Ears(EarsControl { method: EarsMethod::C3, .. }) => "ears-c3",
            Method::Farrington(_) => "farrington",
        }
    }

    /// Weeks of history before a monitored week that always suffice for the method: EARS's window
    /// and guard band; Farrington's `b` years (53 weeks each, for years with a week 53) and the
    /// window half-width `w`, plus the week a reference date may be snapped by. A series that
    /// starts this many weeks before its first monitored week can be evaluated from there on.
    pub fn history_weeks(&self) -> usize {
        match self {
            Method::Ears(control) => control.history_needed(),
            Method::Farrington(control) => 53 * control.b + control.w.max(control.past_weeks_not_included()) + 1,
        }
    }

    /// The oldest week index the method can evaluate in `series` (R stops before it).
    pub fn first_evaluable(&self, series: &WeeklySeries) -> Result<usize, DetectionError> {
        match self {
            Method::Ears(control) => Ok(control.history_needed()),
            Method::Farrington(control) => farrington::first_evaluable(series, control),
        }
    }
}

/// Why a method cannot run (where R stops with an error).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DetectionError {
    #[error("the series is too short: week {week} needs {needed} earlier weeks of history")]
    TooShort { week: IsoWeek, needed: usize },
    #[error("{0}")]
    InvalidControl(&'static str),
    #[error("the weeks to evaluate lie outside the series")]
    RangeOutsideSeries,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Weekly counts of 2 from `first` on, `NA` before, over 2016-W01 … 2021-W52.
    fn starting_at(first: usize) -> WeeklySeries {
        let start = IsoWeek::new(2016, 1).unwrap_or_else(|| panic!("2016-W01"));
        WeeklySeries::new(start, (0..313).map(|index| (index >= first).then_some(2)).collect())
    }

    #[test]
    fn farrington_runs_with_the_whole_years_a_short_series_has_and_ears_in_its_first_year() {
        let fallback = EarsControl { min_sigma: 0.5, ..EarsControl::new(EarsMethod::C2) };
        let configured = Method::Farrington(FarringtonControl { population_offset: true, ..Default::default() });
        let with_b = |b| Method::Farrington(FarringtonControl { b, population_offset: true, ..Default::default() });
        let series = starting_at(100);
        // Week 312 (2021-W52) has five years back to 2016-W52; from week 100 on, 4 of them.
        assert_eq!(configured.for_history(&series, 312, &fallback), with_b(4));
        assert_eq!(configured.for_history(&series, 100 + 52, &fallback), with_b(1));
        assert_eq!(configured.for_history(&series, 100 + 51, &fallback), Method::Ears(fallback.clone()));
        assert_eq!(configured.for_history(&series, 100, &fallback), Method::Ears(fallback.clone()));
        assert_eq!(configured.for_history(&starting_at(0), 312, &fallback), configured, "five years: as configured");
        assert_eq!(
            configured.for_history(&starting_at(400), 312, &fallback),
            Method::Ears(fallback.clone()),
            "no count yet"
        );
        let ears = Method::Ears(EarsControl::new(EarsMethod::C3));
        assert_eq!(ears.for_history(&series, 100, &fallback), ears);
    }

    #[test]
    fn methods_read_back_from_their_json() {
        let ears = Method::Ears(EarsControl { min_sigma: 0.5, ..EarsControl::new(EarsMethod::C2) });
        for method in [ears, Method::Farrington(FarringtonControl::default())] {
            let json = serde_json::to_string(&method).unwrap_or_default();
            assert_eq!(serde_json::from_str::<Method>(&json).ok(), Some(method), "{json}");
        }
    }

    #[test]
    fn the_history_weeks_suffice_for_the_first_monitored_week() {
        let methods = [
            Method::Ears(EarsControl::new(EarsMethod::C3)),
            Method::Farrington(FarringtonControl::default()),
            Method::Farrington(FarringtonControl {
                b: 3,
                w: 2,
                past_weeks_not_included: Some(26),
                ..Default::default()
            }),
        ];
        for start in [IsoWeek::new(2015, 1), IsoWeek::new(2016, 50), IsoWeek::new(2020, 53)].into_iter().flatten() {
            for method in &methods {
                let history = method.history_weeks();
                let series = WeeklySeries::new(start, vec![Some(1); history + 1]);
                assert!(method.first_evaluable(&series).is_ok_and(|first| first <= history), "{method:?} from {start}");
            }
        }
    }
}
