// HssWebPool's bookkeeping on Node.js, where no Web Worker exists: a stand-in Worker class runs
// the worker body (runPart) on this thread (a structured clone in, one out, as a real worker would), or fails
// the way a worker whose module cannot be loaded does. The real workers are tested on Deno, Bun and
// Chromium (test/runtimes/).
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { HssWebPool, generateBatch, initialSqnState } from '../src/index.js';
import { runPart } from '../src/hss-parts.js';
import type { PoolTask } from '../src/hss-parts.js';

type Behaviour = 'work' | 'fail-to-load' | 'garble';

/** A stand-in for the Web Worker of hss-web-worker.ts; `behaviour` is read when one is made. */
class FakeWorker {
  static behaviour: Behaviour = 'work';
  static made: FakeWorker[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message?: string; preventDefault(): void }) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  readonly url: string;
  readonly behaviour = FakeWorker.behaviour;
  defaultPrevented = false;
  terminated = false;

  constructor(url: string | URL, options: { type?: string }) {
    this.url = String(url);
    expect(options.type).toBe('module');
    FakeWorker.made.push(this);
    // A browser gives a bare Event, without a message, when the module cannot be loaded.
    if (this.behaviour === 'fail-to-load') setTimeout(() => this.onerror?.({ preventDefault: () => { this.defaultPrevented = true; } }));
  }

  postMessage({ id, task }: { id: number; task: PoolTask }): void {
    if (this.terminated || this.behaviour === 'fail-to-load') return; // a dead worker never answers
    const copy = structuredClone(task);
    setTimeout(() => {
      if (this.behaviour === 'garble') this.onmessageerror?.();
      else this.onmessage?.({ data: structuredClone({ id, result: runPart(copy) }) });
    });
  }

  terminate(): void {
    this.terminated = true;
  }
}

function withFakeWorkers(behaviour: Behaviour): void {
  FakeWorker.behaviour = behaviour;
  FakeWorker.made = [];
  (globalThis as { Worker?: unknown }).Worker = FakeWorker;
}

afterEach(() => {
  delete (globalThis as { Worker?: unknown }).Worker;
});

function batch(subscribers: number) {
  const counts = Array.from({ length: subscribers }, (_, i) => i % 4);
  const n = counts.reduce((a, b) => a + b, 0);
  return {
    k: new Uint8Array(randomBytes(16 * subscribers)), opc: new Uint8Array(randomBytes(16 * subscribers)), counts,
    states: counts.map((_, i) => initialSqnState(i * 33)), amf: Uint8Array.of(0x80, 0), rand: new Uint8Array(randomBytes(16 * n)),
  };
}

describe('HssWebPool with stand-in workers', () => {
  it('joins the parts into the single-thread output', async () => {
    withFakeWorkers('work');
    const pool = new HssWebPool({ workers: 3, workerUrl: 'https://example.org/w.js' });
    const input = batch(300);
    const pooled = await pool.generateBatch(input), single = generateBatch(input);
    expect(FakeWorker.made).toHaveLength(3);
    expect(pooled.vectors.count).toBe(single.vectors.count);
    for (const c of ['rand', 'xres', 'ck', 'ik', 'ak', 'autn', 'sqn'] as const) expect(pooled.vectors[c], c).toEqual(single.vectors[c]);
    expect(pooled.states).toEqual(single.states);
    pool.destroy();
    expect(FakeWorker.made.every((w) => w.terminated)).toBe(true);
  });

  it('rejects the call running and every later one when a worker module cannot be loaded, instead of waiting for ever', async () => {
    withFakeWorkers('fail-to-load');
    const pool = new HssWebPool({ workers: 2, workerUrl: 'https://example.org/missing.js' });
    const message = 'HssWebPool: a worker (https://example.org/missing.js) failed: its module could not be loaded, or threw while loading';
    await expect(pool.generateBatch(batch(20))).rejects.toThrow(message);
    await expect(pool.generateBatch(batch(20))).rejects.toThrow(message);
    // Handled: Deno would otherwise end the process, and a browser log it as uncaught.
    expect(FakeWorker.made.some((w) => w.defaultPrevented)).toBe(true);
    pool.destroy();
  });

  it('rejects a call whose answer cannot be deserialised', async () => {
    withFakeWorkers('garble');
    const pool = new HssWebPool({ workers: 1 });
    await expect(pool.generateBatch(batch(10))).rejects.toThrow('HssWebPool: a message from a worker could not be deserialised');
    pool.destroy();
  });

  it('rejects calls made after destroy()', async () => {
    withFakeWorkers('work');
    const pool = new HssWebPool({ workers: 2 });
    pool.destroy();
    await expect(pool.generateBatch(batch(10))).rejects.toThrow('HssWebPool: destroyed');
  });

  it('still throws caller mistakes first, naming the field', async () => {
    withFakeWorkers('work');
    const pool = new HssWebPool({ workers: 1 });
    pool.destroy();
    await expect(pool.generateBatch({ ...batch(4), k: new Uint8Array(15) })).rejects.toThrow(/^k must be a Uint8Array of 16 bytes per subscriber, got 15 bytes/);
    expect(() => new HssWebPool({ workers: 0 })).toThrow(new RangeError('workers must be a whole number of at least 1, got 0'));
  });
});
