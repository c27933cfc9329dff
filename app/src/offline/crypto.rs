//! Encryption of drafts at rest (O-3): AES-256-GCM through the browser's WebCrypto, with a key that
//! WebCrypto makes non-extractable, so no script (ours included) can ever read its bytes.

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, AesKeyGenParams, Crypto, CryptoKey, SubtleCrypto};

use super::DeviceError;

/// AES-GCM's recommended nonce length.
const IV_BYTES: usize = 12;

/// Encrypted bytes with the nonce they were sealed with.
#[derive(Debug, Clone, PartialEq)]
pub struct Sealed {
    pub iv: Vec<u8>,
    pub bytes: Vec<u8>,
}

fn crypto() -> Result<Crypto, DeviceError> {
    let global = js_sys::global();
    let crypto = js_sys::Reflect::get(&global, &JsValue::from_str("crypto")).map_err(|_| DeviceError::Crypto)?;
    crypto.dyn_into::<Crypto>().map_err(|_| DeviceError::Crypto)
}

fn subtle() -> Result<SubtleCrypto, DeviceError> {
    Ok(crypto()?.subtle())
}

async fn resolve(promise: Result<Promise, JsValue>) -> Result<JsValue, DeviceError> {
    JsFuture::from(promise.map_err(|_| DeviceError::Crypto)?).await.map_err(|_| DeviceError::Crypto)
}

/// A new AES-256-GCM key for encrypting and decrypting, which can never be exported.
pub async fn new_key() -> Result<CryptoKey, DeviceError> {
    let params = AesKeyGenParams::new("AES-GCM", 256);
    let usages = Array::of2(&JsValue::from_str("encrypt"), &JsValue::from_str("decrypt"));
    let key = resolve(subtle()?.generate_key_with_object(&params, false, &usages)).await?;
    key.dyn_into::<CryptoKey>().map_err(|_| DeviceError::Crypto)
}

/// `context` is authenticated but not encrypted (the record's id): a sealed value copied onto another
/// record does not open there.
fn params(iv: &[u8], context: &[u8]) -> AesGcmParams {
    let params = AesGcmParams::new_with_u8_array("AES-GCM", &Uint8Array::from(iv));
    params.set_additional_data_u8_array(&Uint8Array::from(context));
    params
}

/// Encrypts `plain` under `key` with a fresh random nonce.
pub async fn seal(key: &CryptoKey, plain: &[u8], context: &[u8]) -> Result<Sealed, DeviceError> {
    let mut iv = vec![0_u8; IV_BYTES];
    crypto()?.get_random_values_with_u8_array(&mut iv).map_err(|_| DeviceError::Crypto)?;
    let encrypted = resolve(subtle()?.encrypt_with_object_and_u8_array(&params(&iv, context), key, plain)).await?;
    Ok(Sealed { iv, bytes: Uint8Array::new(&encrypted).to_vec() })
}

/// Decrypts what [`seal`] made; fails on another key, another context or any altered byte.
pub async fn open(key: &CryptoKey, sealed: &Sealed, context: &[u8]) -> Result<Vec<u8>, DeviceError> {
    let params = params(&sealed.iv, context);
    let plain = resolve(subtle()?.decrypt_with_object_and_u8_array(&params, key, &sealed.bytes)).await?;
    Ok(Uint8Array::new(&plain).to_vec())
}

#[cfg(test)]
#[cfg(target_arch = "wasm32")]
mod tests {
    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    #[wasm_bindgen_test]
    async fn what_is_sealed_opens_with_the_same_key_and_context() {
        let key = new_key().await.unwrap();
        let plain = "氏名: 山田 太郎".as_bytes();
        let sealed = seal(&key, plain, b"id-1").await.unwrap();
        assert_eq!(open(&key, &sealed, b"id-1").await.unwrap(), plain);
        assert_eq!(sealed.iv.len(), IV_BYTES);
        assert_ne!(seal(&key, plain, b"id-1").await.unwrap().iv, sealed.iv, "a fresh nonce each time");
    }

    #[wasm_bindgen_test]
    async fn another_key_another_context_or_an_altered_byte_fails() {
        let key = new_key().await.unwrap();
        let sealed = seal(&key, b"secret", b"id-1").await.unwrap();
        let other = new_key().await.unwrap();
        assert_eq!(open(&other, &sealed, b"id-1").await, Err(DeviceError::Crypto));
        assert_eq!(open(&key, &sealed, b"id-2").await, Err(DeviceError::Crypto));
        let mut altered = sealed.clone();
        altered.bytes[0] ^= 1;
        assert_eq!(open(&key, &altered, b"id-1").await, Err(DeviceError::Crypto));
    }

    #[wasm_bindgen_test]
    async fn the_key_cannot_be_exported() {
        let key = new_key().await.unwrap();
        assert!(!key.extractable());
        let exported = subtle().unwrap().export_key("raw", &key);
        assert!(resolve(exported).await.is_err());
    }
}
