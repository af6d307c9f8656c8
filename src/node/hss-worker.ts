// A worker thread of the HSS pool (hss-pool.ts): its own WebAssembly core, started synchronously
// from the embedded module, and generateBatch over the part of the batch it is handed.

import { Piscina } from 'piscina';
import { initSync } from '../wasm.js';
import { runPart, transferables } from '../hss-parts.js';
import type { PoolResult, PoolTask } from '../hss-parts.js';

initSync();

/** Piscina's task function: one part of a batch, its RANDs drawn by the parent; the result's buffers are moved back. */
export default function run(task: PoolTask): unknown {
  const result = runPart(task);
  const movable = {
    get [Piscina.transferableSymbol]() { return transferables(result); },
    get [Piscina.valueSymbol](): PoolResult { return result; },
  };
  // piscina types its two symbols as unique symbols that a computed key cannot carry.
  return Piscina.move(movable as unknown as Parameters<typeof Piscina.move>[0]);
}
