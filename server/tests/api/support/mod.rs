//! The test harness: start todoke on a chosen back end with the demo data, and talk to it.

use reqwest::{Client, Response, StatusCode};
use serde::de::DeserializeOwned;
use server::config::{Config, SessionPolicy};
use server::Server;
use sqlx::Connection;
use tokio::sync::oneshot;

pub use server::demo::LOGINS;

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where the PostgreSQL suite makes its throwaway databases (`TODOKE_TEST_POSTGRES_URL`).
fn postgres_admin_url() -> String {
    std::env::var("TODOKE_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// Runs `scenario` against a new server on `backend`, then removes the server's database.
pub async fn run<F, Fut>(backend: Backend, scenario: F)
where
    F: FnOnce(Api) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let scratch = tempfile::tempdir().expect("temp dir");
    let (database_url, postgres_database) = match backend {
        Backend::Sqlite => (
            format!("sqlite:{}", scratch.path().join("todoke.db").display()),
            None,
        ),
        Backend::Postgres => {
            let name = format!("todoke_test_{}", uuid::Uuid::new_v4().simple());
            admin_sql(&format!("CREATE DATABASE {name}")).await;
            let url = postgres_admin_url();
            let base = url.rsplit_once('/').map_or(url.as_str(), |(base, _)| base);
            (format!("{base}/{name}"), Some(name))
        }
    };
    let config = Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        database_url,
        dist_dir: scratch.path().join("no-dist"),
        public_url: Some("http://127.0.0.1".into()),
        demo: true,
        sessions: SessionPolicy {
            idle: time::Duration::minutes(30),
            absolute: time::Duration::hours(12),
        },
    };
    let server = Server::bind(config).await.expect("server starts");
    let base = format!("http://{}/api/v1", server.address);
    let (stop, stopped) = oneshot::channel::<()>();
    let running = tokio::spawn(server.run(async {
        let _ = stopped.await;
    }));
    scenario(Api { base }).await;
    let _ = stop.send(());
    running.await.expect("server task").expect("server ran");
    if let Some(name) = postgres_database {
        admin_sql(&format!("DROP DATABASE {name} WITH (FORCE)")).await;
    }
}

async fn admin_sql(statement: &str) {
    let mut admin = sqlx::PgConnection::connect(&postgres_admin_url())
        .await
        .expect("PostgreSQL for tests (TODOKE_TEST_POSTGRES_URL) is reachable");
    sqlx::query(statement)
        .execute(&mut admin)
        .await
        .expect(statement);
}

/// Declares each scenario as two tests, `sqlite::name` and `postgres::name`.
#[macro_export]
macro_rules! on_both_databases {
    ($($scenario:ident),* $(,)?) => {
        mod sqlite {
            $( #[tokio::test] async fn $scenario() {
                $crate::support::run($crate::support::Backend::Sqlite, super::$scenario).await
            } )*
        }
        mod postgres {
            $( #[tokio::test] async fn $scenario() {
                $crate::support::run($crate::support::Backend::Postgres, super::$scenario).await
            } )*
        }
    };
}

/// The API of one running server.
#[derive(Clone)]
pub struct Api {
    pub base: String,
}

impl Api {
    /// A client with its own cookie jar and no session.
    pub fn anonymous(&self) -> User {
        let client = Client::builder()
            .cookie_store(true)
            .build()
            .expect("http client");
        User {
            client,
            base: self.base.clone(),
        }
    }

    /// A client logged in as the demo account `user_id`.
    pub async fn login(&self, user_id: &str) -> User {
        let login = LOGINS
            .iter()
            .find(|login| login.user_id == user_id)
            .expect("a demo login");
        let user = self.anonymous();
        let response = user
            .post_json(
                "/session",
                &serde_json::json!({"user_id": user_id, "password": login.password}),
            )
            .await;
        assert_eq!(response.status(), StatusCode::OK, "login as {user_id}");
        user
    }
}

pub struct User {
    pub client: Client,
    pub base: String,
}

impl User {
    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request sent")
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> Response {
        self.client
            .post(format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn put_json(&self, path: &str, body: &serde_json::Value) -> Response {
        self.client
            .put(format!("{}{path}", self.base))
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.client
            .delete(format!("{}{path}", self.base))
            .send()
            .await
            .expect("request sent")
    }
}

/// Asserts the status and decodes the JSON body.
pub async fn expect_json<T: DeserializeOwned>(response: Response, status: StatusCode) -> T {
    let actual = response.status();
    let body = response.text().await.expect("body");
    assert_eq!(actual, status, "body: {body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

/// Asserts an error response: status plus todoke's typed error body with `code`.
pub async fn expect_error(
    response: Response,
    status: StatusCode,
    code: &str,
) -> domain::error::ApiError {
    let error: domain::error::ApiError = expect_json(response, status).await;
    assert_eq!(serde_json::to_value(error.code).unwrap(), code);
    assert!(!error.message.is_empty());
    error
}

/// A complete, valid measles notification as a doctor's phone would send it.
pub fn measles_submission() -> serde_json::Value {
    serde_json::json!({
        "disease": "measles",
        "answers": {
            "case_type": "lab_confirmed",
            "patient_name": "山田 太郎",
            "patient_sex": "male",
            "patient_birth_date": "2020-05-01",
            "patient_age": "6",
            "patient_address": "デモ県北町1-2-3",
            "symptoms": ["fever", "rash", "koplik_spots"],
            "diagnosis_methods": ["pcr"],
            "first_visit_date": "2026-11-20",
            "diagnosis_date": "2026-11-21",
            "onset_date": "2026-11-18",
            "outcome": "alive",
            "infection_route": "airborne",
            "infection_area": "domestic",
            "vaccination_1": "yes",
            "vaccination_1_date": "2021-06-01",
            "vaccination_2": "no"
        }
    })
}
