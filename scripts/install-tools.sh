#!/usr/bin/env bash
# Installs the build and test tools todoke needs, pinned, and only those that are missing.
# Called by scripts/run.sh and scripts/test.sh; safe to run again (fast when all is present).
# `install-tools.sh system` installs only what comes prebuilt (Debian's packages, binaryen from npm, the
# wasm32 target and the standard library's source: seconds), `install-tools.sh cargo` only the tools
# built from crates.io (minutes); with no argument, both. scripts/run.sh starts the app's and the
# server's builds between the two.
set -euo pipefail
stage=${1:-all}
case "$stage" in system | cargo | all) ;; *) echo "usage: $0 [system|cargo]" >&2; exit 2 ;; esac

TRUNK_VERSION=0.21.14
# Must equal the wasm-bindgen version in Cargo.lock (checked below), or Trunk would try to download one.
WASM_BINDGEN_VERSION=0.2.130
# wasm-opt for release builds and wasm-merge for split builds (scripts/wasm-split/bundle.py): binaryen's
# Node.js build from npm (tools/package.json), since Debian 12's binaryen (108) cannot read what
# wasm-bindgen writes for reference types (table.fill). Must equal
# `wasm_opt` in Trunk.toml, or Trunk (offline) refuses to build; scripts/run.sh puts it on PATH.
WASM_OPT_VERSION=123
# The split of the app's wasm into lazily loaded modules (scripts/wasm-split/), from crates.io.
WASM_SPLIT_VERSION=0.2.4

root=$(cd "$(dirname "$0")/.." && pwd)
lock_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' "$root/Cargo.lock" 2>/dev/null || true)
if [ -n "$lock_version" ] && [ "$lock_version" != "$WASM_BINDGEN_VERSION" ]; then
  echo "Cargo.lock has wasm-bindgen $lock_version but scripts/install-tools.sh pins $WASM_BINDGEN_VERSION" >&2
  exit 1
fi

system_tools() {
  # OpenSSL headers for TLS (mail, gateways) and WebAuthn; brotli for the release build of the app
  # (scripts/precompress.sh); sqlite3 for browser tests that age a session in the server's database.
  if ! dpkg -s libssl-dev pkg-config brotli sqlite3 >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libssl-dev pkg-config brotli sqlite3
  fi

  # tools/package.json's: binaryen, lightningcss, which minifies the app's stylesheets in every build
  # (scripts/minify-css.mjs), and esbuild, which minifies wasm-bindgen's JS (scripts/wasm-split/wasm-bindgen). Installed again when tools/package-lock.json changed since (npm keeps a
  # copy of the one it installed in node_modules/).
  wasm_opt="$root/tools/node_modules/.bin/wasm-opt"
  if ! "$wasm_opt" --version 2>/dev/null | grep -q "^wasm-opt version $WASM_OPT_VERSION " ||
    [ "$root/tools/package-lock.json" -nt "$root/tools/node_modules/.package-lock.json" ]; then
    (cd "$root/tools" && npm ci --no-audit --no-fund)
  fi

  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
  # The standard library's source, which the release build of the app compiles with the app
  # (scripts/wasm-release-env.sh).
  if ! rustup component list --installed | grep -q '^rust-src'; then
    rustup component add rust-src
  fi
}

cargo_tools() {
  # Trunk without its default features: no check for a newer Trunk and no TLS (it downloads nothing,
  # Trunk.toml `offline`, and serves nothing): rustls and ring are then not compiled at install.
  if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
    cargo install --locked --no-default-features "trunk@$TRUNK_VERSION"
  fi

  if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    # The registry mirror may lack a version named in the tool's own lock file: retry unlocked.
    cargo install --locked "wasm-bindgen-cli@$WASM_BINDGEN_VERSION" ||
      cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
  fi

  if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
    cargo install --locked "wasm_split_cli_support@$WASM_SPLIT_VERSION" --features build-binary
  fi
}

if [ "$stage" != cargo ]; then system_tools; fi
if [ "$stage" != system ]; then cargo_tools; fi
