#!/usr/bin/env bash
# Builds and starts todoke with a SQLite database under data/ and the demo data, then prints the
# URL and the demo logins. Installs the pinned build tools first if they are missing.
# Environment: TODOKE_LISTEN (default 127.0.0.1:8080), DATABASE_URL, see README "Configuration".
set -euo pipefail
cd "$(dirname "$0")/.."

# What comes prebuilt first (seconds), then the builds start while the tools compile from crates.io:
# three cargo processes on a fresh machine fill the CPUs that each leaves idle in its single-threaded
# steps (the app's fat LTO with one codegen unit, the tools' final links).
scripts/install-tools.sh system
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT
# The server stays in the dev profile that the tests build too (its hot path, Argon2id, is optimised there).
cargo build -p server &
server_build=$!
# The app as a phone should get it: size-optimised (the `wasm-release` profile) and split so that the
# screens a doctor never opens load when first opened (scripts/wasm-split/). The same cargo command as
# Trunk's (app/index.html's profile and bin) in the same environment (the standard library built with
# the app: scripts/wasm-release-env.sh), so that Trunk finds the app built.
(
  source scripts/wasm-release-env.sh
  # exec: the job is cargo itself, which the trap above stops.
  TODOKE_WASM_SPLIT=1 exec cargo build --target=wasm32-unknown-unknown --manifest-path app/Cargo.toml \
    --profile wasm-release --bin app
) &
app_build=$!
scripts/install-tools.sh cargo
wait "$app_build"
# Trunk: the split (its wasm-bindgen stands in for the real one on Trunk's PATH), wasm-opt (the one
# scripts/install-tools.sh installed into tools/) and precompression (Trunk.toml's hook).
(
  source scripts/wasm-release-env.sh
  PATH="$PWD/scripts/wasm-split:$PWD/tools/node_modules/.bin:$PATH" TODOKE_WASM_SPLIT=1 trunk build --release
)
wait "$server_build"
trap - EXIT

# The key that seals initial passwords while their letters wait (docs/security.md): generated once into
# data/ (never in the repository) unless given, so that letters still waiting survive a restart.
if [ -z "${TODOKE_SECRET_KEY:-}" ]; then
  mkdir -p data
  [ -s data/secret.key ] || (umask 077 && head -c 32 /dev/urandom | base64 > data/secret.key)
  TODOKE_SECRET_KEY=$(cat data/secret.key)
  export TODOKE_SECRET_KEY
fi

export TODOKE_DEMO=1
export TODOKE_LISTEN="${TODOKE_LISTEN:-127.0.0.1:8080}"
# A host name, not an IP: passkeys (WebAuthn) need one.
export TODOKE_PUBLIC_URL="${TODOKE_PUBLIC_URL:-http://localhost:${TODOKE_LISTEN##*:}}"
# Eight weeks of demo notifications for the situation views, once (a database with notifications is left alone).
target/debug/todoke-server seed-demo-history
exec target/debug/todoke-server
