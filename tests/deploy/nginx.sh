#!/usr/bin/env bash
# Serves a build with the sample nginx configuration (deploy/nginx.conf and
# deploy/security-headers.conf, as docs/hosting.md tells an operator to install them)
# and checks what a browser gets: each file's content type (a wrong one is refused
# with nosniff), the precompressed copies, the caching, the security headers and
# the CSP on every response, the pages' fallbacks for deep links.
#   tests/deploy/nginx.sh [DIST]     (default: dist, from scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
dist=$(realpath "${1:-dist}")
[ -f "$dist/index.html" ] || { echo "nginx.sh: no build in $dist (run scripts/build.sh)" >&2; exit 2; }
for tool in nginx curl openssl; do
  command -v "$tool" >/dev/null || { echo "nginx.sh: $tool is missing (scripts/setup.sh --browser installs it)" >&2; exit 2; }
done

work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
trap 'nginx -p "$work" -c "$work/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/snippets" "$work/logs"
cp deploy/security-headers.conf "$work/snippets/agenda-security-headers.conf"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

# The sample as an operator installs it, on a local port and this build's folder.
site=$(sed -e "s|listen 443 ssl http2;|listen 127.0.0.1:$port ssl http2;|" \
           -e "s|/srv/agenda|$dist|g" \
           -e "s|include snippets/|include $work/snippets/|g" deploy/nginx.conf)
grep -q "127.0.0.1:$port" <<<"$site" || { echo "nginx.sh: deploy/nginx.conf has no 'listen 443 ssl http2;' line to adapt" >&2; exit 1; }
printf '%s\n' "$site" > "$work/site.conf"
# What nginx's own default configuration brings around a site: the content types.
cat > "$work/nginx.conf" <<CONF
error_log $work/logs/error.log;
pid $work/nginx.pid;
events {}
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path $work/body;
    proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi;
    scgi_temp_path $work/scgi;
    ssl_certificate $work/cert.pem;
    ssl_certificate_key $work/key.pem;
    include $work/site.conf;
}
CONF
nginx -t -q -p "$work" -c "$work/nginx.conf"
nginx -p "$work" -c "$work/nginx.conf"

failures=0
# check PATH EXPECTED-STATUS HEADER-PATTERN...: each pattern must match a header line.
check() {
  local path=$1 status=$2; shift 2
  local headers
  headers=$(curl -sk --http2 -H 'Accept-Encoding: gzip' -o /dev/null -D - "https://127.0.0.1:$port$path" | tr -d '\r')
  local ok=1
  grep -qi "^HTTP/[0-9.]* $status" <<<"$headers" || { echo "  $path: status is not $status"; ok=0; }
  for pattern in "$@" strict-transport-security: 'x-content-type-options: nosniff' referrer-policy: permissions-policy:; do
    grep -qiE "^$pattern" <<<"$headers" || { echo "  $path: no header matching '$pattern'"; ok=0; }
  done
  if [ "$ok" = 1 ]; then echo "ok $path"; else failures=$((failures + 1)); echo "--- $path answered:"; echo "$headers"; fi
}

code=$(node --input-type=module -e "
import { readFileSync } from 'node:fs';
import { codeOf } from './scripts/site-server.mjs';
const c = codeOf(readFileSync('$dist/index.html', 'utf8'));
console.log([c.wasm, c.js, c.css].join(' '));")
read -r wasm js css <<<"$code"
csp='content-security-policy: default-src'
check / 200 'content-type: text/html' 'content-encoding: gzip' 'cache-control: no-cache' "$csp"
check /chantiers/un-chantier-inconnu 200 'content-type: text/html' "$csp"
check /contribuer/un-chantier 200 'content-type: text/html' "$csp"
check "/$wasm" 200 'content-type: application/wasm' 'content-encoding: gzip' 'vary: accept-encoding' 'cache-control: public, max-age=31536000, immutable' "$csp"
check "/$js" 200 'content-type: (application|text)/javascript' 'content-encoding: gzip' 'cache-control: public, max-age=31536000, immutable'
check "/$css" 200 'content-type: text/css' 'content-encoding: gzip'
check /dsfr/dsfr-agenda.min.css 200 'content-type: text/css' 'content-encoding: gzip' 'cache-control: no-cache'
check /data/agenda.json 200 'content-type: application/json' 'content-encoding: gzip' 'cache-control: no-cache' 'etag:'
check /csp-header.conf 404
# The precompressed copy is the one sent: the same bytes as the build's .gz.
sent=$(curl -sk -H 'Accept-Encoding: gzip' "https://127.0.0.1:$port/$wasm" | wc -c)
[ "$sent" = "$(wc -c <"$dist/$wasm.gz")" ] && echo "ok /$wasm is the build's .gz ($sent bytes)" ||
  { echo "  /$wasm: $sent bytes sent, not the build's .gz"; failures=$((failures + 1)); }

if [ "$failures" -gt 0 ]; then
  echo "nginx.sh: $failures check(s) failed with deploy/nginx.conf" >&2
  exit 1
fi
echo "nginx.sh: deploy/nginx.conf serves the build as expected"
