//! 百日咳 (五類, within 7 days, no name; notified for every case since 2018): its cough and the
//! vaccination history by number of doses.

use super::common::{anonymous_form, option, CASE_TYPES_PATIENT, OTHER, VACCINATION_DOSES};
use super::symptoms::*;
use super::{ChoiceOption, FormDefinition};

const SYMPTOMS: &[ChoiceOption] = &[
    option("persistent_cough", "持続する咳（2週間以上）", "Cough lasting two weeks or more"),
    option("paroxysmal_cough", "スタッカート様の咳き込み（発作性の咳嗽）", "Paroxysmal cough"),
    option("whoop", "吸気性笛声（whoop）", "Inspiratory whoop"),
    option("post_tussive_vomiting", "咳き込み後の嘔吐", "Vomiting after coughing"),
    option("apnea", "無呼吸発作", "Apnoea"),
    option("cyanosis", "チアノーゼ", "Cyanosis"),
    PNEUMONIA,
    CONVULSION,
    ENCEPHALITIS,
    OTHER,
];

pub static FORM: FormDefinition = anonymous_form!(CASE_TYPES_PATIENT, SYMPTOMS, VACCINATION_DOSES);
