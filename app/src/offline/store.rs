//! The device's IndexedDB database (through rexie): encrypted outbox items (notifications and sentinel
//! reports), each user's key, and the
//! last account seen. Each function is one transaction that awaits only IndexedDB requests (awaiting
//! anything else, such as WebCrypto, would let IndexedDB commit the transaction early).
//! Beside it, in local storage, whether any account is remembered ([`account_remembered`]), so that a
//! start without a network learns it without loading this module (group `sync`).
//!
//! Items are keyed by their owner and id together: the correction of a returned notification takes the
//! notification's id, and two colleagues correcting it on one shared device each keep their own.

use std::cell::RefCell;
use std::rc::Rc;

use domain::api::Me;
use domain::sentinel::{ReportKind, ReportPeriod};
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use rexie::{Index, KeyRange, ObjectStore, Rexie, Transaction, TransactionMode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::CryptoKey;

use super::crypto::Sealed;
use super::filing::Filing;
use super::machine::ItemState;
use super::{local_storage, DeviceError};

const DATABASE: &str = "todoke-offline";
/// Version 2 keys items by (owner, id); version 1 kept them in [`ITEMS_BY_ID`], by id alone.
const VERSION: u32 = 2;
const ITEMS: &str = "owned_items";
/// Version 1's items, moved to [`ITEMS`] when the database is first opened by this version.
const ITEMS_BY_ID: &str = "items";
const KEYS: &str = "keys";
const ACCOUNTS: &str = "accounts";
const BY_OWNER: &str = "by_owner";
/// Local storage's note of whether [`ACCOUNTS`] holds any: `"1"` or `"0"`, written wherever accounts
/// are written, deleted or read here (the logout answer's Clear-Site-Data removes it with them).
const ANY_ACCOUNT_KEY: &str = "todoke.account_remembered";

/// What is kept in clear beside the encrypted answers: nothing about the patient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "MetaRecord", into = "MetaRecord")]
pub struct ItemMeta {
    /// What the item files: a notification of a disease, or a sentinel report of a form and period.
    pub filing: Filing,
    pub state: ItemState,
    /// When the notification was first saved on the device (ms since 1970): the outbox's order.
    pub created_ms: f64,
    pub updated_ms: f64,
}

/// [`ItemMeta`] as the record's `meta` JSON holds it: the filing's fields (whichever kind it is) beside
/// the state and times, in one object. Devices have stored this shape since the first version (written
/// then by serde's `flatten` of an untagged `Filing`), so what they hold reads as it is; a plain struct
/// reads it with a fraction of the code `flatten` took, which buffered the whole object first.
#[derive(Serialize, Deserialize)]
struct MetaRecord {
    #[serde(skip_serializing_if = "Option::is_none")]
    disease: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    animal_report: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    report_kind: Option<ReportKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    period: Option<ReportPeriod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    syndromic_institution: Option<String>,
    state: ItemState,
    created_ms: f64,
    updated_ms: f64,
}

impl From<ItemMeta> for MetaRecord {
    fn from(ItemMeta { filing, state, created_ms, updated_ms }: ItemMeta) -> Self {
        let mut record = Self {
            disease: None,
            animal_report: None,
            report_kind: None,
            period: None,
            syndromic_institution: None,
            state,
            created_ms,
            updated_ms,
        };
        match filing {
            Filing::Notification { disease, animal_report } => {
                (record.disease, record.animal_report) = (Some(disease), animal_report);
            }
            Filing::SentinelReport { report_kind, period } => {
                (record.report_kind, record.period) = (Some(report_kind), Some(period));
            }
            Filing::SyndromicReport { syndromic_institution } => {
                record.syndromic_institution = Some(syndromic_institution);
            }
        }
        record
    }
}

impl TryFrom<MetaRecord> for ItemMeta {
    type Error = &'static str;

    /// The kinds in the order they came (filing.rs): a disease makes a notification.
    fn try_from(record: MetaRecord) -> Result<Self, Self::Error> {
        let filing = match record {
            MetaRecord { disease: Some(disease), animal_report, .. } => Filing::Notification { disease, animal_report },
            MetaRecord { report_kind: Some(report_kind), period: Some(period), .. } => {
                Filing::SentinelReport { report_kind, period }
            }
            MetaRecord { syndromic_institution: Some(syndromic_institution), .. } => {
                Filing::SyndromicReport { syndromic_institution }
            }
            _ => return Err("an outbox item that files nothing"),
        };
        Ok(Self { filing, state: record.state, created_ms: record.created_ms, updated_ms: record.updated_ms })
    }
}

/// One item on the device: its id (the `PUT` id), whose it is, its sealed content (absent once the
/// receipt came) and, for a returned notification, the sealed copy of it as the server returned it
/// (so that its correction opens without a network).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredItem {
    pub id: Uuid,
    pub owner: String,
    pub meta: ItemMeta,
    pub sealed: Option<Sealed>,
    pub returned: Option<Sealed>,
}

/// The account last logged in on this device, so that the app can start offline.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountRecord {
    pub me: Me,
    /// When it last logged in or was confirmed by the server (ms since 1970).
    pub seen_ms: f64,
    /// Where the change feed continues for this account.
    pub feed_cursor: u64,
}

thread_local! {
    static OPEN: RefCell<Option<Rc<Rexie>>> = const { RefCell::new(None) };
}

/// As rexie words it: an `idb::Error` too goes through rexie's, whose words are short (its own runs to
/// 3 KB of code in the sync engine's module, issue 17).
fn storage(error: rexie::Error) -> DeviceError {
    DeviceError::Storage(error.to_string())
}

/// The database, opened (and created or upgraded) once per page.
async fn database() -> Result<Rc<Rexie>, DeviceError> {
    if let Some(open) = OPEN.with(|open| open.borrow().clone()) {
        return Ok(open);
    }
    let rexie = Rexie::builder(DATABASE)
        .version(VERSION)
        .add_object_store(ObjectStore::new(ITEMS_BY_ID).key_path("id").add_index(Index::new(BY_OWNER, "owner")))
        .add_object_store(
            ObjectStore::new(ITEMS).key_path_array(["owner", "id"]).add_index(Index::new(BY_OWNER, "owner")),
        )
        .add_object_store(ObjectStore::new(KEYS).key_path("owner"))
        .add_object_store(ObjectStore::new(ACCOUNTS).key_path("owner"))
        .build()
        .await
        .map_err(storage)?;
    move_items_keyed_by_id(&rexie).await?;
    let rexie = Rc::new(rexie);
    OPEN.with(|open| *open.borrow_mut() = Some(rexie.clone()));
    Ok(rexie)
}

/// Moves what version 1 stored by id alone (records carry their owner) to the items keyed by both.
async fn move_items_keyed_by_id(rexie: &Rexie) -> Result<(), DeviceError> {
    let transaction = rexie.transaction(&[ITEMS_BY_ID, ITEMS], TransactionMode::ReadWrite).map_err(storage)?;
    let old = transaction.store(ITEMS_BY_ID).map_err(storage)?;
    let records = old.get_all(None, None).await.map_err(storage)?;
    if records.is_empty() {
        return Ok(());
    }
    let items = transaction.store(ITEMS).map_err(storage)?;
    for record in &records {
        items.put(record, None).await.map_err(storage)?;
    }
    old.clear().await.map_err(storage)?;
    transaction.done().await.map_err(storage)?;
    Ok(())
}

/// The key of `owner`'s item `id`.
fn item_key(owner: &str, id: Uuid) -> JsValue {
    js_sys::Array::of2(&JsValue::from_str(owner), &JsValue::from_str(&id.to_string())).into()
}

/// A transaction on `stores`. A connection the browser closed (site data cleared, e.g. by the
/// logout answer's `Clear-Site-Data`) is dropped and the database opened again.
async fn begin(stores: &[&str], mode: TransactionMode) -> Result<Transaction, DeviceError> {
    if let Ok(transaction) = database().await?.transaction(stores, mode) {
        return Ok(transaction);
    }
    OPEN.with(|open| *open.borrow_mut() = None);
    database().await?.transaction(stores, mode).map_err(storage)
}

fn object(fields: &[(&str, &JsValue)]) -> Result<JsValue, DeviceError> {
    let object = Object::new();
    for (name, value) in fields {
        Reflect::set(&object, &JsValue::from_str(name), value).map_err(|_| DeviceError::Corrupt)?;
    }
    Ok(object.into())
}

fn field(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn text(object: &JsValue, name: &str) -> Result<String, DeviceError> {
    field(object, name).as_string().ok_or(DeviceError::Corrupt)
}

fn bytes(object: &JsValue, name: &str) -> Option<Vec<u8>> {
    field(object, name).dyn_into::<Uint8Array>().ok().map(|array| array.to_vec())
}

fn json<T: Serialize>(value: &T) -> Result<JsValue, DeviceError> {
    serde_json::to_string(value).map(|json| JsValue::from_str(&json)).map_err(|_| DeviceError::Corrupt)
}

fn from_json<T: for<'de> Deserialize<'de>>(object: &JsValue, name: &str) -> Result<T, DeviceError> {
    serde_json::from_str(&text(object, name)?).map_err(|_| DeviceError::Corrupt)
}

/// Where a record keeps a sealed value: its nonce's field and its bytes' field.
type SealedFields = (&'static str, &'static str);
const CONTENT_FIELDS: SealedFields = ("iv", "sealed");
const RETURNED_FIELDS: SealedFields = ("returned_iv", "returned");

fn set_sealed(record: &JsValue, (iv_field, bytes_field): SealedFields, sealed: &Sealed) -> Result<(), DeviceError> {
    for (field, bytes) in [(iv_field, &sealed.iv), (bytes_field, &sealed.bytes)] {
        let value: JsValue = Uint8Array::from(bytes.as_slice()).into();
        Reflect::set(record, &JsValue::from_str(field), &value).map_err(|_| DeviceError::Corrupt)?;
    }
    Ok(())
}

fn sealed_in(record: &JsValue, (iv_field, bytes_field): SealedFields) -> Option<Sealed> {
    bytes(record, iv_field).zip(bytes(record, bytes_field)).map(|(iv, bytes)| Sealed { iv, bytes })
}

fn item_to_js(item: &StoredItem) -> Result<JsValue, DeviceError> {
    let id = JsValue::from_str(&item.id.to_string());
    let owner = JsValue::from_str(&item.owner);
    let record = object(&[("id", &id), ("owner", &owner), ("meta", &json(&item.meta)?)])?;
    for (fields, sealed) in [(CONTENT_FIELDS, &item.sealed), (RETURNED_FIELDS, &item.returned)] {
        if let Some(sealed) = sealed {
            set_sealed(&record, fields, sealed)?;
        }
    }
    Ok(record)
}

fn item_from_js(value: &JsValue) -> Result<StoredItem, DeviceError> {
    let id = Uuid::parse_str(&text(value, "id")?).map_err(|_| DeviceError::Corrupt)?;
    Ok(StoredItem {
        id,
        owner: text(value, "owner")?,
        meta: from_json(value, "meta")?,
        sealed: sealed_in(value, CONTENT_FIELDS),
        returned: sealed_in(value, RETURNED_FIELDS),
    })
}

/// Saves (inserts or replaces) one item.
pub async fn put_item(item: &StoredItem) -> Result<(), DeviceError> {
    let value = item_to_js(item)?;
    let transaction = begin(&[ITEMS], TransactionMode::ReadWrite).await?;
    transaction.store(ITEMS).map_err(storage)?.put(&value, None).await.map_err(storage)?;
    transaction.done().await.map_err(storage)?;
    Ok(())
}

/// `owner`'s item `id`; another user's item of the same id is never seen.
pub async fn item(owner: &str, id: Uuid) -> Result<Option<StoredItem>, DeviceError> {
    let transaction = begin(&[ITEMS], TransactionMode::ReadOnly).await?;
    let found = transaction.store(ITEMS).map_err(storage)?.get(item_key(owner, id)).await;
    found.map_err(storage)?.filter(|value| !value.is_undefined()).map(|value| item_from_js(&value)).transpose()
}

/// Replaces the sealed copy of the returned notification on `owner`'s item `id`, leaving the rest as
/// it is (in one transaction, so that an autosave meanwhile is not undone); `false` without such an item.
pub async fn put_returned(owner: &str, id: Uuid, copy: &Sealed) -> Result<bool, DeviceError> {
    let transaction = begin(&[ITEMS], TransactionMode::ReadWrite).await?;
    let items = transaction.store(ITEMS).map_err(storage)?;
    let found = items.get(item_key(owner, id)).await.map_err(storage)?.filter(|value| !value.is_undefined());
    let Some(record) = found else {
        return Ok(false);
    };
    let item = StoredItem { returned: Some(copy.clone()), ..item_from_js(&record)? };
    items.put(&item_to_js(&item)?, None).await.map_err(storage)?;
    transaction.done().await.map_err(storage)?;
    Ok(true)
}

/// Every notification of `owner` on this device (unordered).
pub async fn items(owner: &str) -> Result<Vec<StoredItem>, DeviceError> {
    let transaction = begin(&[ITEMS], TransactionMode::ReadOnly).await?;
    let index = transaction.store(ITEMS).map_err(storage)?.index(BY_OWNER).map_err(storage)?;
    let range = KeyRange::only(&JsValue::from_str(owner)).map_err(|e| storage(e.into()))?;
    let values = index.get_all(Some(range), None).await.map_err(storage)?;
    values.iter().map(item_from_js).collect()
}

pub async fn delete_item(owner: &str, id: Uuid) -> Result<(), DeviceError> {
    let transaction = begin(&[ITEMS], TransactionMode::ReadWrite).await?;
    transaction.store(ITEMS).map_err(storage)?.delete(item_key(owner, id)).await.map_err(storage)?;
    transaction.done().await.map_err(storage)?;
    Ok(())
}

/// The user's key, if one was made on this device.
pub async fn key(owner: &str) -> Result<Option<CryptoKey>, DeviceError> {
    let transaction = begin(&[KEYS], TransactionMode::ReadOnly).await?;
    let found = transaction.store(KEYS).map_err(storage)?.get(JsValue::from_str(owner)).await.map_err(storage)?;
    Ok(found.map(|record| field(&record, "key")).and_then(|key| key.dyn_into::<CryptoKey>().ok()))
}

/// Stores the user's key unless one is there already (two tabs racing): `false` then, and the
/// caller reads the one that won.
pub async fn add_key(owner: &str, key: &CryptoKey) -> Result<bool, DeviceError> {
    let record = object(&[("owner", &JsValue::from_str(owner)), ("key", key.as_ref())])?;
    let transaction = begin(&[KEYS], TransactionMode::ReadWrite).await?;
    let added = transaction.store(KEYS).map_err(storage)?.add(&record, None).await;
    match added {
        Ok(_) => {
            transaction.done().await.map_err(storage)?;
            Ok(true)
        }
        Err(_) => Ok(false),
    }
}

pub async fn put_account(account: &AccountRecord) -> Result<(), DeviceError> {
    let record = object(&[
        ("owner", &JsValue::from_str(&account.me.user_id)),
        ("me", &json(&account.me)?),
        ("seen_ms", &JsValue::from_f64(account.seen_ms)),
        // Cursors are database sequence numbers, far below 2^53.
        ("feed_cursor", &JsValue::from_f64(account.feed_cursor as f64)),
    ])?;
    let transaction = begin(&[ACCOUNTS], TransactionMode::ReadWrite).await?;
    transaction.store(ACCOUNTS).map_err(storage)?.put(&record, None).await.map_err(storage)?;
    transaction.done().await.map_err(storage)?;
    note_accounts(true);
    Ok(())
}

/// Every account remembered on this device (and the note of whether there is any made true).
pub async fn accounts() -> Result<Vec<AccountRecord>, DeviceError> {
    let transaction = begin(&[ACCOUNTS], TransactionMode::ReadOnly).await?;
    let values = transaction.store(ACCOUNTS).map_err(storage)?.get_all(None, None).await.map_err(storage)?;
    note_accounts(!values.is_empty());
    values
        .iter()
        .map(|value| {
            Ok(AccountRecord {
                me: from_json(value, "me")?,
                seen_ms: field(value, "seen_ms").as_f64().unwrap_or_default(),
                feed_cursor: field(value, "feed_cursor").as_f64().map_or(0, |cursor| cursor as u64),
            })
        })
        .collect()
}

/// Deletes everything of `owner`: notifications, key and account, in one transaction.
pub async fn wipe(owner: &str) -> Result<(), DeviceError> {
    let owner_key = JsValue::from_str(owner);
    let transaction = begin(&[ITEMS, KEYS, ACCOUNTS], TransactionMode::ReadWrite).await?;
    let items = transaction.store(ITEMS).map_err(storage)?;
    let range = KeyRange::only(&owner_key).map_err(|e| storage(e.into()))?;
    let ids = items.index(BY_OWNER).map_err(storage)?.get_all_keys(Some(range), None).await.map_err(storage)?;
    for id in ids {
        items.delete(id).await.map_err(storage)?;
    }
    transaction.store(KEYS).map_err(storage)?.delete(owner_key.clone()).await.map_err(storage)?;
    let accounts = transaction.store(ACCOUNTS).map_err(storage)?;
    accounts.delete(owner_key).await.map_err(storage)?;
    let left = accounts.count(None).await.map_err(storage)?;
    transaction.done().await.map_err(storage)?;
    note_accounts(left > 0);
    Ok(())
}

/// Whether an account is remembered on this device, learnt without opening IndexedDB (and without
/// this module's other code: the shell asks before any session, `auth.rs`): local storage's note.
/// Without one (a device new to todoke, storage cleared, or one that remembered its account before
/// the note was kept): `Some(false)` where this app's database does not exist, else `None`, and only
/// [`accounts`] can tell (and notes it).
pub async fn account_remembered() -> Option<bool> {
    let note = local_storage().and_then(|storage| storage.get_item(ANY_ACCOUNT_KEY).ok().flatten());
    match read_note(note.as_deref()) {
        Some(known) => Some(known),
        None => (database_exists().await == Some(false)).then_some(false),
    }
}

#[wasm_bindgen]
extern "C" {
    /// `indexedDB.databases()`: this origin's databases, named without opening one (not in web-sys).
    #[wasm_bindgen(js_namespace = indexedDB, js_name = databases, catch)]
    fn databases() -> Result<Promise, JsValue>;
}

/// Whether this app's database exists; `None` where the browser cannot say.
async fn database_exists() -> Option<bool> {
    let listed = JsFuture::from(databases().ok()?).await.ok()?;
    Some(Array::from(&listed).iter().any(|database| field(&database, "name").as_string().as_deref() == Some(DATABASE)))
}

fn read_note(note: Option<&str>) -> Option<bool> {
    match note {
        Some("1") => Some(true),
        Some("0") => Some(false),
        _ => None,
    }
}

fn note_accounts(any: bool) {
    // Without storage there is no note, and a start without a network looks in IndexedDB, as before.
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(ANY_ACCOUNT_KEY, if any { "1" } else { "0" });
    }
}

/// The record of `id` exactly as IndexedDB holds it, for tests that look at what is stored.
#[cfg(test)]
#[cfg(target_arch = "wasm32")]
pub async fn raw_item(owner: &str, id: Uuid) -> Result<JsValue, DeviceError> {
    let transaction = begin(&[ITEMS], TransactionMode::ReadOnly).await?;
    let found = transaction.store(ITEMS).map_err(storage)?.get(item_key(owner, id)).await;
    found.map_err(storage)?.ok_or(DeviceError::Corrupt)
}

#[cfg(test)]
#[cfg(target_arch = "wasm32")]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test]
    async fn items_kept_by_id_alone_move_to_their_owner_once() {
        let owner = format!("test-{}", Uuid::new_v4().simple());
        let id = Uuid::new_v4();
        let filing = Filing::Notification { disease: "measles".to_owned(), animal_report: None };
        let meta = ItemMeta { filing, state: ItemState::Draft, created_ms: 1.0, updated_ms: 2.0 };
        let sealed = Some(Sealed { iv: vec![1; 12], bytes: vec![2; 20] });
        let kept = StoredItem { id, owner: owner.clone(), meta, sealed, returned: None };
        let rexie = database().await.unwrap();
        let transaction = rexie.transaction(&[ITEMS_BY_ID], TransactionMode::ReadWrite).unwrap();
        transaction.store(ITEMS_BY_ID).unwrap().put(&item_to_js(&kept).unwrap(), None).await.unwrap();
        transaction.done().await.unwrap();

        move_items_keyed_by_id(&rexie).await.unwrap();
        assert_eq!(item(&owner, id).await.unwrap(), Some(kept.clone()));
        assert_eq!(item("someone-else", id).await.unwrap(), None);
        let transaction = rexie.transaction(&[ITEMS_BY_ID], TransactionMode::ReadOnly).unwrap();
        assert_eq!(transaction.store(ITEMS_BY_ID).unwrap().count(None).await.unwrap(), 0, "moved, not copied");
        move_items_keyed_by_id(&rexie).await.unwrap();
        assert_eq!(items(&owner).await.unwrap(), vec![kept]);
    }

    /// The note read before any session follows the accounts: made by remembering one, removed with
    /// storage (unknown while the database is there), written again by a look at the accounts, and
    /// by a wipe.
    #[wasm_bindgen_test]
    async fn the_note_of_a_remembered_account_follows_the_accounts() {
        use domain::api::{CodeDestination, Organization, PasswordStatus, Role, SecondFactorMethod};
        let owner = format!("test-{}", Uuid::new_v4().simple());
        let me = Me {
            user_id: owner.clone(),
            display_name: "北町 記憶".to_owned(),
            role: Role::Doctor,
            organization: Organization { code: "1310000001".to_owned(), name: "北町診療所".to_owned() },
            may_download_records: false,
            password: PasswordStatus { change_required: None, expires_on: None },
            second_factor: CodeDestination {
                method: SecondFactorMethod::Email, hint: "k•••@example.jp".to_owned()
            },
            passkeys: 0,
        };
        put_account(&AccountRecord { me, seen_ms: 1.0, feed_cursor: 0 }).await.unwrap();
        assert_eq!(account_remembered().await, Some(true));

        // The database is there: without the note, only a look at the accounts can tell.
        local_storage().unwrap().remove_item(ANY_ACCOUNT_KEY).unwrap();
        assert_eq!(database_exists().await, Some(true));
        assert_eq!(account_remembered().await, None);
        let others = accounts().await.unwrap().into_iter().filter(|account| account.me.user_id != owner).count();
        assert_eq!(account_remembered().await, Some(true));

        wipe(&owner).await.unwrap();
        assert_eq!(account_remembered().await, Some(others > 0));
        assert_eq!(read_note(Some("yes")), None, "only this module's own notes count");
    }

    /// A record as devices stored it before `ItemMeta` was read field by field (filing.rs's tests hold
    /// every kind's text): it reads as the same item.
    #[wasm_bindgen_test]
    async fn an_item_stored_by_an_earlier_version_reads() {
        let owner = format!("test-{}", Uuid::new_v4().simple());
        let id = Uuid::new_v4();
        let meta = r#"{"disease":"measles","state":{"state":"queued","attempts":2,"next_try_ms":1.5},"created_ms":1.0,"updated_ms":2.0}"#;
        let record = object(&[
            ("id", &JsValue::from_str(&id.to_string())),
            ("owner", &JsValue::from_str(&owner)),
            ("meta", &JsValue::from_str(meta)),
        ])
        .unwrap();
        let sealed = Sealed { iv: vec![1; 12], bytes: vec![2; 20] };
        set_sealed(&record, CONTENT_FIELDS, &sealed).unwrap();
        let transaction = begin(&[ITEMS], TransactionMode::ReadWrite).await.unwrap();
        transaction.store(ITEMS).unwrap().put(&record, None).await.unwrap();
        transaction.done().await.unwrap();

        let read = item(&owner, id).await.unwrap().unwrap();
        let filing = Filing::Notification { disease: "measles".to_owned(), animal_report: None };
        let state = ItemState::Queued { attempts: 2, next_try_ms: 1.5 };
        assert_eq!(read.meta, ItemMeta { filing, state, created_ms: 1.0, updated_ms: 2.0 });
        assert_eq!(read.sealed, Some(sealed));
    }
}
