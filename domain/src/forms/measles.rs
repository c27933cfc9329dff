//! 麻しん発生届: the measles notification form (五類, notified immediately with name and address). It keeps
//! its own symptom and diagnosis lists; the rest, with the vaccination history, is shared with 風しん.

use super::common::{self, choice, multi, option};
use super::{ChoiceOption, FormDefinition, Section};
use crate::i18n::Text;

const CASE_TYPES: &[ChoiceOption] = &[
    option("lab_confirmed", "麻しん（検査診断例）", "Measles (laboratory-confirmed)"),
    option("clinical", "麻しん（臨床診断例）", "Measles (clinically diagnosed)"),
    option("modified", "修飾麻しん（検査診断例）", "Modified measles (laboratory-confirmed)"),
];

const SYMPTOMS: &[ChoiceOption] = &[
    option("fever", "発熱", "Fever"),
    option("rash", "発しん", "Rash"),
    option("cough", "咳", "Cough"),
    option("coryza", "鼻汁", "Runny nose"),
    option("conjunctivitis", "結膜充血", "Conjunctival injection"),
    option("koplik_spots", "コプリック斑", "Koplik spots"),
    option("pneumonia", "肺炎", "Pneumonia"),
    option("encephalitis", "脳炎", "Encephalitis"),
];

const DIAGNOSIS_METHODS: &[ChoiceOption] = &[
    option("pcr", "検体から病原体遺伝子の検出（PCR法等）", "Pathogen genome detected (PCR etc.)"),
    option("isolation", "分離・同定による病原体の検出", "Pathogen isolated and identified"),
    option("igm", "血清IgM抗体の検出", "Serum IgM antibody detected"),
    option("paired_sera", "ペア血清での抗体の陽転又は有意上昇", "Seroconversion or significant rise in paired sera"),
    option("clinical", "臨床決定（必要な臨床症状をすべて満たす）", "Clinical criteria all met"),
];

pub static FORM: FormDefinition = FormDefinition {
    sections: &[
        Section {
            title: Text::new("類型", "Case type"),
            fields: &[choice("case_type", "類型", "Case type", CASE_TYPES)],
        },
        common::PATIENT_IDENTIFIED,
        common::GUARDIAN,
        Section {
            title: Text::new("症状・診断方法", "Symptoms and diagnosis"),
            fields: &[
                multi("symptoms", "症状", "Symptoms", SYMPTOMS),
                multi("diagnosis_methods", "診断方法", "Diagnosis method", DIAGNOSIS_METHODS),
            ],
        },
        common::DATES,
        common::INFECTION_CAUSE,
        common::INFECTION_AREA,
        common::VACCINATION_TWO_DOSES,
        common::REMARKS,
    ],
    rules: common::RULES,
};
