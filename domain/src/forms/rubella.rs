//! 風しん (五類, notified immediately with name): laboratory or clinical diagnosis, pregnancy, and the
//! two-dose vaccination history shared with 麻しん.

use super::common::{identified_form, option, OTHER, PREGNANCY, VACCINATION_TWO_DOSES};
use super::symptoms::*;
use super::{ChoiceOption, FormDefinition};

const CASE_TYPES: &[ChoiceOption] = &[
    option("lab_confirmed", "風しん（検査診断例）", "Rubella (laboratory-confirmed)"),
    option("clinical", "風しん（臨床診断例）", "Rubella (clinically diagnosed)"),
];

const SYMPTOMS: &[ChoiceOption] = &[
    RASH,
    FEVER,
    LYMPHADENOPATHY,
    ARTHRALGIA,
    CONJUNCTIVITIS,
    option("thrombocytopenic_purpura", "血小板減少性紫斑病", "Thrombocytopenic purpura"),
    ENCEPHALITIS,
    OTHER,
];

pub static FORM: FormDefinition = identified_form!(CASE_TYPES, SYMPTOMS, PREGNANCY, VACCINATION_TWO_DOSES);
