#!/usr/bin/env bash
# The release build of the whole site, into one folder: the agenda's build (index.html
# and its wasm) and, from the same crate with `--features editor`, the contribution
# editor's (contribuer/index.html and its own wasm), so that a visit to the agenda
# never downloads the editor. Expects the tools installed (scripts/setup.sh).
#   scripts/build.sh [--dist DIR] [--public-url URL]
set -euo pipefail
cd "$(dirname "$0")/.."
dist=dist
public_url=/
while [ $# -gt 0 ]; do
  case "$1" in
    --dist) dist=$2; shift 2 ;;
    --public-url) public_url=$2; shift 2 ;;
    *) echo "build.sh: unknown argument '$1' (expected --dist DIR or --public-url URL)" >&2; exit 2 ;;
  esac
done
. scripts/env.sh
editor_dist="target/editor-build/$(basename "$dist")"
# The dependencies' source paths that the wasm holds (panic locations) start at the
# crate (`leptos-0.8.23/src/…`), not at this machine's cargo folder: the same code
# gives the same files, and hashed names, on every machine, and no build path is
# published.
wasm_flags=""
for registry in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
  [ -d "$registry" ] && wasm_flags="$wasm_flags --remap-path-prefix=$registry="
done
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$wasm_flags" \
  trunk build index.html --release --dist "$dist" --public-url "$public_url"
# The editor's wasm with Leptos' `erase_components` (type-erased views: far fewer
# monomorphised copies of its many forms' view code, 9 % smaller), the agenda's
# without (0.5 kB gzip smaller; README, "Performance"). Cargo keeps the dependencies
# of both builds apart, so neither rebuilds the other's.
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$wasm_flags --cfg erase_components" \
  trunk build index.html --release --features editor --dist "$editor_dist" --public-url "$public_url"
node scripts/add-editor-build.mjs "$editor_dist" "$dist"
