#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): writes the service worker's precache list and cache version
# into sw.js in Trunk's staging folder, from the files Trunk just built there (their names carry
# content hashes, so the list cannot be written by hand). The version is a hash of every file's
# content: any change to the app makes a new cache and an "update available" banner. The modules of
# lazily loaded screens (lazy/, scripts/wasm-split/stage.sh) count in the version but are not
# precached: the service worker keeps each the first time it is fetched.
set -euo pipefail
staging=${TRUNK_STAGING_DIR:?"run by Trunk as a post_build hook"}
cd "$staging"
worker=sw.js
files=$(find . -type f ! -name "$worker" ! -name '*.map' | sed 's|^\./|/|' | LC_ALL=C sort)
version=$(printf '%s\n' $files | sed 's|^/||' | xargs sha256sum | sha256sum | cut -c1-16)
list=$(printf '%s\n' $files | grep -v '^/lazy/' | sed 's/.*/"&"/' | paste -sd, -)
sed -i -e "s|__TODOKE_VERSION__|$version|" -e "s|__TODOKE_PRECACHE__|[$list]|" "$worker"
