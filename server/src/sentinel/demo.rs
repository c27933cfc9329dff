//! Demo sentinel data (`TODOKE_DEMO=1`, issue 14): sentinel sites in デモ県 with their designations
//! (seeded with the demo accounts), and two years of synthetic weekly and monthly reports (only by
//! `todoke-server seed-demo-history`, never at server start): an influenza season that crosses the
//! 警報 level (2024/25), a milder one that reaches 注意報 (2025/26), winter gastroenteritis and summer
//! hand, foot and mouth disease. The report now owed is left unreported by the two sites with demo
//! logins (sentinel1, sentinel2), so that the late/missing list and filing have something to show.
//! Fictional; never for production.

use domain::api::{
    AccountClass, CountCell, Designation, Entered, InstitutionParticulars, ItemCount, SentinelReportSubmission, Sex,
};
use domain::sentinel::{check_report, due, form, FormVersion, Frequency, ReportKind, ReportPeriod, SentinelType};
use time::macros::date;
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use crate::audit::{self, Action, Outcome};
use crate::error::AppError;
use crate::store::{self, FilingOutcome, InstitutionRecord, NewSentinelFiling, Store};

/// Sentinel sites besides the demo institutions (which 北町こどもクリニック and 南町総合病院 are):
/// (code, name, health center). No logins.
pub const SITES: [(&str, &str, &str); 4] = [
    ("9910000011", "北町内科医院", "9901"),
    ("9910000012", "北町眼科クリニック", "9901"),
    ("9920000013", "南町こどもクリニック", "9902"),
    ("9920000014", "南町レディースクリニック", "9902"),
];

/// (site, type): every designation runs from [`DESIGNATED_FROM`] on.
pub const DESIGNATIONS: [(&str, SentinelType); 10] = [
    ("9910000001", SentinelType::Pediatric),
    ("9910000001", SentinelType::Respiratory),
    ("9920000002", SentinelType::Basic),
    ("9920000002", SentinelType::Respiratory),
    // 南町総合病院 (sentinel2) is also designated for 疑似症: its manager files 疑似症 reports.
    ("9920000002", SentinelType::Syndromic),
    ("9910000011", SentinelType::Respiratory),
    ("9910000012", SentinelType::Ophthalmology),
    ("9920000013", SentinelType::Pediatric),
    ("9920000013", SentinelType::Respiratory),
    ("9920000014", SentinelType::Std),
];

const DESIGNATED_FROM: Date = date!(2024 - 01 - 01);

/// The sites with a demo login (their manager): they leave the report now owed to the demo.
const SITES_WITH_LOGINS: [&str; 2] = ["9910000001", "9920000002"];
/// The filer of the synthetic reports of each site.
const FILER: &str = "sentinel1";
/// Weeks of history before the week now owed.
const HISTORY_WEEKS: i64 = 104;

/// The sites and their designations (with the demo accounts).
pub async fn seed_sites(store: &dyn Store) -> Result<(), AppError> {
    for (code, name, health_center) in SITES {
        let particulars = InstitutionParticulars { name: name.into(), ..InstitutionParticulars::default() };
        store.put_institution(code, health_center, AccountClass::Sentinel, &particulars).await?;
    }
    for (site, sentinel_type) in DESIGNATIONS {
        store.put_designation(site, &Designation { sentinel_type, from: DESIGNATED_FROM, until: None }).await?;
    }
    Ok(())
}

/// Two years of reports up to `now` from every designated demo site, into a database without
/// sentinel reports. Returns how many it filed.
pub async fn seed_reports(store: &dyn Store, now: OffsetDateTime) -> Result<usize, AppError> {
    if !store.site_reports(SITES_WITH_LOGINS[0]).await?.is_empty() {
        return Ok(0);
    }
    let today = domain::jst::date_in_japan(now);
    let mut filed = 0;
    for (site, sentinel_type) in DESIGNATIONS {
        let record = store.institution(site).await?;
        let record = record.ok_or_else(|| AppError::Internal(format!("demo site {site} missing")))?;
        for form in sentinel_type.forms() {
            let owed = due::due_period(form.frequency, today);
            let mut period = first_period(form.frequency, owed);
            while period <= owed {
                let leave_for_demo = period == owed && SITES_WITH_LOGINS.contains(&site);
                if !leave_for_demo {
                    file_one(store, &record, form.kind, period).await?;
                    filed += 1;
                }
                period = next(period);
            }
        }
    }
    Ok(filed)
}

fn first_period(frequency: Frequency, owed: ReportPeriod) -> ReportPeriod {
    let start = owed.first_day() - Duration::weeks(HISTORY_WEEKS);
    ReportPeriod::containing(frequency, start.max(DESIGNATED_FROM))
}

fn next(period: ReportPeriod) -> ReportPeriod {
    ReportPeriod::containing(period.frequency(), period.last_day() + Duration::days(1))
}

async fn file_one(
    store: &dyn Store,
    record: &InstitutionRecord,
    kind: ReportKind,
    period: ReportPeriod,
) -> Result<(), AppError> {
    let site = record.institution.code.as_str();
    let Some(submission) = synthetic_submission(site, kind, period) else { return Ok(()) };
    let designations = [Designation { sentinel_type: form(kind).sentinel_type, from: DESIGNATED_FROM, until: None }];
    let checked = check_report(&submission, &designations, period.last_day())
        .map_err(|errors| AppError::Internal(format!("demo report {kind:?} {period}: {errors:?}")))?;
    // Received on the due day in the morning (Japan), one in twenty a day late.
    let due_on = due::due_on(form(kind), period).unwrap_or(period.last_day());
    let late = Noise::new(&format!("{site}/late"), period).below(5, 100);
    let received_on = if late { due_on + Duration::days(1) } else { due_on };
    let received_at = store::to_microseconds(received_on.midnight().assume_utc() + Duration::hours(1));
    let id = Uuid::new_v4();
    let audit = || audit::entry(Action::FileSentinelReport, Outcome::Success, Some(FILER), Some(id.to_string()), None);
    let filing = NewSentinelFiling {
        id,
        site: record.institution.clone(),
        health_center: record.health_center.clone(),
        kind,
        period,
        no_patients: checked.no_patients,
        cells: checked.cells,
        items: checked.items,
        content_hash: format!("demo-{id}"),
        based_on_revision: None,
        filed_by: FILER.to_owned(),
        received_at,
        late,
        filed_audit: audit(),
        corrected_audit: audit(),
    };
    match store.file_sentinel_report(&filing).await? {
        FilingOutcome::Filed(_) => Ok(()),
        other => Err(AppError::Internal(format!("demo report {kind:?} {period} not filed: {other:?}"))),
    }
}

/// A site's report of a form and period with plausible counts (see [`synthetic_report`]), the same
/// for the same site and period; `None` before the catalog. The demo history and the sentinel
/// benchmark file these.
pub fn synthetic_submission(site: &str, kind: ReportKind, period: ReportPeriod) -> Option<SentinelReportSubmission> {
    let version = form(kind).version_on(period.first_day())?;
    Some(synthetic_report(kind, version, period, &mut Noise::new(site, period)))
}

/// A report of plausible counts: each disease's weekly cases at the site from its seasonal curve,
/// spread over the form's age bands (children's bands for children's diseases) and both sexes.
fn synthetic_report(
    kind: ReportKind,
    version: &FormVersion,
    period: ReportPeriod,
    noise: &mut Noise,
) -> SentinelReportSubmission {
    let mut cells = Vec::new();
    for disease in version.diseases {
        let cases = noise.around(expected_cases(kind, disease.code, period.first_day()));
        let bands = bands_for(version, disease.code);
        for _ in 0..cases {
            let band = bands[noise.index(bands.len())];
            let sex = if noise.index(2) == 0 { Sex::Male } else { Sex::Female };
            add_case(&mut cells, disease.code, band, sex);
        }
    }
    let items = if version.care_items.is_empty() { Vec::new() } else { care_items(&cells, noise) };
    let no_patients = cells.is_empty();
    SentinelReportSubmission {
        kind,
        period: Entered::Valid(period),
        no_patients,
        cells,
        items,
        based_on_revision: None,
    }
}

fn add_case(cells: &mut Vec<CountCell>, disease: &str, band: &'static str, sex: Sex) {
    let same =
        |cell: &&mut CountCell| cell.disease == disease && cell.age_band == band && cell.sex == Entered::Valid(sex);
    match cells.iter_mut().find(|cell| same(cell)) {
        Some(cell) => {
            if let Entered::Valid(count) = &mut cell.count {
                *count += 1;
            }
        }
        None => cells.push(CountCell {
            disease: disease.to_owned(),
            age_band: band.to_owned(),
            sex: Entered::Valid(sex),
            count: Entered::Valid(1),
        }),
    }
}

/// About one admission in ten goes to the ICU; the rest had none of the items.
fn care_items(cells: &[CountCell], noise: &mut Noise) -> Vec<ItemCount> {
    let mut items = Vec::new();
    for disease in ["influenza", "covid19"] {
        let admissions: u32 = cells
            .iter()
            .filter(|cell| cell.disease == disease)
            .map(|cell| match cell.count {
                Entered::Valid(count) => count,
                Entered::Invalid(_) => 0,
            })
            .sum();
        let icu = (0..admissions).filter(|_| noise.below(10, 100)).count() as u32;
        for (item, count) in [("icu", icu), ("none", admissions - icu)] {
            if count > 0 {
                items.push(ItemCount {
                    disease: disease.to_owned(),
                    item: item.to_owned(),
                    count: Entered::Valid(count),
                });
            }
        }
    }
    items
}

/// Children's diseases fall in the bands up to 9 years; the others anywhere.
fn bands_for(version: &FormVersion, disease: &str) -> Vec<&'static str> {
    let all: Vec<&'static str> = version.age_bands.iter().map(|band| band.code).collect();
    let children = ["0-5m", "6-11m", "1y", "2y", "3y", "4y", "5y", "6y", "7y", "8y", "9y"];
    let childish = !matches!(disease, "influenza" | "covid19" | "ari") && version.age_bands.len() == 14;
    if childish {
        all.into_iter().filter(|band| children.contains(band)).collect()
    } else {
        all
    }
}

/// Weeks since the season's peak week (week 5 of the year), folded to −26 … 26.
fn weeks_from_winter_peak(day: Date) -> f64 {
    let (_, week, _) = day.to_iso_week_date();
    let offset = (i32::from(week) - 5).rem_euclid(52);
    f64::from(if offset > 26 { offset - 52 } else { offset })
}

/// The season a day is in (the year it starts in; week 36 on).
fn season(day: Date) -> i32 {
    domain::sentinel::IsoWeek::containing(day).season()
}

/// The expected cases per site and period of a disease on a form.
fn expected_cases(kind: ReportKind, disease: &str, first_day: Date) -> f64 {
    let winter = |peak: f64, width: f64| peak * (-(weeks_from_winter_peak(first_day) / width).powi(2)).exp();
    let summer = |peak: f64| peak * (-((weeks_from_winter_peak(first_day).abs() - 26.0) / 5.0).powi(2)).exp();
    match (kind, disease) {
        // 2024/25 peaks at about 42 per site (警報 from 30), 2025/26 at about 18 (注意報 from 10).
        (ReportKind::RespiratoryWeekly, "influenza") => {
            let peak = if season(first_day) == 2024 { 42.0 } else { 18.0 };
            0.3 + winter(peak, 4.0)
        }
        (ReportKind::RespiratoryWeekly, "covid19") => 1.0 + summer(6.0) + winter(3.0, 5.0),
        (ReportKind::RespiratoryWeekly, "ari") => 40.0 + winter(60.0, 8.0),
        (ReportKind::PediatricWeekly, "infectious_gastroenteritis") => 3.0 + winter(9.0, 6.0),
        (ReportKind::PediatricWeekly, "hand_foot_and_mouth_disease") => 0.1 + summer(4.0),
        (ReportKind::PediatricWeekly, "herpangina") => 0.1 + summer(3.0),
        (ReportKind::PediatricWeekly, "rsv") => 0.3 + summer(2.0),
        (ReportKind::PediatricWeekly, "group_a_streptococcal_pharyngitis") => 1.5 + winter(2.0, 8.0),
        (ReportKind::PediatricWeekly, _) => 0.2,
        (ReportKind::OphthalmologyWeekly, "epidemic_keratoconjunctivitis") => 0.8 + summer(1.0),
        (ReportKind::Hospitalization, "influenza") => winter(4.0, 3.0),
        (ReportKind::Hospitalization, "covid19") => 0.3 + summer(1.0),
        (ReportKind::StdMonthly, "genital_chlamydia") => 4.0,
        (ReportKind::StdMonthly, _) => 1.0,
        (ReportKind::BasicMonthly, "mrsa") => 2.0,
        (ReportKind::BasicWeekly, "mycoplasma_pneumonia") => 0.5,
        _ => 0.1,
    }
}

/// A small deterministic generator (SplitMix64) seeded by site and period: the same demo every time.
struct Noise(u64);

impl Noise {
    fn new(site: &str, period: ReportPeriod) -> Self {
        let seed = format!("{site}/{period}")
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn index(&mut self, len: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(len.max(1)).unwrap_or(1)).unwrap_or(0)
    }

    /// True with probability `numerator / denominator`.
    fn below(&mut self, numerator: u64, denominator: u64) -> bool {
        self.next() % denominator < numerator
    }

    /// A whole count near `expected` (±25 %, rounded at random).
    fn around(&mut self, expected: f64) -> u32 {
        let factor = 0.75 + (self.next() % 1000) as f64 / 2000.0;
        let value = expected * factor;
        let whole = value.floor();
        let fraction = ((value - whole) * 1000.0) as u64;
        (whole as u32) + u32::from(self.next() % 1000 < fraction)
    }
}
