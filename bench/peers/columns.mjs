// Shared plumbing for the Milenage peers: the same packed-column input and output as akacore's
// milenageBatch (see src/milenage.ts), so every implementation can be checked byte for byte
// against the others before it is timed. Bench-only code: inputs are trusted, checks are minimal.

/** Bytes per vector of each output column, as akacore's STRIDES. */
export const STRIDES = Object.freeze({ rand: 16, xres: 8, ck: 16, ik: 16, ak: 6, autn: 16 });

/**
 * Normalises a milenageBatch-style input: returns the number of records, the per-subscriber counts
 * and an AMF column (2 bytes per record, expanded from a single AMF if needed).
 * @param {{k: Uint8Array, opc: Uint8Array, counts?: ArrayLike<number>, rand: Uint8Array,
 *          sqn: Uint8Array, amf: Uint8Array}} input
 */
export function layout(input) {
  const subscribers = input.k.length / 16;
  const n = input.rand.length / 16;
  if (input.opc === undefined || input.opc.length !== 16 * subscribers) {
    throw new RangeError('peers take opc: 16 bytes per subscriber');
  }
  if (input.sqn.length !== 6 * n) throw new RangeError('sqn: 6 bytes per record');
  let counts = input.counts;
  if (counts === undefined) counts = subscribers === n ? new Array(n).fill(1) : [n];
  if (counts.length !== subscribers) throw new RangeError('counts: one entry per subscriber');
  let amf = input.amf;
  if (amf.length === 2 && n !== 1) {
    amf = new Uint8Array(2 * n);
    for (let i = 0; i < n; i++) amf.set(input.amf, 2 * i);
  } else if (amf.length !== 2 * n) {
    throw new RangeError('amf: 2 bytes, or 2 bytes per record');
  }
  return { subscribers, n, counts, amf };
}

/** Fresh output columns for n vectors (akacore also returns freshly allocated columns). */
export function outputColumns(n, rand) {
  return {
    count: n,
    rand: rand.slice(),
    xres: new Uint8Array(8 * n),
    ck: new Uint8Array(16 * n),
    ik: new Uint8Array(16 * n),
    ak: new Uint8Array(6 * n),
    autn: new Uint8Array(16 * n),
  };
}

/**
 * A Uint32Array over `bytes` (a view when 4-byte aligned, else over a copy): the peers do their
 * Milenage XORs and rotations on little-endian 32-bit words, four per block, rather than on bytes.
 * Byte i of a block is then byte i % 4 of word i / 4, so rot(x, 32) = (x1, x2, x3, x0),
 * rot(x, 64) = (x2, x3, x0, x1), and a constant whose last byte is v is v << 24 in word 3.
 * Input views of a misaligned input are read-only copies; output columns are always aligned.
 */
export function words(bytes) {
  if (bytes.byteOffset % 4 === 0) return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
  return new Uint32Array(Uint8Array.prototype.slice.call(bytes).buffer);
}

/** Throws on a big-endian platform, where the word views above would not match the byte order. */
export function assertLittleEndian(peer) {
  if (new Uint8Array(Uint32Array.of(1).buffer)[0] !== 1) throw new Error(`${peer} assumes a little-endian platform`);
}
