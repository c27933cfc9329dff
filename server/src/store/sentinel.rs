//! Sentinel surveillance (定点把握, issue 14): designations, reports with every revision, the counts
//! the tables and charts add up, and reminders (their mails go into the mail outbox, `super::mail`).

use std::collections::{BTreeMap, HashMap};

use async_trait::async_trait;
use domain::api::{
    Designation, Organization, ReportedCount, ReportedItem, SentinelReceipt, SentinelReport, SentinelReportDetail, Sex,
};
use domain::sentinel::{
    alert_levels_after, diseases_with_levels_of, AlertLevel, IsoWeek, ReportKind, ReportPeriod, SentinelType,
    WeeklyRate, NATIONAL_THRESHOLDS,
};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::{AreaFilter, AuditEntry, OutgoingMail, StoreResult, TakenId};

/// A site designated for a type, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesignatedSite {
    pub site: Organization,
    pub health_center: Organization,
    pub prefecture_code: String,
    pub designation: Designation,
}

/// A checked report to store under the id its device chose. `late`: received after the deadline.
#[derive(Debug, Clone)]
pub struct NewSentinelFiling {
    pub id: Uuid,
    /// The site and the health center responsible for it (routing's), named on the receipt.
    pub site: Organization,
    pub health_center: Organization,
    pub kind: ReportKind,
    pub period: ReportPeriod,
    pub no_patients: bool,
    pub cells: Vec<ReportedCount>,
    pub items: Vec<ReportedItem>,
    pub content_hash: String,
    pub based_on_revision: Option<u32>,
    pub filed_by: String,
    pub received_at: OffsetDateTime,
    pub late: bool,
    /// Recorded with a first report.
    pub filed_audit: AuditEntry,
    /// Recorded with a correction instead.
    pub corrected_audit: AuditEntry,
}

/// What became of a filing.
#[derive(Debug, Clone)]
pub enum FilingOutcome {
    Filed(SentinelReceipt),
    /// The id was used before.
    IdTaken(TakenId<SentinelReceipt>),
    /// The site's report of that kind and period exists, and the filing does not name its current
    /// revision: nothing was stored.
    AlreadyFiled(Box<SentinelReport>),
    /// A correction (`based_on_revision`) of a report that does not exist.
    NothingToCorrect,
}

/// A report with its history and the 都道府県等 of its health center (for scope decisions).
#[derive(Debug, Clone)]
pub struct StoredSentinelReport {
    pub detail: SentinelReportDetail,
    pub prefecture_code: String,
}

/// Which reports to read: one kind, periods starting from `from` to `to` (inclusive), in an area.
#[derive(Debug, Clone)]
pub struct SentinelFilter {
    pub kind: ReportKind,
    pub from: Date,
    pub to: Date,
    pub area: AreaFilter,
}

/// A report's state in a period, for due lists and the rates' denominators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodReport {
    pub report_id: Uuid,
    pub institution_code: String,
    pub health_center_code: String,
    pub period_start: Date,
    pub revision: u32,
    pub late: bool,
}

/// Cases of a disease in an age band and sex, summed over an area's current reports of a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentinelCount {
    pub health_center_code: String,
    pub period_start: Date,
    pub disease: String,
    pub age_band: String,
    pub sex: Sex,
    pub count: u64,
}

/// Cases of a disease summed over an area's current reports of a period (all ages and both sexes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiseaseTotal {
    pub health_center_code: String,
    pub period_start: Date,
    pub disease: String,
    pub cases: u64,
}

/// How many sites of a health center's area reported in a period (the rate's denominator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitesReporting {
    pub health_center_code: String,
    pub period_start: Date,
    pub sites: u32,
}

/// How a filing changes the per-area figures, as deltas (zeros left out): reporting sites per health
/// center, and cases per health center × disease × age band × sex and per health center × disease.
/// A correction takes the revision it replaces out (from the health center it counted for) and puts
/// the new one in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct AreaChanges {
    pub sites: Vec<(String, i64)>,
    pub cells: Vec<((String, String, String, Sex), i64)>,
    pub totals: Vec<((String, String), i64)>,
}

impl AreaChanges {
    pub(super) fn of(filing: &NewSentinelFiling, replaced: Option<(String, Vec<ReportedCount>)>) -> Self {
        let mut sites: BTreeMap<String, i64> = BTreeMap::new();
        let mut cells: BTreeMap<(String, String, String, Sex), i64> = BTreeMap::new();
        let mut totals: BTreeMap<(String, String), i64> = BTreeMap::new();
        let mut apply = |health_center: &str, counted: &[ReportedCount], sign: i64| {
            *sites.entry(health_center.to_owned()).or_default() += sign;
            for cell in counted {
                let cases = sign * i64::from(cell.count);
                let key = (health_center.to_owned(), cell.disease.clone(), cell.age_band.clone(), cell.sex);
                *cells.entry(key).or_default() += cases;
                *totals.entry((health_center.to_owned(), cell.disease.clone())).or_default() += cases;
            }
        };
        if let Some((health_center, counted)) = &replaced {
            apply(health_center, counted, -1);
        }
        apply(&filing.health_center.code, &filing.cells, 1);
        fn changed<K>(deltas: BTreeMap<K, i64>) -> Vec<(K, i64)> {
            deltas.into_iter().filter(|(_, delta)| *delta != 0).collect()
        }
        Self { sites: changed(sites), cells: changed(cells), totals: changed(totals) }
    }
}

/// A health-center area at 注意報 or 警報 in a week, as stored (migration 0031), with the week's
/// figures its rate is of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAlert {
    pub health_center_code: String,
    pub disease: String,
    pub level: AlertLevel,
    pub cases: u64,
    pub sites: u32,
}

/// One area's weekly figures of one form from a week on: reporting sites per week (its Monday) and
/// cases per disease and week.
#[derive(Debug, Default)]
pub(super) struct AreaWeeks {
    pub sites: HashMap<Date, u32>,
    pub cases: HashMap<(String, Date), u64>,
}

/// The levels of `kind`'s diseases in each week from `from` through the last week with reporting
/// sites, continuing from `previous` (each disease's stored level in the week before; none if
/// absent), by `domain::sentinel::alert_levels_after`: the weeks at 注意報 or 警報, by Monday.
pub(super) fn levels_from(
    kind: ReportKind,
    from: IsoWeek,
    previous: &HashMap<String, AlertLevel>,
    figures: &AreaWeeks,
) -> Vec<(Date, &'static str, AlertLevel)> {
    let Some(last) = figures.sites.keys().max().map(|monday| IsoWeek::containing(*monday)) else {
        return Vec::new();
    };
    let weeks: Vec<IsoWeek> =
        std::iter::successors(Some(from), |week| Some(week.next())).take_while(|week| *week <= last).collect();
    let mut levels = Vec::new();
    for disease in diseases_with_levels_of(kind, NATIONAL_THRESHOLDS) {
        let series: Vec<WeeklyRate> = weeks
            .iter()
            .map(|week| {
                let monday = week.monday();
                let cases = figures.cases.get(&(disease.to_owned(), monday)).copied().unwrap_or(0);
                WeeklyRate { week: *week, cases, sites: figures.sites.get(&monday).copied().unwrap_or(0) }
            })
            .collect();
        let before = previous.get(disease).copied().unwrap_or(AlertLevel::None);
        let computed = alert_levels_after(before, disease, &series, NATIONAL_THRESHOLDS);
        levels.extend(
            weeks
                .iter()
                .zip(computed)
                .filter(|(_, level)| *level != AlertLevel::None)
                .map(|(week, level)| (week.monday(), disease, level)),
        );
    }
    levels
}

/// Whether `computed` (`levels_from`) holds the same weeks, diseases and levels as `stored`, in any
/// order (a week and disease has one level).
pub(super) fn same_levels(
    computed: &[(Date, &'static str, AlertLevel)],
    mut stored: Vec<(Date, String, AlertLevel)>,
) -> bool {
    if computed.len() != stored.len() {
        return false;
    }
    let mut computed = computed.to_vec();
    computed.sort_by_key(|(monday, disease, _)| (*monday, *disease));
    stored.sort_by(|a, b| (a.0, a.1.as_str()).cmp(&(b.0, b.1.as_str())));
    computed.iter().zip(&stored).all(|(a, b)| a.0 == b.0 && a.1 == b.1 && a.2 == b.2)
}

/// A stored level's column (`sentinel_area_levels.level`); none is never stored.
pub(super) fn level_column(level: AlertLevel) -> &'static str {
    match level {
        AlertLevel::Warning => "warning",
        AlertLevel::Advisory => "advisory",
        AlertLevel::None => "none",
    }
}

pub(super) fn parse_level(text: &str) -> StoreResult<AlertLevel> {
    match text {
        "warning" => Ok(AlertLevel::Warning),
        "advisory" => Ok(AlertLevel::Advisory),
        other => Err(super::StoreError::Corrupt(format!("alert level {other}"))),
    }
}

/// A reminder to one site of one report it has not filed: its mails (one per manager's address) and
/// audit record, stored only if the site was not reminded of that report before.
#[derive(Debug, Clone)]
pub struct SiteReminder {
    pub institution_code: String,
    pub kind: ReportKind,
    pub period: ReportPeriod,
    pub reminded_by: String,
    pub reminded_at: OffsetDateTime,
    pub mails: Vec<OutgoingMail>,
    pub audit: AuditEntry,
}

/// What became of a [`SiteReminder`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderOutcome {
    Queued,
    /// The site was reminded of the report at that time; nothing was queued.
    RemindedBefore(OffsetDateTime),
}

/// An e-mail address of a site's manager (医療機関管理者, active).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteContact {
    pub institution_code: String,
    pub email: String,
}

#[async_trait]
pub trait SentinelStore: Send + Sync {
    /// Adds a designation (demo data and tests; the master import writes them in bulk). An existing
    /// one of the same institution, type and first day keeps its end.
    async fn put_designation(&self, institution_code: &str, designation: &Designation) -> StoreResult<()>;
    /// The institution's designations, oldest first.
    async fn designations(&self, institution_code: &str) -> StoreResult<Vec<Designation>>;
    /// Every designation of the sites of a health center's area, by site code and first day.
    async fn area_designations(&self, health_center_code: &str) -> StoreResult<Vec<DesignatedSite>>;
    /// How many sites are designated for `sentinel_type` on any day of `first ..= last`, per health
    /// center of `area` that has any: the tables' denominators, without reading every site.
    async fn designated_counts(
        &self,
        sentinel_type: SentinelType,
        first: Date,
        last: Date,
        area: &AreaFilter,
    ) -> StoreResult<Vec<(String, u32)>>;
    /// Sites designated for `sentinel_type` on any day of `first ..= last` in `area`, by code.
    async fn designated_sites(
        &self,
        sentinel_type: SentinelType,
        first: Date,
        last: Date,
        area: &AreaFilter,
    ) -> StoreResult<Vec<DesignatedSite>>;
    /// Stores a report, or a correction naming the current revision, with its counts and audit
    /// record in one transaction; see [`FilingOutcome`] for what is refused.
    async fn file_sentinel_report(&self, filing: &NewSentinelFiling) -> StoreResult<FilingOutcome>;
    /// The report that a filing id (any revision's) belongs to.
    async fn sentinel_report(&self, filing_id: Uuid) -> StoreResult<Option<StoredSentinelReport>>;
    /// The site's reports as they stand, newest period first.
    async fn site_reports(&self, institution_code: &str) -> StoreResult<Vec<SentinelReport>>;
    /// The reports of the filter, by period and site.
    async fn period_reports(&self, filter: &SentinelFilter) -> StoreResult<Vec<PeriodReport>>;
    /// The current reports' cases of the filter per health center, period, disease, age band and sex
    /// (of one disease, or all), from the per-area figures filing keeps.
    async fn sentinel_counts(&self, filter: &SentinelFilter, disease: Option<&str>) -> StoreResult<Vec<SentinelCount>>;
    /// How many sites reported (「患者なし」 included), per health center and period of the filter, from
    /// the per-area figures.
    async fn reporting_sites(&self, filter: &SentinelFilter) -> StoreResult<Vec<SitesReporting>>;
    /// The current reports' cases of the filter per health center, period and disease (of one disease,
    /// or all), from the per-area figures.
    async fn disease_totals(&self, filter: &SentinelFilter, disease: Option<&str>) -> StoreResult<Vec<DiseaseTotal>>;
    /// The health-center areas of `area` at 注意報 or 警報 in the week starting `monday` on a form (for
    /// one disease, or all), as filing stored them, by health center code.
    async fn area_alert_levels(
        &self,
        kind: ReportKind,
        monday: Date,
        area: &AreaFilter,
        disease: Option<&str>,
    ) -> StoreResult<Vec<StoredAlert>>;
    /// Computes the levels owed since migration 0031 (areas with figures from before it, or written
    /// straight into the tables); returns how many areas × forms were brought up to date.
    async fn settle_owed_levels(&self) -> StoreResult<usize>;
    /// E-mail addresses of the active site managers of these institutions.
    async fn site_contacts(&self, institution_codes: &[String]) -> StoreResult<Vec<SiteContact>>;
    /// Records each reminder with its mails and audit record, in one transaction, unless its site was
    /// reminded of the same report before (then nothing of it is stored): one outcome per reminder.
    async fn queue_reminders(&self, reminders: &[SiteReminder]) -> StoreResult<Vec<ReminderOutcome>>;
    /// When the sites of a health center's area were reminded of a report, by site code.
    async fn reminded_sites(
        &self,
        kind: ReportKind,
        period: ReportPeriod,
        health_center_code: &str,
    ) -> StoreResult<HashMap<String, OffsetDateTime>>;
}

/// A stored date column (`YYYY-MM-DD` text on both back ends).
pub(super) fn parse_day(text: &str) -> StoreResult<Date> {
    domain::validation::parse_date(text).ok_or_else(|| super::StoreError::Corrupt(format!("date {text}")))
}

pub(super) fn parse_period(text: &str) -> StoreResult<ReportPeriod> {
    text.parse().map_err(|_| super::StoreError::Corrupt(format!("report period {text}")))
}

pub(super) fn parse_kind(text: &str) -> StoreResult<ReportKind> {
    ReportKind::from_code(text).ok_or_else(|| super::StoreError::Corrupt(format!("report kind {text}")))
}

pub(super) fn parse_sex(text: &str) -> StoreResult<Sex> {
    match text {
        "male" => Ok(Sex::Male),
        "female" => Ok(Sex::Female),
        _ => Err(super::StoreError::Corrupt(format!("sex {text}"))),
    }
}

pub(super) fn sex_column(sex: Sex) -> &'static str {
    match sex {
        Sex::Male => "male",
        Sex::Female => "female",
    }
}

/// Counts are `INTEGER` columns; a report's cells are `u32`.
pub(super) fn count_from_column(column: i64) -> StoreResult<u32> {
    u32::try_from(column).map_err(|_| super::StoreError::Corrupt(format!("count {column} out of range")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(disease: &str, band: &str, sex: Sex, count: u32) -> ReportedCount {
        ReportedCount { disease: disease.into(), age_band: band.into(), sex, count }
    }

    fn filing(health_center: &str, cells: Vec<ReportedCount>) -> NewSentinelFiling {
        let audit = AuditEntry {
            at: OffsetDateTime::UNIX_EPOCH,
            actor: None,
            action: "file_sentinel_report",
            target: None,
            client_address: None,
            outcome: "success",
        };
        NewSentinelFiling {
            id: Uuid::nil(),
            site: Organization { code: "9910000001".into(), name: "北町こどもクリニック".into() },
            health_center: Organization { code: health_center.into(), name: String::new() },
            kind: ReportKind::PediatricWeekly,
            period: "2025-W15".parse().unwrap(),
            no_patients: cells.is_empty(),
            cells,
            items: Vec::new(),
            content_hash: String::new(),
            based_on_revision: None,
            filed_by: "sentinel1".into(),
            received_at: OffsetDateTime::UNIX_EPOCH,
            late: false,
            filed_audit: audit.clone(),
            corrected_audit: audit,
        }
    }

    fn influenza_weeks(first: IsoWeek, weeks: &[(u64, u32)]) -> AreaWeeks {
        let mut figures = AreaWeeks::default();
        let mut week = first;
        for &(cases, sites) in weeks {
            if sites > 0 {
                figures.sites.insert(week.monday(), sites);
                figures.cases.insert(("influenza".into(), week.monday()), cases);
            }
            week = week.next();
        }
        figures
    }

    #[test]
    fn levels_run_to_the_last_reported_week_and_continue_the_week_before() {
        let first = IsoWeek::new(2025, 2).unwrap();
        // Rates 15, 35, 0 sites, 12: 注意報 alone, 警報, nothing, 注意報.
        let figures = influenza_weeks(first, &[(150, 10), (350, 10), (0, 0), (120, 10)]);
        let levels = levels_from(ReportKind::RespiratoryWeekly, first, &HashMap::new(), &figures);
        let expected = [(0, AlertLevel::Advisory), (1, AlertLevel::Warning), (3, AlertLevel::Advisory)];
        let at = |offset: u8| IsoWeek::new(2025, 2 + offset).unwrap().monday();
        assert_eq!(levels, expected.map(|(offset, level)| (at(offset), "influenza", level)));
        // After a 警報 in the week before, 15 per site keeps it.
        let previous = HashMap::from([("influenza".to_owned(), AlertLevel::Warning)]);
        let levels = levels_from(ReportKind::RespiratoryWeekly, first, &previous, &figures);
        assert_eq!(levels[0], (at(0), "influenza", AlertLevel::Warning));
        assert!(levels_from(ReportKind::Hospitalization, first, &previous, &figures).is_empty());
    }

    #[test]
    fn levels_are_the_same_in_any_order_and_differ_by_a_week_a_disease_or_a_level() {
        let (monday, next) = (IsoWeek::new(2025, 2).unwrap().monday(), IsoWeek::new(2025, 3).unwrap().monday());
        let computed = [(monday, "influenza", AlertLevel::Warning), (next, "influenza", AlertLevel::Advisory)];
        let stored = |rows: &[(Date, &str, AlertLevel)]| -> Vec<(Date, String, AlertLevel)> {
            rows.iter().map(|(day, disease, level)| (*day, (*disease).to_owned(), *level)).collect()
        };
        assert!(same_levels(&computed, stored(&[computed[1], computed[0]])));
        assert!(same_levels(&[], Vec::new()));
        assert!(!same_levels(&computed, stored(&computed[..1])));
        assert!(!same_levels(&computed, stored(&[computed[0], (next, "influenza", AlertLevel::Warning)])));
        assert!(!same_levels(&computed, stored(&[computed[0], (next, "varicella", AlertLevel::Advisory)])));
        assert!(!same_levels(&computed, stored(&[computed[0], (monday, "varicella", AlertLevel::Advisory)])));
    }

    #[test]
    fn a_first_report_adds_its_site_and_cases() {
        let changes = AreaChanges::of(&filing("9901", vec![cell("varicella", "1y", Sex::Male, 3)]), None);
        assert_eq!(changes.sites, [("9901".to_owned(), 1)]);
        assert_eq!(changes.cells, [(("9901".into(), "varicella".into(), "1y".into(), Sex::Male), 3)]);
        assert_eq!(changes.totals, [(("9901".into(), "varicella".into()), 3)]);
    }

    #[test]
    fn a_correction_moves_only_the_difference_and_nothing_for_an_unchanged_cell() {
        let old = vec![cell("varicella", "1y", Sex::Male, 3), cell("mumps", "2y", Sex::Female, 1)];
        let new = vec![cell("varicella", "1y", Sex::Male, 3), cell("varicella", "2y", Sex::Female, 2)];
        let changes = AreaChanges::of(&filing("9901", new), Some(("9901".into(), old)));
        assert!(changes.sites.is_empty(), "the same site in the same area");
        assert_eq!(
            changes.cells,
            [
                (("9901".into(), "mumps".into(), "2y".into(), Sex::Female), -1),
                (("9901".into(), "varicella".into(), "2y".into(), Sex::Female), 2),
            ]
        );
        assert_eq!(changes.totals, [(("9901".into(), "mumps".into()), -1), (("9901".into(), "varicella".into()), 2)]);
    }

    #[test]
    fn a_correction_routed_to_another_area_moves_the_site_and_its_cases() {
        let counted = vec![cell("varicella", "1y", Sex::Male, 3)];
        let changes = AreaChanges::of(&filing("9902", counted.clone()), Some(("9901".into(), counted)));
        assert_eq!(changes.sites, [("9901".to_owned(), -1), ("9902".to_owned(), 1)]);
        assert_eq!(
            changes.totals,
            [(("9901".into(), "varicella".into()), -3), (("9902".into(), "varicella".into()), 3)]
        );
    }
}
