//! Sealing of initial passwords while they must wait on the server (the one-time CSV until it is
//! downloaded, a letter until the mail server took it): AES-256-GCM under the server's secret key,
//! bound to what the text is for (a sealed letter cannot be passed off as another user's). The sealed
//! text is deleted when its purpose is served; docs/security.md explains the choice.

use aes_gcm::aead::{Aead, KeyInit, Nonce, Payload};
use aes_gcm::Aes256Gcm;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rand::RngCore;

use crate::error::AppError;

const NONCE_BYTES: usize = 12;

/// The server's sealing key (`TODOKE_SECRET_KEY`, 32 bytes in base64).
#[derive(Clone)]
pub struct Sealer {
    cipher: Aes256Gcm,
}

#[derive(Debug, thiserror::Error)]
#[error("TODOKE_SECRET_KEY must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)")]
pub struct InvalidSecretKey;

impl Sealer {
    /// The configured key, or (without one) a random key for this process only: what it sealed cannot
    /// be opened after a restart, which loses pending letters (they are resent with new passwords).
    pub fn from_key(key: Option<&str>) -> Result<Self, InvalidSecretKey> {
        let bytes = match key {
            Some(text) => STANDARD.decode(text.trim()).map_err(|_| InvalidSecretKey)?,
            None => {
                let mut random = vec![0u8; 32];
                rand::rngs::OsRng.fill_bytes(&mut random);
                random
            }
        };
        let cipher = Aes256Gcm::new_from_slice(&bytes).map_err(|_| InvalidSecretKey)?;
        Ok(Self { cipher })
    }

    /// Encrypts `text` for `purpose` (e.g. `letter:USER_ID`): base64 of nonce and ciphertext.
    pub fn seal(&self, purpose: &str, text: &str) -> Result<String, AppError> {
        let mut nonce_bytes = [0u8; NONCE_BYTES];
        rand::rngs::OsRng.fill_bytes(&mut nonce_bytes);
        let nonce =
            <&Nonce<Aes256Gcm>>::try_from(&nonce_bytes[..]).map_err(|_| AppError::Internal("nonce size".to_owned()))?;
        let sealed = self
            .cipher
            .encrypt(nonce, Payload { msg: text.as_bytes(), aad: purpose.as_bytes() })
            .map_err(|_| AppError::Internal("sealing failed".to_owned()))?;
        Ok(STANDARD.encode([&nonce_bytes[..], &sealed].concat()))
    }

    /// Decrypts what [`Sealer::seal`] made for the same purpose; anything else is an error.
    pub fn open(&self, purpose: &str, sealed: &str) -> Result<String, AppError> {
        let unreadable = || AppError::Internal(format!("sealed text for {purpose} cannot be opened"));
        let bytes = STANDARD.decode(sealed).map_err(|_| unreadable())?;
        if bytes.len() < NONCE_BYTES {
            return Err(unreadable());
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        let nonce = <&Nonce<Aes256Gcm>>::try_from(nonce).map_err(|_| unreadable())?;
        let text = self
            .cipher
            .decrypt(nonce, Payload { msg: ciphertext, aad: purpose.as_bytes() })
            .map_err(|_| unreadable())?;
        String::from_utf8(text).map_err(|_| unreadable())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_text_opens_only_with_the_same_key_and_purpose() {
        let sealer = Sealer::from_key(Some("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=")).unwrap();
        let sealed = sealer.seal("letter:u1", "初期パスワード: Ab#3xyzw").unwrap();
        assert!(!sealed.contains("Ab#3"));
        assert_eq!(sealer.open("letter:u1", &sealed).unwrap(), "初期パスワード: Ab#3xyzw");
        assert!(sealer.open("letter:u2", &sealed).is_err(), "bound to its purpose");
        assert!(Sealer::from_key(None).unwrap().open("letter:u1", &sealed).is_err(), "another key");
        assert_ne!(sealer.seal("letter:u1", "x").unwrap(), sealer.seal("letter:u1", "x").unwrap(), "fresh nonces");
        assert!(Sealer::from_key(Some("c2hvcnQ=")).is_err());
    }
}
