//! EARS C1, C2 and C3 as R `surveillance::earsC` 1.20.3 computes them (reference §c.1), including
//! its C3 bound, which adds the week's own count rather than the baseline mean (quirk 1), and the
//! `NA` a constant baseline gives C3 when `min_sigma` is 0 (quirk 2); and, todoke's extension, on
//! the rate per unit of the series' population (`per_population`).

use serde::{Deserialize, Serialize};

use crate::rstats::{mean, pmax, qnorm, sd};
use crate::{DetectionError, Evaluation, WeeklySeries};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EarsMethod {
    C1,
    C2,
    C3,
}

/// `earsC`'s control list. `alpha: None` is R's default, which depends on the method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EarsControl {
    pub method: EarsMethod,
    pub baseline: usize,
    pub min_sigma: f64,
    pub alpha: Option<f64>,
    /// Not R's: the method runs on each week's count ÷ population (todoke: the patients per sentinel
    /// site that reported, 定点当たり報告数), which is `earsC` on the `sts` whose observed values are
    /// those rates; the bound is given back as a count for the week's population (the rate's bound
    /// × population, `NA` in a week of population 0), as Farrington's with `populationOffset`, so that
    /// a week's count and bound read alike whatever the method. Needs a series with a population.
    /// Absent in JSON stored before it existed: false.
    #[serde(default)]
    pub per_population: bool,
}

impl EarsControl {
    /// R's defaults for `method`.
    pub fn new(method: EarsMethod) -> Self {
        EarsControl { method, baseline: 7, min_sigma: 0.0, alpha: None, per_population: false }
    }

    /// 0.001 for C1 and C2, 0.025 for C3 ("the choices made at the CDC").
    pub fn alpha(&self) -> f64 {
        self.alpha.unwrap_or(match self.method {
            EarsMethod::C1 | EarsMethod::C2 => 0.001,
            EarsMethod::C3 => 0.025,
        })
    }

    /// Weeks of history before the first week that can be evaluated (R's `maxLag`).
    pub fn history_needed(&self) -> usize {
        self.baseline
            + match self.method {
                EarsMethod::C1 => 0,
                EarsMethod::C2 => 2,
                EarsMethod::C3 => 4,
            }
    }

    fn check(&self) -> Result<(), DetectionError> {
        if self.min_sigma.is_nan() || self.min_sigma < 0.0 {
            return Err(DetectionError::InvalidControl("min-sigma must not be negative"));
        }
        if self.baseline < 3 {
            return Err(DetectionError::InvalidControl("the baseline must be at least 3 weeks"));
        }
        if !(self.alpha() > 0.0 && self.alpha() < 1.0) {
            return Err(DetectionError::InvalidControl("alpha must lie between 0 and 1"));
        }
        Ok(())
    }
}

/// The weeks `range` of `series` (within it: [`crate::Method::evaluate`] checks).
pub(crate) fn evaluate(
    series: &WeeklySeries,
    control: &EarsControl,
    range: std::ops::Range<usize>,
) -> Result<Vec<Evaluation>, DetectionError> {
    control.check()?;
    if range.start < control.history_needed() {
        return Err(DetectionError::TooShort { week: series.week(range.start), needed: control.history_needed() });
    }
    let population = match (control.per_population, series.population()) {
        (false, _) => None,
        (true, Some(population)) => Some(population),
        (true, None) => return Err(DetectionError::InvalidControl("per-population needs a series with a population")),
    };
    let values = match population {
        Some(population) => series.rates(population),
        None => series.values(),
    };
    let z = qnorm(1.0 - control.alpha());
    let windows = Windows { counts: &values, baseline: control.baseline, min_sigma: control.min_sigma };
    Ok(range
        .map(|t| {
            let bound = match control.method {
                EarsMethod::C1 => windows.bound(t, 1, z),
                EarsMethod::C2 => windows.bound(t, 3, z),
                EarsMethod::C3 => windows.c3_bound(t, z),
            };
            // R's alarm, on the values it ran on; the bound as a count for the week's population.
            let alarm = (!bound.is_nan() && !values[t].is_nan()).then(|| values[t] > bound);
            let bound = match population {
                Some(population) if population[t] == 0 => f64::NAN,
                Some(population) => bound * f64::from(population[t]),
                None => bound,
            };
            Evaluation { week: series.week(t), upperbound: (!bound.is_nan()).then_some(bound), alarm }
        })
        .collect())
}

/// The baseline windows ending `lag` weeks before a week: C1 has lag 1, C2 and C3 lag 3 (the guard band).
struct Windows<'a> {
    counts: &'a [f64],
    baseline: usize,
    min_sigma: f64,
}

impl Windows<'_> {
    fn window(&self, t: usize, lag: usize) -> &[f64] {
        &self.counts[t + 1 - lag - self.baseline..=t - lag]
    }

    fn sigma(&self, window: &[f64]) -> f64 {
        pmax(sd(window), self.min_sigma)
    }

    /// C1 and C2: mean + z · max(sd, minSigma).
    fn bound(&self, t: usize, lag: usize, z: f64) -> f64 {
        let window = self.window(t, lag);
        mean(window) + z * self.sigma(window)
    }

    /// The C2 statistic of week `i`.
    fn c2(&self, i: usize) -> f64 {
        let window = self.window(i, 3);
        (self.counts[i] - mean(window)) / self.sigma(window)
    }

    /// C3 as the package computes it: max(0, y_t + σ_t · (z − L)), L from the two weeks before.
    fn c3_bound(&self, t: usize, z: f64) -> f64 {
        let excess = |i: usize| pmax(0.0, self.c2(i) - 1.0);
        let lagged = excess(t - 2) + excess(t - 1);
        pmax(0.0, self.counts[t] + self.sigma(self.window(t, 3)) * (z - lagged))
    }
}
