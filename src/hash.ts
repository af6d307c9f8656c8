// One-shot SHA-1, MD5 and SHA-256 on the WebAssembly core, and the pieces the HMAC module shares:
// the algorithm names and numbers, and a reusable block of linear memory for one call's data.

import { core, memoryBytes, Region } from './wasm.js';

/** The hash functions of the core: SHA-1 and SHA-256 (FIPS 180-4), MD5 (RFC 1321). */
export type HashAlgorithm = 'sha1' | 'md5' | 'sha256';

/** Digest bytes of each hash: L in RFC 2104. */
export const DIGEST_SIZES: Readonly<Record<HashAlgorithm, number>> = Object.freeze({ sha1: 20, md5: 16, sha256: 32 });

/** The algorithm numbers of assembly/hash.ts. @internal */
export const ALGORITHM_NUMBERS: Readonly<Record<HashAlgorithm, number>> = Object.freeze({ sha1: 1, md5: 2, sha256: 3 });

/** Throws a TypeError naming `field` unless `value` is one of the hash names. @internal */
export function checkAlgorithm(field: string, value: unknown): HashAlgorithm {
  if (typeof value !== 'string' || !Object.hasOwn(ALGORITHM_NUMBERS, value)) {
    const got = typeof value === 'string' ? `'${value}'` : value === null ? 'null' : typeof value;
    throw new TypeError(`${field} must be 'sha1', 'md5' or 'sha256', got ${got}`);
  }
  return value as HashAlgorithm;
}

/** Throws a TypeError naming `field` unless `value` is a Uint8Array (of any length). @internal */
export function checkData(field: string, value: unknown): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    const got = value === null ? 'null' : typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
    throw new TypeError(`${field} must be a Uint8Array, got ${got}`);
  }
  return value;
}

let scratch: Region | undefined;

/**
 * A block of linear memory of at least `size` bytes for one call's inputs and outputs, kept from
 * call to call (growing when needed) so that a small call allocates nothing. The caller wipes what
 * it used. @internal
 */
export function scratchRegion(size: number): Region {
  if (!scratch || scratch.size < size) {
    scratch?.free();
    scratch = undefined;
    let capacity = 4096;
    while (capacity < size) capacity *= 2;
    scratch = new Region(capacity);
  }
  return scratch;
}

/**
 * Copies `bytes` into a region at `offset`. TypedArray.set costs about the same for any small size,
 * while Region.write's byte loop (for up to 64 bytes) costs several times more at 64. @internal
 */
export function put(region: Region, bytes: Uint8Array, offset: number): void {
  memoryBytes().set(bytes, region.ptr + offset);
}

/** Zeroes `length` bytes from `offset` of a region. @internal */
export function wipe(region: Region, offset: number, length: number): void {
  memoryBytes().fill(0, region.ptr + offset, region.ptr + offset + length);
}

function digestOf(algorithm: HashAlgorithm, data: Uint8Array): Uint8Array {
  checkData('data', data);
  const size = DIGEST_SIZES[algorithm];
  const io = scratchRegion(data.length + size);
  try {
    put(io, data, 0);
    core().digest(ALGORITHM_NUMBERS[algorithm], io.ptr, data.length, io.ptr + data.length);
    return io.read(data.length, size);
  } finally {
    wipe(io, 0, data.length + size);
  }
}

/** The SHA-1 digest of `data`, 20 bytes (FIPS 180-4 clause 6.1). */
export function sha1(data: Uint8Array): Uint8Array {
  return digestOf('sha1', data);
}

/** The MD5 digest of `data`, 16 bytes (RFC 1321 clause 3). */
export function md5(data: Uint8Array): Uint8Array {
  return digestOf('md5', data);
}

/** The SHA-256 digest of `data`, 32 bytes (FIPS 180-4 clause 6.2). */
export function sha256(data: Uint8Array): Uint8Array {
  return digestOf('sha256', data);
}

/** The digest of `data` with the named hash: FIPS 180-4 clause 6.1 or 6.2, or RFC 1321 clause 3. */
export function hash(algorithm: HashAlgorithm, data: Uint8Array): Uint8Array {
  return digestOf(checkAlgorithm('algorithm', algorithm), data);
}
