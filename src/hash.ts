// One-shot SHA-1, MD5 and SHA-256 on the WebAssembly core, and the pieces the HMAC module shares:
// the algorithm names and numbers, and a reusable block of linear memory for one call's data.

import { checkUint8Array, scratch, wipeScratch } from './io.js';
import { core } from './wasm.js';

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

function digestOf(algorithm: HashAlgorithm, data: Uint8Array): Uint8Array {
  checkUint8Array('data', data);
  const size = DIGEST_SIZES[algorithm];
  const io = scratch(data.length + size);
  try {
    io.write(data, 0);
    core().digest(ALGORITHM_NUMBERS[algorithm], io.ptr, data.length, io.ptr + data.length);
    return io.read(data.length, size);
  } finally {
    wipeScratch(data.length + size);
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
