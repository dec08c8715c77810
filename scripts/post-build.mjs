// trunk post-build hook: writes the Content-Security-Policy of the built page.
//
// trunk injects one inline module script (the wasm loader) whose text names hashed
// files, so its CSP hash changes with every build: it is computed here, from the
// staged index.html, and written (1) as a <meta http-equiv> tag in index.html and
// (2) as csp-header.conf, an nginx `add_header` line for hosts that prefer the header
// (which can also carry frame-ancestors, ignored in a meta tag). See docs/hosting.md.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

import { gzipAsync } from '@gfx/zopfli';

import { hashedName } from './site-server.mjs';
import { inCompressionOrder } from './function-order.mjs';
import { withShortNames } from './short-names.mjs';
import { withoutUnusedExports } from './unused-exports.mjs';
import { withoutCustomSections } from './wasm-sections.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (this script is a trunk hook)');
  process.exit(1);
}
const indexPath = join(staging, 'index.html');
let html = readFileSync(indexPath, 'utf8');

// trunk's loader imports the JS glue and the wasm at once, and preloads both from the
// head: on a slow connection they then share the bandwidth with the stylesheet and
// fonts, and the page's static title and introduction paint late. The app's code is
// instead fetched once that first frame is painted (measured: Lighthouse mobile LCP
// 4.6 → 1.8 s; the app itself shows no later on the loopback).
const loader = html.match(/<script type="module">\s*import init, \* as bindings from '([^']+)';\s*const wasm = await init\(\{ module_or_path: '([^']+)' \}\);[\s\S]*?<\/script>/);
if (!loader) {
  console.error("post-build: trunk's wasm loader script was not found in index.html (trunk's output changed?)");
  process.exit(1);
}
const [, glue, wasm] = loader;
html = html.replace(loader[0], `<script type="module">
await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0)));
const { default: init, ...bindings } = await import('${glue}');
const wasm = await init({ module_or_path: '${wasm}' });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
</script>`);
const preloads = [...html.matchAll(/<link rel="(?:modulepreload|preload)" href="([^"]+)"[^>]*>/g)].filter((m) => [glue, wasm].includes(m[1]));
if (preloads.length !== 2) {
  console.error(`post-build: expected trunk's two preload links of the code, found ${preloads.length}`);
  process.exit(1);
}
for (const [link] of preloads) html = html.replace(link, '');

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

// The page preloads the dataset from where the app will read it.
const preload = '<link rel="preload" href="data/agenda.json" as="fetch" crossorigin="anonymous" />';
if (!html.includes(preload)) {
  console.error('post-build: index.html has no preload link for data/agenda.json');
  process.exit(1);
}
if (dataUrl) html = html.replace(preload, preload.replace('data/agenda.json', dataUrl.replaceAll('"', '%22')));

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

// A debug build (`trunk serve`) keeps its glue readable and gets gzip -9 copies at
// once: zopfli on a debug wasm of several MB would make every rebuild wait.
const release = process.env.TRUNK_PROFILE !== 'debug';

// wasm-bindgen writes its JS glue readable, and trunk minifies it only along with
// the HTML (whose text and inline loader this script must then find again): the glue
// alone goes through terser, as an ES module (its exports and the wasm's import
// names are strings terser keeps). The agenda's: 61.0 → 27.4 kB, gzip 9.7 → 7.3 kB.
// The wasm's exports that glue never reads go too (scripts/unused-exports.mjs), the
// names by which the two call each other are shortened (scripts/short-names.mjs),
// the wasm's functions are put in an order that compresses better
// (scripts/function-order.mjs), and its custom sections, for tools only, removed.
if (release) {
  const gluePath = join(staging, basename(glue));
  const wasmPath = join(staging, basename(wasm));
  const pruned = await withoutUnusedExports(readFileSync(gluePath, 'utf8'), readFileSync(wasmPath));
  console.log(`post-build: glue minified; wasm exports the glue never reads removed: ${pruned.removed.join(', ') || 'none'}`);
  const short = withShortNames(pruned.glue, pruned.wasm);
  writeFileSync(gluePath, short.glue);
  console.log(`post-build: ${short.renamed} imports and exports of the wasm renamed, in the glue too`);
  const ordered = inCompressionOrder(short.wasm);
  console.log(`post-build: the wasm's ${ordered.functions} functions put in compression order`);
  const bare = withoutCustomSections(ordered.wasm);
  writeFileSync(wasmPath, bare.wasm);
  console.log(`post-build: the wasm's custom sections removed: ${bare.removed.join(', ') || 'none'}`);
}

// Precompressed copies of the files that only change with a build (the hashed code,
// DSFR's stylesheet), at the highest levels: nginx's `gzip_static` and
// `brotli_static` serve them instead of compressing on the fly at level 1 (the
// agenda's wasm: 192 kB on the fly, 165 kB as written here, 145 kB brotli). The .gz is
// zopfli's: a plain gzip stream every browser reads, about 5 % smaller than gzip -9
// (that wasm: 173.8 → 164.9 kB), for a second or two of build per file. Never the
// dataset, which the operator may replace without rebuilding (a stale .gz would then
// be served).
const precompressed = [
  ...readdirSync(staging).filter((f) => hashedName.test(f)),
  'dsfr/dsfr-agenda.min.css',
];
for (const file of precompressed) {
  const bytes = readFileSync(join(staging, file));
  // blocksplittingmax 0: as many deflate blocks as zopfli finds worth it (-0.2 kB on the wasm).
  const gzipped = release ? await gzipAsync(bytes, { numiterations: 15, blocksplittingmax: 0 }) : gzipSync(bytes, { level: 9 });
  writeFileSync(join(staging, `${file}.gz`), gzipped);
  writeFileSync(join(staging, `${file}.br`), brotliCompressSync(bytes, {
    params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }));
}
console.log(`post-build: ${precompressed.length} files precompressed (.gz by ${release ? 'zopfli' : 'gzip -9'}, .br)`);
