// A Web Worker of the HSS pool for Deno, Bun and browsers (hss-web-pool.ts): its own WebAssembly
// core, started synchronously from the embedded module, and generateBatch over the parts it is
// handed, one message each: { id, task } in, { id, result } or { id, error } out.

import { initSync } from './wasm.js';
import { runPart, transferables } from './hss-parts.js';
import type { PoolTask } from './hss-parts.js';

/** The worker's global scope, as far as it is used here. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<{ id: number; task: PoolTask }>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}
const scope = globalThis as unknown as WorkerScope;

initSync();

scope.onmessage = ({ data: { id, task } }) => {
  try {
    const result = runPart(task);
    scope.postMessage({ id, result }, transferables(result));
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
};
