#!/usr/bin/env bash
# Trunk post_build hook (Trunk.toml): writes the service worker's precache list, the list of the other
# lazily loaded modules and the cache version into sw.js in Trunk's staging folder, from the files
# Trunk just built there (their names carry content hashes, so the lists cannot be written by hand). The
# version is a hash of every file's content: any change to the app makes a new cache and an "update
# available" banner. Of the lazily loaded modules (lazy/, scripts/wasm-split/stage.sh), those of the
# groups in PRECACHED (app/src/lazy.rs: `filing`, what doctors use, offline too; `sync`, a session's
# outbox and the logout's wipe, offline too) and the shared chunks they load with them are precached; the
# others are kept by the service worker once fetched (pwa-assets/sw.js).
set -euo pipefail
staging=${TRUNK_STAGING_DIR:?"run by Trunk as a post_build hook"}
cd "$staging"
worker=sw.js
files=$(find . -type f ! -name "$worker" ! -name '*.map' | sed 's|^\./|/|' | LC_ALL=C sort)
version=$(printf '%s\n' $files | sed 's|^/||' | xargs sha256sum | sha256sum | cut -c1-16)
PRECACHED="filing sync"

# The precached groups' modules and the shared chunks they load with them, as the split's loader
# (__wasm_split.js, after stage.sh put the hashed names in) fetches them: `export const
# __wasm_split_load_filing = wrapAsyncCb(makeLoad(() => { … fetch(new URL("./lazy/…", …)) … }, [__chunk_7,
# …]))`, each chunk `const __chunk_7 = makeLoad(() => { … fetch(new URL("./lazy/…", …)) … }, [])`.
modules=
if [ -f __wasm_split.js ]; then
  modules=$(python3 - __wasm_split.js $PRECACHED <<'PY'
import re, sys
text = open(sys.argv[1]).read()
starts = list(re.finditer(r"^(?:export )?const (\w+) = (?:wrapAsyncCb\()?makeLoad\(", text, re.M))
loads = {}
for here, after in zip(starts, starts[1:] + [None]):
    body = text[here.end():after.start() if after else len(text)]
    url = re.search(r'new URL\("\./([^"]+)"', body).group(1)
    deps = re.findall(r"\w+", re.search(r"\n, \[([^\]]*)\]", body).group(1))
    loads[here.group(1)] = (url, deps)
paths = set()
for group in sys.argv[2:]:
    url, deps = loads["__wasm_split_load_" + group]
    paths.update("/" + path for path in [url] + [loads[dep][0] for dep in deps])
print("\n".join(sorted(paths)))
PY
  ) || { echo "sw-precache.sh: no loader of a group of '$PRECACHED' in __wasm_split.js" >&2; exit 1; }
  for module in $modules; do
    [ -f ".$module" ] || { echo "sw-precache.sh: $module (of '$PRECACHED') is not in the build" >&2; exit 1; }
  done
fi
quoted() { sed '/^$/d; s/.*/"&"/' | paste -sd, -; }
precache=$( (printf '%s\n' $files | grep -v '^/lazy/'; printf '%s\n' $modules) | quoted)
others=$(printf '%s\n' $files | { grep '^/lazy/' || true; } | { grep -vxF -f <(printf '%s\n' $modules '') || true; } | quoted)
sed -i -e "s|__TODOKE_VERSION__|$version|" -e "s|__TODOKE_PRECACHE__|[$precache]|" \
  -e "s|__TODOKE_LAZY__|[$others]|" "$worker"
