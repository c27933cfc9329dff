//! Who is logged in and how far: the session state shared through context (password step, code
//! step, full session), and the guard that sends visitors to the step they still need.

use domain::api::{CodeDestination, Me};
use domain::error::ErrorCode;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use leptos_router::{ChooseView, NavigateOptions};

use crate::api::{ApiFailure, Authed, Guest, Pending, Resumed};
use crate::i18n::{tr, ui, use_lang};
use crate::lazy;
use crate::offline::sync::Outbox;
use crate::offline::{local_storage, store};
use crate::pages::notification::receipt::RecentReceipts;

/// A logged-in account and the client that may call authenticated endpoints for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub me: Me,
    pub client: Authed,
}

/// A login whose password was accepted and whose one-time code is still missing.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingLogin {
    pub client: Pending,
    /// Where the code went; unknown after a reload in a browser that keeps no session storage.
    pub sent_to: Option<CodeDestination>,
    /// Whether the account has a passkey that may replace the code.
    pub passkey_available: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AuthState {
    /// Asking the server whether the session cookie is still valid.
    Checking,
    /// The server could not be asked (offline, server down).
    Unreachable(ApiFailure),
    LoggedOut,
    /// 確認コード待ち: the password step is done, the code step is not.
    AwaitingCode(PendingLogin),
    LoggedIn(Session),
}

/// The session state in context, with the data on this device that belongs to the session.
#[derive(Debug, Clone, Copy)]
pub struct Auth {
    state: RwSignal<AuthState>,
    outbox: Outbox,
    receipts: RecentReceipts,
}

/// Where the current code went, kept for this tab so that a reload on the code screen still names it
/// (masked, as the server sent it).
const SENT_TO_KEY: &str = "todoke.code_sent_to";
/// Whether that login may use a passkey instead, kept likewise.
const PASSKEY_KEY: &str = "todoke.passkey_available";

fn session_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

/// A logout made while the server could not be reached: the device was wiped, but the session lives
/// on the server until todoke ends it there (its cookie is HttpOnly: script cannot drop it). Kept in
/// local storage, which outlives the tab, so that the next start ends it before anything else.
const LOGOUT_OWED_KEY: &str = "todoke.logout_owed";

fn owe_logout(owed: bool) {
    let Some(storage) = local_storage() else {
        return;
    };
    // Without storage the debt is forgotten: the server's idle timeout then ends the session.
    let _ = if owed { storage.set_item(LOGOUT_OWED_KEY, "1") } else { storage.remove_item(LOGOUT_OWED_KEY) };
}

fn logout_owed() -> bool {
    local_storage().and_then(|storage| storage.get_item(LOGOUT_OWED_KEY).ok().flatten()).is_some()
}

/// Ends on the server the session of a logout made offline. `false`: still unreachable, still owed.
async fn settle_owed_logout() -> bool {
    match Authed::remembered().logout().await {
        Ok(_) => {}
        Err(failure) if failure.is_unauthenticated() => {}
        Err(_) => return false,
    }
    owe_logout(false);
    true
}

fn remember_sent_to(sent_to: Option<&CodeDestination>) {
    let Some(storage) = session_storage() else {
        return;
    };
    // Only a convenience: if the browser refuses storage, the code screen names no destination.
    let _ = match sent_to.and_then(|sent_to| serde_json::to_string(sent_to).ok()) {
        Some(json) => storage.set_item(SENT_TO_KEY, &json),
        None => storage.remove_item(SENT_TO_KEY),
    };
}

fn remember_passkey_available(available: bool) {
    let Some(storage) = session_storage() else {
        return;
    };
    // Only a convenience: without storage, a reloaded code screen offers no passkey.
    let _ = if available { storage.set_item(PASSKEY_KEY, "1") } else { storage.remove_item(PASSKEY_KEY) };
}

fn remembered_passkey_available() -> bool {
    session_storage().and_then(|storage| storage.get_item(PASSKEY_KEY).ok().flatten()).is_some()
}

/// The login step is over (done, expired or logged out): nothing of it stays in this tab.
fn forget_login_step() {
    remember_sent_to(None);
    remember_passkey_available(false);
}

fn remembered_sent_to() -> Option<CodeDestination> {
    let json = session_storage()?.get_item(SENT_TO_KEY).ok().flatten()?;
    serde_json::from_str(&json).ok()
}

impl Auth {
    /// Starts in [`AuthState::Checking`] and asks `GET /me` whether a session exists.
    /// Every answer that ends or interrupts a logged-in session reaches [`Auth::check_failure`] through
    /// the API client itself (`api::watch_session`), whichever screen or the outbox made the call.
    pub fn start(outbox: Outbox, receipts: RecentReceipts) -> Self {
        let auth = Self { state: RwSignal::new(AuthState::Checking), outbox, receipts };
        crate::api::watch_session(move |failure| {
            // Before the login is complete, the login screens handle their own answers.
            if matches!(auth.state.get_untracked(), AuthState::LoggedIn(_)) {
                auth.check_failure(failure);
            }
        });
        auth.check();
        auth
    }

    /// Asks the server again what this browser's session is (after a reload, or when an answer
    /// shows that the session changed, e.g. `password_change_required`).
    pub fn check(self) {
        self.state.set(AuthState::Checking);
        spawn_local(async move {
            // The user logged out here while offline: that session is over, reachable server or not.
            if logout_owed() && !settle_owed_logout().await {
                self.state.set(AuthState::LoggedOut);
                return;
            }
            let resumed = Guest.resume().await;
            let state = match resumed.clone() {
                Ok(Resumed::SignedIn(me, client)) => AuthState::LoggedIn(Session { me, client }),
                Ok(Resumed::AwaitingCode(client)) => AuthState::AwaitingCode(PendingLogin {
                    client,
                    sent_to: remembered_sent_to(),
                    passkey_available: remembered_passkey_available(),
                }),
                Err(failure) if failure.is_unauthenticated() => AuthState::LoggedOut,
                // Offline (or the server is down): the account last confirmed on this device works on
                // its drafts; the first answer that arrives corrects this if the session is gone.
                Err(failure) => self.start_remembered(failure).await,
            };
            if let Ok(Resumed::SignedIn(me, client)) = &resumed {
                self.start_outbox(me, *client, true);
            }
            self.state.set(state);
        });
    }

    /// Without a server's answer: the account remembered on this device, if any. Where none is
    /// (`store::account_remembered`) the login form competes with nothing: the `sync` module, which
    /// reads the account from IndexedDB, is loaded only where one is, or where the device cannot say.
    async fn start_remembered(self, failure: ApiFailure) -> AuthState {
        if store::account_remembered().await == Some(false) {
            return AuthState::Unreachable(failure);
        }
        match lazy::remembered_account().await {
            Ok(Some(me)) => {
                self.start_outbox(&me, Authed::remembered(), false);
                AuthState::LoggedIn(Session { me, client: Authed::remembered() })
            }
            Ok(None) | Err(_) => AuthState::Unreachable(failure),
        }
    }

    /// Starts the outbox of `me`, whose engine is loaded with the first session (`lazy::start_outbox`).
    fn start_outbox(self, me: &Me, client: Authed, confirmed_by_server: bool) {
        let (outbox, me) = (self.outbox, me.clone());
        spawn_local(async move {
            // Its module not to be had (offline before the service worker kept it): the queue waits
            // on the device for the next start.
            let _ = lazy::start_outbox(outbox, me, client, confirmed_by_server).await;
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

    fn session_untracked(self) -> Option<Session> {
        match self.state.get_untracked() {
            AuthState::LoggedIn(session) => Some(session),
            _ => None,
        }
    }

    /// The password was accepted and a code went out (`sent_to`): the code step comes next, where a
    /// passkey may be used instead when `passkey_available`.
    pub fn awaiting_code(self, client: Pending, sent_to: Option<CodeDestination>, passkey_available: bool) {
        // The server set a new session cookie: an old session owed a logout is no longer this browser's.
        owe_logout(false);
        remember_sent_to(sent_to.as_ref());
        remember_passkey_available(passkey_available);
        self.state.set(AuthState::AwaitingCode(PendingLogin { client, sent_to, passkey_available }));
    }

    /// A fresh login: the account's drafts and queue on this device are its own (another account's
    /// stay sealed and unlisted), and the queue goes out.
    pub fn logged_in(self, me: Me, client: Authed) {
        owe_logout(false);
        forget_login_step();
        self.start_outbox(&me, client, true);
        self.state.set(AuthState::LoggedIn(Session { me, client }));
    }

    /// The account changed on the server (new password, new second factor): the same session, new `Me`.
    pub fn update_me(self, me: Me) {
        if let AuthState::LoggedIn(session) = self.state.get_untracked() {
            self.start_outbox(&me, session.client, true);
            self.state.set(AuthState::LoggedIn(Session { me, client: session.client }));
        }
    }

    /// The server no longer accepts the session (401): log in again; drafts and queue stay on the device.
    pub fn expired(self) {
        forget_login_step();
        self.state.set(AuthState::LoggedOut);
    }

    /// Handles a failed authenticated call: a 401 ends the session here too, an unfinished code step
    /// goes back to it, and a required password change is fetched so the guard can show it.
    fn check_failure(self, failure: &ApiFailure) {
        match failure.code() {
            Some(ErrorCode::Unauthenticated) => self.expired(),
            Some(ErrorCode::SecondFactorRequired) => {
                if let Some(client) = failure.pending_login() {
                    self.awaiting_code(client, remembered_sent_to(), remembered_passkey_available());
                }
            }
            Some(ErrorCode::PasswordChangeRequired) => self.check(),
            _ => {}
        }
    }

    /// Ends the session on the server and wipes this account's drafts, queue, receipts and key from
    /// the device (O-3). Without an answer from the server (offline, server down) the device is wiped
    /// all the same, since a shared phone must not keep the last user's work, and the session is ended
    /// on the server at the next start.
    pub async fn logout(self, client: Authed) {
        // Taken first: a 401 from the logout itself ends the session state before the wipe.
        let session = self.session_untracked();
        match client.logout().await {
            Ok(_) => {}
            Err(failure) if failure.is_unauthenticated() => {}
            Err(_) => owe_logout(true),
        }
        self.outbox.stop();
        if let Some(session) = session {
            // A wipe refused by the browser leaves only sealed data whose key went with it. (Its module
            // came with the session's start_outbox: it is loaded.)
            let _ = lazy::wipe_device(session.me.user_id).await;
        }
        self.receipts.clear();
        forget_login_step();
        self.state.set(AuthState::LoggedOut);
    }
}

/// The session state provided by the root component.
pub fn use_auth() -> Auth {
    use_context::<Auth>().unwrap_or_else(|| {
        let receipts = RecentReceipts::new();
        Auth { state: RwSignal::new(AuthState::LoggedOut), outbox: Outbox::new(receipts), receipts }
    })
}

/// Navigation that replaces the current history entry: a guard's redirect must not leave a page
/// behind that the back button would return to (and that would redirect again).
pub fn replacing() -> NavigateOptions {
    NavigateOptions { replace: true, ..NavigateOptions::default() }
}

/// `base`, with `next` set to `current` when that is a plain path of this app worth returning to.
fn with_next(base: &str, current: &str) -> String {
    let safe = current.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
    if current == "/" || current.starts_with("/login") || !safe {
        base.to_owned()
    } else {
        format!("{base}?next={current}")
    }
}

/// Where to send a visitor without a session; `next` brings them back after logging in.
fn login_path(current: &str) -> String {
    with_next("/login", current)
}

/// Where to send a visitor whose login still needs the one-time code.
fn code_path(current: &str) -> String {
    with_next("/login/code", current)
}

/// A `next` query value limited to paths of this app, never another origin (`//evil.example`).
pub fn safe_next(next: Option<String>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => path,
        _ => "/".to_owned(),
    }
}

/// Where a completed login goes: the password change when it is required, else `next`.
pub fn after_login(me: &Me, next: Option<String>) -> String {
    if me.password.change_required.is_some() {
        "/password".to_owned()
    } else {
        safe_next(next)
    }
}

/// A protected route's page: its view for the session. A plain function, so that every route's guard
/// is the same type and the guard's code is compiled once, not once per route.
pub type Page = fn(Session) -> AnyView;

/// What a route shows. One type for every route (with [`crate::app::RoutePath`] for its path), so that
/// Leptos's route machinery, compiled once per path and view type, is compiled once in all
/// (docs/performance.md, "One type for every route").
#[derive(Clone, Copy)]
pub enum Screen {
    /// Shown to anyone: the login steps, the password reset, the help.
    Open(fn() -> AnyView),
    /// A page that needs a session: shown once the visitor has one ([`protected`]).
    Guarded(Page),
    /// [`Screen::Guarded`] for the password change itself, shown even while a change is required.
    PasswordChange(Page),
}

impl ChooseView for Screen {
    async fn choose(self) -> AnyView {
        match self {
            Self::Open(screen) => screen(),
            Self::Guarded(page) => protected(page, false),
            Self::PasswordChange(page) => protected(page, true),
        }
    }

    async fn preload(&self) {}
}

/// Shows `page` with the session, or sends the visitor to the step they still need: the login
/// page, the code step, or the required password change (unless `password_change`: `page` is that
/// change).
fn protected(page: Page, password_change: bool) -> AnyView {
    let auth = use_auth();
    let state = auth.state();
    let location = use_location();
    let lang = use_lang();
    (move || match state.get() {
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
            view! { <Redirect path=path options=replacing() /> }.into_any()
        }
        AuthState::AwaitingCode(_) => {
            let path = code_path(&location.pathname.get_untracked());
            view! { <Redirect path=path options=replacing() /> }.into_any()
        }
        AuthState::LoggedIn(session) if session.me.password.change_required.is_some() && !password_change => {
            view! { <Redirect path="/password" options=replacing() /> }.into_any()
        }
        AuthState::LoggedIn(session) => page(session),
    })
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::{code_path, login_path, safe_next};

    #[test]
    fn login_path_keeps_only_plain_app_paths() {
        assert_eq!(login_path("/"), "/login");
        assert_eq!(login_path("/notifications/new/measles"), "/login?next=/notifications/new/measles");
        assert_eq!(login_path("/x?y=https://evil"), "/login");
        assert_eq!(code_path("/receipt/1"), "/login/code?next=/receipt/1");
        assert_eq!(code_path("/login/code"), "/login/code");
    }

    #[test]
    fn next_is_limited_to_this_app() {
        assert_eq!(safe_next(Some("/notifications/new/measles".into())), "/notifications/new/measles");
        assert_eq!(safe_next(Some("//evil.example".into())), "/");
        assert_eq!(safe_next(Some("https://evil.example".into())), "/");
        assert_eq!(safe_next(None), "/");
    }
}
