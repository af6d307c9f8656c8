// The TS 33.220 Annex B.2 KDF: the input string S, published known answers, and differential
// tests against the node:crypto reference.
import { randomBytes, randomInt } from 'node:crypto';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { fromHex, kdf, kdfInput, toHex } from '../src/index.js';
import eps from '../test-vectors/kdf-eps.json' with { type: 'json' };
import prime from '../test-vectors/kdf-eap-aka-prime.json' with { type: 'json' };
import { refKdf } from './reference/kdf.js';

describe('kdfInput: S = FC || P0 || L0 || P1 || L1 ... (TS 33.220 B.2.1.1)', () => {
  it('puts each parameter before its two-octet big-endian length', () => {
    expect(toHex(kdfInput(0x6a, [Uint8Array.of(0xaa, 0xbb, 0xcc), new Uint8Array(0)]))).toBe('6a' + 'aabbcc' + '0003' + '0000');
    expect(toHex(kdfInput(0x10, []))).toBe('10');
    expect(toHex(kdfInput(0x01, [new Uint8Array(300)])).slice(-4)).toBe('012c');
  });

  it('encodes character strings as UTF-8 (B.2.1.2)', () => {
    // "né" is n (1 byte) and é (2 bytes in UTF-8).
    expect(toHex(kdfInput(0x20, ['né']))).toBe('20' + '6ec3a9' + '0003');
  });
});

describe('kdf against published known answers', () => {
  it("gives RFC 5448 case 1 CK' || IK' with FC 0x20 (free5gc/util ueauth_test.go)", () => {
    const c = prime.cases[0]!;
    const key = fromHex(c.ck + c.ik);
    expect(toHex(kdf(key, 0x20, c.networkName, fromHex(c.autn).slice(0, 6)))).toBe(c.ckPrime + c.ikPrime);
  });

  it.each(eps.kenb)('gives KeNB with FC 0x11 and the 4-byte COUNT: $name', (c) => {
    expect(toHex(kdf(fromHex(c.kasme), 0x11, fromHex(c.uplinkNasCount)))).toBe(c.kenb);
  });
});

describe('kdf against the node:crypto reference', () => {
  it('agrees on 1,000 random keys, FCs and parameter lists (strings and bytes, keys longer than a block)', () => {
    for (let i = 0; i < 1000; i++) {
      const key = randomBytes(randomInt(0, 100));
      const fc = randomInt(0, 256);
      const params = Array.from({ length: randomInt(0, 5) }, () =>
        randomInt(0, 3) === 0 ? randomBytes(randomInt(0, 20)).toString('base64') : new Uint8Array(randomBytes(randomInt(0, 150))));
      expect(toHex(kdf(key, fc, ...params))).toBe(toHex(refKdf(key, fc, ...params)));
    }
  });

  it('agrees with @noble/hashes HMAC-SHA-256 over kdfInput on 200 random cases', () => {
    for (let i = 0; i < 200; i++) {
      const key = new Uint8Array(randomBytes(randomInt(1, 80))), fc = randomInt(0, 256);
      const params = Array.from({ length: randomInt(1, 4) }, () => new Uint8Array(randomBytes(randomInt(0, 90))));
      expect(toHex(kdf(key, fc, ...params))).toBe(toHex(hmac(sha256, key, kdfInput(fc, params))));
    }
  });

  it('accepts a parameter of exactly 65535 bytes', () => {
    const key = randomBytes(32), p = new Uint8Array(randomBytes(65535));
    expect(toHex(kdf(key, 0x55, p))).toBe(toHex(refKdf(key, 0x55, p)));
  });
});

describe('kdf rejects caller mistakes, naming the field', () => {
  const key = new Uint8Array(32);
  it.each([-1, 256, 1.5, Number.NaN, '16' as unknown as number])('fc = %s', (fc) => {
    expect(() => kdf(key, fc)).toThrow(/^fc must be one octet/);
  });
  it('a parameter that is neither bytes nor a string', () => {
    expect(() => kdf(key, 1, new Uint8Array(1), 7 as unknown as string)).toThrow(TypeError);
    expect(() => kdf(key, 1, new Uint8Array(1), 7 as unknown as string)).toThrow(/parameters\[1\] must be a Uint8Array or a string, got number/);
  });
  it('a parameter longer than 65535 bytes', () => {
    expect(() => kdf(key, 1, new Uint8Array(65536))).toThrow(/parameters\[0\] must be at most 65535 bytes .* got 65536/);
  });
  it('a key that is not a Uint8Array', () => {
    expect(() => kdf('00' as unknown as Uint8Array, 1)).toThrow(/key must be a Uint8Array, got string/);
  });
});
