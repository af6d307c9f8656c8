// A pool of worker threads (piscina) that spreads a large HSS batch over all cores; the batch is
// cut and joined as hss-parts.ts says, so the output is byte for byte the single-thread one.

import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { joinParts, splitBatch, taskTransferables } from '../hss-parts.js';
import type { PoolBatchInput, PoolResult } from '../hss-parts.js';
import type { BatchResult } from '../hss.js';

/** Options of an HssPool. */
export interface HssPoolOptions {
  /** Worker threads; all cores by default. */
  readonly threads?: number;
  /** Parts per thread a batch is cut into, so that uneven parts even out (default 4). */
  readonly partsPerThread?: number;
}

/** Worker threads running generateBatch (TS 33.102 clause 6.3.2, Annex C.1). Call destroy() when done. */
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
    const { tasks, count } = splitBatch(input, this.#parts);
    const results = await Promise.all(tasks.map((task) => this.#piscina.run(task, { transferList: taskTransferables(task) }) as Promise<PoolResult>));
    return joinParts(results, count);
  }

  /** Stops the worker threads. */
  async destroy(): Promise<void> {
    await this.#piscina.destroy();
  }
}
