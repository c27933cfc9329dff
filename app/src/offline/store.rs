//! The device's IndexedDB database (through rexie): encrypted outbox items (notifications and sentinel
//! reports), each user's key, and the
//! last account seen. Each function is one transaction that awaits only IndexedDB requests (awaiting
//! anything else, such as WebCrypto, would let IndexedDB commit the transaction early).

use std::cell::RefCell;
use std::rc::Rc;

use domain::api::Me;
use js_sys::{Object, Reflect, Uint8Array};
use rexie::{Index, KeyRange, ObjectStore, Rexie, Transaction, TransactionMode};
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::CryptoKey;

use super::crypto::Sealed;
use super::filing::Filing;
use super::machine::ItemState;
use super::DeviceError;

const DATABASE: &str = "todoke-offline";
const ITEMS: &str = "items";
const KEYS: &str = "keys";
const ACCOUNTS: &str = "accounts";
const BY_OWNER: &str = "by_owner";

/// What is kept in clear beside the encrypted answers: nothing about the patient.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemMeta {
    /// What the item files: a notification of a disease, or a sentinel report of a form and period.
    #[serde(flatten)]
    pub filing: Filing,
    pub state: ItemState,
    /// When the notification was first saved on the device (ms since 1970): the outbox's order.
    pub created_ms: f64,
    pub updated_ms: f64,
}

/// One item on the device: its id (the `PUT` id), whose it is, and its sealed content
/// (absent once the receipt came).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredItem {
    pub id: Uuid,
    pub owner: String,
    pub meta: ItemMeta,
    pub sealed: Option<Sealed>,
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

fn storage(error: rexie::Error) -> DeviceError {
    DeviceError::Storage(error.to_string())
}

/// The database, opened (and created or upgraded) once per page.
async fn database() -> Result<Rc<Rexie>, DeviceError> {
    if let Some(open) = OPEN.with(|open| open.borrow().clone()) {
        return Ok(open);
    }
    let rexie = Rexie::builder(DATABASE)
        .version(1)
        .add_object_store(ObjectStore::new(ITEMS).key_path("id").add_index(Index::new(BY_OWNER, "owner")))
        .add_object_store(ObjectStore::new(KEYS).key_path("owner"))
        .add_object_store(ObjectStore::new(ACCOUNTS).key_path("owner"))
        .build()
        .await
        .map_err(storage)?;
    let rexie = Rc::new(rexie);
    OPEN.with(|open| *open.borrow_mut() = Some(rexie.clone()));
    Ok(rexie)
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

fn item_to_js(item: &StoredItem) -> Result<JsValue, DeviceError> {
    let id = JsValue::from_str(&item.id.to_string());
    let owner = JsValue::from_str(&item.owner);
    let meta = json(&item.meta)?;
    match &item.sealed {
        Some(sealed) => {
            let iv: JsValue = Uint8Array::from(sealed.iv.as_slice()).into();
            let content: JsValue = Uint8Array::from(sealed.bytes.as_slice()).into();
            object(&[("id", &id), ("owner", &owner), ("meta", &meta), ("iv", &iv), ("sealed", &content)])
        }
        None => object(&[("id", &id), ("owner", &owner), ("meta", &meta)]),
    }
}

fn item_from_js(value: &JsValue) -> Result<StoredItem, DeviceError> {
    let id = Uuid::parse_str(&text(value, "id")?).map_err(|_| DeviceError::Corrupt)?;
    let sealed = bytes(value, "iv").zip(bytes(value, "sealed")).map(|(iv, bytes)| Sealed { iv, bytes });
    Ok(StoredItem { id, owner: text(value, "owner")?, meta: from_json(value, "meta")?, sealed })
}

/// Saves (inserts or replaces) one notification.
pub async fn put_item(item: &StoredItem) -> Result<(), DeviceError> {
    let value = item_to_js(item)?;
    let transaction = begin(&[ITEMS], TransactionMode::ReadWrite).await?;
    transaction.store(ITEMS).map_err(storage)?.put(&value, None).await.map_err(storage)?;
    transaction.done().await.map_err(storage)?;
    Ok(())
}

pub async fn item(id: Uuid) -> Result<Option<StoredItem>, DeviceError> {
    let transaction = begin(&[ITEMS], TransactionMode::ReadOnly).await?;
    let found = transaction.store(ITEMS).map_err(storage)?.get(JsValue::from_str(&id.to_string())).await;
    found.map_err(storage)?.filter(|value| !value.is_undefined()).map(|value| item_from_js(&value)).transpose()
}

/// Every notification of `owner` on this device (unordered).
pub async fn items(owner: &str) -> Result<Vec<StoredItem>, DeviceError> {
    let transaction = begin(&[ITEMS], TransactionMode::ReadOnly).await?;
    let index = transaction.store(ITEMS).map_err(storage)?.index(BY_OWNER).map_err(storage)?;
    let range = KeyRange::only(&JsValue::from_str(owner)).map_err(|e| DeviceError::Storage(e.to_string()))?;
    let values = index.get_all(Some(range), None).await.map_err(storage)?;
    values.iter().map(item_from_js).collect()
}

pub async fn delete_item(id: Uuid) -> Result<(), DeviceError> {
    let transaction = begin(&[ITEMS], TransactionMode::ReadWrite).await?;
    transaction.store(ITEMS).map_err(storage)?.delete(JsValue::from_str(&id.to_string())).await.map_err(storage)?;
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
    Ok(())
}

/// Every account remembered on this device.
pub async fn accounts() -> Result<Vec<AccountRecord>, DeviceError> {
    let transaction = begin(&[ACCOUNTS], TransactionMode::ReadOnly).await?;
    let values = transaction.store(ACCOUNTS).map_err(storage)?.get_all(None, None).await.map_err(storage)?;
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
    let range = KeyRange::only(&owner_key).map_err(|e| DeviceError::Storage(e.to_string()))?;
    let ids = items.index(BY_OWNER).map_err(storage)?.get_all_keys(Some(range), None).await.map_err(storage)?;
    for id in ids {
        items.delete(id).await.map_err(storage)?;
    }
    transaction.store(KEYS).map_err(storage)?.delete(owner_key.clone()).await.map_err(storage)?;
    transaction.store(ACCOUNTS).map_err(storage)?.delete(owner_key).await.map_err(storage)?;
    transaction.done().await.map_err(storage)?;
    Ok(())
}

/// The record of `id` exactly as IndexedDB holds it, for tests that look at what is stored.
#[cfg(test)]
#[cfg(target_arch = "wasm32")]
pub async fn raw_item(id: Uuid) -> Result<JsValue, DeviceError> {
    let transaction = begin(&[ITEMS], TransactionMode::ReadOnly).await?;
    let found = transaction.store(ITEMS).map_err(storage)?.get(JsValue::from_str(&id.to_string())).await;
    found.map_err(storage)?.ok_or(DeviceError::Corrupt)
}
