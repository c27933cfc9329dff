//! Filing a 発生届: the form rendered from the disease's definition in `domain`, its fields, the
//! draft kept (encrypted) on the device by `crate::offline`, the receipt shown afterwards, and the
//! correction of a returned notification in the same form.

pub mod changes;
pub mod correction;
mod date_field;
mod field;
pub mod form;
pub mod receipt;
