//! The typed client of todoke's HTTP API (`/api/v1`): one function per endpoint, typed failures.
//! Endpoints that need a session hang off [`Authed`], which only a successful login or `/me` yields.
//!
//! Every error answer is decoded in one place ([`decode_failure`]), which tells the session's
//! watcher ([`watch_session`]) when the session is gone or needs a step (401, the code step, a due
//! password change). So no screen handles a lost session by hand, and none can forget to.

mod admin;
mod alarms;
mod investigations;
mod loaded;
mod notices;
mod notifications;
mod operator;
mod passkeys;
mod password;
mod requests;
mod second_factor;
mod sentinel;
mod session;
mod situation;
mod syndromic;
mod tokens;
mod upload;

use std::cell::RefCell;
use std::rc::Rc;

use domain::error::{ApiError, ErrorCode, FieldError};
use domain::i18n::Lang;
use domain::password::PasswordRule;
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;

pub use self::admin::CsvEncoding;
pub use self::loaded::Loaded;
pub use self::notifications::{filter_pairs, order_code, status_code, DetailSummary};
pub use self::operator::audit_export_href;
pub use self::session::{Authed, Guest, Pending, Resumed};
pub use self::situation::{curve_pairs, CsvDownload};
pub use self::upload::UploadProgress;
use crate::i18n::ui;

const API: &str = "/api/v1";

/// Why an API call did not give the expected answer.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// The server answered with its JSON error body.
    Api { status: u16, error: ApiError },
    /// No answer: offline, DNS, connection reset, or the browser refused the request.
    Network,
    /// An answer that is not what the API documents (a proxy's error page, a body of the wrong shape).
    Unexpected { status: u16 },
}

impl ApiFailure {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Self::Api { error, .. } => Some(error.code),
            Self::Network | Self::Unexpected { .. } => None,
        }
    }

    /// Per-field problems of a `validation_failed` answer.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Self::Api { error, .. } => &error.fields,
            Self::Network | Self::Unexpected { .. } => &[],
        }
    }

    /// Seconds to wait before trying again, sent with `too_many_attempts`, `resend_too_soon` and `login_busy`.
    pub fn retry_after_seconds(&self) -> Option<u64> {
        match self {
            Self::Api { error, .. } => error.retry_after_seconds,
            Self::Network | Self::Unexpected { .. } => None,
        }
    }

    /// Every problem of a refused upload (`import_rejected`), by row and column.
    pub fn import_problems(&self) -> &[domain::import::ImportProblem] {
        match self {
            Self::Api { error, .. } => &error.problems[..],
            Self::Network | Self::Unexpected { .. } => &[],
        }
    }

    /// The rules a refused new password breaks (`password_rejected`).
    pub fn password_rules(&self) -> &[PasswordRule] {
        match self {
            Self::Api { error, .. } => &error.password_rules[..],
            Self::Network | Self::Unexpected { .. } => &[],
        }
    }

    /// The server could not be reached (offline, no route), or something other than the API answered
    /// (a captive portal, a proxy's page): what the device keeps is all there is for now.
    pub fn is_unreachable(&self) -> bool {
        matches!(self, Self::Network | Self::Unexpected { .. })
    }

    /// The session is gone (expired or logged out elsewhere): the user must log in again.
    pub fn is_unauthenticated(&self) -> bool {
        self.code() == Some(ErrorCode::Unauthenticated)
    }

    /// The session cannot go on as it is: gone (401), its code step unfinished, or its password
    /// change due. The user is sent to that step ([`watch_session`]) and the outbox waits.
    pub fn needs_login_step(&self) -> bool {
        matches!(
            self.code(),
            Some(ErrorCode::Unauthenticated | ErrorCode::SecondFactorRequired | ErrorCode::PasswordChangeRequired)
        )
    }

    /// The server holds a session whose password step is done but whose one-time code is still
    /// missing (`second_factor_required`): the client for that second step.
    pub fn pending_login(&self) -> Option<Pending> {
        (self.code() == Some(ErrorCode::SecondFactorRequired)).then_some(Pending::from_server())
    }

    /// What to tell the user, in their language: translated by error code, never the raw body.
    pub fn message(&self, lang: Lang) -> &'static str {
        match self {
            Self::Api { error, .. } => error.code.message(lang),
            Self::Network => ui::NETWORK_ERROR.get(lang),
            Self::Unexpected { .. } => ui::UNEXPECTED_RESPONSE.get(lang),
        }
    }
}

/// `GET /maintenance`: the stop in force and those scheduled (no session needed).
pub async fn maintenance_schedule() -> Result<domain::api::MaintenanceSchedule, ApiFailure> {
    read(send(get("/maintenance").build()).await?, &[200]).await
}

fn url(path: &str) -> String {
    format!("{API}{path}")
}

/// `?name=value&…` of the given pairs, each value URI-encoded; empty without pairs.
fn query_string(pairs: &[(&str, String)]) -> String {
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(name, value)| format!("{name}={}", String::from(js_sys::encode_uri_component(value))))
        .collect();
    if encoded.is_empty() {
        String::new()
    } else {
        format!("?{}", encoded.join("&"))
    }
}

fn get(path: &str) -> RequestBuilder {
    Request::get(&url(path)).header("Accept", "application/json")
}

fn post(path: &str) -> RequestBuilder {
    Request::post(&url(path)).header("Accept", "application/json")
}

/// Sends a request; network-level failures become [`ApiFailure::Network`].
async fn send(request: Result<Request, gloo_net::Error>) -> Result<Response, ApiFailure> {
    // Building only fails when serializing our own body fails, which the wire types cannot do.
    let request = request.map_err(|_| ApiFailure::Unexpected { status: 0 })?;
    request.send().await.map_err(|_| ApiFailure::Network)
}

/// Reads a body of type `T` when the status is one of `expected`, else the API's error body.
async fn read<T: DeserializeOwned>(response: Response, expected: &[u16]) -> Result<T, ApiFailure> {
    let status = response.status();
    let body = response.text().await.map_err(|_| ApiFailure::Unexpected { status })?;
    decode(status, &body, expected)
}

/// Accepts a body-less answer with one of the `expected` statuses.
async fn read_empty(response: Response, expected: &[u16]) -> Result<(), ApiFailure> {
    if expected.contains(&response.status()) {
        Ok(())
    } else {
        Err(failure(response).await)
    }
}

async fn failure(response: Response) -> ApiFailure {
    let status = response.status();
    match response.text().await {
        Ok(body) => decode_failure(status, &body),
        Err(_) => ApiFailure::Unexpected { status },
    }
}

/// An answer's status and body as the typed result: `T` when the status is one of `expected`, else
/// the API's error body. Shared by `fetch` answers ([`read`]) and XHR uploads (`upload.rs`).
fn decode<T: DeserializeOwned>(status: u16, body: &str, expected: &[u16]) -> Result<T, ApiFailure> {
    if expected.contains(&status) {
        serde_json::from_str(body).map_err(|_| ApiFailure::Unexpected { status })
    } else {
        Err(decode_failure(status, body))
    }
}

/// An error answer as the typed failure; one that [`ApiFailure::needs_login_step`] is told to the
/// session's watcher first.
fn decode_failure(status: u16, body: &str) -> ApiFailure {
    let failure = match serde_json::from_str::<ApiError>(body) {
        Ok(error) => ApiFailure::Api { status, error },
        Err(_) => ApiFailure::Unexpected { status },
    };
    if failure.needs_login_step() {
        let watcher = SESSION_WATCHER.with(|watcher| watcher.borrow().clone());
        if let Some(watcher) = watcher {
            watcher(&failure);
        }
    }
    failure
}

type SessionWatcher = Rc<dyn Fn(&ApiFailure)>;

thread_local! {
    /// Who hears of answers that end or interrupt the session (the browser runs one thread).
    static SESSION_WATCHER: RefCell<Option<SessionWatcher>> = RefCell::new(None);
}

/// Registers who is told of every answer that [`ApiFailure::needs_login_step`], before the caller
/// sees it: the session state (`Auth`), which sends the user to the step needed.
pub fn watch_session(watcher: impl Fn(&ApiFailure) + 'static) {
    SESSION_WATCHER.with(|slot| *slot.borrow_mut() = Some(Rc::new(watcher)));
}
