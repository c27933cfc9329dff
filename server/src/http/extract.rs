//! Extractors whose rejections are [`AppError`], so that malformed JSON or a bad path segment gets
//! todoke's JSON error body rather than axum's plain text. Each also refuses control characters
//! (`domain::text::first_control`) in every string it receives, keys included, with 422
//! `validation_failed` naming the field: no handler, rule or database ever sees one.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use domain::error::{FieldError, FieldErrorCode};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::AppError;

pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let axum::Json(value) = axum::Json::<Value>::from_request(request, state).await?;
        refuse_controls_in_json(&value, "")?;
        serde_json::from_value(value).map(ApiJson).map_err(|error| AppError::MalformedRequest(error.to_string()))
    }
}

pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let axum::extract::Path(segments) =
            axum::extract::Path::<Vec<(String, String)>>::from_request_parts(parts, state).await?;
        refuse_controls_in_pairs(&segments)?;
        let axum::extract::Path(value) = axum::extract::Path::<T>::from_request_parts(parts, state).await?;
        Ok(Self(value))
    }
}

pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let axum::extract::Query(pairs) = axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)?;
        refuse_controls_in_pairs(&pairs)?;
        let axum::extract::Query(value) = axum::extract::Query::<T>::try_from_uri(&parts.uri)?;
        Ok(Self(value))
    }
}

fn refuse_controls_in_pairs(pairs: &[(String, String)]) -> Result<(), AppError> {
    for (name, value) in pairs {
        refuse_controls(name, name)?;
        refuse_controls(name, value)?;
    }
    Ok(())
}

/// `field` is the path to `value` in the body (`answers.patient_name`, `applicants[0].user_name`).
fn refuse_controls_in_json(value: &Value, field: &str) -> Result<(), AppError> {
    match value {
        Value::String(text) => refuse_controls(field, text),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(index, item)| refuse_controls_in_json(item, &format!("{field}[{index}]"))),
        Value::Object(members) => members.iter().try_for_each(|(key, member)| {
            let path = if field.is_empty() { key.clone() } else { format!("{field}.{key}") };
            refuse_controls(&path, key)?;
            refuse_controls_in_json(member, &path)
        }),
        Value::Null | Value::Bool(_) | Value::Number(_) => Ok(()),
    }
}

fn refuse_controls(field: &str, text: &str) -> Result<(), AppError> {
    match domain::text::first_control(text) {
        None => Ok(()),
        Some(control) => Err(AppError::Validation(vec![FieldError {
            field: field.to_owned(),
            code: FieldErrorCode::InvalidCharacters,
            message: domain::text::refusal_message(&[control]),
        }])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused_field(body: Value) -> Option<String> {
        match refuse_controls_in_json(&body, "") {
            Err(AppError::Validation(fields)) => Some(fields[0].field.clone()),
            _ => None,
        }
    }

    #[test]
    fn control_characters_are_refused_wherever_they_are_in_a_body() {
        assert_eq!(refused_field(serde_json::json!({ "user_id": "a\u{0}" })).as_deref(), Some("user_id"));
        let nested =
            serde_json::json!({ "action": { "applicants": [{ "user_name": "x" }, { "user_name": "\u{1}" }] } });
        assert_eq!(refused_field(nested).as_deref(), Some("action.applicants[1].user_name"));
        assert_eq!(refused_field(serde_json::json!({ "answers": { "a\u{0}": 1 } })).as_deref(), Some("answers.a\u{0}"));
        assert_eq!(refused_field(serde_json::json!({ "comment": "一行目\n二行目", "n": 1, "b": null })), None);
    }
}
