// The ESP suite (issue 3): IPsec ESP packets (RFC 4303, transport mode, the SAs of TS 33.203) per
// second, akacore's single-packet API beside peers on node:crypto, @noble/hashes + @noble/ciphers and
// WebCrypto, all in this one process; then the batch primitives available today (Hmac.macMany,
// AesCbc.encryptMany) beside the same work done per packet. Before timing, every peer's packets are
// verified by akacore's InboundSa and every peer verifies akacore's packets (payload byte for byte),
// and the batch outputs are compared with the per-packet ones: a mismatch stops the run.
import { Bench } from 'tinybench';
import { createCipheriv, createHash } from 'node:crypto';
import init, { AesCbc, Hmac, InboundSa, OutboundSa, espKeys } from '../dist/index.js';
import { budget } from './harness.mjs';
import { CONFIGS } from './peers/esp-common.mjs';
import { nodeCbc, nodeEsp, nodeHmac96 } from './peers/esp-node.mjs';
import { nobleCbc, nobleEsp, nobleHmac96 } from './peers/esp-noble.mjs';
import { webCryptoEsp } from './peers/esp-webcrypto.mjs';

const SIZES = [64, 512, 1400];
const SPI = 0x0c0ffee1;
/** Packets per timed call (so tinybench's own per-call cost is spread), and pre-generated per case. */
const PER_CALL = 32;
const POOL = 4096;
const BATCH = 256; // packets per Hmac.macMany call
const CBC_BATCH = 64; // messages per AesCbc.encryptMany call

/**
 * This suite has ~120 tasks, so it runs on a fraction of harness.mjs's per-task budget (which the
 * BENCH_* variables still scale) to stay within about a minute. Otherwise it measures as harness.mjs
 * does (rounds, rotated order, best round, slowest round), and awaits async (WebCrypto) tasks.
 */
const espBudget = Object.freeze({
  rounds: Math.min(budget.rounds, 4),
  time: Math.max(20, Math.round(budget.time * 0.24)),
  warmupTime: Math.max(10, Math.round(budget.warmupTime / 3)),
  iterations: budget.iterations,
  warmupIterations: budget.warmupIterations,
});

export let sink;

async function measure(name, tasks) {
  const rounds = new Map(tasks.map((task) => [task.name, []]));
  for (let round = 0; round < espBudget.rounds; round++) {
    const order = tasks.map((_, i) => tasks[(i + round) % tasks.length]);
    const { rounds: _, ...options } = espBudget;
    const bench = new Bench({ name, throws: true, ...options });
    for (const task of order) {
      bench.add(task.name, task.async ? async () => { sink = await task.fn(); } : () => { sink = task.fn(); });
    }
    await bench.run();
    for (const task of order) {
      const result = bench.getTask(task.name).result;
      if (result.state !== 'completed') throw new Error(`${name} / ${task.name}: ${result.state} ${result.error ?? ''}`);
      rounds.get(task.name).push({ perSecond: (task.units * 1000) / result.latency.mean, meanMs: result.latency.mean, rme: result.latency.rme });
    }
  }
  return Object.fromEntries(tasks.map((task) => {
    const runs = rounds.get(task.name);
    const best = runs.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    return [task.name, { ...best, slowest: Math.min(...runs.map((r) => r.perSecond)), label: task.label, bytes: task.bytes }];
  }));
}

/** Deterministic pseudo-random bytes (AES-128-CTR keyed by a label). */
function fixedBytes(label, length) {
  const key = createHash('sha256').update(`akacore esp bench ${label}`).digest().subarray(0, 16);
  const bytes = createCipheriv('aes-128-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(length));
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + length));
}

const IK = fixedBytes('ik', 16), CK = fixedBytes('ck', 16);
const CONFIG_LABEL = {
  'sha1-null': 'hmac-sha-1-96 + null', 'md5-null': 'hmac-md5-96 + null',
  'sha1-cbc': 'hmac-sha-1-96 + aes-cbc', gcm: 'null + aes-gcm-16',
};
const PEERS = {
  node: { label: 'node:crypto per packet', make: nodeEsp },
  noble: { label: '@noble/hashes + @noble/ciphers per packet', make: nobleEsp },
  webcrypto: { label: 'WebCrypto (crypto.subtle), awaited per packet', make: webCryptoEsp, async: true, skip: ['md5-null'] },
};

function saOptions(configId) {
  const { integrity, encryption } = CONFIGS[configId];
  return { spi: SPI, integrity, encryption, keys: espKeys(IK, CK, { integrity, encryption }) };
}

const same = (a, b) => a && b && a.length === b.length && a.every((x, i) => x === b[i]);

/** Checks a peer both ways against akacore before any timing. */
async function crossCheck(peerId, configId, size) {
  const opts = saOptions(configId);
  const payload = fixedBytes(`payload ${size}`, size);
  const peerOut = await PEERS[peerId].make(configId, opts.keys, SPI);
  const akaIn = new InboundSa(opts);
  for (let i = 0; i < 50; i++) {
    const r = akaIn.verify(await peerOut.protect(payload, 17));
    if (!r.ok || !same(r.payload, payload) || r.nextHeader !== 17) {
      throw new Error(`esp bench: akacore rejects ${peerId}'s ${configId} packet (${size} B): ${r.reason ?? 'payload differs'}`);
    }
  }
  akaIn.dispose();
  const akaOut = new OutboundSa(opts);
  const peerIn = await PEERS[peerId].make(configId, opts.keys, SPI);
  for (let i = 0; i < 50; i++) {
    const packet = akaOut.protect(payload, 17);
    if (i === 10) {
      const bad = packet.slice();
      bad[bad.length - 1] ^= 1;
      if (await peerIn.verify(bad) !== null) throw new Error(`esp bench: ${peerId} accepts a forged ${configId} packet`);
    }
    if (!same(await peerIn.verify(packet), payload)) throw new Error(`esp bench: ${peerId} rejects akacore's ${configId} packet (${size} B)`);
  }
  akaOut.dispose();
}

/** A cycling reader of pre-generated packets; `fresh()` gets a new verifier at each wrap. */
function walker(packets, fresh) {
  let i = 0, verifier = fresh();
  return {
    next() {
      if (i === packets.length) { i = 0; verifier = fresh(verifier); }
      return packets[i++];
    },
    get verifier() { return verifier; },
  };
}

async function singlePacketScenario(configId, size) {
  const opts = saOptions(configId);
  const payload = fixedBytes(`payload ${size}`, size);
  const gen = new OutboundSa(opts);
  const packets = Array.from({ length: POOL }, () => gen.protect(payload, 17));
  gen.dispose();
  const tasks = [];
  const disposers = [];
  const protectors = { akacore: new OutboundSa(opts) };
  disposers.push(() => protectors.akacore.dispose());
  tasks.push({
    name: 'akacore-protect', label: 'akacore `OutboundSa.protect()`', units: PER_CALL, op: 'protect',
    fn: () => { let p; for (let k = 0; k < PER_CALL; k++) p = protectors.akacore.protect(payload, 17); return p; },
  });
  const w = walker(packets, (old) => { old?.dispose(); return new InboundSa(opts); });
  disposers.push(() => w.verifier.dispose());
  tasks.push({
    name: 'akacore-verify', label: 'akacore `InboundSa.verify()`', units: PER_CALL, op: 'verify',
    fn: () => {
      let r;
      for (let k = 0; k < PER_CALL; k++) { const p = w.next(); r = w.verifier.verify(p); if (!r.ok) throw new Error(`akacore verify: ${r.reason}`); }
      return r;
    },
  });
  const packetOut = new Uint8Array(2048), payloadOut = new Uint8Array(2048);
  tasks.push({
    name: 'akacore-protectInto', label: 'akacore `OutboundSa.protectInto()` (no allocation)', units: PER_CALL, op: 'protect',
    fn: () => { let n; for (let k = 0; k < PER_CALL; k++) n = protectors.akacore.protectInto(payload, 17, packetOut); return n; },
  });
  const wi = walker(packets, (old) => { old?.dispose(); return new InboundSa(opts); });
  disposers.push(() => wi.verifier.dispose());
  tasks.push({
    name: 'akacore-verifyInto', label: 'akacore `InboundSa.verifyInto()` (no allocation)', units: PER_CALL, op: 'verify',
    fn: () => {
      let r;
      for (let k = 0; k < PER_CALL; k++) { const p = wi.next(); r = wi.verifier.verifyInto(p, payloadOut); if (!r.ok) throw new Error(`akacore verifyInto: ${r.reason}`); }
      return r;
    },
  });
  const payloads = Array.from({ length: PER_CALL }, () => payload);
  tasks.push({
    name: 'akacore-protectMany', label: `akacore \`OutboundSa.protectMany()\`, ${PER_CALL} a call`, units: PER_CALL, op: 'protect',
    fn: () => protectors.akacore.protectMany(payloads, 17),
  });
  const wm = walker(packets, (old) => { old?.dispose(); return new InboundSa(opts); });
  disposers.push(() => wm.verifier.dispose());
  tasks.push({
    name: 'akacore-verifyMany', label: `akacore \`InboundSa.verifyMany()\`, ${PER_CALL} a call`, units: PER_CALL, op: 'verify',
    fn: () => {
      const batch = Array.from({ length: PER_CALL }, () => wm.next());
      const results = wm.verifier.verifyMany(batch);
      for (const r of results) if (!r.ok) throw new Error(`akacore verifyMany: ${r.reason}`);
      return results;
    },
  });
  for (const [peerId, peer] of Object.entries(PEERS)) {
    if (peer.skip?.includes(configId)) continue;
    await crossCheck(peerId, configId, size);
    if (peer.async) {
      const out = await peer.make(configId, opts.keys, SPI);
      let verifier = await peer.make(configId, opts.keys, SPI), i = 0;
      tasks.push({
        name: `${peerId}-protect`, label: peer.label, units: PER_CALL, op: 'protect', async: true,
        fn: async () => { let p; for (let k = 0; k < PER_CALL; k++) p = await out.protect(payload, 17); return p; },
      });
      tasks.push({
        name: `${peerId}-verify`, label: peer.label, units: PER_CALL, op: 'verify', async: true,
        fn: async () => {
          let r;
          for (let k = 0; k < PER_CALL; k++) {
            if (i === packets.length) { i = 0; verifier = await peer.make(configId, opts.keys, SPI); }
            r = await verifier.verify(packets[i++]);
            if (r === null) throw new Error(`${peerId} verify failed`);
          }
          return r;
        },
      });
    } else {
      const out = peer.make(configId, opts.keys, SPI);
      const pw = walker(packets, () => peer.make(configId, opts.keys, SPI));
      tasks.push({
        name: `${peerId}-protect`, label: peer.label, units: PER_CALL, op: 'protect',
        fn: () => { let p; for (let k = 0; k < PER_CALL; k++) p = out.protect(payload, 17); return p; },
      });
      tasks.push({
        name: `${peerId}-verify`, label: peer.label, units: PER_CALL, op: 'verify',
        fn: () => {
          let r;
          for (let k = 0; k < PER_CALL; k++) { const p = pw.next(); r = pw.verifier.verify(p); if (r === null) throw new Error(`${peerId} verify failed`); }
          return r;
        },
      });
    }
  }
  const results = {};
  for (const op of ['protect', 'verify']) {
    const opTasks = tasks.filter((t) => t.op === op).map((t) => ({ ...t, bytes: size }));
    Object.assign(results, await measure(`esp ${configId} ${size} ${op}`, opTasks));
  }
  for (const d of disposers) d();
  return results;
}

/** Message lengths of a batch: what HMAC-SHA-1-96 covers for ESP payloads (SPI .. Next Header, null encryption). */
const authLength = (payload) => 8 + payload + 2 + ((4 - ((payload + 2) % 4)) % 4);
const cbcLength = (payload) => payload + 2 + ((16 - ((payload + 2) % 16)) % 16);

function hmacBatchTasks(label, payloads) {
  const key = espKeys(IK, CK, { integrity: 'hmac-sha-1-96', encryption: 'null' }).integrityKey;
  const lengths = Uint32Array.from(payloads, authLength);
  const offsets = new Uint32Array(lengths.length);
  let total = 0;
  for (let i = 0; i < lengths.length; i++) { offsets[i] = total; total += lengths[i]; }
  const buffer = fixedBytes(`hmac batch ${label}`, total);
  const messages = Array.from(lengths, (l, i) => buffer.subarray(offsets[i], offsets[i] + l));
  const n = lengths.length;
  const akacore = new Hmac('sha1', key, { macLength: 12 });
  const node = nodeHmac96('sha1', key), noble = nobleHmac96('sha1', key);
  const perPacket = (mac) => () => { const out = new Uint8Array(12 * n); for (let i = 0; i < n; i++) out.set(mac(messages[i]), 12 * i); return out; };
  const tasks = [
    { name: 'akacore-batch', label: `akacore \`Hmac.macMany()\` (${n} packets a call)`, fn: () => akacore.macMany(buffer, offsets, lengths) },
    { name: 'akacore-single', label: 'akacore `Hmac.mac()` per packet', fn: perPacket((m) => akacore.mac(m)) },
    { name: 'node', label: 'node:crypto `createHmac` per packet', fn: perPacket(node) },
    { name: 'noble', label: '@noble/hashes `hmac` (cloned key state) per packet', fn: perPacket(noble) },
  ];
  const expected = tasks[2].fn();
  for (const t of tasks) if (!same(t.fn(), expected)) throw new Error(`esp bench: HMAC batch ${label}, ${t.name} disagrees`);
  const bytes = payloads.reduce((a, b) => a + b, 0) / n;
  return { tasks: tasks.map((t) => ({ ...t, units: n, bytes })), dispose: () => akacore.dispose() };
}

function cbcBatchTasks(size) {
  const key = CK;
  const length = cbcLength(size);
  const ivs = fixedBytes(`cbc ivs ${size}`, 16 * CBC_BATCH);
  const data = fixedBytes(`cbc data ${size}`, length * CBC_BATCH);
  const messages = Array.from({ length: CBC_BATCH }, (_, i) => data.subarray(i * length, (i + 1) * length));
  const ivOf = (i) => ivs.subarray(16 * i, 16 * i + 16);
  const akacore = new AesCbc(key);
  const node = nodeCbc(key), noble = nobleCbc(key);
  const perMessage = (enc) => () => messages.map((m, i) => enc(ivOf(i), m));
  const tasks = [
    { name: 'akacore-batch', label: `akacore \`AesCbc.encryptMany()\` (${CBC_BATCH} messages a call)`, fn: () => akacore.encryptMany(ivs, messages) },
    { name: 'akacore-single', label: 'akacore `AesCbc.encrypt()` per message', fn: perMessage((iv, m) => akacore.encrypt(iv, m)) },
    { name: 'node', label: 'node:crypto `createCipheriv` per message', fn: perMessage(node) },
    { name: 'noble', label: '@noble/ciphers `cbc` per message', fn: perMessage(noble) },
  ];
  const expected = tasks[2].fn();
  for (const t of tasks) {
    const got = t.fn();
    if (!got.every((c, i) => same(c, expected[i]))) throw new Error(`esp bench: AES-CBC batch ${size}, ${t.name} disagrees`);
  }
  return { tasks: tasks.map((t) => ({ ...t, units: CBC_BATCH, bytes: size })), dispose: () => akacore.dispose() };
}

/** What the figures do not show by themselves (true of the code, whatever the run). */
const NOTES = [
  'akacore\'s single-message AES-CBC encryption (assembly/cbc.ts `cbcEncrypt`) runs the one-block vector-permute ' +
    'AES of assembly/aes-vperm.ts, because each CBC block depends on the one before (a bitsliced pass would leave ' +
    'seven of its eight lanes idle). One block is latency-bound at about 112 ns (measured: 10.4 µs for the 1,408 ' +
    'bytes of a 1,400-byte payload, against 3.2 µs for a whole node:crypto AES-NI `createCipheriv` call and 3.3 µs ' +
    'for either side\'s HMAC-SHA-1 of the packet), so `OutboundSa.protect()` with aes-cbc falls behind node:crypto ' +
    'as payloads grow, and no overlap of the HMAC with the encryption could close the gap: the encryption alone takes ' +
    'longer than node\'s whole packet. Replacing the permutation swizzles by constant shuffles changed nothing ' +
    '(111.9 against 111.1 ns a block); V8\'s range fix-up on the table swizzles stays on the critical path (relaxed ' +
    'SIMD, which drops it, is behind a flag in Node.js 20). Decryption fills all eight bitsliced lanes, which is why ' +
    'aes-cbc verify is faster than protect; `protectMany()` puts eight messages in the eight lanes.',
  'WebCrypto rows await each operation before starting the next (one packet at a time, as the single-packet API ' +
    'works); every call is a promise round trip (Node.js runs WebCrypto jobs off the main thread), which dominates at these sizes. Many packets in ' +
    'flight at once would raise its throughput; that is not measured here.',
  'HMAC batch rows hash SPI .. Next Header of a null-encryption packet (the payload plus 10..13 bytes); MB/s counts ' +
    'payload bytes. AES-CBC batch rows encrypt the ESP-padded plaintext (payload + padding + 2, whole blocks).',
  'The machine has few cores and other work runs on it (see the load average): a figure\'s best round is reported, ' +
    'but the slowest-round column shows how far a single round can fall; ratios near a target can flip between runs.',
];

const kps = (x) => (x / 1e3).toFixed(x < 1e4 ? 1 : 0);
const mbs = (x, bytes) => ((x * bytes) / 1e6).toFixed(1);
const times = (x) => `${x.toFixed(x < 10 ? 2 : 1)}×`;
const row = (scenario, m, ratio) => [scenario, m.label, kps(m.perSecond), mbs(m.perSecond, m.bytes), kps(m.slowest), `±${m.rme.toFixed(1)}%`, ratio];

/** Packets per protectMany / verifyMany call in the mixed-length SA batch rows. */
const SA_BATCH = 256;

/**
 * Payload lengths of a mixed batch around `size`, as a P-CSCF sees them: uniform from size / 2 to
 * 1.5 size (at most 1,400), fixed pseudo-random; the mean is about `size` (1,050 for the 1,400 class).
 */
function mixedAround(size, n) {
  const low = Math.floor(size / 2), high = Math.min(1400, Math.floor(size * 1.5));
  const r = fixedBytes(`mixed around ${size}`, 2 * n);
  return Array.from({ length: n }, (_, i) => low + (((r[2 * i] << 8) | r[2 * i + 1]) % (high - low + 1)));
}

/**
 * The SA-level batch forms on a mixed-length batch: OutboundSa.protectMany / InboundSa.verifyMany
 * (SA_BATCH packets a call) beside node:crypto and @noble protecting / verifying the same packets one
 * by one. Verify walks 16 batches made in order (a fresh inbound SA, or peer, at each wrap).
 */
async function saBatchScenario(configId, size) {
  const opts = saOptions(configId);
  const lengths = mixedAround(size, SA_BATCH);
  const payloads = lengths.map((length, i) => fixedBytes(`mixed payload ${size} ${i}`, length));
  const gen = new OutboundSa(opts);
  const batches = Array.from({ length: 16 }, () => gen.protectMany(payloads, 17).map((p) => p.slice()));
  gen.dispose();
  const tasks = [], disposers = [];
  const akaOut = new OutboundSa(opts);
  disposers.push(() => akaOut.dispose());
  tasks.push({ name: 'akacore-protect', label: `akacore \`OutboundSa.protectMany()\`, ${SA_BATCH} a call`, op: 'protect', fn: () => akaOut.protectMany(payloads, 17) });
  let b = 0, akaIn = new InboundSa(opts);
  disposers.push(() => akaIn.dispose());
  tasks.push({
    name: 'akacore-verify', label: `akacore \`InboundSa.verifyMany()\`, ${SA_BATCH} a call`, op: 'verify',
    fn: () => {
      if (b === batches.length) { b = 0; akaIn.dispose(); akaIn = new InboundSa(opts); }
      const results = akaIn.verifyMany(batches[b++]);
      for (const r of results) if (!r.ok) throw new Error(`akacore verifyMany: ${r.reason}`);
      return results;
    },
  });
  for (const peerId of ['node', 'noble']) {
    const peer = PEERS[peerId], out = peer.make(configId, opts.keys, SPI);
    let pb = 0, verifier = peer.make(configId, opts.keys, SPI);
    tasks.push({ name: `${peerId}-protect`, label: peer.label, op: 'protect', fn: () => payloads.map((p) => out.protect(p, 17)) });
    tasks.push({
      name: `${peerId}-verify`, label: peer.label, op: 'verify',
      fn: () => {
        if (pb === batches.length) { pb = 0; verifier = peer.make(configId, opts.keys, SPI); }
        const got = batches[pb++].map((p) => verifier.verify(p));
        if (got.some((g) => g === null)) throw new Error(`${peerId} verify failed`);
        return got;
      },
    });
  }
  const bytes = lengths.reduce((a, l) => a + l, 0) / SA_BATCH;
  const results = {};
  for (const op of ['protect', 'verify']) {
    const opTasks = tasks.filter((t) => t.op === op).map((t) => ({ ...t, units: SA_BATCH, bytes }));
    Object.assign(results, await measure(`esp sa batch ${configId} ${size} ${op}`, opTasks));
  }
  for (const d of disposers) d();
  return { results, bytes, low: Math.min(...lengths), high: Math.max(...lengths) };
}

/** Mixed P-CSCF lengths: payloads from 64 to 1,400 bytes, fixed pseudo-random. */
function mixedPayloads(n) {
  const r = fixedBytes('mixed lengths', 2 * n);
  return Array.from({ length: n }, (_, i) => 64 + (((r[2 * i] << 8) | r[2 * i + 1]) % (1400 - 64 + 1)));
}

export async function runEsp() {
  await init();
  const rows = [];
  const commentary = [];
  const failures = [];
  const single = {};
  for (const size of SIZES) {
    for (const configId of Object.keys(CONFIGS)) {
      const r = await singlePacketScenario(configId, size);
      single[`${configId} ${size}`] = r;
      console.log(`esp ${configId} ${size} B: peers cross-checked with akacore, measured`);
      for (const op of ['protect', 'verify']) {
        const aka = r[`akacore-${op}`];
        for (const id of ['akacore', ...Object.keys(PEERS)]) {
          const m = r[`${id}-${op}`];
          if (!m) continue;
          rows.push(row(`${CONFIG_LABEL[configId]}, ${size} B, ${op}`, m, id === 'akacore' ? '—' : times(aka.perSecond / m.perSecond)));
        }
        // The zero-allocation and SA-level batch forms beside them; their ratio column compares them with the single-packet call.
        for (const form of ['Into', 'Many']) {
          const m = r[`akacore-${op}${form}`];
          if (m) rows.push(row(`${CONFIG_LABEL[configId]}, ${size} B, ${op}`, m, `${times(m.perSecond / aka.perSecond)} of ${op}()`));
        }
      }
    }
  }

  // Single-packet targets: >= node at every size, >= 3x node at 64 B.
  const singleLines = [];
  for (const size of SIZES) {
    const need = size === 64 ? 3 : 1;
    const parts = [];
    for (const configId of Object.keys(CONFIGS)) {
      const r = single[`${configId} ${size}`];
      for (const op of ['protect', 'verify']) {
        const x = r[`akacore-${op}`].perSecond / r[`node-${op}`].perSecond;
        const ok = x >= need;
        if (!ok) failures.push(`single ${configId} ${op} ${size} B`);
        parts.push(`${CONFIG_LABEL[configId]} ${op} ${times(x)}${ok ? '' : ' (**not met**)'}`);
      }
    }
    const allOk = parts.every((p) => !p.includes('not met'));
    singleLines.push(`**Single-packet API, ${size} B** (target ≥ ${need}× node:crypto: ${allOk ? 'met' : '**not met**'}): ${parts.join('; ')}.`);
  }
  commentary.push(...singleLines);
  const cbc1400 = single['sha1-cbc 1400'];
  const cbcProtect = cbc1400['akacore-protect'].perSecond / cbc1400['node-protect'].perSecond;
  const cbcVerify = cbc1400['akacore-verify'].perSecond / cbc1400['node-verify'].perSecond;
  commentary.push(`**hmac-sha-1-96 + aes-cbc at 1,400 B** (target ≥ node:crypto): protect ${times(cbcProtect)}, verify ` +
    `${times(cbcVerify)} — ${cbcProtect >= 1 && cbcVerify >= 1 ? 'met' : '**not met**'}.`);

  // SA-level batches of mixed lengths: the batch targets of issue 3.
  const batchTargets = { 64: 5, 512: 3, 1400: 2 };
  const saBatchLines = [];
  for (const size of SIZES) {
    const parts = [];
    for (const configId of Object.keys(CONFIGS)) {
      const { results: r, bytes, low, high } = await saBatchScenario(configId, size);
      console.log(`esp sa batch ${configId} around ${size} B: measured`);
      const scenario = (op) => `${CONFIG_LABEL[configId]}, ${SA_BATCH} mixed ${low}..${high} B (mean ${Math.round(bytes)}), ${op}`;
      for (const op of ['protect', 'verify']) {
        const aka = r[`akacore-${op}`];
        for (const id of ['akacore', 'node', 'noble']) {
          const m = r[`${id}-${op}`];
          rows.push(row(scenario(op), m, id === 'akacore' ? '—' : times(aka.perSecond / m.perSecond)));
        }
        const vsNode = aka.perSecond / r[`node-${op}`].perSecond, vsNoble = aka.perSecond / r[`noble-${op}`].perSecond;
        const ok = vsNode >= batchTargets[size], okNoble = vsNoble >= 3;
        if (!ok) failures.push(`sa batch ${configId} ${op} ~${size} B vs node`);
        if (!okNoble) failures.push(`sa batch ${configId} ${op} ~${size} B vs noble`);
        parts.push(`${CONFIG_LABEL[configId]} ${op} ${times(vsNode)} node${ok ? '' : ' (**not met**)'} / ${times(vsNoble)} @noble${okNoble ? '' : ' (**not met**)'}`);
      }
    }
    saBatchLines.push(`**SA batches, mixed lengths around ${size} B** (target ≥ ${batchTargets[size]}× node:crypto and ≥ 3× @noble): ${parts.join('; ')}.`);
  }
  commentary.push(...saBatchLines);

  // Batch primitives.
  const batchLines = [];
  const hmacCases = [['mixed', mixedPayloads(BATCH), null], ...SIZES.map((s) => [`${s}`, new Array(BATCH).fill(s), s])];
  for (const [label, payloads, size] of hmacCases) {
    const { tasks, dispose } = hmacBatchTasks(label, payloads);
    const r = await measure(`esp hmac batch ${label}`, tasks);
    dispose();
    const scenario = size ? `HMAC-SHA-1-96 batch, ${BATCH} × ${size} B` : `HMAC-SHA-1-96 batch, ${BATCH} mixed 64..1,400 B (mean ${Math.round(tasks[0].bytes)})`;
    const batch = r['akacore-batch'].perSecond;
    for (const t of tasks) rows.push(row(scenario, r[t.name], t.name === 'akacore-batch' ? '—' : times(batch / r[t.name].perSecond)));
    const vsNode = batch / r.node.perSecond, vsNoble = batch / r.noble.perSecond;
    if (size) {
      const ok = vsNode >= batchTargets[size], okNoble = vsNoble >= 3;
      if (!ok) failures.push(`hmac batch ${size} vs node`);
      if (!okNoble) failures.push(`hmac batch ${size} vs noble`);
      batchLines.push(`**HMAC-SHA-1-96 batch, ${size} B**: \`macMany()\` ${kps(batch)} k packets/s = ${times(vsNode)} node:crypto ` +
        `(target ≥ ${batchTargets[size]}×: ${ok ? 'met' : '**not met**'}), ${times(vsNoble)} @noble/hashes (target ≥ 3×: ${okNoble ? 'met' : '**not met**'}).`);
    } else {
      batchLines.push(`**HMAC-SHA-1-96 batch, mixed lengths** (no target of its own): \`macMany()\` ${kps(batch)} k packets/s = ` +
        `${times(vsNode)} node:crypto, ${times(vsNoble)} @noble/hashes.`);
    }
  }
  for (const size of SIZES) {
    const { tasks, dispose } = cbcBatchTasks(size);
    const r = await measure(`esp cbc batch ${size}`, tasks);
    dispose();
    const scenario = `AES-128-CBC batch, ${CBC_BATCH} × ${cbcLength(size)} B (ESP-padded ${size} B payload)`;
    const batch = r['akacore-batch'].perSecond;
    for (const t of tasks) rows.push(row(scenario, r[t.name], t.name === 'akacore-batch' ? '—' : times(batch / r[t.name].perSecond)));
    const vsNode = batch / r.node.perSecond, vsNoble = batch / r.noble.perSecond;
    const ok = vsNode >= batchTargets[size], okNoble = vsNoble >= 3;
    if (!ok) failures.push(`cbc batch ${size} vs node`);
    if (!okNoble) failures.push(`cbc batch ${size} vs noble`);
    batchLines.push(`**AES-CBC batch, ${size} B**: \`encryptMany()\` ${kps(batch)} k messages/s = ${times(vsNode)} node:crypto per message ` +
      `(target ≥ ${batchTargets[size]}×: ${ok ? 'met' : '**not met**'}), ${times(vsNoble)} @noble/ciphers (target ≥ 3×: ${okNoble ? 'met' : '**not met**'}).`);
  }
  commentary.push(...batchLines);
  commentary.push(failures.length
    ? `**Targets not met in this run (${failures.length})**: ${failures.join('; ')}.`
    : '**All targets of issue 3 that this suite can measure are met in this run.**');
  commentary.push('The `protectMany()` / `verifyMany()` rows are the SA-level batch forms: for HMAC SAs the packets are laid ' +
    'out in linear memory and one `hmacMany` call computes every ICV, one `cbcEncryptMany` / `cbcDecryptMany` call ' +
    'encrypts or decrypts every packet (decryption streams the blocks of all ICV-valid packets eight at a time ' +
    'through the bitsliced AES); AES-GCM / GMAC SAs seal or open every packet in one `gcmSealMany` / ' +
    '`gcmOpenMany` call (the CTR blocks of all packets eight per AES pass, each tag checked before its packet is ' +
    'decrypted). The `protectInto()` / `verifyInto()` rows are the ' +
    'zero-allocation forms (the caller\'s buffer). The primitive batch rows at the end measure `Hmac.macMany()` and ' +
    '`AesCbc.encryptMany()` alone.');

  return {
    id: 'esp',
    title: 'IPsec ESP packets (P-CSCF)',
    intro:
      'ESP packets (RFC 4303, transport mode, the algorithms of TS 33.203) per second, for payloads of 64, 512 and ' +
      '1,400 bytes; MB/s counts payload bytes. *protect* builds SPI | Sequence Number | IV | ciphertext of (payload | ' +
      'padding | Pad Length | Next Header) | ICV from a payload; *verify* checks SPI, the 64-packet anti-replay window ' +
      'and the ICV (constant-time), then decrypts, checks the padding and returns a copy of the payload. Keys come ' +
      'from `espKeys()` and are set up once per SA; CBC IVs come from a 4 KiB random pool and GCM IVs are the ' +
      'sequence number XOR a per-SA mask, in akacore and in every peer. Verify walks 4,096 packets made in order by ' +
      'one akacore `OutboundSa` (a fresh inbound SA at each wrap, so every sequence number is new). Before timing, ' +
      'akacore\'s `InboundSa` accepted 50 packets of each peer and each peer accepted 50 of akacore\'s (payload byte ' +
      'for byte) and rejected a forged one. Peers (bench/peers/esp-*.mjs): node:crypto (`createHmac` / ' +
      '`createCipheriv` per packet, keys as KeyObjects); @noble/hashes (HMAC with the key\'s states cloned per ' +
      'packet; it is installed, so it is measured rather than skipped) with @noble/ciphers (AES-CBC, AES-GCM); ' +
      'WebCrypto (`crypto.subtle`, each call awaited; it has no MD5, and its AES-CBC always pads, so its verify ' +
      'needs a second call to forge a PKCS#7 block). Each timed call does 32 packets. To fit ~120 tasks in about a ' +
      `minute this suite runs ${espBudget.rounds} rounds of ${espBudget.warmupTime} ms warm-up + ${espBudget.time} ms ` +
      'per task (a fraction of the global budget), so its figures are noisier than the Milenage suite\'s.',
    table: {
      headers: ['Scenario', 'Implementation', 'k packets/s', 'MB/s', 'slowest round (k/s)', '±', 'akacore ÷ this'],
      rows,
    },
    commentary,
    notes: NOTES,
    failures,
  };
}
