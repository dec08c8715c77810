#!/usr/bin/env bash
# Sets up, builds the release app on the shipped dataset and serves it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
port="${PORT:-8080}"
echo "L'agenda sera servi à l'adresse http://127.0.0.1:$port/ (Ctrl+C pour arrêter)."
exec trunk serve --release --port "$port" --address 127.0.0.1
