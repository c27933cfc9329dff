//! Account letters: each new user gets their user ID, initial password and todoke's address by
//! e-mail at the contact address (column D). Letters wait in the `account_letters` table (sealed, since
//! they carry the password) and a background worker sends them through SMTP, retrying failures with
//! growing pauses; the sealed text is deleted once the mail server took it or the letter was given up.
//! The same worker sends the other queued mail (`mail_outbox`: reminders to sentinel sites), with the
//! same retries.

use std::time::Duration;

use domain::api::SecondFactorMethod;
use time::OffsetDateTime;

use super::AccountServices;
use crate::admin::{self, Acting};
use crate::audit::{self, Action, Outcome};
use crate::delivery::{Deliveries, DeliveryError, Message};
use crate::error::AppError;
use crate::store::{self, Store, StoreResult};

pub const SUBJECT: &str = "【todoke】アカウント発行のお知らせ";

/// Pauses after the 1st, 2nd … failed try; after the last the letter is given up.
const RETRY_AFTER_MINUTES: [i64; 4] = [1, 5, 30, 120];
/// How long one worker holds a claimed letter before another instance may try it.
const CLAIM: time::Duration = time::Duration::minutes(5);
/// Letters sent per round.
const BATCH: u32 = 100;

/// The letter's text: whom it is for, the user ID, the initial password and where to log in.
pub fn body(display_name: &str, user_id: &str, initial_password: &str, site_url: &str) -> String {
    format!(
        "{display_name} 様\n\n\
         感染症発生届システム todoke のアカウントを発行しました。\n\n\
         ユーザID: {user_id}\n\
         初期パスワード: {initial_password}\n\
         URL: {site_url}\n\n\
         初回ログイン時にパスワードの変更が必要です。ログインには、登録された二要素認証の手段に届く確認コードも使います。\n\
         このメールは利用者ご本人のみが保管し、他の人に転送しないでください。\n\
         心当たりがない場合は、所属機関のシステム利用管理者にご連絡ください。\n"
    )
}

/// What sealing a letter for `user_id` is bound to.
pub fn purpose(user_id: &str) -> String {
    format!("letter:{user_id}")
}

/// A new letter with a new initial password (the old one stops working): for a letter that failed,
/// or a user who lost it.
pub async fn resend(
    store: &dyn Store,
    services: &AccountServices,
    user_id: &str,
    acting: &Acting<'_>,
) -> Result<(), AppError> {
    let account = admin::existing(store, user_id).await?;
    let recipient = store.contact_email(user_id).await?.ok_or(AppError::InvalidDestination)?;
    let initial = admin::reset_password(store, user_id, acting).await?;
    let text = body(&account.display_name, user_id, &initial, &services.site_url);
    let sealed = services.sealer.seal(&purpose(user_id), &text)?;
    store.replace_letter(user_id, &recipient, &sealed, store::now()).await?;
    let entry = audit::entry(
        Action::ResendLetter,
        Outcome::Success,
        acting.by,
        Some(user_id.to_owned()),
        acting.client.clone(),
    );
    store.audit(entry).await?;
    services.letters_due.notify_one();
    Ok(())
}

/// When to try again after `attempts` failed tries; `None`: give up.
pub(crate) fn retry_at(attempts: u32, now: OffsetDateTime) -> Option<OffsetDateTime> {
    let index = usize::try_from(attempts).ok()?.checked_sub(1)?;
    RETRY_AFTER_MINUTES.get(index).map(|minutes| now + time::Duration::minutes(*minutes))
}

/// Sends letters and the mail outbox (reminders, alarm mails) until the task is dropped: at once when
/// woken, otherwise every `poll`.
pub async fn run(store: std::sync::Arc<dyn Store>, deliveries: Deliveries, services: AccountServices, poll: Duration) {
    loop {
        let round = async {
            Ok::<_, crate::store::StoreError>(
                send_due(store.as_ref(), &deliveries, &services).await?
                    + send_due_mail(store.as_ref(), &deliveries).await?,
            )
        };
        match round.await {
            // A full batch: more may be waiting.
            Ok(sent) if sent >= BATCH as usize => continue,
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "account letters could not be processed"),
        }
        match store.pending_letter_count().await {
            Ok(pending) => crate::metrics::letters_pending(pending),
            Err(error) => tracing::error!(%error, "account letters could not be counted"),
        }
        tokio::select! {
            () = services.letters_due.notified() => {}
            () = tokio::time::sleep(poll) => {}
        }
    }
}

/// One round: claims the letters due and tries each once. Returns how many were claimed.
pub async fn send_due(store: &dyn Store, deliveries: &Deliveries, services: &AccountServices) -> StoreResult<usize> {
    let now = store::now();
    let due = store.claim_due_letters(now, now + CLAIM, BATCH).await?;
    for letter in &due {
        let attempts = letter.attempts + 1;
        let outcome = match services.sealer.open(&purpose(&letter.user_id), &letter.sealed_body) {
            Ok(body) => deliver_mail(deliveries, &letter.recipient, SUBJECT, body).await,
            Err(_) => {
                Err(("封入された本文を復号できません（サーバの鍵が変わりました）。再送してください。".to_owned(), true))
            }
        };
        match outcome {
            Ok(()) => store.letter_sent(&letter.user_id, store::now()).await?,
            Err((reason, permanent)) => {
                let retry = if permanent { None } else { retry_at(attempts, store::now()) };
                tracing::warn!(user_id = %letter.user_id, %reason, attempts, "account letter not sent");
                store.letter_failed(&letter.user_id, &reason, retry).await?;
            }
        }
    }
    Ok(due.len())
}

/// Sends one e-mail; on failure, the reason and whether waiting cannot help.
async fn deliver_mail(deliveries: &Deliveries, to: &str, subject: &str, body: String) -> Result<(), (String, bool)> {
    let message = Message { method: SecondFactorMethod::Email, to: to.to_owned(), subject: subject.to_owned(), body };
    deliveries.deliver(&message).await.map_err(|error| {
        // A malformed address will not get better by waiting.
        let permanent = matches!(error, DeliveryError::InvalidAddress(_));
        (error.to_string(), permanent)
    })
}

/// One round of the mail outbox: claims the mails due and tries each once. Returns how many were claimed.
/// The mails sent are marked so together at the end of the round (one write, not one per mail: under
/// load there is a mail for every notification of a 直ちに disease, issue 17); a server that stops
/// during the round sends them again once their claim has passed, as it would the one mail in flight.
pub async fn send_due_mail(store: &dyn Store, deliveries: &Deliveries) -> StoreResult<usize> {
    let now = store::now();
    let due = store.claim_due_mail(now, now + CLAIM, BATCH).await?;
    let (mut sent, mut failed) = (Vec::with_capacity(due.len()), Vec::new());
    for mail in &due {
        match deliver_mail(deliveries, &mail.recipient, &mail.subject, mail.body.clone()).await {
            Ok(()) => sent.push(mail.id),
            Err((reason, permanent)) => failed.push((mail, reason, permanent)),
        }
    }
    if !sent.is_empty() {
        store.mails_sent(&sent, store::now()).await?;
    }
    for (mail, reason, permanent) in failed {
        let attempts = mail.attempts + 1;
        let retry = if permanent { None } else { retry_at(attempts, store::now()) };
        tracing::warn!(mail = %mail.id, %reason, attempts, "queued mail not sent");
        store.mail_failed(mail.id, &reason, retry).await?;
    }
    Ok(due.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn retries_pause_longer_each_time_then_give_up() {
        let now = datetime!(2026-11-25 01:00 UTC);
        assert_eq!(retry_at(1, now), Some(now + time::Duration::minutes(1)));
        assert_eq!(retry_at(4, now), Some(now + time::Duration::hours(2)));
        assert_eq!(retry_at(5, now), None);
        assert_eq!(retry_at(0, now), None);
    }

    #[test]
    fn the_letter_names_id_password_and_address() {
        let text = body("北町 花子", "k7m2x9p4qa", "Ab#3kq9Zt7mP2x$w", "https://todoke.example.jp");
        for part in [
            "北町 花子 様",
            "ユーザID: k7m2x9p4qa",
            "初期パスワード: Ab#3kq9Zt7mP2x$w",
            "URL: https://todoke.example.jp",
        ] {
            assert!(text.contains(part), "{part}");
        }
    }
}
