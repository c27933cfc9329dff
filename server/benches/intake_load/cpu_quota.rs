//! A CPU quota for each server process (`BENCH_SERVER_CPUS`, a fraction of one CPU, e.g. `0.4`). On a
//! machine with few cores one server already keeps every CPU busy, so a second adds nothing whatever
//! the code does; with each server held to a quota the servers, not PostgreSQL or this process's
//! clients, are what limits intake, and the two-server row shows whether intake scales with instances
//! (issue 17), as it would with a machine's cores per instance. A Linux cgroup per server, as root:
//! v2's `cpu.max` where the unified hierarchy has the cpu controller, else v1's `cpu.cfs_quota_us`.

use std::path::{Path, PathBuf};

use crate::database::BoxError;

/// The scheduler's period the quota is a share of.
const PERIOD_US: u64 = 100_000;

/// The quota asked for by `BENCH_SERVER_CPUS`, if any.
pub fn chosen() -> Result<Option<f64>, BoxError> {
    let Ok(text) = std::env::var("BENCH_SERVER_CPUS") else {
        return Ok(None);
    };
    match text.parse::<f64>() {
        Ok(cpus) if cpus > 0.0 && cpus.is_finite() => Ok(Some(cpus)),
        _ => Err(format!("BENCH_SERVER_CPUS must be a positive number of CPUs (e.g. 0.4), not {text:?}").into()),
    }
}

/// A cgroup holding one server process; removed when dropped (after the process has exited).
pub struct Confined {
    dir: PathBuf,
}

impl Confined {
    /// Moves process `pid` into a new cgroup named `name` limited to `cpus` CPUs.
    pub fn new(pid: u32, name: &str, cpus: f64) -> Result<Self, BoxError> {
        let quota_us = (cpus * PERIOD_US as f64).round() as u64;
        let v2 = Path::new("/sys/fs/cgroup");
        let v2_has_cpu = std::fs::read_to_string(v2.join("cgroup.controllers"))
            .is_ok_and(|controllers| controllers.split_whitespace().any(|controller| controller == "cpu"));
        let dir = if v2_has_cpu { v2.join(name) } else { v2.join("cpu").join(name) };
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot make the cgroup {} (root needed): {e}", dir.display()))?;
        let confined = Self { dir };
        if v2_has_cpu {
            confined.write("cpu.max", &format!("{quota_us} {PERIOD_US}"))?;
        } else {
            confined.write("cpu.cfs_period_us", &PERIOD_US.to_string())?;
            confined.write("cpu.cfs_quota_us", &quota_us.to_string())?;
        }
        confined.write("cgroup.procs", &pid.to_string())?;
        Ok(confined)
    }

    fn write(&self, file: &str, value: &str) -> Result<(), BoxError> {
        let path = self.dir.join(file);
        std::fs::write(&path, value).map_err(|e| format!("cannot write {value} to {}: {e}", path.display()).into())
    }
}

impl Drop for Confined {
    fn drop(&mut self) {
        // A cgroup is removed with rmdir once its processes have gone; a leftover one is harmless.
        let _ = std::fs::remove_dir(&self.dir);
    }
}
