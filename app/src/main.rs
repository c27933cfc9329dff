//! Entry point of todoke's browser app: installs the panic hook and mounts the root component.
//! Everything else starts in `app.rs`.

mod api;
mod app;
mod auth;
mod components;
mod i18n;
mod lazy;
mod offline;
mod pages;
mod webauthn;

// The app's browser tests (IndexedDB, WebCrypto) run in headless Chromium: scripts/test.sh.
#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
