//! The report form's state, without the view: what was typed in each cell of disease × age band × sex
//! (and each care item), the totals, the submission it makes and where the check's problems belong.
//! Typed text is kept as typed, so that 「三」 or 1.5 reaches `domain::sentinel::check_report` and its
//! problem is shown at its cell instead of being lost.

use std::collections::BTreeMap;

use domain::api::{CountCell, Entered, ItemCount, SentinelReport, SentinelReportSubmission, Sex};
use domain::error::{FieldError, FieldErrorCode};
use domain::sentinel::{form, FormVersion, ReportKind, ReportPeriod};

/// A cell: disease code, age band code, sex.
pub type CellKey = (String, String, Sex);
/// A care item count: disease code, item code.
pub type ItemKey = (String, String);

/// Where a count is typed: a cell of the grid, or a care item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    Cell(CellKey),
    Item(ItemKey),
}

/// Both sexes, in the order the grid shows them.
pub const SEXES: [Sex; 2] = [Sex::Male, Sex::Female];

/// What the form holds.
#[derive(Debug, Clone, PartialEq)]
pub struct GridState {
    pub kind: ReportKind,
    pub period: ReportPeriod,
    /// For a correction: the revision it is made from.
    pub based_on_revision: Option<u32>,
    pub no_patients: bool,
    /// What was typed in each cell; absent or blank is 0.
    pub cells: BTreeMap<CellKey, String>,
    pub items: BTreeMap<ItemKey, String>,
}

/// A count as typed: a whole number ≥ 0, or the value as entered (full-width digits count as digits).
pub fn entered_count(text: &str) -> Entered<u32> {
    let ascii: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c),
            '－' | 'ー' => '-',
            '．' => '.',
            other => other,
        })
        .collect();
    if let Ok(count) = ascii.parse::<u32>() {
        return Entered::Valid(count);
    }
    match ascii.parse::<f64>().ok().and_then(serde_json::Number::from_f64) {
        Some(number) => Entered::Invalid(serde_json::Value::Number(number)),
        None => Entered::Invalid(serde_json::Value::String(text.to_owned())),
    }
}

fn typed(count: &Entered<u32>) -> String {
    match count {
        Entered::Valid(count) => count.to_string(),
        Entered::Invalid(serde_json::Value::String(text)) => text.clone(),
        Entered::Invalid(other) => other.to_string(),
    }
}

impl GridState {
    pub fn new(kind: ReportKind, period: ReportPeriod) -> Self {
        Self {
            kind,
            period,
            based_on_revision: None,
            no_patients: false,
            cells: BTreeMap::new(),
            items: BTreeMap::new(),
        }
    }

    /// The form version in force for the period (`None` before the catalog's first).
    pub fn version(&self) -> Option<&'static FormVersion> {
        form(self.kind).version_on(self.period.first_day())
    }

    /// A draft as it was saved.
    pub fn from_submission(period: ReportPeriod, report: &SentinelReportSubmission) -> Self {
        let mut state = Self::new(report.kind, period);
        state.based_on_revision = report.based_on_revision;
        state.no_patients = report.no_patients;
        for cell in &report.cells {
            if let Entered::Valid(sex) = cell.sex {
                state.cells.insert((cell.disease.clone(), cell.age_band.clone(), sex), typed(&cell.count));
            }
        }
        for item in &report.items {
            state.items.insert((item.disease.clone(), item.item.clone()), typed(&item.count));
        }
        state
    }

    /// A correction of the current content of a filed report.
    pub fn correcting(report: &SentinelReport) -> Self {
        let receipt = &report.receipt;
        let mut state = Self::new(receipt.kind, receipt.period);
        state.based_on_revision = Some(receipt.revision);
        state.no_patients = report.no_patients;
        for cell in &report.cells {
            state.cells.insert((cell.disease.clone(), cell.age_band.clone(), cell.sex), cell.count.to_string());
        }
        for item in &report.items {
            state.items.insert((item.disease.clone(), item.item.clone()), item.count.to_string());
        }
        state
    }

    /// A cell's count for totals and steppers (what is not a whole number counts 0).
    pub fn count(&self, key: &CellKey) -> u32 {
        self.cells.get(key).map_or(0, |text| match entered_count(text) {
            Entered::Valid(count) => count,
            Entered::Invalid(_) => 0,
        })
    }

    /// What is typed in a slot ("" when nothing).
    pub fn typed(&self, slot: &Slot) -> String {
        match slot {
            Slot::Cell(key) => self.cells.get(key),
            Slot::Item(key) => self.items.get(key),
        }
        .cloned()
        .unwrap_or_default()
    }

    /// Keeps `text` as typed in a slot; a case undoes 「患者なし」.
    pub fn type_in(&mut self, slot: &Slot, text: String) {
        match slot {
            Slot::Cell(key) => {
                self.cells.insert(key.clone(), text);
                if self.count(key) > 0 {
                    self.no_patients = false;
                }
            }
            Slot::Item(key) => {
                self.items.insert(key.clone(), text);
            }
        }
    }

    /// One more (`up`) or one fewer, never below 0.
    pub fn step(&mut self, slot: &Slot, up: bool) {
        let count = match entered_count(&self.typed(slot)) {
            Entered::Valid(count) => count,
            Entered::Invalid(_) => 0,
        };
        let next = if up { count.saturating_add(1) } else { count.saturating_sub(1) };
        self.type_in(slot, next.to_string());
    }

    /// Male + female of one age band of a disease.
    pub fn row_total(&self, disease: &str, band: &str) -> u32 {
        SEXES.iter().map(|sex| self.count(&(disease.to_owned(), band.to_owned(), *sex))).sum()
    }

    pub fn disease_total(&self, disease: &str) -> u32 {
        self.cells.keys().filter(|(code, _, _)| code == disease).map(|key| self.count(key)).sum()
    }

    pub fn total(&self) -> u32 {
        self.cells.keys().map(|key| self.count(key)).sum()
    }

    /// 「患者なし」 chosen: the grid is emptied (a report of no cases has no counts).
    pub fn set_no_patients(&mut self, no_patients: bool) {
        self.no_patients = no_patients;
        if no_patients {
            self.cells.clear();
            self.items.clear();
        }
    }

    /// The report to send, with the key of each cell and item in the order sent (the check names
    /// them by index: `cells[2].count`). Blank cells are not sent (the server counts them 0).
    pub fn submission(&self) -> (SentinelReportSubmission, Vec<CellKey>, Vec<ItemKey>) {
        let (mut cells, mut cell_keys, mut items, mut item_keys) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (key, text) in self.cells.iter().filter(|(_, text)| !text.trim().is_empty()) {
            let (disease, age_band, sex) = key.clone();
            cells.push(CountCell { disease, age_band, sex: Entered::Valid(sex), count: entered_count(text) });
            cell_keys.push(key.clone());
        }
        for (key, text) in self.items.iter().filter(|(_, text)| !text.trim().is_empty()) {
            let (disease, item) = key.clone();
            items.push(ItemCount { disease, item, count: entered_count(text) });
            item_keys.push(key.clone());
        }
        let report = SentinelReportSubmission {
            kind: self.kind,
            period: Entered::Valid(self.period),
            no_patients: self.no_patients,
            cells,
            items,
            based_on_revision: self.based_on_revision,
        };
        (report, cell_keys, item_keys)
    }
}

/// The problems of a check or of the server's answer, placed: at a cell, at a care item, or about
/// the report as a whole (its period, 「患者なし」).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Problems {
    pub cells: BTreeMap<CellKey, FieldErrorCode>,
    pub items: BTreeMap<ItemKey, FieldErrorCode>,
    pub report: Vec<FieldErrorCode>,
}

impl Problems {
    pub fn at(&self, slot: &Slot) -> Option<FieldErrorCode> {
        match slot {
            Slot::Cell(key) => self.cells.get(key),
            Slot::Item(key) => self.items.get(key),
        }
        .copied()
    }

    pub fn is_empty(&self) -> bool {
        self.cells.is_empty() && self.items.is_empty() && self.report.is_empty()
    }

    /// Places `errors` (fields `cells[i].…`, `items[i].…`, `period`, `no_patients`) by the keys the
    /// submission was made with.
    pub fn place(errors: &[FieldError], cell_keys: &[CellKey], item_keys: &[ItemKey]) -> Self {
        let mut problems = Self::default();
        for error in errors {
            let indexed = |prefix: &str| error.field.strip_prefix(prefix)?.split(']').next()?.parse::<usize>().ok();
            if let Some(key) = indexed("cells[").and_then(|index| cell_keys.get(index)) {
                problems.cells.entry(key.clone()).or_insert(error.code);
            } else if let Some(key) = indexed("items[").and_then(|index| item_keys.get(index)) {
                problems.items.entry(key.clone()).or_insert(error.code);
            } else {
                problems.report.push(error.code);
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::api::Designation;
    use domain::sentinel::{check_report, SentinelType};
    use time::macros::date;

    fn week() -> ReportPeriod {
        "2025-W15".parse().unwrap()
    }

    fn key(disease: &str, band: &str, sex: Sex) -> CellKey {
        (disease.to_owned(), band.to_owned(), sex)
    }

    fn designated(sentinel_type: SentinelType) -> Vec<Designation> {
        vec![Designation { sentinel_type, from: date!(2020 - 04 - 01), until: None }]
    }

    #[test]
    fn steppers_count_rows_diseases_and_the_whole() {
        let mut state = GridState::new(ReportKind::PediatricWeekly, week());
        state.no_patients = true;
        let boy = Slot::Cell(key("varicella", "1y", Sex::Male));
        state.step(&boy, true);
        state.step(&boy, true);
        state.step(&Slot::Cell(key("varicella", "1y", Sex::Female)), true);
        let girl = Slot::Cell(key("mumps", "4y", Sex::Female));
        state.step(&girl, true);
        state.step(&girl, false);
        state.step(&girl, false);
        let icu = Slot::Item(("varicella".into(), "icu".into()));
        state.step(&icu, true);
        assert_eq!(state.typed(&icu), "1");
        assert!(!state.no_patients, "a case undoes 「患者なし」");
        assert_eq!(state.count(&key("mumps", "4y", Sex::Female)), 0, "never below 0");
        assert_eq!(state.row_total("varicella", "1y"), 3);
        assert_eq!((state.disease_total("varicella"), state.disease_total("mumps"), state.total()), (3, 0, 3));
        state.set_no_patients(true);
        assert_eq!(state.total(), 0);
    }

    #[test]
    fn typed_counts_are_kept_as_typed_and_full_width_digits_count() {
        assert_eq!(entered_count("３"), Entered::Valid(3));
        assert_eq!(entered_count(" 12 "), Entered::Valid(12));
        assert_eq!(entered_count("1.5"), Entered::Invalid(serde_json::json!(1.5)));
        assert_eq!(entered_count("-1"), Entered::Invalid(serde_json::json!(-1.0)));
        assert_eq!(entered_count("三"), Entered::Invalid(serde_json::json!("三")));
    }

    #[test]
    fn the_checks_problems_land_at_their_cells() {
        let mut state = GridState::new(ReportKind::PediatricWeekly, week());
        state.cells.insert(key("varicella", "1y", Sex::Male), "2".into());
        state.cells.insert(key("mumps", "4y", Sex::Female), "三".into());
        state.cells.insert(key("mumps", "5y", Sex::Female), "".into());
        let (report, cells, items) = state.submission();
        assert_eq!(report.cells.len(), 2, "blank cells are not sent");
        let errors = check_report(&report, &designated(SentinelType::Pediatric), date!(2025 - 04 - 16)).unwrap_err();
        let problems = Problems::place(&errors, &cells, &items);
        assert_eq!(
            problems.cells.get(&key("mumps", "4y", Sex::Female)),
            Some(&FieldErrorCode::InvalidNumber),
            "{errors:?}"
        );
        assert_eq!(problems.cells.len(), 1);
        assert!(problems.report.is_empty());
    }

    #[test]
    fn care_items_above_admissions_and_a_silent_zero_are_named() {
        let mut state = GridState::new(ReportKind::Hospitalization, week());
        state.cells.insert(key("influenza", "80+", Sex::Male), "1".into());
        state.items.insert(("influenza".into(), "icu".into()), "2".into());
        let (report, cells, items) = state.submission();
        let errors = check_report(&report, &designated(SentinelType::Basic), date!(2025 - 04 - 16)).unwrap_err();
        let problems = Problems::place(&errors, &cells, &items);
        assert_eq!(
            problems.items.get(&("influenza".to_owned(), "icu".to_owned())),
            Some(&FieldErrorCode::ExceedsAdmissions)
        );
        let empty = GridState::new(ReportKind::PediatricWeekly, week()).submission();
        let errors = check_report(&empty.0, &designated(SentinelType::Pediatric), date!(2025 - 04 - 16)).unwrap_err();
        assert_eq!(Problems::place(&errors, &[], &[]).report, vec![FieldErrorCode::ZeroWithoutNoPatients]);
    }

    #[test]
    fn a_saved_draft_and_a_filed_report_come_back_as_they_were() {
        let mut state = GridState::new(ReportKind::PediatricWeekly, week());
        state.based_on_revision = Some(2);
        state.cells.insert(key("varicella", "1y", Sex::Male), "1.5".into());
        state.cells.insert(key("mumps", "4y", Sex::Female), "3".into());
        let (report, _, _) = state.submission();
        assert_eq!(GridState::from_submission(week(), &report), state);
    }
}
