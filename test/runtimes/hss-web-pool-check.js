// HssWebPool (Web Workers) against generateBatch on one thread with the same RANDs, for any runtime
// with module Web Workers: Deno and Bun (hss-web-pool-run.js) and Chromium (browser-run.js, the
// workers served from 127.0.0.1). Plain ES module with no node: import.
//
// checkHssWebPool(api): api is the namespace of dist/index.js, already initialised. Resolves to
// { vectors, equal, states, exhausted, missingWorker, destroyed }: the vectors pooled, whether every
// column and every state equals the single-thread output, whether an exhausted SQN was refused with
// its message, and how a pool whose worker module is missing and a destroyed pool answer a call
// (made before and after the worker failed): the rejection messages, or that none came.

/** The vectors the check's batch holds: 2,000 subscribers asking for (i * 7) % 9 vectors each. */
export const POOL_CHECK_VECTORS = 7999;

export async function checkHssWebPool(api) {
  const subscribers = 2000;
  const counts = Array.from({ length: subscribers }, (_, i) => (i * 7) % 9);
  const n = counts.reduce((a, b) => a + b, 0);
  const input = {
    k: api.randomBytes(16 * subscribers), opc: api.randomBytes(16 * subscribers), counts,
    states: Array.from({ length: subscribers }, (_, i) => api.initialSqnState(i * 977)), amf: Uint8Array.of(0x80, 0),
    node: 'mme', nodes: { mme: 3 }, rand: api.randomBytes(16 * n),
  };
  const pool = new api.HssWebPool({ workers: 2 });
  try {
    const pooled = await pool.generateBatch(input);
    const single = api.generateBatch(input);
    const columns = ['rand', 'xres', 'ck', 'ik', 'ak', 'autn', 'sqn'];
    const equal = columns.every((c) => pooled.vectors[c].length === single.vectors[c].length
      && pooled.vectors[c].every((b, i) => b === single.vectors[c][i]));
    const states = JSON.stringify(pooled.states) === JSON.stringify(single.states);
    let exhausted = false;
    try {
      await pool.generateBatch({
        ...input, rand: undefined,
        states: input.states.map((s, i) => (i === 5 ? { seqHe: 2 ** 43 - 1, indHe: 0, indBits: 5 } : s)),
      });
    } catch (error) {
      exhausted = /SQN exhausted/.test(error.message);
    }
    return { vectors: pooled.vectors.count, equal, states, exhausted, ...(await refusals(api, input)) };
  } finally {
    pool.destroy();
  }
}

/** Whether a result of checkHssWebPool is all it should be. */
export function poolCheckPassed(result) {
  const missing = /^HssWebPool: a worker \(.*missing-worker\.js\) failed: /;
  return result.vectors === POOL_CHECK_VECTORS && result.equal && result.states && result.exhausted
    && result.missingWorker.length === 2 && result.missingWorker.every((m) => missing.test(m))
    && result.destroyed === 'HssWebPool: destroyed';
}

/** A worker that never answers must not leave a call waiting for ever: each is rejected, saying why. */
async function refusals(api, input) {
  const broken = new api.HssWebPool({ workers: 1, workerUrl: new URL('../../dist/missing-worker.js', import.meta.url) });
  const missingWorker = [];
  try {
    missingWorker.push(await rejection(broken.generateBatch(input))); // posted before the module failed to load
    missingWorker.push(await rejection(broken.generateBatch(input))); // made after
  } finally {
    broken.destroy();
  }
  const pool = new api.HssWebPool({ workers: 1 });
  pool.destroy();
  return { missingWorker, destroyed: await rejection(pool.generateBatch(input)) };
}

/** The message `promise` is rejected with, or what it did instead within 10 s. */
async function rejection(promise) {
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve('no answer within 10 s'), 10_000); });
  try {
    return await Promise.race([promise.then(() => 'resolved', (error) => String(error?.message ?? error)), late]);
  } finally {
    clearTimeout(timer);
  }
}
