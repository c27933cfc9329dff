//! 腸管出血性大腸菌感染症 (三類, notified immediately with name): O抗原型 and ベロ毒素 as its own items.

use super::common::{choice, identified_form, option, text, when, CASE_TYPES_WITH_CARRIER, OTHER, UNKNOWN};
use super::symptoms::*;
use super::{ChoiceOption, FormDefinition, Section};
use crate::i18n::Text;

const SYMPTOMS: &[ChoiceOption] = &[
    ABDOMINAL_PAIN,
    WATERY_DIARRHEA,
    BLOODY_STOOL,
    FEVER,
    NAUSEA_VOMITING,
    option("hus", "溶血性尿毒症症候群（HUS）", "Haemolytic uraemic syndrome (HUS)"),
    option("encephalopathy", "脳症", "Encephalopathy"),
    OTHER,
];

const O_ANTIGENS: &[ChoiceOption] = &[
    option("o157", "O157", "O157"),
    option("o26", "O26", "O26"),
    option("o111", "O111", "O111"),
    option("o103", "O103", "O103"),
    option("o121", "O121", "O121"),
    option("o145", "O145", "O145"),
    option("o91", "O91", "O91"),
    option("other", "その他", "Other"),
    option("untypable", "型別不能", "Untypable"),
    UNKNOWN,
];

const VERO_TOXINS: &[ChoiceOption] = &[
    option("vt1", "VT1", "VT1 (Stx1)"),
    option("vt2", "VT2", "VT2 (Stx2)"),
    option("vt1_vt2", "VT1及びVT2", "VT1 and VT2"),
    UNKNOWN,
];

pub const EHEC_ITEMS: Section = Section {
    title: Text::new("血清型・毒素型", "Serotype and toxin"),
    fields: &[
        choice("ehec_o_antigen", "O抗原型", "O antigen", O_ANTIGENS),
        when(
            text("ehec_o_antigen_other", "O抗原型（その他の型）", "O antigen (other)", 20, true),
            "ehec_o_antigen",
            "other",
        ),
        text("ehec_h_antigen", "H抗原型", "H antigen", 20, false),
        choice("ehec_vero_toxin", "ベロ毒素", "Vero toxin", VERO_TOXINS),
    ],
};

pub static FORM: FormDefinition = identified_form!(CASE_TYPES_WITH_CARRIER, SYMPTOMS, EHEC_ITEMS);
