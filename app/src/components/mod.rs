//! Pieces shared by several pages: the site header and the document title.
//! Anything used by a single feature lives with that feature under `crate::pages`.

pub mod header;
pub mod page_title;
