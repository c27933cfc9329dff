//! Farrington (R's default control) over the nation's series: 470 health-center areas × the 全数
//! diseases of the catalog and the 19 weekly sentinel diseases, five years of history, evaluating
//! each of the last 52 weeks on both cores, as the product's alarm run evaluates (`Detail::Alarms`)
//! and as R does (`Detail::AsR`). Also one week per series (the weekly run's computation) and EARS C1
//! and C3. Synthetic counts: most 全数 series sparse, sentinel series seasonal and dense.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use aberration::{Detail, EarsControl, EarsMethod, FarringtonControl, IsoWeek, Method, WeeklySeries};

const AREAS: usize = 470;
const WEEKLY_SENTINEL_DISEASES: usize = 19;
/// 52·5 + w + 1 weeks of history before the first evaluated week, then the 52 evaluated.
const WEEKS: usize = 52 * 5 + 4 + 52;
/// One per core of the 2-core machine the targets are set for.
const THREADS: usize = 2;

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

/// Evaluates the last `weeks` weeks of every series to `detail` on two threads, each taking the
/// next series as it finishes one; returns seconds and alarms.
fn run(series: &[WeeklySeries], method: &Method, weeks: usize, detail: Detail) -> (f64, usize) {
    let started = Instant::now();
    let next = AtomicUsize::new(0);
    let alarms: usize = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|_| {
                scope.spawn(|| {
                    let mut alarms = 0;
                    while let Some(one) = series.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let results = method.evaluate_with(one, one.last(weeks), detail).unwrap_or_default();
                        alarms += results.iter().filter(|result| result.alarm == Some(true)).count();
                    }
                    alarms
                })
            })
            .collect();
        workers.into_iter().map(|worker| worker.join().unwrap_or(0)).sum()
    });
    (started.elapsed().as_secs_f64(), alarms)
}

/// Weeks among the last `weeks` of every series that `limit54` lets through (at least 5 cases in
/// the 4 weeks up to them): the weeks Farrington must fit a model for when only alarms matter.
fn weeks_with_enough_cases(series: &[WeeklySeries], weeks: usize) -> usize {
    series
        .iter()
        .map(|one| {
            let counts: Vec<u32> = one.counts().iter().map(|count| count.unwrap_or(0)).collect();
            one.last(weeks).filter(|&k| counts[k - 3..=k].iter().sum::<u32>() >= 5).count()
        })
        .sum()
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| text.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_owned())
}

fn main() {
    let series = national_series();
    println!(
        "{} series ({AREAS} areas × {} diseases), {WEEKS} weeks each, {THREADS} threads; load average {} at start",
        series.len(),
        series.len() / AREAS,
        load_average()
    );
    for weeks in [52, 1] {
        let fitted = weeks_with_enough_cases(&series, weeks);
        let all = series.len() * weeks;
        println!(
            "last {weeks} weeks: {fitted} of {all} weeks have enough cases for limit54 ({:.1} %)",
            fitted as f64 * 100.0 / all as f64
        );
    }
    let farrington = Method::Farrington(FarringtonControl::default());
    let methods = [
        ("farrington, last 52 weeks, alarms", &farrington, 52, Detail::Alarms),
        ("farrington, newest week, alarms", &farrington, 1, Detail::Alarms),
        ("farrington, last 52 weeks, as R", &farrington, 52, Detail::AsR),
        ("farrington, newest week, as R", &farrington, 1, Detail::AsR),
        ("ears-c1, last 52 weeks", &Method::Ears(EarsControl::new(EarsMethod::C1)), 52, Detail::AsR),
        ("ears-c3, last 52 weeks", &Method::Ears(EarsControl::new(EarsMethod::C3)), 52, Detail::AsR),
    ];
    for (name, method, weeks, detail) in methods {
        let (seconds, alarms) = run(&series, method, weeks, detail);
        let evaluations = series.len() * weeks;
        println!(
            "{name:<36} {seconds:>7.2} s  {:>9.1} µs per week evaluated (one thread)  {alarms} alarms  (load {})",
            seconds * 1e6 / evaluations as f64 * THREADS as f64,
            load_average()
        );
    }
}
