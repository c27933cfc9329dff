//! Uploaded tables: CSV in UTF-8 or Shift_JIS (detected, or named by the uploader) and .xlsx workbooks
//! (the application form itself, so that no conversion macro is needed), read into rows of cell texts
//! numbered as a spreadsheet numbers them.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use domain::application::RawRow;
use domain::import::{ImportProblem, ImportProblemCode};
use serde::Deserialize;

/// How a CSV file is encoded; `None` where it is taken means "detect".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    Utf8,
    /// Shift_JIS as Windows writes it (Windows-31J / CP932), what Excel saves as "CSV" in Japan.
    ShiftJis,
}

/// The largest upload accepted (bytes); a 20,000-row form is about 4 MB.
pub const MAX_UPLOAD_BYTES: usize = 64 * 1024 * 1024;

/// Reads an uploaded file: an .xlsx workbook (its first sheet) if it is one, else CSV.
/// A cell holding a control character (`domain::text::first_control`) refuses the whole file.
pub fn read(bytes: &[u8], encoding: Option<TextEncoding>) -> Result<Vec<RawRow>, ImportProblem> {
    let rows = if bytes.starts_with(b"PK\x03\x04") { read_xlsx(bytes)? } else { read_csv(&decode(bytes, encoding)?)? };
    match rows
        .iter()
        .find_map(|row| row.cells.iter().find_map(|cell| domain::text::first_control(cell)).map(|c| (row, c)))
    {
        Some((row, control)) => Err(ImportProblem::new(
            row.number,
            None,
            ImportProblemCode::InvalidCharacters,
            Some(&domain::text::refusal_message(&[control])),
        )),
        None => Ok(rows),
    }
}

fn unreadable(detail: &str) -> ImportProblem {
    ImportProblem::new(0, None, ImportProblemCode::UnreadableFile, Some(detail))
}

/// UTF-8 (with or without BOM) when the bytes are valid UTF-8, else Shift_JIS, unless the uploader said.
pub fn decode(bytes: &[u8], encoding: Option<TextEncoding>) -> Result<Cow<'_, str>, ImportProblem> {
    let without_bom = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf8 = || std::str::from_utf8(without_bom).map(Cow::Borrowed);
    let shift_jis = || {
        encoding_rs::SHIFT_JIS
            .decode_without_bom_handling_and_without_replacement(bytes)
            .ok_or_else(|| unreadable("Shift_JISとして読めない文字があります"))
    };
    match encoding {
        Some(TextEncoding::Utf8) => utf8().map_err(|_| unreadable("UTF-8として読めない文字があります")),
        Some(TextEncoding::ShiftJis) => shift_jis(),
        None => utf8().or_else(|_| shift_jis()),
    }
}

fn read_csv(text: &str) -> Result<Vec<RawRow>, ImportProblem> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|error| unreadable(&format!("CSVの形式が正しくありません: {error}")))?;
        rows.push(RawRow { number: row_number(index), cells: record.iter().map(str::to_owned).collect() });
    }
    Ok(rows)
}

fn row_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<RawRow>, ImportProblem> {
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|error| unreadable(&format!("Excelブックを開けません: {error}")))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| unreadable("シートがありません"))?
        .map_err(|error| unreadable(&format!("シートを読めません: {error}")))?;
    // The range starts at the first used cell; rows and columns before it are empty.
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let leading = usize::try_from(first_column).unwrap_or(0);
    let first_row = usize::try_from(first_row).unwrap_or(0);
    Ok(range
        .rows()
        .enumerate()
        .map(|(index, cells)| {
            let mut texts = vec![String::new(); leading];
            texts.extend(cells.iter().map(cell_text));
            RawRow { number: row_number(first_row + index), cells: texts }
        })
        .collect())
}

/// A cell as the text a person sees: whole numbers without `.0` (codes and phone numbers typed into
/// number cells), other values as they display.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Float(number) if number.fract() == 0.0 && number.abs() < 1e15 => format!("{number:.0}"),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_jis_is_detected_and_utf8_boms_are_dropped() {
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("利用者名,連絡先\n北町 花子,03-1234-5678\n");
        let rows = read(&sjis, None).unwrap();
        assert_eq!(rows[1].cells, vec!["北町 花子", "03-1234-5678"]);
        assert_eq!(rows[1].number, 2);
        let rows = read("\u{FEFF}保健所コード,保健所名\n".as_bytes(), None).unwrap();
        assert_eq!(rows[0].cells[0], "保健所コード");
        assert!(read(&sjis, Some(TextEncoding::Utf8)).is_err(), "a named encoding is not second-guessed");
    }

    #[test]
    fn a_control_character_in_any_cell_refuses_the_file() {
        let problem = read("保健所コード,保健所名\n9901,北\u{0}保健所\n".as_bytes(), None).unwrap_err();
        assert_eq!((problem.row, problem.code), (2, ImportProblemCode::InvalidCharacters));
        assert!(read("名前,備考\n北町,\"一行目\n二行目\"\n".as_bytes(), None).is_ok(), "line breaks in a quoted cell");
    }

    #[test]
    fn number_cells_read_as_typed() {
        assert_eq!(cell_text(&Data::Float(9.0)), "9");
        assert_eq!(cell_text(&Data::Float(9910000001.0)), "9910000001");
        assert_eq!(cell_text(&Data::Float(1.5)), "1.5");
        assert_eq!(cell_text(&Data::Int(16)), "16");
    }
}
