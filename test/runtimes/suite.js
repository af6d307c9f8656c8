// The suite that runs unchanged in every runtime the package supports (Node.js, Deno, Bun, browsers):
// the Milenage test vectors, an ESP round trip for every algorithm pair, TUAK, the key derivations,
// HTTP Digest and HSS -> ISIM (suite-*.js). Plain ES module on purpose: no TypeScript, no node:
// import, no test runner; it counts checks and returns them, and each runtime's runner reports the
// result to vitest.
//
// runSuite(api, vectorFiles, options?)
//   api          the namespace of dist/index.js, imported fresh and NOT yet initialised: the suite
//                first checks that the API refuses to work before init(), then calls init() itself.
//   vectorFiles  { [fileName]: parsedJson }: test-vectors/milenage-*.json
//                ({ source, sets: [{ set, clause, k, rand, sqn, amf, op, opc, f1, ..., f5star }] })
//                and the files of PART_FILES
//   options      { initArg }: what to pass to init() (default: nothing, the embedded module)
// Returns { passed, failed, failures: string[], sets (Milenage sets), files }.
import { akaFlowCheckCount, checkAkaFlow } from './suite-aka-flow.js';
import { checkDigest, digestCheckCount } from './suite-digest.js';
import { checkKdf, kdfCheckCount } from './suite-kdf.js';
import { bytesOf, concat, describeError, hexOf, tally } from './suite-tools.js';
import { checkTuak, tuakCheckCount } from './suite-tuak.js';

/** The vector files of the suite's other parts, by the name the parts use. */
export const PART_FILES = {
  tuak: 'tuak-ts35233.json', eapAkaPrime: 'kdf-eap-aka-prime.json', eps: 'kdf-eps.json', fiveG: 'kdf-5g.json',
  gsm: 'kdf-gsm-ts55205.json', digest: 'http-digest.json', xor: 'xor-ts34108.json',
};

/** The Milenage vector files are those named milenage-*.json. */
const isMilenageFile = (name) => name.startsWith('milenage-');

/**
 * How many checks a clean run makes on `vectorFiles` (as given to runSuite): 13 around init(), 44
 * a Milenage set (22 each from OP and OPc), 4 batches of 1 + 6 columns a set, the ESP round trips,
 * and what each part counts for its files. A runner that passes fewer skipped some.
 */
export function expectedCheckCount(vectorFiles) {
  const setCount = Object.entries(vectorFiles).filter(([name]) => isMilenageFile(name))
    .reduce((n, [, doc]) => n + doc.sets.length, 0);
  const f = partFiles(vectorFiles);
  return 13 + 44 * setCount + 4 * (1 + 6 * setCount) + ESP_CHECKS
    + tuakCheckCount(f.tuak) + kdfCheckCount(f) + digestCheckCount(f.digest)
    + akaFlowCheckCount({ milenage: f.milenage, tuak: f.tuak, xor: f.xor });
}

/** The parsed files of PART_FILES by their part names, and TS 35.208 as `milenage`; undefined if absent. */
function partFiles(vectorFiles) {
  const files = Object.fromEntries(Object.entries(PART_FILES).map(([part, name]) => [part, vectorFiles[name]]));
  return { ...files, milenage: vectorFiles['milenage-ts35208.json'] };
}

/** The ESP algorithm pairs of TS 33.203 and AES-GCM / GMAC, each round-tripped in every runtime. */
const ESP_PAIRS = [
  ['hmac-sha-1-96', 'null'], ['hmac-sha-1-96', 'aes-cbc'], ['hmac-sha-1-96', 'des-ede3-cbc'],
  ['hmac-md5-96', 'null'], ['hmac-md5-96', 'aes-cbc'], ['hmac-md5-96', 'des-ede3-cbc'],
  ['aes-gmac', 'null'], ['null', 'aes-gcm-16'], ['null', 'aes-gcm-12'], ['null', 'aes-gcm-8'],
];
const ESP_PAYLOADS = [0, 1, 63, 200, 1400];
/** Per pair and payload: verified, same payload; per pair: a flipped bit refused. */
const ESP_CHECKS = ESP_PAIRS.length * (2 * ESP_PAYLOADS.length + 1);

const FIELDS = ['k', 'rand', 'sqn', 'amf', 'op', 'opc', 'f1', 'f1star', 'f2', 'f5', 'f3', 'f4', 'f5star'];
const LENGTHS = { k: 16, rand: 16, sqn: 6, amf: 2, op: 16, opc: 16, f1: 8, f1star: 8, f2: 8, f5: 6, f3: 16, f4: 16, f5star: 6 };

export async function runSuite(api, vectorFiles, options = {}) {
  const t = tally();
  const { pass, fail, check, same, guard } = t;
  const result = Object.assign(t.result, { sets: 0, files: [] });

  // Load the vectors (and check they are what the suite expects) before touching the API.
  const sets = [];
  for (const [file, doc] of Object.entries(vectorFiles ?? {})) {
    result.files.push(file);
    if (!isMilenageFile(file)) continue;
    if (!doc || !Array.isArray(doc.sets) || doc.sets.length === 0) {
      fail(`${file}: no "sets" array in the vector file`);
      continue;
    }
    for (const [index, raw] of doc.sets.entries()) {
      const name = `${file} set ${raw?.set ?? `#${index}`}`;
      try {
        const bytes = {};
        for (const field of FIELDS) {
          bytes[field] = bytesOf(String(raw[field] ?? '').toLowerCase());
          if (bytes[field].length !== LENGTHS[field]) {
            throw new Error(`field ${field} has ${bytes[field].length} bytes, expected ${LENGTHS[field]}`);
          }
        }
        const hex = {};
        for (const field of FIELDS) hex[field] = hexOf(bytes[field]);
        sets.push({ name, bytes, hex });
      } catch (error) {
        fail(`${name}: bad vector: ${describeError(error)}`);
      }
    }
  }
  result.sets = sets.length;
  if (sets.length === 0) fail('no test-vector sets were given');

  // 1. Before init(): the hex helpers work, anything needing the core throws a message naming init.
  const probe = sets[0]?.bytes ?? { k: new Uint8Array(16), op: new Uint8Array(16), opc: new Uint8Array(16),
    rand: new Uint8Array(16), sqn: new Uint8Array(6), amf: new Uint8Array(2) };
  const mustNeedInit = (where, call) => {
    try {
      const value = call();
      fail(`${where} before init(): expected an error mentioning init, but it returned ${typeof value}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      check(/init/.test(message), `${where} before init(): the error should mention init, got ${describeError(error)}`);
    }
  };
  mustNeedInit('Milenage.fromOp', () => api.Milenage.fromOp(probe.k, probe.op));
  mustNeedInit('Milenage.fromOpc', () => api.Milenage.fromOpc(probe.k, probe.opc));
  mustNeedInit('milenageBatch', () => api.milenageBatch({
    k: probe.k, opc: probe.opc, rand: probe.rand, sqn: probe.sqn, amf: probe.amf,
  }));
  mustNeedInit('Tuak.fromTop', () => api.Tuak.fromTop(probe.k, new Uint8Array(32)));
  mustNeedInit('kdf', () => api.kdf(probe.k, 0x20, 'WLAN'));
  mustNeedInit('digestResponse', () => api.digestResponse({
    algorithm: 'MD5', username: 'u', realm: 'r', password: 'p', nonce: 'n', method: 'REGISTER', uri: 'sip:r',
  }));
  await guard('fromHex/toHex before init()', () => {
    const hex = '00ff10abcdef';
    same('fromHex before init()', api.fromHex(hex), hex);
    check(api.toHex(bytesOf(hex)) === hex, `toHex before init(): expected ${hex}, got ${api.toHex(bytesOf(hex))}`);
  });

  // 2. init(): concurrent calls share one load; a later call keeps the same instance (a Milenage made
  //    before it still works after it, which it would not if the module had been instantiated again).
  const initArgs = options.initArg === undefined ? [] : [options.initArg];
  try {
    const both = [api.init(...initArgs), api.init(...initArgs)];
    check(both.every((p) => p && typeof p.then === 'function'), 'init() should return a promise');
    await Promise.all(both);
    pass();
  } catch (error) {
    fail(`init() (two concurrent calls): threw ${describeError(error)}`);
    return result; // nothing else can work
  }
  if (sets.length > 0) {
    await guard('init() called again', async () => {
      const { bytes, hex } = sets[0];
      const before = api.Milenage.fromOpc(bytes.k, bytes.opc);
      await api.init(...initArgs);
      await api.init();
      same('init() called again: Milenage made before it, opc', before.opc, hex.opc);
      same('init() called again: Milenage made before it, f1', before.f1(bytes.rand, bytes.sqn, bytes.amf), hex.f1);
      before.dispose();
      const after = api.Milenage.fromOpc(bytes.k, bytes.opc);
      same('init() called again: Milenage made after it, f2', after.f2345(bytes.rand).res, hex.f2);
      after.dispose();
    });
  }

  // 3. Every set, from OP and from OPc: OPc derivation, every function via compute() and via the
  //    named methods, the authentication vector, and dispose().
  for (const { name, bytes, hex } of sets) {
    const { k, rand, sqn, amf } = bytes;
    for (const form of ['fromOp', 'fromOpc']) {
      const where = `${name} ${form}`;
      await guard(where, () => {
        const m = form === 'fromOp' ? api.Milenage.fromOp(k, bytes.op) : api.Milenage.fromOpc(k, bytes.opc);
        try {
          same(`${where}: opc`, m.opc, hex.opc);
          const out = m.compute(rand, sqn, amf);
          same(`${where}: compute().macA (f1)`, out.macA, hex.f1);
          same(`${where}: compute().macS (f1*)`, out.macS, hex.f1star);
          same(`${where}: compute().res (f2)`, out.res, hex.f2);
          same(`${where}: compute().ck (f3)`, out.ck, hex.f3);
          same(`${where}: compute().ik (f4)`, out.ik, hex.f4);
          same(`${where}: compute().ak (f5)`, out.ak, hex.f5);
          same(`${where}: compute().akStar (f5*)`, out.akStar, hex.f5star);

          same(`${where}: f1()`, m.f1(rand, sqn, amf), hex.f1);
          same(`${where}: f1star()`, m.f1star(rand, sqn, amf), hex.f1star);
          const f2345 = m.f2345(rand);
          same(`${where}: f2345().res (f2)`, f2345.res, hex.f2);
          same(`${where}: f2345().ck (f3)`, f2345.ck, hex.f3);
          same(`${where}: f2345().ik (f4)`, f2345.ik, hex.f4);
          same(`${where}: f2345().ak (f5)`, f2345.ak, hex.f5);
          same(`${where}: f5star()`, m.f5star(rand), hex.f5star);

          const av = m.vector(rand, sqn, amf);
          const sqnXorAk = sqn.map((b, i) => b ^ bytes.f5[i]);
          same(`${where}: vector().rand`, av.rand, hex.rand);
          same(`${where}: vector().xres`, av.xres, hex.f2);
          same(`${where}: vector().ck`, av.ck, hex.f3);
          same(`${where}: vector().ik`, av.ik, hex.f4);
          same(`${where}: vector().ak`, av.ak, hex.f5);
          same(`${where}: vector().autn (SQN^AK || AMF || MAC-A)`, av.autn, hexOf(concat([sqnXorAk, amf, bytes.f1])));
        } finally {
          m.dispose();
        }
        let threw = false;
        try { m.f1(rand, sqn, amf); } catch { threw = true; }
        check(threw, `${where}: using a Milenage after dispose() should throw`);
      });
    }
  }

  // 4. milenageBatch: all sets in one batch (one subscriber per record), from OP and from OPc, with
  //    the default counts and with explicit ones.
  if (sets.length > 0) {
    const column = (field) => concat(sets.map((s) => s.bytes[field]));
    const k = column('k'), rand = column('rand'), sqn = column('sqn'), amf = column('amf');
    const expected = {
      rand: sets.map((s) => s.hex.rand),
      xres: sets.map((s) => s.hex.f2),
      ck: sets.map((s) => s.hex.f3),
      ik: sets.map((s) => s.hex.f4),
      ak: sets.map((s) => s.hex.f5),
      autn: sets.map((s) => hexOf(concat([s.bytes.sqn.map((b, i) => b ^ s.bytes.f5[i]), s.bytes.amf, s.bytes.f1]))),
    };
    const strides = { rand: 16, xres: 8, ck: 16, ik: 16, ak: 6, autn: 16 };
    const variants = [
      ['op', { op: column('op') }],
      ['opc', { opc: column('opc') }],
      ['op, explicit counts', { op: column('op'), counts: sets.map(() => 1) }],
      ['opc, explicit counts', { opc: column('opc'), counts: sets.map(() => 1) }],
    ];
    for (const [label, extra] of variants) {
      const where = `milenageBatch (${sets.length} sets, ${label})`;
      await guard(where, () => {
        const batch = api.milenageBatch({ k, rand, sqn, amf, ...extra });
        check(batch.count === sets.length, `${where}: count: expected ${sets.length}, got ${batch.count}`);
        for (const [field, stride] of Object.entries(strides)) {
          const col = batch[field];
          if (!(col instanceof Uint8Array) || col.length !== stride * sets.length) {
            fail(`${where}: column ${field}: expected ${stride * sets.length} bytes, got ${col?.length}`);
            continue;
          }
          sets.forEach((s, i) => {
            same(`${where}: ${s.name}: ${field}`, col.subarray(i * stride, (i + 1) * stride), expected[field][i]);
          });
        }
      });
    }
  }

  // 5. ESP (RFC 4303) on the WebAssembly primitives: keys from IK and CK (TS 33.203 Annex I), a
  // SIP-sized payload protected and verified for every pair, and a flipped bit refused. Correctness
  // against independent implementations is tested on Node.js; this shows every runtime runs it.
  const ik = bytesOf('00112233445566778899aabbccddeeff'), ck = bytesOf('ffeeddccbbaa99887766554433221100');
  for (const [integrity, encryption] of ESP_PAIRS) {
    const where = `ESP ${integrity} + ${encryption}`;
    await guard(where, () => {
      const keys = api.espKeys(ik, ck, { integrity, encryption });
      const options = { spi: 0x1234, integrity, encryption, keys };
      const outbound = new api.OutboundSa(options), inbound = new api.InboundSa(options);
      let last;
      for (const length of ESP_PAYLOADS) {
        const payload = Uint8Array.from({ length }, (_, i) => (i * 7 + length) & 0xff);
        last = outbound.protect(payload, 17);
        const verdict = inbound.verify(last);
        check(verdict.ok === true, `${where}: ${length}-byte payload: ${verdict.reason ?? 'ok'}`);
        check(verdict.ok && hexOf(verdict.payload) === hexOf(payload), `${where}: ${length}-byte payload came back changed`);
      }
      const tampered = last.slice();
      tampered[tampered.length - 1] ^= 1;
      const refused = new api.InboundSa(options).verify(tampered);
      check(refused.ok === false && refused.reason === 'icv', `${where}: a flipped ICV bit gave ${refused.reason ?? 'ok'}`);
      outbound.dispose();
      inbound.dispose();
    });
  }

  // 6. The other parts, each on its vector files: a file that is missing fails its part.
  const missing = [...Object.values(PART_FILES), 'milenage-ts35208.json'].filter((name) => vectorFiles?.[name] === undefined);
  if (missing.length > 0) {
    fail(`vector files missing for the suite's parts: ${missing.join(', ')}`);
    return result;
  }
  const parts = partFiles(vectorFiles);
  await checkTuak(api, parts.tuak, t);
  await checkKdf(api, parts, t);
  await checkDigest(api, parts.digest, t);
  await checkAkaFlow(api, parts, t);

  return result;
}
