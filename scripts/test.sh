#!/usr/bin/env bash
# Sets up, then runs every check and test: format, lints, native tests (domain, CLI),
# the release build, and the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
. scripts/env.sh
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

say "Formatting (cargo fmt --check)"
cargo fmt --all -- --check

say "Lints (cargo clippy -D warnings), native and wasm"
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p agenda-app --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p agenda-app --features editor --quiet -- -D warnings

say "Native tests (domain, CLI, shipped dataset)"
cargo test --workspace --quiet

say "Exports read by independent parsers (Python icalendar, feedparser)"
tests/consumers/run.sh target/debug/agenda

say "The release build's rewriting of the wasm and its JS glue (tests/build/)"
node --test tests/build/

say "Release build (agenda and editor), at the root and under the sub-path /agenda/"
scripts/build.sh
scripts/build.sh --public-url /agenda/ --dist dist-agenda

say "The sample nginx configuration (deploy/) serving the build"
tests/deploy/nginx.sh dist

say "Browser tests (headless Chromium)"
node --test --test-concurrency=1 tests/browser/
