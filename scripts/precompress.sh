#!/usr/bin/env bash
# Writes NAME.br (Brotli, quality 11) and NAME.gz (gzip -9) beside each compressible file of a built
# app, which todoke-server sends as they are to a browser that accepts them (server/src/http/web.rs):
# the highest levels cost seconds once here instead of CPU on every download. Images that are
# already compressed (PNG) are left alone. One file per CPU at a time: Brotli 11 of the wasm modules is
# a good part of a release build's time. Usage: scripts/precompress.sh DIR (default dist).
set -euo pipefail
dir=${1:-dist}
find "$dir" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.json' \
  -o -name '*.svg' -o -name '*.webmanifest' -o -name '*.txt' \) -print0 |
  xargs -0 -P "$(nproc)" -n 1 sh -c 'brotli --quality=11 --force --keep --output="$1.br" "$1" && gzip -9 --no-name --force --keep "$1"' _
