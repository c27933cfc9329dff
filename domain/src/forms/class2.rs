//! 二類感染症 forms (結核 is in `tuberculosis`): notified immediately with name. Suspected cases count as
//! patients only for the diseases of 施行令 第4条 (SARS, MERS, 鳥インフルエンザ H5N1/H7N9, 結核), so
//! 急性灰白髄炎 and ジフテリア have no 疑似症患者.

use super::common::{identified_form, option, CASE_TYPES_ALL, CASE_TYPES_WITH_CARRIER, OTHER};
use super::symptoms::*;
use super::{ChoiceOption, FormDefinition};

const POLIO_SYMPTOMS: &[ChoiceOption] = &[
    FEVER,
    HEADACHE,
    NAUSEA_VOMITING,
    MENINGEAL_SIGNS,
    FLACCID_PARALYSIS,
    option("respiratory_paralysis", "呼吸筋麻痺", "Respiratory muscle paralysis"),
    OTHER,
];
pub static POLIO: FormDefinition = identified_form!(CASE_TYPES_WITH_CARRIER, POLIO_SYMPTOMS);

const DIPHTHERIA_SYMPTOMS: &[ChoiceOption] = &[
    FEVER,
    SORE_THROAT,
    option("pseudomembrane", "偽膜形成", "Pseudomembrane"),
    option("bull_neck", "頸部の腫脹（牛頸）", "Swollen neck (bull neck)"),
    option("barking_cough", "嗄声・犬吠様咳嗽", "Hoarseness or barking cough"),
    DYSPNEA,
    option("myocarditis", "心筋炎", "Myocarditis"),
    option("neuropathy", "神経麻痺", "Nerve palsy"),
    OTHER,
];
pub static DIPHTHERIA: FormDefinition = identified_form!(CASE_TYPES_WITH_CARRIER, DIPHTHERIA_SYMPTOMS);

pub static SARS: FormDefinition = identified_form!(CASE_TYPES_ALL, SEVERE_RESPIRATORY);
pub static MERS: FormDefinition = identified_form!(CASE_TYPES_ALL, SEVERE_RESPIRATORY);
pub static AVIAN_INFLUENZA_H5N1: FormDefinition = identified_form!(CASE_TYPES_ALL, SEVERE_RESPIRATORY);
pub static AVIAN_INFLUENZA_H7N9: FormDefinition = identified_form!(CASE_TYPES_ALL, SEVERE_RESPIRATORY);
