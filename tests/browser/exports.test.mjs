// Take the agenda elsewhere: .ics and CSV of the selection, a chantier's calendar,
// subscriptions and the feed, print, "Nouveautés".
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { assertClean, axeViolations, dist, newPage, showAll, useSite, waitForApp } from './harness.mjs';

const site = useSite();
const { open } = site;

async function downloaded(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

const jalons = async (page) => +(await page.locator('#compteur').innerText()).match(/(\d+) jalons?$/)[1];

describe('exports of the current selection', () => {
  test('CSV: one row per selected milestone, BOM and semicolons for French Excel', async () => {
    const page = await open('/?theme=finances&passes=1');
    const expected = await jalons(page);
    const { name, text } = await downloaded(page, () => page.getByRole('button', { name: 'Exporter la sélection (CSV)' }).click());
    assert.equal(name, 'agenda-selection.csv');
    assert.ok(text.startsWith('\uFEFF'), 'starts with a BOM');
    const lines = text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    assert.match(lines[0], /^Date;/);
    // Fields may contain quoted newlines: count records by their chantier link column instead.
    const records = text.match(/\/chantiers\/[a-z0-9-]+/g) ?? [];
    assert.ok(records.length >= expected, `${records.length} links for ${expected} rows`);
    assert.ok(text.includes('Finances et comptabilité'));
    assert.ok(!text.includes('Urbanisme;'), 'only the selection is exported');
  });

  test('iCalendar: one all-day event per selected milestone', async () => {
    const page = await open('/?nature=end_of_service&passes=1');
    const expected = await jalons(page);
    const { name, text } = await downloaded(page, () => page.getByRole('button', { name: 'Exporter la sélection (.ics)' }).click());
    assert.equal(name, 'agenda-selection.ics');
    assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n'));
    assert.equal(text.match(/BEGIN:VEVENT/g).length, expected);
    assert.ok(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75), 'lines folded at 75 octets');
    assert.match(text, /DTSTART;VALUE=DATE:\d{8}\r\nDTEND;VALUE=DATE:\d{8}/);
  });

  test('a chantier and a single milestone can be added to a calendar', async () => {
    const page = await open('/chantiers/fermeture-reseau-cuivre');
    const count = await page.locator('.agenda-detail__milestone').count();
    const all = await downloaded(page, () => page.getByRole('button', { name: /^Ajouter à mon agenda tous les jalons/ }).click());
    assert.equal(all.name, 'fermeture-reseau-cuivre.ics');
    assert.equal(all.text.match(/BEGIN:VEVENT/g).length, count);
    assert.match(all.text.replace(/\r\n /g, ''), /UID:fermeture-reseau-cuivre\.[a-z0-9-]+@agenda-numerique-collectivites/);

    const agenda = await open('/?q=cuivre');
    const one = await downloaded(agenda, () => agenda.getByRole('button', { name: /^Ajouter à mon agenda\s: Fermeture du réseau cuivre/ }).first().click());
    assert.equal(one.text.match(/BEGIN:VEVENT/g).length, 1);
  });
});

describe('subscriptions and feed', () => {
  test('the subscription page gives working calendar and feed URLs', async () => {
    const page = await open('/abonnements');
    assert.equal(await page.title(), "S'abonner à l'agenda — Agenda numérique des collectivités");
    const urls = await page.locator('.agenda-subscriptions a[href*="/exports/"]').evaluateAll((as) => as.map((a) => a.href));
    assert.ok(urls.length >= 3, urls.join());
    for (const url of urls) {
      const response = await page.request.get(url);
      assert.equal(response.status(), 200, url);
      const body = await response.text();
      assert.ok(body.startsWith('BEGIN:VCALENDAR') || body.startsWith('<?xml'), url);
    }
    assert.deepEqual(await axeViolations(page), []);
    await assertClean(page);
  });

  test('the feed is linked from the page head and the footer', async () => {
    const page = await open('/');
    const head = await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href');
    assert.equal(head, 'exports/nouveautes.atom');
    const feed = await readFile(join(dist, 'exports', 'nouveautes.atom'), 'utf8');
    assert.match(feed, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
    assert.equal(await page.locator('footer a', { hasText: 'Flux des nouveautés (Atom)' }).count(), 1);
  });
});

describe('print', () => {
  test('printing shows the selection only, with the filters summarised at the top', async () => {
    const page = await open('/?theme=urbanisme&passes=1');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.agenda-filters').isVisible(), false);
    assert.equal(await page.locator('header.fr-header').isVisible(), false);
    assert.equal(await page.locator('#exporter-csv').isVisible(), false);
    const summary = page.locator('.agenda-print-summary');
    assert.equal(await summary.isVisible(), true);
    assert.match(await summary.innerText(), /^Agenda au 29 novembre 2026 — filtres\u00a0: Thème\u00a0: Urbanisme — \d+ chantiers?, \d+ jalons?\.$/);
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 10_000);
  });

  test('a printed chantier shows the addresses of its sources', async () => {
    const page = await open('/chantiers/referentiel-m57');
    await page.emulateMedia({ media: 'print' });
    const after = await page.locator('.agenda-detail__sources a').first().evaluate((a) => getComputedStyle(a, '::after').content);
    assert.match(after, /https?:\/\//);
  });
});

describe('nouveautés since the last visit', () => {
  test('entries changed since the previous visit are marked and can be shown alone', async () => {
    const shipped = JSON.parse(await readFile(join(dist, 'data', 'agenda.json'), 'utf8'));
    // Half the chantiers were last updated long ago.
    shipped.chantiers.forEach((c, i) => { if (i % 2) c.updated = '2025-01-15'; });
    const page = await newPage(site.browser, site.server.url, { dataset: JSON.stringify(shipped) });
    await page.addInitScript(() => {
      if (!localStorage.getItem('agenda-numerique.visite.derniere')) localStorage.setItem('agenda-numerique.visite.derniere', '2026-06-01');
    });
    await page.goto(`${site.server.url}/?passes=1`);
    await waitForApp(page);
    await showAll(page);
    const all = await page.locator('.agenda-item').count();
    const marked = await page.locator('.agenda-item .agenda-new').count();
    assert.ok(marked > 0 && marked < all, `${marked} of ${all} marked`);
    const filter = page.getByLabel('Seulement les nouveautés depuis ma dernière visite, le 1er juin 2026');
    await filter.check({ force: true });
    await page.waitForFunction(() => new URL(location.href).searchParams.get('nouveautes') === '1');
    await showAll(page);
    assert.equal(await page.locator('.agenda-item').count(), marked);
    assert.equal(await page.locator('.agenda-item .agenda-new').count(), marked);
    // A reload the same day keeps the same reference.
    await page.reload();
    await waitForApp(page);
    await showAll(page);
    assert.equal(await page.locator('.agenda-item').count(), marked);
    assert.deepEqual(await axeViolations(page), []);
  });
});
