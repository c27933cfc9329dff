//! File uploads with byte-level progress: `fetch` reports none, so uploads go through
//! XMLHttpRequest and its `upload.onprogress`; the answer is decoded like every other call's.

use std::rc::Rc;

use serde::de::DeserializeOwned;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ProgressEvent, XmlHttpRequest};

use super::{decode, url, ApiFailure};

/// Where an upload is, for its progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadProgress {
    /// Bytes are going out: the share sent in whole percent, `None` while the size is unknown.
    Sending(Option<u8>),
    /// Every byte is out; the server is checking the file.
    Checking,
}

impl UploadProgress {
    /// The progress of a progress event's `loaded` bytes of `total`. Rounded down, so that 100 % is
    /// shown only once every byte is out.
    pub fn of(loaded: f64, total: f64, length_computable: bool) -> Self {
        if !length_computable || total <= 0.0 {
            return Self::Sending(None);
        }
        let percent = (loaded / total * 100.0).floor().clamp(0.0, 100.0);
        // In 0..=100 after the clamp, so the conversion is exact.
        Self::Sending(Some(percent as u8))
    }
}

/// Sends `body` as it is (`application/octet-stream`) with `method` to `path`, telling `on_progress`
/// how far it is, and reads the answer as [`super::read`] does: `T` for one of the `expected`
/// statuses, the API's typed error otherwise, [`ApiFailure::Network`] when no answer came.
pub(super) async fn upload<T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: &Blob,
    expected: &[u16],
    on_progress: impl Fn(UploadProgress) + 'static,
) -> Result<T, ApiFailure> {
    let on_progress = Rc::new(on_progress);
    let progress = {
        let on_progress = Rc::clone(&on_progress);
        Closure::<dyn FnMut(ProgressEvent)>::new(move |event: ProgressEvent| {
            on_progress(UploadProgress::of(event.loaded(), event.total(), event.length_computable()));
        })
    };
    let all_sent = Closure::<dyn FnMut()>::new(move || on_progress(UploadProgress::Checking));
    // Building and sending only fail on arguments we control; treated like `send`'s build failure.
    let unexpected = |_| ApiFailure::Unexpected { status: 0 };
    let request = XmlHttpRequest::new().map_err(unexpected)?;
    let uploader = request.upload().map_err(unexpected)?;
    // Listeners must be on the upload object before `send`, or the browser reports no progress.
    uploader.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    uploader.set_onload(Some(all_sent.as_ref().unchecked_ref()));
    request.open_with_async(method, &url(path), true).map_err(unexpected)?;
    request.set_request_header("Accept", "application/json").map_err(unexpected)?;
    request.set_request_header("Content-Type", "application/octet-stream").map_err(unexpected)?;
    // `loadend` comes after an answer, an error, an abort or a timeout alike.
    let finished = js_sys::Promise::new(&mut |resolve, _reject| request.set_onloadend(Some(&resolve)));
    let sent = request.send_with_opt_blob(Some(body));
    if sent.is_ok() {
        // The promise only resolves.
        let _ = JsFuture::from(finished).await;
    }
    // The closures are dropped on return: nothing may call them afterwards.
    uploader.set_onprogress(None);
    uploader.set_onload(None);
    request.set_onloadend(None);
    match request.status() {
        Ok(status) if sent.is_ok() && status != 0 => {
            let answer = request.response_text().ok().flatten().unwrap_or_default();
            decode(status, &answer, expected)
        }
        // Status 0: no answer (offline, connection reset, refused by the browser).
        _ => Err(ApiFailure::Network),
    }
}

#[cfg(test)]
mod tests {
    #[cfg(not(target_arch = "wasm32"))]
    use std::prelude::rust_2021::test as both;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as both;

    use super::*;

    #[both]
    fn progress_is_the_share_sent_rounded_down() {
        assert_eq!(UploadProgress::of(0.0, 4096.0, true), UploadProgress::Sending(Some(0)));
        assert_eq!(UploadProgress::of(1.0, 3.0, true), UploadProgress::Sending(Some(33)));
        assert_eq!(UploadProgress::of(4095.0, 4096.0, true), UploadProgress::Sending(Some(99)));
        assert_eq!(UploadProgress::of(4096.0, 4096.0, true), UploadProgress::Sending(Some(100)));
    }

    #[both]
    fn an_unknown_size_gives_no_percentage() {
        assert_eq!(UploadProgress::of(512.0, 0.0, false), UploadProgress::Sending(None));
        assert_eq!(UploadProgress::of(512.0, 0.0, true), UploadProgress::Sending(None));
    }

    #[both]
    fn a_count_beyond_the_total_shows_at_most_all() {
        assert_eq!(UploadProgress::of(5000.0, 4096.0, true), UploadProgress::Sending(Some(100)));
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use std::cell::RefCell;

    use wasm_bindgen_test::wasm_bindgen_test;

    use super::*;

    /// A real upload through the browser's XMLHttpRequest to the test runner's own server, which has
    /// no such API: every byte is reported sent before the check starts, and an answer that is not
    /// the API's JSON becomes `Unexpected` with its status, as with `fetch`.
    #[wasm_bindgen_test]
    async fn an_upload_reports_its_bytes_then_the_check_then_the_typed_answer() {
        let bytes = vec![b'a'; 256 * 1024];
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
        let body = Blob::new_with_u8_array_sequence(&parts).expect("a blob");
        let seen = Rc::new(RefCell::new(Vec::new()));
        let record = Rc::clone(&seen);
        let result = upload::<serde_json::Value>("POST", "/no-such-upload", &body, &[200], move |progress| {
            record.borrow_mut().push(progress);
        })
        .await;
        assert!(matches!(result, Err(ApiFailure::Unexpected { status }) if status >= 400), "{result:?}");
        let seen = seen.borrow();
        assert_eq!(seen.last(), Some(&UploadProgress::Checking), "{seen:?}");
        let percents: Vec<u8> = seen
            .iter()
            .filter_map(|progress| if let UploadProgress::Sending(p) = progress { *p } else { None })
            .collect();
        assert_eq!(percents.last(), Some(&100), "{seen:?}");
        assert!(percents.windows(2).all(|pair| pair[0] <= pair[1]), "{seen:?}");
    }
}
