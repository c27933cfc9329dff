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

/// A detection method with its parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Method {
    Ears(EarsControl),
    Farrington(FarringtonControl),
}

impl Method {
    /// Evaluates the weeks `range` (indices into `series`, oldest first).
    pub fn evaluate(
        &self,
        series: &WeeklySeries,
        range: std::ops::Range<usize>,
    ) -> Result<Vec<Evaluation>, DetectionError> {
        if range.end > series.len() {
            return Err(DetectionError::RangeOutsideSeries);
        }
        match self {
            Method::Ears(control) => ears::evaluate(series, control, range),
            Method::Farrington(control) => farrington::evaluate(series, control, range),
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
