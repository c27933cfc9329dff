//! The sync engine: sends queued items (notifications and their corrections, sentinel reports) when the network is there (app
//! start, login, the `online` event, a periodic check with backoff), each under its device-made id so
//! that a retry never files twice, and pulls the change feed so that returns for correction reach the
//! device.

use domain::api::{
    ChangeFeed, Me, NotificationStatus, NotificationSubmission, NotificationSummary, ResubmitRequest, Role,
    WorkflowAction,
};
use domain::workflow::{NotificationWorkflow, Workflow};
use gloo_events::EventListener;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use uuid::Uuid;

use super::drafts::{self, now_ms, Contents, Refusal};
use super::filing::{Body, Filing, Proof};
use super::machine::{next_retry_ms, next_to_send, Attempt, ItemState, Trigger};
use super::store::{self, AccountRecord};
use super::DeviceError;
use crate::api::{ApiFailure, Authed};
use crate::pages::notification::receipt::RecentReceipts;

/// How often queued notifications that are due are looked at while the app is open.
const CHECK_EVERY_MS: u32 = 15_000;
/// Changes are announced to the lists at most this often (a queue of 100 would redraw 200 times).
const ANNOUNCE_AFTER_MS: u32 = 250;

/// What became of an item the user sent from its form.
#[derive(Debug, Clone, PartialEq)]
pub enum SendResult {
    /// 受付済: the receipt.
    Received(Proof),
    /// 送信待ち: no network (or no answer); the engine sends it later by itself.
    Queued,
    /// The server refused it: the reasons, for the form.
    Refused(ApiFailure),
    /// The session is gone (or needs its password changed): the queue waits for the login.
    LoginNeeded(ApiFailure),
}

/// The sync engine of the logged-in user, in context.
#[derive(Debug, Clone, Copy)]
pub struct Outbox {
    /// Bumped whenever something on the device changed, so that lists read again.
    pub changed: RwSignal<u32>,
    /// Why the server no longer accepts the session (401, code step or password change due): the
    /// queue waits, and the app sends the user to the step needed.
    pub auth_failure: RwSignal<Option<ApiFailure>>,
    /// What `navigator.onLine` says, for the connection note.
    pub online: RwSignal<bool>,
    user: StoredValue<Option<(String, Authed)>>,
    /// The user files notifications, whose returns the change feed brings.
    reads_feed: StoredValue<bool>,
    running: StoredValue<bool>,
    /// Asked to run again while running: the current round goes once more at its end.
    again: StoredValue<Option<Trigger>>,
    listening: StoredValue<bool>,
    /// A change announcement is on its way (see [`ANNOUNCE_AFTER_MS`]).
    announcing: StoredValue<bool>,
    receipts: RecentReceipts,
}

fn browser_online() -> bool {
    window().navigator().on_line()
}

/// How an answer to `PUT /notifications/{id}` or `PUT /sentinel/reports/{id}` counts for the state
/// machine.
fn classify(result: &Result<Proof, ApiFailure>) -> Attempt {
    match result {
        Ok(receipt) => Attempt::Delivered(receipt.clone()),
        Err(ApiFailure::Network | ApiFailure::Unexpected { .. }) => Attempt::NoAnswer,
        Err(failure) if failure.needs_login_step() => Attempt::LoginNeeded,
        Err(ApiFailure::Api { status, .. }) if *status >= 500 || *status == 429 => Attempt::NoAnswer,
        Err(ApiFailure::Api { .. }) => Attempt::Refused,
    }
}

impl Outbox {
    pub fn new(receipts: RecentReceipts) -> Self {
        Self {
            changed: RwSignal::new(0),
            auth_failure: RwSignal::new(None),
            online: RwSignal::new(browser_online()),
            user: StoredValue::new(None),
            reads_feed: StoredValue::new(false),
            running: StoredValue::new(false),
            again: StoredValue::new(None),
            listening: StoredValue::new(false),
            announcing: StoredValue::new(false),
            receipts,
        }
    }

    /// The user is logged in (or assumed to be, offline): remember the account for an offline start,
    /// recover sends cut off by a closed app, and send what waits. Those who correct returned
    /// notifications (doctors, veterinarians: they file them) and sentinel-site managers (reports)
    /// file through it, and only once no password change is due.
    pub fn start(self, me: &Me, client: Authed, confirmed_by_server: bool) {
        self.auth_failure.set(None);
        let files_notifications = NotificationWorkflow::steps_open_to(me.role, NotificationStatus::Returned)
            .contains(&WorkflowAction::Resubmitted);
        let files = files_notifications || me.role == Role::SentinelSiteManager;
        if !files || me.password.change_required.is_some() {
            self.stop();
            return;
        }
        self.user.set_value(Some((me.user_id.clone(), client)));
        self.reads_feed.set_value(files_notifications);
        self.listen();
        let me = me.clone();
        spawn_local(async move {
            if confirmed_by_server {
                let _ = remember(&me).await;
            }
            let _ = recover(&me.user_id).await;
            persist_storage().await;
            self.run(Trigger::Now).await;
        });
    }

    /// Logged out: nothing more is sent for the previous user.
    pub fn stop(self) {
        self.user.set_value(None);
    }

    fn owner(self) -> Option<(String, Authed)> {
        self.user.get_value()
    }

    /// The queue waits for the user to log in again.
    fn paused(self) -> bool {
        self.auth_failure.with_untracked(Option::is_some)
    }

    /// Something on the device changed: the lists read again shortly, once for a burst of changes.
    pub fn touched(self) {
        if self.announcing.get_value() {
            return;
        }
        self.announcing.set_value(true);
        spawn_local(async move {
            TimeoutFuture::new(ANNOUNCE_AFTER_MS).await;
            self.announcing.set_value(false);
            self.changed.update(|n| *n = n.wrapping_add(1));
        });
    }

    /// Once per page: the `online`/`offline` events and the periodic check.
    fn listen(self) {
        if self.listening.get_value() {
            return;
        }
        self.listening.set_value(true);
        EventListener::new(&window(), "online", move |_| {
            self.online.set(true);
            spawn_local(self.run(Trigger::Now));
        })
        .forget();
        EventListener::new(&window(), "offline", move |_| self.online.set(false)).forget();
        spawn_local(async move {
            loop {
                TimeoutFuture::new(CHECK_EVERY_MS).await;
                self.run(Trigger::Timer).await;
            }
        });
    }

    /// The user pressed send: queue `body` (already checked on the device) and try at once.
    pub async fn send(self, id: Uuid, filing: &Filing, body: Body) -> Result<SendResult, DeviceError> {
        let Some((owner, _)) = self.owner() else {
            return Err(DeviceError::Corrupt);
        };
        let state = match drafts::open(&owner, id).await? {
            Some(item) => item.meta.state.submitted(now_ms()),
            None => ItemState::Draft.submitted(now_ms()),
        };
        let Some(state) = state else {
            return Err(DeviceError::Corrupt);
        };
        let contents = Contents { body, problem: None };
        drafts::write(&owner, id, filing, state, Some(&contents)).await?;
        self.touched();
        self.run(Trigger::Now).await;
        let Some(item) = drafts::open(&owner, id).await? else {
            return Err(DeviceError::Corrupt);
        };
        Ok(match item.meta.state {
            ItemState::Received { receipt } => SendResult::Received(receipt),
            ItemState::Returned { receipt } => SendResult::Received(Proof::Notification(receipt)),
            ItemState::Failed => {
                let refusal = item.contents.and_then(|contents| contents.problem);
                match refusal {
                    Some(Refusal { status, error }) => SendResult::Refused(ApiFailure::Api { status, error }),
                    None => SendResult::Refused(ApiFailure::Unexpected { status: 0 }),
                }
            }
            _ => match self.auth_failure.get_untracked() {
                Some(failure) => SendResult::LoginNeeded(failure),
                None => SendResult::Queued,
            },
        })
    }

    /// One round: every due notification in turn, then the change feed. A round asked for while one
    /// runs makes the running one go again.
    pub async fn run(self, trigger: Trigger) {
        if self.running.get_value() {
            self.again.set_value(Some(trigger));
            return;
        }
        self.running.set_value(true);
        let mut trigger = trigger;
        loop {
            if let Some((owner, client)) = self.owner() {
                self.send_due(&owner, client, trigger).await;
                if !self.paused() && self.reads_feed.get_value() {
                    let _ = self.pull_changes(&owner, client).await;
                }
            }
            let Some(next) = self.again.get_value() else {
                break;
            };
            self.again.set_value(None);
            trigger = next;
        }
        self.running.set_value(false);
    }

    async fn send_due(self, owner: &str, client: Authed, trigger: Trigger) {
        let mut tried = Vec::new();
        while !self.paused() {
            let Ok(items) = store::items(owner).await else {
                return;
            };
            let rows: Vec<_> = items.into_iter().map(|item| (item.id, item.meta.created_ms, item.meta.state)).collect();
            let Some(id) = next_to_send(&rows, &tried, now_ms(), trigger) else {
                self.wake_for_retry(&rows);
                return;
            };
            tried.push(id);
            if self.send_one(owner, client, id).await.is_err() {
                return;
            }
        }
    }

    /// Runs again when the earliest retry is due (the periodic check would be later).
    fn wake_for_retry(self, rows: &[(Uuid, f64, ItemState)]) {
        let Some(due) = next_retry_ms(rows) else {
            return;
        };
        let wait = (due - now_ms()).clamp(0.0, f64::from(CHECK_EVERY_MS));
        if wait > 0.0 {
            spawn_local(async move {
                TimeoutFuture::new(wait as u32).await;
                self.run(Trigger::Timer).await;
            });
        }
    }

    async fn send_one(self, owner: &str, client: Authed, id: Uuid) -> Result<(), DeviceError> {
        let item = drafts::open(owner, id).await?.ok_or(DeviceError::Corrupt)?;
        let contents = item.contents.ok_or(DeviceError::Corrupt)?;
        let filing = item.meta.filing;
        let sending = item.meta.state.sending().ok_or(DeviceError::Corrupt)?;
        let request = deliver(client, id, &filing, &contents.body).ok_or(DeviceError::Corrupt)?;
        drafts::write(owner, id, &filing, sending.clone(), Some(&contents)).await?;
        self.touched();
        let result = request.await;
        let attempt = classify(&result);
        let next = sending.after(attempt.clone(), now_ms(), js_sys::Math::random());
        if let (Attempt::LoginNeeded, Err(failure)) = (&attempt, &result) {
            self.auth_failure.set(Some(failure.clone()));
        }
        match (&next, result) {
            (ItemState::Received { receipt }, _) => {
                // The duty is met (N-4): the patient's data leaves the device, the receipt stays.
                if let Proof::Notification(receipt) = receipt {
                    self.receipts.remember(receipt.clone());
                }
                drafts::write(owner, id, &filing, next.clone(), None).await?;
            }
            (ItemState::Failed, Err(ApiFailure::Api { status, error })) => {
                let problem = Some(Refusal { status, error });
                drafts::write(owner, id, &filing, next.clone(), Some(&Contents { problem, ..contents })).await?;
            }
            _ => drafts::write(owner, id, &filing, next.clone(), Some(&contents)).await?,
        }
        self.touched();
        Ok(())
    }

    /// Reads the change feed from the account's cursor and applies it: a return for correction moves a
    /// received notification to 差し戻し, and one filed elsewhere appears as such.
    async fn pull_changes(self, owner: &str, client: Authed) -> Result<(), DeviceError> {
        let Some(mut account) = store::accounts().await?.into_iter().find(|account| account.me.user_id == owner) else {
            return Ok(());
        };
        loop {
            let feed: ChangeFeed = match client.changes(account.feed_cursor).await {
                Ok(feed) => feed,
                Err(failure) => {
                    let failure: Result<Proof, _> = Err(failure);
                    if classify(&failure) == Attempt::LoginNeeded {
                        self.auth_failure.set(failure.err());
                    }
                    return Ok(());
                }
            };
            for change in &feed.changes {
                apply_change(owner, &change.notification).await?;
            }
            account.feed_cursor = feed.cursor;
            store::put_account(&account).await?;
            if !feed.changes.is_empty() {
                self.touched();
            }
            if !feed.more {
                return Ok(());
            }
        }
    }
}

type Delivery = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Proof, ApiFailure>>>>;

/// The `PUT` of an item's content under its id (for a correction, the resubmission of the notification
/// with that id, filed under the revision it corrects), answered by the proof of receipt; `None` for a
/// filing and content that do not belong together (a record this app did not write).
fn deliver(client: Authed, id: Uuid, filing: &Filing, body: &Body) -> Option<Delivery> {
    match (filing, body) {
        (Filing::Notification { disease, animal_report }, Body::Notification { answers }) => {
            let submission = NotificationSubmission {
                disease: disease.clone(),
                animal_report: animal_report.clone(),
                answers: answers.clone(),
            };
            Some(Box::pin(async move { client.submit(id, &submission).await.map(Proof::Notification) }))
        }
        (Filing::Notification { disease, animal_report }, Body::Resubmission { based_on_revision, answers }) => {
            let submission = NotificationSubmission {
                disease: disease.clone(),
                animal_report: animal_report.clone(),
                answers: answers.clone(),
            };
            let request = ResubmitRequest { based_on_revision: *based_on_revision, submission };
            Some(Box::pin(async move { client.resubmit(id, &request).await.map(Proof::Notification) }))
        }
        (Filing::SentinelReport { .. }, Body::SentinelReport { report }) => {
            let report = report.clone();
            Some(Box::pin(async move { client.file_sentinel_report(id, &report).await }))
        }
        (Filing::SyndromicReport { .. }, Body::SyndromicReport { syndromic }) => {
            let report = syndromic.clone();
            Some(Box::pin(async move { client.file_syndromic_report(id, &report).await }))
        }
        _ => None,
    }
}

/// What the server says of a notification now (from the feed, or read by a screen) moves its item on
/// the device: a return for correction, and what follows one.
pub async fn apply_change(owner: &str, notification: &NotificationSummary) -> Result<(), DeviceError> {
    let (status, receipt) = (notification.status, &notification.receipt);
    let id = receipt.notification_id;
    let next = match store::item(owner, id).await? {
        Some(item) => item.meta.state.with_status(status, receipt.clone()),
        None => (status == NotificationStatus::Returned).then(|| ItemState::Returned { receipt: receipt.clone() }),
    };
    match next {
        Some(state) => {
            let filing = Filing::Notification {
                disease: notification.disease.clone(),
                animal_report: notification.animal_report.clone(),
            };
            drafts::write(owner, id, &filing, state, None).await
        }
        None => Ok(()),
    }
}

/// Keeps the account for starting offline, with its feed cursor if one is known.
async fn remember(me: &Me) -> Result<(), DeviceError> {
    let known = store::accounts().await?.into_iter().find(|account| account.me.user_id == me.user_id);
    let feed_cursor = known.map_or(0, |account| account.feed_cursor);
    store::put_account(&AccountRecord { me: me.clone(), seen_ms: now_ms(), feed_cursor }).await
}

/// Sends cut off when the app closed count as tries without answer (see [`ItemState::recovered`]).
async fn recover(owner: &str) -> Result<(), DeviceError> {
    for item in store::items(owner).await? {
        if let ItemState::Sending { .. } = item.meta.state {
            let meta = store::ItemMeta { state: item.meta.state.recovered(now_ms()), ..item.meta };
            store::put_item(&store::StoredItem { meta, ..item }).await?;
        }
    }
    Ok(())
}

/// Asks the browser to keep this site's storage under pressure (`navigator.storage.persist()`);
/// drafts are the user's unsent work. A refusal changes nothing else.
async fn persist_storage() {
    let storage = window().navigator().storage();
    if let Ok(promise) = storage.persist() {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// The account last confirmed by the server on this device, for starting without a network.
pub async fn remembered_account() -> Option<Me> {
    let accounts = store::accounts().await.ok()?;
    accounts.into_iter().max_by(|a, b| a.seen_ms.total_cmp(&b.seen_ms)).map(|account| account.me)
}

/// Provides the engine to components.
pub fn use_outbox() -> Option<Outbox> {
    use_context::<Outbox>()
}
