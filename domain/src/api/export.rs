//! Wire types of the CSV export: which notifications, in which encoding.

use serde::{Deserialize, Serialize};

use super::{NotificationFilter, NotificationStatus};

/// The character encoding of a CSV export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CsvEncoding {
    /// UTF-8 with a byte-order mark (so that Excel recognises it); every character kept.
    #[default]
    Utf8,
    /// Shift_JIS as Windows and Excel read it (Windows-31J); characters beyond it become 〓 and are
    /// named in the `replaced_characters` column.
    ShiftJis,
}

/// Query of `GET /api/v1/notifications/export`. The filters are those of the list ([`NotificationFilter`],
/// spelled out here so that the description lists each parameter, with `disease` required); all combine
/// with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct ExportQuery {
    /// Catalog code of the disease, e.g. `measles` (required: its form's items are the columns).
    pub disease: String,
    /// For veterinarians' reports (N-7): the disease × species pair, e.g. `ebola_monkey`, whose disease
    /// is `disease`. Absent: the human notifications of `disease`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub animal_report: Option<String>,
    /// `utf8` (default) or `shift_jis`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub encoding: CsvEncoding,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<NotificationStatus>,
    /// First receipt on or after this date in Japan (`YYYY-MM-DD`, JST).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_from: Option<String>,
    /// First receipt on or before this date in Japan (`YYYY-MM-DD`, JST).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_to: Option<String>,
}

impl ExportQuery {
    /// The list filter that selects the same notifications (apart from the animal report).
    pub fn filter(&self) -> NotificationFilter {
        NotificationFilter {
            disease: Some(self.disease.clone()),
            status: self.status,
            received_from: self.received_from.clone(),
            received_to: self.received_to.clone(),
        }
    }
}

/// The encoding choice of a download whose other parameters are its view's (the situation views'
/// CSV: `GET /situation/…/export`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct EncodingQuery {
    /// `utf8` (default) or `shift_jis`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", param(inline))]
    pub encoding: CsvEncoding,
}

/// A table of figures as a CSV file holds it: the header's column names and a cell per column in each
/// row. The server encodes it (docs/csv-export.md); the layouts are written next to the figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvTable {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}
