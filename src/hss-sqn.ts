// The HSS / AuC side of SQN management, TS 33.102 Annex C.1: the subscriber's counter
// SQN_HE = SEQ_HE || IND_HE, the next SEQ from the counter alone (C.1.1.2) or with a global clock
// GLC (C.1.1.1 item 5, C.1.1.3), and the choice of IND per requesting node or in turn (C.1.2). The
// state is a plain JSON-safe value: the caller persists it, the library holds no database.

import { DEFAULT_IND_BITS, SQN_BITS, checkIndBits, checkWhole, joinSqn } from './sqn.js';
import { describe } from './bytes.js';

/** A subscriber's SQN_HE (Annex C.1.1.1 item 2), as the caller stores it between batches. */
export interface SqnState {
  /** SEQ_HE: the SEQ of the last sequence number issued (0 before the first). */
  readonly seqHe: number;
  /** IND_HE: the IND of the last sequence number issued; the next cycled IND follows it. */
  readonly indHe: number;
  /** The IND length in bits (Annex C.1.2; 5 by default): it fixes how SQN splits. */
  readonly indBits: number;
}

/**
 * The global counter GLC of Annex C.1.1.1 items 3 and 4, taken from the caller's clock so that
 * the HSS stays deterministic: SEQ = SEQ1 || SEQ2 with SEQ2 `glcBits` long, GLC computed mod
 * p = 2^glcBits, and D > 0 the largest lead of SEQ2_HE over GLC that is still taken as "ahead".
 * `glcBits` equal to the whole SEQ (48 - indBits) is the time-based scheme of C.1.1.3.
 */
export interface SqnClock {
  /** The clock's current value (any whole number; reduced mod 2^glcBits). */
  readonly glc: number;
  /** n, the length of GLC and SEQ2 in bits. */
  readonly glcBits: number;
  /** D of item 4: 1 <= D < 2^glcBits. */
  readonly d: number;
}

/** How the next batch picks its sequence numbers. */
export interface SqnPolicy {
  /** The requesting serving node's id: IND = nodes[node] (Annex C.1.2). Without it, IND cycles. */
  readonly node?: string;
  /** The operator's node id -> IND table. */
  readonly nodes?: Readonly<Record<string, number>>;
  /** Take SEQ partly or wholly from a clock (C.1.1.1 item 5, C.1.1.3); without it, a counter. */
  readonly clock?: SqnClock;
}

/**
 * Thrown when the next SEQ would not fit in 48 - indBits bits. Annex C.2.1: the USIM accepts only
 * SEQ above what it has seen, so a wrapped SEQ would never be accepted again; the subscription
 * needs a new K (or the SQN space was misconfigured).
 */
export class SqnExhaustedError extends RangeError {
  override name = 'SqnExhaustedError';
}

/** A new subscriber's state: SQN_HE = `sqnHe` (0 by default) split with `indBits` (default 5). */
export function initialSqnState(sqnHe = 0, indBits = DEFAULT_IND_BITS): SqnState {
  checkIndBits('indBits', indBits);
  checkWhole('sqnHe', sqnHe, 2 ** SQN_BITS - 1);
  const size = 2 ** indBits;
  return { seqHe: Math.floor(sqnHe / size), indHe: sqnHe % size, indBits };
}

/** SQN_HE = SEQ_HE || IND_HE of a state (Annex C.1.1.1 item 2). */
export function sqnOfState(state: SqnState): number {
  return joinSqn(state.seqHe, state.indHe, state.indBits);
}

/** Throws a TypeError or RangeError naming `field` unless `state` is a well-formed SqnState. */
export function checkSqnState(field: string, state: unknown): SqnState {
  if (typeof state !== 'object' || state === null) {
    throw new TypeError(`${field} must be an SQN state { seqHe, indHe, indBits }, got ${describe(state)}`);
  }
  const { seqHe, indHe, indBits } = state as Partial<SqnState>;
  checkIndBits(`${field}.indBits`, indBits as number);
  checkWhole(`${field}.seqHe`, seqHe as number, 2 ** (SQN_BITS - indBits!) - 1);
  checkWhole(`${field}.indHe`, indHe as number, 2 ** indBits! - 1);
  return state as SqnState;
}

/** Checks the policy's clock and node table once for a batch. */
export function checkPolicy(policy: SqnPolicy, indBits: number): void {
  const { clock, node, nodes } = policy;
  if (clock !== undefined) {
    if (typeof clock !== 'object' || clock === null) throw new TypeError(`clock must be { glc, glcBits, d }, got ${describe(clock)}`);
    checkWhole('clock.glcBits', clock.glcBits, SQN_BITS - indBits);
    if (clock.glcBits < 1) throw new RangeError('clock.glcBits must be at least 1, got 0');
    checkWhole('clock.d', clock.d, 2 ** clock.glcBits - 1);
    if (clock.d < 1) throw new RangeError('clock.d must be at least 1 (Annex C.1.1.1 item 4: D > 0), got 0');
    checkWhole('clock.glc', clock.glc, Number.MAX_SAFE_INTEGER);
  }
  if (node !== undefined) indOfNode(node, nodes, indBits);
}

function indOfNode(node: string, nodes: SqnPolicy['nodes'], indBits: number): number {
  const ind = nodes !== undefined && Object.hasOwn(nodes, node) ? nodes[node] : undefined;
  if (ind === undefined) throw new RangeError(`node ${JSON.stringify(node)} has no IND in nodes`);
  return checkWhole(`nodes[${JSON.stringify(node)}]`, ind, 2 ** indBits - 1);
}

/**
 * The SEQ after SEQ_HE. Without a clock SEQ_HE + 1 (C.1.1.2). With one, item 5 of C.1.1.1:
 * take GLC when it is ahead of SEQ2_HE, count on when SEQ2_HE is ahead by less than D (or GLC
 * is so far "ahead" that it has in fact wrapped), and start a new SEQ1 when SEQ2_HE is ahead by
 * D or more (GLC has wrapped around p).
 */
export function nextSeq(seqHe: number, clock?: SqnClock): number {
  if (!clock) return seqHe + 1;
  const p = 2 ** clock.glcBits, d = clock.d, glc = clock.glc % p;
  const seq1 = Math.floor(seqHe / p), seq2 = seqHe % p;
  if (seq2 < glc && glc < seq2 + p - d + 1) return seq1 * p + glc;
  if ((glc <= seq2 && seq2 <= glc + d - 1) || seq2 + p - d + 1 <= glc) return seqHe + 1;
  return (seq1 + 1) * p + glc;
}

/** The sequence numbers of a batch, in the order the serving node must use them, and the new state. */
export interface SqnPlan {
  readonly sqns: readonly number[];
  readonly state: SqnState;
}

/**
 * `count` sequence numbers for one batch (Annex C.1.1.1: generated one after the other, so no
 * two are equal and each is above SQN_HE): IND from the node or the next in turn (C.1.2), one
 * IND for the whole batch, since one serving node uses it in order. Throws SqnExhaustedError,
 * leaving nothing changed, if SEQ would leave its 48 - indBits bits.
 */
export function planSqns(state: SqnState, count: number, policy: SqnPolicy = {}): SqnPlan {
  const { indBits } = checkSqnState('state', state);
  checkWhole('count', count, 2 ** (SQN_BITS - indBits) - 1);
  checkPolicy(policy, indBits);
  if (count === 0) return { sqns: [], state };
  const ind = policy.node !== undefined ? indOfNode(policy.node, policy.nodes, indBits) : (state.indHe + 1) % 2 ** indBits;
  const seqMax = 2 ** (SQN_BITS - indBits) - 1, size = 2 ** indBits;
  const sqns = new Array<number>(count);
  let seq = state.seqHe;
  for (let i = 0; i < count; i++) {
    seq = policy.clock ? nextSeq(seq, policy.clock) : seq + 1;
    if (seq > seqMax) {
      throw new SqnExhaustedError(
        `SQN exhausted: SEQ would pass ${seqMax} (48 - ${indBits} bits) at vector ${i + 1} of ${count}; ` +
        'a USIM never accepts a wrapped SEQ (TS 33.102 Annex C.2.1)',
      );
    }
    sqns[i] = seq * size + ind; // SEQ || IND; both checked above
  }
  return { sqns, state: { seqHe: seq, indHe: ind, indBits } };
}
