//! ログイン in two steps (L-1): user ID and password, then the one-time code sent by e-mail, SMS or
//! voice call. Each step is its own address, so back and forward move between them safely (L-7).

pub mod code;
pub mod credentials;
