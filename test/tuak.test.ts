import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Tuak, TUAK_DEFAULTS, fromHex, toHex } from '../src/index.js';
import type { AkaAlgorithm, TuakOptions } from '../src/index.js';
import ts35233 from '../test-vectors/tuak-ts35233.json' with { type: 'json' };
import { referenceTopc, referenceTuak } from './reference/tuak.js';

type TestSet = (typeof ts35233.sets)[number];

function optionsOf(set: TestSet): TuakOptions {
  return { macBits: set.macBits, resBits: set.resBits, ckBits: set.ckBits, ikBits: set.ikBits, iterations: set.iterations };
}

function expectSet(set: TestSet, tuak: Tuak): void {
  const rand = fromHex(set.rand), sqn = fromHex(set.sqn), amf = fromHex(set.amf);
  expect(toHex(tuak.topc)).toBe(set.topc);
  const out = tuak.compute(rand, sqn, amf);
  expect(Object.fromEntries(Object.entries(out).map(([field, value]) => [field, toHex(value)]))).toEqual({
    macA: set.f1, macS: set.f1star, res: set.f2, ck: set.f3, ik: set.f4, ak: set.f5, akStar: set.f5star,
  });
  // The same through the AkaAlgorithm interface, each function on its own.
  const aka: AkaAlgorithm = tuak;
  expect(aka.name).toBe('tuak');
  expect(aka.sizes).toEqual({ mac: set.macBits / 8, res: set.resBits / 8, ck: set.ckBits / 8, ik: set.ikBits / 8 });
  expect(toHex(aka.f1(rand, sqn, amf))).toBe(set.f1);
  expect(toHex(aka.f1star(rand, sqn, amf))).toBe(set.f1star);
  const { res, ck, ik, ak } = aka.f2345(rand);
  expect([toHex(res), toHex(ck), toHex(ik), toHex(ak)]).toEqual([set.f2, set.f3, set.f4, set.f5]);
  expect(toHex(aka.f5star(rand))).toBe(set.f5star);
}

describe(`TUAK: ${ts35233.source.document}`, () => {
  it('holds the six test sets, each with K of its stated length', () => {
    expect(ts35233.sets.map((s) => s.set)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const set of ts35233.sets) expect(set.k.length * 4).toBe(set.kBits);
  });

  it.each(ts35233.sets)('set $set (clause $clause) from TOP', (set) => {
    const tuak = Tuak.fromTop(fromHex(set.k), fromHex(set.top), optionsOf(set));
    expectSet(set, tuak);
    tuak.dispose();
  });

  it.each(ts35233.sets)('set $set (clause $clause) from TOPc', (set) => {
    const tuak = Tuak.fromTopc(fromHex(set.k), fromHex(set.topc), optionsOf(set));
    expectSet(set, tuak);
    expect(tuak.options).toEqual(optionsOf(set));
    tuak.dispose();
  });

  it('the independent reference also gives every set (so that it can judge random inputs)', () => {
    for (const set of ts35233.sets) {
      const topc = referenceTopc(fromHex(set.k), fromHex(set.top), set.iterations);
      expect(toHex(topc)).toBe(set.topc);
      const out = referenceTuak(fromHex(set.k), topc, fromHex(set.rand), fromHex(set.sqn), fromHex(set.amf), set);
      expect([out.macA, out.macS, out.res, out.ck, out.ik, out.ak, out.akStar].map(toHex)).toEqual([
        set.f1, set.f1star, set.f2, set.f3, set.f4, set.f5, set.f5star,
      ]);
    }
  });
});

const MAC_BITS = [64, 128, 256], RES_BITS = [32, 64, 128, 256], KEY_BITS = [128, 256];

function expectAgreement(k: Uint8Array, top: Uint8Array, options: Required<TuakOptions>): void {
  const rand = randomBytes(16), sqn = randomBytes(6), amf = randomBytes(2);
  const tuak = Tuak.fromTop(k, top, options);
  const topc = referenceTopc(k, top, options.iterations);
  expect(toHex(tuak.topc)).toBe(toHex(topc));
  const got = tuak.compute(rand, sqn, amf), want = referenceTuak(k, topc, rand, sqn, amf, options);
  for (const field of Object.keys(want) as (keyof typeof want)[]) {
    expect(toHex(got[field]), field).toBe(toHex(want[field]));
  }
  tuak.dispose();
}

describe('TUAK against an independent implementation on @noble/hashes keccakP', () => {
  it('agrees for every combination of K, MAC, RES, CK and IK lengths (96), iterations 1 and 2', () => {
    for (const kBits of KEY_BITS) for (const macBits of MAC_BITS) for (const resBits of RES_BITS) {
      for (const ckBits of [128, 256]) for (const ikBits of [128, 256]) for (const iterations of [1, 2]) {
        expectAgreement(randomBytes(kBits / 8), randomBytes(32), { macBits, resBits, ckBits, ikBits, iterations });
      }
    }
  });

  it('agrees on 1,000 random subscribers with random options (1 to 4 iterations)', () => {
    const pick = <T>(values: T[]): T => values[randomInt(values.length)]!;
    for (let i = 0; i < 1_000; i++) {
      const options = {
        macBits: pick(MAC_BITS), resBits: pick(RES_BITS), ckBits: pick([128, 256]), ikBits: pick([128, 256]),
        iterations: randomInt(1, 5),
      };
      expectAgreement(randomBytes(pick(KEY_BITS) / 8), randomBytes(32), options);
    }
  });

  it('fromTopc with the TOPc of fromTop gives the same outputs', () => {
    const k = randomBytes(32), top = randomBytes(32), rand = randomBytes(16), sqn = randomBytes(6), amf = randomBytes(2);
    const a = Tuak.fromTop(k, top), b = Tuak.fromTopc(k, a.topc);
    expect(b.compute(rand, sqn, amf)).toEqual(a.compute(rand, sqn, amf));
    a.dispose();
    b.dispose();
  });
});

describe('Tuak options and defaults', () => {
  it('defaults to Milenage sizes and one iteration', () => {
    const tuak = Tuak.fromTopc(new Uint8Array(16), new Uint8Array(32));
    expect(tuak.sizes).toEqual({ mac: 8, res: 8, ck: 16, ik: 16 });
    expect(tuak.options).toEqual(TUAK_DEFAULTS);
    expect(TUAK_DEFAULTS).toEqual({ macBits: 64, resBits: 64, ckBits: 128, ikBits: 128, iterations: 1 });
    tuak.dispose();
  });

  it('leaves the caller\'s arrays as they were', () => {
    const set = ts35233.sets[1]!;
    const k = fromHex(set.k), top = fromHex(set.top), rand = fromHex(set.rand), sqn = fromHex(set.sqn);
    const amf = fromHex(set.amf);
    const tuak = Tuak.fromTop(k, top, optionsOf(set));
    tuak.compute(rand, sqn, amf);
    expect([k, top, rand, sqn, amf].map(toHex)).toEqual([set.k, set.top, set.rand, set.sqn, set.amf]);
    tuak.dispose();
  });
});

describe('Tuak input checks', () => {
  const k = new Uint8Array(16), top = new Uint8Array(32);

  it('names K and its sizes', () => {
    for (const length of [0, 15, 17, 24, 33]) {
      expect(() => Tuak.fromTop(new Uint8Array(length), top)).toThrow(new RangeError(`k must be 16 or 32 bytes, got ${length}`));
    }
    expect(() => Tuak.fromTop('00' as unknown as Uint8Array, top)).toThrow(
      new TypeError('k must be a Uint8Array of 16 or 32 bytes, got string'),
    );
  });

  it('names TOP or TOPc and its sizes', () => {
    expect(() => Tuak.fromTop(k, new Uint8Array(16))).toThrow(new RangeError('top must be 32 bytes, got 16'));
    expect(() => Tuak.fromTopc(k, new Uint8Array(33))).toThrow(new RangeError('topc must be 32 bytes, got 33'));
    expect(() => Tuak.fromTopc(k, undefined as unknown as Uint8Array)).toThrow(TypeError);
  });

  it('names the option, the allowed values and the value received', () => {
    const cases: [TuakOptions, string][] = [
      [{ macBits: 32 }, 'options.macBits must be 64, 128, 256 bits, got 32'],
      [{ resBits: 16 }, 'options.resBits must be 32, 64, 128, 256 bits, got 16'],
      [{ ckBits: 64 }, 'options.ckBits must be 128, 256 bits, got 64'],
      [{ ikBits: 512 }, 'options.ikBits must be 128, 256 bits, got 512'],
      [{ macBits: '64' as unknown as number }, 'options.macBits must be 64, 128, 256 bits, got 64'],
      [{ iterations: 0 }, 'options.iterations must be a whole number from 1 to 255, got 0'],
      [{ iterations: 1.5 }, 'options.iterations must be a whole number from 1 to 255, got 1.5'],
      [{ iterations: 256 }, 'options.iterations must be a whole number from 1 to 255, got 256'],
    ];
    for (const [options, message] of cases) {
      expect(() => Tuak.fromTop(k, top, options)).toThrow(new RangeError(message));
    }
    expect(() => Tuak.fromTop(k, top, 64 as unknown as TuakOptions)).toThrow(new TypeError('options must be an object, got number'));
  });

  it('names RAND, SQN and AMF and their sizes in every function', () => {
    const tuak = Tuak.fromTop(k, top);
    const rand = new Uint8Array(16), sqn = new Uint8Array(6), amf = new Uint8Array(2);
    expect(() => tuak.compute(new Uint8Array(15), sqn, amf)).toThrow(new RangeError('rand must be 16 bytes, got 15'));
    expect(() => tuak.f1(rand, new Uint8Array(8), amf)).toThrow(new RangeError('sqn must be 6 bytes, got 8'));
    expect(() => tuak.f1star(rand, sqn, new Uint8Array(1))).toThrow(new RangeError('amf must be 2 bytes, got 1'));
    expect(() => tuak.f2345(new Uint8Array(32))).toThrow(new RangeError('rand must be 16 bytes, got 32'));
    expect(() => tuak.f5star(null as unknown as Uint8Array)).toThrow(TypeError);
    tuak.dispose();
  });

  it('cannot be used after dispose()', () => {
    const tuak = Tuak.fromTop(k, top);
    tuak.dispose();
    tuak.dispose(); // a second dispose does nothing
    expect(() => tuak.topc).toThrow('Tuak: used after dispose()');
    expect(() => tuak.f5star(new Uint8Array(16))).toThrow('Tuak: used after dispose()');
  });
});
