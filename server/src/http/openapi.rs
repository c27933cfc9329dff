//! The OpenAPI description's frame; paths and schemas are collected from the handlers themselves
//! (utoipa-axum), so the served description cannot drift from the routes.

use axum::http::Method;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
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

/// Declares the session cookie that authenticates every call but login, and the personal API token
/// (`Authorization: Bearer`) that the filing and receipt routes also accept.
struct SessionCookie;

impl Modify for SessionCookie {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let cookie = ApiKey::Cookie(ApiKeyValue::with_description(
            crate::auth::session::COOKIE_NAME,
            "`__Host-todoke_session` when the server's public URL is https",
        ));
        components.add_security_scheme("session", SecurityScheme::ApiKey(cookie));
        let token = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some(
                "A doctor's or veterinarian's personal API token (`POST /me/api-tokens`, docs/api-tokens.md): \
                 accepted only by `PUT` and `GET /notifications/{id}`, for the token's institution. An example \
                 client (Python, standard library only): docs/examples/todoke_client.py",
            ))
            .build();
        components.add_security_scheme("api_token", SecurityScheme::Http(token));
        // The subject's personal link (issue 19): its token as a bearer credential, no session.
        let link = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some("The token of a subject's health-observation link"))
            .build();
        components.add_security_scheme("subject_link", SecurityScheme::Http(link));
    }
}

/// Adds to every operation the refusals that the layers in front of its handler answer with, which
/// its own description cannot know: 400 for a body, path or query that does not parse, 422 for a
/// control character in any of them (both from `extract`), 403 for a cross-site write (`csrf`). A
/// client (or Schemathesis) thus finds every status it can get described. And 503 `maintenance`
/// (with `Retry-After`) wherever a maintenance stop refuses the request (`crate::maintenance`).
pub fn document_edge_refusals(spec: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};

    let refusal = |description: &str| {
        let body = ContentBuilder::new().schema(Some(Ref::from_schema_name("ApiError"))).build();
        ResponseBuilder::new().description(description).content("application/json", body).build()
    };
    for (path, item) in spec.paths.paths.iter_mut() {
        let item_parameters = item.parameters.as_ref().is_some_and(|p| !p.is_empty());
        let reads = [(&mut item.get, Method::GET), (&mut item.head, Method::HEAD)];
        let other_reads = [(&mut item.options, Method::OPTIONS), (&mut item.trace, Method::TRACE)];
        let writes = [
            (&mut item.put, Method::PUT),
            (&mut item.post, Method::POST),
            (&mut item.delete, Method::DELETE),
            (&mut item.patch, Method::PATCH),
        ];
        let operations = reads
            .into_iter()
            .chain(other_reads)
            .map(|(op, method)| (op, method, false))
            .chain(writes.into_iter().map(|(op, method)| (op, method, true)));
        let operations = operations.filter_map(|(op, method, writes)| op.as_mut().map(|op| (op, method, writes)));
        for (operation, method, writes) in operations {
            let responses = &mut operation.responses.responses;
            if !crate::maintenance::always_open(&method, path) {
                responses.entry("503".into()).or_insert_with(|| {
                    refusal("Stopped for maintenance (`maintenance`, with `Retry-After`); reading may stay allowed")
                        .into()
                });
            }
            let takes_input = item_parameters
                || operation.request_body.is_some()
                || operation.parameters.as_ref().is_some_and(|p| !p.is_empty());
            if takes_input {
                responses.entry("400".into()).or_insert_with(|| {
                    refusal("Malformed request: a body, path or query value that does not parse (`malformed_request`)")
                        .into()
                });
                responses.entry("422".into()).or_insert_with(|| {
                    refusal("A value holds a control character, or breaks a rule (`validation_failed`)").into()
                });
            }
            if writes {
                responses.entry("403".into()).or_insert_with(|| {
                    refusal("Refused: a cross-site request (`cross_origin_refused`), or not permitted").into()
                });
            }
        }
    }
}
