//! The weekly report (週報, issue 16) of a 都道府県等 or of the nation: the week's 全数 counts by
//! disease and by area, a short text of the notable changes generated from those figures (each
//! sentence states a computed fact, by the rules in [`notes`]), and the staff's comment. Published
//! reports are kept as they were published.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::diseases;
use crate::situation::{Area, DiseaseChange, WeekSpan};

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
    diseases::find(code).map_or(("不明な疾患", "an unknown disease"), |disease| (disease.name.ja, disease.name.en))
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
