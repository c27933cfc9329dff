//! The server under test: todoke started in-process on 127.0.0.1:0, on its own Tokio runtime built
//! as `#[tokio::main]` builds `todoke-server`'s, with the demo data and codes sent to the SMTP sink.

use std::time::Duration;

use server::auth::throttle::ThrottlePolicy;
use server::config::{Config, DeliveryConfig, PasswordPolicy, SessionPolicy};
use server::Server;
use tokio::runtime::Runtime;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::database::{BoxError, Database};

/// Production settings except: 127.0.0.1 only, e-mail to the sink, and a throttle that never
/// refuses. The throttle counts only failures and every bench login succeeds, so it stays out of
/// the way anyway; the generous policy makes sure a stray failure cannot turn the load into 429s.
pub fn config(database: &Database, smtp_url: String) -> Config {
    Config {
        listen: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
        metrics_listen: None,
        database_url: database.url.clone(),
        // No PWA build is needed for API requests.
        dist_dir: database.scratch.path().join("no-dist"),
        public_url: Some("http://127.0.0.1".into()),
        demo: true,
        sessions: SessionPolicy { idle: time::Duration::minutes(30), absolute: time::Duration::hours(12) },
        passwords: PasswordPolicy { expiry: time::Duration::days(90), notice: time::Duration::days(14) },
        delivery: DeliveryConfig {
            smtp_url: Some(smtp_url),
            mail_from: "todoke <no-reply@todoke.invalid>".into(),
            ..DeliveryConfig::default()
        },
        codes: Default::default(),
        throttle: ThrottlePolicy { free_failures: u32::MAX, lock_after: u32::MAX, ..ThrottlePolicy::default() },
        subject_throttle: ThrottlePolicy::for_subject_links(),
        accounts: Default::default(),
        // The production default: the wave's 200 logins all fit in the queue.
        login_queue_limit: 256,
        alarm_detection: false,
        audit_chaining: true,
        api_tokens: Default::default(),
        trusted_proxies: Vec::new(),
    }
}

pub struct Target {
    /// `http://127.0.0.1:<port>/api/v1`
    pub base: String,
    /// The server runtime's worker threads (one per CPU, as in production).
    pub workers: usize,
    runtime: Runtime,
    stop: oneshot::Sender<()>,
    running: JoinHandle<std::io::Result<()>>,
}

impl Target {
    /// Binds (migrating the database and seeding the demo data) and starts serving.
    pub fn start(config: Config) -> Result<Self, BoxError> {
        let workers = std::thread::available_parallelism()?.get();
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(workers).enable_all().build()?;
        let server = runtime.block_on(Server::bind(config))?;
        let base = format!("http://{}/api/v1", server.address);
        let (stop, stopped) = oneshot::channel::<()>();
        let running = runtime.spawn(server.run(async {
            let _ = stopped.await;
        }));
        Ok(Self { base, workers, runtime, stop, running })
    }

    /// Graceful shutdown, then the runtime with its blocking threads.
    pub fn stop(self) -> Result<(), BoxError> {
        let _ = self.stop.send(());
        self.runtime.block_on(self.running)??;
        self.runtime.shutdown_timeout(Duration::from_secs(5));
        Ok(())
    }
}
