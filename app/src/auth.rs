//! Who is logged in: the session state shared through context, and the guard that sends visitors
//! without a session to the login page (remembering where they were going).

use domain::api::Me;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::api::{ApiFailure, Authed, Guest};
use crate::i18n::{tr, ui, use_lang};
use crate::pages::notification::draft::Drafts;
use crate::pages::notification::receipt::RecentReceipts;

/// A logged-in account and the client that may call authenticated endpoints for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub me: Me,
    pub client: Authed,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AuthState {
    /// Asking the server whether the session cookie is still valid.
    Checking,
    /// The server could not be asked (offline, server down).
    Unreachable(ApiFailure),
    LoggedOut,
    LoggedIn(Session),
}

/// The session state in context, with the data on this device that belongs to the session.
#[derive(Debug, Clone, Copy)]
pub struct Auth {
    state: RwSignal<AuthState>,
    drafts: Drafts,
    receipts: RecentReceipts,
}

impl Auth {
    /// Starts in [`AuthState::Checking`] and asks `GET /me` whether a session exists.
    pub fn start(drafts: Drafts, receipts: RecentReceipts) -> Self {
        let auth = Self { state: RwSignal::new(AuthState::Checking), drafts, receipts };
        auth.check();
        auth
    }

    fn check(self) {
        self.state.set(AuthState::Checking);
        spawn_local(async move {
            let state = match Guest.resume().await {
                Ok((me, client)) => AuthState::LoggedIn(Session { me, client }),
                Err(failure) if failure.is_unauthenticated() => AuthState::LoggedOut,
                Err(failure) => AuthState::Unreachable(failure),
            };
            if let AuthState::LoggedIn(session) = &state {
                self.drafts.keep_only_for(&session.me.user_id);
            }
            self.state.set(state);
        });
    }

    pub fn state(self) -> Memo<AuthState> {
        let state = self.state;
        Memo::new(move |_| state.get())
    }

    pub fn is_logged_in(self) -> bool {
        matches!(self.state.get(), AuthState::LoggedIn(_))
    }

    pub fn session(self) -> Option<Session> {
        match self.state.get() {
            AuthState::LoggedIn(session) => Some(session),
            _ => None,
        }
    }

    /// A fresh login. Drafts of another account are dropped; the same account finds its drafts again.
    pub fn logged_in(self, me: Me, client: Authed) {
        self.drafts.keep_only_for(&me.user_id);
        self.state.set(AuthState::LoggedIn(Session { me, client }));
    }

    /// The server no longer accepts the session (401): log in again; drafts are kept in memory.
    pub fn expired(self) {
        self.state.set(AuthState::LoggedOut);
    }

    /// Handles a failed authenticated call: a 401 ends the session here too.
    pub fn check_failure(self, failure: &ApiFailure) {
        if failure.is_unauthenticated() {
            self.expired();
        }
    }

    /// Ends the session on the server and forgets every draft and receipt on this device.
    pub async fn logout(self, client: Authed) -> Result<(), ApiFailure> {
        match client.logout().await {
            Ok(_) => {}
            Err(failure) if failure.is_unauthenticated() => {}
            Err(failure) => return Err(failure),
        }
        self.drafts.clear();
        self.receipts.clear();
        self.state.set(AuthState::LoggedOut);
        Ok(())
    }
}

/// The session state provided by the root component.
pub fn use_auth() -> Auth {
    use_context::<Auth>().unwrap_or_else(|| Auth {
        state: RwSignal::new(AuthState::LoggedOut),
        drafts: Drafts::new(),
        receipts: RecentReceipts::new(),
    })
}

/// Where to send a visitor without a session; `next` brings them back after logging in.
fn login_path(current: &str) -> String {
    let safe = current.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
    if current == "/" || current.starts_with("/login") || !safe {
        "/login".to_owned()
    } else {
        format!("/login?next={current}")
    }
}

/// Shows `page` with the session, or sends the visitor to the login page.
#[component]
pub fn Protected<F, V>(page: F) -> impl IntoView
where
    F: Fn(Session) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let auth = use_auth();
    let state = auth.state();
    let location = use_location();
    let lang = use_lang();
    move || match state.get() {
        AuthState::Checking => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
        AuthState::Unreachable(failure) => view! {
            <div class="alert alert-error" role="alert">
                <p>{move || failure.message(lang.get())}</p>
                <button type="button" class="button button-secondary" on:click=move |_| auth.check()>
                    {tr(ui::RETRY)}
                </button>
            </div>
        }
        .into_any(),
        AuthState::LoggedOut => {
            let path = login_path(&location.pathname.get_untracked());
            view! { <Redirect path=path /> }.into_any()
        }
        AuthState::LoggedIn(session) => page(session).into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::login_path;

    #[test]
    fn login_path_keeps_only_plain_app_paths() {
        assert_eq!(login_path("/"), "/login");
        assert_eq!(login_path("/notifications/new/measles"), "/login?next=/notifications/new/measles");
        assert_eq!(login_path("/x?y=https://evil"), "/login");
    }
}
