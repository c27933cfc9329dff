//! Wire types of personal API tokens (issue 20): a doctor or veterinarian lets an electronic medical
//! record system file for their institution with `Authorization: Bearer`, and the rules a new token
//! must meet (the settings screen checks them before sending; the server checks them again).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::error::{FieldError, FieldErrorCode};
use crate::i18n::Lang;

/// Body of `POST /api/v1/me/api-tokens`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiTokenRequest {
    /// What the token is for, e.g. the EMR system's name: it tells tokens apart in the list.
    pub name: String,
    /// Days until the token stops working: 1 to [`MAX_TOKEN_DAYS`].
    pub valid_days: u16,
}

/// The longest a token may live: a year, so that a forgotten token dies by itself.
pub const MAX_TOKEN_DAYS: u16 = 365;
/// The longest name, in characters.
pub const MAX_TOKEN_NAME: usize = 100;

impl ApiTokenRequest {
    /// The request's problems, by field (`name`, `valid_days`); empty when it may be made.
    pub fn problems(&self) -> Vec<FieldError> {
        let mut problems = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            problems.push(problem("name", FieldErrorCode::Required));
        } else if name.chars().count() > MAX_TOKEN_NAME {
            problems.push(problem("name", FieldErrorCode::TooLong));
        }
        if !(1..=MAX_TOKEN_DAYS).contains(&self.valid_days) {
            problems.push(problem("valid_days", FieldErrorCode::OutOfRange));
        }
        problems
    }
}

fn problem(field: &str, code: FieldErrorCode) -> FieldError {
    FieldError { field: field.to_owned(), code, message: code.message(Lang::Ja).to_owned() }
}

/// A token as listed: never the token itself, which only its creation's answer holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiTokenSummary {
    pub id: Uuid,
    pub name: String,
    /// The institution it files for (the account's when it was made).
    pub institution_code: String,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub expires_at: OffsetDateTime,
    /// When a request last authenticated with it; `None`: never used.
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub last_used_at: Option<OffsetDateTime>,
    /// When it was revoked; `None`: not revoked.
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub revoked_at: Option<OffsetDateTime>,
}

impl ApiTokenSummary {
    /// Whether a request may still authenticate with it at `now`.
    pub fn is_usable(&self, now: OffsetDateTime) -> bool {
        self.revoked_at.is_none() && now < self.expires_at
    }
}

/// The answer to `POST /api/v1/me/api-tokens`: the token, shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedApiToken {
    /// Send it as `Authorization: Bearer <token>`. todoke keeps only its hash: it cannot show it again.
    pub token: String,
    pub summary: ApiTokenSummary,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(name: &str, valid_days: u16) -> ApiTokenRequest {
        ApiTokenRequest { name: name.to_owned(), valid_days }
    }

    fn codes(request: &ApiTokenRequest) -> Vec<(String, FieldErrorCode)> {
        request.problems().into_iter().map(|problem| (problem.field, problem.code)).collect()
    }

    #[test]
    fn a_token_needs_a_name_and_a_lifetime_of_at_most_a_year() {
        assert!(codes(&request("電子カルテ", 90)).is_empty());
        assert!(codes(&request("x", MAX_TOKEN_DAYS)).is_empty());
        assert_eq!(codes(&request("  ", 90)), [("name".to_owned(), FieldErrorCode::Required)]);
        let long = "あ".repeat(MAX_TOKEN_NAME + 1);
        assert_eq!(codes(&request(&long, 90)), [("name".to_owned(), FieldErrorCode::TooLong)]);
        for days in [0, MAX_TOKEN_DAYS + 1] {
            assert_eq!(codes(&request("x", days)), [("valid_days".to_owned(), FieldErrorCode::OutOfRange)]);
        }
    }
}
