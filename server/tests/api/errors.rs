//! Bad requests get todoke's typed JSON error, and the API describes itself.

use reqwest::StatusCode;

use crate::on_both_databases;
use crate::support::{expect_error, expect_json, measles_submission, Api};

on_both_databases!(
    malformed_json_and_bad_ids_get_typed_errors,
    unknown_routes_and_methods_under_api_get_typed_errors,
    the_openapi_description_lists_every_route,
    every_refusal_in_front_of_a_handler_is_described,
);

async fn malformed_json_and_bad_ids_get_typed_errors(api: Api) {
    let doctor = api.login("doctor1").await;
    let id = uuid::Uuid::new_v4();
    let url = format!("{}/notifications/{id}", api.base);
    let broken =
        doctor.client.put(&url).header("content-type", "application/json").body("{\"disease\": ").send().await.unwrap();
    expect_error(broken, StatusCode::BAD_REQUEST, "malformed_request").await;
    let wrong_shape = doctor.put_json(&format!("/notifications/{id}"), &serde_json::json!({"disease": 5})).await;
    expect_error(wrong_shape, StatusCode::BAD_REQUEST, "malformed_request").await;
    let not_json = doctor.client.put(&url).header("content-type", "text/plain").body("hello").send().await.unwrap();
    expect_error(not_json, StatusCode::BAD_REQUEST, "malformed_request").await;
    let bad_id = doctor.put_json("/notifications/not-a-uuid", &measles_submission()).await;
    expect_error(bad_id, StatusCode::BAD_REQUEST, "malformed_request").await;
    let login = api.anonymous().post_json("/session", &serde_json::json!({"user": "x"})).await;
    expect_error(login, StatusCode::BAD_REQUEST, "malformed_request").await;
    // None of it was stored.
    expect_error(doctor.get(&format!("/notifications/{id}")).await, StatusCode::NOT_FOUND, "not_found").await;
}

async fn unknown_routes_and_methods_under_api_get_typed_errors(api: Api) {
    let user = api.anonymous();
    expect_error(user.get("/no-such-thing").await, StatusCode::NOT_FOUND, "not_found").await;
    let outside_v1 = user.client.get(api.base.replace("/api/v1", "/api/v0/me")).send().await.unwrap();
    expect_error(outside_v1, StatusCode::NOT_FOUND, "not_found").await;
    let patch = user.client.patch(format!("{}/me", api.base)).send().await.unwrap();
    expect_error(patch, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
}

async fn the_openapi_description_lists_every_route(api: Api) {
    let spec: serde_json::Value = expect_json(api.anonymous().get("/openapi.json").await, StatusCode::OK).await;
    let operations = [
        ("/session", "post"),
        ("/session", "delete"),
        ("/me", "get"),
        ("/notifications", "get"),
        ("/notifications/{id}", "put"),
        ("/notifications/{id}", "get"),
        ("/notifications/{id}/fhir", "get"),
        ("/session/code", "post"),
        ("/session/code/resend", "post"),
        ("/me/password", "put"),
        ("/me/reauthentication", "post"),
        ("/me/second-factor", "post"),
        ("/me/second-factor/confirm", "post"),
        ("/me/passkeys/registration", "post"),
        ("/me/passkeys", "post"),
        ("/session/passkey/options", "post"),
        ("/session/passkey", "post"),
        ("/password-reset", "post"),
        ("/password-reset/confirm", "post"),
        ("/notifications/{id}/accept", "post"),
        ("/notifications/{id}/return", "post"),
        ("/notifications/{id}/transfer", "post"),
        ("/notifications/{id}/resubmit", "post"),
        ("/notifications/{id}/withdraw", "post"),
        ("/notifications/export", "get"),
        ("/notifications/changes", "get"),
        ("/health-centers", "get"),
        ("/health", "get"),
        ("/ready", "get"),
        ("/admin/masters/{kind}", "put"),
        ("/admin/institutions", "post"),
        ("/admin/applications", "post"),
        ("/admin/account-batches/{batch_id}/credentials", "post"),
        ("/admin/letters", "get"),
        ("/admin/accounts", "get"),
        ("/admin/accounts/{user_id}", "get"),
        ("/admin/accounts/{user_id}", "patch"),
        ("/admin/accounts/{user_id}", "delete"),
        ("/admin/accounts/{user_id}/suspend", "post"),
        ("/admin/accounts/{user_id}/resume", "post"),
        ("/admin/accounts/{user_id}/password-reset", "post"),
        ("/admin/accounts/{user_id}/letter", "post"),
        ("/manager/requests", "post"),
        ("/manager/requests", "get"),
        ("/manager/requests/{request_id}/withdraw", "post"),
        ("/manager/staff", "get"),
        ("/admin/requests", "get"),
        ("/admin/requests/{request_id}/approve", "post"),
        ("/admin/requests/{request_id}/reject", "post"),
        ("/situation/curve", "get"),
        ("/situation/map", "get"),
        ("/situation/areas", "get"),
        ("/situation/week", "get"),
        ("/situation/report", "get"),
        ("/situation/reports", "post"),
        ("/situation/reports", "get"),
        ("/situation/reports/{id}", "get"),
        ("/situation/curve/export", "get"),
        ("/situation/map/export", "get"),
        ("/situation/week/export", "get"),
        ("/situation/report/export", "get"),
        ("/situation/reports/{id}/export", "get"),
        ("/sentinel/reports", "get"),
        ("/sentinel/reports/{id}", "put"),
        ("/sentinel/reports/{id}", "get"),
        ("/sentinel/site", "get"),
        ("/sentinel/overview", "get"),
        ("/sentinel/reminders", "post"),
        ("/sentinel/aggregates", "get"),
        ("/sentinel/aggregates/export", "get"),
        ("/sentinel/chart", "get"),
        ("/alarms", "get"),
        ("/alarms/configuration", "get"),
        ("/alarms/open-count", "get"),
        ("/alarms/{id}", "get"),
        ("/alarms/{id}/mark", "post"),
        ("/syndromic/reports", "get"),
        ("/syndromic/reports/{id}", "put"),
        ("/syndromic/reports/{id}", "get"),
        ("/syndromic/reports/{id}/accept", "post"),
        ("/syndromic/reports/{id}/return", "post"),
        ("/notifications/page", "get"),
        ("/notifications/{id}/case", "post"),
        ("/cases", "get"),
        ("/cases/{id}", "get"),
        ("/cases/{id}/entries", "post"),
        ("/cases/{id}/contacts", "post"),
        ("/cases/{id}/close", "post"),
        ("/contacts/{id}/close", "post"),
        ("/cases/{id}/chain", "get"),
        ("/observations", "post"),
        ("/observations/follow-up", "get"),
        ("/observations/{id}", "get"),
        ("/observations/{id}/reports", "post"),
        ("/observations/{id}/close", "post"),
        ("/me/api-tokens", "post"),
        ("/me/api-tokens", "get"),
        ("/me/api-tokens/{id}", "delete"),
        ("/admin/audit", "get"),
        ("/admin/audit/export", "get"),
        ("/observations/{id}/link", "post"),
        ("/observations/{id}/link/revoke", "post"),
        ("/subject/confirm", "post"),
        ("/subject", "get"),
        ("/subject/reports", "post"),
        ("/admin/staff-accounts", "post"),
        ("/admin/prefectures", "get"),
        ("/maintenance", "get"),
        ("/admin/maintenance", "post"),
        ("/admin/maintenance/{id}/end", "post"),
        ("/admin/security", "get"),
        ("/notices", "get"),
        ("/notices/{id}/read", "post"),
        ("/admin/notices", "get"),
        ("/admin/notices", "post"),
        ("/admin/notices/{id}", "put"),
        ("/admin/notices/{id}/withdraw", "post"),
    ];
    for (path, method) in operations {
        assert!(spec["paths"][path][method].is_object(), "{method} {path} missing from the description");
    }
    // A maintenance stop's refusal is documented where a stop refuses, and only there.
    assert!(spec["paths"]["/notifications/{id}"]["put"]["responses"]["503"].is_object());
    assert!(spec["paths"]["/health"]["get"]["responses"]["503"].is_null());
    assert!(spec["paths"]["/admin/maintenance/{id}/end"]["post"]["responses"]["503"].is_null());
    let paths = spec["paths"].as_object().unwrap();
    let documented: usize = paths.values().map(|item| item.as_object().map_or(0, |ops| ops.len())).sum();
    assert_eq!(documented, operations.len(), "undocumented or unexpected operations: {paths:?}");
    for schema in [
        "ApiError",
        "ErrorCode",
        "Receipt",
        "NotificationSubmission",
        "Answer",
        "LoginChallenge",
        "PasswordRule",
        "HistoryEntry",
        "StaleRevision",
        "ResubmitRequest",
        "TransferRequest",
        "ReturnRequest",
    ] {
        assert!(spec["components"]["schemas"][schema].is_object(), "schema {schema}");
    }
    let filters: Vec<&str> = spec["paths"]["/notifications"]["get"]["parameters"]
        .as_array()
        .map(|parameters| parameters.iter().filter_map(|p| p["name"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(filters, ["disease", "status", "received_from", "received_to"]);
}

/// The layers in front of the handlers refuse a body, path or query that does not parse (400), a
/// control character in any of them (422), and a cross-site write (403), whatever the route: each
/// operation's description must name what it can answer (Schemathesis found 34 that did not).
async fn every_refusal_in_front_of_a_handler_is_described(api: Api) {
    use reqwest::Method;

    let doctor = api.login("doctor1").await;
    let spec: serde_json::Value = expect_json(doctor.get("/openapi.json").await, StatusCode::OK).await;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let described = |status: StatusCode| operation["responses"][status.as_str()].is_object();
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let filled = |value: &str| {
                let parts = path.split('/').map(|part| if part.starts_with('{') { value } else { part });
                format!("{}{}", api.base, parts.collect::<Vec<_>>().join("/"))
            };
            let mut refused = Vec::new();
            if path.contains('{') {
                refused.push(doctor.client.request(method.clone(), filled("bell%07")).send().await.unwrap());
            }
            if operation["requestBody"].is_object() {
                let broken =
                    doctor.client.request(method.clone(), filled("x")).header("content-type", "application/json");
                refused.push(broken.body("{\"user_id\": ").send().await.unwrap());
            }
            if method != Method::GET {
                let foreign =
                    doctor.client.request(method.clone(), filled("x")).header("origin", "https://evil.example");
                let foreign = foreign.send().await.unwrap();
                assert_eq!(foreign.status(), StatusCode::FORBIDDEN, "{method} {path} from another site");
                refused.push(foreign);
            }
            for response in refused {
                let status = response.status();
                assert!(
                    described(status),
                    "{method} {path} answered {status}, not described: {}",
                    response.text().await.unwrap()
                );
            }
        }
    }
    // Still logged in: no request above was taken.
    assert_eq!(doctor.get("/me").await.status(), StatusCode::OK);
}
