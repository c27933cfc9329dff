//! Renders the help guide (docs/help/<lang>/<page>.md) to HTML in OUT_DIR, which the app includes
//! (`pages::help::pages`): the guide reads offline as part of the app, without a parser in the wasm.
//! And switches on the split of the wasm (src/lazy.rs) when the build asks for it.

use std::error::Error;
use std::fs;
use std::path::Path;

// The same rendering the guide's link test uses; the test also reads the links and anchors.
#[allow(dead_code)]
#[path = "src/pages/help/render.rs"]
mod render;

fn main() -> Result<(), Box<dyn Error>> {
    split_switch();
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/help");
    let out = Path::new(&std::env::var("OUT_DIR")?).join("help");
    println!("cargo:rerun-if-changed={}", docs.display());
    for lang in ["ja", "en"] {
        let source = docs.join(lang);
        println!("cargo:rerun-if-changed={}", source.display());
        fs::create_dir_all(out.join(lang))?;
        for entry in fs::read_dir(&source)? {
            let path = entry?.path();
            if path.extension().is_some_and(|extension| extension == "md") {
                println!("cargo:rerun-if-changed={}", path.display());
                let html = render::to_html(&fs::read_to_string(&path)?);
                fs::write(out.join(lang).join(path.with_extension("html").file_name().ok_or("no file name")?), html)?;
            }
        }
    }
    Ok(())
}

/// `TODOKE_WASM_SPLIT=1` (scripts/run.sh and scripts/test.sh, which also put the split step on Trunk's PATH):
/// the lazily loaded screens become split points (`cfg(todoke_split)`), and the linker keeps the
/// relocations the split step reads (`--emit-relocs`; link arguments of this crate's wasm only, so no
/// dependency is rebuilt).
fn split_switch() {
    println!("cargo::rerun-if-env-changed=TODOKE_WASM_SPLIT");
    println!("cargo::rustc-check-cfg=cfg(todoke_split)");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && std::env::var("TODOKE_WASM_SPLIT").is_ok_and(|split| split == "1") {
        println!("cargo::rustc-cfg=todoke_split");
        println!("cargo::rustc-link-arg=--emit-relocs");
    }
}
