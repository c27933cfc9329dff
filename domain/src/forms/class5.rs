//! The other 五類全数 forms (within 7 days, no name or address): a patient checklist each, and the 病型 or
//! organism items their forms have. 麻しん, 風しん, 梅毒, 百日咳, HIV/AIDS, 急性脳炎 and the 侵襲性
//! infections have modules of their own. Checklists are (unconfirmed) against the official forms.

use super::common::{
    anonymous_form, choice, option, optional, text, type_section, CASE_TYPES_PATIENT as CASES, OTHER,
    VACCINATION_DOSES, YES_NO_UNKNOWN,
};
use super::invasive::STERILE_SPECIMENS;
use super::symptoms::*;
use super::{ChoiceOption, FormDefinition, Section};
use crate::i18n::Text;

const AMOEBIASIS_SYMPTOMS: &[ChoiceOption] =
    &[DIARRHEA, BLOODY_STOOL, ABDOMINAL_PAIN, FEVER, option("liver_abscess", "肝膿瘍", "Liver abscess"), OTHER];
const AMOEBIASIS_TYPES: &[ChoiceOption] = &[
    option("intestinal", "腸管アメーバ症", "Intestinal amoebiasis"),
    option("extraintestinal", "腸管外アメーバ症", "Extraintestinal amoebiasis"),
    option("both", "腸管及び腸管外アメーバ症", "Both"),
];
pub static AMOEBIASIS: FormDefinition =
    anonymous_form!(CASES, AMOEBIASIS_SYMPTOMS, type_section!("amoebiasis_type", AMOEBIASIS_TYPES));

const HEPATITIS_TYPES: &[ChoiceOption] = &[
    option("b", "B型肝炎", "Hepatitis B"),
    option("c", "C型肝炎", "Hepatitis C"),
    option("d", "D型肝炎", "Hepatitis D"),
    option("other", "その他（EBウイルス、サイトメガロウイルス等）", "Other"),
];
pub static VIRAL_HEPATITIS: FormDefinition =
    anonymous_form!(CASES, HEPATITIS, type_section!("hepatitis_type", HEPATITIS_TYPES));

/// The bacterium found, for the resistant-bacteria forms (e.g. Klebsiella pneumoniae for CRE).
const ORGANISM: Section = Section {
    title: Text::new("原因菌", "Organism"),
    fields: &[text("organism", "菌種名", "Species", 100, true)],
};
pub static CRE: FormDefinition = anonymous_form!(CASES, RESISTANT_BACTERIA, ORGANISM);
pub static VRSA: FormDefinition = anonymous_form!(CASES, RESISTANT_BACTERIA);
pub static VRE: FormDefinition = anonymous_form!(CASES, RESISTANT_BACTERIA, ORGANISM);
pub static MDRA: FormDefinition = anonymous_form!(CASES, RESISTANT_BACTERIA, ORGANISM);
pub static MDRP: FormDefinition = anonymous_form!(CASES, RESISTANT_BACTERIA);

const AFP_SYMPTOMS: &[ChoiceOption] = &[
    FLACCID_PARALYSIS,
    FEVER,
    MENINGEAL_SIGNS,
    option("respiratory_failure", "呼吸障害", "Breathing difficulty"),
    option("sensory_disturbance", "感覚障害", "Sensory disturbance"),
    OTHER,
];
pub static ACUTE_FLACCID_PARALYSIS: FormDefinition = anonymous_form!(CASES, AFP_SYMPTOMS);

pub static CRYPTOSPORIDIOSIS: FormDefinition = anonymous_form!(CASES, INTESTINAL_PROTOZOA);
pub static GIARDIASIS: FormDefinition = anonymous_form!(CASES, INTESTINAL_PROTOZOA);

const CJD_SYMPTOMS: &[ChoiceOption] = &[
    option("dementia", "進行性認知症", "Progressive dementia"),
    option("myoclonus", "ミオクローヌス", "Myoclonus"),
    option("pyramidal", "錐体路・錐体外路徴候", "Pyramidal or extrapyramidal signs"),
    option("cerebellar", "小脳症状", "Cerebellar signs"),
    option("visual", "視覚異常", "Visual disturbance"),
    option("akinetic_mutism", "無動性無言", "Akinetic mutism"),
    option("psychiatric", "精神症状", "Psychiatric symptoms"),
    OTHER,
];
const CJD_TYPES: &[ChoiceOption] = &[
    option("sporadic", "孤発性プリオン病（孤発性CJD）", "Sporadic CJD"),
    option("genetic", "遺伝性プリオン病", "Genetic prion disease"),
    option("iatrogenic", "獲得性プリオン病（医原性CJD）", "Iatrogenic CJD"),
    option("variant", "獲得性プリオン病（変異型CJD）", "Variant CJD"),
];
pub static CJD: FormDefinition = anonymous_form!(CASES, CJD_SYMPTOMS, type_section!("cjd_type", CJD_TYPES));

const STSS_SYMPTOMS: &[ChoiceOption] = &[
    FEVER,
    SHOCK,
    LIVER_DYSFUNCTION,
    RENAL_FAILURE,
    ARDS,
    DIC,
    option(
        "soft_tissue_necrosis",
        "軟部組織炎（壊死性筋膜炎を含む）",
        "Soft-tissue infection (incl. necrotising fasciitis)",
    ),
    option("erythema", "全身性紅斑様皮疹", "Generalised erythematous rash"),
    ALTERED_CONSCIOUSNESS,
    OTHER,
];
const STREPTOCOCCAL_GROUPS: &[ChoiceOption] = &[
    option("a", "A群", "Group A"),
    option("b", "B群", "Group B"),
    option("c", "C群", "Group C"),
    option("g", "G群", "Group G"),
    option("other", "その他・不明", "Other or unknown"),
];
const STREPTOCOCCUS: Section = Section {
    title: Text::new("原因菌", "Organism"),
    fields: &[choice("streptococcus_group", "レンサ球菌の血清群", "Streptococcal group", STREPTOCOCCAL_GROUPS)],
};
pub static STSS: FormDefinition = anonymous_form!(CASES, STSS_SYMPTOMS, STREPTOCOCCUS);

const VARICELLA_SYMPTOMS: &[ChoiceOption] = &[
    FEVER,
    VESICLES,
    PNEUMONIA,
    ENCEPHALITIS,
    LIVER_DYSFUNCTION,
    option("bacterial_skin_infection", "皮膚の二次性細菌感染症", "Secondary bacterial skin infection"),
    THROMBOCYTOPENIA,
    DIC,
    OTHER,
];
/// 水痘 is notified only for admitted patients.
const ADMISSION: Section = Section {
    title: Text::new("入院", "Admission"),
    fields: &[super::common::date("admission_date", "入院年月日", "Date of admission", true)],
};
pub static VARICELLA: FormDefinition = anonymous_form!(CASES, VARICELLA_SYMPTOMS, ADMISSION, VACCINATION_DOSES);

const CRS_SYMPTOMS: &[ChoiceOption] = &[
    option("cataract_glaucoma", "白内障・緑内障", "Cataract or glaucoma"),
    option("heart_disease", "先天性心疾患", "Congenital heart disease"),
    option("hearing_loss", "難聴", "Hearing loss"),
    option("retinopathy", "色素性網膜症", "Pigmentary retinopathy"),
    option("purpura", "紫斑", "Purpura"),
    SPLENOMEGALY,
    option("microcephaly", "小頭症", "Microcephaly"),
    option("developmental_delay", "精神運動発達遅滞", "Developmental delay"),
    option("meningoencephalitis", "髄膜脳炎", "Meningoencephalitis"),
    option("radiolucent_bone", "X線透過性の骨病変", "Radiolucent bone disease"),
    option("jaundice_24h", "生後24時間以内の黄疸", "Jaundice within 24 hours of birth"),
    OTHER,
];
/// The mother's history, which the health center needs for the source of infection.
const MOTHER: Section = Section {
    title: Text::new("母親の状況", "The mother"),
    fields: &[
        optional(choice(
            "mother_rubella_in_pregnancy",
            "妊娠中の風しん罹患",
            "Rubella during pregnancy",
            YES_NO_UNKNOWN,
        )),
        optional(choice(
            "mother_rubella_vaccination",
            "母親の風しん含有ワクチン接種歴",
            "Mother vaccinated against rubella",
            YES_NO_UNKNOWN,
        )),
    ],
};
pub static CONGENITAL_RUBELLA: FormDefinition = anonymous_form!(CASES, CRS_SYMPTOMS, MOTHER);

const CRYPTOCOCCOSIS_SYMPTOMS: &[ChoiceOption] =
    &[FEVER, HEADACHE, MENINGITIS, PNEUMONIA, SKIN_ULCER, ALTERED_CONSCIOUSNESS, OTHER];
/// Disseminated means found in a sterile site (髄液, 血液 …), as for the invasive infections (unconfirmed).
pub static DISSEMINATED_CRYPTOCOCCOSIS: FormDefinition =
    anonymous_form!(CASES, CRYPTOCOCCOSIS_SYMPTOMS, STERILE_SPECIMENS);

const TETANUS_SYMPTOMS: &[ChoiceOption] = &[
    option("trismus", "開口障害", "Trismus (lockjaw)"),
    option("risus_sardonicus", "痙笑", "Risus sardonicus"),
    option("dysphagia", "嚥下障害", "Difficulty swallowing"),
    option("opisthotonus", "後弓反張", "Opisthotonus"),
    option("generalised_spasm", "全身性の筋硬直・けいれん", "Generalised spasms"),
    option("respiratory_failure", "呼吸障害", "Breathing difficulty"),
    OTHER,
];
pub static TETANUS: FormDefinition = anonymous_form!(CASES, TETANUS_SYMPTOMS);
