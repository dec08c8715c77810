// The first page: the shipped dataset in date order, a broken dataset, an unreachable one.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { axeViolations, fixtures, newPage, showAll, useSite, waitForApp } from './harness.mjs';

const site = useSite();

describe('the agenda on the shipped dataset', () => {
  test('shows every chantier, milestones in date order, dates in French', async () => {
    const shipped = JSON.parse(await readFile(join(fixtures, '..', '..', 'public', 'data', 'agenda.json'), 'utf8'));
    const page = await site.open('/?passes=1');
    await showAll(page);
    const titles = await page.locator('.agenda-item__title a').allTextContents();
    const distinct = new Set(titles);
    assert.equal(distinct.size, shipped.chantiers.length, 'every chantier appears');
    // <time datetime> values in document order never go back in time.
    const starts = await page.locator('.agenda-item__date time').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime')));
    const firstDays = starts.map((d) => (d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d));
    for (let i = 1; i < firstDays.length; i++) {
      assert.ok(firstDays[i - 1].slice(0, 4) <= firstDays[i].slice(0, 4), `year order at ${i}: ${firstDays[i - 1]} then ${firstDays[i]}`);
    }
    const dates = await page.locator('.agenda-item__date time').allTextContents();
    assert.ok(dates.some((d) => /^1er [a-zéû]+ \d{4}$/.test(d)), `a "1er …" date is shown: ${dates.slice(0, 5)}`);
    assert.ok(dates.every((d) => !/\d{4}-\d{2}/.test(d)), 'no ISO date is shown to users');
    assert.equal(await page.title(), 'Agenda — Agenda numérique des collectivités');
    assert.deepEqual(page.problems, { consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });

  test('has the DSFR header, footer with its mandatory links, and no axe violation', async () => {
    const page = await site.open('/');
    assert.equal(await page.locator('header .fr-logo').textContent(), 'RépubliqueFrançaise');
    const footerLinks = await page.locator('footer a').evaluateAll((as) => as.map((a) => a.textContent.trim()));
    for (const text of ['info.gouv.fr', 'service-public.gouv.fr', 'legifrance.gouv.fr', 'data.gouv.fr', 'Accessibilité\u00a0: non conforme', 'Mentions légales', 'Données personnelles', 'Gestion des cookies', 'licence etalab-2.0']) {
      assert.ok(footerLinks.includes(text), `footer link ${text}`);
    }
    assert.deepEqual(await axeViolations(page), []);
  });
});

describe('bad data and bad networks', () => {
  test('a partly broken dataset shows the valid entries and lists the skipped ones', async () => {
    const dataset = await readFile(join(fixtures, 'partly-broken.json'), 'utf8');
    const page = await site.open('/', { dataset });
    const titles = await page.locator('.agenda-item__title a').allTextContents();
    assert.deepEqual(titles, ['Premier chantier valide', 'Second chantier valide <b>en gras ?</b>']);
    const notice = page.locator('#entrees-ecartees');
    assert.match(await notice.innerText(), /2 chantiers n'ont pas pu être affichés/);
    await notice.locator('summary').click();
    const details = await notice.locator('li').allInnerTexts();
    assert.equal(details.length, 3, details.join('\n'));
    assert.match(details[0], /chantier «\u00a0date-impossible\u00a0» \(n° 2\), champ milestones\[0\]\.date\u00a0: .*2024-02-30.*n'existe pas/);
    assert.ok(details.some((d) => /thème «\u00a0theme-inconnu\u00a0» inconnu/.test(d)));
    assert.ok(details.some((d) => /sources\[0\]\.url\u00a0: adresse «\u00a0javascript:/.test(d)));
    // Markup from the data is text, never HTML.
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('.agenda-item__title b').count(), 0);
    assert.deepEqual(await axeViolations(page), []);
  });

  test('an unreachable dataset shows a French error, and "Réessayer" recovers', async () => {
    const page = await newPage(site.browser, site.server.url, { consoleErrorsExpected: true });
    let fail = true;
    await page.route('**/data/agenda.json', (route) => (fail ? route.abort('connectionrefused') : route.continue()));
    await page.goto(site.server.url);
    await waitForApp(page);
    const alert = page.locator('#erreur-chargement');
    assert.match(await alert.innerText(), /L'agenda n'a pas pu être chargé[\s\S]*ne répond pas\. Vérifiez votre connexion/);
    assert.equal(await page.title(), 'Agenda indisponible — Agenda numérique des collectivités');
    assert.deepEqual(await axeViolations(page), []);
    fail = false;
    await page.getByRole('button', { name: 'Réessayer' }).click();
    await page.waitForSelector('#compteur');
    assert.match(await page.locator('#compteur').innerText(), /^\d+ chantiers, \d+ jalons$/);
  });

  test('an HTTP error and an HTML page instead of JSON each say what happened', async () => {
    const page = await newPage(site.browser, site.server.url, { consoleErrorsExpected: true });
    await page.route('**/data/agenda.json', (route) => route.fulfill({ status: 404, body: 'introuvable' }));
    await page.goto(site.server.url);
    await waitForApp(page);
    assert.match(await page.locator('#erreur-chargement').innerText(), /erreur HTTP 404/);

    const page2 = await newPage(site.browser, site.server.url, { consoleErrorsExpected: true });
    await page2.route('**/data/agenda.json', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><p>accueil</p>' }));
    await page2.goto(site.server.url);
    await waitForApp(page2);
    assert.match(await page2.locator('#erreur-chargement').innerText(), /autre chose que les données de l'agenda \(une page HTML\)/);
  });

  test('a dataset that is not JSON is explained, with a retry', async () => {
    const page = await site.open('/', { dataset: '{"schema_version": "1.0", "chantiers": [' });
    assert.match(await page.locator('#erreur-chargement').innerText(), /inutilisables\u00a0: le fichier n'est pas du JSON valide \(ligne 1/);
    assert.equal(await page.getByRole('button', { name: 'Réessayer' }).count(), 1);
  });
});
