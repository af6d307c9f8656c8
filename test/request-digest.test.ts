// The request-digest kernel (assembly/digest-response.ts through src/sip/request-digest.ts): HTTP
// Digest responses (RFC 2617 section 3.2.2.1) and the AKAv2 password (RFC 4169 section 3) computed
// in one call into the core, against the node:crypto reference of test/reference/digest.ts on
// random inputs: empty and long strings, non-ASCII UTF-8 (two, three and four bytes, and lone
// surrogates, which UTF-8 encoders write as U+FFFD), bodies across block boundaries.
import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { akaDigestResponse, digestResponse, verifyAkaDigestResponse } from '../src/index.js';
import type { DigestAlgorithm, DigestQop } from '../src/index.js';
import { scratch } from '../src/io.js';
import { memoryBytes } from '../src/wasm.js';
import { referenceAkaV2Password, referenceDigest } from './reference/digest.js';

const bytes = (n: number) => new Uint8Array(randomBytes(n));
/** Pieces that strings are made of: ASCII, 2-, 3- and 4-byte UTF-8, a lone surrogate. */
const PIECES = ['a', 'Z', '0', ':', '"', ' ', '@', 'é', 'ß', '中', '€', '😀', '\ud800', '\udc00'];

/** A random string of `length` pieces, mostly ASCII; `length` 0 gives the empty string. */
function text(length: number, nonAscii = true): string {
  let s = '';
  for (let i = 0; i < length; i++) {
    s += nonAscii && randomInt(4) === 0 ? PIECES[randomInt(PIECES.length)] : String.fromCharCode(randomInt(0x20, 0x7f));
  }
  return s;
}

/** Lengths that are mostly short, sometimes empty, sometimes past one or two 64-byte blocks. */
function length(): number {
  const pick = randomInt(10);
  return pick === 0 ? 0 : pick < 7 ? randomInt(1, 40) : randomInt(40, 300);
}

const utf8 = (value: string | Uint8Array) => (typeof value === 'string' ? new TextEncoder().encode(value) : value);
const QOPS: (DigestQop | undefined)[] = [undefined, 'auth', 'auth-int'];
const ALGORITHMS: DigestAlgorithm[] = ['MD5', 'SHA-256', 'AKAv1-MD5', 'AKAv2-MD5', 'AKAv1-SHA-256'];

describe('request-digest kernel against node:crypto', () => {
  it('agrees on 3,000 random responses: every algorithm and qop, text and byte passwords and bodies', () => {
    for (let i = 0; i < 3000; i++) {
      const algorithm = ALGORITHMS[randomInt(ALGORITHMS.length)]!, qop = QOPS[randomInt(3)];
      const password = randomInt(2) === 0 ? text(length()) : bytes(length());
      const body = randomInt(3) === 0 ? undefined : randomInt(2) === 0 ? text(length()) : bytes(length() * randomInt(1, 4));
      const params = {
        algorithm, username: text(length()), realm: text(length()), password, nonce: text(length()),
        method: text(randomInt(0, 12)), uri: text(length()), qop, nc: qop ? randomBytes(4).toString('hex') : undefined,
        cnonce: qop ? text(length()) : undefined, body,
      };
      const expected = referenceDigest({
        ...params, hash: algorithm.endsWith('MD5') ? 'md5' : 'sha256', password: utf8(password),
        body: body === undefined ? undefined : utf8(body),
      });
      expect(digestResponse(params)).toBe(expected);
    }
  });

  it('hashes bodies of every length from 0 to 200 bytes, and one of 2 MiB that outgrows the kept scratch', () => {
    const base = { algorithm: 'MD5' as const, username: 'u', realm: 'r', password: 'p', nonce: 'n', method: 'M', uri: '/', qop: 'auth-int' as const, nc: '00000001', cnonce: 'c' };
    for (const size of [...Array.from({ length: 201 }, (_, n) => n), 2 << 20]) {
      const body = bytes(size);
      expect(digestResponse({ ...base, body })).toBe(referenceDigest({ ...base, hash: 'md5', password: utf8('p'), body }));
    }
  });

  it('AKAv2: the password derived in the core matches base64(HMAC-MD5(RES || IK || CK, label)) for RES of 4 to 32 bytes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1500; i++) {
      const res = bytes(randomInt(4, 33)), ik = bytes(16), ck = bytes(16);
      const request = { username: text(length(), false), realm: text(length(), false), nonce: text(length(), false), method: 'REGISTER', uri: 'sip:ims.example.com', qop: 'auth' as const, nc: '00000001', cnonce: text(8, false) };
      const password = referenceAkaV2Password(res, ik, ck);
      for (const c of Buffer.from(password).toString('latin1')) seen.add(c);
      const expected = referenceDigest({ ...request, hash: 'md5', password });
      const response = akaDigestResponse({ ...request, algorithm: 'AKAv2-MD5', res, ik, ck });
      expect(response).toBe(expected);
      expect(verifyAkaDigestResponse({ ...request, algorithm: 'AKAv2-MD5', res, ik, ck }, response.toUpperCase())).toBe(true);
    }
    // Every base64 digit and the padding came out, so the branch-free digit arithmetic met each range.
    expect(seen.size).toBe(65);
  });

  it('leaves nothing of the password in the shared scratch region', () => {
    const res = Uint8Array.of(0xa5, 0x5a, 0xc3, 0x3c, 0x96, 0x69, 0x0f, 0xf0);
    akaDigestResponse({ algorithm: 'AKAv2-MD5', username: 'u', realm: 'r', nonce: 'n', method: 'M', uri: '/', res, ik: bytes(16), ck: bytes(16) });
    akaDigestResponse({ algorithm: 'AKAv1-MD5', username: 'u', realm: 'r', nonce: 'n', method: 'M', uri: '/', res });
    const region = scratch(1);
    expect(memoryBytes().subarray(region.ptr, region.ptr + region.size).every((b) => b === 0)).toBe(true);
  });
});
