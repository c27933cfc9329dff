//! 梅毒 (五類, within 7 days, no name): 病型 (stage), pregnancy, sex-industry history, past syphilis and
//! HIV infection, as the form revised in 2023 asks.

use super::common::{anonymous_form, choice, option, CASE_TYPES_WITH_CARRIER, OTHER, PREGNANCY, YES_NO_UNKNOWN};
use super::{ChoiceOption, FormDefinition, Section};
use crate::i18n::Text;

const SYMPTOMS: &[ChoiceOption] = &[
    option("initial_sclerosis", "初期硬結", "Initial induration"),
    option("hard_chancre", "硬性下疳", "Hard chancre"),
    option("inguinal_lymphadenopathy", "無痛性横痃（鼠径部リンパ節腫脹）", "Painless inguinal lymphadenopathy"),
    option("roseola", "梅毒性バラ疹", "Syphilitic roseola"),
    option("papular_syphilide", "丘疹性梅毒疹", "Papular syphilide"),
    option("condyloma_latum", "扁平コンジローマ", "Condyloma latum"),
    option("mucous_patch", "粘膜疹", "Mucous patches"),
    option("alopecia", "梅毒性脱毛", "Syphilitic alopecia"),
    option("gumma", "ゴム腫", "Gumma"),
    option("cardiovascular", "心血管梅毒", "Cardiovascular syphilis"),
    option("neurosyphilis", "神経梅毒", "Neurosyphilis"),
    option(
        "congenital_signs",
        "先天梅毒の症状（水疱性発疹、骨軟骨炎、鼻炎、ハッチンソン三徴等）",
        "Signs of congenital syphilis",
    ),
    OTHER,
];

/// 病型. ASCII "I"/"II" rather than "Ⅰ"/"Ⅱ", which are environment-dependent characters (V-1).
const STAGES: &[ChoiceOption] = &[
    option("early_primary", "早期顕症梅毒（I期）", "Early symptomatic syphilis, primary"),
    option("early_secondary", "早期顕症梅毒（II期）", "Early symptomatic syphilis, secondary"),
    option("late", "晩期顕症梅毒", "Late symptomatic syphilis"),
    option("asymptomatic", "無症候", "Asymptomatic"),
    option("congenital", "先天梅毒", "Congenital syphilis"),
];

pub const SYPHILIS_ITEMS: Section = Section {
    title: Text::new("病型・既往・行動歴", "Stage, history and exposure"),
    fields: &[
        choice("syphilis_stage", "病型", "Type of disease", STAGES),
        choice(
            "sex_work_history",
            "直近6か月以内の性風俗産業の従事歴",
            "Worked in the sex industry in the last 6 months",
            YES_NO_UNKNOWN,
        ),
        choice(
            "sex_work_use",
            "直近6か月以内の性風俗産業の利用歴",
            "Used the sex industry in the last 6 months",
            YES_NO_UNKNOWN,
        ),
        choice("syphilis_history", "梅毒の既往", "Had syphilis before", YES_NO_UNKNOWN),
        choice("hiv_status", "HIV感染症の有無", "HIV infection", YES_NO_UNKNOWN),
    ],
};

pub static FORM: FormDefinition = anonymous_form!(CASE_TYPES_WITH_CARRIER, SYMPTOMS, SYPHILIS_ITEMS, PREGNANCY);
