// A worker thread of the HSS pool (hss-pool.ts): its own WebAssembly core, started synchronously
// from the embedded module, and generateBatch over the part of the batch it is handed.

import { initSync } from '../wasm.js';
import { generateBatch } from '../hss.js';
import type { BatchInput, BatchResult } from '../hss.js';

initSync();

/** Piscina's task function: one part of a batch, its RANDs drawn by the parent. */
export default function run(task: BatchInput): BatchResult {
  return generateBatch(task);
}
