//! The CSV of an export: fixed columns, one column per form item, and a note column, encoded as
//! UTF-8 with BOM or as Shift_JIS (Windows-31J) for Excel. The layout is documented in docs/csv-export.md.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use domain::api::{CsvEncoding, NotificationStatus};
use domain::forms::{Answer, Field, FieldKind, FormDefinition};
use domain::i18n::Lang;
use time::macros::format_description;

use crate::error::AppError;
use crate::store::StoredNotification;

/// The columns before the form's items, in this order.
pub const LEADING_COLUMNS: [&str; 13] = [
    "receipt_number",
    "received_at",
    "disease",
    "disease_name",
    "animal_report",
    "status",
    "revision",
    "institution_code",
    "institution_name",
    "routed_health_center_code",
    "health_center_code",
    "health_center_name",
    "filed_by",
];

/// The last column of every export, added by [`encode`] to the header and to each row (so that no
/// export's own columns name it): characters a Shift_JIS export could not carry (`field:U+XXXX`,
/// space-separated).
pub const REPLACED_COLUMN: &str = "replaced_characters";

/// What stands in for a character Windows-31J lacks (〓, ゲタ: the customary substitute in Japanese print).
pub const REPLACEMENT: char = '〓';

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The header: the leading columns, the form's field ids in form order ([`encode`] adds the note column).
pub fn header(form: &FormDefinition) -> Vec<&'static str> {
    LEADING_COLUMNS.into_iter().chain(form.fields().map(|field| field.id)).collect()
}

/// One row per notification, a cell per column of [`header`].
pub fn rows(form: &FormDefinition, notifications: &[StoredNotification]) -> Vec<Vec<String>> {
    notifications.iter().map(|notification| row(form, notification)).collect()
}

fn row(form: &FormDefinition, notification: &StoredNotification) -> Vec<String> {
    let summary = &notification.summary;
    let disease_name = domain::diseases::find(&summary.disease).map(|d| d.name.get(Lang::Ja)).unwrap_or_default();
    let mut cells = vec![
        summary.receipt.receipt_number.clone(),
        japan_time(summary.receipt.received_at),
        summary.disease.clone(),
        disease_name.to_owned(),
        summary.animal_report.clone().unwrap_or_default(),
        status_label(summary.status).to_owned(),
        summary.revision.to_string(),
        summary.institution.code.clone(),
        summary.institution.name.clone(),
        summary.receipt.health_center.code.clone(),
        summary.health_center.code.clone(),
        summary.health_center.name.clone(),
        notification.filed_by.clone(),
    ];
    cells.extend(form.fields().map(|field| cell(field, notification.answers.get(field.id))));
    cells
}

/// `2026-11-25 10:15:00`, Japan time: a form Excel reads as a date and time.
fn japan_time(at: time::OffsetDateTime) -> String {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    at.to_offset(domain::jst::JST).format(&format).unwrap_or_else(|_| at.to_string())
}

fn status_label(status: NotificationStatus) -> &'static str {
    match status {
        NotificationStatus::Received => "受付済",
        NotificationStatus::Returned => "差し戻し",
        NotificationStatus::Accepted => "受理",
        NotificationStatus::Withdrawn => "取下げ",
    }
}

/// An answer as people read it: choices by their Japanese label (several joined with `、`), everything
/// else as stored (ISO dates, phone digits, text).
fn cell(field: &Field, answer: Option<&Answer>) -> String {
    let label = |value: &str| match &field.kind {
        FieldKind::Choice { options } | FieldKind::MultiChoice { options } => options
            .iter()
            .find(|option| option.value == value)
            .map_or_else(|| value.to_owned(), |option| option.label.get(Lang::Ja).to_owned()),
        _ => value.to_owned(),
    };
    match answer {
        None => String::new(),
        Some(Answer::One(value)) => label(value),
        Some(Answer::Many(values)) => values.iter().map(|value| label(value)).collect::<Vec<_>>().join("、"),
    }
}

/// The CSV file in the chosen encoding: CRLF line ends, fields quoted where needed (RFC 4180). Each
/// row has a cell per column of `header`; both get [`REPLACED_COLUMN`] last. A row of another length
/// is an error (the writer is not flexible), never a file whose columns slip.
pub fn encode<H: AsRef<str>>(
    header: &[H],
    rows: Vec<Vec<String>>,
    encoding: CsvEncoding,
) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    writer.write_record(header.iter().map(AsRef::as_ref).chain([REPLACED_COLUMN]))?;
    for mut cells in rows {
        let mut replaced = Vec::new();
        if encoding == CsvEncoding::ShiftJis {
            for (column, value) in header.iter().zip(cells.iter_mut()) {
                *value = shift_jis_safe(column.as_ref(), value, &mut replaced);
            }
        }
        cells.push(replaced.join(" "));
        writer.write_record(&cells)?;
    }
    let text = writer.into_inner().map_err(|error| csv::Error::from(error.into_error()))?;
    Ok(match encoding {
        CsvEncoding::Utf8 => [UTF8_BOM, text.as_slice()].concat(),
        // Every character is encodable now, so nothing is replaced by the encoder itself.
        CsvEncoding::ShiftJis => encoding_rs::SHIFT_JIS.encode(&String::from_utf8_lossy(&text)).0.into_owned(),
    })
}

/// A CSV file as the answer: its encoding's content type, an attachment named `file_name`, and never
/// kept by the browser's or a proxy's cache (personal data, or figures a later request may change).
pub fn attachment(body: Vec<u8>, encoding: CsvEncoding, file_name: &str) -> Response {
    let content_type = match encoding {
        CsvEncoding::Utf8 => "text/csv; charset=utf-8",
        CsvEncoding::ShiftJis => "text/csv; charset=Shift_JIS",
    };
    let headers = [
        (header::CONTENT_TYPE, content_type.to_owned()),
        (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file_name}\"")),
        (header::CACHE_CONTROL, "no-store".to_owned()),
    ];
    (headers, body).into_response()
}

/// The table encoded ([`encode`]) as the [`attachment`] `file_name`: the whole answer of a download
/// that needs nothing between writing the file and sending it.
pub fn download<H: AsRef<str>>(
    header: &[H],
    rows: Vec<Vec<String>>,
    encoding: CsvEncoding,
    file_name: &str,
) -> Result<Response, AppError> {
    let body = encode(header, rows, encoding).map_err(|error| AppError::Internal(format!("CSV export: {error}")))?;
    Ok(attachment(body, encoding, file_name))
}

/// The text with each character Windows-31J lacks replaced by [`REPLACEMENT`] and named in `replaced`
/// (`column:U+20B9F`). Characters whose Unicode mapping differs between JIS and Windows (〜 U+301C and
/// its kin) are written as their Windows form first: the same character to the reader, nothing lost.
pub fn shift_jis_safe(column: &str, text: &str, replaced: &mut Vec<String>) -> String {
    text.chars()
        .map(windows_form)
        .map(|c| {
            if encodable(c) {
                c
            } else {
                replaced.push(format!("{column}:U+{:04X}", u32::from(c)));
                REPLACEMENT
            }
        })
        .collect()
}

/// JIS X 0208 characters that Windows-31J maps to other code points (the "wave dash problem").
fn windows_form(c: char) -> char {
    match c {
        '\u{301C}' => '\u{FF5E}', // 〜 WAVE DASH → ～
        '\u{2016}' => '\u{2225}', // ‖ DOUBLE VERTICAL LINE → ∥
        '\u{2014}' => '\u{2015}', // — EM DASH → ―
        '\u{00A2}' => '\u{FFE0}', // ¢
        '\u{00A3}' => '\u{FFE1}', // £
        '\u{00AC}' => '\u{FFE2}', // ¬
        other => other,
    }
}

fn encodable(c: char) -> bool {
    let mut buffer = [0u8; 4];
    let (_, _, had_errors) = encoding_rs::SHIFT_JIS.encode(c.encode_utf8(&mut buffer));
    !had_errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_beyond_windows_31j_become_geta_and_are_named() {
        let mut replaced = Vec::new();
        // 𠮟 (U+20B9F) is JIS X 0213 level 3; 髙 (U+9AD9) is an IBM extension Windows-31J has.
        let safe = shift_jis_safe("patient_name", "𠮟田 髙子", &mut replaced);
        assert_eq!(safe, "〓田 髙子");
        assert_eq!(replaced, ["patient_name:U+20B9F"]);
        let (bytes, _, had_errors) = encoding_rs::SHIFT_JIS.encode(&safe);
        assert!(!had_errors);
        assert_eq!(encoding_rs::SHIFT_JIS.decode(&bytes).0, safe);
    }

    #[test]
    fn jis_forms_of_wave_dash_and_kin_are_written_as_their_windows_forms() {
        let mut replaced = Vec::new();
        assert_eq!(shift_jis_safe("remarks", "1〜2日‖—¢£¬", &mut replaced), "1～2日∥―￠￡￢");
        assert!(replaced.is_empty(), "{replaced:?}");
    }
}
