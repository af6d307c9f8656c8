import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  Milenage, SqnExhaustedError, XorAlgorithm, clearSeparationBit, fromHex, generateBatch, generateVectors,
  hasSeparationBit, initialSqnState, nextSeq, planSqns, resynchronise, setSeparationBit, sqnOfState, toHex,
} from '../src/index.js';
import type { SqnState } from '../src/index.js';
import ts35208 from '../test-vectors/milenage-ts35208.json' with { type: 'json' };
import { referenceMilenage, referenceOpc } from './reference/milenage.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const sqnHex = (sqn: number): string => sqn.toString(16).padStart(12, '0');
const AMF = fromHex('8000');
const state5 = (seqHe: number, indHe = 0): SqnState => ({ seqHe, indHe, indBits: 5 });

/** AUTS as a USIM builds it (clause 6.3.3), from the independent reference Milenage. */
function referenceAuts(k: Uint8Array, opc: Uint8Array, rand: Uint8Array, sqnMs: Uint8Array): Uint8Array {
  const { akStar, macS } = referenceMilenage(k, opc, rand, sqnMs, new Uint8Array(2));
  return Uint8Array.from([...sqnMs.map((b, i) => b ^ akStar[i]!), ...macS]);
}

describe('SQN generation in the HE/AuC (TS 33.102 Annex C.1)', () => {
  it('C.1.1.2 counter: SEQ_HE + 1 per vector, the batch in order, the last SQN as the new state', () => {
    const { sqns, state } = planSqns(state5(41, 3), 4);
    expect(sqns).toEqual([42, 43, 44, 45].map((seq) => seq * 32 + 4));
    expect(state).toEqual(state5(45, 4));
  });

  it('C.1.1.2 counter: the next batch continues from the persisted (JSON round-tripped) state', () => {
    const first = planSqns(initialSqnState(), 3);
    const second = planSqns(JSON.parse(JSON.stringify(first.state)) as SqnState, 2);
    expect(second.sqns).toEqual([4 * 32 + 2, 5 * 32 + 2]);
    expect(Math.min(...second.sqns)).toBeGreaterThan(Math.max(...first.sqns));
  });

  it('C.1.2 IND cycled: one IND per batch, the next after IND_HE, wrapping from 2^indBits - 1 to 0', () => {
    expect(planSqns(state5(0, 30), 2).sqns.map((s) => s % 32)).toEqual([31, 31]);
    expect(planSqns(state5(0, 31), 2).sqns.map((s) => s % 32)).toEqual([0, 0]);
    const inds = [];
    let state = initialSqnState(0, 2);
    for (let i = 0; i < 6; i++) ({ state } = planSqns(state, 1)), inds.push(state.indHe);
    expect(inds).toEqual([1, 2, 3, 0, 1, 2]);
  });

  it('C.1.2 IND per requesting node: the node table decides, SEQ still rises for every node', () => {
    const nodes = { 'vlr-1': 0, 'sgsn-1': 1, 'mme-1': 9 };
    const a = planSqns(state5(10), 2, { node: 'mme-1', nodes });
    const b = planSqns(a.state, 1, { node: 'vlr-1', nodes });
    expect(a.sqns).toEqual([11 * 32 + 9, 12 * 32 + 9]);
    expect(b.sqns).toEqual([13 * 32 + 0]);
    expect(() => planSqns(state5(0), 1, { node: 'unknown', nodes })).toThrow(/node "unknown" has no IND in nodes/);
    expect(() => planSqns(state5(0), 1, { node: 'x', nodes: { x: 32 } })).toThrow(/nodes\["x"\] must be a whole number from 0 to 31, got 32/);
  });

  it('configurable IND length: 0 to 47 bits, SQN = SEQ || IND split accordingly', () => {
    expect(planSqns(initialSqnState(7, 0), 2).sqns).toEqual([8, 9]);
    expect(planSqns(initialSqnState(0, 8), 1, { node: 'n', nodes: { n: 200 } }).sqns).toEqual([256 + 200]);
    expect(initialSqnState(0xff9bb4d0b607)).toEqual({ seqHe: Math.floor(0xff9bb4d0b607 / 32), indHe: 7, indBits: 5 });
    expect(() => initialSqnState(0, 48)).toThrow(/indBits must be a whole number of bits from 0 to 47, got 48/);
  });

  describe('C.1.1.1 item 5 with a clock GLC (n = 8 bits, D = 16)', () => {
    const clock = (glc: number) => ({ glc, glcBits: 8, d: 16 });
    const seq = (seq1: number, seq2: number) => seq1 * 256 + seq2;

    it('SEQ2_HE < GLC < SEQ2_HE + p - D + 1: SEQ = SEQ1_HE || GLC', () => {
      expect(nextSeq(seq(3, 100), clock(101))).toBe(seq(3, 101));
      expect(nextSeq(seq(3, 10), clock(10 + 256 - 16))).toBe(seq(3, 250));
      expect(nextSeq(seq(3, 10), clock(10 + 256 - 15))).toBe(seq(3, 11)); // the bound itself: case (b)
    });

    it('GLC <= SEQ2_HE <= GLC + D - 1: SEQ = SEQ_HE + 1 (several vectors within one tick)', () => {
      expect(nextSeq(seq(3, 100), clock(100))).toBe(seq(3, 101));
      expect(nextSeq(seq(3, 115), clock(100))).toBe(seq(3, 116));
      expect(nextSeq(seq(3, 255), clock(250))).toBe(seq(4, 0)); // SEQ_HE + 1 carries into SEQ1
    });

    it('SEQ2_HE + p - D + 1 <= GLC: GLC has wrapped behind SEQ2_HE, SEQ = SEQ_HE + 1', () => {
      expect(nextSeq(seq(3, 10), clock(10 + 256 - 15))).toBe(seq(3, 11));
    });

    it('GLC + D - 1 < SEQ2_HE: GLC has wrapped around p, SEQ = (SEQ1_HE + 1) || GLC', () => {
      expect(nextSeq(seq(3, 116), clock(100))).toBe(seq(4, 100));
      expect(nextSeq(seq(3, 200), clock(256 + 5))).toBe(seq(4, 5)); // GLC taken mod p
    });

    it('every SEQ is above SEQ_HE, whatever the clock says (2,000 random cases)', () => {
      for (let i = 0; i < 2000; i++) {
        const seqHe = randomInt(0, 2 ** 30), c = { glc: randomInt(0, 2 ** 40), glcBits: randomInt(1, 20), d: 1 };
        c.d = randomInt(1, 2 ** c.glcBits);
        expect(nextSeq(seqHe, c)).toBeGreaterThan(seqHe);
      }
    });

    it('a batch takes GLC for its first vector and counts on within the tick', () => {
      const { sqns, state } = planSqns(state5(seq(3, 100)), 3, { clock: clock(150) });
      expect(sqns.map((s) => Math.floor(s / 32))).toEqual([seq(3, 150), seq(3, 151), seq(3, 152)]);
      expect(state.seqHe).toBe(seq(3, 152));
    });

    it('C.1.1.3 time-based (SEQ1 empty): SEQ follows the clock', () => {
      const timeBased = { glc: 1_700_000_000, glcBits: 43, d: 2 ** 16 };
      expect(planSqns(state5(1_600_000_000), 2, { clock: timeBased }).sqns.map((s) => Math.floor(s / 32)))
        .toEqual([1_700_000_000, 1_700_000_001]);
    });

    it('rejects a malformed clock, naming the field', () => {
      expect(() => planSqns(state5(0), 1, { clock: { glc: 1, glcBits: 44, d: 1 } })).toThrow(/clock.glcBits must be a whole number from 0 to 43, got 44/);
      expect(() => planSqns(state5(0), 1, { clock: { glc: 1, glcBits: 8, d: 0 } })).toThrow(/clock.d must be at least 1/);
      expect(() => planSqns(state5(0), 1, { clock: { glc: -1, glcBits: 8, d: 4 } })).toThrow(/clock.glc must be a whole number/);
    });
  });

  describe('wrap-around (Annex C.2.1: a USIM never accepts a wrapped SEQ)', () => {
    const seqMax = 2 ** 43 - 1;

    it('issues up to the last SEQ, then refuses with SqnExhaustedError', () => {
      expect(planSqns(state5(seqMax - 2), 2).sqns.map((s) => Math.floor(s / 32))).toEqual([seqMax - 1, seqMax]);
      expect(() => planSqns(state5(seqMax - 2), 3)).toThrow(SqnExhaustedError);
      expect(() => planSqns(state5(seqMax), 1)).toThrow(/SQN exhausted: SEQ would pass 8796093022207 \(48 - 5 bits\) at vector 1 of 1/);
    });

    it('time-based: a clock that fell D or more behind SEQ_HE would wrap SEQ, and is refused', () => {
      const clock = { glc: 1000, glcBits: 43, d: 16 };
      expect(() => planSqns(state5(5000), 1, { clock })).toThrow(SqnExhaustedError);
    });

    it('a refused batch changes nothing: the caller still holds the old state', () => {
      const state = Object.freeze(state5(seqMax - 1));
      expect(() => generateVectors(new XorAlgorithm(randomBytes(16)), state, { count: 5, amf: AMF })).toThrow(SqnExhaustedError);
      expect(state).toEqual(state5(seqMax - 1));
    });
  });

  it('never reuses an SQN within a batch or across batches (1,000 batches, random policies)', () => {
    const seen = new Set<number>();
    let state = initialSqnState();
    const nodes = { a: 0, b: 5, c: 31 };
    for (let i = 0; i < 1000; i++) {
      const node = [undefined, 'a', 'b', 'c'][i % 4];
      const clock = i % 3 === 0 ? { glc: i * 7, glcBits: 12, d: 64 } : undefined;
      const plan = planSqns(state, randomInt(1, 33), { ...(node ? { node, nodes } : {}), ...(clock ? { clock } : {}) });
      for (const sqn of plan.sqns) {
        expect(seen.has(sqn)).toBe(false);
        expect(Math.floor(sqn / 32)).toBeGreaterThan(state.seqHe);
        seen.add(sqn);
      }
      state = plan.state;
    }
  });

  it('rejects a malformed state or count, naming the field', () => {
    expect(() => planSqns({ seqHe: -1, indHe: 0, indBits: 5 }, 1)).toThrow(/state.seqHe must be a whole number/);
    expect(() => planSqns({ seqHe: 0, indHe: 32, indBits: 5 }, 1)).toThrow(/state.indHe must be a whole number from 0 to 31, got 32/);
    expect(() => planSqns(null as unknown as SqnState, 1)).toThrow(TypeError);
    expect(() => planSqns(state5(0), 1.5)).toThrow(/count must be a whole number/);
  });
});

describe('AMF separation bit (TS 33.102 Annex H, TS 33.401 Annex H)', () => {
  it('is bit 0, the most significant bit of AMF', () => {
    expect(hex(setSeparationBit(fromHex('0000')))).toBe('8000');
    expect(hex(setSeparationBit(fromHex('b9b9')))).toBe('b9b9');
    expect(hex(clearSeparationBit(fromHex('b9b9')))).toBe('39b9');
    expect(hasSeparationBit(fromHex('8000'))).toBe(true);
    expect(hasSeparationBit(fromHex('7fff'))).toBe(false);
    expect(() => setSeparationBit(fromHex('80'))).toThrow(/amf must be 2 bytes, got 1/);
    const given = Buffer.from('0000', 'hex');
    expect(hex(setSeparationBit(given))).toBe('8000');
    expect(hex(given)).toBe('0000'); // a copy, even of a Buffer (whose slice() would share memory)
  });

  it('reaches AUTN: per batch, and per subscriber in generateBatch', () => {
    const m = Milenage.fromOpc(randomBytes(16), randomBytes(16));
    const { vectors } = generateVectors(m, initialSqnState(), { count: 2, amf: setSeparationBit(fromHex('0001')) });
    expect(vectors.every((v) => hex(v.autn.subarray(6, 8)) === '8001')).toBe(true);
    const batch = generateBatch({
      subscribers: [
        { k: randomBytes(16), opc: randomBytes(16), state: initialSqnState(), count: 1, amf: fromHex('8000') },
        { k: randomBytes(16), opc: randomBytes(16), state: initialSqnState(), count: 1 },
      ],
      amf: fromHex('0000'),
    });
    expect(hex(batch.vectors.autn.subarray(6, 8))).toBe('8000');
    expect(hex(batch.vectors.autn.subarray(22, 24))).toBe('0000');
    m.dispose();
  });
});

describe('generateVectors (TS 33.102 clause 6.3.2)', () => {
  it('gives TS 35.208 test set 1 AUTN, XRES, CK, IK when the SQN and RAND are the set\'s', () => {
    const set = ts35208.sets[0]!;
    const sqn = parseInt(set.sqn, 16);
    const state = initialSqnState(sqn - 33); // SEQ one below, IND one below: the cycled IND is the set's
    const m = Milenage.fromOp(fromHex(set.k), fromHex(set.op));
    const { vectors, state: next } = generateVectors(m, state, { count: 1, amf: fromHex(set.amf), rand: fromHex(set.rand) });
    const v = vectors[0]!;
    expect(v.sqn).toBe(sqn);
    expect(hex(v.xres)).toBe(set.f2);
    expect(hex(v.ck)).toBe(set.f3);
    expect(hex(v.ik)).toBe(set.f4);
    expect(hex(v.ak)).toBe(set.f5);
    expect(hex(v.autn)).toBe(hex(fromHex(set.sqn).map((b, i) => b ^ fromHex(set.f5)[i]!)) + set.amf + set.f1);
    expect(sqnOfState(next)).toBe(sqn);
    m.dispose();
  });

  it('agrees with the reference Milenage (node:crypto) on 300 random subscribers, with fresh RANDs', () => {
    for (let i = 0; i < 300; i++) {
      const k = randomBytes(16), opc = randomBytes(16), amf = randomBytes(2);
      const m = Milenage.fromOpc(k, opc);
      const count = randomInt(1, 6);
      const { vectors } = generateVectors(m, initialSqnState(randomInt(0, 2 ** 40)), { count, amf });
      expect(vectors).toHaveLength(count);
      expect(new Set(vectors.map((v) => hex(v.rand))).size).toBe(count);
      for (const v of vectors) {
        const ref = referenceMilenage(k, opc, v.rand, fromHex(sqnHex(v.sqn)), amf);
        expect(hex(v.xres)).toBe(hex(ref.res));
        expect(hex(v.ck) + hex(v.ik) + hex(v.ak)).toBe(hex(ref.ck) + hex(ref.ik) + hex(ref.ak));
        expect(hex(v.autn)).toBe(hex(fromHex(sqnHex(v.sqn)).map((b, j) => b ^ ref.ak[j]!)) + hex(amf) + hex(ref.macA));
      }
      m.dispose();
    }
  });

  it('rejects caller mistakes, naming the field', () => {
    const x = new XorAlgorithm(randomBytes(16));
    expect(() => generateVectors(x, state5(0), { count: 1, amf: fromHex('80') })).toThrow(/amf must be 2 bytes, got 1/);
    expect(() => generateVectors(x, state5(0), { count: 2, amf: AMF, rand: randomBytes(16) })).toThrow(/rand must be 2 x 16 = 32 bytes, got 16/);
  });
});

describe('generateBatch: many subscribers in one call', () => {
  function subscribers(n: number) {
    return Array.from({ length: n }, () => ({
      k: randomBytes(16), opc: randomBytes(16), state: initialSqnState(randomInt(0, 2 ** 40)), count: randomInt(0, 7),
    }));
  }

  it('equals the per-subscriber loop of generateVectors (200 subscribers, 0 to 6 vectors each)', () => {
    const subs = subscribers(200);
    const total = subs.reduce((sum, s) => sum + s.count, 0);
    const rand = randomBytes(16 * total);
    const batch = generateBatch({ subscribers: subs, amf: AMF, rand });
    expect(batch.vectors.count).toBe(total);
    let r = 0;
    subs.forEach((s, i) => {
      const m = Milenage.fromOpc(s.k, s.opc);
      const one = generateVectors(m, s.state, { count: s.count, amf: AMF, rand: rand.subarray(16 * r, 16 * (r + s.count)) });
      expect(batch.states[i]).toEqual(one.state);
      for (const v of one.vectors) {
        expect(hex(batch.vectors.autn.subarray(16 * r, 16 * r + 16))).toBe(hex(v.autn));
        expect(hex(batch.vectors.xres.subarray(8 * r, 8 * r + 8))).toBe(hex(v.xres));
        expect(hex(batch.vectors.ck.subarray(16 * r, 16 * r + 16)) + hex(batch.vectors.ik.subarray(16 * r, 16 * r + 16)))
          .toBe(hex(v.ck) + hex(v.ik));
        expect(hex(batch.vectors.sqn.subarray(6 * r, 6 * r + 6))).toBe(sqnHex(v.sqn));
        expect(hex(batch.vectors.rand.subarray(16 * r, 16 * r + 16))).toBe(hex(v.rand));
        r++;
      }
      m.dispose();
    });
  });

  it('takes packed columns (OP or OPc, one AMF or one per subscriber) and gives the same as the object form', () => {
    const subs = subscribers(20);
    const op = subs.map(() => randomBytes(16));
    const total = subs.reduce((sum, s) => sum + s.count, 0);
    const rand = randomBytes(16 * total), amf = randomBytes(2 * subs.length);
    const packed = generateBatch({
      k: Buffer.concat(subs.map((s) => s.k)), op: Buffer.concat(op), states: subs.map((s) => s.state),
      counts: subs.map((s) => s.count), amf, rand,
    });
    const objects = generateBatch({
      subscribers: subs.map((s, i) => ({ k: s.k, op: op[i]!, state: s.state, count: s.count, amf: amf.subarray(2 * i, 2 * i + 2) })),
      rand,
    });
    expect(hex(packed.vectors.autn)).toBe(hex(objects.vectors.autn));
    expect(packed.states).toEqual(objects.states);
    // OPc from OP by the reference: the same vectors through opc.
    const viaOpc = generateBatch({
      k: Buffer.concat(subs.map((s) => s.k)), opc: Buffer.concat(subs.map((s, i) => referenceOpc(s.k, op[i]!))),
      states: subs.map((s) => s.state), counts: subs.map((s) => s.count), amf, rand,
    });
    expect(hex(viaOpc.vectors.autn)).toBe(hex(packed.vectors.autn));
  });

  it('loops over the AkaAlgorithm interface for other algorithms (XOR), with their sizes', () => {
    const keys = [randomBytes(16), randomBytes(16)];
    const algorithms = keys.map((k) => new XorAlgorithm(k));
    const rand = randomBytes(16 * 3);
    const batch = generateBatch({
      subscribers: algorithms.map((algorithm, i) => ({ algorithm, state: state5(7), count: i + 1 })), amf: AMF, rand,
    });
    expect(batch.vectors.resLength).toBe(16);
    expect(batch.vectors.xres.length).toBe(48);
    const single = generateVectors(algorithms[1]!, state5(7), { count: 2, amf: AMF, rand: rand.subarray(16) });
    expect(hex(batch.vectors.autn.subarray(16))).toBe(single.vectors.map((v) => hex(v.autn)).join(''));
    expect(batch.states).toEqual([state5(8, 1), state5(9, 1)]);
  });

  it('plans every SQN first: one exhausted subscriber makes the whole call throw', () => {
    const subs = subscribers(3);
    subs[1]!.state = state5(2 ** 43 - 1);
    subs[1]!.count = 1;
    expect(() => generateBatch({ subscribers: subs, amf: AMF })).toThrow(/subscriber 1: SQN exhausted/);
  });

  it('rejects caller mistakes, naming the field', () => {
    const s = subscribers(2);
    expect(() => generateBatch({ subscribers: [{ ...s[0]!, op: randomBytes(16) }], amf: AMF })).toThrow(/give exactly one of op and opc/);
    expect(() => generateBatch({ k: randomBytes(32), opc: randomBytes(32), states: [state5(0)], counts: [1, 1], amf: AMF }))
      .toThrow(/states must have one entry per subscriber \(2\), got 1/);
    expect(() => generateBatch({ subscribers: [{ ...s[0]!, k: randomBytes(15) }], amf: AMF })).toThrow(/subscribers\[0\].k must be 16 bytes, got 15/);
  });
});

describe('resynchronise (TS 33.102 clauses 6.3.3 and 6.3.5)', () => {
  const k = randomBytes(16), opc = randomBytes(16);
  const m = Milenage.fromOpc(k, opc);

  it('recovers SQN_MS from a good AUTS and resets SQN_HE to it, so the next SEQ is fresh', () => {
    for (let i = 0; i < 200; i++) {
      const rand = randomBytes(16), sqnMs = randomInt(0, 2 ** 47);
      const state = state5(randomInt(0, 2 ** 42), randomInt(0, 32));
      const result = resynchronise(m, state, rand, referenceAuts(k, opc, rand, fromHex(sqnHex(sqnMs))));
      expect(result).toEqual({ ok: true, sqnMs, state: initialSqnState(sqnMs) });
      const next = planSqns(result.ok ? result.state : state, 1).sqns[0]!;
      expect(Math.floor(next / 32)).toBe(Math.floor(sqnMs / 32) + 1);
    }
  });

  it('refuses an AUTS whose MAC-S fails, leaving the state untouched (every bit flip of MAC-S and SQN ^ AK*)', () => {
    const rand = randomBytes(16), state = Object.freeze(state5(1234, 5));
    const auts = referenceAuts(k, opc, rand, fromHex(sqnHex(99999)));
    for (let bit = 0; bit < 14 * 8; bit++) {
      const bad = auts.slice();
      bad[bit >> 3]! ^= 0x80 >> (bit & 7);
      expect(resynchronise(m, state, rand, bad)).toEqual({ ok: false, reason: 'mac-s' });
    }
    expect(resynchronise(m, state, randomBytes(16), auts)).toEqual({ ok: false, reason: 'mac-s' });
    expect(state).toEqual(state5(1234, 5));
  });

  it('checks MAC-S with the dummy AMF* = 0000, not the AMF of the vectors', () => {
    const rand = randomBytes(16), sqnMs = fromHex('000000001000');
    const { akStar, macS } = referenceMilenage(k, opc, rand, sqnMs, fromHex('8000'));
    const withAmf = Uint8Array.from([...sqnMs.map((b, i) => b ^ akStar[i]!), ...macS]);
    expect(resynchronise(m, state5(0), rand, withAmf)).toEqual({ ok: false, reason: 'mac-s' });
  });

  it('yields a reason, never an exception, for garbage from the network', () => {
    const rand = randomBytes(16);
    for (const auts of [new Uint8Array(0), randomBytes(13), randomBytes(15), 'ab'.repeat(14), null, undefined, [1, 2, 3], {}]) {
      expect(resynchronise(m, state5(0), rand, auts)).toEqual({ ok: false, reason: 'malformed' });
    }
    for (const badRand of [randomBytes(15), null, 'x']) {
      expect(resynchronise(m, state5(0), badRand, randomBytes(14))).toEqual({ ok: false, reason: 'malformed' });
    }
    for (let i = 0; i < 500; i++) {
      expect(resynchronise(m, state5(0), randomBytes(16), randomBytes(14))).toEqual({ ok: false, reason: 'mac-s' });
    }
  });

  it('clause 6.3.5 step 4 with Δ: keeps SQN_HE when the USIM would accept its successor', () => {
    const rand = randomBytes(16), sqnMs = 100 * 32 + 3;
    const auts = referenceAuts(k, opc, rand, fromHex(sqnHex(sqnMs)));
    expect(resynchronise(m, state5(150, 1), rand, auts, { delta: 2 ** 28 })).toEqual({ ok: true, sqnMs, state: state5(150, 1) });
    expect(resynchronise(m, state5(50, 1), rand, auts, { delta: 2 ** 28 })).toEqual({ ok: true, sqnMs, state: state5(100, 3) });
    expect(resynchronise(m, state5(150, 1), rand, auts, { delta: 10 })).toEqual({ ok: true, sqnMs, state: state5(100, 3) });
  });

  it('works for XOR too (TS 34.108 clause 8.1.2.2: MAC-S computed as f1 with AMF* = 0)', () => {
    const xk = randomBytes(16), x = new XorAlgorithm(xk), rand = randomBytes(16);
    const sqnMs = fromHex('0000deadbe00');
    const xdout = rand.map((b, i) => b ^ xk[i]!);
    const auts = Uint8Array.from([...sqnMs.map((b, i) => b ^ xdout[3 + i]!), ...xdout.subarray(0, 8).map((b, i) => b ^ (i < 6 ? sqnMs[i]! : 0))]);
    expect(resynchronise(x, state5(0), rand, auts)).toMatchObject({ ok: true, sqnMs: 0xdeadbe00 });
  });

  it('rejects a malformed state or Δ from the caller with an exception', () => {
    expect(() => resynchronise(m, { seqHe: 0, indHe: 0, indBits: 60 }, randomBytes(16), randomBytes(14))).toThrow(/indBits/);
    expect(() => resynchronise(m, state5(0), randomBytes(16), randomBytes(14), { delta: -1 })).toThrow(/delta must be/);
  });

  it('draws fresh RANDs for each batch (crypto.getRandomValues)', () => {
    const a = generateVectors(m, state5(0), { count: 1, amf: AMF }).vectors[0]!;
    const b = generateVectors(m, state5(0), { count: 1, amf: AMF }).vectors[0]!;
    expect(toHex(a.rand)).not.toBe(toHex(b.rand));
  });
});
