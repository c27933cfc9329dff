//! 警報・注意報 (a.1, a.2): per health-center area and disease, each week's 定点当たり報告数 against a
//! thresholds table whose rows are in force from a week. 警報 starts in a week at or above its start
//! level and lasts through every later week at or above its end level, ending in the first week
//! below it; 注意報 is any other week at or above its level (no hysteresis); 警報 takes priority.
//! The national table is the default; a jurisdiction with its own rules passes its own table.

use serde::{Deserialize, Serialize};

use super::catalog::{form, Frequency, ReportKind};
use super::period::IsoWeek;

/// A level in hundredths of a case per site (0.1 is 10), so that comparisons are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Centi(pub u32);

impl Centi {
    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 100.0
    }
}

/// One row of a thresholds table: a disease's levels from a week on (until the disease's next row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AlertThresholds {
    /// A sentinel disease code (`domain::sentinel::catalog`).
    pub disease: &'static str,
    pub from: IsoWeek,
    /// 警報 開始基準値
    pub start: Centi,
    /// 警報 終息基準値
    pub end: Centi,
    /// 注意報 基準値; `None`: the disease has no 注意報.
    pub advisory: Option<Centi>,
}

/// A week's reports from an area's sentinels of the relevant type: the one home of 定点当たり報告数's
/// rule, which the 警報・注意報, the sentinel tables and charts and the aberration detection's
/// sentinel series (its `populationOffset`) all read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeeklyRate {
    pub week: IsoWeek,
    pub cases: u64,
    /// The rate's denominator: the sentinels that reported that week (「患者なし」 included), not those
    /// designated, as NESID's 定点当たり報告数 is 報告数 ÷ 報告定点数 (a site that did not report is
    /// not taken for one without patients); 0: no rate that week.
    pub sites: u32,
}

impl WeeklyRate {
    /// 定点当たり報告数; `None` in a week no site reported (no rate, not 0).
    pub fn rate(&self) -> Option<f64> {
        (self.sites > 0).then(|| crate::situation::per_site(self.cases, self.sites))
    }

    /// `cases / sites ≥ level`, exactly.
    fn reaches(&self, level: Centi) -> bool {
        u128::from(self.cases) * 100 >= u128::from(level.0) * u128::from(self.sites)
    }
}

/// An area's alert state in a week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AlertLevel {
    None,
    /// 注意報
    Advisory,
    /// 警報
    Warning,
}

/// The levels of a disease in force in `week`: its row with the latest `from` not after the week.
pub fn thresholds_in(table: &[AlertThresholds], disease: &str, week: IsoWeek) -> Option<AlertThresholds> {
    table.iter().filter(|row| row.disease == disease && row.from <= week).max_by_key(|row| row.from).copied()
}

/// The diseases with levels in force in `week` in `table`, each once, in the table's order.
pub fn diseases_with_levels(table: &[AlertThresholds], week: IsoWeek) -> Vec<&'static str> {
    let mut diseases: Vec<&'static str> = Vec::new();
    for row in table.iter().filter(|row| row.from <= week) {
        if !diseases.contains(&row.disease) {
            diseases.push(row.disease);
        }
    }
    diseases
}

/// The alert level of each week of `series` (consecutive weeks, oldest first) for `disease`, one per
/// week. A week without sites has no rate: its level is `None`, and a 警報 in force ends there. A
/// disease without a row in force has no level.
pub fn alert_levels(disease: &str, series: &[WeeklyRate], table: &[AlertThresholds]) -> Vec<AlertLevel> {
    alert_levels_after(AlertLevel::None, disease, series, table)
}

/// [`alert_levels`] of a series that continues one whose last week was at `previous`: the levels
/// depend only on the week before, so an area's stored levels are brought up to date from the first
/// week whose figures changed instead of from the start of its history.
pub fn alert_levels_after(
    previous: AlertLevel,
    disease: &str,
    series: &[WeeklyRate],
    table: &[AlertThresholds],
) -> Vec<AlertLevel> {
    let mut previous = previous;
    series
        .iter()
        .map(|rate| {
            let level = match thresholds_in(table, disease, rate.week) {
                Some(levels) if rate.sites > 0 => next_level(previous, rate, &levels),
                _ => AlertLevel::None,
            };
            previous = level;
            level
        })
        .collect()
}

/// Whether the 警報・注意報 levels apply to a form's counts: the weekly patient counts of the
/// sentinels; 入院サーベイランス counts admissions, which the levels are not made for.
pub fn has_alert_levels(kind: ReportKind) -> bool {
    form(kind).frequency == Frequency::Weekly && kind != ReportKind::Hospitalization
}

/// The diseases of a form that have levels in `table` in some week (each once, in the catalog's
/// order): the ones whose levels an area keeps.
pub fn diseases_with_levels_of(kind: ReportKind, table: &[AlertThresholds]) -> Vec<&'static str> {
    let mut diseases: Vec<&'static str> = Vec::new();
    if !has_alert_levels(kind) {
        return diseases;
    }
    for disease in form(kind).versions.iter().flat_map(|version| version.diseases) {
        if !diseases.contains(&disease.code) && table.iter().any(|row| row.disease == disease.code) {
            diseases.push(disease.code);
        }
    }
    diseases
}

/// The state machine of a.2.
fn next_level(previous: AlertLevel, rate: &WeeklyRate, levels: &AlertThresholds) -> AlertLevel {
    if (previous == AlertLevel::Warning && rate.reaches(levels.end)) || rate.reaches(levels.start) {
        AlertLevel::Warning
    } else if levels.advisory.is_some_and(|advisory| rate.reaches(advisory)) {
        AlertLevel::Advisory
    } else {
        AlertLevel::None
    }
}

const fn row(disease: &'static str, from: IsoWeek, start: u32, end: u32, advisory: Option<u32>) -> AlertThresholds {
    let advisory = match advisory {
        Some(level) => Some(Centi(level)),
        None => None,
    };
    AlertThresholds { disease, from, start: Centi(start), end: Centi(end), advisory }
}

/// The week the catalog starts (2018-W01); rows in force since before it are dated here.
const SINCE: IsoWeek = IsoWeek::const_new(2018, 1);
/// 水痘's levels changed in 2018-W36 (Osaka IPH): 7 / 4 / 4 before, 2 / 1 / 1 after.
const VARICELLA_CHANGE: IsoWeek = IsoWeek::const_new(2018, 36);

/// The national table (a.1), in hundredths. Influenza applies to the respiratory sentinel's reports.
pub static NATIONAL_THRESHOLDS: &[AlertThresholds] = &[
    row("influenza", SINCE, 3000, 1000, Some(1000)),
    row("pharyngoconjunctival_fever", SINCE, 300, 100, None),
    row("group_a_streptococcal_pharyngitis", SINCE, 800, 400, None),
    row("infectious_gastroenteritis", SINCE, 2000, 1200, None),
    row("varicella", SINCE, 700, 400, Some(400)),
    row("varicella", VARICELLA_CHANGE, 200, 100, Some(100)),
    row("hand_foot_and_mouth_disease", SINCE, 500, 200, None),
    row("erythema_infectiosum", SINCE, 200, 100, None),
    row("herpangina", SINCE, 600, 200, None),
    row("mumps", SINCE, 600, 200, Some(300)),
    row("acute_hemorrhagic_conjunctivitis", SINCE, 100, 10, None),
    row("epidemic_keratoconjunctivitis", SINCE, 800, 400, None),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn week(year: i32, week: u8) -> IsoWeek {
        IsoWeek::new(year, week).unwrap()
    }

    #[test]
    fn the_rate_is_per_reporting_site_and_none_where_no_site_reported() {
        let rate = |cases, sites| WeeklyRate { week: week(2025, 3), cases, sites }.rate();
        assert_eq!(rate(63, 2), Some(31.5));
        assert_eq!(rate(0, 4), Some(0.0));
        assert_eq!(rate(0, 0), None);
    }

    /// Consecutive weeks from `first`, each `(cases, sites)`.
    fn series(first: IsoWeek, weeks: &[(u64, u32)]) -> Vec<WeeklyRate> {
        let mut at = first;
        weeks
            .iter()
            .map(|&(cases, sites)| {
                let rate = WeeklyRate { week: at, cases, sites };
                at = at.next();
                rate
            })
            .collect()
    }

    use AlertLevel::{Advisory as A, None as N, Warning as W};

    #[test]
    fn influenza_warning_starts_at_30_persists_above_10_and_ends_below_it() {
        // 10 sites: rates 5, 12, 29.9, 30, 15, 10, 9.9, 12, 31.
        let weeks = [(50, 10), (120, 10), (299, 10), (300, 10), (150, 10), (100, 10), (99, 10), (120, 10), (310, 10)];
        let levels = alert_levels("influenza", &series(week(2024, 50), &weeks), NATIONAL_THRESHOLDS);
        // 12 → 注意報 only; 29.9 still 注意報; 30 starts 警報 (≥); 15 and exactly 10 keep it; 9.9 ends it
        // (< 10) and is below 注意報 too; 12 afterwards is 注意報 again, not 警報; 31 starts a new 警報.
        assert_eq!(levels, vec![N, A, A, W, W, W, N, A, W]);
    }

    #[test]
    fn a_disease_without_advisory_has_warning_or_nothing() {
        // 感染性胃腸炎 20 / 12, no 注意報: 19 sites … rates 19, 20, 12, 11.9.
        let weeks = [(361, 19), (380, 19), (228, 19), (226, 19)];
        let levels = alert_levels("infectious_gastroenteritis", &series(week(2025, 1), &weeks), NATIONAL_THRESHOLDS);
        assert_eq!(levels, vec![N, W, W, N]);
    }

    #[test]
    fn mumps_advisory_only_week_between_its_levels() {
        // 流行性耳下腺炎 6 / 2 / 3: rate 3 is 注意報 only; after a 警報, 2.5 keeps the 警報 (≥ 2).
        let weeks = [(6, 2), (4, 2), (12, 2), (5, 2), (3, 2)];
        let levels = alert_levels("mumps", &series(week(2025, 10), &weeks), NATIONAL_THRESHOLDS);
        assert_eq!(levels, vec![A, N, W, W, N]);
    }

    #[test]
    fn varicella_levels_change_in_2018_week_36() {
        // One site, 3 cases a week from W34 to W37: under 7 / 4 / 4 nothing; from W36 (2 / 1 / 1) 警報.
        let levels = alert_levels("varicella", &series(week(2018, 34), &[(3, 1); 4]), NATIONAL_THRESHOLDS);
        assert_eq!(levels, vec![N, N, W, W]);
        // 4 per site in W35 was 注意報 under the old table; in W36, 1.5 is 注意報 under the new one.
        let levels = alert_levels("varicella", &series(week(2018, 35), &[(4, 1), (3, 2)]), NATIONAL_THRESHOLDS);
        assert_eq!(levels, vec![A, A]);
        assert_eq!(thresholds_in(NATIONAL_THRESHOLDS, "varicella", week(2018, 35)).map(|r| r.start), Some(Centi(700)));
        assert_eq!(thresholds_in(NATIONAL_THRESHOLDS, "varicella", week(2018, 36)).map(|r| r.start), Some(Centi(200)));
    }

    #[test]
    fn a_series_continued_after_a_warning_keeps_it_while_above_the_end_level() {
        let weeks = [(50, 10), (120, 10), (350, 10), (150, 10), (99, 10)];
        let whole = alert_levels("influenza", &series(week(2024, 50), &weeks), NATIONAL_THRESHOLDS);
        let tail = alert_levels_after(whole[2], "influenza", &series(week(2025, 1), &weeks[3..]), NATIONAL_THRESHOLDS);
        assert_eq!(tail, whole[3..]);
        // Without the 警報 before it, 15 per site is only 注意報.
        let alone = alert_levels("influenza", &series(week(2025, 1), &weeks[3..]), NATIONAL_THRESHOLDS);
        assert_eq!(alone, vec![A, N]);
    }

    #[test]
    fn levels_are_kept_for_the_weekly_patient_forms_only() {
        assert_eq!(diseases_with_levels_of(ReportKind::RespiratoryWeekly, NATIONAL_THRESHOLDS), ["influenza"]);
        assert!(diseases_with_levels_of(ReportKind::PediatricWeekly, NATIONAL_THRESHOLDS).contains(&"varicella"));
        assert!(diseases_with_levels_of(ReportKind::Hospitalization, NATIONAL_THRESHOLDS).is_empty());
    }

    #[test]
    fn a_week_without_sites_has_no_level_and_ends_a_warning() {
        let weeks = [(40, 1), (0, 0), (20, 1)];
        let levels = alert_levels("influenza", &series(week(2025, 2), &weeks), NATIONAL_THRESHOLDS);
        assert_eq!(levels, vec![W, N, A]);
    }

    #[test]
    fn diseases_without_levels_never_alert_and_comparisons_are_exact() {
        let weeks = [(1000, 1)];
        assert_eq!(alert_levels("covid19", &series(week(2025, 2), &weeks), NATIONAL_THRESHOLDS), vec![N]);
        // 急性出血性結膜炎 end 0.1: 1 case over 10 sites is exactly 0.1, which keeps a 警報.
        let weeks = [(10, 10), (1, 10), (0, 10)];
        assert_eq!(
            alert_levels("acute_hemorrhagic_conjunctivitis", &series(week(2025, 2), &weeks), NATIONAL_THRESHOLDS),
            vec![W, W, N]
        );
    }
}
