//! The servers under test: real `todoke-server` processes (built by `cargo bench` in the release
//! profile) on free ports, on the benchmark's database, with codes mailed to the SMTP sink.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use reqwest::StatusCode;

use crate::database::{BoxError, Database};
use cpu_quota::Confined;

// Here rather than beside each benchmark's main, since every benchmark that starts servers shares this file.
#[path = "cpu_quota.rs"]
pub mod cpu_quota;

pub struct Process {
    /// `http://127.0.0.1:<port>/api/v1`
    pub base: String,
    child: Child,
    /// Its CPU quota's cgroup, if one was asked for: dropped after the process has exited.
    _quota: Option<Confined>,
}

impl Process {
    /// Starts a server (the first one migrates and seeds the demo data), held to `BENCH_SERVER_CPUS`
    /// if set ([`cpu_quota`]), and waits until it is ready.
    pub async fn start(database: &Database, smtp_url: &str) -> Result<Self, BoxError> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let cpus = cpu_quota::chosen()?;
        // Another build of the server (e.g. an earlier commit's, for a before/after in one run of
        // this benchmark) when BENCH_SERVER names its binary.
        let binary = std::env::var_os("BENCH_SERVER").unwrap_or_else(|| env!("CARGO_BIN_EXE_todoke-server").into());
        let mut child = Command::new(binary)
            .env("DATABASE_URL", &database.url)
            .env("TODOKE_LISTEN", format!("127.0.0.1:{port}"))
            .env("TODOKE_SMTP_URL", smtp_url)
            .env("TODOKE_PUBLIC_URL", "http://127.0.0.1")
            .env("TODOKE_DEMO", "1")
            .env("TODOKE_DIST", database.scratch.path().join("no-dist"))
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .spawn()?;
        let quota = match cpus.map(|cpus| Confined::new(child.id(), &format!("todoke-bench-{port}"), cpus)).transpose()
        {
            Ok(quota) => quota,
            Err(e) => {
                let _ = child.kill();
                return Err(e);
            }
        };
        let process = Self { base: format!("http://127.0.0.1:{port}/api/v1"), child, _quota: quota };
        for _ in 0..600 {
            let ready = reqwest::get(format!("{}/ready", process.base)).await;
            if ready.is_ok_and(|response| response.status() == StatusCode::OK) {
                return Ok(process);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Err(format!("todoke-server on port {port} did not become ready").into())
    }

    /// A file of the server's /proc directory (`status`, `stat`).
    pub fn proc_file(&self, name: &str) -> Option<String> {
        std::fs::read_to_string(format!("/proc/{}/{name}", self.child.id())).ok()
    }

    /// The server's resident memory (VmRSS) in KiB, read from /proc.
    pub fn resident_kib(&self) -> Option<u64> {
        let status = self.proc_file("status")?;
        let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    /// SIGTERM (graceful shutdown), then waits for the exit.
    pub fn stop(mut self) -> Result<(), BoxError> {
        Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status()?;
        self.child.wait()?;
        Ok(())
    }
}
