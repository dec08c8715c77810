// What a ministry does to propose a chantier or an update, and an authority to give
// its opinion: the editor at /contribuer, checked live by the domain's rules, whose
// file the operator's tool accepts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertClean, axeViolations, newPage, startServer, useSite } from './harness.mjs';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const cli = join(root, 'target', 'debug', 'agenda');
const dataset = join(root, 'public', 'data', 'agenda.json');
const published = JSON.parse(readFileSync(dataset, 'utf8'));
const m57 = published.chantiers.find((c) => c.id === 'referentiel-m57');

let downloads;
before(() => {
  // scripts/test.sh runs `cargo test` first, which builds the CLI; build it otherwise.
  if (!existsSync(cli)) {
    const built = spawnSync('cargo', ['build', '--quiet', '-p', 'agenda-cli'], { cwd: root, stdio: 'inherit' });
    assert.equal(built.status, 0, 'cargo build -p agenda-cli');
  }
  downloads = mkdtempSync(join(tmpdir(), 'agenda-contribution-'));
});
after(() => {
  if (downloads) rmSync(downloads, { recursive: true, force: true });
});
const site = useSite({
  defaultPath: '/contribuer',
  ready: (page) => page.waitForSelector('#contribution-formulaire, .agenda-not-found, .agenda-detail', { timeout: 15000 }),
});
const { open } = site;

/** The agenda CLI on a file: exit code and output. */
function agenda(...args) {
  const run = spawnSync(cli, args, { cwd: root, encoding: 'utf8' });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

/** Clicks the download button and saves the file; returns its path and name. */
async function download(page) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('#telecharger-contribution')]);
  const path = join(downloads, `${Date.now()}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  return { path, name: file.suggestedFilename() };
}

/** The file is what `agenda validate --dataset` and `agenda merge --dry-run` accept. */
function assertAcceptedByTheCli(path) {
  const validate = agenda('validate', '--dataset', 'public/data/agenda.json', path);
  assert.equal(validate.status, 0, validate.out);
  assert.match(validate.out, /contribution valide, 0 erreur\(s\)/);
  const merge = agenda('merge', '--dry-run', 'public/data/agenda.json', path);
  assert.equal(merge.status, 0, merge.out);
  return { validate: validate.out, merge: merge.out };
}

const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');
/** Waits until the element `id` has focus (focus moves once the view has caught up). */
const focused = (page, id) => page.waitForFunction((id) => document.activeElement?.id === id, id, { timeout: 3000 });
const tick = (page, group, value) => page.locator(`input[name="${group}"][value="${value}"]`).check({ force: true });
const errorOf = (page, id) => page.locator(`#${id}-erreur`);

/** Presses Tab until the element `id` has focus (keyboard only). */
async function tabTo(page, id, max = 120) {
  for (let i = 0; i < max; i += 1) {
    if ((await focusedId(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`#${id} not reached with Tab (focus on #${await focusedId(page)})`);
}

/** Fills the fields of a small valid new chantier (not the ones a test checks). */
async function fillMinimal(page, title) {
  await page.fill('#contribution-titre', title);
  await page.fill('#contribution-resume', 'Les procès-verbaux sont transmis en ligne à la préfecture.');
  await tick(page, 'contribution-porteurs', 'interieur');
  await tick(page, 'contribution-themes', 'etat-civil-elections');
  await tick(page, 'contribution-nature', 'obligation');
  await page.selectOption('#regle-0-type', 'commune');
  await page.fill('#jalon-0-libelle', 'Généralisation');
  await page.fill('#jalon-0-date', '2028-03-01');
}

describe('a new chantier', () => {
  test('errors in the summary and next to their fields, fixed, previewed, downloaded, accepted by the CLI', async () => {
    const page = await open('/contribuer');
    assert.equal(await page.title(), 'Proposer un nouveau chantier — Agenda numérique des collectivités');
    assert.equal(await page.locator('h1:visible').innerText(), 'Proposer un nouveau chantier');
    assert.equal(await page.locator('#erreurs-saisie').count(), 0, 'no error shown before anything is typed');
    assert.deepEqual(await axeViolations(page), [], 'empty editor');

    // The id follows the title.
    await page.fill('#contribution-titre', 'Dématérialisation des procès-verbaux d\'élection');
    assert.equal(await page.inputValue('#contribution-id'), 'dematerialisation-des-proces-verbaux-d-election');
    await page.fill('#contribution-resume', 'Les procès-verbaux des élections municipales sont transmis en ligne à la préfecture.');
    await page.fill('#contribution-description', 'Premier paragraphe.\n\nSecond paragraphe.');

    // An error appears next to a field once it is left, referenced by aria-describedby.
    await page.fill('#contribution-contact', 'elections at interieur');
    await page.press('#contribution-contact', 'Tab');
    await errorOf(page, 'contribution-contact').waitFor();
    assert.match(await errorOf(page, 'contribution-contact').innerText(), /Adresse électronique «\u00a0elections at interieur\u00a0» invalide/);
    assert.equal(await page.getAttribute('#contribution-contact', 'aria-describedby'), 'contribution-contact-erreur');
    assert.equal(await page.getAttribute('#contribution-contact', 'aria-invalid'), 'true');
    assert.ok(await page.locator('.fr-input-group--error #contribution-contact').count());

    // A quarter without its number, a source without scheme.
    await page.fill('#jalon-0-libelle', 'Expérimentation dans dix départements');
    assert.equal(await page.inputValue('#jalon-0-id'), 'experimentation-dans-dix-departements');
    await page.selectOption('#jalon-0-date-precision', 'quarter');
    assert.equal(await page.getAttribute('#jalon-0-date', 'type'), 'text');
    await page.fill('#jalon-0-date', '2027');
    await page.click('#contribution-ajouter-source');
    await focused(page, 'source-0-libelle');
    await page.fill('#source-0-libelle', 'Code électoral');
    await page.fill('#source-0-adresse', 'www.legifrance.gouv.fr/codes/id/LEGITEXT000006070239/');
    await tick(page, 'source-0-type', 'legal');

    // Export is disabled, and says why.
    assert.equal(await page.isDisabled('#telecharger-contribution'), true);
    assert.equal(await page.isDisabled('#copier-contribution'), true);
    assert.equal(await page.getAttribute('#telecharger-contribution', 'aria-describedby'), 'export-etat');
    assert.match(await page.locator('#export-etat').innerText(), /ne comportera plus d'erreur \(il en reste \d+\)/);
    assert.match(await page.locator('#apercu').innerText(), /L'aperçu s'affichera quand la saisie sera complète/);

    // Asking to check: the summary lists every error and takes focus.
    await page.click('#verifier-saisie-envoi');
    await page.waitForFunction(() => document.activeElement?.id === 'erreurs-saisie');
    const summary = page.locator('#erreurs-saisie');
    assert.match(await summary.locator('.fr-alert__title').innerText(), /^La saisie comporte 7 erreurs$/);
    const links = await summary.locator('li a').evaluateAll((as) => as.map((a) => [a.getAttribute('href').split('#')[1], a.textContent]));
    assert.deepEqual(links.map(([id]) => id), [
      'contribution-porteurs', 'contribution-themes', 'contribution-nature', 'regle-0-type',
      'jalon-0-date', 'source-0-adresse', 'contribution-contact',
    ]);
    assert.deepEqual(links[4], ['jalon-0-date', 'Jalon 1\u00a0: date\u00a0: Choisissez le trimestre.']);
    assert.match(links[5][1], /^Source 1\u00a0: adresse\u00a0: Adresse «\u00a0www\.legifrance.*\u00a0» refusée\. Donnez une adresse complète commençant par https:\/\//);
    assert.match(await page.title(), /^7 erreurs — Proposer un nouveau chantier/);
    // Every error is now also shown next to its field.
    for (const id of ['contribution-porteurs', 'contribution-nature', 'regle-0-type', 'jalon-0-date', 'source-0-adresse']) {
      assert.ok(await errorOf(page, id).isVisible(), id);
    }
    assert.equal(await page.getAttribute('#regle-0-type', 'aria-describedby'), 'regle-0-type-erreur');
    assert.deepEqual(await axeViolations(page), [], 'editor with errors');

    // A link of the summary moves focus to its field.
    await summary.getByRole('link', { name: 'Jalon 1\u00a0: date\u00a0: Choisissez le trimestre.' }).click();
    assert.equal(await focusedId(page), 'jalon-0-date');
    assert.equal(new URL(page.url()).pathname, '/contribuer', 'the link stays on the page');

    // Fixing the errors empties the summary, one by one.
    await page.selectOption('#jalon-0-date-partie', '2');
    await tick(page, 'contribution-porteurs', 'interieur');
    await tick(page, 'contribution-porteurs', 'dgcl');
    await tick(page, 'contribution-themes', 'etat-civil-elections');
    await tick(page, 'contribution-nature', 'obligation');
    await page.selectOption('#regle-0-type', 'commune');
    await page.click('#regle-0-ajouter-seuil');
    await focused(page, 'regle-0-seuil-0-comparaison');
    await page.selectOption('#regle-0-seuil-0-comparaison', 'at_least');
    await page.fill('#regle-0-seuil-0-valeur', '1 000');
    await page.fill('#source-0-adresse', 'https://www.legifrance.gouv.fr/codes/id/LEGITEXT000006070239/');
    assert.match(await summary.locator('.fr-alert__title').innerText(), /^La saisie comporte 1 erreur$/);
    await page.fill('#contribution-contact', 'elections@interieur.gouv.fr');
    await page.waitForSelector('#erreurs-saisie', { state: 'detached' });
    // A second milestone, a period.
    await page.click('#contribution-ajouter-jalon');
    await page.fill('#jalon-1-libelle', 'Généralisation');
    await page.fill('#jalon-1-date', '2028-03-01');
    await page.check('#jalon-1-periode', { force: true });
    await page.selectOption('#jalon-1-fin-precision', 'year');
    await page.fill('#jalon-1-fin', '2029');

    // Out of chronological order: a remark, not an error.
    await page.click('#jalon-1-monter');
    await page.locator('#jalons-remarque').waitFor();
    assert.match(await page.locator('#jalons-remarque').innerText(), /ne sont pas dans l'ordre chronologique/);
    assert.equal(await page.isDisabled('#telecharger-contribution'), false);
    await page.click('#jalon-0-descendre');
    await page.locator('#jalons-remarque').waitFor({ state: 'detached' });

    assert.equal(await page.locator('#export-etat').innerText(), 'La saisie est complète\u00a0: le fichier est prêt.');
    assert.equal(await page.isDisabled('#telecharger-contribution'), false);
    assert.equal(await page.title(), 'Proposer un nouveau chantier — Agenda numérique des collectivités');

    // The preview: the timeline items and the page, as the agenda shows them.
    const items = page.locator('#apercu .agenda-item');
    assert.equal(await items.count(), 2);
    assert.equal(await items.nth(0).locator('time').innerText(), '2e trimestre 2027');
    assert.equal(await items.nth(1).locator('time').innerText(), 'du 1er mars 2028 à 2029');
    assert.equal(await items.nth(0).locator('.agenda-item__title').innerText(), 'Dématérialisation des procès-verbaux d\'élection');
    assert.match(await items.nth(0).locator('.agenda-item__who').innerText(), /Porté par\u00a0: DGCL, Intérieur|Porté par\u00a0: Intérieur, DGCL/);
    assert.match(await items.nth(0).locator('.agenda-item__who').innerText(), /Concerne\u00a0: Communes d.au moins 1.000 habitants/);
    const detail = page.locator('#apercu-fiche');
    assert.match(await detail.innerText(), /Premier paragraphe\.\s+Second paragraphe\./);
    assert.match(await detail.innerText(), /Texte juridique\u00a0: Code électoral/);
    await items.nth(0).locator('.agenda-item__title a').click();
    assert.equal(await focusedId(page), 'apercu-fiche');
    assert.deepEqual(await axeViolations(page), [], 'valid editor with its preview');

    // The download is a contribution the operator's tool accepts.
    const file = await download(page);
    assert.equal(file.name, 'contribution-dematerialisation-des-proces-verbaux-d-election.json');
    const json = JSON.parse(readFileSync(file.path, 'utf8'));
    assert.equal(json.contribution_version, '1.0');
    assert.equal(json.base_updated, undefined);
    assert.equal(json.chantier.milestones[0].date, '2027-T2');
    assert.equal(json.chantier.concerned.rules[0].thresholds[0].value, 1000);
    const cli = assertAcceptedByTheCli(file.path);
    assert.match(cli.validate, /nouveau chantier «\u00a0dematerialisation-des-proces-verbaux-d-election\u00a0»/);

    // How to send it: a pre-filled e-mail to the dataset's address.
    const mailto = await page.getAttribute('#envoyer-courriel', 'href');
    assert.ok(mailto.startsWith('mailto:agenda-numerique@anct.gouv.fr?subject='), mailto);
    const mail = new URL(mailto);
    assert.equal(mail.searchParams.get('subject'), 'Contribution à l\'agenda\u00a0: nouveau chantier «\u00a0dematerialisation-des-proces-verbaux-d-election\u00a0»');
    assert.match(mail.searchParams.get('body'), /contribution-dematerialisation-des-proces-verbaux-d-election\.json/);
    assert.match(await page.locator('#envoi').innerText(), /agenda validate.*\n?.*agenda merge/s);
    await assertClean(page);
  });

  test('copy to the clipboard gives the same file', async () => {
    const page = await open('/contribuer', { permissions: ['clipboard-read', 'clipboard-write'] });
    await fillMinimal(page, 'Copie de contribution');
    await page.click('#copier-contribution');
    await page.waitForFunction(() => document.querySelector('#copie-contribution-etat')?.textContent.includes('copiée'));
    const text = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(JSON.parse(text).chantier.id, 'copie-de-contribution');
    assert.ok(text.endsWith('}\n'));
    await assertClean(page);
  });

  test('each precision has its inputs, and changing it carries the date over', async () => {
    const page = await open('/contribuer');
    assert.equal(await page.getAttribute('#jalon-0-date', 'type'), 'date');
    // Typed segment by segment, the date input is never reset under the fingers.
    await page.focus('#jalon-0-date');
    await page.keyboard.type('03012028');
    assert.match(await page.inputValue('#jalon-0-date'), /^2028-0[13]-0[13]$/);
    await page.fill('#jalon-0-date', '');
    await page.fill('#jalon-0-date', '2025-08-14');
    await page.selectOption('#jalon-0-date-precision', 'month');
    assert.equal(await page.getAttribute('#jalon-0-date', 'type'), 'month');
    assert.equal(await page.inputValue('#jalon-0-date'), '2025-08');
    await page.selectOption('#jalon-0-date-precision', 'quarter');
    assert.equal(await page.inputValue('#jalon-0-date'), '2025');
    assert.equal(await page.inputValue('#jalon-0-date-partie'), '3');
    assert.deepEqual(await page.locator('#jalon-0-date-partie option').allInnerTexts(), [
      '— Choisir —', '1er trimestre (janvier à mars)', '2e trimestre (avril à juin)',
      '3e trimestre (juillet à septembre)', '4e trimestre (octobre à décembre)',
    ]);
    await page.selectOption('#jalon-0-date-precision', 'semester');
    assert.equal(await page.inputValue('#jalon-0-date-partie'), '2');
    assert.equal(await page.locator('#jalon-0-date-partie option').count(), 3);
    await page.selectOption('#jalon-0-date-precision', 'year');
    assert.equal(await page.inputValue('#jalon-0-date'), '2025');
    assert.equal(await page.locator('#jalon-0-date-partie').count(), 0);
    // Back to the day: what was typed is still there.
    await page.selectOption('#jalon-0-date-precision', 'day');
    assert.equal(await page.inputValue('#jalon-0-date'), '2025-08-14');
    await assertClean(page);
  });

  test('milestones move up and down and are removed, focus following them', async () => {
    const page = await open('/contribuer');
    await page.fill('#jalon-0-libelle', 'Premier');
    await page.click('#contribution-ajouter-jalon');
    await focused(page, 'jalon-1-libelle');
    await page.fill('#jalon-1-libelle', 'Second');
    assert.equal(await page.isDisabled('#jalon-0-monter'), true);
    assert.equal(await page.isDisabled('#jalon-1-descendre'), true);
    await page.click('#jalon-1-monter');
    assert.equal(await page.inputValue('#jalon-0-libelle'), 'Second');
    assert.equal(await page.inputValue('#jalon-1-libelle'), 'Premier');
    assert.equal(await page.inputValue('#jalon-0-id'), 'second');
    await focused(page, 'jalon-0-descendre');
    assert.equal(await page.locator('#editeur-annonce').innerText(), 'Jalon déplacé en position 1.');
    await page.click('#jalon-0-retirer');
    assert.equal(await page.locator('fieldset[id^="jalon-"]').count(), 1);
    assert.equal(await page.inputValue('#jalon-0-libelle'), 'Premier');
    await focused(page, 'contribution-ajouter-jalon');
    await page.click('#jalon-0-retirer');
    await page.click('#verifier-saisie');
    assert.ok((await page.locator('#erreurs-saisie').innerText()).includes('Jalons\u00a0: Ajoutez au moins un jalon.'));
    assert.match(await errorOf(page, 'contribution-ajouter-jalon').innerText(), /Ajoutez au moins un jalon/);
    await assertClean(page);
  });
});

describe('the draft', () => {
  test('survives a reload, one draft per chantier, and is deleted only after confirmation', async () => {
    const page = await open('/contribuer');
    assert.equal(await page.locator('#supprimer-brouillon').count(), 0, 'an untouched form is no draft');
    await page.fill('#contribution-titre', 'Brouillon à garder');
    await tick(page, 'contribution-nature', 'opportunity');
    await page.selectOption('#jalon-0-date-precision', 'semester');
    await page.fill('#jalon-0-date', '2027');
    await page.selectOption('#jalon-0-date-partie', '1');
    await page.click('#contribution-ajouter-source');
    await page.fill('#source-0-libelle', 'Une source');

    await page.reload();
    await page.waitForSelector('#contribution-formulaire');
    assert.equal(await page.inputValue('#contribution-titre'), 'Brouillon à garder');
    assert.equal(await page.inputValue('#contribution-id'), 'brouillon-a-garder');
    assert.equal(await page.isChecked('input[name="contribution-nature"][value="opportunity"]'), true);
    assert.equal(await page.inputValue('#jalon-0-date-precision'), 'semester');
    assert.equal(await page.inputValue('#jalon-0-date-partie'), '1');
    assert.equal(await page.inputValue('#source-0-libelle'), 'Une source');
    assert.match(await page.locator('#brouillon-restaure').innerText(), /brouillon .* a été restauré/);

    // A closed tab: a new page of the same browser profile finds it too.
    const other = await page.context().newPage();
    await other.goto(site.server.url + '/contribuer');
    await other.waitForSelector('#contribution-formulaire');
    assert.equal(await other.inputValue('#contribution-titre'), 'Brouillon à garder');
    // An update has its own draft.
    await other.goto(site.server.url + '/contribuer/referentiel-m57');
    await other.waitForSelector('#contribution-formulaire');
    assert.equal(await other.inputValue('#contribution-titre'), m57.title);
    await other.close();

    // Deleting asks first; "Annuler" and Escape keep the draft.
    await page.click('#supprimer-brouillon');
    await page.waitForFunction(() => document.activeElement?.id === 'confirmer-suppression');
    assert.match(await page.locator('#confirmer-suppression').innerText(), /Supprimer le brouillon\u202f\?/);
    assert.deepEqual(await axeViolations(page), [], 'confirmation');
    await page.click('#annuler-suppression');
    await page.waitForFunction(() => document.activeElement?.id === 'supprimer-brouillon');
    assert.equal(await page.locator('#confirmer-suppression').count(), 0);
    await page.click('#supprimer-brouillon');
    // Escape is heard where focus is: wait until the confirmation has it.
    await page.waitForFunction(() => document.activeElement?.id === 'confirmer-suppression');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#confirmer-suppression', { state: 'detached' });
    assert.equal(await page.inputValue('#contribution-titre'), 'Brouillon à garder');

    await page.click('#supprimer-brouillon');
    await page.click('#confirmer-suppression-brouillon');
    await page.waitForFunction(() => document.activeElement?.id === 'brouillon-supprime');
    assert.equal(await page.inputValue('#contribution-titre'), '');
    assert.equal(await page.inputValue('#jalon-0-date-precision'), 'day');
    assert.equal(await page.locator('#source-0-libelle').count(), 0);
    assert.equal(await page.evaluate(() => localStorage.getItem('agenda-numerique.brouillon.nouveau')), null);
    await page.reload();
    await page.waitForSelector('#contribution-formulaire');
    assert.equal(await page.inputValue('#contribution-titre'), '');
    assert.equal(await page.locator('#brouillon-restaure').count(), 0);
    await assertClean(page);
  });
});

describe('an update of a published chantier', () => {
  test('opens pre-filled from the chantier page, lists what changed, and is accepted by the CLI', async () => {
    const page = await open('/chantiers/referentiel-m57');
    await page.click('#proposer-mise-a-jour');
    await page.waitForSelector('#contribution-formulaire');
    assert.equal(new URL(page.url()).pathname, '/contribuer/referentiel-m57');
    assert.equal(await page.title(), `Proposer une mise à jour\u00a0: ${m57.title} — Agenda numérique des collectivités`);
    assert.equal(await page.inputValue('#contribution-titre'), m57.title);
    assert.equal(await page.inputValue('#contribution-id'), 'referentiel-m57');
    assert.equal(await page.getAttribute('#contribution-id', 'readonly'), '');
    assert.equal(await page.inputValue('#contribution-resume'), m57.summary);
    assert.equal(await page.inputValue('#contribution-description'), m57.description.join('\n\n'));
    assert.equal(await page.inputValue('#jalon-0-id'), m57.milestones[0].id);
    assert.equal(await page.inputValue('#jalon-0-date'), m57.milestones[0].date);
    assert.equal(await page.locator('#changements').innerText(), 'Aucune modification pour l\'instant.');
    assert.equal(await page.isDisabled('#telecharger-contribution'), false, 'the published entry is valid');
    assert.deepEqual(await axeViolations(page), [], 'update editor');

    await page.fill('#contribution-resume', `${m57.summary} Les budgets M4, M21 et M22 conservent leur instruction.`);
    await page.fill('#jalon-0-details', 'Hors M4, M21 et M22.');
    const changes = await page.locator('#changements li').allInnerTexts();
    assert.equal(changes.length, 2, changes.join('\n'));
    assert.match(changes[0], /^Résumé\u00a0: «\u00a0.*\u00a0» → «\u00a0.*conservent leur instruction\.\u00a0»$/);
    assert.equal(changes[1], `Jalon «\u00a0${m57.milestones[0].id}\u00a0»\u00a0: détails ajoutés\u00a0: «\u00a0Hors M4, M21 et M22.\u00a0»`);

    const file = await download(page);
    assert.equal(file.name, 'contribution-referentiel-m57.json');
    const json = JSON.parse(readFileSync(file.path, 'utf8'));
    assert.equal(json.base_updated, m57.updated);
    const cli = assertAcceptedByTheCli(file.path);
    assert.match(cli.validate, /mise à jour de «\u00a0referentiel-m57\u00a0»/);
    assert.match(cli.validate, /Jalon «\u00a0generalisation-m57\u00a0»\u00a0: détails ajoutés/);

    const mail = new URL(await page.getAttribute('#envoyer-courriel', 'href'));
    assert.equal(mail.searchParams.get('subject'), 'Contribution à l\'agenda\u00a0: mise à jour de «\u00a0referentiel-m57\u00a0»');
    assert.match(mail.searchParams.get('body'), /Ce qui change\u00a0:\r\n- Résumé/);

    // Reloaded, the update's draft is still there, apart from the new chantier's.
    await page.reload();
    await page.waitForSelector('#contribution-formulaire');
    assert.equal(await page.inputValue('#jalon-0-details'), 'Hors M4, M21 et M22.');
    assert.equal(await page.locator('#changements li').count(), 2);
    await assertClean(page);
  });

  test('an unknown chantier has nothing to update', async () => {
    const page = await open('/contribuer/chantier-inconnu');
    assert.equal(await page.locator('h1:visible').innerText(), 'Chantier introuvable');
    assert.equal(await page.title(), 'Chantier introuvable — Agenda numérique des collectivités');
    await assertClean(page);
  });
});

describe('where contributions go', () => {
  test('the dataset says where: a repository instead of an e-mail address', async () => {
    const data = { ...published, contributions: { repository_url: 'https://forge.example.gouv.fr/anct/agenda' } };
    const page = await open('/contribuer/referentiel-m57', { dataset: JSON.stringify(data) });
    const send = page.locator('#envoi');
    assert.equal(await page.locator('#envoyer-courriel').count(), 0);
    const link = send.getByRole('link', { name: /dépôt de l'agenda/ });
    assert.equal(await link.getAttribute('href'), 'https://forge.example.gouv.fr/anct/agenda');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
    // Without a contact, the chantier's page offers no e-mail either.
    await page.goto(`${site.server.url}/chantiers/referentiel-m57`);
    await page.waitForSelector('#proposer-mise-a-jour');
    assert.equal(await page.locator('#donner-avis').count(), 0);
    await assertClean(page);
  });

  test('a draft prepared from an older version of the entry asks to start again', async () => {
    const page = await newPage(site.browser, site.server.url);
    const stale = { base_updated: '2020-01-01', updated: '2020-01-01', id: 'referentiel-m57', title: 'Ancien titre' };
    await page.addInitScript((draft) => {
      localStorage.setItem('agenda-numerique.brouillon.mise-a-jour.referentiel-m57', JSON.stringify(draft));
    }, stale);
    await page.goto(`${site.server.url}/contribuer/referentiel-m57`);
    await page.waitForSelector('#contribution-formulaire');
    assert.equal(await page.inputValue('#contribution-titre'), 'Ancien titre');
    await page.click('#verifier-saisie');
    await page.waitForFunction(() => document.activeElement?.id === 'erreurs-saisie');
    assert.match(await page.locator('#erreurs-saisie').innerText(), /Identifiant\u00a0: Le chantier a été modifié le 29 novembre 2026, après la version sur laquelle porte la contribution \(1er janvier 2020\).*Supprimez le brouillon pour repartir de la fiche publiée\./s);
    await page.click('#supprimer-brouillon');
    await page.click('#confirmer-suppression-brouillon');
    await page.waitForFunction(() => document.activeElement?.id === 'brouillon-supprime');
    assert.equal(await page.inputValue('#contribution-titre'), m57.title);
    assert.equal(await page.isDisabled('#telecharger-contribution'), false);
    await assertClean(page);
  });
});

describe('the authorities\' voice', () => {
  test('« Donner votre avis » writes to the agenda\'s team about this chantier; the footer leads to the editor', async () => {
    const page = await open('/chantiers/referentiel-m57');
    const href = await page.getAttribute('#donner-avis', 'href');
    const mail = new URL(href);
    assert.equal(mail.protocol, 'mailto:');
    assert.equal(mail.pathname, m57.contact ?? published.contributions.email);
    assert.equal(mail.searchParams.get('subject'), `Avis sur le chantier «\u00a0${m57.title}\u00a0»`);
    const body = mail.searchParams.get('body');
    assert.ok(body.includes(`«\u00a0${m57.title}\u00a0» (identifiant\u00a0: referentiel-m57)`), body);
    assert.ok(body.includes(`${site.server.url}/chantiers/referentiel-m57`), body);
    assert.deepEqual(await axeViolations(page), [], 'chantier page with its contribution links');

    await page.getByRole('link', { name: 'Contribuer (ministères)' }).click();
    await page.waitForSelector('#contribution-formulaire');
    assert.equal(new URL(page.url()).pathname, '/contribuer');
    await assertClean(page);
  });
});

describe('keyboard only', () => {
  test('a minimal new chantier, from the first field to the download', async () => {
    const page = await open('/contribuer');
    await tabTo(page, 'contribution-titre');
    await page.keyboard.type('Ouverture des données des marchés');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'contribution-id');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Les données essentielles des marchés publics sont publiées en ligne.');
    await tabTo(page, 'contribution-porteurs');
    await page.keyboard.press('Space');
    await tabTo(page, 'contribution-themes');
    await page.keyboard.press('Space');
    await tabTo(page, 'contribution-nature');
    await page.keyboard.press('Space');
    await tabTo(page, 'regle-0-type');
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.inputValue('#regle-0-type'), 'commune');
    await tabTo(page, 'jalon-0-libelle');
    await page.keyboard.type('Publication obligatoire');
    await tabTo(page, 'jalon-0-date-precision');
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowDown');
    assert.equal(await page.inputValue('#jalon-0-date-precision'), 'year');
    await page.keyboard.press('Tab');
    assert.equal(await focusedId(page), 'jalon-0-date');
    await page.keyboard.type('2027');
    // Enter in a field asks to check the entry: complete, focus goes to the preview.
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'apercu-titre');
    await tabTo(page, 'telecharger-contribution');
    const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const path = join(downloads, `clavier-${file.suggestedFilename()}`);
    await file.saveAs(path);
    assert.equal(file.suggestedFilename(), 'contribution-ouverture-des-donnees-des-marches.json');
    assertAcceptedByTheCli(path);
    await assertClean(page);
  });

  test('an invalid entry: Enter shows the summary, whose links lead to the fields', async () => {
    const page = await open('/contribuer');
    await tabTo(page, 'contribution-titre');
    await page.keyboard.type('Titre seul');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'erreurs-saisie');
    await page.keyboard.press('Tab');
    assert.match(await page.evaluate(() => document.activeElement.textContent), /^Résumé\u00a0: Saisissez le résumé\.$/);
    await page.keyboard.press('Enter');
    assert.equal(await focusedId(page), 'contribution-resume');
    await assertClean(page);
  });
});

// The editor is its own build (scripts/build.sh): moving between it and the agenda
// loads the other page from the server, and a host that sends the wrong page does not
// make the app reload in a loop.
describe('two builds, one site', () => {
  test('the editor\'s links lead back to the agenda, which shows its own heading', async () => {
    const page = await open('/contribuer');
    assert.equal(await page.locator('#entete-agenda').count(), 0, "the editor's page has no agenda heading");
    await page.locator('.fr-breadcrumb').getByRole('link', { name: 'Agenda' }).click();
    await page.waitForSelector('#compteur', { timeout: 15000 });
    assert.equal(new URL(page.url()).pathname, '/');
    assert.ok(await page.locator('#entete-agenda h1').isVisible());
    await page.goBack();
    await page.waitForSelector('#contribution-formulaire', { timeout: 15000 });
    assert.equal(new URL(page.url()).pathname, '/contribuer');
    await assertClean(page);
  });

  test('a host that answers /contribuer with the agenda\'s page gets « Page introuvable », not a reload loop', async () => {
    const agendaPage = readFileSync(join(root, 'dist', 'index.html'));
    const misrouted = await startServer({
      faults: { '/contribuer': (req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(agendaPage) },
    });
    try {
      const page = await newPage(site.browser, misrouted.url);
      let loads = 0;
      page.on('load', () => { loads += 1; });
      await page.goto(`${misrouted.url}/`);
      await page.waitForSelector('#compteur', { timeout: 15000 });
      await page.getByRole('link', { name: 'Contribuer (ministères)' }).click();
      await page.waitForSelector('.agenda-not-found', { timeout: 15000 });
      await page.waitForTimeout(500);
      assert.equal(loads, 2, 'the agenda, then /contribuer once');
      assert.equal(await page.locator('h1:visible').textContent(), 'Page introuvable');
      await assertClean(page);
    } finally {
      await misrouted.close();
    }
  });
});
