// AkaAlgorithm.challenge(): the USIM / ISIM side of one challenge in one call into the core (TS
// 33.102 clause 6.3.3: AK uncovers SQN, then XMAC-A = f1). Milenage.challenge against the TS 35.208
// sets and the independent node:crypto Milenage of test/reference on random subscribers, operator
// constants included; Tuak.challenge against the TS 35.233 sets and the independent TUAK of
// test/reference on random subscribers and options; and Isim's decisions with and without it.
import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Isim, Milenage, Tuak, fromHex, toHex } from '../src/index.js';
import type { AkaAlgorithm, TuakOptions } from '../src/index.js';
import { sqnToBytes } from '../src/sqn.js';
import ts35208 from '../test-vectors/milenage-ts35208.json' with { type: 'json' };
import ts35233 from '../test-vectors/tuak-ts35233.json' with { type: 'json' };
import { referenceMilenage } from './reference/milenage.js';
import type { ReferenceConstants } from './reference/milenage.js';
import { referenceTuak } from './reference/tuak.js';

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

describe('Tuak.challenge: the TS 35.233 sets', () => {
  for (const set of ts35233.sets) {
    it(`set ${set.set} (clause ${set.clause}): SQN, XMAC-A = f1, RES = f2, CK = f3, IK = f4`, () => {
      const options = { macBits: set.macBits, resBits: set.resBits, ckBits: set.ckBits, ikBits: set.ikBits, iterations: set.iterations };
      const t = Tuak.fromTopc(fromHex(set.k), fromHex(set.topc), options);
      try {
        const autn = fromHex(toHex(xor(fromHex(set.sqn), fromHex(set.f5))) + set.amf + set.f1);
        expect(hex({ ...t.challenge(fromHex(set.rand), autn) })).toEqual({
          sqn: set.sqn, xmac: set.f1, res: set.f2, ck: set.f3, ik: set.f4,
        });
      } finally {
        t.dispose();
      }
    });
  }
});

describe('Tuak.challenge against the independent reference', () => {
  it('agrees on 300 random subscribers, options and AUTNs (genuine or not)', () => {
    const pick = <T>(values: T[]) => values[randomInt(values.length)]!;
    for (let i = 0; i < 300; i++) {
      const options: Required<TuakOptions> = {
        macBits: pick([64, 128, 256]), resBits: pick([32, 64, 128, 256]), ckBits: pick([128, 256]),
        ikBits: pick([128, 256]), iterations: randomInt(1, 4),
      };
      const k = bytes(pick([16, 32])), topc = bytes(32), rand = bytes(16), autn = bytes(8 + options.macBits / 8);
      const t = Tuak.fromTopc(k, topc, options);
      try {
        const { ak, res, ck, ik } = referenceTuak(k, topc, rand, new Uint8Array(6), new Uint8Array(2), options);
        const sqn = xor(autn.subarray(0, 6), ak);
        const { macA } = referenceTuak(k, topc, rand, sqn, autn.subarray(6, 8), options);
        expect(hex({ ...t.challenge(rand, autn) })).toEqual(hex({ sqn, xmac: macA, res, ck, ik }));
      } finally {
        t.dispose();
      }
    }
  });

  it('takes AUTN as long as MAC-A makes it, and names the field otherwise', () => {
    const t = Tuak.fromTopc(bytes(16), bytes(32), { macBits: 128 });
    expect(t.challenge(bytes(16), bytes(24)).xmac.length).toBe(16);
    expect(() => t.challenge(bytes(16), bytes(16))).toThrow(new RangeError('autn must be 24 bytes, got 16'));
    t.dispose();
    expect(() => t.challenge(bytes(16), bytes(24))).toThrow(/used after dispose/);
  });
});

/** The same algorithm behind the AkaAlgorithm interface without the optional challenge(). */
function withoutChallenge(m: AkaAlgorithm): AkaAlgorithm {
  return {
    name: m.name, sizes: m.sizes, f1: (...a) => m.f1(...a), f1star: (...a) => m.f1star(...a),
    f2345: (rand) => m.f2345(rand), f5star: (rand) => m.f5star(rand), dispose: () => m.dispose(),
  };
}

describe('Isim with and without AkaAlgorithm.challenge', () => {
  const algorithms: [string, () => AkaAlgorithm][] = [
    ['Milenage', () => Milenage.fromOpc(bytes(16), bytes(16))],
    ['TUAK with a 128-bit MAC', () => Tuak.fromTopc(bytes(32), bytes(32), { macBits: 128, resBits: 128 })],
  ];
  for (const [name, make] of algorithms) {
    it(`${name}: the same decisions and answers on 400 challenges: fresh, replayed, forged MAC, wrong AMF bit`, () => {
      const m = make();
      expect(typeof m.challenge).toBe('function');
      const fast = new Isim(m, { amfSeparation: true }), slow = new Isim(withoutChallenge(m), { amfSeparation: true });
      const outcomes = new Set<string>();
      for (let i = 0; i < 400; i++) {
        const rand = bytes(16), sqn = sqnToBytes(randomInt(1, 64) * 32 + randomInt(32));
        const amf = randomInt(4) === 0 ? Uint8Array.of(0x00, 0x01) : Uint8Array.of(0x80, 0x00);
        // The network's AUTN, built through f5 and f1 (inputs only: the test compares the two ISIMs).
        const autn = Uint8Array.from([...xor(sqn, m.f2345(rand).ak), ...amf, ...m.f1(rand, sqn, amf)]);
        if (randomInt(5) === 0) autn[randomInt(autn.length)]! ^= 1 << randomInt(8);
        const a = fast.authenticate(rand, autn), b = slow.authenticate(rand, autn);
        expect(a).toEqual(b);
        outcomes.add(a.ok ? 'ok' : a.reason);
      }
      expect([...outcomes].sort()).toEqual(['amf', 'mac', 'ok', 'sync']);
      expect(fast.exportState()).toEqual(slow.exportState());
      m.dispose();
    });
  }
});
