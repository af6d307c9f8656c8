// The HSS / AuC: batches of authentication vectors (TS 33.102 clause 6.3.2) with their sequence
// numbers managed as Annex C.1 says (hss-sqn.ts), for one subscriber over any AkaAlgorithm or for
// many Milenage subscribers in one call into the core (milenageBatch); and resynchronisation from
// an AUTS (clauses 6.3.3 and 6.3.5).

import { checkBytes, checkColumn, constantTimeEqual, describe } from './bytes.js';
import { Milenage, milenageBatch } from './milenage.js';
import type { AuthenticationVector, AuthenticationVectorBatch, MilenageConstants } from './milenage.js';
import { buildAutn } from './aka-algorithm.js';
import type { AkaAlgorithm } from './aka-algorithm.js';
import { checkSqnState, planSqns } from './hss-sqn.js';
import type { SqnPlan, SqnPolicy, SqnState } from './hss-sqn.js';
import { SQN_MAX, checkWhole, splitSqn, sqnFromBytes, sqnToBytes } from './sqn.js';

/** Options of one subscriber's batch. */
export interface VectorOptions extends SqnPolicy {
  /** How many vectors. */
  readonly count: number;
  /** AMF of every vector, 2 bytes (see setSeparationBit for EPS / 5G). */
  readonly amf: Uint8Array;
  /** The RANDs, 16 bytes per vector, instead of fresh random ones: for tests and worker pools. */
  readonly rand?: Uint8Array;
}

/** An authentication vector with the sequence number it carries. */
export interface HssVector extends AuthenticationVector {
  /** SQN = SEQ || IND, the 48-bit number hidden in AUTN. */
  readonly sqn: number;
}

/** The largest request crypto.getRandomValues serves at once (Web Crypto: 65,536 bytes). */
const RANDOM_CHUNK = 65536;

/** `length` fresh random bytes: one getRandomValues call per 64 KiB (4,096 RANDs). */
export function randomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; at += RANDOM_CHUNK) {
    crypto.getRandomValues(bytes.subarray(at, Math.min(length, at + RANDOM_CHUNK)));
  }
  return bytes;
}

/** The given RAND column, checked, or fresh random RANDs (clause 6.3.2: RAND is unpredictable). */
function rands(given: Uint8Array | undefined, count: number): Uint8Array {
  return given === undefined ? randomBytes(16 * count) : checkColumn('rand', given, 16, count);
}

/** One vector over the AkaAlgorithm interface (clause 6.3.2, figure 8). */
function vectorOf(algorithm: AkaAlgorithm, rand: Uint8Array, sqn: number, amf: Uint8Array): HssVector {
  const sqnBytes = sqnToBytes(sqn);
  // Milenage computes every output in one call into the core; f2345 and f1 would take two.
  if (algorithm instanceof Milenage) return { ...algorithm.vector(rand, sqnBytes, amf), rand: new Uint8Array(rand), sqn };
  const { res, ck, ik, ak } = algorithm.f2345(rand);
  const autn = buildAutn(sqnBytes, ak, amf, algorithm.f1(rand, sqnBytes, amf));
  return { rand: new Uint8Array(rand), xres: res, ck, ik, ak, autn, sqn };
}

/**
 * A batch of `count` authentication vectors for one subscriber (TS 33.102 clause 6.3.2), in the
 * order the serving node must use them, each with a fresh RAND and its own SQN (Annex C.1), and
 * the subscriber's new SQN state for the caller to persist.
 */
export function generateVectors(
  algorithm: AkaAlgorithm, state: SqnState, options: VectorOptions,
): { vectors: HssVector[]; state: SqnState } {
  const amf = checkBytes('amf', options?.amf, 2);
  const plan = planSqns(state, options.count, options);
  const rand = rands(options.rand, plan.sqns.length);
  const vectors = plan.sqns.map((sqn, i) => vectorOf(algorithm, rand.subarray(16 * i, 16 * i + 16), sqn, amf));
  return { vectors, state: plan.state };
}

/** One subscriber of a batch given as objects. */
export interface BatchSubscriber {
  /** Milenage: K, 16 bytes, with `opc` or `op`. */
  readonly k?: Uint8Array;
  readonly opc?: Uint8Array;
  readonly op?: Uint8Array;
  /** Any other algorithm set (XOR, TUAK): the subscriber's AkaAlgorithm, instead of K. */
  readonly algorithm?: AkaAlgorithm;
  readonly state: SqnState;
  readonly count: number;
  /** This subscriber's AMF, or the batch's. */
  readonly amf?: Uint8Array;
}

/** Input of generateBatch: packed Milenage columns, or a list of subscribers. */
export interface BatchInput extends SqnPolicy {
  /** Subscribers as objects; or give the packed columns below. */
  readonly subscribers?: readonly BatchSubscriber[];
  /** K of each subscriber, 16 bytes each, packed. */
  readonly k?: Uint8Array;
  /** OPc (or `op`) of each subscriber, 16 bytes each, packed. */
  readonly opc?: Uint8Array;
  readonly op?: Uint8Array;
  /** Each subscriber's SQN state. */
  readonly states?: readonly SqnState[];
  /** Vectors per subscriber. */
  readonly counts?: ArrayLike<number>;
  /** AMF: 2 bytes for all, or 2 bytes per subscriber. */
  readonly amf?: Uint8Array;
  /** RANDs, 16 bytes per vector, instead of fresh random ones (tests, worker pools). */
  readonly rand?: Uint8Array;
  /** Operator constants of Milenage (TS 35.206 clause 4.1). */
  readonly constants?: Partial<MilenageConstants>;
}

/** Vectors as packed columns (see STRIDES; XRES is `resLength` bytes each) with an SQN column. */
export interface HssVectorBatch extends AuthenticationVectorBatch {
  /** SQN of each vector, 6 bytes each, big-endian. */
  readonly sqn: Uint8Array;
  /** Bytes per XRES: 8 for Milenage. */
  readonly resLength: number;
}

/** The result of generateBatch: the vectors, subscriber after subscriber, and the new states. */
export interface BatchResult {
  readonly vectors: HssVectorBatch;
  readonly states: SqnState[];
}

/** Milenage subscribers as packed columns, checked. */
interface MilenageColumns {
  k: Uint8Array;
  opc?: Uint8Array;
  op?: Uint8Array;
  states: readonly SqnState[];
  counts: ArrayLike<number>;
  amf: Uint8Array;
}

/**
 * Authentication vectors for many subscribers in one call (TS 33.102 clause 6.3.2, Annex C.1).
 * Milenage subscribers go through milenageBatch, one call into the core for the whole batch;
 * subscribers given with an `algorithm` are computed one by one over the AkaAlgorithm interface.
 * Every SQN is planned before anything is computed, so a subscriber whose SQN is exhausted makes
 * the whole call throw and no state changes.
 */
export function generateBatch(input: BatchInput): BatchResult {
  if (input.subscribers !== undefined) {
    if (!Array.isArray(input.subscribers)) throw new TypeError(`subscribers must be an array, got ${describe(input.subscribers)}`);
    if (input.subscribers.some((s) => s?.algorithm !== undefined)) return algorithmBatch(input, input.subscribers);
    return milenageColumnsBatch(input, packSubscribers(input.subscribers, input.amf));
  }
  return milenageColumnsBatch(input, checkColumns(input));
}

function checkColumns(input: BatchInput): MilenageColumns {
  if (!(input.k instanceof Uint8Array) || input.k.length % 16 !== 0) {
    const got = input.k instanceof Uint8Array ? `${input.k.length} bytes` : describe(input.k);
    throw new RangeError(`k must be a Uint8Array of 16 bytes per subscriber, got ${got}`);
  }
  const subscribers = input.k.length / 16;
  if (!Array.isArray(input.states) || input.states.length !== subscribers) {
    throw new RangeError(`states must have one entry per subscriber (${subscribers}), got ${input.states?.length}`);
  }
  if (input.counts === undefined || input.counts.length !== subscribers) {
    throw new RangeError(`counts must have one entry per subscriber (${subscribers}), got ${input.counts?.length}`);
  }
  const amf = input.amf?.length === 2 ? input.amf : checkColumn('amf', input.amf, 2, subscribers);
  return { k: input.k, opc: input.opc, op: input.op, states: input.states, counts: input.counts, amf };
}

/** The subscriber objects as Milenage columns. */
function packSubscribers(subscribers: readonly BatchSubscriber[], amf: Uint8Array | undefined): MilenageColumns {
  const n = subscribers.length;
  const fromOp = subscribers[0]?.op !== undefined;
  const k = new Uint8Array(16 * n), op = new Uint8Array(16 * n), amfs = new Uint8Array(2 * n);
  subscribers.forEach((s, i) => {
    const field = `subscribers[${i}]`;
    k.set(checkBytes(`${field}.k`, s.k, 16), 16 * i);
    if ((s.op !== undefined) !== fromOp || (s.op === undefined) === (s.opc === undefined)) {
      throw new TypeError(`${field}: give exactly one of op and opc, the same one for every subscriber`);
    }
    op.set(checkBytes(`${field}.${fromOp ? 'op' : 'opc'}`, fromOp ? s.op : s.opc, 16), 16 * i);
    amfs.set(checkBytes(`${field}.amf`, s.amf ?? amf, 2), 2 * i);
  });
  return {
    k, ...(fromOp ? { op } : { opc: op }), amf: amfs,
    states: subscribers.map((s) => s.state), counts: subscribers.map((s) => s.count),
  };
}

/** Each subscriber's plan; throws before anything is computed if one cannot be made. */
function plans(states: readonly SqnState[], counts: ArrayLike<number>, policy: SqnPolicy): SqnPlan[] {
  return states.map((state, i) => {
    try {
      return planSqns(state, counts[i]!, policy);
    } catch (error) {
      if (error instanceof Error) error.message = `subscriber ${i}: ${error.message}`;
      throw error;
    }
  });
}

function milenageColumnsBatch(input: BatchInput, columns: MilenageColumns): BatchResult {
  const planned = plans(columns.states, columns.counts, input);
  const n = planned.reduce((sum, p) => sum + p.sqns.length, 0);
  const sqn = sqnColumn(planned, n);
  const vectors = milenageBatch({
    k: columns.k, ...(columns.op ? { op: columns.op } : { opc: columns.opc! }),
    counts: planned.map((p) => p.sqns.length), rand: rands(input.rand, n), sqn, amf: amfColumn(columns.amf, planned, n),
    ...(input.constants ? { constants: input.constants } : {}),
  });
  return { vectors: { ...vectors, sqn, resLength: 8 }, states: planned.map((p) => p.state) };
}

/** Every planned SQN, 6 bytes big-endian each, written through one DataView (this loop is hot). */
function sqnColumn(planned: readonly SqnPlan[], n: number): Uint8Array {
  const column = new Uint8Array(6 * n), view = new DataView(column.buffer);
  let at = 0;
  for (const plan of planned) {
    for (const value of plan.sqns) {
      const high = Math.floor(value / 2 ** 32);
      view.setUint16(at, high);
      view.setUint32(at + 2, value - high * 2 ** 32);
      at += 6;
    }
  }
  return column;
}

/** One AMF for all (milenageBatch repeats it), or each subscriber's AMF repeated over its vectors. */
function amfColumn(amf: Uint8Array, planned: readonly SqnPlan[], n: number): Uint8Array {
  if (amf.length === 2) return n === 0 ? new Uint8Array(0) : amf;
  const column = new Uint8Array(2 * n);
  let r = 0;
  planned.forEach((plan, s) => {
    for (let j = 0; j < plan.sqns.length; j++, r++) {
      column[2 * r] = amf[2 * s]!;
      column[2 * r + 1] = amf[2 * s + 1]!;
    }
  });
  return column;
}

/** Subscribers with their own AkaAlgorithm, one after the other, packed like milenageBatch. */
function algorithmBatch(input: BatchInput, subscribers: readonly BatchSubscriber[]): BatchResult {
  subscribers.forEach((s, i) => {
    if (typeof s?.algorithm?.f2345 !== 'function') {
      throw new TypeError(`subscribers[${i}].algorithm must be an AkaAlgorithm, got ${describe(s?.algorithm)} (give every subscriber one, or none)`);
    }
  });
  const resLength = subscribers[0]?.algorithm!.sizes.res ?? 8;
  const macLength = subscribers[0]?.algorithm!.sizes.mac ?? 8;
  subscribers.forEach((s, i) => {
    if (s.algorithm!.sizes.res !== resLength || s.algorithm!.sizes.mac !== macLength) {
      throw new RangeError(`subscribers[${i}].algorithm must have the RES and MAC sizes of the first (${resLength}, ${macLength})`);
    }
  });
  const planned = plans(subscribers.map((s) => s.state), subscribers.map((s) => s.count), input);
  const n = planned.reduce((sum, p) => sum + p.sqns.length, 0);
  const rand = rands(input.rand, n);
  const out = emptyColumns(n, resLength, 8 + macLength);
  out.rand.set(rand);
  let r = 0;
  planned.forEach((plan, s) => {
    const amf = checkBytes(`subscribers[${s}].amf`, subscribers[s]!.amf ?? input.amf, 2);
    for (const sqn of plan.sqns) {
      const v = vectorOf(subscribers[s]!.algorithm!, rand.subarray(16 * r, 16 * r + 16), sqn, amf);
      out.xres.set(v.xres, resLength * r);
      out.ck.set(v.ck, 16 * r);
      out.ik.set(v.ik, 16 * r);
      out.ak.set(v.ak, 6 * r);
      out.autn.set(v.autn, (8 + macLength) * r);
      out.sqn.set(sqnToBytes(sqn), 6 * r++);
    }
  });
  return { vectors: out, states: planned.map((p) => p.state) };
}

function emptyColumns(n: number, resLength: number, autnLength: number): HssVectorBatch {
  return {
    count: n, resLength, rand: new Uint8Array(16 * n), xres: new Uint8Array(resLength * n),
    ck: new Uint8Array(16 * n), ik: new Uint8Array(16 * n), ak: new Uint8Array(6 * n),
    autn: new Uint8Array(autnLength * n), sqn: new Uint8Array(6 * n),
  };
}

/** Why an AUTS was refused: the wrong size (or not bytes at all), or a MAC-S that does not verify. */
export type ResyncFailure = 'malformed' | 'mac-s';

/** The outcome of resynchronise. */
export type ResyncResult =
  | { readonly ok: true; readonly sqnMs: number; readonly state: SqnState }
  | { readonly ok: false; readonly reason: ResyncFailure };

/** Options of resynchronise. */
export interface ResyncOptions {
  /**
   * Δ of Annex C.2.1, if the operator wants clause 6.3.5 step 4: when SQN_HE is ahead of SQN_MS
   * by at most Δ, the USIM would accept the next SQN_HE, and the state is kept. Without it, the
   * state is always reset to SQN_MS (step 5).
   */
  readonly delta?: number;
}

/** The dummy AMF* of clause 6.3.3, all zero. */
const DUMMY_AMF = new Uint8Array(2);

/**
 * Resynchronisation (TS 33.102 clauses 6.3.3 and 6.3.5): from the RAND and AUTS a serving node
 * returns, SQN_MS = AUTS[0..5] xor f5*(RAND); MAC-S = f1*(SQN_MS, RAND, AMF* = 0) compared in
 * constant time; on success the state from which the next batch starts: SQN_HE reset to SQN_MS
 * (so the next SEQ is above every SEQ the USIM has accepted). The RAND and AUTS are network data:
 * anything wrong with them yields a reason, never an exception, and the old state stays as it was.
 */
export function resynchronise(
  algorithm: AkaAlgorithm, state: SqnState, rand: unknown, auts: unknown, options: ResyncOptions = {},
): ResyncResult {
  checkSqnState('state', state);
  if (options.delta !== undefined) checkWhole('delta', options.delta, SQN_MAX);
  const macLength = algorithm.sizes.mac;
  if (!(rand instanceof Uint8Array) || rand.length !== 16) return { ok: false, reason: 'malformed' };
  if (!(auts instanceof Uint8Array) || auts.length !== 6 + macLength) return { ok: false, reason: 'malformed' };
  const akStar = algorithm.f5star(rand);
  const sqnMs = new Uint8Array(6);
  for (let i = 0; i < 6; i++) sqnMs[i] = auts[i]! ^ akStar[i]!;
  const xmacS = algorithm.f1star(rand, sqnMs, DUMMY_AMF);
  if (!constantTimeEqual(xmacS, auts.subarray(6))) return { ok: false, reason: 'mac-s' };
  const value = sqnFromBytes(sqnMs);
  return { ok: true, sqnMs: value, state: stateAfterResync(state, value, options.delta) };
}

/** Clause 6.3.5 steps 4 and 5: keep SQN_HE if the USIM would accept its successor, else SQN_MS. */
function stateAfterResync(state: SqnState, sqnMs: number, delta: number | undefined): SqnState {
  const { seq, ind } = splitSqn(sqnMs, state.indBits);
  if (delta !== undefined && state.seqHe >= seq && state.seqHe + 1 - seq <= delta) return state;
  return { seqHe: seq, indHe: ind, indBits: state.indBits };
}
