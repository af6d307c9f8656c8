// Sequence numbers of AKA (TS 33.102 clause 6.3.7 and Annex C): SQN is 48 bits, held here as a
// JavaScript number (exact up to 2^53) and written big-endian in 6 bytes on the wire. In the Annex C
// scheme SQN = SEQ || IND: the low `indBits` bits are the array index IND, the rest is SEQ.

/** SQN is 48 bits (TS 33.102 clause 6.3.2). */
export const SQN_BITS = 48;
/** The largest SQN, 2^48 - 1. */
export const SQN_MAX = 2 ** SQN_BITS - 1;
/** The IND length Annex C.3.2 suggests, 5 bits (32 array entries). */
export const DEFAULT_IND_BITS = 5;

/** Throws a RangeError naming `field` unless `indBits` is a whole number from 0 to 47 (Annex C.1.2). */
export function checkIndBits(field: string, indBits: number): number {
  if (!Number.isInteger(indBits) || indBits < 0 || indBits >= SQN_BITS) {
    throw new RangeError(`${field} must be a whole number of bits from 0 to ${SQN_BITS - 1}, got ${indBits}`);
  }
  return indBits;
}

/** Throws a RangeError naming `field` unless `value` is a whole number from 0 to `max`. */
export function checkWhole(field: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${field} must be a whole number from 0 to ${max}, got ${value}`);
  }
  return value;
}

/** SQN as its 6 big-endian bytes. */
export function sqnToBytes(sqn: number): Uint8Array {
  checkWhole('sqn', sqn, SQN_MAX);
  const bytes = new Uint8Array(6);
  const high = Math.floor(sqn / 2 ** 32);
  new DataView(bytes.buffer).setUint16(0, high);
  new DataView(bytes.buffer).setUint32(2, sqn - high * 2 ** 32);
  return bytes;
}

/** SQN from 6 big-endian bytes (`bytes` must hold at least `offset + 6`). */
export function sqnFromBytes(bytes: Uint8Array, offset = 0): number {
  if (!Number.isInteger(offset) || offset < 0 || offset + 6 > bytes.length) {
    throw new RangeError(`bytes must hold 6 bytes of SQN from offset ${offset}, got ${bytes.length} bytes`);
  }
  // Byte arithmetic rather than a DataView: an ISIM reads one SQN per challenge, and the view costs more.
  const high = (bytes[offset]! << 8) | bytes[offset + 1]!;
  const low = ((bytes[offset + 2]! << 24) | (bytes[offset + 3]! << 16) | (bytes[offset + 4]! << 8) | bytes[offset + 5]!) >>> 0;
  return high * 2 ** 32 + low;
}

/** SEQ and IND of `sqn` (Annex C.1.2): IND is the low `indBits` bits. */
export function splitSqn(sqn: number, indBits: number): { seq: number; ind: number } {
  const size = 2 ** indBits;
  return { seq: Math.floor(sqn / size), ind: sqn % size };
}

/** SQN = SEQ || IND (Annex C.1.2). Throws a RangeError when either part does not fit. */
export function joinSqn(seq: number, ind: number, indBits: number): number {
  const size = 2 ** indBits;
  checkWhole('ind', ind, size - 1);
  checkWhole('seq', seq, 2 ** (SQN_BITS - indBits) - 1);
  return seq * size + ind;
}
