//! The subject's page at `/o/<token>` (issue 19), the address their SMS or e-mail names: the same
//! steps as the `/subject` API (`links`: confirm the birth date, read, report; the same audit and the
//! same per-address throttle), answered as HTML that `subject_page` renders with Leptos on the server,
//! and taken as plain form posts. Each post answers with a redirect (so that a reload sends nothing
//! twice) or with the page showing why nothing was stored.

use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use domain::api::NewObservationReport;
use domain::error::{FieldError, FieldErrorCode};
use serde::Deserialize;
use subject_page::{Answer, Refusal, Screen};

use super::links;
use crate::auth::session::token_hash;
use crate::auth::ClientAddress;
use crate::error::AppError;
use crate::{maintenance, AppState};

/// The page, its two forms' targets, and its stylesheet and script. A maintenance stop refuses the
/// page's steps like the API's, but as the page (the subject follows a link, not an app); the
/// stylesheet and script stay served so that the refusal is legible.
pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/o/{token}", get(page))
        .route("/o/{token}/confirm", post(confirm))
        .route("/o/{token}/report", post(report))
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), refuse_during_stop))
        .route(subject_page::STYLESHEET_PATH, get(stylesheet))
        .route(subject_page::OFFLINE_SCRIPT_PATH, get(offline_script))
}

#[derive(Deserialize)]
struct PageQuery {
    /// Present after a report was stored: the page confirms it.
    sent: Option<String>,
}

/// The birth date form until the link is confirmed, then the day's report and the earlier ones.
async fn page(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Path(token): Path<String>,
    Query(query): Query<PageQuery>,
) -> Response {
    let answer = if query.sent.is_some() { Answer::Sent } else { Answer::None };
    match links::view_through(&state, &token_hash(&token), client).await {
        Ok(view) => html(StatusCode::OK, &Screen::Report { token: &token, view: &view, answer }),
        Err(error) => refused(&token, error),
    }
}

#[derive(Deserialize)]
struct BirthDate {
    #[serde(default)]
    birth_date: String,
}

/// 本人確認: a right birth date leads to the report form; a wrong one asks again.
async fn confirm(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Path(token): Path<String>,
    Form(form): Form<BirthDate>,
) -> Response {
    let Ok(birth_date) = domain::dates::parse_date_input(form.birth_date.trim()) else {
        let screen = Screen::Confirm { token: &token, failed: Some(subject_page::UNREADABLE_DATE) };
        return html(StatusCode::UNPROCESSABLE_ENTITY, &screen);
    };
    match links::confirm_birth_date(&state, &token_hash(&token), birth_date, client).await {
        Ok(()) => Redirect::to(&format!("/o/{token}")).into_response(),
        Err(error) => refused(&token, error),
    }
}

/// The day's report: stored, then the page confirms it; refused, the form again with the problems.
async fn report(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    Path(token): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let hash = token_hash(&token);
    let stored = match report_from_form(&body) {
        Ok(report) => links::report_through(&state, &hash, report, client.clone()).await.map(|_| ()),
        Err(problems) => Err(AppError::Validation(problems)),
    };
    match stored {
        Ok(()) => Redirect::to(&format!("/o/{token}?sent=1")).into_response(),
        Err(AppError::Validation(problems)) => match links::view_through(&state, &hash, client).await {
            Ok(view) => {
                let screen = Screen::Report { token: &token, view: &view, answer: Answer::Problems(&problems) };
                html(StatusCode::UNPROCESSABLE_ENTITY, &screen)
            }
            Err(error) => refused(&token, error),
        },
        Err(error) => refused(&token, error),
    }
}

/// The report a form posted (`temperature`, each ticked `symptoms`, `note`); a temperature that is
/// no number is refused here, every other rule is `domain::investigation::check_report`'s.
fn report_from_form(body: &[u8]) -> Result<NewObservationReport, Vec<FieldError>> {
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(body).unwrap_or_default();
    let value = |name: &str| fields.iter().find(|(key, _)| key == name).map(|(_, value)| value.trim());
    let temperature = match value("temperature").filter(|text| !text.is_empty()) {
        None => None,
        Some(text) => Some(text.parse::<f64>().ok().filter(|celsius| celsius.is_finite()).ok_or_else(|| {
            vec![FieldError {
                field: "temperature".into(),
                code: FieldErrorCode::InvalidValue,
                message: FieldErrorCode::InvalidValue.message(domain::i18n::Lang::Ja).into(),
            }]
        })?),
    };
    let symptoms = fields.iter().filter(|(key, _)| key == "symptoms").map(|(_, code)| code.clone()).collect();
    let note = value("note").filter(|note| !note.is_empty()).map(str::to_owned);
    Ok(NewObservationReport { on_date: None, temperature, symptoms, note })
}

async fn refuse_during_stop(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match maintenance::stop_refusing(&state, request.method(), request.uri().path()).await {
        Some(refused) => refused_page(Screen::Refused(Refusal::Error(refused.code())), refused),
        None => next.run(request).await,
    }
}

/// The page for a refused step (`refused_page`).
fn refused(token: &str, error: AppError) -> Response {
    let code = error.code();
    let screen = match &error {
        AppError::LinkConfirmationRequired => Screen::Confirm { token, failed: None },
        AppError::LinkConfirmationFailed => Screen::Confirm { token, failed: Some(subject_page::error_text(code)) },
        AppError::TooManyAttempts(_) => Screen::Refused(Refusal::Throttled),
        _ => Screen::Refused(Refusal::Error(code)),
    };
    refused_page(screen, error)
}

/// `screen` for `error`, with the status, headers (`Retry-After`) and log line the API answers the
/// same error with.
fn refused_page(screen: Screen<'_>, error: AppError) -> Response {
    // A confirmation still to be made is the page's first step, not an error.
    let status = match error {
        AppError::LinkConfirmationRequired => Some(StatusCode::OK),
        _ => None,
    };
    let (mut parts, _) = error.into_response().into_parts();
    parts.status = status.unwrap_or(parts.status);
    parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Response::from_parts(parts, Body::from(subject_page::render(&screen)))
}

/// A rendered page. Never stored by a cache: it names the subject's reports.
fn html(status: StatusCode, screen: &Screen<'_>) -> Response {
    let headers = [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")];
    (status, headers, subject_page::render(screen)).into_response()
}

async fn stylesheet() -> Response {
    asset("text/css; charset=utf-8", subject_page::STYLESHEET)
}

async fn offline_script() -> Response {
    asset("text/javascript; charset=utf-8", subject_page::OFFLINE_SCRIPT)
}

/// A file of the page: public, revalidated on each visit (it changes with a new version).
fn asset(content_type: &'static str, text: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "no-cache")], text).into_response()
}
