//! Offline-first (O-1 … O-3): the service worker and its update banner, drafts sealed with WebCrypto
//! in IndexedDB, and the outbox whose sync engine delivers each notification exactly once.
//!
//! `machine` is the pure state machine; `filing` what an item files (a notification or a sentinel
//! report); `store` the IndexedDB records; `crypto` the sealing; `drafts` ties them into the user's
//! items on the device; `sync` sends and pulls;
//! `gate`, `list` and `worker` are what the screens use. The shell (auth, header) reaches the outbox's
//! engine and the store only through `crate::lazy`'s `sync` calls, so that their code is not in the
//! module the login form waits for; only `worker`, `words`, the outbox's handle (`Outbox::new`, `stop`)
//! and the store's note of whether an account is remembered (`store::account_remembered`) are.

pub mod crypto;
pub mod drafts;
pub mod filing;
pub mod gate;
pub mod list;
pub mod machine;
pub mod store;
pub mod sync;
pub mod words;
pub mod worker;

/// Why something could not be kept on, or read from, this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeviceError {
    /// IndexedDB refused (private browsing, full storage, a blocked upgrade).
    Storage(String),
    /// WebCrypto refused, or sealed data did not open (another key, altered bytes).
    Crypto,
    /// A stored record is not what this app writes.
    Corrupt,
}

/// The browser's local storage (small notes that outlive the tab: the display language, a logout
/// owed, whether an account is remembered); `None` where the browser refuses it.
pub fn local_storage() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}
