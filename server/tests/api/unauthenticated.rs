//! The routes anyone can call without a session (issue 12): which they are, and that each answers a
//! user ID that exists exactly as one that does not: status, headers, body, and the records it
//! leaves. How long each takes is measured by `cargo bench -p server --bench unauthenticated`, and
//! the password check's cost by a unit test of `auth::password` (docs/security.md).

use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::support::{Api, User};

on_both_databases!(
    only_the_listed_routes_answer_without_a_session,
    known_and_unknown_user_ids_get_the_same_answer_and_leave_the_same_records,
);

/// Every operation that does something for a client without a session. A new one must be added here,
/// and to the check below when it takes a user ID. (`/openapi.json` is public too, and names no one.)
pub(crate) const PUBLIC: [(&str, &str); 9] = [
    ("GET", "/health"),
    ("GET", "/ready"),
    // The maintenance schedule: the login page shows a stop's message too.
    ("GET", "/maintenance"),
    ("POST", "/session"),
    ("POST", "/password-reset"),
    ("POST", "/password-reset/confirm"),
    // A subject's health observation (issue 19): the link's token is the credential, not a session.
    ("POST", "/subject/confirm"),
    ("GET", "/subject"),
    ("POST", "/subject/reports"),
];

/// Every (method, path) the OpenAPI description lists, the method in capitals.
pub(crate) async fn described_operations(api: &Api) -> Vec<(String, String)> {
    let spec: Value = api.anonymous().get("/openapi.json").await.json().await.unwrap();
    spec["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object().unwrap().keys().map(move |method| (method.to_uppercase(), path.clone()))
        })
        .collect()
}

/// A request for the described operation, with a fresh UUID for every path parameter and an empty
/// JSON object as the body of a write.
pub(crate) fn request_for(user: &User, method: &str, path: &str) -> reqwest::RequestBuilder {
    let id = uuid::Uuid::new_v4().to_string();
    let concrete: String = path
        .split('/')
        .map(|part| if part.starts_with('{') { id.as_str() } else { part })
        .collect::<Vec<_>>()
        .join("/");
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    let request = user.client.request(method.clone(), format!("{}{concrete}", user.base));
    if method == Method::GET {
        request
    } else {
        request.json(&json!({}))
    }
}

async fn only_the_listed_routes_answer_without_a_session(api: Api) {
    let anonymous = api.anonymous();
    let operations = described_operations(&api).await;
    for (method, path) in PUBLIC {
        assert!(operations.contains(&(method.to_owned(), path.to_owned())), "{method} {path} is not described");
    }
    for (method, path) in operations.iter().filter(|(m, p)| !PUBLIC.contains(&(m.as_str(), p.as_str()))) {
        let response = request_for(&anonymous, method, path).send().await.unwrap();
        let status = response.status();
        let body = response.text().await.unwrap();
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path} answered without a session: {body}");
        assert!(body.contains("\"unauthenticated\""), "{method} {path}: {body}");
    }
}

/// One public request about a user ID.
struct Probe {
    path: &'static str,
    body: fn(&str) -> Value,
    status: StatusCode,
    /// Whether its records must match too: a reset request sends a code to an existing account after
    /// answering, which an unknown one cannot have (the answer does not wait for it).
    same_records: bool,
}

const PROBES: [Probe; 3] = [
    Probe {
        path: "/session",
        body: |user_id| json!({"user_id": user_id, "password": "Wrong#Pass123"}),
        status: StatusCode::UNAUTHORIZED,
        same_records: true,
    },
    Probe {
        path: "/password-reset",
        body: |user_id| json!({"user_id": user_id}),
        status: StatusCode::ACCEPTED,
        same_records: false,
    },
    // doctor2 has a reset code pending by now (the probe above): the case an attacker would try.
    Probe {
        path: "/password-reset/confirm",
        body: |user_id| json!({"user_id": user_id, "code": "000000", "new_password": "Wasureta#Pw9"}),
        status: StatusCode::UNAUTHORIZED,
        same_records: true,
    },
];

async fn known_and_unknown_user_ids_get_the_same_answer_and_leave_the_same_records(api: Api) {
    for probe in PROBES {
        let known = sent(&api, probe.path, (probe.body)("doctor2")).await;
        if probe.path == "/password-reset" {
            api.codes_once_sent("doctor2", 1).await;
        }
        let unknown = sent(&api, probe.path, (probe.body)("nobody-here")).await;
        assert_eq!(known.answer, unknown.answer, "{}: the answer tells whether the ID exists", probe.path);
        assert_eq!(known.answer.0, probe.status, "{}", probe.path);
        if probe.same_records {
            assert_eq!(known.records, unknown.records, "{}: the records differ", probe.path);
        }
    }
    // Nothing was given away: doctor2's password is as it was.
    let login = api.anonymous().post_json("/session", &json!({"user_id": "doctor2", "password": "Minami#Hosp2"})).await;
    assert_eq!(login.status(), StatusCode::OK);
}

/// What a request gave away and left behind.
#[derive(Debug, PartialEq)]
struct Trace {
    /// Status, headers (but the date and the request id) and body.
    answer: (StatusCode, Vec<(String, String)>, String),
    records: Records,
}

/// The records a public route writes, as they concern the user ID asked about.
#[derive(Debug, PartialEq)]
struct Records {
    /// The new audit records' action and outcome.
    audit: Vec<(String, String)>,
    /// The throttle's failures counted against the ID (`kind:user:<id>` keys), by kind.
    throttled: Vec<(String, i64)>,
    /// Failures the request added to the address's throttle keys.
    address_failures: i64,
    /// Sessions and one-time codes the request added.
    sessions_and_codes: i64,
}

async fn sent(api: &Api, path: &str, body: Value) -> Trace {
    let user_id = body["user_id"].as_str().unwrap().to_owned();
    let audited = api.audit_log().await.len();
    let address_failures = address_failures(api).await;
    let sessions_and_codes = sessions_and_codes(api).await;
    let user: User = api.anonymous();
    let response: Response = user.post_json(path, &body).await;
    let status = response.status();
    let mut headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .filter(|(name, _)| !["date", "x-request-id"].contains(&name.as_str()))
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap_or_default().to_owned()))
        .collect();
    headers.sort();
    let text = response.text().await.unwrap();
    let audit = api.audit_log().await.split_off(audited).into_iter().map(|(_, action, outcome)| (action, outcome));
    let throttled: Vec<(String, i64)> = api
        .fetch_all(&format!(
            "SELECT key, CAST(failures AS BIGINT) FROM throttle WHERE key LIKE '%:user:{user_id}' ORDER BY key"
        ))
        .await;
    let records = Records {
        audit: audit.collect(),
        throttled: throttled.into_iter().map(|(key, failures)| (key.replace(&user_id, "<id>"), failures)).collect(),
        address_failures: self::address_failures(api).await - address_failures,
        sessions_and_codes: self::sessions_and_codes(api).await - sessions_and_codes,
    };
    Trace { answer: (status, headers, text), records }
}

async fn address_failures(api: &Api) -> i64 {
    api.query_count("SELECT COALESCE(SUM(failures), 0) FROM throttle WHERE key LIKE '%:addr:%'").await
}

async fn sessions_and_codes(api: &Api) -> i64 {
    api.query_count("SELECT (SELECT COUNT(*) FROM sessions) + (SELECT COUNT(*) FROM one_time_codes)").await
}
