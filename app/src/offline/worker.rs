//! Registers the service worker (pwa-assets/sw.js) and notices when a new version of the app is
//! waiting: the banner offers it, and the page reloads only when the user says so.

use gloo_events::EventListener;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

use super::words;
use crate::i18n::tr;

/// Whether a new version waits, and the registration that holds it.
#[derive(Debug, Clone, Copy)]
pub struct AppUpdate {
    pub available: RwSignal<bool>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
}

/// The browser's service worker container, where there is one (secure contexts only).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    let present = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false);
    present.then(|| navigator.service_worker())
}

impl AppUpdate {
    /// Registers the worker and starts watching for updates.
    pub fn register() -> Self {
        let update = Self { available: RwSignal::new(false), registration: StoredValue::new_local(None) };
        let Some(container) = container() else {
            return update;
        };
        spawn_local(async move {
            let Ok(registration) = JsFuture::from(container.register("/sw.js")).await else {
                return;
            };
            let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
                return;
            };
            update.registration.set_value(Some(registration.clone()));
            update.watch(&container, &registration);
        });
        update
    }

    /// A worker that finished installing while another controls the page is an update.
    fn watch(self, container: &ServiceWorkerContainer, registration: &ServiceWorkerRegistration) {
        let has_controller = {
            let container = container.clone();
            move || container.controller().is_some()
        };
        if registration.waiting().is_some() && has_controller() {
            self.available.set(true);
        }
        let watched = registration.clone();
        EventListener::new(registration, "updatefound", move |_| {
            let Some(installing) = watched.installing() else {
                return;
            };
            let worker = installing.clone();
            let has_controller = has_controller.clone();
            EventListener::new(&installing, "statechange", move |_| {
                if worker.state() == ServiceWorkerState::Installed && has_controller() {
                    self.available.set(true);
                }
            })
            .forget();
        })
        .forget();
    }

    /// The user chose to update: the waiting worker takes over, then the page reloads once.
    pub fn apply(self) {
        let waiting = self.registration.with_value(|registration| registration.as_ref().and_then(|r| r.waiting()));
        let (Some(waiting), Some(container)) = (waiting, container()) else {
            return;
        };
        EventListener::once(&container, "controllerchange", |_| {
            let _ = window().location().reload();
        })
        .forget();
        let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
    }
}

/// "A new version is available" with a button; the form's work is saved already (autosave).
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let update = use_context::<AppUpdate>();
    let available = move || update.is_some_and(|update| update.available.get());
    view! {
        <Show when=available>
            <div class="alert alert-info update-banner" role="status">
                <p>{tr(words::UPDATE_AVAILABLE)}</p>
                <button
                    type="button"
                    class="button button-secondary button-small"
                    on:click=move |_| {
                        if let Some(update) = update {
                            update.apply();
                        }
                    }
                >
                    {tr(words::UPDATE_NOW)}
                </button>
            </div>
        </Show>
    }
}
