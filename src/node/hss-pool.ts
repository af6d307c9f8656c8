// A pool of worker threads (piscina) that spreads a large HSS batch over all cores. The parent
// checks the input, plans every SQN (so an exhausted subscriber fails the whole call before any
// work), draws every RAND, and hands each worker a run of whole subscribers; the output is then
// byte for byte what generateBatch gives on one thread with the same RANDs.

import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { checkColumn } from '../bytes.js';
import { planSqns } from '../hss-sqn.js';
import { randomBytes } from '../hss.js';
import type { BatchInput, BatchResult, HssVectorBatch } from '../hss.js';
import type { SqnState } from '../hss-sqn.js';

/** Options of an HssPool. */
export interface HssPoolOptions {
  /** Worker threads; all cores by default. */
  readonly threads?: number;
  /** Parts per thread a batch is cut into, so that uneven parts even out (default 4). */
  readonly partsPerThread?: number;
}

/** A batch in packed Milenage columns, as generateBatch takes it (the subscribers form is not taken). */
export type PoolBatchInput = Omit<BatchInput, 'subscribers'> & {
  readonly k: Uint8Array; readonly states: readonly SqnState[]; readonly counts: ArrayLike<number>; readonly amf: Uint8Array;
};

/** Bytes per vector of each output column (Milenage: XRES 8, AUTN 16). */
const COLUMNS = { rand: 16, xres: 8, ck: 16, ik: 16, ak: 6, autn: 16, sqn: 6 } as const;
type Column = keyof typeof COLUMNS;

/** A copy of bytes [from, to) that owns its buffer, so it can be moved to a worker. */
const own = (bytes: Uint8Array, from: number, to: number): Uint8Array => Uint8Array.prototype.slice.call(bytes, from, to);

/**
 * Worker threads running generateBatch (TS 33.102 clause 6.3.2, Annex C.1) on parts of a batch.
 * Call destroy() when done.
 */
export class HssPool {
  readonly #piscina: Piscina;
  readonly #parts: number;

  constructor(options: HssPoolOptions = {}) {
    const threads = options.threads ?? availableParallelism();
    if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a whole number of at least 1, got ${threads}`);
    this.#parts = threads * (options.partsPerThread ?? 4);
    this.#piscina = new Piscina({
      filename: new URL('./hss-worker.js', import.meta.url).href, minThreads: threads, maxThreads: threads,
    });
  }

  /** generateBatch (packed columns) over the pool: the same vectors and states, on all cores. */
  async generateBatch(input: PoolBatchInput): Promise<BatchResult> {
    const subscribers = checkSubscribers(input);
    // Plan in the parent: throws, as generateBatch does, before any work if an SQN is exhausted.
    const counts = input.states.map((state, i) => planSqns(state, input.counts[i]!, input).sqns.length);
    const n = counts.reduce((a, b) => a + b, 0);
    const rand = input.rand === undefined ? randomBytes(16 * n) : checkColumn('rand', input.rand, 16, n);
    const tasks = this.#split(counts, n).map(([first, end]) => {
      const from = counts.slice(0, first).reduce((a, b) => a + b, 0), to = from + counts.slice(first, end).reduce((a, b) => a + b, 0);
      const task = partOf(input, first, end, rand.slice(16 * from, 16 * to), subscribers);
      return this.#piscina.run(task) as Promise<BatchResult>;
    });
    return join(await Promise.all(tasks), n);
  }

  /** Runs of whole subscribers [first, end) with about n / parts vectors each. */
  #split(counts: number[], n: number): Array<[number, number]> {
    const target = Math.max(1, Math.ceil(n / this.#parts));
    const runs: Array<[number, number]> = [];
    let first = 0, vectors = 0;
    counts.forEach((count, s) => {
      vectors += count;
      if (vectors >= target) {
        runs.push([first, s + 1]);
        first = s + 1;
        vectors = 0;
      }
    });
    if (first < counts.length || runs.length === 0) runs.push([first, counts.length]);
    return runs;
  }

  /** Stops the worker threads. */
  async destroy(): Promise<void> {
    await this.#piscina.destroy();
  }
}

function checkSubscribers(input: PoolBatchInput): number {
  if (!(input.k instanceof Uint8Array) || input.k.length % 16 !== 0) {
    throw new RangeError(`k must be a Uint8Array of 16 bytes per subscriber, got ${input.k?.length} bytes`);
  }
  if ((input.op === undefined) === (input.opc === undefined)) throw new TypeError('give exactly one of op and opc');
  const subscribers = input.k.length / 16;
  if (input.counts?.length !== subscribers || input.states?.length !== subscribers) {
    throw new RangeError(`counts and states must have one entry per subscriber (${subscribers})`);
  }
  return subscribers;
}

/** The task of subscribers [first, end): their columns copied out, so that only they travel. */
function partOf(input: PoolBatchInput, first: number, end: number, rand: Uint8Array, subscribers: number): BatchInput {
  const { k, op, opc, amf, states, counts, node, nodes, clock, constants } = input;
  const keys = (column: Uint8Array | undefined) => column && own(column, 16 * first, 16 * end);
  return {
    k: keys(k)!, ...(op ? { op: keys(op) } : { opc: keys(opc) }),
    states: states.slice(first, end), counts: Array.from(counts).slice(first, end),
    amf: amf.length === 2 && subscribers !== 1 ? amf : own(amf, 2 * first, 2 * end),
    rand, node, nodes, clock, constants,
  };
}

/** The parts' columns and states, joined in order. */
function join(parts: BatchResult[], n: number): BatchResult {
  const columns = Object.fromEntries(Object.keys(COLUMNS).map((c) => [c, new Uint8Array(COLUMNS[c as Column] * n)])) as Record<Column, Uint8Array>;
  let r = 0;
  for (const { vectors } of parts) {
    for (const c of Object.keys(COLUMNS) as Column[]) columns[c].set(vectors[c], COLUMNS[c] * r);
    r += vectors.count;
  }
  const vectors: HssVectorBatch = { count: n, resLength: 8, ...columns };
  return { vectors, states: parts.flatMap((p) => p.states) };
}
