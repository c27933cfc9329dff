//! Farrington (R's default control) over the nation's series: 470 health-center areas × the 全数
//! diseases of the catalog and the 19 weekly sentinel diseases, five years of history, evaluating
//! each of the last 52 weeks on both cores. Also EARS C1–C3 and one week per series (the weekly run's
//! computation). Synthetic counts: most 全数 series sparse, sentinel series seasonal and dense.

use std::time::Instant;

use aberration::{EarsControl, EarsMethod, FarringtonControl, IsoWeek, Method, WeeklySeries};

const AREAS: usize = 470;
const WEEKLY_SENTINEL_DISEASES: usize = 19;
/// 52·5 + w + 1 weeks of history before the first evaluated week, then the 52 evaluated.
const WEEKS: usize = 52 * 5 + 4 + 52;

/// A small deterministic generator (SplitMix64), so that runs compare.
struct Random(u64);

impl Random {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Poisson by inversion (small means) or a rounded normal (large ones).
    fn poisson(&mut self, mean: f64) -> u32 {
        if mean > 30.0 {
            let normal = (-2.0 * self.next().max(1e-300).ln()).sqrt() * (std::f64::consts::TAU * self.next()).cos();
            return (mean + mean.sqrt() * normal).round().max(0.0) as u32;
        }
        let (mut k, mut p, limit) = (0, 1.0, (-mean).exp());
        loop {
            p *= self.next();
            if p <= limit {
                return k;
            }
            k += 1;
        }
    }
}

fn national_series() -> Vec<WeeklySeries> {
    let Some(start) = IsoWeek::new(2019, 1) else { return Vec::new() };
    let all_cases = domain::diseases::CATALOG.len();
    let mut random = Random(20261201);
    let mut series = Vec::new();
    for _area in 0..AREAS {
        for disease in 0..all_cases + WEEKLY_SENTINEL_DISEASES {
            let sentinel = disease >= all_cases;
            // 全数: weekly means from 0.005 to about 2 per area; sentinel: 3 to 60 with a season.
            let level = if sentinel { 3.0 + 57.0 * random.next() } else { 0.005 * 400f64.powf(random.next()) };
            let counts = (0..WEEKS)
                .map(|week| {
                    let season = if sentinel { (week as f64 * std::f64::consts::TAU / 52.0).sin() * 0.6 } else { 0.0 };
                    Some(random.poisson(level * season.exp()))
                })
                .collect();
            series.push(WeeklySeries::new(start, counts));
        }
    }
    series
}

/// Evaluates the last `weeks` weeks of every series on two threads; returns seconds and alarms.
fn run(series: &[WeeklySeries], method: &Method, weeks: usize) -> (f64, usize) {
    let started = Instant::now();
    let halves: Vec<&[WeeklySeries]> = series.chunks(series.len().div_ceil(2)).collect();
    let alarms: usize = std::thread::scope(|scope| {
        let workers: Vec<_> = halves
            .iter()
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|one| {
                            let results = method.evaluate(one, one.last(weeks)).unwrap_or_default();
                            results.iter().filter(|result| result.alarm == Some(true)).count()
                        })
                        .sum::<usize>()
                })
            })
            .collect();
        workers.into_iter().map(|worker| worker.join().unwrap_or(0)).sum()
    });
    (started.elapsed().as_secs_f64(), alarms)
}

fn main() {
    let series = national_series();
    println!(
        "{} series ({AREAS} areas × {} diseases), {WEEKS} weeks each, 2 threads",
        series.len(),
        series.len() / AREAS
    );
    let farrington = Method::Farrington(FarringtonControl::default());
    let methods = [
        ("farrington, last 52 weeks", &farrington, 52),
        ("farrington, newest week", &farrington, 1),
        ("ears-c1, last 52 weeks", &Method::Ears(EarsControl::new(EarsMethod::C1)), 52),
        ("ears-c3, last 52 weeks", &Method::Ears(EarsControl::new(EarsMethod::C3)), 52),
    ];
    for (name, method, weeks) in methods {
        let (seconds, alarms) = run(&series, method, weeks);
        let evaluations = series.len() * weeks;
        println!(
            "{name:<28} {seconds:>7.2} s  {:>9.1} µs per week evaluated  {alarms} alarms",
            seconds * 1e6 / evaluations as f64 * 2.0
        );
    }
}
