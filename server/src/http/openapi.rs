//! The OpenAPI description's frame; paths and schemas are collected from the handlers themselves
//! (utoipa-axum), so the served description cannot drift from the routes.

use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "todoke API",
        description = "感染症発生届の提出と受理のための API. Errors are `ApiError` bodies with a stable `code`."
    ),
    servers((url = "/api/v1")),
    modifiers(&SessionCookie),
    security(("session" = [])),
    components(schemas(domain::error::ErrorCode, domain::error::FieldErrorCode))
)]
pub struct ApiDoc;

/// Declares the session cookie that authenticates every call but login.
struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let cookie = ApiKey::Cookie(ApiKeyValue::with_description(
            crate::auth::session::COOKIE_NAME,
            "`__Host-todoke_session` when the server's public URL is https",
        ));
        components.add_security_scheme("session", SecurityScheme::ApiKey(cookie));
    }
}
