//! The disease catalog (N-1): which diseases can be notified, their category, deadline, whether the patient
//! is named, the dates the entry is in force, and their form. Entries are data; a law change adds or dates
//! an entry instead of changing code (e.g. 多剤耐性緑膿菌感染症 joins 五類全数 on 2026-04-06).
//!
//! `effective_from` is the first day a disease is notifiable in its present category and form. The dates,
//! checked against the amendment history (issue 13), with their sources:
//! - 1999-04-01, the law and its 施行規則 in force: confirmed (施行規則 附則 第1条, 平成10年厚生省令第99号).
//! - 2003-11-05, the 2003 amendment (SARS, 痘そう; old 四類 split into 四類 and 五類): confirmed (施行通知
//!   健発第1105002号, 平成15年11月5日: 平成15年法律第145号 in force that day; 施行規則 改正 平成15年厚生労働省令
//!   第167号 in force the same day).
//! - 2021-02-13, 新型コロナウイルス感染症 and 再興型コロナウイルス感染症 as 新型インフルエンザ等感染症: confirmed
//!   (健発0203第2号, 令和3年2月3日: 令和3年法律第5号 in force 2021-02-13). The novel coronavirus entry ends on
//!   2023-05-07: from 2023-05-08 COVID-19 is a 五類 sentinel disease (diseases.md; reported through
//!   sentinel reports, which the disease picker says).
//! - 2023-05-26, エムポックス (renamed from サル痘): corroborated (施行規則 第1条 as amended by 令和5年厚生労働省令
//!   第79号, in force 令和5年5月26日), not checked against the 施行令's own amendment.
//! - 2026-04-06, 多剤耐性緑膿菌感染症: diseases.md.
//! - 2007-04-01, the 2006 amendment (平成18年法律第106号) in force: 結核 joins as 二類 (結核予防法 repealed on
//!   2007-03-31), SARS moves to 二類 and コレラ to 三類: corroborated (JATA「感染症法について」, 2007年4月施行;
//!   島根県感染症情報センター「感染症法等改正による対象感染症の変更推移」, whose change columns are 2006-06-12,
//!   2007-04-01 and 2008-01-01). The eleven 四類 diseases dated 2006-04-01 until issue 13 (オムスク出血熱,
//!   キャサヌル森林病, 西部・東部・ベネズエラウマ脳炎, ダニ媒介脳炎, 鼻疽, 類鼻疽, ヘンドラウイルス感染症,
//!   リフトバレー熱, ロッキー山紅斑熱) are corrected to 2007-04-01: that table lists no change on 2006-04-01,
//!   and these diseases come after the 2003 ones in the 四類 list; the 施行令's own amendment was not read.
//! - 2008-05-12, 新型インフルエンザ等感染症 and 鳥インフルエンザ（H5N1） as 二類: confirmed (平成20年法律第30号,
//!   公布 平成20年5月2日, 施行 5月12日; 時の法令 2008年10月15日号).
//! - 2011-02-01, チクングニア熱 (四類): confirmed (施行令 改正, 施行 平成23年2月1日; 和歌山県感染症情報センター).
//! - 2013-03-04, 重症熱性血小板減少症候群 (四類): confirmed (健発0222第2号, 平成25年2月22日: 平成25年政令第38号
//!   in force 平成25年3月4日).
//! - 2015-01-21, MERS and 鳥インフルエンザ（H7N9） as 二類, the other avian influenzas renamed: confirmed
//!   (健感発0121第2号, 平成27年1月21日: 平成27年政令第1号 in force that day).
//! - 2016-02-15, ジカウイルス感染症 (四類): confirmed (平成28年政令第41号, 公布 2月5日, 施行 2月15日; 日本医師会
//!   地Ⅲ233F, 平成28年2月10日).

use serde::Serialize;
use time::macros::date;
use time::Date;

use crate::dates::iso_date;
use crate::forms::{ChronicForm, Class1To3Form, Class4Form, Class5Form, FormRef, VaccinePreventableForm};
use crate::i18n::Text;

/// The legal category of a notifiable disease (感染症法 第6条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// 一類感染症
    Class1,
    /// 二類感染症
    Class2,
    /// 三類感染症
    Class3,
    /// 四類感染症
    Class4,
    /// 五類感染症（全数把握）
    Class5AllCases,
    /// 新型インフルエンザ等感染症
    PandemicInfluenza,
    /// 指定感染症 (designated by cabinet order for up to a year; none at present)
    Designated,
    /// 新感染症 (suspected cases of an unknown disease; none at present)
    NewInfectious,
}

impl Category {
    pub fn name(self) -> Text {
        match self {
            Self::Class1 => Text::new("一類感染症", "Class 1"),
            Self::Class2 => Text::new("二類感染症", "Class 2"),
            Self::Class3 => Text::new("三類感染症", "Class 3"),
            Self::Class4 => Text::new("四類感染症", "Class 4"),
            Self::Class5AllCases => Text::new("五類感染症（全数把握）", "Class 5 (all cases)"),
            Self::PandemicInfluenza => Text::new("新型インフルエンザ等感染症", "Pandemic influenza and the like"),
            Self::Designated => Text::new("指定感染症", "Designated infectious disease"),
            Self::NewInfectious => Text::new("新感染症", "New infectious disease"),
        }
    }
}

/// 届出期限 (感染症法 第12条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Deadline {
    /// 直ちに
    Immediately,
    /// 7日以内
    WithinSevenDays,
}

/// One notifiable disease.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Disease {
    /// Stable code used in the API, e.g. `measles`.
    pub code: &'static str,
    pub name: Text,
    pub category: Category,
    pub deadline: Deadline,
    /// Whether the patient's name, address and birth date are notified (第12条第1項第1号: exactly the
    /// diseases notified immediately); the 7-day 五類 diseases carry age, sex and municipality only.
    pub collects_identity: bool,
    /// The first day the disease is notifiable in this category and form.
    #[serde(serialize_with = "iso_date::serialize")]
    pub effective_from: Date,
    /// The last day it is, when a law change ends or replaces the entry.
    #[serde(serialize_with = "iso_date::option::serialize")]
    pub effective_until: Option<Date>,
    /// Resolved by [`FormRef::definition`] (the browser app: one family at a time).
    #[serde(skip)]
    pub form: FormRef,
}

impl Disease {
    /// Whether a case may be notified under this entry on `day`.
    pub fn is_notifiable_on(&self, day: Date) -> bool {
        day >= self.effective_from && self.effective_until.is_none_or(|until| day <= until)
    }
}

/// A disease notified immediately, with the patient's name and address.
const fn immediate(code: &'static str, name: Text, category: Category, effective_from: Date, form: FormRef) -> Disease {
    Disease {
        code,
        name,
        category,
        deadline: Deadline::Immediately,
        collects_identity: true,
        effective_from,
        effective_until: None,
        form,
    }
}

/// A 五類 disease notified within 7 days, without the patient's name or address.
const fn within_seven_days(code: &'static str, name: Text, effective_from: Date, form: FormRef) -> Disease {
    Disease {
        code,
        name,
        category: Category::Class5AllCases,
        deadline: Deadline::WithinSevenDays,
        collects_identity: false,
        effective_from,
        effective_until: None,
        form,
    }
}

/// Every disease todoke accepts notifications for, in the order of the law's lists.
pub const CATALOG: &[Disease] = &[
    // 一類感染症
    immediate(
        "ebola",
        Text::new("エボラ出血熱", "Ebola virus disease"),
        Category::Class1,
        date!(1999 - 04 - 01),
        FormRef::Class1To3(Class1To3Form::Ebola),
    ),
    immediate(
        "crimean_congo_hemorrhagic_fever",
        Text::new("クリミア・コンゴ出血熱", "Crimean-Congo haemorrhagic fever"),
        Category::Class1,
        date!(1999 - 04 - 01),
        FormRef::Class1To3(Class1To3Form::CrimeanCongo),
    ),
    immediate(
        "smallpox",
        Text::new("痘そう", "Smallpox"),
        Category::Class1,
        date!(2003 - 11 - 05),
        FormRef::Class1To3(Class1To3Form::Smallpox),
    ),
    immediate(
        "south_american_hemorrhagic_fever",
        Text::new("南米出血熱", "South American haemorrhagic fever"),
        Category::Class1,
        date!(2003 - 11 - 05),
        FormRef::Class1To3(Class1To3Form::SouthAmerican),
    ),
    immediate(
        "plague",
        Text::new("ペスト", "Plague"),
        Category::Class1,
        date!(1999 - 04 - 01),
        FormRef::Class1To3(Class1To3Form::Plague),
    ),
    immediate(
        "marburg",
        Text::new("マールブルグ病", "Marburg virus disease"),
        Category::Class1,
        date!(1999 - 04 - 01),
        FormRef::Class1To3(Class1To3Form::Marburg),
    ),
    immediate(
        "lassa_fever",
        Text::new("ラッサ熱", "Lassa fever"),
        Category::Class1,
        date!(1999 - 04 - 01),
        FormRef::Class1To3(Class1To3Form::Lassa),
    ),
    // 二類感染症
    immediate(
        "polio",
        Text::new("急性灰白髄炎", "Poliomyelitis"),
        Category::Class2,
        date!(1999 - 04 - 01),
        FormRef::Class1To3(Class1To3Form::Polio),
    ),
    immediate(
        "tuberculosis",
        Text::new("結核", "Tuberculosis"),
        Category::Class2,
        date!(2007 - 04 - 01),
        FormRef::Chronic(ChronicForm::Tuberculosis),
    ),
    immediate(
        "diphtheria",
        Text::new("ジフテリア", "Diphtheria"),
        Category::Class2,
        date!(1999 - 04 - 01),
        FormRef::Class1To3(Class1To3Form::Diphtheria),
    ),
    immediate(
        "sars",
        Text::new("重症急性呼吸器症候群（病原体がベータコロナウイルス属SARSコロナウイルスであるものに限る。）", "Severe acute respiratory syndrome (SARS)"),
        Category::Class2,
        date!(2007 - 04 - 01),
        FormRef::Class1To3(Class1To3Form::Sars),
    ),
    immediate(
        "mers",
        Text::new("中東呼吸器症候群（病原体がベータコロナウイルス属MERSコロナウイルスであるものに限る。）", "Middle East respiratory syndrome (MERS)"),
        Category::Class2,
        date!(2015 - 01 - 21),
        FormRef::Class1To3(Class1To3Form::Mers),
    ),
    immediate(
        "avian_influenza_h5n1",
        Text::new("鳥インフルエンザ（H5N1）", "Avian influenza (H5N1)"),
        Category::Class2,
        date!(2008 - 05 - 12),
        FormRef::Class1To3(Class1To3Form::AvianInfluenzaH5n1),
    ),
    immediate(
        "avian_influenza_h7n9",
        Text::new("鳥インフルエンザ（H7N9）", "Avian influenza (H7N9)"),
        Category::Class2,
        date!(2015 - 01 - 21),
        FormRef::Class1To3(Class1To3Form::AvianInfluenzaH7n9),
    ),
    // 三類感染症
    immediate(
        "cholera",
        Text::new("コレラ", "Cholera"),
        Category::Class3,
        date!(2007 - 04 - 01),
        FormRef::Class1To3(Class1To3Form::Cholera),
    ),
    immediate(
        "shigellosis",
        Text::new("細菌性赤痢", "Shigellosis"),
        Category::Class3,
        date!(2007 - 04 - 01),
        FormRef::Class1To3(Class1To3Form::Shigellosis),
    ),
    immediate(
        "ehec",
        Text::new("腸管出血性大腸菌感染症", "Enterohaemorrhagic E. coli infection"),
        Category::Class3,
        date!(1999 - 04 - 01),
        FormRef::Class1To3(Class1To3Form::Ehec),
    ),
    immediate(
        "typhoid",
        Text::new("腸チフス", "Typhoid fever"),
        Category::Class3,
        date!(2007 - 04 - 01),
        FormRef::Class1To3(Class1To3Form::Typhoid),
    ),
    immediate(
        "paratyphoid",
        Text::new("パラチフス", "Paratyphoid fever"),
        Category::Class3,
        date!(2007 - 04 - 01),
        FormRef::Class1To3(Class1To3Form::Paratyphoid),
    ),
    // 四類感染症
    immediate(
        "hepatitis_e",
        Text::new("E型肝炎", "Hepatitis E"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::HepatitisE),
    ),
    immediate(
        "west_nile_fever",
        Text::new("ウエストナイル熱（ウエストナイル脳炎を含む）", "West Nile fever (incl. encephalitis)"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::WestNile),
    ),
    immediate(
        "hepatitis_a",
        Text::new("A型肝炎", "Hepatitis A"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::HepatitisA),
    ),
    immediate(
        "echinococcosis",
        Text::new("エキノコックス症", "Echinococcosis"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::Echinococcosis),
    ),
    immediate(
        "mpox",
        Text::new("エムポックス", "Mpox"),
        Category::Class4,
        date!(2023 - 05 - 26),
        FormRef::Class4(Class4Form::Mpox),
    ),
    immediate(
        "yellow_fever",
        Text::new("黄熱", "Yellow fever"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::YellowFever),
    ),
    immediate(
        "psittacosis",
        Text::new("オウム病", "Psittacosis"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::Psittacosis),
    ),
    immediate(
        "omsk_hemorrhagic_fever",
        Text::new("オムスク出血熱", "Omsk haemorrhagic fever"),
        Category::Class4,
        date!(2007 - 04 - 01),
        FormRef::Class4(Class4Form::OmskHemorrhagicFever),
    ),
    immediate(
        "relapsing_fever",
        Text::new("回帰熱", "Relapsing fever"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::RelapsingFever),
    ),
    immediate(
        "kyasanur_forest_disease",
        Text::new("キャサヌル森林病", "Kyasanur Forest disease"),
        Category::Class4,
        date!(2007 - 04 - 01),
        FormRef::Class4(Class4Form::KyasanurForestDisease),
    ),
    immediate(
        "q_fever",
        Text::new("Q熱", "Q fever"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::QFever),
    ),
    immediate(
        "rabies",
        Text::new("狂犬病", "Rabies"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::Rabies),
    ),
    immediate(
        "coccidioidomycosis",
        Text::new("コクシジオイデス症", "Coccidioidomycosis"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::Coccidioidomycosis),
    ),
    immediate(
        "zika",
        Text::new("ジカウイルス感染症", "Zika virus infection"),
        Category::Class4,
        date!(2016 - 02 - 15),
        FormRef::Class4(Class4Form::Zika),
    ),
    immediate(
        "sfts",
        Text::new("重症熱性血小板減少症候群（病原体がフレボウイルス属SFTSウイルスであるものに限る。）", "Severe fever with thrombocytopenia syndrome (SFTS)"),
        Category::Class4,
        date!(2013 - 03 - 04),
        FormRef::Class4(Class4Form::Sfts),
    ),
    immediate(
        "hemorrhagic_fever_with_renal_syndrome",
        Text::new("腎症候性出血熱", "Haemorrhagic fever with renal syndrome"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::HemorrhagicFeverWithRenalSyndrome),
    ),
    immediate(
        "western_equine_encephalitis",
        Text::new("西部ウマ脳炎", "Western equine encephalitis"),
        Category::Class4,
        date!(2007 - 04 - 01),
        FormRef::Class4(Class4Form::WesternEquineEncephalitis),
    ),
    immediate(
        "tick_borne_encephalitis",
        Text::new("ダニ媒介脳炎", "Tick-borne encephalitis"),
        Category::Class4,
        date!(2007 - 04 - 01),
        FormRef::Class4(Class4Form::TickBorneEncephalitis),
    ),
    immediate(
        "anthrax",
        Text::new("炭疽", "Anthrax"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::Anthrax),
    ),
    immediate(
        "chikungunya",
        Text::new("チクングニア熱", "Chikungunya fever"),
        Category::Class4,
        date!(2011 - 02 - 01),
        FormRef::Class4(Class4Form::Chikungunya),
    ),
    immediate(
        "scrub_typhus",
        Text::new("つつが虫病", "Scrub typhus (tsutsugamushi disease)"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::ScrubTyphus),
    ),
    immediate(
        "dengue",
        Text::new("デング熱", "Dengue"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::Dengue),
    ),
    immediate(
        "eastern_equine_encephalitis",
        Text::new("東部ウマ脳炎", "Eastern equine encephalitis"),
        Category::Class4,
        date!(2007 - 04 - 01),
        FormRef::Class4(Class4Form::EasternEquineEncephalitis),
    ),
    immediate(
        "avian_influenza_other",
        Text::new("鳥インフルエンザ（鳥インフルエンザ（H5N1及びH7N9）を除く。）", "Avian influenza (other than H5N1 and H7N9)"),
        Category::Class4,
        date!(2015 - 01 - 21),
        FormRef::Class4(Class4Form::AvianInfluenzaOther),
    ),
    immediate(
        "nipah",
        Text::new("ニパウイルス感染症", "Nipah virus infection"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::Nipah),
    ),
    immediate(
        "japanese_spotted_fever",
        Text::new("日本紅斑熱", "Japanese spotted fever"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::JapaneseSpottedFever),
    ),
    immediate(
        "japanese_encephalitis",
        Text::new("日本脳炎", "Japanese encephalitis"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::JapaneseEncephalitis),
    ),
    immediate(
        "hantavirus_pulmonary_syndrome",
        Text::new("ハンタウイルス肺症候群", "Hantavirus pulmonary syndrome"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::HantavirusPulmonarySyndrome),
    ),
    immediate(
        "b_virus",
        Text::new("Bウイルス病", "B virus disease"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::BVirus),
    ),
    immediate(
        "glanders",
        Text::new("鼻疽", "Glanders"),
        Category::Class4,
        date!(2007 - 04 - 01),
        FormRef::Class4(Class4Form::Glanders),
    ),
    immediate(
        "brucellosis",
        Text::new("ブルセラ症", "Brucellosis"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::Brucellosis),
    ),
    immediate(
        "venezuelan_equine_encephalitis",
        Text::new("ベネズエラウマ脳炎", "Venezuelan equine encephalitis"),
        Category::Class4,
        date!(2007 - 04 - 01),
        FormRef::Class4(Class4Form::VenezuelanEquineEncephalitis),
    ),
    immediate(
        "hendra",
        Text::new("ヘンドラウイルス感染症", "Hendra virus infection"),
        Category::Class4,
        date!(2007 - 04 - 01),
        FormRef::Class4(Class4Form::Hendra),
    ),
    immediate(
        "epidemic_typhus",
        Text::new("発しんチフス", "Epidemic typhus"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::EpidemicTyphus),
    ),
    immediate(
        "botulism",
        Text::new("ボツリヌス症", "Botulism"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::Botulism),
    ),
    immediate(
        "malaria",
        Text::new("マラリア", "Malaria"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::Malaria),
    ),
    immediate(
        "tularemia",
        Text::new("野兎病", "Tularaemia"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::Tularemia),
    ),
    immediate(
        "lyme_disease",
        Text::new("ライム病", "Lyme disease"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::Lyme),
    ),
    immediate(
        "lyssavirus",
        Text::new("リッサウイルス感染症", "Lyssavirus infection"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::Lyssavirus),
    ),
    immediate(
        "rift_valley_fever",
        Text::new("リフトバレー熱", "Rift Valley fever"),
        Category::Class4,
        date!(2007 - 04 - 01),
        FormRef::Class4(Class4Form::RiftValleyFever),
    ),
    immediate(
        "melioidosis",
        Text::new("類鼻疽", "Melioidosis"),
        Category::Class4,
        date!(2007 - 04 - 01),
        FormRef::Class4(Class4Form::Melioidosis),
    ),
    immediate(
        "legionellosis",
        Text::new("レジオネラ症", "Legionellosis"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::Legionellosis),
    ),
    immediate(
        "leptospirosis",
        Text::new("レプトスピラ症", "Leptospirosis"),
        Category::Class4,
        date!(2003 - 11 - 05),
        FormRef::Class4(Class4Form::Leptospirosis),
    ),
    immediate(
        "rocky_mountain_spotted_fever",
        Text::new("ロッキー山紅斑熱", "Rocky Mountain spotted fever"),
        Category::Class4,
        date!(2007 - 04 - 01),
        FormRef::Class4(Class4Form::RockyMountainSpottedFever),
    ),
    // 五類感染症（全数把握）: 麻しん, 風しん and 侵襲性髄膜炎菌感染症 immediately with name, the others within 7 days
    within_seven_days(
        "amoebiasis",
        Text::new("アメーバ赤痢", "Amoebiasis"),
        date!(1999 - 04 - 01),
        FormRef::Class5(Class5Form::Amoebiasis),
    ),
    within_seven_days(
        "viral_hepatitis",
        Text::new("ウイルス性肝炎（E型肝炎及びA型肝炎を除く。）", "Viral hepatitis (other than E and A)"),
        date!(1999 - 04 - 01),
        FormRef::Class5(Class5Form::ViralHepatitis),
    ),
    within_seven_days(
        "cre",
        Text::new("カルバペネム耐性腸内細菌目細菌感染症", "Carbapenem-resistant Enterobacterales infection"),
        date!(2014 - 09 - 19),
        FormRef::Class5(Class5Form::Cre),
    ),
    within_seven_days(
        "acute_flaccid_paralysis",
        Text::new("急性弛緩性麻痺（急性灰白髄炎を除く。）", "Acute flaccid paralysis (other than poliomyelitis)"),
        date!(2018 - 05 - 01),
        FormRef::Class5(Class5Form::AcuteFlaccidParalysis),
    ),
    within_seven_days(
        "acute_encephalitis",
        Text::new("急性脳炎（ウエストナイル脳炎、西部ウマ脳炎、ダニ媒介脳炎、東部ウマ脳炎、日本脳炎、ベネズエラウマ脳炎及びリフトバレー熱を除く。）", "Acute encephalitis (other than the encephalitides of class 4)"),
        date!(1999 - 04 - 01),
        FormRef::Class5(Class5Form::AcuteEncephalitis),
    ),
    within_seven_days(
        "cryptosporidiosis",
        Text::new("クリプトスポリジウム症", "Cryptosporidiosis"),
        date!(1999 - 04 - 01),
        FormRef::Class5(Class5Form::Cryptosporidiosis),
    ),
    within_seven_days(
        "cjd",
        Text::new("クロイツフェルト・ヤコブ病", "Creutzfeldt-Jakob disease"),
        date!(1999 - 04 - 01),
        FormRef::Class5(Class5Form::Cjd),
    ),
    within_seven_days(
        "stss",
        Text::new("劇症型溶血性レンサ球菌感染症", "Streptococcal toxic shock syndrome"),
        date!(1999 - 04 - 01),
        FormRef::Class5(Class5Form::Stss),
    ),
    within_seven_days(
        "hiv_aids",
        Text::new("後天性免疫不全症候群", "Acquired immunodeficiency syndrome (HIV infection)"),
        date!(1999 - 04 - 01),
        FormRef::Chronic(ChronicForm::HivAids),
    ),
    within_seven_days(
        "giardiasis",
        Text::new("ジアルジア症", "Giardiasis"),
        date!(1999 - 04 - 01),
        FormRef::Class5(Class5Form::Giardiasis),
    ),
    within_seven_days(
        "invasive_haemophilus_influenzae",
        Text::new("侵襲性インフルエンザ菌感染症", "Invasive Haemophilus influenzae infection"),
        date!(2013 - 04 - 01),
        FormRef::Class5(Class5Form::HaemophilusInfluenzae),
    ),
    immediate(
        "invasive_meningococcal",
        Text::new("侵襲性髄膜炎菌感染症", "Invasive meningococcal infection"),
        Category::Class5AllCases,
        date!(2015 - 05 - 21),
        FormRef::Class5(Class5Form::Meningococcal),
    ),
    within_seven_days(
        "invasive_pneumococcal",
        Text::new("侵襲性肺炎球菌感染症", "Invasive pneumococcal infection"),
        date!(2013 - 04 - 01),
        FormRef::Class5(Class5Form::Pneumococcal),
    ),
    within_seven_days(
        "varicella_hospitalized",
        Text::new("水痘（患者が入院を要すると認められるものに限る。）", "Varicella (admitted patients)"),
        date!(2014 - 09 - 19),
        FormRef::Class5(Class5Form::Varicella),
    ),
    within_seven_days(
        "congenital_rubella_syndrome",
        Text::new("先天性風しん症候群", "Congenital rubella syndrome"),
        date!(1999 - 04 - 01),
        FormRef::Class5(Class5Form::CongenitalRubella),
    ),
    within_seven_days(
        "syphilis",
        Text::new("梅毒", "Syphilis"),
        date!(1999 - 04 - 01),
        FormRef::Chronic(ChronicForm::Syphilis),
    ),
    within_seven_days(
        "disseminated_cryptococcosis",
        Text::new("播種性クリプトコックス症", "Disseminated cryptococcosis"),
        date!(2014 - 09 - 19),
        FormRef::Class5(Class5Form::DisseminatedCryptococcosis),
    ),
    within_seven_days(
        "tetanus",
        Text::new("破傷風", "Tetanus"),
        date!(1999 - 04 - 01),
        FormRef::Class5(Class5Form::Tetanus),
    ),
    within_seven_days(
        "vrsa",
        Text::new("バンコマイシン耐性黄色ブドウ球菌感染症", "Vancomycin-resistant Staphylococcus aureus infection"),
        date!(2003 - 11 - 05),
        FormRef::Class5(Class5Form::Vrsa),
    ),
    within_seven_days(
        "vre",
        Text::new("バンコマイシン耐性腸球菌感染症", "Vancomycin-resistant enterococcus infection"),
        date!(1999 - 04 - 01),
        FormRef::Class5(Class5Form::Vre),
    ),
    within_seven_days(
        "pertussis",
        Text::new("百日咳", "Pertussis"),
        date!(2018 - 01 - 01),
        FormRef::VaccinePreventable(VaccinePreventableForm::Pertussis),
    ),
    immediate(
        "rubella",
        Text::new("風しん", "Rubella"),
        Category::Class5AllCases,
        date!(2018 - 01 - 01),
        FormRef::VaccinePreventable(VaccinePreventableForm::Rubella),
    ),
    immediate(
        "measles",
        Text::new("麻しん", "Measles"),
        Category::Class5AllCases,
        date!(2015 - 05 - 21),
        FormRef::VaccinePreventable(VaccinePreventableForm::Measles),
    ),
    within_seven_days(
        "mdra",
        Text::new("薬剤耐性アシネトバクター感染症", "Multidrug-resistant Acinetobacter infection"),
        date!(2014 - 09 - 19),
        FormRef::Class5(Class5Form::Mdra),
    ),
    within_seven_days(
        "mdrp",
        Text::new("多剤耐性緑膿菌感染症", "Multidrug-resistant Pseudomonas aeruginosa infection"),
        date!(2026 - 04 - 06),
        FormRef::Class5(Class5Form::Mdrp),
    ),
    // 新型インフルエンザ等感染症 (none designated at present: notifiable once the Minister announces one)
    immediate(
        "novel_influenza",
        Text::new("新型インフルエンザ", "Novel influenza"),
        Category::PandemicInfluenza,
        date!(2008 - 05 - 12),
        FormRef::Class1To3(Class1To3Form::NovelInfluenza),
    ),
    immediate(
        "reemerging_influenza",
        Text::new("再興型インフルエンザ", "Re-emerging influenza"),
        Category::PandemicInfluenza,
        date!(2008 - 05 - 12),
        FormRef::Class1To3(Class1To3Form::ReemergingInfluenza),
    ),
    // Since 2023-05-08 a 五類 sentinel disease (reported through sentinel reports, not notified).
    Disease {
        effective_until: Some(date!(2023 - 05 - 07)),
        ..immediate(
            "novel_coronavirus",
            Text::new("新型コロナウイルス感染症", "Novel coronavirus infection"),
            Category::PandemicInfluenza,
            date!(2021 - 02 - 13),
            FormRef::Class1To3(Class1To3Form::NovelCoronavirus),
        )
    },
    immediate(
        "reemerging_coronavirus",
        Text::new("再興型コロナウイルス感染症", "Re-emerging coronavirus infection"),
        Category::PandemicInfluenza,
        date!(2021 - 02 - 13),
        FormRef::Class1To3(Class1To3Form::ReemergingCoronavirus),
    ),
];

pub fn find(code: &str) -> Option<&'static Disease> {
    CATALOG.iter().find(|disease| disease.code == code)
}

/// The diseases notifiable on `day`.
pub fn catalog_on(day: Date) -> impl Iterator<Item = &'static Disease> {
    CATALOG.iter().filter(move |disease| disease.is_notifiable_on(day))
}

/// The disease with this code, if it is notifiable on `day`.
pub fn find_on(code: &str, day: Date) -> Option<&'static Disease> {
    find(code).filter(|disease| disease.is_notifiable_on(day))
}

/// Whether a disease with this code is notifiable on `day`.
pub fn is_notifiable_on(code: &str, day: Date) -> bool {
    find_on(code, day).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_codes_are_unique_and_findable() {
        for (i, disease) in CATALOG.iter().enumerate() {
            let found = find(disease.code).map(|d| d.name);
            assert_eq!(found, Some(disease.name), "{}", disease.code);
            assert!(!CATALOG[..i].iter().any(|d| d.code == disease.code), "{} twice", disease.code);
        }
        assert!(find("no-such-disease").is_none());
    }

    #[test]
    fn measles_must_be_reported_immediately() {
        let measles = find("measles").map(|d| d.deadline);
        assert_eq!(measles, Some(Deadline::Immediately));
    }

    #[test]
    fn dates_serialise_as_iso_strings() {
        let mdrp = find("mdrp").map(serde_json::to_value);
        let Some(Ok(json)) = mdrp else { panic!("mdrp serialises") };
        assert_eq!(json["effective_from"], "2026-04-06");
        assert_eq!(json["effective_until"], serde_json::Value::Null);
        assert_eq!(json["category"], "class5_all_cases");
    }
}
