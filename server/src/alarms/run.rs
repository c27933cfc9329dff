//! The detection run: for each series of disease × health-center area × source, the configured
//! methods evaluate the weeks asked for, and each week whose count exceeds a method's bound is
//! stored as an alarm (once: the store ignores an alarm it has for the same series, week and
//! method). An open alarm whose week, evaluated again, no longer exceeds is withdrawn, and a withdrawn
//! one whose week exceeds again is reopened. Every week the last complete week is run for every
//! series; between those, series with late data (cases received since the previous run, dated in an
//! earlier week; notifications withdrawn, transferred or resubmitted; sentinel reports filed or
//! corrected; 疑似症 reports received or returned) are run again from that week on.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

use aberration::{Detail, IsoWeek, Method, WeeklySeries};
use domain::alarms::{configuration, sentinel_kind, DiseaseDetections, SeriesSource, SeriesWeeks, SENTINEL_KINDS};
use domain::sentinel::{IsoWeek as SentinelWeek, ReportKind, WeeklyRate};
use domain::situation::{DateBasis, Week};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::audit::{self, Action, Outcome};
use crate::error::AppError;
use crate::sentinel::tables::WeeklyFigures;
use crate::store::{self, AlarmWithdrawal, AreaFilter, CountFilter, NewAlarm, OpenAlarm, SeriesKey, Store};

/// How far back late data is looked at: a case dated earlier than this before the run's week does
/// not make older weeks run again.
pub const LATE_WEEKS: i64 = 8;

/// How often the background task looks for a new week or late data.
pub const POLL: Duration = Duration::from_secs(600);

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunReport {
    /// Series × weeks evaluated (each by every method configured for its source).
    pub evaluated: usize,
    /// Alarms stored (or reopened) by this run (those already stored are not counted again).
    pub stored: Vec<Uuid>,
    /// Open alarms this run withdrew: their week, evaluated again, no longer exceeds.
    pub withdrawn: Vec<Uuid>,
}

/// What evaluating the series found: alarms to store, open alarms to withdraw.
#[derive(Debug, Default)]
struct Findings {
    alarms: Vec<NewAlarm>,
    withdrawals: Vec<AlarmWithdrawal>,
}

/// The first and last week to evaluate.
type WeekSpan = (IsoWeek, IsoWeek);

/// Per disease (`None`: every disease configured for the source), the weeks to evaluate.
type DiseaseSpans = BTreeMap<Option<String>, WeekSpan>;

/// Weeks to evaluate on the series of each health center and source.
#[derive(Debug, Clone, Default)]
struct Plan {
    targets: BTreeMap<(String, SeriesSource), DiseaseSpans>,
}

impl Plan {
    fn add(&mut self, health_center: &str, source: SeriesSource, disease: Option<&str>, weeks: WeekSpan) {
        let diseases = self.targets.entry((health_center.to_owned(), source)).or_default();
        let span = diseases.entry(disease.map(str::to_owned)).or_insert(weeks);
        *span = (span.0.min(weeks.0), span.1.max(weeks.1));
    }
}

/// The `aberration` crate's form of a week.
fn iso_week(week: Week) -> Option<IsoWeek> {
    IsoWeek::new(week.year, week.week)
}

fn domain_week(week: IsoWeek) -> Week {
    Week { year: week.year(), week: week.week() }
}

/// The last complete week (Monday to Sunday in Japan) at `now`.
pub fn last_complete_week(now: OffsetDateTime) -> IsoWeek {
    let this_week = IsoWeek::containing(domain::jst::date_in_japan(now));
    this_week.plus(-1).unwrap_or(this_week)
}

/// The sources some disease is configured on.
fn sources(configuration: &[DiseaseDetections]) -> Vec<SeriesSource> {
    let mut sources: Vec<SeriesSource> =
        configuration.iter().flat_map(|entry| entry.detections.iter().map(|detection| detection.source)).collect();
    sources.sort_unstable();
    sources.dedup();
    sources
}

/// One pass of the background task at `now`: late data since the previous run, and the last
/// complete week for every series if no run has done it yet.
/// New alarms' mails link them at `site_url`.
pub async fn run_once(store: &dyn Store, now: OffsetDateTime, site_url: &str) -> Result<RunReport, AppError> {
    let week = last_complete_week(now);
    let configuration = configuration();
    let mut plan = Plan::default();
    if let Some(since) = store.last_detection_start().await? {
        plan_late_data(store, &configuration, since, week, &mut plan).await?;
    }
    let whole_week = !store.week_detected(domain_week(week)).await?;
    if whole_week {
        plan_week(store, &configuration, week, &mut plan).await?;
    }
    let report = execute(store, &configuration, &plan, now, site_url).await?;
    store.record_detection(whole_week.then_some(domain_week(week)), now).await?;
    Ok(report)
}

/// Every series for `week` (the command line's `detect-alarms --week`), recorded as that week's run.
pub async fn run_week(
    store: &dyn Store,
    week: IsoWeek,
    now: OffsetDateTime,
    site_url: &str,
) -> Result<RunReport, AppError> {
    let configuration = configuration();
    let mut plan = Plan::default();
    plan_week(store, &configuration, week, &mut plan).await?;
    let report = execute(store, &configuration, &plan, now, site_url).await?;
    store.record_detection(Some(domain_week(week)), now).await?;
    Ok(report)
}

async fn plan_week(
    store: &dyn Store,
    configuration: &[DiseaseDetections],
    week: IsoWeek,
    plan: &mut Plan,
) -> Result<(), AppError> {
    for area in store.areas().await? {
        for source in sources(configuration) {
            plan.add(&area.health_center.code, source, None, (week, week));
        }
    }
    Ok(())
}

/// The series of the cases received and the sentinel and 疑似症 reports filed since `since`, from the
/// week each is dated in (at most [`LATE_WEEKS`] back) to `week`; the 全数 series of the areas whose
/// notifications were withdrawn, transferred or resubmitted since then, from [`LATE_WEEKS`] back.
async fn plan_late_data(
    store: &dyn Store,
    configuration: &[DiseaseDetections],
    since: OffsetDateTime,
    week: IsoWeek,
    plan: &mut Plan,
) -> Result<(), AppError> {
    let oldest = week.plus(-LATE_WEEKS).unwrap_or(week);
    for case in store.received_since(since).await? {
        let Some(entry) = configuration.iter().find(|entry| entry.disease == case.disease) else { continue };
        for detection in &entry.detections {
            let Some(dated) = case.week(detection.source).and_then(iso_week) else { continue };
            if dated <= week {
                plan.add(&case.health_center_code, detection.source, Some(&case.disease), (dated.max(oldest), week));
            }
        }
    }
    let configured = sources(configuration);
    // A withdrawal, transfer or resubmission takes a case off its week (or disease, or area) as
    // late data adds one; the old week and disease are not kept, so every 全数 series of the area
    // runs again over the weeks late data may reach.
    let notification_sources: Vec<SeriesSource> = configured
        .iter()
        .copied()
        .filter(|source| matches!(source, SeriesSource::NotificationsByOnset | SeriesSource::NotificationsByDiagnosis))
        .collect();
    if !notification_sources.is_empty() {
        for health_center in store.notification_areas_changed_since(since).await? {
            for &source in &notification_sources {
                plan.add(&health_center, source, None, (oldest, week));
            }
        }
    }
    // A report's correction may remove a disease, so every disease of the area's sentinel series runs.
    let mut reported = Vec::new();
    if configured.contains(&SeriesSource::SentinelReports) {
        let filed = store.sentinel_weeks_filed_since(since).await?;
        reported.extend(filed.into_iter().map(|(area, week)| (area, SeriesSource::SentinelReports, week)));
    }
    if configured.contains(&SeriesSource::SyndromicReports) {
        let received = store.syndromic_weeks_changed_since(since).await?;
        reported.extend(received.into_iter().map(|(area, week)| (area, SeriesSource::SyndromicReports, week)));
    }
    for (health_center, source, dated) in reported {
        let Some(dated) = iso_week(dated) else { continue };
        if dated <= week {
            plan.add(&health_center, source, None, (dated.max(oldest), week));
        }
    }
    Ok(())
}

async fn execute(
    store: &dyn Store,
    configuration: &[DiseaseDetections],
    plan: &Plan,
    now: OffsetDateTime,
    site_url: &str,
) -> Result<RunReport, AppError> {
    let mut report = RunReport::default();
    let first = plan.targets.values().flat_map(|diseases| diseases.values()).map(|span| span.0).min();
    let open = match first {
        Some(first) => store.open_alarms(domain_week(first)).await?,
        None => Vec::new(),
    };
    // Looked up per series: a scan of every open alarm for each of the nation's series was most of a
    // weekly run once thousands of alarms were open.
    let mut open_by_series: HashMap<&SeriesKey, Vec<&OpenAlarm>> = HashMap::new();
    for alarm in &open {
        open_by_series.entry(&alarm.series).or_default().push(alarm);
    }
    for ((health_center, source), diseases) in &plan.targets {
        let whole = diseases.get(&None).copied();
        let history = configuration
            .iter()
            .flat_map(|entry| &entry.detections)
            .filter(|detection| detection.source == *source)
            .map(|detection| detection.method.history_weeks())
            .max()
            .unwrap_or(0);
        let Some((first, last)) = diseases.values().copied().reduce(|a, b| (a.0.min(b.0), a.1.max(b.1))) else {
            continue;
        };
        let start = first.plus(-i64::try_from(history).unwrap_or(i64::MAX)).unwrap_or(first);
        let counts = weekly_counts(store, *source, health_center, start, last).await?;
        let mut findings = Findings::default();
        for entry in configuration {
            let span = diseases.get(&Some(entry.disease.clone())).copied();
            let Some(span) = [whole, span].into_iter().flatten().reduce(|a, b| (a.0.min(b.0), a.1.max(b.1))) else {
                continue;
            };
            let series = counts.series(&entry.disease)?;
            let key = SeriesKey {
                disease: entry.disease.clone(),
                health_center_code: health_center.clone(),
                source: *source,
            };
            let open = open_by_series.get(&key).map_or(&[][..], Vec::as_slice);
            for detection in entry.detections.iter().filter(|detection| detection.source == *source) {
                report.evaluated += 1;
                evaluate(&series, &key, &detection.method, span, now, open, &mut findings);
            }
        }
        report.stored.extend(store.insert_alarms(&findings.alarms, site_url).await?);
        report.withdrawn.extend(store.withdraw_alarms(&findings.withdrawals, site_url).await?);
    }
    Ok(report)
}

/// What `method` finds on `series` in the weeks `span`: an alarm for each week it says alarm, and
/// the withdrawal of each of the series' `open` alarms of this method whose week it now says no
/// alarm. A week whose alarm is `NA` or whose bound is `NA` raises none (docs/aberration.md), so
/// weeks that cannot alarm are not fitted (`Detail::Alarms`); an `NA` alarm withdraws nothing (the
/// week was not shown to be below the bound); a method that cannot run is logged and skipped.
fn evaluate(
    series: &WeeklySeries,
    key: &SeriesKey,
    method: &Method,
    span: WeekSpan,
    now: OffsetDateTime,
    open: &[&OpenAlarm],
    findings: &mut Findings,
) {
    let index = |week: IsoWeek| usize::try_from(week.weeks_since(series.start())).unwrap_or(0);
    let range = index(span.0)..index(span.1) + 1;
    let evaluations = match method.evaluate_with(series, range, Detail::Alarms) {
        Ok(evaluations) => evaluations,
        Err(error) => {
            tracing::warn!(?key, method = method.name(), %error, "detection skipped");
            return;
        }
    };
    for evaluation in evaluations {
        let week = domain_week(evaluation.week);
        let Some(observed) = series.counts().get(index(evaluation.week)).copied().flatten() else { continue };
        match (evaluation.alarm, evaluation.upperbound) {
            (Some(true), Some(upperbound)) => findings.alarms.push(NewAlarm {
                id: Uuid::new_v4(),
                series: key.clone(),
                week,
                method: method.clone(),
                observed,
                upperbound,
                detected_at: now,
            }),
            (Some(false), bound) => {
                let stale = open.iter().filter(|alarm| alarm.week == week && alarm.method == method.name());
                findings.withdrawals.extend(stale.map(|alarm| withdrawal(alarm.id, observed, bound, now)));
            }
            _ => {}
        }
    }
}

/// The run's withdrawal of the alarm `id`, its week now counting `observed` against `bound`.
fn withdrawal(id: Uuid, observed: u32, bound: Option<f64>, now: OffsetDateTime) -> AlarmWithdrawal {
    AlarmWithdrawal {
        id,
        at: now,
        comment: super::history::withdrawal(observed, bound),
        audit: audit::entry(Action::WithdrawAlarm, Outcome::Success, None, Some(id.to_string()), None),
    }
}

/// A source's weekly counts of every disease in one health center's area, from `start` to `last`;
/// for the sentinel reports the area's weekly figures of each report kind (cases and reporting
/// sites, as the sentinel tables and charts read them).
pub struct WeeklyCounts {
    source: SeriesSource,
    health_center: String,
    start: IsoWeek,
    weeks: usize,
    /// 全数 notifications and 疑似症 reports per disease and week.
    by_disease: HashMap<String, Vec<Option<u32>>>,
    sentinel: HashMap<ReportKind, WeeklyFigures>,
}

impl WeeklyCounts {
    /// The disease's series: no count (`NA`) in a week outside the series (`SeriesWeeks`: before
    /// the disease was notifiable or on the sentinel form, before 疑似症サーベイランス), else a week
    /// without cases counts 0. A sentinel disease's series is its cases with the sites of its report
    /// kind that reported as the population (Farrington's `populationOffset`: the rate per reporting
    /// site, 定点当たり報告数 as `domain::sentinel::WeeklyRate` defines it), and no count in a week
    /// without a rate (no site reported).
    pub fn series(&self, disease: &str) -> Result<WeeklySeries, AppError> {
        let series_weeks = SeriesWeeks::of(self.source, disease);
        let weeks: Vec<(IsoWeek, bool)> = (0..self.weeks)
            .map(|index| {
                let week = self.start.plus(i64::try_from(index).unwrap_or(i64::MAX)).unwrap_or(self.start);
                (week, series_weeks.has(week.monday()))
            })
            .collect();
        if self.source == SeriesSource::SentinelReports {
            return self.sentinel_series(disease, &weeks);
        }
        let counts = self.by_disease.get(disease).map(Vec::as_slice);
        let counts = weeks
            .iter()
            .enumerate()
            .map(|(index, &(_, in_series))| {
                let count = counts.map_or(Some(0), |counts| counts.get(index).copied().flatten());
                count.filter(|_| in_series)
            })
            .collect();
        Ok(WeeklySeries::new(self.start, counts))
    }

    fn sentinel_series(&self, disease: &str, weeks: &[(IsoWeek, bool)]) -> Result<WeeklySeries, AppError> {
        let figures = sentinel_kind(disease).and_then(|kind| self.sentinel.get(&kind));
        let rates: Vec<Option<WeeklyRate>> = weeks
            .iter()
            .map(|&(week, _)| {
                let week = SentinelWeek::containing(week.monday());
                figures.map(|figures| figures.week(&self.health_center, disease, week))
            })
            .collect();
        let counts = rates
            .iter()
            .zip(weeks)
            .map(|(rate, &(_, in_series))| {
                let rate = rate.filter(|rate| in_series && rate.rate().is_some())?;
                Some(u32::try_from(rate.cases).unwrap_or(u32::MAX))
            })
            .collect();
        let population = rates.iter().map(|rate| rate.map_or(0, |rate| rate.sites)).collect();
        WeeklySeries::new(self.start, counts)
            .with_population(population)
            .map_err(|error| AppError::Internal(format!("sentinel series of {disease}: {error}")))
    }
}

/// The counts of `source` in the area from `start` to `last`, per disease and week. Each source is
/// one arm: 全数 notifications from the situation store's series, sentinel reports as the sentinel
/// tables read them (`sentinel::tables::WeeklyFigures`, each [`SENTINEL_KINDS`]), 疑似症 reports
/// counted by day of diagnosis.
pub async fn weekly_counts(
    store: &dyn Store,
    source: SeriesSource,
    health_center: &str,
    start: IsoWeek,
    last: IsoWeek,
) -> Result<WeeklyCounts, AppError> {
    let area = AreaFilter::HealthCenter(health_center.to_owned());
    let weeks = usize::try_from(last.weeks_since(start) + 1).unwrap_or(0);
    let mut sentinel = HashMap::new();
    let counts = match source {
        SeriesSource::NotificationsByOnset => notification_counts(store, DateBasis::Onset, area, start, last).await?,
        SeriesSource::NotificationsByDiagnosis => {
            notification_counts(store, DateBasis::Diagnosis, area, start, last).await?
        }
        SeriesSource::SentinelReports => {
            let span = [start, last].map(|week| SentinelWeek::containing(week.monday()));
            for kind in SENTINEL_KINDS {
                sentinel.insert(kind, WeeklyFigures::load(store, kind, &span, &area, None).await?);
            }
            Vec::new()
        }
        SeriesSource::SyndromicReports => syndromic_counts(store, health_center, start, last).await?,
    };
    let mut by_disease: HashMap<String, Vec<Option<u32>>> = HashMap::new();
    for (disease, week, count) in counts {
        let Ok(index) = usize::try_from(week.weeks_since(start)) else { continue };
        let series = by_disease.entry(disease).or_insert_with(|| vec![Some(0); weeks]);
        if let Some(Some(week)) = series.get_mut(index) {
            *week += count;
        }
    }
    Ok(WeeklyCounts { source, health_center: health_center.to_owned(), start, weeks, by_disease, sentinel })
}

/// (disease, week, count) of the area's 全数 notifications by `basis`.
async fn notification_counts(
    store: &dyn Store,
    basis: DateBasis,
    area: AreaFilter,
    start: IsoWeek,
    last: IsoWeek,
) -> Result<Vec<(String, IsoWeek, u32)>, AppError> {
    let filter = CountFilter { basis, from: domain_week(start), to: domain_week(last), disease: None, area };
    let counts = store.area_counts(&filter).await?;
    Ok(counts.into_iter().filter_map(|count| Some((count.disease, iso_week(count.week)?, count.count))).collect())
}

/// (symptom group's series, week, reports) of the area's 疑似症 reports by week of diagnosis: a report
/// counts once in the series of each symptom group it names
/// (`domain::syndromic::SymptomGroup::series_code`).
async fn syndromic_counts(
    store: &dyn Store,
    health_center: &str,
    start: IsoWeek,
    last: IsoWeek,
) -> Result<Vec<(String, IsoWeek, u32)>, AppError> {
    let reports =
        store.syndromic_symptoms(health_center, start.monday(), last.monday() + time::Duration::days(6)).await?;
    Ok(reports
        .into_iter()
        .flat_map(|(day, groups)| {
            groups.into_iter().map(move |group| (group.series_code().to_owned(), IsoWeek::containing(day), 1))
        })
        .collect())
}

/// Runs [`run_once`] now and then every [`POLL`], until the task is dropped; new and withdrawn alarms
/// wake the mail worker.
pub async fn run(store: Arc<dyn Store>, mails_due: Arc<tokio::sync::Notify>, site_url: Arc<str>) {
    loop {
        match run_once(store.as_ref(), store::now(), &site_url).await {
            Ok(report) if !report.stored.is_empty() => {
                let withdrawn = report.withdrawn.len();
                tracing::info!(alarms = report.stored.len(), withdrawn, evaluated = report.evaluated, "alarms raised");
                mails_due.notify_one();
            }
            Ok(report) if !report.withdrawn.is_empty() => {
                tracing::info!(withdrawn = report.withdrawn.len(), evaluated = report.evaluated, "alarms withdrawn");
                mails_due.notify_one();
            }
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "the detection run failed"),
        }
        tokio::time::sleep(POLL).await;
    }
}

/// The weeks of `alarm`'s series and method as the chart shows them: `weeks` weeks up to the alarm's
/// week, each with its count (`None`: no data, R's `NA`) and bound now.
pub async fn chart(
    store: &dyn Store,
    key: &SeriesKey,
    method: &Method,
    week: Week,
    weeks: usize,
) -> Result<Vec<(Week, Option<u32>, Option<f64>)>, AppError> {
    let last = iso_week(week).ok_or(AppError::NotFound)?;
    let first = last.plus(1 - i64::try_from(weeks).unwrap_or(1)).unwrap_or(last);
    let start = first.plus(-i64::try_from(method.history_weeks()).unwrap_or(0)).unwrap_or(first);
    let counts = weekly_counts(store, key.source, &key.health_center_code, start, last).await?;
    let series = counts.series(&key.disease)?;
    let range = series.last(weeks);
    let bounds = method
        .evaluate_with(&series, range.clone(), Detail::Alarms)
        .map_err(|error| AppError::Internal(error.to_string()))?;
    Ok(range
        .zip(bounds)
        .map(|(index, evaluation)| {
            let count = series.counts().get(index).copied().flatten();
            (domain_week(evaluation.week), count, evaluation.upperbound)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week(year: i32, number: u8) -> IsoWeek {
        IsoWeek::new(year, number).unwrap_or_else(|| panic!("{year}-W{number}"))
    }

    #[test]
    fn a_sentinel_series_counts_per_reporting_site_and_is_na_where_none_reported_or_the_form_lacked_it() {
        let start = week(2023, 17);
        let respiratory = [2, 0, 1, 3];
        let figures = WeeklyFigures::of_area(
            "9901",
            start.monday(),
            &respiratory,
            &[("influenza", &[5, 0, 1, 7]), ("covid19", &[0, 0, 2, 4])],
        );
        let counts = WeeklyCounts {
            source: SeriesSource::SentinelReports,
            health_center: "9901".to_owned(),
            start,
            weeks: 4,
            by_disease: HashMap::new(),
            sentinel: HashMap::from([(ReportKind::RespiratoryWeekly, figures)]),
        };
        let influenza = counts.series("influenza").unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(influenza.counts(), [Some(5), None, Some(1), Some(7)]);
        assert_eq!(influenza.population(), Some(&respiratory[..]));
        // COVID-19 is on the respiratory form from 2023-W19 (2023-05-08).
        let covid = counts.series("covid19").unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(covid.counts(), [None, None, Some(2), Some(4)]);
    }

    #[test]
    fn a_notification_series_counts_0_without_cases_and_is_na_before_its_disease_was_notifiable() {
        // The novel coronavirus entry is notifiable until Sunday 2023-05-07 (2023-W18).
        let counts = WeeklyCounts {
            source: SeriesSource::NotificationsByDiagnosis,
            health_center: "9901".to_owned(),
            start: week(2023, 17),
            weeks: 3,
            by_disease: HashMap::from([("novel_coronavirus".to_owned(), vec![Some(5), Some(2), Some(0)])]),
            sentinel: HashMap::new(),
        };
        let covid = counts.series("novel_coronavirus").unwrap_or_else(|error| panic!("{error}"));
        assert_eq!((covid.counts(), covid.population()), (&[Some(5), Some(2), None][..], None));
        let measles = counts.series("measles").unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(measles.counts(), [Some(0), Some(0), Some(0)]);
        // 疑似症サーベイランス is in force from 2019-W14.
        let syndromic = WeeklyCounts { source: SeriesSource::SyndromicReports, start: week(2019, 13), ..counts };
        let fever = syndromic.series("syndromic_fever").unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(fever.counts(), [None, Some(0), Some(0)]);
    }
}
