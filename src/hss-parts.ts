// Cutting an HSS batch into parts for worker threads and joining their results, shared by the
// piscina pool of Node.js (node/hss-pool.ts) and the Web Worker pool of Deno, Bun and browsers
// (hss-web-pool.ts). The parent checks the input, plans every SQN (so an exhausted subscriber fails
// the whole call before any work) and draws every RAND; each part is a run of whole subscribers, so
// the joined output is byte for byte what generateBatch gives on one thread with the same RANDs.

import { checkColumn } from './bytes.js';
import { planSqns } from './hss-sqn.js';
import type { SqnState } from './hss-sqn.js';
import { generateBatch, randomBytes } from './hss.js';
import type { BatchInput, BatchResult, HssVectorBatch } from './hss.js';

/** A batch in packed Milenage columns, as generateBatch takes it (the subscribers form is not taken). */
export type PoolBatchInput = Omit<BatchInput, 'subscribers'> & {
  readonly k: Uint8Array; readonly states: readonly SqnState[]; readonly counts: ArrayLike<number>; readonly amf: Uint8Array;
};

/**
 * A part as it travels to a worker: the SQN states packed three numbers each (SEQ_HE, IND_HE, IND
 * length) in one Float64Array, since cloning ten thousand small objects each way cost more than
 * the vectors themselves; every buffer is the part's own, so it is transferred, not copied.
 */
export type PoolTask = Omit<BatchInput, 'states' | 'subscribers'> & { readonly states: Float64Array };

/** A part's result as it travels back: the columns, and the new states packed as in PoolTask. */
export interface PoolResult {
  readonly vectors: HssVectorBatch;
  readonly states: Float64Array;
}

function packStates(states: readonly SqnState[]): Float64Array {
  const packed = new Float64Array(3 * states.length);
  states.forEach((state, i) => packed.set([state.seqHe, state.indHe, state.indBits], 3 * i));
  return packed;
}

function unpackStates(packed: Float64Array): SqnState[] {
  const states: SqnState[] = new Array(packed.length / 3);
  for (let i = 0; i < states.length; i++) {
    states[i] = { seqHe: packed[3 * i]!, indHe: packed[3 * i + 1]!, indBits: packed[3 * i + 2]! };
  }
  return states;
}

/** What a worker does with a part: generateBatch on one thread, with the states unpacked and packed again. */
export function runPart(task: PoolTask): PoolResult {
  const result = generateBatch({ ...task, states: unpackStates(task.states) });
  return { vectors: result.vectors, states: packStates(result.states) };
}

/** Bytes per vector of each output column (Milenage: XRES 8, AUTN 16). */
const COLUMNS = { rand: 16, xres: 8, ck: 16, ik: 16, ak: 6, autn: 16, sqn: 6 } as const;
type Column = keyof typeof COLUMNS;

/** A copy of bytes [from, to) that owns its buffer, so that only it travels to a worker. */
const own = (bytes: Uint8Array, from: number, to: number): Uint8Array => Uint8Array.prototype.slice.call(bytes, from, to);

/** The batch checked, planned and cut into at most `parts` tasks of whole subscribers, in order. */
export function splitBatch(input: PoolBatchInput, parts: number): { tasks: PoolTask[]; count: number } {
  const subscribers = checkSubscribers(input);
  const counts = input.states.map((state, i) => planSqns(state, input.counts[i]!, input).sqns.length);
  const n = counts.reduce((a, b) => a + b, 0);
  const rand = input.rand === undefined ? randomBytes(16 * n) : checkColumn('rand', input.rand, 16, n);
  const tasks: PoolTask[] = [];
  let vector = 0;
  for (const [first, end] of runs(counts, Math.max(1, Math.ceil(n / parts)))) {
    const size = counts.slice(first, end).reduce((a, b) => a + b, 0);
    tasks.push(partOf(input, first, end, own(rand, 16 * vector, 16 * (vector + size)), subscribers));
    vector += size;
  }
  return { tasks, count: n };
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

/** Runs of whole subscribers [first, end) of about `target` vectors each. */
function runs(counts: readonly number[], target: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let first = 0, vectors = 0;
  counts.forEach((count, s) => {
    vectors += count;
    if (vectors >= target) {
      out.push([first, s + 1]);
      first = s + 1;
      vectors = 0;
    }
  });
  if (first < counts.length || out.length === 0) out.push([first, counts.length]);
  return out;
}

/** The task of subscribers [first, end): their columns copied out. */
function partOf(input: PoolBatchInput, first: number, end: number, rand: Uint8Array, subscribers: number): PoolTask {
  const { k, op, opc, amf, states, counts, node, nodes, clock, constants } = input;
  const keys = (column: Uint8Array) => own(column, 16 * first, 16 * end);
  return {
    k: keys(k), ...(op ? { op: keys(op) } : { opc: keys(opc!) }),
    states: packStates(states.slice(first, end)), counts: Array.from(counts).slice(first, end),
    amf: amf.length === 2 && subscribers !== 1 ? own(amf, 0, 2) : own(amf, 2 * first, 2 * end),
    rand, node, nodes, clock, constants,
  };
}

/** The parts' columns and states, joined in order. */
export function joinParts(parts: readonly PoolResult[], n: number): BatchResult {
  const columns = Object.fromEntries(Object.entries(COLUMNS).map(([c, stride]) => [c, new Uint8Array(stride * n)])) as Record<Column, Uint8Array>;
  let r = 0;
  for (const { vectors } of parts) {
    for (const c of Object.keys(COLUMNS) as Column[]) columns[c].set(vectors[c], COLUMNS[c] * r);
    r += vectors.count;
  }
  const vectors: HssVectorBatch = { count: n, resLength: 8, ...columns };
  return { vectors, states: parts.flatMap((p) => unpackStates(p.states)) };
}

/** The buffers of a result, to transfer rather than copy it back to the parent. */
export function transferables(result: PoolResult): ArrayBuffer[] {
  return [...new Set([result.vectors.rand.buffer, result.vectors.sqn.buffer, result.states.buffer])] as ArrayBuffer[];
}

/** The buffers of a task, to transfer to the worker: all are the task's own copies (own()), never the caller's. */
export function taskTransferables(task: PoolTask): ArrayBuffer[] {
  const { k, op, opc, amf, rand, states } = task;
  return [...new Set([k, op, opc, amf, rand, states].filter((b) => b !== undefined).map((b) => b!.buffer))] as ArrayBuffer[];
}
