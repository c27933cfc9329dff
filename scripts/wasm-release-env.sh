# Sourced before a release build of the app (scripts/run.sh, docs/deployment.md), never by the tests'
# debug builds or the server's. Three settings that make the wasm a phone downloads smaller
# (docs/performance.md, "The standard library built with the app"):
#  - cargo's build-std: the wasm's standard library compiled with the app in the `wasm-release`
#    profile (optimised for size, fat LTO) instead of rustup's prebuilt one (optimised for speed);
#  - with std's `optimize_for_size` feature: its smaller algorithms where it has two (sorting, reading
#    and writing numbers, `String`'s), with the same results (a phone sorts a few hundred items);
#  - `-Cpanic=immediate-abort`: a panic stops the app at once without formatting its message, so the
#    formatting code and the texts that only panics reach leave the wasm. The app stops on a panic as
#    with `panic = "abort"` before; the browser console shows "RuntimeError: unreachable" instead of
#    the panic's text (console_error_panic_hook has nothing to print; the debug build keeps it).
# All three are unstable in Rust 1.95: RUSTC_BOOTSTRAP=1 lets the pinned stable toolchain accept them
# for this build only. build-std needs rustup's rust-src component (scripts/install-tools.sh).
# The wasm32 target's flags in .cargo/config.toml still apply: cargo adds these to them.
# scripts/post-build.sh unsets the variables cargo reads for all targets before it builds the native
# help_guide: name any new one there too.
export RUSTC_BOOTSTRAP=1
export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort"
