// The UE suite: ISIM challenges (TS 33.102 clause 6.3.3 with the Annex C.2 check) and Digest AKA
// responses (RFC 3310, RFC 4169 over RFC 2617) per second, akacore beside node:crypto peers, on the
// same inputs. Every peer is first checked against akacore's output on those inputs.
import { createHash, createHmac } from 'node:crypto';
import init, { Isim, Milenage, akaDigestResponse } from '../dist/index.js';
import { NodeIsim } from './peers/isim-node.mjs';
import { measure } from './harness.mjs';

const K = Buffer.from('465b5ce8b199b49faa5f0a2ee238a6bc', 'hex');
const OPC = Buffer.from('cd63cb71954a9f4e48a5994e37a02baf', 'hex');
const N = 1000;
const REQUEST = { username: 'user@ims.example.com', realm: 'ims.example.com', method: 'REGISTER', uri: 'sip:ims.example.com', qop: 'auth', nc: '00000001', cnonce: '0a4f113b' };

/** N challenges with increasing SEQ and cycling IND, their AUTNs built by the node:crypto peer's Milenage. */
function challenges(milenage) {
  const list = [];
  for (let i = 0; i < N; i++) {
    const rand = new Uint8Array(createHash('sha256').update(`rand ${i}`).digest().subarray(0, 16));
    const sqn = Buffer.alloc(6);
    sqn.writeUIntBE((i + 1) * 32 + (i % 32), 0, 6);
    list.push({ rand, autn: milenage.vector(rand, sqn, Uint8Array.of(0x80, 0)).autn });
  }
  return list;
}

const hex = (b) => Buffer.from(b).toString('hex');

function nodeDigest(password, nonce, hash = 'md5') {
  const h = (...parts) => parts.reduce((c, p) => c.update(p), createHash(hash)).digest('hex');
  const ha1 = h(`${REQUEST.username}:${REQUEST.realm}:`, password);
  const ha2 = h(`${REQUEST.method}:${REQUEST.uri}`);
  return h(`${ha1}:${nonce}:${REQUEST.nc}:${REQUEST.cnonce}:${REQUEST.qop}:${ha2}`);
}

function nodeAkaV2Password(res, ik, ck) {
  return Buffer.from(createHmac('md5', Buffer.concat([res, ik, ck])).update('http-digest-akav2-password').digest('base64'));
}

const kps = (x) => (x / 1000).toFixed(0);

/**
 * The params of one Digest AKA response, as an object literal. Not `{ ...REQUEST, algorithm, nonce,
 * res }`: on Node.js 20 that spread with added properties alone costs about 4.5 µs a call (V8 leaves
 * its fast path), more than the response, and the node:crypto peer builds no object at all.
 */
const akaParams = (algorithm, k) => ({
  algorithm, username: REQUEST.username, realm: REQUEST.realm, method: REQUEST.method, uri: REQUEST.uri,
  qop: REQUEST.qop, nc: REQUEST.nc, cnonce: REQUEST.cnonce, nonce: k.nonce, res: k.res, ik: k.ik, ck: k.ck,
});

/** Runs the suite; returns a report section (see report.mjs). */
export async function runIsim() {
  await init();
  const milenage = Milenage.fromOpc(K, OPC);
  const list = challenges(milenage);

  const akacoreRun = () => {
    const isim = new Isim(milenage);
    return list.map(({ rand, autn }) => isim.authenticate(rand, autn));
  };
  const nodeRun = () => {
    const isim = new NodeIsim(K, OPC);
    return list.map(({ rand, autn }) => isim.authenticate(rand, autn));
  };
  const ours = akacoreRun(), theirs = nodeRun();
  ours.forEach((r, i) => {
    const p = theirs[i];
    if (!r.ok || !p.ok || hex(r.res) !== hex(p.res) || hex(r.ck) !== hex(p.ck) || hex(r.ik) !== hex(p.ik)) {
      throw new Error(`isim: the node:crypto peer disagrees with akacore on challenge ${i}`);
    }
  });
  const keys = ours.map(({ res, ik, ck }, i) => ({ res, ik, ck, nonce: `nonce${i}` }));
  const v1 = () => keys.map((k) => akaDigestResponse(akaParams('AKAv1-MD5', k)));
  const v1Node = () => keys.map((k) => nodeDigest(k.res, k.nonce));
  const v2 = () => keys.map((k) => akaDigestResponse(akaParams('AKAv2-MD5', k)));
  const v2Node = () => keys.map((k) => nodeDigest(nodeAkaV2Password(k.res, k.ik, k.ck), k.nonce));
  if (v1().join() !== v1Node().join() || v2().join() !== v2Node().join()) throw new Error('digest: node:crypto peer disagrees');
  console.log(`isim: the node:crypto peers agree on ${N} challenges and ${2 * N} Digest responses; measuring`);

  const tasks = [
    { name: 'isim-akacore', label: 'akacore `Isim.authenticate()` (Milenage)', fn: akacoreRun, units: N, what: 'ISIM challenges' },
    { name: 'isim-node', label: 'node:crypto ECB ISIM (bench/peers/isim-node.mjs)', fn: nodeRun, units: N, what: 'ISIM challenges' },
    { name: 'v1-akacore', label: 'akacore `akaDigestResponse()` AKAv1-MD5', fn: v1, units: N, what: 'Digest responses, qop=auth' },
    { name: 'v1-node', label: 'node:crypto `createHash(\'md5\')` AKAv1-MD5', fn: v1Node, units: N, what: 'Digest responses, qop=auth' },
    { name: 'v2-akacore', label: 'akacore `akaDigestResponse()` AKAv2-MD5', fn: v2, units: N, what: 'Digest responses, qop=auth' },
    { name: 'v2-node', label: 'node:crypto HMAC-MD5 + MD5 AKAv2-MD5', fn: v2Node, units: N, what: 'Digest responses, qop=auth' },
  ];
  const all = await measure('isim', tasks);
  milenage.dispose();
  const rate = Object.fromEntries(all.map((m) => [m.name, m.perSecond]));
  const rows = tasks.map((t, i) => [t.what, t.label, kps(all[i].perSecond), kps(all[i].slowest), `±${all[i].rme.toFixed(1)}%`,
    `${(all[i].meanMs / N * 1e6).toFixed(0)} ns`]);
  const ratio = (a, b) => `${(rate[a] / rate[b]).toFixed(2)}×`;
  return {
    id: 'isim',
    title: 'ISIM challenges and Digest AKA responses (UE side)',
    intro:
      `Per call: ${N} challenges (RAND, AUTN with increasing SEQ and cycling IND) through a new ISIM, or ${N} ` +
      'Digest responses (qop=auth, 8-byte RES; params built as object literals, see `akaParams`). An ISIM challenge is f2345, f1 and the Annex C.2 check ' +
      '(akacore: one call into the core, `Milenage.challenge()` through the optional `AkaAlgorithm.challenge`, three AES passes); the node:crypto peer ' +
      'keeps one ECB cipher and computes only the blocks it needs (5 per challenge). Checked equal before timing.',
    table: { headers: ['Work', 'Implementation', 'k/s (best round)', 'k/s (slowest round)', '±', 'per unit'], rows },
    commentary: [
      `ISIM: akacore ${ratio('isim-akacore', 'isim-node')} the node:crypto peer (the card side is one challenge ` +
        'at a time: the cost is crossings into the core and allocation, not AES).',
      `Digest AKAv1-MD5: akacore ${ratio('v1-akacore', 'v1-node')} node:crypto; AKAv2-MD5: ` +
        `${ratio('v2-akacore', 'v2-node')} (akacore: one call into the core per response, H(A1), H(A2), H(KD) and their hex chained in linear memory, the AKAv2 password's HMAC-MD5 and base64 too).`,
    ],
  };
}
