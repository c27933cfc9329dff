//! todoke's server: the HTTP API that receives 発生届 and routes them to health centers, and the
//! host of the PWA. `main.rs` only reads the configuration and calls [`serve`].

pub mod access;
pub mod accounts;
pub mod admin;
pub mod alarms;
pub mod audit;
pub mod audit_viewer;
pub mod audited_step;
pub mod auth;
pub mod config;
pub mod delivery;
pub mod demo;
pub mod error;
pub mod fhir;
pub mod filing;
pub mod http;
pub mod investigations;
pub mod maintenance;
pub mod masters;
pub mod metrics;
pub mod notices;
pub mod notifications;
pub mod routing;
pub mod security_view;
pub mod sentinel;
pub mod situation;
pub mod store;
pub mod syndromic;
pub mod tabular;

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;

use crate::config::Config;
use crate::store::Store;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub config: Arc<Config>,
    pub deliveries: delivery::Deliveries,
    /// The WebAuthn relying party; `None` when no public URL with a domain name is configured.
    pub passkeys: Option<Arc<webauthn_rs::Webauthn>>,
    /// Sealing of initial passwords and the letter queue.
    pub accounts: accounts::AccountServices,
    /// The maintenance stops as this instance last read them (P-1).
    pub maintenance: maintenance::Schedule,
    /// How far this instance has verified the audit chain (the viewer continues from there).
    pub audit_checkpoint: audit_viewer::VerifiedChain,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] store::StoreError),
    #[error("demo data could not be created: {0}")]
    Demo(#[from] error::AppError),
    #[error(transparent)]
    Delivery(#[from] delivery::DeliverySetupError),
    #[error(transparent)]
    SecretKey(#[from] accounts::seal::InvalidSecretKey),
    #[error("cannot listen on {address}: {source}")]
    Listen { address: SocketAddr, source: std::io::Error },
}

/// A server bound to its port, ready to run.
pub struct Server {
    pub address: SocketAddr,
    /// Where `/metrics` is served, if configured.
    pub metrics_address: Option<SocketAddr>,
    /// True when this start filled an empty database with the demo data.
    pub seeded_demo: bool,
    listener: TcpListener,
    metrics_listener: Option<TcpListener>,
    router: axum::Router,
    /// What the letter worker needs; it runs while the server does.
    state: AppState,
}

impl Server {
    /// Opens the database (migrating it), seeds demo data if configured, and binds the port.
    pub async fn bind(config: Config) -> Result<Self, StartError> {
        let deliveries = delivery::Deliveries::from_config(&config.delivery, config.demo)?;
        let store = store::connect(&config.database_url).await?;
        let seeded_demo = config.demo && demo::seed(store.as_ref()).await?;
        let web = http::web::WebAssets::load(&config.dist_dir);
        let listener = bind(config.listen).await?;
        let address = listener.local_addr().map_err(|source| StartError::Listen { address: config.listen, source })?;
        let (metrics_listener, metrics_address) = match config.metrics_listen {
            Some(metrics_listen) => {
                let listener = bind(metrics_listen).await?;
                let bound =
                    listener.local_addr().map_err(|source| StartError::Listen { address: metrics_listen, source })?;
                (Some(listener), Some(bound))
            }
            None => (None, None),
        };
        metrics::install();
        let passkeys = auth::passkeys::relying_party(config.public_url.as_deref());
        let accounts = accounts::AccountServices {
            sealer: accounts::seal::Sealer::from_key(config.accounts.secret_key.as_deref())?,
            letters_due: Arc::new(tokio::sync::Notify::new()),
            site_url: config.public_url.clone().unwrap_or_else(|| format!("http://{address}")).into(),
        };
        if config.accounts.secret_key.is_none() {
            tracing::warn!("TODOKE_SECRET_KEY is not set: letters still waiting at a restart cannot be sent");
        }
        let maintenance = maintenance::Schedule::default();
        let audit_checkpoint = audit_viewer::VerifiedChain::default();
        let state =
            AppState { store, config: Arc::new(config), deliveries, passkeys, accounts, maintenance, audit_checkpoint };
        let router = http::router(state.clone(), web);
        Ok(Self { address, metrics_address, seeded_demo, listener, metrics_listener, router, state })
    }

    /// Serves until `shutdown` completes: no new connections are accepted, requests in flight are
    /// finished (each in its own transaction, so a request cut short by a crash changes nothing),
    /// then the metrics listener stops too. The letter worker and (unless turned off) the alarm
    /// detection and the audit chainer run meanwhile and stop with the server (a chaining cut short
    /// changes nothing; the next chainer links what is left).
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
        let state = self.state;
        let poll = std::time::Duration::try_from(state.config.accounts.letter_poll).unwrap_or_default();
        let detector = state.config.alarm_detection.then(|| {
            let (store, mails_due) = (state.store.clone(), state.accounts.letters_due.clone());
            tokio::spawn(alarms::run::run(store, mails_due, state.accounts.site_url.clone()))
        });
        let chainer = state.config.audit_chaining.then(|| tokio::spawn(audit::run_chainer(state.store.clone())));
        let worker = tokio::spawn(accounts::letters::run(state.store, state.deliveries, state.accounts, poll));
        let (stopping, mut stopped) = tokio::sync::watch::channel(());
        let metrics = self.metrics_listener.map(|listener| {
            tokio::spawn(async move {
                axum::serve(listener, metrics::router())
                    .with_graceful_shutdown(async move {
                        let _ = stopped.changed().await;
                    })
                    .await
            })
        });
        let service = self.router.into_make_service_with_connect_info::<SocketAddr>();
        let served = axum::serve(self.listener, service).with_graceful_shutdown(shutdown).await;
        worker.abort();
        for background in [detector, chainer].into_iter().flatten() {
            background.abort();
        }
        drop(stopping);
        if let Some(metrics) = metrics {
            metrics.await.map_err(std::io::Error::other)??;
        }
        served
    }
}

async fn bind(address: SocketAddr) -> Result<TcpListener, StartError> {
    TcpListener::bind(address).await.map_err(|source| StartError::Listen { address, source })
}
