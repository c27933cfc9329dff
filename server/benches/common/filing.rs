//! One notification filed through HTTP, as the intake benchmarks file it. Shared as a file
//! (`#[path]`, as `filing`) by `intake_load` and `soak`.

use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode};

/// One new notification, timed from sending to having read the receipt.
pub async fn file_one(session: &Client, base: &str) -> Result<Duration, String> {
    let started = Instant::now();
    let url = format!("{base}/notifications/{}", uuid::Uuid::new_v4());
    let response = session.put(url).json(&measles()).send().await.map_err(|e| format!("no answer: {e}"))?;
    let status = response.status();
    let body = response.bytes().await.map_err(|e| format!("body cut: {e}"))?;
    if status == StatusCode::CREATED {
        Ok(started.elapsed())
    } else {
        Err(format!("{status} {}", String::from_utf8_lossy(&body).chars().take(80).collect::<String>()))
    }
}

/// A complete measles notification, as the integration tests file it.
pub fn measles() -> serde_json::Value {
    serde_json::json!({
        "disease": "measles",
        "answers": {
            "case_type": "lab_confirmed", "patient_name": "山田 太郎", "patient_sex": "male",
            "patient_birth_date": "2020-05-01", "patient_age": "6", "patient_address": "デモ県北町1-2-3",
            "symptoms": ["fever", "rash", "koplik_spots"], "diagnosis_methods": ["pcr"],
            "first_visit_date": "2026-11-20", "diagnosis_date": "2026-11-21", "onset_date": "2026-11-18",
            "outcome": "alive", "infection_route": "airborne", "infection_area": "domestic",
            "vaccination_1": "yes", "vaccination_1_date": "2021-06-01", "vaccination_2": "no"
        }
    })
}
