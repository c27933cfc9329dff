#!/usr/bin/env bash
# Runs every test of todoke: formatting and lints, the domain and server suites (the server's on
# SQLite and on PostgreSQL), then the browser journeys in Debian's Chromium against a fresh server.
# Installs what is missing (build tools, Chromium, the Playwright package) first.
# PostgreSQL: TODOKE_TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "tools"
scripts/install-tools.sh
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi
if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  # Playwright must not download browsers here: the tests use Debian's Chromium.
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

# The server's leptos (subject_page, `ssr`) and the app's (`csr`) are never built in one cargo
# invocation: cargo would unify the two feature sets, and leptos does not build with both
# (docs/architecture.md). Each line below builds one side only.
step "format and lints"
cargo fmt --all -- --check
cargo clippy -p domain -p aberration -p server -p subject_page -p help_guide -p dcb -p english_texts --all-targets -- -D warnings
cargo clippy -p app --target wasm32-unknown-unknown -- -D warnings

step "domain, aberration (against R's fixtures), server (SQLite and PostgreSQL), subject page, help guide, dcb and English table tests"
cargo test -p domain -p aberration -p server -p subject_page -p help_guide -p dcb -p english_texts

step "FHIR fixtures against the FHIR R4 model (PyPI fhir.resources, docs/fhir.md)"
scripts/fhir-validate.sh

step "app unit tests (native)"
cargo test -p app

# IndexedDB and WebCrypto exist only in a browser: the offline store, crypto and sync engine tests
# run in headless Chromium through Debian's chromedriver (wasm-bindgen-test-runner comes with the
# pinned wasm-bindgen-cli).
step "app tests in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test -p app --target wasm32-unknown-unknown

step "browser journeys"
# Split like scripts/run.sh's build, so that the journeys load the lazily loaded screens as phones do.
PATH="$PWD/scripts/wasm-split:$PATH" TODOKE_WASM_SPLIT=1 trunk build
cargo build -p server
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
E2E_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The journeys keep logins per port (end2end/tests/fixtures/todoke.ts, signedIn): an earlier run on the
# same port must not lend this one its sessions.
rm -rf "${TMPDIR:-/tmp}/todoke-e2e-sessions-$E2E_PORT"
export E2E_PORT E2E_DATABASE_URL="sqlite:$scratch/todoke.db"
(cd end2end && npx playwright test)
