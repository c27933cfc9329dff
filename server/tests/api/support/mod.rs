//! The test harness: start todoke on a chosen back end with the demo data, a local SMTP sink and
//! a fake SMS/voice gateway, and talk to it.

pub mod gateway;
pub mod smtp_sink;

use domain::api::SecondFactorMethod;
use reqwest::{Client, Response, StatusCode};
use serde::de::DeserializeOwned;
use server::auth::throttle::ThrottlePolicy;
use server::config::{Config, DeliveryConfig, PasswordPolicy, SessionPolicy};
use server::Server;
use sqlx::Connection;
use tokio::sync::oneshot;

#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Where the PostgreSQL suite makes its throwaway databases (`TODOKE_TEST_POSTGRES_URL`).
fn postgres_admin_url() -> String {
    std::env::var("TODOKE_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// Runs `scenario` against a new server on `backend`, its configuration adjusted first by
/// `configure` (e.g. a short code lifetime), then removes the server's database.
pub async fn run_with<F, Fut>(backend: Backend, configure: impl FnOnce(&mut Config), scenario: F)
where
    F: FnOnce(Api) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    // Server logs (RUST_LOG) show up in a failing test's output.
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .try_init();
    let scratch = tempfile::tempdir().expect("temp dir");
    let (database_url, postgres_database) = match backend {
        Backend::Sqlite => (format!("sqlite:{}", scratch.path().join("todoke.db").display()), None),
        Backend::Postgres => {
            let name = format!("todoke_test_{}", uuid::Uuid::new_v4().simple());
            admin_sql(&format!("CREATE DATABASE {name}")).await;
            let url = postgres_admin_url();
            let base = url.rsplit_once('/').map_or(url.as_str(), |(base, _)| base);
            (format!("{base}/{name}"), Some(name))
        }
    };
    let (mail, smtp_url) = smtp_sink::SmtpSink::start().await;
    let (gateway, gateway_url) = gateway::FakeGateway::start().await;
    let mut config = Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        metrics_listen: None,
        database_url: database_url.clone(),
        dist_dir: scratch.path().join("no-dist"),
        // A domain name, not an IP: WebAuthn relying parties need one.
        public_url: Some("http://localhost".into()),
        demo: true,
        sessions: SessionPolicy { idle: time::Duration::minutes(30), absolute: time::Duration::hours(12) },
        passwords: PasswordPolicy { expiry: time::Duration::days(90), notice: time::Duration::days(14) },
        delivery: DeliveryConfig {
            smtp_url: Some(smtp_url),
            mail_from: "todoke <no-reply@todoke.invalid>".into(),
            sms_gateway_url: Some(gateway_url.clone()),
            voice_gateway_url: Some(gateway_url),
            gateway_authorization: Some("Bearer test-gateway-token".into()),
        },
        codes: Default::default(),
        // Six free failures, so that the rule "a code dies after five wrong tries" is reachable
        // without waiting; delays and locks after that are as in production.
        throttle: ThrottlePolicy { free_failures: 6, ..Default::default() },
        // Every test's requests come from 127.0.0.1: refusals of subjects' links in one scenario (and
        // the authorization matrix's) must not throttle the next ones; subject_page.rs tests the limit.
        subject_throttle: ThrottlePolicy { free_failures: 1000, lock_after: 1000, ..Default::default() },
        accounts: Default::default(),
        login_queue_limit: 256,
        // Tests start detection runs themselves (alarms.rs); none runs behind their back.
        alarm_detection: false,
        audit_chaining: true,
        api_tokens: Default::default(),
        trusted_proxies: Vec::new(),
    };
    configure(&mut config);
    let server = Server::bind(config.clone()).await.expect("server starts");
    let base = format!("http://{}/api/v1", server.address);
    let metrics_base = server.metrics_address.map(|address| format!("http://{address}"));
    let (stop, stopped) = oneshot::channel::<()>();
    let running = tokio::spawn(server.run(async {
        let _ = stopped.await;
    }));
    scenario(Api { base, mail, gateway, database_url, backend, config, metrics_base }).await;
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
    sqlx::query(statement).execute(&mut admin).await.expect(statement);
}

/// Declares each scenario as two tests, `sqlite::name` and `postgres::name`; `name with f` first
/// adjusts the server's configuration with `f(&mut Config)`.
#[macro_export]
macro_rules! on_both_databases {
    ($($scenario:ident $(with $configure:ident)?),* $(,)?) => {
        mod sqlite {
            $( #[tokio::test] async fn $scenario() {
                let configure = |_config: &mut server::config::Config| { $( super::$configure(_config); )? };
                $crate::support::run_with($crate::support::Backend::Sqlite, configure, super::$scenario).await
            } )*
        }
        mod postgres {
            $( #[tokio::test] async fn $scenario() {
                let configure = |_config: &mut server::config::Config| { $( super::$configure(_config); )? };
                $crate::support::run_with($crate::support::Backend::Postgres, configure, super::$scenario).await
            } )*
        }
    };
}

/// The API of one running server, with the mail and phone messages it sent.
#[derive(Clone)]
pub struct Api {
    pub base: String,
    pub mail: smtp_sink::SmtpSink,
    pub gateway: gateway::FakeGateway,
    pub database_url: String,
    pub backend: Backend,
    /// The configuration the server was started with (to start another on the same database).
    pub config: Config,
    /// `http://host:port` of the metrics listener, when the configuration asked for one.
    pub metrics_base: Option<String>,
}

impl Api {
    /// A client with its own cookie jar and no session.
    pub fn anonymous(&self) -> User {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        let client = Client::builder().cookie_provider(jar.clone()).build().expect("http client");
        User { client, jar, base: self.base.clone() }
    }

    /// A client logged in as the demo account `user_id`: password, then the code it was sent.
    pub async fn login(&self, user_id: &str) -> User {
        let user = self.password_step(user_id).await;
        let code = self.latest_code(user_id);
        let response = user.post_json("/session/code", &serde_json::json!({ "code": code })).await;
        assert_eq!(response.status(), StatusCode::OK, "code step as {user_id}");
        user
    }

    /// A client that passed only the password step as `user_id`.
    pub async fn password_step(&self, user_id: &str) -> User {
        let user = self.anonymous();
        let body = serde_json::json!({"user_id": user_id, "password": demo_login(user_id).password});
        let response = user.post_json("/session", &body).await;
        assert_eq!(response.status(), StatusCode::OK, "password step as {user_id}");
        user
    }

    /// The newest one-time code sent to the demo account's second factor.
    pub fn latest_code(&self, user_id: &str) -> String {
        self.codes_sent(user_id).pop().unwrap_or_else(|| panic!("no code was sent to {user_id}"))
    }

    /// The codes sent so far once there are at least `count` (codes sent after answering, such as a
    /// password reset's, arrive a moment later).
    pub async fn codes_once_sent(&self, user_id: &str, count: usize) -> Vec<String> {
        for _ in 0..200 {
            let codes = self.codes_sent(user_id);
            if codes.len() >= count {
                return codes;
            }
            tokio::time::sleep(std::time::Duration::from_millis(25)).await;
        }
        panic!("fewer than {count} codes reached {user_id}");
    }

    /// Every code sent to the demo account's second factor, oldest first.
    pub fn codes_sent(&self, user_id: &str) -> Vec<String> {
        let login = demo_login(user_id);
        let texts: Vec<String> = match login.method {
            SecondFactorMethod::Email => self.mail.mails_to(login.destination).into_iter().map(|m| m.text).collect(),
            SecondFactorMethod::Sms | SecondFactorMethod::Voice => {
                let international = format!("+81{}", login.destination.replace('-', "").trim_start_matches('0'));
                let requests = self.gateway.requests_to(&international);
                requests.into_iter().map(|r| r.body["message"].as_str().unwrap_or_default().to_owned()).collect()
            }
        };
        texts.iter().map(|text| text.chars().filter(char::is_ascii_digit).take(6).collect()).collect()
    }

    /// The audit log as (actor, action, outcome), oldest first, read straight from the database.
    pub async fn audit_log(&self) -> Vec<(Option<String>, String, String)> {
        self.fetch_all("SELECT actor, action, outcome FROM audit_log ORDER BY seq").await
    }

    /// Rows of a query run straight on the server's database.
    pub async fn fetch_all<T>(&self, sql: &str) -> Vec<T>
    where
        T: Send + Unpin,
        T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>,
    {
        match self.backend {
            Backend::Sqlite => {
                let pool = sqlx::SqlitePool::connect(&self.database_url).await.unwrap();
                sqlx::query_as(sql).fetch_all(&pool).await.unwrap()
            }
            Backend::Postgres => {
                let pool = sqlx::PgPool::connect(&self.database_url).await.unwrap();
                sqlx::query_as(sql).fetch_all(&pool).await.unwrap()
            }
        }
    }
}

/// Runs the built `todoke-server` with `args` (and `envs`) on `database_url`, off the test's runtime.
/// The in-process server shares that runtime: a blocking wait there would stop it in the middle of a
/// transaction (the audit chainer's, every half second) and leave the command waiting for SQLite's
/// write lock until `database is locked`.
pub async fn todoke_server(database_url: &str, args: &[&str], envs: &[(&str, &str)]) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_todoke-server"));
    command.args(args).env("DATABASE_URL", database_url).envs(envs.iter().copied());
    tokio::task::spawn_blocking(move || command.output()).await.unwrap().unwrap()
}

pub fn demo_login(user_id: &str) -> &'static server::demo::DemoLogin {
    server::demo::logins().find(|login| login.user_id == user_id).expect("a demo login")
}

pub struct User {
    pub client: Client,
    jar: std::sync::Arc<reqwest::cookie::Jar>,
    pub base: String,
}

impl User {
    /// The same client (cookies included) talking to another server instance.
    pub fn on(&self, instance: &Instance) -> User {
        User { client: self.client.clone(), jar: self.jar.clone(), base: instance.base.clone() }
    }

    /// The cookies this client would send, as a `Cookie` header value.
    pub fn cookies(&self) -> String {
        use reqwest::cookie::CookieStore;
        let url = self.base.parse().expect("base URL");
        self.jar.cookies(&url).and_then(|v| v.to_str().ok().map(str::to_owned)).unwrap_or_default()
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(format!("{}{path}", self.base)).send().await.expect("request sent")
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> Response {
        self.client.post(format!("{}{path}", self.base)).json(body).send().await.expect("request sent")
    }

    pub async fn put_json(&self, path: &str, body: &serde_json::Value) -> Response {
        self.client.put(format!("{}{path}", self.base)).json(body).send().await.expect("request sent")
    }

    pub async fn delete(&self, path: &str) -> Response {
        self.client.delete(format!("{}{path}", self.base)).send().await.expect("request sent")
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
pub async fn expect_error(response: Response, status: StatusCode, code: &str) -> domain::error::ApiError {
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

/// A complete, valid animal report (N-7) as a veterinarian's phone would send it: Ebola in monkeys.
pub fn animal_report_submission() -> serde_json::Value {
    serde_json::json!({
        "disease": "ebola",
        "animal_report": "ebola_monkey",
        "answers": {
            "case_type": "suspected",
            "animal_species": "カニクイザル",
            "animal_count": "2",
            "animal_location": "デモ県北町4-5-6 北町動物園",
            "has_owner": "yes",
            "owner_name": "北町動物園",
            "owner_address": "デモ県北町4-5-6",
            "owner_phone": "03-1234-5678",
            "diagnosis_methods": ["pcr"],
            "diagnosis_date": "2026-11-20",
            "outcome": "alive"
        }
    })
}

/// What a notification is, read straight from the database: id, status, revision, health center now
/// responsible, disease, animal report, answers, and how many history rows it has.
pub type NotificationState = (uuid::Uuid, String, i32, String, String, Option<String>, String, i64);

impl Api {
    /// Every notification's [`NotificationState`], in filing order.
    pub async fn notification_state(&self) -> Vec<NotificationState> {
        let sql = "SELECT n.id, n.status, n.revision, n.health_center_code, n.disease, n.animal_report, n.answers, \
             (SELECT COUNT(*) FROM notification_events e WHERE e.notification_id = n.id) AS events \
             FROM notifications n ORDER BY n.seq";
        self.fetch_all(sql).await
    }

    /// Moves a notification's first receipt `by` into the past, straight in the database (overdue rules).
    pub async fn backdate(&self, id: uuid::Uuid, by: time::Duration) {
        // The week it is counted in on the report-date basis moves with it, as if received then.
        let sql = "UPDATE notifications SET received_at = $1, report_week = $3 WHERE id = $2";
        let at = server::store::now() - by;
        let week = domain::situation::report_week(at).number();
        let changed = match self.backend {
            Backend::Sqlite => {
                let pool = sqlx::SqlitePool::connect(&self.database_url).await.unwrap();
                sqlx::query(sql).bind(at).bind(id).bind(week).execute(&pool).await.unwrap().rows_affected()
            }
            Backend::Postgres => {
                let pool = sqlx::PgPool::connect(&self.database_url).await.unwrap();
                sqlx::query(sql).bind(at).bind(id).bind(week).execute(&pool).await.unwrap().rows_affected()
            }
        };
        assert_eq!(changed, 1, "backdated {id}");
    }
}

impl Api {
    /// Moves every check of identity in the user's sessions (the login's second factor and any
    /// re-authentication) `by` into the past, straight in the database.
    pub async fn age_identity_checks(&self, user_id: &str, by: time::Duration) {
        let sql = "UPDATE sessions SET second_factor_at = $1, \
                   reauthenticated_at = CASE WHEN reauthenticated_at IS NULL THEN NULL ELSE $1 END WHERE user_id = $2";
        let at = server::store::now() - by;
        let changed = match self.backend {
            Backend::Sqlite => {
                let pool = sqlx::SqlitePool::connect(&self.database_url).await.unwrap();
                sqlx::query(sql).bind(at).bind(user_id).execute(&pool).await.unwrap().rows_affected()
            }
            Backend::Postgres => {
                let pool = sqlx::PgPool::connect(&self.database_url).await.unwrap();
                sqlx::query(sql).bind(at).bind(user_id).execute(&pool).await.unwrap().rows_affected()
            }
        };
        assert!(changed > 0, "{user_id} has sessions");
    }
}

/// A further server instance on the same database as the scenario's (scale-out), stopped gracefully
/// by [`Instance::stop`].
pub struct Instance {
    pub base: String,
    stop: oneshot::Sender<()>,
    running: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Instance {
    pub async fn stop(self) {
        let _ = self.stop.send(());
        self.running.await.expect("server task").expect("server ran");
    }
}

impl Api {
    /// Starts another server on this scenario's database, on its own port.
    pub async fn another_instance(&self) -> Instance {
        let server = Server::bind(self.config.clone()).await.expect("second server starts");
        let base = format!("http://{}/api/v1", server.address);
        let (stop, stopped) = oneshot::channel::<()>();
        let running = tokio::spawn(server.run(async {
            let _ = stopped.await;
        }));
        Instance { base, stop, running }
    }

    /// `http://host:port` of the server, without `/api/v1` (for the PWA's files).
    pub fn origin(&self) -> String {
        self.base.trim_end_matches("/api/v1").to_owned()
    }

    /// Runs one SQL statement straight on the database (to tamper, or to break things); rows changed.
    pub async fn execute_sql(&self, sql: &str) -> u64 {
        match self.backend {
            Backend::Sqlite => {
                let pool = sqlx::SqlitePool::connect(&self.database_url).await.unwrap();
                sqlx::query(sql).execute(&pool).await.unwrap().rows_affected()
            }
            Backend::Postgres => {
                let pool = sqlx::PgPool::connect(&self.database_url).await.unwrap();
                sqlx::query(sql).execute(&pool).await.unwrap().rows_affected()
            }
        }
    }

    /// Waits until the servers' audit chainers have linked every audit record (they look every half
    /// second); fails after 20 s.
    pub async fn wait_until_audit_chained(&self) {
        for _ in 0..200 {
            if self.query_count("SELECT COUNT(*) FROM audit_log WHERE chain_position IS NULL").await == 0 {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("audit records were still unchained after 20 s");
    }

    /// One number from the database, e.g. a `COUNT(*)`.
    pub async fn query_count(&self, sql: &str) -> i64 {
        let rows: Vec<(i64,)> = self.fetch_all(sql).await;
        rows.first().map(|(number,)| *number).expect("one row")
    }

    /// A client with a finished session for the demo account, made in the store rather than by
    /// logging in (for servers configured so that codes cannot be delivered).
    pub async fn session_for(&self, user_id: &str) -> User {
        let store = server::store::connect(&self.database_url).await.unwrap();
        let (token, hash) = server::auth::session::new_token();
        let now = server::store::now();
        store.create_session(&hash, user_id, now).await.unwrap();
        store.complete_second_factor(&hash, now).await.unwrap();
        let user = self.anonymous();
        let url = user.base.parse().expect("base URL");
        user.jar.add_cookie_str(&format!("{}={token}; Path=/", server::auth::session::COOKIE_NAME), &url);
        user
    }
}
