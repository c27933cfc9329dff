//! Registers the service worker (pwa-assets/sw.js) and notices when a new version of the app is
//! waiting: the banner offers it, and the page reloads only when the user says so.

use gloo_events::EventListener;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    PerformanceEntry, PerformanceObserver, PerformanceObserverEntryList, PerformanceObserverInit,
    ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

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
            name_loaded_modules(&container);
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

/// When a worker takes control of this page (on a first visit, after the page loaded some of its
/// screens past it), names to it the lazily loaded modules the page loaded, and then each one whose
/// load ends later (begun before the worker took over, it passed the worker by too); the worker keeps
/// those on its list (pwa-assets/sw.js, `keep`), so that the screens already opened open offline.
/// Loads through the worker are named too, which costs it one lookup each.
fn name_loaded_modules(container: &ServiceWorkerContainer) {
    let watched = container.clone();
    EventListener::once(container, "controllerchange", move |_| {
        let Some(worker) = watched.controller() else {
            return;
        };
        let name = move |entries: js_sys::Array| {
            let modules: js_sys::Array = entries
                .iter()
                .filter_map(|entry| entry.dyn_into::<PerformanceEntry>().ok())
                .map(|entry| entry.name())
                .filter(|url| url.contains("/lazy/"))
                .map(JsValue::from)
                .collect();
            if modules.length() > 0 {
                let message = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&message, &JsValue::from_str("loaded"), &modules);
                let _ = worker.post_message(&message);
            }
        };
        let later = name.clone();
        let observed =
            Closure::<dyn Fn(PerformanceObserverEntryList)>::new(move |list: PerformanceObserverEntryList| {
                later(list.get_entries());
            });
        let Ok(observer) = PerformanceObserver::new(observed.as_ref().unchecked_ref()) else {
            return;
        };
        // Observed first, then the loads already ended: none falls between (a module named twice
        // is looked up twice). For the page's whole life: the closure is never freed.
        observer.observe(&PerformanceObserverInit::new(&js_sys::Array::of1(&JsValue::from_str("resource"))));
        observed.forget();
        name(window().performance().map(|performance| performance.get_entries_by_type("resource")).unwrap_or_default());
    })
    .forget();
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
