//! A weekly series of counts and its CSV form (`week,count`, consecutive ISO weeks, oldest first;
//! `NA` for a week without a count; optionally a third column `population`, the week's population
//! for Farrington's `populationOffset`), as the command line reads it and the fixtures store it.

use crate::{Evaluation, IsoWeek};

/// Consecutive weeks from `start`, one count (or `None`, R's `NA`) each, and optionally each week's
/// population (the `population` slot of R's `sts`; todoke: the sentinel sites that reported).
#[derive(Debug, Clone, PartialEq)]
pub struct WeeklySeries {
    start: IsoWeek,
    counts: Vec<Option<u32>>,
    population: Option<Vec<u32>>,
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
    #[error("the header must be week,count or week,count,population")]
    Header,
    #[error("the file has no weeks")]
    Empty,
    #[error("expected {expected} columns, found {found}")]
    Columns { expected: usize, found: usize },
    #[error("{0}")]
    Week(#[from] crate::week::WeekParseError),
    #[error("weeks must be consecutive: expected {expected}, found {found}")]
    Gap { expected: IsoWeek, found: IsoWeek },
    #[error("the count must not be negative: {0}")]
    NegativeCount(String),
    #[error("the count must be a whole number or NA: {0}")]
    Count(String),
    #[error("the population must be a whole number: {0}")]
    Population(String),
    #[error("a week with population 0 has no count: it must be NA")]
    CountWithoutPopulation,
}

/// Why a population does not fit a series.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PopulationError {
    #[error("the population has {population} weeks, the series {series}")]
    Length { population: usize, series: usize },
    #[error("week {0} has a count but population 0")]
    CountWithoutPopulation(IsoWeek),
}

impl WeeklySeries {
    pub fn new(start: IsoWeek, counts: Vec<Option<u32>>) -> Self {
        WeeklySeries { start, counts, population: None }
    }

    /// The series with each week's population. A week of population 0 (no sentinel site reported)
    /// must have no count: a rate of nothing is `NA`, and R's `log(0)` offset would fail.
    pub fn with_population(self, population: Vec<u32>) -> Result<Self, PopulationError> {
        if population.len() != self.counts.len() {
            return Err(PopulationError::Length { population: population.len(), series: self.counts.len() });
        }
        if let Some(index) = (0..population.len()).find(|&i| population[i] == 0 && self.counts[i].is_some()) {
            return Err(PopulationError::CountWithoutPopulation(self.week(index)));
        }
        Ok(WeeklySeries { population: Some(population), ..self })
    }

    pub fn population(&self) -> Option<&[u32]> {
        self.population.as_deref()
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

    /// Each week's count ÷ `population` (the series' own, [`Self::population`]): `NA` (NaN) where
    /// the count is, and so in a week of population 0, which has no count.
    pub(crate) fn rates(&self, population: &[u32]) -> Vec<f64> {
        self.values().iter().zip(population).map(|(&count, &people)| count / f64::from(people)).collect()
    }

    /// The index range of the last `weeks` weeks (all of them when the series is shorter).
    pub fn last(&self, weeks: usize) -> std::ops::Range<usize> {
        self.len().saturating_sub(weeks)..self.len()
    }

    /// Reads `week,count` or `week,count,population` CSV text.
    pub fn parse_csv(text: &str) -> Result<Self, SeriesError> {
        let mut lines = text.lines().enumerate().map(|(index, line)| (index + 1, line.trim_end_matches('\r')));
        let columns = match lines.next().map(|(_, header)| header.trim()) {
            Some("week,count") => 2,
            Some("week,count,population") => 3,
            _ => return Err(SeriesError { line: 1, problem: SeriesProblem::Header }),
        };
        let mut start = None;
        let mut counts = Vec::new();
        let mut population = Vec::new();
        for (line, row) in lines.filter(|(_, row)| !row.trim().is_empty()) {
            let fail = |problem| SeriesError { line, problem };
            let (week, count, people) = parse_row(row, columns).map_err(fail)?;
            let first = *start.get_or_insert(week);
            let expected = first.plus(counts.len() as i64).unwrap_or(first);
            if week != expected {
                return Err(fail(SeriesProblem::Gap { expected, found: week }));
            }
            if people == Some(0) && count.is_some() {
                return Err(fail(SeriesProblem::CountWithoutPopulation));
            }
            counts.push(count);
            population.extend(people);
        }
        let start = start.ok_or(SeriesError { line: 2, problem: SeriesProblem::Empty })?;
        Ok(WeeklySeries { start, counts, population: (columns == 3).then_some(population) })
    }
}

/// A row's week, count and (with three columns) population.
fn parse_row(row: &str, columns: usize) -> Result<(IsoWeek, Option<u32>, Option<u32>), SeriesProblem> {
    let cells: Vec<&str> = row.split(',').map(str::trim).collect();
    if cells.len() != columns {
        return Err(SeriesProblem::Columns { expected: columns, found: cells.len() });
    }
    let week = cells[0].parse()?;
    let count = match cells[1] {
        "NA" => None,
        text if text.starts_with('-') && text[1..].bytes().all(|b| b.is_ascii_digit()) && text.len() > 1 => {
            return Err(SeriesProblem::NegativeCount(text.to_owned()))
        }
        text => Some(whole_number(text).ok_or_else(|| SeriesProblem::Count(text.to_owned()))?),
    };
    let population = match cells.get(2) {
        Some(text) => Some(whole_number(text).ok_or_else(|| SeriesProblem::Population((*text).to_owned()))?),
        None => None,
    };
    Ok((week, count, population))
}

/// Digits only, within u32.
fn whole_number(text: &str) -> Option<u32> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
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
        assert_eq!(series.population(), None);
        let sites = WeeklySeries::parse_csv("week,count,population\n2020-W52,3,4\n2020-W53,NA,0\n").unwrap();
        assert_eq!((sites.counts(), sites.population()), (&[Some(3), None][..], Some(&[4, 0][..])));
    }

    #[test]
    fn a_population_has_a_week_per_count_and_no_count_where_it_is_zero() {
        let start = IsoWeek::new(2023, 1).unwrap();
        let series = WeeklySeries::new(start, vec![Some(1), None]);
        assert!(series.clone().with_population(vec![2, 0]).is_ok());
        assert_eq!(series.clone().with_population(vec![2]), Err(PopulationError::Length { population: 1, series: 2 }));
        assert_eq!(series.with_population(vec![0, 0]), Err(PopulationError::CountWithoutPopulation(start)));
    }

    #[test]
    fn names_the_line_and_the_problem() {
        assert_eq!(
            problem("week,cases\n").to_string(),
            "line 1: the header must be week,count or week,count,population"
        );
        assert_eq!(problem("week,count\n").problem, SeriesProblem::Empty);
        assert_eq!(
            problem("week,count\n2023-W01,1\n2023-W03,2\n").to_string(),
            "line 3: weeks must be consecutive: expected 2023-W02, found 2023-W03"
        );
        assert_eq!(problem("week,count\n2023-W01,-4\n").problem, SeriesProblem::NegativeCount("-4".into()));
        assert_eq!(problem("week,count\n2023-W01,1.5\n").problem, SeriesProblem::Count("1.5".into()));
        assert_eq!(problem("week,count\n2023-W01,1,2\n").problem, SeriesProblem::Columns { expected: 2, found: 3 });
        let with_population = "week,count,population\n2023-W01,1,2\n";
        assert_eq!(problem(&format!("{with_population}2023-W02,1\n")).line, 3);
        assert_eq!(problem(&format!("{with_population}2023-W02,1,x\n")).problem, SeriesProblem::Population("x".into()));
        assert_eq!(problem(&format!("{with_population}2023-W02,1,0\n")).problem, SeriesProblem::CountWithoutPopulation);
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
