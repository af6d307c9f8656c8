// The ISIM side of AKA (TS 33.102 clause 6.3.3, Annex C.2; TS 33.203 clause 6.1): check the AUTN
// that came with a RAND, answer RES, CK and IK, or AUTS when the sequence number is not fresh. A USIM
// runs the very same procedure; only the application holding the key differs (TS 31.103 vs 31.102).
// Written against AkaAlgorithm only, so Milenage, TUAK and the XOR test algorithm all fit.

import { constantTimeEqual, describe } from './bytes.js';
import { checkUint8Array } from './io.js';
import type { AkaAlgorithm, ChallengeOutputs } from './aka-algorithm.js';
import {
  DEFAULT_IND_BITS, SQN_BITS, checkIndBits, checkWhole, joinSqn, sqnFromBytes, sqnToBytes, splitSqn,
} from './sqn.js';

/**
 * Δ of Annex C.2.1, the largest step SEQ may take ahead of SEQ_MS: 2^28, the value of Annex C.3
 * (the same value UERANSIM's and other software USIMs use).
 */
export const DEFAULT_DELTA = 2 ** 28;
/** L of Annex C.2.2, the limit on how far SEQ may lag behind SEQ_MS: 2^20 (Annex C.3, see README). */
export const DEFAULT_LIMIT = 2 ** 20;
/** AMF* of TS 33.102 clause 6.3.3: the dummy AMF, all zero, that MAC-S is computed over. */
const DUMMY_AMF = new Uint8Array(2);

/** Options of an Isim: the Annex C.2 parameters and the AMF separation-bit check. */
export interface IsimOptions {
  /** Bits of IND at the low end of SQN (Annex C.1.2); the array has 2^indBits entries. Default 5. */
  indBits?: number;
  /** Δ (Annex C.2.1): SQN is refused when SEQ - SEQ_MS > delta. Default 2^28. */
  delta?: number;
  /** L (Annex C.2.2): SQN is refused when SEQ_MS - SEQ >= limit. Default 2^20. */
  limit?: number;
  /**
   * Require the AMF separation bit (bit 0 of AMF, the most significant; TS 33.401 clause 6.1.1 and
   * Annex H, TS 33.102 Annex H) to be 1, as an ME on E-UTRAN or NR does. Default false.
   */
  amfSeparation?: boolean;
}

/** The state an ISIM keeps between runs, as plain JSON (Annex C.2.2: the array SEQ_MS(0..a-1)). */
export interface IsimState {
  /** Bits of IND; seqMs has 2^indBits entries. */
  indBits: number;
  /** SEQ_MS(i), the highest SEQ accepted with IND = i; 0 where none has been. */
  seqMs: number[];
}

/** Why a sequence number was not accepted (Annex C.2.1 and C.2.2). */
export type SyncCause = 'delta' | 'limit' | 'not-fresh';

/** The outcome of authenticate(): keys, or a reason that the AUTN was refused. */
export type IsimResult =
  | { ok: true; res: Uint8Array; ck: Uint8Array; ik: Uint8Array; sqn: Uint8Array }
  | { ok: false; reason: 'malformed' }
  | { ok: false; reason: 'mac' }
  | { ok: false; reason: 'amf' }
  | { ok: false; reason: 'sync'; cause: SyncCause; auts: Uint8Array };

/**
 * An ISIM (or USIM: the procedure is the same) for one subscriber. It uses but does not own the
 * algorithm: dispose of that yourself. Not safe to share between concurrent simulations of the
 * same card, exactly like the card.
 */
export class Isim {
  readonly algorithm: AkaAlgorithm;
  readonly indBits: number;
  readonly delta: number;
  readonly limit: number;
  readonly amfSeparation: boolean;
  readonly #seqMs: number[];
  /** The highest SEQ_MS(i), the SEQ of SQN_MS (Annex C.2.2), kept so each check is O(1). */
  #highestSeq = 0;

  /** A fresh ISIM: every SEQ_MS(i) zero (Annex C.2.2). */
  constructor(algorithm: AkaAlgorithm, options: IsimOptions = {}) {
    if (typeof algorithm?.f2345 !== 'function') {
      throw new TypeError(`algorithm must be an AkaAlgorithm, got ${describe(algorithm)}`);
    }
    this.algorithm = algorithm;
    this.indBits = checkIndBits('options.indBits', options.indBits ?? DEFAULT_IND_BITS);
    const seqMax = 2 ** (SQN_BITS - this.indBits) - 1;
    this.delta = checkWhole('options.delta', options.delta ?? DEFAULT_DELTA, seqMax);
    this.limit = checkWhole('options.limit', options.limit ?? DEFAULT_LIMIT, seqMax + 1);
    if (this.limit === 0) throw new RangeError('options.limit must be at least 1 (L = 0 would refuse every SQN), got 0');
    if (options.amfSeparation !== undefined && typeof options.amfSeparation !== 'boolean') {
      throw new TypeError(`options.amfSeparation must be a boolean, got ${describe(options.amfSeparation)}`);
    }
    this.amfSeparation = options.amfSeparation ?? false;
    this.#seqMs = new Array<number>(2 ** this.indBits).fill(0);
  }

  /**
   * An ISIM restored from exportState(); `options` gives Δ, L and the AMF check (indBits comes
   * from the state). Throws a TypeError or RangeError naming the field that is wrong.
   */
  static fromState(algorithm: AkaAlgorithm, state: IsimState, options: Omit<IsimOptions, 'indBits'> = {}): Isim {
    if (typeof state !== 'object' || state === null) {
      throw new TypeError(`state must be an object { indBits, seqMs }, got ${describe(state)}`);
    }
    const isim = new Isim(algorithm, { ...options, indBits: checkIndBits('state.indBits', state.indBits) });
    const size = 2 ** isim.indBits;
    if (!Array.isArray(state.seqMs)) throw new TypeError(`state.seqMs must be an array, got ${describe(state.seqMs)}`);
    if (state.seqMs.length !== size) {
      throw new RangeError(`state.seqMs must have 2^indBits = ${size} entries, got ${state.seqMs.length}`);
    }
    const seqMax = 2 ** (SQN_BITS - isim.indBits) - 1;
    state.seqMs.forEach((seq, i) => { isim.#seqMs[i] = checkWhole(`state.seqMs[${i}]`, seq, seqMax); });
    isim.#highestSeq = Math.max(...isim.#seqMs);
    return isim;
  }

  /** The SEQ_MS array of Annex C.2.2 to persist, as plain JSON; Isim.fromState() takes it back. */
  exportState(): IsimState {
    return { indBits: this.indBits, seqMs: [...this.#seqMs] };
  }

  /**
   * SQN_MS, "the highest previously accepted sequence number anywhere in the array" (Annex C.2.2),
   * as SEQ_MS(i) || i; 0 when none has been accepted yet.
   */
  get sqnMs(): number {
    let highest = 0;
    this.#seqMs.forEach((seq, ind) => {
      if (seq > 0) highest = Math.max(highest, joinSqn(seq, ind, this.indBits));
    });
    return highest;
  }

  /**
   * The authentication and key agreement of TS 33.102 clause 6.3.3 on the ISIM side. RAND and
   * AUTN = SQN ^ AK || AMF || MAC-A come from the network: a wrong length yields 'malformed', never
   * an exception. In order: MAC-A == XMAC-A (constant time) or 'mac'; the AMF separation bit when
   * asked for, or 'amf'; SQN freshness by Annex C.2 (Δ, L, then the array) or 'sync' with AUTS.
   * Only a success changes the state.
   */
  authenticate(rand: Uint8Array, autn: Uint8Array): IsimResult {
    // Something other than bytes is the caller's mistake; bytes of the wrong length, the network's.
    checkUint8Array('rand', rand);
    checkUint8Array('autn', autn);
    const sizes = this.algorithm.sizes;
    if (rand.length !== 16 || autn.length !== 8 + sizes.mac) return { ok: false, reason: 'malformed' };

    const { sqn, xmac, res, ck, ik } = this.#challenge(rand, autn);
    if (!constantTimeEqual(xmac, autn.subarray(8))) return { ok: false, reason: 'mac' };
    // TS 33.401 Annex H: the separation bit is bit 0 of AMF, the most significant bit of its first byte.
    if (this.amfSeparation && (autn[6]! & 0x80) === 0) return { ok: false, reason: 'amf' };

    const cause = this.#freshness(sqnFromBytes(sqn));
    if (cause !== undefined) return { ok: false, reason: 'sync', cause, auts: this.#auts(rand) };
    return { ok: true, res, ck, ik, sqn };
  }

  /** f2345, SQN = AUTN[0..5] ^ AK and f1: in one call when the algorithm offers challenge(). */
  #challenge(rand: Uint8Array, autn: Uint8Array): ChallengeOutputs {
    if (this.algorithm.challenge) return this.algorithm.challenge(rand, autn);
    const { res, ck, ik, ak } = this.algorithm.f2345(rand);
    const sqn = autn.slice(0, 6).map((b, i) => b ^ ak[i]!);
    const xmac = this.algorithm.f1(rand, sqn, autn.subarray(6, 8));
    return { sqn, xmac, res, ck, ik };
  }

  /** Annex C.2: undefined and SEQ_MS(IND) updated when SQN is fresh, else why it is not. */
  #freshness(sqn: number): SyncCause | undefined {
    const { seq, ind } = splitSqn(sqn, this.indBits);
    const highest = this.#highestSeq;
    // C.2.1, before the freshness conditions: "accepted by the USIM only if SEQ - SEQ_MS <= Δ".
    if (seq - highest > this.delta) return 'delta';
    // C.2.2, before conditions (a) and (b): "accepted by the USIM only if SEQ_MS - SEQ < L".
    if (highest - seq >= this.limit) return 'limit';
    // C.2.2 (b): SEQ <= SEQ_MS(i) is a replay or out of date; (a) otherwise: fresh, remember it.
    if (seq <= this.#seqMs[ind]!) return 'not-fresh';
    this.#seqMs[ind] = seq;
    this.#highestSeq = Math.max(highest, seq);
    return undefined;
  }

  /** AUTS = SQN_MS ^ AK* || MAC-S, MAC-S = f1*(SQN_MS, RAND, AMF* = 0) (clause 6.3.3). */
  #auts(rand: Uint8Array): Uint8Array {
    const sqnMs = sqnToBytes(this.sqnMs);
    const akStar = this.algorithm.f5star(rand);
    const macS = this.algorithm.f1star(rand, sqnMs, DUMMY_AMF);
    const auts = new Uint8Array(6 + macS.length);
    for (let i = 0; i < 6; i++) auts[i] = sqnMs[i]! ^ akStar[i]!;
    auts.set(macS, 6);
    return auts;
  }
}

