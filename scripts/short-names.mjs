// Shortens the names by which the wasm and its JS glue call each other (run by
// post-build.mjs on release builds, after unused-exports.mjs).
//
// wasm-bindgen names each import after the JS function it binds and a hash
// (`__wbg_addEventListener_847fd86b8c33ec43`), and some exports likewise
// (`wasm_bindgen__convert__closures_____invoke__h10c7cea53597491f`): each name is
// written once in the wasm and once in the glue, and the hashes do not compress.
// Both files come out of the same build, so both are renamed together, with the
// module the imports come from (`./agenda-app_bg.js`, written before each of them):
// 0.3 kB of names instead of 7 kB, and 6 kB less `gzip -9` over the two (5 December;
// README, "Performance").
import { importDescriptor, leb, readName, sections, uleb, writeName } from './wasm-sections.mjs';

/** Names the page or the benchmark reads on the instance: kept. */
const KEPT = new Set(['memory']);

/**
 * The wasm and its glue with every import and export (but `memory`) renamed to one
 * or two letters, and each import module to a number.
 *
 * @param {string} glue the minified glue (`unused-exports.mjs`): reads exports as `wasm.name`
 * @param {Uint8Array} wasm the module it loads
 * @returns {{ glue: string, wasm: Uint8Array, renamed: number }}
 */
export function withShortNames(glue, wasm) {
  let renamed = 0;
  const parts = [wasm.subarray(0, 8)];
  for (const section of sections(wasm)) {
    if (section.id === 2 || section.id === 7) {
      const rewritten = section.id === 2 ? renameImports(wasm, section, glue) : renameExports(wasm, section, glue);
      glue = rewritten.glue;
      renamed += rewritten.renamed;
      parts.push(Uint8Array.from([section.id, ...uleb(rewritten.contents.length)]), rewritten.contents);
    } else {
      parts.push(wasm.subarray(section.start, section.end));
    }
  }
  return { glue, wasm: Buffer.concat(parts), renamed };
}

/** `a`, `b`, … `Z`, `aa`, `ba`, …: the `index`th short name. */
function shortName(index) {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let name = '';
  do {
    name += letters[index % letters.length];
    index = Math.floor(index / letters.length) - 1;
  } while (index >= 0);
  return name;
}

/**
 * How many times `text` occurs in `glue` as a whole word: not as a part of a longer
 * name (wasm-bindgen numbers variants of one export `name_15`).
 */
function occurrences(glue, text) {
  return (glue.match(wordRegExp(text)) ?? []).length;
}

/** `text` (a name, maybe with a punctuation around it) where it starts and ends a word. */
function wordRegExp(text) {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${/^\w/.test(text) ? '\\b' : ''}${escaped}${/\w$/.test(text) ? '\\b' : ''}`, 'g');
}

// An import is a key of the object the glue gives `WebAssembly.instantiate`,
// written `name:` once and nowhere else.
function renameImports(wasm, { contents, end }, glue) {
  let [count, at] = leb(wasm, contents);
  const out = [...uleb(count)];
  let renamed = 0;
  const modules = new Map();
  for (let index = 0; index < count; index += 1) {
    const [module, afterModule] = readName(wasm, at);
    if (!modules.has(module)) {
      // The glue gives each module's imports as one object under its name.
      const key = `${JSON.stringify(module)}:`;
      if (occurrences(glue, key) !== 1) {
        throw new Error(`the glue does not name the import module ${module} once, as a key: update scripts/short-names.mjs`);
      }
      const short = `${modules.size}`;
      glue = glue.replace(key, `${JSON.stringify(short)}:`);
      modules.set(module, short);
    }
    const [name, afterName] = readName(wasm, afterModule);
    const descriptor = importDescriptor(wasm, afterName).end;
    let newName = name;
    if (!KEPT.has(name)) {
      if (occurrences(glue, name) !== 1 || occurrences(glue, `${name}:`) !== 1) {
        throw new Error(`the glue does not name the import ${name} once, as a key: wasm-bindgen changed; update scripts/short-names.mjs`);
      }
      newName = shortName(index);
      glue = glue.replace(wordRegExp(`${name}:`), `${newName}:`);
      renamed += 1;
    }
    out.push(...writeName(modules.get(module)), ...writeName(newName), ...wasm.subarray(afterName, descriptor));
    at = descriptor;
  }
  if (at !== end) throw new Error('the import section was not read to its end');
  return { contents: Uint8Array.from(out), glue, renamed };
}

// An export is read by the glue as `wasm.name` only (unused-exports.mjs checks it).
function renameExports(wasm, { contents, end }, glue) {
  let [count, at] = leb(wasm, contents);
  const out = [...uleb(count)];
  let renamed = 0;
  for (let index = 0; index < count; index += 1) {
    const [name, afterName] = readName(wasm, at);
    const [, descriptor] = leb(wasm, afterName + 1); // kind, then index
    let newName = name;
    if (!KEPT.has(name)) {
      const reads = wordRegExp(`wasm.${name}`);
      const read = (glue.match(reads) ?? []).length;
      // The glue's own function of the same name calls it (`simulate_panic`).
      const wrapper = occurrences(glue, `export function ${name}(`);
      if (read === 0 || occurrences(glue, name) !== read + wrapper) {
        throw new Error(`the glue reads the export ${name} other than as \`wasm.${name}\`: update scripts/short-names.mjs`);
      }
      newName = `_${shortName(index)}`;
      glue = glue.replace(reads, `wasm.${newName}`);
      renamed += 1;
    }
    out.push(...writeName(newName), ...wasm.subarray(afterName, descriptor));
    at = descriptor;
  }
  if (at !== end) throw new Error('the export section was not read to its end');
  return { contents: Uint8Array.from(out), glue, renamed };
}

