//! The outbox's state machine: where one item (a notification or a sentinel report, `filing.rs`) is on
//! this device, from the first keystroke to its receipt, and which ones the sync engine sends next.
//! Pure: time and randomness are arguments.

use domain::api::{NotificationStatus, Receipt};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::filing::Proof;

/// The first retry waits about this long; each further one twice as long.
const FIRST_RETRY_MS: f64 = 2_000.0;
/// No retry waits longer than this (then the periodic check or the `online` event tries again).
const LONGEST_RETRY_MS: f64 = 300_000.0;

/// Where one notification is on this device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "StateRecord", into = "StateRecord")]
pub enum ItemState {
    /// 下書き: being written; nothing sent.
    Draft,
    /// 送信待ち: the user pressed send; waits for the network or for its next try. `attempts` counts
    /// the tries that got no answer (the server may hold it: the content is frozen from here on).
    Queued { attempts: u32, next_try_ms: f64 },
    /// 送信中: a `PUT` is under way. Found at start-up, it means the app closed meanwhile.
    Sending { attempts: u32 },
    /// 受付済: the server's receipt. The answers are deleted from the device (O-3).
    Received { receipt: Proof },
    /// 差し戻し: the health center returned a notification for correction (learned from the change feed).
    Returned { receipt: Receipt },
    /// エラー: the server refused it (validation, conflict): back to the user, who may correct it.
    Failed,
}

/// [`ItemState`] as stored, `{"state":"queued","attempts":1,"next_try_ms":…}`: the shape of the internally
/// tagged enum devices have stored it as, read as a plain struct (serde's internally tagged enums buffer
/// the object before reading it, several times the code; filing.rs).
#[derive(Serialize, Deserialize)]
struct StateRecord {
    state: StateKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    attempts: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_try_ms: Option<f64>,
    /// A returned notification's receipt is a notification's proof.
    #[serde(skip_serializing_if = "Option::is_none")]
    receipt: Option<Proof>,
}

impl From<ItemState> for StateRecord {
    fn from(state: ItemState) -> Self {
        let mut record = Self { state: state.kind(), attempts: None, next_try_ms: None, receipt: None };
        match state {
            ItemState::Draft | ItemState::Failed => {}
            ItemState::Queued { attempts, next_try_ms } => {
                (record.attempts, record.next_try_ms) = (Some(attempts), Some(next_try_ms));
            }
            ItemState::Sending { attempts } => record.attempts = Some(attempts),
            ItemState::Received { receipt } => record.receipt = Some(receipt),
            ItemState::Returned { receipt } => record.receipt = Some(Proof::Notification(receipt)),
        }
        record
    }
}

impl TryFrom<StateRecord> for ItemState {
    type Error = &'static str;

    fn try_from(record: StateRecord) -> Result<Self, Self::Error> {
        Ok(match record {
            StateRecord { state: StateKind::Draft, .. } => Self::Draft,
            StateRecord { state: StateKind::Failed, .. } => Self::Failed,
            StateRecord {
                state: StateKind::Queued, attempts: Some(attempts), next_try_ms: Some(next_try_ms), ..
            } => Self::Queued { attempts, next_try_ms },
            StateRecord { state: StateKind::Sending, attempts: Some(attempts), .. } => Self::Sending { attempts },
            StateRecord { state: StateKind::Received, receipt: Some(receipt), .. } => Self::Received { receipt },
            StateRecord { state: StateKind::Returned, receipt: Some(Proof::Notification(receipt)), .. } => {
                Self::Returned { receipt }
            }
            _ => return Err("an outbox state without its data"),
        })
    }
}

/// How one `PUT` ended, as the engine classifies the answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Attempt {
    /// 201, or 200 for a retry of what the server already has.
    Delivered(Proof),
    /// No answer, or one that says "later" (5xx, 429, a proxy's page): try again after a while.
    NoAnswer,
    /// 401 and the like: the queue waits until the user logs in again.
    LoginNeeded,
    /// 409, 422 and other refusals: the user must act.
    Refused,
}

/// What makes the engine look at the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// App start, the `online` event, a login or the user's own send: everything queued goes now.
    Now,
    /// The periodic check: only what is due.
    Timer,
}

impl ItemState {
    /// 下書き / 送信待ち / 送信中 / 受付済 / 差し戻し / エラー, as the UI names them.
    pub fn kind(&self) -> StateKind {
        match self {
            Self::Draft => StateKind::Draft,
            Self::Queued { .. } => StateKind::Queued,
            Self::Sending { .. } => StateKind::Sending,
            Self::Received { .. } => StateKind::Received,
            Self::Returned { .. } => StateKind::Returned,
            Self::Failed => StateKind::Failed,
        }
    }

    /// Whether the answers are still on the device, not yet received by the server.
    pub fn is_unsent(&self) -> bool {
        matches!(self, Self::Draft | Self::Queued { .. } | Self::Sending { .. } | Self::Failed)
    }

    /// Whether the user may still change the answers: not once sending was asked for (a try may reach
    /// the server at any moment, and the same id with other content would be a conflict).
    pub fn is_editable(&self) -> bool {
        matches!(self, Self::Draft | Self::Failed)
    }

    /// Whether a correction may be drafted over this state: what may be edited, and a notification
    /// the health center returned for correction (its correction starts here).
    pub fn is_correctable(&self) -> bool {
        self.is_editable() || matches!(self, Self::Returned { .. })
    }

    /// The user pressed send (a returned notification's correction may go before any autosave).
    pub fn submitted(&self, now_ms: f64) -> Option<Self> {
        match self {
            Self::Draft | Self::Failed | Self::Returned { .. } => {
                Some(Self::Queued { attempts: 0, next_try_ms: now_ms })
            }
            Self::Queued { attempts, .. } => Some(Self::Queued { attempts: *attempts, next_try_ms: now_ms }),
            _ => None,
        }
    }

    /// The engine starts a `PUT`.
    pub fn sending(&self) -> Option<Self> {
        match self {
            Self::Queued { attempts, .. } => Some(Self::Sending { attempts: *attempts }),
            _ => None,
        }
    }

    /// How a `PUT` ended. `jitter` in [0, 1) spreads the retries of many devices.
    pub fn after(&self, attempt: Attempt, now_ms: f64, jitter: f64) -> Self {
        let attempts = match self {
            Self::Sending { attempts } | Self::Queued { attempts, .. } => *attempts,
            _ => 0,
        };
        match attempt {
            Attempt::Delivered(receipt) => Self::Received { receipt },
            Attempt::NoAnswer => {
                let attempts = attempts + 1;
                Self::Queued { attempts, next_try_ms: now_ms + retry_delay_ms(attempts, jitter) }
            }
            // Whether the request reached the server is unknown only for NoAnswer; a 401 means it did
            // not, so the content stays as free as before.
            Attempt::LoginNeeded => Self::Queued { attempts, next_try_ms: now_ms },
            Attempt::Refused => Self::Failed,
        }
    }

    /// The app starts and finds this state: a `PUT` cut off by closing the app may or may not have
    /// arrived, so it counts as a try without answer and goes again (the id makes that safe).
    pub fn recovered(&self, now_ms: f64) -> Self {
        match self {
            Self::Sending { attempts } => Self::Queued { attempts: attempts + 1, next_try_ms: now_ms },
            other => other.clone(),
        }
    }

    /// The notification's status on the server changed (from the change feed).
    pub fn with_status(&self, status: NotificationStatus, receipt: Receipt) -> Option<Self> {
        match (self, status) {
            (Self::Received { .. }, NotificationStatus::Returned) => Some(Self::Returned { receipt }),
            (
                Self::Returned { .. },
                NotificationStatus::Received | NotificationStatus::Accepted | NotificationStatus::Withdrawn,
            ) => Some(Self::Received { receipt: Proof::Notification(receipt) }),
            _ => None,
        }
    }

    fn due(&self, now_ms: f64, trigger: Trigger) -> bool {
        match self {
            Self::Queued { next_try_ms, .. } => trigger == Trigger::Now || *next_try_ms <= now_ms,
            _ => false,
        }
    }
}

/// The state without its data, for labels and filters, and the stored state's tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StateKind {
    Draft,
    Queued,
    Sending,
    Received,
    Returned,
    Failed,
}

/// Exponential backoff with jitter: about 2 s, 4 s, 8 s … up to 5 minutes, each between half and
/// all of that, so that devices coming back online together do not retry in step.
pub fn retry_delay_ms(attempts: u32, jitter: f64) -> f64 {
    let doublings = attempts.saturating_sub(1).min(20);
    let ceiling = (FIRST_RETRY_MS * f64::from(1_u32 << doublings)).min(LONGEST_RETRY_MS);
    ceiling * (0.5 + 0.5 * jitter.clamp(0.0, 1.0))
}

/// The next notification to send, oldest queued first, skipping those already tried in this round.
pub fn next_to_send(items: &[(Uuid, f64, ItemState)], tried: &[Uuid], now_ms: f64, trigger: Trigger) -> Option<Uuid> {
    items
        .iter()
        .filter(|(id, _, state)| state.due(now_ms, trigger) && !tried.contains(id))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(id, _, _)| *id)
}

/// When the earliest retry is due, if any notification waits for one.
pub fn next_retry_ms(items: &[(Uuid, f64, ItemState)]) -> Option<f64> {
    items
        .iter()
        .filter_map(|(_, _, state)| match state {
            ItemState::Queued { next_try_ms, .. } => Some(*next_try_ms),
            _ => None,
        })
        .min_by(f64::total_cmp)
}

#[cfg(test)]
mod tests {
    use domain::api::Organization;
    #[cfg(not(target_arch = "wasm32"))]
    use std::prelude::rust_2021::test as both;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as both;

    use super::*;

    fn receipt() -> Receipt {
        Receipt {
            notification_id: Uuid::nil(),
            receipt_number: "20261125-000001".into(),
            received_at: time::OffsetDateTime::UNIX_EPOCH,
            health_center: Organization { code: "hc1".into(), name: "デモ県北保健所".into() },
        }
    }

    #[both]
    fn a_draft_is_queued_sent_and_received() {
        let queued = ItemState::Draft.submitted(10.0).unwrap();
        assert_eq!(queued, ItemState::Queued { attempts: 0, next_try_ms: 10.0 });
        let sending = queued.sending().unwrap();
        let received = sending.after(Attempt::Delivered(Proof::Notification(receipt())), 20.0, 0.5);
        assert_eq!(received, ItemState::Received { receipt: Proof::Notification(receipt()) });
        assert!(!received.is_unsent());
        assert_eq!(received.submitted(30.0), None, "a received notification is never sent again");
        assert_eq!(received.sending(), None);
    }

    #[both]
    fn no_answer_retries_later_with_the_content_frozen() {
        let sending = ItemState::Sending { attempts: 0 };
        let retry = sending.after(Attempt::NoAnswer, 1_000.0, 0.0);
        assert_eq!(retry, ItemState::Queued { attempts: 1, next_try_ms: 2_000.0 });
        assert!(!retry.is_editable(), "the server may hold it already");
        assert!(retry.is_unsent());
        assert!(ItemState::Draft.is_editable());
    }

    #[both]
    fn backoff_doubles_with_jitter_and_is_capped() {
        assert_eq!(retry_delay_ms(1, 1.0), 2_000.0);
        assert_eq!(retry_delay_ms(2, 1.0), 4_000.0);
        assert_eq!(retry_delay_ms(3, 0.0), 4_000.0);
        assert_eq!(retry_delay_ms(30, 1.0), 300_000.0);
        assert_eq!(retry_delay_ms(30, 0.0), 150_000.0);
        let spread: Vec<f64> = [0.0, 0.3, 0.99].iter().map(|j| retry_delay_ms(4, *j)).collect();
        assert!(spread.windows(2).all(|pair| pair[0] < pair[1]), "{spread:?}");
    }

    #[both]
    fn a_login_problem_keeps_the_item_queued_and_a_refusal_returns_it_to_the_user() {
        let sending = ItemState::Sending { attempts: 2 };
        assert_eq!(sending.after(Attempt::LoginNeeded, 5.0, 0.5), ItemState::Queued { attempts: 2, next_try_ms: 5.0 });
        let failed = sending.after(Attempt::Refused, 5.0, 0.5);
        assert_eq!(failed, ItemState::Failed);
        assert!(failed.is_editable() && failed.is_unsent());
        assert_eq!(failed.submitted(6.0), Some(ItemState::Queued { attempts: 0, next_try_ms: 6.0 }));
    }

    #[both]
    fn a_send_cut_off_by_closing_the_app_goes_again_as_a_retry() {
        let recovered = ItemState::Sending { attempts: 0 }.recovered(50.0);
        assert_eq!(recovered, ItemState::Queued { attempts: 1, next_try_ms: 50.0 });
        assert_eq!(ItemState::Draft.recovered(50.0), ItemState::Draft);
    }

    #[both]
    fn the_change_feed_moves_received_to_returned_and_back() {
        let received = ItemState::Received { receipt: Proof::Notification(receipt()) };
        let returned = received.with_status(NotificationStatus::Returned, receipt()).unwrap();
        assert_eq!(returned.kind(), StateKind::Returned);
        assert_eq!(
            returned.with_status(NotificationStatus::Received, receipt()).map(|s| s.kind()),
            Some(StateKind::Received)
        );
        assert_eq!(ItemState::Draft.with_status(NotificationStatus::Returned, receipt()), None);
    }

    #[both]
    fn a_returned_notification_takes_a_correction_that_the_change_feed_leaves_alone() {
        let returned = ItemState::Returned { receipt: receipt() };
        assert!(returned.is_correctable() && !returned.is_editable(), "a new notification's form stays closed");
        assert!(!ItemState::Received { receipt: Proof::Notification(receipt()) }.is_correctable());
        assert!(!ItemState::Queued { attempts: 0, next_try_ms: 0.0 }.is_correctable());
        assert_eq!(returned.submitted(7.0), Some(ItemState::Queued { attempts: 0, next_try_ms: 7.0 }));
        // A correction being written or waiting is the user's: news from the feed does not replace it.
        assert_eq!(ItemState::Draft.with_status(NotificationStatus::Received, receipt()), None);
        let queued = ItemState::Queued { attempts: 1, next_try_ms: 0.0 };
        assert_eq!(queued.with_status(NotificationStatus::Returned, receipt()), None);
    }

    #[both]
    fn the_oldest_due_item_goes_first_and_each_only_once_per_round() {
        let (a, b, c) = (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let items = vec![
            (a, 30.0, ItemState::Queued { attempts: 1, next_try_ms: 500.0 }),
            (b, 20.0, ItemState::Queued { attempts: 0, next_try_ms: 0.0 }),
            (c, 10.0, ItemState::Draft),
        ];
        assert_eq!(next_to_send(&items, &[], 100.0, Trigger::Timer), Some(b));
        assert_eq!(next_to_send(&items, &[b], 100.0, Trigger::Timer), None, "a waits for its time");
        assert_eq!(next_to_send(&items, &[b], 100.0, Trigger::Now), Some(a), "coming online sends it at once");
        assert_eq!(next_to_send(&items, &[a, b], 100.0, Trigger::Now), None, "drafts are never sent");
        assert_eq!(next_retry_ms(&items), Some(0.0));
        assert_eq!(next_retry_ms(&items[2..]), None);
    }
}
