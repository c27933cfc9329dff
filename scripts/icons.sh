#!/usr/bin/env bash
# Renders the PWA's PNG icons (192 and 512 px, and a 512 px maskable one) from the SVGs in
# pwa-assets/ with Debian's headless Chromium. Run by hand after changing an SVG; the PNGs are committed.
set -euo pipefail
cd "$(dirname "$0")/../pwa-assets"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
render() { # SVG SIZE PNG
  printf '<!doctype html><style>html,body{margin:0}img{display:block;width:%spx;height:%spx}</style><img src="file://%s">' \
    "$2" "$2" "$PWD/$1" >"$scratch/page.html"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 \
    --window-size="$2,$2" --screenshot="$PWD/$3" "file://$scratch/page.html" 2>/dev/null
}
render icon.svg 192 icon-192.png
render icon.svg 512 icon-512.png
render icon-maskable.svg 512 icon-maskable-512.png
