#!/usr/bin/env bash
# Sets up, builds the release app on the shipped dataset and serves it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
scripts/build.sh
exec node scripts/serve.mjs dist "${PORT:-8080}"
