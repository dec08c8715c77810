// trunk post-build hook: DSFR's stylesheet limited to its core and the components the
// app uses, as DSFR allows (each component ships its own CSS, listed with its
// dependencies in node_modules/@gouvfr/dsfr/dist/component/*/README.md). Written as
// dsfr/dsfr-agenda.min.css: 457 kB instead of 728 kB (gzip -9: 57 instead of 94 kB),
// render-blocking, parsed at every visit and matched against every element styled.
// The pages render pixel for pixel as with the whole stylesheet (checked on every
// page, light and dark, desktop and phone), and tests/browser/build.test.mjs checks
// that every DSFR class the source uses is defined here: add a component below when
// using a new one.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** In DSFR's order of dependencies (core first, then components). */
const components = [
  'link', 'button', 'form', 'input', 'checkbox', 'radio', 'select', 'segmented',
  'badge', 'tag', 'alert', 'callout', 'breadcrumb', 'logo', 'header', 'footer', 'skiplink',
];

const dist = 'node_modules/@gouvfr/dsfr/dist';
// Each file's url()s are relative to its own folder; the subset sits in dsfr/, where
// the build copies fonts/ and icons/.
const rebase = (css, depth) => css.replaceAll(`url(${'../'.repeat(depth)}`, 'url(');
const parts = [
  rebase(readFileSync(join(dist, 'core', 'core.min.css'), 'utf8'), 1),
  ...components.map((c) => rebase(readFileSync(join(dist, 'component', c, `${c}.min.css`), 'utf8'), 2)),
  rebase(readFileSync(join(dist, 'scheme', 'scheme.min.css'), 'utf8'), 1),
];
const css = parts.join('\n');
const stray = css.match(/url\((?!["']?data:)["']?\.\.\//);
if (stray) {
  console.error(`dsfr-subset: a url() still points outside dsfr/ (${stray[0]}…): DSFR's layout changed?`);
  process.exit(1);
}

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('dsfr-subset: TRUNK_STAGING_DIR is not set (this script is a trunk hook)');
  process.exit(1);
}
mkdirSync(join(staging, 'dsfr'), { recursive: true });
writeFileSync(join(staging, 'dsfr', 'dsfr-agenda.min.css'), css);
console.log(`dsfr-subset: dsfr/dsfr-agenda.min.css written (core and ${components.length} components, ${css.length} bytes)`);
