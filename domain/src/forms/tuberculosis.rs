//! 結核発生届 (二類, notified immediately with name). 潜在性結核感染症 is the 無症状病原体保有者 類型;
//! 病型 (肺結核 / 肺外結核) is asked of the others, the sputum smear of pulmonary cases, IGRA of LTBI.

use super::common::{
    choice, identified_form, multi, option, optional, text, unless, when, when_includes, OTHER, YES_NO_UNKNOWN,
};
use super::symptoms::*;
use super::{ChoiceOption, FormDefinition, Section};
use crate::i18n::Text;

const CASE_TYPES: &[ChoiceOption] = &[
    option("patient", "患者（確定例）", "Patient (confirmed case)"),
    option("carrier", "無症状病原体保有者（潜在性結核感染症）", "Latent tuberculosis infection"),
    option("suspected", "疑似症患者", "Suspected case"),
    option("dead", "感染症死亡者の死体", "Body of a person who died of the disease"),
    option("suspected_dead", "感染症死亡疑い者の死体", "Body of a person suspected to have died of the disease"),
];

const SYMPTOMS: &[ChoiceOption] = &[
    COUGH,
    SPUTUM,
    HEMOPTYSIS,
    FEVER,
    option("night_sweats", "寝汗", "Night sweats"),
    WEIGHT_LOSS,
    CHEST_PAIN,
    FATIGUE,
    DYSPNEA,
    OTHER,
];

const SITES: &[ChoiceOption] = &[
    option("pulmonary", "肺結核", "Pulmonary tuberculosis"),
    option("extrapulmonary", "肺外結核（その他の結核）", "Extrapulmonary tuberculosis"),
];

const SMEAR: &[ChoiceOption] = &[
    option("positive", "陽性", "Positive"),
    option("negative", "陰性", "Negative"),
    option("not_done", "未実施", "Not done"),
];

const IGRA: &[ChoiceOption] = &[
    option("positive", "陽性", "Positive"),
    option("negative", "陰性", "Negative"),
    option("indeterminate", "判定保留・判定不可", "Indeterminate"),
    option("not_done", "未実施", "Not done"),
];

/// 病型 and the tests that decide how the health center follows the case up.
pub const TUBERCULOSIS_ITEMS: Section = Section {
    title: Text::new("病型・検査", "Type and tests"),
    fields: &[
        unless(multi("tb_sites", "病型", "Type of disease", SITES), "case_type", "carrier"),
        when_includes(
            text(
                "tb_extrapulmonary_site",
                "肺外結核の部位（結核性胸膜炎、リンパ節結核、粟粒結核等）",
                "Site of extrapulmonary tuberculosis",
                100,
                true,
            ),
            "tb_sites",
            "extrapulmonary",
        ),
        when_includes(choice("tb_sputum_smear", "喀痰塗抹検査", "Sputum smear", SMEAR), "tb_sites", "pulmonary"),
        when(
            choice("tb_igra", "インターフェロンγ遊離試験（IGRA）", "Interferon-gamma release assay (IGRA)", IGRA),
            "case_type",
            "carrier",
        ),
        optional(choice("tb_bcg", "BCG接種歴", "BCG vaccination", YES_NO_UNKNOWN)),
    ],
};

pub static FORM: FormDefinition = identified_form!(CASE_TYPES, SYMPTOMS, TUBERCULOSIS_ITEMS);
