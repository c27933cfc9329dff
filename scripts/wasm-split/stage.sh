#!/usr/bin/env bash
# Part of the Trunk post_build hook (scripts/post-build.sh), run before the service worker's list is
# written: when the build split the wasm (scripts/wasm-split/wasm-bindgen left <target>/wasm-bindgen/
# <mode>/split/), puts the split modules into the staging folder as lazy/<name>-<hash>.wasm (a content
# hash, so the server lets them be kept for good; wasm-opt'd like the main module in a release build),
# those of the doctor's filing path merged into one per group (scripts/wasm-split/bundle.py), and their
# loader as /__wasm_split.js (the name the main module imports), pointed at Trunk's hashed JS and at
# those names. Without a split it does nothing.
set -euo pipefail
staging=${TRUNK_STAGING_DIR:?"run by Trunk as a post_build hook"}
root=$(cd "$(dirname "$0")/../.." && pwd)
target=$(cd "$root" && cargo metadata --format-version 1 --no-deps --offline |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
mode=debug
[ "${TRUNK_PROFILE:-}" = release ] && mode=release
split="$target/wasm-bindgen/$mode/split"
[ -d "$split" ] || exit 0

main_js=$(cd "$staging" && ls app-*.js)
# A split left by an earlier build that this one (a plain `trunk build`) did not make: not ours.
grep -q '"\./__wasm_split\.js"' "$staging/$main_js" || exit 0
loader="$staging/__wasm_split.js"
sed "s|from \"\./app\.js\"|from \"./$main_js\"|" "$split/__wasm_split.js" > "$loader"
grep -q "from \"./$main_js\"" "$loader" || { echo "stage.sh: $split/__wasm_split.js does not import ./app.js" >&2; exit 1; }
# wasm-opt's settings for the main module as Trunk takes them from app/index.html (`data-wasm-opt`, the
# level, and `data-wasm-opt-params`), one home for them: a release build's split modules get the same,
# and wasm-merge the wasm features among them.
rust_link=$(tr '\n' ' ' < "$root/app/index.html" | grep -o '<link data-trunk rel="rust"[^>]*>')
level=$(sed -n 's/.* data-wasm-opt="\([^"]*\)".*/\1/p' <<<"$rust_link")
read -ra params <<<"$(sed -n 's/.* data-wasm-opt-params="\([^"]*\)".*/\1/p' <<<"$rust_link")"
features=()
for param in "${params[@]}"; do
  case "$param" in --enable-*) features+=("$param") ;; esac
done
[ -n "$level" ] && [ ${#features[@]} -gt 0 ] ||
  { echo "stage.sh: no data-wasm-opt and wasm features on app/index.html's rust link" >&2; exit 1; }
# The modules the doctor's filing path loads, merged into one file per group (scripts/wasm-split/bundle.py,
# with binaryen's wasm-merge of tools/), in a scratch copy of the split.
modules=$(mktemp -d)
trap 'rm -rf "$modules"' EXIT
find "$split" -name '*.wasm' ! -name app.wasm -exec cp -t "$modules" {} +
# -B: no __pycache__ of loads.py in the tree.
python3 -B "$root/scripts/wasm-split/bundle.py" "$modules" "$loader" "$root/tools/node_modules/.bin/wasm-merge" \
  "${features[@]}"
mkdir -p "$staging/lazy"
# A release build's modules are wasm-opt'd first, one per CPU at a time (binaryen's Node.js build takes
# most of a release build's time after cargo); then each gets its hashed name, one after another, since
# they all rewrite the loader.
if [ "$mode" = release ]; then
  find "$modules" -name '*.wasm' -print0 |
    xargs -0 -P "$(nproc)" -I{} sh -c 'in=$1 out=$2/lazy/$(basename "$1") && shift 2 && wasm-opt "$@" "$in" -o "$out"' \
      _ {} "$staging" "-O$level" "${params[@]}"
else
  cp -t "$staging/lazy" "$modules"/*.wasm
fi
for out in "$staging"/lazy/*.wasm; do
  name=$(basename "$out" .wasm)
  hash=$(sha256sum "$out" | cut -c1-16)
  mv "$out" "$staging/lazy/$name-$hash.wasm"
  sed -i "s|\"\./$name\.wasm\"|\"./lazy/$name-$hash.wasm\"|" "$loader"
done
