import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { generateBatch, initialSqnState } from '../src/index.js';
import type { SqnState } from '../src/index.js';
// The pool runs dist/node/hss-worker.js in worker threads, so the test takes the built module.
import { HssPool } from '../dist/node/index.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function columns(subscribers: number, most: number) {
  return {
    k: new Uint8Array(randomBytes(16 * subscribers)), opc: new Uint8Array(randomBytes(16 * subscribers)),
    states: Array.from({ length: subscribers }, (): SqnState => initialSqnState(randomInt(0, 2 ** 40))),
    counts: Array.from({ length: subscribers }, () => randomInt(0, most + 1)),
  };
}

describe('HssPool (piscina worker threads, akacore/node)', () => {
  const pool = new HssPool({ threads: 2 });
  afterAll(() => pool.destroy());

  it('gives the single-thread output byte for byte: 3,000 subscribers, 0 to 8 vectors each', async () => {
    const input = columns(3000, 8);
    const n = input.counts.reduce((a, b) => a + b, 0);
    const rand = new Uint8Array(randomBytes(16 * n)), amf = Uint8Array.of(0x80, 0x00);
    const pooled = await pool.generateBatch({ ...input, amf, rand });
    const single = generateBatch({ ...input, amf, rand });
    expect(pooled.vectors.count).toBe(n);
    for (const c of ['rand', 'xres', 'ck', 'ik', 'ak', 'autn', 'sqn'] as const) {
      expect(hex(pooled.vectors[c]), c).toBe(hex(single.vectors[c]));
    }
    expect(pooled.states).toEqual(single.states);
  });

  it('agrees with per-subscriber AMF, OP instead of OPc, a node and a clock', async () => {
    const input = columns(200, 5);
    const n = input.counts.reduce((a, b) => a + b, 0);
    const rand = new Uint8Array(randomBytes(16 * n)), amf = new Uint8Array(randomBytes(2 * 200));
    const policy = { node: 'mme-7', nodes: { 'mme-7': 17 }, clock: { glc: 123456, glcBits: 24, d: 65536 } };
    const { opc: op, ...rest } = input;
    const pooled = await pool.generateBatch({ ...rest, op, amf, rand, ...policy });
    const single = generateBatch({ ...rest, op, amf, rand, ...policy });
    expect(hex(pooled.vectors.autn)).toBe(hex(single.vectors.autn));
    expect(pooled.states).toEqual(single.states);
  });

  it('draws fresh RANDs in the parent when none are given, one per vector', async () => {
    const input = columns(50, 4);
    const { vectors } = await pool.generateBatch({ ...input, amf: Uint8Array.of(0x80, 0) });
    const rands = new Set(Array.from({ length: vectors.count }, (_, i) => hex(vectors.rand.subarray(16 * i, 16 * i + 16))));
    expect(rands.size).toBe(vectors.count);
  });

  it('refuses the whole batch before any work when one SQN is exhausted, as generateBatch does', async () => {
    const input = columns(10, 3);
    input.states[4] = { seqHe: 2 ** 43 - 1, indHe: 0, indBits: 5 };
    input.counts[4] = 1;
    await expect(pool.generateBatch({ ...input, amf: Uint8Array.of(0, 0) })).rejects.toThrow(/SQN exhausted/);
    await expect(pool.generateBatch({ ...input, opc: undefined, amf: Uint8Array.of(0, 0) })).rejects.toThrow(/give exactly one of op and opc/);
  });
});
