//! The single mapping of the server's [`AppError`] to an HTTP status and JSON body, and of axum's
//! rejections (bad JSON, query or path) to it.

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::api::{ReportAlreadyFiled, StaleRevision};
use domain::error::{ApiError, ErrorCode};

use crate::delivery::DeliveryError;
use crate::error::AppError;

/// The HTTP status of each error code: the one place this mapping is written.
pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::MalformedRequest => StatusCode::BAD_REQUEST,
        ErrorCode::ValidationFailed | ErrorCode::UnknownDisease => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::InvalidCredentials | ErrorCode::Unauthenticated | ErrorCode::InvalidApiToken => {
            StatusCode::UNAUTHORIZED
        }
        ErrorCode::Forbidden
        | ErrorCode::DownloadNotPermitted
        | ErrorCode::CrossOriginRefused
        | ErrorCode::ReauthenticationRequired => StatusCode::FORBIDDEN,
        ErrorCode::NotFound | ErrorCode::LinkInvalid => StatusCode::NOT_FOUND,
        ErrorCode::NotificationConflict
        | ErrorCode::InvalidTransition
        | ErrorCode::StaleRevision
        | ErrorCode::RequestDecided
        | ErrorCode::ReportConflict
        | ErrorCode::ReportAlreadyFiled => StatusCode::CONFLICT,
        ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::Internal | ErrorCode::Unknown => StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::SecondFactorRequired
        | ErrorCode::InvalidCode
        | ErrorCode::CodeExpired
        | ErrorCode::LinkConfirmationRequired
        | ErrorCode::LinkConfirmationFailed => StatusCode::UNAUTHORIZED,
        ErrorCode::TooManyAttempts | ErrorCode::ResendTooSoon | ErrorCode::DailyReportsUsedUp => {
            StatusCode::TOO_MANY_REQUESTS
        }
        ErrorCode::PasswordChangeRequired | ErrorCode::AccountSuspended | ErrorCode::AccountDeleted => {
            StatusCode::FORBIDDEN
        }
        ErrorCode::PasswordRejected | ErrorCode::InvalidDestination => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::DeliveryFailed => StatusCode::BAD_GATEWAY,
        ErrorCode::PasskeyFailed => StatusCode::UNAUTHORIZED,
        ErrorCode::PasskeysUnavailable => StatusCode::NOT_FOUND,
        ErrorCode::Unavailable | ErrorCode::LoginBusy | ErrorCode::Maintenance => StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::ImportRejected => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::CredentialsGone => StatusCode::GONE,
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let code = self.code();
        match &self {
            Self::Store(_) | Self::Internal(_) | Self::DeliveryFailed(_) | Self::Unavailable(_) => {
                tracing::error!(error = %self, "request failed")
            }
            Self::MalformedRequest(detail) => tracing::debug!(%detail, "malformed request"),
            _ => {}
        }
        let body = match self {
            // The one error with its own body: the filer needs the current version to redo the correction.
            Self::StaleRevision(current) => {
                return (status_of(code), Json(StaleRevision::new(*current))).into_response();
            }
            Self::ReportAlreadyFiled(current) => {
                return (status_of(code), Json(ReportAlreadyFiled::new(*current))).into_response();
            }
            Self::Validation(fields) => ApiError::validation(fields),
            Self::PasswordRejected(password_rules) => {
                ApiError { password_rules: password_rules.into(), ..ApiError::new(code) }
            }
            Self::ImportRejected(problems) => ApiError { problems: problems.into(), ..ApiError::new(code) },
            Self::TooManyAttempts(wait) | Self::ResendTooSoon(wait) => {
                ApiError { retry_after_seconds: Some(whole_seconds(wait)), ..ApiError::new(code) }
            }
            // `Retry-After`, which HTTP clients and proxies act on by themselves: a 503, or a 502 when
            // the SMS/voice gateway asked us to wait.
            Self::LoginBusy(wait) | Self::DeliveryFailed(DeliveryError::GatewayBusy(wait)) => {
                return unavailable(ApiError::new(code), wait)
            }
            Self::Maintenance { stop, retry_after } => {
                return unavailable(ApiError { maintenance: Some(stop), ..ApiError::new(code) }, retry_after)
            }
            // RFC 6750: a refused bearer token is answered with the scheme and why.
            Self::InvalidApiToken => {
                let challenge = "Bearer error=\"invalid_token\"";
                return (status_of(code), [(header::WWW_AUTHENTICATE, challenge)], Json(ApiError::new(code)))
                    .into_response();
            }
            _ => ApiError::new(code),
        };
        (status_of(code), Json(body)).into_response()
    }
}

/// An answer (503, or 502 for a busy gateway) telling the client to wait `wait`, in the body and in
/// `Retry-After`.
fn unavailable(body: ApiError, wait: time::Duration) -> Response {
    let seconds = whole_seconds(wait);
    let body = ApiError { retry_after_seconds: Some(seconds), ..body };
    (status_of(body.code), [(header::RETRY_AFTER, seconds.to_string())], Json(body)).into_response()
}

/// A wait in whole seconds, at least one (a client told to wait 0 s would ask again at once).
fn whole_seconds(wait: time::Duration) -> u64 {
    u64::try_from(wait.whole_seconds()).unwrap_or(0).max(1)
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        Self::MalformedRequest(rejection.body_text())
    }
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        Self::MalformedRequest(rejection.body_text())
    }
}

impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> Self {
        Self::MalformedRequest(rejection.body_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_code_has_the_status_clients_expect() {
        let expected = [
            (ErrorCode::MalformedRequest, 400),
            (ErrorCode::ValidationFailed, 422),
            (ErrorCode::UnknownDisease, 422),
            (ErrorCode::InvalidCredentials, 401),
            (ErrorCode::Unauthenticated, 401),
            (ErrorCode::Forbidden, 403),
            (ErrorCode::NotFound, 404),
            (ErrorCode::NotificationConflict, 409),
            (ErrorCode::MethodNotAllowed, 405),
            (ErrorCode::Internal, 500),
            (ErrorCode::SecondFactorRequired, 401),
            (ErrorCode::InvalidCode, 401),
            (ErrorCode::CodeExpired, 401),
            (ErrorCode::TooManyAttempts, 429),
            (ErrorCode::ResendTooSoon, 429),
            (ErrorCode::PasswordChangeRequired, 403),
            (ErrorCode::PasswordRejected, 422),
            (ErrorCode::AccountSuspended, 403),
            (ErrorCode::AccountDeleted, 403),
            (ErrorCode::InvalidDestination, 422),
            (ErrorCode::DeliveryFailed, 502),
            (ErrorCode::PasskeyFailed, 401),
            (ErrorCode::PasskeysUnavailable, 404),
            (ErrorCode::InvalidTransition, 409),
            (ErrorCode::StaleRevision, 409),
            (ErrorCode::DownloadNotPermitted, 403),
            (ErrorCode::Unavailable, 503),
            (ErrorCode::LoginBusy, 503),
            (ErrorCode::ImportRejected, 422),
            (ErrorCode::CredentialsGone, 410),
            (ErrorCode::RequestDecided, 409),
            (ErrorCode::ReportConflict, 409),
            (ErrorCode::ReportAlreadyFiled, 409),
            (ErrorCode::CrossOriginRefused, 403),
            (ErrorCode::ReauthenticationRequired, 403),
            (ErrorCode::InvalidApiToken, 401),
            (ErrorCode::LinkInvalid, 404),
            (ErrorCode::LinkConfirmationRequired, 401),
            (ErrorCode::LinkConfirmationFailed, 401),
            (ErrorCode::DailyReportsUsedUp, 429),
        ];
        for (code, status) in expected {
            assert_eq!(status_of(code).as_u16(), status, "{code:?}");
        }
    }
}
