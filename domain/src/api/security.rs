//! Wire types of the sysadmin's security view (SPEC P-3, issue 20): failed logins and codes, locks,
//! logins from a new address and floods of one-time codes, per account and per address, within the
//! sysadmin's 都道府県等.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::AccountState;

/// The days `GET /api/v1/admin/security` looks back by default, and at most.
pub const SECURITY_DAYS_DEFAULT: u32 = 7;
pub const SECURITY_DAYS_MAX: u32 = 30;

/// Query of `GET /api/v1/admin/security`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct SecurityQuery {
    /// How many days back (1 … 30; default 7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
}

/// The answer of `GET /api/v1/admin/security`: only accounts and addresses with something to look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SecurityOverview {
    #[serde(with = "time::serde::rfc3339")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = DateTime))]
    pub since: OffsetDateTime,
    /// Accounts of the jurisdiction with failures, a lock, a login from a new address or a code flood;
    /// the most failures first.
    pub accounts: Vec<AccountSecurity>,
    /// Addresses that failed to log in to accounts of the jurisdiction; the most failures first.
    pub addresses: Vec<AddressSecurity>,
}

/// One account's signs of attack or misuse in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccountSecurity {
    pub user_id: String,
    pub display_name: String,
    /// Active or suspended (the sysadmin suspends from the account's page).
    pub state: AccountState,
    /// Wrong passwords typed for this account.
    pub failed_logins: u32,
    /// Wrong one-time codes.
    pub failed_codes: u32,
    /// One-time codes sent; `code_flood` when ten or more went out within a day.
    pub codes_sent: u32,
    pub code_flood: bool,
    /// Locked after repeated failures, until then (passwords or codes, whichever ends later).
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub locked_until: Option<OffsetDateTime>,
    /// Addresses it logged in from for the first time in the period (none of its logins in the 90
    /// days before came from them).
    pub new_addresses: Vec<String>,
}

/// One client address's failed logins in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressSecurity {
    pub address: String,
    pub failed_logins: u32,
    /// The accounts it tried (of this jurisdiction).
    pub accounts: Vec<String>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = DateTime))]
    pub locked_until: Option<OffsetDateTime>,
}
