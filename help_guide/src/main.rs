//! `help_guide SOURCE OUT`: renders the help guide's Markdown (SOURCE/<lang>/<page>.md, docs/help) to
//! OUT/<lang>/<page>.html. Run by the Trunk post_build hook (scripts/post-build.sh) into the staged
//! dist/guide/, where the app fetches the pages and the service worker precaches them.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [source, out] = args.as_slice() else {
        eprintln!("usage: help_guide SOURCE OUT (e.g. docs/help dist/guide)");
        return ExitCode::FAILURE;
    };
    match help_guide::render_guide(source, out) {
        Ok(0) => {
            eprintln!("help_guide: no pages under {}", source.display());
            ExitCode::FAILURE
        }
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("help_guide: {} → {}: {error}", source.display(), out.display());
            ExitCode::FAILURE
        }
    }
}
