// The release build's rewriting of the wasm and its glue (scripts/short-names.mjs,
// scripts/function-order.mjs), on small modules made here: the rewritten module
// must still validate, link and compute what it computed.
import assert from 'node:assert/strict';
import test from 'node:test';

import binaryen from 'binaryen';

import { inCompressionOrder } from '../../scripts/function-order.mjs';
import { withShortNames } from '../../scripts/short-names.mjs';

/**
 * A module importing `./app_bg.js` `__wbg_log_0123456789abcdef` (i32 → nothing) and
 * exporting `memory`, `add_one_h0123456789abcdef` and `double_then_log`, with
 * `copies` near-identical helper functions in between.
 */
function sampleModule(copies = 0) {
  const module = new binaryen.Module();
  try {
    const { i32, none } = binaryen;
    module.setMemory(1, 1, 'memory');
    module.addFunctionImport('log', './app_bg.js', '__wbg_log_0123456789abcdef', i32, none);
    module.addFunction('add_one', i32, i32, [], module.i32.add(module.local.get(0, i32), module.i32.const(1)));
    for (let i = 0; i < copies; i += 1) {
      module.addFunction(`helper${i}`, i32, i32, [], module.i32.mul(module.local.get(0, i32), module.i32.const(2 + (i % 3))));
    }
    module.addFunction('double_then_log', i32, i32, [], module.block(null, [
      module.call('log', [module.i32.mul(module.local.get(0, i32), module.i32.const(2))], none),
      module.call(copies > 0 ? `helper${copies - 1}` : 'add_one', [module.local.get(0, i32)], i32),
    ], i32));
    module.addFunctionExport('add_one', 'add_one_h0123456789abcdef');
    module.addFunctionExport('double_then_log', 'double_then_log');
    assert.ok(module.validate());
    return module.emitBinary();
  } finally {
    module.dispose();
  }
}

/** A glue as wasm-bindgen writes it once minified: imports as keys, exports as `wasm.name`. */
const sampleGlue = [
  'export function double_then_log(n){return wasm.double_then_log(n)}',
  'export function add_one(n){return wasm.add_one_h0123456789abcdef(n)}',
  'function n(){const n={__proto__:null,__wbg_log_0123456789abcdef:function(n){logged.push(n)}};return{__proto__:null,"./app_bg.js":n}}',
  'let wasm;const mem=()=>wasm.memory;',
].join('\n');

/** Instantiates `wasm` with the imports the (renamed) glue's object gives, under its module's name. */
async function instantiate(wasm, glue) {
  const logged = [];
  const imports = {};
  for (const [, name] of glue.matchAll(/[{,](\w+):function/g)) imports[name] = (n) => logged.push(n);
  const [, module] = glue.match(/return\{__proto__:null,("[^"]+"):n\}/);
  const { instance } = await WebAssembly.instantiate(wasm, { [JSON.parse(module)]: imports });
  return { exports: instance.exports, logged };
}

test('imports and exports are renamed in the wasm and the glue together, `memory` kept', async () => {
  const { glue, wasm, renamed } = withShortNames(sampleGlue, sampleModule());
  assert.equal(renamed, 3);
  assert.ok(!glue.includes('0123456789abcdef'), glue);
  assert.ok(!glue.includes('./app_bg.js') && !Buffer.from(wasm).includes('./app_bg.js'), 'the import module is renamed too');
  assert.ok(!Buffer.from(wasm).includes('0123456789abcdef'));
  assert.ok(glue.includes('export function double_then_log('), 'the glue\'s own exports keep their names');
  assert.match(glue, /wasm\.memory/);
  const { exports, logged } = await instantiate(wasm, glue);
  assert.ok(exports.memory instanceof WebAssembly.Memory);
  const exportOf = (name) => exports[glue.match(new RegExp(`function ${name}\\(n\\)\\{return wasm\\.(\\w+)\\(n\\)`))[1]];
  assert.equal(exportOf('add_one')(41), 42);
  assert.equal(exportOf('double_then_log')(5), 6);
  assert.deepEqual(logged, [10]);
});

test('a name the glue uses other than as expected stops the build, naming it', () => {
  const twice = `${sampleGlue}\nconsole.log("__wbg_log_0123456789abcdef");`;
  assert.throws(() => withShortNames(twice, sampleModule()), /import __wbg_log_0123456789abcdef/);
  const read = sampleGlue.replace('wasm.add_one_h0123456789abcdef(n)', 'wasm["add_one_h0123456789abcdef"](n)');
  assert.throws(() => withShortNames(read, sampleModule()), /export add_one_h0123456789abcdef/);
  // A longer name that starts with another is not a use of it.
  const variant = sampleGlue.replace('__wbg_log_0123456789abcdef:function(n){logged.push(n)}',
    '__wbg_log_0123456789abcdef:function(n){logged.push(n)},__wbg_log_0123456789abcdef_2:function(){}');
  assert.doesNotThrow(() => withShortNames(variant, sampleModule()));
});

test('functions put in compression order compute what they computed, without a name section', async () => {
  const before = sampleModule(40);
  const { wasm, functions } = inCompressionOrder(before);
  assert.equal(functions, 42);
  assert.equal(wasm.length, before.length);
  assert.notDeepEqual(Buffer.from(wasm), Buffer.from(before), 'the alike helpers are brought together');
  assert.ok(!Buffer.from(wasm).includes('helper'), 'the names used to sort are not written');
  assert.ok(WebAssembly.validate(wasm));
  const { exports, logged } = await instantiate(wasm, sampleGlue);
  assert.equal(exports.add_one_h0123456789abcdef(1), 2);
  assert.equal(exports.double_then_log(7), 7 * (2 + (39 % 3)));
  assert.deepEqual(logged, [14]);
});
