//! Entry point of todoke's browser app: installs the panic hook and mounts the root component.
//! Everything else starts in `app.rs`.

mod api;
mod app;
mod auth;
mod components;
mod i18n;
mod pages;
mod webauthn;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
