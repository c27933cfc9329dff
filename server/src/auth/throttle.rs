//! Brute-force protection for passwords and one-time codes, as a pure state machine: time is an
//! argument, so the policy is tested without sleeping. The state lives in the database (keyed by
//! account and by client address) so that every server instance applies the same limits.

use time::{Duration, OffsetDateTime};

/// Failures recorded against one key (an account or a client address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    pub last_at: OffsetDateTime,
}

/// How failures turn into waiting: no delay for the first few (typos happen), then a doubling
/// delay, then a lock. Defaults: 3 free, 1 s doubling, 15-minute lock at 10 failures.
#[derive(Debug, Clone, Copy)]
pub struct ThrottlePolicy {
    pub free_failures: u32,
    pub first_delay: Duration,
    pub lock_after: u32,
    pub lock_for: Duration,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        Self { free_failures: 3, first_delay: Duration::seconds(1), lock_after: 10, lock_for: Duration::minutes(15) }
    }
}

/// The verdict for a new attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    Allowed,
    /// Too soon after the last failure, or locked: try again after this long.
    Wait(Duration),
}

impl ThrottlePolicy {
    /// Per client address on the subjects' links: more free failures than a login's, since many
    /// phones share a carrier's address and a mistyped birth date is common; a birth date is still
    /// dead after five wrong ones per link (`investigations::links::CONFIRMATION_TRIES`).
    pub fn for_subject_links() -> Self {
        Self { free_failures: 10, lock_after: 30, ..Self::default() }
    }

    /// Whether an attempt may be checked now, given the failures so far (None: no failures).
    pub fn attempt(&self, failures: Option<Failures>, now: OffsetDateTime) -> Attempt {
        let Some(failures) = failures.filter(|f| !self.has_expired(f, now)) else {
            return Attempt::Allowed;
        };
        let ready_at = failures.last_at + self.delay_after(failures.count);
        if now >= ready_at {
            Attempt::Allowed
        } else {
            Attempt::Wait(ready_at - now)
        }
    }

    /// The failure count after one more failure at `now` (an expired lock starts the count anew).
    pub fn after_failure(&self, failures: Option<Failures>, now: OffsetDateTime) -> Failures {
        let previous = failures.filter(|f| !self.has_expired(f, now)).map_or(0, |f| f.count);
        Failures { count: previous + 1, last_at: now }
    }

    /// The failures at which the account or address is locked: the audit log records reaching it.
    pub fn is_lock(&self, failures: Failures) -> bool {
        failures.count >= self.lock_after
    }

    /// When the lock these failures make ends, if they make one that has not ended by `now`.
    pub fn locked_until(&self, failures: Failures, now: OffsetDateTime) -> Option<OffsetDateTime> {
        Some(failures.last_at + self.lock_for).filter(|until| self.is_lock(failures) && *until > now)
    }

    fn delay_after(&self, count: u32) -> Duration {
        if count >= self.lock_after {
            self.lock_for
        } else if count < self.free_failures {
            Duration::ZERO
        } else {
            let doublings = (count - self.free_failures).min(16);
            self.first_delay * 2_i32.pow(doublings)
        }
    }

    /// Failures are forgotten once a lock has run out, or after a lock's length without failing.
    fn has_expired(&self, failures: &Failures, now: OffsetDateTime) -> bool {
        now - failures.last_at >= self.lock_for
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const START: OffsetDateTime = datetime!(2026-11-24 09:00 UTC);

    fn fail_times(policy: &ThrottlePolicy, times: u32) -> Failures {
        (0..times).fold(None, |failures, _| Some(policy.after_failure(failures, START))).unwrap()
    }

    #[test]
    fn first_failures_cost_nothing_then_delays_double() {
        let policy = ThrottlePolicy::default();
        assert_eq!(policy.attempt(None, START), Attempt::Allowed);
        assert_eq!(policy.attempt(Some(fail_times(&policy, 2)), START), Attempt::Allowed);
        assert_eq!(policy.attempt(Some(fail_times(&policy, 3)), START), Attempt::Wait(Duration::seconds(1)));
        assert_eq!(policy.attempt(Some(fail_times(&policy, 5)), START), Attempt::Wait(Duration::seconds(4)));
        let later = START + Duration::seconds(4);
        assert_eq!(policy.attempt(Some(fail_times(&policy, 5)), later), Attempt::Allowed);
    }

    #[test]
    fn ten_failures_lock_for_fifteen_minutes_then_the_count_starts_over() {
        let policy = ThrottlePolicy::default();
        let locked = fail_times(&policy, 10);
        assert!(policy.is_lock(locked));
        assert_eq!(policy.attempt(Some(locked), START + Duration::minutes(14)), Attempt::Wait(Duration::minutes(1)));
        let after_lock = START + Duration::minutes(15);
        assert_eq!(policy.attempt(Some(locked), after_lock), Attempt::Allowed);
        assert_eq!(policy.after_failure(Some(locked), after_lock).count, 1);
        assert_eq!(policy.locked_until(locked, START), Some(START + Duration::minutes(15)));
        assert_eq!(policy.locked_until(locked, after_lock), None);
        assert_eq!(policy.locked_until(fail_times(&policy, 9), START), None);
    }
}

/// The throttle applied through the shared store: the same verdict on every server instance.
pub mod shared {
    use time::OffsetDateTime;

    use super::{Attempt, ThrottlePolicy};
    use crate::audit::{self, Action, Outcome};
    use crate::error::AppError;
    use crate::AppState;

    /// Throttle keys: the account (so a slow attack from many addresses still stops) and the client
    /// address (so one address cannot try many accounts). `kind` separates passwords from codes.
    pub fn keys(kind: &str, user_id: &str, client: Option<&str>) -> Vec<String> {
        let mut keys = vec![format!("{kind}:user:{user_id}")];
        keys.extend(client.map(|address| format!("{kind}:addr:{address}")));
        keys
    }

    /// Refuses the attempt with the longest wait among the keys, if any must wait.
    pub async fn ensure_allowed(state: &AppState, keys: &[String], now: OffsetDateTime) -> Result<(), AppError> {
        ensure_allowed_under(state, &state.config.throttle, keys, now).await
    }

    /// [`ensure_allowed`] under another policy than the login's (the subjects' links).
    pub async fn ensure_allowed_under(
        state: &AppState,
        policy: &ThrottlePolicy,
        keys: &[String],
        now: OffsetDateTime,
    ) -> Result<(), AppError> {
        for key in keys {
            let failures = state.store.failures(key).await?;
            if let Attempt::Wait(wait) = policy.attempt(failures, now) {
                return Err(AppError::TooManyAttempts(wait));
            }
        }
        Ok(())
    }

    /// Counts a failure against every key and audits a lock when one is reached (the account's lock
    /// is also e-mailed to its sysadmins).
    pub async fn record_failure(
        state: &AppState,
        keys: &[String],
        now: OffsetDateTime,
        user_id: &str,
        client: Option<String>,
    ) -> Result<(), AppError> {
        record_failure_under(state, &state.config.throttle, keys, now, user_id, client).await
    }

    /// [`record_failure`] under another policy than the login's (the subjects' links).
    pub async fn record_failure_under(
        state: &AppState,
        policy: &ThrottlePolicy,
        keys: &[String],
        now: OffsetDateTime,
        user_id: &str,
        client: Option<String>,
    ) -> Result<(), AppError> {
        for key in keys {
            let failures = policy.after_failure(state.store.failures(key).await?, now);
            state.store.put_failures(key, failures).await?;
            if policy.is_lock(failures) && failures.count == policy.lock_after {
                let entry = audit::entry(Action::Lock, Outcome::Denied, None, Some(key.clone()), client.clone());
                state.store.audit(entry).await?;
                tracing::warn!(%key, %user_id, "locked after repeated failures");
                // The first key is the account's, where there is one (a subject's link has none): its
                // sysadmins hear of it (P-3).
                if keys.first() == Some(key) && key.contains(":user:") {
                    let until = now + policy.lock_for;
                    crate::security_view::tell_sysadmins_of_lock(state, user_id, until).await?;
                }
            }
        }
        Ok(())
    }
}
