#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml), run in Trunk's staging folder before it becomes dist/: first the
# stylesheets minified (scripts/minify-css.mjs, every build, so that the tests' debug build checks what a
# phone gets), the modules of a split build (scripts/wasm-split/stage.sh) and the help guide's pages
# (docs/help rendered to guide/<lang>/<page>.html by the help_guide crate; the app fetches them, so they
# are not in its wasm) and the English of the app's texts (i18n/en.txt, the english_texts crate: the wasm
# holds the Japanese only), then the service worker's precache list (it hashes the files as built, the
# guide's among them, so that it reads offline), then, for a release build only, the compressed forms of
# every file (a debug build is for tests on loopback: compressing its 20 MB wasm at the highest level
# would only slow them). Trunk runs the hooks of one stage at the same time, hence one hook that runs
# them in order.
set -euo pipefail
scripts=$(cd "$(dirname "$0")" && pwd)
staging=${TRUNK_STAGING_DIR:?"run by Trunk as a post_build hook"}
# Trunk names the app's JS and wasm after cargo's wasm (before wasm-bindgen, import-names.py and
# wasm-opt), so a build whose steps after cargo changed would give other bytes the same names, which
# the server lets browsers keep for good (server/src/http/web.rs): renamed after their final bytes,
# before the split's loader and the service worker's list name them.
old=$(cd "$staging" && ls app-*_bg.wasm)
old=${old%_bg.wasm}
new=app-$(cat "$staging/$old.js" "$staging/${old}_bg.wasm" | sha256sum | cut -c1-16)
if [ "$new" != "$old" ]; then
  mv "$staging/$old.js" "$staging/$new.js"
  mv "$staging/${old}_bg.wasm" "$staging/${new}_bg.wasm"
  sed -i "s|/$old\.js\b|/$new.js|g; s|/${old}_bg\.wasm\b|/${new}_bg.wasm|g" "$staging/index.html"
  ! grep -q "$old" "$staging/index.html" || { echo "post-build.sh: index.html still names $old" >&2; exit 1; }
fi
# The stylesheets minified and renamed after their final bytes, index.html's links with them.
node "$scripts/minify-css.mjs"
bash "$scripts/wasm-split/stage.sh"
root=$(cd "$scripts/.." && pwd)
# One of the workspace's native programs: a release build's standard library settings
# (scripts/wasm-release-env.sh) are for the wasm only.
native() {
  env -u CARGO_UNSTABLE_BUILD_STD -u CARGO_UNSTABLE_BUILD_STD_FEATURES -u RUSTC_BOOTSTRAP \
    cargo run --quiet --locked --manifest-path "$root/Cargo.toml" -p "$@"
}
native help_guide -- "$root/docs/help" "$staging/guide"
# The English of every text of the app (its wasm holds the Japanese only), fetched once English is chosen.
native english_texts -- "$staging/i18n/en.txt" "$root/app/src" "$root/domain/src"
bash "$scripts/sw-precache.sh"
if [ "${TRUNK_PROFILE:-}" = release ]; then
  bash "$scripts/precompress.sh" "$staging"
  # The lazily loaded modules compressed against the main wasm, which a browser always holds before it
  # fetches them (RFC 9842's `dcb`, sent by the server to a browser that offers that dictionary:
  # server/src/http/web.rs); a `.dcb` is kept only where it beats the `.br`.
  native dcb -- "$staging"/app-*_bg.wasm "$staging"/lazy/*.wasm
fi
