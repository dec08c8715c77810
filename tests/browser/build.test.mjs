// What the release build ships beside the app: precompressed copies that a server may
// send as they are (docs/hosting.md, rule 5). No browser needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { dist } from './harness.mjs';

test('the code and DSFR files have .gz and .br copies with the same bytes, the dataset none', () => {
  const code = readdirSync(dist).filter((f) => /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(f));
  assert.deepEqual(code.map((f) => f.split('.').pop()).sort(), ['css', 'js', 'wasm']);
  for (const file of [...code, 'dsfr/dsfr.min.css', 'dsfr/dsfr.module.min.js']) {
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
