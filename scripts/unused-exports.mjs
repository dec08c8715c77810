// Removes the exports of the wasm that its JS glue never reads, and the code only
// they reached (run by post-build.mjs on release builds).
//
// wasm-bindgen exports one JS class per `#[wasm_bindgen]` struct of every crate in
// the build, and an export is a root that neither the linker nor wasm-opt may
// remove. Leptos always compiles in its server-function client (this app has no
// server functions), which brings wasm-streams' three stream classes that nothing
// calls: removing them saved 0.8 kB gzip of wasm and 0.3 kB of glue (5 December). The page imports only the glue's
// `init` and the app's own functions (`window.wasmBindings`), never a class; so the
// classes are made private to the glue module, terser drops those the glue itself
// does not use, and the wasm keeps only the exports the remaining glue reads.
import binaryen from 'binaryen';
import { minify } from 'terser';

/**
 * Minifies wasm-bindgen's glue without the classes it does not use itself, and
 * removes from the wasm every export that glue does not read.
 *
 * @param {string} glue the JS glue as wasm-bindgen wrote it
 * @param {Uint8Array} wasm the wasm it loads
 * @returns {Promise<{ glue: string, wasm: Uint8Array, removed: string[] }>}
 */
export async function withoutUnusedExports(glue, wasm) {
  // The glue reads the instance's exports as `wasm.name` only: anything else
  // would hide a read from the list below, and a needed export would go.
  if (/\bwasm\s*\[|\binstance\.exports\.|\bexports\s*\[/.test(glue)) {
    throw new Error('the glue reads the wasm\'s exports otherwise than as `wasm.name`: wasm-bindgen changed; update scripts/unused-exports.mjs');
  }
  let privateGlue = glue;
  for (const [, name] of glue.matchAll(/^export class (\w+) \{$/gm)) {
    privateGlue = privateGlue
      .replace(`export class ${name} {`, `class ${name} {`)
      // Lets `using` release an instance: only code outside the module could.
      .replace(`if (Symbol.dispose) ${name}.prototype[Symbol.dispose] = ${name}.prototype.free;`, '');
  }
  // The page starts the module asynchronously (`init`), never with `initSync`.
  privateGlue = privateGlue.replace('export { initSync, __wbg_init as default };', 'export { __wbg_init as default };');
  // A finalization registry of a class nobody creates can go with it.
  privateGlue = privateGlue.replaceAll('new FinalizationRegistry(', '/*#__PURE__*/ new FinalizationRegistry(');
  const { code } = await minify(privateGlue, { module: true, mangle: { reserved: ['wasm'] } });
  const read = new Set([...code.matchAll(/\bwasm\.(\w+)/g)].map((m) => m[1]));

  // The features binaryen reads (the wasm's own): with more enabled, it may write
  // encodings a browser does not take (compact imports).
  const module = binaryen.readBinary(wasm);
  try {
    const exported = Array.from({ length: module.getNumExports() },
      (_, i) => binaryen.getExportInfo(module.getExportByIndex(i)).name);
    const missing = [...read].filter((name) => !exported.includes(name));
    if (missing.length > 0) {
      throw new Error(`the glue reads ${missing.join(', ')}, which the wasm does not export: are the glue and the wasm from the same build?`);
    }
    const removed = exported.filter((name) => !read.has(name));
    for (const name of removed) module.removeExport(name);
    module.runPasses(['remove-unused-module-elements']);
    if (!module.validate()) throw new Error('the wasm without its unused exports does not validate');
    return { glue: code, wasm: module.emitBinary(), removed };
  } finally {
    module.dispose();
  }
}
