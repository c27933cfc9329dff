//! Server configuration, read from the environment at start (see README: Configuration).

use std::net::SocketAddr;
use std::path::PathBuf;

use time::Duration;

#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on (`TODOKE_LISTEN`, default 127.0.0.1:8080; port 0 picks a free one).
    pub listen: SocketAddr,
    /// `DATABASE_URL`: `sqlite:data/todoke.db` (default) or `postgres://…`.
    pub database_url: String,
    /// Trunk's output folder with the PWA (`TODOKE_DIST`, default `dist`).
    pub dist_dir: PathBuf,
    /// The address users reach todoke at (`TODOKE_PUBLIC_URL`); https makes session cookies `Secure`.
    pub public_url: Option<String>,
    /// Fill an empty database with the demo prefecture, health centers, institutions and users (`TODOKE_DEMO=1`).
    pub demo: bool,
    pub sessions: SessionPolicy,
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
        Ok(Self {
            listen: parse("TODOKE_LISTEN", var("TODOKE_LISTEN"), "127.0.0.1:8080")?,
            database_url: var("DATABASE_URL").unwrap_or_else(|| "sqlite:data/todoke.db".to_owned()),
            dist_dir: var("TODOKE_DIST").map_or_else(|| PathBuf::from("dist"), PathBuf::from),
            public_url: var("TODOKE_PUBLIC_URL"),
            demo: var("TODOKE_DEMO").is_some_and(|value| value == "1" || value == "true"),
            sessions: SessionPolicy {
                idle: Duration::minutes(parse(
                    "TODOKE_SESSION_IDLE_MINUTES",
                    var("TODOKE_SESSION_IDLE_MINUTES"),
                    "30",
                )?),
                absolute: Duration::hours(parse(
                    "TODOKE_SESSION_MAX_HOURS",
                    var("TODOKE_SESSION_MAX_HOURS"),
                    "12",
                )?),
            },
        })
    }

    /// Cookies get `Secure` unless todoke is reached over plain http (a local demo or test).
    pub fn secure_cookies(&self) -> bool {
        self.public_url
            .as_deref()
            .is_none_or(|url| url.starts_with("https://"))
    }
}

fn parse<T: std::str::FromStr>(
    name: &'static str,
    value: Option<String>,
    default: &str,
) -> Result<T, ConfigError> {
    let value = value.unwrap_or_else(|| default.to_owned());
    value
        .parse()
        .map_err(|_| ConfigError::Invalid { name, value })
}
