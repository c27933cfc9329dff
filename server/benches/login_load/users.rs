//! The bench's own accounts, one per concurrent login: every login sends a one-time code, and the
//! server sends at most 10 codes per account an hour, so 200 logins of the demo accounts would
//! mostly measure `resend_too_soon` refusals instead of Argon2id and SMTP.

use std::time::{Duration, Instant};

use domain::api::{Role, SecondFactorMethod};
use server::auth::password;
use server::store::{self, Affiliation, FactorSetting, NewUser};

use crate::database::BoxError;

/// The password of every bench account.
pub const PASSWORD: &str = "Bench#Login2026";

/// Hashes timed on one thread before the load, to report what a single login costs.
const HASH_SAMPLES: usize = 5;

/// A demo clinic (seeded by the server) that the bench doctors belong to.
const INSTITUTION: &str = "9910000001";

/// Creates `count` doctors `bench001`… with e-mail codes; returns their IDs and the median time of
/// one Argon2id hash on one thread.
pub async fn create(database_url: &str, count: usize) -> Result<(Vec<String>, Duration), BoxError> {
    let (hash, hash_cost) = timed_hash()?;
    // Straight into the database the server uses, through todoke's own store.
    let store = store::connect(database_url).await?;
    let mut user_ids = Vec::with_capacity(count);
    for n in 1..=count {
        let user_id = format!("bench{n:03}");
        let email = format!("{user_id}@bench.todoke.invalid");
        store
            .put_user(
                NewUser {
                    user_id: &user_id,
                    display_name: "負荷試験 医師",
                    // The same hash (and salt) for all: verifying it costs what verifying its own
                    // would, and the setup does not spend minutes hashing.
                    password_hash: &hash,
                    role: Role::Doctor,
                    affiliation: Affiliation::Institution(INSTITUTION.to_owned()),
                    may_download_records: false,
                    factor: FactorSetting { method: SecondFactorMethod::Email, email: Some(email), phone: None },
                    // A chosen, current password: login goes straight to the code, no forced change.
                    password_changed_at: Some(store::now()),
                },
                &[],
            )
            .await?;
        user_ids.push(user_id);
    }
    Ok((user_ids, hash_cost))
}

/// The hash of [`PASSWORD`], and the median of [`HASH_SAMPLES`] timed hashes.
fn timed_hash() -> Result<(String, Duration), BoxError> {
    let mut times = Vec::with_capacity(HASH_SAMPLES);
    let mut hash = String::new();
    for _ in 0..HASH_SAMPLES {
        let started = Instant::now();
        hash = password::hash(PASSWORD)?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok((hash, times[HASH_SAMPLES / 2]))
}
