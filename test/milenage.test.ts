import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSTANTS, Milenage, fromHex, milenageBatch, toHex } from '../src/index.js';
import type { MilenageConstants } from '../src/index.js';
import ts35207 from '../test-vectors/milenage-ts35207.json' with { type: 'json' };
import ts35208 from '../test-vectors/milenage-ts35208.json' with { type: 'json' };
import { REFERENCE_DEFAULTS, referenceMilenage, referenceOpc } from './reference/milenage.js';

type TestSet = (typeof ts35208.sets)[number];
const suites = [
  { name: `${ts35207.source.document} ${ts35207.source.version}`, sets: ts35207.sets as TestSet[] },
  { name: `${ts35208.source.document} ${ts35208.source.version}`, sets: ts35208.sets as TestSet[] },
];

function expectSet(set: TestSet, m: Milenage): void {
  const rand = fromHex(set.rand), sqn = fromHex(set.sqn), amf = fromHex(set.amf);
  const out = m.compute(rand, sqn, amf);
  expect(toHex(m.opc)).toBe(set.opc);
  expect(toHex(out.macA)).toBe(set.f1);
  expect(toHex(out.macS)).toBe(set.f1star);
  expect(toHex(out.res)).toBe(set.f2);
  expect(toHex(out.ck)).toBe(set.f3);
  expect(toHex(out.ik)).toBe(set.f4);
  expect(toHex(out.ak)).toBe(set.f5);
  expect(toHex(out.akStar)).toBe(set.f5star);
  expect(toHex(m.f1(rand, sqn, amf))).toBe(set.f1);
  expect(toHex(m.f1star(rand, sqn, amf))).toBe(set.f1star);
  const { res, ck, ik, ak } = m.f2345(rand);
  expect([toHex(res), toHex(ck), toHex(ik), toHex(ak)]).toEqual([set.f2, set.f3, set.f4, set.f5]);
  expect(toHex(m.f5star(rand))).toBe(set.f5star);
}

function autnOf(set: TestSet): string {
  const sqn = fromHex(set.sqn), ak = fromHex(set.f5);
  return toHex(sqn.map((b, i) => b ^ ak[i]!)) + set.amf + set.f1;
}

for (const suite of suites) {
  describe(`Milenage: ${suite.name}`, () => {
    it('holds every test set', () => {
      expect(suite.sets.length).toBeGreaterThanOrEqual(6);
    });

    it.each(suite.sets)('set $set ($clause), single API from OP and from OPc', (set) => {
      const fromOp = Milenage.fromOp(fromHex(set.k), fromHex(set.op));
      expectSet(set, fromOp);
      fromOp.dispose();
      const fromOpc = Milenage.fromOpc(fromHex(set.k), fromHex(set.opc));
      expectSet(set, fromOpc);
      const v = fromOpc.vector(fromHex(set.rand), fromHex(set.sqn), fromHex(set.amf));
      expect(toHex(v.autn)).toBe(autnOf(set));
      expect([toHex(v.rand), toHex(v.xres), toHex(v.ck), toHex(v.ik), toHex(v.ak)]).toEqual([
        set.rand, set.f2, set.f3, set.f4, set.f5,
      ]);
      fromOpc.dispose();
    });

    it('all sets in one batch, from OP and from OPc', () => {
      const cat = (field: keyof TestSet) => fromHex(suite.sets.map((s) => s[field]).join(''));
      for (const keyForm of ['op', 'opc'] as const) {
        const batch = milenageBatch({
          k: cat('k'), [keyForm]: cat(keyForm), rand: cat('rand'), sqn: cat('sqn'), amf: cat('amf'),
        });
        expect(batch.count).toBe(suite.sets.length);
        suite.sets.forEach((set, n) => {
          expect(toHex(batch.xres.subarray(8 * n, 8 * n + 8))).toBe(set.f2);
          expect(toHex(batch.ck.subarray(16 * n, 16 * n + 16))).toBe(set.f3);
          expect(toHex(batch.ik.subarray(16 * n, 16 * n + 16))).toBe(set.f4);
          expect(toHex(batch.ak.subarray(6 * n, 6 * n + 6))).toBe(set.f5);
          expect(toHex(batch.autn.subarray(16 * n, 16 * n + 16))).toBe(autnOf(set));
          expect(toHex(batch.rand.subarray(16 * n, 16 * n + 16))).toBe(set.rand);
        });
      }
    });
  });
}

function randomConstants(): { lib: MilenageConstants; ref: typeof REFERENCE_DEFAULTS } {
  const c = [1, 2, 3, 4, 5].map(() => new Uint8Array(randomBytes(16)));
  const r = [1, 2, 3, 4, 5].map(() => randomInt(128));
  const lib = {
    c1: c[0]!, c2: c[1]!, c3: c[2]!, c4: c[3]!, c5: c[4]!, r1: r[0]!, r2: r[1]!, r3: r[2]!, r4: r[3]!, r5: r[4]!,
  };
  return { lib, ref: { c, r } };
}

describe('Milenage against an independent implementation on node:crypto', () => {
  it('agrees on 10,000 random subscribers with the default constants', () => {
    for (let i = 0; i < 10_000; i++) {
      const k = randomBytes(16), op = randomBytes(16), rand = randomBytes(16), sqn = randomBytes(6);
      const amf = randomBytes(2);
      const m = Milenage.fromOp(k, op);
      const opc = referenceOpc(k, op);
      expect(Buffer.from(m.opc).equals(opc)).toBe(true);
      const got = m.compute(rand, sqn, amf);
      const want = referenceMilenage(k, opc, rand, sqn, amf);
      expect(Object.fromEntries(Object.entries(got).map(([f, v]) => [f, toHex(v)]))).toEqual(
        Object.fromEntries(Object.entries(want).map(([f, v]) => [f, toHex(v)])),
      );
      m.dispose();
    }
  });

  it('agrees on 2,000 random inputs with random operator constants (any rotation 0..127)', () => {
    for (let i = 0; i < 2_000; i++) {
      const { lib, ref } = randomConstants();
      const k = randomBytes(16), opc = randomBytes(16), rand = randomBytes(16), sqn = randomBytes(6);
      const amf = randomBytes(2);
      const m = Milenage.fromOpc(k, opc, lib);
      const got = m.compute(rand, sqn, amf);
      const want = referenceMilenage(k, opc, rand, sqn, amf, ref);
      for (const field of Object.keys(want) as (keyof typeof want)[]) {
        expect(toHex(got[field]), field).toBe(toHex(want[field]));
      }
      m.dispose();
    }
  });

  it('gives the same vectors in a batch as one by one, for batches of every shape', () => {
    const shapes: number[][] = [
      [1000], [1, 1, 1], Array(1000).fill(1), Array(200).fill(5), [0, 3, 0, 17, 1, 0, 40, 2, 9],
      Array.from({ length: 300 }, () => randomInt(0, 12)), [7], [8], [9], [100, 1, 1, 1, 1, 1, 1, 1, 1, 100],
    ];
    for (const counts of shapes) {
      const subscribers = counts.length, n = counts.reduce((a, b) => a + b, 0);
      const custom = randomInt(2) === 1 ? randomConstants() : undefined;
      const k = randomBytes(16 * subscribers), op = randomBytes(16 * subscribers);
      const rand = randomBytes(16 * n), sqn = randomBytes(6 * n), amf = randomBytes(2 * n);
      const batch = milenageBatch({ k, op, counts, rand, sqn, amf, constants: custom?.lib });
      expect(batch.count).toBe(n);
      let record = 0;
      counts.forEach((count, s) => {
        const key = k.subarray(16 * s, 16 * s + 16);
        const opc = referenceOpc(key, op.subarray(16 * s, 16 * s + 16));
        for (let j = 0; j < count; j++, record++) {
          const at = (stride: number) => [stride * record, stride * record + stride] as const;
          const want = referenceMilenage(key, opc, rand.subarray(...at(16)), sqn.subarray(...at(6)),
            amf.subarray(...at(2)), custom?.ref);
          expect(toHex(batch.xres.subarray(...at(8)))).toBe(toHex(want.res));
          expect(toHex(batch.ck.subarray(...at(16)))).toBe(toHex(want.ck));
          expect(toHex(batch.ik.subarray(...at(16)))).toBe(toHex(want.ik));
          expect(toHex(batch.ak.subarray(...at(6)))).toBe(toHex(want.ak));
          const autn = [...sqn.subarray(...at(6)).map((b, i) => b ^ want.ak[i]!), ...amf.subarray(...at(2)), ...want.macA];
          expect(toHex(batch.autn.subarray(...at(16)))).toBe(toHex(Uint8Array.from(autn)));
        }
      });
    }
  });

  it('takes one AMF for the whole batch', () => {
    const k = randomBytes(16), opc = randomBytes(16), rand = randomBytes(16 * 20), sqn = randomBytes(6 * 20);
    const amf = fromHex('8000');
    const batch = milenageBatch({ k, opc, rand, sqn, amf });
    for (let n = 0; n < 20; n++) expect(toHex(batch.autn.subarray(16 * n + 6, 16 * n + 8))).toBe('8000');
  });
});

describe('Milenage constants', () => {
  it('are those of TS 35.206 clause 4.1 by default', () => {
    expect([1, 2, 3, 4, 5].map((i) => toHex(DEFAULT_CONSTANTS[`c${i}` as 'c1']))).toEqual([
      '00000000000000000000000000000000', '00000000000000000000000000000001',
      '00000000000000000000000000000002', '00000000000000000000000000000004',
      '00000000000000000000000000000008',
    ]);
    expect([DEFAULT_CONSTANTS.r1, DEFAULT_CONSTANTS.r2, DEFAULT_CONSTANTS.r3, DEFAULT_CONSTANTS.r4, DEFAULT_CONSTANTS.r5])
      .toEqual([64, 0, 32, 64, 96]);
  });
  it('given in part, keep the defaults for the rest', () => {
    const k = randomBytes(16), opc = randomBytes(16), rand = randomBytes(16), sqn = randomBytes(6), amf = randomBytes(2);
    const plain = Milenage.fromOpc(k, opc).compute(rand, sqn, amf);
    const withR3 = Milenage.fromOpc(k, opc, { r3: 40 }).compute(rand, sqn, amf);
    expect(toHex(withR3.macA)).toBe(toHex(plain.macA));
    expect(toHex(withR3.ck)).not.toBe(toHex(plain.ck));
    const want = referenceMilenage(k, opc, rand, sqn, amf, { c: REFERENCE_DEFAULTS.c, r: [64, 0, 40, 64, 96] });
    expect(toHex(withR3.ck)).toBe(toHex(want.ck));
  });
});

describe('Milenage caller mistakes', () => {
  const k = new Uint8Array(16), op = new Uint8Array(16);
  it('name the field, the expected and the received size', () => {
    expect(() => Milenage.fromOp(new Uint8Array(15), op)).toThrow(new RangeError('k must be 16 bytes, got 15'));
    expect(() => Milenage.fromOpc(k, new Uint8Array(17))).toThrow(new RangeError('opc must be 16 bytes, got 17'));
    expect(() => Milenage.fromOp(k, 'cdc2' as unknown as Uint8Array)).toThrow(TypeError);
    const m = Milenage.fromOp(k, op);
    expect(() => m.f1(new Uint8Array(16), new Uint8Array(5), new Uint8Array(2))).toThrow(
      new RangeError('sqn must be 6 bytes, got 5'),
    );
    expect(() => m.f1(new Uint8Array(16), new Uint8Array(6), new Uint8Array(3))).toThrow(/amf must be 2 bytes, got 3/);
    expect(() => m.f2345(new Uint8Array(8))).toThrow(/rand must be 16 bytes, got 8/);
    m.dispose();
    expect(() => m.f5star(new Uint8Array(16))).toThrow(/after dispose/);
    expect(() => m.opc).toThrow(/after dispose/);
  });
  it('in constants name the constant', () => {
    expect(() => Milenage.fromOp(k, op, { r2: 128 })).toThrow(/constants.r2 must be an integer from 0 to 127 bits, got 128/);
    expect(() => Milenage.fromOp(k, op, { c4: new Uint8Array(8) })).toThrow(/constants.c4 must be 16 bytes, got 8/);
  });
  it('in batches name the column and its sizes', () => {
    const base = { k: new Uint8Array(32), opc: new Uint8Array(32), rand: new Uint8Array(32), sqn: new Uint8Array(12), amf: new Uint8Array(4) };
    expect(() => milenageBatch({ ...base, opc: new Uint8Array(16) })).toThrow(/opc must be 2 x 16 = 32 bytes, got 16/);
    expect(() => milenageBatch({ ...base, sqn: new Uint8Array(11) })).toThrow(/sqn must be 2 x 6 = 12 bytes, got 11/);
    expect(() => milenageBatch({ ...base, op: new Uint8Array(32) })).toThrow(/exactly one of op and opc/);
    expect(() => milenageBatch({ ...base, counts: [1, 2] })).toThrow(/counts must add up to the 2 records, got 3/);
    expect(() => milenageBatch({ ...base, counts: [2] })).toThrow(/one entry per subscriber \(2\), got 1/);
    expect(() => milenageBatch({ ...base, k: new Uint8Array(48), opc: new Uint8Array(48) })).toThrow(/counts is required/);
    expect(milenageBatch({ ...base, rand: new Uint8Array(0), sqn: new Uint8Array(0), amf: new Uint8Array(0), counts: [0, 0] }).count).toBe(0);
  });
});

describe('Milenage with Node Buffers as inputs', () => {
  // Buffer#slice shares memory and a small Buffer's .buffer is Node's shared pool: results must
  // neither alias the caller's bytes nor read the pool.
  it('returns a RAND that does not share memory with the caller', () => {
    const m = Milenage.fromOpc(randomBytes(16), randomBytes(16));
    const rand = Buffer.from(randomBytes(16));
    const av = m.vector(rand, Buffer.from('000000000001', 'hex'), Buffer.from('8000', 'hex'));
    rand.fill(0);
    expect(av.rand.some((b) => b !== 0)).toBe(true);
    m.dispose();
  });

  it('repeats a Buffer AMF for every record of a batch', () => {
    const k = randomBytes(16), opc = randomBytes(16), rand = randomBytes(32), sqn = randomBytes(12);
    const amf = Buffer.from('b9b9', 'hex');
    const batch = milenageBatch({ k, opc, rand, sqn, amf });
    const m = Milenage.fromOpc(k, opc);
    for (let n = 0; n < 2; n++) {
      const av = m.vector(rand.subarray(16 * n, 16 * n + 16), sqn.subarray(6 * n, 6 * n + 6), fromHex('b9b9'));
      expect(toHex(batch.autn.subarray(16 * n, 16 * n + 16))).toBe(toHex(av.autn));
    }
    m.dispose();
  });
});
