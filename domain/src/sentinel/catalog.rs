//! The sentinel catalog (定点把握, SPEC S-1) as data: the sentinel types, the report forms each type
//! files (weekly or monthly), and per form the versions in force from a date: its diseases, its age
//! bands (counts are by age band × sex) and, for 入院サーベイランス, its care items. A change of the
//! rules (the ARI 定点 of 2025-04-07, COVID-19 入院 from 2023-09-25) is a new version, not new code.
//!
//! Sources: shared/reference/sentinel-surveillance.md (b.1, b.2, e.1). Entries it marks unverified are
//! marked here too ([unverified]); they stay data so that a confirmed value replaces them in one place.

use serde::{Deserialize, Serialize};
use time::macros::date;
use time::Date;

use super::period::IsoWeek;
use crate::i18n::Text;

/// 定点種別: what an institution is designated as (a site may hold several designations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SentinelType {
    /// インフルエンザ定点 → インフルエンザ/COVID-19定点 (2023-05-08) → 急性呼吸器感染症 (ARI) 定点 (2025-04-07).
    Respiratory,
    /// 小児科定点
    Pediatric,
    /// 眼科定点
    Ophthalmology,
    /// 性感染症 (STD) 定点
    Std,
    /// 基幹定点
    Basic,
    /// 疑似症定点 (指定届出機関 for 疑似症, 施行規則第6条第2項, from 2019-04-01): files no periodic form, but
    /// each case at once (`crate::syndromic`).
    Syndromic,
}

impl SentinelType {
    pub const ALL: [Self; 6] =
        [Self::Respiratory, Self::Pediatric, Self::Ophthalmology, Self::Std, Self::Basic, Self::Syndromic];

    /// The stable code, as in the API and the designation master.
    pub fn code(self) -> &'static str {
        match self {
            Self::Respiratory => "respiratory",
            Self::Pediatric => "pediatric",
            Self::Ophthalmology => "ophthalmology",
            Self::Std => "std",
            Self::Basic => "basic",
            Self::Syndromic => "syndromic",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }

    /// The name in force on `day` (the respiratory sentinel was renamed twice).
    pub fn name_on(self, day: Date) -> Text {
        match self {
            Self::Respiratory if day >= ARI_FROM => Text::new("急性呼吸器感染症（ARI）定点", "ARI sentinel"),
            Self::Respiratory if day >= COVID_SENTINEL_FROM => {
                Text::new("インフルエンザ/COVID-19定点", "Influenza/COVID-19 sentinel")
            }
            Self::Respiratory => Text::new("インフルエンザ定点", "Influenza sentinel"),
            Self::Pediatric => Text::new("小児科定点", "Paediatric sentinel"),
            Self::Ophthalmology => Text::new("眼科定点", "Ophthalmology sentinel"),
            Self::Std => Text::new("性感染症定点", "STD sentinel"),
            Self::Basic => Text::new("基幹定点", "Core hospital sentinel"),
            Self::Syndromic => Text::new("疑似症定点", "Syndromic surveillance site"),
        }
    }

    /// The report forms this type files.
    pub fn forms(self) -> impl Iterator<Item = &'static ReportForm> {
        FORMS.iter().filter(move |form| form.sentinel_type == self)
    }
}

/// The day the influenza sentinel also reports COVID-19 (2023-W19).
const COVID_SENTINEL_FROM: Date = date!(2023 - 05 - 08);
/// The day the respiratory sentinel becomes the ARI sentinel (2025-W15).
const ARI_FROM: Date = date!(2025 - 04 - 07);

/// A report form: what one site files for one period. The key of a report is site × kind × period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// インフルエンザ（/COVID-19、ARI）定点 週報
    RespiratoryWeekly,
    /// 小児科定点 週報
    PediatricWeekly,
    /// 眼科定点 週報
    OphthalmologyWeekly,
    /// 性感染症定点 月報
    StdMonthly,
    /// 基幹定点 週報
    BasicWeekly,
    /// 基幹定点 月報（薬剤耐性菌）
    BasicMonthly,
    /// 基幹定点 入院サーベイランス（週）: admissions by age band × sex with their care items.
    Hospitalization,
}

impl ReportKind {
    /// The stable code, as in the API (the serde name).
    pub fn code(self) -> &'static str {
        match self {
            Self::RespiratoryWeekly => "respiratory_weekly",
            Self::PediatricWeekly => "pediatric_weekly",
            Self::OphthalmologyWeekly => "ophthalmology_weekly",
            Self::StdMonthly => "std_monthly",
            Self::BasicWeekly => "basic_weekly",
            Self::BasicMonthly => "basic_monthly",
            Self::Hospitalization => "hospitalization",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        FORMS.iter().map(|form| form.kind).find(|kind| kind.code() == code)
    }
}

/// How often a form is filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Frequency {
    /// Monday–Sunday, ISO 8601 weeks (a.3).
    Weekly,
    /// Calendar months (b.2).
    Monthly,
}

/// One disease of the sentinel catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SentinelDisease {
    /// Stable code, e.g. `influenza`.
    pub code: &'static str,
    pub name: Text,
}

/// One age band of a form's grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AgeBand {
    /// Stable code, e.g. `0-5m`, `10-14y`, `80+`.
    pub code: &'static str,
    pub name: Text,
}

/// A care item of 入院サーベイランス (counted per disease: how many of the week's admissions had it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CareItem {
    pub code: &'static str,
    pub name: Text,
}

/// A form's content from `effective_from` until the next version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FormVersion {
    #[serde(serialize_with = "crate::dates::iso_date::serialize")]
    pub effective_from: Date,
    pub diseases: &'static [SentinelDisease],
    pub age_bands: &'static [AgeBand],
    /// Empty except for 入院サーベイランス.
    pub care_items: &'static [CareItem],
    /// The report is due at the end of this many days after the period's last day (Japan time):
    /// 1 is the Monday after a week (e.1, "due the following Monday").
    pub due_days_after: u8,
}

impl FormVersion {
    pub fn disease(&self, code: &str) -> Option<&'static SentinelDisease> {
        self.diseases.iter().find(|disease| disease.code == code)
    }

    pub fn age_band(&self, code: &str) -> Option<&'static AgeBand> {
        self.age_bands.iter().find(|band| band.code == code)
    }

    pub fn care_item(&self, code: &str) -> Option<&'static CareItem> {
        self.care_items.iter().find(|item| item.code == code)
    }
}

/// A report form with its versions, oldest first.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct ReportForm {
    pub kind: ReportKind,
    pub sentinel_type: SentinelType,
    pub frequency: Frequency,
    pub name: Text,
    pub versions: &'static [FormVersion],
}

impl ReportForm {
    /// The version in force on `day` (a period's first day); `None` before the first.
    pub fn version_on(&self, day: Date) -> Option<&'static FormVersion> {
        self.versions.iter().rev().find(|version| version.effective_from <= day)
    }
}

/// A disease of the weekly forms in force in `week`, with the first form that counts it (influenza:
/// the respiratory sentinels'). `None`: no weekly form of that week has it.
pub fn weekly_disease(code: &str, week: IsoWeek) -> Option<(&'static ReportForm, &'static SentinelDisease)> {
    FORMS.iter().filter(|form| form.frequency == Frequency::Weekly).find_map(|form| {
        let disease = form.version_on(week.monday())?.disease(code)?;
        Some((form, disease))
    })
}

/// The form of a kind.
pub fn form(kind: ReportKind) -> &'static ReportForm {
    match FORMS.iter().find(|form| form.kind == kind) {
        Some(form) => form,
        // Every kind has a form (a test checks it); the first is a harmless stand-in.
        None => &FORMS[0],
    }
}

const fn disease(code: &'static str, ja: &'static str, en: &'static str) -> SentinelDisease {
    SentinelDisease { code, name: Text::new(ja, en) }
}

const fn band(code: &'static str, ja: &'static str, en: &'static str) -> AgeBand {
    AgeBand { code, name: Text::new(ja, en) }
}

const INFLUENZA: SentinelDisease = disease("influenza", "インフルエンザ", "Influenza");
const COVID19: SentinelDisease = disease("covid19", "新型コロナウイルス感染症（COVID-19）", "COVID-19");
const ARI: SentinelDisease = disease("ari", "急性呼吸器感染症（ARI）", "Acute respiratory infection (ARI)");

const PEDIATRIC_DISEASES: &[SentinelDisease] = &[
    disease("rsv", "RSウイルス感染症", "RSV infection"),
    disease("pharyngoconjunctival_fever", "咽頭結膜熱", "Pharyngoconjunctival fever"),
    disease("group_a_streptococcal_pharyngitis", "A群溶血性レンサ球菌咽頭炎", "Group A streptococcal pharyngitis"),
    disease("infectious_gastroenteritis", "感染性胃腸炎", "Infectious gastroenteritis"),
    disease("varicella", "水痘", "Varicella"),
    disease("hand_foot_and_mouth_disease", "手足口病", "Hand, foot and mouth disease"),
    disease("erythema_infectiosum", "伝染性紅斑", "Erythema infectiosum"),
    disease("exanthem_subitum", "突発性発しん", "Exanthem subitum"),
    disease("herpangina", "ヘルパンギーナ", "Herpangina"),
    disease("mumps", "流行性耳下腺炎", "Mumps"),
];

const OPHTHALMOLOGY_DISEASES: &[SentinelDisease] = &[
    disease("acute_hemorrhagic_conjunctivitis", "急性出血性結膜炎", "Acute hemorrhagic conjunctivitis"),
    disease("epidemic_keratoconjunctivitis", "流行性角結膜炎", "Epidemic keratoconjunctivitis"),
];

const STD_DISEASES: &[SentinelDisease] = &[
    disease("genital_chlamydia", "性器クラミジア感染症", "Genital chlamydial infection"),
    disease("genital_herpes", "性器ヘルペスウイルス感染症", "Genital herpes"),
    disease("condyloma_acuminatum", "尖圭コンジローマ", "Condyloma acuminatum"),
    disease("gonorrhea", "淋菌感染症", "Gonorrhoea"),
];

const BASIC_WEEKLY_DISEASES: &[SentinelDisease] = &[
    disease("bacterial_meningitis", "細菌性髄膜炎", "Bacterial meningitis"),
    disease("aseptic_meningitis", "無菌性髄膜炎", "Aseptic meningitis"),
    disease("mycoplasma_pneumonia", "マイコプラズマ肺炎", "Mycoplasma pneumonia"),
    disease("chlamydial_pneumonia", "クラミジア肺炎", "Chlamydial pneumonia"),
    disease("rotavirus_gastroenteritis", "感染性胃腸炎（ロタウイルス）", "Rotavirus gastroenteritis"),
];

const MRSA: SentinelDisease = disease("mrsa", "メチシリン耐性黄色ブドウ球菌感染症", "MRSA infection");
const PRSP: SentinelDisease = disease("prsp", "ペニシリン耐性肺炎球菌感染症", "PRSP infection");
const DRUG_RESISTANT_PSEUDOMONAS: SentinelDisease =
    disease("drug_resistant_pseudomonas", "薬剤耐性緑膿菌感染症", "Drug-resistant Pseudomonas aeruginosa infection");

/// A weekly grid: the 13 bands every weekly form shares (0–5ヶ月 … 15–19歳), then `$rest`.
macro_rules! weekly_grid {
    ($($rest:expr),* $(,)?) => {
        &[
            band("0-5m", "0～5ヶ月", "0–5 months"),
            band("6-11m", "6～11ヶ月", "6–11 months"),
            band("1y", "1歳", "1 year"),
            band("2y", "2歳", "2 years"),
            band("3y", "3歳", "3 years"),
            band("4y", "4歳", "4 years"),
            band("5y", "5歳", "5 years"),
            band("6y", "6歳", "6 years"),
            band("7y", "7歳", "7 years"),
            band("8y", "8歳", "8 years"),
            band("9y", "9歳", "9 years"),
            band("10-14y", "10～14歳", "10–14 years"),
            band("15-19y", "15～19歳", "15–19 years"),
            $($rest),*
        ]
    };
}

/// The adult bands of the 20-band grid up to 60–69歳.
macro_rules! weekly_grid_to_69 {
    ($($rest:expr),* $(,)?) => {
        weekly_grid![
            band("20-29y", "20～29歳", "20–29 years"),
            band("30-39y", "30～39歳", "30–39 years"),
            band("40-49y", "40～49歳", "40–49 years"),
            band("50-59y", "50～59歳", "50–59 years"),
            band("60-69y", "60～69歳", "60–69 years"),
            $($rest),*
        ]
    };
}

/// The 20-band weekly grid (別記様式7-2; Tokyo's weekly age table).
const WEEKLY_20: &[AgeBand] =
    weekly_grid_to_69![band("70-79y", "70～79歳", "70–79 years"), band("80+", "80歳以上", "80 years and over")];

/// 小児科定点: the grid up to 15–19歳, then 20歳以上.
const PEDIATRIC_14: &[AgeBand] = weekly_grid![band("20+", "20歳以上", "20 years and over")];

/// 眼科定点: the grid up to 60–69歳, then 70歳以上.
const OPHTHALMOLOGY_19: &[AgeBand] = weekly_grid_to_69![band("70+", "70歳以上", "70 years and over")];

/// Monthly reports: 0歳, 1～4歳, 5-year bands to 65～69歳, 70歳以上 (IDWR).
const MONTHLY_16: &[AgeBand] = &[
    band("0y", "0歳", "0 years"),
    band("1-4y", "1～4歳", "1–4 years"),
    band("5-9y", "5～9歳", "5–9 years"),
    band("10-14y", "10～14歳", "10–14 years"),
    band("15-19y", "15～19歳", "15–19 years"),
    band("20-24y", "20～24歳", "20–24 years"),
    band("25-29y", "25～29歳", "25–29 years"),
    band("30-34y", "30～34歳", "30–34 years"),
    band("35-39y", "35～39歳", "35–39 years"),
    band("40-44y", "40～44歳", "40–44 years"),
    band("45-49y", "45～49歳", "45–49 years"),
    band("50-54y", "50～54歳", "50–54 years"),
    band("55-59y", "55～59歳", "55–59 years"),
    band("60-64y", "60～64歳", "60–64 years"),
    band("65-69y", "65～69歳", "65–69 years"),
    band("70+", "70歳以上", "70 years and over"),
];

/// 入院サーベイランス (e.1): 1歳未満, 1～4, 5～9, 10～14, 15～19, then 10-year bands to 80歳以上.
pub(crate) const HOSPITALIZATION_12: &[AgeBand] = &[
    band("0y", "1歳未満", "Under 1 year"),
    band("1-4y", "1～4歳", "1–4 years"),
    band("5-9y", "5～9歳", "5–9 years"),
    band("10-14y", "10～14歳", "10–14 years"),
    band("15-19y", "15～19歳", "15–19 years"),
    band("20-29y", "20～29歳", "20–29 years"),
    band("30-39y", "30～39歳", "30–39 years"),
    band("40-49y", "40～49歳", "40–49 years"),
    band("50-59y", "50～59歳", "50–59 years"),
    band("60-69y", "60～69歳", "60–69 years"),
    band("70-79y", "70～79歳", "70–79 years"),
    band("80+", "80歳以上", "80 years and over"),
];

/// The care at admission, each "予定含む" (e.1); `none` is いずれにも該当せず.
const CARE_ITEMS: &[CareItem] = &[
    CareItem { code: "icu", name: Text::new("ICU入室", "ICU admission") },
    CareItem { code: "ventilator", name: Text::new("人工呼吸器の利用", "Mechanical ventilation") },
    CareItem { code: "head_ct", name: Text::new("頭部CT検査", "Head CT") },
    CareItem { code: "head_mri", name: Text::new("頭部MRI検査", "Head MRI") },
    CareItem { code: "eeg", name: Text::new("脳波検査", "EEG") },
    CareItem { code: "none", name: Text::new("いずれにも該当せず", "None of these") },
];

/// Weekly reports are due the Monday after the week (e.1).
const WEEKLY_DUE: u8 = 1;
/// [unverified] The facts give no deadline for monthly reports; the 7th of the next month is assumed.
const MONTHLY_DUE: u8 = 7;

/// The first day this catalog models: 百日咳 left the 小児科定点 for 全数 on 2018-01-01 (b.1).
const CATALOG_FROM: Date = date!(2018 - 01 - 01);

const fn weekly(
    effective_from: Date,
    diseases: &'static [SentinelDisease],
    age_bands: &'static [AgeBand],
) -> FormVersion {
    FormVersion { effective_from, diseases, age_bands, care_items: &[], due_days_after: WEEKLY_DUE }
}

const fn monthly(
    effective_from: Date,
    diseases: &'static [SentinelDisease],
    age_bands: &'static [AgeBand],
) -> FormVersion {
    FormVersion { effective_from, diseases, age_bands, care_items: &[], due_days_after: MONTHLY_DUE }
}

/// Every report form, with its versions.
pub static FORMS: &[ReportForm] = &[
    ReportForm {
        kind: ReportKind::RespiratoryWeekly,
        sentinel_type: SentinelType::Respiratory,
        frequency: Frequency::Weekly,
        name: Text::new("急性呼吸器感染症等 週報", "Respiratory weekly report"),
        versions: &[
            weekly(CATALOG_FROM, &[INFLUENZA], WEEKLY_20),
            weekly(COVID_SENTINEL_FROM, &[INFLUENZA, COVID19], WEEKLY_20),
            // [unverified] The ARI 定点's age grid: the 20-band grid is kept until confirmed.
            weekly(ARI_FROM, &[ARI, INFLUENZA, COVID19], WEEKLY_20),
        ],
    },
    ReportForm {
        kind: ReportKind::PediatricWeekly,
        sentinel_type: SentinelType::Pediatric,
        frequency: Frequency::Weekly,
        name: Text::new("小児科定点 週報", "Paediatric weekly report"),
        versions: &[weekly(CATALOG_FROM, PEDIATRIC_DISEASES, PEDIATRIC_14)],
    },
    ReportForm {
        kind: ReportKind::OphthalmologyWeekly,
        sentinel_type: SentinelType::Ophthalmology,
        frequency: Frequency::Weekly,
        name: Text::new("眼科定点 週報", "Ophthalmology weekly report"),
        versions: &[weekly(CATALOG_FROM, OPHTHALMOLOGY_DISEASES, OPHTHALMOLOGY_19)],
    },
    ReportForm {
        kind: ReportKind::StdMonthly,
        sentinel_type: SentinelType::Std,
        frequency: Frequency::Monthly,
        name: Text::new("性感染症定点 月報", "STD monthly report"),
        versions: &[monthly(CATALOG_FROM, STD_DISEASES, MONTHLY_16)],
    },
    ReportForm {
        kind: ReportKind::BasicWeekly,
        sentinel_type: SentinelType::Basic,
        frequency: Frequency::Weekly,
        name: Text::new("基幹定点 週報", "Core hospital weekly report"),
        // [unverified] Tabulated on the 20-band grid in Tokyo's weekly table; verify against 別記様式.
        versions: &[weekly(CATALOG_FROM, BASIC_WEEKLY_DISEASES, WEEKLY_20)],
    },
    ReportForm {
        kind: ReportKind::BasicMonthly,
        sentinel_type: SentinelType::Basic,
        frequency: Frequency::Monthly,
        name: Text::new("基幹定点 月報", "Core hospital monthly report"),
        // [unverified] The age bands of the 薬剤耐性菌 report: the monthly grid is assumed.
        versions: &[
            monthly(CATALOG_FROM, &[MRSA, PRSP, DRUG_RESISTANT_PSEUDOMONAS], MONTHLY_16),
            // 多剤耐性緑膿菌感染症 joins 五類全数 on 2026-04-06 (diseases.md); the sentinel entry is
            // assumed to end then [unverified].
            monthly(date!(2026 - 04 - 01), &[MRSA, PRSP], MONTHLY_16),
        ],
    },
    ReportForm {
        kind: ReportKind::Hospitalization,
        sentinel_type: SentinelType::Basic,
        frequency: Frequency::Weekly,
        name: Text::new("入院サーベイランス", "Hospitalisation surveillance"),
        versions: &[
            FormVersion {
                effective_from: CATALOG_FROM,
                diseases: &[INFLUENZA],
                age_bands: HOSPITALIZATION_12,
                care_items: CARE_ITEMS,
                due_days_after: WEEKLY_DUE,
            },
            // COVID-19 入院 from 2023-09-25 (b.1). [unverified] Its item list: influenza's is assumed.
            FormVersion {
                effective_from: date!(2023 - 09 - 25),
                diseases: &[INFLUENZA, COVID19],
                age_bands: HOSPITALIZATION_12,
                care_items: CARE_ITEMS,
                due_days_after: WEEKLY_DUE,
            },
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    const KINDS: [ReportKind; 7] = [
        ReportKind::RespiratoryWeekly,
        ReportKind::PediatricWeekly,
        ReportKind::OphthalmologyWeekly,
        ReportKind::StdMonthly,
        ReportKind::BasicWeekly,
        ReportKind::BasicMonthly,
        ReportKind::Hospitalization,
    ];

    #[test]
    fn every_kind_has_exactly_one_form_with_versions_in_date_order() {
        for kind in KINDS {
            assert_eq!(FORMS.iter().filter(|form| form.kind == kind).count(), 1, "{kind:?}");
            let versions = form(kind).versions;
            assert!(!versions.is_empty());
            assert!(versions.windows(2).all(|pair| pair[0].effective_from < pair[1].effective_from), "{kind:?}");
        }
        assert_eq!(FORMS.len(), KINDS.len());
    }

    #[test]
    fn the_grids_have_the_documented_sizes_and_unique_codes() {
        for (grid, size) in
            [(WEEKLY_20, 20), (PEDIATRIC_14, 14), (OPHTHALMOLOGY_19, 19), (MONTHLY_16, 16), (HOSPITALIZATION_12, 12)]
        {
            assert_eq!(grid.len(), size);
            let mut codes: Vec<&str> = grid.iter().map(|band| band.code).collect();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), size, "duplicate band code");
        }
    }

    #[test]
    fn the_respiratory_form_follows_the_2023_and_2025_changes() {
        let form = form(ReportKind::RespiratoryWeekly);
        let codes = |day| form.version_on(day).map(|v| v.diseases.iter().map(|d| d.code).collect::<Vec<_>>());
        assert_eq!(codes(date!(2023 - 05 - 07)), Some(vec!["influenza"]));
        assert_eq!(codes(date!(2023 - 05 - 08)), Some(vec!["influenza", "covid19"]));
        assert_eq!(codes(date!(2025 - 04 - 06)), Some(vec!["influenza", "covid19"]));
        assert_eq!(codes(date!(2025 - 04 - 07)), Some(vec!["ari", "influenza", "covid19"]));
        assert_eq!(form.version_on(date!(2017 - 12 - 31)).map(|v| v.effective_from), None);
        assert_eq!(SentinelType::Respiratory.name_on(date!(2025 - 04 - 07)).ja, "急性呼吸器感染症（ARI）定点");
        assert_eq!(SentinelType::Respiratory.name_on(date!(2023 - 05 - 07)).ja, "インフルエンザ定点");
    }

    #[test]
    fn covid_admissions_are_reported_from_2023_09_25() {
        let form = form(ReportKind::Hospitalization);
        let has_covid = |day| form.version_on(day).is_some_and(|v| v.disease("covid19").is_some());
        assert!(!has_covid(date!(2023 - 09 - 24)) && has_covid(date!(2023 - 09 - 25)));
        assert!(form.version_on(date!(2024 - 01 - 01)).is_some_and(|v| v.care_item("ventilator").is_some()));
    }

    #[test]
    fn kind_codes_are_their_wire_names() {
        for kind in KINDS {
            assert_eq!(serde_json::to_value(kind).unwrap(), serde_json::json!(kind.code()));
            assert_eq!(ReportKind::from_code(kind.code()), Some(kind));
        }
    }

    #[test]
    fn types_round_trip_through_their_codes_and_own_their_forms() {
        for kind in SentinelType::ALL {
            assert_eq!(SentinelType::from_code(kind.code()), Some(kind));
            // Every type files a periodic form but 疑似症, reported case by case.
            assert_eq!(kind.forms().count() >= 1, kind != SentinelType::Syndromic, "{kind:?}");
        }
        assert_eq!(SentinelType::Basic.forms().count(), 3);
        assert_eq!(SentinelType::from_code("inpatient"), None);
    }
}
