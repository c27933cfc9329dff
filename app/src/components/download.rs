//! Saving a file the page made (a CSV) through the browser's download.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

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

/// The button under a chart or table that saves its numbers (`csv`, UTF-8 text the page made) as
/// `file_name`, with a byte-order mark so that Excel reads it as UTF-8.
#[component]
pub fn CsvButton(csv: String, file_name: String, label: domain::i18n::Text) -> impl IntoView {
    view! {
        <p class="no-print">
            <button type="button" class="button button-secondary" on:click=move |_| save_csv(format!("\u{feff}{csv}").as_bytes(), &file_name)>
                {crate::i18n::tr(label)}
            </button>
        </p>
    }
}
