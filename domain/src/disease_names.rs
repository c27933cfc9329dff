//! What doctors type to find a disease, besides its legal name and English name (`diseases::CATALOG`):
//! readings of the names written with kanji, and the common names, abbreviations and older spellings in
//! use (はしか, TB, O157). Data only: `disease_search` applies it. Readings are in hiragana; the search
//! folds kana and width, so ましん, マシン and ﾏｼﾝ find 麻しん alike.
//!
//! Also the diseases a doctor may look for that are not notified case by case but counted through the
//! sentinel sites' weekly reports (定点把握): typing them must say so rather than find nothing, or worse,
//! lead to a similar-sounding notifiable disease (コロナ → 新型コロナウイルス感染症 of 新型インフルエンザ等).

use time::macros::date;
use time::Date;

use crate::i18n::Text;

/// The other names of one catalog entry (`code` as in `diseases::CATALOG`).
#[derive(Debug, Clone, Copy)]
pub struct OtherNames {
    pub code: &'static str,
    /// How the legal name is read, in hiragana (empty when the name is all kana and letters).
    pub readings: &'static [&'static str],
    /// Common names, abbreviations, older or alternative spellings.
    pub common: &'static [&'static str],
}

const fn names(code: &'static str, readings: &'static [&'static str], common: &'static [&'static str]) -> OtherNames {
    OtherNames { code, readings, common }
}

/// One entry per catalog disease (a test checks both ways).
pub const OTHER_NAMES: &[OtherNames] = &[
    names("ebola", &["えぼらしゅっけつねつ"], &["エボラ", "EVD"]),
    names("crimean_congo_hemorrhagic_fever", &["くりみあこんごしゅっけつねつ"], &["CCHF"]),
    names("smallpox", &["とうそう"], &["天然痘", "てんねんとう", "痘瘡"]),
    names("south_american_hemorrhagic_fever", &["なんべいしゅっけつねつ"], &[]),
    names("plague", &[], &["黒死病"]),
    names("marburg", &["まーるぶるぐびょう"], &[]),
    names("lassa_fever", &["らっさねつ"], &[]),
    names("polio", &["きゅうせいかいはくずいえん"], &["ポリオ", "小児まひ", "しょうにまひ", "小児麻痺"]),
    names("tuberculosis", &["けっかく"], &["TB", "肺結核", "はいけっかく"]),
    names("diphtheria", &[], &[]),
    names("sars", &["じゅうしょうきゅうせいこきゅうきしょうこうぐん"], &["サーズ"]),
    names("mers", &["ちゅうとうこきゅうきしょうこうぐん"], &["マーズ"]),
    names("avian_influenza_h5n1", &["とりいんふるえんざ"], &["H5N1"]),
    names("avian_influenza_h7n9", &["とりいんふるえんざ"], &["H7N9"]),
    names("cholera", &[], &[]),
    names("shigellosis", &["さいきんせいせきり"], &["赤痢", "せきり"]),
    names("ehec", &["ちょうかんしゅっけつせいだいちょうきんかんせんしょう"], &["O157", "EHEC", "腸管出血性大腸菌"]),
    names("typhoid", &["ちょうちふす"], &[]),
    names("paratyphoid", &[], &[]),
    names("hepatitis_e", &["いーがたかんえん"], &["HEV"]),
    names("west_nile_fever", &["うえすとないるねつ"], &["ウエストナイル脳炎"]),
    names("hepatitis_a", &["えーがたかんえん"], &["HAV"]),
    names("echinococcosis", &["えきのこっくすしょう"], &["包虫症"]),
    names("mpox", &[], &["サル痘", "さるとう", "monkeypox"]),
    names("yellow_fever", &["おうねつ"], &[]),
    names("psittacosis", &["おうむびょう"], &[]),
    names("omsk_hemorrhagic_fever", &["おむすくしゅっけつねつ"], &[]),
    names("relapsing_fever", &["かいきねつ"], &[]),
    names("kyasanur_forest_disease", &["きゃさぬるしんりんびょう"], &[]),
    names("q_fever", &["きゅーねつ"], &[]),
    names("rabies", &["きょうけんびょう"], &[]),
    names("coccidioidomycosis", &["こくしじおいですしょう"], &[]),
    names("zika", &["じかういるすかんせんしょう"], &["ジカ熱", "じかねつ"]),
    names("sfts", &["じゅうしょうねっせいけっしょうばんげんしょうしょうこうぐん"], &["SFTS"]),
    names("hemorrhagic_fever_with_renal_syndrome", &["じんしょうこうせいしゅっけつねつ"], &["HFRS"]),
    names("western_equine_encephalitis", &["せいぶうまのうえん"], &[]),
    names("tick_borne_encephalitis", &["だにばいかいのうえん"], &["TBE"]),
    names("anthrax", &["たんそ"], &[]),
    names("chikungunya", &["ちくんぐにあねつ"], &[]),
    names("scrub_typhus", &["つつがむしびょう"], &["恙虫病"]),
    names("dengue", &["でんぐねつ"], &["デング"]),
    names("eastern_equine_encephalitis", &["とうぶうまのうえん"], &[]),
    names("avian_influenza_other", &["とりいんふるえんざ"], &[]),
    names("nipah", &["にぱういるすかんせんしょう"], &[]),
    names("japanese_spotted_fever", &["にほんこうはんねつ"], &[]),
    names("japanese_encephalitis", &["にほんのうえん"], &[]),
    names("hantavirus_pulmonary_syndrome", &["はんたういるすはいしょうこうぐん"], &[]),
    names("b_virus", &["びーういるすびょう"], &[]),
    names("glanders", &["びそ"], &[]),
    names("brucellosis", &["ぶるせらしょう"], &[]),
    names("venezuelan_equine_encephalitis", &["べねずえらうまのうえん"], &[]),
    names("hendra", &["へんどらういるすかんせんしょう"], &[]),
    names("epidemic_typhus", &["はっしんちふす"], &["発疹チフス"]),
    names("botulism", &["ぼつりぬすしょう"], &[]),
    names("malaria", &[], &[]),
    names("tularemia", &["やとびょう"], &[]),
    names("lyme_disease", &["らいむびょう"], &[]),
    names("lyssavirus", &["りっさういるすかんせんしょう"], &[]),
    names("rift_valley_fever", &["りふとばれーねつ"], &[]),
    names("melioidosis", &["るいびそ"], &[]),
    names("legionellosis", &["れじおねらしょう"], &["レジオネラ"]),
    names("leptospirosis", &["れぷとすぴらしょう"], &["ワイル病"]),
    names("rocky_mountain_spotted_fever", &["ろっきーさんこうはんねつ"], &[]),
    names("amoebiasis", &["あめーばせきり"], &[]),
    names("viral_hepatitis", &["ういるすせいかんえん"], &["B型肝炎", "C型肝炎", "HBV", "HCV"]),
    names("cre", &["かるばぺねむたいせいちょうないさいきんもくさいきんかんせんしょう"], &["CRE"]),
    names("acute_flaccid_paralysis", &["きゅうせいしかんせいまひ"], &["AFP"]),
    names("acute_encephalitis", &["きゅうせいのうえん"], &["脳炎", "急性脳症", "脳症"]),
    names("cryptosporidiosis", &["くりぷとすぽりじうむしょう"], &[]),
    names("cjd", &["くろいつふぇるとやこぶびょう"], &["CJD", "ヤコブ病"]),
    names("stss", &["げきしょうがたようけつせいれんさきゅうきんかんせんしょう"], &["STSS", "人食いバクテリア"]),
    names("hiv_aids", &["こうてんせいめんえきふぜんしょうこうぐん"], &["エイズ", "AIDS", "HIV"]),
    names("giardiasis", &["じあるじあしょう"], &[]),
    names("invasive_haemophilus_influenzae", &["しんしゅうせいいんふるえんざきんかんせんしょう"], &["Hib", "ヒブ"]),
    names("invasive_meningococcal", &["しんしゅうせいずいまくえんきんかんせんしょう"], &["髄膜炎菌", "IMD"]),
    names("invasive_pneumococcal", &["しんしゅうせいはいえんきゅうきんかんせんしょう"], &["肺炎球菌", "IPD"]),
    names("varicella_hospitalized", &["すいとう"], &["水ぼうそう", "みずぼうそう", "chickenpox"]),
    names("congenital_rubella_syndrome", &["せんてんせいふうしんしょうこうぐん"], &["CRS"]),
    names("syphilis", &["ばいどく"], &[]),
    names("disseminated_cryptococcosis", &["はしゅせいくりぷとこっくすしょう"], &[]),
    names("tetanus", &["はしょうふう"], &[]),
    names("vrsa", &["ばんこまいしんたいせいおうしょくぶどうきゅうきんかんせんしょう"], &["VRSA"]),
    names("vre", &["ばんこまいしんたいせいちょうきゅうきんかんせんしょう"], &["VRE"]),
    names("pertussis", &["ひゃくにちぜき"], &["百日せき"]),
    names("rubella", &["ふうしん"], &["風疹", "三日ばしか", "みっかばしか"]),
    names("measles", &["ましん"], &["はしか", "麻疹"]),
    names("mdra", &["やくざいたいせいあしねとばくたーかんせんしょう"], &["MDRA"]),
    names("mdrp", &["たざいたいせいりょくのうきんかんせんしょう"], &["MDRP"]),
    names("novel_influenza", &["しんがたいんふるえんざ"], &[]),
    names("reemerging_influenza", &["さいこうがたいんふるえんざ"], &[]),
    names("novel_coronavirus", &["しんがたころなういるすかんせんしょう"], &[]),
    names("reemerging_coronavirus", &["さいこうがたころなういるすかんせんしょう"], &[]),
];

/// The other names of the disease with this code.
pub fn other_names(code: &str) -> Option<&'static OtherNames> {
    OTHER_NAMES.iter().find(|entry| entry.code == code)
}

/// A disease counted through sentinel reports, not notified case by case: found by these names, it is
/// answered with where it is reported instead.
#[derive(Debug, Clone, Copy)]
pub struct SentinelDisease {
    pub name: Text,
    pub names: &'static [&'static str],
    /// The first day it is a sentinel disease.
    pub since: Date,
    /// How a case is reported instead of a 発生届.
    pub how_reported: Text,
}

pub const SENTINEL_DISEASES: &[SentinelDisease] = &[
    SentinelDisease {
        name: Text::new("新型コロナウイルス感染症（COVID-19）", "COVID-19"),
        names: &["コロナ", "COVID-19", "新型コロナ", "しんがたころな"],
        since: date!(2023 - 05 - 08),
        how_reported: Text::new(
            "2023年5月8日から五類感染症（定点把握）です。発生届は出さず、指定届出機関（定点）の週ごとの定点報告で報告します。",
            "Since 8 May 2023 a class 5 sentinel disease: no notification; designated sentinel sites report it in their weekly reports.",
        ),
    },
    SentinelDisease {
        name: Text::new("インフルエンザ（季節性）", "Seasonal influenza"),
        names: &["インフルエンザ", "いんふる", "influenza", "flu"],
        since: date!(1999 - 04 - 01),
        how_reported: Text::new(
            "季節性インフルエンザは五類感染症（定点把握）です。発生届は出さず、指定届出機関（定点）の週ごとの定点報告で報告します。",
            "Seasonal influenza is a class 5 sentinel disease: no notification; designated sentinel sites report it in their weekly reports.",
        ),
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diseases::CATALOG;

    #[test]
    fn every_catalog_disease_has_one_entry_and_every_entry_a_disease() {
        for disease in CATALOG {
            let count = OTHER_NAMES.iter().filter(|entry| entry.code == disease.code).count();
            assert_eq!(count, 1, "{}", disease.code);
        }
        for entry in OTHER_NAMES {
            assert!(crate::diseases::find(entry.code).is_some(), "{} is not in the catalog", entry.code);
        }
    }

    #[test]
    fn names_written_with_kanji_have_a_reading() {
        let has_kanji = |text: &str| text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
        for disease in CATALOG {
            let readings = other_names(disease.code).map_or(0, |entry| entry.readings.len());
            assert!(!has_kanji(disease.name.ja) || readings > 0, "{} has no reading", disease.code);
        }
    }
}
