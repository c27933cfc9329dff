//! 獣医師の届出 (感染症法 第13条): the form a veterinarian files for an animal of a species named in
//! 施行令 第5条 with one of its diseases. One form for every pair; the species named in the catalog entry
//! is narrowed down in `animal_species` (e.g. カニクイザル).

use super::common::{choice, date, integer, long_text, multi, option, other_text, phone, text, when, OTHER};
use super::{ChoiceOption, FormDefinition, FormRule, Section, Wrong};
use crate::i18n::Text;

const CASE_TYPES: &[ChoiceOption] = &[
    option("infected", "感染動物（確定）", "Infected animal (confirmed)"),
    option("suspected", "感染の疑いのある動物", "Suspected infection"),
    option("dead", "感染動物の死体", "Carcass of an infected animal"),
    option("suspected_dead", "感染の疑いのある動物の死体", "Carcass of an animal suspected to be infected"),
];

const YES_NO: &[ChoiceOption] = &[option("yes", "有", "Yes"), option("no", "無", "No")];

const METHODS: &[ChoiceOption] = &[
    option("isolation", "分離・同定による病原体の検出", "Pathogen isolated and identified"),
    option("pcr", "検体から病原体遺伝子の検出（PCR法等）", "Pathogen genome detected (PCR etc.)"),
    option("antigen", "病原体抗原の検出", "Pathogen antigen detected"),
    option("antibody", "抗体の検出", "Antibody detected"),
    option("pathology", "病理検査", "Pathology"),
    option("clinical", "臨床症状", "Clinical signs"),
    OTHER,
];

const OUTCOMES: &[ChoiceOption] =
    &[option("alive", "生存", "Alive"), option("dead", "死亡", "Died"), option("culled", "殺処分", "Culled")];

pub static FORM: FormDefinition = FormDefinition {
    sections: &[
        Section {
            title: Text::new("類型", "Case type"),
            fields: &[choice("case_type", "類型", "Case type", CASE_TYPES)],
        },
        Section {
            title: Text::new("動物", "Animal"),
            fields: &[
                text("animal_species", "動物の種類（種名）", "Species", 50, true),
                integer("animal_count", ("頭羽数", "Number of animals"), (1, 1_000_000), true),
                text("animal_location", "動物の所在地", "Where the animal is", 200, true),
            ],
        },
        Section {
            title: Text::new("所有者", "Owner"),
            fields: &[
                choice("has_owner", "所有者の有無（野生動物等は無）", "Has an owner (no for wild animals)", YES_NO),
                when(text("owner_name", "所有者氏名（名称）", "Owner's name", 100, true), "has_owner", "yes"),
                when(text("owner_address", "所有者住所", "Owner's address", 200, true), "has_owner", "yes"),
                when(phone("owner_phone", "所有者電話番号", "Owner's phone", true), "has_owner", "yes"),
            ],
        },
        Section {
            title: Text::new("症状・診断", "Signs and diagnosis"),
            fields: &[
                long_text("animal_signs", "症状", "Symptoms", 500, false),
                multi("diagnosis_methods", "診断方法", "Diagnosis method", METHODS),
                other_text("diagnosis_method_other", "diagnosis_methods", "その他の診断方法", "Other diagnosis method"),
            ],
        },
        Section {
            title: Text::new("日付", "Dates"),
            fields: &[
                date("onset_date", "発病年月日", "Date of onset", false),
                date("diagnosis_date", "診断（検案）年月日", "Date of diagnosis", true),
                choice("outcome", "転帰", "Outcome", OUTCOMES),
                when(date("death_date", "死亡年月日", "Date of death", true), "outcome", "dead"),
                when(date("cull_date", "殺処分年月日", "Date of culling", true), "outcome", "culled"),
            ],
        },
        Section {
            title: Text::new("その他", "Other"),
            fields: &[long_text(
                "remarks",
                "その他必要な事項（感染経路、同居動物の状況等）",
                "Anything else (route of infection, other animals kept with it …)",
                1000,
                false,
            )],
        },
    ],
    rules: RULES,
};

const RULES: &[FormRule] = &[
    FormRule::DateOrder { earlier: "onset_date", later: "diagnosis_date", wrong: Wrong::Earlier },
    FormRule::DateOrder { earlier: "onset_date", later: "death_date", wrong: Wrong::Earlier },
    FormRule::DateOrder { earlier: "onset_date", later: "cull_date", wrong: Wrong::Earlier },
    FormRule::Implies { field: "case_type", values: &["dead", "suspected_dead"], then: "outcome", then_equals: "dead" },
];
