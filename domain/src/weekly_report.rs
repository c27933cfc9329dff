//! The weekly report (週報, issue 16) of a 都道府県等 or of the nation: the week's 全数 counts by
//! disease and by area, a short text of the notable changes generated from those figures (each
//! sentence states a computed fact, by the rules in [`notes`]), and the staff's comment. Published
//! reports are kept as they were published.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::api::{AreaAlert, CsvTable};
use crate::diseases;
use crate::i18n::Lang;
use crate::sentinel::{weekly_disease, IsoWeek, ReportKind};
use crate::situation::{Area, DiseaseChange, SentinelFigure, WeekSpan};

/// How many diseases the sentences on increases name at most.
const NAMED_INCREASES: usize = 3;

/// An area the report counts by: a prefecture (national report) or a health center (a 都道府県等's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportColumn {
    pub code: String,
    pub name: String,
}

/// One disease of the report: its week by area, in total, the week before and the five-year mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportRow {
    pub disease: String,
    /// One count per [`WeeklyReport::columns`] entry.
    pub counts: Vec<u32>,
    pub change: DiseaseChange,
}

/// A sentence of the notable changes, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Note {
    pub ja: String,
    pub en: String,
}

/// Who published a report, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Publication {
    pub report_id: Uuid,
    pub published_by: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub published_at: OffsetDateTime,
}

/// The report: computed for the week (`GET /situation/report`), or as it was published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeeklyReport {
    pub area: Area,
    pub week: WeekSpan,
    pub columns: Vec<ReportColumn>,
    /// The diseases reported this week, the week before or in the same week of earlier years, by
    /// this week's count (highest first).
    pub rows: Vec<ReportRow>,
    pub notes: Vec<Note>,
    /// The staff's comment, added when publishing.
    pub comment: Option<String>,
    pub publication: Option<Publication>,
    /// The weekly sentinel diseases of the week (forms counting patients, in catalog order; empty in
    /// reports published before the sentinel part existed).
    #[serde(default)]
    pub sentinel: Vec<SentinelRow>,
    /// The health-center areas at 警報 or 注意報 in the week, 警報 first.
    #[serde(default)]
    pub alerts: Vec<AreaAlert>,
}

/// A weekly sentinel disease of the report: the report's area this week and the week before (sites,
/// cases, 定点当たり報告数, areas at 警報 and 注意報), and the rate in each column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentinelRow {
    pub kind: ReportKind,
    pub disease: String,
    pub this_week: SentinelFigure,
    pub previous_week: SentinelFigure,
    /// One 定点当たり報告数 per [`WeeklyReport::columns`] entry (0 without a report).
    pub rates: Vec<f64>,
}

/// Query of `GET /api/v1/situation/report`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ReportQuery {
    /// 都道府県等 code; absent: the account's own 都道府県等, or the nation for national staff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    /// Any day of the week (`YYYY-MM-DD`, JST); absent: the week before this one (the last whole week).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// Body of `POST /api/v1/situation/reports`: publish the report of the week with a comment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishReport {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The staff's comment (may be empty; JIS characters only, like every note).
    #[serde(default)]
    pub comment: String,
}

/// A published report in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublishedReport {
    pub area: Area,
    pub week: WeekSpan,
    pub publication: Publication,
}

/// The staff's comment as it is kept: none when blank, else a note's rules (`workflow::check_note`).
pub fn check_comment(text: &str) -> Result<Option<String>, crate::error::FieldError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    crate::workflow::check_note("comment", text).map(Some)
}

fn disease_names(code: &str) -> (&'static str, &'static str) {
    diseases::find(code)
        .map_or(("不明な疾患", "an unknown disease"), |disease| (disease.name.ja, disease.name.get(Lang::En)))
}

fn note(ja: String, en: String) -> Note {
    Note { ja, en }
}

/// The sentences of the notable changes, each a fact computed from the rows:
/// 1. the week's total against the week before's (or that there were none);
/// 2. the (at most three) diseases that rose most against the week before;
/// 3. the diseases at least twice their five-year mean (and at least 2), or reported this week when
///    the same week of the five years before had none.
pub fn notes(rows: &[ReportRow]) -> Vec<Note> {
    let total: u32 = rows.iter().map(|row| row.change.this_week).sum();
    let before: u32 = rows.iter().map(|row| row.change.previous_week).sum();
    let mut notes = vec![total_note(total, before)];
    let mut rising: Vec<&DiseaseChange> =
        rows.iter().map(|row| &row.change).filter(|change| change.against_previous_week() > 0).collect();
    rising.sort_by(|a, b| b.against_previous_week().cmp(&a.against_previous_week()).then(a.disease.cmp(&b.disease)));
    for change in rising.into_iter().take(NAMED_INCREASES) {
        let (ja, en) = disease_names(&change.disease);
        let (now, up) = (change.this_week, change.against_previous_week());
        notes.push(note(
            format!("{ja}は{now}件で、前週より{up}件増加した。"),
            format!("{en}: {now}, {up} more than the week before."),
        ));
    }
    for change in rows.iter().map(|row| &row.change) {
        if let Some(sentence) = earlier_years_note(change) {
            notes.push(sentence);
        }
    }
    notes
}

fn sentinel_names(code: &str, week: IsoWeek) -> (&'static str, &'static str) {
    weekly_disease(code, week)
        .map_or(("不明な疾患", "an unknown disease"), |(_, disease)| (disease.name.ja, disease.name.get(Lang::En)))
}

/// The sentences on the sentinel diseases of `week`, each a fact computed from the rows:
/// 1. the disease with the highest 定点当たり報告数, against the week before;
/// 2. each disease with health-center areas at 警報 or 注意報, how many.
pub fn sentinel_notes(rows: &[SentinelRow], week: IsoWeek) -> Vec<Note> {
    let mut notes = Vec::new();
    let highest = rows
        .iter()
        .filter(|row| row.this_week.cases > 0)
        .max_by(|a, b| a.this_week.rate.total_cmp(&b.this_week.rate).then_with(|| b.disease.cmp(&a.disease)));
    if let Some(row) = highest {
        let (ja, en) = sentinel_names(&row.disease, week);
        let (now, before) = (row.this_week.rate, row.previous_week.rate);
        let (change_ja, change_en) = match now.total_cmp(&before) {
            std::cmp::Ordering::Greater => ("増加した", "up from"),
            std::cmp::Ordering::Less => ("減少した", "down from"),
            std::cmp::Ordering::Equal => ("同じだった", "the same as"),
        };
        notes.push(note(
            format!("定点当たり報告数が最も多いのは{ja}の{now:.2}で、前週（{before:.2}）より{change_ja}。")
                .replace("より同じだった", "と同じだった"),
            format!("The highest rate per sentinel: {en}, {now:.2}, {change_en} the week before ({before:.2})."),
        ));
    }
    for row in rows {
        let (warning, advisory) = (row.this_week.warning_areas, row.this_week.advisory_areas);
        if warning + advisory == 0 {
            continue;
        }
        let (ja, en) = sentinel_names(&row.disease, week);
        notes.push(note(
            format!("{ja}は警報レベルの保健所管内が{warning}、注意報レベルが{advisory}だった。"),
            format!("{en}: {warning} health-center areas at the warning level, {advisory} at the advisory level."),
        ));
    }
    notes
}

/// Which of a report's tables a CSV download holds (`GET /situation/report/export`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportTable {
    /// The 全数 counts by disease and by column.
    #[default]
    Counts,
    /// The weekly sentinel diseases' figures.
    Sentinel,
}

impl ReportTable {
    pub fn key(self) -> &'static str {
        match self {
            Self::Counts => "counts",
            Self::Sentinel => "sentinel",
        }
    }

    /// The table of `report`.
    pub fn of(self, report: &WeeklyReport) -> CsvTable {
        match self {
            Self::Counts => counts_csv(report),
            Self::Sentinel => sentinel_csv(report),
        }
    }
}

/// The table of a report download, beside the report's own query.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ReportTableQuery {
    /// `counts` (default) or `sentinel`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub table: ReportTable,
}

/// The report's 全数 counts as a CSV table, the numbers of its two tables in one: a row per disease
/// with this week, the week before and the five-year mean, then this week's count in each column
/// (prefecture or health center).
fn counts_csv(report: &WeeklyReport) -> CsvTable {
    let mut header: Vec<String> = ["疾患コード", "疾患", "今週", "前週", "過去5年平均"].map(str::to_owned).to_vec();
    header.extend(report.columns.iter().map(|column| column.name.clone()));
    let rows = report
        .rows
        .iter()
        .map(|row| {
            let name = diseases::find(&row.disease).map_or("", |disease| disease.name.ja);
            let change = &row.change;
            let mut cells = vec![
                row.disease.clone(),
                name.to_owned(),
                change.this_week.to_string(),
                change.previous_week.to_string(),
                format!("{:.1}", change.earlier_years),
            ];
            cells.extend(row.counts.iter().map(u32::to_string));
            cells
        })
        .collect();
    CsvTable { header, rows }
}

/// The report's sentinel figures as a CSV table: a row per disease with the area's sites, cases,
/// rate, the week before's rate, the areas at each level, and the rate in each column.
fn sentinel_csv(report: &WeeklyReport) -> CsvTable {
    let week = IsoWeek::new(report.week.year, report.week.week);
    let mut header: Vec<String> = [
        "疾患コード",
        "疾患",
        "報告定点数",
        "報告数",
        "定点当たり",
        "前週の定点当たり",
        "警報の保健所管内",
        "注意報の保健所管内",
    ]
    .map(str::to_owned)
    .to_vec();
    header.extend(report.columns.iter().map(|column| column.name.clone()));
    let rows = report
        .sentinel
        .iter()
        .map(|row| {
            let name = week.map_or("", |week| sentinel_names(&row.disease, week).0);
            let now = &row.this_week;
            let mut cells = vec![
                row.disease.clone(),
                name.to_owned(),
                now.reporting_sites.to_string(),
                now.cases.to_string(),
                format!("{:.2}", now.rate),
                format!("{:.2}", row.previous_week.rate),
                now.warning_areas.to_string(),
                now.advisory_areas.to_string(),
            ];
            cells.extend(row.rates.iter().map(|rate| format!("{rate:.2}")));
            cells
        })
        .collect();
    CsvTable { header, rows }
}

fn total_note(total: u32, before: u32) -> Note {
    if total == 0 {
        return note(
            format!("今週の全数把握疾患の報告はなかった（前週{before}件）。"),
            format!("No all-case notifications this week ({before} the week before)."),
        );
    }
    let (ja, en) = match total.cmp(&before) {
        std::cmp::Ordering::Greater => (format!("{}件増加した", total - before), format!("{} more", total - before)),
        std::cmp::Ordering::Less => (format!("{}件減少した", before - total), format!("{} fewer", before - total)),
        std::cmp::Ordering::Equal => ("同数だった".to_owned(), "the same".to_owned()),
    };
    note(
        format!("今週の全数把握疾患の報告は{total}件で、前週（{before}件）より{ja}。")
            .replace("より同数だった", "と同数だった"),
        format!("{total} all-case notifications this week: {en} than the week before ({before}).")
            .replace("the same than", "the same as"),
    )
}

fn earlier_years_note(change: &DiseaseChange) -> Option<Note> {
    let (ja, en) = disease_names(&change.disease);
    let now = change.this_week;
    if now == 0 {
        return None;
    }
    if change.earlier_years == 0.0 {
        return Some(note(
            format!("{ja}が{now}件報告された（過去5年の同じ週には報告がなかった）。"),
            format!("{en}: {now} notified; none in the same week of the five years before."),
        ));
    }
    let ratio = f64::from(now) / change.earlier_years;
    (now >= 2 && ratio >= 2.0).then(|| {
        let mean = change.earlier_years;
        note(
            format!("{ja}は{now}件で、過去5年の同じ週の平均（{mean:.1}件）の{ratio:.1}倍だった。"),
            format!("{en}: {now}, {ratio:.1} times the mean of the same week in the five years before ({mean:.1})."),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(disease: &str, this_week: u32, previous_week: u32, earlier_years: f64) -> ReportRow {
        ReportRow {
            disease: disease.into(),
            counts: vec![this_week],
            change: DiseaseChange { disease: disease.into(), this_week, previous_week, earlier_years },
        }
    }

    fn japanese(notes: &[Note]) -> Vec<&str> {
        notes.iter().map(|note| note.ja.as_str()).collect()
    }

    #[test]
    fn each_sentence_states_a_computed_fact() {
        let rows = [row("measles", 6, 1, 2.0), row("pertussis", 3, 3, 1.0), row("rubella", 1, 0, 0.0)];
        assert_eq!(
            japanese(&notes(&rows)),
            [
                "今週の全数把握疾患の報告は10件で、前週（4件）より6件増加した。",
                "麻しんは6件で、前週より5件増加した。",
                "風しんは1件で、前週より1件増加した。",
                "麻しんは6件で、過去5年の同じ週の平均（2.0件）の3.0倍だった。",
                "百日咳は3件で、過去5年の同じ週の平均（1.0件）の3.0倍だった。",
                "風しんが1件報告された（過去5年の同じ週には報告がなかった）。",
            ]
        );
        assert_eq!(notes(&rows)[1].en, "Measles: 6, 5 more than the week before.");
    }

    #[test]
    fn quiet_weeks_say_so_and_unchanged_totals_are_the_same() {
        assert_eq!(japanese(&notes(&[row("measles", 0, 2, 1.0)])), ["今週の全数把握疾患の報告はなかった（前週2件）。"]);
        let same = notes(&[row("measles", 2, 2, 1.5)]);
        assert_eq!(japanese(&same), ["今週の全数把握疾患の報告は2件で、前週（2件）と同数だった。"]);
        assert_eq!(same[0].en, "2 all-case notifications this week: the same as the week before (2).");
        let fewer = notes(&[row("measles", 1, 4, 1.0)]);
        assert_eq!(japanese(&fewer), ["今週の全数把握疾患の報告は1件で、前週（4件）より3件減少した。"]);
    }

    fn sentinel_row(disease: &str, rate: f64, previous: f64, warning: u32, advisory: u32) -> SentinelRow {
        let figure =
            |rate: f64| SentinelFigure { reporting_sites: 10, cases: (rate * 10.0) as u64, rate, ..Default::default() };
        SentinelRow {
            kind: ReportKind::RespiratoryWeekly,
            disease: disease.into(),
            this_week: SentinelFigure { warning_areas: warning, advisory_areas: advisory, ..figure(rate) },
            previous_week: figure(previous),
            rates: vec![rate],
        }
    }

    #[test]
    fn sentinel_sentences_name_the_highest_rate_and_the_areas_at_each_level() {
        let week = IsoWeek::new(2026, 48).unwrap();
        let rows = [sentinel_row("influenza", 31.5, 12.0, 2, 1), sentinel_row("covid19", 3.2, 4.0, 0, 0)];
        assert_eq!(
            japanese(&sentinel_notes(&rows, week)),
            [
                "定点当たり報告数が最も多いのはインフルエンザの31.50で、前週（12.00）より増加した。",
                "インフルエンザは警報レベルの保健所管内が2、注意報レベルが1だった。",
            ]
        );
        assert!(sentinel_notes(&[sentinel_row("influenza", 0.0, 1.0, 0, 0)], week).is_empty(), "no cases, no sentence");
    }

    fn demo_report() -> WeeklyReport {
        WeeklyReport {
            area: Area {
                level: crate::situation::AreaLevel::Jurisdiction,
                code: Some("99".into()),
                name: "デモ県".into(),
            },
            week: WeekSpan { year: 2026, week: 48, starts: "2026-11-23".into(), ends: "2026-11-29".into() },
            columns: vec![ReportColumn { code: "9901".into(), name: "北".into() }],
            rows: Vec::new(),
            notes: Vec::new(),
            comment: None,
            publication: None,
            sentinel: vec![sentinel_row("influenza", 31.5, 12.0, 1, 0)],
            alerts: Vec::new(),
        }
    }

    #[test]
    fn the_sentinel_csv_has_a_row_per_disease_and_a_rate_per_column() {
        let table = ReportTable::Sentinel.of(&demo_report());
        assert_eq!(
            table.header.join(","),
            "疾患コード,疾患,報告定点数,報告数,定点当たり,前週の定点当たり,警報の保健所管内,注意報の保健所管内,北"
        );
        assert_eq!(table.rows, [["influenza", "インフルエンザ", "10", "315", "31.50", "12.00", "1", "0", "31.50"]]);
    }

    #[test]
    fn the_counts_csv_has_a_row_per_disease_and_a_count_per_column() {
        let report = WeeklyReport { rows: vec![row("measles", 3, 1, 0.4), row("rubella", 0, 2, 1.2)], ..demo_report() };
        let table = ReportTable::Counts.of(&report);
        assert_eq!(table.header.join(","), "疾患コード,疾患,今週,前週,過去5年平均,北");
        assert_eq!(
            table.rows,
            [["measles", "麻しん", "3", "1", "0.4", "3"], ["rubella", "風しん", "0", "2", "1.2", "0"]]
        );
    }

    #[test]
    fn a_blank_comment_is_none_and_others_follow_the_note_rules() {
        assert_eq!(check_comment("  "), Ok(None));
        assert_eq!(check_comment(" 麻しんの増加に注意。 "), Ok(Some("麻しんの増加に注意。".into())));
        assert!(check_comment("🦠").is_err());
    }

    #[test]
    fn at_most_three_increases_are_named_largest_first() {
        let rows: Vec<ReportRow> = ["ebola", "measles", "rubella", "pertussis"]
            .iter()
            .zip([1, 4, 2, 3])
            .map(|(code, up)| row(code, up, 0, 5.0))
            .collect();
        let named: Vec<String> = notes(&rows).iter().skip(1).map(|note| note.ja.clone()).collect();
        assert_eq!(named.len(), 3);
        assert!(named[0].starts_with("麻しんは4件") && named[2].starts_with("風しんは2件"), "{named:?}");
    }
}
