// trunk post-build hook: writes the Content-Security-Policy of the built page.
//
// trunk injects one inline module script (the wasm loader) whose text names hashed
// files, so its CSP hash changes with every build: it is computed here, from the
// staged index.html, and written (1) as a <meta http-equiv> tag in index.html and
// (2) as csp-header.conf, an nginx `add_header` line for hosts that prefer the header
// (which can also carry frame-ancestors, ignored in a meta tag). See docs/hosting.md.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

import { hashedName } from './site-server.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (this script is a trunk hook)');
  process.exit(1);
}
const indexPath = join(staging, 'index.html');
let html = readFileSync(indexPath, 'utf8');

const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = inlineScripts.map((text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);

// A dataset published on another origin (AGENDA_DATA_URL) must be allowed to connect.
const dataUrl = process.env.AGENDA_DATA_URL ?? '';
const dataOrigin = /^https?:\/\//.test(dataUrl) ? ` ${new URL(dataUrl).origin}` : '';

const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  `connect-src 'self'${dataOrigin}`,
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-src 'none'",
  "worker-src 'none'",
].join('; ');

const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
if (!html.includes('<!-- csp -->')) {
  console.error('post-build: index.html has no <!-- csp --> placeholder');
  process.exit(1);
}
html = html.replace('<!-- csp -->', meta);
writeFileSync(indexPath, html);
writeFileSync(join(staging, 'csp-header.conf'),
  `# Generated at build time by scripts/post-build.mjs; include it in the server block.\n` +
  `add_header Content-Security-Policy "${policy}; frame-ancestors 'none'" always;\n`);
console.log(`post-build: CSP written (${hashes.length} inline script hash${hashes.length === 1 ? '' : 'es'})`);

// Precompressed copies of the files that only change with a build (the hashed code,
// DSFR's stylesheet and script), at the highest levels: nginx's `gzip_static` and
// `brotli_static` serve them instead of compressing on the fly at level 1 (the wasm:
// 563 kB on the fly, 493 kB gzip -9, 382 kB brotli). Never the dataset, which the
// operator may replace without rebuilding (a stale .gz would then be served).
const precompressed = [
  ...readdirSync(staging).filter((f) => hashedName.test(f)),
  ...['dsfr/dsfr.min.css', 'dsfr/dsfr.module.min.js'],
];
for (const file of precompressed) {
  const bytes = readFileSync(join(staging, file));
  writeFileSync(join(staging, `${file}.gz`), gzipSync(bytes, { level: 9 }));
  writeFileSync(join(staging, `${file}.br`), brotliCompressSync(bytes, {
    params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
}
console.log(`post-build: ${precompressed.length} files precompressed (.gz, .br)`);

