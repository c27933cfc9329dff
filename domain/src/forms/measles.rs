//! 麻しん発生届: the measles notification form (五類, notified immediately with name and address).

use super::common::{self, choice, date, multi, option, when};
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
    option("pcr", "検体から病原体遺伝子の検出（PCR法等）", "Viral genome detected (PCR etc.)"),
    option("isolation", "分離・同定による病原体の検出", "Virus isolated and identified"),
    option("igm", "血清IgM抗体の検出", "Serum IgM antibody detected"),
    option("paired_sera", "ペア血清での抗体の陽転又は有意上昇", "Seroconversion or significant rise in paired sera"),
    option("clinical", "臨床決定（必要な臨床症状をすべて満たす）", "Clinical criteria all met"),
];

const ROUTES: &[ChoiceOption] = &[
    option("airborne", "空気・飛沫感染", "Airborne or droplet"),
    option("contact", "接触感染", "Contact"),
    option("other", "その他", "Other"),
    option("unknown", "不明", "Unknown"),
];

const VACCINATION: &[ChoiceOption] =
    &[option("yes", "有", "Yes"), option("no", "無", "No"), option("unknown", "不明", "Unknown")];

pub static FORM: FormDefinition = FormDefinition {
    sections: &[
        Section {
            title: Text::new("類型", "Case type"),
            fields: &[choice("case_type", "類型", "Case type", CASE_TYPES)],
        },
        common::PATIENT_IDENTIFIED,
        Section {
            title: Text::new("症状・診断方法", "Symptoms and diagnosis"),
            fields: &[
                multi("symptoms", "症状", "Symptoms", SYMPTOMS),
                multi("diagnosis_methods", "診断方法", "Diagnosis method", DIAGNOSIS_METHODS),
            ],
        },
        common::DATES,
        Section {
            title: Text::new("感染原因・感染経路", "Cause and route of infection"),
            fields: &[choice("infection_route", "感染経路", "Route of infection", ROUTES)],
        },
        common::INFECTION_AREA,
        Section {
            title: Text::new("予防接種歴", "Vaccination history"),
            fields: &[
                choice("vaccination_1", "1回目の接種", "First dose", VACCINATION),
                when(
                    date("vaccination_1_date", "1回目の接種年月日", "Date of first dose", false),
                    "vaccination_1",
                    "yes",
                ),
                choice("vaccination_2", "2回目の接種", "Second dose", VACCINATION),
                when(
                    date("vaccination_2_date", "2回目の接種年月日", "Date of second dose", false),
                    "vaccination_2",
                    "yes",
                ),
            ],
        },
    ],
    rules: common::DATE_RULES,
};
