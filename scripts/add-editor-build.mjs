// Adds the contribution editor's build to the agenda's: its hashed code next to the
// agenda's, its page as contribuer/index.html, and its loader's CSP hash to the
// site-wide csp-header.conf. Run by scripts/build.sh after the two trunk builds.
//   node scripts/add-editor-build.mjs <editor build folder> <site folder>
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { codeOf } from './site-server.mjs';

const [editorDist, siteDist] = process.argv.slice(2);
if (!editorDist || !siteDist) {
  console.error('usage: node scripts/add-editor-build.mjs <editor build folder> <site folder>');
  process.exit(2);
}
const fail = (message) => {
  console.error(`add-editor-build: ${message}`);
  process.exit(1);
};

let html = readFileSync(join(editorDist, 'index.html'), 'utf8');

// The code the editor's page loads: trunk's hashed names, distinct from the agenda's.
const { wasm, js, css } = codeOf(html);
if (!wasm || !js || !css) fail(`${editorDist}/index.html does not name its wasm, JS glue and CSS`);
const code = [wasm, js, css];
for (const file of code) {
  for (const variant of [file, `${file}.gz`, `${file}.br`]) {
    if (!existsSync(join(editorDist, variant))) fail(`${editorDist}/${variant} is missing`);
    copyFileSync(join(editorDist, variant), join(siteDist, variant));
  }
}

// The agenda's static heading is not the editor's; its own title says what it is
// before the app has started (the app sets it again per page).
const heading = /\s*<!-- The agenda's heading is static[\s\S]*?<div id="entete-agenda">[\s\S]*?<\/div>/;
if (!heading.test(html)) fail("the agenda's static heading (#entete-agenda) was not found in index.html");
html = html.replace(heading, '');
html = html.replace(/<title>[^<]*<\/title>/, '<title>Contribuer — Agenda numérique des collectivités</title>');
mkdirSync(join(siteDist, 'contribuer'), { recursive: true });
writeFileSync(join(siteDist, 'contribuer', 'index.html'), html);

// One Content-Security-Policy header for the whole site: both loaders' hashes.
const confPath = join(siteDist, 'csp-header.conf');
const hashesOf = (text) => text.match(/'sha256-[A-Za-z0-9+/=]+'/g) ?? [];
const conf = readFileSync(confPath, 'utf8');
const missing = hashesOf(readFileSync(join(editorDist, 'csp-header.conf'), 'utf8')).filter((h) => !conf.includes(h));
const known = hashesOf(conf);
if (known.length === 0) fail(`no script hash in ${confPath}`);
const last = known[known.length - 1];
writeFileSync(confPath, conf.replace(last, [last, ...missing].join(' ')));
console.log(`add-editor-build: contribuer/index.html and ${code.length} files added, ${missing.length} CSP hash added`);
