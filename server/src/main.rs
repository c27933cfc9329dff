//! `todoke-server`: starts todoke with the configuration from the environment (see README).

use std::process::ExitCode;

use server::config::Config;
use server::{demo, Server};

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env()?;
    let demo = config.demo;
    let server = Server::bind(config).await?;
    let url = format!("http://{}", server.address);
    tracing::info!(%url, seeded_demo = server.seeded_demo, "todoke is listening");
    if demo {
        print_demo_logins(&url);
    }
    server.run(shutdown_signal()).await?;
    Ok(())
}

fn print_demo_logins(url: &str) {
    println!("\ntodoke is running: {url}\n\nDemo logins (user ID / password):");
    for login in &demo::LOGINS {
        println!("  {:<9} {:<14} {}", login.user_id, login.password, login.display_name);
    }
    println!();
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(signal) => signal,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! { _ = interrupt => {}, _ = terminate.recv() => {} }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
