#!/usr/bin/env bash
# Installs every tool the project needs, on a fresh Debian machine that has rustup,
# cargo, node and npm. Idempotent: a second run checks versions and returns in seconds.
#
#   scripts/setup.sh            build tools (wasm target, trunk, wasm-bindgen, wasm-opt, npm packages)
#   scripts/setup.sh --browser  the same, plus Debian's Chromium and chromedriver for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.22.1
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
wasm_bindgen_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! grep -q "^wasm_bindgen = \"$wasm_bindgen_version\"" Trunk.toml; then
  echo "Trunk.toml pins another wasm-bindgen than Cargo.lock ($wasm_bindgen_version): update [tools] wasm_bindgen in Trunk.toml." >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  # trunk 0.22.1 declares rustc >= 1.96.1 but builds and works on 1.95 (~10 min).
  say "Installing trunk $TRUNK_VERSION (about 10 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --ignore-rust-version
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wasm_bindgen_version" ]; then
  # Not --locked: its lock file pins a webpki-roots version the registry lacks.
  say "Installing wasm-bindgen-cli $wasm_bindgen_version (about 2 minutes, once)"
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version" --force
fi

# npm: DSFR (its licence consent is .dsfr.yml), wasm-opt (binaryen 132), browser-test tools.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund
fi

# The test tools from Debian: Chromium for the browser tests; nginx, curl and openssl
# for the test of the sample nginx configuration (tests/deploy/nginx.sh).
if [ "${1:-}" = "--browser" ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v nginx >/dev/null || missing+=(nginx-light)
  command -v curl >/dev/null || missing+=(curl)
  command -v openssl >/dev/null || missing+=(openssl)
  if [ ${#missing[@]} -gt 0 ]; then
    say "Installing from Debian: ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
