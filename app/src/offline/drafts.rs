//! The user's outbox items on this device (notifications and sentinel reports), sealed under the
//! user's key: saving each edit, opening, listing, deleting, and wiping everything of a user at logout
//! (O-2, O-3).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use domain::api::{SentinelReportSubmission, SyndromicSubmission};
use domain::error::ApiError;
use domain::forms::Answers;
use domain::lazy::Lazy;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use web_sys::CryptoKey;

use super::crypto::{self, Sealed};
use super::filing::{Body, Filing};
use super::machine::ItemState;
use super::store::{self, ItemMeta, StoredItem};
use super::DeviceError;

/// What is encrypted: the content and, after the server refused it, its reasons (which may quote
/// what was typed).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ContentsRecord", into = "ContentsRecord")]
pub struct Contents {
    pub body: Body,
    pub problem: Option<Refusal>,
}

/// [`Contents`] as sealed: the body's fields (whichever kind it is) beside the refusal, in one object,
/// the shape devices have sealed since the first version (written then by serde's `flatten` of an
/// untagged `Body`), read now as a plain struct (a fraction of the code; filing.rs).
#[derive(Serialize, Deserialize)]
struct ContentsRecord {
    #[serde(skip_serializing_if = "Option::is_none")]
    based_on_revision: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    answers: Option<Answers>,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<Lazy<SentinelReportSubmission>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    syndromic: Option<Lazy<SyndromicSubmission>>,
    problem: Option<Refusal>,
}

impl From<Contents> for ContentsRecord {
    fn from(Contents { body, problem }: Contents) -> Self {
        let mut record = Self { based_on_revision: None, answers: None, report: None, syndromic: None, problem };
        match body {
            Body::Resubmission { based_on_revision, answers } => {
                (record.based_on_revision, record.answers) = (Some(based_on_revision), Some(answers));
            }
            Body::Notification { answers } => record.answers = Some(answers),
            Body::SentinelReport { report } => record.report = Some(report),
            Body::SyndromicReport { syndromic } => record.syndromic = Some(syndromic),
        }
        record
    }
}

impl TryFrom<ContentsRecord> for Contents {
    type Error = &'static str;

    /// A revision beside the answers makes a correction; answers alone, a notification.
    fn try_from(record: ContentsRecord) -> Result<Self, Self::Error> {
        let body = match record {
            ContentsRecord { based_on_revision: Some(based_on_revision), answers: Some(answers), .. } => {
                Body::Resubmission { based_on_revision, answers }
            }
            ContentsRecord { answers: Some(answers), .. } => Body::Notification { answers },
            ContentsRecord { report: Some(report), .. } => Body::SentinelReport { report },
            ContentsRecord { syndromic: Some(syndromic), .. } => Body::SyndromicReport { syndromic },
            _ => return Err("sealed content that files nothing"),
        };
        Ok(Self { body, problem: record.problem })
    }
}

/// The server's answer when it refused a notification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    pub status: u16,
    pub error: ApiError,
}

/// A notification on the device, opened: its content is `None` once the receipt came.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub id: Uuid,
    pub meta: ItemMeta,
    pub contents: Option<Contents>,
    /// A copy of the returned notification is kept: its correction opens without a network.
    pub returned_kept: bool,
}

thread_local! {
    /// Keys already read this visit, by user (a `CryptoKey` is only a handle; its bytes stay hidden).
    static KEYS: RefCell<HashMap<String, CryptoKey>> = RefCell::new(HashMap::new());
    /// Autosaves under way: a form opening right after another closed waits for them.
    static SAVING: Cell<u32> = const { Cell::new(0) };
}

/// Counts one autosave under way for as long as it lives.
struct Saving;

impl Saving {
    fn start() -> Self {
        SAVING.with(|saving| saving.set(saving.get() + 1));
        Self
    }
}

impl Drop for Saving {
    fn drop(&mut self) {
        SAVING.with(|saving| saving.set(saving.get().saturating_sub(1)));
    }
}

/// Resolves once no autosave is under way (back, then forward, must find the last keystroke).
pub async fn settled() {
    while SAVING.with(Cell::get) > 0 {
        gloo_timers::future::TimeoutFuture::new(5).await;
    }
}

/// The user's key: the one kept on this device, or a new one made and kept now.
async fn user_key(owner: &str) -> Result<CryptoKey, DeviceError> {
    if let Some(key) = KEYS.with(|keys| keys.borrow().get(owner).cloned()) {
        return Ok(key);
    }
    let key = match store::key(owner).await? {
        Some(key) => key,
        None => {
            let made = crypto::new_key().await?;
            if store::add_key(owner, &made).await? {
                made
            } else {
                store::key(owner).await?.ok_or(DeviceError::Crypto)?
            }
        }
    };
    KEYS.with(|keys| keys.borrow_mut().insert(owner.to_owned(), key.clone()));
    Ok(key)
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

async fn seal(owner: &str, id: Uuid, contents: &Contents) -> Result<Sealed, DeviceError> {
    let plain = serde_json::to_vec(contents).map_err(|_| DeviceError::Corrupt)?;
    crypto::seal(&user_key(owner).await?, &plain, id.as_bytes()).await
}

/// What the copy of a returned notification is sealed with beside the item's id: a copy can never be
/// opened as the item's content, nor the content as a copy.
fn returned_context(id: Uuid) -> Vec<u8> {
    [id.as_bytes().as_slice(), b"returned"].concat()
}

async fn unseal<T: for<'de> Deserialize<'de>>(owner: &str, sealed: &Sealed, context: &[u8]) -> Result<T, DeviceError> {
    let plain = crypto::open(&user_key(owner).await?, sealed, context).await?;
    // As text, as the API client reads every answer: `from_slice` would compile a second copy of each
    // type's deserializer (answers, reports, the returned notification) for its byte reader.
    let text = std::str::from_utf8(&plain).map_err(|_| DeviceError::Corrupt)?;
    serde_json::from_str(text).map_err(|_| DeviceError::Corrupt)
}

async fn open_item(item: StoredItem) -> Result<Opened, DeviceError> {
    let contents = match &item.sealed {
        Some(sealed) => Some(unseal(&item.owner, sealed, item.id.as_bytes()).await?),
        None => None,
    };
    Ok(Opened { id: item.id, meta: item.meta, contents, returned_kept: item.returned.is_some() })
}

/// The notification `id` of `owner`, opened; `None` if this device has none (another user's is not
/// `owner`'s).
pub async fn open(owner: &str, id: Uuid) -> Result<Option<Opened>, DeviceError> {
    match store::item(owner, id).await? {
        Some(item) => Ok(Some(open_item(item).await?)),
        None => Ok(None),
    }
}

/// Keeps, sealed on `owner`'s item of the notification `id`, the copy of it as the server returned it
/// (a `NotificationDetail`, or its JSON as sent: `Lazy<NotificationDetail>`), so that its correction
/// opens offline; `false` when the device has no such item (not returned, or not a filer). The copy
/// goes with the item's data once the notification is received (see [`write`]).
pub async fn keep_returned(owner: &str, id: Uuid, detail: &impl Serialize) -> Result<bool, DeviceError> {
    let plain = serde_json::to_vec(detail).map_err(|_| DeviceError::Corrupt)?;
    let copy = crypto::seal(&user_key(owner).await?, &plain, &returned_context(id)).await?;
    store::put_returned(owner, id, &copy).await
}

/// The copy of the returned notification `id` kept for `owner`, if any, read as `T`: the whole
/// `NotificationDetail`, or a part of it (`api::DetailSummary`, where only its revision is compared).
pub async fn returned_copy<T: for<'de> Deserialize<'de>>(owner: &str, id: Uuid) -> Result<Option<T>, DeviceError> {
    match store::item(owner, id).await?.and_then(|item| item.returned) {
        Some(copy) => Ok(Some(unseal(owner, &copy, &returned_context(id)).await?)),
        None => Ok(None),
    }
}

/// Every notification of `owner` on this device, most recently changed first.
pub async fn list(owner: &str) -> Result<Vec<Opened>, DeviceError> {
    let mut opened = Vec::new();
    for item in store::items(owner).await? {
        opened.push(open_item(item).await?);
    }
    opened.sort_by(|a, b| b.meta.updated_ms.total_cmp(&a.meta.updated_ms));
    Ok(opened)
}

/// Writes `state` and `contents` (sealed; `None` deletes them) for item `id`. The copy of a returned
/// notification stays until the item is received (O-3: no longer needed then).
pub async fn write(
    owner: &str,
    id: Uuid,
    filing: &Filing,
    state: ItemState,
    contents: Option<&Contents>,
) -> Result<(), DeviceError> {
    let sealed = match contents {
        Some(contents) => Some(seal(owner, id, contents).await?),
        None => None,
    };
    let now = now_ms();
    let existing = store::item(owner, id).await?;
    let created_ms = existing.as_ref().map_or(now, |item| item.meta.created_ms);
    let received = matches!(state, ItemState::Received { .. });
    let returned = existing.and_then(|item| item.returned).filter(|_| !received);
    let meta = ItemMeta { filing: filing.clone(), state, created_ms, updated_ms: now };
    store::put_item(&StoredItem { id, owner: owner.to_owned(), meta, sealed, returned }).await
}

/// Autosave: keeps the content as a draft, unless the item is no longer editable (queued, sent; a
/// correction also over a returned notification): then nothing changes and `false` says so.
pub async fn save_draft(owner: &str, id: Uuid, filing: &Filing, body: Body) -> Result<bool, DeviceError> {
    let _saving = Saving::start();
    if let Some(existing) = store::item(owner, id).await? {
        let state = &existing.meta.state;
        let writable = if body.is_correction() { state.is_correctable() } else { state.is_editable() };
        if !writable {
            return Ok(false);
        }
    }
    let contents = Contents { body, problem: None };
    write(owner, id, filing, ItemState::Draft, Some(&contents)).await?;
    Ok(true)
}

/// Deletes one notification of `owner` from the device.
pub async fn delete(owner: &str, id: Uuid) -> Result<(), DeviceError> {
    store::delete_item(owner, id).await
}

/// Deletes everything of `owner` on this device: notifications, key, remembered account.
pub async fn wipe(owner: &str) -> Result<(), DeviceError> {
    // Every key handle goes: the logout answer's Clear-Site-Data may have removed the stored ones
    // of other users too, and a handle without its stored key would seal what no reload can open.
    KEYS.with(|keys| keys.borrow_mut().clear());
    store::wipe(owner).await
}

/// How many of `owner`'s notifications have not reached the server.
pub async fn unsent(owner: &str) -> Result<usize, DeviceError> {
    Ok(store::items(owner).await?.iter().filter(|item| item.meta.state.is_unsent()).count())
}

#[cfg(test)]
#[cfg(target_arch = "wasm32")]
mod tests {
    use domain::api::NotificationDetail;
    use domain::forms::{Answer, Answers};

    use crate::offline::filing::Proof;
    use js_sys::{Array, Uint8Array};
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_test::{console_log, wasm_bindgen_test};

    use super::*;

    const NAME: &str = "山田 太郎";

    fn answers() -> Answers {
        Answers::from([
            ("patient_name".to_owned(), Answer::One(NAME.to_owned())),
            ("patient_address".to_owned(), Answer::One("デモ県北町1-2-3".to_owned())),
        ])
    }

    fn measles() -> Filing {
        Filing::Notification { disease: "measles".to_owned(), animal_report: None }
    }

    async fn save_answers(owner: &str, id: Uuid, answers: &Answers) -> Result<bool, DeviceError> {
        save_draft(owner, id, &measles(), Body::Notification { answers: answers.clone() }).await
    }

    fn user() -> String {
        format!("test-{}", Uuid::new_v4().simple())
    }

    #[wasm_bindgen_test]
    async fn a_draft_is_saved_listed_reopened_and_deleted() {
        let owner = user();
        let id = Uuid::new_v4();
        assert!(save_answers(&owner, id, &answers()).await.unwrap());
        let listed = list(&owner).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].meta.filing, measles());
        assert_eq!(listed[0].meta.state, ItemState::Draft);
        assert_eq!(open(&owner, id).await.unwrap().unwrap().contents.unwrap().body.answers(), answers());
        assert_eq!(open(&user(), id).await.unwrap(), None, "another user does not see it");
        delete(&owner, id).await.unwrap();
        assert!(list(&owner).await.unwrap().is_empty());
    }

    /// Content sealed by an earlier version (filing.rs's tests hold every kind's text) opens as it was.
    #[wasm_bindgen_test]
    async fn a_draft_sealed_by_an_earlier_version_opens() {
        let owner = user();
        let id = Uuid::new_v4();
        let plain = format!(r#"{{"based_on_revision":3,"answers":{{"patient_name":"{NAME}"}}}}"#);
        let sealed = crypto::seal(&user_key(&owner).await.unwrap(), plain.as_bytes(), id.as_bytes()).await.unwrap();
        let meta = ItemMeta { filing: measles(), state: ItemState::Draft, created_ms: 1.0, updated_ms: 1.0 };
        let item = StoredItem { id, owner: owner.clone(), meta, sealed: Some(sealed), returned: None };
        store::put_item(&item).await.unwrap();
        let answers = Answers::from([("patient_name".to_owned(), Answer::One(NAME.to_owned()))]);
        let body = Body::Resubmission { based_on_revision: 3, answers };
        assert_eq!(open(&owner, id).await.unwrap().unwrap().contents, Some(Contents { body, problem: None }));
    }

    #[wasm_bindgen_test]
    async fn a_queued_notification_is_not_overwritten_by_a_late_autosave() {
        let owner = user();
        let id = Uuid::new_v4();
        let queued = ItemState::Queued { attempts: 0, next_try_ms: 0.0 };
        let contents = Contents { body: Body::Notification { answers: answers() }, problem: None };
        write(&owner, id, &measles(), queued.clone(), Some(&contents)).await.unwrap();
        assert!(!save_answers(&owner, id, &Answers::new()).await.unwrap());
        let kept = open(&owner, id).await.unwrap().unwrap();
        assert_eq!(kept.meta.state, queued);
        assert_eq!(kept.contents.unwrap().body.answers(), answers());
        assert_eq!(unsent(&owner).await.unwrap(), 1);
    }

    #[wasm_bindgen_test]
    async fn wiping_a_user_removes_their_notifications_and_key_only() {
        let (owner, other) = (user(), user());
        let (mine, theirs) = (Uuid::new_v4(), Uuid::new_v4());
        save_answers(&owner, mine, &answers()).await.unwrap();
        save_answers(&other, theirs, &answers()).await.unwrap();
        wipe(&owner).await.unwrap();
        assert!(store::items(&owner).await.unwrap().is_empty());
        assert!(store::key(&owner).await.unwrap().is_none());
        assert_eq!(list(&other).await.unwrap().len(), 1);
    }

    #[wasm_bindgen_test]
    async fn two_users_correcting_one_notification_on_one_device_keep_their_own_drafts() {
        let (first, second) = (user(), user());
        let returned = Uuid::new_v4();
        let correction = |name: &str| {
            let mut answers = answers();
            answers.insert("patient_name".to_owned(), Answer::One(name.to_owned()));
            Body::Resubmission { based_on_revision: 1, answers }
        };
        assert!(save_draft(&first, returned, &measles(), correction("一人目")).await.unwrap());
        assert!(save_draft(&second, returned, &measles(), correction("二人目")).await.unwrap());
        let opened =
            |owner: String| async move { open(&owner, returned).await.unwrap().unwrap().contents.unwrap().body };
        assert_eq!(opened(first.clone()).await, correction("一人目"));
        assert_eq!(opened(second.clone()).await, correction("二人目"));
        assert_eq!(list(&first).await.unwrap().len(), 1, "each lists only their own");

        // One sends theirs: the other's draft stays a draft, with what they typed.
        let queued = ItemState::Queued { attempts: 0, next_try_ms: 0.0 };
        let contents = Contents { body: correction("一人目"), problem: None };
        write(&first, returned, &measles(), queued, Some(&contents)).await.unwrap();
        let theirs = open(&second, returned).await.unwrap().unwrap();
        assert_eq!(theirs.meta.state, ItemState::Draft);
        assert_eq!(unsent(&second).await.unwrap(), 1);

        // Logging one out wipes only theirs.
        wipe(&first).await.unwrap();
        assert_eq!(open(&first, returned).await.unwrap(), None);
        assert_eq!(opened(second).await, correction("二人目"));
    }

    fn returned_detail(id: Uuid, revision: u32) -> NotificationDetail {
        serde_json::from_value(serde_json::json!({
            "summary": {
                "receipt": {
                    "notification_id": id, "receipt_number": "20261206-000001",
                    "received_at": "2026-12-06T00:00:00Z", "health_center": { "code": "9901", "name": "北保健所" }
                },
                "disease": "measles", "status": "returned", "revision": revision, "urgent": true, "overdue": false,
                "institution": { "code": "1", "name": "北町こどもクリニック" },
                "health_center": { "code": "9901", "name": "北保健所" },
                "return_comment": "住所を確認してください"
            },
            "filed_by": "doctor1",
            "answers": { "patient_name": NAME },
            "history": []
        }))
        .unwrap()
    }

    #[wasm_bindgen_test]
    async fn a_returned_notification_is_kept_sealed_until_its_correction_is_received() {
        let (owner, other) = (user(), user());
        let id = Uuid::new_v4();
        let detail = returned_detail(id, 1);
        assert!(!keep_returned(&owner, id, &detail).await.unwrap(), "nothing kept without the returned item");
        let returned = ItemState::Returned { receipt: detail.summary.receipt.clone() };
        write(&owner, id, &measles(), returned, None).await.unwrap();
        assert!(keep_returned(&owner, id, &detail).await.unwrap());
        assert_eq!(returned_copy(&owner, id).await.unwrap(), Some(detail.clone()));
        assert_eq!(returned_copy::<NotificationDetail>(&other, id).await.unwrap(), None, "another user never reads it");
        assert!(list(&owner).await.unwrap()[0].returned_kept);

        // Kept as the server sent it (the filing path's way), it reads back the same, whole or in part.
        let sent = serde_json::to_string(&detail).unwrap();
        let as_sent: Lazy<NotificationDetail> = serde_json::from_str(&sent).unwrap();
        assert!(keep_returned(&owner, id, &as_sent).await.unwrap());
        assert_eq!(returned_copy(&owner, id).await.unwrap(), Some(detail.clone()));
        let part: Option<crate::api::DetailSummary> = returned_copy(&owner, id).await.unwrap();
        assert_eq!(part.map(|part| part.summary.revision), Some(1));

        // Sealed: the patient's name is nowhere readable in the record.
        let mut bytes = Vec::new();
        stored_bytes(&store::raw_item(&owner, id).await.unwrap(), &mut bytes);
        assert!(!bytes.windows(NAME.len()).any(|window| window == NAME.as_bytes()));

        // Corrected, queued and received: the copy goes with the answers.
        let body = Body::Resubmission { based_on_revision: 1, answers: answers() };
        assert!(save_draft(&owner, id, &measles(), body).await.unwrap());
        assert!(
            returned_copy::<NotificationDetail>(&owner, id).await.unwrap().is_some(),
            "kept while the correction is a draft"
        );
        let receipt = Proof::Notification(detail.summary.receipt.clone());
        write(&owner, id, &measles(), ItemState::Received { receipt }, None).await.unwrap();
        assert_eq!(returned_copy::<NotificationDetail>(&owner, id).await.unwrap(), None);
    }

    /// Every string and byte array in a stored value, as bytes, recursively.
    fn stored_bytes(value: &JsValue, out: &mut Vec<u8>) {
        if let Some(text) = value.as_string() {
            out.extend_from_slice(text.as_bytes());
        } else if let Some(array) = value.dyn_ref::<Uint8Array>() {
            out.extend(array.to_vec());
        } else if value.is_object() {
            let object = js_sys::Object::from(value.clone());
            for entry in js_sys::Object::entries(&object).iter() {
                stored_bytes(&Array::from(&entry).get(1), out);
            }
        }
    }

    #[wasm_bindgen_test]
    async fn nothing_readable_about_the_patient_is_stored() {
        let owner = user();
        let id = Uuid::new_v4();
        save_answers(&owner, id, &answers()).await.unwrap();
        let raw = store::raw_item(&owner, id).await.unwrap();
        let mut bytes = Vec::new();
        stored_bytes(&raw, &mut bytes);
        assert!(bytes.len() > 40, "the record was read");
        for secret in [NAME, "山田", "北町1-2-3"] {
            let needle = secret.as_bytes();
            assert!(!bytes.windows(needle.len()).any(|window| window == needle), "{secret} is stored readable");
        }
    }

    /// Not a check: prints the autosave latency (seal + write) for docs/performance.md.
    #[wasm_bindgen_test]
    async fn autosave_latency_figure() {
        let owner = user();
        let id = Uuid::new_v4();
        let mut form = answers();
        let mut times = Vec::new();
        for round in 0..200 {
            form.insert("patient_age".to_owned(), Answer::One(round.to_string()));
            let start = now_ms();
            save_answers(&owner, id, &form).await.unwrap();
            times.push(now_ms() - start);
        }
        times.sort_by(f64::total_cmp);
        let p = |q: f64| times[((times.len() as f64 - 1.0) * q) as usize];
        console_log!(
            "autosave latency over 200 saves: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms",
            p(0.5),
            p(0.95),
            p(1.0)
        );
    }
}
