// The GSM / UMTS conversions c2, c3, c4, c5 (TS 33.102 clause 6.8.1.2).
import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { c2, c3, c4, c5, fromHex, toHex } from '../src/index.js';
import vectors from '../test-vectors/kdf-gsm-ts55205.json' with { type: 'json' };
import milenage from '../test-vectors/milenage-ts35208.json' with { type: 'json' };
import { refC2, refC3, refC4, refC5 } from './reference/kdf.js';

describe('c2 and c3 against the TS 55.205 test sets', () => {
  it('has all 19 sets, whose RES, CK and IK are those of TS 35.208', () => {
    expect(vectors.sets.length).toBe(19);
    for (const s of vectors.sets) {
      const m = milenage.sets.find((t) => t.set === s.ts35208Set)!;
      expect([m.rand, m.f2, m.f3, m.f4]).toEqual([s.rand, s.res, s.ck, s.ik]);
    }
  });

  it.each(vectors.sets)('set $set: SRES = c2(RES), Kc = c3(CK, IK)', (s) => {
    expect(toHex(c2(fromHex(s.res)))).toBe(s.sres);
    expect(toHex(c3(fromHex(s.ck), fromHex(s.ik)))).toBe(s.kc);
  });
});

describe('c2..c5 against the reference', () => {
  it('agree on 2,000 random inputs, XRES of every length from 4 to 16 bytes', () => {
    for (let i = 0; i < 2000; i++) {
      const xres = randomBytes(4 + (i % 13)), ck = randomBytes(16), ik = randomBytes(16), kc = randomBytes(8);
      expect(toHex(c2(xres))).toBe(toHex(refC2(xres)));
      expect(toHex(c3(ck, ik))).toBe(toHex(refC3(ck, ik)));
      expect(toHex(c4(kc))).toBe(toHex(refC4(kc)));
      expect(toHex(c5(kc))).toBe(toHex(refC5(kc)));
    }
  });

  it('c3 undoes c4 and c5: a GSM Kc survives the trip through UMTS keys', () => {
    for (let i = 0; i < 100; i++) {
      const kc = randomBytes(8);
      expect(toHex(c3(c4(kc), c5(kc)))).toBe(toHex(kc));
    }
  });

  it('leave their inputs untouched, Node.js Buffers included', () => {
    const xres = randomBytes(8), ck = randomBytes(16), ik = randomBytes(16), kc = randomBytes(8);
    const before = [xres, ck, ik, kc].map(toHex);
    c2(xres); c3(ck, ik); c4(kc); c5(kc);
    expect([xres, ck, ik, kc].map(toHex)).toEqual(before);
  });

  it('c2 of a 4-byte XRES is that XRES (the padding words are zero)', () => {
    const xres = randomBytes(4);
    expect(toHex(c2(xres))).toBe(toHex(xres));
  });
});

describe('c2..c5 reject caller mistakes, naming the field', () => {
  it('wrong lengths', () => {
    expect(() => c2(new Uint8Array(3))).toThrow(/^xres must be 4 to 16 bytes .* got 3/);
    expect(() => c2(new Uint8Array(17))).toThrow(/^xres must be 4 to 16 bytes .* got 17/);
    expect(() => c3(new Uint8Array(8), new Uint8Array(16))).toThrow(/^ck must be 16 bytes, got 8/);
    expect(() => c3(new Uint8Array(16), new Uint8Array(randomInt(0, 16)))).toThrow(/^ik must be 16 bytes/);
    expect(() => c4(new Uint8Array(16))).toThrow(/^kc must be 8 bytes, got 16/);
    expect(() => c5(undefined as unknown as Uint8Array)).toThrow(/^kc must be a Uint8Array of 8 bytes, got undefined/);
    expect(() => c2('00000000' as unknown as Uint8Array)).toThrow(/^xres must be a Uint8Array, got string/);
  });
});
