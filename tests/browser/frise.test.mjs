// The frise (zoom, today, keyboard, filters) and "ma collectivité" (profile filter,
// reasons, persistence, forgetting).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, axeViolations, newPage, queryOf, showAll, useSite, waitForApp } from './harness.mjs';

const site = useSite();
const { open } = site;

const activeLabel = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id);

describe('the frise', () => {
  test('switching views, zoom levels, panning and "Aujourd\'hui" all live in the URL', async () => {
    const page = await open('/');
    await page.locator('label[for="vue-frise"]').click();
    await page.waitForSelector('.agenda-frise__item');
    // The address bar is written once the browser is idle, after the frame.
    await page.waitForFunction(() => new URL(location.href).searchParams.get('vue') === 'frise');
    assert.equal(await page.locator('#frise-periode').innerText(), 'Période affichée\u00a0: de janvier 2025 à décembre 2030');
    assert.ok(await page.locator('.agenda-frise__today').isVisible());
    const years = await page.locator('.agenda-frise__tick').allInnerTexts();
    assert.deepEqual(years, ['2025', '2026', '2027', '2028', '2029', '2030']);

    await page.locator('label[for="zoom-trimestre"]').click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('zoom') === 'trimestre');
    assert.equal((await page.locator('.agenda-frise__tick').allInnerTexts())[0], 'T2 2026');

    await page.locator('label[for="zoom-mois"]').click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('zoom') === 'mois');
    assert.equal(await page.locator('.agenda-frise__tick').count(), 12);

    await page.getByRole('button', { name: 'Période suivante' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('debut') === '2026-09');
    assert.equal(await page.locator('#frise-periode').innerText(), 'Période affichée\u00a0: de septembre 2026 à août 2027');
    await page.getByRole('button', { name: 'Période précédente' }).click();
    await page.getByRole('button', { name: 'Période précédente' }).click();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('debut') === '2026-07');
    await page.getByRole('button', { name: "Aujourd'hui" }).click();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('debut'));

    // A shared link reopens the same window.
    const shared = await open('/?vue=frise&zoom=trimestre&debut=2027-01');
    assert.equal(await shared.locator('#frise-periode').innerText(), 'Période affichée\u00a0: de janvier 2027 à décembre 2028');
    assert.equal(await shared.locator('#zoom-trimestre').isChecked(), true);
    await assertClean(shared);
  });

  test('coarse dates are drawn over their period and marked approximate', async () => {
    const page = await open('/?vue=frise');
    const approx = page.locator('.agenda-frise__item--approx').first();
    assert.match(await approx.getAttribute('aria-label'), /\(date approximative\)/);
    const point = page.locator('.agenda-frise__item--point').first();
    assert.doesNotMatch(await point.getAttribute('aria-label'), /approximative/);
  });

  test('dense periods never overlap: boxes on a row are disjoint', async () => {
    const page = await open('/?vue=frise&zoom=mois&debut=2026-01');
    const overlaps = await page.evaluate(() => {
      const found = [];
      for (const track of document.querySelectorAll('.agenda-frise__track')) {
        const boxes = [...track.querySelectorAll('.agenda-frise__item')].map((e) => e.getBoundingClientRect());
        for (let i = 0; i < boxes.length; i++) {
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i], b = boxes[j];
            if (a.top === b.top && a.left < b.right - 1 && b.left < a.right - 1) found.push([a.left, b.left]);
          }
        }
      }
      return found;
    });
    assert.deepEqual(overlaps, []);
  });

  test('keyboard: one tab stop, arrows across milestones and lanes, Enter opens, Escape leaves', async () => {
    const page = await open('/?vue=frise');
    const stops = await page.locator('.agenda-frise__item[tabindex="0"]').count();
    assert.equal(stops, 1, 'the frise is one tab stop');
    await page.locator('.agenda-frise__item[tabindex="0"]').focus();
    const first = await activeLabel(page);
    assert.match(first, / — .+\u00a0: .+ — /, 'the focused milestone says title, date and theme');
    await page.keyboard.press('ArrowRight');
    const second = await activeLabel(page);
    assert.notEqual(second, first);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await activeLabel(page), first);
    const lane = async () => page.evaluate(() => document.activeElement.closest('.agenda-frise__lane').querySelector('.agenda-frise__lane-label').textContent);
    const before = await lane();
    await page.keyboard.press('ArrowDown');
    assert.notEqual(await lane(), before, 'down goes to another lane');
    await page.keyboard.press('ArrowUp');
    assert.equal(await lane(), before);
    assert.equal(await page.locator('.agenda-frise__item[tabindex="0"]').count(), 1);
    await page.keyboard.press('Escape');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'frise-sortie');
    await page.locator('.agenda-frise__item[tabindex="0"]').focus();
    const title = (await activeLabel(page)).split(' — ')[0];
    await page.keyboard.press('Enter');
    await page.waitForSelector('.agenda-detail h1');
    assert.equal(await page.locator('h1:visible').innerText(), title);
  });

  test('arrowing past the edge pans the window', async () => {
    const page = await open('/?vue=frise&zoom=mois&debut=2027-01');
    await page.locator('.agenda-frise__item[tabindex="0"]').focus();
    for (let i = 0; i < 30 && !queryOf(page).debut?.startsWith('2028'); i++) {
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(20);
    }
    await page.waitForFunction(() => new URL(location.href).searchParams.get('debut') > '2027-01');
  });

  test('the frise follows the filters', async () => {
    const page = await open('/?vue=frise');
    const lanes = await page.locator('.agenda-frise__lane').count();
    await page.getByLabel('Réseaux et télécoms', { exact: true }).check({ force: true });
    await page.waitForFunction(() => new URL(location.href).searchParams.get('theme') === 'reseaux-telecoms');
    const filtered = await page.locator('.agenda-frise__lane').count();
    assert.ok(filtered < lanes, `${filtered} lanes < ${lanes}`);
    const labels = await page.locator('.agenda-frise__item').evaluateAll((es) => es.map((e) => e.getAttribute('aria-label')));
    assert.ok(labels.length > 0);
    assert.deepEqual(await axeViolations(page), []);
  });

  test('drag pans the window; usable at 320 px by touch', async () => {
    const page = await open('/?vue=frise&zoom=mois&debut=2027-01', { viewport: { width: 320, height: 640 } });
    await page.locator('.agenda-frise__lanes').scrollIntoViewIfNeeded();
    const box = await page.locator('.agenda-frise__lanes').boundingBox();
    await page.mouse.move(box.x + box.width * 0.8, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.2, box.y + 10, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('debut') !== '2027-01');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
    assert.deepEqual(await axeViolations(page), []);
  });
});

describe('ma collectivité', () => {
  test('a commune of 5 200 inhabitants sees what applies to it, and why', async () => {
    const page = await open('/?passes=1');
    const all = await page.locator('#compteur').innerText();
    await page.getByLabel('Type de collectivité').selectOption('commune');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('collectivite') === 'commune');
    await page.locator('#collectivite-habitants').fill('5200');
    await page.locator('#collectivite-habitants').press('Tab');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('habitants') === '5200');
    assert.notEqual(await page.locator('#compteur').innerText(), all);
    await showAll(page);
    const reasons = await page.locator('.agenda-item__applies').allTextContents();
    assert.ok(reasons.some((r) => r === "s'applique\u00a0: commune de 5\u202f200 habitants > 3\u202f500"), reasons.join('\n'));
    // None of the shown chantiers is for régions only.
    assert.ok((await page.locator('.agenda-active button').allInnerTexts()).some((t) => t.includes('Ma collectivité\u00a0: commune de 5\u202f200 habitants')));

    // 3 500 exactly is not "plus de 3 500".
    const small = await open('/?passes=1&collectivite=commune&habitants=3500');
    await showAll(small);
    const smallReasons = await small.locator('.agenda-item__applies').allTextContents();
    assert.ok(!smallReasons.some((r) => r.includes('> 3\u202f500')));
  });

  test('remembered on request across reloads, and forgotten', async () => {
    const context = await site.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date('2026-11-29T10:00:00'));
    await page.goto(`${site.server.url}/?collectivite=region`);
    await waitForApp(page);
    await page.getByLabel('Retenir ma collectivité sur cet appareil').check({ force: true });
    await page.goto(site.server.url);
    await waitForApp(page);
    await page.waitForFunction(() => new URL(location.href).searchParams.get('collectivite') === 'region');
    assert.equal(await page.getByLabel('Type de collectivité').inputValue(), 'region');
    await page.getByRole('button', { name: 'Oublier ma collectivité' }).click();
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('collectivite'));
    await page.goto(site.server.url);
    await waitForApp(page);
    assert.equal(await page.getByLabel('Type de collectivité').inputValue(), '');
    assert.equal(await page.evaluate(() => localStorage.getItem('agenda-numerique.ma-collectivite')), null);
    await context.close();
  });
});
