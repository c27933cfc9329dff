//! The browser's side of a passkey ceremony: the server's JSON options become WebAuthn options
//! (`PublicKeyCredential.parseCreationOptionsFromJSON` / `parseRequestOptionsFromJSON`), the
//! authenticator answers through `navigator.credentials`, and `PublicKeyCredential.toJSON()` is what
//! goes back. Reached through `js_sys::Reflect`, so no WebAuthn bindings are needed.

use domain::api::{PasskeyChallenge, PasskeyResponse};
use domain::i18n::Lang;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::js_sys::{Function, Object, Promise, Reflect, JSON};

use crate::i18n::ui;

/// Why the browser or the authenticator gave no credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CeremonyProblem {
    /// The user closed the browser's dialog, or let it time out (`NotAllowedError`, `AbortError`).
    Cancelled,
    /// This authenticator already holds a passkey of the account (`InvalidStateError` on registration).
    AlreadyRegistered,
    /// No WebAuthn, or no JSON form of its options, in this browser.
    Unsupported,
    /// The authenticator or the options failed in another way.
    Failed,
}

impl CeremonyProblem {
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            Self::Cancelled => ui::PASSKEY_CANCELLED.get(lang),
            Self::AlreadyRegistered => ui::PASSKEY_ALREADY_REGISTERED.get(lang),
            Self::Unsupported => ui::PASSKEY_UNSUPPORTED.get(lang),
            Self::Failed => ui::PASSKEY_CEREMONY_FAILED.get(lang),
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Ceremony {
    Create,
    Get,
}

impl Ceremony {
    fn parser(self) -> &'static str {
        match self {
            Self::Create => "parseCreationOptionsFromJSON",
            Self::Get => "parseRequestOptionsFromJSON",
        }
    }

    fn method(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Get => "get",
        }
    }
}

/// Registration: a new passkey for the server's creation options.
pub async fn create(challenge: &PasskeyChallenge) -> Result<PasskeyResponse, CeremonyProblem> {
    run(Ceremony::Create, challenge).await
}

/// Authentication: an assertion of an existing passkey for the server's request options.
pub async fn get(challenge: &PasskeyChallenge) -> Result<PasskeyResponse, CeremonyProblem> {
    run(Ceremony::Get, challenge).await
}

async fn run(ceremony: Ceremony, challenge: &PasskeyChallenge) -> Result<PasskeyResponse, CeremonyProblem> {
    let window: JsValue = leptos::prelude::window().into();
    let class = property(&window, "PublicKeyCredential")?;
    let parse = function(&class, ceremony.parser())?;
    let options = challenge.options.get("publicKey").cloned().ok_or(CeremonyProblem::Failed)?;
    let options = to_js(&without_nulls(options))?;
    let public_key = parse.call1(&class, &options).map_err(|_| CeremonyProblem::Failed)?;
    let request = Object::new();
    Reflect::set(&request, &JsValue::from_str("publicKey"), &public_key).map_err(|_| CeremonyProblem::Failed)?;

    let credentials = property(&property(&window, "navigator")?, "credentials")?;
    let promise: Promise = function(&credentials, ceremony.method())?
        .call1(&credentials, &request)
        .map_err(dom_problem)?
        .dyn_into()
        .map_err(|_| CeremonyProblem::Unsupported)?;
    let credential = JsFuture::from(promise).await.map_err(dom_problem)?;
    if credential.is_null() || credential.is_undefined() {
        return Err(CeremonyProblem::Cancelled);
    }
    let json = function(&credential, "toJSON")?.call0(&credential).map_err(|_| CeremonyProblem::Failed)?;
    Ok(PasskeyResponse { ceremony_id: challenge.ceremony_id, credential: from_js(&json)? })
}

fn property(target: &JsValue, name: &str) -> Result<JsValue, CeremonyProblem> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|value| !value.is_undefined() && !value.is_null())
        .ok_or(CeremonyProblem::Unsupported)
}

fn function(target: &JsValue, name: &str) -> Result<Function, CeremonyProblem> {
    property(target, name)?.dyn_into().map_err(|_| CeremonyProblem::Unsupported)
}

/// WebAuthn's DOMException names, as the specification gives them for each case.
fn dom_problem(error: JsValue) -> CeremonyProblem {
    let name = Reflect::get(&error, &JsValue::from_str("name")).ok().and_then(|name| name.as_string());
    match name.as_deref() {
        Some("NotAllowedError" | "AbortError") => CeremonyProblem::Cancelled,
        Some("InvalidStateError") => CeremonyProblem::AlreadyRegistered,
        Some("NotSupportedError" | "SecurityError") => CeremonyProblem::Unsupported,
        _ => CeremonyProblem::Failed,
    }
}

/// The options without `null` members: WebIDL reads a `null` enum or dictionary member as a value
/// (and refuses it), while an absent member takes its default.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(members) => Value::Object(
            members.into_iter().filter(|(_, member)| !member.is_null()).map(|(k, v)| (k, without_nulls(v))).collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

fn to_js(value: &Value) -> Result<JsValue, CeremonyProblem> {
    let text = serde_json::to_string(value).map_err(|_| CeremonyProblem::Failed)?;
    JSON::parse(&text).map_err(|_| CeremonyProblem::Failed)
}

fn from_js(value: &JsValue) -> Result<Value, CeremonyProblem> {
    let text = JSON::stringify(value).map_err(|_| CeremonyProblem::Failed)?;
    serde_json::from_str(&String::from(text)).map_err(|_| CeremonyProblem::Failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_members_are_dropped_at_every_depth() {
        let options = serde_json::json!({
            "challenge": "abc",
            "timeout": null,
            "authenticatorSelection": {"authenticatorAttachment": null, "residentKey": "required"},
            "excludeCredentials": [{"id": "x", "transports": null}],
        });
        let expected = serde_json::json!({
            "challenge": "abc",
            "authenticatorSelection": {"residentKey": "required"},
            "excludeCredentials": [{"id": "x"}],
        });
        assert_eq!(without_nulls(options), expected);
    }
}
