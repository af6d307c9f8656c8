// Milenage.challenge(): the USIM / ISIM side of one challenge in one call into the core (TS 33.102
// clause 6.3.3: AK uncovers SQN, then XMAC-A = f1), checked against the TS 35.208 sets and against
// the independent node:crypto Milenage of test/reference on random subscribers, operator constants
// included; and Isim's decisions with and without the optional AkaAlgorithm.challenge.
import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Isim, Milenage, fromHex, toHex } from '../src/index.js';
import type { AkaAlgorithm } from '../src/index.js';
import { sqnToBytes } from '../src/sqn.js';
import ts35208 from '../test-vectors/milenage-ts35208.json' with { type: 'json' };
import { referenceMilenage } from './reference/milenage.js';
import type { ReferenceConstants } from './reference/milenage.js';

const bytes = (n: number) => new Uint8Array(randomBytes(n));
const xor = (a: Uint8Array, b: Uint8Array) => Uint8Array.from(a, (v, i) => v ^ b[i]!);
const hex = (o: Record<string, Uint8Array>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toHex(v)]));

describe('Milenage.challenge: the TS 35.208 sets', () => {
  for (const set of ts35208.sets) {
    it(`set ${set.set} (clause ${set.clause}): SQN, XMAC-A = f1, RES = f2, CK = f3, IK = f4`, () => {
      const m = Milenage.fromOpc(fromHex(set.k), fromHex(set.opc));
      try {
        const autn = fromHex(toHex(xor(fromHex(set.sqn), fromHex(set.f5))) + set.amf + set.f1);
        expect(hex({ ...m.challenge(fromHex(set.rand), autn) })).toEqual({
          sqn: set.sqn, xmac: set.f1, res: set.f2, ck: set.f3, ik: set.f4,
        });
      } finally {
        m.dispose();
      }
    });
  }
});

/** What the reference computes for RAND and AUTN: SQN = AUTN[0..5] ^ f5, then f1 over it. */
function referenceChallenge(k: Uint8Array, opc: Uint8Array, rand: Uint8Array, autn: Uint8Array, constants?: ReferenceConstants) {
  const { ak, res, ck, ik } = referenceMilenage(k, opc, rand, new Uint8Array(6), new Uint8Array(2), constants);
  const sqn = xor(autn.subarray(0, 6), ak);
  const { macA } = referenceMilenage(k, opc, rand, sqn, autn.subarray(6, 8), constants);
  return { sqn, xmac: macA, res, ck, ik };
}

describe('Milenage.challenge against the node:crypto reference', () => {
  it('agrees on 1,000 random subscribers with random RAND and AUTN (genuine or not)', () => {
    for (let i = 0; i < 1000; i++) {
      const k = bytes(16), opc = bytes(16), rand = bytes(16), autn = bytes(16);
      const m = Milenage.fromOpc(k, opc);
      try {
        expect(hex({ ...m.challenge(rand, autn) })).toEqual(hex(referenceChallenge(k, opc, rand, autn)));
      } finally {
        m.dispose();
      }
    }
  });

  it('agrees with operator constants c1..c5 and r1..r5, rotations by bits as well as bytes', () => {
    for (let i = 0; i < 200; i++) {
      const c = [1, 2, 3, 4, 5].map(() => bytes(16));
      const r = [1, 2, 3, 4, 5].map(() => randomInt(128));
      const k = bytes(16), opc = bytes(16), rand = bytes(16), autn = bytes(16);
      const m = Milenage.fromOpc(k, opc, { c1: c[0], c2: c[1], c3: c[2], c4: c[3], c5: c[4], r1: r[0], r2: r[1], r3: r[2], r4: r[3], r5: r[4] });
      try {
        expect(hex({ ...m.challenge(rand, autn) })).toEqual(hex(referenceChallenge(k, opc, rand, autn, { c, r })));
      } finally {
        m.dispose();
      }
    }
  });

  it('returns fresh arrays each time and leaves nothing behind that changes the next answer', () => {
    const k = bytes(16), opc = bytes(16), m = Milenage.fromOpc(k, opc);
    const rand = bytes(16), autn = bytes(16);
    const first = m.challenge(rand, autn);
    first.res.fill(0);
    expect(hex({ ...m.challenge(rand, autn) })).toEqual(hex(referenceChallenge(k, opc, rand, autn)));
    m.dispose();
  });

  it('names the field of a caller mistake, and refuses use after dispose()', () => {
    const m = Milenage.fromOpc(bytes(16), bytes(16));
    expect(() => m.challenge(bytes(15), bytes(16))).toThrow(new RangeError('rand must be 16 bytes, got 15'));
    expect(() => m.challenge(bytes(16), bytes(24))).toThrow(new RangeError('autn must be 16 bytes, got 24'));
    expect(() => m.challenge(bytes(16), 'autn' as unknown as Uint8Array)).toThrow(TypeError);
    m.dispose();
    expect(() => m.challenge(bytes(16), bytes(16))).toThrow(/used after dispose/);
  });
});

/** The same Milenage behind the AkaAlgorithm interface without the optional challenge(). */
function withoutChallenge(m: Milenage): AkaAlgorithm {
  return {
    name: m.name, sizes: m.sizes, f1: (...a) => m.f1(...a), f1star: (...a) => m.f1star(...a),
    f2345: (rand) => m.f2345(rand), f5star: (rand) => m.f5star(rand), dispose: () => m.dispose(),
  };
}

describe('Isim with and without AkaAlgorithm.challenge', () => {
  it('makes the same decisions and answers on 500 challenges: fresh, replayed, forged MAC, wrong AMF bit', () => {
    const k = bytes(16), opc = bytes(16), m = Milenage.fromOpc(k, opc);
    const fast = new Isim(m, { amfSeparation: true }), slow = new Isim(withoutChallenge(m), { amfSeparation: true });
    let used = 0;
    const outcomes = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const rand = bytes(16), seq = randomInt(1, 64), ind = randomInt(32);
      const amf = randomInt(4) === 0 ? Uint8Array.of(0x00, 0x01) : Uint8Array.of(0x80, 0x00);
      const sqn = sqnToBytes(seq * 32 + ind);
      const { ak, macA } = referenceMilenage(k, opc, rand, sqn, amf);
      const autn = Uint8Array.from([...xor(sqn, ak), ...amf, ...macA]);
      if (randomInt(5) === 0) autn[randomInt(16)]! ^= 1 << randomInt(8);
      const a = fast.authenticate(rand, autn), b = slow.authenticate(rand, autn);
      expect(a).toEqual(b);
      outcomes.add(a.ok ? 'ok' : a.reason);
      if (a.ok) used++;
    }
    expect([...outcomes].sort()).toEqual(['amf', 'mac', 'ok', 'sync']);
    expect(used).toBeGreaterThan(0);
    expect(fast.exportState()).toEqual(slow.exportState());
    m.dispose();
  });
});
