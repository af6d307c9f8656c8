// The whole of AKA end to end, as an IMS core and a UE run it: the HSS issues vectors
// (TS 33.102 clause 6.3.2, Annex C.1), the ISIM checks them (clause 6.3.3, Annex C.2) and answers,
// the S-CSCF checks the Digest AKA response (RFC 3310), 5G keys agree on both sides (TS 33.501
// Annex A), and a card that is ahead is brought back by resynchronisation (clause 6.3.5).
import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  Isim, Milenage, Tuak, XorAlgorithm, akaDigestResponse, buildNonce, fromHex, generateBatch, generateVectors,
  initialSqnState, kausf, sqnOfState, parseNonce, resStar, resynchronise, servingNetworkName, toHex, verifyAkaDigestResponse,
} from '../src/index.js';
import type { AkaAlgorithm, SqnState } from '../src/index.js';
import { splitSqn, sqnFromBytes } from '../src/sqn.js';
import ts35208 from '../test-vectors/milenage-ts35208.json' with { type: 'json' };

const AMF = fromHex('8000');
const SUBSCRIBERS = 10_000;

/** The ISIM's answer to one vector must be the vector's own XRES, CK and IK. */
function expectAccepted(isim: Isim, av: { rand: Uint8Array; autn: Uint8Array; xres: Uint8Array; ck: Uint8Array; ik: Uint8Array }) {
  const answer = isim.authenticate(av.rand, av.autn);
  expect(answer.ok).toBe(true);
  if (!answer.ok) return;
  expect(toHex(answer.res)).toBe(toHex(av.xres));
  expect(toHex(answer.ck)).toBe(toHex(av.ck));
  expect(toHex(answer.ik)).toBe(toHex(av.ik));
}

describe('HSS -> ISIM over random subscribers', () => {
  it(`accepts every vector of a Milenage batch of ${SUBSCRIBERS} subscribers, in order, and nothing twice`, () => {
    const k = randomBytes(16 * SUBSCRIBERS), opc = randomBytes(16 * SUBSCRIBERS);
    const counts = Array.from({ length: SUBSCRIBERS }, () => randomInt(1, 4));
    const states = counts.map(() => initialSqnState(randomInt(0, 2 ** 20)));
    const { vectors, states: next } = generateBatch({ k, opc, states, counts, amf: AMF });
    let n = 0;
    for (let s = 0; s < SUBSCRIBERS; s++) {
      const m = Milenage.fromOpc(k.subarray(16 * s, 16 * s + 16), opc.subarray(16 * s, 16 * s + 16));
      const isim = Isim.fromState(m, { indBits: 5, seqMs: new Array(32).fill(splitSqn(sqnOfState(states[s]!), 5).seq) });
      const first = n;
      for (let i = 0; i < counts[s]!; i++, n++) expectAccepted(isim, column(vectors, n));
      // A vector replayed to the card is refused (Annex C.2.2: SEQ is not above SEQ_MS(IND)).
      const replay = column(vectors, first);
      expect(isim.authenticate(replay.rand, replay.autn)).toMatchObject({ ok: false, reason: 'sync' });
      expect(sqnOfState(next[s]!)).toBe(sqnFromBytes(vectors.sqn, 6 * (n - 1)));
      m.dispose();
    }
    expect(n).toBe(vectors.count);
  });

  it('runs TUAK and XOR subscribers through the same HSS and ISIM', () => {
    const algorithms: AkaAlgorithm[] = [];
    for (let i = 0; i < 200; i++) {
      algorithms.push(Tuak.fromTopc(randomBytes(randomInt(0, 2) ? 32 : 16), randomBytes(32), {
        macBits: [64, 128, 256][randomInt(0, 3)], resBits: [32, 64, 128, 256][randomInt(0, 4)],
        ckBits: [128, 256][randomInt(0, 2)], ikBits: [128, 256][randomInt(0, 2)],
      }));
      algorithms.push(new XorAlgorithm(randomBytes(16)));
    }
    for (const algorithm of algorithms) {
      const isim = new Isim(algorithm);
      let state = initialSqnState();
      for (let batch = 0; batch < 2; batch++) {
        const issued = generateVectors(algorithm, state, { count: 3, amf: AMF });
        for (const av of issued.vectors) expectAccepted(isim, av);
        state = issued.state;
      }
      algorithm.dispose();
    }
  });

  it('brings a card that is ahead back in step: sync failure, AUTS, resynchronise, then accepted', () => {
    for (let i = 0; i < 200; i++) {
      const m = Milenage.fromOpc(randomBytes(16), randomBytes(16));
      const cardSeq = randomInt(1000, 2 ** 30);
      const isim = Isim.fromState(m, { indBits: 5, seqMs: new Array(32).fill(cardSeq) });
      const stale = generateVectors(m, initialSqnState(randomInt(0, 1000)), { count: 1, amf: AMF });
      const refused = isim.authenticate(stale.vectors[0]!.rand, stale.vectors[0]!.autn);
      expect(refused).toMatchObject({ ok: false, reason: 'sync' });
      if (refused.ok || refused.reason !== 'sync') continue;
      const resync = resynchronise(m, stale.state, stale.vectors[0]!.rand, refused.auts);
      expect(resync.ok).toBe(true);
      if (!resync.ok) continue;
      expect(toHex(resync.sqnMs)).toBe(toHex(isim.sqnMs));
      const fresh = generateVectors(m, resync.state, { count: 2, amf: AMF });
      for (const av of fresh.vectors) expectAccepted(isim, av);
      m.dispose();
    }
  });
});

describe('TS 35.208 test sets through the whole flow', () => {
  for (const set of ts35208.sets) {
    it(`set ${set.set}: HSS vector, ISIM answer, Digest AKAv1 and AKAv2, 5G RES* and KAUSF`, () => {
      const m = Milenage.fromOp(fromHex(set.k), fromHex(set.op));
      // The HSS state from which the set's SQN is the next one for the node whose IND it carries.
      const sqn = sqnFromBytes(fromHex(set.sqn));
      const { seq, ind } = splitSqn(sqn, 5);
      const state: SqnState = { seqHe: seq - 1, indHe: ind, indBits: 5 };
      const issued = generateVectors(m, state, { count: 1, amf: fromHex(set.amf), node: 'scscf', nodes: { scscf: ind }, rand: fromHex(set.rand) });
      const av = issued.vectors[0]!;
      const ak = fromHex(set.f5);
      const sqnXorAk = fromHex(set.sqn).map((b, i) => b ^ ak[i]!);
      expect(av.sqn).toBe(sqn);
      expect(toHex(av.autn)).toBe(toHex(sqnXorAk) + set.amf + set.f1);
      expect(toHex(av.xres)).toBe(set.f2);

      const isim = Isim.fromState(m, { indBits: 5, seqMs: new Array(32).fill(seq - 1) });
      const nonce = buildNonce(av.rand, av.autn);
      const parsed = parseNonce(nonce);
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const answer = isim.authenticate(parsed.rand, parsed.autn);
      expect(answer.ok).toBe(true);
      if (!answer.ok) return;
      expect([toHex(answer.res), toHex(answer.ck), toHex(answer.ik)]).toEqual([set.f2, set.f3, set.f4]);

      for (const algorithm of ['AKAv1-MD5', 'AKAv2-MD5'] as const) {
        const request = { algorithm, username: 'user@ims.example.org', realm: 'ims.example.org', nonce, method: 'REGISTER', uri: 'sip:ims.example.org', qop: 'auth' as const, nc: '00000001', cnonce: '0a4f113b' };
        const response = akaDigestResponse({ ...request, res: answer.res, ck: answer.ck, ik: answer.ik });
        expect(verifyAkaDigestResponse({ ...request, res: av.xres, ck: av.ck, ik: av.ik }, response)).toBe(true);
        expect(verifyAkaDigestResponse({ ...request, res: av.xres.map((b) => b ^ 1), ck: av.ck, ik: av.ik }, response)).toBe(false);
      }

      const snn = servingNetworkName('001', '01');
      expect(toHex(resStar(answer.ck, answer.ik, snn, av.rand, answer.res))).toBe(toHex(resStar(av.ck, av.ik, snn, av.rand, av.xres)));
      expect(toHex(kausf(answer.ck, answer.ik, snn, sqnXorAk))).toBe(toHex(kausf(av.ck, av.ik, snn, av.autn.subarray(0, 6))));
      m.dispose();
    });
  }
});

function column(batch: ReturnType<typeof generateBatch>['vectors'], n: number) {
  return {
    rand: batch.rand.subarray(16 * n, 16 * n + 16), autn: batch.autn.subarray(16 * n, 16 * n + 16),
    xres: batch.xres.subarray(8 * n, 8 * n + 8), ck: batch.ck.subarray(16 * n, 16 * n + 16), ik: batch.ik.subarray(16 * n, 16 * n + 16),
  };
}
