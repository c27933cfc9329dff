#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): writes the service worker's precache lists, the list of the other
# lazily loaded modules and the cache version into sw.js in Trunk's staging folder, from the files
# Trunk just built there (their names carry content hashes, so the lists cannot be written by hand). The
# version is a hash of every file's content: any change to the app makes a new cache and an "update
# available" banner. Of the lazily loaded modules (lazy/, scripts/wasm-split/stage.sh), those of the
# groups of the doctor's filing path and the shared chunks they load with them are precached at install,
# then those of the filers' other screens, the other families of forms, the stylesheets only the other
# roles' screens enable (these lists: scripts/wasm-split/loads.py) and the English of the app's texts
# (i18n/); the other modules are kept by the service worker once fetched (pwa-assets/sw.js).
set -euo pipefail
loads=$(cd "$(dirname "$0")" && pwd)/wasm-split/loads.py
staging=${TRUNK_STAGING_DIR:?"run by Trunk as a post_build hook"}
cd "$staging"
worker=sw.js
files=$(find . -type f ! -name "$worker" ! -name '*.map' | sed 's|^\./|/|' | LC_ALL=C sort)
version=$(printf '%s\n' $files | sed 's|^/||' | xargs sha256sum | sha256sum | cut -c1-16)

# The groups' modules and the shared chunks they load with them, as the split's loader fetches them
# (scripts/wasm-split/loads.py).
first= later=
if [ -f __wasm_split.js ]; then
  first=$(python3 "$loads" __wasm_split.js --precached)
  later=$(python3 "$loads" __wasm_split.js --precached-later)
  for module in $first $later; do
    [ -f ".$module" ] || { echo "sw-precache.sh: $module (precached) is not in the build" >&2; exit 1; }
  done
fi
# After them too: the English of the app's texts (i18n/, scripts/post-build.sh), so that English works
# offline after one visit without holding up the filing path.
later="$later $(python3 "$loads" index.html --later-styles) $(printf '%s\n' $files | { grep '^/i18n/' || true; })"
quoted() { sed '/^$/d; s/.*/"&"/' | paste -sd, -; }
precache=$( (printf '%s\n' $files | grep -v '^/lazy/' | { grep -vxF -f <(printf '%s\n' $later '') || true; }
  printf '%s\n' $first) | quoted)
others=$(printf '%s\n' $files | { grep '^/lazy/' || true; } | { grep -vxF -f <(printf '%s\n' $first $later '') || true; } | quoted)
sed -i -e "s|__TODOKE_VERSION__|$version|" -e "s|__TODOKE_PRECACHE__|[$precache]|" \
  -e "s|__TODOKE_PRECACHE_LATER__|[$(printf '%s\n' $later | quoted)]|" -e "s|__TODOKE_LAZY__|[$others]|" "$worker"
