//! Server configuration, read from the environment at start (see README: Configuration).

use std::net::SocketAddr;
use std::path::PathBuf;

use time::Duration;

use crate::auth::codes::CodePolicy;
use crate::auth::throttle::ThrottlePolicy;

#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on (`TODOKE_LISTEN`, default 127.0.0.1:8080; port 0 picks a free one).
    pub listen: SocketAddr,
    /// Where Prometheus scrapes `/metrics` (`TODOKE_METRICS_LISTEN`, e.g. 127.0.0.1:9464); unset: no
    /// metrics endpoint. A separate listener, so that the metrics never reach the public port.
    pub metrics_listen: Option<SocketAddr>,
    /// `DATABASE_URL`: `sqlite:data/todoke.db` (default) or `postgres://…`.
    pub database_url: String,
    /// Trunk's output folder with the PWA (`TODOKE_DIST`, default `dist`).
    pub dist_dir: PathBuf,
    /// The address users reach todoke at (`TODOKE_PUBLIC_URL`); https makes session cookies `Secure`.
    pub public_url: Option<String>,
    /// Fill an empty database with the demo prefecture, health centers, institutions and users (`TODOKE_DEMO=1`).
    pub demo: bool,
    pub sessions: SessionPolicy,
    pub passwords: PasswordPolicy,
    pub delivery: DeliveryConfig,
    /// One-time code limits (defaults in `CodePolicy::default`).
    pub codes: CodePolicy,
    /// Failed password and code attempts (defaults in `ThrottlePolicy::default`).
    pub throttle: ThrottlePolicy,
    /// Failed uses of subjects' links (unknown or dead tokens, wrong birth dates) per client address
    /// (defaults in `ThrottlePolicy::for_subject_links`).
    pub subject_throttle: ThrottlePolicy,
    /// Account issuance and letters.
    pub accounts: AccountsConfig,
    /// How many logins may wait for their password check (Argon2id, one per CPU at a time) before
    /// further ones get 503 `login_busy` (`TODOKE_LOGIN_QUEUE_LIMIT`, default 256: about 5 s of
    /// hashing on 2 CPUs).
    pub login_queue_limit: usize,
    /// Whether the server runs the alarm detection every 10 minutes (`TODOKE_ALARM_DETECTION`,
    /// default on; `0` turns it off, e.g. for a test server whose tests start runs themselves or
    /// where `todoke-server detect-alarms` runs from a scheduler).
    pub alarm_detection: bool,
    /// Whether this process runs the audit chainer (`TODOKE_AUDIT_CHAINING`, default on; `0` leaves the
    /// chaining to the other instances on the same database). Records wait unchained while none runs.
    pub audit_chaining: bool,
    /// Requests each personal API token may make (`TODOKE_API_TOKEN_RATE` a minute, default 60).
    pub api_tokens: crate::auth::api_tokens::RateLimit,
    /// The reverse proxies whose `X-Forwarded-For` names the client (`TODOKE_TRUSTED_PROXIES`, IP
    /// addresses separated by commas; default none: the peer is the client). `http::forwarded`.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// Account issuance and letters.
#[derive(Debug, Clone)]
pub struct AccountsConfig {
    /// `TODOKE_SECRET_KEY`: 32 bytes in base64 that seal initial passwords while they wait (the one-time
    /// file, unsent letters). Unset: a random key per process (pending letters do not survive a restart).
    /// Instances sharing a database must share it.
    pub secret_key: Option<String>,
    /// How often the letter worker looks for letters due (new ones are sent at once; this paces retries).
    pub letter_poll: Duration,
}

impl Default for AccountsConfig {
    fn default() -> Self {
        Self { secret_key: None, letter_poll: Duration::seconds(30) }
    }
}

/// Password expiry (L-2): a contractual rule, see docs/security.md for the deviation from NIST.
#[derive(Debug, Clone, Copy)]
pub struct PasswordPolicy {
    /// A password chosen this long ago must be changed (`TODOKE_PASSWORD_EXPIRY_DAYS`, default 90).
    pub expiry: Duration,
    /// From this long before expiry, login shows a notice (`TODOKE_PASSWORD_NOTICE_DAYS`, default 14).
    pub notice: Duration,
}

/// Where one-time codes go out.
#[derive(Debug, Clone, Default)]
pub struct DeliveryConfig {
    /// `TODOKE_SMTP_URL`, e.g. `smtps://user:pass@mail.example.jp:465`; required unless demo.
    pub smtp_url: Option<String>,
    /// `TODOKE_MAIL_FROM`, default `todoke <no-reply@todoke.invalid>`.
    pub mail_from: String,
    /// `TODOKE_SMS_GATEWAY_URL` and `TODOKE_VOICE_GATEWAY_URL`: JSON POST endpoints.
    pub sms_gateway_url: Option<String>,
    pub voice_gateway_url: Option<String>,
    /// `TODOKE_GATEWAY_AUTHORIZATION`: the `Authorization` header value for both gateways.
    pub gateway_authorization: Option<String>,
}

/// When a session ends by itself (L-6).
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    /// Idle time after which the session ends (`TODOKE_SESSION_IDLE_MINUTES`, default 30).
    pub idle: Duration,
    /// Longest life of a session however active (`TODOKE_SESSION_MAX_HOURS`, default 12).
    pub absolute: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{name} is not valid: {value:?}")]
    Invalid { name: &'static str, value: String },
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let var = |name: &str| std::env::var(name).ok().filter(|value| !value.is_empty());
        let number =
            |name: &'static str, default: &str| -> Result<i64, ConfigError> { parse(name, var(name), default) };
        Ok(Self {
            listen: parse("TODOKE_LISTEN", var("TODOKE_LISTEN"), "127.0.0.1:8080")?,
            metrics_listen: var("TODOKE_METRICS_LISTEN")
                .map(|value| parse("TODOKE_METRICS_LISTEN", Some(value), ""))
                .transpose()?,
            database_url: var("DATABASE_URL").unwrap_or_else(|| "sqlite:data/todoke.db".to_owned()),
            dist_dir: var("TODOKE_DIST").map_or_else(|| PathBuf::from("dist"), PathBuf::from),
            public_url: var("TODOKE_PUBLIC_URL"),
            demo: var("TODOKE_DEMO").is_some_and(|value| value == "1" || value == "true"),
            sessions: SessionPolicy {
                idle: Duration::minutes(number("TODOKE_SESSION_IDLE_MINUTES", "30")?),
                absolute: Duration::hours(number("TODOKE_SESSION_MAX_HOURS", "12")?),
            },
            passwords: PasswordPolicy {
                expiry: Duration::days(number("TODOKE_PASSWORD_EXPIRY_DAYS", "90")?),
                notice: Duration::days(number("TODOKE_PASSWORD_NOTICE_DAYS", "14")?),
            },
            delivery: DeliveryConfig {
                smtp_url: var("TODOKE_SMTP_URL"),
                mail_from: var("TODOKE_MAIL_FROM").unwrap_or_else(|| "todoke <no-reply@todoke.invalid>".to_owned()),
                sms_gateway_url: var("TODOKE_SMS_GATEWAY_URL"),
                voice_gateway_url: var("TODOKE_VOICE_GATEWAY_URL"),
                gateway_authorization: var("TODOKE_GATEWAY_AUTHORIZATION"),
            },
            codes: CodePolicy::default(),
            throttle: ThrottlePolicy::default(),
            subject_throttle: ThrottlePolicy::for_subject_links(),
            accounts: AccountsConfig { secret_key: var("TODOKE_SECRET_KEY"), ..AccountsConfig::default() },
            login_queue_limit: parse("TODOKE_LOGIN_QUEUE_LIMIT", var("TODOKE_LOGIN_QUEUE_LIMIT"), "256")?,
            alarm_detection: switched_on(var("TODOKE_ALARM_DETECTION")),
            audit_chaining: switched_on(var("TODOKE_AUDIT_CHAINING")),
            api_tokens: crate::auth::api_tokens::RateLimit {
                requests: parse("TODOKE_API_TOKEN_RATE", var("TODOKE_API_TOKEN_RATE"), "60")?,
                window: Duration::MINUTE,
            },
            trusted_proxies: addresses("TODOKE_TRUSTED_PROXIES", var("TODOKE_TRUSTED_PROXIES"))?,
        })
    }

    /// Cookies get `Secure` unless todoke is reached over plain http (a local demo or test).
    pub fn secure_cookies(&self) -> bool {
        self.public_url.as_deref().is_none_or(|url| url.starts_with("https://"))
    }
}

/// A comma-separated list of IP addresses; none when unset.
fn addresses(name: &'static str, value: Option<String>) -> Result<Vec<std::net::IpAddr>, ConfigError> {
    let Some(value) = value else { return Ok(Vec::new()) };
    value.split(',').map(|address| parse(name, Some(address.trim().to_owned()), "")).collect()
}

fn parse<T: std::str::FromStr>(name: &'static str, value: Option<String>, default: &str) -> Result<T, ConfigError> {
    let value = value.unwrap_or_else(|| default.to_owned());
    value.parse().map_err(|_| ConfigError::Invalid { name, value })
}

/// A switch that is on unless set to `0` or `false`.
fn switched_on(value: Option<String>) -> bool {
    value.is_none_or(|value| value != "0" && value != "false")
}
