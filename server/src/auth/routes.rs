//! `/api/v1/session` and `/api/v1/me`: log in with ID and password, log out, who am I.

use axum::extract::State;
use axum::http::{header::HeaderName, HeaderValue, StatusCode};
use axum::Json;
use axum_extra::extract::cookie::{Cookie, CookieJar};
use domain::api::{LoginRequest, Me};
use domain::error::ApiError;
use time::OffsetDateTime;

use super::password;
use super::session::{self, ClientAddress, Principal};
use crate::audit::{self, Action, Outcome};
use crate::http::error::AppError;
use crate::http::extract::ApiJson;
use crate::store::Account;
use crate::AppState;

/// Log in with user ID and password; sets the session cookie.
#[utoipa::path(
    post, path = "/session", tag = "session", request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in; the session cookie is set", body = Me),
        (status = 400, description = "Malformed body", body = ApiError),
        (status = 401, description = "Wrong user ID or password", body = ApiError),
    )
)]
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    jar: CookieJar,
    ApiJson(request): ApiJson<LoginRequest>,
) -> Result<(CookieJar, Json<Me>), AppError> {
    let credentials = state.store.credentials(&request.user_id).await?;
    let stored_hash = credentials.as_ref().map(|c| c.password_hash.clone());
    let matches = password::verify_off_thread(request.password, stored_hash).await?;
    let Some(credentials) = credentials.filter(|_| matches) else {
        let failure = audit::entry(
            Action::Login,
            Outcome::Failure,
            None,
            Some(request.user_id),
            client,
        );
        state.store.audit(failure).await?;
        return Err(AppError::InvalidCredentials);
    };
    let (token, hash) = session::new_token();
    state
        .store
        .create_session(&hash, &credentials.user_id, OffsetDateTime::now_utc())
        .await?;
    let record = state
        .store
        .session(&hash)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let success = audit::entry(
        Action::Login,
        Outcome::Success,
        Some(&credentials.user_id),
        None,
        client,
    );
    state.store.audit(success).await?;
    let jar = jar.add(session::cookie(token, state.config.secure_cookies()));
    Ok((jar, Json(me(record.account))))
}

/// End the session; the browser is also told to clear the site's cookies and storage.
#[utoipa::path(
    delete, path = "/session", tag = "session",
    responses(
        (status = 204, description = "Logged out"),
        (status = 401, description = "No session", body = ApiError),
    )
)]
pub async fn logout(
    State(state): State<AppState>,
    ClientAddress(client): ClientAddress,
    principal: Principal,
    jar: CookieJar,
) -> Result<(StatusCode, [(HeaderName, HeaderValue); 1], CookieJar), AppError> {
    state.store.delete_session(&principal.token_hash).await?;
    let entry = audit::entry(
        Action::Logout,
        Outcome::Success,
        Some(&principal.account.user_id),
        None,
        client,
    );
    state.store.audit(entry).await?;
    let clear_site_data = (
        HeaderName::from_static("clear-site-data"),
        HeaderValue::from_static("\"cookies\", \"storage\""),
    );
    Ok((
        StatusCode::NO_CONTENT,
        [clear_site_data],
        jar.remove(Cookie::build(session::COOKIE_NAME).path("/")),
    ))
}

/// The logged-in account.
#[utoipa::path(
    get, path = "/me", tag = "session",
    responses(
        (status = 200, description = "The account of this session", body = Me),
        (status = 401, description = "No session", body = ApiError),
    )
)]
pub async fn current(principal: Principal) -> Json<Me> {
    Json(me(principal.account))
}

fn me(account: Account) -> Me {
    Me {
        user_id: account.user_id,
        display_name: account.display_name,
        role: account.role,
        organization: account.organization,
    }
}
