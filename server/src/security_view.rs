//! `/api/v1/admin/security` (SPEC P-3, issue 20): the sysadmin's (and supervisor's) view of suspicious
//! logins in its 都道府県等 — wrong passwords and codes, locks, logins from an address the account had
//! not used, floods of one-time codes — per account and per client address, read from the audit log
//! (`crate::audit`) and the throttle (`crate::auth::throttle`). Acting on it (suspending an account) is
//! the account page's (`crate::accounts::routes`). The reading is itself audited. A new lock of an
//! account is e-mailed to the sysadmins of its 都道府県等 ([`tell_sysadmins_of_lock`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use axum::extract::State;
use axum::Json;
use domain::api::{
    AccountSecurity, AccountState, AddressSecurity, AuditRecord, ManagedAccount, Role, SecurityOverview, SecurityQuery,
    SECURITY_DAYS_DEFAULT, SECURITY_DAYS_MAX,
};
use domain::error::{ApiError, FieldError, FieldErrorCode};
use domain::i18n::Lang;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::audit::{self, Action, Outcome};
use crate::auth::{ClientAddress, Principal};
use crate::error::AppError;
use crate::http::extract::ApiQuery;
use crate::store::{AuditFilter, ManagedScope, OutgoingMail};
use crate::{access, AppState};

/// How far back a login's address counts as known.
const KNOWN_ADDRESS_DAYS: i64 = 90;
/// Ten or more one-time codes within a day are a flood (someone is making the account's phone ring).
const FLOOD_CODES: usize = 10;

/// Accounts and addresses of the jurisdiction with something to look at in the last `days` days.
#[utoipa::path(
    get, path = "/admin/security", tag = "admin", params(SecurityQuery),
    responses(
        (status = 200, description = "Accounts and addresses with failures, locks, new addresses or code floods", body = SecurityOverview),
        (status = 401, description = "No session", body = ApiError),
        (status = 403, description = "Not a sysadmin or supervisor of a 都道府県等", body = ApiError),
        (status = 422, description = "`days` is not between 1 and 30", body = ApiError),
    )
)]
pub async fn overview(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    ApiQuery(query): ApiQuery<SecurityQuery>,
) -> Result<Json<SecurityOverview>, AppError> {
    let prefecture = access::administered_prefecture(&principal.account)?.to_owned();
    let days = checked_days(query.days)?;
    let now = crate::store::now();
    let since = now - Duration::days(days.into());
    let read = |action: &str, from: OffsetDateTime| AuditFilter {
        prefecture: Some(prefecture.clone()),
        action: Some(action.to_owned()),
        from: Some(from),
        ..AuditFilter::default()
    };
    let store = state.store.as_ref();
    let logins = store.audit_view(&read("login", since - Duration::days(KNOWN_ADDRESS_DAYS)), None).await?;
    let factors = store.audit_view(&read("second_factor", since), None).await?;
    let codes = store.audit_view(&read("code_sent", since), None).await?;
    let signals = Signals::read(since, &logins, &factors, &codes);
    let accounts = store.managed_accounts(&ManagedScope::Jurisdiction(prefecture)).await?;
    let overview = SecurityOverview {
        since,
        accounts: account_rows(&state, &signals, accounts, now).await?,
        addresses: address_rows(&state, &signals, now).await?,
    };
    let target = Some(format!("days={days} accounts={}", overview.accounts.len()));
    let viewed = audit::entry(Action::ViewSecurity, Outcome::Success, Some(&principal.account.user_id), target, client);
    state.store.audit(viewed).await?;
    Ok(Json(overview))
}

const LOCK_SUBJECT: &str = "todoke アカウントのロック";

/// Tells the active sysadmins of the account's 都道府県等 (at their contact address) that repeated
/// failures locked it until `until`; nothing for an ID that names no account of a 都道府県等.
pub async fn tell_sysadmins_of_lock(state: &AppState, user_id: &str, until: OffsetDateTime) -> Result<(), AppError> {
    let Some(prefecture) = state.store.account_prefecture(user_id).await? else {
        return Ok(());
    };
    let site = &state.accounts.site_url;
    let body = format!(
        "ログインの失敗が続いたため、アカウント {user_id} を {} までロックしました。\n\
         心当たりがない場合は、セキュリティの画面で確認し、必要ならアカウントを利用停止してください。\n{site}/admin/security\n",
        domain::jst::format_jst(until)
    );
    let mails: Vec<OutgoingMail> = state
        .store
        .managed_accounts(&ManagedScope::Jurisdiction(prefecture))
        .await?
        .into_iter()
        .filter(|account| account.role == Role::SystemAdministrator && account.state == AccountState::Active)
        .filter_map(|account| account.contact_email)
        .map(|recipient| OutgoingMail {
            id: Uuid::new_v4(),
            recipient,
            subject: LOCK_SUBJECT.to_owned(),
            body: body.clone(),
        })
        .collect();
    if !mails.is_empty() {
        state.store.queue_mails(&mails, crate::store::now()).await?;
        state.accounts.letters_due.notify_one();
    }
    Ok(())
}

fn checked_days(days: Option<u32>) -> Result<u32, AppError> {
    match days.unwrap_or(SECURITY_DAYS_DEFAULT) {
        days @ 1..=SECURITY_DAYS_MAX => Ok(days),
        _ => {
            let code = FieldErrorCode::OutOfRange;
            let message = format!("days：{}（1〜{SECURITY_DAYS_MAX}）", code.message(Lang::Ja));
            Err(AppError::Validation(vec![FieldError { field: "days".to_owned(), code, message }]))
        }
    }
}

/// What the audit records of the period say, per account and per address.
#[derive(Debug, Default, PartialEq, Eq)]
struct Signals {
    accounts: BTreeMap<String, AccountSignals>,
    addresses: BTreeMap<String, AddressSignals>,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct AccountSignals {
    failed_logins: u32,
    failed_codes: u32,
    code_times: Vec<OffsetDateTime>,
    new_addresses: BTreeSet<String>,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct AddressSignals {
    failed_logins: u32,
    accounts: BTreeSet<String>,
}

impl Signals {
    /// `logins` reach back before `since` (to tell a new address); the others start at it.
    fn read(since: OffsetDateTime, logins: &[AuditRecord], factors: &[AuditRecord], codes: &[AuditRecord]) -> Self {
        let mut signals = Self::default();
        let mut known: HashMap<&str, BTreeSet<&str>> = HashMap::new();
        let oldest_first = logins.iter().rev();
        for login in oldest_first {
            // A wrong password has no actor: the ID typed is the object.
            let Some(user) = login.actor.as_deref().or(login.target.as_deref()) else { continue };
            let address = login.client_address.as_deref().unwrap_or("-");
            match login.outcome.as_str() {
                "failure" if login.at >= since => {
                    signals.account(user).failed_logins += 1;
                    let by_address = signals.addresses.entry(address.to_owned()).or_default();
                    by_address.failed_logins += 1;
                    by_address.accounts.insert(user.to_owned());
                }
                "success" => {
                    let first_time = known.entry(user).or_default().insert(address);
                    let had_logins = known.get(user).is_some_and(|addresses| addresses.len() > 1);
                    if login.at >= since && first_time && had_logins {
                        signals.account(user).new_addresses.insert(address.to_owned());
                    }
                }
                _ => {}
            }
        }
        for factor in factors.iter().filter(|record| record.outcome == "failure") {
            if let Some(user) = factor.actor.as_deref() {
                signals.account(user).failed_codes += 1;
            }
        }
        for code in codes {
            if let Some(user) = code.actor.as_deref() {
                signals.account(user).code_times.push(code.at);
            }
        }
        signals
    }

    fn account(&mut self, user: &str) -> &mut AccountSignals {
        self.accounts.entry(user.to_owned()).or_default()
    }
}

/// Whether `FLOOD_CODES` of the times fall within one day.
fn is_flood(times: &[OffsetDateTime]) -> bool {
    let mut times = times.to_vec();
    times.sort_unstable();
    times.windows(FLOOD_CODES).any(|window| window[FLOOD_CODES - 1] - window[0] < Duration::DAY)
}

/// The later end of the locks on `keys`, if any is locked now.
async fn locked_until(
    state: &AppState,
    keys: &[String],
    now: OffsetDateTime,
) -> Result<Option<OffsetDateTime>, AppError> {
    let mut until = None;
    for key in keys {
        let lock =
            state.store.failures(key).await?.and_then(|failures| state.config.throttle.locked_until(failures, now));
        until = until.max(lock);
    }
    Ok(until)
}

async fn account_rows(
    state: &AppState,
    signals: &Signals,
    accounts: Vec<ManagedAccount>,
    now: OffsetDateTime,
) -> Result<Vec<AccountSecurity>, AppError> {
    let mut rows = Vec::new();
    for account in accounts {
        let Some(seen) = signals.accounts.get(&account.user_id) else { continue };
        let keys = ["password", "code"].map(|kind| format!("{kind}:user:{}", account.user_id));
        let code_flood = is_flood(&seen.code_times);
        let row = AccountSecurity {
            locked_until: locked_until(state, &keys, now).await?,
            user_id: account.user_id,
            display_name: account.display_name,
            state: account.state,
            failed_logins: seen.failed_logins,
            failed_codes: seen.failed_codes,
            codes_sent: u32::try_from(seen.code_times.len()).unwrap_or(u32::MAX),
            code_flood,
            new_addresses: seen.new_addresses.iter().cloned().collect(),
        };
        let suspicious = row.failed_logins + row.failed_codes > 0
            || row.code_flood
            || row.locked_until.is_some()
            || !row.new_addresses.is_empty();
        if suspicious {
            rows.push(row);
        }
    }
    rows.sort_by_key(|row| std::cmp::Reverse(row.failed_logins + row.failed_codes));
    Ok(rows)
}

async fn address_rows(
    state: &AppState,
    signals: &Signals,
    now: OffsetDateTime,
) -> Result<Vec<AddressSecurity>, AppError> {
    let mut rows = Vec::new();
    for (address, seen) in &signals.addresses {
        let keys = [format!("password:addr:{address}")];
        rows.push(AddressSecurity {
            address: address.clone(),
            failed_logins: seen.failed_logins,
            accounts: seen.accounts.iter().cloned().collect(),
            locked_until: locked_until(state, &keys, now).await?,
        });
    }
    rows.sort_by_key(|row| std::cmp::Reverse(row.failed_logins));
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const SINCE: OffsetDateTime = datetime!(2026-12-01 00:00 UTC);

    fn record(
        at: OffsetDateTime,
        actor: Option<&str>,
        target: Option<&str>,
        address: &str,
        outcome: &str,
    ) -> AuditRecord {
        AuditRecord {
            seq: 0,
            at,
            actor: actor.map(str::to_owned),
            action: "login".to_owned(),
            target: target.map(str::to_owned),
            client_address: Some(address.to_owned()),
            outcome: outcome.to_owned(),
        }
    }

    #[test]
    fn failures_count_per_account_and_address_and_a_new_address_is_named() {
        // Newest first, as the store reads them.
        let logins = [
            record(SINCE + Duration::hours(3), Some("doc"), None, "10.0.0.9", "success"),
            record(SINCE + Duration::hours(2), None, Some("doc"), "10.0.0.9", "failure"),
            record(SINCE + Duration::hours(1), None, Some("nurse"), "10.0.0.9", "failure"),
            record(SINCE + Duration::hours(1), Some("nurse"), None, "10.0.0.2", "success"),
            record(SINCE - Duration::days(3), Some("doc"), None, "10.0.0.1", "success"),
            record(SINCE - Duration::days(3), None, Some("doc"), "10.0.0.1", "failure"),
        ];
        let signals = Signals::read(SINCE, &logins, &[], &[]);
        let doc = &signals.accounts["doc"];
        assert_eq!(
            (doc.failed_logins, doc.new_addresses.iter().map(String::as_str).collect::<Vec<_>>()),
            (1, vec!["10.0.0.9"])
        );
        // A first login ever is not "new": there is nothing to compare with.
        assert!(signals.accounts["nurse"].new_addresses.is_empty());
        let attacker = &signals.addresses["10.0.0.9"];
        assert_eq!(attacker.failed_logins, 2);
        assert_eq!(attacker.accounts.iter().map(String::as_str).collect::<Vec<_>>(), ["doc", "nurse"]);
        assert!(!signals.addresses.contains_key("10.0.0.1"), "before the period");
    }

    #[test]
    fn ten_codes_within_a_day_are_a_flood_and_spread_out_they_are_not() {
        let within: Vec<_> = (0..10).map(|n| SINCE + Duration::hours(n * 2)).collect();
        assert!(is_flood(&within));
        let spread: Vec<_> = (0..10).map(|n| SINCE + Duration::hours(n * 3)).collect();
        assert!(!is_flood(&spread));
        assert!(!is_flood(&within[..9]));
    }

    #[test]
    fn days_outside_one_to_thirty_are_refused() {
        assert_eq!(checked_days(None).ok(), Some(SECURITY_DAYS_DEFAULT));
        assert!(checked_days(Some(0)).is_err() && checked_days(Some(31)).is_err());
    }
}
