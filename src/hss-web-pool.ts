// A pool of Web Workers that spreads a large HSS batch over the cores on Deno, Bun and in browsers
// (Node.js: akacore/node's HssPool on worker threads). The batch is cut and joined as hss-parts.ts
// says, so the output is byte for byte what generateBatch gives on one thread with the same RANDs.

import { joinParts, splitBatch, taskTransferables } from './hss-parts.js';
import type { PoolBatchInput, PoolResult, PoolTask } from './hss-parts.js';
import type { BatchResult } from './hss.js';

/** Options of an HssWebPool. */
export interface HssWebPoolOptions {
  /** Workers; navigator.hardwareConcurrency by default. */
  readonly workers?: number;
  /** Where the worker module is, if a bundler moved it (default: hss-web-worker.js beside this file). */
  readonly workerUrl?: string | URL;
}

interface Pending {
  resolve(result: PoolResult): void;
  reject(error: Error): void;
}

/**
 * Web Workers running generateBatch (TS 33.102 clause 6.3.2, Annex C.1). Call destroy() when done.
 * If a worker fails (its module cannot be loaded, say), the calls running and every later call are
 * rejected with the reason: a pool that has lost a worker is not used again (make a new one).
 */
export class HssWebPool {
  readonly #workers: Worker[];
  readonly #pending = new Map<number, Pending>();
  /** Why the pool can no longer work (a worker failed, or destroy()); every later call is refused with it. */
  #broken: Error | undefined;
  #nextId = 0;
  #turn = 0;

  constructor(options: HssWebPoolOptions = {}) {
    const count = options.workers ?? globalThis.navigator?.hardwareConcurrency ?? 2;
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`workers must be a whole number of at least 1, got ${count}`);
    const url = options.workerUrl ?? new URL('./hss-web-worker.js', import.meta.url);
    this.#workers = Array.from({ length: count }, () => {
      const worker = new Worker(url, { type: 'module' });
      worker.onmessage = (event: MessageEvent<{ id: number; result?: PoolResult; error?: string }>) => this.#settle(event.data);
      worker.onerror = (event: ErrorEvent) => {
        // Handled here: unhandled, Deno ends the whole process and browsers log it as uncaught.
        event.preventDefault();
        // A module that cannot be loaded gives a bare Event, with no message.
        const why = event.message || 'its module could not be loaded, or threw while loading';
        this.#break(new Error(`HssWebPool: a worker (${String(url)}) failed: ${why}`));
      };
      worker.onmessageerror = () => this.#break(new Error('HssWebPool: a message from a worker could not be deserialised'));
      return worker;
    });
  }

  /** generateBatch (packed columns) over the workers: the same vectors and states, on all cores. */
  async generateBatch(input: PoolBatchInput): Promise<BatchResult> {
    const { tasks, count } = splitBatch(input, this.#workers.length * 4);
    const results = await Promise.all(tasks.map((task) => this.#run(task)));
    return joinParts(results, count);
  }

  #run(task: PoolTask): Promise<PoolResult> {
    // A failed or terminated worker never answers: refuse rather than wait for ever.
    if (this.#broken !== undefined) return Promise.reject(this.#broken);
    const id = this.#nextId++;
    const worker = this.#workers[this.#turn++ % this.#workers.length]!;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, task }, taskTransferables(task));
    });
  }

  #settle({ id, result, error }: { id: number; result?: PoolResult; error?: string }): void {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (error !== undefined) pending?.reject(new Error(error));
    else pending?.resolve(result!);
  }

  /** The pool is out of use from now on: the calls running are rejected, and so is every later one. */
  #break(error: Error): void {
    this.#broken ??= error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }

  /** Stops the workers; calls still running, and any made later, are rejected. */
  destroy(): void {
    for (const worker of this.#workers) worker.terminate();
    this.#break(new Error('HssWebPool: destroyed'));
  }
}
