//! Sending and checking one-time codes for login, second-factor changes and password resets.

use domain::api::{CodeDestination, SecondFactorMethod};
use time::{Duration, OffsetDateTime};

use super::codes::{self, CodeCheck};
use super::throttle::shared;
use crate::audit::{self, Action, Outcome};
use crate::delivery;
use crate::error::AppError;
use crate::store::{CodePurpose, CodeRecord};
use crate::AppState;

/// Where and how a code should go.
pub struct CodeRequest<'a> {
    pub user_id: &'a str,
    pub purpose: CodePurpose,
    pub method: SecondFactorMethod,
    pub destination: &'a str,
    /// For login codes: the session the code completes.
    pub session_token_hash: Option<&'a str>,
}

/// Issues a code and delivers it, unless one was sent too recently.
pub async fn send(
    state: &AppState,
    request: CodeRequest<'_>,
    client: Option<String>,
    now: OffsetDateTime,
) -> Result<CodeDestination, AppError> {
    let policy = &state.config.codes;
    let CodeRequest { user_id, purpose, method, destination, session_token_hash } = request;
    let last = state.store.latest_code(user_id, purpose, session_token_hash).await?;
    let sent_last_hour = state.store.count_codes_since(user_id, purpose, now - Duration::HOUR).await?;
    if let Some(wait) = policy.resend_wait(last.as_ref(), sent_last_hour, now) {
        return Err(AppError::ResendTooSoon(wait));
    }
    let (digits, record) =
        codes::issue(policy, user_id, purpose, method, destination, session_token_hash.map(str::to_owned), now);
    state.store.insert_code(&record).await?;
    let message = delivery::code_message(method, destination, &digits, policy.lifetime.whole_minutes());
    let delivered = state.deliveries.deliver(&message).await;
    let outcome = if delivered.is_ok() { Outcome::Success } else { Outcome::Failure };
    let target = Some(format!("{purpose:?} by {method:?}"));
    state.store.audit(audit::entry(Action::CodeSent, outcome, Some(user_id), target, client)).await?;
    delivered?;
    Ok(codes::destination_hint(method, destination))
}

/// Checks a typed code against the newest code of the purpose and uses it up.
pub async fn verify(
    state: &AppState,
    user_id: &str,
    purpose: CodePurpose,
    session_token_hash: Option<&str>,
    typed: &str,
    client: Option<String>,
    now: OffsetDateTime,
) -> Result<CodeRecord, AppError> {
    let code = check(state, user_id, purpose, session_token_hash, typed, client, now).await?;
    consume(state, &code, now).await?;
    Ok(code)
}

/// Checks a typed code without using it up, for a caller that must check more before acting.
/// Wrong codes count against the code itself; every refusal (a wrong code, a dead one, or none sent)
/// counts against the account's code throttle, so that an account that has no code is throttled and
/// recorded like one that has, and like an ID that does not exist (no enumeration).
pub async fn check(
    state: &AppState,
    user_id: &str,
    purpose: CodePurpose,
    session_token_hash: Option<&str>,
    typed: &str,
    client: Option<String>,
    now: OffsetDateTime,
) -> Result<CodeRecord, AppError> {
    let keys = code_keys(user_id);
    shared::ensure_allowed(state, &keys, now).await?;
    let refusal = match state.store.latest_code(user_id, purpose, session_token_hash).await? {
        None => AppError::CodeExpired,
        Some(stored) => match state.config.codes.check(&stored, typed, now) {
            CodeCheck::Correct => return Ok(stored),
            CodeCheck::Dead => AppError::CodeExpired,
            CodeCheck::Wrong => {
                state.store.record_code_failure(stored.id).await?;
                AppError::InvalidCode
            }
        },
    };
    shared::record_failure(state, &keys, now, user_id, client).await?;
    Err(refusal)
}

/// Uses up a checked code; a concurrent request that used it first wins.
pub async fn consume(state: &AppState, code: &CodeRecord, now: OffsetDateTime) -> Result<(), AppError> {
    if !state.store.use_code(code.id, now).await? {
        return Err(AppError::CodeExpired);
    }
    state.store.clear_failures(&code_keys(&code.user_id)[0]).await?;
    Ok(())
}

/// Codes are tied to an account (and a login to its session), so only the account is counted.
fn code_keys(user_id: &str) -> Vec<String> {
    shared::keys("code", user_id, None)
}
