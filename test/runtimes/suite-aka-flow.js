// HSS -> ISIM in every runtime, for Milenage, TUAK and the XOR test algorithm (TS 33.102 clauses
// 6.3.2, 6.3.3 and 6.3.5, Annex C):
//  - known answers through the whole flow: TS 35.208 set 1, the TS 35.233 TUAK sets and the XOR
//    example, each issued by the HSS with its own RAND and SQN (AUTN and XRES as published) and
//    answered by an ISIM (RES, CK, IK as published);
//  - a round trip on random keys (crypto.getRandomValues of the runtime): vectors accepted in order,
//    the Digest AKAv1 / AKAv2 response of the ISIM's RES verified by the S-CSCF against XRES
//    (RFC 3310, RFC 4169) with the nonce as RFC 3310 builds it, RES* checked against XRES*
//    (TS 33.501 A.4), a replay refused, and a card that is ahead brought back by resynchronisation.
// Plain ES module.
import { bytesOf, concat, hexOf } from './suite-tools.js';

const AMF = Uint8Array.of(0x80, 0x00);
const KNOWN_ANSWER_CHECKS = 7;
const ROUND_TRIP_CHECKS = 25;

/** The algorithms of the round trip, each on fresh random keys. */
const RANDOM_ALGORITHMS = {
  'Milenage': (api) => api.Milenage.fromOpc(api.randomBytes(16), api.randomBytes(16)),
  'TUAK (256-bit K, 128-bit MAC and RES)': (api) => api.Tuak.fromTop(api.randomBytes(32), api.randomBytes(32), { macBits: 128, resBits: 128 }),
  'XOR (64-bit RES)': (api) => new api.XorAlgorithm(api.randomBytes(16), { resLength: 8 }),
};

/** Checks a clean run makes for the parsed files { milenage (TS 35.208), tuak, xor }. */
export function akaFlowCheckCount({ tuak, xor }) {
  const knownAnswers = 1 + tuak.sets.length + xor.examples.length;
  return KNOWN_ANSWER_CHECKS * knownAnswers + ROUND_TRIP_CHECKS * Object.keys(RANDOM_ALGORITHMS).length;
}

export async function checkAkaFlow(api, files, t) {
  for (const { where, make, expected } of knownAnswers(api, files)) {
    await t.guard(where, () => {
      const algorithm = make();
      try {
        knownAnswerFlow(api, algorithm, expected, where, t);
      } finally {
        algorithm.dispose();
      }
    });
  }
  for (const [name, make] of Object.entries(RANDOM_ALGORITHMS)) {
    const where = `HSS -> ISIM round trip, ${name}`;
    await t.guard(where, () => {
      const algorithm = make(api);
      try {
        roundTrip(api, algorithm, where, t);
        resynchronisation(api, algorithm, where, t);
      } finally {
        algorithm.dispose();
      }
    });
  }
}

/** Each published set as { where, make(), expected: hex of rand, sqn, amf, macA, res, ck, ik, ak }. */
function knownAnswers(api, { milenage, tuak, xor }) {
  const m = milenage.sets[0];
  return [
    {
      where: `HSS -> ISIM, ${milenage.source?.document ?? 'TS 35.208'} set ${m.set}`,
      make: () => api.Milenage.fromOp(bytesOf(m.k), bytesOf(m.op)),
      expected: { rand: m.rand, sqn: m.sqn, amf: m.amf, macA: m.f1, res: m.f2, ck: m.f3, ik: m.f4, ak: m.f5 },
    },
    ...tuak.sets.map((s) => ({
      where: `HSS -> ISIM, TS 35.233 TUAK set ${s.set}`,
      make: () => api.Tuak.fromTop(bytesOf(s.k), bytesOf(s.top), {
        macBits: s.macBits, resBits: s.resBits, ckBits: s.ckBits, ikBits: s.ikBits, iterations: s.iterations,
      }),
      expected: { rand: s.rand, sqn: s.sqn, amf: s.amf, macA: s.f1, res: s.f2, ck: s.f3, ik: s.f4, ak: s.f5 },
    })),
    ...xor.examples.map((x) => ({
      where: `HSS -> ISIM, XOR (TS 34.108 8.1.2): ${x.name}`,
      make: () => new api.XorAlgorithm(bytesOf(x.k)),
      expected: { rand: x.rand, sqn: x.sqn, amf: x.amf, macA: x.macA, res: x.res, ck: x.ck, ik: x.ik, ak: x.ak },
    })),
  ];
}

/**
 * The HSS issues the set's vector (its RAND; an SQN_HE one below the set's SQN, with IND of 0 bits
 * so that SQN is simply the next SEQ: the XOR example's SQN is 1) and an ISIM that has accepted
 * SQN - 1 answers it.
 */
function knownAnswerFlow(api, algorithm, e, where, t) {
  const sqn = api.sqnFromBytes(bytesOf(e.sqn));
  const issued = api.generateVectors(algorithm, { seqHe: sqn - 1, indHe: 0, indBits: 0 }, {
    count: 1, amf: bytesOf(e.amf), rand: bytesOf(e.rand),
  });
  const av = issued.vectors[0];
  t.check(av.sqn === sqn, `${where}: HSS SQN: expected ${sqn}, got ${av.sqn}`);
  const ak = bytesOf(e.ak), sqnXorAk = bytesOf(e.sqn).map((b, i) => b ^ ak[i]);
  t.same(`${where}: HSS AUTN (SQN ^ AK || AMF || MAC-A)`, av.autn, hexOf(concat([sqnXorAk, bytesOf(e.amf), bytesOf(e.macA)])));
  t.same(`${where}: HSS XRES`, av.xres, e.res);
  const isim = api.Isim.fromState(algorithm, { indBits: 0, seqMs: [sqn - 1] });
  const answer = isim.authenticate(av.rand, av.autn);
  t.check(answer.ok === true, `${where}: ISIM refused the vector: ${answer.reason}`);
  if (!answer.ok) return;
  t.same(`${where}: ISIM RES`, answer.res, e.res);
  t.same(`${where}: ISIM CK`, answer.ck, e.ck);
  t.same(`${where}: ISIM IK`, answer.ik, e.ik);
}

/** Three vectors accepted in order; Digest AKA and RES* on the first; the first replayed is refused. */
function roundTrip(api, algorithm, where, t) {
  const isim = new api.Isim(algorithm);
  const { vectors } = api.generateVectors(algorithm, api.initialSqnState(), { count: 3, amf: AMF });
  const answers = vectors.map((av, i) => {
    const answer = isim.authenticate(av.rand, av.autn);
    t.check(answer.ok === true, `${where}: vector ${i} refused: ${answer.reason}`);
    t.same(`${where}: vector ${i} RES`, answer.res, hexOf(av.xres));
    t.same(`${where}: vector ${i} CK`, answer.ck, hexOf(av.ck));
    t.same(`${where}: vector ${i} IK`, answer.ik, hexOf(av.ik));
    return answer;
  });
  const [av, answer] = [vectors[0], answers[0]];
  if (!answer.ok) return;

  // RFC 3310 section 3.2: nonce = base64(RAND || AUTN || server data); the UE takes them back out.
  const nonce = api.buildNonce(av.rand, av.autn);
  const parsed = api.parseNonce(nonce, av.autn.length);
  t.check(parsed.ok && hexOf(parsed.rand) === hexOf(av.rand) && hexOf(parsed.autn) === hexOf(av.autn),
    `${where}: parseNonce(buildNonce(RAND, AUTN)) gave ${JSON.stringify(parsed.ok ? { rand: hexOf(parsed.rand), autn: hexOf(parsed.autn) } : parsed)}`);
  for (const algorithmName of ['AKAv1-MD5', 'AKAv2-MD5']) {
    const request = {
      algorithm: algorithmName, username: 'user@ims.example.org', realm: 'ims.example.org', nonce, method: 'REGISTER',
      uri: 'sip:ims.example.org', qop: 'auth', nc: '00000001', cnonce: '0a4f113b',
    };
    const response = api.akaDigestResponse({ ...request, res: answer.res, ck: answer.ck, ik: answer.ik });
    t.check(api.verifyAkaDigestResponse({ ...request, res: av.xres, ck: av.ck, ik: av.ik }, response) === true,
      `${where}: ${algorithmName}: the S-CSCF refused the UE's response ${response}`);
    const otherXres = av.xres.map((b, i) => (i === 0 ? b ^ 1 : b));
    t.check(api.verifyAkaDigestResponse({ ...request, res: otherXres, ck: av.ck, ik: av.ik }, response) === false,
      `${where}: ${algorithmName}: a response verified against a different XRES`);
  }

  const snn = api.servingNetworkName('001', '01');
  const verdict = api.checkResStar(api.xresStar(av.ck, av.ik, snn, av.rand, av.xres), api.resStar(answer.ck, answer.ik, snn, av.rand, answer.res));
  t.check(verdict.ok === true, `${where}: RES* against XRES*: ${verdict.reason ?? 'ok'}`);

  const replay = isim.authenticate(av.rand, av.autn);
  t.check(replay.ok === false && replay.reason === 'sync', `${where}: a replayed vector gave ${replay.ok ? 'ok' : replay.reason}`);
}

/** A card ahead of the HSS: sync failure with AUTS, a tampered AUTS refused, resynchronise, accepted. */
function resynchronisation(api, algorithm, where, t) {
  const cardSeq = 5000 + (api.randomBytes(1)[0]);
  const card = api.Isim.fromState(algorithm, { indBits: 5, seqMs: new Array(32).fill(cardSeq) });
  const stale = api.generateVectors(algorithm, api.initialSqnState(), { count: 1, amf: AMF });
  const { rand, autn } = stale.vectors[0];
  const refused = card.authenticate(rand, autn);
  const macBytes = algorithm.sizes.mac;
  t.check(refused.ok === false && refused.reason === 'sync' && refused.auts?.length === 6 + macBytes,
    `${where}: a stale vector gave ${refused.ok ? 'ok' : `${refused.reason} with an AUTS of ${refused.auts?.length} bytes`}`);
  if (refused.ok || refused.reason !== 'sync') return;

  const tampered = refused.auts.slice();
  tampered[tampered.length - 1] ^= 1;
  const bad = api.resynchronise(algorithm, stale.state, rand, tampered);
  t.check(bad.ok === false && bad.reason === 'mac-s', `${where}: a tampered AUTS gave ${bad.ok ? 'ok' : bad.reason}`);

  const resync = api.resynchronise(algorithm, stale.state, rand, refused.auts);
  t.check(resync.ok === true, `${where}: resynchronise refused the card's AUTS: ${resync.reason}`);
  if (!resync.ok) return;
  t.check(resync.sqnMs === card.sqnMs, `${where}: SQN_MS from AUTS: expected ${card.sqnMs}, got ${resync.sqnMs}`);
  const fresh = api.generateVectors(algorithm, resync.state, { count: 2, amf: AMF });
  fresh.vectors.forEach((av, i) => {
    const answer = card.authenticate(av.rand, av.autn);
    t.check(answer.ok === true && hexOf(answer.res) === hexOf(av.xres),
      `${where}: vector ${i} after resynchronisation gave ${answer.ok ? `RES ${hexOf(answer.res)} for XRES ${hexOf(av.xres)}` : answer.reason}`);
  });
}
