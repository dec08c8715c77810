// The little of the wasm binary format that the build's post-processing reads
// (function-order.mjs, short-names.mjs): sections and LEB128 numbers.

/**
 * Reads an unsigned LEB128 at `offset`.
 *
 * @param {Uint8Array} bytes
 * @param {number} offset
 * @returns {[number, number]} the value, and the offset after it
 */
export function leb(bytes, offset) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[offset];
    offset += 1;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, offset];
  }
}

/**
 * Writes an unsigned LEB128.
 *
 * @param {number} value
 * @returns {number[]}
 */
export function uleb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

/**
 * The module's sections in file order: id, start (of the id byte), start of the
 * contents, end.
 *
 * @param {Uint8Array} wasm
 * @returns {{ id: number, start: number, contents: number, end: number }[]}
 */
export function sections(wasm) {
  const found = [];
  for (let offset = 8; offset < wasm.length;) {
    const id = wasm[offset];
    const [size, contents] = leb(wasm, offset + 1);
    found.push({ id, start: offset, contents, end: contents + size });
    offset = contents + size;
  }
  return found;
}

/**
 * Where the description of an import (its kind and type) that starts at `at` ends,
 * and whether it imports a function.
 *
 * @param {Uint8Array} wasm
 * @param {number} at
 * @returns {{ end: number, isFunction: boolean }}
 */
export function importDescriptor(wasm, at) {
  const kind = wasm[at];
  at += 1;
  const limits = () => {
    const flags = wasm[at];
    [, at] = leb(wasm, at + 1);
    if (flags & 1) [, at] = leb(wasm, at);
  };
  if (kind === 0) [, at] = leb(wasm, at); // function: its type
  else if (kind === 1) { at += 1; limits(); } // table: reference type, limits
  else if (kind === 2) limits(); // memory
  else if (kind === 3) at += 2; // global: value type, mutability
  else throw new Error(`import of unknown kind ${kind}: update scripts/wasm-sections.mjs`);
  return { end: at, isFunction: kind === 0 };
}

/**
 * Reads a name (its length, then UTF-8) at `offset`.
 *
 * @param {Uint8Array} wasm
 * @param {number} offset
 * @returns {[string, number]} the name, and the offset after it
 */
export function readName(wasm, offset) {
  const [length, start] = leb(wasm, offset);
  return [Buffer.from(wasm.subarray(start, start + length)).toString(), start + length];
}

/**
 * Writes a name as the binary format does.
 *
 * @param {string} name
 * @returns {number[]}
 */
export function writeName(name) {
  const bytes = Buffer.from(name);
  return [...uleb(bytes.length), ...bytes];
}

/**
 * The module without its custom sections (names, `producers`, `target_features`,
 * markers): tools read them, browsers do not.
 *
 * @param {Uint8Array} wasm
 * @returns {{ wasm: Uint8Array, removed: string[] }}
 */
export function withoutCustomSections(wasm) {
  const kept = [wasm.subarray(0, 8)];
  const removed = [];
  for (const { id, start, contents, end } of sections(wasm)) {
    if (id === 0) removed.push(readName(wasm, contents)[0]);
    else kept.push(wasm.subarray(start, end));
  }
  return { wasm: Buffer.concat(kept), removed };
}
