// Browser benchmark of the agenda, side by side with vis-timeline (started by
// scripts/bench.sh, which builds the release app into target/bench-dist first).
//
// For 100, 1,000, 10,000 and 100,000 generated chantiers (`agenda generate`, seed
// 2026), in headless Debian Chromium:
//   - first render: navigation start → #compteur present and the first .agenda-item
//     painted (a requestAnimationFrame, then a task, after it appears);
//   - interactions: one input event (search text, theme checkbox, period select)
//     → #compteur text changed and a frame painted, timed inside the page with
//     performance.now(); median and p95;
//   - the frise (?vue=frise) and its zoom, when the build has them (.agenda-frise);
//   - peak JS heap (CDP Performance.getMetrics) and the wasm linear memory;
//   - the same dataset in vis-timeline: first render and a theme filter (DataView);
// then the sizes of the shipped code, the bytes of a cold first visit, Lighthouse.
// Prints one Markdown table and writes it to bench/results.md.
//
// Environment: BENCH_SIZES=100,1000 (subset), BENCH_RUNS=20 (interactions per kind),
// BENCH_DIST (the build), BENCH_SKIP_LIGHTHOUSE=1, BENCH_VIS_CAP_S=60, BENCH_ONLY=agenda|vis,
// CHROMIUM_PATH.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

import { agendaProbe } from './probe.mjs';
import { codeOf } from '../scripts/site-server.mjs';
import { startServer } from './server.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const dist = resolve(process.env.BENCH_DIST ?? join(root, 'target', 'bench-dist'));
const dataDir = join(root, 'target', 'bench-data');
const agendaBin = join(root, 'target', 'release', 'agenda');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SIZES = (process.env.BENCH_SIZES ?? '100,1000,10000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = 2;
/** Cold page loads per size for the first render, of which the median is reported
 *  (fewer at 100,000 chantiers, where one takes seconds). */
const FIRST_RUNS = Number(process.env.BENCH_FIRST_RUNS ?? 5);
const FIRST_RUNS_BIG = Math.min(FIRST_RUNS, 3);
const SEED = 2026;
/** vis-timeline gets at most this long for its first render. */
const VIS_CAP_MS = Number(process.env.BENCH_VIS_CAP_S ?? 100) * 1000;
/** At 100,000 chantiers (ten times the items of a size it already needs minutes for). */
const VIS_CAP_BIG_MS = Number(process.env.BENCH_VIS_CAP_BIG_S ?? 45) * 1000;
/** Time given to vis-timeline's filter measures, per size. */
const VIS_FILTER_BUDGET_MS = Number(process.env.BENCH_VIS_FILTER_S ?? 60) * 1000;
const ONLY = process.env.BENCH_ONLY; // 'agenda' or 'vis': one side only (exploration)
const started = Date.now();

const log = (...args) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s]`, ...args);

// ---------------------------------------------------------------- statistics

function median(values) {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
/** Nearest-rank percentile. */
function percentile(values, p) {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
const fmtMs = (ms) => (ms == null ? 'n/a' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const fmtS = (ms) => (ms == null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
const fmtKB = (bytes) => (bytes == null ? 'n/a' : `${(bytes / 1000).toFixed(1)} kB`);
const fmtMB = (bytes) => (bytes == null ? 'n/a' : `${(bytes / 1e6).toFixed(0)} MB`);
const fmtN = (n) => n.toLocaleString('en-US');

// ---------------------------------------------------------------- datasets

function dataset(n) {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, `agenda-${n}-seed${SEED}.json`);
  if (!existsSync(file)) {
    log(`generating ${fmtN(n)} chantiers`);
    execFileSync(agendaBin, ['generate', '--count', String(n), '--seed', String(SEED), '--out', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return file;
}

/** Occurrences of `needle` in a buffer: milestones are the only objects with "date". */
function countOf(buffer, needle) {
  let count = 0;
  for (let i = buffer.indexOf(needle); i !== -1; i = buffer.indexOf(needle, i + needle.length)) count += 1;
  return count;
}

// ---------------------------------------------------------------- browser

const BROWSER_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

async function launch() {
  return chromium.launch({ executablePath: chromiumPath, args: BROWSER_ARGS });
}

/** A fresh context (cold cache, empty storage) with a CDP session for the heap. */
async function freshPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  let heapPeak = 0;
  const sampleHeap = async () => {
    try {
      const { metrics } = await cdp.send('Performance.getMetrics');
      heapPeak = Math.max(heapPeak, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
    } catch { /* page busy or gone */ }
  };
  const crashed = { yes: false };
  page.on('crash', () => { crashed.yes = true; });
  return { context, page, sampleHeap, heapPeak: () => heapPeak, crashed };
}

/** Resolves with `promise`'s outcome, or 'deadline' after `ms`: Playwright's own
 *  timeouts do not fire while the renderer is stuck in one long task. */
function deadline(promise, ms) {
  let timer;
  return Promise.race([
    promise.then((value) => ({ value }), (error) => ({ error })),
    new Promise((done) => { timer = setTimeout(() => done('deadline'), ms); }),
  ]).finally(() => clearTimeout(timer));
}

/** Samples the heap every 500 ms while `promise` runs. */
async function whileSampling(sampleHeap, promise) {
  const timer = setInterval(sampleHeap, 500);
  try {
    return await promise;
  } finally {
    clearInterval(timer);
  }
}

/** Every interaction alternates a filter and its removal, so the count changes. */
const SCENARIOS = {
  search: ['souveraineté', '', 'cimetières', '', 'péréquation', '', 'horodatage', ''],
  theme: ['themes-cybersecurite', 'themes-cybersecurite', 'themes-finances', 'themes-finances', 'themes-urbanisme', 'themes-urbanisme'],
  period: ['12-mois', '', '6-mois', '', 'annee', '', 'passe', ''],
};

async function frise(page, limit) {
  // Through the app's own control when there is one, else through the URL (the
  // router follows popstate): either way ?vue=frise.
  return page.evaluate(async (limit) => {
    const until = (test) => new Promise((done) => {
      const t0 = performance.now();
      const check = () => {
        if (test()) window.__afterPaint(() => done(performance.now() - t0));
        else if (performance.now() - t0 > limit) done(null);
        else setTimeout(check, 0);
      };
      check();
    });
    const go = (vue) => {
      const control = document.querySelector(`a[href*="vue=${vue}"], [data-vue="${vue}"], input[value="${vue}"]`);
      if (control) {
        control.click();
        return;
      }
      const url = new URL(location.href);
      if (vue === 'frise') url.searchParams.set('vue', 'frise');
      else url.searchParams.delete('vue');
      history.pushState(null, '', url);
      dispatchEvent(new PopStateEvent('popstate'));
    };
    const switches = [];
    for (let i = 0; i < 10; i += 1) {
      const t0 = performance.now();
      go('frise');
      const shown = await until(() => document.querySelector('.agenda-frise'));
      if (shown === null) return { available: false };
      switches.push(performance.now() - t0);
      go('liste');
      await until(() => !document.querySelector('.agenda-frise'));
    }
    go('frise');
    await until(() => document.querySelector('.agenda-frise'));
    // Zoom: the frise's scale (radio inputs named "zoom"), else buttons saying so.
    const label = (b) => `${b.textContent} ${b.getAttribute('aria-label') ?? ''} ${b.title ?? ''}`;
    const radios = () => [...document.querySelectorAll('.agenda-frise input[type="radio"][name="zoom"]')];
    const buttons = () => [...document.querySelectorAll('.agenda-frise button, .agenda-frise [role="button"]')]
      .filter((b) => /zoom|agrandir|rapprocher|éloigner|dézoomer|élargir|resserrer/i.test(label(b)));
    const zoomButtons = radios().length ? radios() : buttons();
    const zooms = [];
    for (let i = 0; zoomButtons.length && i < 22; i += 1) {
      // Radios: the next scale that is not the current one; buttons: alternate.
      const list = radios().length ? radios().filter((r) => !r.checked) : buttons().slice(0, 2);
      const button = list[i % list.length];
      if (!button || button.disabled) continue;
      const frise = document.querySelector('.agenda-frise');
      const ms = await new Promise((done) => {
        const t0 = performance.now();
        const timer = setTimeout(() => { watcher.disconnect(); done(null); }, limit);
        const watcher = new MutationObserver(() => {
          watcher.disconnect();
          clearTimeout(timer);
          window.__afterPaint(() => done(performance.now() - t0));
        });
        watcher.observe(frise, { childList: true, subtree: true, attributes: true, characterData: true });
        button.click();
      });
      if (ms !== null && i >= 2) zooms.push(ms);
    }
    return { available: true, switches, zooms, zoomControls: zoomButtons.length };
  }, limit);
}

/** Opens the agenda on a fresh page; settles once its first render (window.__bench.firstRender) or its error is recorded. */
async function coldFirstRender(page, server, limit) {
  await page.addInitScript(agendaProbe);
  await page.goto(`${server.url}/`, { waitUntil: 'commit', timeout: limit });
  const waited = page.waitForFunction(() => window.__bench.firstRender !== null || window.__bench.error !== null, null, { timeout: limit, polling: 50 });
  return waited;
}

async function runAgenda(browser, server, n, file) {
  server.setDataset(file);
  const big = n >= 100_000;
  const loadLimit = big ? 240_000 : 60_000;
  const stepLimit = big ? 30_000 : 10_000;
  // Every cold load but the last, which the interactions then use.
  const firstRenders = [];
  for (let k = 1; k < (big ? FIRST_RUNS_BIG : FIRST_RUNS); k += 1) {
    const cold = await freshPage(browser);
    try {
      const loaded = await deadline(coldFirstRender(cold.page, server, loadLimit), loadLimit + 2000);
      if (loaded !== 'deadline' && !loaded.error) {
        const ms = await cold.page.evaluate(() => window.__bench.firstRender);
        if (ms !== null) firstRenders.push(ms);
      }
    } finally {
      await cold.context.close();
    }
  }
  const { context, page, sampleHeap, heapPeak, crashed } = await freshPage(browser);
  const result = { n, firstRender: null, error: null, interactions: {}, timeouts: {}, frise: null };
  try {
    const loaded = await deadline(whileSampling(sampleHeap, coldFirstRender(page, server, loadLimit)), loadLimit + 2000);
    if (loaded === 'deadline' || loaded.error) throw new Error(`no first render within ${loadLimit / 1000} s`);
    const state = await page.evaluate(() => ({ ...window.__bench, wasm: null, memory: window.__bench.wasm?.memory?.buffer.byteLength ?? null }));
    if (state.error) throw new Error(`the app shows an error: ${state.error}`);
    firstRenders.push(state.firstRender);
    result.firstRenders = firstRenders;
    result.firstRender = median(firstRenders);
    result.items = state.items;
    result.count = await page.textContent('#compteur');
    log(`agenda ${fmtN(n)}: first render ${fmtMs(result.firstRender)}, median of ${firstRenders.map(fmtMs).join(', ')} (${result.count}; ${result.items} items in the DOM)`);
    await sampleHeap();
    for (const [kind, values] of Object.entries(SCENARIOS)) {
      const times = [];
      const renders = [];
      let timeouts = 0;
      for (let i = 0; i < WARMUP + RUNS; i += 1) {
        const value = values[i % values.length];
        const settled = await deadline(page.evaluate(([k, v, l]) => window.__interact(k, v, l), [kind, value, stepLimit]), stepLimit + 5000);
        if (settled === 'deadline' || settled.error) throw new Error(`${kind}: no answer within ${stepLimit / 1000} s`);
        const r = settled.value;
        if (i < WARMUP) continue;
        if (r.ms === null) {
          timeouts += 1;
        } else {
          times.push(r.ms);
          renders.push(r.render);
        }
      }
      // Leave the filters as they were for the next kind.
      // Hidden, not removed, when no filter is active.
      const reset = await page.$('#reinitialiser');
      if (reset && (await reset.isVisible())) await reset.click();
      await page.waitForTimeout(200);
      await sampleHeap();
      result.interactions[kind] = times;
      result.renders = [...(result.renders ?? []), ...renders];
      result.timeouts[kind] = timeouts;
      log(`agenda ${fmtN(n)}: ${kind} median ${fmtMs(median(times))}, p95 ${fmtMs(percentile(times, 95))}${timeouts ? `, ${timeouts} timeouts` : ''}`);
    }
    const friseOutcome = await deadline(frise(page, stepLimit), 60 * stepLimit);
    result.frise = friseOutcome === 'deadline' || friseOutcome.error ? { available: true, switches: [], zooms: [], zoomControls: 0, error: 'no answer' } : friseOutcome.value;
    log(`agenda ${fmtN(n)}: frise ${result.frise.available ? `switch ${fmtMs(median(result.frise.switches))}, zoom ${fmtMs(median(result.frise.zooms))}` : 'n/a (no .agenda-frise in this build)'}`);
    await sampleHeap();
    result.wasmMemory = await page.evaluate(() => window.__bench.wasm?.memory?.buffer.byteLength ?? null);
  } catch (e) {
    result.error = crashed.yes ? 'the page crashed (out of memory?)' : String(e.message ?? e).split('\n')[0];
    log(`agenda ${fmtN(n)}: ${result.error}`);
  } finally {
    result.heapPeak = heapPeak();
    await deadline(context.close(), 15_000);
  }
  return result;
}

/** vis-timeline runs in a browser of its own, killed when it overruns its cap (a
 *  renderer stuck in a long task does not close). */
async function runVis(server, n, file) {
  server.setDataset(file);
  const browserServer = await chromium.launchServer({ executablePath: chromiumPath, args: BROWSER_ARGS });
  const browser = await chromium.connect(browserServer.wsEndpoint());
  const { context, page, sampleHeap, heapPeak, crashed } = await freshPage(browser);
  const result = { n, firstRender: null, capped: false, filters: [], apply: [], remove: [], error: null };
  try {
    await page.goto(`${server.url}/__bench/page/vis.html`, { waitUntil: 'commit' });
    const cap = n >= 100_000 ? VIS_CAP_BIG_MS : VIS_CAP_MS;
    result.cap = cap;
    const waited = page.waitForFunction(() => window.__vis && (window.__vis.firstRender !== null || window.__vis.error !== null), null, { timeout: cap, polling: 100 });
    const outcome = await deadline(whileSampling(sampleHeap, waited), cap + 2000);
    if (outcome === 'deadline' || outcome.error) {
      result.capped = true;
      log(`vis-timeline ${fmtN(n)}: first render > ${cap / 1000} s, stopped`);
      return result;
    }
    result.phases = await page.evaluate(() => window.__vis.phases);
    const state = await page.evaluate(() => ({ firstRender: window.__vis.firstRender, error: window.__vis.error, items: window.__vis.items, visible: window.__vis.visible }));
    if (state.error) throw new Error(state.error);
    Object.assign(result, state);
    log(`vis-timeline ${fmtN(n)}: first render ${fmtMs(result.firstRender)} (${fmtN(state.items)} items, ${state.visible} drawn)`);
    // Alternately apply a theme filter and remove it, as the agenda's theme toggles
    // do; each direction is reported on its own (removing re-adds thousands of items).
    const themes = ['cybersecurite', null, 'finances', null, 'urbanisme', null];
    const budget = Date.now() + VIS_FILTER_BUDGET_MS;
    const warmup = result.firstRender < 10_000 ? WARMUP : 0;
    for (let i = 0; i < warmup + RUNS && Date.now() < budget; i += 1) {
      const code = themes[i % themes.length];
      const ms = await Promise.race([
        page.evaluate((c) => window.__vis.filter(c), code),
        new Promise((done) => setTimeout(() => done(null), Math.max(1000, budget - Date.now()))),
      ]);
      if (ms === null) {
        result.filterCapped = true;
        if (code === null) result.removeCapped = true;
        else result.applyCapped = true;
        break;
      }
      if (i < warmup) continue;
      result.filters.push(ms);
      (code === null ? result.remove : result.apply).push(ms);
    }
    if (result.filters.length < RUNS) result.filterCapped = true;
    await sampleHeap();
    log(`vis-timeline ${fmtN(n)}: filter apply ${fmtMs(median(result.apply))}, remove ${fmtMs(median(result.remove))} (${result.filters.length} measured${result.filterCapped ? ', capped' : ''})`);
  } catch (e) {
    result.error = crashed.yes ? 'the page crashed (out of memory?)' : String(e.message ?? e).split('\n')[0];
    log(`vis-timeline ${fmtN(n)}: ${result.error}`);
  } finally {
    result.heapPeak = heapPeak();
    // A renderer busy for minutes does not close: kill the whole browser.
    if (result.capped || result.filterCapped) browserServer.process()?.kill('SIGKILL');
    await deadline(browser.close(), 3000);
    await deadline(browserServer.kill(), 10_000);
  }
  return result;
}

// ---------------------------------------------------------------- sizes

/** The code a page of the build loads (the agenda's, or the editor's: two wasm). */
function codeSizes(page = 'index.html') {
  const code = codeOf(readFileSync(join(dist, page), 'utf8'));
  const measure = (name) => {
    if (!name) return null;
    const raw = readFileSync(join(dist, name));
    return {
      name,
      raw: raw.length,
      gzip: gzipSync(raw, { level: 9 }).length,
      // What `gzip_static` sends: the build's precompressed copy (zopfli).
      served: statSync(join(dist, `${name}.gz`), { throwIfNoEntry: false })?.size ?? null,
      brotli: brotliCompressSync(raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length } }).length,
    };
  };
  return {
    wasm: measure(code.wasm),
    js: measure(code.js),
    css: measure(code.css),
  };
}

/** Every request of a cold first visit on the shipped dataset, gzip as nginx would. */
async function firstVisit(browser, server) {
  server.setDataset(join(dist, 'data', 'agenda.json'));
  server.setGzip(true);
  const { context, page } = await freshPage(browser);
  const requests = [];
  page.on('requestfinished', (request) => {
    requests.push((async () => {
      const sizes = await request.sizes();
      const response = await request.response();
      const body = response ? await response.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
      return { url: new URL(request.url()).pathname, transferred: sizes.responseBodySize, decoded: body.length };
    })());
  });
  try {
    await page.addInitScript(agendaProbe);
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__bench.firstRender !== null, null, { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const list = await Promise.all(requests);
    const shifts = await page.evaluate(() => window.__bench.shifts);
    const sum = (key, filter = () => true) => list.filter(filter).reduce((s, r) => s + r[key], 0);
    const isDsfr = (r) => r.url.startsWith('/dsfr/');
    return {
      count: list.length,
      transferred: sum('transferred'),
      decoded: sum('decoded'),
      dsfrFiles: list.filter(isDsfr).map((r) => r.url.replace('/dsfr/', '')),
      dsfrTransferred: sum('transferred', isDsfr),
      dataset: list.find((r) => r.url === '/data/agenda.json'),
      cls: shifts.reduce((sum, x) => sum + x.value, 0),
      shifts: shifts.map((x) => `${x.value.toFixed(3)} at ${(x.at / 1000).toFixed(2)} s (${[...new Set(x.nodes)].join(', ')})`),
      list,
    };
  } finally {
    server.setGzip(false);
    await deadline(context.close(), 15_000);
  }
}

// ---------------------------------------------------------------- Lighthouse

function lighthouse(url) {
  const output = join(root, 'target', 'bench-lighthouse.json');
  const cli = join(root, 'node_modules', 'lighthouse', 'cli', 'index.js');
  if (!existsSync(cli)) return Promise.resolve({ error: 'lighthouse is not installed (npm ci)' });
  const args = [
    cli, url, '--quiet', '--output=json', `--output-path=${output}`,
    '--only-categories=performance,accessibility,best-practices',
    '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking --disable-component-update --disable-sync',
  ];
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: chromiumPath }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', () => {});
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code !== 0 || !existsSync(output)) {
        done({ error: `lighthouse exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}` });
        return;
      }
      const report = JSON.parse(readFileSync(output, 'utf8'));
      const score = (c) => (report.categories[c]?.score == null ? null : Math.round(report.categories[c].score * 100));
      const audit = (a) => report.audits[a]?.displayValue ?? 'n/a';
      done({
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        runtimeError: report.runtimeError?.message,
        metrics: {
          FCP: audit('first-contentful-paint'), LCP: audit('largest-contentful-paint'),
          TBT: audit('total-blocking-time'), CLS: audit('cumulative-layout-shift'), SI: audit('speed-index'),
        },
        failed: Object.values(report.audits)
          .filter((a) => a.score !== null && a.score < 1 && ['binary', 'numeric'].includes(a.scoreDisplayMode)
            && !['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'interactive', 'max-potential-fid'].includes(a.id))
          .map((a) => a.id),
      });
    });
  });
}

// ---------------------------------------------------------------- report

function machine(browserVersion) {
  const cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1] ?? os.cpus()[0]?.model ?? '?';
  let nproc = os.cpus().length;
  try { nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()); } catch { /* os.cpus() */ }
  return { nproc, cpu, memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`, chromium: browserVersion, node: process.version };
}

function verdict(ok, gap) {
  if (ok === null) return 'n/a';
  return ok ? 'pass' : `**miss** (${gap})`;
}

function table({ agenda, vis, sizes, visit, lh, info, loadBefore, loadAfter, elapsed }) {
  const cols = SIZES;
  const rows = [];
  const at = (list, n) => list.find((r) => r.n === n);
  const row = (measure, cells, target = '', result = '') => rows.push(`| ${measure} | ${cells.join(' | ')} | ${target} | ${result} |`);
  const perSize = (fn) => cols.map((n) => fn(at(agenda, n), at(vis, n), n));
  const agendaCell = (r, value) => (r?.error ? `error: ${r.error}` : value);

  const first = (n) => at(agenda, n)?.firstRender ?? null;
  const inter = (n, kind, stat) => {
    const t = at(agenda, n)?.interactions?.[kind];
    return t && t.length ? (stat === 'median' ? median(t) : percentile(t, 95)) : null;
  };
  const visFirst = (n) => at(vis, n);
  const ratioFirst = (n) => {
    const v = visFirst(n);
    const a = first(n);
    if (!v || a == null) return null;
    if (v.capped) return { text: `> ×${(v.cap / a).toFixed(1)}`, value: v.cap / a, lower: true };
    if (v.firstRender == null) return null;
    return { text: `×${(v.firstRender / a).toFixed(1)}`, value: v.firstRender / a };
  };
  /** vis / agenda for one filter direction: the agenda's theme toggles (both
   *  directions alike) against vis-timeline applying, or removing, the filter. */
  const ratioFilter = (n, direction) => {
    const v = visFirst(n);
    const a = inter(n, 'theme', 'median');
    if (!v || a == null || v.capped) return null;
    const m = median(v[direction]);
    const capped = direction === 'apply' ? v.applyCapped : v.removeCapped;
    if (m == null) return capped ? { text: `> ×${(VIS_FILTER_BUDGET_MS / a).toFixed(0)}`, value: VIS_FILTER_BUDGET_MS / a } : null;
    return { text: `×${(m / a).toFixed(1)}`, value: m / a };
  };

  rows.push(`| Measure | ${cols.map((n) => `${fmtN(n)} chantiers`).join(' | ')} | Target | Result |`);
  rows.push(`|---|${cols.map(() => '---:').join('|')}|---|---|`);
  row('Dataset (`agenda generate`, seed 2026): milestones / JSON', perSize((a) => `${a?.milestones != null ? fmtN(a.milestones) : '?'} / ${fmtMB(a?.datasetBytes)}`));
  const spread = (a) => (a?.firstRenders?.length > 1 ? ` (median of ${a.firstRenders.length} cold loads, ${fmtS(Math.min(...a.firstRenders))}–${fmtS(Math.max(...a.firstRenders))})` : '');
  row('**Agenda** first render (navigation → first item painted)', perSize((a) => agendaCell(a, `${fmtS(a?.firstRender)}${spread(a)}`)),
    '10,000: ≤ 1 s · 100,000: ≤ 3 s',
    [first(10000) == null ? null : verdict(first(10000) <= 1000, `+${fmtS(first(10000) - 1000)}`),
      first(100000) == null ? null : verdict(first(100000) <= 3000, `+${fmtS(first(100000) - 3000)}`)]
      .map((v, i) => (v ? `${i ? '100,000' : '10,000'}: ${v}` : null)).filter(Boolean).join(' · '));
  row('Items in the DOM after first render (by increments of 30 milestones, "Afficher les 30 jalons suivants")', perSize((a) => (a?.items ?? 'n/a')));
  const kinds = { search: 'search keystroke', theme: 'theme checkbox', period: 'period select' };
  for (const [kind, label] of Object.entries(kinds)) {
    row(`Agenda ${label} → settled, median / p95`,
      perSize((a) => agendaCell(a, `${fmtMs(inter(a?.n, kind, 'median'))} / ${fmtMs(inter(a?.n, kind, 'p95'))}${a?.timeouts?.[kind] ? ` (${a.timeouts[kind]} timeouts)` : ''}`)),
      '10,000: ≤ 16 / ≤ 50 ms · 100,000: median ≤ 100 ms',
      [
        inter(10000, kind, 'median') == null ? null : `10,000: ${verdict(inter(10000, kind, 'median') <= 16 && inter(10000, kind, 'p95') <= 50,
          [['median', 16], ['p95', 50]].map(([stat, limit]) => {
            const over = inter(10000, kind, stat) - limit;
            return over > 0 ? `${stat} +${over.toFixed(1)} ms` : `${stat} met`;
          }).join(', '))}`,
        inter(100000, kind, 'median') == null ? null : `100,000: ${verdict(inter(100000, kind, 'median') <= 100, `+${(inter(100000, kind, 'median') - 100).toFixed(0)} ms`)}`,
      ].filter(Boolean).join(' · '));
  }
  row('… of which style, layout and paint after the frame starts (median, all kinds)', perSize((a) => fmtMs(median(a?.renders ?? []))));
  row('Agenda frise: switch (`?vue=frise`) / zoom, median', perSize((a) => {
    if (!a?.frise) return 'n/a';
    if (!a.frise.available) return 'n/a (no frise in this build)';
    return `${fmtMs(median(a.frise.switches))} / ${a.frise.zoomControls ? fmtMs(median(a.frise.zooms)) : 'n/a (no zoom control)'}`;
  }));
  row('Agenda peak JS heap / wasm memory', perSize((a) => `${fmtMB(a?.heapPeak)} / ${fmtMB(a?.wasmMemory)}`));
  row('**vis-timeline** first render (navigation → items painted)', perSize((a, v) => (!v ? 'n/a' : v.capped ? `> ${v.cap / 1000} s (stopped)` : v.error ? `error: ${v.error}` : fmtS(v.firstRender))));
  row('vis-timeline items drawn (18-month window)', perSize((a, v) => (v?.visible != null ? fmtN(v.visible) : 'n/a')));
  const visFilter = (v, direction) => {
    const capped = direction === 'apply' ? v.applyCapped : v.removeCapped;
    if (!v[direction].length) return capped ? `> ${VIS_FILTER_BUDGET_MS / 1000} s` : 'n/a';
    return `${fmtMs(median(v[direction]))}`;
  };
  row('vis-timeline theme filter (DataView refresh): apply / remove, median (n)',
    perSize((a, v) => (!v || v.capped || v.error ? 'n/a' : `${visFilter(v, 'apply')} / ${visFilter(v, 'remove')} (${v.filters.length}${v.filterCapped ? `, ${VIS_FILTER_BUDGET_MS / 1000} s budget` : ''})`)));
  row('vis-timeline peak JS heap', perSize((a, v) => fmtMB(v?.heapPeak)));
  const r10 = ratioFirst(10000);
  row('Ratio vis-timeline / agenda, first render', perSize((a, v, n) => ratioFirst(n)?.text ?? 'n/a'), '10,000: ≥ ×10',
    r10?.value == null ? '' : verdict(r10.value >= 10, `×${r10.value.toFixed(1)}, ${(10 / r10.value).toFixed(1)}× short`));
  const f10 = ['apply', 'remove'].map((d) => ratioFilter(10000, d));
  row('Ratio vis-timeline / agenda, theme filter: apply / remove', perSize((a, v, n) => ['apply', 'remove'].map((d) => ratioFilter(n, d)?.text ?? 'n/a').join(' / ')), '10,000: ≥ ×10',
    f10.some((r) => r?.value == null) ? '' : verdict(f10.every((r) => r.value >= 10),
      f10.map((r, i) => `${i ? 'remove' : 'apply'} ×${r.value.toFixed(1)}`).join(', ')));

  const blank = cols.slice(1).map(() => '');
  const size3 = (s) => (s ? `${fmtKB(s.raw)} / ${fmtKB(s.gzip)} / ${fmtKB(s.brotli)}` : 'n/a');
  row('Size: wasm, raw / gzip -9 / brotli 11', [size3(sizes.wasm), ...blank]);
  row('Size: JS glue, raw / gzip -9 / brotli 11', [size3(sizes.js), ...blank]);
  row("Size: the app's own CSS, raw / gzip -9 / brotli 11", [size3(sizes.css), ...blank]);
  // The target, wasm + JS glue ≤ 150 kB, judged on gzip -9 and on what is served.
  const codeRow = (label, key) => {
    const total = sizes.wasm?.[key] != null && sizes.js?.[key] != null ? sizes.wasm[key] + sizes.js[key] : null;
    row(label, [fmtKB(total), ...blank], '≤ 150 kB',
      total == null ? '' : verdict(total <= 150_000, `+${fmtKB(total - 150_000)}, ×${(total / 150_000).toFixed(2)}`));
  };
  codeRow('Size: wasm + JS glue, gzip -9', 'gzip');
  codeRow("Size: wasm + JS glue as served (the build's .gz copies, zopfli)", 'served');
  const editor = sizes.editor?.wasm && sizes.editor?.js ? sizes.editor.wasm.gzip + sizes.editor.js.gzip : null;
  row('Size: the editor page (/contribuer, own wasm), wasm + JS glue, gzip -9', [fmtKB(editor), ...blank], 'not loaded by the agenda');
  if (visit?.error) {
    row('First visit', [`error: ${visit.error}`, ...blank]);
  } else if (visit) {
    row('First visit (shipped dataset, cold): requests / bytes transferred with gzip / decoded',
      [`${visit.count} / ${fmtKB(visit.transferred)} / ${fmtKB(visit.decoded)}`, ...blank]);
    row('… of which DSFR (transferred) and the dataset (transferred / decoded)',
      [`DSFR ${fmtKB(visit.dsfrTransferred)} (${visit.dsfrFiles.join(', ')}); dataset ${fmtKB(visit.dataset?.transferred)} / ${fmtKB(visit.dataset?.decoded)}`, ...blank]);
    row('First visit, layout shifts (desktop 1280×900): CLS and the shifts', [`${visit.cls.toFixed(3)}: ${visit.shifts.join('; ') || 'none'}`, ...blank]);
  }
  if (lh?.error) {
    row('Lighthouse 12.2.3 (mobile)', [`not run: ${lh.error}`, ...blank], 'perf ≥ 95 · a11y 100 · BP 100', 'n/a');
  } else if (lh) {
    const okPerf = lh.performance >= 95;
    const okA11y = lh.accessibility === 100;
    const okBp = lh.bestPractices === 100;
    row('Lighthouse 12.2.3 mobile: performance / accessibility / best practices',
      [`${lh.performance} / ${lh.accessibility} / ${lh.bestPractices}`, ...blank], 'perf ≥ 95 · a11y 100 · BP 100',
      [`perf ${verdict(okPerf, `−${95 - lh.performance}`)}`, `a11y ${verdict(okA11y, `−${100 - lh.accessibility}`)}`, `BP ${verdict(okBp, `−${100 - lh.bestPractices}`)}`].join(' · '));
    row('Lighthouse metrics (simulated slow 4G, 4× CPU)', [Object.entries(lh.metrics).map(([k, v]) => `${k} ${v}`).join(', '), ...blank]);
    if (lh.failed.length) row('Lighthouse audits not passed', [lh.failed.join(', '), ...blank]);
  }

  const head = [
    `Machine: ${info.nproc} cores, ${info.cpu}, ${info.memory} RAM; ${info.chromium} (headless); Node ${info.node}; load average ${loadBefore} before, ${loadAfter} after (other jobs share the machine).`,
    `Run: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${elapsed}; ${RUNS} measured interactions per kind (after ${WARMUP} warm-up), kB = 1,000 bytes.`,
    '',
  ];
  return [...head, ...rows].join('\n');
}

// ---------------------------------------------------------------- main

async function main() {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`no build in ${dist}: run scripts/bench.sh`);
  const loadBefore = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  const files = Object.fromEntries(SIZES.map((n) => [n, dataset(n)]));
  const server = await startServer({
    folder: dist,
    routes: { '/__bench/vis-timeline/': join(root, 'node_modules', 'vis-timeline'), '/__bench/page/': join(root, 'bench') },
  });
  const browser = await launch();
  const info = machine(`Chromium ${browser.version()}`);
  const agenda = [];
  const vis = [];
  let visit = null;
  let lh = null;
  try {
    // Every agenda size first, then every vis-timeline size: vis-timeline's capped
    // runs leave a browser busy for seconds after they stop, which must not fall on
    // the agenda's measures.
    for (const n of SIZES) {
      const a = ONLY === 'vis' ? { n } : await runAgenda(browser, server, n, files[n]);
      const bytes = readFileSync(files[n]);
      a.datasetBytes = bytes.length;
      a.milestones = countOf(bytes, '"date":"');
      agenda.push(a);
    }
    if (ONLY !== 'agenda') {
      for (const n of SIZES) vis.push(await runVis(server, n, files[n]));
    }
    try {
      visit = await firstVisit(browser, server);
      log(`first visit: ${visit.count} requests, ${fmtKB(visit.transferred)} transferred`);
    } catch (e) {
      visit = { error: String(e.message ?? e).split('\n')[0] };
    }
  } finally {
    await browser.close();
  }
  if (!process.env.BENCH_SKIP_LIGHTHOUSE) {
    server.setDataset(join(dist, 'data', 'agenda.json'));
    server.setGzip(true);
    log('Lighthouse (mobile)…');
    lh = await lighthouse(`${server.url}/`);
    log(lh.error ? `Lighthouse: ${lh.error}` : `Lighthouse: ${lh.performance} / ${lh.accessibility} / ${lh.bestPractices}`);
  }
  await server.close();
  const sizes = { ...codeSizes(), editor: existsSync(join(dist, 'contribuer', 'index.html')) ? codeSizes('contribuer/index.html') : null };
  const loadAfter = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  const elapsed = `${((Date.now() - started) / 60000).toFixed(1)} min`;
  const markdown = table({ agenda, vis, sizes, visit, lh, info, loadBefore, loadAfter, elapsed });
  writeFileSync(join(root, 'bench', 'results.md'), `${markdown}\n`);
  writeFileSync(join(root, 'target', 'bench-raw.json'), JSON.stringify({ agenda, vis, sizes, visit, lh, info }, null, 1));
  console.log(markdown);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
