// Where the time goes: a CPU profile (CDP Profiler) of the first render, or of N
// interactions, on a generated dataset; self time summed per function. For
// investigation, not part of the benchmark's table. Function names need a wasm that
// kept its name section: BENCH_DIST pointing at a copy of the build whose .wasm is
// replaced by target/wasm-bindgen/release/agenda-app_bg.wasm (and the integrity
// attributes removed from its index.html).
//   node bench/profile.mjs [dataset.json] [kind=first|search|theme|period] [runs=20]
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { agendaProbe } from './probe.mjs';
import { startServer } from './server.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const [file = `${root}/target/bench-data/agenda-10000-seed2026.json`, kind = 'search', runs = '20'] = process.argv.slice(2);
const server = await startServer({ folder: process.env.BENCH_DIST ?? `${root}/target/bench-dist` });
server.setDataset(file);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.addInitScript(agendaProbe);
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
if (kind === 'first') await cdp.send('Profiler.start');
const t0 = Date.now();
await page.goto(`${server.url}/`);
await page.waitForSelector('.agenda-item', { timeout: 120_000 });
if (kind === 'first') console.log(`first item after ${Date.now() - t0} ms (profiler running)`);
else {
  // The search index is prepared in slices after the first paint: let it finish, so
  // the profile holds the interactions only.
  await page.waitForTimeout(3000);
  await cdp.send('Profiler.start');
}
const values = { first: [], search: ['souveraineté', '', 'cimetières', ''], theme: ['themes-finances'], period: ['12-mois', ''] }[kind];
const count = kind === 'first' ? 0 : Number(runs);
for (let i = 0; i < count; i += 1) {
  await page.evaluate(([k, v]) => window.__interact(k, v, 30_000), [kind, values[i % values.length]]);
}
const { profile } = await cdp.send('Profiler.stop');
const self = new Map();
const nameOf = (node) => `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').pop()}`;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i += 1) {
  const node = byId.get(profile.samples[i]);
  const name = nameOf(node);
  self.set(name, (self.get(name) ?? 0) + (dt[i] ?? 0) / 1000);
}
// Inclusive time: each sample counts once for every distinct function on its stack.
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const inclusive = new Map();
for (let i = 0; i < profile.samples.length; i += 1) {
  const seen = new Set();
  for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) seen.add(nameOf(byId.get(id)));
  for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + (dt[i] ?? 0) / 1000);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const per = Math.max(count, 1);
console.log(`total ${total.toFixed(0)} ms over ${kind === 'first' ? 'the first render' : `${runs} ${kind} interactions`}`);
for (const [name, ms] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
  console.log(`${(ms / per).toFixed(2).padStart(8)} ms${count ? '/interaction' : ''}  ${name.slice(0, 150)}`);
}
console.log('\ninclusive (the function and what it calls):');
for (const [name, ms] of [...inclusive.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP ?? 60))) {
  console.log(`${(ms / per).toFixed(2).padStart(8)} ms${count ? '/interaction' : ''}  ${name.slice(0, 150)}`);
}
await browser.close();
await server.close();
