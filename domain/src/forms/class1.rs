//! 一類感染症 forms: notified immediately with name and address, every 類型 (患者, 無症状病原体保有者,
//! 疑似症患者 and the bodies of those who died of it or are suspected to have).

use super::common::{identified_form, option, CASE_TYPES_ALL, OTHER};
use super::symptoms::*;
use super::{ChoiceOption, FormDefinition};

pub static EBOLA: FormDefinition = identified_form!(CASE_TYPES_ALL, HEMORRHAGIC_FEVER);
pub static CRIMEAN_CONGO: FormDefinition = identified_form!(CASE_TYPES_ALL, HEMORRHAGIC_FEVER);
pub static SOUTH_AMERICAN: FormDefinition = identified_form!(CASE_TYPES_ALL, HEMORRHAGIC_FEVER);
pub static MARBURG: FormDefinition = identified_form!(CASE_TYPES_ALL, HEMORRHAGIC_FEVER);
pub static LASSA: FormDefinition = identified_form!(CASE_TYPES_ALL, HEMORRHAGIC_FEVER);

const SMALLPOX_SYMPTOMS: &[ChoiceOption] = &[
    FEVER,
    HEADACHE,
    option("back_pain", "腰背部痛", "Back pain"),
    RASH,
    VESICLES,
    option("crusts", "痂皮形成", "Scabs"),
    HEMORRHAGE,
    OTHER,
];
pub static SMALLPOX: FormDefinition = identified_form!(CASE_TYPES_ALL, SMALLPOX_SYMPTOMS);

const PLAGUE_SYMPTOMS: &[ChoiceOption] = &[
    FEVER,
    HEADACHE,
    option("bubo", "有痛性リンパ節腫脹（腺ペスト）", "Painful swollen lymph nodes (bubonic)"),
    PNEUMONIA,
    HEMOPTYSIS,
    SEPSIS,
    SHOCK,
    DIC,
    OTHER,
];
pub static PLAGUE: FormDefinition = identified_form!(CASE_TYPES_ALL, PLAGUE_SYMPTOMS);
