//! The detection run: for each series of disease × health-center area × source, the configured
//! methods evaluate the weeks asked for, and each week whose count exceeds a method's bound is
//! stored as an alarm (once: the store ignores an alarm it has for the same series, week and
//! method). An open alarm whose week, evaluated again, no longer exceeds (or is watched by another
//! method now: the rule for short histories) is withdrawn, and a withdrawn one whose week exceeds
//! again is reopened. Every week the last complete week is run for every
//! series; between those, series with late data (cases received since the previous run, dated in an
//! earlier week; notifications withdrawn, transferred or resubmitted; sentinel reports filed or
//! corrected; 疑似症 reports received or returned) are run again from that week on.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Duration;

use aberration::{Detail, Evaluation, IsoWeek, Method, WeeklySeries};
use domain::alarms::{
    configuration, method_for_week, sentinel_kind, DiseaseDetections, SeriesSource, SeriesWeeks, SENTINEL_KINDS,
};
use domain::sentinel::{IsoWeek as SentinelWeek, ReportKind, WeeklyRate};
use domain::situation::{DateBasis, Week};
use time::{Date, OffsetDateTime};
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
    let areas = store.areas().await?;
    let jurisdictions: HashMap<&str, &str> =
        areas.iter().map(|area| (area.health_center.code.as_str(), area.jurisdiction.code.as_str())).collect();
    for batch in batches(plan, configuration, &jurisdictions) {
        let health_centers: Vec<&str> = batch.targets.iter().map(|(health_center, _)| *health_center).collect();
        let (start, last) = batch.weeks;
        let counts = weekly_counts_of(store, batch.source, &batch.filter, &health_centers, start, last).await?;
        let detections = detections_on(configuration, batch.source);
        let mut findings = Findings::default();
        for ((health_center, diseases), counts) in batch.targets.iter().zip(&counts) {
            for (disease, methods) in &detections {
                let whole = diseases.get(&None).copied();
                let span = diseases.get(&Some((*disease).to_owned())).copied();
                let Some(span) = [whole, span].into_iter().flatten().reduce(|a, b| (a.0.min(b.0), a.1.max(b.1))) else {
                    continue;
                };
                let series = counts.series(disease)?;
                let key = SeriesKey {
                    disease: (*disease).to_owned(),
                    health_center_code: (*health_center).to_owned(),
                    source: batch.source,
                };
                let open = open_by_series.get(&key).map_or(&[][..], Vec::as_slice);
                let target = Target { series: &series, key: &key, configured: methods, open };
                report.evaluated += methods.len();
                target.evaluate(span, now, &mut findings);
            }
        }
        report.stored.extend(store.insert_alarms(&findings.alarms, site_url).await?);
        report.withdrawn.extend(store.withdraw_alarms(&findings.withdrawals, site_url).await?);
    }
    Ok(report)
}

/// The diseases configured on `source`, each with its methods there.
fn detections_on(configuration: &[DiseaseDetections], source: SeriesSource) -> Vec<(&str, Vec<&Method>)> {
    configuration
        .iter()
        .map(|entry| {
            let methods = entry.detections.iter().filter(|detection| detection.source == source);
            (entry.disease.as_str(), methods.map(|detection| &detection.method).collect::<Vec<_>>())
        })
        .filter(|(_, methods)| !methods.is_empty())
        .collect()
}

/// One read of the counts: a source's `weeks` in the areas `filter` names, for the plan's targets
/// among them (each health center with the weeks to evaluate per disease).
struct Batch<'p> {
    source: SeriesSource,
    filter: AreaFilter,
    weeks: WeekSpan,
    targets: Vec<(&'p str, &'p DiseaseSpans)>,
}

/// The plan's targets as reads: the areas of one 都道府県等 that need a source over the same weeks
/// are read together (the weekly run reads each source once per 都道府県等, not once per area);
/// an area alone in its group is read alone.
fn batches<'p>(
    plan: &'p Plan,
    configuration: &[DiseaseDetections],
    jurisdictions: &HashMap<&str, &'p str>,
) -> Vec<Batch<'p>> {
    type Group<'p> = (SeriesSource, Option<&'p str>, WeekSpan);
    let mut groups: BTreeMap<Group<'p>, Vec<(&'p str, &'p DiseaseSpans)>> = BTreeMap::new();
    let mut batches = Vec::new();
    for ((health_center, source), diseases) in &plan.targets {
        let Some(weeks) = read_span(configuration, *source, diseases) else { continue };
        match jurisdictions.get(health_center.as_str()) {
            Some(&jurisdiction) => {
                groups.entry((*source, Some(jurisdiction), weeks)).or_default().push((health_center, diseases));
            }
            None => batches.push(Batch {
                source: *source,
                filter: AreaFilter::HealthCenter(health_center.clone()),
                weeks,
                targets: vec![(health_center, diseases)],
            }),
        }
    }
    for ((source, jurisdiction, weeks), targets) in groups {
        let filter = match (jurisdiction, targets.as_slice()) {
            (Some(jurisdiction), [_, _, ..]) => AreaFilter::Jurisdiction(jurisdiction.to_owned()),
            _ => AreaFilter::HealthCenter(targets.first().map_or_else(String::new, |(code, _)| (*code).to_owned())),
        };
        batches.push(Batch { source, filter, weeks, targets });
    }
    batches
}

/// The weeks a source's series are read over for `diseases`' spans: from the history its methods
/// need before the first week evaluated to the last.
fn read_span(configuration: &[DiseaseDetections], source: SeriesSource, diseases: &DiseaseSpans) -> Option<WeekSpan> {
    let history = configuration
        .iter()
        .flat_map(|entry| &entry.detections)
        .filter(|detection| detection.source == source)
        .map(|detection| detection.method.history_weeks())
        .max()
        .unwrap_or(0);
    let (first, last) = diseases.values().copied().reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))?;
    Some((first.plus(-i64::try_from(history).unwrap_or(i64::MAX)).unwrap_or(first), last))
}

/// One series as the run evaluates it: its counts, its key, the methods configured on it and its
/// open alarms.
struct Target<'a> {
    series: &'a WeeklySeries,
    key: &'a SeriesKey,
    configured: &'a [&'a Method],
    open: &'a [&'a OpenAlarm],
}

impl Target<'_> {
    fn index(&self, week: IsoWeek) -> usize {
        usize::try_from(week.weeks_since(self.series.start())).unwrap_or(0)
    }

    /// What the configured methods find in the weeks `span`: an alarm for each week a method says
    /// alarm, and the withdrawal of each open alarm whose week its method now says no alarm, or that
    /// its method no longer evaluates. Each week is evaluated by the method the rule for short
    /// histories picks there (`domain::alarms::method_for_week`: Farrington with the years the series
    /// has, or EARS in its first year), which its alarm stores; late data can change that pick (a
    /// report of an earlier week gives the series its first year), and an open alarm of the method
    /// picked before is then withdrawn as one that no longer exceeds is, the week being watched by
    /// the method picked now. A week whose alarm is `NA` or whose bound is `NA` raises none
    /// (docs/aberration.md), so weeks that cannot alarm are not fitted (`Detail::Alarms`); an `NA`
    /// alarm withdraws nothing (the week was not shown to be below the bound); a method that cannot run
    /// is logged and skipped, and withdraws nothing either.
    fn evaluate(&self, span: WeekSpan, now: OffsetDateTime, findings: &mut Findings) {
        let range = self.index(span.0)..self.index(span.1) + 1;
        let mut runs = Vec::new();
        for method in self.configured {
            for (used, weeks) in self.methods_by_week(method, range.clone()) {
                match used.evaluate_with(self.series, weeks, Detail::Alarms) {
                    Ok(evaluations) => runs.push((used, evaluations)),
                    Err(error) => tracing::warn!(key = ?self.key, method = used.name(), %error, "detection skipped"),
                }
            }
        }
        for (method, evaluations) in &runs {
            self.record(method, evaluations, now, findings);
        }
        self.withdraw_replaced(&runs, now, findings);
    }

    /// The weeks `range` as runs of consecutive weeks that one method evaluates in the configured
    /// `method`'s place (`domain::alarms::method_for_week`), leaving out the weeks none does.
    fn methods_by_week(&self, method: &Method, range: std::ops::Range<usize>) -> Vec<(Method, std::ops::Range<usize>)> {
        let mut runs: Vec<(Method, std::ops::Range<usize>)> = Vec::new();
        for k in range {
            let Some(used) = method_for_week(method, self.configured, self.series, k) else { continue };
            match runs.last_mut() {
                Some((last, weeks)) if *last == used && weeks.end == k => weeks.end = k + 1,
                _ => runs.push((used, k..k + 1)),
            }
        }
        runs
    }

    /// The week's count, `None` where it has none (R's `NA`).
    fn observed(&self, week: IsoWeek) -> Option<u32> {
        self.series.counts().get(self.index(week)).copied().flatten()
    }

    /// The alarms and withdrawals of `method`'s `evaluations` (see [`Target::evaluate`]).
    fn record(&self, method: &Method, evaluations: &[Evaluation], now: OffsetDateTime, findings: &mut Findings) {
        for evaluation in evaluations {
            let week = domain_week(evaluation.week);
            let Some(observed) = self.observed(evaluation.week) else { continue };
            match (evaluation.alarm, evaluation.upperbound) {
                (Some(true), Some(upperbound)) => findings.alarms.push(NewAlarm {
                    id: Uuid::new_v4(),
                    series: self.key.clone(),
                    week,
                    method: method.clone(),
                    observed,
                    upperbound,
                    detected_at: now,
                }),
                (Some(false), bound) => {
                    for alarm in self.open.iter().filter(|alarm| alarm.week == week && alarm.method == method.name()) {
                        let comment = super::history::withdrawal(observed, bound);
                        findings.withdrawals.push(withdrawal(alarm.id, comment, now));
                    }
                }
                _ => {}
            }
        }
    }

    /// The withdrawal of each open alarm of a week the `runs` evaluated whose method evaluated none of
    /// it (the rule picks another method there now), saying which method watches the week now and
    /// what it finds.
    fn withdraw_replaced(&self, runs: &[(Method, Vec<Evaluation>)], now: OffsetDateTime, findings: &mut Findings) {
        for alarm in self.open {
            let at_week: Vec<(&Method, &Evaluation)> = runs
                .iter()
                .flat_map(|(method, evaluations)| evaluations.iter().map(move |evaluation| (method, evaluation)))
                .filter(|(_, evaluation)| domain_week(evaluation.week) == alarm.week)
                .collect();
            let Some(&(method, evaluation)) = at_week.first() else { continue };
            if at_week.iter().any(|(method, _)| method.name() == alarm.method) {
                continue;
            }
            let Some(observed) = self.observed(evaluation.week) else { continue };
            let comment = super::history::replaced(method.name(), observed, evaluation);
            findings.withdrawals.push(withdrawal(alarm.id, comment, now));
        }
    }
}

/// The run's withdrawal of the alarm `id`, its history saying why (`comment`).
fn withdrawal(id: Uuid, comment: String, now: OffsetDateTime) -> AlarmWithdrawal {
    AlarmWithdrawal {
        id,
        at: now,
        comment,
        audit: audit::entry(Action::WithdrawAlarm, Outcome::Success, None, Some(id.to_string()), None),
    }
}

/// A source's weekly counts of every disease in one health center's area, from `start` on; for the
/// sentinel reports the area's weekly figures of each report kind (cases and reporting sites, as
/// the sentinel tables and charts read them).
pub struct WeeklyCounts {
    source: SeriesSource,
    start: IsoWeek,
    /// The Monday of each week from `start`.
    mondays: Vec<Date>,
    /// 全数 notifications and 疑似症 reports per disease and week.
    by_disease: HashMap<String, Vec<u64>>,
    /// Per sentinel report kind, the figures of each week.
    sentinel: HashMap<ReportKind, SentinelWeeks>,
}

/// An area's weekly figures of one sentinel report kind: the sites that reported, and each
/// disease's cases.
#[derive(Default)]
struct SentinelWeeks {
    sites: Vec<u32>,
    cases: HashMap<String, Vec<u64>>,
}

impl WeeklyCounts {
    fn new(source: SeriesSource, start: IsoWeek, weeks: usize) -> Self {
        let mondays = (0..weeks)
            .map(|index| start.plus(i64::try_from(index).unwrap_or(i64::MAX)).unwrap_or(start).monday())
            .collect();
        WeeklyCounts { source, start, mondays, by_disease: HashMap::new(), sentinel: HashMap::new() }
    }

    /// The index of the week starting `monday`, if within.
    fn index(&self, monday: Date) -> Option<usize> {
        let first = *self.mondays.first()?;
        let index = usize::try_from((monday - first).whole_weeks()).ok()?;
        (index < self.mondays.len() && self.mondays[index] == monday).then_some(index)
    }

    /// Adds `count` to the disease's week starting `monday`.
    fn add(&mut self, disease: &str, monday: Date, count: u64) {
        let Some(index) = self.index(monday) else { return };
        add_to(&mut self.by_disease, disease, self.mondays.len(), index, count);
    }

    /// Takes the area's figures of a sentinel report kind.
    fn add_sentinel(&mut self, kind: ReportKind, figures: &WeeklyFigures, health_center: &str) {
        let weeks = self.mondays.len();
        let mut area = SentinelWeeks { sites: vec![0; weeks], cases: HashMap::new() };
        for (monday, sites) in figures.sites_of(health_center) {
            if let Some(index) = self.index(monday) {
                area.sites[index] = sites;
            }
        }
        for (disease, monday, cases) in figures.cases_of(health_center) {
            if let Some(index) = self.index(monday) {
                add_to(&mut area.cases, disease, weeks, index, cases);
            }
        }
        self.sentinel.insert(kind, area);
    }

    /// The disease's series: no count (`NA`) in a week outside the series (`SeriesWeeks`: before
    /// the disease was notifiable or on the sentinel form, before 疑似症サーベイランス), else a week
    /// without cases counts 0. A sentinel disease's series is its cases with the sites of its report
    /// kind that reported as the population (Farrington's `populationOffset`: the rate per reporting
    /// site, 定点当たり報告数 as `domain::sentinel::WeeklyRate` defines it), and no count in a week
    /// without a rate (no site reported).
    pub fn series(&self, disease: &str) -> Result<WeeklySeries, AppError> {
        let series_weeks = SeriesWeeks::of(self.source, disease);
        let in_series: Vec<bool> = self.mondays.iter().map(|&monday| series_weeks.has(monday)).collect();
        if self.source == SeriesSource::SentinelReports {
            return self.sentinel_series(disease, &in_series);
        }
        let cases = self.by_disease.get(disease);
        let counts = in_series
            .iter()
            .enumerate()
            .map(|(index, &in_series)| {
                let count = cases.and_then(|cases| cases.get(index)).copied().unwrap_or(0);
                in_series.then(|| u32::try_from(count).unwrap_or(u32::MAX))
            })
            .collect();
        Ok(WeeklySeries::new(self.start, counts))
    }

    fn sentinel_series(&self, disease: &str, in_series: &[bool]) -> Result<WeeklySeries, AppError> {
        let figures = sentinel_kind(disease).and_then(|kind| self.sentinel.get(&kind));
        let cases = figures.and_then(|figures| figures.cases.get(disease));
        let rates: Vec<Option<WeeklyRate>> = self
            .mondays
            .iter()
            .enumerate()
            .map(|(index, &monday)| {
                let sites = figures?.sites.get(index).copied().unwrap_or(0);
                let cases = cases.and_then(|cases| cases.get(index)).copied().unwrap_or(0);
                Some(WeeklyRate { week: SentinelWeek::containing(monday), cases, sites })
            })
            .collect();
        let counts = rates
            .iter()
            .zip(in_series)
            .map(|(rate, &in_series)| {
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

/// Adds `count` to week `index` of the disease's series of `weeks` weeks in `series`.
fn add_to(series: &mut HashMap<String, Vec<u64>>, disease: &str, weeks: usize, index: usize, count: u64) {
    if !series.contains_key(disease) {
        series.insert(disease.to_owned(), vec![0; weeks]);
    }
    if let Some(week) = series.get_mut(disease).and_then(|counts| counts.get_mut(index)) {
        *week = week.saturating_add(count);
    }
}

/// The counts of `source` in one health center's area from `start` to `last`, per disease and week.
pub async fn weekly_counts(
    store: &dyn Store,
    source: SeriesSource,
    health_center: &str,
    start: IsoWeek,
    last: IsoWeek,
) -> Result<WeeklyCounts, AppError> {
    let area = AreaFilter::HealthCenter(health_center.to_owned());
    let mut counts = weekly_counts_of(store, source, &area, &[health_center], start, last).await?;
    counts.pop().ok_or_else(|| AppError::Internal("no counts read".to_owned()))
}

/// The counts of `source` in each of `health_centers` (areas `area` names) from `start` to `last`,
/// per disease and week, in their order: one read for them all. Each source is one arm: 全数
/// notifications from the situation store's series, sentinel reports as the sentinel tables read
/// them (`sentinel::tables::WeeklyFigures`, each [`SENTINEL_KINDS`]), 疑似症 reports counted by day of
/// diagnosis, once in the series of each symptom group a report names
/// (`domain::syndromic::SymptomGroup::series_code`).
pub async fn weekly_counts_of(
    store: &dyn Store,
    source: SeriesSource,
    area: &AreaFilter,
    health_centers: &[&str],
    start: IsoWeek,
    last: IsoWeek,
) -> Result<Vec<WeeklyCounts>, AppError> {
    let weeks = usize::try_from(last.weeks_since(start) + 1).unwrap_or(0);
    let mut counts: Vec<WeeklyCounts> =
        health_centers.iter().map(|_| WeeklyCounts::new(source, start, weeks)).collect();
    let position: HashMap<&str, usize> =
        health_centers.iter().enumerate().map(|(index, code)| (*code, index)).collect();
    match source {
        SeriesSource::NotificationsByOnset | SeriesSource::NotificationsByDiagnosis => {
            let basis =
                if source == SeriesSource::NotificationsByOnset { DateBasis::Onset } else { DateBasis::Diagnosis };
            let filter = CountFilter {
                basis,
                from: domain_week(start),
                to: domain_week(last),
                disease: None,
                area: area.clone(),
            };
            for count in store.area_counts(&filter).await? {
                let (Some(&index), Some(week)) =
                    (position.get(count.health_center_code.as_str()), iso_week(count.week))
                else {
                    continue;
                };
                counts[index].add(&count.disease, week.monday(), u64::from(count.count));
            }
        }
        SeriesSource::SentinelReports => {
            let span = [start, last].map(|week| SentinelWeek::containing(week.monday()));
            for kind in SENTINEL_KINDS {
                let figures = WeeklyFigures::load(store, kind, &span, area, None).await?;
                for (counts, health_center) in counts.iter_mut().zip(health_centers) {
                    counts.add_sentinel(kind, &figures, health_center);
                }
            }
        }
        SeriesSource::SyndromicReports => {
            let last_day = last.monday() + time::Duration::days(6);
            for report in store.syndromic_symptoms(area, start.monday(), last_day).await? {
                let Some(&index) = position.get(report.health_center_code.as_str()) else { continue };
                let monday = IsoWeek::containing(report.diagnosed_on).monday();
                for group in report.groups {
                    counts[index].add(group.series_code(), monday, 1);
                }
            }
        }
    }
    Ok(counts)
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
        let mut counts = WeeklyCounts::new(SeriesSource::SentinelReports, start, 4);
        counts.add_sentinel(ReportKind::RespiratoryWeekly, &figures, "9901");
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
        let start = week(2023, 17);
        let mut counts = WeeklyCounts::new(SeriesSource::NotificationsByDiagnosis, start, 3);
        for (index, count) in [5, 2, 0].into_iter().enumerate() {
            counts.add("novel_coronavirus", start.plus(index as i64).unwrap_or(start).monday(), count);
        }
        let covid = counts.series("novel_coronavirus").unwrap_or_else(|error| panic!("{error}"));
        assert_eq!((covid.counts(), covid.population()), (&[Some(5), Some(2), None][..], None));
        let measles = counts.series("measles").unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(measles.counts(), [Some(0), Some(0), Some(0)]);
        // 疑似症サーベイランス is in force from 2019-W14.
        let syndromic = WeeklyCounts::new(SeriesSource::SyndromicReports, week(2019, 13), 3);
        let fever = syndromic.series("syndromic_fever").unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(fever.counts(), [None, Some(0), Some(0)]);
    }
}
