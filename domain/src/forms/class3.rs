//! 三類感染症 forms (細菌性赤痢, コレラ, 腸チフス, パラチフス; 腸管出血性大腸菌感染症 is in `ehec`):
//! notified immediately with name, for patients, carriers and bodies.

use super::common::{identified_form, option, CASE_TYPES_WITH_CARRIER, OTHER};
use super::symptoms::*;
use super::{ChoiceOption, FormDefinition};

const CHOLERA_SYMPTOMS: &[ChoiceOption] = &[
    WATERY_DIARRHEA,
    option("rice_water_stool", "米のとぎ汁様便", "Rice-water stool"),
    NAUSEA_VOMITING,
    DEHYDRATION,
    option("muscle_cramps", "筋肉のけいれん", "Muscle cramps"),
    SHOCK,
    OTHER,
];
pub static CHOLERA: FormDefinition = identified_form!(CASE_TYPES_WITH_CARRIER, CHOLERA_SYMPTOMS);

const SHIGELLOSIS_SYMPTOMS: &[ChoiceOption] = &[
    FEVER,
    DIARRHEA,
    BLOODY_STOOL,
    ABDOMINAL_PAIN,
    option("tenesmus", "しぶり腹", "Tenesmus"),
    NAUSEA_VOMITING,
    OTHER,
];
pub static SHIGELLOSIS: FormDefinition = identified_form!(CASE_TYPES_WITH_CARRIER, SHIGELLOSIS_SYMPTOMS);

/// 腸チフス and パラチフス share the picture of enteric fever.
const ENTERIC_FEVER_SYMPTOMS: &[ChoiceOption] = &[
    option("sustained_fever", "持続する発熱", "Sustained fever"),
    HEADACHE,
    option("rose_spots", "バラ疹", "Rose spots"),
    option("relative_bradycardia", "比較的徐脈", "Relative bradycardia"),
    SPLENOMEGALY,
    DIARRHEA,
    option("constipation", "便秘", "Constipation"),
    option("intestinal_bleeding", "腸出血", "Intestinal bleeding"),
    option("intestinal_perforation", "腸穿孔", "Intestinal perforation"),
    OTHER,
];
pub static TYPHOID: FormDefinition = identified_form!(CASE_TYPES_WITH_CARRIER, ENTERIC_FEVER_SYMPTOMS);
pub static PARATYPHOID: FormDefinition = identified_form!(CASE_TYPES_WITH_CARRIER, ENTERIC_FEVER_SYMPTOMS);
