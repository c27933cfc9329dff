//! Farrington flexible as R `surveillance::farringtonFlexible` 1.20.3 computes it (reference §c.2):
//! reference weeks by calendar (a series is dated by its Mondays, so 53-week years are handled as
//! the package handles a date-indexed `sts`), windows and `noPeriods` blocks, a quasi-Poisson GLM
//! with trend, reweighting by Anscombe residuals, and the `delta` (power transformation),
//! `nbPlugin` and `muan` thresholds — with the package's quirks: the prediction's standard error
//! and the trend test use Σω(y−μ)²/μ² (quirk 3), the noufaily scores compare with the log-scale
//! prediction (quirk 4), and the prediction's time is counted from the first baseline week with a count.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, Month};

use crate::glm::{self, Design};
use crate::rstats::{pmax, qnbinom, qnorm, qpois, two_sided_t};
use crate::{Detail, DetectionError, Evaluation, WeeklySeries};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PowerTransform {
    #[serde(rename = "2/3")]
    TwoThirds,
    #[serde(rename = "1/2")]
    Half,
    #[serde(rename = "none")]
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThresholdMethod {
    #[serde(rename = "delta")]
    Delta,
    #[serde(rename = "nbPlugin")]
    NbPlugin,
    #[serde(rename = "muan")]
    Muan,
}

/// `farringtonFlexible`'s control list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FarringtonControl {
    pub b: usize,
    pub w: usize,
    pub reweight: bool,
    pub weights_threshold: f64,
    pub alpha: f64,
    pub trend: bool,
    pub p_threshold_trend: f64,
    /// (cases, weeks): no bound unless the last `weeks` weeks hold at least `cases` cases.
    pub limit54: (u32, usize),
    pub power_transform: PowerTransform,
    pub no_periods: usize,
    /// `populationOffset`: the model gets `offset(log(population))`, so it fits the rate per unit
    /// of the series' population (todoke: the sentinel sites that reported) and predicts the count
    /// for the week's population. Needs a series with a population. Absent in JSON stored before
    /// it existed: R's default, false.
    #[serde(default)]
    pub population_offset: bool,
    /// `None` is R's default, `w`.
    pub past_weeks_not_included: Option<usize>,
    pub threshold_method: ThresholdMethod,
}

impl Default for FarringtonControl {
    /// R's defaults.
    fn default() -> Self {
        FarringtonControl {
            b: 5,
            w: 3,
            reweight: true,
            weights_threshold: 2.58,
            alpha: 0.05,
            trend: true,
            p_threshold_trend: 0.05,
            limit54: (5, 4),
            power_transform: PowerTransform::TwoThirds,
            no_periods: 1,
            population_offset: false,
            past_weeks_not_included: None,
            threshold_method: ThresholdMethod::Delta,
        }
    }
}

impl FarringtonControl {
    pub(crate) fn past_weeks_not_included(&self) -> usize {
        self.past_weeks_not_included.unwrap_or(self.w)
    }

    fn check(&self) -> Result<(), DetectionError> {
        if self.limit54.1 == 0 {
            return Err(DetectionError::InvalidControl("limit54's period must be at least one week"));
        }
        if self.b == 0 || self.no_periods == 0 {
            return Err(DetectionError::InvalidControl("b and noPeriods must be at least 1"));
        }
        if !(self.alpha > 0.0 && self.alpha < 1.0) {
            return Err(DetectionError::InvalidControl("alpha must lie between 0 and 1"));
        }
        Ok(())
    }
}

/// The first week index whose reference weeks and windows all lie in `series`.
pub fn first_evaluable(series: &WeeklySeries, control: &FarringtonControl) -> Result<usize, DetectionError> {
    control.check()?;
    (0..series.len())
        .find(|&k| baseline(series, control, k).is_ok())
        .ok_or(DetectionError::TooShort { week: series.week(series.len().saturating_sub(1)), needed: needed(control) })
}

/// Roughly the weeks of history a week needs (for messages).
fn needed(control: &FarringtonControl) -> usize {
    52 * control.b + control.w.max(control.past_weeks_not_included())
}

/// The weeks `range` of `series` (within it: [`crate::Method::evaluate`] checks).
pub(crate) fn evaluate(
    series: &WeeklySeries,
    control: &FarringtonControl,
    range: std::ops::Range<usize>,
    detail: Detail,
) -> Result<Vec<Evaluation>, DetectionError> {
    control.check()?;
    if control.population_offset && series.population().is_none() {
        return Err(DetectionError::InvalidControl("populationOffset needs a series with a population"));
    }
    let counts = series.values();
    range
        .map(|k| {
            let data = baseline(series, control, k)?;
            let enough = enough_cases(&counts, k, control);
            let (upperbound, alarm) = if !enough && detail == Detail::Alarms {
                (None, Some(false))
            } else {
                match predict(&data, control) {
                    Some(_) if !enough => (None, Some(false)),
                    Some(prediction) => judge(counts[k], &prediction, control),
                    None => (None, None),
                }
            };
            Ok(Evaluation { week: series.week(k), upperbound, alarm })
        })
        .collect()
}

/// `seq(day, by = "-1 year")`'s j-th date: same month and day, Feb 29 rolling over to Mar 1.
fn years_before(day: Date, years: i32) -> Date {
    let year = day.year() - years;
    Date::from_calendar_date(year, day.month(), day.day())
        .unwrap_or_else(|_| Date::from_calendar_date(year, Month::March, 1).unwrap_or(day))
}

/// The date with `day`'s weekday nearest to `reference` (ties to the one in the same
/// Sunday-to-Saturday week), as `algo.farrington.referencetimepoints` snaps.
fn snap(reference: Date, day: Date) -> Date {
    let weekday = |date: Date| i64::from(date.weekday().number_days_from_sunday());
    let a = reference - Duration::days(weekday(reference) - weekday(day));
    let b = if a > reference { a - Duration::days(7) } else { a + Duration::days(7) };
    if (a - reference).abs() > (b - reference).abs() {
        b
    } else {
        a
    }
}

/// Week k's reference weeks for j = 1..=b years back, as indices into `series` (negative: before
/// it): the same day j years earlier, snapped to week k's weekday
/// (`algo.farrington.referencetimepoints`).
fn reference_weeks(series: &WeeklySeries, k: usize, b: usize) -> impl Iterator<Item = i64> {
    let day = series.week(k).monday();
    (1..=b).map(move |j| k as i64 - (day - snap(years_before(day, j as i32), day)).whole_weeks())
}

/// The whole years of history week `k` of `series` has, up to `b`: how many of its reference weeks,
/// one per year back as the baseline places them, are not before the series' first week with a count.
/// A series that starts within the last `b` years (its weeks before are `NA`) has fewer.
pub fn years_of_history(series: &WeeklySeries, k: usize, b: usize) -> usize {
    let Some(first) = series.counts().iter().position(Option::is_some) else { return 0 };
    reference_weeks(series, k, b).take_while(|&index| index >= first as i64).count()
}

/// The baseline of week k: its observations, their time and season group.
struct Baseline {
    response: Vec<f64>,
    wtime: Vec<f64>,
    groups: Vec<usize>,
    /// log(population) of each observation and of week k, with `populationOffset`; else empty and 0.
    offset: Vec<f64>,
    offset_now: f64,
    /// The time of week k, counted from the first baseline week that has a count (the package's).
    wtime_now: f64,
    no_periods: usize,
}

fn baseline(series: &WeeklySeries, control: &FarringtonControl, k: usize) -> Result<Baseline, DetectionError> {
    let too_short = || DetectionError::TooShort { week: series.week(k), needed: needed(control) };
    // Reference weeks, newest first: k itself, then one per year back.
    let mut references = vec![k as i64];
    for index in reference_weeks(series, k, control.b) {
        if index < 0 {
            return Err(too_short());
        }
        references.push(index);
    }
    let labels = blocks(series.len(), &references, control).ok_or_else(too_short)?;
    let excluded_from = k as i64 - control.past_weeks_not_included() as i64;
    if excluded_from < -1 {
        return Err(too_short());
    }
    let included: Vec<(usize, usize)> = labels
        .iter()
        .enumerate()
        .filter(|&(i, _)| (i as i64) < excluded_from || i > k)
        .filter_map(|(i, label)| label.map(|label| (i, label)))
        .collect();
    let first = included.first().map_or(0, |&(i, _)| i);
    let counts = series.values();
    let with_counts: Vec<(usize, usize)> = included.into_iter().filter(|&(i, _)| !counts[i].is_nan()).collect();
    let first_with_count = with_counts.first().map_or(first, |&(i, _)| i);
    let log_population = |i: usize| series.population().map_or(0.0, |population| f64::from(population[i]).ln());
    let offset = if control.population_offset {
        with_counts.iter().map(|&(i, _)| log_population(i)).collect()
    } else {
        Vec::new()
    };
    Ok(Baseline {
        offset,
        offset_now: if control.population_offset { log_population(k) } else { 0.0 },
        response: with_counts.iter().map(|&(i, _)| counts[i]).collect(),
        wtime: with_counts.iter().map(|&(i, _)| (i - first) as f64).collect(),
        groups: with_counts.iter().map(|&(_, label)| label).collect(),
        wtime_now: (k - first_with_count) as f64,
        no_periods: control.no_periods,
    })
}

/// R's `a:b`, which counts down when a > b.
fn r_sequence(a: i64, b: i64) -> Vec<i64> {
    if a <= b {
        (a..=b).collect()
    } else {
        (b..=a).rev().collect()
    }
}

/// Assigns into `labels` at `indices` as R does: index -1 (R's 0) is ignored, lower ones fail.
fn assign(labels: &mut [Option<usize>], indices: &[i64], label: usize) -> Option<()> {
    for &index in indices {
        match usize::try_from(index) {
            Ok(index) if index < labels.len() => labels[index] = Some(label),
            _ if index == -1 => {}
            _ => return None,
        }
    }
    Some(())
}

/// The season group of each week (`blocks()`): the windows get `noPeriods`, the weeks between
/// consecutive windows are cut into noPeriods − 1 blocks, the earlier ones a week longer.
fn blocks(len: usize, references: &[i64], control: &FarringtonControl) -> Option<Vec<Option<usize>>> {
    let (w, p) = (control.w as i64, control.no_periods);
    let mut labels = vec![None; len];
    let now = references[0];
    assign(&mut labels, &r_sequence(now - w, now), p)?;
    for pair in references.windows(2) {
        let (later, reference) = (pair[0], pair[1]);
        assign(&mut labels, &r_sequence(reference - w, reference + w), p)?;
        if p == 1 {
            continue;
        }
        let period = later - 2 * w - 1 - reference;
        let blocks = p as i64 - 1;
        if period < blocks - (2 * w + 1) {
            return None;
        }
        let (length, rest) = (period.div_euclid(blocks), period.rem_euclid(blocks));
        let mut start = reference + w + 1;
        for block in 1..p {
            let size = length + i64::from((block as i64) <= rest);
            assign(&mut labels, &r_sequence(start, start + size - 1), block)?;
            start += size;
        }
    }
    Some(labels)
}

impl Baseline {
    /// Intercept, wtime (with a trend), and a dummy per season group but the lowest present; the
    /// offset.
    fn design(&self, trend: bool) -> (Design, Vec<f64>) {
        let mut design = Design::new(self.response.len());
        design.set_offset(self.offset.clone());
        design.push_column(self.response.iter().map(|_| 1.0));
        let mut x0 = vec![1.0];
        if trend {
            design.push_column(self.wtime.iter().copied());
            x0.push(self.wtime_now);
        }
        let mut levels = self.groups.clone();
        levels.sort_unstable();
        levels.dedup();
        for &level in levels.iter().skip(1) {
            design.push_column(self.groups.iter().map(|&g| f64::from(u8::from(g == level))));
            x0.push(f64::from(u8::from(level == self.no_periods)));
        }
        (design, x0)
    }
}

/// A fitted model and what the threshold needs of it.
struct Model {
    fit: glm::Fit,
    x0: Vec<f64>,
    /// Week k's offset, added to its linear predictor.
    offset_now: f64,
    trend: bool,
    phi: f64,
    /// `model$weights` after the package overwrote them with ω (quirk 3).
    summary_weights: Vec<f64>,
}

impl Model {
    fn summary_dispersion(&self) -> f64 {
        self.fit.dispersion_with(&self.summary_weights)
    }

    /// η₀ and its standard error (predict.glm, link scale; the offset has no error).
    fn link_prediction(&self) -> (f64, f64) {
        let linear: f64 = self.x0.iter().zip(&self.fit.coefficients).map(|(x, c)| x * c).sum();
        let eta = linear + self.offset_now;
        (eta, (self.fit.unscaled_variance(&self.x0) * self.summary_dispersion()).sqrt())
    }

    fn trend_p_value(&self) -> f64 {
        let se = (self.fit.unscaled_coefficient_variance(1) * self.summary_dispersion()).sqrt();
        two_sided_t(self.fit.coefficients[1] / se, self.fit.df_residual)
    }
}

/// `algo.farrington.fitGLM.flexible`: fit (without trend if that does not converge), then refit
/// once with Anscombe weights.
fn fit_model(data: &Baseline, trend: bool, control: &FarringtonControl) -> Option<Model> {
    let ones = vec![1.0; data.response.len()];
    let (mut design, mut x0) = data.design(trend);
    let mut fit = glm::fit(&design, &data.response, &ones)?;
    let mut trend = trend;
    if !fit.converged && trend {
        trend = false;
        (design, x0) = data.design(false);
        fit = glm::fit(&design, &data.response, &ones)?;
    }
    if !fit.converged {
        return None;
    }
    let mut phi = pmax(fit.dispersion_with(&fit.working_weights), 1.0);
    let mut summary_weights = fit.working_weights.clone();
    if control.reweight {
        let omega = anscombe_weights(&fit, &data.response, phi, control.weights_threshold);
        fit = glm::fit(&design, &data.response, &omega)?;
        phi = pmax(fit.dispersion_with(&fit.working_weights), 1.0);
        summary_weights = omega;
    }
    // A design that lost columns cannot predict the current week's x₀: no bound (NA) rather than a panic.
    (x0.len() == fit.coefficients.len()).then_some(Model {
        fit,
        x0,
        offset_now: data.offset_now,
        trend,
        phi,
        summary_weights,
    })
}

/// ω_i ∝ s_i⁻² where the standardised Anscombe residual s_i exceeds the threshold, else 1; Σω = n.
fn anscombe_weights(fit: &glm::Fit, y: &[f64], phi: f64, threshold: f64) -> Vec<f64> {
    let residuals: Vec<f64> = (0..y.len())
        .map(|i| {
            let mu = fit.mu[i];
            let raw = 1.5 * (y[i].powf(2.0 / 3.0) * mu.powf(-1.0 / 6.0) - mu.sqrt());
            raw / (phi * (1.0 - fit.hat[i])).sqrt()
        })
        .collect();
    let raw: Vec<f64> = residuals.iter().map(|&s| if s > threshold { s.powi(-2) } else { 1.0 }).collect();
    let gamma = y.len() as f64 / raw.iter().sum::<f64>();
    raw.iter().map(|r| gamma * r).collect()
}

/// `algo.farrington.glm`: drops the trend unless significant, over at least three years, and
/// not predicting more than the baseline's largest count; then the prediction.
fn predict(data: &Baseline, control: &FarringtonControl) -> Option<Prediction> {
    let mut model = fit_model(data, control.trend, control)?;
    if model.trend {
        let (eta, _) = model.link_prediction();
        let largest = data.response.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let keep = control.b >= 3 && model.trend_p_value() < control.p_threshold_trend && link_mean(eta) <= largest;
        if !keep {
            // The package would stop with an error if this refit failed; todoke reports NA.
            model = fit_model(data, false, control)?;
        }
    }
    let (eta, se_eta) = model.link_prediction();
    Some(Prediction { eta, se_eta, phi: model.phi })
}

fn link_mean(eta: f64) -> f64 {
    eta.exp().max(f64::EPSILON)
}

struct Prediction {
    eta: f64,
    se_eta: f64,
    phi: f64,
}

/// `limit54`: at least `cases` cases in the `weeks` weeks up to k (the package counts week k too);
/// a missing count among them (NaN) is not "enough", as in the package.
fn enough_cases(counts: &[f64], k: usize, control: &FarringtonControl) -> bool {
    let (cases, weeks) = control.limit54;
    (k + 1).checked_sub(weeks).is_some_and(|from| counts[from..=k].iter().sum::<f64>() >= f64::from(cases))
}

/// The bound and the alarm of a week with count `y` that has enough cases.
fn judge(y: f64, prediction: &Prediction, control: &FarringtonControl) -> (Option<f64>, Option<bool>) {
    let (upper, fit) = threshold(prediction, control);
    let score = (y - fit) / (upper - fit);
    let alarm = !score.is_nan() && score > 1.0 && y != 0.0;
    ((!upper.is_nan()).then_some(upper), Some(alarm))
}

/// The upper bound and the prediction it is compared with (μ₀ for delta, η₀ for the others).
fn threshold(prediction: &Prediction, control: &FarringtonControl) -> (f64, f64) {
    let z = qnorm(1.0 - control.alpha);
    let Prediction { eta, se_eta, phi } = *prediction;
    match control.threshold_method {
        ThresholdMethod::Delta => {
            let mu0 = link_mean(eta);
            let se_mu = se_eta * mu0;
            let tau = phi + se_mu * se_mu / mu0;
            let (se, exponent) = match control.power_transform {
                PowerTransform::None => ((mu0 * tau).sqrt(), 1.0),
                PowerTransform::Half => ((tau / 4.0).sqrt(), 0.5),
                PowerTransform::TwoThirds => ((4.0 / 9.0 * mu0.powf(1.0 / 3.0) * tau).sqrt(), 2.0 / 3.0),
            };
            let bound = |sign: f64| (mu0.powf(exponent) + sign * z * se).powf(1.0 / exponent);
            // sort(c(lower, upper), na.last = FALSE)[2]: the larger one, or the only one not NaN.
            let (lower, upper) = (bound(-1.0), bound(1.0));
            let second = match (lower.is_nan(), upper.is_nan()) {
                (false, false) => lower.max(upper),
                (true, _) => upper,
                (false, true) => lower,
            };
            (second, mu0)
        }
        ThresholdMethod::NbPlugin | ThresholdMethod::Muan => {
            let quantile_mean = match control.threshold_method {
                ThresholdMethod::Muan => (eta + se_eta * z).exp(),
                _ => eta.exp(),
            };
            if !quantile_mean.is_finite() {
                return (f64::NAN, eta);
            }
            let upper = if phi > 1.0 {
                qnbinom(1.0 - control.alpha, quantile_mean / (phi - 1.0), 1.0 / phi)
            } else {
                qpois(1.0 - control.alpha, quantile_mean)
            };
            (upper, eta)
        }
    }
}
