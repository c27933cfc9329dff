//! One-time codes (L-1): six random digits, stored only as a hash, single use, expiring, dead after
//! too many wrong tries, and resent only at a limited pace. The policy is pure; time is an argument.

use domain::api::{CodeDestination, SecondFactorMethod};
use rand::Rng;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::store::CodeRecord;

/// Limits for one-time codes (defaults documented in README: 10 minutes, 5 tries, 60 s between
/// sends, 10 sends per hour).
#[derive(Debug, Clone, Copy)]
pub struct CodePolicy {
    pub lifetime: Duration,
    pub max_failed_attempts: u32,
    pub resend_interval: Duration,
    pub max_sends_per_hour: u32,
}

impl Default for CodePolicy {
    fn default() -> Self {
        Self {
            lifetime: Duration::minutes(10),
            max_failed_attempts: 5,
            resend_interval: Duration::seconds(60),
            max_sends_per_hour: 10,
        }
    }
}

/// What checking a typed code against the stored one found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    Correct,
    Wrong,
    /// Expired, used, or out of tries: a new code is needed.
    Dead,
}

impl CodePolicy {
    pub fn check(&self, stored: &CodeRecord, typed: &str, now: OffsetDateTime) -> CodeCheck {
        if stored.used_at.is_some() || now >= stored.expires_at || stored.failed_attempts >= self.max_failed_attempts {
            CodeCheck::Dead
        } else if hash(stored.id, typed.trim()) == stored.code_hash {
            CodeCheck::Correct
        } else {
            CodeCheck::Wrong
        }
    }

    /// How long to wait before another code may be sent, given the last one and the sends in the
    /// past hour; `None` when one may be sent now.
    pub fn resend_wait(&self, last: Option<&CodeRecord>, sent_last_hour: u32, now: OffsetDateTime) -> Option<Duration> {
        if sent_last_hour >= self.max_sends_per_hour {
            return Some(self.resend_interval.max(Duration::minutes(10)));
        }
        let ready_at = last?.created_at + self.resend_interval;
        (now < ready_at).then(|| ready_at - now)
    }
}

/// A fresh code: the digits to send, and the record to store (which holds only their hash).
pub fn issue(
    policy: &CodePolicy,
    user_id: &str,
    purpose: crate::store::CodePurpose,
    method: SecondFactorMethod,
    destination: &str,
    session_token_hash: Option<String>,
    now: OffsetDateTime,
) -> (String, CodeRecord) {
    let digits = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000));
    let id = Uuid::new_v4();
    let record = CodeRecord {
        id,
        user_id: user_id.to_owned(),
        purpose,
        method,
        destination: destination.to_owned(),
        code_hash: hash(id, &digits),
        session_token_hash,
        created_at: now,
        expires_at: now + policy.lifetime,
        failed_attempts: 0,
        used_at: None,
    };
    (digits, record)
}

/// The code's hash, salted with its id so equal codes of different users hash differently.
fn hash(id: Uuid, digits: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(id.as_bytes());
    hasher.update(digits.as_bytes());
    hasher.finalize().iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Shows enough of an address for the user to recognise it: `d•••••@example.jp`, `•••••••5678`.
pub fn destination_hint(method: SecondFactorMethod, destination: &str) -> CodeDestination {
    let hint = match method {
        SecondFactorMethod::Email => match destination.split_once('@') {
            Some((local, domain)) => {
                let first: String = local.chars().take(1).collect();
                format!("{first}{}@{domain}", "•".repeat(local.chars().count().saturating_sub(1)))
            }
            None => "•".repeat(destination.chars().count()),
        },
        SecondFactorMethod::Sms | SecondFactorMethod::Voice => {
            let digits: Vec<char> = destination.chars().filter(char::is_ascii_digit).collect();
            let shown = digits.len().saturating_sub(4);
            digits.iter().enumerate().map(|(i, digit)| if i < shown { '•' } else { *digit }).collect()
        }
    };
    CodeDestination { method, hint }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::CodePurpose;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-24 09:00 UTC);

    fn issued() -> (String, CodeRecord) {
        let policy = CodePolicy::default();
        issue(&policy, "doctor1", CodePurpose::Login, SecondFactorMethod::Email, "d@example.jp", None, NOW)
    }

    #[test]
    fn the_right_code_is_accepted_once_and_only_before_it_expires() {
        let policy = CodePolicy::default();
        let (digits, mut record) = issued();
        assert_eq!(digits.len(), 6);
        assert!(!record.code_hash.contains(&digits));
        assert_eq!(policy.check(&record, &digits, NOW + Duration::minutes(9)), CodeCheck::Correct);
        assert_eq!(policy.check(&record, &digits, NOW + Duration::minutes(10)), CodeCheck::Dead);
        let wrong = if digits == "000000" { "000001" } else { "000000" };
        assert_eq!(policy.check(&record, wrong, NOW), CodeCheck::Wrong);
        record.used_at = Some(NOW);
        assert_eq!(policy.check(&record, &digits, NOW), CodeCheck::Dead, "single use");
    }

    #[test]
    fn five_wrong_tries_kill_the_code() {
        let policy = CodePolicy::default();
        let (digits, mut record) = issued();
        record.failed_attempts = 4;
        assert_eq!(policy.check(&record, &digits, NOW), CodeCheck::Correct);
        record.failed_attempts = 5;
        assert_eq!(policy.check(&record, &digits, NOW), CodeCheck::Dead);
    }

    #[test]
    fn resends_wait_a_minute_and_stop_after_ten_an_hour() {
        let policy = CodePolicy::default();
        let (_, last) = issued();
        assert_eq!(policy.resend_wait(None, 0, NOW), None);
        assert_eq!(policy.resend_wait(Some(&last), 1, NOW + Duration::seconds(20)), Some(Duration::seconds(40)));
        assert_eq!(policy.resend_wait(Some(&last), 1, NOW + Duration::seconds(60)), None);
        assert!(policy.resend_wait(Some(&last), 10, NOW + Duration::minutes(30)).is_some());
    }

    #[test]
    fn hints_hide_most_of_the_address() {
        assert_eq!(destination_hint(SecondFactorMethod::Email, "doctor@example.jp").hint, "d•••••@example.jp");
        assert_eq!(destination_hint(SecondFactorMethod::Sms, "090-1234-5678").hint, "•••••••5678");
    }
}
