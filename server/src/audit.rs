//! The audit trail (P-2): what gets recorded for logins, submissions and views of personal data.
//! Records are written through the store; hash-chaining them is planned (issue: proof under pressure).

use time::OffsetDateTime;

use crate::store::AuditEntry;

#[derive(Debug, Clone, Copy)]
pub enum Action {
    /// The password step of a login.
    Login,
    /// The second-factor step of a login (code or passkey).
    SecondFactor,
    CodeSent,
    /// An account or address reached the failure limit and is locked for a while.
    Lock,
    Logout,
    PasswordChange,
    PasswordReset,
    SecondFactorChange,
    PasskeyRegistered,
    SubmitNotification,
    ViewNotification,
    /// Workflow steps (N-5), with the notification as target.
    AcceptNotification,
    ReturnNotification,
    TransferNotification,
    ResubmitNotification,
    /// A CSV export, with what was asked for and how many rows as target.
    ExportNotifications,
    /// One notification's personal data leaving in an export, with the notification as target.
    ExportNotification,
}

#[derive(Debug, Clone, Copy)]
pub enum Outcome {
    Success,
    Failure,
    /// Refused for lack of permission.
    Denied,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Self::Login => "login",
            Self::SecondFactor => "second_factor",
            Self::CodeSent => "code_sent",
            Self::Lock => "lock",
            Self::Logout => "logout",
            Self::PasswordChange => "password_change",
            Self::PasswordReset => "password_reset",
            Self::SecondFactorChange => "second_factor_change",
            Self::PasskeyRegistered => "passkey_registered",
            Self::SubmitNotification => "submit_notification",
            Self::ViewNotification => "view_notification",
            Self::AcceptNotification => "accept_notification",
            Self::ReturnNotification => "return_notification",
            Self::TransferNotification => "transfer_notification",
            Self::ResubmitNotification => "resubmit_notification",
            Self::ExportNotifications => "export_notifications",
            Self::ExportNotification => "export_notification",
        }
    }
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Failure => "failure",
            Self::Denied => "denied",
        }
    }
}

pub fn entry(
    action: Action,
    outcome: Outcome,
    actor: Option<&str>,
    target: Option<String>,
    client_address: Option<String>,
) -> AuditEntry {
    AuditEntry {
        at: OffsetDateTime::now_utc(),
        actor: actor.map(str::to_owned),
        action: action.as_str(),
        target,
        client_address,
        outcome: outcome.as_str(),
    }
}
