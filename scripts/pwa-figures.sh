#!/usr/bin/env bash
# Prints the offline-first PWA's figures for docs/performance.md:
#  1. the initial download (dist/: wasm + js + css) raw, gzip -9 and brotli (quality 11, Node's zlib);
#     for a split release build also the bytes as sent before the login form and for the doctor's whole
#     filing path (scripts/wasm-sizes.sh);
#  2. the autosave latency in headless Chromium (the `autosave_latency_figure` browser test);
#  3. the time to sync 100 queued notifications to a server on loopback (end2end/tests/offline-sync.bench.spec.ts);
#  4. on an emulated slow phone (Slow 4G, CPU 4x slower), the time until the login form accepts input on
#     a first visit and on a repeat visit offline, and the bytes sent (end2end/tests/load-time.bench.spec.ts).
# Usage: scripts/pwa-figures.sh [DIST]: DIST is what `trunk build` (or `trunk build --release --dist DIR`,
# what scripts/run.sh serves) filled, dist/ by default; figures 1 and 4 are of that build, 3 of dist/.
# Needs what scripts/test.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
export DIST=${1:-dist}

echo "== initial download ($DIST)"
node -e '
const fs = require("fs"), zlib = require("zlib"), path = require("path");
const dist = process.env.DIST;
const files = fs.readdirSync(dist).filter((f) => /\.(wasm|js|css)$/.test(f));
let total = { raw: 0, gzip: 0, brotli: 0 };
for (const file of files.sort()) {
  const bytes = fs.readFileSync(path.join(dist, file));
  const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
  const brotli = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total = { raw: total.raw + bytes.length, gzip: total.gzip + gzip, brotli: total.brotli + brotli };
  console.log(`${file.padEnd(40)} ${String(bytes.length).padStart(10)} raw ${String(gzip).padStart(9)} gzip ${String(brotli).padStart(9)} brotli`);
}
const kib = (n) => (n / 1024).toFixed(0) + " KiB";
console.log(`total: ${kib(total.raw)} raw, ${kib(total.gzip)} gzip, ${kib(total.brotli)} brotli`);
'
if [ -f "$DIST/__wasm_split.js.br" ]; then
  echo
  echo "== as sent (.br), the filing path ($DIST)"
  bash scripts/wasm-sizes.sh "$DIST"
fi

echo
echo "== autosave latency in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test -p app --target wasm32-unknown-unknown -- autosave_latency_figure --nocapture 2>&1 | grep -E 'autosave latency' || true

echo
echo "== sync of 100 queued notifications (loopback)"
cargo build -p server
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
E2E_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export E2E_PORT E2E_DATABASE_URL="sqlite:$scratch/todoke.db" E2E_BENCH=1
(cd end2end && npx playwright test tests/offline-sync.bench.spec.ts)

echo
echo "== load time on a slow phone ($DIST)"
E2E_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export E2E_PORT E2E_DATABASE_URL="sqlite:$scratch/load.db" E2E_DIST=$(cd "$DIST" && pwd)
(cd end2end && npx playwright test tests/load-time.bench.spec.ts --project phone)
