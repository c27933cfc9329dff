#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml), run in Trunk's staging folder before it becomes dist/: first the
# modules of a split build (scripts/wasm-split/stage.sh) and the help guide's pages (docs/help rendered
# to guide/<lang>/<page>.html by the help_guide crate; the app fetches them, so they are not in its
# wasm), then the service worker's precache list (it hashes the files as built, the guide's among
# them, so that it reads offline), then, for a release build only, the
# compressed forms of every file (a debug build is for tests on loopback: compressing its 20 MB wasm
# at the highest level would only slow them). Trunk runs the hooks of one stage at the same time,
# hence one hook that runs both in order.
set -euo pipefail
scripts=$(cd "$(dirname "$0")" && pwd)
bash "$scripts/wasm-split/stage.sh"
root=$(cd "$scripts/.." && pwd)
cargo run --quiet --locked --manifest-path "$root/Cargo.toml" -p help_guide -- \
  "$root/docs/help" "${TRUNK_STAGING_DIR:?"run by Trunk as a post_build hook"}/guide"
bash "$scripts/sw-precache.sh"
if [ "${TRUNK_PROFILE:-}" = release ]; then
  bash "$scripts/precompress.sh" "${TRUNK_STAGING_DIR:?"run by Trunk as a post_build hook"}"
fi
