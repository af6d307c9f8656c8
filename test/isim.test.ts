// The ISIM side of AKA: every case of TS 33.102 Annex C.2 by name, the TS 35.208 sets through
// authenticate(), and every AUTN and AUTS built or checked with the independent node:crypto
// Milenage of test/reference, never with the code under test.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Isim, Milenage, fromHex, toHex } from '../src/index.js';
import type { AkaAlgorithm, IsimResult } from '../src/index.js';
import { SQN_MAX, joinSqn, sqnFromBytes, sqnToBytes } from '../src/sqn.js';
import ts35208 from '../test-vectors/milenage-ts35208.json' with { type: 'json' };
import { referenceMilenage as referenceBuffers } from './reference/milenage.js';

const K = fromHex('465b5ce8b199b49faa5f0a2ee238a6bc');
const OPC = fromHex('cd63cb71954a9f4e48a5994e37a02baf');
const AMF = fromHex('8000');
const SEQ_MAX = 2 ** 43 - 1;

const milenage = Milenage.fromOpc(K, OPC);
afterAll(() => milenage.dispose());

const xor = (a: Uint8Array, b: Uint8Array) => Uint8Array.from(a, (v, i) => v ^ b[i]!);

/** The reference Milenage's outputs as plain Uint8Arrays (it returns Buffers). */
function referenceMilenage(k: Uint8Array, opc: Uint8Array, rand: Uint8Array, sqn: Uint8Array, amf: Uint8Array) {
  const out = referenceBuffers(k, opc, rand, sqn, amf);
  return Object.fromEntries(Object.entries(out).map(([key, value]) => [key, Uint8Array.from(value)])) as typeof out;
}

/** AUTN = SQN ^ AK || AMF || MAC-A, as the HSS would send it (reference Milenage). */
function autnFor(rand: Uint8Array, sqn: number, amf = AMF, k = K, opc = OPC): Uint8Array {
  const sqnBytes = sqnToBytes(sqn);
  const { ak, macA } = referenceMilenage(k, opc, rand, sqnBytes, amf);
  return Uint8Array.from([...xor(sqnBytes, ak), ...amf, ...macA]);
}

/** The ISIM's answer to a fresh RAND carrying SQN = SEQ || IND. */
function challenge(isim: Isim, seq: number, ind: number, amf = AMF): IsimResult {
  const rand = new Uint8Array(randomBytes(16));
  return isim.authenticate(rand, autnFor(rand, joinSqn(seq, ind, isim.indBits), amf));
}

/** What the HSS reads from AUTS (clause 6.3.5): SQN_MS by f5*, after checking MAC-S with f1*. */
function openAuts(rand: Uint8Array, auts: Uint8Array, k = K, opc = OPC): number {
  const { akStar } = referenceMilenage(k, opc, rand, new Uint8Array(6), new Uint8Array(2));
  const sqnMs = xor(auts.subarray(0, 6), akStar);
  const { macS } = referenceMilenage(k, opc, rand, sqnMs, new Uint8Array(2));
  expect(toHex(auts.subarray(6))).toBe(toHex(macS));
  return sqnFromBytes(sqnMs);
}

function expectSync(result: IsimResult, cause: string): Uint8Array {
  expect(result.ok).toBe(false);
  if (result.ok || result.reason !== 'sync') throw new Error(`expected sync, got ${JSON.stringify(result)}`);
  expect(result.cause).toBe(cause);
  expect(result.auts.length).toBe(14);
  return result.auts;
}

describe('Isim: TS 35.208 test sets through authenticate()', () => {
  for (const set of ts35208.sets) {
    it(`set ${set.set} (clause ${set.clause}): RES, CK, IK; the same AUTN again gives AUTS of SQN_MS`, () => {
      const m = Milenage.fromOp(fromHex(set.k), fromHex(set.op));
      try {
        // The sets' SQNs sit anywhere in 48 bits; Δ = SEQmax lets a fresh card accept them.
        const isim = new Isim(m, { delta: SEQ_MAX });
        const rand = fromHex(set.rand);
        const autn = fromHex(toHex(xor(fromHex(set.sqn), fromHex(set.f5))) + set.amf + set.f1);
        const result = isim.authenticate(rand, autn);
        expect(result).toEqual({
          ok: true, res: fromHex(set.f2), ck: fromHex(set.f3), ik: fromHex(set.f4), sqn: fromHex(set.sqn),
        });
        const again = isim.authenticate(rand, autn);
        const auts = expectSync(again, 'not-fresh');
        // AUTS = SQN_MS ^ AK* || f1*(SQN_MS, RAND, 0000): AK* is the set's f5*.
        expect(toHex(xor(auts.subarray(0, 6), fromHex(set.f5star)))).toBe(set.sqn);
        expect(openAuts(rand, auts, fromHex(set.k), fromHex(set.opc))).toBe(parseInt(set.sqn, 16));
      } finally {
        m.dispose();
      }
    });
  }
});

describe('Isim: the cases of TS 33.102 Annex C.2', () => {
  it('fresh: a new card accepts SEQ 1 and returns what the reference Milenage computes', () => {
    const isim = new Isim(milenage);
    const rand = new Uint8Array(randomBytes(16));
    const sqn = joinSqn(1, 0, 5);
    const result = isim.authenticate(rand, autnFor(rand, sqn));
    const ref = referenceMilenage(K, OPC, rand, sqnToBytes(sqn), AMF);
    expect(result).toEqual({ ok: true, res: ref.res, ck: ref.ck, ik: ref.ik, sqn: sqnToBytes(sqn) });
    expect(isim.exportState().seqMs[0]).toBe(1);
    expect(isim.sqnMs).toBe(sqn);
  });

  it('replayed: the same SQN twice is refused the second time (C.2.2 b), AUTS carrying it as SQN_MS', () => {
    const isim = new Isim(milenage);
    const rand = new Uint8Array(randomBytes(16));
    const autn = autnFor(rand, joinSqn(7, 3, 5));
    expect(isim.authenticate(rand, autn).ok).toBe(true);
    const auts = expectSync(isim.authenticate(rand, autn), 'not-fresh');
    expect(openAuts(rand, auts)).toBe(joinSqn(7, 3, 5));
  });

  it('out of order within the array: a lower SEQ under another IND is fresh (C.2.2 a)', () => {
    const isim = new Isim(milenage);
    expect(challenge(isim, 20, 3).ok).toBe(true);
    expect(challenge(isim, 12, 7).ok).toBe(true);
    expect(challenge(isim, 15, 0).ok).toBe(true);
    expect(isim.exportState().seqMs.slice(0, 8)).toEqual([15, 0, 0, 20, 0, 0, 0, 12]);
    expect(isim.sqnMs).toBe(joinSqn(20, 3, 5));
  });

  it('an older SEQ under the same IND is refused, and SQN_MS is the highest anywhere in the array', () => {
    const isim = new Isim(milenage);
    expect(challenge(isim, 20, 3).ok).toBe(true);
    expect(challenge(isim, 30, 9).ok).toBe(true);
    const rand = new Uint8Array(randomBytes(16));
    const result = isim.authenticate(rand, autnFor(rand, joinSqn(19, 3, 5)));
    // SQN_MS is SEQ_MS(9) || 9, not SEQ_MS(3) || 3 and not the received IND.
    expect(openAuts(rand, expectSync(result, 'not-fresh'))).toBe(joinSqn(30, 9, 5));
  });

  it('beyond L: SEQ_MS - SEQ >= L is refused before the array is consulted (C.2.2)', () => {
    const isim = new Isim(milenage, { limit: 4 });
    expect(challenge(isim, 10, 0).ok).toBe(true);
    // IND 1 is untouched, so the array alone would accept SEQ 6; L = 4 does not (10 - 6 = 4).
    const rand = new Uint8Array(randomBytes(16));
    const result = isim.authenticate(rand, autnFor(rand, joinSqn(6, 1, 5)));
    expect(openAuts(rand, expectSync(result, 'limit'))).toBe(joinSqn(10, 0, 5));
    expect(challenge(isim, 7, 1).ok).toBe(true); // 10 - 7 = 3 < L
  });

  it('Δ: SEQ - SEQ_MS > Δ is refused, SEQ - SEQ_MS = Δ accepted (C.2.1)', () => {
    const isim = new Isim(milenage, { delta: 100 });
    expect(challenge(isim, 10, 0).ok).toBe(true);
    const rand = new Uint8Array(randomBytes(16));
    const result = isim.authenticate(rand, autnFor(rand, joinSqn(111, 1, 5)));
    expect(openAuts(rand, expectSync(result, 'delta'))).toBe(joinSqn(10, 0, 5));
    expect(challenge(isim, 110, 1).ok).toBe(true);
  });

  it('the default Δ is 2^28 and the default L 2^20 (Annex C.3)', () => {
    const isim = new Isim(milenage);
    expect([isim.indBits, isim.delta, isim.limit, isim.amfSeparation]).toEqual([5, 2 ** 28, 2 ** 20, false]);
    expect(challenge(isim, 2 ** 28 + 1, 0).ok).toBe(false);
    expect(challenge(isim, 2 ** 28, 0).ok).toBe(true);
    expect(challenge(isim, 2 ** 28 - 2 ** 20, 1).ok).toBe(false);
    expect(challenge(isim, 2 ** 28 - 2 ** 20 + 1, 1).ok).toBe(true);
  });

  it('wrap-around: Δ stops a jump to the top of the range; after the top, no SEQ wraps back to 0', () => {
    const isim = new Isim(milenage);
    expectSync(challenge(isim, SEQ_MAX, 31), 'delta'); // C.2.1: SEQ_MS must not be pushed to SEQmax
    const top = new Isim(milenage, { delta: SEQ_MAX });
    expect(challenge(top, SEQ_MAX, 31).ok).toBe(true);
    expect(top.sqnMs).toBe(SQN_MAX);
    expectSync(challenge(top, 1, 0), 'limit'); // a counter that wrapped is far behind SEQ_MS
    expectSync(challenge(top, SEQ_MAX, 31), 'not-fresh');
    const noLimit = new Isim(milenage, { delta: SEQ_MAX, limit: SEQ_MAX + 1 });
    expect(challenge(noLimit, SEQ_MAX, 31).ok).toBe(true);
    expectSync(challenge(noLimit, 1, 31), 'not-fresh'); // the same IND never goes backwards
  });

  it('resync after a long gap: the HSS ran Δ ahead, AUTS tells it SQN_MS, the next vector is accepted', () => {
    const isim = new Isim(milenage);
    expect(challenge(isim, 1000, 4).ok).toBe(true);
    const rand = new Uint8Array(randomBytes(16));
    const far = joinSqn(1000 + 2 ** 28 + 5, 4, 5);
    const auts = expectSync(isim.authenticate(rand, autnFor(rand, far)), 'delta');
    const sqnMs = openAuts(rand, auts);
    expect(sqnMs).toBe(joinSqn(1000, 4, 5));
    // The HSS restarts from SQN_MS (clause 6.3.5): next SEQ = SEQ_MS + 1.
    const next = joinSqn(Math.floor(sqnMs / 32) + 1, 4, 5);
    const rand2 = new Uint8Array(randomBytes(16));
    expect(isim.authenticate(rand2, autnFor(rand2, next)).ok).toBe(true);
  });

  it('a card that never accepted anything sends SQN_MS = 0', () => {
    const isim = new Isim(milenage, { delta: 5 });
    const rand = new Uint8Array(randomBytes(16));
    expect(openAuts(rand, expectSync(isim.authenticate(rand, autnFor(rand, joinSqn(6, 0, 5))), 'delta'))).toBe(0);
  });
});

describe('Isim: the order of the checks', () => {
  it('MAC first: a wrong MAC with a stale SQN says mac, and so does a flipped bit anywhere in AUTN', () => {
    const isim = new Isim(milenage, { amfSeparation: true });
    const rand = new Uint8Array(randomBytes(16));
    const autn = autnFor(rand, joinSqn(5, 0, 5));
    expect(isim.authenticate(rand, autn).ok).toBe(true);
    for (let bit = 0; bit < 128; bit++) {
      const bad = autn.slice();
      bad[bit >> 3]! ^= 0x80 >> (bit & 7);
      expect(isim.authenticate(rand, bad)).toEqual({ ok: false, reason: 'mac' });
    }
    const otherRand = rand.slice();
    otherRand[0]! ^= 1;
    expect(isim.authenticate(otherRand, autn)).toEqual({ ok: false, reason: 'mac' });
  });

  it('then the AMF separation bit, when asked for, before the SQN', () => {
    const strict = new Isim(milenage, { amfSeparation: true });
    expect(challenge(strict, 5, 0, fromHex('0000'))).toEqual({ ok: false, reason: 'amf' });
    expect(challenge(strict, 5, 0, fromHex('7fff'))).toEqual({ ok: false, reason: 'amf' });
    expect(challenge(strict, 5, 0, fromHex('8000')).ok).toBe(true);
    // A stale SQN with the bit clear: AMF is checked first.
    expect(challenge(strict, 1, 0, fromHex('0000'))).toEqual({ ok: false, reason: 'amf' });
    const lax = new Isim(milenage);
    expect(challenge(lax, 5, 0, fromHex('0000')).ok).toBe(true);
  });

  it('a refused AUTN leaves the state untouched', () => {
    const isim = new Isim(milenage, { amfSeparation: true, limit: 4 });
    expect(challenge(isim, 10, 0).ok).toBe(true);
    const before = isim.exportState();
    challenge(isim, 11, 1, fromHex('0000'));
    challenge(isim, 5, 1);
    challenge(isim, 10, 0);
    const rand = new Uint8Array(randomBytes(16));
    const bad = autnFor(rand, joinSqn(12, 2, 5));
    bad[15]! ^= 1;
    isim.authenticate(rand, bad);
    expect(isim.exportState()).toEqual(before);
  });
});

describe('Isim: network data never throws', () => {
  it('a RAND or AUTN of the wrong length is malformed', () => {
    const isim = new Isim(milenage);
    for (const [r, a] of [[15, 16], [17, 16], [0, 16], [16, 15], [16, 17], [16, 0], [16, 14]] as const) {
      expect(isim.authenticate(new Uint8Array(r), new Uint8Array(a))).toEqual({ ok: false, reason: 'malformed' });
    }
    expect(isim.authenticate(new Uint8Array(16), new Uint8Array(16))).toEqual({ ok: false, reason: 'mac' });
  });

  it('takes AUTN as long as the algorithm says MAC-A is (TUAK may use 16 or 32 bytes)', () => {
    // A stand-in with a 16-byte MAC-A / MAC-S, to see that lengths come from algorithm.sizes.
    const wide: AkaAlgorithm = {
      name: 'wide', sizes: { mac: 16, res: 8, ck: 16, ik: 16 },
      f1: (r, s, a) => Uint8Array.from([...milenage.f1(r, s, a), ...milenage.f1star(r, s, a)]),
      f1star: (r, s, a) => Uint8Array.from([...milenage.f1star(r, s, a), ...milenage.f1(r, s, a)]),
      f2345: (r) => milenage.f2345(r),
      f5star: (r) => milenage.f5star(r),
      dispose: () => undefined,
    };
    const isim = new Isim(wide);
    const rand = new Uint8Array(randomBytes(16));
    const sqn = sqnToBytes(joinSqn(3, 2, 5));
    const ref = referenceMilenage(K, OPC, rand, sqn, AMF);
    const autn = Uint8Array.from([...xor(sqn, ref.ak), ...AMF, ...ref.macA, ...ref.macS]);
    expect(isim.authenticate(rand, autn.subarray(0, 16))).toEqual({ ok: false, reason: 'malformed' });
    expect(isim.authenticate(rand, autn).ok).toBe(true);
    const again = isim.authenticate(rand, autn);
    if (again.ok || again.reason !== 'sync') throw new Error('expected sync');
    expect(again.auts.length).toBe(6 + 16);
  });

  it('something other than bytes is a caller mistake: TypeError naming the field', () => {
    const isim = new Isim(milenage);
    expect(() => isim.authenticate('00' as never, new Uint8Array(16))).toThrow(/rand must be a Uint8Array, got string/);
    expect(() => isim.authenticate(new Uint8Array(16), [1, 2] as never)).toThrow(/autn must be a Uint8Array, got Array/);
  });
});

describe('Isim: state as plain JSON', () => {
  it('survives JSON.stringify and fromState with the same decisions', () => {
    const isim = new Isim(milenage, { indBits: 3 });
    expect(challenge(isim, 9, 2).ok).toBe(true);
    expect(challenge(isim, 4, 5).ok).toBe(true);
    const state = JSON.parse(JSON.stringify(isim.exportState()));
    expect(state).toEqual({ indBits: 3, seqMs: [0, 0, 9, 0, 0, 4, 0, 0] });
    const restored = Isim.fromState(milenage, state);
    expect(restored.sqnMs).toBe(isim.sqnMs);
    expectSync(challenge(restored, 9, 2), 'not-fresh');
    expect(challenge(restored, 5, 5).ok).toBe(true);
  });

  it('names the field of a bad state or option', () => {
    const ok = { indBits: 2, seqMs: [0, 0, 0, 0] };
    expect(() => Isim.fromState(milenage, null as never)).toThrow(/state must be an object/);
    expect(() => Isim.fromState(milenage, { ...ok, indBits: 48 })).toThrow(/state.indBits must be a whole number of bits from 0 to 47, got 48/);
    expect(() => Isim.fromState(milenage, { ...ok, seqMs: 'x' as never })).toThrow(/state.seqMs must be an array, got string/);
    expect(() => Isim.fromState(milenage, { ...ok, seqMs: [0, 0, 0] })).toThrow(/state.seqMs must have 2\^indBits = 4 entries, got 3/);
    expect(() => Isim.fromState(milenage, { ...ok, seqMs: [0, -1, 0, 0] })).toThrow(/state.seqMs\[1\] must be a whole number from 0 to 70368744177663, got -1/);
    expect(() => Isim.fromState(milenage, { ...ok, seqMs: [0, 0, 1.5, 0] })).toThrow(/state.seqMs\[2\]/);
    expect(() => new Isim(milenage, { delta: -1 })).toThrow(/options.delta must be a whole number/);
    expect(() => new Isim(milenage, { limit: 0 })).toThrow(/options.limit must be at least 1/);
    expect(() => new Isim(milenage, { amfSeparation: 1 as never })).toThrow(/options.amfSeparation must be a boolean, got number/);
    expect(() => new Isim({} as never)).toThrow(/algorithm must be an AkaAlgorithm, got Object/);
  });
});

describe('Isim: random subscribers against the reference Milenage', () => {
  it('accepts 300 random fresh challenges with the reference RES, CK, IK and refuses their replays', () => {
    for (let n = 0; n < 300; n++) {
      const k = new Uint8Array(randomBytes(16)), opc = new Uint8Array(randomBytes(16));
      const m = Milenage.fromOpc(k, opc);
      try {
        const isim = new Isim(m);
        const rand = new Uint8Array(randomBytes(16));
        const amf = new Uint8Array(randomBytes(2));
        const sqn = joinSqn(1 + (randomBytes(4).readUInt32BE() % 2 ** 28), n % 32, 5);
        const autn = autnFor(rand, sqn, amf, k, opc);
        const ref = referenceMilenage(k, opc, rand, sqnToBytes(sqn), amf);
        expect(isim.authenticate(rand, autn)).toEqual({ ok: true, res: ref.res, ck: ref.ck, ik: ref.ik, sqn: sqnToBytes(sqn) });
        const replay = isim.authenticate(rand, autn);
        if (replay.ok || replay.reason !== 'sync') throw new Error('expected sync');
        expect(openAuts(rand, replay.auts, k, opc)).toBe(sqn);
      } finally {
        m.dispose();
      }
    }
  });
});
