//! A weekly series of counts and its CSV form (`week,count`, consecutive ISO weeks, oldest first;
//! `NA` for a week without a count), as the command line reads it and the fixtures store it.

use crate::{Evaluation, IsoWeek};

/// Consecutive weeks from `start`, one count (or `None`, R's `NA`) each.
#[derive(Debug, Clone, PartialEq)]
pub struct WeeklySeries {
    start: IsoWeek,
    counts: Vec<Option<u32>>,
}

/// A problem in a series file, naming its line (the header is line 1).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {problem}")]
pub struct SeriesError {
    pub line: usize,
    pub problem: SeriesProblem,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SeriesProblem {
    #[error("the header must be week,count")]
    Header,
    #[error("the file has no weeks")]
    Empty,
    #[error("expected two columns week,count, found {0}")]
    Columns(usize),
    #[error("{0}")]
    Week(#[from] crate::week::WeekParseError),
    #[error("weeks must be consecutive: expected {expected}, found {found}")]
    Gap { expected: IsoWeek, found: IsoWeek },
    #[error("the count must not be negative: {0}")]
    NegativeCount(String),
    #[error("the count must be a whole number or NA: {0}")]
    Count(String),
}

impl WeeklySeries {
    pub fn new(start: IsoWeek, counts: Vec<Option<u32>>) -> Self {
        WeeklySeries { start, counts }
    }

    pub fn start(&self) -> IsoWeek {
        self.start
    }

    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    pub fn counts(&self) -> &[Option<u32>] {
        &self.counts
    }

    /// The week at `index`; series are built from real weeks, so the calendar never runs out.
    pub fn week(&self, index: usize) -> IsoWeek {
        let weeks = i64::try_from(index).unwrap_or(i64::MAX);
        self.start.plus(weeks).unwrap_or(self.start)
    }

    /// Counts as R sees them: `NA` becomes NaN, which every computation propagates.
    pub(crate) fn values(&self) -> Vec<f64> {
        self.counts.iter().map(|count| count.map_or(f64::NAN, f64::from)).collect()
    }

    /// The index range of the last `weeks` weeks (all of them when the series is shorter).
    pub fn last(&self, weeks: usize) -> std::ops::Range<usize> {
        self.len().saturating_sub(weeks)..self.len()
    }

    /// Reads `week,count` CSV text.
    pub fn parse_csv(text: &str) -> Result<Self, SeriesError> {
        let mut lines = text.lines().enumerate().map(|(index, line)| (index + 1, line.trim_end_matches('\r')));
        match lines.next() {
            Some((_, header)) if header.trim() == "week,count" => {}
            _ => return Err(SeriesError { line: 1, problem: SeriesProblem::Header }),
        }
        let mut start = None;
        let mut counts = Vec::new();
        for (line, row) in lines.filter(|(_, row)| !row.trim().is_empty()) {
            let fail = |problem| SeriesError { line, problem };
            let (week, count) = parse_row(row).map_err(fail)?;
            let first = *start.get_or_insert(week);
            let expected = first.plus(counts.len() as i64).unwrap_or(first);
            if week != expected {
                return Err(fail(SeriesProblem::Gap { expected, found: week }));
            }
            counts.push(count);
        }
        let start = start.ok_or(SeriesError { line: 2, problem: SeriesProblem::Empty })?;
        Ok(WeeklySeries { start, counts })
    }
}

fn parse_row(row: &str) -> Result<(IsoWeek, Option<u32>), SeriesProblem> {
    let cells: Vec<&str> = row.split(',').map(str::trim).collect();
    let [week, count] = cells[..] else { return Err(SeriesProblem::Columns(cells.len())) };
    let week = week.parse()?;
    let count = match count {
        "NA" => None,
        text if text.starts_with('-') && text[1..].bytes().all(|b| b.is_ascii_digit()) && text.len() > 1 => {
            return Err(SeriesProblem::NegativeCount(text.to_owned()))
        }
        text if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            Some(text.parse().map_err(|_| SeriesProblem::Count(text.to_owned()))?)
        }
        text => return Err(SeriesProblem::Count(text.to_owned())),
    };
    Ok((week, count))
}

/// The `week,upperbound,alarm` CSV of evaluations: bounds in the shortest text that reads back as
/// the same number, `NA` where R has `NA`, alarms `1`/`0`/`NA`.
pub fn evaluations_csv(evaluations: &[Evaluation]) -> String {
    let mut out = String::from("week,upperbound,alarm\n");
    for evaluation in evaluations {
        let bound = evaluation.upperbound.map_or_else(|| "NA".to_owned(), |bound| bound.to_string());
        let alarm = match evaluation.alarm {
            Some(true) => "1",
            Some(false) => "0",
            None => "NA",
        };
        out.push_str(&format!("{},{bound},{alarm}\n", evaluation.week));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> SeriesError {
        WeeklySeries::parse_csv(text).unwrap_err()
    }

    #[test]
    fn reads_consecutive_weeks_across_a_53_week_year() {
        let series = WeeklySeries::parse_csv("week,count\n2020-W52,3\n2020-W53,NA\r\n2021-W01,0\n").unwrap();
        assert_eq!(series.counts(), &[Some(3), None, Some(0)]);
        assert_eq!(series.week(2).to_string(), "2021-W01");
    }

    #[test]
    fn names_the_line_and_the_problem() {
        assert_eq!(problem("week,cases\n").to_string(), "line 1: the header must be week,count");
        assert_eq!(problem("week,count\n").problem, SeriesProblem::Empty);
        assert_eq!(
            problem("week,count\n2023-W01,1\n2023-W03,2\n").to_string(),
            "line 3: weeks must be consecutive: expected 2023-W02, found 2023-W03"
        );
        assert_eq!(problem("week,count\n2023-W01,-4\n").problem, SeriesProblem::NegativeCount("-4".into()));
        assert_eq!(problem("week,count\n2023-W01,1.5\n").problem, SeriesProblem::Count("1.5".into()));
        assert_eq!(problem("week,count\n2023-W01,1,2\n").problem, SeriesProblem::Columns(3));
        assert_eq!(problem("week,count\n2023-W01,1\n2023-W54,1\n").line, 3);
    }

    #[test]
    fn prints_bounds_that_read_back_exactly() {
        let week = IsoWeek::new(2023, 5).unwrap();
        let bound = 0.1 + 0.2;
        let text = evaluations_csv(&[
            Evaluation { week, upperbound: Some(bound), alarm: Some(true) },
            Evaluation { week, upperbound: None, alarm: None },
        ]);
        assert_eq!(text, "week,upperbound,alarm\n2023-W05,0.30000000000000004,1\n2023-W05,NA,NA\n");
    }
}
