// The Milenage suite: authentication vectors (TS 33.102 clause 6.3.2, Milenage of TS 35.206) per
// second, akacore beside peers on node:crypto and @noble/ciphers, all in this one process on the
// same inputs. Every implementation is first checked against TS 35.208 test set 1 and then against
// akacore's output on each scenario's inputs, byte for byte: a wrong peer would make its row
// meaningless, so a mismatch stops the run.
import { createCipheriv, createHash } from 'node:crypto';
import { unsafe as nobleAes } from '@noble/ciphers/aes.js';
import init, { Aes128, Milenage, milenageBatch } from '../dist/index.js';
import { layout, outputColumns, STRIDES, words } from './peers/columns.mjs';
import { milenageNodePerVector, milenageNodeBulk } from './peers/milenage-node.mjs';
import { milenageNoble } from './peers/milenage-noble.mjs';
import { measure } from './harness.mjs';

/** akacore's single-vector API, one Milenage object per subscriber, results copied into columns. */
function akacoreVectorApi(input) {
  const { subscribers, n, counts, amf } = layout(input);
  const { k, opc, rand, sqn } = input;
  const columns = outputColumns(n, rand);
  let r = 0;
  for (let s = 0; s < subscribers; s++) {
    const milenage = Milenage.fromOpc(k.subarray(16 * s, 16 * s + 16), opc.subarray(16 * s, 16 * s + 16));
    for (const end = r + counts[s]; r < end; r++) {
      const v = milenage.vector(rand.subarray(16 * r, 16 * r + 16), sqn.subarray(6 * r, 6 * r + 6),
        amf.subarray(2 * r, 2 * r + 2));
      columns.xres.set(v.xres, 8 * r);
      columns.ck.set(v.ck, 16 * r);
      columns.ik.set(v.ik, 16 * r);
      columns.ak.set(v.ak, 6 * r);
      columns.autn.set(v.autn, 16 * r);
    }
    milenage.dispose();
  }
  return columns;
}

const IMPLEMENTATIONS = [
  { id: 'akacore-batch', label: 'akacore `milenageBatch()`', run: milenageBatch },
  { id: 'akacore-vector', label: 'akacore `Milenage.vector()`', run: akacoreVectorApi },
  { id: 'node-vector', label: 'node:crypto ECB, 2 `update()` per vector', run: milenageNodePerVector },
  { id: 'node-bulk', label: 'node:crypto ECB, 2 bulk `update()` per subscriber', run: milenageNodeBulk },
  { id: 'noble', label: '@noble/ciphers `unsafe` word API', run: milenageNoble },
];

const SCENARIOS = [
  { id: '1x1000', label: '1 subscriber × 1,000 vectors', subscribers: 1, each: 1000, targets: { node: 6, noble: 3 } },
  { id: '1000x1', label: '1,000 subscribers × 1 vector', subscribers: 1000, each: 1, targets: { node: 10, noble: 6 } },
  { id: '1000x5', label: '1,000 subscribers × 5 vectors', subscribers: 1000, each: 5, targets: { node: 10, noble: 6 } },
];

/** Peer figures seen before on this machine type (M vectors/s), to sanity-check the environment. */
const REFERENCE = { '1x1000': { node: 0.8, noble: 1.5 }, '1000x1': { node: 0.33, noble: 0.57 } };

/** Deterministic pseudo-random bytes (AES-128-CTR keyed by a label): random-looking, fixed per run. */
function fixedBytes(label, length) {
  const key = createHash('sha256').update(`akacore bench ${label}`).digest().subarray(0, 16);
  const bytes = createCipheriv('aes-128-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(length));
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + length));
}

function scenarioInput({ id, subscribers, each }) {
  const n = subscribers * each;
  return {
    k: fixedBytes(`${id} k`, 16 * subscribers),
    opc: fixedBytes(`${id} opc`, 16 * subscribers),
    counts: new Array(subscribers).fill(each),
    rand: fixedBytes(`${id} rand`, 16 * n),
    sqn: fixedBytes(`${id} sqn`, 6 * n),
    amf: Uint8Array.of(0x80, 0x00), // one AMF for all, separation bit set (TS 33.102 Annex H)
  };
}

/** What the figures do not show by themselves (true of the code, whatever the run). */
const NOTES = [
  'akacore\'s AES is a bitsliced, constant-time SIMD kernel that encrypts eight blocks per pass whatever the ' +
    'number of blocks needed: a batch costs five passes per eight vectors (TEMP, then OUT1..OUT4), and per-lane ' +
    'keys (one expansion per eight subscribers) make many subscribers cost little more than one. node:crypto runs ' +
    'OpenSSL\'s AES (AES-NI where the CPU flags list `aes`): per block it is far faster, so fed in bulk (one ' +
    'subscriber\'s large batch) it leads, while per vector or per subscriber the cost of each `update()` call and ' +
    'of each new cipher dominates. @noble/ciphers is table-based JavaScript (not constant time).',
  '`Milenage.vector()` is one call into the core per vector: for a single vector most of the kernel\'s eight ' +
    'lanes idle, and the JavaScript work of a call (checks, copies in and out, result objects) is paid each time; ' +
    '`Milenage.fromOpc()` (a key slot and its key expansion) is paid per subscriber. For throughput use ' +
    '`milenageBatch()`.',
];

const hex = (s) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b) => Buffer.from(b).toString('hex');

/** TS 35.208 clause 4.3, test set 1 (AUTN assembled as SQN ^ AK || AMF || MAC-A). */
const TEST_SET_1 = {
  input: {
    k: hex('465b5ce8b199b49faa5f0a2ee238a6bc'), opc: hex('cd63cb71954a9f4e48a5994e37a02baf'),
    rand: hex('23553cbe9637a89d218ae64dae47bf35'), sqn: hex('ff9bb4d0b607'), amf: hex('b9b9'),
  },
  expected: {
    xres: 'a54211d5e3ba50bf', ck: 'b40ba9a3c58b2a05bbf0d987b21bf8cb', ik: 'f769bcd751044604127672711c6d3441',
    ak: 'aa689c648370', autn: '55f328b43577b9b94a9ffac354dfafb3',
  },
};

function check(impl, what, actual, expected) {
  for (const field of Object.keys(STRIDES)) {
    const a = actual[field], e = expected[field];
    if (e === undefined) continue;
    const same = typeof e === 'string' ? toHex(a) === e : a.length === e.length && a.every((x, i) => x === e[i]);
    if (!same) throw new Error(`milenage bench: ${impl.id} disagrees on ${what}, field ${field}`);
  }
}

const mps = (perSecond) => (perSecond / 1e6).toFixed(3);
const times = (x) => `${x.toFixed(x < 10 ? 2 : 1)}×`;

/**
 * The AES-only bound: 5,000 blocks of ECB under one already expanded key, counted as 1,000
 * vector-equivalents (5 blocks each); measured in the same rounds as one subscriber × 1,000 vectors.
 * No Milenage on a given AES can beat that AES's figure here.
 */
function aesBoundTasks() {
  const BLOCKS = 5000;
  const key = fixedBytes('bound k', 16), data = fixedBytes('bound data', 16 * BLOCKS);
  const aes = new Aes128(key);
  const cipher = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
  const xk = nobleAes.expandKeyLE(key);
  const in32 = words(data);
  const tasks = [
    { id: 'bound-akacore', label: 'akacore `Aes128.encryptBlocks()`', run: () => aes.encryptBlocks(data) },
    { id: 'bound-node', label: 'node:crypto ECB, one `update()`', run: () => cipher.update(data) },
    {
      id: 'bound-noble', label: '@noble/ciphers `unsafe.encrypt` on words',
      run: () => {
        const out = new Uint8Array(16 * BLOCKS), out32 = words(out);
        for (let i = 0; i < 4 * BLOCKS; i += 4) {
          const b = nobleAes.encrypt(xk, in32[i], in32[i + 1], in32[i + 2], in32[i + 3]);
          out32[i] = b.s0; out32[i + 1] = b.s1; out32[i + 2] = b.s2; out32[i + 3] = b.s3;
        }
        return out;
      },
    },
  ];
  const expected = toHex(tasks[1].run());
  for (const task of tasks) {
    if (toHex(task.run()) !== expected) throw new Error(`milenage bench: AES bound, ${task.id} disagrees`);
  }
  return { units: BLOCKS / 5, tasks, dispose: () => aes.dispose() };
}

/** The scenario whose rounds also measure the AES-only bound (one key, like the bound). */
const BOUND_WITH = '1x1000';
const BOUND_LABEL = 'AES-128 ECB only: 5,000 blocks, one key (bound; 5 blocks = 1 vector)';

const row = (scenario, label, m, ratio) => [
  scenario, label, mps(m.perSecond), mps(m.slowest), `±${m.rme.toFixed(1)}%`, `${(m.meanMs * 1000).toFixed(0)} µs`, ratio,
];

/** Runs the suite; returns a report section (see report.mjs). */
export async function runMilenage() {
  await init();
  for (const impl of IMPLEMENTATIONS) check(impl, 'TS 35.208 test set 1', impl.run(TEST_SET_1.input), TEST_SET_1.expected);
  console.log(`milenage: all ${IMPLEMENTATIONS.length} implementations reproduce TS 35.208 test set 1`);
  const bound = aesBoundTasks();
  console.log(`milenage: the ${bound.tasks.length} AES-128 implementations of the bound agree`);

  const rows = [];
  const boundRows = [];
  const commentary = [];
  const verdicts = [];
  let boundLine = '';
  for (const scenario of SCENARIOS) {
    const input = scenarioInput(scenario);
    const vectors = scenario.subscribers * scenario.each;
    const expected = milenageBatch(input);
    for (const impl of IMPLEMENTATIONS) check(impl, `scenario ${scenario.id}`, impl.run(input), expected);
    console.log(`milenage ${scenario.id}: all ${IMPLEMENTATIONS.length} implementations agree on ${vectors} vectors; measuring`);

    const extra = scenario.id === BOUND_WITH ? bound.tasks : [];
    const all = await measure(`milenage ${scenario.id}`, [
      ...IMPLEMENTATIONS.map((impl) => ({ name: impl.id, fn: () => impl.run(input), units: vectors })),
      ...extra.map((task) => ({ name: task.id, fn: task.run, units: bound.units })),
    ]);
    const rate = Object.fromEntries(all.map((m) => [m.name, m.perSecond]));
    const batch = rate['akacore-batch'];
    for (const [i, impl] of IMPLEMENTATIONS.entries()) {
      rows.push(row(scenario.label, impl.label, all[i], times(batch / all[i].perSecond)));
    }
    for (const [i, task] of extra.entries()) {
      boundRows.push(row(BOUND_LABEL, task.label, all[IMPLEMENTATIONS.length + i], '—'));
    }
    if (extra.length) {
      boundLine = `**Bound** (measured in the same rounds as ${scenario.label.toLowerCase()}): akacore's ` +
        `\`Aes128.encryptBlocks()\` (its AES kernel plus copying in and out) does ` +
        `${mps(rate['bound-akacore'])} M vector-equivalents/s, and \`milenageBatch()\` reaches ` +
        `${(100 * batch / rate['bound-akacore']).toFixed(0)}% of that; node:crypto's AES-NI does ` +
        `${mps(rate['bound-node'])} and @noble/ciphers ${mps(rate['bound-noble'])}. A target above akacore's ` +
        'bound cannot be met by changes to the Milenage glue or the API, only by a faster AES kernel.';
    }

    const { node: toNode, noble: toNoble } = scenario.targets;
    const vsNode = batch / rate['node-vector'], vsNoble = batch / rate.noble, vsBulk = batch / rate['node-bulk'];
    const met = (x, target) => (x >= target ? `target ≥ ${target}×: met` : `target ≥ ${target}×: **not met**`);
    verdicts.push({ scenario: scenario.id, vsNode, vsNoble, nodeMet: vsNode >= toNode, nobleMet: vsNoble >= toNoble });
    let line = `**${scenario.label}**: akacore batch ${mps(batch)} M/s = ${times(vsNode)} node:crypto per vector ` +
      `(${met(vsNode, toNode)}), ${times(vsNoble)} @noble/ciphers (${met(vsNoble, toNoble)}); ` +
      (vsBulk >= 1
        ? `${times(vsBulk)} node:crypto bulk ECB. `
        : `node:crypto bulk ECB stays ahead at ${mps(rate['node-bulk'])} M/s (akacore ${times(vsBulk)} of it). `) +
      `The single-vector API runs at ${mps(rate['akacore-vector'])} M/s ` +
      `(${times(rate['akacore-vector'] / rate['node-vector'])} node per vector).`;
    const ref = REFERENCE[scenario.id];
    if (ref) {
      line += ` Peers vs earlier figures on this machine type: node per vector ${mps(rate['node-vector'])} ` +
        `(was ~${ref.node}), noble ${mps(rate.noble)} (was ~${ref.noble}) M/s.`;
    }
    commentary.push(line);
  }
  bound.dispose();
  rows.push(...boundRows);
  if (boundLine) commentary.push(boundLine);

  return {
    id: 'milenage',
    title: 'Milenage authentication vectors',
    intro:
      'Authentication vectors (RAND, XRES, CK, IK, AK, AUTN; TS 33.102 clause 6.3.2) per second, Milenage of ' +
      'TS 35.206 with OPc given: 5 AES-128 blocks per vector. Each call produces every vector of the scenario as ' +
      'packed output columns; key setup (a key expansion or a new cipher per subscriber) is inside the timed call. ' +
      'Inputs are pseudo-random but fixed; before timing, every implementation reproduced TS 35.208 test set 1 and ' +
      'akacore\'s output on each scenario\'s inputs byte for byte. Peers (bench/peers/): node:crypto with one ' +
      'long-lived AES-128-ECB cipher per subscriber, per vector (TEMP in one `update()`, OUT1..OUT4 in one 64-byte ' +
      '`update()`) and in bulk (all TEMPs of a subscriber in one `update()`, then all OUT inputs in another); ' +
      '@noble/ciphers with its `unsafe.expandKeyLE` / `unsafe.encrypt` word API and no per-block buffers. The ' +
      '`Milenage.vector()` row builds one `Milenage` per subscriber and copies each vector into the same columns.',
    table: {
      headers: ['Scenario', 'Implementation', 'M vectors/s', 'slowest round', '±', 'Time per call', 'akacore batch ÷ this'],
      rows,
    },
    commentary,
    notes: NOTES,
    verdicts,
  };
}
