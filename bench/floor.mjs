// The floor of the interaction probe (bench/probe.mjs): what it measures for an
// "interaction" that only changes #compteur's text after keeping the main thread busy
// for BUSY ms, in the same conditions as the benchmark (one page.evaluate after
// another, each waiting for a painted frame). For investigation, not part of the
// benchmark's table.
//
// Each measurement starts just after the previous one's frame, so an input whose work
// (script, then style, layout and paint) fits before the next frame measures about one
// frame interval, whatever it does; past that, it measures its own work.
//   node bench/floor.mjs [dataset.json]        (BUSY=0,4,8,12,16 by default)
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { agendaProbe } from './probe.mjs';
import { startServer } from './server.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const [file = `${root}/target/bench-data/agenda-10000-seed2026.json`] = process.argv.slice(2);
const busyList = (process.env.BUSY ?? '0,4,8,12,16').split(',').map(Number);
const server = await startServer({ folder: process.env.BENCH_DIST ?? `${root}/target/bench-dist` });
server.setDataset(file);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.addInitScript(agendaProbe);
await page.goto(`${server.url}/`);
await page.waitForSelector('.agenda-item', { timeout: 120_000 });
await page.waitForTimeout(3000);
const pick = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
for (const busy of busyList) {
  const times = [];
  for (let i = 0; i < 40; i++) {
    times.push(await page.evaluate((ms) => new Promise((done) => {
      const t0 = performance.now();
      while (performance.now() - t0 < ms) { /* the interaction's script */ }
      const counter = document.querySelector('#compteur');
      counter.textContent = `${counter.textContent} `;
      // As the probe: the frame's callbacks, then a task once it is painted.
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => done(performance.now() - t0);
        channel.port2.postMessage(0);
      });
    }), busy));
  }
  times.sort((a, b) => a - b);
  console.log(`script ${String(busy).padStart(2)} ms: median ${pick(times, 0.5).toFixed(1)} ms (p25 ${pick(times, 0.25).toFixed(1)}, p75 ${pick(times, 0.75).toFixed(1)}, min ${times[0].toFixed(1)})`);
}
await browser.close();
server.close?.();
process.exit(0);
