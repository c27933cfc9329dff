//! Aberration alarms (issue 15): which detection method runs on which disease and series source
//! (configuration as data, with R `surveillance`'s defaults from the `aberration` crate), and the
//! marking workflow a health center and those above it follow once an alarm is raised.

use serde::{Deserialize, Serialize};

use aberration::{EarsControl, EarsMethod, FarringtonControl, Method, WeeklySeries};

use std::collections::BTreeMap;

use time::Date;

use crate::api::Role;
use crate::diseases;
use crate::i18n::Text;
use crate::sentinel::{form, ReportKind};
use crate::syndromic::SymptomGroup;
use crate::workflow::Workflow;

/// The sentinel reports whose figures are a disease's patients per week: 入院サーベイランス counts
/// admissions (of the same diseases) and the monthly reports have no weeks, so neither is a series.
pub const SENTINEL_KINDS: [ReportKind; 4] = [
    ReportKind::RespiratoryWeekly,
    ReportKind::PediatricWeekly,
    ReportKind::OphthalmologyWeekly,
    ReportKind::BasicWeekly,
];

/// Every disease of [`SENTINEL_KINDS`]' forms, in any version.
fn sentinel_diseases() -> impl Iterator<Item = &'static crate::sentinel::catalog::SentinelDisease> {
    SENTINEL_KINDS.into_iter().flat_map(|kind| form(kind).versions.iter()).flat_map(|version| version.diseases.iter())
}

/// The weekly sentinel report ([`SENTINEL_KINDS`]) whose form has the disease, in any version: each
/// disease is on one of them, whose reporting sites are its series' population.
pub fn sentinel_kind(disease: &str) -> Option<ReportKind> {
    SENTINEL_KINDS
        .into_iter()
        .find(|&kind| form(kind).versions.iter().any(|version| version.disease(disease).is_some()))
}

/// The series code of the single 疑似症 series of earlier versions (every symptom group together):
/// alarms stored under it keep it, and it is no longer evaluated.
pub const EARLIER_SYNDROMIC_SERIES: &str = "syndromic";

/// A series' disease by its code, wherever an alarm is named (its screens, the week's summary, its
/// mail): a 全数 disease of the catalog, a disease of the weekly sentinel reports, a symptom group's
/// 疑似症 series ([`SymptomGroup::series_code`]) or the earlier single 疑似症 series
/// ([`EARLIER_SYNDROMIC_SERIES`]).
pub fn disease_name(code: &str) -> Option<Text> {
    if let Some(group) = SymptomGroup::ALL.into_iter().find(|group| group.series_code() == code) {
        return Some(group.series_name());
    }
    if code == EARLIER_SYNDROMIC_SERIES {
        return Some(Text::new("疑似症（全症状・旧集計）", "Syndromic: all symptoms (earlier series)"));
    }
    diseases::find(code)
        .map(|disease| disease.name)
        .or_else(|| sentinel_diseases().find(|disease| disease.code == code).map(|disease| disease.name))
}

/// The weeks a series has data in, as the detection reads it: outside them a week is no data (R's
/// `NA`), not a count of 0 (docs/aberration.md, "Series and weeks"). A 全数 disease's series exists
/// in the weeks of its catalog entries' notifiable periods (any day of the week), a sentinel
/// disease's in the weeks whose form has it (COVID-19 from 2023-W19, ARI from 2025-W15), the 疑似症
/// series from the week 疑似症サーベイランス came into force. Within them, a 全数 or 疑似症 week
/// without a report counts 0 (no notification is no case); a sentinel week no site reported is no
/// data too, which the reports, not the catalog, say (`server/src/alarms/run.rs`).
#[derive(Debug, Clone)]
pub struct SeriesWeeks {
    /// The Mondays of the series' weeks, as ranges (first, last), resolved from the catalog once.
    mondays: Vec<(Date, Date)>,
}

impl SeriesWeeks {
    /// Resolves the disease once (the run asks for every week of every series).
    pub fn of(source: SeriesSource, disease: &str) -> Self {
        let mondays = match source {
            SeriesSource::NotificationsByOnset | SeriesSource::NotificationsByDiagnosis => diseases::CATALOG
                .iter()
                .filter(|entry| entry.code == disease)
                .map(|entry| (week_touching(entry.effective_from), entry.effective_until.unwrap_or(Date::MAX)))
                .collect(),
            SeriesSource::SentinelReports => {
                sentinel_kind(disease).map_or_else(Vec::new, |kind| on_form(kind, disease))
            }
            SeriesSource::SyndromicReports => vec![(week_touching(crate::syndromic::IN_FORCE_FROM), Date::MAX)],
        };
        Self { mondays }
    }

    /// Whether the ISO week starting `monday` is one of the series'.
    pub fn has(&self, monday: Date) -> bool {
        self.mondays.iter().any(|&(first, last)| first <= monday && monday <= last)
    }
}

/// The earliest Monday whose week (Monday to Sunday) reaches `day`: a period that starts on any day
/// of a week has that week.
fn week_touching(day: Date) -> Date {
    day.saturating_sub(time::Duration::days(6))
}

/// The Mondays on which a version of `kind`'s form that has the disease is in force (a week is the
/// form's version in force on its Monday, `ReportForm::version_on`).
fn on_form(kind: ReportKind, disease: &str) -> Vec<(Date, Date)> {
    let versions = form(kind).versions;
    versions
        .iter()
        .enumerate()
        .filter(|(_, version)| version.disease(disease).is_some())
        .map(|(index, version)| {
            let next = versions.get(index + 1).map(|next| next.effective_from);
            (version.effective_from, next.map_or(Date::MAX, |next| next.saturating_sub(time::Duration::days(1))))
        })
        .collect()
}

/// A method by its command-line name (`aberration::Method::name`), as the alarm screens and mails
/// name it: "EARS C2", "Farrington法（flexible）". `None` for a name the crate does not have.
pub fn method_name(name: &str) -> Option<Text> {
    Some(match name {
        "ears-c1" => Text::new("EARS C1", "EARS C1"),
        "ears-c2" => Text::new("EARS C2", "EARS C2"),
        "ears-c3" => Text::new("EARS C3", "EARS C3"),
        "farrington" => Text::new("Farrington法（flexible）", "Farrington flexible"),
        _ => return None,
    })
}

/// What a series counts, per disease and health-center area and ISO week.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SeriesSource {
    /// 全数 notifications by the week of onset (notifications without an onset date are not in it).
    NotificationsByOnset,
    /// 全数 notifications by the week of diagnosis.
    NotificationsByDiagnosis,
    /// The patients of the weekly sentinel reports ([`SENTINEL_KINDS`]), summed over the area's sites.
    SentinelReports,
    /// 疑似症 reports by the week of diagnosis, one series per symptom group (a report counts in each
    /// group it names: [`SymptomGroup::series_code`]), returned ones left out.
    SyndromicReports,
}

impl SeriesSource {
    pub fn label(self) -> Text {
        match self {
            Self::NotificationsByOnset => Text::new("全数届出（発病週）", "Notifications by week of onset"),
            Self::NotificationsByDiagnosis => Text::new("全数届出（診断週）", "Notifications by week of diagnosis"),
            Self::SentinelReports => Text::new("定点報告（週報の患者数）", "Sentinel weekly reports (patients)"),
            Self::SyndromicReports => Text::new("疑似症報告（診断週）", "Syndromic reports by week of diagnosis"),
        }
    }
}

/// One method run on one source of a disease's series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Detection {
    pub source: SeriesSource,
    /// The method and its parameters, named as R's `surveillance` names them (`method`: `ears` or
    /// `farrington`).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub method: Method,
}

/// The detections configured for one disease.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DiseaseDetections {
    pub disease: String,
    pub detections: Vec<Detection>,
}

/// Diseases whose few cases must be seen quickly: besides Farrington (which needs five cases in four
/// weeks before it sets a bound), EARS C2 on the week of onset, with `minSigma` 0.5 as the package's
/// documentation suggests for sparse counts (Burkom), so that two cases in a quiet area alarm.
const QUICK_DISEASES: [&str; 2] = ["measles", "rubella"];

/// The configuration: every 全数 disease's series by week of diagnosis (a date every notification
/// has) with Farrington flexible at R's defaults; the quick diseases also with EARS C2 by week of
/// onset; every disease of the weekly sentinel reports with Farrington flexible at R's defaults on
/// the rate per reporting site (`populationOffset`); the
/// 疑似症 reports of each symptom group with both, EARS C2 as for the quick diseases (they are few,
/// and each one is a patient in intensive care). Ordered by disease code.
pub fn configuration() -> Vec<DiseaseDetections> {
    let mut by_disease: BTreeMap<&str, Vec<Detection>> = BTreeMap::new();
    for disease in diseases::CATALOG {
        by_disease.entry(disease.code).or_insert_with(|| notification_detections(disease.code));
    }
    for disease in sentinel_diseases() {
        let detections = by_disease.entry(disease.code).or_default();
        if detections.iter().all(|detection| detection.source != SeriesSource::SentinelReports) {
            detections.push(Detection {
                source: SeriesSource::SentinelReports,
                method: Method::Farrington(sentinel_farrington()),
            });
        }
    }
    for group in SymptomGroup::ALL {
        by_disease.insert(
            group.series_code(),
            vec![
                Detection {
                    source: SeriesSource::SyndromicReports,
                    method: Method::Farrington(FarringtonControl::default()),
                },
                Detection { source: SeriesSource::SyndromicReports, method: Method::Ears(quick_ears()) },
            ],
        );
    }
    by_disease
        .into_iter()
        .map(|(code, detections)| DiseaseDetections { disease: code.to_owned(), detections })
        .collect()
}

/// Farrington flexible at R's defaults on the rate per reporting site: `populationOffset` with the
/// sites that reported each week as the population, so that a site designated or not reporting does
/// not look like a change in the disease.
fn sentinel_farrington() -> FarringtonControl {
    FarringtonControl { population_offset: true, ..FarringtonControl::default() }
}

/// EARS C2 with `minSigma` 0.5, for series of few cases that must be seen quickly.
fn quick_ears() -> EarsControl {
    EarsControl { min_sigma: 0.5, ..EarsControl::new(EarsMethod::C2) }
}

/// The EARS that watches a series in its first year in Farrington's place, where Farrington has no
/// year to compare with: the configuration's own EARS (C2 with `minSigma` 0.5, [`quick_ears`]). C2
/// rather than C1, whose baseline ends the week before (an outbreak growing over two weeks raises its
/// own baseline), or C3 (α 0.025 on the sum of three weeks: many more alarms, on series nobody knows
/// yet); `minSigma` 0.5 so that a new disease's first single cases do not each alarm. It watches what
/// the `configured` Farrington watches: a sentinel series' rate per reporting site (`populationOffset`,
/// EARS `per_population`), so that a site designated or not reporting in a series' first year is not
/// taken for a change in the disease, there as from its second year on.
pub fn short_history_ears(configured: &FarringtonControl) -> EarsControl {
    EarsControl { per_population: configured.population_offset, ..quick_ears() }
}

/// The method that evaluates week `k` of a series for its configured `method`: the one home of
/// todoke's rule for short histories (docs/aberration.md, "Short histories"). Farrington configured
/// with more years (`b`) than the series has history before the week runs with `b` = its whole years;
/// with less than one year, [`short_history_ears`] runs instead
/// (`aberration::Method::for_history`). `None` where that EARS is already one of the series'
/// `configured` methods (by name, as alarms are unique per series, week and method name; the 疑似症
/// series run EARS C2 anyway): the series is watched by it.
pub fn method_for_week(method: &Method, configured: &[&Method], series: &WeeklySeries, k: usize) -> Option<Method> {
    let chosen = match method {
        Method::Farrington(control) => method.for_history(series, k, &short_history_ears(control)),
        Method::Ears(_) => method.clone(),
    };
    let watched_otherwise =
        chosen.name() != method.name() && configured.iter().any(|other| other.name() == chosen.name());
    (!watched_otherwise).then_some(chosen)
}

fn notification_detections(disease: &str) -> Vec<Detection> {
    let mut detections = vec![Detection {
        source: SeriesSource::NotificationsByDiagnosis,
        method: Method::Farrington(FarringtonControl::default()),
    }];
    if QUICK_DISEASES.contains(&disease) {
        detections.push(Detection { source: SeriesSource::NotificationsByOnset, method: Method::Ears(quick_ears()) });
    }
    detections
}

/// Where an alarm stands. A new alarm is open; marking it says what the health center found.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::EnumIter,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AlarmStatus {
    /// 未対応: nobody has marked it yet.
    Open,
    /// 調査中
    Investigating,
    /// 説明可能: the increase has a known cause (a cluster already handled, a reporting change …).
    Explained,
    /// 問題なし: not a significant increase.
    NotSignificant,
    /// 取消し: the detection run evaluated the week again (late data: a 疑似症 report returned, a
    /// correction) and it no longer exceeds the bound, or another method watches the week now (late
    /// data changed the series' years of history, [`method_for_week`]). Only an open alarm is
    /// withdrawn; the run reopens it if the week exceeds again.
    Withdrawn,
}

impl AlarmStatus {
    pub fn label(self) -> Text {
        match self {
            Self::Open => Text::new("未対応", "Open"),
            Self::Investigating => Text::new("調査中", "Investigating"),
            Self::Explained => Text::new("説明可能", "Explained"),
            Self::NotSignificant => Text::new("問題なし", "Not significant"),
            Self::Withdrawn => Text::new("取消し", "Withdrawn"),
        }
    }

    /// Lists show open alarms first, then those under investigation, then the settled and withdrawn
    /// ones.
    pub fn rank(self) -> u8 {
        match self {
            Self::Open => 0,
            Self::Investigating => 1,
            Self::Explained | Self::NotSignificant | Self::Withdrawn => 2,
        }
    }
}

/// A marking: the status it gives the alarm.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::EnumIter,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum AlarmMark {
    Investigating,
    Explained,
    NotSignificant,
}

impl AlarmMark {
    pub fn status(self) -> AlarmStatus {
        match self {
            Self::Investigating => AlarmStatus::Investigating,
            Self::Explained => AlarmStatus::Explained,
            Self::NotSignificant => AlarmStatus::NotSignificant,
        }
    }
}

/// The marking workflow: an open alarm is marked investigating, explained or not significant; one
/// under investigation is settled as explained or not significant; a settled one may be taken up
/// again (investigating), and so may one the detection run withdrew. Each marking carries a comment
/// and is kept as history. The health center responsible for the area and those above it (its
/// 都道府県等, national staff) mark; whose area it is is `server/src/access.rs`'s rule. Withdrawing
/// (open → withdrawn) and reopening (withdrawn → open) are the run's, not steps of a person.
///
/// | from | investigating | explained | not significant |
/// |---|---|---|---|
/// | open | ✓ | ✓ | ✓ |
/// | investigating | – | ✓ | ✓ |
/// | explained, not significant, withdrawn | ✓ | – | – |
pub struct AlarmWorkflow;

impl Workflow for AlarmWorkflow {
    type Status = AlarmStatus;
    type Step = AlarmMark;
    const STEPS: &'static [AlarmMark] = &[AlarmMark::Investigating, AlarmMark::Explained, AlarmMark::NotSignificant];

    fn next_status(status: AlarmStatus, step: AlarmMark) -> Option<AlarmStatus> {
        use AlarmStatus as S;
        let allowed = match status {
            S::Open => true,
            S::Investigating => step != AlarmMark::Investigating,
            S::Explained | S::NotSignificant | S::Withdrawn => step == AlarmMark::Investigating,
        };
        allowed.then(|| step.status())
    }

    fn taken_by(_step: AlarmMark, role: Role) -> bool {
        matches!(role, Role::HealthCenterStaff | Role::PrefectureStaff | Role::NationalStaff)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn every_disease_has_farrington_on_its_sources_and_no_method_twice_on_a_source() {
        let configuration = configuration();
        let farrington = Method::Farrington(FarringtonControl::default());
        let has = |entry: &DiseaseDetections, source| {
            entry.detections.iter().any(|detection| detection.source == source && detection.method == farrington)
        };
        for disease in diseases::CATALOG {
            let entry = configuration.iter().find(|entry| entry.disease == disease.code).unwrap();
            assert!(has(entry, SeriesSource::NotificationsByDiagnosis), "{}", disease.code);
        }
        let rates = Method::Farrington(FarringtonControl { population_offset: true, ..Default::default() });
        for disease in sentinel_diseases() {
            let entry = configuration.iter().find(|entry| entry.disease == disease.code).unwrap();
            let sentinel = entry.detections.iter().find(|detection| detection.source == SeriesSource::SentinelReports);
            assert_eq!(sentinel.map(|detection| &detection.method), Some(&rates), "{}", disease.code);
        }
        for entry in &configuration {
            // Alarms are unique per series, week and method name: a method runs once per source.
            let mut keys: Vec<_> = entry.detections.iter().map(|d| (d.source, d.method.name())).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), entry.detections.len(), "{}", entry.disease);
        }
        let measles = configuration.iter().find(|entry| entry.disease == "measles").map(|e| e.detections.len());
        assert_eq!(measles, Some(2));
        let influenza = configuration.iter().find(|entry| entry.disease == "influenza").map(|e| e.detections.len());
        assert_eq!(influenza, Some(1), "its admissions (入院サーベイランス) are no series of their own");
        for group in SymptomGroup::ALL {
            let syndromic = configuration.iter().find(|entry| entry.disease == group.series_code()).unwrap();
            assert!(has(syndromic, SeriesSource::SyndromicReports) && syndromic.detections.len() == 2);
        }
        assert!(configuration.windows(2).all(|pair| pair[0].disease < pair[1].disease), "by code, each once");
    }

    #[test]
    fn each_sentinel_disease_is_on_one_weekly_report_whose_sites_are_its_population() {
        for disease in sentinel_diseases() {
            let kinds: Vec<_> = SENTINEL_KINDS
                .into_iter()
                .filter(|&kind| form(kind).versions.iter().any(|version| version.disease(disease.code).is_some()))
                .collect();
            assert_eq!(kinds.len(), 1, "{}", disease.code);
            assert_eq!(sentinel_kind(disease.code), kinds.first().copied());
        }
        assert_eq!(sentinel_kind("influenza"), Some(ReportKind::RespiratoryWeekly), "not 入院サーベイランス");
        assert_eq!(sentinel_kind("measles"), None);
    }

    #[test]
    fn series_diseases_are_named_from_either_catalog() {
        assert_eq!(disease_name("measles").map(|name| name.ja), Some("麻しん"));
        assert_eq!(disease_name("influenza").map(|name| name.en), Some("Influenza"));
        assert_eq!(disease_name("syndromic_rash").map(|name| name.ja), Some("疑似症（発しん）"));
        for group in SymptomGroup::ALL {
            assert!(disease_name(group.series_code()).is_some(), "{group:?}");
            assert!(diseases::find(group.series_code()).is_none(), "no disease has a series' code");
        }
        assert_eq!(disease_name(EARLIER_SYNDROMIC_SERIES).map(|name| name.ja), Some("疑似症（全症状・旧集計）"));
        assert_eq!(disease_name("unknown"), None);
    }

    #[test]
    fn a_series_has_the_weeks_its_disease_was_notifiable_on_the_form_or_in_force() {
        use time::macros::date;
        let has = |source, disease, monday| SeriesWeeks::of(source, disease).has(monday);
        let by_diagnosis = SeriesSource::NotificationsByDiagnosis;
        // The novel coronavirus entry ends on Sunday 2023-05-07; MDRP is notifiable from Monday 2026-04-06.
        assert!(has(by_diagnosis, "novel_coronavirus", date!(2023 - 05 - 01)));
        assert!(!has(by_diagnosis, "novel_coronavirus", date!(2023 - 05 - 08)));
        assert!(!has(by_diagnosis, "mdrp", date!(2026 - 03 - 30)));
        assert!(has(SeriesSource::NotificationsByOnset, "mdrp", date!(2026 - 04 - 06)));
        assert!(has(by_diagnosis, "measles", date!(2016 - 01 - 04)));
        assert!(!has(by_diagnosis, "influenza", date!(2024 - 01 - 01)), "not a 全数 disease");
        // COVID-19 joins the respiratory form on 2023-05-08 (2023-W19).
        assert!(!has(SeriesSource::SentinelReports, "covid19", date!(2023 - 05 - 01)));
        assert!(has(SeriesSource::SentinelReports, "covid19", date!(2023 - 05 - 08)));
        assert!(has(SeriesSource::SentinelReports, "influenza", date!(2018 - 01 - 01)));
        assert!(!has(SeriesSource::SentinelReports, "influenza", date!(2017 - 12 - 25)), "before the sentinel catalog");
        // 疑似症サーベイランス is in force from Monday 2019-04-01 (2019-W14).
        assert!(!has(SeriesSource::SyndromicReports, "syndromic_fever", date!(2019 - 03 - 25)));
        assert!(has(SeriesSource::SyndromicReports, "syndromic_fever", date!(2019 - 04 - 01)));
    }

    #[test]
    fn a_sentinel_series_has_the_weeks_whose_form_in_force_on_monday_has_the_disease() {
        use time::macros::date;
        for disease in sentinel_diseases() {
            let weeks = SeriesWeeks::of(SeriesSource::SentinelReports, disease.code);
            let form = sentinel_kind(disease.code).map(form);
            let mut monday = date!(2015 - 01 - 05);
            while monday < date!(2028 - 01 - 03) {
                let on_form = form.and_then(|form| form.version_on(monday));
                assert_eq!(weeks.has(monday), on_form.is_some_and(|version| version.disease(disease.code).is_some()));
                monday += time::Duration::weeks(1);
            }
        }
    }

    #[test]
    fn a_short_series_runs_farrington_with_its_years_or_ears_unless_it_runs_that_ears_anyway() {
        use aberration::IsoWeek;
        // Counts from 2020-W01 on, NA in the five years before.
        let start = IsoWeek::new(2015, 1).unwrap();
        let first = usize::try_from(IsoWeek::new(2020, 1).unwrap().weeks_since(start)).unwrap();
        let series = WeeklySeries::new(start, (0..first + 120).map(|index| (index >= first).then_some(3)).collect());
        let farrington = Method::Farrington(FarringtonControl::default());
        let ears = Method::Ears(short_history_ears(&FarringtonControl::default()));
        let two_years = first + 110;
        let reduced = Method::Farrington(FarringtonControl { b: 2, ..FarringtonControl::default() });
        assert_eq!(method_for_week(&farrington, &[&farrington], &series, two_years), Some(reduced));
        assert_eq!(method_for_week(&farrington, &[&farrington], &series, first + 30), Some(ears.clone()));
        // A sentinel series' first year is watched on the rate per reporting site, as the years after.
        let rates = Method::Farrington(sentinel_farrington());
        let Some(Method::Ears(first_year)) = method_for_week(&rates, &[&rates], &series, first + 30) else { panic!() };
        assert_eq!(
            first_year,
            EarsControl { per_population: true, ..short_history_ears(&FarringtonControl::default()) }
        );
        // The 疑似症 series: their EARS C2 watches the first year; Farrington adds nothing there.
        let syndromic = configuration().into_iter().find(|entry| entry.disease == "syndromic_fever").unwrap();
        let methods: Vec<&Method> = syndromic.detections.iter().map(|detection| &detection.method).collect();
        assert!(methods.contains(&&ears));
        assert_eq!(method_for_week(&farrington, &methods, &series, first + 30), None);
        assert_eq!(method_for_week(&ears, &methods, &series, first + 30), Some(ears.clone()));
    }

    #[test]
    fn every_method_of_the_crate_has_a_name_on_the_screens() {
        use aberration::{EarsControl, EarsMethod};
        let methods = [EarsMethod::C1, EarsMethod::C2, EarsMethod::C3]
            .map(|variant| Method::Ears(EarsControl::new(variant)))
            .into_iter()
            .chain([Method::Farrington(FarringtonControl::default())]);
        for method in methods {
            assert!(method_name(method.name()).is_some(), "{}", method.name());
        }
        assert_eq!(method_name("ears-c2").map(|name| name.en), Some("EARS C2"));
        assert_eq!(method_name("farrington").map(|name| name.ja), Some("Farrington法（flexible）"));
        assert_eq!(method_name("other"), None);
    }

    #[test]
    fn alarms_are_marked_as_the_table_says_by_overseers_only() {
        use AlarmMark as M;
        use AlarmStatus as S;
        let open = AlarmWorkflow::steps_open_to;
        assert_eq!(open(Role::HealthCenterStaff, S::Open), [M::Investigating, M::Explained, M::NotSignificant]);
        assert_eq!(open(Role::PrefectureStaff, S::Investigating), [M::Explained, M::NotSignificant]);
        assert_eq!(open(Role::NationalStaff, S::Explained), [M::Investigating]);
        assert_eq!(open(Role::HealthCenterStaff, S::NotSignificant), [M::Investigating]);
        assert_eq!(open(Role::HealthCenterStaff, S::Withdrawn), [M::Investigating]);
        for role in Role::iter()
            .filter(|role| !matches!(role, Role::HealthCenterStaff | Role::PrefectureStaff | Role::NationalStaff))
        {
            for status in S::iter() {
                assert_eq!(open(role, status), [], "{role:?} in {status:?}");
            }
        }
    }
}
