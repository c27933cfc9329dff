//! 急性脳炎 (五類, within 7 days, no name; the arboviral encephalitides of 四類 are excluded): the pathogen
//! found, or that none was.

use super::common::{anonymous_form, choice, option, text, when, CASE_TYPES_PATIENT, OTHER};
use super::symptoms::*;
use super::{ChoiceOption, FormDefinition, Section};
use crate::i18n::Text;

const SYMPTOMS: &[ChoiceOption] = &[
    FEVER,
    HEADACHE,
    ALTERED_CONSCIOUSNESS,
    CONVULSION,
    option("abnormal_behaviour", "異常言動・行動", "Abnormal speech or behaviour"),
    PARALYSIS,
    MENINGEAL_SIGNS,
    OTHER,
];

const PATHOGENS: &[ChoiceOption] = &[
    option("influenza", "インフルエンザウイルス", "Influenza virus"),
    option("sars_cov_2", "新型コロナウイルス（SARS-CoV-2）", "SARS-CoV-2"),
    option("hhv6_7", "ヒトヘルペスウイルス6型・7型", "Human herpesvirus 6 or 7"),
    option("hsv", "単純ヘルペスウイルス", "Herpes simplex virus"),
    option("vzv", "水痘・帯状疱疹ウイルス", "Varicella-zoster virus"),
    option("enterovirus", "エンテロウイルス", "Enterovirus"),
    option("rotavirus", "ロタウイルス", "Rotavirus"),
    option("mumps", "ムンプスウイルス", "Mumps virus"),
    option("mycoplasma", "マイコプラズマ", "Mycoplasma"),
    option("other", "その他の病原体", "Other pathogen"),
    option("unknown", "病原体不明", "No pathogen identified"),
];

pub const ENCEPHALITIS_ITEMS: Section = Section {
    title: Text::new("病原体", "Pathogen"),
    fields: &[
        choice("encephalitis_pathogen", "病原体", "Pathogen", PATHOGENS),
        when(
            text("encephalitis_pathogen_other", "病原体名", "Name of the pathogen", 100, true),
            "encephalitis_pathogen",
            "other",
        ),
    ],
};

pub static FORM: FormDefinition = anonymous_form!(CASE_TYPES_PATIENT, SYMPTOMS, ENCEPHALITIS_ITEMS);
