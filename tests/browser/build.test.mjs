// What the release build ships beside the app: two pages with their own code, and
// precompressed copies that a server may send as they are (docs/hosting.md). No
// browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { codeOf, hashedName } from '../../scripts/site-server.mjs';
import { dist } from './harness.mjs';

test('the code and DSFR files have .gz and .br copies with the same bytes, the dataset none', () => {
  const code = readdirSync(dist).filter((f) => hashedName.test(f));
  // The app's CSS, and the agenda's and the editor's JS glue and wasm.
  assert.deepEqual(code.map((f) => f.split('.').pop()).sort(), ['css', 'js', 'js', 'wasm', 'wasm']);
  for (const file of [...code, 'dsfr/dsfr-agenda.min.css']) {
    const bytes = readFileSync(join(dist, file));
    const gz = readFileSync(join(dist, `${file}.gz`));
    const br = readFileSync(join(dist, `${file}.br`));
    assert.ok(gunzipSync(gz).equals(bytes), `${file}.gz`);
    assert.ok(brotliDecompressSync(br).equals(bytes), `${file}.br`);
    assert.ok(br.length < gz.length && gz.length < bytes.length, `${file}: ${bytes.length} > ${gz.length} > ${br.length}`);
  }
  const data = readdirSync(join(dist, 'data'));
  assert.ok(data.includes('agenda.json'));
  assert.deepEqual(data.filter((f) => /\.(gz|br)$/.test(f)), []);
});

/** The wasm a built page loads, and the hashes of its inline scripts. */
function pageOf(file) {
  const html = readFileSync(join(dist, file), 'utf8');
  const { wasm } = codeOf(html);
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  return { html, wasm, inline };
}

test('the agenda and the editor are two pages, each with its own wasm; the agenda\'s does not carry the editor', () => {
  const agenda = pageOf('index.html');
  const editor = pageOf('contribuer/index.html');
  assert.ok(agenda.wasm && editor.wasm && agenda.wasm !== editor.wasm, `${agenda.wasm} / ${editor.wasm}`);
  // An id only the editor's form renders (its draft deletion confirmation).
  const editorOnly = Buffer.from('confirmer-suppression-brouillon');
  assert.ok(readFileSync(join(dist, editor.wasm)).includes(editorOnly));
  assert.ok(!readFileSync(join(dist, agenda.wasm)).includes(editorOnly));
  // Each page's CSP names its inline scripts (the colour scheme, its own loader); the
  // site-wide header names those of both.
  const header = readFileSync(join(dist, 'csp-header.conf'), 'utf8');
  for (const page of [agenda, editor]) {
    assert.equal(page.inline.length, 2);
    for (const hash of page.inline) {
      assert.ok(page.html.includes(hash), 'meta CSP');
      assert.ok(header.includes(hash), 'csp-header.conf');
    }
  }
  assert.match(editor.html, /<title>Contribuer — Agenda numérique des collectivités<\/title>/);
  assert.ok(!editor.html.includes('entete-agenda'));
});

test("every DSFR class the source uses is in the build's DSFR stylesheet (scripts/dsfr-subset.mjs)", () => {
  const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const sources = [
    join(root, 'index.html'),
    ...readdirSync(join(root, 'src'), { recursive: true }).filter((f) => f.endsWith('.rs')).map((f) => join(root, 'src', f)),
  ];
  const used = new Set();
  for (const file of sources) {
    for (const [name] of readFileSync(file, 'utf8').matchAll(/(?<![\w-])fr-[a-z0-9]+(?:(?:--|__|-|_)[a-z0-9]+)*/g)) used.add(name);
  }
  const defines = (css, name) => new RegExp(`\\.${name}(?![\\w-])`).test(css);
  const whole = readFileSync(join(root, 'node_modules', '@gouvfr', 'dsfr', 'dist', 'dsfr.min.css'), 'utf8');
  const subset = readFileSync(join(dist, 'dsfr', 'dsfr-agenda.min.css'), 'utf8');
  const dsfrClasses = [...used].filter((name) => defines(whole, name));
  assert.ok(dsfrClasses.length > 40, `${dsfrClasses.length} DSFR classes found in the source`);
  // DSFR's markup of an input in error carries fr-input--error, styled by its group
  // (fr-input-group--error); only the search bar, not used here, styles the class itself.
  const styledElsewhere = new Set(['fr-input--error']);
  assert.deepEqual(dsfrClasses.filter((name) => !defines(subset, name) && !styledElsewhere.has(name)), [], 'classes whose component is missing from scripts/dsfr-subset.mjs');
});
