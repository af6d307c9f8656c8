import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { XorAlgorithm, fromHex, toHex } from '../src/index.js';
import vectors from '../test-vectors/xor-ts34108.json' with { type: 'json' };

// TS 34.108 clause 8.1.2 written out on 128-bit numbers, bit 0 the most significant bit as in the
// clause: XDOUT[bits a..b] is (XDOUT >> (127 - b)) masked. Shares no code with the library.
const big = (b: Uint8Array): bigint => BigInt('0x' + (Buffer.from(b).toString('hex') || '0'));
const bits = (x: bigint, from: number, to: number): string =>
  ((x >> BigInt(127 - to)) & ((1n << BigInt(to - from + 1)) - 1n)).toString(16).padStart((to - from + 1) / 4, '0');
const rotl = (x: bigint, n: number): bigint => ((x << BigInt(n)) | (x >> BigInt(128 - n))) & ((1n << 128n) - 1n);

function reference(k: Uint8Array, rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array, resBytes = 16) {
  const xdout = big(k) ^ big(rand);
  const cdout = (big(sqn) << 16n) | big(amf);
  const mac = ((xdout >> 64n) ^ cdout).toString(16).padStart(16, '0');
  return {
    res: bits(xdout, 0, 8 * resBytes - 1), ck: bits(rotl(xdout, 8), 0, 127), ik: bits(rotl(xdout, 16), 0, 127),
    ak: bits(xdout, 24, 71), mac,
  };
}

describe('XOR test algorithm (TS 34.108 clause 8.1.2)', () => {
  for (const v of vectors.examples) {
    it(`reproduces the published example: ${v.name}`, () => {
      const x = new XorAlgorithm(fromHex(v.k));
      const rand = fromHex(v.rand), sqn = fromHex(v.sqn), amf = fromHex(v.amf);
      const { res, ck, ik, ak } = x.f2345(rand);
      expect([toHex(res), toHex(ck), toHex(ik), toHex(ak)]).toEqual([v.res, v.ck, v.ik, v.ak]);
      expect(toHex(x.f1(rand, sqn, amf))).toBe(v.macA);
      expect(toHex(x.f1star(rand, sqn, amf))).toBe(v.macS);
      expect(toHex(x.f5star(rand))).toBe(v.akStar);
      expect(toHex(sqn.map((b, i) => b ^ ak[i]!)) + v.amf + v.macA).toBe(v.autn);
      x.dispose();
    });
  }

  it('agrees with the clause written on 128-bit numbers, 5,000 random inputs and every RES length', () => {
    for (let i = 0; i < 5000; i++) {
      const k = randomBytes(16), rand = randomBytes(16), sqn = randomBytes(6), amf = randomBytes(2);
      const resLength = randomInt(4, 17);
      const x = new XorAlgorithm(k, { resLength });
      const ref = reference(k, rand, sqn, amf, resLength);
      const out = x.f2345(rand);
      expect(toHex(out.res)).toBe(ref.res);
      expect(toHex(out.ck)).toBe(ref.ck);
      expect(toHex(out.ik)).toBe(ref.ik);
      expect(toHex(out.ak)).toBe(ref.ak);
      expect(toHex(x.f5star(rand))).toBe(ref.ak);
      expect(toHex(x.f1(rand, sqn, amf))).toBe(ref.mac);
      expect(toHex(x.f1star(rand, sqn, new Uint8Array(2)))).toBe(reference(k, rand, sqn, new Uint8Array(2)).mac);
      expect(x.sizes).toEqual({ mac: 8, res: resLength, ck: 16, ik: 16 });
    }
  });

  it('is named xor and defaults to RES = all 128 bits of XDOUT', () => {
    const x = new XorAlgorithm(randomBytes(16));
    expect(x.name).toBe('xor');
    expect(x.sizes.res).toBe(16);
    expect(x.f2345(randomBytes(16)).res).toHaveLength(16);
  });

  it('keeps a copy of K and zeroes it on dispose()', () => {
    const k = randomBytes(16), x = new XorAlgorithm(k), rand = randomBytes(16);
    const before = toHex(x.f2345(rand).res);
    k.fill(0);
    expect(toHex(x.f2345(rand).res)).toBe(before);
    x.dispose();
    expect(() => x.f2345(rand)).toThrow(/used after dispose/);
  });

  it('rejects caller mistakes, naming the field', () => {
    expect(() => new XorAlgorithm(randomBytes(15))).toThrow(/k must be 16 bytes, got 15/);
    expect(() => new XorAlgorithm(randomBytes(16), { resLength: 3 })).toThrow(/resLength must be a whole number of bytes from 4 to 16, got 3/);
    expect(() => new XorAlgorithm(randomBytes(16), { resLength: 17 })).toThrow(RangeError);
    const x = new XorAlgorithm(randomBytes(16));
    expect(() => x.f1(randomBytes(16), randomBytes(5), randomBytes(2))).toThrow(/sqn must be 6 bytes, got 5/);
    expect(() => x.f5star(randomBytes(17))).toThrow(/rand must be 16 bytes, got 17/);
    expect(() => x.f1(randomBytes(16), randomBytes(6), 'ab' as unknown as Uint8Array)).toThrow(TypeError);
  });
});
