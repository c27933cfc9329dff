//! `english_texts OUT SRC…`: writes the English of every text under the SRC folders to OUT (the Trunk
//! post_build hook, scripts/post-build.sh: OUT is dist's `i18n/en.txt`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut arguments = std::env::args_os().skip(1).map(PathBuf::from);
    let (Some(out), roots) = (arguments.next(), arguments.collect::<Vec<_>>()) else {
        eprintln!("usage: english_texts OUT SRC…");
        return ExitCode::FAILURE;
    };
    let roots: Vec<&Path> = roots.iter().map(PathBuf::as_path).collect();
    let written = english_texts::table(&roots).map_err(|error| error.to_string()).and_then(|table| {
        out.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&out, table))
            .map_err(|error| format!("{}: {error}", out.display()))
    });
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("english_texts: {error}");
            ExitCode::FAILURE
        }
    }
}
