//! Filing a 発生届: the form rendered from the disease's definition in `domain`, its fields, the
//! in-memory draft that survives navigation and re-login, and the receipt shown afterwards.

pub mod draft;
mod field;
pub mod form;
pub mod receipt;
