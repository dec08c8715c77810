// Builds compared in one sitting: for each build folder, alternately, a cold load of
// a generated dataset (its first render) then interactions of one kind (their
// median), round after round, so that a slow spell of the shared machine weighs on
// every build alike. For investigation, not part of the benchmark's table.
//
//   scripts/build.sh --dist target/ab-old   (at the old commit; then at the new one:)
//   scripts/build.sh --dist target/ab-new
//   node bench/compare.mjs target/ab-old target/ab-new
//
// Environment: COMPARE_SIZE (chantiers, 100000 by default; the dataset must exist in
// target/bench-data, as scripts/bench.sh writes it), COMPARE_KIND (search, theme or
// period; search by default), COMPARE_ROUNDS (2), COMPARE_RUNS (20 interactions
// measured per load, after 2 warm-ups).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { agendaProbe } from './probe.mjs';
import { startServer } from './server.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const folders = process.argv.slice(2);
const size = Number(process.env.COMPARE_SIZE ?? 100_000);
const kind = process.env.COMPARE_KIND ?? 'search';
const rounds = Number(process.env.COMPARE_ROUNDS ?? 2);
const runs = Number(process.env.COMPARE_RUNS ?? 20);
const VALUES = {
  search: ['souveraineté', '', 'cimetières', '', 'péréquation', '', 'horodatage', ''],
  theme: ['themes-finances'],
  period: ['12-mois', ''],
};
const dataset = join(root, 'target', 'bench-data', `agenda-${size}-seed2026.json`);
if (folders.length === 0 || !VALUES[kind] || !existsSync(dataset)) {
  console.error(`usage: node bench/compare.mjs <build folder>...  (kind: ${Object.keys(VALUES).join(', ')}; the dataset ${dataset} must exist: scripts/bench.sh writes it)`);
  process.exit(2);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const servers = await Promise.all(folders.map((folder) => startServer({ folder: resolve(folder) })));
servers.forEach((server) => server.setDataset(dataset));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox'],
});
const results = folders.map(() => ({ first: [], interactions: [] }));
try {
  for (let round = 0; round < rounds; round += 1) {
    const order = folders.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript(agendaProbe);
      await page.goto(`${servers[i].url}/`);
      await page.waitForSelector('.agenda-item', { timeout: 240_000 });
      const first = await page.evaluate(() => window.__bench.firstRender);
      const times = [];
      for (let k = 0; k < runs + 2; k += 1) {
        const value = VALUES[kind][k % VALUES[kind].length];
        const r = await page.evaluate(([what, v]) => window.__interact(what, v, 30_000), [kind, value]);
        if (k >= 2 && r.ms !== null) times.push(r.ms);
      }
      await context.close();
      results[i].first.push(first);
      results[i].interactions.push(median(times));
      console.log(`round ${round + 1}, ${folders[i]}: first render ${(first / 1000).toFixed(2)} s, ${kind} median ${median(times).toFixed(1)} ms`);
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((server) => server.close()));
}
console.log(`\n${size.toLocaleString('en')} chantiers, ${rounds} alternating loads per build:`);
folders.forEach((folder, i) => {
  const first = results[i].first.map((ms) => (ms / 1000).toFixed(2)).join(' / ');
  const medians = results[i].interactions.map((ms) => ms.toFixed(1)).join(' / ');
  console.log(`${folder}: first render ${first} s; ${kind} median per load ${medians} ms`);
});
