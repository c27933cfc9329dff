//! Synthetic masters at national scale for demos and benchmarks (`todoke-server generate-masters`):
//! the 157 都道府県等 (47 prefectures, 87 cities, Tokyo's 23 wards), about 470 health centers and
//! about 180,000 institutions, with fictional names and valid-looking particulars. The same seed
//! always writes the same files (the generator is seeded; nothing reads the clock).

use std::path::{Path, PathBuf};

use domain::api::MasterKind;
use domain::sentinel::SentinelType;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// How much to generate.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub seed: u64,
    pub health_centers: usize,
    /// 全数 institutions; sentinel sites and animal clinics are drawn in proportion.
    pub institutions: usize,
}

impl Default for Scale {
    fn default() -> Self {
        Self { seed: 2026, health_centers: 470, institutions: 180_000 }
    }
}

const PREFECTURES: [&str; 47] = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
];
const TOKYO: usize = 12;
const CITIES: usize = 87;
const WARDS: usize = 23;

/// Pieces of fictional place names, with their readings.
const PLACES: [(&str, &str); 28] = [
    ("北", "キタ"),
    ("南", "ミナミ"),
    ("東", "ヒガシ"),
    ("西", "ニシ"),
    ("山", "ヤマ"),
    ("川", "カワ"),
    ("田", "タ"),
    ("中", "ナカ"),
    ("本", "モト"),
    ("若", "ワカ"),
    ("桜", "サクラ"),
    ("松", "マツ"),
    ("青", "アオ"),
    ("緑", "ミドリ"),
    ("大", "オオ"),
    ("小", "コ"),
    ("高", "タカ"),
    ("浜", "ハマ"),
    ("野", "ノ"),
    ("原", "ハラ"),
    ("宮", "ミヤ"),
    ("森", "モリ"),
    ("池", "イケ"),
    ("岡", "オカ"),
    ("白", "シラ"),
    ("石", "イシ"),
    ("平", "ヒラ"),
    ("竹", "タケ"),
];
/// (name suffix, reading, hospital?)
const NOTIFIABLE_KINDS: [(&str, &str, bool); 10] = [
    ("内科クリニック", "ナイカクリニック", false),
    ("こどもクリニック", "コドモクリニック", false),
    ("整形外科", "セイケイゲカ", false),
    ("眼科", "ガンカ", false),
    ("皮膚科クリニック", "ヒフカクリニック", false),
    ("耳鼻咽喉科", "ジビインコウカ", false),
    ("医院", "イイン", false),
    ("診療所", "シンリョウジョ", false),
    ("総合病院", "ソウゴウビョウイン", true),
    ("病院", "ビョウイン", true),
];
const DEPARTMENTS: [&str; 6] = ["内科", "小児科", "眼科", "産婦人科", "泌尿器科", "皮膚科"];
const ANIMAL_KINDS: [(&str, &str); 3] =
    [("動物病院", "ドウブツビョウイン"), ("ペットクリニック", "ペットクリニック"), ("犬猫病院", "イヌネコビョウイン")];

/// A health center and where it is.
struct HealthCenter {
    code: String,
    prefecture: usize,
    city: String,
}

struct Generator {
    rng: StdRng,
}

impl Generator {
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.rng.gen_range(0..items.len())]
    }

    /// A fictional place name of two or three pieces, with its reading.
    fn place(&mut self) -> (String, String) {
        let count = self.rng.gen_range(2..=3);
        (0..count)
            .map(|_| *self.pick(&PLACES))
            .fold((String::new(), String::new()), |(name, kana), (n, k)| (name + n, kana + k))
    }

    fn digits(&mut self, count: usize) -> String {
        (0..count).map(|_| char::from(b'0' + self.rng.gen_range(0..10u8))).collect()
    }

    /// A fixed-line number of the Japanese plan (never 0A0…).
    fn phone(&mut self) -> String {
        let area = self.rng.gen_range(11..100);
        format!("0{area}-{}-{}", self.digits(3), self.digits(4))
    }

    fn postal_code(&mut self) -> String {
        format!("{}-{}", self.digits(3), self.digits(4))
    }

    fn address(&mut self, health_center: &HealthCenter) -> String {
        let (place, _) = self.place();
        let (a, b, c) = (self.rng.gen_range(1..10), self.rng.gen_range(1..30), self.rng.gen_range(1..20));
        format!("{}{}{place}町{a}-{b}-{c}", PREFECTURES[health_center.prefecture], health_center.city)
    }
}

/// Writes `health-centers.csv`, `notifiable.csv`, `sentinel.csv`, `animal.csv` and
/// `sentinel-designations.csv` into `dir`; returns their paths.
pub fn write(dir: &Path, scale: Scale) -> Result<Vec<(MasterKind, PathBuf)>, Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let mut generator = Generator { rng: StdRng::seed_from_u64(scale.seed) };
    let path = |kind: MasterKind| dir.join(format!("{}.csv", kind.path_segment()));
    let health_centers = write_health_centers(&mut generator, scale, &path(MasterKind::HealthCenters))?;
    write_notifiable(&mut generator, &health_centers, scale.institutions, &path(MasterKind::Notifiable))?;
    let sites = write_sentinel(&mut generator, &health_centers, scale.institutions / 36, &path(MasterKind::Sentinel))?;
    write_designations(&sites, &path(MasterKind::SentinelDesignations))?;
    write_animal(&mut generator, &health_centers, scale.institutions / 15, &path(MasterKind::Animal))?;
    Ok(MasterKind::ALL.into_iter().map(|kind| (kind, path(kind))).collect())
}

fn writer(path: &Path, kind: MasterKind) -> Result<csv::Writer<std::fs::File>, Box<dyn std::error::Error>> {
    let mut writer = csv::Writer::from_path(path)?;
    writer.write_record(kind.columns().iter().chain(kind.optional_columns()))?;
    Ok(writer)
}

/// The 都道府県等 (code, name, prefecture index): prefectures first, then cities, then Tokyo's wards.
fn bodies(generator: &mut Generator) -> Vec<(String, String, usize)> {
    let mut bodies: Vec<(String, String, usize)> = PREFECTURES
        .iter()
        .enumerate()
        .map(|(index, name)| (format!("{:02}", index + 1), (*name).to_owned(), index))
        .collect();
    for number in 0..CITIES {
        let prefecture =
            if number < PREFECTURES.len() { number } else { generator.rng.gen_range(0..PREFECTURES.len()) };
        let (place, _) = generator.place();
        bodies.push((format!("{:02}{:03}0", prefecture + 1, 100 + number), format!("{place}市"), prefecture));
    }
    for number in 0..WARDS {
        let (place, _) = generator.place();
        bodies.push((format!("13{:03}0", 100 + number), format!("{place}区"), TOKYO));
    }
    bodies
}

fn write_health_centers(
    generator: &mut Generator,
    scale: Scale,
    path: &Path,
) -> Result<Vec<HealthCenter>, Box<dyn std::error::Error>> {
    let bodies = bodies(generator);
    let mut writer = writer(path, MasterKind::HealthCenters)?;
    let mut health_centers = Vec::with_capacity(scale.health_centers);
    for number in 0..scale.health_centers.max(bodies.len()) {
        // One per city and ward; the rest go to the prefectures.
        let body = if number < bodies.len() {
            &bodies[(number + PREFECTURES.len()) % bodies.len()]
        } else {
            &bodies[generator.rng.gen_range(0..PREFECTURES.len())]
        };
        let (code, body_name, prefecture) = body;
        let (place, _) = generator.place();
        let city = if code.len() == 2 { format!("{place}市") } else { body_name.clone() };
        let health_center =
            HealthCenter { code: format!("{:02}{:04}", prefecture + 1, number), prefecture: *prefecture, city };
        let name =
            if code.len() == 2 { format!("{body_name}{place}保健所") } else { format!("{body_name}保健所") };
        let email = format!("hc{}@pref{:02}.todoke.invalid", health_center.code, prefecture + 1);
        writer.write_record([health_center.code.as_str(), &name, code, body_name, &email])?;
        health_centers.push(health_center);
    }
    writer.flush()?;
    Ok(health_centers)
}

fn write_notifiable(
    generator: &mut Generator,
    health_centers: &[HealthCenter],
    count: usize,
    path: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut writer = writer(path, MasterKind::Notifiable)?;
    for number in 0..count {
        let health_center = generator.pick(health_centers);
        let (place, kana) = generator.place();
        let (suffix, suffix_kana, hospital) = *generator.pick(&NOTIFIABLE_KINDS);
        let code = format!("{:02}1{number:07}", health_center.prefecture + 1);
        let beds = if hospital { generator.rng.gen_range(20..800) } else { generator.rng.gen_range(0..20) };
        let non_insurance = generator.rng.gen_ratio(1, 100);
        let record = [
            code.clone(),
            format!("{place}{suffix}"),
            format!("{kana}{suffix_kana}"),
            generator.postal_code(),
            generator.address(health_center),
            generator.phone(),
            beds.to_string(),
            if non_insurance { String::new() } else { code },
            u8::from(non_insurance).to_string(),
            health_center.code.clone(),
        ];
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(())
}

fn write_sentinel(
    generator: &mut Generator,
    health_centers: &[HealthCenter],
    count: usize,
    path: &Path,
) -> Result<Vec<SentinelSite>, Box<dyn std::error::Error>> {
    let mut writer = writer(path, MasterKind::Sentinel)?;
    let mut sites = Vec::with_capacity(count);
    for number in 0..count {
        let health_center = generator.pick(health_centers);
        let (place, kana) = generator.place();
        let hospital = generator.rng.gen_ratio(1, 5);
        let department = *generator.pick(&DEPARTMENTS);
        let (suffix, suffix_kana) =
            if hospital { ("病院", "ビョウイン") } else { ("クリニック", "クリニック") };
        let beds = if hospital { generator.rng.gen_range(20..800) } else { generator.rng.gen_range(0..20) };
        let code = format!("{:02}6{number:07}", health_center.prefecture + 1);
        sites.push(SentinelSite { code: code.clone(), department, hospital, beds });
        let record = [
            code,
            format!("{place}{department}{suffix}"),
            format!("{kana}{suffix_kana}"),
            generator.address(health_center),
            generator.phone(),
            if hospital { "病院" } else { "診療所" }.to_owned(),
            if hospital { String::new() } else { department.to_owned() },
            if hospital { String::new() } else { u8::from(department == "小児科").to_string() },
            beds.to_string(),
            health_center.code.clone(),
        ];
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(sites)
}

/// A site of the sentinel master, as the designations choose among them.
struct SentinelSite {
    code: String,
    department: &'static str,
    hospital: bool,
    beds: u32,
}

/// The sentinel master's size at national scale (`Scale::default`): the designations' counts below
/// are for it and scale with the master.
const NATIONAL_SENTINEL_SITES: usize = 5_000;

/// Per type its national count (shared/reference/sentinel-surveillance.md b.1: ~3,000 ARI from 2025,
/// ~3,000 小児科, ~700 眼科, ~1,000 STD, ~500 基幹 [several unverified there]; e.2: ~700 疑似症), the sites it
/// prefers and those it may fall back to.
type Designates = fn(&SentinelSite) -> bool;
const DESIGNATION_COUNTS: [(SentinelType, usize, Designates, Designates); 6] = [
    (SentinelType::Respiratory, 3_000, |s| !s.hospital && matches!(s.department, "小児科" | "内科"), |s| !s.hospital),
    (SentinelType::Pediatric, 3_000, |s| !s.hospital && s.department == "小児科", |s| !s.hospital),
    (SentinelType::Ophthalmology, 700, |s| s.department == "眼科", |s| !s.hospital),
    (SentinelType::Std, 1_000, |s| matches!(s.department, "産婦人科" | "泌尿器科" | "皮膚科"), |s| !s.hospital),
    // Hospitals of 300 beds or more (with internal medicine and paediatrics [unverified]).
    (SentinelType::Basic, 500, |s| s.hospital && s.beds >= 300, |s| s.hospital),
    // Hospitals that give intensive care: those of 200 beds or more are assumed [unverified].
    (SentinelType::Syndromic, 700, |s| s.hospital && s.beds >= 200, |s| s.hospital),
];

/// Designations of the master's sites at realistic counts: each type's preferred sites first, then
/// the others it may fall back to, from 2024-04-01 without end.
fn write_designations(sites: &[SentinelSite], path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut writer = writer(path, MasterKind::SentinelDesignations)?;
    for (sentinel_type, national, preferred, eligible) in DESIGNATION_COUNTS {
        let count = national * sites.len() / NATIONAL_SENTINEL_SITES;
        let fallback = sites.iter().filter(|site| !preferred(site) && eligible(site));
        for site in sites.iter().filter(|site| preferred(site)).chain(fallback).take(count) {
            writer.write_record([site.code.as_str(), sentinel_type.code(), "2024-04-01", ""])?;
        }
    }
    writer.flush()?;
    Ok(())
}

fn write_animal(
    generator: &mut Generator,
    health_centers: &[HealthCenter],
    count: usize,
    path: &Path,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut writer = writer(path, MasterKind::Animal)?;
    for number in 0..count {
        let health_center = generator.pick(health_centers);
        let (place, kana) = generator.place();
        let (suffix, suffix_kana) = *generator.pick(&ANIMAL_KINDS);
        let record = [
            format!("{:02}9{number:07}", health_center.prefecture + 1),
            format!("{place}{suffix}"),
            format!("{kana}{suffix_kana}"),
            generator.postal_code(),
            generator.address(health_center),
            generator.phone(),
            health_center.code.clone(),
        ];
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_writes_the_same_files() {
        let scale = Scale { seed: 7, health_centers: 200, institutions: 720 };
        let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let written = write(first.path(), scale).unwrap();
        write(second.path(), scale).unwrap();
        for (kind, path) in &written {
            let name = path.file_name().unwrap();
            let text = std::fs::read_to_string(path).unwrap();
            assert_eq!(text, std::fs::read_to_string(second.path().join(name)).unwrap(), "{kind:?}");
        }
        let health_centers = std::fs::read_to_string(first.path().join("health-centers.csv")).unwrap();
        assert_eq!(health_centers.lines().count(), 1 + 200);
        assert!(health_centers.lines().next().unwrap().ends_with(",メールアドレス"));
        let email = health_centers.lines().nth(1).unwrap().rsplit(',').next().unwrap();
        assert_eq!(domain::email::normalize(email).as_deref(), Some(email), "alarm mails need a valid address");
        let notifiable = std::fs::read_to_string(first.path().join("notifiable.csv")).unwrap();
        assert_eq!(notifiable.lines().count(), 1 + 720);
        assert!(notifiable
            .lines()
            .nth(1)
            .unwrap()
            .split(',')
            .all(|cell| domain::text::first_disallowed(cell, false).is_none()));
    }

    #[test]
    fn designations_come_at_the_national_counts_scaled_to_the_master() {
        // 500 sentinel sites, a tenth of the nation's: 300 ARI, 300 小児科, 70 眼科, 100 STD, 50 基幹, 70 疑似症.
        let scale = Scale { seed: 3, health_centers: 200, institutions: 36 * 500 };
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), scale).unwrap();
        let sites = std::fs::read_to_string(dir.path().join("sentinel.csv")).unwrap();
        let codes: std::collections::HashSet<&str> =
            sites.lines().skip(1).filter_map(|line| line.split(',').next()).collect();
        let designations = std::fs::read_to_string(dir.path().join("sentinel-designations.csv")).unwrap();
        let rows: Vec<Vec<&str>> = designations.lines().skip(1).map(|line| line.split(',').collect()).collect();
        for (sentinel_type, expected) in [
            ("respiratory", 300),
            ("pediatric", 300),
            ("ophthalmology", 70),
            ("std", 100),
            ("basic", 50),
            ("syndromic", 70),
        ] {
            let of_type: Vec<&Vec<&str>> = rows.iter().filter(|row| row[1] == sentinel_type).collect();
            assert_eq!(of_type.len(), expected, "{sentinel_type}");
            let distinct: std::collections::HashSet<&str> = of_type.iter().map(|row| row[0]).collect();
            assert_eq!(distinct.len(), expected, "each site once per type");
        }
        assert!(rows.iter().all(|row| codes.contains(row[0])), "every designated site is in the sentinel master");
    }
}
