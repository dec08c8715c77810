// Shared set-up of the browser tests: a static server over the release build (dist/)
// routing addresses as a real host does, and headless Debian Chromium
// driven by playwright-core. No browser is downloaded: /usr/bin/chromium is used.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, afterEach, before } from 'node:test';
import { chromium } from 'playwright-core';

import { startServer as startSiteServer } from '../../scripts/site-server.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
// AGENDA_DIST lets a second build (e.g. a work in progress) be tested beside dist/.
export const dist = process.env.AGENDA_DIST ? resolve(process.env.AGENDA_DIST) : join(root, 'dist');
export const fixtures = join(root, 'tests', 'fixtures');

/** "Today" in every browser test, so statuses and the "Aujourd'hui" marker are stable. */
export const TODAY = new Date('2026-11-29T10:00:00');

/**
 * Serves a build folder (dist/ by default) as a host would (scripts/site-server.mjs),
 * under an optional sub-path; `faults` maps a path to a handler(req, res) that
 * simulates a misbehaving server for that path.
 */
export function startServer({ folder = dist, prefix = '', faults = {} } = {}) {
  return startSiteServer({ folder, prefix, faults });
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * A new page with a fixed clock, recording console errors, page errors and every
 * request to another origin (the page must make none).
 */
const openPages = [];

export async function newPage(browser, base, { viewport = { width: 1280, height: 900 }, dataset, permissions, consoleErrorsExpected = false } = {}) {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris', permissions });
  const page = await context.newPage();
  await page.clock.setFixedTime(TODAY);
  const problems = { consoleErrors: [], pageErrors: [], foreignRequests: [] };
  page.on('console', (m) => { if (m.type() === 'error') problems.consoleErrors.push(m.text()); });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('pageerror', (e) => problems.pageErrors.push(String(e)));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== new URL(base).origin) problems.foreignRequests.push(r.url());
  });
  if (dataset !== undefined) {
    await page.route('**/data/agenda.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: dataset }));
  }
  page.problems = problems;
  page.consoleErrorsExpected = consoleErrorsExpected;
  openPages.push(page);
  return page;
}

/** Asserts what must hold on every view: no console or page error, no request to
 *  another origin, no Content-Security-Policy violation. */
export async function assertClean(page, { allowConsoleErrors = false } = {}) {
  const csp = await page.evaluate(() => window.__cspViolations);
  const { consoleErrors, pageErrors, foreignRequests } = page.problems;
  const found = { cspViolations: csp, pageErrors, foreignRequests, consoleErrors: allowConsoleErrors ? [] : consoleErrors };
  const expected = { cspViolations: [], pageErrors: [], foreignRequests: [], consoleErrors: [] };
  if (JSON.stringify(found) !== JSON.stringify(expected)) {
    throw new Error(`the page is not clean: ${JSON.stringify(found, null, 1)}`);
  }
}

/**
 * After each test: every page it opened must be clean (no CSP violation, no page
 * error, no request to another origin, no console error unless the test simulated a
 * network fault or a panic, which Chromium logs). Then the pages are closed.
 */
export async function checkPagesClean() {
  const pages = openPages.splice(0);
  const failures = [];
  for (const page of pages) {
    if (page.isClosed()) continue;
    try {
      await assertClean(page, { allowConsoleErrors: page.consoleErrorsExpected });
    } catch (e) {
      failures.push(`${page.url()}: ${e.message}`);
    }
    await page.context().close();
  }
  if (failures.length) throw new Error(failures.join('\n'));
}

/**
 * The site under test, for one test file: a server over the build and a browser,
 * started before the file's tests and closed after them; after each test, its pages
 * are checked (`checkPagesClean`). `serverOptions` are `startServer`'s, or a function
 * returning them once the file's own `before` hooks have run.
 * `site.open(path, options)` opens a page of the site and waits for `ready(page)`.
 */
export function useSite({ serverOptions = {}, defaultPath = '/', ready = waitForApp } = {}) {
  const site = {
    server: null,
    browser: null,
    async open(path = defaultPath, options) {
      const page = await newPage(site.browser, site.server.url, options);
      await page.goto(site.server.url + path);
      await ready(page);
      return page;
    },
  };
  before(async () => {
    site.server = await startServer(typeof serverOptions === 'function' ? await serverOptions() : serverOptions);
    site.browser = await launchBrowser();
  });
  afterEach(checkPagesClean);
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/** Waits until the app has rendered the agenda (or an error). */
export async function waitForApp(page) {
  await page.waitForSelector('#compteur, #erreur-chargement, .agenda-detail, .agenda-not-found, .agenda-legal, .agenda-subscriptions', { timeout: 15000 });
}

/**
 * Long lists render by increments: presses "Afficher les … jalons suivants" until
 * every selected milestone is in the page.
 */
export async function showAll(page) {
  const more = page.locator('#jalons-suivants');
  // Hidden, not removed, once every milestone is shown.
  while (await more.isVisible()) {
    const before = await page.locator('.agenda-item').count();
    // By keyboard, as a keyboard user would: a pointer click can land on an item that
    // the lazily laid out list (content-visibility) moved under it meanwhile.
    await more.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('.agenda-item').length > n, before);
  }
}

let axeSource;
/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) and returns its violations. */
export async function axeViolations(page) {
  axeSource ??= await readFile(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/** The page's query string as an object. */
export function queryOf(page) {
  return Object.fromEntries(new URL(page.url()).searchParams);
}
