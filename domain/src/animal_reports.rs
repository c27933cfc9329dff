//! The animal-report catalog (N-7, 感染症法 第13条, 施行令 第5条): which disease in which animal a
//! veterinarian must report, immediately, to the nearest health center. Entries are data, like diseases.

use serde::Serialize;
use time::macros::date;
use time::Date;

use crate::dates::iso_date;
use crate::forms::FormRef;
use crate::i18n::Text;

/// One disease × species pair a veterinarian reports.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct AnimalReport {
    /// Stable code, e.g. `ebola_monkey`.
    pub code: &'static str,
    /// The disease, as named in the law.
    pub disease: Text,
    /// The human disease catalog's code for it (`crate::diseases::find`).
    pub disease_code: &'static str,
    /// The animal (species or group) named in 施行令 第5条.
    pub animal: Text,
    #[serde(serialize_with = "iso_date::serialize")]
    pub effective_from: Date,
    /// [`FormRef::Animal`], the one veterinarians' form.
    #[serde(skip)]
    pub form: FormRef,
}

impl AnimalReport {
    pub fn is_notifiable_on(&self, day: Date) -> bool {
        day >= self.effective_from
    }
}

const MONKEY: Text = Text::new("サル", "Monkeys");
const BIRDS: Text = Text::new("鳥類に属する動物", "Birds");

/// The law of 1999 in force (施行 1999-04-01). The dates of entry of the pairs follow the amendments as best
/// known (2003-11-05, 2004-10-01, 2007-04-01, 2008-05-12, 2015-01-21) and are (unconfirmed).
const LAW_IN_FORCE: Date = date!(1999 - 04 - 01);

const fn report(
    code: &'static str,
    disease: Text,
    disease_code: &'static str,
    animal: Text,
    effective_from: Date,
) -> AnimalReport {
    AnimalReport { code, disease, disease_code, animal, effective_from, form: FormRef::Animal }
}

/// Every disease × animal pair of 施行令 第5条. 新型インフルエンザ等感染症 in birds covers the influenza ones
/// (新型・再興型コロナウイルス感染症 are excluded by the order).
pub const CATALOG: &[AnimalReport] = &[
    report("ebola_monkey", Text::new("エボラ出血熱", "Ebola virus disease"), "ebola", MONKEY, LAW_IN_FORCE),
    report("marburg_monkey", Text::new("マールブルグ病", "Marburg virus disease"), "marburg", MONKEY, LAW_IN_FORCE),
    report(
        "plague_prairie_dog",
        Text::new("ペスト", "Plague"),
        "plague",
        Text::new("プレーリードッグ", "Prairie dogs"),
        date!(2003 - 11 - 05),
    ),
    report(
        "sars_ferret_badger",
        Text::new("重症急性呼吸器症候群", "SARS"),
        "sars",
        Text::new("イタチアナグマ", "Ferret-badgers"),
        date!(2003 - 11 - 05),
    ),
    report(
        "sars_raccoon_dog",
        Text::new("重症急性呼吸器症候群", "SARS"),
        "sars",
        Text::new("タヌキ", "Raccoon dogs"),
        date!(2003 - 11 - 05),
    ),
    report(
        "sars_masked_palm_civet",
        Text::new("重症急性呼吸器症候群", "SARS"),
        "sars",
        Text::new("ハクビシン", "Masked palm civets"),
        date!(2003 - 11 - 05),
    ),
    report("shigellosis_monkey", Text::new("細菌性赤痢", "Shigellosis"), "shigellosis", MONKEY, LAW_IN_FORCE),
    report(
        "west_nile_bird",
        Text::new("ウエストナイル熱", "West Nile fever"),
        "west_nile_fever",
        BIRDS,
        date!(2003 - 11 - 05),
    ),
    report(
        "echinococcosis_dog",
        Text::new("エキノコックス症", "Echinococcosis"),
        "echinococcosis",
        Text::new("犬", "Dogs"),
        date!(2004 - 10 - 01),
    ),
    report("tuberculosis_monkey", Text::new("結核", "Tuberculosis"), "tuberculosis", MONKEY, date!(2007 - 04 - 01)),
    report(
        "avian_influenza_h5n1_bird",
        Text::new("鳥インフルエンザ（H5N1）", "Avian influenza (H5N1)"),
        "avian_influenza_h5n1",
        BIRDS,
        date!(2008 - 05 - 12),
    ),
    report(
        "avian_influenza_h7n9_bird",
        Text::new("鳥インフルエンザ（H7N9）", "Avian influenza (H7N9)"),
        "avian_influenza_h7n9",
        BIRDS,
        date!(2015 - 01 - 21),
    ),
    report(
        "novel_influenza_bird",
        Text::new("新型インフルエンザ", "Novel influenza"),
        "novel_influenza",
        BIRDS,
        date!(2008 - 05 - 12),
    ),
    report(
        "reemerging_influenza_bird",
        Text::new("再興型インフルエンザ", "Re-emerging influenza"),
        "reemerging_influenza",
        BIRDS,
        date!(2008 - 05 - 12),
    ),
    report(
        "mers_dromedary",
        Text::new("中東呼吸器症候群", "MERS"),
        "mers",
        Text::new("ヒトコブラクダ", "Dromedary camels"),
        date!(2015 - 01 - 21),
    ),
];

pub fn find(code: &str) -> Option<&'static AnimalReport> {
    CATALOG.iter().find(|report| report.code == code)
}

/// The pairs a veterinarian must report on `day`.
pub fn catalog_on(day: Date) -> impl Iterator<Item = &'static AnimalReport> {
    CATALOG.iter().filter(move |report| report.is_notifiable_on(day))
}
