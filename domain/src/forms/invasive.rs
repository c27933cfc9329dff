//! 侵襲性インフルエンザ菌・髄膜炎菌・肺炎球菌感染症 (五類; 髄膜炎菌 immediately with name, the others within
//! 7 days without): the normally sterile site the bacterium was found in decides the case, so it is asked.

use super::common::{
    anonymous_form, identified_form, multi, option, other_text, text, CASE_TYPES_PATIENT, VACCINATION_DOSES,
};
use super::symptoms::INVASIVE;
use super::{ChoiceOption, FormDefinition, Section};
use crate::i18n::Text;

const STERILE_SITES: &[ChoiceOption] = &[
    option("blood", "血液", "Blood"),
    option("csf", "髄液", "Cerebrospinal fluid"),
    option("pleural_fluid", "胸水", "Pleural fluid"),
    option("joint_fluid", "関節液", "Joint fluid"),
    option("ascites", "腹水", "Ascitic fluid"),
    option("other", "その他の無菌部位", "Other sterile site"),
];

/// 検体: where the bacterium was isolated (or its genome detected).
pub const STERILE_SPECIMENS: Section = Section {
    title: Text::new("検体（無菌部位）", "Specimen (sterile site)"),
    fields: &[
        multi("sterile_site_specimens", "菌が検出された検体", "Specimens the bacterium was found in", STERILE_SITES),
        other_text("sterile_site_other", "sterile_site_specimens", "その他の無菌部位", "Other sterile site"),
        text("serotype", "血清型・血清群（b型、B群、23価等）", "Serotype or serogroup", 30, false),
    ],
};

pub static HAEMOPHILUS_INFLUENZAE: FormDefinition =
    anonymous_form!(CASE_TYPES_PATIENT, INVASIVE, STERILE_SPECIMENS, VACCINATION_DOSES);
pub static MENINGOCOCCAL: FormDefinition = identified_form!(CASE_TYPES_PATIENT, INVASIVE, STERILE_SPECIMENS);
pub static PNEUMOCOCCAL: FormDefinition =
    anonymous_form!(CASE_TYPES_PATIENT, INVASIVE, STERILE_SPECIMENS, VACCINATION_DOSES);
