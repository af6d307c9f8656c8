import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DIGEST_SIZES, hash, md5, sha1, sha256, toHex } from '../src/index.js';
import type { HashAlgorithm } from '../src/index.js';
import { ALGORITHM_NUMBERS } from '../src/hash.js';
import { core } from '../src/wasm.js';
import vectors from '../test-vectors/hash.json' with { type: 'json' };
import { REFERENCE_HASHES } from './reference/hashes.js';

const ALGORITHMS: HashAlgorithm[] = ['sha1', 'md5', 'sha256'];
const ONE_SHOT = { sha1, md5, sha256 };

/** A vector's byte string: { ascii | hex, repeat? }. */
function bytesOf(s: { ascii?: string; hex?: string; repeat?: number }): Uint8Array {
  const one = s.ascii !== undefined ? Buffer.from(s.ascii, 'latin1') : Buffer.from(s.hex!, 'hex');
  const out = new Uint8Array(one.length * (s.repeat ?? 1));
  for (let at = 0; at < out.length; at += one.length) out.set(one, at);
  return out;
}

function nodeDigest(algorithm: HashAlgorithm, data: Uint8Array): string {
  return createHash(algorithm).update(data).digest('hex');
}

describe('hashes against the published vectors', () => {
  it.each(vectors.cases)('$name ($source)', ({ algorithm, message, digest }) => {
    const data = bytesOf(message);
    expect(toHex(ONE_SHOT[algorithm as HashAlgorithm](data))).toBe(digest);
    expect(toHex(hash(algorithm as HashAlgorithm, data))).toBe(digest);
  });

  it.each(vectors.cases)('the independent reference gives $name too', ({ algorithm, message, digest }) => {
    expect(toHex(REFERENCE_HASHES[algorithm as HashAlgorithm](bytesOf(message)))).toBe(digest);
  });

  it('has the vectors it claims: FIPS 180 SHA-1 and SHA-256 examples, all of RFC 1321 A.5', () => {
    const count = (algorithm: string) => vectors.cases.filter((c) => c.algorithm === algorithm).length;
    expect([count('sha1'), count('sha256'), count('md5')]).toEqual([4, 4, 7]);
  });
});

describe('hashes against node:crypto and an independent reference on random data', () => {
  it.each(ALGORITHMS)('%s agrees on every length from 0 to 2048 bytes', (algorithm) => {
    for (let length = 0; length <= 2048; length++) {
      const data = randomBytes(length);
      const digest = toHex(ONE_SHOT[algorithm](data));
      expect(digest.length).toBe(2 * DIGEST_SIZES[algorithm]);
      if (digest !== nodeDigest(algorithm, data)) expect.fail(`${algorithm} differs from node:crypto at length ${length}`);
      if (digest !== toHex(REFERENCE_HASHES[algorithm](data))) expect.fail(`${algorithm} differs from the reference at length ${length}`);
    }
  });

  it('reads a view at any offset and leaves the input alone', () => {
    const backing = randomBytes(300);
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 7, 200);
    const before = Buffer.from(view);
    for (const algorithm of ALGORITHMS) {
      expect(toHex(hash(algorithm, view))).toBe(nodeDigest(algorithm, before));
    }
    expect(Buffer.from(view).equals(before)).toBe(true);
  });

  it('hashes a message larger than the scratch it starts with', () => {
    const data = randomBytes(3 * 1024 * 1024 + 5);
    for (const algorithm of ALGORITHMS) expect(toHex(hash(algorithm, data))).toBe(nodeDigest(algorithm, data));
  });
});

describe('hash caller mistakes', () => {
  it('names the data when it is not a Uint8Array', () => {
    expect(() => sha1('abc' as unknown as Uint8Array)).toThrow(new TypeError('data must be a Uint8Array, got string'));
    expect(() => md5([1, 2] as unknown as Uint8Array)).toThrow(new TypeError('data must be a Uint8Array, got Array'));
    expect(() => sha256(null as unknown as Uint8Array)).toThrow(new TypeError('data must be a Uint8Array, got null'));
  });

  it('names the algorithm when it is unknown', () => {
    expect(() => hash('sha512' as HashAlgorithm, new Uint8Array(1))).toThrow(
      new TypeError("algorithm must be 'sha1', 'md5' or 'sha256', got 'sha512'"),
    );
    expect(() => hash('toString' as HashAlgorithm, new Uint8Array(1))).toThrow(TypeError);
  });
});

describe('the algorithm numbers', () => {
  it('are the ones the core exports', () => {
    const kernels = core();
    expect([kernels.SHA1.value, kernels.MD5.value, kernels.SHA256.value]).toEqual([
      ALGORITHM_NUMBERS.sha1, ALGORITHM_NUMBERS.md5, ALGORITHM_NUMBERS.sha256,
    ]);
  });
});
