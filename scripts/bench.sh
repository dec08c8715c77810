#!/usr/bin/env bash
# Browser benchmark, side by side with vis-timeline (not part of scripts/test.sh):
# builds the release app into target/bench-dist and the CLI (for `agenda generate`),
# then runs bench/run.mjs, which prints one Markdown table and writes bench/results.md.
# About 10 minutes on 2 cores. Options are environment variables (see bench/run.mjs),
# e.g. BENCH_SIZES=100,1000 BENCH_SKIP_LIGHTHOUSE=1 scripts/bench.sh for a quick look.
#
# The native benchmark of the domain is separate: cargo bench -p agenda-core
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser
. scripts/env.sh
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

say "Release build of the app into target/bench-dist"
mkdir -p target
scripts/build.sh --dist target/bench-dist >target/bench-build.log 2>&1 \
  || { tail -40 target/bench-build.log >&2; exit 1; }

say "Release build of the CLI (agenda generate)"
cargo build --release --quiet -p agenda-cli

say "Benchmark (headless Chromium)"
node bench/run.mjs
