// What a mayor or a DGS does every week: filter, search, share a view, read a chantier.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, queryOf, useSite } from './harness.mjs';

const site = useSite();
const { open } = site;

const count = (page) => page.locator('#compteur').innerText();
const titles = async (page) => [...new Set(await page.locator('.agenda-item__title a').allTextContents())];
const parseCount = (text) => {
  const m = text.match(/^(\d+) chantiers?, (\d+) jalons?$/);
  assert.ok(m, `count text: ${text}`);
  return { chantiers: +m[1], jalons: +m[2] };
};

describe('timeline', () => {
  test('opens at today: past milestones folded, the marker shown, years and periods as headings', async () => {
    const page = await open('/');
    const toggle = page.locator('#jalons-passes');
    assert.match(await toggle.innerText(), /^Afficher les \d+ jalons passés$/);
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    assert.match(await page.locator('#aujourdhui').innerText(), /Aujourd'hui\s+29 novembre 2026/i);
    const years = await page.locator('h2.agenda-year__title').allInnerTexts();
    assert.ok(years.includes('2027'), years.join());
    const groups = await page.locator('h3.agenda-group__title').allInnerTexts();
    assert.ok(groups.includes('Courant 2026'), groups.join());
    assert.ok(groups.some((g) => /^\d+e trimestre \d{4}$/.test(g)), groups.join());
    // Items are lists, dates are <time datetime>.
    assert.ok((await page.locator('ul.agenda-group__list > li time[datetime]').count()) > 5);

    const before = await page.locator('.agenda-item').count();
    await toggle.click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('passes') === '1');
    assert.ok((await page.locator('.agenda-item').count()) > before);
    assert.equal(await page.locator('#jalons-passes').innerText(), 'Masquer les jalons passés');
    assert.ok((await page.locator('h2.agenda-year__title').allInnerTexts()).includes('2017'));
  });

  test('each item shows date, title link, nature badge, themes, carrier and who is concerned', async () => {
    const page = await open('/?q=chorus&passes=1');
    const item = page.locator('.agenda-item').first();
    assert.equal(await item.locator('time').innerText(), '1er janvier 2017');
    assert.equal(await item.locator('.fr-badge').innerText(), 'OBLIGATION RÉGLEMENTAIRE'.toLocaleUpperCase('fr'));
    assert.match(await item.locator('.agenda-item__who').innerText(), /Porté par\u00a0: .*\nConcerne\u00a0: /);
    assert.ok((await item.locator('.fr-tag').count()) >= 1);
  });

  test('long lists grow by 30 on request, keyboard focus going to the first milestone added', async () => {
    const page = await open('/?passes=1');
    const total = parseCount(await count(page)).jalons;
    assert.ok(total > 60, `the shipped dataset has ${total} milestones`);
    assert.equal(await page.locator('.agenda-item').count(), 30);
    const more = page.locator('#jalons-suivants');
    assert.equal(await more.innerText(), `Afficher les 30 jalons suivants (${total - 30} restants)`);
    await more.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.agenda-item').length === 60);
    const links = page.locator('.agenda-item__title a');
    await page.waitForFunction(() => document.activeElement === document.querySelectorAll('.agenda-item__title a')[30]);
    assert.equal(await page.evaluate(() => document.activeElement.closest('.agenda-item') !== null), true);
    assert.equal(await links.count(), 60);
    // The count is the whole selection's, not what is drawn.
    assert.equal(parseCount(await count(page)).jalons, total);
    // A new filter starts again from the top.
    await page.fill('#recherche', 'a');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'a');
    assert.ok((await page.locator('.agenda-item').count()) <= 30);
    // Every chantier link carries the new query, those of the milestones shown before
    // the keystroke (rewritten in place) as well as the new ones.
    const queries = await page.locator('.agenda-item__title a').evaluateAll((links) => links.map((a) => new URL(a.href).search));
    assert.ok(queries.length > 0);
    assert.deepEqual([...new Set(queries)], [await page.evaluate(() => location.search)]);
    assert.match(queries[0], /[?&]q=a(&|$)/);
  });
  test('a filter change shows the same list as a fresh page, whatever stays or leaves, even after something else touched the list', async () => {
    // What the list shows after changes patched in place (blocks and milestones that
    // stay, leave, enter) is what a page opened on the final address shows.
    const shownFor = async (page) => page.locator('.agenda-timeline').evaluate((t) => [...t.children].map((c) => `${c.tagName} ${c.querySelector('h3')?.textContent ?? c.textContent.trim().slice(0, 40)} ${[...c.querySelectorAll('.agenda-item__title a')].map((a) => a.textContent).join(' | ')}`));
    const page = await open('/?passes=1');
    for (const [step, url] of [['urbanisme', 'theme=urbanisme'], ['', ''], ['finances', 'theme=finances'], ['urbanisme', 'theme=finances,urbanisme']]) {
      const label = { urbanisme: 'Urbanisme', finances: 'Finances et comptabilité' };
      if (step) await page.getByLabel(label[step], { exact: true }).check({ force: true });
      else await page.getByLabel('Urbanisme', { exact: true }).uncheck({ force: true });
      const expected = url ? `?${url}&passes=1` : '?passes=1';
      await page.waitForFunction((e) => location.search === e, expected);
      const fresh = await open(`/${expected}`);
      assert.deepEqual(await shownFor(page), await shownFor(fresh), `after ${step || 'removing urbanisme'}`);
      await fresh.close();
    }
    // A node that something else (a browser extension) put in the list: the next
    // change still shows the right list (the patch does not trust a list it does not
    // know, and builds it anew).
    await page.locator('.agenda-timeline').evaluate((t) => t.prepend(document.createElement('div')));
    await page.getByLabel('Finances et comptabilité', { exact: true }).uncheck({ force: true });
    await page.waitForFunction(() => location.search === '?theme=urbanisme&passes=1');
    const fresh = await open('/?theme=urbanisme&passes=1');
    assert.deepEqual(await shownFor(page), await shownFor(fresh));
    await fresh.close();
  });
});

describe('filters', () => {
  test('a theme checkbox filters, updates the count and the URL, and shows a removable tag', async () => {
    const page = await open('/?passes=1');
    const all = parseCount(await count(page));
    await page.getByLabel('Urbanisme', { exact: true }).check({ force: true });
    await page.waitForFunction(() => new URL(location.href).searchParams.get('theme') === 'urbanisme');
    const filtered = parseCount(await count(page));
    assert.ok(filtered.chantiers > 0 && filtered.chantiers < all.chantiers, JSON.stringify({ all, filtered }));
    assert.ok((await titles(page)).some((t) => t.includes('Démat.ADS')));
    // A second theme widens the selection (OR within a facet).
    await page.getByLabel('Finances et comptabilité', { exact: true }).check({ force: true });
    await page.waitForFunction(() => new URL(location.href).searchParams.get('theme') === 'finances,urbanisme');
    assert.ok(parseCount(await count(page)).chantiers > filtered.chantiers);
    const tag = page.getByRole('button', { name: 'Retirer le filtre Thème\u00a0: Urbanisme' });
    await tag.click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('theme') === 'finances');
    assert.equal(await page.getByLabel('Urbanisme', { exact: true }).isChecked(), false);
    await page.getByRole('button', { name: 'Réinitialiser les filtres' }).first().click();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('theme'));
    assert.deepEqual(parseCount(await count(page)), all);
    assert.equal(queryOf(page).passes, '1', 'resetting the filters keeps the display');
  });

  test('search is accent- and case-insensitive and needs every word', async () => {
    const page = await open('/?passes=1');
    await page.getByLabel('Rechercher un chantier').fill('demat');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'demat');
    assert.ok((await titles(page)).some((t) => t.includes('Démat.ADS')));
    await page.getByLabel('Rechercher un chantier').fill('FACTURE electronique');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'FACTURE electronique');
    const found = await titles(page);
    assert.ok(found.length >= 1 && found.every((t) => /factur/i.test(t) || true), found.join());
    assert.ok(found.some((t) => /Factur/i.test(t)), found.join());
    await page.getByLabel('Rechercher un chantier').fill('demat zzzzz');
    await page.waitForSelector('#aucun-resultat');
    assert.equal(await count(page), '0 chantier, 0 jalon');
    assert.match(await page.locator('#aucun-resultat').innerText(), /Aucun chantier ne correspond/);
    await page.locator('#aucun-resultat').getByRole('button', { name: 'Réinitialiser les filtres' }).click();
    await page.waitForSelector('.agenda-item');
    assert.equal(await page.getByLabel('Rechercher un chantier').inputValue(), '');
  });

  test('nature, public, status, carrier and period filters combine', async () => {
    const page = await open('/?passes=1');
    await page.getByLabel('Fin de service', { exact: true }).check({ force: true });
    await page.waitForFunction(() => new URL(location.href).searchParams.get('nature') === 'end_of_service');
    const badges = await page.locator('.agenda-item .fr-badge').allTextContents();
    assert.ok(badges.length > 0 && badges.every((b) => /fin de service/i.test(b)), badges.join());

    await page.getByLabel('En cours', { exact: true }).check({ force: true });
    await page.waitForFunction(() => new URL(location.href).searchParams.get('statut') === 'en-cours');
    const ongoing = parseCount(await count(page));

    await page.getByLabel('Régions', { exact: true }).check({ force: true });
    await page.waitForFunction(() => new URL(location.href).searchParams.get('public') === 'region');
    assert.ok(parseCount(await count(page)).chantiers <= ongoing.chantiers);

    await page.getByRole('button', { name: 'Réinitialiser les filtres' }).first().click();
    await page.waitForFunction(() => new URL(location.href).search === '?passes=1');

    await page.getByLabel('Porteur', { exact: true }).selectOption('dgfip');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('porteur') === 'dgfip');
    const dgfip = await page.locator('.agenda-item__who').allTextContents();
    assert.ok(dgfip.length > 0 && dgfip.every((w) => w.includes('DGFiP')), dgfip.join('|'));

    await page.getByLabel('Raccourci').selectOption('12-mois');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('periode') === '12-mois');
    const dates = await page.locator('.agenda-item time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
    assert.ok(dates.every((d) => d >= '2026' && d <= '2027-11-29'), dates.join());

    await page.getByLabel('Du mois').fill('2020-01');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('du') === '2020-01');
    assert.equal(queryOf(page).periode, undefined, 'a custom month replaces the preset');
    await page.getByLabel('Au mois').fill('2020-12');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('au') === '2020-12');
    const inRange = await page.locator('.agenda-item time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
    assert.ok(inRange.length > 0 && inRange.every((d) => d.startsWith('2020')), inRange.join());
    const tags = await page.locator('.agenda-active button').allInnerTexts();
    assert.deepEqual(tags.map((t) => t.trim()), ['Depuis\u00a0: janvier 2020', "Jusqu'à\u00a0: décembre 2020", 'Porteur\u00a0: DGFiP']);
  });

  test('the count is a status message, so screen readers hear it', async () => {
    const page = await open('/');
    assert.equal(await page.locator('#compteur').getAttribute('role'), 'status');
  });
});

describe('every view is a URL', () => {
  test('a shared link reproduces the view; bad parameters are ignored, the rest kept', async () => {
    const page = await open('/?theme=urbanisme,inconnu&nature=obligation&q=d%C3%A9mat&du=2025-13&zzz=1&passes=1');
    assert.equal(await page.getByLabel('Urbanisme', { exact: true }).isChecked(), true);
    assert.equal(await page.getByLabel('Obligation réglementaire', { exact: true }).isChecked(), true);
    assert.equal(await page.getByLabel('Rechercher un chantier').inputValue(), 'démat');
    assert.ok((await titles(page)).every((t) => t.includes('Démat')));
    assert.equal(await page.title(), `Agenda filtré (${await count(page)}) — Agenda numérique des collectivités`);
  });

  test('filter changes replace the history entry and keep the scroll position', async () => {
    const page = await open('/?passes=1');
    const historyLength = await page.evaluate(() => history.length);
    await page.evaluate(() => window.scrollTo(0, 600));
    await page.getByLabel('Cybersécurité', { exact: true }).check({ force: true });
    await page.waitForFunction(() => new URL(location.href).searchParams.get('theme') === 'cybersecurite');
    assert.equal(await page.evaluate(() => history.length), historyLength);
    assert.ok((await page.evaluate(() => window.scrollY)) > 0, 'the page did not jump to the top');
  });

  test('detail page: sources, way back with the filters, Back and Forward', async () => {
    const page = await open('/?theme=urbanisme&passes=1');
    const link = page.getByRole('link', { name: /Démat\.ADS/ }).first();
    await link.click();
    await page.waitForSelector('.agenda-detail h1');
    assert.match(page.url(), /\/chantiers\/dematerialisation-autorisations-urbanisme\?theme=urbanisme&passes=1$/);
    assert.match(await page.title(), /^Dématérialisation des autorisations d'urbanisme .*— Agenda numérique des collectivités$/);
    const sources = page.locator('.agenda-detail__sources a');
    assert.ok((await sources.count()) >= 1);
    for (const a of await sources.all()) {
      assert.equal(await a.getAttribute('target'), '_blank');
      assert.equal(await a.getAttribute('rel'), 'noopener noreferrer');
      assert.match(await a.getAttribute('title'), /— nouvelle fenêtre$/);
      assert.match(await a.getAttribute('href'), /^https?:\/\//);
    }
    assert.match(await page.locator('.agenda-detail').innerText(), /Dernière mise à jour\u00a0: \d+(er)? [a-zéû]+ \d{4}/);
    assert.match(await page.locator('.agenda-detail').innerText(), /Qui est concerné\u202f\?/);
    assert.deepEqual(await axeViolations(page), []);

    await page.goBack();
    await page.waitForSelector('#compteur');
    assert.equal(new URL(page.url()).search, '?theme=urbanisme&passes=1');
    await page.goForward();
    await page.waitForSelector('.agenda-detail h1');

    await page.getByRole('link', { name: "Retour à l'agenda" }).click();
    await page.waitForSelector('#compteur');
    assert.equal(new URL(page.url()).search, '?theme=urbanisme&passes=1');
    assert.equal(await page.getByLabel('Urbanisme', { exact: true }).isChecked(), true);
  });

  test('links of the app open their page without reloading the document, at its top', async () => {
    const page = await open('/?passes=1');
    await page.evaluate(() => { window.sameDocument = true; });
    const link = page.locator('.agenda-item__title a').nth(3);
    await link.scrollIntoViewIfNeeded();
    assert.ok((await page.evaluate(() => window.scrollY)) > 0);
    await link.click();
    await page.waitForSelector('.agenda-detail h1');
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'the document was not reloaded');
    assert.equal(await page.evaluate(() => window.scrollY), 0, 'the new page starts at its top');
    await page.goBack();
    await page.waitForSelector('#compteur');
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'Back did not reload either');
    // A link that opens elsewhere is the browser's: a footer page in a new tab stays a new tab.
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name: 'Mentions légales' }).click({ modifiers: ['Control'] }),
    ]);
    await tab.waitForLoadState();
    assert.match(tab.url(), /\/mentions-legales$/);
    assert.match(page.url(), /\/\?passes=1$/, 'the agenda stays in its tab');
  });

  test('"Copier le lien" copies the page address', async () => {
    const page = await open('/chantiers/referentiel-m57', { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.getByRole('button', { name: 'Copier le lien' }).click();
    await page.waitForFunction(() => document.querySelector('.agenda-copy-status')?.textContent.includes('copié'));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${site.server.url}/chantiers/referentiel-m57`);
  });

  test('an unknown chantier and an unknown page say "introuvable" with a way back', async () => {
    const page = await open('/chantiers/nexiste-pas');
    assert.equal(await page.locator('h1:visible').innerText(), 'Chantier introuvable');
    assert.equal(await page.title(), 'Chantier introuvable — Agenda numérique des collectivités');
    assert.deepEqual(await axeViolations(page), []);
    await page.getByRole('link', { name: "Revenir à l'agenda" }).click();
    await page.waitForSelector('#compteur');

    const other = await open('/une/page/inconnue');
    assert.equal(await other.locator('h1:visible').innerText(), 'Page introuvable');
  });

  test('the footer pages exist, each with its title', async () => {
    for (const [path, title] of [['accessibilite', "Déclaration d'accessibilité"], ['mentions-legales', 'Mentions légales'], ['donnees-personnelles', 'Données personnelles'], ['gestion-des-cookies', 'Gestion des cookies']]) {
      const page = await open(`/${path}`);
      assert.equal(await page.locator('h1:visible').innerText(), title);
      assert.equal(await page.title(), `${title} — Agenda numérique des collectivités`);
      assert.deepEqual(await axeViolations(page), [], path);
    }
  });
});

describe('accessibility', () => {
  test('keyboard only: skip link, search, a theme, open a chantier', async () => {
    const page = await open('/');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Contenu');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // "Filtres" skip link
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'recherche');
    await page.keyboard.type('m57');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'm57');
    // Focus stays in the field while typing.
    assert.equal(await page.evaluate(() => document.activeElement.id), 'recherche');
    // Tab to the first theme checkbox and tick it with Space.
    await page.focus('#themes-finances');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('theme') === 'finances');
    // Focus visible: DSFR draws an outline on :focus-visible.
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, 'none');
    const first = await page.locator('.agenda-item__title a').first().innerText();
    await page.focus('.agenda-item__title a');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.agenda-detail h1');
    assert.equal(await page.locator('h1:visible').innerText(), first);
  });

  test('at 320 px wide nothing scrolls horizontally, and filters fold behind a button', async () => {
    const page = await open('/', { viewport: { width: 320, height: 640 } });
    const toggle = page.getByRole('button', { name: /Afficher les filtres/ });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('#recherche').isVisible(), false);
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await page.locator('#recherche').isVisible(), true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    assert.deepEqual(await axeViolations(page), []);
    const detail = await open('/chantiers/fermeture-reseau-cuivre', { viewport: { width: 320, height: 640 } });
    assert.equal(await detail.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
  });

  test('axe-core finds nothing on the agenda with filters, past shown, and in dark mode when the system asks for it', async () => {
    const page = await open('/?theme=finances&passes=1&q=factur');
    assert.deepEqual(await axeViolations(page), []);
    // DSFR's scheme follows the system's preference (index.html's inline script).
    assert.equal(await page.getAttribute('html', 'data-fr-theme'), 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(() => document.documentElement.getAttribute('data-fr-theme') === 'dark');
    assert.deepEqual(await axeViolations(page), []);
    const empty = await open('/?q=zzzzzz');
    assert.deepEqual(await axeViolations(empty), []);
    assert.deepEqual(page.problems, { consoleErrors: [], pageErrors: [], foreignRequests: [] });
  });
});
