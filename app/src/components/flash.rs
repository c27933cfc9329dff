//! A one-time message that survives one navigation ("パスワードを変更しました。" on the page the user
//! is sent to), and disappears when the user moves on from that page.

use domain::i18n::Text;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use uuid::Uuid;

use crate::i18n::tr;

/// The message, the path it is meant for, and the notification whose sending it waits for, if any.
#[derive(Debug, Clone, Copy)]
pub struct Flash(RwSignal<Option<(Text, &'static str, Option<Uuid>)>>);

impl Flash {
    pub fn new() -> Self {
        Self(RwSignal::new(None))
    }

    /// Shows `text` on `path` (call just before navigating there).
    pub fn show_on(self, path: &'static str, text: Text) {
        self.0.set(Some((text, path, None)));
    }

    /// Shows `text` ("送信待ちにしました") on `path` until the notification `id` is sent.
    pub fn show_until_sent(self, path: &'static str, text: Text, id: Uuid) {
        self.0.set(Some((text, path, Some(id))));
    }

    /// The notification `id` was sent: a message waiting for it has nothing left to say.
    pub fn sent(self, id: Uuid) {
        if self.0.with_untracked(|shown| shown.is_some_and(|(_, _, waiting)| waiting == Some(id))) {
            self.0.set(None);
        }
    }
}

pub fn use_flash() -> Flash {
    use_context::<Flash>().unwrap_or_else(Flash::new)
}

/// Where the flash appears: at the top of the page content. Must be inside the router.
#[component]
pub fn FlashMessage() -> impl IntoView {
    let flash = use_flash();
    let location = use_location();
    // Leaving the page the message was meant for drops it.
    Effect::new(move |_| {
        let path = location.pathname.get();
        if flash.0.with_untracked(|shown| shown.is_some_and(|(_, target, _)| target != path)) {
            flash.0.set(None);
        }
    });
    move || {
        let path = location.pathname.get();
        flash.0.get().filter(|(_, target, _)| *target == path).map(|(text, ..)| {
            view! {
                <p class="alert alert-success" role="status">
                    {tr(text)}
                </p>
            }
        })
    }
}
