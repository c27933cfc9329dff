//! HTTP: the API under `/api/v1`, the PWA's files, and what every response carries (JSON errors,
//! security headers).

mod csrf;
pub mod error;
pub mod extract;
mod forwarded;
mod headers;
mod health;
mod openapi;
mod telemetry;
pub mod web;

use std::sync::Arc;

use axum::routing::{any, get};
use axum::{Json, Router};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::AppError;
use crate::{
    accounts, alarms, audit_viewer, auth, investigations, maintenance, notices, notifications, security_view, sentinel,
    situation, syndromic, AppState,
};

pub fn router(state: AppState, web: web::WebAssets) -> Router {
    let proxies = forwarded::TrustedProxies(state.config.trusted_proxies.clone().into());
    let (api, mut spec) = OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(auth::routes::login, auth::routes::logout))
        .routes(routes!(auth::routes::verify_login_code))
        .routes(routes!(auth::routes::resend_login_code))
        .routes(routes!(auth::routes::current))
        .routes(routes!(auth::routes::change_password))
        .routes(routes!(auth::routes::reauthenticate))
        .routes(routes!(auth::factor_routes::request_change))
        .routes(routes!(auth::factor_routes::confirm_change))
        .routes(routes!(auth::passkeys::start_registration))
        .routes(routes!(auth::passkeys::finish_registration))
        .routes(routes!(auth::passkeys::start_login))
        .routes(routes!(auth::passkeys::finish_login))
        .routes(routes!(auth::routes::request_password_reset))
        .routes(routes!(auth::routes::confirm_password_reset))
        .routes(routes!(auth::api_token_routes::create, auth::api_token_routes::list))
        .routes(routes!(auth::api_token_routes::revoke))
        .routes(routes!(audit_viewer::list))
        .routes(routes!(audit_viewer::export))
        .routes(routes!(security_view::overview))
        .routes(routes!(notifications::routes::list))
        .routes(routes!(notifications::pages::page))
        .routes(routes!(notifications::export::export))
        .routes(routes!(notifications::changes::feed))
        .routes(routes!(notifications::routes::submit, notifications::routes::show))
        .routes(routes!(crate::fhir::routes::bundle))
        .routes(routes!(notifications::workflow::accept))
        .routes(routes!(notifications::workflow::return_for_correction))
        .routes(routes!(notifications::workflow::transfer))
        .routes(routes!(notifications::workflow::resubmit))
        .routes(routes!(notifications::workflow::withdraw))
        .routes(routes!(notifications::health_centers::list_health_centers))
        .routes(routes!(situation::routes::curve))
        .routes(routes!(situation::routes::map))
        .routes(routes!(situation::routes::areas))
        .routes(routes!(situation::routes::week))
        .routes(routes!(situation::report::draft))
        .routes(routes!(situation::report::publish, situation::report::list))
        .routes(routes!(situation::report::show))
        .routes(routes!(situation::export::export_curve))
        .routes(routes!(situation::export::export_map))
        .routes(routes!(situation::export::export_week))
        .routes(routes!(situation::export::export_report))
        .routes(routes!(situation::export::export_published_report))
        .routes(routes!(sentinel::reports::list))
        .routes(routes!(sentinel::reports::file, sentinel::reports::show))
        .routes(routes!(sentinel::reports::site))
        .routes(routes!(sentinel::overview::overview))
        .routes(routes!(sentinel::overview::remind))
        .routes(routes!(sentinel::tables::aggregates))
        .routes(routes!(sentinel::tables::export))
        .routes(routes!(sentinel::tables::chart))
        .routes(routes!(alarms::routes::list))
        .routes(routes!(alarms::routes::open_count))
        .routes(routes!(alarms::routes::detection_configuration))
        .routes(routes!(alarms::routes::show))
        .routes(routes!(alarms::routes::mark))
        .routes(routes!(syndromic::routes::list))
        .routes(routes!(syndromic::routes::file, syndromic::routes::show))
        .routes(routes!(syndromic::routes::accept))
        .routes(routes!(syndromic::routes::return_report))
        .routes(routes!(investigations::cases::open))
        .routes(routes!(investigations::cases::list))
        .routes(routes!(investigations::cases::show))
        .routes(routes!(investigations::cases::add_entry))
        .routes(routes!(investigations::cases::add_contact))
        .routes(routes!(investigations::cases::close))
        .routes(routes!(investigations::cases::close_contact))
        .routes(routes!(investigations::chains::show))
        .routes(routes!(investigations::observations::start))
        .routes(routes!(investigations::observations::follow_up_list))
        .routes(routes!(investigations::observations::show))
        .routes(routes!(investigations::observations::record_report))
        .routes(routes!(investigations::observations::close))
        .routes(routes!(investigations::links::send))
        .routes(routes!(investigations::links::revoke))
        .routes(routes!(investigations::links::confirm))
        .routes(routes!(investigations::links::view))
        .routes(routes!(investigations::links::report))
        .routes(routes!(health::health))
        .routes(routes!(health::ready))
        .routes(routes!(maintenance::routes::schedule))
        .routes(routes!(maintenance::routes::start))
        .routes(routes!(maintenance::routes::end))
        .routes(routes!(notices::mine))
        .routes(routes!(notices::mark_read))
        .routes(routes!(notices::published, notices::publish))
        .routes(routes!(notices::edit))
        .routes(routes!(notices::withdraw))
        .routes(routes!(accounts::routes::register_institution))
        .routes(routes!(accounts::routes::issue_staff_accounts))
        .routes(routes!(accounts::routes::list_prefectures))
        .routes(routes!(accounts::routes::download_credentials))
        .routes(routes!(accounts::routes::list_letters))
        .routes(routes!(accounts::routes::list_accounts))
        .routes(routes!(
            accounts::routes::show_account,
            accounts::routes::change_account,
            accounts::routes::delete_account
        ))
        .routes(routes!(accounts::routes::suspend_account))
        .routes(routes!(accounts::routes::resume_account))
        .routes(routes!(accounts::routes::reset_password))
        .routes(routes!(accounts::routes::resend_letter))
        .routes(routes!(accounts::request_routes::submit_request, accounts::request_routes::institution_requests))
        .routes(routes!(accounts::request_routes::withdraw_request))
        .routes(routes!(accounts::request_routes::institution_staff))
        .routes(routes!(accounts::request_routes::jurisdiction_requests))
        .routes(routes!(accounts::request_routes::approve_request))
        .routes(routes!(accounts::request_routes::reject_request))
        .merge(uploads())
        .split_for_parts();
    openapi::document_edge_refusals(&mut spec);
    let spec = Arc::new(spec);
    let own_origin = csrf::OwnOrigin::from_public_url(state.config.public_url.as_deref());
    let api = api
        .route("/openapi.json", get(move || async move { Json(spec.as_ref().clone()) }))
        .fallback(api_not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(state.clone(), maintenance::refuse_during_stop))
        .layer(axum::middleware::from_fn_with_state(own_origin, csrf::refuse_cross_site_writes))
        .with_state(state.clone());
    let csp = web.content_security_policy();
    // No cross-site check on the subject's page: its forms carry their credential in the path, not in a
    // cookie (no ambient authority to forge with), and under `Referrer-Policy: no-referrer` a browser
    // sends `Origin: null` with a form post.
    let subject_page = investigations::subject_page::routes(&state).with_state(state);
    let app = Router::new()
        .nest("/api/v1", api)
        .merge(subject_page)
        .route("/api", any(api_not_found))
        .route("/api/{*rest}", any(api_not_found))
        .fallback_service(web.into_service())
        .layer(axum::middleware::from_fn(web::cache_headers));
    // Outermost, so that every answer carries them, including panics turned into 500s; the client's
    // address behind a proxy is settled before anything reads it.
    telemetry::observe(app)
        .layer(axum::middleware::from_fn_with_state(csp, headers::add_security_headers))
        .layer(axum::middleware::from_fn_with_state(proxies, forwarded::client_behind_proxy))
}

/// File uploads (masters, application forms) may be larger than a JSON body.
fn uploads() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(accounts::routes::import_master))
        .routes(routes!(accounts::routes::upload_applications))
        .layer(axum::extract::DefaultBodyLimit::max(crate::tabular::MAX_UPLOAD_BYTES))
}

async fn api_not_found() -> AppError {
    AppError::NotFound
}

async fn method_not_allowed() -> AppError {
    AppError::MethodNotAllowed
}
