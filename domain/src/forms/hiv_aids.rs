//! 後天性免疫不全症候群 (HIV感染症を含む; 五類, within 7 days, no name): AIDS or asymptomatic carrier,
//! the AIDS-defining illnesses (指標疾患) and the CD4 count.

use super::common::{anonymous_form, integer, multi, option, when, OTHER};
use super::symptoms::*;
use super::{ChoiceOption, FormDefinition, Section};
use crate::i18n::Text;

const CASE_TYPES: &[ChoiceOption] = &[
    option("aids", "AIDS（後天性免疫不全症候群）", "AIDS"),
    option("carrier", "無症候性キャリア", "Asymptomatic HIV infection"),
    option("other", "その他（急性HIV感染症等）", "Other (acute HIV infection …)"),
    option("dead", "感染症死亡者の死体", "Body of a person who died of the disease"),
];

const SYMPTOMS: &[ChoiceOption] = &[
    FEVER,
    LYMPHADENOPATHY,
    WEIGHT_LOSS,
    DIARRHEA,
    FATIGUE,
    RASH,
    option("oral_candidiasis", "口腔カンジダ症", "Oral candidiasis"),
    OTHER,
];

/// The 23 AIDS-defining illnesses (指標疾患) of the case definition.
const INDICATOR_DISEASES: &[ChoiceOption] = &[
    option("candidiasis", "カンジダ症（食道、気管、気管支、肺）", "Candidiasis (oesophagus, trachea, bronchi, lungs)"),
    option("cryptococcosis", "クリプトコックス症（肺以外）", "Cryptococcosis (extrapulmonary)"),
    option("coccidioidomycosis", "コクシジオイデス症", "Coccidioidomycosis"),
    option("histoplasmosis", "ヒストプラズマ症", "Histoplasmosis"),
    option("pneumocystis", "ニューモシスチス肺炎", "Pneumocystis pneumonia"),
    option("toxoplasmosis", "トキソプラズマ脳症", "Toxoplasmosis of the brain"),
    option("cryptosporidiosis", "クリプトスポリジウム症", "Cryptosporidiosis"),
    option("isosporiasis", "イソスポラ症", "Isosporiasis"),
    option("bacterial_infections", "化膿性細菌感染症", "Recurrent bacterial infections"),
    option("salmonella", "サルモネラ菌血症", "Salmonella septicaemia"),
    option("tuberculosis", "活動性結核", "Active tuberculosis"),
    option("nontuberculous_mycobacteria", "非結核性抗酸菌症", "Nontuberculous mycobacterial infection"),
    option("cytomegalovirus", "サイトメガロウイルス感染症", "Cytomegalovirus disease"),
    option("herpes_simplex", "単純ヘルペスウイルス感染症", "Herpes simplex"),
    option("pml", "進行性多巣性白質脳症", "Progressive multifocal leukoencephalopathy"),
    option("kaposi", "カポジ肉腫", "Kaposi's sarcoma"),
    option("brain_lymphoma", "原発性脳リンパ腫", "Primary brain lymphoma"),
    option("non_hodgkin_lymphoma", "非ホジキンリンパ腫", "Non-Hodgkin lymphoma"),
    option("cervical_cancer", "浸潤性子宮頸癌", "Invasive cervical cancer"),
    option("recurrent_pneumonia", "反復性肺炎", "Recurrent pneumonia"),
    option("lip_plh", "リンパ性間質性肺炎／肺リンパ過形成", "Lymphoid interstitial pneumonia"),
    option("hiv_encephalopathy", "HIV脳症", "HIV encephalopathy"),
    option("wasting", "HIV消耗性症候群", "HIV wasting syndrome"),
];

pub const HIV_ITEMS: Section = Section {
    title: Text::new("指標疾患・検査値", "AIDS-defining illnesses and counts"),
    fields: &[
        when(
            multi("aids_indicator_diseases", "指標疾患", "AIDS-defining illnesses", INDICATOR_DISEASES),
            "case_type",
            "aids",
        ),
        integer("cd4_count", ("CD4陽性Tリンパ球数（/μL）", "CD4 count (per μL)"), (0, 10_000), false),
        integer("hiv_viral_load", ("HIV-RNA量（コピー/mL）", "HIV RNA (copies per mL)"), (0, 1_000_000_000), false),
    ],
};

pub static FORM: FormDefinition = anonymous_form!(CASE_TYPES, SYMPTOMS, HIV_ITEMS);
