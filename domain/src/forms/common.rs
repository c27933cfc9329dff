//! The common items of a 発生届 (施行規則 第4条) that every disease's form shares: 類型, the patient (with
//! or without name and address), symptoms, diagnosis, dates, cause, route and place of infection, remarks.
//! The reporting doctor and institution come from the account, so they are not fields.

use super::{ChoiceOption, Condition, ConditionTest, Field, FieldKind, FormRule, Section, Wrong};
use crate::i18n::Text;

pub(super) const fn option(value: &'static str, ja: &'static str, en: &'static str) -> ChoiceOption {
    ChoiceOption { value, label: Text::new(ja, en) }
}

const fn field(id: &'static str, ja: &'static str, en: &'static str, kind: FieldKind, required: bool) -> Field {
    Field { id, label: Text::new(ja, en), kind, required, shown_when: None }
}

/// A single-line text field.
pub(super) const fn text(
    id: &'static str,
    ja: &'static str,
    en: &'static str,
    max_chars: usize,
    required: bool,
) -> Field {
    let kind = FieldKind::Text { max_chars, multiline: false };
    field(id, ja, en, kind, required)
}

/// A multi-line text field (a text area).
pub(super) const fn long_text(
    id: &'static str,
    ja: &'static str,
    en: &'static str,
    max_chars: usize,
    required: bool,
) -> Field {
    let kind = FieldKind::Text { max_chars, multiline: true };
    field(id, ja, en, kind, required)
}

pub(super) const fn date(id: &'static str, ja: &'static str, en: &'static str, required: bool) -> Field {
    field(id, ja, en, FieldKind::Date, required)
}

pub(super) const fn phone(id: &'static str, ja: &'static str, en: &'static str, required: bool) -> Field {
    field(id, ja, en, FieldKind::Phone, required)
}

pub(super) const fn integer(
    id: &'static str,
    labels: (&'static str, &'static str),
    (min, max): (i64, i64),
    required: bool,
) -> Field {
    field(id, labels.0, labels.1, FieldKind::Integer { min, max }, required)
}

/// A required single choice.
pub(super) const fn choice(
    id: &'static str,
    ja: &'static str,
    en: &'static str,
    options: &'static [ChoiceOption],
) -> Field {
    field(id, ja, en, FieldKind::Choice { options }, true)
}

/// A required multiple choice (at least one option).
pub(super) const fn multi(
    id: &'static str,
    ja: &'static str,
    en: &'static str,
    options: &'static [ChoiceOption],
) -> Field {
    field(id, ja, en, FieldKind::MultiChoice { options }, true)
}

/// The same field, not required.
pub(super) const fn optional(mut shown: Field) -> Field {
    shown.required = false;
    shown
}

const fn with_condition(mut shown: Field, field: &'static str, equals: &'static str, test: ConditionTest) -> Field {
    shown.shown_when = Some(Condition { field, equals, test });
    shown
}

/// Makes a field apply only when `field` was answered `equals`.
pub(super) const fn when(shown: Field, field: &'static str, equals: &'static str) -> Field {
    with_condition(shown, field, equals, ConditionTest::Equals)
}

/// Makes a field apply unless `field` was answered `equals`.
pub(super) const fn unless(shown: Field, field: &'static str, equals: &'static str) -> Field {
    with_condition(shown, field, equals, ConditionTest::NotEquals)
}

/// Makes a field apply only when the multi-choice `field` includes `option`.
pub(super) const fn when_includes(shown: Field, field: &'static str, option: &'static str) -> Field {
    with_condition(shown, field, option, ConditionTest::Includes)
}

/// Makes a field apply only when the number answered in `field` is below `limit`.
pub(super) const fn when_below(shown: Field, field: &'static str, limit: i64) -> Field {
    with_condition(shown, field, "", ConditionTest::Below(limit))
}

/// The free-text "other" option every checklist ends with; [`other_text`] asks what it was.
pub const OTHER: ChoiceOption = option("other", "その他", "Other");
pub const UNKNOWN: ChoiceOption = option("unknown", "不明", "Unknown");

/// A required text field shown when the checklist `field` includes [`OTHER`].
pub(super) const fn other_text(id: &'static str, field: &'static str, ja: &'static str, en: &'static str) -> Field {
    when_includes(text(id, ja, en, 200, true), field, "other")
}

pub const YES_NO_UNKNOWN: &[ChoiceOption] = &[option("yes", "有", "Yes"), option("no", "無", "No"), UNKNOWN];

// 類型 (施行規則 第4条第1号). Which ones a disease uses follows from its category: see `CASE_TYPES_*`.
const PATIENT: ChoiceOption = option("patient", "患者（確定例）", "Patient (confirmed case)");
const CARRIER: ChoiceOption = option("carrier", "無症状病原体保有者", "Asymptomatic carrier");
const SUSPECTED: ChoiceOption = option("suspected", "疑似症患者", "Suspected case");
const DEAD: ChoiceOption = option("dead", "感染症死亡者の死体", "Body of a person who died of the disease");
const SUSPECTED_DEAD: ChoiceOption =
    option("suspected_dead", "感染症死亡疑い者の死体", "Body of a person suspected to have died of the disease");

/// 一類, the 二類 diseases whose suspected cases count as patients (施行令 第4条: 結核, SARS, MERS,
/// 鳥インフルエンザ(H5N1/H7N9)) and 新型インフルエンザ等感染症: every 類型.
pub const CASE_TYPES_ALL: &[ChoiceOption] = &[PATIENT, CARRIER, SUSPECTED, DEAD, SUSPECTED_DEAD];
/// 急性灰白髄炎, ジフテリア, 三類 and 四類: patients and carriers (no suspected cases).
pub const CASE_TYPES_WITH_CARRIER: &[ChoiceOption] = &[PATIENT, CARRIER, DEAD];
/// 五類: patients only (carriers are notified only for 梅毒 and HIV/AIDS).
pub const CASE_TYPES_PATIENT: &[ChoiceOption] = &[PATIENT, DEAD];
/// The 類型 values that are bodies: the outcome must then be death.
pub const DEATH_CASE_TYPES: &[&str] = &["dead", "suspected_dead"];

/// The 類型 field.
pub(super) const fn case_type(options: &'static [ChoiceOption]) -> Field {
    choice("case_type", "類型", "Case type", options)
}

/// The patient's sex (`patient_sex`), the same in every form that asks: what the device's list of its
/// notifications names without loading their forms (app/src/offline/list.rs).
pub const SEXES: &[ChoiceOption] = &[option("male", "男", "Male"), option("female", "女", "Female")];

const AGE: Field = integer("patient_age", ("診断時の年齢（歳）", "Age at diagnosis (years)"), (0, 150), true);
/// 0歳は月齢: the months of an infant under one.
const AGE_MONTHS: Field = when(
    integer("patient_age_months", ("診断時の月齢（0歳の場合）", "Age in months (under one year)"), (0, 11), true),
    "patient_age",
    "0",
);
const OCCUPATION: Field = text("patient_occupation", "職業", "Occupation", 50, false);

/// Patient items for diseases notified with name and address (一類–四類, 新型インフルエンザ等感染症, and
/// 麻しん, 風しん, 侵襲性髄膜炎菌感染症): 施行規則 第4条 items 2–8.
pub const PATIENT_IDENTIFIED: Section = Section {
    title: Text::new("患者", "Patient"),
    fields: &[
        text("patient_name", "氏名", "Name", 50, true),
        field("patient_name_kana", "フリガナ", "Name (kana)", FieldKind::Kana { max_chars: 50 }, false),
        choice("patient_sex", "性別", "Sex", SEXES),
        date("patient_birth_date", "生年月日", "Date of birth", true),
        AGE,
        AGE_MONTHS,
        OCCUPATION,
        text("patient_address", "住所", "Address", 200, true),
        phone("patient_phone", "電話番号", "Phone number", false),
        text("patient_location", "所在地（住所と異なる場合）", "Where the patient is now (if not at home)", 200, false),
        phone("patient_location_phone", "所在地の電話番号", "Phone where the patient is now", false),
    ],
};

/// Guardian of a minor (items 9–10): shown while the patient's age is under 18.
pub const GUARDIAN: Section = Section {
    title: Text::new("保護者（患者が未成年の場合）", "Guardian (patients under 18)"),
    fields: &[
        when_below(text("guardian_name", "保護者氏名", "Guardian's name", 50, false), "patient_age", 18),
        when_below(text("guardian_address", "保護者住所", "Guardian's address", 200, false), "patient_age", 18),
        when_below(phone("guardian_phone", "保護者電話番号", "Guardian's phone", false), "patient_age", 18),
    ],
};

const fn prefecture(code: &'static str, ja: &'static str, en: &'static str) -> ChoiceOption {
    option(code, ja, en)
}

/// 都道府県 by their JIS X 0401 codes.
pub const PREFECTURES: &[ChoiceOption] = &[
    prefecture("01", "北海道", "Hokkaido"),
    prefecture("02", "青森県", "Aomori"),
    prefecture("03", "岩手県", "Iwate"),
    prefecture("04", "宮城県", "Miyagi"),
    prefecture("05", "秋田県", "Akita"),
    prefecture("06", "山形県", "Yamagata"),
    prefecture("07", "福島県", "Fukushima"),
    prefecture("08", "茨城県", "Ibaraki"),
    prefecture("09", "栃木県", "Tochigi"),
    prefecture("10", "群馬県", "Gunma"),
    prefecture("11", "埼玉県", "Saitama"),
    prefecture("12", "千葉県", "Chiba"),
    prefecture("13", "東京都", "Tokyo"),
    prefecture("14", "神奈川県", "Kanagawa"),
    prefecture("15", "新潟県", "Niigata"),
    prefecture("16", "富山県", "Toyama"),
    prefecture("17", "石川県", "Ishikawa"),
    prefecture("18", "福井県", "Fukui"),
    prefecture("19", "山梨県", "Yamanashi"),
    prefecture("20", "長野県", "Nagano"),
    prefecture("21", "岐阜県", "Gifu"),
    prefecture("22", "静岡県", "Shizuoka"),
    prefecture("23", "愛知県", "Aichi"),
    prefecture("24", "三重県", "Mie"),
    prefecture("25", "滋賀県", "Shiga"),
    prefecture("26", "京都府", "Kyoto"),
    prefecture("27", "大阪府", "Osaka"),
    prefecture("28", "兵庫県", "Hyogo"),
    prefecture("29", "奈良県", "Nara"),
    prefecture("30", "和歌山県", "Wakayama"),
    prefecture("31", "鳥取県", "Tottori"),
    prefecture("32", "島根県", "Shimane"),
    prefecture("33", "岡山県", "Okayama"),
    prefecture("34", "広島県", "Hiroshima"),
    prefecture("35", "山口県", "Yamaguchi"),
    prefecture("36", "徳島県", "Tokushima"),
    prefecture("37", "香川県", "Kagawa"),
    prefecture("38", "愛媛県", "Ehime"),
    prefecture("39", "高知県", "Kochi"),
    prefecture("40", "福岡県", "Fukuoka"),
    prefecture("41", "佐賀県", "Saga"),
    prefecture("42", "長崎県", "Nagasaki"),
    prefecture("43", "熊本県", "Kumamoto"),
    prefecture("44", "大分県", "Oita"),
    prefecture("45", "宮崎県", "Miyazaki"),
    prefecture("46", "鹿児島県", "Kagoshima"),
    prefecture("47", "沖縄県", "Okinawa"),
];

/// Where an anonymous patient lives: a prefecture, or abroad.
const RESIDENCES: &[ChoiceOption] = &{
    let mut all = [option("abroad", "国外", "Abroad"); 48];
    let mut i = 0;
    while i < PREFECTURES.len() {
        all[i] = PREFECTURES[i];
        i += 1;
    }
    all
};

/// Patient items for the 五類 diseases notified within 7 days: no name, birth date or address
/// (感染症法 第12条第1項第2号), only age, sex, occupation and the municipality of residence.
pub const PATIENT_ANONYMOUS: Section = Section {
    title: Text::new("患者", "Patient"),
    fields: &[
        choice("patient_sex", "性別", "Sex", SEXES),
        AGE,
        AGE_MONTHS,
        OCCUPATION,
        choice("patient_prefecture", "患者住所（都道府県）", "Residence (prefecture)", RESIDENCES),
        unless(
            text("patient_municipality", "患者住所（市区町村）", "Residence (city, ward, town or village)", 50, true),
            "patient_prefecture",
            "abroad",
        ),
    ],
};

/// Whether `options` has an option with this value.
const fn has_option(options: &[ChoiceOption], value: &str) -> bool {
    let mut i = 0;
    while i < options.len() {
        let candidate = options[i].value.as_bytes();
        let wanted = value.as_bytes();
        if candidate.len() == wanted.len() {
            let mut j = 0;
            while j < wanted.len() && candidate[j] == wanted[j] {
                j += 1;
            }
            if j == wanted.len() {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// A disease's symptom checklist; not asked of asymptomatic carriers where the 類型 has them.
pub(super) const fn symptoms_field(case_types: &'static [ChoiceOption], options: &'static [ChoiceOption]) -> Field {
    let checklist = multi("symptoms", "症状", "Symptoms", options);
    if has_option(case_types, "carrier") {
        unless(checklist, "case_type", "carrier")
    } else {
        checklist
    }
}

pub(super) const SYMPTOMS_OTHER: Field = other_text("symptoms_other", "symptoms", "その他の症状", "Other symptoms");

/// 診断方法 (item 12) as the standard forms list it; the disease's own tests go in the details.
pub const DIAGNOSIS_METHODS: &[ChoiceOption] = &[
    option("isolation", "分離・同定による病原体の検出", "Pathogen isolated and identified"),
    option("pcr", "検体から病原体遺伝子の検出（PCR法等）", "Pathogen genome detected (PCR etc.)"),
    option("antigen", "病原体抗原の検出", "Pathogen antigen detected"),
    option(
        "antibody",
        "抗体の検出（IgM抗体、ペア血清での抗体の陽転又は有意上昇等）",
        "Antibody detected (IgM, seroconversion or significant rise in paired sera)",
    ),
    option("microscopy", "顕微鏡下での病原体の確認", "Pathogen seen under the microscope"),
    option("toxin", "毒素の検出", "Toxin detected"),
    option("imaging", "画像診断", "Imaging"),
    option("pathology", "病理検査", "Pathology"),
    option("clinical", "臨床決定", "Clinical diagnosis"),
    OTHER,
];

/// 検体 (specimens).
pub const SPECIMENS: &[ChoiceOption] = &[
    option("blood", "血液", "Blood"),
    option("serum", "血清", "Serum"),
    option("csf", "髄液", "Cerebrospinal fluid"),
    option("throat_swab", "咽頭ぬぐい液", "Throat swab"),
    option("nasal_swab", "鼻腔ぬぐい液", "Nasal swab"),
    option("sputum", "喀痰", "Sputum"),
    option("urine", "尿", "Urine"),
    option("stool", "便", "Stool"),
    option("skin_lesion", "皮膚病変部", "Skin lesion"),
    option("tissue", "組織", "Tissue"),
    OTHER,
];

/// The common diagnosis section (item 12).
pub const DIAGNOSIS: Section = Section {
    title: Text::new("診断方法", "Diagnosis method"),
    fields: &[
        multi("diagnosis_methods", "診断方法", "Diagnosis method", DIAGNOSIS_METHODS),
        other_text("diagnosis_method_other", "diagnosis_methods", "その他の診断方法", "Other diagnosis method"),
        optional(multi("diagnosis_specimens", "検体", "Specimens", SPECIMENS)),
        other_text("diagnosis_specimen_other", "diagnosis_specimens", "その他の検体", "Other specimen"),
        long_text(
            "diagnosis_details",
            "検査結果等の詳細（血清型、抗体価等）",
            "Test results in detail (serotype, titres …)",
            500,
            false,
        ),
    ],
};

const OUTCOMES: &[ChoiceOption] = &[option("alive", "生存", "Alive"), option("dead", "死亡", "Died")];

/// The dates of the case and whether the patient died (items 13–17).
pub const DATES: Section = Section {
    title: Text::new("日付", "Dates"),
    fields: &[
        date("first_visit_date", "初診年月日", "Date of first visit", true),
        date("diagnosis_date", "診断（検案）年月日", "Date of diagnosis", true),
        date("infection_date", "感染したと推定される年月日", "Estimated date of infection", false),
        date("onset_date", "発病年月日", "Date of onset", false),
        choice("outcome", "転帰", "Outcome", OUTCOMES),
        when(date("death_date", "死亡年月日", "Date of death", true), "outcome", "dead"),
    ],
};

/// 感染原因・感染経路 (item 18): the main route; `airborne` is the value the measles form has used.
pub const ROUTES: &[ChoiceOption] = &[
    option("airborne", "空気・飛沫感染", "Airborne or droplet"),
    option("contact", "接触感染", "Contact"),
    option("food_water", "経口感染（飲食物・水）", "Food or water"),
    option("animal_insect", "動物・蚊・昆虫等からの感染", "Animals, mosquitoes, ticks or other insects"),
    option("sexual", "性的接触", "Sexual contact"),
    option("blood", "輸血・血液製剤", "Blood transfusion or blood products"),
    option(
        "needle",
        "針等の鋭利なものの刺入（針刺し事故、静注薬物使用等）",
        "Needle or sharp object (needlestick, injecting drug use …)",
    ),
    option("mother_to_child", "母子感染", "Mother to child"),
    option("medical", "医療行為・医療器具", "Medical procedure or device"),
    OTHER,
    UNKNOWN,
];

const CERTAINTY: &[ChoiceOption] = &[option("confirmed", "確定", "Confirmed"), option("presumed", "推定", "Presumed")];

const SEXUAL_CONTACTS: &[ChoiceOption] = &[
    option("opposite_sex", "異性間", "With the opposite sex"),
    option("same_sex", "同性間", "With the same sex"),
    option("both", "異性間・同性間の両方", "Both"),
    UNKNOWN,
];

/// The cause and route of infection (item 18).
pub const INFECTION_CAUSE: Section = Section {
    title: Text::new("感染原因・感染経路", "Cause and route of infection"),
    fields: &[
        choice("infection_route", "感染経路", "Route of infection", ROUTES),
        optional(choice("infection_route_certainty", "感染経路の確からしさ", "Route confirmed or presumed", CERTAINTY)),
        when(
            choice("sexual_contact", "性的接触の相手", "Sexual contact with", SEXUAL_CONTACTS),
            "infection_route",
            "sexual",
        ),
        long_text(
            "infection_route_detail",
            "感染原因・感染経路の詳細（推定される食品、動物の種類、接触者等）",
            "Details (suspected food, animal, contacts …)",
            500,
            false,
        ),
    ],
};

const AREAS: &[ChoiceOption] = &[option("domestic", "国内", "In Japan"), option("abroad", "国外", "Abroad"), UNKNOWN];

/// Where the infection happened (item 18, 感染地域); abroad, the country and the journey (国外渡航).
pub const INFECTION_AREA: Section = Section {
    title: Text::new("感染地域", "Place of infection"),
    fields: &[
        choice("infection_area", "感染地域", "Place of infection", AREAS),
        when(
            optional(choice("infection_prefecture", "都道府県", "Prefecture", PREFECTURES)),
            "infection_area",
            "domestic",
        ),
        when(
            text("infection_municipality", "市区町村", "City, ward, town or village", 50, false),
            "infection_area",
            "domestic",
        ),
        when(text("infection_country", "国名", "Country", 50, true), "infection_area", "abroad"),
        when(text("infection_region", "国外の詳細地域", "Region abroad", 100, false), "infection_area", "abroad"),
        when(
            date("travel_departure_date", "渡航期間（出国日）", "Travel: date of departure from Japan", false),
            "infection_area",
            "abroad",
        ),
        when(
            date("travel_return_date", "渡航期間（帰国日）", "Travel: date of return to Japan", false),
            "infection_area",
            "abroad",
        ),
    ],
};

/// 妊娠 (asked of women for diseases where it matters: 梅毒, 風しん, ジカウイルス感染症).
pub const PREGNANCY: Section = Section {
    title: Text::new("妊娠", "Pregnancy"),
    fields: &[
        when(choice("pregnancy", "妊娠の有無", "Pregnant", YES_NO_UNKNOWN), "patient_sex", "female"),
        when(integer("pregnancy_weeks", ("妊娠週数", "Weeks of pregnancy"), (0, 45), false), "pregnancy", "yes"),
    ],
};

/// 予防接種歴 of the two-dose vaccines (麻しん・風しん含有ワクチン), shared by 麻しん and 風しん.
pub const VACCINATION_TWO_DOSES: Section = Section {
    title: Text::new("予防接種歴", "Vaccination history"),
    fields: &[
        choice("vaccination_1", "1回目の接種", "First dose", YES_NO_UNKNOWN),
        when(date("vaccination_1_date", "1回目の接種年月日", "Date of first dose", false), "vaccination_1", "yes"),
        choice("vaccination_2", "2回目の接種", "Second dose", YES_NO_UNKNOWN),
        when(date("vaccination_2_date", "2回目の接種年月日", "Date of second dose", false), "vaccination_2", "yes"),
    ],
};

/// 予防接種歴 as a number of doses (百日咳含有ワクチン, Hib, 肺炎球菌, 水痘 …).
pub const VACCINATION_DOSES: Section = Section {
    title: Text::new("予防接種歴", "Vaccination history"),
    fields: &[
        choice("vaccination", "予防接種歴", "Vaccination history", YES_NO_UNKNOWN),
        when(integer("vaccination_doses", ("接種回数", "Number of doses"), (1, 10), true), "vaccination", "yes"),
        when(date("vaccination_last_date", "最終接種年月日", "Date of the last dose", false), "vaccination", "yes"),
        when(text("vaccination_vaccine", "ワクチンの種類", "Vaccine", 100, false), "vaccination", "yes"),
    ],
};

/// その他 (item 19): anything the doctor wants the health center to know.
pub const REMARKS: Section = Section {
    title: Text::new("その他", "Other"),
    fields: &[long_text(
        "remarks",
        "その他感染症のまん延の防止及び当該者の医療のために医師が必要と認める事項",
        "Anything else the doctor thinks the health center needs to know",
        1000,
        false,
    )],
};

/// Rules that hold for every form built from these sections; a rule naming a field that a form lacks
/// does not apply to it.
pub const RULES: &[FormRule] = &[
    FormRule::DateOrder { earlier: "patient_birth_date", later: "diagnosis_date", wrong: Wrong::Earlier },
    FormRule::DateOrder { earlier: "patient_birth_date", later: "onset_date", wrong: Wrong::Later },
    FormRule::DateOrder { earlier: "patient_birth_date", later: "first_visit_date", wrong: Wrong::Later },
    FormRule::DateOrder { earlier: "first_visit_date", later: "diagnosis_date", wrong: Wrong::Earlier },
    FormRule::DateOrder { earlier: "infection_date", later: "onset_date", wrong: Wrong::Earlier },
    FormRule::DateOrder { earlier: "infection_date", later: "diagnosis_date", wrong: Wrong::Earlier },
    FormRule::DateOrder { earlier: "onset_date", later: "diagnosis_date", wrong: Wrong::Earlier },
    FormRule::DateOrder { earlier: "onset_date", later: "death_date", wrong: Wrong::Earlier },
    FormRule::DateOrder { earlier: "patient_birth_date", later: "death_date", wrong: Wrong::Later },
    FormRule::DateOrder { earlier: "patient_birth_date", later: "vaccination_1_date", wrong: Wrong::Later },
    FormRule::DateOrder { earlier: "vaccination_1_date", later: "vaccination_2_date", wrong: Wrong::Later },
    FormRule::DateOrder { earlier: "patient_birth_date", later: "vaccination_last_date", wrong: Wrong::Later },
    FormRule::DateOrder { earlier: "travel_departure_date", later: "travel_return_date", wrong: Wrong::Later },
    FormRule::AgeAt { age: "patient_age", birth: "patient_birth_date", at: "diagnosis_date" },
    FormRule::MonthsAt { months: "patient_age_months", birth: "patient_birth_date", at: "diagnosis_date" },
    FormRule::Implies { field: "case_type", values: DEATH_CASE_TYPES, then: "outcome", then_equals: "dead" },
];

/// The rules of the first version, kept under their old name.
pub const DATE_RULES: &[FormRule] = RULES;

/// A disease form from the common sections: 類型, the patient section(s), the disease's symptom checklist,
/// diagnosis, dates, infection cause and area, then the disease's own sections and remarks.
macro_rules! disease_form {
    (
        case_types: $case_types:expr,
        patient: [$($patient:expr),* $(,)?],
        symptoms: $symptoms:expr
        $(, specific: [$($specific:expr),* $(,)?])?
        $(,)?
    ) => {
        $crate::forms::FormDefinition {
            sections: &[
                $crate::forms::Section {
                    title: $crate::i18n::Text::new("類型", "Case type"),
                    fields: &[$crate::forms::common::case_type($case_types)],
                },
                $($patient,)*
                $crate::forms::Section {
                    title: $crate::i18n::Text::new("症状", "Symptoms"),
                    fields: &[
                        $crate::forms::common::symptoms_field($case_types, $symptoms),
                        $crate::forms::common::SYMPTOMS_OTHER,
                    ],
                },
                $crate::forms::common::DIAGNOSIS,
                $crate::forms::common::DATES,
                $crate::forms::common::INFECTION_CAUSE,
                $crate::forms::common::INFECTION_AREA,
                $($($specific,)*)?
                $crate::forms::common::REMARKS,
            ],
            rules: $crate::forms::common::RULES,
        }
    };
}
pub(crate) use disease_form;

/// A form for a disease notified with the patient's name (直ちに).
macro_rules! identified_form {
    ($case_types:expr, $symptoms:expr $(, $specific:expr)* $(,)?) => {
        $crate::forms::common::disease_form! {
            case_types: $case_types,
            patient: [$crate::forms::common::PATIENT_IDENTIFIED, $crate::forms::common::GUARDIAN],
            symptoms: $symptoms,
            specific: [$($specific),*],
        }
    };
}
pub(crate) use identified_form;

/// A form for a 五類 disease notified within 7 days, without name or address.
macro_rules! anonymous_form {
    ($case_types:expr, $symptoms:expr $(, $specific:expr)* $(,)?) => {
        $crate::forms::common::disease_form! {
            case_types: $case_types,
            patient: [$crate::forms::common::PATIENT_ANONYMOUS],
            symptoms: $symptoms,
            specific: [$($specific),*],
        }
    };
}
pub(crate) use anonymous_form;

/// A 病型 (type of disease) section with one required choice, e.g. the species of a malaria.
macro_rules! type_section {
    ($id:expr, $options:expr) => {
        $crate::forms::Section {
            title: $crate::i18n::Text::new("病型", "Type of disease"),
            fields: &[$crate::forms::common::choice($id, "病型", "Type of disease", $options)],
        }
    };
}
pub(crate) use type_section;
