// HssWebPool (Web Workers) under Deno or Bun, against generateBatch on one thread with the same RANDs:
//   deno run --allow-read=<repo> test/runtimes/hss-web-pool-run.js
//   bun test/runtimes/hss-web-pool-run.js
// Prints one JSON line { runtime, vectors, equal, states, exhausted }; exits 1 unless all hold.
import init, { HssWebPool, generateBatch, initialSqnState, randomBytes } from '../../dist/index.js';

await init();
const subscribers = 2000;
const counts = Array.from({ length: subscribers }, (_, i) => (i * 7) % 9);
const n = counts.reduce((a, b) => a + b, 0);
const input = {
  k: randomBytes(16 * subscribers), opc: randomBytes(16 * subscribers), counts,
  states: Array.from({ length: subscribers }, (_, i) => initialSqnState(i * 977)), amf: Uint8Array.of(0x80, 0),
  node: 'mme', nodes: { mme: 3 }, rand: randomBytes(16 * n),
};
const pool = new HssWebPool({ workers: 2 });
const pooled = await pool.generateBatch(input);
const single = generateBatch(input);
const columns = ['rand', 'xres', 'ck', 'ik', 'ak', 'autn', 'sqn'];
const equal = columns.every((c) => pooled.vectors[c].length === single.vectors[c].length && pooled.vectors[c].every((b, i) => b === single.vectors[c][i]));
const states = JSON.stringify(pooled.states) === JSON.stringify(single.states);
let exhausted = false;
try {
  await pool.generateBatch({ ...input, rand: undefined, states: input.states.map((s, i) => (i === 5 ? { seqHe: 2 ** 43 - 1, indHe: 0, indBits: 5 } : s)) });
} catch (error) {
  exhausted = /SQN exhausted/.test(error.message);
}
pool.destroy();
const runtime = typeof Deno !== 'undefined' ? `deno ${Deno.version.deno}` : typeof Bun !== 'undefined' ? `bun ${Bun.version}` : 'unknown';
console.log(JSON.stringify({ runtime, vectors: pooled.vectors.count, equal, states, exhausted }));
const ok = equal && states && exhausted && pooled.vectors.count === n;
if (typeof Deno !== 'undefined') Deno.exit(ok ? 0 : 1);
else process.exit(ok ? 0 : 1);
