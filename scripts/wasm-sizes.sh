#!/usr/bin/env bash
# Prints the bytes a phone downloads as sent (the `.br` files scripts/precompress.sh wrote, Brotli 11)
# for issue 17's goals, from a split release build (`trunk build --release`, as scripts/run.sh makes it):
#  - before the login form: index.html, Trunk's JS and main wasm, the split's loader __wasm_split.js and
#    the stylesheets index.html links enabled;
#  - the doctor's whole filing path (login, the disease list, a form, the receipt): that, the modules
#    the service worker precaches at install (groups `filing`, `sync` and the measles form's family
#    `forms_vaccine_preventable`, with the chunks they load, scripts/wasm-split/loads.py), and the lazily loaded screens' stylesheets (`data-lazy-style`)
#    the filing path's screens enable;
#  - what the service worker precaches after them (the modules of `filing_later`, `help`, `notices` and
#    the other families of forms not yet counted, the stylesheets only the other roles' screens enable),
#    and the English of the app's texts;
#  - the other roles' modules, loaded when first opened.
# A lazily loaded module counts as its `.dcb` where the build wrote one (compressed against the main
# wasm, scripts/post-build.sh): every module is fetched after the main wasm, so a browser that supports
# Compression Dictionary Transport (Chromium, since 130) holds the dictionary by then and the server
# sends that form (server/src/http/web.rs). The sums with Brotli alone (another browser's) follow in
# brackets. The API's answers (about 9 KiB on the filing path, end2end/tests/load-time.bench.spec.ts)
# are not counted. Usage: scripts/wasm-sizes.sh DIST.
set -euo pipefail
dist=${1:?"usage: scripts/wasm-sizes.sh DIST (a split release build's dist)"}
loads=$(cd "$(dirname "$0")" && pwd)/wasm-split/loads.py
cd "$dist"
[ -f __wasm_split.js.br ] || { echo "wasm-sizes.sh: $dist is not a split release build (no __wasm_split.js.br)" >&2; exit 1; }

# The bytes as sent of the files named (one path a line, from the build's root): each file's `.dcb`
# where there is one, else its `.br`; with `br` as argument, the `.br` alone.
sent() {
  local path total=0
  while read -r path; do
    [ -z "$path" ] && continue
    if [ "${1:-}" != br ] && [ -f ".$path.dcb" ]; then path=$path.dcb; else path=$path.br; fi
    total=$((total + $(stat -c %s ".$path")))
  done
  echo "$total"
}
# A line of the table: what, the files, their bytes as sent (and with Brotli alone, where that differs).
line() {
  printf '%-58s %4d files %9d B' "$1" "$(wc -w <<<"$2")" "$3"
  if [ "${4:-$3}" != "$3" ]; then printf '  (Brotli alone %9d B)' "$4"; fi
  printf '\n'
}

# index.html's stylesheets: `<link rel="stylesheet" href="/main-….css" …>`, the lazily loaded screens'
# with `data-lazy-style` or `data-lazy-style-<group>`.
styles=$(grep -o '<link rel="stylesheet"[^>]*>' index.html)
lazy_styles=$(grep 'data-lazy-style' <<<"$styles" | sed 's|.*href="\([^"]*\)".*|\1|' || true)
shell=$( (ls index.html app-*.js app-*.wasm __wasm_split.js | sed 's|^|/|'
  grep -v 'data-lazy-style' <<<"$styles" | sed 's|.*href="\([^"]*\)".*|\1|') )
later_styles=$(python3 "$loads" index.html --later-styles)
filing=$( (python3 "$loads" __wasm_split.js --precached
  printf '%s\n' $lazy_styles | { grep -vxF -f <(printf '%s\n' $later_styles '') || true; }) )
later=$( (python3 "$loads" __wasm_split.js --precached-later; printf '%s\n' $later_styles) )
others=$(find lazy -name '*.wasm' | sed 's|^|/|' | { grep -vxF -f <(printf '%s\n' $filing $later) || true; })
before=$(printf '%s\n' $shell | sent)
path=$(printf '%s\n' $filing | sent)
path_br=$(printf '%s\n' $filing | sent br)
line "before the login form" "$shell" "$before"
line "filing, sync, the path's forms, chunks, lazy stylesheets" "$filing" "$path" "$path_br"
line "the doctor's whole filing path" "$shell $filing" "$((before + path))" "$((before + path_br))"
line "precached after it: filing_later, other forms, styles" "$later" "$(printf '%s\n' $later | sent)" \
  "$(printf '%s\n' $later | sent br)"
# The English of the app's texts (scripts/post-build.sh), fetched when English is chosen and precached
# after the filing path too (scripts/sw-precache.sh).
english=$(find i18n -type f -name '*.txt' 2>/dev/null | sed 's|^|/|')
line "precached after it too: the English texts (i18n/)" "$english" "$(printf '%s\n' $english | sent)"
line "the other roles' modules" "$others" "$(printf '%s\n' $others | sent)" "$(printf '%s\n' $others | sent br)"
