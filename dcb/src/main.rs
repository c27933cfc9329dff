//! `dcb DICTIONARY FILE…`: writes `FILE.dcb` beside each FILE, compressed against DICTIONARY (the `dcb`
//! encoding, the crate's documentation), and keeps it only where it is smaller than the `FILE.br`
//! beside it (scripts/precompress.sh writes those first). Run by the Trunk post_build hook of a
//! release build (scripts/post-build.sh) on the lazily loaded modules, against the main wasm. One
//! file per CPU at a time: each is Brotli 11 over the dictionary and the file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [dictionary, files @ ..] = args.as_slice() else {
        eprintln!("usage: dcb DICTIONARY FILE… (e.g. dist/app-…_bg.wasm dist/lazy/*.wasm)");
        return ExitCode::FAILURE;
    };
    let dictionary = match std::fs::read(dictionary) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("dcb: {}: {error}", dictionary.display());
            return ExitCode::FAILURE;
        }
    };
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(file) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    if let Err(error) = write_beside(&dictionary, file) {
                        failures.lock().unwrap_or_else(|e| e.into_inner()).push(format!("{}: {error}", file.display()));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    for failure in &failures {
        eprintln!("dcb: {failure}");
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `FILE.dcb`, written only when smaller than `FILE.br` (or when there is none).
fn write_beside(dictionary: &[u8], file: &Path) -> std::io::Result<()> {
    let stream = dcb::compress(dictionary, &std::fs::read(file)?)?;
    let beside = |extension: &str| {
        let mut name = file.as_os_str().to_owned();
        name.push(extension);
        PathBuf::from(name)
    };
    let brotli = std::fs::metadata(beside(".br")).map(|m| m.len()).ok();
    if brotli.is_none_or(|len| (stream.len() as u64) < len) {
        std::fs::write(beside(".dcb"), stream)?;
    }
    Ok(())
}
