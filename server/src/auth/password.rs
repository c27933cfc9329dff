//! Password hashing with Argon2id (OWASP parameters, the argon2 crate's defaults).
//! Hashing is slow on purpose, so callers run it off the async executor.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use domain::api::{PasswordChangeReason, PasswordStatus};
use domain::password::{self as rules, PasswordContext};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use time::{Duration, OffsetDateTime};
use tokio::sync::{Semaphore, TryAcquireError};

use crate::config::PasswordPolicy;
use crate::error::AppError;
use crate::store::PasswordState;

/// Argon2id with `params`: every hash and check goes through here, so that a test can see how much
/// work a request did whatever it was asked about (no user-ID enumeration by time).
fn argon2(params: Params) -> Argon2<'static> {
    #[cfg(test)]
    runs::record(&params);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes the normalised password (¥ and `\` are the same key on Japanese keyboards).
pub fn hash(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2(Params::default())
        .hash_password(rules::normalize(password).as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
}

/// Argon2id at its smallest cost (8 KiB, one pass), for passwords todoke generated itself
/// ([`generate_initial`]: about 95 bits of entropy). Slow hashing protects guessable secrets; no cost
/// makes 2^95 guesses feasible, while full cost would make issuing 10,000 accounts take minutes.
/// The PHC string carries the parameters, so [`verify`] checks both kinds. See docs/security.md.
pub fn hash_issued(password: &str) -> Result<String, AppError> {
    let params = Params::new(Params::MIN_M_COST, Params::MIN_T_COST, Params::MIN_P_COST, None)
        .map_err(|e| AppError::Internal(format!("argon2 parameters: {e}")))?;
    let salt = SaltString::generate(&mut OsRng);
    argon2(params)
        .hash_password(rules::normalize(password).as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
}

/// Whether a stored hash is a [`hash_issued`] one (its memory cost is the minimum).
fn is_issued_hash(stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash)
        .ok()
        .and_then(|parsed| parsed.params.get_decimal("m"))
        .is_some_and(|memory| memory == Params::MIN_M_COST)
}

/// True when `password` matches the stored PHC-format hash (at the cost it names). A malformed hash
/// never matches.
pub fn verify(password: &str, stored_hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored_hash) else { return false };
    let Ok(params) = Params::try_from(&parsed) else { return false };
    argon2(params).verify_password(rules::normalize(password).as_bytes(), &parsed).is_ok()
}

/// Checks a password against an account's hash, or against a throwaway hash when there is no such
/// account, so that the response time does not reveal which user IDs exist.
pub async fn verify_off_thread(password: String, stored_hash: Option<String>) -> Result<bool, AppError> {
    off_thread(Queue::Unbounded, move || verify_or_pretend(&password, stored_hash.as_deref())).await
}

/// [`verify_off_thread`] for a login: refused with [`AppError::LoginBusy`] when `queue_limit` checks
/// already wait for a CPU. A login storm (a shift starting, or an attack with valid user IDs) thus
/// gets a quick "try again shortly" beyond the limit instead of a queue, and memory, without bound.
pub async fn verify_login_off_thread(
    password: String,
    stored_hash: Option<String>,
    queue_limit: usize,
) -> Result<bool, AppError> {
    off_thread(Queue::AtMost(queue_limit), move || verify_or_pretend(&password, stored_hash.as_deref())).await
}

fn verify_or_pretend(password: &str, stored_hash: Option<&str>) -> bool {
    match stored_hash {
        // An issued password checks in microseconds; a throwaway full hash keeps the answer as slow as
        // any other, so timing does not tell which accounts still wait for their first login.
        Some(stored) if is_issued_hash(stored) => {
            let matches = verify(password, stored);
            let _ = hash(password);
            matches
        }
        Some(stored) => verify(password, stored),
        None => {
            let _ = hash(password);
            false
        }
    }
}

/// How long a login refused by the queue limit is told to wait (`Retry-After`).
pub const LOGIN_RETRY_AFTER: Duration = Duration::seconds(5);

/// Whether a hash may wait for a CPU however many already do.
#[derive(Clone, Copy)]
enum Queue {
    /// Signed-in users' own password changes and administrators' issuance: one at a time per person.
    Unbounded,
    /// Logins: anyone can send them, as many as they like.
    AtMost(usize),
}

/// The hashes of this process that wait for a CPU (every kind: they all delay a login).
static WAITING: AtomicUsize = AtomicUsize::new(0);

/// One place in the wait for a CPU, given back when dropped (also when the client went away).
struct Waiting;

impl Waiting {
    fn enter(queue: Queue) -> Result<Self, AppError> {
        let limit = match queue {
            Queue::Unbounded => usize::MAX,
            Queue::AtMost(limit) => limit,
        };
        WAITING
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |waiting| (waiting < limit).then_some(waiting + 1))
            .map(|_| Waiting)
            .map_err(|_| AppError::LoginBusy(LOGIN_RETRY_AFTER))
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        WAITING.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Runs Argon2id on the blocking pool, at most one hash per CPU at a time. The work is CPU-bound by
/// design: more at once only makes every other request wait for a CPU and multiplies memory
/// (19 MiB each); see docs/performance.md for the figures behind this.
async fn off_thread<T: Send + 'static>(queue: Queue, work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    static PERMITS: OnceLock<Semaphore> = OnceLock::new();
    let permits =
        PERMITS.get_or_init(|| Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get)));
    let closed = |e| AppError::Internal(format!("hashing permits closed: {e}"));
    let _permit = match permits.try_acquire() {
        Ok(permit) => permit,
        Err(TryAcquireError::NoPermits) => {
            let _waiting = Waiting::enter(queue)?;
            permits.acquire().await.map_err(closed)?
        }
        Err(TryAcquireError::Closed) => return Err(AppError::Internal("hashing permits closed".to_owned())),
    };
    tokio::task::spawn_blocking(work).await.map_err(|e| AppError::Internal(format!("password task failed: {e}")))
}

/// A random initial password that meets every rule of L-3 (16 characters from all four classes).
pub fn generate_initial() -> String {
    use rand::seq::SliceRandom;
    const CLASSES: [&str; 4] = ["abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "#$%&*+-=?@"];
    let mut rng = rand::rngs::OsRng;
    loop {
        // One of each class, then any; look-alikes (l, 1, O, 0) are left out for letters read aloud.
        let mut chars: Vec<char> =
            CLASSES.iter().filter_map(|class| class.chars().collect::<Vec<_>>().choose(&mut rng).copied()).collect();
        let all: Vec<char> = CLASSES.concat().chars().collect();
        chars.extend((0..12).filter_map(|_| all.choose(&mut rng).copied()));
        chars.shuffle(&mut rng);
        let candidate: String = chars.into_iter().collect();
        if rules::check(&candidate, &PasswordContext { user_id: "", current_password: None }).is_empty() {
            return candidate;
        }
    }
}

/// Hashes many generated passwords ([`hash_issued`]) in one blocking task: a bulk registration.
pub async fn hash_issued_off_thread(passwords: Vec<String>) -> Result<Vec<String>, AppError> {
    off_thread(Queue::Unbounded, move || passwords.iter().map(|password| hash_issued(password)).collect()).await?
}

/// Hashes a new password off the async executor.
pub async fn hash_off_thread(password: String) -> Result<String, AppError> {
    off_thread(Queue::Unbounded, move || hash(&password)).await?
}

/// Refuses a new password that breaks a rule of L-3 (the same check the browser runs as the user
/// types), naming every broken rule.
pub fn check_rules(new_password: &str, user_id: &str, current_password: Option<&str>) -> Result<(), AppError> {
    let broken = rules::check(new_password, &PasswordContext { user_id, current_password });
    if broken.is_empty() {
        Ok(())
    } else {
        Err(AppError::PasswordRejected(broken))
    }
}

impl PasswordPolicy {
    /// Why the password must be changed now, if it must (L-2).
    pub fn change_required(&self, state: &PasswordState, now: OffsetDateTime) -> Option<PasswordChangeReason> {
        match (state.issued_because, state.changed_at) {
            (Some(reason), _) => Some(reason),
            (None, None) => Some(PasswordChangeReason::Initial),
            (None, Some(changed_at)) => (now - changed_at >= self.expiry).then_some(PasswordChangeReason::Expired),
        }
    }

    /// What the user is told about their password at login.
    pub fn status(&self, state: &PasswordState, now: OffsetDateTime) -> PasswordStatus {
        let change_required = self.change_required(state, now);
        let expires_on = match (change_required, state.changed_at) {
            (None, Some(changed_at)) if now >= changed_at + self.expiry - self.notice => {
                Some(domain::jst::date_in_japan(changed_at + self.expiry - time::Duration::SECOND))
            }
            _ => None,
        };
        PasswordStatus { change_required, expires_on }
    }
}

/// The Argon2 runs of this thread, by their parameters (tests only).
#[cfg(test)]
mod runs {
    use std::cell::RefCell;

    use argon2::Params;

    /// What decides the work of a run: memory (KiB), passes, lanes.
    pub type Cost = (u32, u32, u32);

    thread_local! {
        static RUNS: RefCell<Vec<Cost>> = const { RefCell::new(Vec::new()) };
    }

    pub fn cost(params: &Params) -> Cost {
        (params.m_cost(), params.t_cost(), params.p_cost())
    }

    pub fn record(params: &Params) {
        RUNS.with(|runs| runs.borrow_mut().push(cost(params)));
    }

    /// The cost of every Argon2 run that `work` made.
    pub fn during(work: impl FnOnce()) -> Vec<Cost> {
        RUNS.with(|runs| runs.borrow_mut().clear());
        work();
        RUNS.with(|runs| runs.take())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;
    use time::Duration;

    const POLICY: PasswordPolicy = PasswordPolicy { expiry: Duration::days(90), notice: Duration::days(14) };
    const CHANGED: OffsetDateTime = datetime!(2026-08-01 03:00 UTC);

    fn chosen() -> PasswordState {
        PasswordState { changed_at: Some(CHANGED), issued_because: None }
    }

    #[test]
    fn issued_passwords_must_be_changed() {
        let initial = PasswordState { changed_at: None, issued_because: Some(PasswordChangeReason::Initial) };
        assert_eq!(POLICY.change_required(&initial, CHANGED), Some(PasswordChangeReason::Initial));
        let reset = PasswordState { changed_at: None, issued_because: Some(PasswordChangeReason::Reset) };
        assert_eq!(POLICY.change_required(&reset, CHANGED), Some(PasswordChangeReason::Reset));
        assert_eq!(POLICY.change_required(&chosen(), CHANGED), None);
    }

    #[test]
    fn chosen_passwords_expire_with_a_notice_first() {
        let quiet = CHANGED + Duration::days(75);
        assert_eq!(POLICY.status(&chosen(), quiet).expires_on, None);
        let notice = CHANGED + Duration::days(77);
        let status = POLICY.status(&chosen(), notice);
        assert_eq!(status.change_required, None);
        assert_eq!(status.expires_on, Some(time::macros::date!(2026 - 10 - 30)));
        let expired = CHANGED + Duration::days(90);
        assert_eq!(POLICY.change_required(&chosen(), expired), Some(PasswordChangeReason::Expired));
        assert_eq!(POLICY.status(&chosen(), expired).expires_on, None);
    }

    #[test]
    fn generated_initial_passwords_follow_the_rules_and_differ() {
        let first = generate_initial();
        assert_eq!(first.chars().count(), 16);
        assert!(check_rules(&first, "doctor1", None).is_ok(), "{first}");
        assert_ne!(first, generate_initial());
    }

    #[test]
    fn new_passwords_follow_the_rules() {
        assert!(check_rules("Kita#Clinic1", "doctor1", None).is_ok());
        let Err(AppError::PasswordRejected(broken)) = check_rules("123aaa", "doctor1", None) else {
            panic!("a short repeated password must be refused");
        };
        assert!(broken.contains(&rules::PasswordRule::RepeatedCharacter), "{broken:?}");
        assert!(check_rules("Kita#Clinic1", "doctor1", Some("Kita#Clinic1")).is_err());
    }

    #[test]
    fn issued_hashes_are_cheap_argon2id_that_verify_like_any_other() {
        let issued = hash_issued("Ab#3kq9Zt7mP2x$w").unwrap();
        assert!(issued.starts_with("$argon2id$v=19$m=8,t=1,p=1$"), "{issued}");
        assert!(is_issued_hash(&issued) && !is_issued_hash(&hash("Ab#3kq9Zt7mP2x$w").unwrap()));
        assert!(verify("Ab#3kq9Zt7mP2x$w", &issued));
        assert!(!verify("Ab#3kq9Zt7mP2x$W", &issued));
    }

    #[test]
    fn hashes_are_argon2id_salted_and_verify_only_the_same_password() {
        let first = hash("Todoke#2026").unwrap();
        let second = hash("Todoke#2026").unwrap();
        assert!(first.starts_with("$argon2id$"), "{first}");
        assert_ne!(first, second, "each hash has its own salt");
        assert!(verify("Todoke#2026", &first));
        assert!(!verify("todoke#2026", &first), "passwords are case-sensitive");
        assert!(!verify("Todoke#2026", "not a hash"));
    }

    /// Structural half of "no user-ID enumeration by time": a login check costs one Argon2 run at the
    /// login cost whether the ID is unknown, its password chosen or issued (issued ones are cheap to
    /// check, so a throwaway full-cost hash is added). The time itself: `benches/unauthenticated`.
    #[test]
    fn every_login_check_costs_one_hash_at_the_login_cost_whatever_is_stored() {
        let chosen = hash("Kita#Clinic1").unwrap();
        let issued = hash_issued("Ab#3kq9Zt7mP2x$w").unwrap();
        for (case, stored) in [("unknown ID", None), ("chosen password", Some(&chosen)), ("issued", Some(&issued))] {
            for typed in ["Wrong#Pass123", "Kita#Clinic1", "Ab#3kq9Zt7mP2x$w"] {
                let runs = runs::during(|| {
                    verify_or_pretend(typed, stored.map(String::as_str));
                });
                let at_login_cost = runs.iter().filter(|&&run| run == runs::cost(&Params::default())).count();
                assert_eq!(at_login_cost, 1, "{case}, {typed}: {runs:?}");
                assert!(runs.len() <= 2, "{case}, {typed}: {runs:?}");
            }
        }
    }
}
