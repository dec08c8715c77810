// Nothing breaks, nothing leaks: every broken dataset of the corpus, every network
// fault, hostile content, the CSP, a panic, hosting under a sub-path.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { assertClean, dist, fixtures, newPage, startServer, useSite, waitForApp } from './harness.mjs';

const corpus = join(fixtures, '..', 'corpus');
let shipped;
/** What '/en-morceaux/data/agenda.json' sends, in 64 kB chunks as a network does, and how often. */
const inChunks = { body: Buffer.alloc(0), requests: 0 };
const site = useSite({
  serverOptions: async () => {
    shipped = await readFile(join(dist, 'data', 'agenda.json'));
    return {
      faults: {
        // Headers, half the body, then the connection is cut.
        '/coupe/data/agenda.json': (req, res) => {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(shipped.length) });
          res.write(shipped.subarray(0, shipped.length / 2));
          setTimeout(() => res.destroy(), 50);
        },
        '/en-morceaux/data/agenda.json': (req, res) => {
          inChunks.requests += 1;
          const { body } = inChunks;
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
          const send = (at) => {
            if (at >= body.length) {
              res.end();
              return;
            }
            res.write(body.subarray(at, at + 65_536));
            setTimeout(() => send(at + 65_536), 1);
          };
          send(0);
        },
      },
    };
  },
});

/** A valid dataset of about `bytes` bytes (the same chantier under many ids). */
function largeDataset(bytes) {
  const summary = "Un résumé de longueur réaliste pour un chantier de l'agenda. ".repeat(4);
  const parts = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const c = JSON.stringify({
      id: `chantier-${i}`, title: `Chantier numéro ${i}`, summary, carriers: ['dgfip'], themes: ['finances'],
      nature: 'obligation', concerned: { rules: [{ kind: 'commune' }] },
      milestones: [{ id: 'echeance', label: 'Échéance', date: '2027-03' }], updated: '2026-11-01',
    });
    parts.push(c);
    size += c.length + 1;
  }
  return `{"schema_version":"1.0","published":"2026-11-01","publisher":{"name":"Corpus"},"licence":"etalab-2.0","themes":[{"code":"finances","label":"Finances"}],"carriers":[{"code":"dgfip","label":"DGFiP"}],"chantiers":[${parts.join(',')}]}`;
}

describe('a large dataset', () => {
  test('a broken chantier far into it: the file read again whole, the others shown, the broken one listed', async () => {
    // Beyond 4 MB the app lets the bytes of the chantiers read go: the broken one,
    // near the end, makes it fetch the file again to say where and what.
    const valid = largeDataset(6 * 1024 * 1024);
    const total = valid.match(/"id":"chantier-/g).length;
    const at = valid.lastIndexOf('"nature":"obligation"');
    inChunks.body = Buffer.from(`${valid.slice(0, at)}"nature":"peut-être"${valid.slice(at + '"nature":"obligation"'.length)}`);
    inChunks.requests = 0;
    const page = await newPage(site.browser, site.server.url);
    await page.route('**/data/agenda.json', (route) => route.continue({ url: `${site.server.url}/en-morceaux/data/agenda.json` }));
    await page.goto(site.server.url);
    await waitForApp(page);
    assert.equal(inChunks.requests, 2, 'the file is read a second time, whole');
    const shown = Number((await page.locator('#compteur').innerText()).match(/^([\d\u202f]+) chantiers/)[1].replace(/\u202f/g, ''));
    assert.equal(shown, total - 1);
    const notice = page.locator('#entrees-ecartees');
    assert.match(await notice.innerText(), /1 chantier n'a pas pu être affiché/);
    await notice.locator('summary').click();
    assert.match(await notice.innerText(), new RegExp(`chantier-${total - 1}.*nature`));
  });
});

describe('the corpus of broken datasets, through the app', async () => {
  const expectations = JSON.parse(await readFile(join(corpus, 'expectations.json'), 'utf8'));
  for (const [name, expected] of Object.entries(expectations)) {
    test(name, async () => {
      const body = expected.generated ? largeDataset(20 * 1024 * 1024) : await readFile(join(corpus, name));
      const page = await newPage(site.browser, site.server.url);
      await page.route('**/data/agenda.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
      await page.goto(site.server.url + '/?passes=1');
      await waitForApp(page);
      const pattern = expected.message ? new RegExp(expected.message) : null;
      if (expected.app === 'error') {
        const text = await page.locator('#erreur-chargement').innerText();
        assert.match(text, /L'agenda n'a pas pu être chargé/);
        if (pattern) assert.match(text, pattern);
        assert.equal(await page.getByRole('button', { name: 'Réessayer' }).count(), 1);
      } else if (expected.generated) {
        assert.match(await page.locator('#compteur').innerText(), /^\d[\d\u202f]* chantiers, /);
      } else {
        assert.equal(await page.locator('#erreur-chargement').count(), 0);
        const shown = expected.shown === 0 ? 0 : await page.locator('.agenda-item').count();
        assert.equal(shown, expected.shown, 'milestones of the valid entries shown');
        if (expected.skipped) {
          const notice = page.locator('#entrees-ecartees');
          const label = expected.skipped === 1 ? /1 chantier n'a pas pu être affiché/ : new RegExp(`${expected.skipped} chantiers n'ont pas pu être affichés`);
          assert.match(await notice.innerText(), label);
          await notice.locator('summary').click();
          if (pattern) assert.match(await notice.innerText(), pattern);
        } else {
          assert.equal(await page.locator('#entrees-ecartees').count(), 0);
        }
      }
      // Hostile content renders as text and runs nothing.
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.equal(await page.locator('#contenu script, #contenu img[onerror]').count(), 0);
      await assertClean(page);
      await page.context().close();
    });
  }
});

describe('bad networks', () => {
  test('a server that never answers: loading state, then a timeout message and a retry', async () => {
    const page = await newPage(site.browser, site.server.url, { consoleErrorsExpected: true });
    await page.clock.install({ time: new Date('2026-11-29T10:00:00') });
    await page.route('**/data/agenda.json', () => { /* never answers */ });
    await page.goto(site.server.url);
    await page.waitForSelector('.agenda-loading');
    assert.equal(await page.locator('.agenda-loading').getAttribute('role'), 'status');
    await page.clock.runFor(21_000);
    await page.waitForSelector('#erreur-chargement');
    assert.match(await page.locator('#erreur-chargement').innerText(), /met trop de temps à répondre/);
  });

  test('a slow server: the loading state, then the agenda', async () => {
    const page = await newPage(site.browser, site.server.url);
    await page.route('**/data/agenda.json', async (route) => {
      await new Promise((ok) => setTimeout(ok, 1500));
      await route.continue();
    });
    await page.goto(site.server.url);
    await page.waitForSelector('.agenda-loading');
    assert.match(await page.locator('.agenda-loading').innerText(), /Chargement de l'agenda/);
    await page.waitForSelector('#compteur', { timeout: 10_000 });
    await assertClean(page);
  });

  test('a connection cut mid-body says the data arrived only in part', async () => {
    const page = await newPage(site.browser, site.server.url, { consoleErrorsExpected: true });
    await page.route('**/data/agenda.json', (route) => route.continue({ url: `${site.server.url}/coupe/data/agenda.json` }));
    await page.goto(site.server.url);
    await waitForApp(page);
    assert.match(await page.locator('#erreur-chargement').innerText(), /reçues qu'en partie|ne répond pas/);
  });

  test('a 500 gives the HTTP error; the last good copy is shown when the network fails, replaced when it works', async () => {
    const context = await site.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date('2026-11-29T10:00:00'));
    await page.route('**/data/agenda.json', (route) => route.fulfill({ status: 500, body: 'panne' }));
    await page.goto(site.server.url);
    await waitForApp(page);
    assert.match(await page.locator('#erreur-chargement').innerText(), /erreur HTTP 500/);

    // A good visit saves the dataset in the browser.
    await page.unroute('**/data/agenda.json');
    await page.getByRole('button', { name: 'Réessayer' }).click();
    await page.waitForSelector('#compteur');
    const fresh = await page.locator('#compteur').innerText();
    assert.equal(await page.locator('#copie-enregistree').count(), 0);

    // Offline: the saved copy, clearly marked, with a retry.
    await page.route('**/data/agenda.json', (route) => route.abort('internetdisconnected'));
    await page.reload();
    await page.waitForSelector('#compteur');
    assert.equal(await page.locator('#compteur').innerText(), fresh);
    assert.equal(
      await page.locator('#copie-enregistree p').innerText(),
      'Données du 29 novembre 2026 — connexion impossible, affichage de la dernière version enregistrée.',
    );

    // Back online: the fresh dataset replaces the copy at once.
    await page.unroute('**/data/agenda.json');
    await page.locator('#copie-enregistree').getByRole('button', { name: 'Réessayer' }).click();
    await page.waitForFunction(() => !document.querySelector('#copie-enregistree'));
    assert.equal(await page.locator('#compteur').innerText(), fresh);
    await context.close();
  });
});

describe('the page itself', () => {
  test('a strict CSP is in the page and the app works under it', async () => {
    const page = await site.open('/chantiers/referentiel-m57');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
    assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
    await page.getByRole('link', { name: "Retour à l'agenda" }).click();
    await page.waitForSelector('#compteur');
    await assertClean(page);
  });

  test('a panic replaces the page with a French message and a reload button', async () => {
    const page = await site.open('/', { consoleErrorsExpected: true });
    await page.evaluate(() => { try { window.wasmBindings.simulate_panic(); } catch { /* the panic unwinds into JS */ } });
    await page.waitForSelector('#recharger');
    assert.match(await page.locator('#app').innerText(), /L'agenda a rencontré une erreur inattendue/);
    await page.locator('#recharger').click();
    await page.waitForSelector('#compteur');
  });
});

describe('hosting under a sub-path', { skip: !existsSync(join(dist, '..', 'dist-agenda')) && 'dist-agenda/ not built' }, () => {
  test('works under /agenda/ with deep links that survive a reload', async () => {
    const sub = await startServer({ folder: join(dist, '..', 'dist-agenda'), prefix: '/agenda/' });
    try {
      const page = await newPage(site.browser, sub.url);
      await page.goto(`${sub.url}/agenda/?theme=finances`);
      await waitForApp(page);
      await page.locator('.agenda-item__title a').first().click();
      await page.waitForSelector('.agenda-detail h1');
      assert.match(page.url(), /\/agenda\/chantiers\/[a-z0-9-]+\?theme=finances$/);
      await page.reload();
      await page.waitForSelector('.agenda-detail h1');
      await page.getByRole('link', { name: "Retour à l'agenda" }).click();
      await page.waitForSelector('#compteur');
      assert.equal(new URL(page.url()).pathname, '/agenda/');
      await page.goto(`${sub.url}/agenda/mentions-legales`);
      await page.waitForSelector('.agenda-legal h1');
      await assertClean(page);
    } finally {
      await sub.close();
    }
  });
});
