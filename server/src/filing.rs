//! Filing under an id the device made (notifications, sentinel reports, 疑似症 reports). A device sends
//! again whenever it heard no answer, so the same id with the same content from the same account is the
//! same filing: its first receipt again (200), nothing stored. The same id with anything else is a
//! conflict (409). The store reports what the id holds ([`TakenId`]); the rule is here, once.

use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::store::TakenId;

/// SHA-256 of content's JSON, hex. Maps (answers, cells) are sorted, so equal content gives equal
/// bytes; callers hash content once normalised, so that the same content typed differently is the same.
pub fn content_hash<T: Serialize>(content: &T) -> Result<String, AppError> {
    let bytes = serde_json::to_vec(content).map_err(|error| AppError::Internal(error.to_string()))?;
    Ok(Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect())
}

/// A receipt for a new filing: 201.
pub fn created<R>(receipt: R) -> (StatusCode, Json<R>) {
    (StatusCode::CREATED, Json(receipt))
}

impl<R> TakenId<R> {
    /// The answer to a filing under an id already taken: its first receipt (200) when `content_hash` and
    /// `filed_by` are the stored ones, else `conflict`.
    pub fn answer(
        self,
        content_hash: &str,
        filed_by: &str,
        conflict: AppError,
    ) -> Result<(StatusCode, Json<R>), AppError> {
        if self.content_hash == content_hash && self.filed_by == filed_by {
            Ok((StatusCode::OK, Json(self.receipt)))
        } else {
            Err(conflict)
        }
    }
}
