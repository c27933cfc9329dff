//! 四類感染症 forms: notified immediately with name, for patients, carriers and bodies. Most use a checklist
//! shared with related diseases (see `symptoms`); 病型 items where the official form has them (ボツリヌス症,
//! マラリア, レジオネラ症, エキノコックス症). Checklists not checked against the official forms are marked
//! (unconfirmed) in `symptoms` or here.

use super::common::{
    identified_form, option, type_section, CASE_TYPES_WITH_CARRIER as CASES, OTHER, PREGNANCY, UNKNOWN,
};
use super::symptoms::*;
use super::{ChoiceOption, FormDefinition};

pub static HEPATITIS_E: FormDefinition = identified_form!(CASES, HEPATITIS);
pub static HEPATITIS_A: FormDefinition = identified_form!(CASES, HEPATITIS);
pub static WEST_NILE: FormDefinition = identified_form!(CASES, VIRAL_ENCEPHALITIS);
pub static WESTERN_EQUINE_ENCEPHALITIS: FormDefinition = identified_form!(CASES, VIRAL_ENCEPHALITIS);
pub static EASTERN_EQUINE_ENCEPHALITIS: FormDefinition = identified_form!(CASES, VIRAL_ENCEPHALITIS);
pub static VENEZUELAN_EQUINE_ENCEPHALITIS: FormDefinition = identified_form!(CASES, VIRAL_ENCEPHALITIS);
pub static TICK_BORNE_ENCEPHALITIS: FormDefinition = identified_form!(CASES, VIRAL_ENCEPHALITIS);
pub static JAPANESE_ENCEPHALITIS: FormDefinition = identified_form!(CASES, VIRAL_ENCEPHALITIS);
pub static NIPAH: FormDefinition = identified_form!(CASES, VIRAL_ENCEPHALITIS);
pub static HENDRA: FormDefinition = identified_form!(CASES, VIRAL_ENCEPHALITIS);
pub static B_VIRUS: FormDefinition = identified_form!(CASES, VIRAL_ENCEPHALITIS);
pub static OMSK_HEMORRHAGIC_FEVER: FormDefinition = identified_form!(CASES, HEMORRHAGIC_FEVER);
pub static KYASANUR_FOREST_DISEASE: FormDefinition = identified_form!(CASES, HEMORRHAGIC_FEVER);
pub static RIFT_VALLEY_FEVER: FormDefinition = identified_form!(CASES, HEMORRHAGIC_FEVER);
pub static PSITTACOSIS: FormDefinition = identified_form!(CASES, FEBRILE_RESPIRATORY);
pub static Q_FEVER: FormDefinition = identified_form!(CASES, FEBRILE_RESPIRATORY);
pub static COCCIDIOIDOMYCOSIS: FormDefinition = identified_form!(CASES, FEBRILE_RESPIRATORY);
pub static AVIAN_INFLUENZA_OTHER: FormDefinition = identified_form!(CASES, SEVERE_RESPIRATORY);
pub static HANTAVIRUS_PULMONARY_SYNDROME: FormDefinition = identified_form!(CASES, SEVERE_RESPIRATORY);
pub static SFTS_FORM: FormDefinition = identified_form!(CASES, SFTS);
pub static HEMORRHAGIC_FEVER_WITH_RENAL_SYNDROME: FormDefinition = identified_form!(CASES, SFTS);
pub static DENGUE: FormDefinition = identified_form!(CASES, ARBOVIRAL_FEVER);
pub static CHIKUNGUNYA: FormDefinition = identified_form!(CASES, ARBOVIRAL_FEVER);
/// ジカウイルス感染症: pregnancy matters (congenital infection).
pub static ZIKA: FormDefinition = identified_form!(CASES, ARBOVIRAL_FEVER, PREGNANCY);
pub static SCRUB_TYPHUS: FormDefinition = identified_form!(CASES, RICKETTSIAL);
pub static JAPANESE_SPOTTED_FEVER: FormDefinition = identified_form!(CASES, RICKETTSIAL);
pub static ROCKY_MOUNTAIN_SPOTTED_FEVER: FormDefinition = identified_form!(CASES, RICKETTSIAL);
pub static EPIDEMIC_TYPHUS: FormDefinition = identified_form!(CASES, RICKETTSIAL);

const MPOX_SYMPTOMS: &[ChoiceOption] = &[
    FEVER,
    HEADACHE,
    MYALGIA,
    LYMPHADENOPATHY,
    RASH,
    VESICLES,
    option("mucosal_lesion", "粘膜疹（口腔・肛門・性器）", "Mucosal lesions"),
    OTHER,
];
pub static MPOX: FormDefinition = identified_form!(CASES, MPOX_SYMPTOMS);

const YELLOW_FEVER_SYMPTOMS: &[ChoiceOption] =
    &[FEVER, HEADACHE, MYALGIA, NAUSEA_VOMITING, JAUNDICE, HEMORRHAGE, RENAL_FAILURE, OTHER];
pub static YELLOW_FEVER: FormDefinition = identified_form!(CASES, YELLOW_FEVER_SYMPTOMS);

const RELAPSING_FEVER_SYMPTOMS: &[ChoiceOption] = &[
    option("relapsing_fever", "周期的に繰り返す発熱", "Recurring fever"),
    HEADACHE,
    MYALGIA,
    ARTHRALGIA,
    JAUNDICE,
    SPLENOMEGALY,
    HEMORRHAGE,
    OTHER,
];
pub static RELAPSING_FEVER: FormDefinition = identified_form!(CASES, RELAPSING_FEVER_SYMPTOMS);

/// 狂犬病 and リッサウイルス感染症.
const RABIES_SYMPTOMS: &[ChoiceOption] = &[
    FEVER,
    HEADACHE,
    option("bite_site_pain", "咬傷部位の疼痛・知覚異常", "Pain or tingling at the bite"),
    option("hydrophobia", "恐水症状", "Fear of water"),
    option("aerophobia", "恐風症状", "Fear of drafts"),
    option("agitation", "興奮・不安・錯乱", "Agitation or confusion"),
    PARALYSIS,
    ALTERED_CONSCIOUSNESS,
    OTHER,
];
pub static RABIES: FormDefinition = identified_form!(CASES, RABIES_SYMPTOMS);
pub static LYSSAVIRUS: FormDefinition = identified_form!(CASES, RABIES_SYMPTOMS);

const ANTHRAX_SYMPTOMS: &[ChoiceOption] = &[
    FEVER,
    option("cutaneous", "皮膚病変（黒色痂皮を伴う潰瘍）", "Skin lesion with black eschar"),
    PNEUMONIA,
    DYSPNEA,
    ABDOMINAL_PAIN,
    BLOODY_STOOL,
    MENINGITIS,
    SEPSIS,
    SHOCK,
    OTHER,
];
pub static ANTHRAX: FormDefinition = identified_form!(CASES, ANTHRAX_SYMPTOMS);

/// 鼻疽 and 類鼻疽 (unconfirmed).
const BURKHOLDERIA_SYMPTOMS: &[ChoiceOption] =
    &[FEVER, PNEUMONIA, SEPSIS, SKIN_ULCER, option("abscess", "膿瘍", "Abscesses"), LYMPHADENOPATHY, OTHER];
pub static GLANDERS: FormDefinition = identified_form!(CASES, BURKHOLDERIA_SYMPTOMS);
pub static MELIOIDOSIS: FormDefinition = identified_form!(CASES, BURKHOLDERIA_SYMPTOMS);

const BRUCELLOSIS_SYMPTOMS: &[ChoiceOption] = &[
    option("undulant_fever", "波状熱", "Undulant fever"),
    CHILLS,
    option("sweating", "発汗", "Sweating"),
    ARTHRALGIA,
    FATIGUE,
    HEPATOMEGALY,
    SPLENOMEGALY,
    OTHER,
];
pub static BRUCELLOSIS: FormDefinition = identified_form!(CASES, BRUCELLOSIS_SYMPTOMS);

const TULAREMIA_SYMPTOMS: &[ChoiceOption] =
    &[FEVER, HEADACHE, SKIN_ULCER, LYMPHADENOPATHY, CONJUNCTIVITIS, PNEUMONIA, OTHER];
pub static TULAREMIA: FormDefinition = identified_form!(CASES, TULAREMIA_SYMPTOMS);

const LYME_SYMPTOMS: &[ChoiceOption] = &[
    option("erythema_migrans", "遊走性紅斑", "Erythema migrans"),
    FEVER,
    ARTHRALGIA,
    option("facial_palsy", "顔面神経麻痺", "Facial palsy"),
    MENINGITIS,
    option("heart_block", "房室ブロック", "Heart block"),
    OTHER,
];
pub static LYME: FormDefinition = identified_form!(CASES, LYME_SYMPTOMS);

const LEPTOSPIROSIS_SYMPTOMS: &[ChoiceOption] = &[
    FEVER,
    HEADACHE,
    option("calf_pain", "筋肉痛（腓腹筋痛）", "Muscle pain (calves)"),
    CONJUNCTIVITIS,
    JAUNDICE,
    RENAL_FAILURE,
    HEMORRHAGE,
    OTHER,
];
pub static LEPTOSPIROSIS: FormDefinition = identified_form!(CASES, LEPTOSPIROSIS_SYMPTOMS);

const ECHINOCOCCOSIS_SYMPTOMS: &[ChoiceOption] = &[
    HEPATOMEGALY,
    ABDOMINAL_PAIN,
    JAUNDICE,
    option("cyst", "肝臓等の嚢胞性病変", "Cystic lesions (liver etc.)"),
    FEVER,
    OTHER,
];
const ECHINOCOCCUS_TYPES: &[ChoiceOption] = &[
    option("cystic", "単包性エキノコックス症", "Cystic echinococcosis"),
    option("alveolar", "多包性エキノコックス症", "Alveolar echinococcosis"),
];
pub static ECHINOCOCCOSIS: FormDefinition =
    identified_form!(CASES, ECHINOCOCCOSIS_SYMPTOMS, type_section!("echinococcosis_type", ECHINOCOCCUS_TYPES));

const BOTULISM_SYMPTOMS: &[ChoiceOption] = &[
    option("ptosis", "眼瞼下垂", "Drooping eyelids"),
    option("diplopia", "複視", "Double vision"),
    option("dysphagia", "嚥下障害", "Difficulty swallowing"),
    option("dysarthria", "構音障害", "Difficulty speaking"),
    option("descending_paralysis", "下行性の弛緩性麻痺", "Descending flaccid paralysis"),
    option("respiratory_failure", "呼吸困難・呼吸筋麻痺", "Respiratory failure"),
    option("constipation", "便秘", "Constipation"),
    OTHER,
];
const BOTULISM_TYPES: &[ChoiceOption] = &[
    option("foodborne", "食餌性ボツリヌス症", "Foodborne botulism"),
    option("infant", "乳児ボツリヌス症", "Infant botulism"),
    option("wound", "創傷ボツリヌス症", "Wound botulism"),
    option("other", "その他（成人腸管定着等）", "Other (adult intestinal colonisation …)"),
];
pub static BOTULISM: FormDefinition =
    identified_form!(CASES, BOTULISM_SYMPTOMS, type_section!("botulism_type", BOTULISM_TYPES));

const MALARIA_SYMPTOMS: &[ChoiceOption] = &[
    FEVER,
    CHILLS,
    HEADACHE,
    ANEMIA,
    SPLENOMEGALY,
    THROMBOCYTOPENIA,
    JAUNDICE,
    RENAL_FAILURE,
    option("cerebral", "意識障害（脳マラリア）", "Altered consciousness (cerebral malaria)"),
    OTHER,
];
const MALARIA_TYPES: &[ChoiceOption] = &[
    option("falciparum", "熱帯熱マラリア", "Plasmodium falciparum"),
    option("vivax", "三日熱マラリア", "Plasmodium vivax"),
    option("malariae", "四日熱マラリア", "Plasmodium malariae"),
    option("ovale", "卵形マラリア", "Plasmodium ovale"),
    option("knowlesi", "サルマラリア（P. knowlesi）", "Plasmodium knowlesi"),
    option("mixed", "混合感染", "Mixed infection"),
    UNKNOWN,
];
pub static MALARIA: FormDefinition =
    identified_form!(CASES, MALARIA_SYMPTOMS, type_section!("malaria_type", MALARIA_TYPES));

const LEGIONELLA_TYPES: &[ChoiceOption] =
    &[option("pneumonia", "肺炎型", "Pneumonia"), option("pontiac", "ポンティアック熱型", "Pontiac fever")];
pub static LEGIONELLOSIS: FormDefinition =
    identified_form!(CASES, FEBRILE_RESPIRATORY, type_section!("legionellosis_type", LEGIONELLA_TYPES));
