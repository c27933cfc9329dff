//! The situation at a glance (issue 16): epidemic curves, the map and the week's changes, computed
//! from counts of 全数 notifications. The server's store counts notifications per disease, 類型 and
//! day (or per health-center area); the functions here bin those counts into epidemiological weeks
//! (ISO 8601: Monday to Sunday, as the IDWR numbers them) and compare them with earlier years. Only
//! aggregated figures: nothing here carries anything about a person.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime, Weekday};

use crate::api::CsvTable;
use crate::diseases;
use crate::forms::common::DEATH_CASE_TYPES;
use crate::forms::{Answer, Answers};
use crate::i18n::{Lang, Text};

/// How many earlier years the curve's baseline averages (the IDWR's 過去5年平均).
pub const BASELINE_YEARS: i32 = 5;

/// Which date of a notification places it on the curve.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// 発病年月日 (optional on the form: notifications without it are not on this curve).
    Onset,
    /// 診断（検案）年月日.
    Diagnosis,
    /// 報告日: the first receipt, as a date in Japan.
    #[default]
    Report,
}

impl DateBasis {
    pub const ALL: [Self; 3] = [Self::Onset, Self::Diagnosis, Self::Report];

    /// The form item that holds the date; `None` for the report date (the receipt's).
    pub fn answer_field(self) -> Option<&'static str> {
        match self {
            Self::Onset => Some("onset_date"),
            Self::Diagnosis => Some("diagnosis_date"),
            Self::Report => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Onset => "onset",
            Self::Diagnosis => "diagnosis",
            Self::Report => "report",
        }
    }

    pub fn label(self) -> Text {
        match self {
            Self::Onset => Text::new("発病日", "Date of onset"),
            Self::Diagnosis => Text::new("診断日", "Date of diagnosis"),
            Self::Report => Text::new("報告日", "Date of report"),
        }
    }
}

/// What the bars of a week are divided by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stacking {
    /// 患者 / 無症状病原体保有者 / 疑似症患者 / 死亡 ([`CaseGroup`]).
    #[default]
    CaseType,
    /// The law's category of the disease (一類 … 五類, 新型インフルエンザ等).
    Category,
}

impl Stacking {
    pub const ALL: [Self; 2] = [Self::CaseType, Self::Category];

    pub fn key(self) -> &'static str {
        match self {
            Self::CaseType => "case_type",
            Self::Category => "category",
        }
    }

    pub fn label(self) -> Text {
        match self {
            Self::CaseType => Text::new("類型別", "By case type"),
            Self::Category => Text::new("類別", "By category"),
        }
    }
}

/// The 類型 of a notification (forms::common) as the curve counts them: the bodies of those who died
/// of the disease or are suspected to have are 死亡.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseGroup {
    Patient,
    Carrier,
    Suspected,
    Death,
}

impl CaseGroup {
    pub const ALL: [Self; 4] = [Self::Patient, Self::Carrier, Self::Suspected, Self::Death];

    /// The group of a stored 類型 answer; a notification without one (the forms that have no 類型
    /// item) is a patient.
    pub fn of(case_type: Option<&str>) -> Self {
        match case_type {
            Some("carrier") => Self::Carrier,
            Some("suspected") => Self::Suspected,
            Some(value) if DEATH_CASE_TYPES.contains(&value) => Self::Death,
            _ => Self::Patient,
        }
    }

    /// The group of a key as [`Self::key`] writes it.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|group| group.key() == key)
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Patient => "patient",
            Self::Carrier => "carrier",
            Self::Suspected => "suspected",
            Self::Death => "death",
        }
    }

    pub fn label(self) -> Text {
        match self {
            Self::Patient => Text::new("患者", "Patient"),
            Self::Carrier => Text::new("無症状病原体保有者", "Asymptomatic carrier"),
            Self::Suspected => Text::new("疑似症患者", "Suspected case"),
            Self::Death => Text::new("死亡", "Died"),
        }
    }
}

/// What the store counts: notifications of one disease and case group in `week` (on the chosen basis).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekCount {
    pub disease: String,
    pub case_group: CaseGroup,
    pub week: Week,
    pub count: u32,
}

/// What a notification is counted by, from its answers: the weeks of its onset and diagnosis (none
/// when the date is missing or not `YYYY-MM-DD`) and its case group. The store keeps these beside the
/// notification (written at intake and on resubmission), so that counting never reads the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountingKeys {
    pub onset_week: Option<Week>,
    pub diagnosis_week: Option<Week>,
    pub case_group: CaseGroup,
}

impl CountingKeys {
    pub fn of(answers: &Answers) -> Self {
        let one = |field: &str| match answers.get(field) {
            Some(Answer::One(value)) => Some(value.as_str()),
            _ => None,
        };
        let week_of =
            |basis: DateBasis| basis.answer_field().and_then(one).and_then(crate::validation::parse_date).map(Week::of);
        Self {
            onset_week: week_of(DateBasis::Onset),
            diagnosis_week: week_of(DateBasis::Diagnosis),
            case_group: CaseGroup::of(one("case_type")),
        }
    }
}

/// The week of a notification's report date: its first receipt, in Japan.
pub fn report_week(received_at: OffsetDateTime) -> Week {
    Week::of(crate::jst::date_in_japan(received_at))
}

/// An epidemiological week: ISO year and week number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Week {
    pub year: i32,
    pub week: u8,
}

impl Week {
    pub fn of(day: Date) -> Self {
        let (year, week, _) = day.to_iso_week_date();
        Self { year, week }
    }

    /// Its Monday; `None` for a week the year does not have.
    pub fn monday(self) -> Option<Date> {
        Date::from_iso_week_date(self.year, self.week, Weekday::Monday).ok()
    }

    /// Its Sunday.
    pub fn sunday(self) -> Option<Date> {
        Date::from_iso_week_date(self.year, self.week, Weekday::Sunday).ok()
    }

    /// The week before (week 52 or 53 of the year before, for week 1).
    pub fn previous(self) -> Self {
        match self.monday().and_then(|monday| monday.checked_sub(time::Duration::days(7))) {
            Some(day) => Self::of(day),
            None => self,
        }
    }

    /// As the store keeps it: `year × 100 + week` (202648), which orders as the weeks do.
    pub fn number(self) -> i32 {
        self.year * 100 + i32::from(self.week)
    }

    /// The week of a [`Self::number`]; `None` for a week the year does not have.
    pub fn from_number(number: i32) -> Option<Self> {
        let week = Self { year: number.div_euclid(100), week: u8::try_from(number.rem_euclid(100)).ok()? };
        week.monday().map(|_| week)
    }

    /// The same week as sentinel reports number it; `None` for a week the year does not have.
    pub fn iso(self) -> Option<crate::sentinel::IsoWeek> {
        crate::sentinel::IsoWeek::new(self.year, self.week)
    }

    /// `2026年第48週`.
    pub fn label(self) -> String {
        format!("{}年第{}週", self.year, self.week)
    }
}

/// The weeks whose counts an epidemic curve of `year` needs: from the first week of the earliest
/// baseline year to the last week of `year`.
pub fn curve_weeks(year: i32) -> (Week, Week) {
    (Week { year: year - BASELINE_YEARS, week: 1 }, Week { year, week: time::util::weeks_in_year(year) })
}

/// One part of a stacked bar: its key (a [`CaseGroup`] or category key) and labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Series {
    pub key: String,
    pub ja: String,
    pub en: String,
}

impl Series {
    fn new(key: &str, label: Text) -> Self {
        Self { key: key.to_owned(), ja: label.ja.to_owned(), en: label.get(Lang::En).to_owned() }
    }
}

/// One week of the curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurveWeek {
    pub week: u8,
    /// Monday of the week (`YYYY-MM-DD`).
    pub starts: String,
    /// One count per series, in the order of [`EpiCurve::series`].
    pub counts: Vec<u32>,
    pub total: u32,
    /// The mean of the same week's totals in the five years before (years without a 53rd week are
    /// left out of week 53's mean; `None` if none has it).
    pub baseline: Option<f64>,
}

/// The level of an area whose figures are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AreaLevel {
    National,
    /// A 都道府県等 (a prefecture, or a city with health centers).
    Jurisdiction,
    /// A health center's area.
    HealthCenter,
}

/// The area figures are of: the country, a 都道府県等 or a health center's area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Area {
    pub level: AreaLevel,
    /// The 都道府県等 or health center code (none for the country).
    pub code: Option<String>,
    pub name: String,
}

impl Area {
    /// The choice that names this area (the country: none).
    pub fn choice(&self) -> AreaChoice {
        let code = self.code.clone();
        match self.level {
            AreaLevel::National => AreaChoice::default(),
            AreaLevel::Jurisdiction => AreaChoice { jurisdiction: code, health_center: None },
            AreaLevel::HealthCenter => AreaChoice { jurisdiction: None, health_center: code },
        }
    }
}

/// Query of `GET /api/v1/situation/curve`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct CurveQuery {
    /// Catalog code of one disease; absent: every 全数 disease.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disease: Option<String>,
    /// `report` (default), `onset` or `diagnosis`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub basis: DateBasis,
    /// `case_type` (default) or `category`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub stack: Stacking,
    /// ISO week year; absent: the current one in Japan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

/// Whose figures (`GET /api/v1/situation/curve` and `…/week`, beside their own query): a 都道府県等,
/// a health center's area, or with neither the account's whole scope. Its own query type, read by a
/// second extractor, because serde's `flatten` cannot parse the numbers of a query string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AreaChoice {
    /// 都道府県等 code; absent (and no `health_center`): the account's whole scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    /// Health center code: that health center's area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_center: Option<String>,
}

/// Answer of `GET /api/v1/situation/curve`: the weekly counts of `year` stacked by series, against
/// the mean of the five years before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EpiCurve {
    pub area: Area,
    pub disease: Option<String>,
    pub basis: DateBasis,
    pub stack: Stacking,
    pub year: i32,
    pub series: Vec<Series>,
    pub weeks: Vec<CurveWeek>,
}

/// The series of a stacking, in the order they are drawn: every case group, or the categories of
/// the catalog (in the law's order) that have counts.
fn series_of(stack: Stacking, counts: &[WeekCount]) -> Vec<(String, Series)> {
    match stack {
        Stacking::CaseType => CaseGroup::ALL
            .iter()
            .map(|group| (group.key().to_owned(), Series::new(group.key(), group.label())))
            .collect(),
        Stacking::Category => {
            let mut series: Vec<(String, Series)> = Vec::new();
            for disease in diseases::CATALOG {
                let key = category_key(disease.category);
                let counted = counts.iter().any(|count| count.disease == disease.code);
                if counted && !series.iter().any(|(known, _)| *known == key) {
                    series.push((key.clone(), Series::new(&key, disease.category.name())));
                }
            }
            series
        }
    }
}

/// A category's key: its name on the wire (`class5_all_cases`).
pub fn category_key(category: diseases::Category) -> String {
    serde_json::to_value(category).ok().and_then(|value| value.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The label of a series key: a case group's or a category's.
pub fn series_label(key: &str) -> Option<Text> {
    CaseGroup::ALL.iter().find(|group| group.key() == key).map(|group| group.label()).or_else(|| {
        diseases::CATALOG
            .iter()
            .find(|disease| category_key(disease.category) == key)
            .map(|disease| disease.category.name())
    })
}

/// The series key a count belongs to.
fn series_key(stack: Stacking, count: &WeekCount) -> String {
    match stack {
        Stacking::CaseType => count.case_group.key().to_owned(),
        Stacking::Category => {
            diseases::find(&count.disease).map(|disease| category_key(disease.category)).unwrap_or_default()
        }
    }
}

/// Bins the counts into the weeks of `year` (stacked by `stack`) and the baseline of each week.
pub fn weekly_curve(counts: &[WeekCount], year: i32, stack: Stacking) -> (Vec<Series>, Vec<CurveWeek>) {
    let series = series_of(stack, counts);
    let weeks_in_year = time::util::weeks_in_year(year);
    let mut weeks: Vec<CurveWeek> = (1..=weeks_in_year)
        .map(|week| CurveWeek {
            week,
            starts: Week { year, week }.monday().map(|day| day.to_string()).unwrap_or_default(),
            counts: vec![0; series.len()],
            total: 0,
            baseline: None,
        })
        .collect();
    let mut earlier = vec![0u32; usize::from(weeks_in_year)];
    for count in counts {
        let week = count.week;
        let Some(index) = usize::from(week.week).checked_sub(1).filter(|index| *index < weeks.len()) else {
            continue;
        };
        if week.year == year {
            let key = series_key(stack, count);
            if let Some(position) = series.iter().position(|(known, _)| *known == key) {
                weeks[index].counts[position] += count.count;
            }
            weeks[index].total += count.count;
        } else if (year - BASELINE_YEARS..year).contains(&week.year) {
            earlier[index] += count.count;
        }
    }
    for (index, week) in weeks.iter_mut().enumerate() {
        let years_with_week = (year - BASELINE_YEARS..year)
            .filter(|earlier_year| time::util::weeks_in_year(*earlier_year) >= week.week)
            .count();
        if years_with_week > 0 {
            week.baseline = Some(f64::from(earlier[index]) / years_with_week as f64);
        }
    }
    (series.into_iter().map(|(_, series)| series).collect(), weeks)
}

/// The curve's CSV table: a row per week with its Monday, one column per series, total and the
/// five-year mean (one decimal; empty where no earlier year has the week).
pub fn curve_csv(curve: &EpiCurve) -> CsvTable {
    let mut header = vec!["週".to_owned(), "週の始め".to_owned()];
    header.extend(curve.series.iter().map(|series| series.ja.clone()));
    header.extend(["計".to_owned(), "過去5年平均".to_owned()]);
    let rows = curve
        .weeks
        .iter()
        .map(|week| {
            let mut cells = vec![week.week.to_string(), week.starts.clone()];
            cells.extend(week.counts.iter().map(u32::to_string));
            cells.push(week.total.to_string());
            cells.push(week.baseline.map(|mean| format!("{mean:.1}")).unwrap_or_default());
            cells
        })
        .collect();
    CsvTable { header, rows }
}

/// The map's CSV table: a row per prefecture with the week's notifications, the week before's, the
/// population and the rate per 100,000, and under a sentinel indicator the sentinel disease's
/// reporting sites, cases, 定点当たり報告数 and health-center areas at 警報 and 注意報.
pub fn map_csv(map: &SituationMap) -> CsvTable {
    let sentinel = map.indicator.is_sentinel();
    let mut header = vec!["都道府県コード", "都道府県", "今週", "前週", "人口", "人口10万対"];
    if sentinel {
        header.extend(["報告定点数", "定点報告数", "定点当たり", "警報の保健所管内", "注意報の保健所管内"]);
    }
    let rows = map
        .prefectures
        .iter()
        .map(|figure| {
            let mut cells = vec![
                figure.code.clone(),
                figure.name.clone(),
                figure.count.to_string(),
                figure.previous_week.to_string(),
                figure.population.to_string(),
                format!("{:.2}", figure.per_100k),
            ];
            if sentinel {
                let week = figure.sentinel.clone().unwrap_or_default();
                cells.extend([
                    week.reporting_sites.to_string(),
                    week.cases.to_string(),
                    format!("{:.2}", week.rate),
                    week.warning_areas.to_string(),
                    week.advisory_areas.to_string(),
                ]);
            }
            cells
        })
        .collect();
    CsvTable { header: header.into_iter().map(str::to_owned).collect(), rows }
}

/// What the map shades the prefectures by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MapIndicator {
    /// 全数 notifications per 100,000 population in the week (by report date).
    #[default]
    #[serde(rename = "per_100k")]
    Per100k,
    /// 定点当たり報告数 of a weekly sentinel disease in the week before (the last whole sentinel week).
    SentinelRate,
    /// The health-center areas at 警報 or 注意報 for a weekly sentinel disease in the week before.
    AlertLevel,
}

impl MapIndicator {
    pub const ALL: [Self; 3] = [Self::Per100k, Self::SentinelRate, Self::AlertLevel];

    pub fn key(self) -> &'static str {
        match self {
            Self::Per100k => "per_100k",
            Self::SentinelRate => "sentinel_rate",
            Self::AlertLevel => "alert_level",
        }
    }

    pub fn label(self) -> Text {
        match self {
            Self::Per100k => Text::new("全数把握：人口10万対（今週）", "All-case: per 100,000 (this week)"),
            Self::SentinelRate => {
                Text::new("定点把握：定点当たり報告数（前週）", "Sentinel: cases per site (last week)")
            }
            Self::AlertLevel => Text::new("警報・注意報（前週）", "Warnings and advisories (last week)"),
        }
    }

    /// Whether the figures are a sentinel disease's (and the map's `sentinel_disease` is needed).
    pub fn is_sentinel(self) -> bool {
        self != Self::Per100k
    }
}

/// Query of `GET /api/v1/situation/map`, and of `…/areas` beside [`AreasQuery`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct MapQuery {
    /// Any day of the week (`YYYY-MM-DD`, JST); absent: this week in Japan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Catalog code of one 全数 disease; absent: every 全数 disease.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disease: Option<String>,
    /// What the figures are shaded by (`per_100k` when absent).
    #[serde(default)]
    pub indicator: MapIndicator,
    /// A weekly sentinel disease (`influenza`, …): needed by the sentinel indicators, whose figures
    /// come with the notifications'.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentinel_disease: Option<String>,
}

/// A sentinel disease's week in an area: the reporting sites, their cases, the rate, and how many
/// of the area's health-center areas are at 警報 and at 注意報 (for a health-center area: 1 or 0).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentinelFigure {
    pub reporting_sites: u32,
    pub cases: u64,
    /// 定点当たり報告数 (cases ÷ reporting sites; 0 without a report).
    pub rate: f64,
    pub warning_areas: u32,
    pub advisory_areas: u32,
}

impl SentinelFigure {
    /// Adds an area's figures (a prefecture's are its health-center areas' together).
    pub fn add(&mut self, other: &SentinelFigure) {
        self.reporting_sites += other.reporting_sites;
        self.cases += other.cases;
        self.rate = per_site(self.cases, self.reporting_sites);
        self.warning_areas += other.warning_areas;
        self.advisory_areas += other.advisory_areas;
    }

    /// The highest level among its areas.
    pub fn level(&self) -> crate::sentinel::AlertLevel {
        use crate::sentinel::AlertLevel;
        match (self.warning_areas, self.advisory_areas) {
            (0, 0) => AlertLevel::None,
            (0, _) => AlertLevel::Advisory,
            _ => AlertLevel::Warning,
        }
    }
}

/// 定点当たり報告数: cases ÷ reporting sites; 0 without reporting sites.
pub fn per_site(cases: u64, sites: u32) -> f64 {
    if sites == 0 {
        0.0
    } else {
        // Weekly counts of an area are far below 2^52: exact as f64.
        cases as f64 / f64::from(sites)
    }
}

/// Query of `GET /api/v1/situation/areas`: the prefecture, beside the map's [`MapQuery`] (week, disease).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AreasQuery {
    /// The prefecture: two digits, `01` … `47` (or the first two digits of a 都道府県等 outside them).
    pub prefecture: String,
}

/// The week figures are of, with its first and last day (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekSpan {
    pub year: i32,
    pub week: u8,
    pub starts: String,
    pub ends: String,
}

impl WeekSpan {
    pub fn of(week: Week) -> Self {
        let day = |day: Option<Date>| day.map(|day| day.to_string()).unwrap_or_default();
        Self { year: week.year, week: week.week, starts: day(week.monday()), ends: day(week.sunday()) }
    }
}

/// One prefecture on the map: the week's notifications (by report date), the week before, and the
/// rate per 100,000 population.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrefectureFigure {
    pub code: String,
    pub name: String,
    pub count: u32,
    pub previous_week: u32,
    pub population: u32,
    pub per_100k: f64,
    /// With a sentinel indicator: the sentinel disease's last whole week.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentinel: Option<SentinelFigure>,
}

impl PrefectureFigure {
    /// The indicator's value: the rate per 100,000, the rate per site, or the level (0 none, 1
    /// 注意報, 2 警報).
    pub fn value(&self, indicator: MapIndicator) -> f64 {
        let sentinel = self.sentinel.clone().unwrap_or_default();
        match indicator {
            MapIndicator::Per100k => self.per_100k,
            MapIndicator::SentinelRate => sentinel.rate,
            MapIndicator::AlertLevel => match sentinel.level() {
                crate::sentinel::AlertLevel::None => 0.0,
                crate::sentinel::AlertLevel::Advisory => 1.0,
                crate::sentinel::AlertLevel::Warning => 2.0,
            },
        }
    }
}

/// Answer of `GET /api/v1/situation/map`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SituationMap {
    pub week: WeekSpan,
    pub disease: Option<String>,
    pub indicator: MapIndicator,
    /// With a sentinel indicator: the disease and the week its figures are of (the week before `week`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentinel_disease: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentinel_week: Option<WeekSpan>,
    /// The 47 prefectures in code order.
    pub prefectures: Vec<PrefectureFigure>,
    /// The week's notifications of 都道府県等 whose code lies outside the 47 (test and demo data).
    pub outside_map: u32,
}

/// One health center's area: the week's notifications and the week before's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AreaFigure {
    pub code: String,
    pub name: String,
    pub jurisdiction_code: String,
    pub jurisdiction_name: String,
    pub count: u32,
    pub previous_week: u32,
    /// With a sentinel indicator: the sentinel disease's last whole week in the area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentinel: Option<SentinelFigure>,
}

/// Answer of `GET /api/v1/situation/areas`: the health-center areas of a prefecture that the account
/// may see, by code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AreaList {
    pub week: WeekSpan,
    pub prefecture: String,
    pub disease: Option<String>,
    /// With a sentinel indicator: the disease and the week of the areas' `sentinel` figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentinel_disease: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentinel_week: Option<WeekSpan>,
    pub areas: Vec<AreaFigure>,
}

/// The weeks whose counts [`week_changes`] needs: from the first week five years back to `week`.
pub fn change_weeks(week: Week) -> (Week, Week) {
    (Week { year: week.year - BASELINE_YEARS, week: 1 }, week)
}

/// One disease's week against the week before and against the same week of the five years before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiseaseChange {
    pub disease: String,
    pub this_week: u32,
    pub previous_week: u32,
    /// The mean of the same week number in the five years before (years without it count 0).
    pub earlier_years: f64,
}

impl DiseaseChange {
    pub fn against_previous_week(&self) -> i64 {
        i64::from(self.this_week) - i64::from(self.previous_week)
    }

    pub fn against_earlier_years(&self) -> f64 {
        f64::from(self.this_week) - self.earlier_years
    }
}

/// Each disease counted in `week`, the week before or the same week of the five years before, most
/// changed against the week before first (then by this week's count, then by code).
pub fn week_changes(counts: &[WeekCount], week: Week) -> Vec<DiseaseChange> {
    let previous = week.previous();
    let mut changes: Vec<DiseaseChange> = Vec::new();
    for count in counts {
        let counted = count.week;
        let earlier = counted.week == week.week && (week.year - BASELINE_YEARS..week.year).contains(&counted.year);
        if counted != week && counted != previous && !earlier {
            continue;
        }
        let index = match changes.iter().position(|change| change.disease == count.disease) {
            Some(index) => index,
            None => {
                changes.push(DiseaseChange {
                    disease: count.disease.clone(),
                    this_week: 0,
                    previous_week: 0,
                    earlier_years: 0.0,
                });
                changes.len() - 1
            }
        };
        let change = &mut changes[index];
        if counted == week {
            change.this_week += count.count;
        } else if counted == previous {
            change.previous_week += count.count;
        } else {
            change.earlier_years += f64::from(count.count) / f64::from(BASELINE_YEARS as u32);
        }
    }
    changes.sort_by(|a, b| {
        b.against_previous_week()
            .abs()
            .cmp(&a.against_previous_week().abs())
            .then(b.this_week.cmp(&a.this_week))
            .then(a.disease.cmp(&b.disease))
    });
    changes
}

/// The week's CSV table: a row per disease of [`WeekSummary::changes`] in its order, with this week,
/// the week before, the difference, the five-year mean (one decimal) and the difference from it.
pub fn week_csv(summary: &WeekSummary) -> CsvTable {
    let header = ["疾患コード", "疾患", "今週", "前週", "前週との差", "過去5年平均", "過去5年平均との差"];
    let rows = summary
        .changes
        .iter()
        .map(|change| {
            vec![
                change.disease.clone(),
                diseases::find(&change.disease).map_or("", |disease| disease.name.ja).to_owned(),
                change.this_week.to_string(),
                change.previous_week.to_string(),
                format!("{:+}", change.against_previous_week()),
                format!("{:.1}", change.earlier_years),
                format!("{:+.1}", change.against_earlier_years()),
            ]
        })
        .collect();
    CsvTable { header: header.map(str::to_owned).to_vec(), rows }
}

/// Query of `GET /api/v1/situation/week`, beside the area ([`AreaChoice`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct WeekQuery {
    /// Any day of the week (`YYYY-MM-DD`, JST); absent: this week in Japan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// Answer of `GET /api/v1/situation/week`: the week in an area at a glance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekSummary {
    pub area: Area,
    pub week: WeekSpan,
    /// By report date; see [`week_changes`] for the order.
    pub changes: Vec<DiseaseChange>,
    /// Notifications in the area still waiting for the health center past their deadline (24 hours
    /// for 直ちに, 7 days for the others: `workflow::is_overdue`), now.
    pub overdue: u32,
    /// The sentinel week whose 警報・注意報 are listed: the week before `week` (a week's sentinel
    /// reports arrive after it ends).
    pub sentinel_week: WeekSpan,
    /// The area's health-center areas at 警報 or 注意報 in `sentinel_week`, 警報 first.
    pub alerts: Vec<crate::api::AreaAlert>,
    /// The area's aberration alarms not yet marked (open), newest week first.
    pub open_alarms: Vec<crate::api::AlarmSummary>,
}

/// Shades for the map, 0 (none notified) to [`SHADES`]: a rate's share of the highest rate, in equal
/// steps, so the legend reads "up to ¼ of the highest", "up to ½" and so on.
pub const SHADES: u8 = 4;

pub fn shade(rate: f64, highest: f64) -> u8 {
    if rate <= 0.0 || highest <= 0.0 {
        return 0;
    }
    let step = (rate / highest * f64::from(SHADES)).ceil();
    step.clamp(1.0, f64::from(SHADES)) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn count(disease: &str, case_type: Option<&str>, day: Date, count: u32) -> WeekCount {
        WeekCount { disease: disease.into(), case_group: CaseGroup::of(case_type), week: Week::of(day), count }
    }

    #[test]
    fn weeks_run_monday_to_sunday_and_week_one_may_start_in_december() {
        assert_eq!(Week::of(date!(2026 - 01 - 01)), Week { year: 2026, week: 1 });
        assert_eq!(Week::of(date!(2025 - 12 - 29)), Week { year: 2026, week: 1 });
        assert_eq!(Week::of(date!(2025 - 12 - 28)), Week { year: 2025, week: 52 });
        assert_eq!(Week { year: 2026, week: 1 }.previous(), Week { year: 2025, week: 52 });
        assert_eq!(Week { year: 2021, week: 1 }.previous(), Week { year: 2020, week: 53 });
        assert_eq!(curve_weeks(2026), (Week { year: 2021, week: 1 }, Week { year: 2026, week: 53 }));
        assert_eq!(Week { year: 2026, week: 1 }.number(), 202601);
        assert_eq!(Week::from_number(202653), Some(Week { year: 2026, week: 53 }));
        assert_eq!(Week::from_number(202553), None, "2025 has 52 weeks");
        let span = WeekSpan::of(Week { year: 2026, week: 1 });
        assert_eq!((span.starts.as_str(), span.ends.as_str()), ("2025-12-29", "2026-01-04"));
    }

    #[test]
    fn a_week_is_compared_with_the_week_before_and_the_same_week_of_earlier_years() {
        let week = Week { year: 2026, week: 10 };
        let counts = [
            count("measles", None, date!(2026 - 03 - 02), 4),   // this week
            count("measles", None, date!(2026 - 02 - 23), 1),   // week 9
            count("measles", None, date!(2025 - 03 - 03), 10),  // 2025 week 10
            count("rubella", None, date!(2026 - 02 - 24), 6),   // week 9 only
            count("pertussis", None, date!(2026 - 03 - 03), 1), // this week
            count("pertussis", None, date!(2026 - 01 - 05), 9), // week 2: not compared
        ];
        let changes = week_changes(&counts, week);
        let rows: Vec<(&str, u32, u32, f64)> = changes
            .iter()
            .map(|change| (change.disease.as_str(), change.this_week, change.previous_week, change.earlier_years))
            .collect();
        assert_eq!(rows, [("rubella", 0, 6, 0.0), ("measles", 4, 1, 2.0), ("pertussis", 1, 0, 0.0)]);
        assert_eq!(changes[0].against_previous_week(), -6);
        assert_eq!(changes[1].against_earlier_years(), 2.0);
        assert_eq!(change_weeks(week), (Week { year: 2021, week: 1 }, week));
    }

    #[test]
    fn a_prefectures_sentinel_figure_sums_its_areas_and_takes_the_highest_level() {
        let area = |sites, cases, warning, advisory| SentinelFigure {
            reporting_sites: sites,
            cases,
            rate: per_site(cases, sites),
            warning_areas: warning,
            advisory_areas: advisory,
        };
        let mut prefecture = SentinelFigure::default();
        assert_eq!(prefecture.level(), crate::sentinel::AlertLevel::None);
        prefecture.add(&area(2, 60, 1, 0));
        prefecture.add(&area(3, 15, 0, 1));
        prefecture.add(&area(0, 0, 0, 0));
        assert_eq!(prefecture, area(5, 75, 1, 1));
        assert!((prefecture.rate - 15.0).abs() < 1e-9, "75 cases over 5 sites, not the mean of the rates");
        assert_eq!(prefecture.level(), crate::sentinel::AlertLevel::Warning);
        assert_eq!(area(1, 12, 0, 1).level(), crate::sentinel::AlertLevel::Advisory);
        let figure = PrefectureFigure {
            code: "13".into(),
            name: "東京都".into(),
            count: 3,
            previous_week: 0,
            population: 100_000,
            per_100k: 3.0,
            sentinel: Some(area(1, 12, 0, 1)),
        };
        let values = MapIndicator::ALL.map(|indicator| figure.value(indicator));
        assert_eq!(values, [3.0, 12.0, 1.0]);
        for indicator in MapIndicator::ALL {
            assert_eq!(serde_json::to_value(indicator).unwrap(), indicator.key(), "the wire name is the key");
        }
    }

    #[test]
    fn shades_divide_the_highest_rate_in_four() {
        assert_eq!(
            [shade(0.0, 8.0), shade(0.1, 8.0), shade(2.0, 8.0), shade(2.1, 8.0), shade(8.0, 8.0)],
            [0, 1, 1, 2, 4]
        );
        assert_eq!(shade(1.0, 0.0), 0);
    }

    #[test]
    fn a_notification_is_counted_by_the_weeks_of_its_dates_and_its_case_group() {
        let answers: Answers = [
            ("onset_date", Answer::One("2026-03-08".into())),
            ("diagnosis_date", Answer::One("令和8年3月9日".into())),
            ("case_type", Answer::One("suspected_dead".into())),
        ]
        .into_iter()
        .map(|(field, answer)| (field.to_owned(), answer))
        .collect();
        let keys = CountingKeys::of(&answers);
        assert_eq!(keys.onset_week, Some(Week { year: 2026, week: 10 }));
        assert_eq!(keys.diagnosis_week, None, "not YYYY-MM-DD: not on the diagnosis curve");
        assert_eq!(keys.case_group, CaseGroup::Death);
        assert_eq!(CountingKeys::of(&Answers::new()).case_group, CaseGroup::Patient);
        // Sunday 23:30 UTC is Monday in Japan: the next week.
        assert_eq!(report_week(time::macros::datetime!(2026-03-08 15:30 UTC)), Week { year: 2026, week: 11 });
        assert_eq!(CaseGroup::from_key("carrier"), Some(CaseGroup::Carrier));
    }

    #[test]
    fn case_types_group_bodies_as_deaths_and_missing_ones_as_patients() {
        assert_eq!(CaseGroup::of(Some("dead")), CaseGroup::Death);
        assert_eq!(CaseGroup::of(Some("suspected_dead")), CaseGroup::Death);
        assert_eq!(CaseGroup::of(Some("carrier")), CaseGroup::Carrier);
        assert_eq!(CaseGroup::of(Some("suspected")), CaseGroup::Suspected);
        assert_eq!(CaseGroup::of(None), CaseGroup::Patient);
        assert_eq!(CaseGroup::of(Some("patient")), CaseGroup::Patient);
    }

    #[test]
    fn a_curve_stacks_this_year_and_averages_the_five_before() {
        let counts = [
            count("measles", Some("patient"), date!(2026 - 03 - 02), 2), // week 10
            count("measles", Some("suspected"), date!(2026 - 03 - 08), 1), // week 10 (Sunday)
            count("measles", Some("dead"), date!(2026 - 03 - 09), 1),    // week 11
            count("measles", Some("patient"), date!(2025 - 03 - 03), 5), // 2025 week 10
            count("measles", Some("patient"), date!(2021 - 03 - 08), 5), // 2021 week 10
            count("measles", Some("patient"), date!(2020 - 03 - 02), 50), // six years before: ignored
        ];
        let (series, weeks) = weekly_curve(&counts, 2026, Stacking::CaseType);
        assert_eq!(
            series.iter().map(|s| s.key.as_str()).collect::<Vec<_>>(),
            ["patient", "carrier", "suspected", "death"]
        );
        assert_eq!(weeks.len(), 53, "2026 has 53 ISO weeks");
        assert_eq!((weeks[9].week, weeks[9].starts.as_str()), (10, "2026-03-02"));
        assert_eq!((weeks[9].counts.clone(), weeks[9].total), (vec![2, 0, 1, 0], 3));
        assert_eq!((weeks[10].counts.clone(), weeks[10].total), (vec![0, 0, 0, 1], 1));
        assert_eq!(weeks[9].baseline, Some(2.0), "(5 + 5) / 5 years");
        assert_eq!(weeks[10].baseline, Some(0.0));
        // Week 53: of 2021–2025 none has one (2020 had, but it is six years back).
        assert_eq!(weeks[52].baseline, None);
    }

    #[test]
    fn a_curve_by_category_has_the_categories_that_were_notified() {
        let counts = [
            count("measles", None, date!(2026 - 03 - 02), 2),
            count("ebola", Some("suspected"), date!(2026 - 03 - 02), 1),
        ];
        let (series, weeks) = weekly_curve(&counts, 2026, Stacking::Category);
        let keys: Vec<&str> = series.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["class1", "class5_all_cases"]);
        assert_eq!(series_label("class1").map(|label| label.ja), Some("一類感染症"));
        assert_eq!(series_label("death").map(|label| label.ja), Some("死亡"));
        assert_eq!(series_label("nothing"), None);
        assert_eq!(weeks[9].counts, vec![1, 2]);
    }

    #[test]
    fn the_map_csv_has_a_row_per_prefecture_and_the_sentinel_columns_under_a_sentinel_indicator() {
        let sentinel =
            SentinelFigure { reporting_sites: 4, cases: 126, rate: 31.5, warning_areas: 1, advisory_areas: 2 };
        let tokyo = PrefectureFigure {
            code: "13".into(),
            name: "東京都".into(),
            count: 28,
            previous_week: 20,
            population: 14_000_000,
            per_100k: 0.2,
            sentinel: Some(sentinel),
        };
        let mut map = SituationMap {
            week: WeekSpan::of(Week { year: 2026, week: 48 }),
            disease: None,
            indicator: MapIndicator::AlertLevel,
            sentinel_disease: Some("influenza".into()),
            sentinel_week: Some(WeekSpan::of(Week { year: 2026, week: 47 })),
            prefectures: vec![tokyo],
            outside_map: 0,
        };
        let table = map_csv(&map);
        assert_eq!(
            table.header.join(","),
            "都道府県コード,都道府県,今週,前週,人口,人口10万対,報告定点数,定点報告数,定点当たり,警報の保健所管内,注意報の保健所管内"
        );
        assert_eq!(table.rows, [["13", "東京都", "28", "20", "14000000", "0.20", "4", "126", "31.50", "1", "2"]]);
        map.indicator = MapIndicator::Per100k;
        let table = map_csv(&map);
        assert_eq!(table.header.join(","), "都道府県コード,都道府県,今週,前週,人口,人口10万対");
        assert_eq!(table.rows, [["13", "東京都", "28", "20", "14000000", "0.20"]]);
    }

    #[test]
    fn the_csv_has_a_row_per_week_with_the_numbers_of_the_table() {
        let (series, weeks) =
            weekly_curve(&[count("measles", None, date!(2026 - 01 - 05), 3)], 2026, Stacking::CaseType);
        let area = Area { level: AreaLevel::National, code: None, name: "全国".into() };
        let curve = EpiCurve {
            area,
            disease: None,
            basis: DateBasis::Report,
            stack: Stacking::CaseType,
            year: 2026,
            series,
            weeks,
        };
        let table = curve_csv(&curve);
        assert_eq!(table.header.join(","), "週,週の始め,患者,無症状病原体保有者,疑似症患者,死亡,計,過去5年平均");
        assert_eq!(table.rows[1].join(","), "2,2026-01-05,3,0,0,0,3,0.0");
        assert_eq!(table.rows.len(), 53);
    }

    #[test]
    fn the_week_csv_has_a_row_per_change_with_signed_differences() {
        let change = DiseaseChange { disease: "measles".into(), this_week: 2, previous_week: 5, earlier_years: 0.4 };
        let summary = WeekSummary {
            area: Area { level: AreaLevel::National, code: None, name: "全国".into() },
            week: WeekSpan::of(Week { year: 2026, week: 48 }),
            changes: vec![change],
            overdue: 0,
            sentinel_week: WeekSpan::of(Week { year: 2026, week: 47 }),
            alerts: Vec::new(),
            open_alarms: Vec::new(),
        };
        let table = week_csv(&summary);
        assert_eq!(table.header.join(","), "疾患コード,疾患,今週,前週,前週との差,過去5年平均,過去5年平均との差");
        assert_eq!(table.rows, [["measles", "麻しん", "2", "5", "-3", "0.4", "+1.6"]]);
    }
}
