//! The 47 prefectures for the map of Japan: names and populations from a data file
//! (`data/prefecture_population.csv`, its source and licence in its header) and a tile grid, one
//! square per prefecture placed roughly where it lies. A tile map rather than shapes: 47 squares are
//! a few hundred bytes of SVG, legible and tappable at 390 px, where outlines of the coastline would
//! weigh hundreds of kilobytes on a phone and make Tokyo or Osaka too small to tap.

/// The data file, read at compile time.
const POPULATION_CSV: &str = include_str!("../data/prefecture_population.csv");

/// (code, column, row) on a 12 × 12 grid: Hokkaido top right, Okinawa bottom left.
const TILES: [(&str, u8, u8); 47] = [
    ("01", 11, 0),
    ("02", 10, 1),
    ("03", 10, 2),
    ("05", 9, 2),
    ("04", 10, 3),
    ("06", 9, 3),
    ("07", 9, 4),
    ("15", 8, 4),
    ("16", 7, 4),
    ("17", 6, 4),
    ("09", 10, 5),
    ("10", 9, 5),
    ("20", 8, 5),
    ("21", 7, 5),
    ("18", 6, 5),
    ("08", 10, 6),
    ("11", 9, 6),
    ("19", 8, 6),
    ("23", 7, 6),
    ("25", 6, 6),
    ("26", 5, 6),
    ("28", 4, 6),
    ("31", 3, 6),
    ("32", 2, 6),
    ("12", 10, 7),
    ("13", 9, 7),
    ("22", 8, 7),
    ("24", 7, 7),
    ("29", 6, 7),
    ("27", 5, 7),
    ("33", 3, 7),
    ("34", 2, 7),
    ("35", 1, 7),
    ("14", 9, 8),
    ("30", 6, 8),
    ("36", 5, 8),
    ("37", 4, 8),
    ("38", 3, 8),
    ("44", 2, 8),
    ("40", 1, 8),
    ("41", 0, 8),
    ("39", 4, 9),
    ("45", 2, 9),
    ("43", 1, 9),
    ("42", 0, 9),
    ("46", 1, 10),
    ("47", 0, 11),
];

/// Columns and rows of the tile grid.
pub const GRID: (u8, u8) = (12, 12);

/// One prefecture of the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prefecture {
    /// JIS X 0401 code, `01` … `47`.
    pub code: String,
    pub name: String,
    pub population: u32,
    pub column: u8,
    pub row: u8,
}

impl Prefecture {
    /// The name without 都/道/府/県, for a tile (北海道 stays whole).
    pub fn short_name(&self) -> &str {
        if self.code == "01" {
            return &self.name;
        }
        self.name.strip_suffix(['都', '府', '県']).unwrap_or(&self.name)
    }
}

/// The 47 prefectures in code order; a line of the data file that does not parse is left out (the
/// test below keeps the file whole).
pub fn prefectures() -> Vec<Prefecture> {
    POPULATION_CSV
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_digit()))
        .filter_map(|line| {
            let mut cells = line.split(',');
            let (code, name, population) = (cells.next()?, cells.next()?, cells.next()?.parse().ok()?);
            let (_, column, row) = TILES.iter().find(|(tile, _, _)| *tile == code)?;
            Some(Prefecture { code: code.to_owned(), name: name.to_owned(), population, column: *column, row: *row })
        })
        .collect()
}

/// The prefecture (01 … 47) a 都道府県等 lies in: the first two digits of its code (a city's code is
/// its prefecture's followed by four digits). `None` for codes outside the 47 (the demo's 99 and 98).
pub fn prefecture_code_of(jurisdiction_code: &str) -> Option<&str> {
    let code = jurisdiction_code.get(..2)?;
    TILES.iter().any(|(tile, _, _)| *tile == code).then_some(code)
}

/// Notifications per 100,000 population; 0 for a population of 0.
pub fn per_100k(count: u32, population: u32) -> f64 {
    if population == 0 {
        0.0
    } else {
        f64::from(count) * 100_000.0 / f64::from(population)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_has_all_47_prefectures_each_on_its_own_tile() {
        let all = prefectures();
        assert_eq!(all.len(), 47);
        for (index, prefecture) in all.iter().enumerate() {
            assert_eq!(prefecture.code, format!("{:02}", index + 1));
            assert!(prefecture.column < GRID.0 && prefecture.row < GRID.1);
            let same_tile = all.iter().filter(|p| (p.column, p.row) == (prefecture.column, prefecture.row)).count();
            assert_eq!(same_tile, 1, "{} shares its tile", prefecture.name);
        }
        let total: u64 = all.iter().map(|p| u64::from(p.population)).sum();
        assert_eq!(total, 126_146_000, "the 2020 census total, in thousands");
        assert_eq!((all[12].short_name(), all[0].short_name(), all[25].short_name()), ("東京", "北海道", "京都"));
    }

    #[test]
    fn cities_belong_to_the_prefecture_their_code_begins_with() {
        assert_eq!(prefecture_code_of("13"), Some("13"));
        assert_eq!(prefecture_code_of("131000"), Some("13"));
        assert_eq!(prefecture_code_of("99"), None);
        assert_eq!(prefecture_code_of("4"), None);
        assert_eq!(per_100k(7, 1_400_000), 0.5);
        assert_eq!(per_100k(3, 0), 0.0);
    }
}
