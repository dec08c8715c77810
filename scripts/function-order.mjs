// Reorders the wasm's functions so that similar ones sit side by side, where gzip's
// 32 kB window finds their common byte sequences (run by post-build.mjs on release
// builds, after unused-exports.mjs).
//
// The linker lays functions out by crate and module; the many near-identical copies
// a generic function gets (one per type: drops, decoders, closures) end up far apart,
// each compressed on its own. Put next to each other, the later ones cost a few
// back-references. The code is unchanged: only the order of the definitions, and the
// indices that name them, move.
import binaryen from 'binaryen';
import { deflateRawSync } from 'node:zlib';

import { importDescriptor, leb, readName, sections, uleb, writeName } from './wasm-sections.mjs';

/** Length of the byte sequences two bodies are compared by. */
const SHINGLE = 4;
/** How many of the most similar bodies are tried against the compressor. */
const CANDIDATES = 200;
/** How many of the bodies placed last a candidate is compared with. */
const RECENT = 2;
/** deflate's window: what the compressor can refer back to. */
const WINDOW = 32 * 1024;

/**
 * The wasm with its functions in an order that compresses better; same code.
 *
 * @param {Uint8Array} wasm a module without a name section (the release build's)
 * @returns {{ wasm: Uint8Array, functions: number }}
 */
export function inCompressionOrder(wasm) {
  const { imported, bodies } = readFunctions(wasm);
  const order = similarFirst(bodies);
  // binaryen sorts functions by name: each gets its rank as a name, then the names
  // are dropped again when the module is written (debug info off).
  const names = new Map();
  for (let i = 0; i < imported; i += 1) names.set(i, `i${String(i).padStart(6, '0')}`);
  order.forEach((body, rank) => names.set(imported + body, `f${String(rank).padStart(6, '0')}`));
  const module = binaryen.readBinary(withFunctionNames(wasm, names));
  try {
    module.runPasses(['reorder-functions-by-name']);
    if (!module.validate()) throw new Error('the wasm with its functions reordered does not validate');
    binaryen.setDebugInfo(false);
    return { wasm: module.emitBinary(), functions: bodies.length };
  } finally {
    module.dispose();
  }
}

/**
 * Greedy: from the body that sorts first, each next body is, among the remaining
 * ones most alike the last `RECENT` placed (the share of their 4-byte sequences
 * found in those), the one that deflate compresses best after what is already placed.
 *
 * @param {Uint8Array[]} bodies
 * @returns {number[]} the bodies' indices in their new order
 */
function similarFirst(bodies) {
  const shingles = bodies.map((body) => {
    const set = new Set();
    for (let i = 0; i + SHINGLE <= body.length; i += 1) {
      set.add(Buffer.from(body.subarray(i, i + SHINGLE)).toString('latin1'));
    }
    return set;
  });
  const holders = new Map();
  shingles.forEach((set, index) => {
    for (const shingle of set) {
      if (!holders.has(shingle)) holders.set(shingle, []);
      holders.get(shingle).push(index);
    }
  });
  const alone = bodies.map((body) => deflateRawSync(body, { level: 9 }).length);
  const byBytes = [...bodies.keys()].sort((a, b) => Buffer.compare(bodies[a], bodies[b]));
  const left = new Set(bodies.keys());
  const order = [];
  let placed = Buffer.alloc(0);
  for (let next = byBytes[0]; next !== undefined;) {
    left.delete(next);
    order.push(next);
    placed = Buffer.concat([placed.subarray(Math.max(0, placed.length - WINDOW)), bodies[next]]);
    next = mostCompressibleAfter(placed, candidatesAfter());
  }
  return order;

  // The remaining bodies most alike the last few placed (the latest counting most),
  // or the first remaining ones by bytes.
  function candidatesAfter() {
    const score = new Map();
    order.slice(-RECENT).reverse().forEach((placedBody, age) => {
      for (const shingle of shingles[placedBody]) {
        for (const other of holders.get(shingle)) {
          if (left.has(other)) score.set(other, (score.get(other) ?? 0) + 1 / ((age + 1) * shingles[other].size));
        }
      }
    });
    const alike = [...score.keys()].sort((a, b) => score.get(b) - score.get(a) || a - b);
    return (alike.length > 0 ? alike : byBytes.filter((index) => left.has(index))).slice(0, CANDIDATES);
  }

  // The candidate deflate shrinks most, relative to its size compressed alone, when
  // it follows `placed`.
  function mostCompressibleAfter(placed, candidates) {
    const dictionary = placed.subarray(Math.max(0, placed.length - WINDOW));
    let best;
    let bestRatio = Infinity;
    for (const candidate of candidates) {
      const ratio = deflateRawSync(bodies[candidate], { level: 9, dictionary }).length / alone[candidate];
      if (ratio < bestRatio) {
        bestRatio = ratio;
        best = candidate;
      }
    }
    return best;
  }
}

/** How many functions are imported, and each defined function's body. */
function readFunctions(wasm) {
  let imported = 0;
  let bodies = null;
  for (const { id, contents } of sections(wasm)) {
    if (id === 2) imported = countImportedFunctions(wasm, contents);
    if (id === 10) {
      let [count, offset] = leb(wasm, contents);
      bodies = [];
      for (; count > 0; count -= 1) {
        const [size, start] = leb(wasm, offset);
        bodies.push(wasm.subarray(start, start + size));
        offset = start + size;
      }
    }
  }
  if (!bodies) throw new Error('the wasm has no code section');
  return { imported, bodies };
}

function countImportedFunctions(wasm, offset) {
  let [count, at] = leb(wasm, offset);
  let functions = 0;
  for (; count > 0; count -= 1) {
    [, at] = readName(wasm, at);
    [, at] = readName(wasm, at);
    const descriptor = importDescriptor(wasm, at);
    if (descriptor.isFunction) functions += 1;
    at = descriptor.end;
  }
  return functions;
}

/** The wasm with a name section naming its functions (any previous one dropped). */
function withFunctionNames(wasm, names) {
  const parts = [wasm.subarray(0, 8)];
  for (const { id, start, contents, end } of sections(wasm)) {
    if (id === 0 && readName(wasm, contents)[0] === 'name') continue;
    parts.push(wasm.subarray(start, end));
  }
  const map = [...uleb(names.size)];
  for (const [index, name] of [...names].sort((a, b) => a[0] - b[0])) map.push(...uleb(index), ...writeName(name));
  const payload = [...writeName('name'), 1, ...uleb(map.length), ...map];
  parts.push(Uint8Array.from([0, ...uleb(payload.length), ...payload]));
  return Buffer.concat(parts);
}
