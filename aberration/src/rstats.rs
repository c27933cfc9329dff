//! The few numeric functions of R that the methods use, with R's conventions: NaN (R's `NA`)
//! propagates through `mean`, `sd` and `pmax`, and discrete quantiles search the way R 4.2 does.

use statrs::distribution::{ContinuousCDF, DiscreteCDF, NegativeBinomial, Normal, Poisson, StudentsT};

/// R `mean`: NaN if any value is.
pub fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// R `sd`: the n − 1 denominator, NaN if any value is.
pub fn sd(values: &[f64]) -> f64 {
    let centre = mean(values);
    let squares: f64 = values.iter().map(|value| (value - centre).powi(2)).sum();
    (squares / (values.len() as f64 - 1.0)).sqrt()
}

/// R `pmax(a, b)` for one pair: NaN wins (Rust's `f64::max` would drop it).
pub fn pmax(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.max(b)
    }
}

/// R `qnorm(p)`.
pub fn qnorm(p: f64) -> f64 {
    match Normal::standard() {
        distribution if (0.0..=1.0).contains(&p) => distribution.inverse_cdf(p),
        _ => f64::NAN,
    }
}

/// R `2 * pt(-|t|, df)`: the two-sided p-value of a t statistic.
pub fn two_sided_t(t: f64, df: f64) -> f64 {
    match StudentsT::new(0.0, 1.0, df) {
        Ok(distribution) if t.is_finite() => 2.0 * distribution.cdf(-t.abs()),
        _ => f64::NAN,
    }
}

/// R 4.2's fuzz for left continuity of discrete quantiles: the smallest x with F(x) ≥ p(1 − 64ε).
fn fuzzed(p: f64) -> f64 {
    p * (1.0 - 64.0 * f64::EPSILON)
}

/// Steps of a quantile search beyond which a distribution is taken as broken (NaN).
const MAX_SEARCH_STEPS: u64 = 10_000_000;

/// The smallest x ≥ 0 with `cdf(x)` ≥ p, searched from the normal approximation outwards.
fn discrete_quantile(cdf: impl Fn(u64) -> f64, p: f64, mean: f64, sd: f64) -> f64 {
    if !(mean.is_finite() && sd.is_finite() && (0.0..1.0).contains(&p)) {
        return f64::NAN;
    }
    let target = fuzzed(p);
    let mut x = (mean + qnorm(p) * sd).floor().max(0.0) as u64;
    for _ in 0..MAX_SEARCH_STEPS {
        let here = cdf(x);
        if here.is_nan() {
            return f64::NAN;
        }
        if here < target {
            x += 1;
        } else if x > 0 && cdf(x - 1) >= target {
            x -= 1;
        } else {
            return x as f64;
        }
    }
    f64::NAN
}

/// R `qpois(p, lambda)`.
pub fn qpois(p: f64, lambda: f64) -> f64 {
    if lambda == 0.0 {
        return 0.0;
    }
    match Poisson::new(lambda) {
        Ok(distribution) => discrete_quantile(|x| distribution.cdf(x), p, lambda, lambda.sqrt()),
        Err(_) => f64::NAN,
    }
}

/// R `qnbinom(p, size, prob)`: mean size(1 − prob)/prob, variance mean/prob.
pub fn qnbinom(p: f64, size: f64, prob: f64) -> f64 {
    let mean = size * (1.0 - prob) / prob;
    match NegativeBinomial::new(size, prob) {
        Ok(distribution) => discrete_quantile(|x| distribution.cdf(x), p, mean, (mean / prob).sqrt()),
        Err(_) => f64::NAN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_r_on_reference_values() {
        // R: qnorm(0.999), qnorm(0.975), sd(c(1, 2, 4)), qpois(0.95, 3.2), qnbinom(0.95, 2.5, 0.4)
        assert!((qnorm(0.999) - 3.090232306167813).abs() < 1e-14);
        assert!((qnorm(0.975) - 1.959963984540054).abs() < 1e-14);
        assert!((sd(&[1.0, 2.0, 4.0]) - 1.527525231651947).abs() < 1e-14);
        assert_eq!(qpois(0.95, 3.2), 6.0);
        assert_eq!(qnbinom(0.95, 2.5, 0.4), 10.0);
        // R: 2 * pt(-2.1, 10)
        assert!((two_sided_t(2.1, 10.0) - 0.06207724420221847).abs() < 1e-9);
    }

    #[test]
    fn missing_values_propagate_like_r() {
        assert!(mean(&[1.0, f64::NAN]).is_nan());
        assert!(pmax(0.0, f64::NAN).is_nan());
        assert_eq!(pmax(0.0, -2.0), 0.0);
    }
}
