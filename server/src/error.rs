//! What can go wrong in the server, in the server's own terms: every layer (access, store, workflow,
//! accounts, authentication) returns this type, and `http::error` alone turns it into a status and a
//! JSON body. Each variant names its stable [`ErrorCode`]; the status belongs to HTTP.

use domain::error::{ErrorCode, FieldError};
use domain::password::PasswordRule;

use crate::delivery::DeliveryError;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("malformed request: {0}")]
    MalformedRequest(String),
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("unknown disease")]
    UnknownDisease,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("no valid session")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("no download flag")]
    DownloadNotPermitted,
    #[error("notification id reused for different content")]
    NotificationConflict,
    #[error("step not allowed in the notification's status")]
    InvalidTransition,
    #[error("resubmission based on an old revision")]
    StaleRevision(Box<domain::api::NotificationDetail>),
    #[error("report id (sentinel, 疑似症) reused for different content")]
    ReportConflict,
    #[error("the site's report for this kind and period exists; a correction names its current revision")]
    ReportAlreadyFiled(Box<domain::api::SentinelReport>),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("second factor required")]
    SecondFactorRequired,
    #[error("wrong one-time code")]
    InvalidCode,
    #[error("one-time code expired, used or out of tries")]
    CodeExpired,
    #[error("too many attempts; retry after {0}")]
    TooManyAttempts(time::Duration),
    #[error("code resent too soon; retry after {0}")]
    ResendTooSoon(time::Duration),
    #[error("password change required")]
    PasswordChangeRequired,
    #[error("password breaks rules {0:?}")]
    PasswordRejected(Vec<PasswordRule>),
    #[error("account suspended")]
    AccountSuspended,
    #[error("account deleted")]
    AccountDeleted,
    #[error("passkey failed: {0}")]
    PasskeyFailed(String),
    #[error("passkeys unavailable: no public URL configured")]
    PasskeysUnavailable,
    #[error("invalid second-factor destination")]
    InvalidDestination,
    #[error("delivery failed: {0}")]
    DeliveryFailed(#[from] DeliveryError),
    #[error("uploaded file refused: {} problems", .0.len())]
    ImportRejected(Vec<domain::import::ImportProblem>),
    #[error("initial passwords already downloaded")]
    CredentialsGone,
    #[error("account request decided already")]
    RequestDecided,
    #[error("too many logins waiting for a password check; retry after {0}")]
    LoginBusy(time::Duration),
    #[error("state-changing request from another site")]
    CrossOriginRefused,
    #[error("current password needed again")]
    ReauthenticationRequired,
    #[error("API token unknown, expired or revoked")]
    InvalidApiToken,
    #[error("subject link invalid, expired or revoked")]
    LinkInvalid,
    #[error("subject link not confirmed yet")]
    LinkConfirmationRequired,
    #[error("wrong birth date for the subject link")]
    LinkConfirmationFailed,
    #[error("the subject's link has sent the day's reports already")]
    DailyReportsUsedUp,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("internal error: {0}")]
    Internal(String),
    #[error("not ready: {0}")]
    Unavailable(String),
    #[error("stopped for maintenance; retry after {retry_after}")]
    Maintenance { stop: Box<domain::api::MaintenanceStop>, retry_after: time::Duration },
}

impl AppError {
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::MalformedRequest(_) => ErrorCode::MalformedRequest,
            Self::Validation(_) => ErrorCode::ValidationFailed,
            Self::UnknownDisease => ErrorCode::UnknownDisease,
            Self::InvalidCredentials => ErrorCode::InvalidCredentials,
            Self::Unauthenticated => ErrorCode::Unauthenticated,
            Self::Forbidden => ErrorCode::Forbidden,
            Self::NotFound => ErrorCode::NotFound,
            Self::DownloadNotPermitted => ErrorCode::DownloadNotPermitted,
            Self::NotificationConflict => ErrorCode::NotificationConflict,
            Self::InvalidTransition => ErrorCode::InvalidTransition,
            Self::StaleRevision(_) => ErrorCode::StaleRevision,
            Self::ReportConflict => ErrorCode::ReportConflict,
            Self::ReportAlreadyFiled(_) => ErrorCode::ReportAlreadyFiled,
            Self::MethodNotAllowed => ErrorCode::MethodNotAllowed,
            Self::SecondFactorRequired => ErrorCode::SecondFactorRequired,
            Self::InvalidCode => ErrorCode::InvalidCode,
            Self::CodeExpired => ErrorCode::CodeExpired,
            Self::TooManyAttempts(_) => ErrorCode::TooManyAttempts,
            Self::ResendTooSoon(_) => ErrorCode::ResendTooSoon,
            Self::PasswordChangeRequired => ErrorCode::PasswordChangeRequired,
            Self::PasswordRejected(_) => ErrorCode::PasswordRejected,
            Self::AccountSuspended => ErrorCode::AccountSuspended,
            Self::AccountDeleted => ErrorCode::AccountDeleted,
            Self::InvalidDestination => ErrorCode::InvalidDestination,
            Self::PasskeyFailed(_) => ErrorCode::PasskeyFailed,
            Self::PasskeysUnavailable => ErrorCode::PasskeysUnavailable,
            Self::DeliveryFailed(_) => ErrorCode::DeliveryFailed,
            Self::ImportRejected(_) => ErrorCode::ImportRejected,
            Self::CredentialsGone => ErrorCode::CredentialsGone,
            Self::RequestDecided => ErrorCode::RequestDecided,
            Self::LoginBusy(_) => ErrorCode::LoginBusy,
            Self::CrossOriginRefused => ErrorCode::CrossOriginRefused,
            Self::ReauthenticationRequired => ErrorCode::ReauthenticationRequired,
            Self::InvalidApiToken => ErrorCode::InvalidApiToken,
            Self::LinkInvalid => ErrorCode::LinkInvalid,
            Self::LinkConfirmationRequired => ErrorCode::LinkConfirmationRequired,
            Self::LinkConfirmationFailed => ErrorCode::LinkConfirmationFailed,
            Self::DailyReportsUsedUp => ErrorCode::DailyReportsUsedUp,
            Self::Store(_) | Self::Internal(_) => ErrorCode::Internal,
            Self::Unavailable(_) => ErrorCode::Unavailable,
            Self::Maintenance { .. } => ErrorCode::Maintenance,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_details_stay_out_of_the_body() {
        let error = AppError::Internal("connection refused to 10.0.0.5:5432".to_owned());
        assert_eq!(error.code(), ErrorCode::Internal);
        let body = domain::error::ApiError::new(error.code());
        assert!(!body.message.contains("10.0.0.5"));
    }
}
