#!/usr/bin/env bash
# Checks the exports with independent readers (icalendar, feedparser), installed in a
# virtual environment under target/ from the pinned requirements.
# Usage: tests/consumers/run.sh [PATH_TO_AGENDA_BINARY]   (default: target/debug/agenda)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/target/consumers-venv"
requirements="$root/tests/consumers/requirements.txt"

if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
# Install only when the requirements changed since the last install.
wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
stamp="$venv/.requirements.sha256"
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  echo "$wanted" > "$stamp"
fi

if [ $# -ge 1 ]; then
  binary="$1"
else
  (cd "$root" && cargo build --quiet -p agenda-cli)
  binary="$root/target/debug/agenda"
fi
exec "$venv/bin/python" "$root/tests/consumers/check_exports.py" "$binary"
