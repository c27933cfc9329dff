//! `/alarms/configuration`: which method runs on which series of each disease, with its parameters,
//! for national accounts; and the parameter table the alarm's page shows too.

use domain::alarms::{Detection, DiseaseDetections};
use leptos::prelude::*;
use serde::Serialize;

use super::{disease_text, method_text, texts};
use crate::auth::Session;
use crate::components::failure::FailureAlert;
use crate::components::page_title::PageTitle;
use crate::components::table::ScrollTable;
use crate::i18n::{tr, ui, use_lang};

/// A method's parameters as (name, value) rows, in the wire's names (the `aberration` crate's, after
/// R's `control` list); the method itself (`algorithm`) is named elsewhere.
pub fn parameter_rows(parameters: &impl Serialize) -> Vec<(String, String)> {
    let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(parameters) else { return Vec::new() };
    fields
        .into_iter()
        .filter(|(name, _)| name != "algorithm")
        .map(|(name, value)| {
            let value = match value {
                serde_json::Value::String(text) => text,
                serde_json::Value::Null => "NULL".to_owned(),
                other => other.to_string(),
            };
            (name, value)
        })
        .collect()
}

/// The parameters of a method.
#[component]
fn ParameterTable(rows: Vec<(String, String)>) -> impl IntoView {
    let rows = rows
        .into_iter()
        .map(|(name, value)| view! { <tr><th scope="row"><code>{name}</code></th><td><code>{value}</code></td></tr> })
        .collect_view();
    view! {
        <ScrollTable class="table figures" headings=vec![Some(texts::PARAMETER), Some(texts::VALUE)]>
            {rows}
        </ScrollTable>
    }
}

/// The parameters of an alarm's method, folded away.
#[component]
pub fn MethodParameters(rows: Vec<(String, String)>) -> impl IntoView {
    view! {
        <details class="alarm-parameters">
            <summary>{tr(texts::PARAMETERS)}</summary>
            <ParameterTable rows />
        </details>
    }
}

#[component]
pub fn DetectionConfigurationPage(session: Session) -> impl IntoView {
    let client = session.client;
    let configuration = LocalResource::new(move || async move { client.detection_configuration().await });
    view! {
        <PageTitle text=texts::CONFIGURATION_TITLE />
        <h1>{tr(texts::CONFIGURATION_TITLE)}</h1>
        <p class="lead">{tr(texts::CONFIGURATION_INTRO)}</p>
        {move || match configuration.get() {
            None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
            Some(Err(failure)) => view! { <FailureAlert failure /> }.into_any(),
            Some(Ok(configuration)) => {
                let diseases = configuration
                    .diseases
                    .into_iter()
                    .map(|disease| view! { <DiseaseEntry disease /> })
                    .collect_view();
                view! { <ul class="detection-list">{diseases}</ul> }.into_any()
            }
        }}
        <p><a class="button button-secondary" href="/">{tr(ui::BACK_HOME)}</a></p>
    }
}

#[component]
fn DiseaseEntry(disease: DiseaseDetections) -> impl IntoView {
    let lang = use_lang();
    let code = disease.disease.clone();
    let detections =
        disease.detections.into_iter().map(|detection| view! { <DetectionEntry detection /> }).collect_view();
    view! {
        <li class="detection-disease">
            <h2>{move || disease_text(&code, lang.get())}</h2>
            {detections}
        </li>
    }
}

#[component]
fn DetectionEntry(detection: Detection) -> impl IntoView {
    let lang = use_lang();
    let Detection { source, method } = detection;
    let name = method.name();
    view! {
        <details class="detection">
            <summary>
                {tr(source.label())}
                "：" {move || method_text(name, lang.get())}
            </summary>
            <ParameterTable rows=parameter_rows(&method) />
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Control {
        algorithm: &'static str,
        b: usize,
        alpha: Option<f64>,
        threshold_method: &'static str,
    }

    #[test]
    fn parameters_are_listed_by_name_without_the_algorithm() {
        let rows = parameter_rows(&Control { algorithm: "farrington", b: 3, alpha: None, threshold_method: "delta" });
        let rows: Vec<(&str, &str)> = rows.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
        assert_eq!(rows, [("alpha", "NULL"), ("b", "3"), ("threshold_method", "delta")]);
    }
}
