//! 症状 (施行規則 第4条 item 11): the symptom options of the standard forms, and the checklists that groups
//! of diseases share. A disease with its own list keeps it in its own module.
//! Lists marked (unconfirmed) follow the clinical picture, not a checked copy of the official form.

use super::common::{option, OTHER};
use super::ChoiceOption;

pub const FEVER: ChoiceOption = option("fever", "発熱", "Fever");
pub const CHILLS: ChoiceOption = option("chills", "悪寒・戦慄", "Chills");
pub const HEADACHE: ChoiceOption = option("headache", "頭痛", "Headache");
pub const MYALGIA: ChoiceOption = option("myalgia", "筋肉痛", "Muscle pain");
pub const ARTHRALGIA: ChoiceOption = option("arthralgia", "関節痛・関節炎", "Joint pain or arthritis");
pub const FATIGUE: ChoiceOption = option("fatigue", "全身倦怠感", "Fatigue");
pub const COUGH: ChoiceOption = option("cough", "咳", "Cough");
pub const SPUTUM: ChoiceOption = option("sputum", "喀痰", "Sputum");
pub const HEMOPTYSIS: ChoiceOption = option("hemoptysis", "血痰・喀血", "Blood in sputum");
pub const CHEST_PAIN: ChoiceOption = option("chest_pain", "胸痛", "Chest pain");
pub const DYSPNEA: ChoiceOption = option("dyspnea", "呼吸困難", "Shortness of breath");
pub const PNEUMONIA: ChoiceOption = option("pneumonia", "肺炎", "Pneumonia");
pub const ARDS: ChoiceOption = option("ards", "急性呼吸窮迫症候群（ARDS）", "ARDS");
pub const SORE_THROAT: ChoiceOption = option("sore_throat", "咽頭痛", "Sore throat");
pub const RASH: ChoiceOption = option("rash", "発しん", "Rash");
pub const HEMORRHAGE: ChoiceOption = option("hemorrhage", "出血傾向・出血症状", "Bleeding");
pub const DIARRHEA: ChoiceOption = option("diarrhea", "下痢", "Diarrhoea");
pub const WATERY_DIARRHEA: ChoiceOption = option("watery_diarrhea", "水様性下痢", "Watery diarrhoea");
pub const BLOODY_STOOL: ChoiceOption = option("bloody_stool", "血便・粘血便", "Bloody stool");
pub const ABDOMINAL_PAIN: ChoiceOption = option("abdominal_pain", "腹痛", "Abdominal pain");
pub const NAUSEA_VOMITING: ChoiceOption = option("vomiting", "悪心・嘔吐", "Nausea or vomiting");
pub const DEHYDRATION: ChoiceOption = option("dehydration", "脱水", "Dehydration");
pub const JAUNDICE: ChoiceOption = option("jaundice", "黄疸", "Jaundice");
pub const LIVER_DYSFUNCTION: ChoiceOption = option("liver_dysfunction", "肝機能異常", "Abnormal liver function");
pub const HEPATOMEGALY: ChoiceOption = option("hepatomegaly", "肝腫大", "Enlarged liver");
pub const SPLENOMEGALY: ChoiceOption = option("splenomegaly", "脾腫", "Enlarged spleen");
pub const LYMPHADENOPATHY: ChoiceOption = option("lymphadenopathy", "リンパ節腫脹", "Swollen lymph nodes");
pub const CONJUNCTIVITIS: ChoiceOption = option("conjunctivitis", "結膜充血", "Conjunctival injection");
pub const ALTERED_CONSCIOUSNESS: ChoiceOption = option("altered_consciousness", "意識障害", "Altered consciousness");
pub const CONVULSION: ChoiceOption = option("convulsion", "けいれん", "Convulsions");
pub const PARALYSIS: ChoiceOption = option("paralysis", "麻痺", "Paralysis");
pub const FLACCID_PARALYSIS: ChoiceOption = option("flaccid_paralysis", "弛緩性麻痺", "Flaccid paralysis");
pub const MENINGEAL_SIGNS: ChoiceOption = option("meningeal_signs", "髄膜刺激症状", "Meningeal signs");
pub const MENINGITIS: ChoiceOption = option("meningitis", "髄膜炎", "Meningitis");
pub const ENCEPHALITIS: ChoiceOption = option("encephalitis", "脳炎・脳症", "Encephalitis or encephalopathy");
pub const SHOCK: ChoiceOption = option("shock", "ショック", "Shock");
pub const SEPSIS: ChoiceOption = option("sepsis", "菌血症・敗血症", "Bacteraemia or sepsis");
pub const DIC: ChoiceOption = option("dic", "播種性血管内凝固症候群（DIC）", "DIC");
pub const THROMBOCYTOPENIA: ChoiceOption = option("thrombocytopenia", "血小板減少", "Low platelets");
pub const LEUKOPENIA: ChoiceOption = option("leukopenia", "白血球減少", "Low white cells");
pub const RENAL_FAILURE: ChoiceOption = option("renal_failure", "腎機能障害", "Kidney failure");
pub const MULTI_ORGAN_FAILURE: ChoiceOption = option("multi_organ_failure", "多臓器不全", "Multiple organ failure");
pub const ESCHAR: ChoiceOption = option("eschar", "刺し口", "Eschar (bite site)");
pub const SKIN_ULCER: ChoiceOption = option("skin_ulcer", "皮膚潰瘍・皮膚病変", "Skin ulcer or lesion");
pub const VESICLES: ChoiceOption = option("vesicles", "水疱・膿疱", "Blisters or pustules");
pub const RETRO_ORBITAL_PAIN: ChoiceOption = option("retro_orbital_pain", "眼窩痛", "Pain behind the eyes");
pub const WEIGHT_LOSS: ChoiceOption = option("weight_loss", "体重減少", "Weight loss");
pub const ANEMIA: ChoiceOption = option("anemia", "貧血", "Anaemia");
pub const URINARY_TRACT_INFECTION: ChoiceOption =
    option("urinary_tract_infection", "尿路感染症", "Urinary tract infection");
pub const WOUND_INFECTION: ChoiceOption = option("wound_infection", "創傷感染症", "Wound infection");
pub const PERITONITIS: ChoiceOption = option("peritonitis", "腹膜炎", "Peritonitis");
pub const CHOLANGITIS: ChoiceOption = option("cholangitis", "胆嚢炎・胆管炎", "Cholecystitis or cholangitis");
pub const ARTHRITIS: ChoiceOption = option("arthritis", "関節炎", "Arthritis");

/// Fallback checklist for diseases without a list of their own (unconfirmed).
pub const GENERAL: &[ChoiceOption] = &[
    FEVER,
    HEADACHE,
    FATIGUE,
    MYALGIA,
    ARTHRALGIA,
    COUGH,
    DYSPNEA,
    PNEUMONIA,
    RASH,
    LYMPHADENOPATHY,
    DIARRHEA,
    ABDOMINAL_PAIN,
    NAUSEA_VOMITING,
    JAUNDICE,
    ALTERED_CONSCIOUSNESS,
    SHOCK,
    OTHER,
];

/// ウイルス性出血熱 (エボラ, クリミア・コンゴ, 南米, マールブルグ, ラッサ; also used for other VHFs).
pub const HEMORRHAGIC_FEVER: &[ChoiceOption] = &[
    FEVER,
    HEADACHE,
    MYALGIA,
    FATIGUE,
    SORE_THROAT,
    NAUSEA_VOMITING,
    DIARRHEA,
    ABDOMINAL_PAIN,
    HEMORRHAGE,
    RASH,
    CONJUNCTIVITIS,
    THROMBOCYTOPENIA,
    SHOCK,
    DIC,
    MULTI_ORGAN_FAILURE,
    OTHER,
];

/// Severe respiratory infections (SARS, MERS, 鳥インフルエンザ, 新型インフルエンザ等).
pub const SEVERE_RESPIRATORY: &[ChoiceOption] = &[
    FEVER,
    COUGH,
    SORE_THROAT,
    DYSPNEA,
    PNEUMONIA,
    ARDS,
    HEADACHE,
    MYALGIA,
    DIARRHEA,
    ALTERED_CONSCIOUSNESS,
    MULTI_ORGAN_FAILURE,
    OTHER,
];

/// Fevers with pneumonia from animals and the environment (オウム病, Q熱, レジオネラ症 …) (unconfirmed).
pub const FEBRILE_RESPIRATORY: &[ChoiceOption] = &[
    FEVER,
    CHILLS,
    HEADACHE,
    MYALGIA,
    FATIGUE,
    COUGH,
    DYSPNEA,
    PNEUMONIA,
    LIVER_DYSFUNCTION,
    ALTERED_CONSCIOUSNESS,
    OTHER,
];

/// Enteric bacterial infections (細菌性赤痢, コレラ and the like).
pub const ENTERIC: &[ChoiceOption] =
    &[FEVER, DIARRHEA, WATERY_DIARRHEA, BLOODY_STOOL, ABDOMINAL_PAIN, NAUSEA_VOMITING, DEHYDRATION, OTHER];

/// Viral hepatitis (A型, E型 and 五類 ウイルス性肝炎).
pub const HEPATITIS: &[ChoiceOption] = &[
    FEVER,
    FATIGUE,
    NAUSEA_VOMITING,
    ABDOMINAL_PAIN,
    JAUNDICE,
    LIVER_DYSFUNCTION,
    HEPATOMEGALY,
    option("fulminant", "劇症肝炎", "Fulminant hepatitis"),
    OTHER,
];

/// Mosquito-borne fevers (デング熱, チクングニア熱, ジカウイルス感染症).
pub const ARBOVIRAL_FEVER: &[ChoiceOption] = &[
    FEVER,
    RASH,
    HEADACHE,
    RETRO_ORBITAL_PAIN,
    ARTHRALGIA,
    MYALGIA,
    CONJUNCTIVITIS,
    THROMBOCYTOPENIA,
    LEUKOPENIA,
    HEMORRHAGE,
    SHOCK,
    OTHER,
];

/// Viral encephalitides (日本脳炎, ウエストナイル熱, ダニ媒介脳炎, ウマ脳炎, ニパ, ヘンドラ, Bウイルス).
pub const VIRAL_ENCEPHALITIS: &[ChoiceOption] = &[
    FEVER,
    HEADACHE,
    NAUSEA_VOMITING,
    RASH,
    MENINGEAL_SIGNS,
    ALTERED_CONSCIOUSNESS,
    CONVULSION,
    PARALYSIS,
    ENCEPHALITIS,
    OTHER,
];

/// Rickettsioses (つつが虫病, 日本紅斑熱, ロッキー山紅斑熱, 発しんチフス).
pub const RICKETTSIAL: &[ChoiceOption] =
    &[FEVER, RASH, ESCHAR, HEADACHE, LYMPHADENOPATHY, LIVER_DYSFUNCTION, THROMBOCYTOPENIA, DIC, OTHER];

/// 重症熱性血小板減少症候群 and the hantavirus diseases (unconfirmed).
pub const SFTS: &[ChoiceOption] = &[
    FEVER,
    NAUSEA_VOMITING,
    DIARRHEA,
    ABDOMINAL_PAIN,
    THROMBOCYTOPENIA,
    LEUKOPENIA,
    ALTERED_CONSCIOUSNESS,
    HEMORRHAGE,
    RENAL_FAILURE,
    DYSPNEA,
    MULTI_ORGAN_FAILURE,
    OTHER,
];

/// Infections from drug-resistant bacteria (CRE, VRSA, VRE, 薬剤耐性アシネトバクター, 多剤耐性緑膿菌):
/// the infection it caused.
pub const RESISTANT_BACTERIA: &[ChoiceOption] = &[
    FEVER,
    URINARY_TRACT_INFECTION,
    PNEUMONIA,
    SEPSIS,
    PERITONITIS,
    WOUND_INFECTION,
    CHOLANGITIS,
    MENINGITIS,
    option("catheter_infection", "カテーテル関連血流感染症", "Catheter-related bloodstream infection"),
    OTHER,
];

/// Invasive bacterial infections (侵襲性インフルエンザ菌・髄膜炎菌・肺炎球菌感染症).
pub const INVASIVE: &[ChoiceOption] = &[
    FEVER,
    MENINGITIS,
    PNEUMONIA,
    SEPSIS,
    ARTHRITIS,
    option("purpura", "紫斑", "Purpura"),
    SHOCK,
    DIC,
    ALTERED_CONSCIOUSNESS,
    OTHER,
];

/// Intestinal protozoa (クリプトスポリジウム症, ジアルジア症).
pub const INTESTINAL_PROTOZOA: &[ChoiceOption] =
    &[WATERY_DIARRHEA, ABDOMINAL_PAIN, NAUSEA_VOMITING, FEVER, WEIGHT_LOSS, FATIGUE, OTHER];
