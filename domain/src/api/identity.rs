//! Wire types of login with a second factor, password changes and the second-factor settings
//! (SPEC L-1 … L-6).

use serde::{Deserialize, Serialize};
use time::Date;
use uuid::Uuid;

use crate::dates::iso_date;

/// 二要素認証手段: how one-time codes reach the user. The numbers are the application form's
/// 二要素認証手段コード (A-1, column AN).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::EnumIter,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum SecondFactorMethod {
    /// 1: e-mail
    Email,
    /// 2: SMS
    Sms,
    /// 3: voice call
    Voice,
}

impl SecondFactorMethod {
    /// The application form's method code.
    pub fn form_code(self) -> u8 {
        match self {
            Self::Email => 1,
            Self::Sms => 2,
            Self::Voice => 3,
        }
    }
}

/// Where a one-time code was sent, masked so that the screen does not reveal the whole address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeDestination {
    pub method: SecondFactorMethod,
    /// e.g. `d•••••@example.jp`, `•••••••5678`.
    pub hint: String,
}

/// The answer to a correct user ID and password: the second factor is still needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LoginChallenge {
    /// Where the one-time code was sent.
    pub code_sent_to: CodeDestination,
    /// Whether the account has a passkey that may be used instead of the code.
    pub passkey_available: bool,
}

/// A 6-digit one-time code typed by the user.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CodeEntry {
    pub code: String,
}

/// Why the user must choose a new password before doing anything else (L-2).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::EnumString, strum::EnumIter,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum PasswordChangeReason {
    /// 初回ログイン: the issued initial password.
    Initial,
    /// An administrator reset the password.
    Reset,
    /// The password is older than the expiry period.
    Expired,
}

/// The account's password state, part of [`super::Me`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordStatus {
    /// Set when nothing but a password change is allowed.
    pub change_required: Option<PasswordChangeReason>,
    /// Set when the password expires within the notice window: the last day it is valid.
    #[serde(default, with = "iso_date::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = Date))]
    pub expires_on: Option<Date>,
}

/// Body of `PUT /api/v1/me/password`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// Body of `POST /api/v1/me/reauthentication`: the current password, confirmed again before the
/// second factor is changed or a passkey registered.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reauthentication {
    pub password: String,
}

/// Body of `POST /api/v1/me/second-factor`: the new method and address, confirmed by a code sent there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecondFactorChange {
    pub method: SecondFactorMethod,
    /// An e-mail address, or a Japanese phone number for SMS and voice.
    pub destination: String,
}

/// Body of `POST /api/v1/password-reset`: start a forgotten-password reset (L-4).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetRequest {
    pub user_id: String,
}

/// Body of `POST /api/v1/password-reset/confirm`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordResetConfirm {
    pub user_id: String,
    pub code: String,
    pub new_password: String,
}

/// A WebAuthn ceremony started by the server. `options` is the JSON that
/// `PublicKeyCredential.parseCreationOptionsFromJSON` / `parseRequestOptionsFromJSON` take (under
/// `publicKey`); the answer comes back with the same `ceremony_id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyChallenge {
    pub ceremony_id: Uuid,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub options: serde_json::Value,
}

/// The authenticator's answer to a [`PasskeyChallenge`]: the credential as `PublicKeyCredential.toJSON()` gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasskeyResponse {
    pub ceremony_id: Uuid,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub credential: serde_json::Value,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_dates_travel_as_iso_dates() {
        let status = PasswordStatus { change_required: None, expires_on: Some(time::macros::date!(2026 - 12 - 24)) };
        let json = serde_json::to_value(&status).unwrap();
        assert_eq!(json["expires_on"], "2026-12-24");
        assert_eq!(serde_json::from_value::<PasswordStatus>(json).unwrap(), status);
        let none: PasswordStatus = serde_json::from_str(r#"{"change_required":"initial","expires_on":null}"#).unwrap();
        assert_eq!(none.expires_on, None);
    }
}
