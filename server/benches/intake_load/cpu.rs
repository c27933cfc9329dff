//! CPU time from /proc: what the server processes and PostgreSQL spent on a row.

/// CPU time used so far by every process named `postgres` on this machine (the database's backends
/// and its background processes): 0 with SQLite, which runs in the server.
pub fn database_seconds() -> f64 {
    let Ok(entries) = std::fs::read_dir("/proc") else { return 0.0 };
    entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_str().is_some_and(|name| name.bytes().all(|b| b.is_ascii_digit())))
        .filter_map(|entry| {
            let comm = std::fs::read_to_string(entry.path().join("comm")).ok()?;
            let stat =
                (comm.trim() == "postgres").then(|| std::fs::read_to_string(entry.path().join("stat")).ok())??;
            seconds(&stat)
        })
        .sum()
}

/// utime + stime of a `/proc/<pid>/stat`, in seconds (Linux counts them in 1/100 s, `USER_HZ`).
pub fn seconds(stat: &str) -> Option<f64> {
    // The fields after the command name (which may hold spaces) in parentheses; utime and stime are
    // the 14th and 15th of the line, the 12th and 13th after it.
    let mut after = stat.rsplit_once(')')?.1.split_whitespace().skip(11);
    let (user, system): (u64, u64) = (after.next()?.parse().ok()?, after.next()?.parse().ok()?);
    Some((user + system) as f64 / 100.0)
}
