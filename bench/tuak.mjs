// The TUAK suite: TUAK (TS 35.231) outputs per second beside Milenage (TS 35.206) in the same run,
// akacore's single-vector APIs, with a plain-JavaScript TUAK on @noble/hashes' keccakP as the peer.
// Every implementation is first checked against TS 35.233 test set 1 and then against akacore on
// each scenario's inputs, byte for byte; a mismatch stops the run.
import { readFileSync } from 'node:fs';
import { keccakP } from '@noble/hashes/sha3.js';
import init, { keccakF1600, Milenage, Tuak } from '../dist/index.js';
import { NobleTuak } from './peers/tuak-noble.mjs';
import { measure } from './harness.mjs';

const VECTORS = 1000;
const FIELDS = ['macA', 'macS', 'res', 'ck', 'ik', 'ak', 'akStar'];
const SIZES = { mac: 8, res: 8, ck: 16, ik: 16 }; // the Tuak defaults, Milenage's sizes

const hex = (s) => Uint8Array.from(Buffer.from(s, 'hex'));
const toHex = (b) => Buffer.from(b).toString('hex');

/** Pseudo-random but fixed bytes (a counter through SHA-3's permutation is plenty for a bench). */
function fixedBytes(seed, length) {
  const lanes = new Uint32Array(50);
  lanes[0] = seed;
  const out = new Uint8Array(length);
  for (let at = 0; at < length; at += 136) {
    keccakP(lanes);
    out.set(new Uint8Array(lanes.buffer, 0, Math.min(136, length - at)), at);
  }
  return out;
}

function inputs(seed) {
  return {
    k: fixedBytes(seed, 16 * VECTORS), top: fixedBytes(seed + 1, 32 * VECTORS), rand: fixedBytes(seed + 2, 16 * VECTORS),
    sqn: fixedBytes(seed + 3, 6 * VECTORS), amf: Uint8Array.of(0x80, 0x00),
  };
}

const at = (column, size, i) => column.subarray(size * i, size * (i + 1));

/** The implementations: each computes every output for `count` vectors, one subscriber or many. */
function tasksFor(input, manySubscribers) {
  const key = (i) => at(input.k, 16, manySubscribers ? i : 0);
  const topc = (i) => at(input.top, 32, manySubscribers ? i : 0); // used as TOPc / OPc (first 16 bytes)
  const loop = (make, run) => () => {
    let algorithm, last;
    for (let i = 0; i < VECTORS; i++) {
      if (i === 0 || manySubscribers) { algorithm?.dispose?.(); algorithm = make(i); }
      last = run(algorithm, at(input.rand, 16, i), at(input.sqn, 6, i), input.amf);
    }
    algorithm.dispose?.();
    return last;
  };
  return [
    { id: 'tuak-compute', label: 'akacore `Tuak.compute()` (f1, f1*, f2..f5, f5*: 4 permutations)',
      run: loop((i) => Tuak.fromTopc(key(i), topc(i)), (t, r, s, a) => t.compute(r, s, a)) },
    { id: 'tuak-av', label: 'akacore `Tuak` f1 + f2345 (an AV: 2 permutations, 2 calls)',
      run: loop((i) => Tuak.fromTopc(key(i), topc(i)), (t, r, s, a) => [t.f1(r, s, a), t.f2345(r)]) },
    { id: 'milenage-compute', label: 'akacore `Milenage.compute()` (f1..f5*: 6 AES blocks)',
      run: loop((i) => Milenage.fromOpc(key(i), topc(i).subarray(0, 16)), (m, r, s, a) => m.compute(r, s, a)) },
    { id: 'noble-compute', label: '@noble/hashes keccakP TUAK in JavaScript (4 permutations)',
      run: loop((i) => new NobleTuak(key(i), topc(i), SIZES), (t, r, s, a) => t.compute(r, s, a)) },
  ];
}

/** Before timing: akacore and the peer on TS 35.233 set 1, then the peer against akacore on every input. */
function checkAll(input, manySubscribers) {
  const set = JSON.parse(readFileSync(new URL('../test-vectors/tuak-ts35233.json', import.meta.url), 'utf8')).sets[0];
  const sizes = { mac: set.macBits / 8, res: set.resBits / 8, ck: set.ckBits / 8, ik: set.ikBits / 8 };
  const want = [set.f1, set.f1star, set.f2, set.f3, set.f4, set.f5, set.f5star];
  const ours = Tuak.fromTopc(hex(set.k), hex(set.topc), { resBits: set.resBits });
  const peer = new NobleTuak(hex(set.k), hex(set.topc), sizes);
  for (const [name, algorithm] of [['akacore', ours], ['noble', peer]]) {
    const out = algorithm.compute(hex(set.rand), hex(set.sqn), hex(set.amf));
    if (FIELDS.map((f) => toHex(out[f])).join() !== want.join()) throw new Error(`tuak bench: ${name} fails TS 35.233 set 1`);
  }
  ours.dispose();
  for (let i = 0; i < VECTORS; i++) {
    const k = at(input.k, 16, manySubscribers ? i : 0), topc = at(input.top, 32, manySubscribers ? i : 0);
    const rand = at(input.rand, 16, i), sqn = at(input.sqn, 6, i);
    const tuak = Tuak.fromTopc(k, topc), a = tuak.compute(rand, sqn, input.amf);
    const b = new NobleTuak(k, topc, SIZES).compute(rand, sqn, input.amf);
    if (FIELDS.some((f) => toHex(a[f]) !== toHex(b[f]))) throw new Error(`tuak bench: the peer disagrees on vector ${i}`);
    tuak.dispose();
  }
}

const SCENARIOS = [
  { id: '1x1000', label: '1 subscriber × 1,000 vectors', many: false, seed: 1 },
  { id: '1000x1', label: '1,000 subscribers × 1 vector', many: true, seed: 11 },
];

/** Keccak-f[1600] alone: 1,000 permutations of one state (250 vector-equivalents of 4 permutations). */
function keccakBoundTasks() {
  const state = fixedBytes(99, 200), lanes = new Uint32Array(state.slice().buffer);
  return [
    { id: 'keccak-akacore', label: 'akacore `keccakF1600()` kernel, 4 calls of 250 iterations',
      run: () => { let s = state; for (let i = 0; i < 4; i++) s = keccakF1600(s, 250); return s; } },
    { id: 'keccak-noble', label: '@noble/hashes `keccakP()`, 1,000 calls',
      run: () => { for (let i = 0; i < 1000; i++) keccakP(lanes); return lanes; } },
  ];
}

const mps = (perSecond) => (perSecond / 1e6).toFixed(3);
const row = (scenario, label, m, ratio) => [
  scenario, label, mps(m.perSecond), mps(m.slowest), `±${m.rme.toFixed(1)}%`, `${(m.meanMs * 1000).toFixed(0)} µs`, ratio,
];

/** Runs the suite; returns a report section (see report.mjs). */
export async function runTuak() {
  await init();
  const rows = [], commentary = [];
  for (const scenario of SCENARIOS) {
    const input = inputs(scenario.seed);
    checkAll(input, scenario.many);
    const tasks = tasksFor(input, scenario.many);
    console.log(`tuak ${scenario.id}: akacore and the peer reproduce TS 35.233 set 1 and agree on ${VECTORS} vectors; measuring`);
    const all = await measure(`tuak ${scenario.id}`, tasks.map((t) => ({ name: t.id, fn: t.run, units: VECTORS })));
    const rate = Object.fromEntries(all.map((m) => [m.name, m.perSecond]));
    tasks.forEach((task, i) => rows.push(row(scenario.label, task.label, all[i],
      `${(rate['milenage-compute'] / all[i].perSecond).toFixed(2)}×`)));
    commentary.push(`**${scenario.label}**: \`Tuak.compute()\` ${mps(rate['tuak-compute'])} M/s, ` +
      `${(rate['tuak-compute'] / rate['noble-compute']).toFixed(2)}× the @noble/hashes peer and ` +
      `${(rate['tuak-compute'] / rate['milenage-compute']).toFixed(2)}× \`Milenage.compute()\` ` +
      `(${mps(rate['milenage-compute'])} M/s); an AV's f1 + f2345 ${mps(rate['tuak-av'])} M/s.`);
  }
  const bound = keccakBoundTasks();
  const measured = await measure('tuak keccak', bound.map((t) => ({ name: t.id, fn: t.run, units: 250 })));
  bound.forEach((task, i) => rows.push(row('Keccak-f[1600] only (4 permutations = 1 vector)', task.label, measured[i], '—')));
  commentary.push(`**Keccak-f[1600] alone**: akacore's kernel ${mps(4 * measured[0].perSecond)} M permutations/s, ` +
    `@noble/hashes ${mps(4 * measured[1].perSecond)} M/s.`);

  return {
    id: 'tuak',
    title: 'TUAK beside Milenage',
    intro:
      'Every output of f1, f1*, f2, f3, f4, f5 and f5* per second for one RAND, SQN and AMF, TUAK of TS 35.231 with ' +
      'TOPc given and the default sizes (64-bit MAC and RES, 128-bit CK and IK, one Keccak iteration; 4 ' +
      'Keccak-f[1600] permutations a vector) beside Milenage with OPc given, through the single-vector APIs; in the ' +
      'many-subscriber scenario `fromTopc()` / `fromOpc()` (a key slot) is inside the timed call. The peer ' +
      '(bench/peers/tuak-noble.mjs) is TUAK in JavaScript on @noble/hashes `keccakP`, one state buffer reused. ' +
      'Inputs are pseudo-random but fixed; before timing, akacore and the peer reproduced TS 35.233 test set 1 and ' +
      'agreed on every vector of each scenario.',
    table: {
      headers: ['Scenario', 'Implementation', 'M vectors/s', 'slowest round', '±', 'Time per call', 'Milenage ÷ this'],
      rows,
    },
    commentary,
  };
}
