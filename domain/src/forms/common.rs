//! The common items of a 発生届 (施行規則 第4条) that every disease's form shares:
//! the patient, the dates of the case, and where and how the infection happened.

use super::{ChoiceOption, Condition, Field, FieldKind, FormRule, Section};
use crate::i18n::Text;

pub(super) const fn option(value: &'static str, ja: &'static str, en: &'static str) -> ChoiceOption {
    ChoiceOption { value, label: Text::new(ja, en) }
}

pub(super) const fn text(
    id: &'static str,
    ja: &'static str,
    en: &'static str,
    max_chars: usize,
    required: bool,
) -> Field {
    Field { id, label: Text::new(ja, en), kind: FieldKind::Text { max_chars }, required, shown_when: None }
}

pub(super) const fn date(id: &'static str, ja: &'static str, en: &'static str, required: bool) -> Field {
    Field { id, label: Text::new(ja, en), kind: FieldKind::Date, required, shown_when: None }
}

pub(super) const fn choice(
    id: &'static str,
    ja: &'static str,
    en: &'static str,
    options: &'static [ChoiceOption],
) -> Field {
    Field { id, label: Text::new(ja, en), kind: FieldKind::Choice { options }, required: true, shown_when: None }
}

/// Makes a field apply only when `field` was answered `equals`.
pub(super) const fn when(mut shown: Field, field: &'static str, equals: &'static str) -> Field {
    shown.shown_when = Some(Condition { field, equals });
    shown
}

pub(super) const fn multi(
    id: &'static str,
    ja: &'static str,
    en: &'static str,
    options: &'static [ChoiceOption],
) -> Field {
    Field { id, label: Text::new(ja, en), kind: FieldKind::MultiChoice { options }, required: true, shown_when: None }
}

const SEXES: &[ChoiceOption] = &[option("male", "男", "Male"), option("female", "女", "Female")];

/// Patient items for diseases notified with name and address (一類–四類 and 麻しん, 風しん, 侵襲性髄膜炎菌感染症).
pub const PATIENT_IDENTIFIED: Section = Section {
    title: Text::new("患者", "Patient"),
    fields: &[
        text("patient_name", "氏名", "Name", 50, true),
        choice("patient_sex", "性別", "Sex", SEXES),
        date("patient_birth_date", "生年月日", "Date of birth", true),
        Field {
            id: "patient_age",
            label: Text::new("診断時の年齢（歳）", "Age at diagnosis (years)"),
            kind: FieldKind::Integer { min: 0, max: 150 },
            required: true,
            shown_when: None,
        },
        text("patient_occupation", "職業", "Occupation", 50, false),
        text("patient_address", "住所", "Address", 200, true),
    ],
};

const OUTCOMES: &[ChoiceOption] = &[option("alive", "生存", "Alive"), option("dead", "死亡", "Died")];

/// The dates of the case and whether the patient died.
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

const AREAS: &[ChoiceOption] =
    &[option("domestic", "国内", "In Japan"), option("abroad", "国外", "Abroad"), option("unknown", "不明", "Unknown")];

/// Where the infection happened; the country is asked only for infections abroad.
pub const INFECTION_AREA: Section = Section {
    title: Text::new("感染地域", "Place of infection"),
    fields: &[
        choice("infection_area", "感染地域", "Place of infection", AREAS),
        when(text("infection_country", "国名", "Country", 50, true), "infection_area", "abroad"),
    ],
};

/// Date rules that hold for every form built on [`DATES`] and [`PATIENT_IDENTIFIED`].
pub const DATE_RULES: &[FormRule] = &[
    FormRule::DateOrder { earlier: "patient_birth_date", later: "diagnosis_date" },
    FormRule::DateOrder { earlier: "first_visit_date", later: "diagnosis_date" },
    FormRule::DateOrder { earlier: "infection_date", later: "onset_date" },
    FormRule::DateOrder { earlier: "onset_date", later: "diagnosis_date" },
    FormRule::DateOrder { earlier: "onset_date", later: "death_date" },
    FormRule::DateOrder { earlier: "patient_birth_date", later: "death_date" },
    FormRule::AgeAt { age: "patient_age", birth: "patient_birth_date", at: "diagnosis_date" },
];
