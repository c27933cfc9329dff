//! Downloads: a file the page made (a CSV) saved through the browser, and the links to a situation
//! view's CSV from the server.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::CsvDownload;
use crate::i18n::{tr, ui};

/// Hands `bytes` to the browser as a CSV file download named `name`.
pub fn save_csv(bytes: &[u8], name: &str) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else { return };
    let Ok(address) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(link) =
        document().create_element("a").ok().and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        link.set_href(&address);
        link.set_download(name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&address);
}

/// The links under a chart or table that download its numbers from the server as CSV, in UTF-8
/// (with a byte-order mark, for Excel) or Shift_JIS (docs/csv-export.md).
#[component]
pub fn CsvLinks(file: CsvDownload) -> impl IntoView {
    view! {
        <ul class="filters-actions csv-links no-print">
            <li><a class="button button-secondary" href=file.href("utf8") download>{tr(ui::CSV_UTF8)}</a></li>
            <li><a class="button button-secondary" href=file.href("shift_jis") download>{tr(ui::CSV_SHIFT_JIS)}</a></li>
        </ul>
    }
}
