// The HSS suite: authentication vectors per second as an HSS issues them (TS 33.102 clause 6.3.2
// with the SQN management of Annex C.1 and fresh RANDs), for 10,000 subscribers with batches of 1,
// 5 and 32 vectors each: akacore's generateBatch on one thread and on the piscina worker pool
// (akacore/node) on every core, beside node:crypto Milenage peers doing the same job. Before timing,
// every implementation is checked byte for byte against generateBatch on the same RANDs.
import { availableParallelism } from 'node:os';
import { randomFillSync } from 'node:crypto';
import init, { generateBatch, initialSqnState, milenageBatch } from '../dist/index.js';
import { HssPool } from '../dist/node/index.js';
import { milenageNodeBulk, milenageNodePerVector } from './peers/milenage-node.mjs';
import { budget, measure } from './harness.mjs';

const SUBSCRIBERS = 10_000;
const BATCHES = [1, 5, 32];
const IND_BITS = 5;
const AMF = Uint8Array.of(0x80, 0x00); // the separation bit set, as for EPS / 5G (TS 33.401 Annex H)

/** Fixed random-looking keys, made once: a run measures the same subscribers every time. */
function subscribers(n) {
  const k = randomFillSync(new Uint8Array(16 * n)), opc = randomFillSync(new Uint8Array(16 * n));
  const states = Array.from({ length: n }, (_, i) => initialSqnState(i * 1000 + 31, IND_BITS));
  return { k, opc, states };
}

/**
 * The node:crypto peer as an HSS: the same job as generateBatch (RANDs from the system generator,
 * SQN_HE counted up per vector with the next IND, the new states), with the Milenage of
 * bench/peers/milenage-node.mjs computing the vectors.
 */
function nodeHss(milenage, { k, opc, states }, each, rand) {
  const n = states.length * each, sqn = new Uint8Array(6 * n), view = new DataView(sqn.buffer);
  const size = 2 ** IND_BITS, next = [];
  let r = 0;
  for (const { seqHe, indHe } of states) {
    const ind = (indHe + 1) % size;
    for (let j = 1; j <= each; j++, r++) {
      const value = (seqHe + j) * size + ind;
      view.setUint16(6 * r, Math.floor(value / 2 ** 32));
      view.setUint32(6 * r + 2, value >>> 0);
    }
    next.push({ seqHe: seqHe + each, indHe: ind, indBits: IND_BITS });
  }
  const vectors = milenage({ k, opc, counts: new Array(states.length).fill(each), rand: rand ?? randomFillSync(new Uint8Array(16 * n)), sqn, amf: AMF });
  return { vectors: { ...vectors, sqn }, states: next };
}

const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

function check(label, actual, expected) {
  for (const column of ['rand', 'xres', 'ck', 'ik', 'ak', 'autn', 'sqn']) {
    if (!same(actual.vectors[column], expected.vectors[column])) throw new Error(`hss bench: ${label} disagrees on ${column}`);
  }
  if (JSON.stringify(actual.states) !== JSON.stringify(expected.states)) throw new Error(`hss bench: ${label} disagrees on states`);
}

/** An async task (the pool) measured in rounds like harness.mjs does: best round's mean time per call. */
async function measureAsync(fn, units) {
  const runs = [];
  for (let round = 0; round < budget.rounds; round++) {
    for (let i = 0; i < budget.warmupIterations; i++) await fn();
    let calls = 0;
    const start = performance.now();
    while (calls < budget.iterations || performance.now() - start < budget.time) {
      await fn();
      calls++;
    }
    runs.push((units * calls * 1000) / (performance.now() - start));
  }
  return { perSecond: Math.max(...runs), slowest: Math.min(...runs) };
}

const mps = (perSecond) => (perSecond / 1e6).toFixed(3);

/** Runs the suite; returns a report section (see report.mjs). */
export async function runHss() {
  await init();
  const threads = availableParallelism();
  const pool = new HssPool({ threads });
  const input = subscribers(SUBSCRIBERS);
  const rows = [];
  const commentary = [];
  try {
    for (const each of BATCHES) {
      const n = SUBSCRIBERS * each;
      const columns = { ...input, counts: new Array(SUBSCRIBERS).fill(each), amf: AMF };
      const rand = randomFillSync(new Uint8Array(16 * n));
      const expected = generateBatch({ ...columns, rand });
      check('the pool', await pool.generateBatch({ ...columns, rand }), expected);
      check('node:crypto per vector', nodeHss(milenageNodePerVector, input, each, rand), expected);
      check('node:crypto bulk', nodeHss(milenageNodeBulk, input, each, rand), expected);
      console.log(`hss ${SUBSCRIBERS}x${each}: pool and node:crypto peers agree with generateBatch on ${n} vectors; measuring`);

      const tasks = [
        { name: 'generateBatch', label: 'akacore `generateBatch()`, 1 thread', fn: () => generateBatch(columns), units: n },
        {
          name: 'milenageBatch', label: 'akacore `milenageBatch()` alone (no SQN planning, RANDs given)',
          fn: () => milenageBatch({ ...columns, rand, sqn: expected.vectors.sqn }), units: n,
        },
        { name: 'node-vector', label: 'node:crypto HSS, Milenage per vector, 1 thread', fn: () => nodeHss(milenageNodePerVector, input, each), units: n },
        { name: 'node-bulk', label: 'node:crypto HSS, Milenage bulk per subscriber, 1 thread', fn: () => nodeHss(milenageNodeBulk, input, each), units: n },
      ];
      const measured = await measure(`hss ${each}`, tasks);
      const pooled = await measureAsync(() => pool.generateBatch(columns), n);
      const rate = Object.fromEntries(measured.map((m) => [m.name, m.perSecond]));
      const scenario = `${SUBSCRIBERS.toLocaleString('en')} subscribers × ${each}`;
      for (const [i, task] of tasks.entries()) {
        rows.push([scenario, task.label, mps(measured[i].perSecond), mps(measured[i].slowest), `${(measured[i].meanMs).toFixed(1)} ms`]);
      }
      rows.push([scenario, `akacore \`HssPool.generateBatch()\`, ${threads} threads`, mps(pooled.perSecond), mps(pooled.slowest), `${((n / pooled.perSecond) * 1000).toFixed(1)} ms`]);
      commentary.push(`**${scenario}**: generateBatch ${mps(rate.generateBatch)} M/s on one thread, ` +
        `${(rate.generateBatch / rate['node-vector']).toFixed(1)}× the node:crypto HSS per vector and ` +
        `${(rate.generateBatch / rate['node-bulk']).toFixed(1)}× in bulk; the pool on ${threads} threads ` +
        `${mps(pooled.perSecond)} M/s (${(pooled.perSecond / rate.generateBatch).toFixed(2)}× one thread).`);
    }
  } finally {
    await pool.destroy();
  }
  return {
    id: 'hss',
    title: 'HSS authentication-vector batches',
    intro:
      'Authentication vectors per second as an HSS issues them (TS 33.102 clause 6.3.2): fresh RANDs from the ' +
      'system generator, SQNs planned per subscriber as Annex C.1 says (SEQ_HE + 1 per vector, the next IND), the ' +
      'new SQN states, Milenage with OPc given, for 10,000 subscribers per call with 1, 5 or 32 vectors each. The ' +
      'node:crypto HSS does the same job in JavaScript around bench/peers/milenage-node.mjs. The pool row is ' +
      'measured with its own loop (the call is asynchronous): best of the same number of rounds, mean time per ' +
      'call; it includes moving the columns to and from the worker threads.',
    table: { headers: ['Scenario', 'Implementation', 'M vectors/s', 'slowest round', 'Time per call'], rows },
    commentary,
    notes: [
      'The pool cannot be faster than one thread times the number of cores: the parent plans the SQNs and draws ' +
        'the RANDs on its own thread, copies each part\'s columns to a worker and joins the results; on a 2-core ' +
        'machine shared with other work the gain is bounded accordingly.',
    ],
  };
}
