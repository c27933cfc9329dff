//! Switches on the split of the wasm (src/lazy.rs) when the build asks for it. (The help guide is not
//! built here: its pages are files beside the app, rendered by the help_guide crate.)

fn main() {
    split_switch();
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
