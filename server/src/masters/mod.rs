//! The masters: 保健所マスタ, 医療機関マスタ (全数 and 定点) and 動物診療施設, imported from CSV files
//! with documented header names (docs/architecture.md). A file is checked whole and imports all or
//! nothing; a re-import updates by code and keeps every replaced version in `master_history`.

pub mod generate;
pub mod register;

use std::collections::{HashMap, HashSet};

use domain::api::{AccountClass, Designation, FacilityType, InstitutionParticulars, MasterImportReport, MasterKind};
use domain::application::RawRow;
use domain::import::{ImportProblem, ImportProblemCode};
use domain::sentinel::SentinelType;
use serde::{Deserialize, Serialize};

use crate::audit::{self, Action, Outcome};
use crate::error::AppError;
use crate::store::{self, MasterEntry, MasterImport, Store};
use crate::tabular::{self, TextEncoding};

/// The header of 保健所マスタ's e-mail column (`MasterKind::optional_columns`).
const EMAIL_COLUMN: &str = "メールアドレス";

/// A health center's particulars as stored for comparison: its 都道府県等's name and the address its
/// alarm mails go to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthCenterParticulars {
    pub prefecture_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl HealthCenterParticulars {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The particulars of a health center's master entry (`None` for another master's entry).
    pub fn of(entry: &MasterEntry) -> Option<Self> {
        serde_json::from_str(&entry.particulars).ok()
    }
}

/// Reads, checks and applies a master file. `actor` is the administrator (None from the command line).
pub async fn import(
    store: &dyn Store,
    kind: MasterKind,
    bytes: &[u8],
    encoding: Option<TextEncoding>,
    actor: Option<&str>,
    client: Option<String>,
) -> Result<MasterImportReport, AppError> {
    let rows = tabular::read(bytes, encoding).map_err(|problem| AppError::ImportRejected(vec![problem]))?;
    let mut parsed = parse(kind, &rows)?;
    let keeps_emails = kind == MasterKind::HealthCenters && !has_column(&rows, EMAIL_COLUMN);
    check_parents(store, kind, &mut parsed).await?;
    if !parsed.problems.is_empty() {
        parsed.problems.sort_by_key(|problem| problem.row);
        return Err(AppError::ImportRejected(parsed.problems));
    }
    let existing: HashMap<String, MasterEntry> =
        store.master_entries(kind).await?.into_iter().map(|entry| (entry.code.clone(), entry)).collect();
    let id = uuid::Uuid::new_v4();
    let mut import = MasterImport {
        id,
        kind,
        at: store::now(),
        actor: actor.map(str::to_owned),
        prefectures: parsed.prefectures,
        upserts: Vec::new(),
        replaced: Vec::new(),
        created: 0,
        unchanged: 0,
        audit: audit::entry(Action::ImportMaster, Outcome::Success, actor, Some(kind.path_segment().into()), client),
    };
    for (_, mut entry) in parsed.entries {
        let previous = existing.get(&entry.code);
        if keeps_emails {
            keep_email(&mut entry, previous);
        }
        match previous {
            Some(previous) if *previous == entry => import.unchanged += 1,
            Some(previous) => {
                import.replaced.push(previous.clone());
                import.upserts.push(entry);
            }
            None => {
                import.created += 1;
                import.upserts.push(entry);
            }
        }
    }
    store.apply_master_import(&import).await?;
    Ok(MasterImportReport {
        import_id: id,
        kind,
        created: import.created,
        updated: u32::try_from(import.replaced.len()).unwrap_or(u32::MAX),
        unchanged: import.unchanged,
    })
}

/// Whether the file's header names `column`.
fn has_column(rows: &[RawRow], column: &str) -> bool {
    rows.first().is_some_and(|header| header.cells.iter().any(|name| name.trim() == column))
}

/// A health center read from a file without the e-mail column keeps the address it has.
fn keep_email(entry: &mut MasterEntry, previous: Option<&MasterEntry>) {
    let email = previous.and_then(HealthCenterParticulars::of).and_then(|particulars| particulars.email);
    if let Some(mut particulars) = HealthCenterParticulars::of(entry) {
        particulars.email = email;
        entry.particulars = particulars.to_json();
    }
}

/// Reports rows whose parent is unknown: an institution's health center, a designation's institution.
async fn check_parents(store: &dyn Store, kind: MasterKind, parsed: &mut Parsed) -> Result<(), AppError> {
    let (known, problem): (HashSet<String>, _) = match kind {
        MasterKind::HealthCenters => return Ok(()),
        MasterKind::SentinelDesignations => {
            let mut codes: Vec<String> = parsed.entries.iter().map(|(_, entry)| entry.parent_code.clone()).collect();
            codes.sort();
            codes.dedup();
            let found = store.institutions_by_code(&codes).await?;
            (found.into_iter().map(|entry| entry.institution.code).collect(), ImportProblemCode::UnknownInstitution)
        }
        MasterKind::Notifiable | MasterKind::Sentinel | MasterKind::Animal => (
            store.master_entries(MasterKind::HealthCenters).await?.into_iter().map(|entry| entry.code).collect(),
            ImportProblemCode::UnknownHealthCenter,
        ),
    };
    let column = match kind {
        MasterKind::SentinelDesignations => kind.columns()[0],
        _ => kind.columns().last().copied().unwrap_or_default(),
    };
    for (row, entry) in &parsed.entries {
        // An empty code is reported as missing already.
        if !entry.parent_code.is_empty() && !known.contains(&entry.parent_code) {
            parsed.problems.push(ImportProblem::new(*row, Some((column, column)), problem, None));
        }
    }
    Ok(())
}

/// The entries of a file (with their row numbers) and the 都道府県等 it names, or its problems.
struct Parsed {
    entries: Vec<(u32, MasterEntry)>,
    prefectures: Vec<(String, String)>,
    problems: Vec<ImportProblem>,
}

/// One data row, read by header name.
struct Cells<'a> {
    header: &'a HashMap<&'a str, usize>,
    row: &'a RawRow,
    problems: &'a mut Vec<ImportProblem>,
}

impl Cells<'_> {
    fn text(&self, name: &str) -> String {
        self.header.get(name).and_then(|index| self.row.cells.get(*index)).map_or("", |cell| cell.trim()).to_owned()
    }

    fn report(&mut self, name: &str, code: ImportProblemCode) {
        self.problems.push(ImportProblem::new(self.row.number, Some((name, name)), code, None));
    }

    fn required(&mut self, name: &str) -> String {
        let text = self.text(name);
        if text.is_empty() {
            self.report(name, ImportProblemCode::Required);
        }
        text
    }

    /// A reading (名称（カナ）) made standard (half-width katakana to full width); characters other than
    /// katakana are reported, each named.
    fn kana(&mut self, name: &str) -> String {
        let reading = domain::kana::normalize(&self.text(name));
        let refused = domain::kana::not_katakana(&reading);
        if !refused.is_empty() {
            let detail = domain::kana::named(&refused);
            let problem =
                ImportProblem::new(self.row.number, Some((name, name)), ImportProblemCode::NotKatakana, Some(&detail));
            self.problems.push(problem);
        }
        reading
    }

    fn optional(&self, name: &str) -> Option<String> {
        Some(self.text(name)).filter(|text| !text.is_empty())
    }

    /// An optional cell read by `parse`; a value it refuses is reported with `code`.
    fn parsed<T>(&mut self, name: &str, code: ImportProblemCode, parse: fn(&str) -> Option<T>) -> Option<T> {
        let text = self.optional(name)?;
        let value = parse(&text);
        if value.is_none() {
            self.report(name, code);
        }
        value
    }
}

fn parse(kind: MasterKind, rows: &[RawRow]) -> Result<Parsed, AppError> {
    let Some((header_row, data)) = rows.split_first() else {
        return Err(AppError::ImportRejected(vec![ImportProblem::new(0, None, ImportProblemCode::EmptyFile, None)]));
    };
    let header: HashMap<&str, usize> =
        header_row.cells.iter().enumerate().map(|(index, name)| (name.trim(), index)).collect();
    let missing: Vec<ImportProblem> = kind
        .columns()
        .iter()
        .filter(|name| !header.contains_key(*name))
        .map(|name| ImportProblem::new(header_row.number, Some((name, name)), ImportProblemCode::MissingHeader, None))
        .collect();
    if !missing.is_empty() {
        return Err(AppError::ImportRejected(missing));
    }
    let mut parsed = Parsed { entries: Vec::new(), prefectures: Vec::new(), problems: Vec::new() };
    let mut first_rows: HashMap<String, u32> = HashMap::new();
    let mut prefectures: HashMap<String, String> = HashMap::new();
    for row in data.iter().filter(|row| row.cells.iter().any(|cell| !cell.trim().is_empty())) {
        let mut cells = Cells { header: &header, row, problems: &mut parsed.problems };
        let entry = match (kind, kind.institution_class()) {
            (MasterKind::SentinelDesignations, _) => designation(&mut cells),
            (_, Some(class)) => institution(&mut cells, class),
            (_, None) => {
                let entry = health_center(&mut cells);
                let name = cells.text("都道府県等名");
                prefectures.entry(entry.parent_code.clone()).or_insert(name);
                entry
            }
        };
        if let Some(first) = first_rows.insert(entry.code.clone(), row.number) {
            let code = kind.columns()[0];
            let detail = format!("{first}行目と同じコード");
            parsed.problems.push(ImportProblem::new(
                row.number,
                Some((code, code)),
                ImportProblemCode::DuplicateCode,
                Some(&detail),
            ));
        }
        // Rows with problems are kept too, so that every check sees them; a file with any problem is
        // refused whole, so none of them is ever applied.
        parsed.entries.push((row.number, entry));
    }
    if kind == MasterKind::SentinelDesignations {
        overlapping_designations(&mut parsed);
    }
    if parsed.entries.is_empty() && parsed.problems.is_empty() {
        parsed.problems.push(ImportProblem::new(0, None, ImportProblemCode::EmptyFile, None));
    }
    parsed.prefectures = prefectures.into_iter().collect();
    parsed.prefectures.sort();
    Ok(parsed)
}

fn health_center(cells: &mut Cells<'_>) -> MasterEntry {
    let code = cells.required("保健所コード");
    let name = cells.required("保健所名");
    let parent_code = cells.required("都道府県等コード");
    let prefecture_name = cells.required("都道府県等名");
    let email = cells.parsed(EMAIL_COLUMN, ImportProblemCode::InvalidEmail, domain::email::normalize);
    let particulars = HealthCenterParticulars { prefecture_name, email }.to_json();
    MasterEntry { code, name, parent_code, class: None, particulars }
}

fn institution(cells: &mut Cells<'_>, class: AccountClass) -> MasterEntry {
    // Every institution master starts with its code, name and kana columns.
    let names = class_master(class).columns();
    let code = cells.required(names[0]);
    let particulars = InstitutionParticulars {
        name: cells.required(names[1]),
        name_kana: cells.kana(names[2]),
        postal_code: cells.optional("郵便番号"),
        address: cells.text("住所"),
        phone: cells.text("電話番号"),
        beds: cells.parsed("許可病床数", ImportProblemCode::InvalidNumber, |text| text.parse().ok()),
        insurance_code: cells.optional("保険医療機関コード"),
        non_insurance: cells.parsed("非保険医療機関", ImportProblemCode::InvalidFlag, flag).unwrap_or(false),
        facility_type: cells.parsed("病院診療所区分", ImportProblemCode::InvalidValue, facility_type),
        main_department: cells.optional("主たる診療科"),
        has_pediatrics: cells.parsed("小児科", ImportProblemCode::InvalidFlag, flag),
    };
    let parent_code = cells.required("保健所コード");
    MasterEntry {
        code,
        name: particulars.name.clone(),
        parent_code,
        class: Some(class),
        particulars: serde_json::to_string(&particulars).unwrap_or_default(),
    }
}

/// A designation (定点指定) as a master entry: keyed by institution, type and first day; the
/// designation itself (with its end) is the particulars, so that a changed end is an update.
pub fn designation_entry(institution_code: &str, designation: &Designation) -> MasterEntry {
    let code = format!("{institution_code}/{}/{}", designation.sentinel_type.code(), designation.from);
    MasterEntry {
        code,
        name: institution_code.to_owned(),
        parent_code: institution_code.to_owned(),
        class: None,
        particulars: serde_json::to_string(designation).unwrap_or_default(),
    }
}

/// The designation a master entry of [`designation_entry`] holds.
pub fn designation_of(entry: &MasterEntry) -> Option<Designation> {
    serde_json::from_str(&entry.particulars).ok()
}

fn designation(cells: &mut Cells<'_>) -> MasterEntry {
    let institution = cells.required("hos_cd");
    let sentinel_type = cells.required("定点種別");
    let sentinel_type = match sentinel_type_named(&sentinel_type) {
        Some(found) => Some(found),
        None if sentinel_type.is_empty() => None,
        None => {
            cells.report("定点種別", ImportProblemCode::InvalidValue);
            None
        }
    };
    let from = cells.required("指定開始日");
    let from = match domain::validation::parse_date(&from) {
        Some(day) => Some(day),
        None if from.is_empty() => None,
        None => {
            cells.report("指定開始日", ImportProblemCode::InvalidValue);
            None
        }
    };
    let until = cells.parsed("指定終了日", ImportProblemCode::InvalidValue, domain::validation::parse_date);
    if let (Some(from), Some(until)) = (from, until) {
        if until < from {
            cells.report("指定終了日", ImportProblemCode::InvalidValue);
        }
    }
    // A row with problems never gets applied (the file is refused), so stand-ins are harmless.
    let designation = Designation {
        sentinel_type: sentinel_type.unwrap_or(SentinelType::Respiratory),
        from: from.unwrap_or(time::Date::MIN),
        until,
    };
    designation_entry(&institution, &designation)
}

/// A 定点種別 cell: the type's code (`pediatric`) or a name it has had (小児科定点, ARI定点 …).
fn sentinel_type_named(text: &str) -> Option<SentinelType> {
    let renamed =
        [time::macros::date!(2018 - 01 - 01), time::macros::date!(2023 - 05 - 08), time::macros::date!(2025 - 04 - 07)];
    SentinelType::ALL
        .into_iter()
        .find(|kind| kind.code() == text || renamed.iter().any(|day| kind.name_on(*day).ja == text))
}

/// Two designations of one institution and type whose periods overlap: the later row is reported.
fn overlapping_designations(parsed: &mut Parsed) {
    let mut seen: HashMap<(String, SentinelType), Vec<(u32, Designation)>> = HashMap::new();
    for (row, entry) in &parsed.entries {
        let Some(designation) = designation_of(entry) else { continue };
        let earlier = seen.entry((entry.parent_code.clone(), designation.sentinel_type)).or_default();
        let last = designation.until.unwrap_or(time::Date::MAX);
        if let Some((first_row, _)) = earlier.iter().find(|(_, other)| other.covers(designation.from, last)) {
            let detail = format!("{first_row}行目の指定と期間が重なっています");
            let column = Some(("指定開始日", "指定開始日"));
            parsed.problems.push(ImportProblem::new(*row, column, ImportProblemCode::InvalidValue, Some(&detail)));
        }
        earlier.push((*row, designation));
    }
}

/// The master that lists institutions of this class.
pub fn class_master(class: AccountClass) -> MasterKind {
    match class {
        AccountClass::Notifiable => MasterKind::Notifiable,
        AccountClass::Sentinel => MasterKind::Sentinel,
        AccountClass::Animal => MasterKind::Animal,
    }
}

/// `1` / `0`, or 有 / 無 as people write them.
fn flag(text: &str) -> Option<bool> {
    match text {
        "1" | "有" | "あり" => Some(true),
        "0" | "無" | "なし" => Some(false),
        _ => None,
    }
}

/// 病院 / 診療所 (or their codes 1 / 2).
fn facility_type(text: &str) -> Option<FacilityType> {
    match text {
        "1" | "病院" => Some(FacilityType::Hospital),
        "2" | "診療所" | "一般診療所" => Some(FacilityType::Clinic),
        _ => None,
    }
}
