import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DIGEST_SIZES, Hmac, hmacMd5_96, hmacSha1_96, toHex } from '../src/index.js';
import type { HashAlgorithm } from '../src/index.js';
import vectors from '../test-vectors/hmac.json' with { type: 'json' };
import { REFERENCE_HASHES, referenceHmac } from './reference/hashes.js';

const ALGORITHMS: HashAlgorithm[] = ['sha1', 'md5', 'sha256'];
type Case = (typeof vectors.cases)[number];

/** A vector's byte string: { ascii | hex, repeat? }. */
function bytesOf(s: { ascii?: string; hex?: string; repeat?: number }): Uint8Array {
  const one = s.ascii !== undefined ? Buffer.from(s.ascii, 'latin1') : Buffer.from(s.hex!, 'hex');
  const out = new Uint8Array(one.length * (s.repeat ?? 1));
  for (let at = 0; at < out.length; at += one.length) out.set(one, at);
  return out;
}

function nodeMac(algorithm: HashAlgorithm, key: Uint8Array, data: Uint8Array): Buffer {
  return createHmac(algorithm, key).update(data).digest();
}

/** Messages packed into one buffer, each at a random gap after the previous one. */
function pack(messages: Uint8Array[]): { buffer: Uint8Array; offsets: Uint32Array; lengths: Uint32Array } {
  const offsets = new Uint32Array(messages.length), lengths = new Uint32Array(messages.length);
  let size = 0;
  messages.forEach((m, i) => {
    size += randomInt(0, 4);
    offsets[i] = size;
    lengths[i] = m.length;
    size += m.length;
  });
  const buffer = randomBytes(size + randomInt(0, 4));
  messages.forEach((m, i) => buffer.set(m, offsets[i]!));
  return { buffer: new Uint8Array(buffer), offsets, lengths };
}

describe('HMAC against the published vectors', () => {
  it.each(vectors.cases)('$name ($source)', (c: Case) => {
    const algorithm = c.algorithm as HashAlgorithm, key = bytesOf(c.key), data = bytesOf(c.data);
    const full = new Hmac(algorithm, key);
    // RFC 4231 test case 5 publishes only the leftmost 128 bits.
    expect(toHex(full.mac(data)).slice(0, c.mac.length)).toBe(c.mac);
    const truncated = new Hmac(algorithm, key, { macLength: c.mac.length / 2 });
    expect(toHex(truncated.mac(data))).toBe(c.mac);
    const batch = truncated.macMany(data, new Uint32Array(5), new Uint32Array(5).fill(data.length));
    expect(toHex(batch)).toBe(c.mac.repeat(5));
    full.dispose();
    truncated.dispose();
  });

  it.each(vectors.cases)('the independent reference gives $name too', (c: Case) => {
    const mac = referenceHmac(REFERENCE_HASHES[c.algorithm as HashAlgorithm], bytesOf(c.key), bytesOf(c.data));
    expect(toHex(mac).slice(0, c.mac.length)).toBe(c.mac);
  });

  it('has the vectors it claims: RFC 2202 (7 HMAC-MD5, 7 HMAC-SHA-1), RFC 4231 (7 HMAC-SHA-256)', () => {
    const count = (algorithm: string) => vectors.cases.filter((c) => c.algorithm === algorithm).length;
    expect([count('md5'), count('sha1'), count('sha256')]).toEqual([7, 7, 7]);
    expect(vectors.cases.filter((c) => bytesOf(c.key).length > 64).length).toBe(6);
  });
});

describe('HMAC-SHA-1-96 and HMAC-MD5-96 (RFC 2404, RFC 2403: the first 96 bits)', () => {
  const rfc2202 = vectors.cases.filter((c) => c.algorithm !== 'sha256');

  it.each(rfc2202)('$name truncated to 96 bits', (c: Case) => {
    const hmac = new Hmac(c.algorithm as HashAlgorithm, bytesOf(c.key), { macLength: 12 });
    expect(toHex(hmac.mac(bytesOf(c.data)))).toBe(c.mac.slice(0, 24));
    hmac.dispose();
  });

  it('gives the digest-96 that RFC 2202 prints for test case 5, through the ESP constructors', () => {
    const withMac96 = (algorithm: string) => rfc2202.find((c) => c.algorithm === algorithm && 'mac96' in c) as Case & { mac96: string };
    const sha1Case = withMac96('sha1'), md5Case = withMac96('md5');
    const sha1 = hmacSha1_96(bytesOf(sha1Case.key)), md5 = hmacMd5_96(bytesOf(md5Case.key));
    expect([sha1.algorithm, sha1.macLength, md5.algorithm, md5.macLength]).toEqual(['sha1', 12, 'md5', 12]);
    expect([sha1Case.mac96, md5Case.mac96]).toEqual(['4c1a03424b55e07fe7f27be1', '56461ef2342edc00f9bab995']);
    expect(toHex(sha1.mac(bytesOf(sha1Case.data)))).toBe(sha1Case.mac96);
    expect(toHex(md5.mac(bytesOf(md5Case.data)))).toBe(md5Case.mac96);
    sha1.dispose();
    md5.dispose();
  });

  it('takes ESP keys of exactly 160 bits (SHA-1) and 128 bits (MD5), RFC 2404 / 2403 section 3', () => {
    expect(() => hmacSha1_96(new Uint8Array(16))).toThrow(new RangeError('key must be 20 bytes, got 16'));
    expect(() => hmacMd5_96(new Uint8Array(20))).toThrow(new RangeError('key must be 16 bytes, got 20'));
  });
});

describe('HMAC against node:crypto and an independent reference on random keys and data', () => {
  function agree(algorithm: HashAlgorithm, key: Uint8Array, data: Uint8Array, hmac: Hmac, what: string): void {
    const mac = Buffer.from(hmac.mac(data));
    if (!nodeMac(algorithm, key, data).equals(mac)) expect.fail(`${algorithm} differs from node:crypto at ${what}`);
    if (!mac.equals(referenceHmac(REFERENCE_HASHES[algorithm], key, data))) expect.fail(`${algorithm} differs from the reference at ${what}`);
  }

  it.each(ALGORITHMS)('%s agrees on every data length from 0 to 2048 bytes', (algorithm) => {
    const key = randomBytes(randomInt(1, 100));
    const hmac = new Hmac(algorithm, key);
    for (let length = 0; length <= 2048; length++) agree(algorithm, key, randomBytes(length), hmac, `data length ${length}`);
    hmac.dispose();
  });

  it.each(ALGORITHMS)('%s agrees on every key length from 0 to 2048 bytes (past the 64-byte block)', (algorithm) => {
    for (let length = 0; length <= 2048; length++) {
      const key = randomBytes(length), hmac = new Hmac(algorithm, key);
      agree(algorithm, key, randomBytes(randomInt(0, 200)), hmac, `key length ${length}`);
      hmac.dispose();
    }
  });

  it('truncates to every allowed length to the leftmost bytes', () => {
    for (const algorithm of ALGORITHMS) {
      const key = randomBytes(32), data = randomBytes(100), full = nodeMac(algorithm, key, data);
      const L = DIGEST_SIZES[algorithm];
      for (let t = Math.max(10, L / 2); t <= L; t++) {
        const hmac = new Hmac(algorithm, key, { macLength: t });
        expect(Buffer.from(hmac.mac(data)).equals(full.subarray(0, t))).toBe(true);
        hmac.dispose();
      }
    }
  });
});

describe('HMAC batches (multi-buffer) equal one MAC at a time', () => {
  it.each(ALGORITHMS)('%s: every batch size from 1 to 100, random lengths 0..2048', (algorithm) => {
    const key = randomBytes(20), hmac = new Hmac(algorithm, key);
    for (let count = 1; count <= 100; count++) {
      const messages = Array.from({ length: count }, () => randomBytes(randomInt(0, 2049)));
      const { buffer, offsets, lengths } = pack(messages);
      const macs = hmac.macMany(buffer, offsets, lengths);
      expect(macs.length).toBe(count * hmac.macLength);
      messages.forEach((m, i) => {
        const one = macs.subarray(i * hmac.macLength, (i + 1) * hmac.macLength);
        if (!Buffer.from(one).equals(hmac.mac(m)) || !nodeMac(algorithm, key, m).equals(one)) {
          expect.fail(`${algorithm}: message ${i} of ${count} (${m.length} bytes) differs`);
        }
      });
    }
    hmac.dispose();
  });

  it.each(ALGORITHMS)('%s: lengths at every block and padding boundary, truncated MACs packed', (algorithm) => {
    const key = randomBytes(20), hmac = new Hmac(algorithm, key, { macLength: algorithm === 'sha256' ? 16 : 12 });
    const edges = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 121, 127, 128, 129, 1400, 1500];
    const messages = edges.flatMap((n) => [randomBytes(n), randomBytes(n)]);
    const { buffer, offsets, lengths } = pack(messages);
    const macs = hmac.macMany(buffer, offsets, lengths);
    messages.forEach((m, i) => {
      const expected = nodeMac(algorithm, key, m).subarray(0, hmac.macLength);
      expect(toHex(macs.subarray(i * hmac.macLength, (i + 1) * hmac.macLength))).toBe(toHex(expected));
    });
    hmac.dispose();
  });

  it('packs MACs truncated to every allowed length, whole words or not', () => {
    for (const algorithm of ALGORITHMS) {
      const key = randomBytes(20), L = DIGEST_SIZES[algorithm];
      const messages = Array.from({ length: 11 }, () => randomBytes(randomInt(0, 300)));
      const { buffer, offsets, lengths } = pack(messages);
      for (let t = Math.max(10, L / 2); t <= L; t++) {
        const hmac = new Hmac(algorithm, key, { macLength: t });
        const macs = hmac.macMany(buffer, offsets, lengths);
        messages.forEach((m, i) => {
          expect(toHex(macs.subarray(i * t, (i + 1) * t))).toBe(toHex(nodeMac(algorithm, key, m).subarray(0, t)));
        });
        hmac.dispose();
      }
    }
  });

  it('accepts overlapping and repeated ranges, and an empty batch', () => {
    const key = randomBytes(16), hmac = new Hmac('md5', key), buffer = randomBytes(300);
    const offsets = Uint32Array.of(0, 10, 10, 299, 300, 0), lengths = Uint32Array.of(300, 100, 100, 1, 0, 0);
    const macs = hmac.macMany(buffer, offsets, lengths);
    offsets.forEach((offset, i) => {
      const expected = nodeMac('md5', key, buffer.subarray(offset, offset + lengths[i]!));
      expect(Buffer.from(macs.subarray(16 * i, 16 * i + 16)).equals(expected)).toBe(true);
    });
    expect(hmac.macMany(buffer, new Uint32Array(0), new Uint32Array(0)).length).toBe(0);
    hmac.dispose();
  });
});

describe('HMAC caller mistakes', () => {
  it('names an unknown algorithm', () => {
    expect(() => new Hmac('sha512' as HashAlgorithm, new Uint8Array(16))).toThrow(
      new TypeError("algorithm must be 'sha1', 'md5' or 'sha256', got 'sha512'"),
    );
    expect(() => new Hmac(undefined as unknown as HashAlgorithm, new Uint8Array(16))).toThrow(
      new TypeError("algorithm must be 'sha1', 'md5' or 'sha256', got undefined"),
    );
  });

  it('names a key, data or messages that is not a Uint8Array', () => {
    expect(() => new Hmac('sha1', 'secret' as unknown as Uint8Array)).toThrow(new TypeError('key must be a Uint8Array, got string'));
    const hmac = new Hmac('sha1', new Uint8Array(20));
    expect(() => hmac.mac([1, 2, 3] as unknown as Uint8Array)).toThrow(new TypeError('data must be a Uint8Array, got Array'));
    expect(() => hmac.macMany(new Uint16Array(4) as unknown as Uint8Array, new Uint32Array(0), new Uint32Array(0))).toThrow(
      new TypeError('messages must be a Uint8Array, got Uint16Array'),
    );
    hmac.dispose();
  });

  it('names offsets and lengths of the wrong type or count', () => {
    const hmac = new Hmac('sha1', new Uint8Array(20)), buffer = new Uint8Array(100);
    expect(() => hmac.macMany(buffer, [0] as unknown as Uint32Array, Uint32Array.of(1))).toThrow(
      new TypeError('offsets must be a Uint32Array, got Array'),
    );
    expect(() => hmac.macMany(buffer, Uint32Array.of(0), new Int32Array(1) as unknown as Uint32Array)).toThrow(
      new TypeError('lengths must be a Uint32Array, got Int32Array'),
    );
    expect(() => hmac.macMany(buffer, Uint32Array.of(0, 10), Uint32Array.of(5))).toThrow(
      new RangeError('lengths must have one entry per offset (2), got 1'),
    );
    hmac.dispose();
  });

  it('names a message range that runs past the end of the buffer', () => {
    const hmac = new Hmac('sha1', new Uint8Array(20)), buffer = new Uint8Array(100);
    expect(() => hmac.macMany(buffer, Uint32Array.of(0, 90), Uint32Array.of(100, 11))).toThrow(
      new RangeError('message 1 (offsets[1] = 90, lengths[1] = 11) ends at byte 101, past the end of messages (100 bytes)'),
    );
    expect(() => hmac.macMany(buffer, Uint32Array.of(0xffff_ffff), Uint32Array.of(0xffff_ffff))).toThrow(RangeError);
    hmac.dispose();
  });

  it('names a MAC length outside what RFC 2104 clause 5 allows', () => {
    expect(() => new Hmac('sha1', new Uint8Array(20), { macLength: 9 })).toThrow(
      new RangeError('options.macLength must be a whole number of bytes from 10 to 20 for sha1 (RFC 2104 clause 5), got 9'),
    );
    expect(() => new Hmac('sha256', new Uint8Array(20), { macLength: 33 })).toThrow(/from 16 to 32 for sha256.*got 33/);
    expect(() => new Hmac('md5', new Uint8Array(16), { macLength: 12.5 })).toThrow(/from 10 to 16 for md5.*got 12.5/);
  });

  it('refuses use after dispose, and dispose twice is harmless', () => {
    const hmac = new Hmac('sha256', new Uint8Array(32));
    hmac.dispose();
    hmac.dispose();
    expect(() => hmac.mac(new Uint8Array(1))).toThrow(new Error('Hmac: used after dispose()'));
    expect(() => hmac.macMany(new Uint8Array(1), Uint32Array.of(0), Uint32Array.of(1))).toThrow(/after dispose/);
  });
});
