//! Filing a 発生届: the form rendered from the disease's definition in `domain`, its fields, the
//! draft kept (encrypted) on the device by `crate::offline`, and the receipt shown afterwards.

mod field;
pub mod form;
pub mod receipt;
