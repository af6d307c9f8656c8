// HssWebPool (Web Workers) against generateBatch on one thread with the same RANDs, for any runtime
// with module Web Workers: Deno and Bun (hss-web-pool-run.js) and Chromium (browser-run.js, the
// workers served from 127.0.0.1). Plain ES module with no node: import.
//
// checkHssWebPool(api): api is the namespace of dist/index.js, already initialised. Resolves to
// { vectors, equal, states, exhausted }: the vectors pooled, whether every column and every state
// equals the single-thread output, and whether an exhausted SQN was refused with its message.

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
    return { vectors: pooled.vectors.count, equal, states, exhausted };
  } finally {
    pool.destroy();
  }
}
